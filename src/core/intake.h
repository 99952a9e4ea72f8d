#pragma once
// The intake assessment as the core sees it: already validated, every value in
// range. Parsing and validation of the outside format live in codec/; the core
// trusts these types. Optional means "not asked" or "not given", never "false".

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace backplan::core {

enum class Region {
  head,
  face,
  neck,
  shoulders,
  thoracic,
  lumbar,
  glutes,
  hips,
  hamstrings,
  quadriceps,
  calves
};
inline constexpr std::size_t kRegionCount = 11;
inline constexpr std::array<Region, kRegionCount> kAllRegions = {
    Region::head,       Region::face,       Region::neck,   Region::shoulders,
    Region::thoracic,   Region::lumbar,     Region::glutes, Region::hips,
    Region::hamstrings, Region::quadriceps, Region::calves};

enum class Side { left, right, both, central, none };

// How far down the leg symptoms reach; ordered from none to the foot.
enum class LegExtent { none, buttock, thigh, below_knee, foot };

enum class ProvocationResponse { untested, neutral, eases, provokes };

enum class Movement { flexion, extension, axial_load, sitting, standing, walking, lying };
inline constexpr std::size_t kMovementCount = 7;
inline constexpr std::array<Movement, kMovementCount> kAllMovements = {
    Movement::flexion,  Movement::extension, Movement::axial_load, Movement::sitting,
    Movement::standing, Movement::walking,   Movement::lying};

// Red-flag questions. The first six are cauda equina features.
enum class RedFlag {
  saddle_anesthesia,
  bladder_dysfunction,
  bowel_dysfunction,
  sexual_dysfunction,
  bilateral_leg_symptoms,
  gait_disturbance,
  history_of_cancer,
  unexplained_weight_loss,
  night_pain_unrelieved,
  fever,
  immunosuppression,
  iv_drug_use,
  recent_infection,
  major_trauma,
  minor_trauma,
  osteoporosis,
  long_term_steroids,
  inflammatory_morning_stiffness
};
inline constexpr std::size_t kRedFlagCount = 18;
inline constexpr std::size_t kCaudaEquinaQuestionCount = 6;

enum class Contraindication { dvt, anticoagulants, bleeding_disorder, pregnancy };
inline constexpr std::size_t kContraindicationCount = 4;

enum class Bothersomeness { not_at_all, slightly, moderately, very_much, extremely };

struct PainRegion {
  Region region = Region::lumbar;
  Side side = Side::central;
  int intensity = 0;  // 0–10
};

struct NeuroSigns {
  bool numbness = false;
  bool tingling = false;
  bool weakness = false;
  bool progressive_weakness = false;
  bool Any() const { return numbness || tingling || weakness || progressive_weakness; }
};

struct Nprs {
  int now = 0;                   // 0–10
  std::optional<int> best_24h;   // 0–10
  std::optional<int> worst_24h;  // 0–10
};

// One ODI section: unanswered, or the statement ticked (0–5). A double tick is
// kept as given; scoring takes the higher, as the manual says.
struct OdiSection {
  std::vector<int> ticks;  // empty = not answered
};

struct StartBackAnswers {
  std::vector<int> agree;                        // item numbers 1–8 agreed with
  std::optional<std::vector<int>> disagree;      // if given, items in neither list are missing
  std::optional<Bothersomeness> bothersomeness;  // item 9
};

struct PsfsActivity {
  std::string activity;
  int score = 0;  // 0 = unable, 10 = as before the problem
};

struct Questionnaires {
  std::optional<std::array<OdiSection, 10>> odi;
  std::optional<std::vector<int>> rmdq;  // ticked item numbers 1–24
  std::optional<StartBackAnswers> start_back;
  std::vector<PsfsActivity> psfs;
};

struct Intake {
  std::chrono::year_month_day assessed_on{};
  int age = 0;
  std::chrono::year_month_day onset_date{};
  std::string onset_mechanism;
  std::vector<PainRegion> pain_regions;
  LegExtent leg_extent = LegExtent::none;
  Side leg_side = Side::none;
  NeuroSigns neuro;
  Nprs nprs;
  std::array<ProvocationResponse, kMovementCount> provocation{};  // untested by default
  bool guarding = false;
  bool instability = false;
  std::array<std::optional<bool>, kRedFlagCount> red_flags{};  // nullopt = not asked
  std::array<std::optional<bool>, kContraindicationCount> contraindications{};
  std::optional<int> stress;  // 0–10
  Questionnaires questionnaires;

  ProvocationResponse Response(Movement m) const {
    return provocation[static_cast<std::size_t>(m)];
  }
  std::optional<bool> RedFlagAnswer(RedFlag f) const {
    return red_flags[static_cast<std::size_t>(f)];
  }
  bool HasRedFlag(RedFlag f) const { return RedFlagAnswer(f).value_or(false); }
  bool HasContraindication(Contraindication c) const {
    return contraindications[static_cast<std::size_t>(c)].value_or(false);
  }
  bool IsPainful(Region r) const {
    for (const auto& p : pain_regions)
      if (p.region == r && p.intensity > 0)
        return true;
    return false;
  }
};

}  // namespace backplan::core
