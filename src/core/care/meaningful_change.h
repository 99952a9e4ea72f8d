#pragma once
// Whether a change on NPRS, ODI or RMDQ is clinically meaningful
// (CLINICAL.md section 0 and 6.6). On all three a higher score is worse.
//
// A change counts when it is at least the instrument's minimal detectable
// change (MDC) AND at least the minimal important change: the absolute
// threshold OR 30 % of the baseline. The MDC floor comes first because a
// change smaller than the measurement error is not a change at all, whatever
// its percentage. The same rule applies to improvement and worsening.
// Thresholds and their sources: the table in meaningful_change.cpp, listed in
// docs/care-loop-rules.md.

#include <optional>
#include <string_view>

#include "core/reason.h"

namespace backplan::core {

enum class Instrument { nprs, odi, rmdq };

enum class ChangeDirection { improved, unchanged, worsened };

struct ChangeThreshold {
  Instrument instrument;
  const char* rule_id;
  double min_points;    // absolute minimal important change
  double min_fraction;  // relative minimal important change, of the baseline
  double mdc;           // minimal detectable change: nothing below counts
  const char* source;
};

const ChangeThreshold& ThresholdFor(Instrument instrument);

struct MeaningfulChange {
  Instrument instrument = Instrument::nprs;
  double baseline = 0;
  double latest = 0;
  double change = 0;  // latest − baseline: negative is better
  // |change| as a fraction of the baseline; absent when the baseline is 0.
  std::optional<double> fraction;
  ChangeDirection direction = ChangeDirection::unchanged;
  bool meaningful = false;
  Reason reason;
};

// `baseline` and `latest` on the instrument's own scale: NPRS 0–10, ODI
// percent 0–100, RMDQ 0–24.
MeaningfulChange AssessChange(Instrument instrument, double baseline, double latest);

std::string_view Name(Instrument instrument);
std::string_view Name(ChangeDirection direction);

}  // namespace backplan::core
