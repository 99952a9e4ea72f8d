#include "core/triggers/trigger_finder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "core/triggers/trigger_statistics.h"

namespace backplan::core {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr TriggerOutcome kOutcomes[] = {TriggerOutcome::same_evening, TriggerOutcome::next_morning};
constexpr const char* kSource =
    "product rule (CLINICAL.md 0: triggers are associations, not causes; 5: daily model of "
    "later pain on the exposure and earlier pain)";

// ---- Formatting (std::to_chars: no locale, so the core stays pure) ----------

std::string Fixed(double value, int decimals) {
  char buffer[64];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals).ptr;
  return std::string(buffer, end);
}

std::string Shortest(double value) {
  char buffer[64];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// Signed to one decimal: "+1.4", "-0.8", and "0.0" rather than "-0.0".
std::string Points(double value) {
  const std::string text = Fixed(value, 1);
  if (text == "-0.0" || text == "0.0")
    return "0.0";
  return text.front() == '-' ? text : "+" + text;
}

std::string AdjustedP(double p) {
  return p < 0.01 ? "below 0.01" : Fixed(p, 2);
}

std::string_view OutcomeWords(TriggerOutcome outcome) {
  return outcome == TriggerOutcome::same_evening ? "that evening" : "the next morning";
}

// ---- Pain rows ---------------------------------------------------------------

// A day one outcome can be modelled on, exposures aside: the evening before,
// that morning and the later rating are all recorded, on consecutive calendar
// days (a gap in the diary breaks the carry-over chain).
struct PainRow {
  std::size_t day;  // index into the diary
  double previous_evening;
  double morning;
  double later;
};

struct OutcomeRows {
  std::vector<PainRow> rows;
  ExposureRegression unexposed;  // every row, with the exposure set to 0
};

struct PainRows {
  OutcomeRows same_evening;
  OutcomeRows next_morning;
  int usable_days = 0;  // days in at least one of the two lists

  const OutcomeRows& For(TriggerOutcome outcome) const {
    return outcome == TriggerOutcome::same_evening ? same_evening : next_morning;
  }
};

void AddRow(OutcomeRows& outcome, const PainRow& row) {
  outcome.rows.push_back(row);
  outcome.unexposed.Add(row.previous_evening, row.morning, 0.0, row.later);
}

bool Consecutive(const DiaryEntry& earlier, const DiaryEntry& later) {
  return later.date - earlier.date == std::chrono::days{1};
}

// Built once and shared by every exposure, so the per-exposure pass only looks
// up the exposure on each row.
PainRows CollectPainRows(const Diary& diary) {
  PainRows rows;
  rows.same_evening.rows.reserve(diary.size());
  rows.next_morning.rows.reserve(diary.size());
  for (std::size_t day = 1; day < diary.size(); ++day) {
    const DiaryEntry& yesterday = diary[day - 1];
    const DiaryEntry& today = diary[day];
    if (!Consecutive(yesterday, today) || !yesterday.pain_evening || !today.pain_morning)
      continue;
    const double previous = *yesterday.pain_evening;
    const double morning = *today.pain_morning;
    bool usable = false;
    if (today.pain_evening) {
      AddRow(rows.same_evening, {day, previous, morning, static_cast<double>(*today.pain_evening)});
      usable = true;
    }
    if (day + 1 < diary.size() && Consecutive(today, diary[day + 1]) &&
        diary[day + 1].pain_morning) {
      AddRow(rows.next_morning,
             {day, previous, morning, static_cast<double>(*diary[day + 1].pain_morning)});
      usable = true;
    }
    rows.usable_days += usable ? 1 : 0;
  }
  return rows;
}

// ---- Exposures as columns ---------------------------------------------------

struct ExposureColumn {
  std::string name;
  std::vector<double> values;  // by entry; NaN = not recorded
};

// One pass over the diary. Each entry's map is already sorted by name, so it is
// merged against the sorted column list: one string comparison per value in
// the usual case where every day records the same exposures.
std::vector<ExposureColumn> CollectExposures(const Diary& diary) {
  std::vector<ExposureColumn> columns;
  for (std::size_t day = 0; day < diary.size(); ++day) {
    std::size_t column = 0;
    for (const auto& [name, value] : diary[day].exposures) {
      int order = -1;
      while (column < columns.size() && (order = columns[column].name.compare(name)) < 0)
        ++column;
      if (column == columns.size() || order != 0)
        columns.insert(columns.begin() + static_cast<std::ptrdiff_t>(column),
                       ExposureColumn{name, std::vector<double>(diary.size(), kMissing)});
      columns[column].values[day] = value;
      ++column;
    }
  }
  return columns;
}

ExposureKind KindOf(const ExposureColumn& column, const TriggerOptions& options) {
  for (const auto& definition : options.exposure_definitions)
    if (definition.name == column.name)
      return definition.kind;
  for (const auto& definition : StandardExposures())
    if (definition.name == column.name)
      return definition.kind;
  const bool binary = std::all_of(column.values.begin(), column.values.end(),
                                  [](double v) { return std::isnan(v) || v == 0.0 || v == 1.0; });
  return binary ? ExposureKind::yes_no : ExposureKind::count;
}

std::string_view Unit(ExposureKind kind) {
  switch (kind) {
    case ExposureKind::minutes:
      return " min";
    case ExposureKind::hours:
      return " h";
    case ExposureKind::scale:
      return " of 10";
    case ExposureKind::count:
    case ExposureKind::yes_no:
      break;
  }
  return "";
}

// The median by counting, when every recorded value is a whole or half unit
// from 0 to 1440 (minutes, counts, half hours, scale points: nearly every
// diary). Selection by comparisons mispredicts a branch on about every other
// value; counting has no such branch. Nothing when a value does not fit.
std::optional<double> MedianOfHalfUnits(const std::vector<double>& values) {
  constexpr int kSlots = 2 * 1440 + 1;
  std::vector<int> counts(kSlots, 0);
  int recorded = 0;
  for (const double value : values) {
    if (std::isnan(value))
      continue;
    const double slot = 2.0 * value;
    if (!(slot >= 0.0 && slot < kSlots) || slot != std::floor(slot))
      return std::nullopt;
    ++counts[static_cast<std::size_t>(slot)];
    ++recorded;
  }
  if (recorded == 0)
    return 0.0;
  // The values at sorted positions (recorded − 1) / 2 and recorded / 2.
  const int lower_rank = (recorded - 1) / 2;
  const int upper_rank = recorded / 2;
  int seen = 0;
  int lower_slot = -1;
  for (int slot = 0; slot < kSlots; ++slot) {
    seen += counts[static_cast<std::size_t>(slot)];
    if (lower_slot < 0 && seen > lower_rank)
      lower_slot = slot;
    if (seen > upper_rank)
      return 0.25 * (lower_slot + slot);  // mean of the two, in units
  }
  return 0.0;  // not reached: the counts add up to `recorded`
}

// The median of the recorded values (0 when none are recorded).
double RecordedMedian(const std::vector<double>& values) {
  if (const auto counted = MedianOfHalfUnits(values))
    return *counted;
  std::vector<double> recorded;
  recorded.reserve(values.size());
  for (const double value : values)
    if (!std::isnan(value))
      recorded.push_back(value);
  if (recorded.empty())
    return 0.0;
  const auto middle = recorded.begin() + static_cast<std::ptrdiff_t>(recorded.size() / 2);
  std::nth_element(recorded.begin(), middle, recorded.end());
  if (recorded.size() % 2 == 1)
    return *middle;
  return 0.5 * (*std::max_element(recorded.begin(), middle) + *middle);
}

// High-exposure days: "yes" for yes/no exposures; otherwise above the client's
// own median, so the split adapts to each client's habits (for a count that is
// usually zero, the median is 0 and "high" means "any").
struct ExposureSplit {
  std::vector<signed char> high;  // by entry: 1 high, 0 other, -1 not recorded
  std::string rule;
};

ExposureSplit SplitExposure(const ExposureColumn& column, ExposureKind kind) {
  const bool yes_no = kind == ExposureKind::yes_no;
  const double threshold = yes_no ? 0.5 : RecordedMedian(column.values);
  ExposureSplit split{std::vector<signed char>(column.values.size(), -1), "marked yes"};
  if (!yes_no)
    split.rule = threshold == 0.0 ? "above 0 (most days have none)"
                                  : "above this client's median (" + Shortest(threshold) +
                                        std::string(Unit(kind)) + ")";
  for (std::size_t day = 0; day < column.values.size(); ++day) {
    const double value = column.values[day];
    if (!std::isnan(value))
      split.high[day] = yes_no ? value >= threshold : value > threshold;
  }
  return split;
}

// ---- One exposure × outcome pair --------------------------------------------

struct PairFit {
  int days_used = 0;
  int exposed_days = 0;
  ExposureEstimate estimate;
};

// Least squares on the pain rows where the exposure is recorded too; a day
// without it is skipped for this exposure only. Starts from the fit with every
// row unexposed and changes only the rows that differ.
PairFit FitPair(const OutcomeRows& outcome, const ExposureSplit& split) {
  ExposureRegression regression = outcome.unexposed;
  PairFit fit;
  for (const PainRow& row : outcome.rows) {
    const signed char high = split.high[row.day];
    if (high < 0) {  // rare: the exposure was not recorded that day
      regression.Remove(row.previous_evening, row.morning, 0.0, row.later);
      continue;
    }
    regression.SetExposure(high, row.previous_evening, row.morning, row.later);
    fit.exposed_days += high;
  }
  fit.days_used = regression.rows();
  if (fit.days_used > 0)
    fit.estimate = regression.Estimate();
  return fit;
}

// Quantiles for the interval, computed once per degrees of freedom: pairs with
// the same number of usable days and covariates share one.
class QuantileCache {
 public:
  double Get(int degrees_of_freedom) {
    for (const auto& [df, quantile] : known_)
      if (df == degrees_of_freedom)
        return quantile;
    const double quantile =
        StudentTUpperQuantile(0.5 + kTriggerIntervalLevel / 2.0, degrees_of_freedom);
    known_.emplace_back(degrees_of_freedom, quantile);
    return quantile;
  }

 private:
  std::vector<std::pair<int, double>> known_;
};

std::string ADayWith(const TriggerFinding& finding) {
  return "A day with " + finding.exposure + " " + finding.exposure_rule;
}

// Why a pair cannot be tested, or nothing when it can.
std::optional<Reason> WhyNotTested(const std::string& exposure, const ExposureSplit& split,
                                   const PairFit& fit, const TriggerOptions& options) {
  const int other_days = fit.days_used - fit.exposed_days;
  const std::string days_with = exposure + " " + split.rule;
  if (fit.days_used < options.min_days)
    return Reason{"trigger.too_few_days",
                  "Only " + std::to_string(fit.days_used) + " days have " + exposure +
                      " and the pain ratings needed recorded; at least " +
                      std::to_string(options.min_days) + " are needed before it can be tested.",
                  kSource};
  if (fit.exposed_days < options.min_exposed_days)
    return Reason{"trigger.too_few_exposed_days",
                  "Only " + std::to_string(fit.exposed_days) + " days with " + days_with +
                      " have the pain ratings needed; at least " +
                      std::to_string(options.min_exposed_days) +
                      " are needed before it can be tested.",
                  kSource};
  if (other_days < options.min_unexposed_days)
    return Reason{"trigger.too_few_other_days",
                  "Only " + std::to_string(other_days) +
                      " days with the pain ratings needed are "
                      "not days with " +
                      days_with + "; at least " + std::to_string(options.min_unexposed_days) +
                      " are needed to compare against.",
                  kSource};
  if (!fit.estimate.estimable)
    return Reason{"trigger.not_separable",
                  "Days with " + days_with +
                      " cannot be told apart from the pain recorded the evening before and that "
                      "morning, so an effect of its own cannot be estimated.",
                  kSource};
  return std::nullopt;
}

// The counts, and the estimate when the pair can be tested; otherwise the
// reason it was not. The decision waits for the adjustment over all pairs.
TriggerFinding TestPair(const std::string& exposure, const ExposureSplit& split,
                        TriggerOutcome outcome, const PainRows& pain, const TriggerOptions& options,
                        QuantileCache& quantiles) {
  const PairFit fit = FitPair(pain.For(outcome), split);
  TriggerFinding finding;
  finding.exposure = exposure;
  finding.outcome = outcome;
  finding.exposure_rule = split.rule;
  finding.days_used = fit.days_used;
  finding.exposed_days = fit.exposed_days;
  if (auto reason = WhyNotTested(exposure, split, fit, options)) {
    finding.reason = std::move(*reason);
    return finding;
  }
  const ExposureEstimate& estimate = fit.estimate;
  const double margin = quantiles.Get(estimate.degrees_of_freedom) * estimate.standard_error;
  finding.tested = true;
  finding.effect_points = estimate.coefficient;
  finding.interval_low = estimate.coefficient - margin;
  finding.interval_high = estimate.coefficient + margin;
  finding.p_value = estimate.standard_error > 0.0
                        ? StudentTTwoSidedP(estimate.coefficient / estimate.standard_error,
                                            estimate.degrees_of_freedom)
                        : (estimate.coefficient == 0.0 ? 1.0 : 0.0);  // a perfect fit
  return finding;
}

// ---- Decision and wording for a tested pair ---------------------------------

std::string EffectWithInterval(const TriggerFinding& finding) {
  return Points(finding.effect_points) + " points on average (" +
         Fixed(100.0 * kTriggerIntervalLevel, 0) + "% interval " + Points(finding.interval_low) +
         " to " + Points(finding.interval_high) + ")";
}

void Decide(TriggerFinding& finding, int pairs_tested, const TriggerOptions& options) {
  const std::string outcome(OutcomeWords(finding.outcome));
  const bool significant = finding.adjusted_p_value < options.family_alpha;
  finding.reported = significant && finding.effect_points >= options.min_effect_points;
  if (finding.reported) {
    finding.reason = {
        "trigger.association",
        ADayWith(finding) + " seems to be followed by more pain " + outcome + ": " +
            EffectWithInterval(finding) +
            ", compared with days that started at the same pain. This is an association, not "
            "proof of cause: to check it, agree with your practitioner to avoid it for two "
            "weeks, then reintroduce it, and keep the diary going.",
        kSource};
  } else if (significant && finding.effect_points < 0.0) {
    finding.reason = {"trigger.protective",
                      ADayWith(finding) + " seems to be followed by less pain " + outcome + ": " +
                          EffectWithInterval(finding) + ". Not a trigger; listed for information.",
                      kSource};
  } else if (significant) {
    finding.reason = {"trigger.effect_too_small",
                      ADayWith(finding) + " is followed by slightly more pain " + outcome + ": " +
                          EffectWithInterval(finding) + ", below the " +
                          Shortest(options.min_effect_points) + "-point minimum for a trigger.",
                      kSource};
  } else {
    finding.reason = {"trigger.not_significant",
                      "No clear link between " + finding.exposure + " and pain " + outcome + ": " +
                          EffectWithInterval(finding) + "; with " + std::to_string(pairs_tested) +
                          " comparisons made at once, a difference this size could be chance "
                          "(adjusted p " +
                          (finding.adjusted_p_value < 0.01 ? "" : "= ") +
                          AdjustedP(finding.adjusted_p_value) + ").",
                      kSource};
  }
}

// Holm–Bonferroni over every tested pair, then each pair's decision.
int AdjustAndDecide(std::vector<TriggerFinding>& findings, const TriggerOptions& options) {
  std::vector<double> p_values;
  std::vector<TriggerFinding*> tested;
  for (auto& finding : findings) {
    if (finding.tested) {
      p_values.push_back(finding.p_value);
      tested.push_back(&finding);
    }
  }
  const std::vector<double> adjusted = HolmAdjust(p_values);
  const int pairs_tested = static_cast<int>(tested.size());
  for (std::size_t pair = 0; pair < tested.size(); ++pair) {
    tested[pair]->adjusted_p_value = adjusted[pair];
    Decide(*tested[pair], pairs_tested, options);
  }
  return pairs_tested;
}

void Rank(std::vector<TriggerFinding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const TriggerFinding& a, const TriggerFinding& b) {
                     if (a.reported != b.reported)
                       return a.reported;
                     if (a.tested != b.tested)
                       return a.tested;
                     if (a.effect_points != b.effect_points)
                       return a.effect_points > b.effect_points;
                     if (a.exposure != b.exposure)
                       return a.exposure < b.exposure;
                     return a.outcome < b.outcome;
                   });
}

