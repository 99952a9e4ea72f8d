#pragma once
// Trigger finder: which exposures in a client's diary seem to be followed by
// more pain, that evening or the next morning (CLINICAL.md 0 and 5; the method,
// its assumptions and what the output means are in docs/trigger-finder.md).
//
// For every exposure, days are split into high-exposure days and other days;
// the later pain is fitted by least squares on that split plus last evening's
// and this morning's pain, so pain carried over from the day before is not
// blamed on what was done that day. All exposure × outcome pairs form one
// family whose p-values are Holm–Bonferroni adjusted. A trigger is reported
// only when the adjusted p-value is below the family alpha, the effect is at
// least the minimum in pain points, and there were enough exposed and
// unexposed days. Findings are associations, not causes.
//
// Pure: no I/O, no clock, no global state, no exceptions for any diary; safe to
// call from several threads at once. Entries whose dates are not consecutive
// simply have no "day before" or "next day".

#include <string>
#include <string_view>
#include <vector>

#include "core/diary.h"
#include "core/reason.h"

namespace backplan::core {

// Bumped whenever the method, a threshold default or a reason text changes;
// a stored report records the version that produced it.
inline constexpr int kTriggerMethodVersion = 1;
inline constexpr double kTriggerIntervalLevel = 0.95;

// Which later pain rating an exposure is compared against.
enum class TriggerOutcome {
  same_evening,  // evening pain of the exposure day
  next_morning   // morning pain of the following calendar day
};
std::string_view Name(TriggerOutcome outcome);

struct TriggerOptions {
  int min_days = 28;  // usable days, for the report and for each exposure
  int min_exposed_days = 5;
  int min_unexposed_days = 5;
  double family_alpha = 0.05;      // family-wise error over all pairs tested
  double min_effect_points = 0.5;  // NPRS points; smaller effects are not triggers
  // Kinds of practitioner-defined exposures (standard ones are known). An
  // exposure with no definition is read as yes/no when every value is 0 or 1,
  // otherwise as an amount.
  std::vector<ExposureDefinition> exposure_definitions;
};

struct TriggerFinding {
  std::string exposure;
  TriggerOutcome outcome = TriggerOutcome::same_evening;
  bool tested = false;  // false: too few days, or not separable from the carry-over
  // Mean difference in later pain, high-exposure days minus other days, at the
  // same earlier pain (NPRS points), and its kTriggerIntervalLevel interval.
  double effect_points = 0.0;
  double interval_low = 0.0;
  double interval_high = 0.0;
  double p_value = 1.0;           // two-sided, this pair alone
  double adjusted_p_value = 1.0;  // Holm–Bonferroni over every pair tested
  int days_used = 0;              // days with exposure, outcome and earlier pain recorded
  int exposed_days = 0;           // of those, high-exposure days
  bool reported = false;          // a trigger to show the client
  std::string exposure_rule;      // how "high exposure" was defined for this client
  Reason reason;                  // why reported or not, in words a client can read
};

struct TriggerReport {
  int method_version = kTriggerMethodVersion;
  bool enough_data = false;
  std::string not_enough_data_reason;  // empty when enough_data
  int days_analysed = 0;  // days with this morning's, last evening's and a later rating
  int pairs_tested = 0;   // size of the family the adjustment covers
  // Reported findings first, then the other tested ones, each by effect (largest
  // first); untested ones last.
  std::vector<TriggerFinding> findings;
  std::vector<Reason> method_notes;  // how to read the report
};

TriggerReport FindTriggers(const Diary& diary, const TriggerOptions& options = {});

}  // namespace backplan::core
