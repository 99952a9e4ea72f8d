#pragma once
// The practitioner's list of clients needing attention: who to look at first
// and why. Ordered by tier (the most urgent reason a client has), then by how
// long the reason has waited, then by client id so that the order is stable.
//
// Tiers, most urgent first (product rule; CLINICAL.md section 0 puts red flags
// above everything):
//   red_flags        latest assessment's screening refers or sends to emergency
//   flare            the latest judged session was a flare, or peripheralized
//   overdue_check_in a check-in is overdue (check_in_schedule.h)
//   short_lived_relief  the trend advice says triggers are not yet addressed
//                    (repeated short-lived relief), or de-escalate and refer
//   due_check_in     a check-in is due
// Clients with none of these are left off the list.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/care/session_response.h"
#include "core/reason.h"
#include "core/screening.h"

namespace backplan::core {

enum class AttentionTier { red_flags, flare, overdue_check_in, short_lived_relief, due_check_in };

// What the service knows about one client, gathered from the store.
struct ClientCareState {
  std::int64_t client_id = 0;
  std::optional<Disposition> disposition;      // latest assessment; none yet → nullopt
  std::optional<SessionResponse> last_judged;  // latest session not insufficient_data
  std::vector<CareAdvice> advice;              // AssessCareTrend(...).advice
  int overdue_check_ins = 0;
  int due_check_ins = 0;
  // When the most urgent reason began, as seconds; older waits first.
  std::int64_t waiting_since = 0;
};

struct AttentionItem {
  std::int64_t client_id = 0;
  AttentionTier tier = AttentionTier::due_check_in;
  std::vector<Reason> reasons;  // every reason the client is listed, most urgent first
};

std::vector<AttentionItem> AttentionList(std::span<const ClientCareState> clients);

}  // namespace backplan::core
