#include "core/care/plan_check.h"

#include <algorithm>
#include <cctype>

#include "core/names.h"

namespace backplan::core {
namespace {

constexpr const char* kSource = "CLINICAL.md section 0 (product rule); PRODUCT.md principle 6";

std::string Where(const RegionWork& work) {
  return std::string(Name(work.region)) + " worked with " + std::string(Name(work.technique)) +
         " at pressure " + std::to_string(work.pressure);
}

const AvoidedTechnique* FindAvoided(const RegionPlan& plan, Technique technique) {
  for (const auto& avoided : plan.avoid)
    if (avoided.technique == technique)
      return &avoided;
  return nullptr;
}

bool Allowed(const RegionPlan& plan, Technique technique) {
  return std::find(plan.techniques.begin(), plan.techniques.end(), technique) !=
         plan.techniques.end();
}

void Check(const RegionWork& work, std::size_t work_index, const RegionPlan& plan,
           std::vector<Deviation>& out) {
  auto add = [&](DeviationKind kind, std::string id, std::string text,
                 std::optional<Reason> plan_reason) {
    out.push_back({work_index,
                   work.region,
                   kind,
                   {std::move(id), std::move(text), kSource},
                   std::move(plan_reason),
                   work.override_reason});
  };

  // An excluded region is one deviation, not three: its ceiling is 0 and no
  // technique is listed, so the other checks would only repeat it.
  if (!plan.work) {
    add(DeviationKind::region_not_worked, "plan_check.region_not_worked",
        Where(work) + ", but the plan says not to work this region.",
        plan.reasons.empty() ? std::nullopt : std::optional<Reason>(plan.reasons.front()));
    return;
  }
  if (work.pressure > plan.pressure_ceiling)
    add(DeviationKind::above_ceiling, "plan_check.above_ceiling",
        Where(work) + ", above the plan's ceiling of " + std::to_string(plan.pressure_ceiling) +
            " for this region.",
        std::nullopt);
  if (const AvoidedTechnique* avoided = FindAvoided(plan, work.technique))
    add(DeviationKind::avoided_technique, "plan_check.avoided_technique",
        Where(work) + ", a technique the plan avoids here: " + avoided->reason.text,
        avoided->reason);
  else if (!Allowed(plan, work.technique))
    add(DeviationKind::technique_not_listed, "plan_check.technique_not_listed",
        Where(work) + ", a technique the plan does not list for this region.", std::nullopt);
}

// Looked up rather than indexed so that a plan missing a region (one built by
// hand) reads as "not to be worked" instead of out of bounds.
RegionPlan RegionPlanFor(const Plan& plan, Region region) {
  for (const auto& region_plan : plan.regions)
    if (region_plan.region == region)
      return region_plan;
  RegionPlan absent;
  absent.region = region;
  return absent;
}

}  // namespace

bool Deviation::Overridden() const {
  return std::any_of(override_reason.begin(), override_reason.end(),
                     [](unsigned char c) { return !std::isspace(c); });
}

PlanCheck CheckAgainstPlan(const Session& session, const Plan& plan) {
  PlanCheck result;
  for (std::size_t work_index = 0; work_index < session.regions.size(); ++work_index) {
    const RegionWork& work = session.regions[work_index];
    Check(work, work_index, RegionPlanFor(plan, work.region), result.deviations);
  }
  for (std::size_t i = 0; i < result.deviations.size(); ++i)
    if (!result.deviations[i].Overridden())
      result.missing_override.push_back(i);
  return result;
}

std::string_view Name(DeviationKind kind) {
  switch (kind) {
    case DeviationKind::region_not_worked:
      return "region_not_worked";
    case DeviationKind::above_ceiling:
      return "above_ceiling";
    case DeviationKind::avoided_technique:
      return "avoided_technique";
    case DeviationKind::technique_not_listed:
      return "technique_not_listed";
  }
  return "unknown";
}

}  // namespace backplan::core
