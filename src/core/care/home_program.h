#pragma once
// The client's home program (issue 4, item 7): the assessment's home-program
// items, then one item for every exposure the trigger finder reports, so that
// what seems to wind the pain up is taken out first (PRODUCT.md principles 7
// and 8) and then reintroduced to confirm it. Plus adherence: how many of the
// recent diary days the client ticked each item as done.
// Rules: section 7 of docs/care-loop-rules.md.

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "core/diary.h"
#include "core/plan.h"
#include "core/triggers/trigger_finder.h"

namespace backplan::core {

enum class HomeProgramSource { assessment, triggers };

struct HomeProgramItem {
  PlanItem item;  // id, kind, text, reason
  HomeProgramSource source = HomeProgramSource::assessment;
};

// Assessment items first, in the plan's order, then trigger items by the
// trigger report's order (strongest first), one per exposure even when both
// of its outcomes are reported. `exposures` gives labels for custom ones.
std::vector<HomeProgramItem> BuildHomeProgram(const Plan& plan, const TriggerReport& triggers,
                                              std::span<const ExposureDefinition> exposures = {});

inline constexpr int kAdherenceWindowDays = 14;

struct ItemAdherence {
  std::string item_id;
  int days_done = 0;      // diary days in the window with the item ticked
  int days_recorded = 0;  // diary days in the window at all
};

// Over the `window_days` calendar days ending on `today` (inclusive). Days
// without a diary entry are not counted either way: a missing day is not a
// day the program was skipped.
struct Adherence {
  std::chrono::sys_days from{};
  std::chrono::sys_days to{};
  std::vector<ItemAdherence> items;  // same order as the program
};

Adherence HomeProgramAdherence(std::span<const HomeProgramItem> program, const Diary& diary,
                               std::chrono::sys_days today, int window_days = kAdherenceWindowDays);

std::string_view Name(HomeProgramSource source);

}  // namespace backplan::core
