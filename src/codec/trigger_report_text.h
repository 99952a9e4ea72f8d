#pragma once
// A trigger report as plain text for the client and the practitioner: the
// exposures that seem to be followed by more pain first, each with the
// avoid-then-reintroduce test to try; then what was tested without a clear
// link, what could not be tested, and how to read all of it. The words say
// "seems to be followed by", never "causes": the finder finds associations.

#include <string>

#include "core/triggers/trigger_finder.h"

namespace backplan::codec {

std::string TriggerReportToText(const core::TriggerReport& report);

}  // namespace backplan::codec
