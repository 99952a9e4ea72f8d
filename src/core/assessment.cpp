#include "core/assessment.h"

#include <string>

#include "core/names.h"

namespace backplan::core {
namespace {

std::vector<Warning> WarningsFor(const Intake& intake, const Scores& scores,
                                 const Screening& screening) {
  std::vector<Warning> warnings;
  for (const auto& flag : screening.flags)
    if (flag.kind == FlagKind::screening_gap)
      warnings.push_back({flag.id, flag.reason});
  std::string other_not_asked;
  for (RedFlag f : screening.not_asked) {
    if (static_cast<std::size_t>(f) < kCaudaEquinaQuestionCount)
      continue;
    other_not_asked += other_not_asked.empty() ? ": " : ", ";
    other_not_asked += Name(f);
  }
  if (!other_not_asked.empty())
    warnings.push_back({"red_flags_not_asked", "Red-flag questions not asked" + other_not_asked});

  const auto& nprs = intake.nprs;
  if ((nprs.best_24h && *nprs.best_24h > nprs.now) ||
      (nprs.worst_24h && *nprs.worst_24h < nprs.now))
    warnings.push_back({"nprs_inconsistent",
                        "Pain now lies outside the best and worst of the last 24 hours; check "
                        "the answers."});
  if (intake.leg_side == Side::both && !intake.HasRedFlag(RedFlag::bilateral_leg_symptoms))
    warnings.push_back({"leg_both_sides",
                        "The leg map shows symptoms on both sides but bilateral_leg_symptoms is "
                        "not yes: ask again; symptoms in both legs are a cauda equina feature."});
  if (intake.pain_regions.empty())
    warnings.push_back({"no_pain_regions", "No painful region was marked on the pain map."});
  if (scores.odi && !scores.odi->percent)
    warnings.push_back(
        {"odi_incomplete", "ODI has " + std::to_string(scores.odi->sections_answered) +
                               " of 10 sections answered; at least 8 are needed for a score."});
  if (scores.start_back && !scores.start_back->risk)
    warnings.push_back(
        {"start_back_incomplete", "STarT Back has unanswered items, so it gives no risk group."});
  if (!intake.stress)
    warnings.push_back({"stress_not_asked", "Stress (0–10) was not asked."});
  return warnings;
}

}  // namespace

Assessment Assess(const Intake& intake) {
  Assessment a;
  a.rules_version = kRulesVersion;
  a.scores = ScoreIntake(intake);
  a.classification = Classify(intake);
  a.screening = Screen(intake, a.classification, a.scores);
  a.plan = BuildPlan(intake, a.classification, a.scores, a.screening);
  a.warnings = WarningsFor(intake, a.scores, a.screening);
  return a;
}

}  // namespace backplan::core
