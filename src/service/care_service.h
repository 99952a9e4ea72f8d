#pragma once
// The care loop (issue 4) as use cases: logging a treatment session against
// the plan in force, the check-ins that follow it, and how the course of care
// is going (session responses, trend, graded progression).
//
// The plan in force is the plan of the client's latest assessment, rebuilt by
// re-running core::Assess on its stored intake (deterministic, and cheap). A
// session is refused when the client has no assessment, when that
// assessment's screening gave no plan, or when it deviates from the plan
// without an override reason on the region entry concerned.
//
// Permissions (permissions.h): logging a session is for staff with access to
// the client (a client gets 403); answering a check-in, for the client
// themselves or staff on their behalf; reads, for anyone with access to the
// client. A foreign or unknown id is "not found". Every write is audited in
// its transaction, every read through the AuditWriter. Thread-safe.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/care/check_in_schedule.h"
#include "core/care/progression.h"
#include "core/care/session.h"
#include "core/care/session_response.h"
#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

// A stored session with what the core reads from it at the time of asking.
struct CareSessionView {
  storage::CareSessionRow row;
  core::Session session;
  std::vector<storage::CheckInRow> check_in_rows;  // in answer order
  std::vector<core::CheckIn> check_ins;            // the same, parsed
  core::SessionResponse response;
  std::array<core::ScheduledCheckIn, core::kCheckInKindCount> schedule{};
};

struct LogSessionRequest {
  storage::Id client_id = 0;
  std::string session_json;
  std::optional<std::string> idempotency_key;
};

struct LoggedSession {
  CareSessionView session;
  bool replayed = false;  // an earlier request with the same idempotency key
};

struct CareProgress {
  storage::Id client_id = 0;
  storage::Id assessment_id = 0;                 // the assessment whose plan is in force
  storage::Id baseline_assessment_id = 0;        // the intake change is measured against
  std::vector<storage::Id> session_ids;          // the sessions under it, oldest first
  std::vector<core::SessionResponse> responses;  // one per session, same order
  core::CareTrend trend;
  // Absent when the assessment's screening gave no plan.
  std::optional<core::Progression> progression;
};

class CareService {
 public:
  CareService(storage::Store& store, Clock clock, AuditWriter& audit)
      : store_(store), clock_(std::move(clock)), audit_(audit) {}

  Outcome<LoggedSession> LogSession(const Principal& p, const LogSessionRequest& request);
  // Newest first; page.after = sessions with a smaller id.
  Outcome<std::vector<CareSessionView>> Sessions(const Principal& p, storage::Id client_id,
                                                 const storage::Page& page);
  Outcome<CareSessionView> GetSession(const Principal& p, storage::Id session_id);
  // The same sessions as Sessions, audited as a check-in read.
  Outcome<std::vector<CareSessionView>> CheckIns(const Principal& p, storage::Id client_id,
                                                 const storage::Page& page);
  // The answer is a check-in document (codec/care_json.h); answered now.
  Outcome<CareSessionView> AnswerCheckIn(const Principal& p, storage::Id session_id,
                                         const std::string& check_in_json);
  // Trend and progression over the sessions logged under the latest
  // assessment: a reassessment starts the course of care again from its plan.
  Outcome<CareProgress> Progress(const Principal& p, storage::Id client_id);

 private:
  Outcome<std::vector<CareSessionView>> ListSessions(const Principal& p, storage::Id client_id,
                                                     const storage::Page& page, const char* action);

  storage::Store& store_;
  Clock clock_;
  AuditWriter& audit_;
};

}  // namespace backplan::service
