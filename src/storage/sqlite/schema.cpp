#include "storage/sqlite/schema.h"

#include <array>

namespace backplan::storage::sqlite {
namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE clinics (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  clinic_id     INTEGER NOT NULL REFERENCES clinics(id),
  email         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'practitioner', 'client')),
  password_hash TEXT NOT NULL DEFAULT '',
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);
CREATE INDEX users_by_clinic_role ON users(clinic_id, role, id);

CREATE TABLE clients (
  id               INTEGER PRIMARY KEY,
  clinic_id        INTEGER NOT NULL REFERENCES clinics(id),
  practitioner_id  INTEGER NOT NULL REFERENCES users(id),
  user_id          INTEGER UNIQUE REFERENCES users(id),
  display_name     TEXT NOT NULL,
  created_at       INTEGER NOT NULL
);
CREATE INDEX clients_by_practitioner ON clients(clinic_id, practitioner_id, id);

-- Append-only: a correction is a new row naming the one it supersedes.
CREATE TABLE assessments (
  id             INTEGER PRIMARY KEY,
  client_id      INTEGER NOT NULL REFERENCES clients(id),
  version        INTEGER NOT NULL,
  supersedes     INTEGER REFERENCES assessments(id),
  intake_json    TEXT NOT NULL,
  result_json    TEXT NOT NULL,
  rules_version  TEXT NOT NULL,
  disposition    TEXT NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  UNIQUE (client_id, version)
);
CREATE TRIGGER assessments_append_only_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
CREATE TRIGGER assessments_append_only_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;

CREATE TABLE sessions (
  token_hash    TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  csrf_token    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE one_time_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  purpose     TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);

-- Append-only audit trail of every access to health data.
CREATE TABLE audit (
  id             INTEGER PRIMARY KEY,
  clinic_id      INTEGER NOT NULL,
  at             INTEGER NOT NULL,
  actor_user_id  INTEGER,
  actor_role     TEXT NOT NULL,
  action         TEXT NOT NULL,
  resource       TEXT NOT NULL,
  resource_id    INTEGER,
  client_id      INTEGER,
  address        TEXT NOT NULL,
  outcome        TEXT NOT NULL
);
CREATE INDEX audit_by_clinic ON audit(clinic_id, id);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE idempotency_keys (
  user_id        INTEGER NOT NULL REFERENCES users(id),
  key            TEXT NOT NULL,
  request_hash   TEXT NOT NULL,
  status         INTEGER NOT NULL,
  response_body  TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);
)sql";

// The care loop (issue 4): treatment sessions and their check-ins.
constexpr std::string_view kCareLoop = R"sql(
-- Append-only like assessments: a session is a clinical record.
CREATE TABLE care_sessions (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES clients(id),
  assessment_id    INTEGER NOT NULL REFERENCES assessments(id),
  started_at       INTEGER NOT NULL,
  session_json     TEXT NOT NULL,
  deviations_json  TEXT NOT NULL,
  rules_version    TEXT NOT NULL,
  created_by       INTEGER NOT NULL REFERENCES users(id),
  created_at       INTEGER NOT NULL
);
CREATE INDEX care_sessions_by_client ON care_sessions(client_id, id);
CREATE INDEX care_sessions_by_assessment ON care_sessions(client_id, assessment_id, started_at);
CREATE TRIGGER care_sessions_append_only_update BEFORE UPDATE ON care_sessions
BEGIN SELECT RAISE(ABORT, 'care sessions are append-only'); END;
CREATE TRIGGER care_sessions_append_only_delete BEFORE DELETE ON care_sessions
BEGIN SELECT RAISE(ABORT, 'care sessions are append-only'); END;

CREATE TABLE check_ins (
  id           INTEGER PRIMARY KEY,
  session_id   INTEGER NOT NULL REFERENCES care_sessions(id),
  kind         TEXT NOT NULL CHECK (kind IN ('24h', '72h', '7d')),
  answer_json  TEXT NOT NULL,
  answered_by  INTEGER NOT NULL REFERENCES users(id),
  answered_at  INTEGER NOT NULL,
  UNIQUE (session_id, kind)
);
CREATE TRIGGER check_ins_append_only_update BEFORE UPDATE ON check_ins
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
CREATE TRIGGER check_ins_append_only_delete BEFORE DELETE ON check_ins
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
)sql";

// The diary over the API (issue 4, item 5): one entry per client and day, and
// the exposures a practitioner defines per client. A replaced day keeps its
// earlier versions in diary_entry_history (append-only), so the current diary
// stays one row per day and nothing a client recorded is lost.
constexpr std::string_view kDiary = R"sql(
CREATE TABLE diary_entries (
  id           INTEGER PRIMARY KEY,
  client_id    INTEGER NOT NULL REFERENCES clients(id),
  day          TEXT NOT NULL CHECK (length(day) = 10),
  entry_json   TEXT NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  INTEGER NOT NULL,
  UNIQUE (client_id, day)
);

