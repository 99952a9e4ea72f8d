#pragma once
// A demo client who is weeks into care, so that a new user sees every part of
// the care loop at once: an assessment six weeks ago, five weekly sessions
// with check-ins (one followed by a flare, the latest with its 7-day check-in
// still open), and a 90-day diary ending yesterday in which driving is
// followed by more pain. Dates are relative to today, so the demo always
// looks current.

#include <chrono>

#include "service/assessment_service.h"
#include "service/care_service.h"
#include "service/diary_service.h"

namespace backplan::cli {

// `staff` logs the sessions, `client` answers the check-ins; both must have
// access to `client_id`. `intake_json` is the chronic localized example (its
// plan is what the sessions stay within). False when any step was refused.
bool SeedDemoCareHistory(const service::Principal& staff, const service::Principal& client,
                         storage::Id client_id, const char* intake_json,
                         std::chrono::sys_seconds now, service::AssessmentService& assessments,
                         service::CareService& care, service::DiaryService& diary);

}  // namespace backplan::cli
