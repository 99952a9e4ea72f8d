#pragma once
// An assessment as JSON: rules_version, screening (red flags first), scores,
// classification, plan (null when screening does not allow treatment) and
// warnings. Keys keep this order so that a person reading the output sees the
// safety information before anything else.

#include <nlohmann/json.hpp>

#include "core/assessment.h"

namespace backplan::codec {

nlohmann::ordered_json AssessmentToJson(const core::Assessment& assessment);

}  // namespace backplan::codec