CREATE TABLE diary_entry_history (
  id           INTEGER PRIMARY KEY,
  client_id    INTEGER NOT NULL REFERENCES clients(id),
  day          TEXT NOT NULL,
  entry_json   TEXT NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  INTEGER NOT NULL,
  replaced_at  INTEGER NOT NULL
);
CREATE INDEX diary_entry_history_by_day ON diary_entry_history(client_id, day, id);
CREATE TRIGGER diary_entry_history_append_only_update BEFORE UPDATE ON diary_entry_history
BEGIN SELECT RAISE(ABORT, 'diary history is append-only'); END;
CREATE TRIGGER diary_entry_history_append_only_delete BEFORE DELETE ON diary_entry_history
BEGIN SELECT RAISE(ABORT, 'diary history is append-only'); END;

CREATE TABLE client_exposures (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients(id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('minutes', 'count', 'hours', 'scale', 'yes_no')),
  label       TEXT NOT NULL,
  created_by  INTEGER NOT NULL REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  UNIQUE (client_id, name)
);
)sql";

// Virtual consults (issue 5): each practitioner's settings and consult types,
// the consults, and their append-only history. Overlap (buffers included) is
// checked by the booking service inside its write transaction (the writer is
// single); the partial unique index is a backstop for the simplest case, two
// booked consults starting at the same instant.
constexpr std::string_view kConsults = R"sql(
CREATE TABLE consult_settings (
  practitioner_id      INTEGER PRIMARY KEY REFERENCES users(id),
  time_zone            TEXT NOT NULL,
  availability_json    TEXT NOT NULL,
  meeting_url          TEXT,
  change_cutoff_hours  INTEGER NOT NULL CHECK (change_cutoff_hours >= 0),
  updated_by           INTEGER NOT NULL REFERENCES users(id),
  updated_at           INTEGER NOT NULL
);

CREATE TABLE consult_types (
  id                      INTEGER PRIMARY KEY,
  practitioner_id         INTEGER NOT NULL REFERENCES users(id),
  name                    TEXT NOT NULL,
  duration_minutes        INTEGER NOT NULL CHECK (duration_minutes > 0),
  buffer_before_minutes   INTEGER NOT NULL CHECK (buffer_before_minutes >= 0),
  buffer_after_minutes    INTEGER NOT NULL CHECK (buffer_after_minutes >= 0),
  minimum_notice_minutes  INTEGER NOT NULL CHECK (minimum_notice_minutes >= 0),
  booking_horizon_days    INTEGER NOT NULL CHECK (booking_horizon_days >= 0),
  slot_step_minutes       INTEGER NOT NULL CHECK (slot_step_minutes > 0),
  active                  INTEGER NOT NULL DEFAULT 1,
  created_by              INTEGER NOT NULL REFERENCES users(id),
  created_at              INTEGER NOT NULL
);
CREATE INDEX consult_types_by_practitioner ON consult_types(practitioner_id, id);

CREATE TABLE consults (
  id                     INTEGER PRIMARY KEY,
  practitioner_id        INTEGER NOT NULL REFERENCES users(id),
  client_id              INTEGER NOT NULL REFERENCES clients(id),
  type_id                INTEGER NOT NULL REFERENCES consult_types(id),
  start_at               INTEGER NOT NULL,
  end_at                 INTEGER NOT NULL CHECK (end_at > start_at),
  buffer_before_minutes  INTEGER NOT NULL,
  buffer_after_minutes   INTEGER NOT NULL,
  status                 TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
  ics_uid                TEXT NOT NULL UNIQUE,
  sequence               INTEGER NOT NULL DEFAULT 0,
  video_link             TEXT NOT NULL,
  created_by             INTEGER NOT NULL REFERENCES users(id),
  created_at             INTEGER NOT NULL
);
CREATE INDEX consults_by_practitioner ON consults(practitioner_id, status, start_at);
CREATE INDEX consults_by_client ON consults(client_id, start_at);
CREATE UNIQUE INDEX consults_one_booking_per_start ON consults(practitioner_id, start_at)
  WHERE status = 'booked';

CREATE TABLE consult_history (
  id          INTEGER PRIMARY KEY,
  consult_id  INTEGER NOT NULL REFERENCES consults(id),
  change      TEXT NOT NULL CHECK (change IN ('booked', 'rescheduled', 'cancelled')),
  from_start  INTEGER,
  to_start    INTEGER,
  changed_by  INTEGER NOT NULL REFERENCES users(id),
  changed_at  INTEGER NOT NULL
);
CREATE INDEX consult_history_by_consult ON consult_history(consult_id, id);
CREATE TRIGGER consult_history_append_only_update BEFORE UPDATE ON consult_history
BEGIN SELECT RAISE(ABORT, 'consult history is append-only'); END;
CREATE TRIGGER consult_history_append_only_delete BEFORE DELETE ON consult_history
BEGIN SELECT RAISE(ABORT, 'consult history is append-only'); END;
)sql";

constexpr std::array kMigrations = {
    Migration{1, "initial schema", kInitialSchema},
    Migration{2, "care loop: sessions and check-ins", kCareLoop},
    Migration{3, "diary entries, their history and client exposures", kDiary},
    Migration{4, "consults: settings, types, bookings and their history", kConsults},
};

}  // namespace

std::span<const Migration> BackplanMigrations() {
  return kMigrations;
}

}  // namespace backplan::storage::sqlite
