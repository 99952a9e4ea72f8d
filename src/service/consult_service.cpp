#include "service/consult_service.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "core/consults/slot_search.h"
#include "core/consults/zoned_render.h"
#include "service/audit.h"
#include "service/idempotency.h"
#include "service/permissions.h"
#include "service/secrets.h"

namespace backplan::service {
namespace {

namespace consults = core::consults;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr int kMaxCutoffHours = 24 * 30;
constexpr std::size_t kMaxTypeName = 100;
constexpr std::size_t kMaxMeetingUrl = 500;
// Room names for practitioners without a meeting address of their own.
constexpr const char* kGeneratedRoomBase = "https://meet.jit.si/backplan-";

sys_seconds TimeOf(storage::UnixSeconds value) {
  return sys_seconds(seconds(value));
}
storage::UnixSeconds SecondsOf(sys_seconds value) {
  return value.time_since_epoch().count();
}

// The system tz database's zone, or nullptr for a name it does not know.
const date::time_zone* LocateZone(const std::string& name) {
  if (name.empty())
    return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

// --- Availability as stored JSON text ----------------------------------------
// {"weekly": [[{"start": 540, "end": 1020}], …7 lists, Sunday first…],
//  "days_off": ["2027-03-15"],
//  "extra_hours": [{"date": "2027-03-20", "start": 540, "end": 720}]}
// Times are minutes since local midnight.

nlohmann::json RangeToJson(const consults::LocalTimeRange& range) {
  return {{"start", range.start.count()}, {"end", range.end.count()}};
}

std::string DateText(date::local_days day) {
  return date::format("%F", day);
}

std::optional<date::local_days> ParseDate(const std::string& text) {
  std::istringstream in(text);
  date::local_days day;
  in >> date::parse("%F", day);
  if (in.fail())
    return std::nullopt;
  return day;
}

std::string AvailabilityToJson(const consults::Availability& availability) {
  nlohmann::json weekly = nlohmann::json::array();
  for (const auto& ranges : availability.weekly.by_weekday) {
    nlohmann::json day = nlohmann::json::array();
    for (const auto& range : ranges)
      day.push_back(RangeToJson(range));
    weekly.push_back(std::move(day));
  }
  nlohmann::json days_off = nlohmann::json::array();
  for (const auto day : availability.days_off)
    days_off.push_back(DateText(day));
  nlohmann::json extra = nlohmann::json::array();
  for (const auto& hours : availability.extra_hours) {
    auto entry = RangeToJson(hours.range);
    entry["date"] = DateText(hours.date);
    extra.push_back(std::move(entry));
  }
  return nlohmann::json{{"weekly", weekly}, {"days_off", days_off}, {"extra_hours", extra}}.dump();
}

consults::LocalTimeRange RangeFrom(const nlohmann::json& json) {
  return {minutes(json.at("start").get<int>()), minutes(json.at("end").get<int>())};
}

// nullopt when the stored text does not parse (an internal error: only this
// file writes it).
std::optional<consults::Availability> AvailabilityFrom(const std::string& text) {
  try {
    const auto json = nlohmann::json::parse(text);
    consults::Availability availability;
    const auto& weekly = json.at("weekly");
    if (weekly.size() != 7)
      return std::nullopt;
    for (std::size_t weekday_idx = 0; weekday_idx < 7; ++weekday_idx)
      for (const auto& range : weekly[weekday_idx])
        availability.weekly.by_weekday[weekday_idx].push_back(RangeFrom(range));
    for (const auto& day : json.at("days_off")) {
      const auto parsed = ParseDate(day.get<std::string>());
      if (!parsed)
        return std::nullopt;
      availability.days_off.push_back(*parsed);
    }
    for (const auto& entry : json.at("extra_hours")) {
      const auto parsed = ParseDate(entry.at("date").get<std::string>());
      if (!parsed)
        return std::nullopt;
      availability.extra_hours.push_back({*parsed, RangeFrom(entry)});
    }
    return availability;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// --- Consult types ------------------------------------------------------------

consults::ConsultType CoreTypeOf(const storage::ConsultTypeRow& row) {
  consults::ConsultType type;
  type.duration = minutes(row.duration_minutes);
  type.buffer_before = minutes(row.buffer_before_minutes);
  type.buffer_after = minutes(row.buffer_after_minutes);
  type.minimum_notice = minutes(row.minimum_notice_minutes);
  type.booking_horizon = date::days(row.booking_horizon_days);
  type.slot_step = minutes(row.slot_step_minutes);
  return type;
}

void FillTypeRow(const ConsultTypeInput& input, storage::ConsultTypeRow& row) {
  row.name = input.name;
  row.duration_minutes = static_cast<int>(input.type.duration.count());
  row.buffer_before_minutes = static_cast<int>(input.type.buffer_before.count());
  row.buffer_after_minutes = static_cast<int>(input.type.buffer_after.count());
  row.minimum_notice_minutes = static_cast<int>(input.type.minimum_notice.count());
  row.booking_horizon_days = static_cast<int>(input.type.booking_horizon.count());
  row.slot_step_minutes = static_cast<int>(input.type.slot_step.count());
  row.active = input.active;
}

std::optional<ServiceError> TypeProblem(const ConsultTypeInput& input) {
  core::FieldErrors errors = consults::Validate(input.type);
  if (input.name.empty() || input.name.size() > kMaxTypeName)
    errors.push_back({"name", "must be 1–100 characters"});
  // Stored as whole minutes in 32-bit columns: a week of buffer is plenty.
  constexpr minutes kMaxBuffer{7 * 24 * 60};
  if (input.type.buffer_before > kMaxBuffer || input.type.buffer_after > kMaxBuffer ||
      input.type.minimum_notice > minutes{365 * 24 * 60})
    errors.push_back({"buffers", "must be at most a week (notice at most a year)"});
  if (errors.empty())
    return std::nullopt;
  return ServiceError{core::ErrorKind::invalid_input, "the consult type is not valid",
                      std::move(errors), 0};
}

// --- Permissions --------------------------------------------------------------

// The practitioner themselves, or an admin of their clinic. A client is
// refused; for a practitioner, a colleague's id answers as an unknown one
// does (not found), so that foreign and unknown ids look alike.
std::optional<ServiceError> ManageProblem(storage::ReadTx& tx, const Principal& p,
                                          storage::Id practitioner_id) {
  if (!IsStaff(p))
    return Forbidden();
  const auto user = tx.UserById(practitioner_id);
  if (!user || user->clinic_id != p.clinic_id || user->role != storage::Role::practitioner)
    return NotFound();
  if (!IsAdmin(p) && p.user_id != practitioner_id)
    return NotFound();
  return std::nullopt;
}

// Who may see a practitioner's free slots and types: staff of the clinic, or a
// client of that practitioner.
bool CanSeeCalendar(storage::ReadTx& tx, const Principal& p, storage::Id practitioner_id) {
  const auto user = tx.UserById(practitioner_id);
  if (!user || user->clinic_id != p.clinic_id || user->role != storage::Role::practitioner)
    return false;
  if (IsStaff(p))
    return true;
  const auto client = tx.ClientByUserId(p.user_id);
  return client && client->practitioner_id == practitioner_id;
}

// --- Booking ------------------------------------------------------------------

std::vector<consults::BookedConsult> BusyOf(const std::vector<storage::ConsultRow>& rows,
                                            std::optional<storage::Id> except = std::nullopt) {
  std::vector<consults::BookedConsult> busy;
  busy.reserve(rows.size());
  for (const auto& row : rows)
    if (row.id != except)
      busy.push_back({TimeOf(row.start_at), TimeOf(row.end_at), minutes(row.buffer_before_minutes),
                      minutes(row.buffer_after_minutes)});
  return busy;
}

// What a booking needs from the practitioner's settings, read and parsed.
struct Calendar {
  storage::ConsultSettingsRow settings;
  consults::Availability availability;
  const date::time_zone* zone = nullptr;
};

Outcome<Calendar> CalendarOf(storage::ReadTx& tx, storage::Id practitioner_id) {
  auto settings = tx.ConsultSettings(practitioner_id);
  if (!settings)
    return Conflict("the practitioner has not set consult hours yet");
  auto availability = AvailabilityFrom(settings->availability_json);
  const auto* zone = LocateZone(settings->time_zone);
  if (!availability || !zone)
    return Internal();
  return Calendar{std::move(*settings), std::move(*availability), zone};
}

// Why `start` cannot be booked for `type` now, or nothing. `busy` holds the
// practitioner's other booked consults around it.
std::optional<ServiceError> SlotProblem(const Calendar& calendar, const consults::ConsultType& type,
                                        const std::vector<consults::BookedConsult>& busy,
                                        sys_seconds start, sys_seconds now) {
  if (consults::ConflictsWithAny(consults::ConsultAt(start, type), busy))
    return Conflict(
        "this time is no longer free: another consult (or its preparation time) overlaps it; "
        "choose another slot");
  if (!consults::IsOfferedSlot(calendar.availability, *calendar.zone, type, busy, start, now))
    return Invalid("start",
                   "is not an offered slot: outside the practitioner's hours, off the slot grid, "
                   "too soon, or too far ahead");
  return std::nullopt;
}

std::vector<storage::ConsultRow> BookedAround(storage::ReadTx& tx, storage::Id practitioner_id,
                                              const consults::BookedConsult& candidate) {
  const auto reserved = candidate.Reserved();
  return tx.BookedConsultsOfPractitioner(practitioner_id, SecondsOf(reserved.start),
                                         SecondsOf(reserved.end));
}

std::string VideoLinkFor(const storage::ConsultSettingsRow& settings) {
  if (settings.meeting_url)
    return *settings.meeting_url;
  // A fresh unguessable room per consult; only the token's first characters,
  // lower-cased letters and digits, so that the name is easy to read out.
  std::string room;
  for (const char c : NewToken())
    if (std::isalnum(static_cast<unsigned char>(c)) && room.size() < 20)
      room.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return kGeneratedRoomBase + room;
}

std::string HoursText(int hours) {
  return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

}  // namespace

Outcome<ConsultSettingsView> ConsultService::SetSettings(const Principal& p,
                                                         storage::Id practitioner_id,
                                                         const ConsultSettingsInput& input) {
  const auto now = clock_();
  core::FieldErrors errors = consults::Validate(input.availability);
  if (!LocateZone(input.time_zone))
    errors.push_back({"time_zone", "is not a time zone of the IANA database"});
  if (input.change_cutoff_hours < 0 || input.change_cutoff_hours > kMaxCutoffHours)
    errors.push_back({"change_cutoff_hours", "must be 0–720"});
  if (input.meeting_url &&
      (input.meeting_url->rfind("https://", 0) != 0 || input.meeting_url->size() > kMaxMeetingUrl))
    errors.push_back({"meeting_url", "must be an https:// address of at most 500 characters"});
  std::optional<ServiceError> error;
  ConsultSettingsView view;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    if ((error = ManageProblem(tx, p, practitioner_id))) {
      Audit(tx, CallerOf(p), p.clinic_id, "consult_settings.update", "practitioner",
            practitioner_id, std::nullopt, "denied", now);
      return storage::Status{};
    }
    if (!errors.empty()) {
      error = ServiceError{core::ErrorKind::invalid_input, "the consult settings are not valid",
                           errors, 0};
      return storage::Status{};
    }
    view.availability = input.availability;
    view.row = {practitioner_id,
                input.time_zone,
                AvailabilityToJson(input.availability),
                input.meeting_url,
                input.change_cutoff_hours,
                p.user_id,
                now};
    tx.PutConsultSettings(view.row);
    Audit(tx, CallerOf(p), p.clinic_id, "consult_settings.update", "practitioner", practitioner_id,
          std::nullopt, "ok", now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return view;
}

Outcome<ConsultSettingsView> ConsultService::Settings(const Principal& p,
                                                      storage::Id practitioner_id) {
  std::optional<ServiceError> error;
  std::optional<storage::ConsultSettingsRow> row;
  const auto status = store_.Read([&](storage::ReadTx& tx) {
    if (!IsStaff(p))
      error = Forbidden();
    else if (!CanSeeCalendar(tx, p, practitioner_id) ||
             !(row = tx.ConsultSettings(practitioner_id)))
      error = NotFound();
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  auto availability = AvailabilityFrom(row->availability_json);
  if (!availability)
    return Internal();
  return ConsultSettingsView{std::move(*row), std::move(*availability)};
}

Outcome<storage::ConsultTypeRow> ConsultService::AddConsultType(const Principal& p,
                                                                storage::Id practitioner_id,
                                                                const ConsultTypeInput& input) {
  const auto now = clock_();
  const auto problem = TypeProblem(input);
  std::optional<ServiceError> error;
  storage::ConsultTypeRow row;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    if ((error = ManageProblem(tx, p, practitioner_id))) {
      Audit(tx, CallerOf(p), p.clinic_id, "consult_type.create", "practitioner", practitioner_id,
            std::nullopt, "denied", now);
      return storage::Status{};
    }
    if ((error = problem))
      return storage::Status{};
    row.practitioner_id = practitioner_id;
    FillTypeRow(input, row);
    row.created_by = p.user_id;
    row.created_at = now;
    row.id = tx.InsertConsultType(row);
    Audit(tx, CallerOf(p), p.clinic_id, "consult_type.create", "consult_type", row.id, std::nullopt,
          "ok", now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return row;
}

Outcome<storage::ConsultTypeRow> ConsultService::UpdateConsultType(const Principal& p,
                                                                   storage::Id type_id,
                                                                   const ConsultTypeInput& input) {
  const auto now = clock_();
  const auto problem = TypeProblem(input);
  std::optional<ServiceError> error;
  storage::ConsultTypeRow row;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto stored = tx.ConsultTypeById(type_id);
    if (!stored) {
      error = IsStaff(p) ? NotFound() : Forbidden();
    } else {
      error = ManageProblem(tx, p, stored->practitioner_id);
    }
    if (error) {
      Audit(tx, CallerOf(p), p.clinic_id, "consult_type.update", "consult_type", type_id,
            std::nullopt, "denied", now);
      return storage::Status{};
    }
    if ((error = problem))
      return storage::Status{};
    row = *stored;
    FillTypeRow(input, row);
    tx.UpdateConsultType(row);
    Audit(tx, CallerOf(p), p.clinic_id, "consult_type.update", "consult_type", type_id,
          std::nullopt, "ok", now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return row;
}

Outcome<std::vector<storage::ConsultTypeRow>> ConsultService::ConsultTypes(
    const Principal& p, storage::Id practitioner_id) {
  bool allowed = false;
  std::vector<storage::ConsultTypeRow> types;
  const auto status = store_.Read([&](storage::ReadTx& tx) {
    allowed = CanSeeCalendar(tx, p, practitioner_id);
    if (allowed)
      types = tx.ConsultTypes(practitioner_id);
    return storage::Status{};
  });
  if (!status.ok())
    return Internal();
  if (!allowed)
    return NotFound();
  if (!IsStaff(p))
    std::erase_if(types, [](const storage::ConsultTypeRow& type) { return !type.active; });
  return types;
}

Outcome<std::vector<FreeSlot>> ConsultService::FreeSlots(const Principal& p,
                                                         const FreeSlotsRequest& request) {
  const auto* client_zone = LocateZone(request.client_zone);
  if (!client_zone)
    return Invalid("time_zone", "is not a time zone of the IANA database");
  if (request.to <= request.from || request.to - request.from > kMaxSlotSearch)
    return Invalid("to", "must be after from, at most 93 days later");
  const auto now = TimeOf(clock_());
  std::optional<ServiceError> error;
  std::optional<Calendar> calendar;
  std::optional<storage::ConsultTypeRow> type_row;
  std::vector<storage::ConsultRow> booked;
  const auto status = store_.Read([&](storage::ReadTx& tx) {
    type_row = tx.ConsultTypeById(request.type_id);
    if (!CanSeeCalendar(tx, p, request.practitioner_id) || !type_row ||
        type_row->practitioner_id != request.practitioner_id ||
        (!type_row->active && !IsStaff(p))) {
      error = NotFound();
      return storage::Status{};
    }
    auto found = CalendarOf(tx, request.practitioner_id);
    if (!found.ok()) {
      error = found.error();
      return storage::Status{};
    }
    calendar = std::move(found.value());
    // Every consult whose reserved time could touch a slot starting in the
    // range: a day of margin plus this type's length and buffers.
    const auto type = CoreTypeOf(*type_row);
    booked = tx.BookedConsultsOfPractitioner(
        request.practitioner_id, SecondsOf(request.from - type.buffer_before - date::days{1}),
        SecondsOf(request.to + type.duration + type.buffer_after + date::days{1}));
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  // Busy intervals only, never whose: the rows stay in this function.
  const auto busy = BusyOf(booked);
  std::vector<FreeSlot> slots;
  for (const auto& slot :
       consults::FindSlots(calendar->availability, *calendar->zone, CoreTypeOf(*type_row), busy,
                           request.from, request.to, now))
    slots.push_back({slot.start, slot.end, consults::FormatLocalIso(slot.start, *client_zone),
                     consults::FormatLocalIso(slot.end, *client_zone)});
  return slots;
}

Outcome<BookedConsult> ConsultService::Book(const Principal& p, storage::Id client_id,
                                            storage::Id type_id, sys_seconds start,
                                            const std::optional<std::string>& idempotency_key) {
  if (auto problem = IdempotencyKeyProblem(idempotency_key))
    return *problem;
  const auto now = clock_();
  const std::string request_hash = IdempotencyRequestHash(
      "consult.create", std::to_string(client_id) + "\n" + std::to_string(type_id) + "\n" +
                            std::to_string(SecondsOf(start)));
  std::optional<ServiceError> error;
  BookedConsult booked;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto client = tx.ClientById(client_id);
    if (!client || !CanAccessClient(p, *client)) {
      Audit(tx, CallerOf(p), p.clinic_id, "consult.create", "client", client_id, client_id,
            "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    auto earlier = LookUpIdempotencyKey(tx, p, idempotency_key, request_hash);
    if (!earlier.ok()) {
      error = earlier.error();
      return storage::Status{};
    }
    if (earlier.value()) {
      if (auto stored = tx.ConsultById(std::stoll(earlier.value()->resource_id))) {
        booked = {std::move(*stored), true};
        return storage::Status{};
      }
    }
    const auto type_row = tx.ConsultTypeById(type_id);
    if (!type_row || type_row->practitioner_id != client->practitioner_id || !type_row->active) {
      error = Invalid("type_id", "is not an active consult type of the client's practitioner");
      return storage::Status{};
    }
    auto calendar = CalendarOf(tx, client->practitioner_id);
    if (!calendar.ok()) {
      error = calendar.error();
      return storage::Status{};
    }
    // Re-read inside the transaction: the writer is single, so nothing can
    // be booked between this read and the insert below.
    const auto type = CoreTypeOf(*type_row);
    const auto candidate = consults::ConsultAt(start, type);
    const auto busy = BusyOf(BookedAround(tx, client->practitioner_id, candidate));
    if ((error = SlotProblem(calendar.value(), type, busy, start, TimeOf(now)))) {
      Audit(tx, CallerOf(p), p.clinic_id, "consult.create", "client", client_id, client_id,
            error->kind == core::ErrorKind::conflict ? "conflict" : "invalid", now);
      return storage::Status{};
    }
    storage::ConsultRow row;
    row.practitioner_id = client->practitioner_id;
    row.client_id = client_id;
    row.type_id = type_id;
    row.start_at = SecondsOf(candidate.start);
    row.end_at = SecondsOf(candidate.end);
    row.buffer_before_minutes = type_row->buffer_before_minutes;
    row.buffer_after_minutes = type_row->buffer_after_minutes;
    row.status = storage::ConsultStatus::booked;
    row.ics_uid = HashToken(NewToken()).substr(0, 32) + "@consult.backplan";
    row.sequence = 0;
    row.video_link = VideoLinkFor(calendar.value().settings);
    row.created_by = p.user_id;
    row.created_at = now;
    row.id = tx.InsertConsult(row);
    RememberIdempotencyKey(tx, p, idempotency_key, request_hash, std::to_string(row.id), now);
    Audit(tx, CallerOf(p), p.clinic_id, "consult.create", "consult", row.id, client_id, "ok", now);
    booked = {std::move(row), false};
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return booked;
}

Outcome<storage::ConsultRow> ConsultService::Cancel(const Principal& p, storage::Id consult_id) {
  return ChangeConsult(p, consult_id, Change::cancel, std::nullopt);
}

Outcome<storage::ConsultRow> ConsultService::Reschedule(const Principal& p, storage::Id consult_id,
                                                        sys_seconds new_start) {
  return ChangeConsult(p, consult_id, Change::reschedule, new_start);
}

Outcome<storage::ConsultRow> ConsultService::ChangeConsult(const Principal& p,
                                                           storage::Id consult_id, Change change,
                                                           std::optional<sys_seconds> new_start) {
  const auto now = clock_();
  const char* action = change == Change::cancel ? "consult.cancel" : "consult.reschedule";
  std::optional<ServiceError> error;
  std::optional<storage::ConsultRow> changed;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto consult = tx.ConsultById(consult_id);
    const auto client = consult ? tx.ClientById(consult->client_id) : std::nullopt;
    if (!consult || !client || !CanAccessClient(p, *client)) {
      Audit(tx, CallerOf(p), p.clinic_id, action, "consult", consult_id,
            consult ? std::optional(consult->client_id) : std::nullopt, "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    if (consult->status == storage::ConsultStatus::cancelled) {
      error = Conflict("the consult is already cancelled");
      return storage::Status{};
    }
    auto calendar = CalendarOf(tx, consult->practitioner_id);
    if (!calendar.ok()) {
      error = calendar.error();
      return storage::Status{};
    }
    const int cutoff_hours = calendar.value().settings.change_cutoff_hours;
    if (now > consult->start_at - storage::UnixSeconds{cutoff_hours} * 3600) {
      Audit(tx, CallerOf(p), p.clinic_id, action, "consult", consult_id, consult->client_id,
            "conflict", now);
      error = Conflict("the consult can no longer be " +
                       std::string(change == Change::cancel ? "cancelled" : "rescheduled") +
                       ": changes close " + HoursText(cutoff_hours) +
                       " before it starts; contact the practice");
      return storage::Status{};
    }
    if (change == Change::cancel) {
      tx.CancelConsult(consult_id, p.user_id, now);
    } else {
      const auto type_row = tx.ConsultTypeById(consult->type_id);
      if (!type_row)
        return storage::Status::Error(storage::StorageError::internal, "consult type missing");
      // The consult keeps what it was booked with; the type's notice,
      // horizon and grid decide which new starts are offered.
      auto type = CoreTypeOf(*type_row);
      type.duration =
          std::chrono::duration_cast<minutes>(seconds(consult->end_at - consult->start_at));
      type.buffer_before = minutes(consult->buffer_before_minutes);
      type.buffer_after = minutes(consult->buffer_after_minutes);
      const auto candidate = consults::ConsultAt(*new_start, type);
      const auto busy = BusyOf(BookedAround(tx, consult->practitioner_id, candidate), consult->id);
      if ((error = SlotProblem(calendar.value(), type, busy, *new_start, TimeOf(now)))) {
        Audit(tx, CallerOf(p), p.clinic_id, action, "consult", consult_id, consult->client_id,
              error->kind == core::ErrorKind::conflict ? "conflict" : "invalid", now);
        return storage::Status{};
      }
      tx.RescheduleConsult(consult_id, SecondsOf(candidate.start), SecondsOf(candidate.end),
                           p.user_id, now);
    }
    Audit(tx, CallerOf(p), p.clinic_id, action, "consult", consult_id, consult->client_id, "ok",
          now);
    changed = tx.ConsultById(consult_id);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok() || !changed)
    return Internal();
  return std::move(*changed);
}

Outcome<std::vector<storage::ConsultRow>> ConsultService::Consults(const Principal& p,
                                                                   storage::Id client_id) {
  const auto now = clock_();
  bool allowed = false;
  std::vector<storage::ConsultRow> rows;
  const auto status = store_.Read([&](storage::ReadTx& tx) {
    allowed = CanAccessClientId(tx, p, client_id);
    if (allowed)
      rows = tx.ConsultsOfClient(client_id);
    Audit(audit_, CallerOf(p), p.clinic_id, "consult.list", "client", client_id, client_id,
          allowed ? "ok" : "not_found", now);
    return storage::Status{};
  });
  if (!status.ok())
    return Internal();
  if (!allowed)
    return NotFound();
  return rows;
}

Outcome<ConsultView> ConsultService::Get(const Principal& p, storage::Id consult_id) {
  const auto now = clock_();
  std::optional<ConsultView> view;
  const auto status = store_.Read([&](storage::ReadTx& tx) {
    const auto consult = tx.ConsultById(consult_id);
    const bool allowed = consult && CanAccessClientId(tx, p, consult->client_id);
    if (allowed)
      view = ConsultView{*consult, tx.ConsultHistory(consult_id)};
    Audit(audit_, CallerOf(p), p.clinic_id, "consult.read", "consult", consult_id,
          consult ? std::optional(consult->client_id) : std::nullopt, allowed ? "ok" : "not_found",
          now);
    return storage::Status{};
  });
  if (!status.ok())
    return Internal();
  if (!view)
    return NotFound();
  return std::move(*view);
}

}  // namespace backplan::service