std::vector<Reason> MethodNotes(int pairs_tested, const TriggerOptions& options) {
  return {
      {"trigger.method",
       "Each exposure splits the days into high-exposure days and other days. Pain that evening "
       "and the next morning is compared between them at the same pain the evening before and "
       "that morning, so pain carried over from the day before is not blamed on what was done "
       "that day.",
       kSource},
      {"trigger.multiple_testing",
       std::to_string(pairs_tested) +
           " exposure and outcome pairs were tested together; their p-values are "
           "Holm-Bonferroni adjusted so that the chance of reporting any false trigger stays "
           "at or below " +
           Shortest(100.0 * options.family_alpha) +
           "%. A trigger also needs an effect of at least " + Shortest(options.min_effect_points) +
           " points and at least " + std::to_string(options.min_exposed_days) + " days with and " +
           std::to_string(options.min_unexposed_days) + " without the exposure.",
       kSource},
      {"trigger.not_a_cause",
       "A trigger here is an association, not a proven cause: something else that happens on "
       "the same days may be responsible. The way to find out is to agree with the practitioner "
       "to avoid the exposure for a while, then reintroduce it, and see whether the diary "
       "follows.",
       kSource},
  };
}

}  // namespace

std::string_view Name(TriggerOutcome outcome) {
  return outcome == TriggerOutcome::same_evening ? "same_evening" : "next_morning";
}

TriggerReport FindTriggers(const Diary& diary, const TriggerOptions& options) {
  TriggerReport report;
  const PainRows pain = CollectPainRows(diary);
  report.days_analysed = pain.usable_days;
  if (report.days_analysed < options.min_days) {
    report.not_enough_data_reason =
        "Not enough data yet: " + std::to_string(report.days_analysed) +
        " days have the pain ratings the trigger finder compares (the evening before, that "
        "morning, and that evening or the next morning); it needs at least " +
        std::to_string(options.min_days) + ".";
    return report;
  }
  report.enough_data = true;
  QuantileCache quantiles;
  for (const ExposureColumn& column : CollectExposures(diary)) {
    const ExposureSplit split = SplitExposure(column, KindOf(column, options));
    for (const TriggerOutcome outcome : kOutcomes)
      report.findings.push_back(TestPair(column.name, split, outcome, pain, options, quantiles));
  }
  report.pairs_tested = AdjustAndDecide(report.findings, options);
  Rank(report.findings);
  report.method_notes = MethodNotes(report.pairs_tested, options);
  return report;
}

}  // namespace backplan::core
