#pragma once
// The rows backplan keeps, as plain values shared by every store
// implementation (SQLite now, PostgreSQL later). Times are Unix seconds (UTC).
// Assessments and plan history are append-only: a correction is a new row
// that points at the one it supersedes.

#include <cstdint>
#include <optional>
#include <string>

namespace backplan::storage {

using Id = std::int64_t;
using UnixSeconds = std::int64_t;

enum class Role { admin, practitioner, client };

struct ClinicRow {
  Id id = 0;
  std::string name;
  UnixSeconds created_at = 0;
};

struct UserRow {
  Id id = 0;
  Id clinic_id = 0;
  std::string email;  // stored lower-case
  std::string display_name;
  Role role = Role::client;
  std::string password_hash;  // empty until the user sets a password
  bool active = true;
  UnixSeconds created_at = 0;
};

struct ClientRow {
  Id id = 0;
  Id clinic_id = 0;
  Id practitioner_id = 0;     // a user with role practitioner
  std::optional<Id> user_id;  // the client's own login, once invited
  std::string display_name;
  UnixSeconds created_at = 0;
};

struct AssessmentRow {
  Id id = 0;
  Id client_id = 0;
  int version = 1;               // 1, 2, … per client
  std::optional<Id> supersedes;  // the assessment this one corrects
  std::string intake_json;       // the intake exactly as given
  std::string result_json;       // the assessment result
  std::string rules_version;
  std::string disposition;
  Id created_by = 0;
  UnixSeconds created_at = 0;
};

struct SessionRow {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0;
};

// One treatment session of the care loop (issue 4), append-only like
// assessments. The session itself is stored as JSON text (codec/care_json.h);
// the columns beside it are what queries and permission checks need.
struct CareSessionRow {
  Id id = 0;
  Id client_id = 0;
  Id assessment_id = 0;  // the assessment whose plan was in force
  UnixSeconds started_at = 0;
  std::string session_json;     // the session as given, normalized
  std::string deviations_json;  // the plan check's deviations, with reasons
  std::string rules_version;    // core::kCareRulesVersion
  Id created_by = 0;
  UnixSeconds created_at = 0;
};

// A client's answer to one check-in after a session; one per kind per session.
struct CheckInRow {
  Id id = 0;
  Id session_id = 0;
  std::string kind;         // "24h", "72h" or "7d"
  std::string answer_json;  // the answer, without its time (codec/care_json.h)
  Id answered_by = 0;
  UnixSeconds answered_at = 0;
};

// One day of a client's diary (issue 4, item 5). The entry is stored as JSON
// text (codec/diary_entry_json.h); the day is YYYY-MM-DD. One row per client
// and day: a later entry for the same day replaces it, and the replaced row
// is kept in diary_entry_history (storage/sqlite/schema.cpp, migration 3).
struct DiaryEntryRow {
  Id client_id = 0;
  std::string day;  // YYYY-MM-DD
  std::string entry_json;
  Id recorded_by = 0;
  UnixSeconds recorded_at = 0;
};

// An exposure a practitioner defined for one client: an extra diary column.
struct ClientExposureRow {
  Id client_id = 0;
  std::string name;  // snake_case, not a standard exposure
  std::string kind;  // codec::ExposureKindName
  std::string label;
  Id created_by = 0;
  UnixSeconds created_at = 0;
};

// A practitioner's consult settings (issue 5). The availability (weekly
// hours, days off, extra hours) is JSON text the service writes after
// core::consults::Validate; the zone is an IANA name ("America/New_York").
struct ConsultSettingsRow {
  Id practitioner_id = 0;
  std::string time_zone;
  std::string availability_json;
  std::optional<std::string> meeting_url;  // unset: a room name is generated
  int change_cutoff_hours = 24;            // cancel/reschedule closes this long before
  Id updated_by = 0;
  UnixSeconds updated_at = 0;
};

// A kind of consult a practitioner offers (core::consults::ConsultType).
struct ConsultTypeRow {
  Id id = 0;
  Id practitioner_id = 0;
  std::string name;
  int duration_minutes = 30;
  int buffer_before_minutes = 0;
  int buffer_after_minutes = 0;
  int minimum_notice_minutes = 0;
  int booking_horizon_days = 60;
  int slot_step_minutes = 30;
  bool active = true;
  Id created_by = 0;
  UnixSeconds created_at = 0;
};

enum class ConsultStatus { booked, cancelled };

// One booked consult. It keeps the buffers of its type at booking time, so a
// later change of the type moves no reserved time. A reschedule moves the
// times and raises the sequence; id and ics_uid never change. Every change is
// also a row of consult_history (storage/sqlite/schema.cpp, migration 4).
struct ConsultRow {
  Id id = 0;
  Id practitioner_id = 0;
  Id client_id = 0;
  Id type_id = 0;
  UnixSeconds start_at = 0;
  UnixSeconds end_at = 0;  // exclusive
  int buffer_before_minutes = 0;
  int buffer_after_minutes = 0;
  ConsultStatus status = ConsultStatus::booked;
  std::string ics_uid;  // stable across reschedules (RFC 5545 UID)
  int sequence = 0;     // RFC 5545 SEQUENCE: raised on reschedule and cancel
  std::string video_link;
  Id created_by = 0;
  UnixSeconds created_at = 0;
};

// Append-only history of a consult: "booked", "rescheduled" (from → to) or
// "cancelled", by whom and when.
struct ConsultHistoryRow {
  Id id = 0;
  Id consult_id = 0;
  std::string change;
  std::optional<UnixSeconds> from_start;
  std::optional<UnixSeconds> to_start;
  Id changed_by = 0;
  UnixSeconds changed_at = 0;
};

enum class TokenPurpose { invitation, password_reset };

struct OneTimeTokenRow {
  std::string token_hash;
  Id user_id = 0;
  TokenPurpose purpose = TokenPurpose::invitation;
  UnixSeconds expires_at = 0;
  std::optional<UnixSeconds> used_at;
};

struct AuditRow {
  Id id = 0;
  UnixSeconds at = 0;
  std::optional<Id> actor_user_id;
  std::string actor_role;  // "admin", "practitioner", "client" or "anonymous"
  std::string action;      // e.g. "assessment.read", "client.create", "login.failure"
  std::string resource;    // e.g. "assessment"
  std::optional<Id> resource_id;
  std::optional<Id> client_id;  // whose health data, when it is health data
  std::string address;
  std::string outcome;  // "ok", "denied", "not_found", "invalid"
};

struct IdempotencyRow {
  Id user_id = 0;
  std::string key;
  std::string request_hash;
  int status = 0;
  std::string response_body;
  UnixSeconds created_at = 0;
};

struct AuditFilter {
  std::optional<Id> actor_user_id;
  std::optional<Id> client_id;
  std::optional<std::string> action;
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> to;
};

struct Page {
  int limit = 50;           // 1–200
  std::optional<Id> after;  // keyset pagination: rows with id greater than this
};

inline const char* Name(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::practitioner:
      return "practitioner";
    case Role::client:
      return "client";
  }
  return "client";
}

}  // namespace backplan::storage
