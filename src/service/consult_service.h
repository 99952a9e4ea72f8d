#pragma once
// Virtual consults (issue 5) as use cases: a practitioner's hours and consult
// types, free slots in the client's zone, booking, cancelling and
// rescheduling.
//
// Booking is atomic: the practitioner's booked consults are re-read, the start
// checked against the offered slots (core::consults::IsOfferedSlot) and the
// conflict rule (ConflictsWithAny, buffers included) and the consult inserted,
// all inside one write transaction; writes are serialized by the store, so two
// consults of one practitioner never overlap however many requests race. A
// taken slot is a Conflict. An Idempotency-Key makes a retried booking return
// the first one.
//
// Zones: settings name an IANA zone; it is looked up here (date::locate_zone
// reads the system tz database), never in the core. An unknown name is
// Invalid("time_zone", …).
//
// Permissions (permissions.h): settings and types are set by the practitioner
// themselves or an admin of their clinic (a client gets 403). Free slots are
// searched by a client of that practitioner or by staff of the clinic, and
// never say whose the busy time is. A consult is booked, listed, read,
// cancelled or rescheduled by the client themselves or staff with access to
// the client; a foreign or unknown id is "not found". Cancel and reschedule
// close `change_cutoff_hours` before the start, for everyone. Every write is
// audited in its transaction, every read of consults through the AuditWriter.
// Thread-safe.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/consults/availability.h"
#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

struct ConsultSettingsInput {
  std::string time_zone;  // IANA, e.g. "America/New_York"
  core::consults::Availability availability;
  std::optional<std::string> meeting_url;  // unset: a room name is generated per consult
  int change_cutoff_hours = 24;
};

struct ConsultSettingsView {
  storage::ConsultSettingsRow row;
  core::consults::Availability availability;  // parsed from row.availability_json
};

struct ConsultTypeInput {
  std::string name;
  core::consults::ConsultType type;
  bool active = true;
};

// A free slot as UTC instants and as the client's clock shows them
// ("2027-03-14T13:00:00+00:00").
struct FreeSlot {
  std::chrono::sys_seconds start{};
  std::chrono::sys_seconds end{};
  std::string client_local_start;
  std::string client_local_end;
};

struct FreeSlotsRequest {
  storage::Id practitioner_id = 0;
  storage::Id type_id = 0;
  std::chrono::sys_seconds from{};  // slots starting in [from, to)
  std::chrono::sys_seconds to{};
  std::string client_zone;  // IANA
};

struct BookedConsult {
  storage::ConsultRow consult;
  bool replayed = false;  // an earlier request with the same idempotency key
};

struct ConsultView {
  storage::ConsultRow consult;
  std::vector<storage::ConsultHistoryRow> history;  // oldest first
};

// The longest range one slot search may cover.
inline constexpr date::days kMaxSlotSearch{93};

class ConsultService {
 public:
  ConsultService(storage::Store& store, Clock clock, AuditWriter& audit)
      : store_(store), clock_(std::move(clock)), audit_(audit) {}

  Outcome<ConsultSettingsView> SetSettings(const Principal& p, storage::Id practitioner_id,
                                           const ConsultSettingsInput& input);
  // Staff of the clinic; NotFound when the practitioner has set nothing yet.
  Outcome<ConsultSettingsView> Settings(const Principal& p, storage::Id practitioner_id);
  Outcome<storage::ConsultTypeRow> AddConsultType(const Principal& p, storage::Id practitioner_id,
                                                  const ConsultTypeInput& input);
  Outcome<storage::ConsultTypeRow> UpdateConsultType(const Principal& p, storage::Id type_id,
                                                     const ConsultTypeInput& input);
  // Staff see every type; a client of the practitioner only the active ones.
  Outcome<std::vector<storage::ConsultTypeRow>> ConsultTypes(const Principal& p,
                                                             storage::Id practitioner_id);

  Outcome<std::vector<FreeSlot>> FreeSlots(const Principal& p, const FreeSlotsRequest& request);

  Outcome<BookedConsult> Book(const Principal& p, storage::Id client_id, storage::Id type_id,
                              std::chrono::sys_seconds start,
                              const std::optional<std::string>& idempotency_key);
  Outcome<storage::ConsultRow> Cancel(const Principal& p, storage::Id consult_id);
  // Keeps id and UID; moves the times, raises the sequence. The consult keeps
  // its duration and buffers; the new start must be an offered slot.
  Outcome<storage::ConsultRow> Reschedule(const Principal& p, storage::Id consult_id,
                                          std::chrono::sys_seconds new_start);

  // By start time, cancelled ones included.
  Outcome<std::vector<storage::ConsultRow>> Consults(const Principal& p, storage::Id client_id);
  Outcome<ConsultView> Get(const Principal& p, storage::Id consult_id);

 private:
  enum class Change { cancel, reschedule };
  Outcome<storage::ConsultRow> ChangeConsult(const Principal& p, storage::Id consult_id,
                                             Change change,
                                             std::optional<std::chrono::sys_seconds> new_start);

  storage::Store& store_;
  Clock clock_;
  AuditWriter& audit_;
};

}  // namespace backplan::service
