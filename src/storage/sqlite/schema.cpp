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

constexpr std::array kMigrations = {
    Migration{1, "initial schema", kInitialSchema},
    Migration{2, "care loop: sessions and check-ins", kCareLoop},
    Migration{3, "diary entries, their history and client exposures", kDiary},
};

}  // namespace

std::span<const Migration> BackplanMigrations() {
  return kMigrations;
}

}  // namespace backplan::storage::sqlite
