#include "core/triggers/trigger_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace backplan::core {
namespace {

// Lanczos approximation (g = 7, 9 terms), relative error near 1e-15 for x > 0.
// Written out because std::lgamma writes the global `signgam` in glibc.
double LogGamma(double x) {
  static constexpr std::array<double, 9> kLanczos = {
      0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
      771.32342877765313,   -176.61502916214059,   12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  if (x < 0.5)  // reflection keeps the series in its accurate range
    return std::log(std::numbers::pi / std::abs(std::sin(std::numbers::pi * x))) -
           LogGamma(1.0 - x);
  x -= 1.0;
  double series = kLanczos[0];
  for (int term = 1; term < 9; ++term)
    series += kLanczos[term] / (x + term);
  const double shifted = x + 7.5;
  return 0.5 * std::log(2.0 * std::numbers::pi) + (x + 0.5) * std::log(shifted) - shifted +
         std::log(series);
}

double LogBeta(double a, double b) {
  return LogGamma(a) + LogGamma(b) - LogGamma(a + b);
}

// Continued fraction of the incomplete beta function, evaluated with the
// modified Lentz method (Numerical Recipes, betacf); converges quickly for
// x < (a + 1) / (a + b + 2), which the caller guarantees.
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
  double fraction = d;
  // One Lentz step: fold the next partial numerator into the fraction and
  // return how much the fraction changed (1 = converged).
  const auto step = [&](double numerator) {
    d = 1.0 + numerator * d;
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1.0 + numerator / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    fraction *= d * c;
    return d * c;
  };
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    step(m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)));
    const double change = step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)));
    if (std::abs(change - 1.0) < kEpsilon)
      break;
  }
  return fraction;
}

// Regularized incomplete beta I_x(a, b).
double RegularizedIncompleteBeta(double a, double b, double x) {
  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  const double log_front = a * std::log(x) + b * std::log1p(-x) - LogBeta(a, b);
  if (x < (a + 1.0) / (a + b + 2.0))
    return std::exp(log_front) * BetaContinuedFraction(a, b, x) / a;
  return 1.0 - std::exp(log_front) * BetaContinuedFraction(b, a, 1.0 - x) / b;
}

double StudentTCdf(double t, double df) {
  const double upper_tail = 0.5 * StudentTTwoSidedP(t, df);
  return t >= 0.0 ? 1.0 - upper_tail : upper_tail;
}

double StudentTDensity(double t, double df) {
  return std::exp(LogGamma(0.5 * (df + 1.0)) - LogGamma(0.5 * df) -
                  0.5 * std::log(df * std::numbers::pi) -
                  0.5 * (df + 1.0) * std::log1p(t * t / df));
}

// z with Φ(z) = probability, for probability >= 0.5: Newton's method from 0,
// which climbs monotonically because Φ is concave above 0.
double NormalUpperQuantile(double probability) {
  double z = 0.0;
  for (int iteration = 0; iteration < 100; ++iteration) {
    const double gap = 0.5 * std::erfc(-z / std::numbers::sqrt2) - probability;
    const double density = std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
    const double next = z - gap / density;
    if (std::abs(next - z) <= 1e-15 * (1.0 + z))
      return next;
    z = next;
  }
  return z;
}

}  // namespace

double StudentTTwoSidedP(double t, double degrees_of_freedom) {
  if (std::isinf(t))
    return 0.0;
  return RegularizedIncompleteBeta(0.5 * degrees_of_freedom, 0.5,
                                   degrees_of_freedom / (degrees_of_freedom + t * t));
}

double StudentTUpperQuantile(double probability, double degrees_of_freedom) {
  // Newton's method on the CDF from the Cornish–Fisher expansion around the
  // normal quantile, which is already close for the degrees of freedom a diary
  // gives, so one or two steps usually suffice. For t > 0 the CDF is concave:
  // a step from below never overshoots, and a step from above that leaves the
  // bracket is replaced by bisection.
  const double z = NormalUpperQuantile(probability);
  const double v = degrees_of_freedom;
  const double z2 = z * z;
  double q = z + z * (z2 + 1.0) / (4.0 * v) + z * ((5.0 * z2 + 16.0) * z2 + 3.0) / (96.0 * v * v) +
             z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / (384.0 * v * v * v);
  double low = 0.0;
  double high = std::numeric_limits<double>::infinity();
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double gap = StudentTCdf(q, v) - probability;
    if (gap == 0.0)
      return q;
    (gap < 0.0 ? low : high) = q;
    double next = q - gap / StudentTDensity(q, v);
    if (!(next > low && next < high))
      next = std::isinf(high) ? 2.0 * q : 0.5 * (low + high);
    if (std::abs(next - q) <= 1e-13 * q)
      return next;
    q = next;
  }
  return q;
}

std::vector<double> HolmAdjust(std::span<const double> p_values) {
  const std::size_t count = p_values.size();
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(count, 1.0);
  double running_max = 0.0;
  for (std::size_t rank = 0; rank < count; ++rank) {
    const double multiplied = static_cast<double>(count - rank) * p_values[order[rank]];
    running_max = std::max(running_max, std::min(1.0, multiplied));
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

ExposureEstimate ExposureRegression::Estimate() const {
  // A column whose variance left after the earlier columns is below this share
  // of its raw second moment carries no information of its own.
  constexpr double kRelativeTolerance = 1e-9;
  ExposureEstimate estimate;
  if (rows_ < kColumns + 1)
    return estimate;
  const double n = rows_;
  std::array<std::array<double, kColumns>, kColumns> factor{};  // lower-triangular L
  int covariates_used = 0;
  for (int j = 0; j < kColumns; ++j) {
    const auto centred = [&](int a, int b) { return products_[a][b] - sums_[a] * sums_[b] / n; };
    double pivot = centred(j, j);
    for (int k = 0; k < j; ++k)
      pivot -= factor[j][k] * factor[j][k];
    const bool redundant = pivot <= kRelativeTolerance * (products_[j][j] + 1.0);
    if (redundant && j < kExposure)
      continue;  // a constant or collinear covariate: leave it out of the model
    if (redundant && j == kExposure)
      return estimate;
    if (j < kExposure)
      ++covariates_used;
    factor[j][j] = std::sqrt(std::max(pivot, 0.0));
    for (int i = j + 1; i < kColumns && factor[j][j] > 0.0; ++i) {
      double value = centred(i, j);
      for (int k = 0; k < j; ++k)
        value -= factor[i][k] * factor[j][k];
      factor[i][j] = value / factor[j][j];
    }
  }
  const int degrees_of_freedom = rows_ - 2 - covariates_used;  // intercept and exposure
  if (degrees_of_freedom < 1)
    return estimate;
  const double residual_sum_of_squares = factor[kOutcome][kOutcome] * factor[kOutcome][kOutcome];
  estimate.estimable = true;
  estimate.coefficient = factor[kOutcome][kExposure] / factor[kExposure][kExposure];
  estimate.standard_error =
      std::sqrt(residual_sum_of_squares / degrees_of_freedom) / factor[kExposure][kExposure];
  estimate.degrees_of_freedom = degrees_of_freedom;
  estimate.covariates_used = covariates_used;
  return estimate;
}

}  // namespace backplan::core
