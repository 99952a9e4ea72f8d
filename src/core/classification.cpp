#include "core/classification.h"

#include <algorithm>
#include <string>

#include "core/names.h"

namespace backplan::core {
namespace {

constexpr const char* kProductRule = "product rule";
constexpr const char* kDurationSource =
    "CLINICAL.md section 0: acute < 6 weeks, subacute 6–12 weeks, chronic > 12 weeks";
constexpr const char* kPatternSource =
    "CLINICAL.md section 0: localized = back only; referred = buttock or thigh without "
    "neurological signs; radicular = below the knee or any numbness, tingling or weakness";
constexpr const char* kQuebecSource = "Quebec Task Force classification (CLINICAL.md 3)";

// Irritability thresholds (product rule): how easily the pain is provoked and
// how bad it gets. "High" together with an acute onset selects the calming plan.
constexpr int kHighIrritabilityNow = 7;
constexpr int kHighIrritabilityWorst = 8;
constexpr int kHighWorstWithManyProvocations = 7;
constexpr int kManyProvocations = 3;
constexpr int kLowIrritabilityMaxPain = 3;

int DaysBetween(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  const auto days = (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
  return static_cast<int>(std::max<long>(0, static_cast<long>(days)));
}

Acuity AcuityFor(int days) {
  if (days < kSubacuteFromDay)
    return Acuity::acute;
  if (days <= kChronicAfterDay)
    return Acuity::subacute;
  return Acuity::chronic;
}

Pattern PatternFor(const Intake& intake) {
  if (intake.leg_extent >= LegExtent::below_knee || intake.neuro.Any())
    return Pattern::radicular;
  if (intake.leg_extent != LegExtent::none)
    return Pattern::referred;
  return Pattern::localized;
}

int QuebecCategoryFor(LegExtent extent) {
  if (extent == LegExtent::none)
    return 1;
  if (extent <= LegExtent::thigh)
    return 2;
  return 3;
}

Irritability IrritabilityFor(const Intake& intake, int provocations) {
  const int now = intake.nprs.now;
  const int worst = intake.nprs.worst_24h.value_or(now);
  if (now >= kHighIrritabilityNow || worst >= kHighIrritabilityWorst ||
      (worst >= kHighWorstWithManyProvocations && provocations >= kManyProvocations))
    return Irritability::high;
  if (std::max(now, worst) <= kLowIrritabilityMaxPain && provocations <= 1)
    return Irritability::low;
  return Irritability::moderate;
}

std::string MovementList(const std::vector<Movement>& movements) {
  std::string out;
  for (std::size_t i = 0; i < movements.size(); ++i) {
    if (i > 0)
      out += ", ";
    out += Name(movements[i]);
  }
  return out;
}

}  // namespace

bool Classification::Intolerant(Movement m) const {
  return std::find(intolerances.begin(), intolerances.end(), m) != intolerances.end();
}

Classification Classify(const Intake& intake) {
  Classification c;
  c.days_since_onset = DaysBetween(intake.onset_date, intake.assessed_on);
  c.weeks_since_onset = c.days_since_onset / 7.0;
  c.acuity = AcuityFor(c.days_since_onset);
  c.reasons.push_back(
      {"classify.acuity",
       std::to_string(c.days_since_onset) + " days since onset: " + std::string(Name(c.acuity)),
       kDurationSource});

  c.pattern = PatternFor(intake);
  std::string pattern_text;
  switch (c.pattern) {
    case Pattern::localized:
      pattern_text = "pain stays in the back";
      break;
    case Pattern::referred:
      pattern_text = "pain reaches the " + std::string(Name(intake.leg_extent)) +
                     " without neurological signs";
      break;
    case Pattern::radicular:
      pattern_text = intake.neuro.Any() ? "numbness, tingling or weakness in the leg"
                                        : "pain reaches " + std::string(Name(intake.leg_extent));
      break;
  }
  c.reasons.push_back({"classify.pattern", pattern_text, kPatternSource});

  c.quebec_category = QuebecCategoryFor(intake.leg_extent);
  c.possible_radicular = intake.neuro.Any();
  c.reasons.push_back(
      {"classify.quebec",
       c.possible_radicular
           ? "nerve-root signs reported: possible radicular (category 4 needs an examination)"
           : "category " + std::to_string(c.quebec_category) + " from how far the pain reaches",
       kQuebecSource});

  for (Movement m : kAllMovements) {
    if (intake.Response(m) == ProvocationResponse::provokes)
      c.intolerances.push_back(m);
    if (intake.Response(m) == ProvocationResponse::eases)
      c.relieving.push_back(m);
  }
  if (!c.intolerances.empty())
    c.reasons.push_back({"classify.intolerances", "provoked by " + MovementList(c.intolerances),
                         "provocation findings of this intake"});
  if (!c.relieving.empty())
    c.reasons.push_back({"classify.relieving", "eased by " + MovementList(c.relieving),
                         "provocation findings of this intake"});

  c.irritability = IrritabilityFor(intake, static_cast<int>(c.intolerances.size()));
  c.reasons.push_back({"classify.irritability",
                       std::string(Name(c.irritability)) + " irritability: pain now " +
                           std::to_string(intake.nprs.now) + "/10, worst in 24 h " +
                           std::to_string(intake.nprs.worst_24h.value_or(intake.nprs.now)) +
                           "/10, " + std::to_string(c.intolerances.size()) + " provoking movements",
                       kProductRule});

  c.stability_concern = intake.instability;
  c.guarding = intake.guarding;
  if (c.stability_concern)
    c.reasons.push_back({"classify.stability",
                         "signs of instability: loosening makes an unstable back worse",
                         "seed article; Treatment-Based Classification (CLINICAL.md 3)"});
  if (c.guarding)
    c.reasons.push_back({"classify.guarding",
                         "muscles guard the injured segment: soft-tissue work plus posture and "
                         "movement corrections can help",
                         "seed article"});
  return c;
}

std::string_view Name(Pattern p) {
  switch (p) {
    case Pattern::localized:
      return "localized";
    case Pattern::referred:
      return "referred";
    case Pattern::radicular:
      return "radicular";
  }
  return "localized";
}

std::string_view Name(Acuity a) {
  switch (a) {
    case Acuity::acute:
      return "acute";
    case Acuity::subacute:
      return "subacute";
    case Acuity::chronic:
      return "chronic";
  }
  return "acute";
}

std::string_view Name(Irritability i) {
  switch (i) {
    case Irritability::low:
      return "low";
    case Irritability::moderate:
      return "moderate";
    case Irritability::high:
      return "high";
  }
  return "moderate";
}

}  // namespace backplan::core
