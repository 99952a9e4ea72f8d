#pragma once
// The session plan: for every body region whether it may be worked, which
// techniques, the pressure ceiling these findings allow, where a first session
// starts, what to avoid, and why. Plus positioning and home-program items.
// Produced only when screening allows treatment. Rules: rules/plan_rules.h.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/classification.h"
#include "core/intake.h"
#include "core/reason.h"
#include "core/scores/scores.h"
#include "core/screening.h"

namespace backplan::core {

// Pressure ladder 0–5 (CLINICAL.md section 0): 0 none, 1 light Swedish /
// holding, 2 moderate Swedish / gentle stretch, 3 myofascial release, 4 deep
// tissue, 5 trigger point / sustained ischemic compression.
inline constexpr int kMaxPressure = 5;

enum class Technique {
  holding,
  light_swedish,
  swedish,
  assisted_stretching,
  myofascial_release,
  deep_tissue,
  trigger_point
};
inline constexpr std::size_t kTechniqueCount = 7;
inline constexpr std::array<Technique, kTechniqueCount> kAllTechniques = {
    Technique::holding,
    Technique::light_swedish,
    Technique::swedish,
    Technique::assisted_stretching,
    Technique::myofascial_release,
    Technique::deep_tissue,
    Technique::trigger_point};

// The pressure level a technique needs on the ladder.
int PressureLevel(Technique t);
std::string_view Name(Technique t);

enum class PlanMode { standard, calming };

struct AvoidedTechnique {
  Technique technique = Technique::trigger_point;
  Reason reason;
};

struct RegionPlan {
  Region region = Region::lumbar;
  bool work = false;
  int pressure_ceiling = 0;
  int start_pressure = 0;
  std::vector<Technique> techniques;  // allowed, gentlest first
  std::vector<AvoidedTechnique> avoid;
  std::vector<Reason> reasons;  // why the ceiling and start are what they are
};

enum class ItemKind { avoid, modify, use, correction, de_stress, adjunct_optional, position };

struct PlanItem {
  std::string id;
  ItemKind kind = ItemKind::modify;
  std::string text;
  Reason reason;
};

struct Plan {
  PlanMode mode = PlanMode::standard;
  std::vector<Reason> mode_reasons;
  std::vector<RegionPlan> regions;  // every region, in kAllRegions order
  std::vector<PlanItem> positioning;
  std::vector<PlanItem> home_program;

  const RegionPlan& For(Region r) const { return regions[static_cast<std::size_t>(r)]; }
};

// nullopt when screening does not allow treatment.
std::optional<Plan> BuildPlan(const Intake& intake, const Classification& classification,
                              const Scores& scores, const Screening& screening);

std::string_view Name(PlanMode m);
std::string_view Name(ItemKind k);

}  // namespace backplan::core
