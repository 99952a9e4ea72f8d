#pragma once
// An assessment as a plain-text summary for the treatment room: the safety
// note and screening first, then scores, classification and the plan, every
// recommendation with its reason.

#include <string>

#include "core/assessment.h"

namespace backplan::codec {

std::string AssessmentToText(const core::Assessment& assessment);

}  // namespace backplan::codec
