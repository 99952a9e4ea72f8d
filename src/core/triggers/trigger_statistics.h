#pragma once
// The statistics the trigger finder needs, kept apart so each can be checked
// against published values: Student's t distribution (two-sided p-value and
// quantile), the Holm–Bonferroni adjustment, and a least-squares fit that
// returns only the coefficient of one exposure indicator after two covariates.
// Pure functions and plain values: no I/O, no global state (std::lgamma is
// avoided on purpose because glibc's writes the global `signgam`), so every
// function is safe to call from several threads at once.

#include <array>
#include <span>
#include <vector>

namespace backplan::core {

// P(|T| >= |t|) for Student's t with `degrees_of_freedom` > 0. Returns 1 for
// t = 0 and 0 for an infinite t.
double StudentTTwoSidedP(double t, double degrees_of_freedom);

// The value q with P(T <= q) = probability, for 0.5 <= probability < 1 (the
// upper quantile an interval needs, e.g. 0.975 for 95 %).
double StudentTUpperQuantile(double probability, double degrees_of_freedom);

// Holm–Bonferroni adjusted p-values, in the order of the input: the k-th
// smallest of m p-values is multiplied by (m − k + 1), then made monotone so
// that a smaller raw p never gets a larger adjusted p, and capped at 1.
// Rejecting where adjusted < alpha keeps the family-wise error at alpha.
std::vector<double> HolmAdjust(std::span<const double> p_values);

// What a fit says about the exposure indicator.
struct ExposureEstimate {
  bool estimable = false;  // false: too few rows, or the exposure is a linear
                           // function of the covariates (no separate effect)
  double coefficient = 0.0;
  double standard_error = 0.0;
  int degrees_of_freedom = 0;
  int covariates_used = 0;  // a covariate constant over the rows is left out
};

// Ordinary least squares of an outcome on an intercept, two covariates and an
// exposure indicator, accumulated one row at a time in a single pass. With
// whole-number pain ratings and a 0/1 exposure every sum is an integer well
// below 2^53, so adding and removing rows is exact. The
// exposure's coefficient comes from a Cholesky factor of the centred
// cross-product matrix of [covariates, exposure, outcome]: its last column holds
// the exposure's partial regression (Frisch–Waugh), so no matrix is inverted.
class ExposureRegression {
 public:
  static constexpr int kCovariates = 2;

  void Add(double covariate_a, double covariate_b, double exposure, double outcome) {
    Accumulate({covariate_a, covariate_b, exposure, outcome}, 1.0);
  }
  // Takes back a row added earlier.
  void Remove(double covariate_a, double covariate_b, double exposure, double outcome) {
    Accumulate({covariate_a, covariate_b, exposure, outcome}, -1.0);
  }
  // Sets the exposure of a row added earlier with exposure 0 to `exposure`
  // (0 or 1; 0 changes nothing). Only the exposure's own sums change, so one
  // fit of the pain columns can be copied and reused for every exposure; the
  // per-exposure pass has no branch on the exposure, which is random by day.
  void SetExposure(double exposure, double covariate_a, double covariate_b, double outcome) {
    sums_[kExposure] += exposure;
    products_[kExposure][0] += exposure * covariate_a;
    products_[kExposure][1] += exposure * covariate_b;
    products_[kExposure][kExposure] += exposure;  // exposure² = exposure for 0 or 1
    products_[kOutcome][kExposure] += exposure * outcome;
  }
  int rows() const { return rows_; }
  ExposureEstimate Estimate() const;

 private:
  static constexpr int kColumns = kCovariates + 2;  // covariates, exposure, outcome
  static constexpr int kExposure = kCovariates;
  static constexpr int kOutcome = kCovariates + 1;

  void Accumulate(const std::array<double, kColumns>& row, double weight) {
    rows_ += weight > 0.0 ? 1 : -1;
    for (int i = 0; i < kColumns; ++i) {
      sums_[i] += weight * row[i];
      for (int j = 0; j <= i; ++j)
        products_[i][j] += weight * row[i] * row[j];
    }
  }

  int rows_ = 0;
  std::array<double, kColumns> sums_{};
  std::array<std::array<double, kColumns>, kColumns> products_{};  // lower triangle
};

}  // namespace backplan::core
