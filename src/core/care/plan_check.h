#pragma once
// Checks the work recorded in a session against the plan in force. Working a
// region the plan excludes, going above a region's pressure ceiling, or using
// a technique the plan avoids there is a deviation. A deviation is allowed
// only with the practitioner's override reason on that region entry; the
// service refuses a session with a deviation that has none, and the record and
// the report show every deviation with its reason.
// Rules: plan_check.* in docs/care-loop-rules.md.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/care/session.h"
#include "core/plan.h"
#include "core/reason.h"

namespace backplan::core {

enum class DeviationKind {
  region_not_worked,    // the plan says this region is not to be worked
  above_ceiling,        // pressure above the region's ceiling
  avoided_technique,    // a technique the plan avoids on this region
  technique_not_listed  // a technique neither allowed nor avoided (plans built by hand)
};

struct Deviation {
  std::size_t work_index = 0;  // into Session::regions
  Region region = Region::lumbar;
  DeviationKind kind = DeviationKind::above_ceiling;
  Reason reason;
  std::optional<Reason> plan_reason;  // the plan's own reason for the limit, when it has one
  std::string override_reason;        // copied from the entry; empty = none
  bool Overridden() const;
};

struct PlanCheck {
  std::vector<Deviation> deviations;          // in the order of Session::regions
  std::vector<std::size_t> missing_override;  // indexes into `deviations`
  bool Acceptable() const { return missing_override.empty(); }
};

PlanCheck CheckAgainstPlan(const Session& session, const Plan& plan);

std::string_view Name(DeviationKind kind);

}  // namespace backplan::core
