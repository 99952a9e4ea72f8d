#pragma once
// The plan engine's rules as tables: one row per rule, with the condition, the
// effect and the reason a practitioner reads. To change what backplan
// recommends, change a row here (and bump kRulesVersion); the engine in
// plan.cpp only applies the rows.

#include <cstdint>
#include <span>

#include "core/classification.h"
#include "core/intake.h"
#include "core/plan.h"
#include "core/scores/scores.h"
#include "core/screening.h"

namespace backplan::core::rules {

struct PlanFacts {
  const Intake& intake;
  const Classification& classification;
  const Scores& scores;
  const Screening& screening;
};

using TechniqueMask = std::uint32_t;
constexpr TechniqueMask Mask(Technique t) {
  return TechniqueMask{1} << static_cast<unsigned>(t);
}

// A rule that limits one region: when it applies, the region's ceiling is at
// most `ceiling` and the techniques in `avoid` are not used there. A rule with
// ceiling kMaxPressure and no avoid only adds its reason.
struct RegionRule {
  const char* id;
  bool (*applies)(const PlanFacts&, Region);
  int ceiling;
  TechniqueMask avoid;
  const char* reason;
  const char* source;
};

// A rule that adds one positioning or home-program item.
struct ItemRule {
  const char* id;
  ItemKind kind;
  bool (*applies)(const PlanFacts&);
  const char* text;
  const char* reason;
  const char* source;
};

std::span<const RegionRule> RegionRules();
std::span<const ItemRule> PositioningRules();
std::span<const ItemRule> HomeProgramRules();

// Where a first session starts (principle 6): gentle on the painful area and
// the nerve path, a little more elsewhere, never above the ceiling.
inline constexpr int kStartPressureSensitive = 1;
inline constexpr int kStartPressureElsewhere = 2;
bool IsSensitiveRegion(const PlanFacts& facts, Region region);

// The regions of the calming alternative when the back is too acute to touch.
bool IsCalmingRegion(Region region);
bool CalmingPlanApplies(const PlanFacts& facts);

}  // namespace backplan::core::rules
