#pragma once
// One assessment: an intake turned into scores, screening, classification and,
// when screening allows, a session plan. Pure and deterministic: the same
// intake always gives the same result; dates come from the intake.

#include <optional>
#include <string>
#include <vector>

#include "core/classification.h"
#include "core/intake.h"
#include "core/plan.h"
#include "core/scores/scores.h"
#include "core/screening.h"

namespace backplan::core {

// Bumped whenever a rule, threshold or reason changes what a result says;
// stored with every result so that old results can be explained later.
inline constexpr const char* kRulesVersion = "2026.11.1";

struct Warning {
  std::string id;
  std::string text;
};

struct Assessment {
  std::string rules_version;
  Scores scores;
  Screening screening;
  Classification classification;
  std::optional<Plan> plan;
  std::vector<Warning> warnings;
};

Assessment Assess(const Intake& intake);

}  // namespace backplan::core
