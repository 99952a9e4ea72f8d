#include "core/care/progression.h"

#include <algorithm>
#include <string>

namespace backplan::core {
namespace {

constexpr const char* kSource = "CLINICAL.md section 0 (product rule); PRODUCT.md principle 6";

struct RegionState {
  bool workable = false;
  int ceiling = 0;
  int pressure = 0;
  std::size_t no_flare_streak = 0;  // consecutive no-flare sessions since the last change or flare
};

std::string SessionNumber(std::size_t index) {
  return "session " + std::to_string(index + 1);
}

}  // namespace

Progression ComputeProgression(const Plan& plan, std::span<const ResponseKind> responses) {
  Progression progression;
  std::array<RegionState, kRegionCount> states{};
  for (const RegionPlan& region_plan : plan.regions) {
    const auto r = static_cast<std::size_t>(region_plan.region);
    RegionState& state = states[r];
    state.workable = region_plan.work && region_plan.pressure_ceiling > 0;
    if (!state.workable)
      continue;
    state.ceiling = std::min(region_plan.pressure_ceiling, kMaxPressure);
    state.pressure = std::clamp(region_plan.start_pressure, 0, state.ceiling);
    progression.start[r] = state.pressure;
    progression.history.push_back(
        {region_plan.region,
         std::nullopt,
         0,
         state.pressure,
         {"progression.start",
          "Start at pressure " + std::to_string(state.pressure) +
              ", the plan's gentle start for this region; the ceiling is " +
              std::to_string(state.ceiling) + ".",
          kSource}});
  }

  for (std::size_t session = 0; session < responses.size(); ++session) {
    const ResponseKind response = responses[session];
    for (Region region : kAllRegions) {
      RegionState& state = states[static_cast<std::size_t>(region)];
      if (!state.workable || response == ResponseKind::insufficient_data)
        continue;
      const int from = state.pressure;
      if (response == ResponseKind::flare) {
        state.no_flare_streak = 0;
        if (state.pressure <= kWorkedRegionFloor)
          continue;
        --state.pressure;
        progression.history.push_back(
            {region,
             session,
             from,
             state.pressure,
             {"progression.step_down",
              SessionNumber(session) + " was followed by a flare: one step down, to pressure " +
                  std::to_string(state.pressure) + ".",
              kSource}});
        continue;
      }
      ++state.no_flare_streak;
      if (state.no_flare_streak < kSessionsToStepUp || state.pressure >= state.ceiling)
        continue;
      ++state.pressure;
      state.no_flare_streak = 0;
      progression.history.push_back(
          {region,
           session,
           from,
           state.pressure,
           {"progression.step_up",
            std::to_string(kSessionsToStepUp) + " sessions in a row without a flare (up to " +
                SessionNumber(session) + "): one step up, to pressure " +
                std::to_string(state.pressure) + " of at most " + std::to_string(state.ceiling) +
                ".",
            kSource}});
    }
    RegionPressures after{};
    for (std::size_t r = 0; r < kRegionCount; ++r)
      after[r] = states[r].pressure;
    progression.after_session.push_back(after);
  }
  return progression;
}

}  // namespace backplan::core
