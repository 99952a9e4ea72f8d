#include "core/care/meaningful_change.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace backplan::core {
namespace {

// ODI percents are fractions of 5 × sections answered (16/45 = 35.55…), so a
// true 10-point change can come out as 9.999999…; this keeps it at 10.
constexpr double kTolerance = 1e-9;

// One row per instrument. Section 0 fixes the minimal important change; the
// MDC comes from the instrument's entry in CLINICAL.md section 1.
const std::array<ChangeThreshold, 3> kThresholds = {{
    {Instrument::nprs, "change.nprs", 2.0, 0.30, 1.77,
     "CLINICAL.md section 0 (product rule); MIC 2 points or 30 % (Ostelo 2008); MDC 1.77 "
     "(thieme-connect.de doi 10.1055/a-1304-3677; CLINICAL.md 1.4)"},
    // Both stored ODI sources give the MDC as 10 percent points (one says "5
    // points or 10 %points": 5 raw points of 50 are 10 percent points).
    {Instrument::odi, "change.odi", 10.0, 0.30, 10.0,
     "CLINICAL.md section 0 (product rule); MIC 10 points or 30 % (Ostelo 2008); MDC90 10 "
     "points (CLINICAL.md 1.1)"},
    // The published MDC90 is "4–5 points"; the upper end is taken so that no
    // change inside the reported measurement error counts.
    {Instrument::rmdq, "change.rmdq", 5.0, 0.30, 5.0,
     "CLINICAL.md section 0 (product rule); MIC 5 points or 30 % (Ostelo 2008); MDC90 4–5 "
     "points, upper end taken (CLINICAL.md 1.2)"},
}};

std::string Number(double value) {
  char buffer[32];
  if (std::fabs(value - std::round(value)) < kTolerance)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  // "1.70" reads as 1.7; "1.77" stays.
  if (text.find('.') != std::string::npos && text.back() == '0')
    text.pop_back();
  return text;
}

std::string Points(double value) {
  return Number(value) + (std::fabs(value - 1.0) < kTolerance ? " point" : " points");
}

std::string Percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f %%", fraction * 100.0);
  return buffer;
}

std::string_view Label(Instrument instrument) {
  switch (instrument) {
    case Instrument::nprs:
      return "NPRS";
    case Instrument::odi:
      return "ODI";
    case Instrument::rmdq:
      return "RMDQ";
  }
  return "?";
}

}  // namespace

const ChangeThreshold& ThresholdFor(Instrument instrument) {
  return kThresholds[static_cast<std::size_t>(instrument)];
}

MeaningfulChange AssessChange(Instrument instrument, double baseline, double latest) {
  const ChangeThreshold& rule = ThresholdFor(instrument);
  MeaningfulChange result;
  result.instrument = instrument;
  result.baseline = baseline;
  result.latest = latest;
  result.change = latest - baseline;

  const double size = std::fabs(result.change);
  if (baseline > 0)
    result.fraction = size / baseline;
  if (result.change <= -kTolerance)
    result.direction = ChangeDirection::improved;
  else if (result.change >= kTolerance)
    result.direction = ChangeDirection::worsened;

  const std::string id = rule.rule_id;
  std::string text =
      std::string(Label(instrument)) + " " + Number(baseline) + " → " + Number(latest) + ": ";
  if (result.direction == ChangeDirection::unchanged) {
    result.reason = {id + ".none", text + "no change.", rule.source};
    return result;
  }

  text += std::string(result.direction == ChangeDirection::improved ? "improved" : "worsened") +
          " by " + Points(size);
  if (result.fraction)
    text += " (" + Percent(*result.fraction) + ")";
  text += ", ";

  const bool detectable = size + kTolerance >= rule.mdc;
  // Compared as size ≥ fraction × baseline so 6 of 20 is exactly 30 %.
  const bool important = size + kTolerance >= rule.min_points ||
                         (baseline > 0 && size + kTolerance >= rule.min_fraction * baseline);
  const std::string mic = Points(rule.min_points) + " or " + Percent(rule.min_fraction);
  if (!detectable) {
    result.reason = {id + ".below_mdc",
                     text + "below the minimal detectable change of " + Number(rule.mdc) +
                         ": not a meaningful change, whatever the percentage.",
                     rule.source};
  } else if (!important) {
    result.reason = {id + ".below_mic", text + "less than " + mic + ": not a meaningful change.",
                     rule.source};
  } else {
    result.meaningful = true;
    result.reason = {id + ".meaningful",
                     text + "at least " + mic + " and not below the minimal detectable change of " +
                         Number(rule.mdc) + ": a meaningful change.",
                     rule.source};
  }
  return result;
}

std::string_view Name(Instrument instrument) {
  switch (instrument) {
    case Instrument::nprs:
      return "nprs";
    case Instrument::odi:
      return "odi";
    case Instrument::rmdq:
      return "rmdq";
  }
  return "unknown";
}

std::string_view Name(ChangeDirection direction) {
  switch (direction) {
    case ChangeDirection::improved:
      return "improved";
    case ChangeDirection::unchanged:
      return "unchanged";
    case ChangeDirection::worsened:
      return "worsened";
  }
  return "unknown";
}

}  // namespace backplan::core
