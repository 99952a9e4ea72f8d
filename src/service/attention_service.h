#pragma once
// The practitioner's list of clients needing attention (issue 4) as a use
// case: every client the caller may see, each with the care state the
// per-client endpoints show, ranked by core::AttentionList
// (core/care/attention.h; docs/care-loop-rules.md).
//
// Each client's state is the one CareService computes for that client:
//   disposition   the screening of the latest assessment (its stored
//                 disposition column; the assessment is not re-run);
//   responses     the sessions under the latest assessment, oldest first,
//                 each classified from its stored session and check-ins;
//   advice        core::AssessCareTrend over those responses, as
//                 CareService::Progress gives it;
//   due, overdue  the check-in schedule of every session of the client, now.
// How long the most urgent reason has waited, for the order within a tier:
//   red_flags     since the latest assessment was recorded;
//   flare         since the flare session started;
//   overdue       since the earliest overdue check-in became overdue;
//   short_lived_relief  since the latest judged session started;
//   due           since the earliest due check-in fell due.
//
// Permissions (permissions.h): staff only. An admin sees every client of
// their clinic, a practitioner their own clients; a client gets 403. One
// audit row per list read ("attention.list"), as for the client list.
//
// Cost: the caseload is read in one transaction with five statements
// (store.h, caseload reads) however many clients it has, without the session
// and check-in documents: the schedule needs only which check-ins are
// answered, and only for sessions recent enough to have one still open. The
// first list of a fresh service parses every session under a plan in force
// (about 0.1 s for 3000 sessions); later lists only the changed ones.
// Classifying a session's response does need its documents, and parsing them
// for hundreds of clients costs far more than the reads; so the service
// remembers each session's response (its kind and whether leg symptoms
// spread: all the list reads of it) with the newest check-in id it had
// taken into account. Sessions and check-ins are append-only, so the
// response stays right until a check-in is added to the session: each list
// reads the caseload's check-ins added since (by id), and reads and parses
// again only the sessions they belong to, and sessions it has not seen yet.
// At most kMaxKnownResponses are kept; past that the memory is cleared and
// refilled. Thread-safe.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/care/attention.h"
#include "core/care/session_response.h"
#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

struct AttentionEntry {
  core::AttentionItem item;
  std::string name;  // the client's display name; empty when the row has none
};

class AttentionService {
 public:
  AttentionService(storage::Store& store, Clock clock, AuditWriter& audit)
      : store_(store), clock_(std::move(clock)), audit_(audit) {}

  // Most urgent first (core::AttentionList); clients with no reason are left
  // off.
  Outcome<std::vector<AttentionEntry>> List(const Principal& p);

  // About 64 bytes each with the map's overhead: 13 MB at most.
  static constexpr std::size_t kMaxKnownResponses = 200'000;

  // What the list reads of a session's response, and the newest check-in id
  // it took into account: a check-in of the session with a greater id makes
  // it stale.
  struct KnownResponse {
    storage::Id seen_upto = 0;
    core::ResponseKind kind = core::ResponseKind::insufficient_data;
    bool peripheralized = false;
  };

 private:
  storage::Store& store_;
  Clock clock_;
  AuditWriter& audit_;
  std::mutex mutex_;
  std::unordered_map<storage::Id, KnownResponse> known_;  // by session id; guarded by mutex_
};

}  // namespace backplan::service
