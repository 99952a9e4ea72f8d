#pragma once
// A trigger report as JSON: whether there was enough data, then every finding
// (reported triggers first, as the finder ranks them) with its numbers and
// reason, then how to read the report. Untested findings have null numbers
// rather than zeros, so that nobody reads "no effect" into "not tested".
// A reported trigger carries the avoid-then-reintroduce test to suggest.

#include <nlohmann/json.hpp>
#include <string>

#include "core/triggers/trigger_finder.h"

namespace backplan::codec {

nlohmann::ordered_json TriggerReportToJson(const core::TriggerReport& report);

// What to suggest for a reported trigger: the finder finds associations, and
// avoiding the exposure and then bringing it back is how a client checks one.
std::string SuggestedTriggerTest(const core::TriggerFinding& finding);

}  // namespace backplan::codec
