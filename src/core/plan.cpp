#include "core/plan.h"

#include <algorithm>
#include <string>

#include "core/rules/plan_rules.h"

namespace backplan::core {
namespace {

using rules::PlanFacts;

Reason ReasonOf(const rules::RegionRule& rule) {
  return {rule.id, rule.reason, rule.source};
}

RegionPlan PlanRegion(const PlanFacts& facts, Region region) {
  RegionPlan plan;
  plan.region = region;
  plan.pressure_ceiling = kMaxPressure;
  const rules::RegionRule* binding = nullptr;  // the rule that set the lowest ceiling
  std::array<const rules::RegionRule*, kTechniqueCount> forbidden_by{};

  for (const auto& rule : rules::RegionRules()) {
    if (!rule.applies(facts, region))
      continue;
    plan.reasons.push_back(ReasonOf(rule));
    if (rule.ceiling < plan.pressure_ceiling) {
      plan.pressure_ceiling = rule.ceiling;
      binding = &rule;
    }
    for (Technique t : kAllTechniques)
      if ((rule.avoid & rules::Mask(t)) && !forbidden_by[static_cast<std::size_t>(t)])
        forbidden_by[static_cast<std::size_t>(t)] = &rule;
  }
  if (plan.reasons.empty())
    plan.reasons.push_back({"region.no_limit",
                            "No finding limits this region; progress only on tolerance.",
                            "product rule"});

  for (Technique t : kAllTechniques) {
    const auto* forbidding = forbidden_by[static_cast<std::size_t>(t)];
    if (forbidding) {
      plan.avoid.push_back({t, ReasonOf(*forbidding)});
    } else if (PressureLevel(t) > plan.pressure_ceiling) {
      plan.avoid.push_back({t,
                            {binding->id,
                             "Needs pressure " + std::to_string(PressureLevel(t)) +
                                 ", above this region's ceiling of " +
                                 std::to_string(plan.pressure_ceiling) + ": " + binding->reason,
                             binding->source}});
    } else {
      plan.techniques.push_back(t);
    }
  }
  plan.work = plan.pressure_ceiling > 0 && !plan.techniques.empty();
  if (!plan.work) {
    plan.pressure_ceiling = 0;
    plan.techniques.clear();
  }

  const int start_limit = rules::IsSensitiveRegion(facts, region) ? rules::kStartPressureSensitive
                                                                  : rules::kStartPressureElsewhere;
  plan.start_pressure = std::min(plan.pressure_ceiling, start_limit);
  if (plan.work)
    plan.reasons.push_back({"start.gentle",
                            "Start at pressure " + std::to_string(plan.start_pressure) +
                                " and step up only after sessions that were tolerated.",
                            "seed article (principle 6); CLINICAL.md section 0"});
  return plan;
}

std::vector<PlanItem> ItemsFrom(std::span<const rules::ItemRule> table, const PlanFacts& facts) {
  std::vector<PlanItem> items;
  for (const auto& rule : table)
    if (rule.applies(facts))
      items.push_back({rule.id, rule.kind, rule.text, {rule.id, rule.reason, rule.source}});
  return items;
}

}  // namespace

int PressureLevel(Technique t) {
  switch (t) {
    case Technique::holding:
      return 1;
    case Technique::light_swedish:
      return 1;
    case Technique::swedish:
      return 2;
    case Technique::assisted_stretching:
      return 2;
    case Technique::myofascial_release:
      return 3;
    case Technique::deep_tissue:
      return 4;
    case Technique::trigger_point:
      return 5;
  }
  return kMaxPressure;
}

std::optional<Plan> BuildPlan(const Intake& intake, const Classification& classification,
                              const Scores& scores, const Screening& screening) {
  if (!screening.PlanAllowed())
    return std::nullopt;
  const PlanFacts facts{intake, classification, scores, screening};
  Plan plan;
  if (rules::CalmingPlanApplies(facts)) {
    plan.mode = PlanMode::calming;
    plan.mode_reasons.push_back(
        {"calming.mode",
         "Too acute and irritable for direct work on the back: light work on face, head, neck "
         "and shoulders to calm the client.",
         "seed article; CLINICAL.md section 0"});
  }
  plan.regions.reserve(kRegionCount);
  for (Region region : kAllRegions)
    plan.regions.push_back(PlanRegion(facts, region));
  plan.positioning = ItemsFrom(rules::PositioningRules(), facts);
  // The default positioning advice only when nothing specific applies.
  if (plan.positioning.size() > 1)
    plan.positioning.pop_back();
  plan.home_program = ItemsFrom(rules::HomeProgramRules(), facts);
  return plan;
}

std::string_view Name(Technique t) {
  switch (t) {
    case Technique::holding:
      return "holding";
    case Technique::light_swedish:
      return "light_swedish";
    case Technique::swedish:
      return "swedish";
    case Technique::assisted_stretching:
      return "assisted_stretching";
    case Technique::myofascial_release:
      return "myofascial_release";
    case Technique::deep_tissue:
      return "deep_tissue";
    case Technique::trigger_point:
      return "trigger_point";
  }
  return "holding";
}

std::string_view Name(PlanMode m) {
  return m == PlanMode::calming ? "calming" : "standard";
}

std::string_view Name(ItemKind k) {
  switch (k) {
    case ItemKind::avoid:
      return "avoid";
    case ItemKind::modify:
      return "modify";
    case ItemKind::use:
      return "use";
    case ItemKind::correction:
      return "correction";
    case ItemKind::de_stress:
      return "de_stress";
    case ItemKind::adjunct_optional:
      return "adjunct_optional";
    case ItemKind::position:
      return "position";
  }
  return "modify";
}

}  // namespace backplan::core
