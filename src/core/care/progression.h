#pragma once
// Graded progression (CLINICAL.md section 0, PRODUCT.md principle 6): the
// working pressure per region, session by session, replayed from the
// assessment's plan and the ordered session responses.
//   - Start at the plan's start pressure.
//   - One step up after 2 consecutive sessions without a flare, counted since
//     the region's last change; never above the plan's ceiling.
//   - One step down after a flare, and the count starts again; never below 1
//     on a region the plan lets be worked (1 is holding / light Swedish, the
//     gentlest contact there is: stopping work on a region altogether is the
//     practitioner's call, which the de-escalation advice prompts).
//   - insufficient_data neither counts toward the streak nor resets it: a
//     session nobody reported on is no evidence of tolerance, and no evidence
//     of a flare either.
//   - A region the plan does not let be worked stays at 0.
// A response is about the client, not a region, so every workable region moves
// together. Every change is kept in the history with its reason; a step that
// is blocked by the ceiling or the floor is not a change and is not kept.
// Rules: progression.* in docs/care-loop-rules.md.

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/care/session_response.h"
#include "core/intake.h"
#include "core/plan.h"
#include "core/reason.h"

namespace backplan::core {

inline constexpr std::size_t kSessionsToStepUp = 2;
inline constexpr int kWorkedRegionFloor = 1;

using RegionPressures = std::array<int, kRegionCount>;  // indexed by Region

struct PressureChange {
  Region region = Region::lumbar;
  // The session (index into the responses) after which the change applies;
  // nullopt for the start pressure taken from the plan.
  std::optional<std::size_t> after_session;
  int from = 0;
  int to = 0;
  Reason reason;
};

struct Progression {
  RegionPressures start{};
  std::vector<RegionPressures> after_session;  // one per response, in order
  std::vector<PressureChange> history;         // starts first, then by session
  // The working pressure for the next session.
  const RegionPressures& Current() const {
    return after_session.empty() ? start : after_session.back();
  }
};

Progression ComputeProgression(const Plan& plan, std::span<const ResponseKind> responses);

}  // namespace backplan::core
