#include "storage/sqlite/sqlite_store.h"

#include <limits>
#include <stdexcept>
#include <string>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/schema.h"
#include "storage/sqlite/statement.h"

namespace backplan::storage::sqlite {
namespace {

// A database failure in the middle of a transaction: thrown so that the
// Database layer rolls the whole transaction back; the Store turns it into a
// failed Status. The message never carries bound values.
class StoreFailure : public std::runtime_error {
 public:
  explicit StoreFailure(const Status& status)
      : std::runtime_error(status.message()), status_(status) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};

void Check(const Status& status) {
  if (!status.ok())
    throw StoreFailure(status);
}

template <typename T>
T Check(Result<T> result) {
  if (!result.ok())
    throw StoreFailure(result.status());
  return std::move(result).value();
}

Role RoleFrom(std::string_view name) {
  if (name == "admin")
    return Role::admin;
  if (name == "practitioner")
    return Role::practitioner;
  return Role::client;
}

const char* Name(TokenPurpose purpose) {
  return purpose == TokenPurpose::invitation ? "invitation" : "password_reset";
}

constexpr const char* kUserColumns =
    "id, clinic_id, email, display_name, role, password_hash, active, created_at";
UserRow UserFrom(const Statement& s) {
  return {s.Int64(0), s.Int64(1),      s.Text(2), s.Text(3), RoleFrom(s.TextView(4)),
          s.Text(5),  s.Int64(6) != 0, s.Int64(7)};
}

constexpr const char* kClientColumns =
    "id, clinic_id, practitioner_id, user_id, display_name, created_at";
ClientRow ClientFrom(const Statement& s) {
  return {s.Int64(0), s.Int64(1), s.Int64(2), s.OptionalInt64(3), s.Text(4), s.Int64(5)};
}

constexpr const char* kAssessmentColumns =
    "id, client_id, version, supersedes, intake_json, result_json, rules_version, disposition, "
    "created_by, created_at";
AssessmentRow AssessmentFrom(const Statement& s) {
  return {s.Int64(0),         s.Int64(1), static_cast<int>(s.Int64(2)),
          s.OptionalInt64(3), s.Text(4),  s.Text(5),
          s.Text(6),          s.Text(7),  s.Int64(8),
          s.Int64(9)};
}

constexpr const char* kCareSessionColumns =
    "id, client_id, assessment_id, started_at, session_json, deviations_json, rules_version, "
    "created_by, created_at";
CareSessionRow CareSessionFrom(const Statement& s) {
  return {s.Int64(0), s.Int64(1), s.Int64(2), s.Int64(3), s.Text(4),
          s.Text(5),  s.Text(6),  s.Int64(7), s.Int64(8)};
}

constexpr const char* kCheckInColumns =
    "id, session_id, kind, answer_json, answered_by, answered_at";
CheckInRow CheckInFrom(const Statement& s) {
  return {s.Int64(0), s.Int64(1), s.Text(2), s.Text(3), s.Int64(4), s.Int64(5)};
}

constexpr const char* kAuditColumns =
    "id, at, actor_user_id, actor_role, action, resource, resource_id, client_id, address, "
    "outcome";
AuditRow AuditFrom(const Statement& s) {
  return {s.Int64(0), s.Int64(1),         s.OptionalInt64(2), s.Text(3), s.Text(4),
          s.Text(5),  s.OptionalInt64(6), s.OptionalInt64(7), s.Text(8), s.Text(9)};
}

constexpr const char* kConsultTypeColumns =
    "id, practitioner_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, "
    "minimum_notice_minutes, booking_horizon_days, slot_step_minutes, active, created_by, "
    "created_at";
ConsultTypeRow ConsultTypeFrom(const Statement& s) {
  return {s.Int64(0),
          s.Int64(1),
          s.Text(2),
          static_cast<int>(s.Int64(3)),
          static_cast<int>(s.Int64(4)),
          static_cast<int>(s.Int64(5)),
          static_cast<int>(s.Int64(6)),
          static_cast<int>(s.Int64(7)),
          static_cast<int>(s.Int64(8)),
          s.Int64(9) != 0,
          s.Int64(10),
          s.Int64(11)};
}

const char* Name(ConsultStatus status) {
  return status == ConsultStatus::booked ? "booked" : "cancelled";
}

constexpr const char* kConsultColumns =
    "id, practitioner_id, client_id, type_id, start_at, end_at, buffer_before_minutes, "
    "buffer_after_minutes, status, ics_uid, sequence, video_link, created_by, created_at";
ConsultRow ConsultFrom(const Statement& s) {
  return {s.Int64(0),
          s.Int64(1),
          s.Int64(2),
          s.Int64(3),
          s.Int64(4),
          s.Int64(5),
          static_cast<int>(s.Int64(6)),
          static_cast<int>(s.Int64(7)),
          s.TextView(8) == "booked" ? ConsultStatus::booked : ConsultStatus::cancelled,
          s.Text(9),
          static_cast<int>(s.Int64(10)),
          s.Text(11),
          s.Int64(12),
          s.Int64(13)};
}

// The clients of a caseload; binds clinic_id, then a range of practitioner
// ids: one practitioner's, or every id for the whole clinic. A range rather
// than "? IS NULL OR practitioner_id = ?" so that the index on (clinic_id,
// practitioner_id) narrows the search in both cases.
constexpr const char* kCaseloadClients = "clinic_id = ? AND practitioner_id BETWEEN ? AND ?";
struct PractitionerRange {
  Id low;
  Id high;
};
PractitionerRange RangeOf(std::optional<Id> practitioner_id) {
  if (practitioner_id)
    return {*practitioner_id, *practitioner_id};
  return {std::numeric_limits<Id>::min(), std::numeric_limits<Id>::max()};
}

int Limit(const Page& page) {
  return std::clamp(page.limit, 1, 200);
}

class SqliteReadTx : public virtual ReadTx {
 public:
  explicit SqliteReadTx(Connection& connection) : db_(connection) {}

  // Runs `sql` with `values` bound and maps every row with `map`.
  template <typename Row, typename Map, typename... Values>
  std::vector<Row> Query(const std::string& sql, Map map, const Values&... values) {
    auto statement = Check(db_.Prepare(sql));
    Check(statement.BindAll(values...));
    std::vector<Row> rows;
    while (Check(statement.Step()) == StepResult::row)
      rows.push_back(map(statement));
    return rows;
  }
  template <typename Row, typename Map, typename... Values>
  std::optional<Row> QueryOne(const std::string& sql, Map map, const Values&... values) {
    auto rows = Query<Row>(sql, map, values...);
    if (rows.empty())
      return std::nullopt;
    return std::move(rows.front());
  }
  template <typename... Values>
  void Exec(const std::string& sql, const Values&... values) {
    auto statement = Check(db_.Prepare(sql));
    Check(statement.BindAll(values...));
    Check(statement.Run());
  }

  std::optional<ClinicRow> ClinicById(Id id) override {
    return QueryOne<ClinicRow>(
        "SELECT id, name, created_at FROM clinics WHERE id = ?",
        [](const Statement& s) {
          return ClinicRow{s.Int64(0), s.Text(1), s.Int64(2)};
        },
        id);
  }
  std::optional<UserRow> UserById(Id id) override {
    return QueryOne<UserRow>(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?",
                             UserFrom, id);
  }
  std::optional<UserRow> UserByEmail(const std::string& email) override {
    return QueryOne<UserRow>(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?",
                             UserFrom, email);
  }
  std::vector<UserRow> UsersByRole(Id clinic_id, Role role, const Page& page) override {
    return Query<UserRow>(std::string("SELECT ") + kUserColumns +
                              " FROM users WHERE clinic_id = ? AND role = ? AND id > ? "
                              "ORDER BY id LIMIT ?",
                          UserFrom, clinic_id, std::string_view(storage::Name(role)),
                          page.after.value_or(0), Limit(page));
  }
  std::optional<ClientRow> ClientById(Id id) override {
    return QueryOne<ClientRow>(
        std::string("SELECT ") + kClientColumns + " FROM clients WHERE id = ?", ClientFrom, id);
  }
  std::optional<ClientRow> ClientByUserId(Id user_id) override {
    return QueryOne<ClientRow>(
        std::string("SELECT ") + kClientColumns + " FROM clients WHERE user_id = ?", ClientFrom,
        user_id);
  }
  std::vector<ClientRow> Clients(Id clinic_id, std::optional<Id> practitioner_id,
                                 const Page& page) override {
    return Query<ClientRow>(std::string("SELECT ") + kClientColumns +
                                " FROM clients WHERE clinic_id = ? AND (? IS NULL OR "
                                "practitioner_id = ?) AND id > ? ORDER BY id LIMIT ?",
                            ClientFrom, clinic_id, practitioner_id, practitioner_id,
                            page.after.value_or(0), Limit(page));
  }
  std::optional<AssessmentRow> AssessmentById(Id id) override {
    return QueryOne<AssessmentRow>(
        std::string("SELECT ") + kAssessmentColumns + " FROM assessments WHERE id = ?",
        AssessmentFrom, id);
  }
  std::optional<AssessmentRow> LatestAssessment(Id client_id) override {
    return QueryOne<AssessmentRow>(std::string("SELECT ") + kAssessmentColumns +
                                       " FROM assessments WHERE client_id = ? "
                                       "ORDER BY version DESC LIMIT 1",
                                   AssessmentFrom, client_id);
  }
  std::vector<AssessmentRow> Assessments(Id client_id, const Page& page) override {
    return Query<AssessmentRow>(std::string("SELECT ") + kAssessmentColumns +
                                    " FROM assessments WHERE client_id = ? AND id > ? "
                                    "ORDER BY id LIMIT ?",
                                AssessmentFrom, client_id, page.after.value_or(0), Limit(page));
  }
  std::optional<CareSessionRow> CareSessionById(Id id) override {
    return QueryOne<CareSessionRow>(
        std::string("SELECT ") + kCareSessionColumns + " FROM care_sessions WHERE id = ?",
        CareSessionFrom, id);
  }
  std::vector<CareSessionRow> CareSessions(Id client_id, const Page& page) override {
    return Query<CareSessionRow>(std::string("SELECT ") + kCareSessionColumns +
                                     " FROM care_sessions WHERE client_id = ? AND (? IS NULL OR "
                                     "id < ?) ORDER BY id DESC LIMIT ?",
                                 CareSessionFrom, client_id, page.after, page.after, Limit(page));
  }
  std::vector<CareSessionRow> CareSessionsUnder(Id client_id, Id assessment_id) override {
    return Query<CareSessionRow>(std::string("SELECT ") + kCareSessionColumns +
                                     " FROM care_sessions WHERE client_id = ? AND "
                                     "assessment_id = ? ORDER BY started_at, id",
                                 CareSessionFrom, client_id, assessment_id);
  }
  std::vector<CheckInRow> CheckInsOfSession(Id session_id) override {
    return Query<CheckInRow>(std::string("SELECT ") + kCheckInColumns +
                                 " FROM check_ins WHERE session_id = ? ORDER BY id",
                             CheckInFrom, session_id);
  }
  std::optional<SessionRow> SessionByTokenHash(const std::string& token_hash) override {
    return QueryOne<SessionRow>(
        "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
        "WHERE token_hash = ?",
        [](const Statement& s) {
          return SessionRow{s.Text(0), s.Int64(1), s.Text(2), s.Int64(3), s.Int64(4)};
        },
        token_hash);
  }
  std::optional<OneTimeTokenRow> OneTimeTokenByHash(const std::string& token_hash) override {
    return QueryOne<OneTimeTokenRow>(
        "SELECT token_hash, user_id, purpose, expires_at, used_at FROM one_time_tokens "
        "WHERE token_hash = ?",
        [](const Statement& s) {
          return OneTimeTokenRow{s.Text(0), s.Int64(1),
                                 s.TextView(2) == "invitation" ? TokenPurpose::invitation
                                                               : TokenPurpose::password_reset,
                                 s.Int64(3), s.OptionalInt64(4)};
        },
        token_hash);
  }
  std::vector<AuditRow> Audit(Id clinic_id, const AuditFilter& f, const Page& page) override {
    return Query<AuditRow>(
        std::string("SELECT ") + kAuditColumns +
            " FROM audit WHERE clinic_id = ? AND id > ?"
            " AND (? IS NULL OR actor_user_id = ?) AND (? IS NULL OR client_id = ?)"
            " AND (? IS NULL OR action = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at <= ?)"
            " ORDER BY id LIMIT ?",
        AuditFrom, clinic_id, page.after.value_or(0), f.actor_user_id, f.actor_user_id, f.client_id,
        f.client_id, f.action, f.action, f.from, f.from, f.to, f.to, Limit(page));
  }
  std::optional<IdempotencyRow> Idempotency(Id user_id, const std::string& key) override {
    return QueryOne<IdempotencyRow>(
        "SELECT user_id, key, request_hash, status, response_body, created_at "
        "FROM idempotency_keys WHERE user_id = ? AND key = ?",
        [](const Statement& s) {
          return IdempotencyRow{s.Int64(0), s.Text(1), s.Text(2), static_cast<int>(s.Int64(3)),
                                s.Text(4),  s.Int64(5)};
        },
        user_id, key);
  }
  std::vector<DiaryEntryRow> DiaryEntries(Id client_id, const std::optional<std::string>& from,
                                          const std::optional<std::string>& to) override {
    return Query<DiaryEntryRow>(
        "SELECT client_id, day, entry_json, recorded_by, recorded_at FROM diary_entries "
        "WHERE client_id = ? AND (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?) "
        "ORDER BY day",
        [](const Statement& s) {
          return DiaryEntryRow{s.Int64(0), s.Text(1), s.Text(2), s.Int64(3), s.Int64(4)};
        },
        client_id, from, from, to, to);
  }
  std::vector<ClientExposureRow> ClientExposures(Id client_id) override {
    return Query<ClientExposureRow>(
        "SELECT client_id, name, kind, label, created_by, created_at FROM client_exposures "
        "WHERE client_id = ? ORDER BY id",
        [](const Statement& s) {
          return ClientExposureRow{s.Int64(0), s.Text(1),  s.Text(2),
                                   s.Text(3),  s.Int64(4), s.Int64(5)};
        },
        client_id);
  }
  std::vector<ClientRow> CaseloadClients(Id clinic_id, std::optional<Id> practitioner_id) override {
    return Query<ClientRow>(std::string("SELECT ") + kClientColumns + " FROM clients WHERE " +
                                kCaseloadClients + " ORDER BY id",
                            ClientFrom, clinic_id, RangeOf(practitioner_id).low,
                            RangeOf(practitioner_id).high);
  }
  std::vector<AssessmentRow> CaseloadLatestAssessments(Id clinic_id,
                                                       std::optional<Id> practitioner_id) override {
    // UNIQUE (client_id, version) answers the max per client from the index.
    return Query<AssessmentRow>(
        std::string("SELECT id, client_id, version, supersedes, '', '', rules_version, "
                    "disposition, created_by, created_at FROM assessments AS latest "
                    "WHERE client_id IN (SELECT id FROM clients WHERE ") +
            kCaseloadClients +
            ") AND version = (SELECT max(version) FROM assessments "
            "WHERE client_id = latest.client_id) ORDER BY client_id",
        AssessmentFrom, clinic_id, RangeOf(practitioner_id).low, RangeOf(practitioner_id).high);
  }
  std::vector<CareSessionRow> CaseloadCareSessions(Id clinic_id,
                                                   std::optional<Id> practitioner_id) override {
    return Query<CareSessionRow>(
        std::string("SELECT id, client_id, assessment_id, started_at, '', '', '', 0, 0 "
                    "FROM care_sessions WHERE client_id IN (SELECT id FROM clients WHERE ") +
            kCaseloadClients + ") ORDER BY client_id, assessment_id, started_at, id",
        CareSessionFrom, clinic_id, RangeOf(practitioner_id).low, RangeOf(practitioner_id).high);
  }
  std::vector<CheckInRow> CaseloadCheckInsOfSessionsSince(Id clinic_id,
                                                          std::optional<Id> practitioner_id,
                                                          UnixSeconds started_after) override {
    return Query<CheckInRow>(
        std::string("SELECT id, session_id, kind, '', 0, 0 FROM check_ins "
                    "WHERE session_id IN (SELECT id FROM care_sessions WHERE started_at > ? AND "
                    "client_id IN (SELECT id FROM clients WHERE ") +
            kCaseloadClients + ")) ORDER BY session_id, id",
        CheckInFrom, started_after, clinic_id, RangeOf(practitioner_id).low,
        RangeOf(practitioner_id).high);
  }
  std::vector<CheckInRow> CaseloadCheckInsAfter(Id clinic_id, std::optional<Id> practitioner_id,
                                                Id after_id) override {
    return Query<CheckInRow>(
        std::string("SELECT id, session_id, kind, '', answered_by, answered_at FROM check_ins "
                    "WHERE id > ? AND +session_id IN (SELECT id FROM care_sessions WHERE "
                    "client_id IN (SELECT id FROM clients WHERE ") +
            kCaseloadClients + ")) ORDER BY id",
        CheckInFrom, after_id, clinic_id, RangeOf(practitioner_id).low,
        RangeOf(practitioner_id).high);
  }
  std::optional<ConsultSettingsRow> ConsultSettings(Id practitioner_id) override {
    return QueryOne<ConsultSettingsRow>(
        "SELECT practitioner_id, time_zone, availability_json, meeting_url, change_cutoff_hours, "
        "updated_by, updated_at FROM consult_settings WHERE practitioner_id = ?",
        [](const Statement& s) {
          return ConsultSettingsRow{
              s.Int64(0), s.Text(1), s.Text(2), s.OptionalText(3), static_cast<int>(s.Int64(4)),
              s.Int64(5), s.Int64(6)};
        },
        practitioner_id);
  }
  std::optional<ConsultTypeRow> ConsultTypeById(Id id) override {
    return QueryOne<ConsultTypeRow>(
        std::string("SELECT ") + kConsultTypeColumns + " FROM consult_types WHERE id = ?",
        ConsultTypeFrom, id);
  }
  std::vector<ConsultTypeRow> ConsultTypes(Id practitioner_id) override {
    return Query<ConsultTypeRow>(std::string("SELECT ") + kConsultTypeColumns +
                                     " FROM consult_types WHERE practitioner_id = ? ORDER BY id",
                                 ConsultTypeFrom, practitioner_id);
  }
  std::optional<ConsultRow> ConsultById(Id id) override {
    return QueryOne<ConsultRow>(
        std::string("SELECT ") + kConsultColumns + " FROM consults WHERE id = ?", ConsultFrom, id);
  }
  std::vector<ConsultRow> ConsultsOfClient(Id client_id) override {
    return Query<ConsultRow>(std::string("SELECT ") + kConsultColumns +
                                 " FROM consults WHERE client_id = ? ORDER BY start_at, id",
                             ConsultFrom, client_id);
  }
  std::vector<ConsultRow> BookedConsultsOfPractitioner(Id practitioner_id, UnixSeconds from,
                                                       UnixSeconds to) override {
    return Query<ConsultRow>(std::string("SELECT ") + kConsultColumns +
                                 " FROM consults WHERE practitioner_id = ? AND status = 'booked' "
                                 "AND end_at + 60 * buffer_after_minutes > ? "
                                 "AND start_at - 60 * buffer_before_minutes < ? "
                                 "ORDER BY start_at, id",
                             ConsultFrom, practitioner_id, from, to);
  }
  std::vector<ConsultHistoryRow> ConsultHistory(Id consult_id) override {
    return Query<ConsultHistoryRow>(
        "SELECT id, consult_id, change, from_start, to_start, changed_by, changed_at "
        "FROM consult_history WHERE consult_id = ? ORDER BY id",
        [](const Statement& s) {
          return ConsultHistoryRow{s.Int64(0),         s.Int64(1), s.Text(2), s.OptionalInt64(3),
                                   s.OptionalInt64(4), s.Int64(5), s.Int64(6)};
        },
        consult_id);
  }
  int CountUsers() override {
    return static_cast<int>(*QueryOne<std::int64_t>("SELECT count(*) FROM users",
                                                    [](const Statement& s) { return s.Int64(0); }));
  }

 protected:
  Connection& db_;
};

class SqliteWriteTx final : public SqliteReadTx, public WriteTx {
 public:
  using SqliteReadTx::SqliteReadTx;

  Id InsertClinic(const ClinicRow& row) override {
    Exec("INSERT INTO clinics (name, created_at) VALUES (?, ?)", row.name, row.created_at);
    return db_.LastInsertRowId();
  }
  Result<Id> InsertUser(const UserRow& row) override {
    auto statement = Check(db_.Prepare(
        "INSERT INTO users (clinic_id, email, display_name, role, password_hash, active, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    Check(statement.BindAll(row.clinic_id, row.email, row.display_name,
                            std::string_view(storage::Name(row.role)), row.password_hash,
                            std::int64_t{row.active ? 1 : 0}, row.created_at));
    if (auto status = statement.Run(); !status.ok()) {
      if (status.error() == StorageError::conflict)
        return status;
      throw StoreFailure(status);
    }
    return db_.LastInsertRowId();
  }
  void SetPasswordHash(Id user_id, const std::string& hash) override {
    Exec("UPDATE users SET password_hash = ? WHERE id = ?", hash, user_id);
  }
  Id InsertClient(const ClientRow& row) override {
    Exec(
        "INSERT INTO clients (clinic_id, practitioner_id, user_id, display_name, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        row.clinic_id, row.practitioner_id, row.user_id, row.display_name, row.created_at);
    return db_.LastInsertRowId();
  }
  void LinkClientUser(Id client_id, Id user_id) override {
    Exec("UPDATE clients SET user_id = ? WHERE id = ?", user_id, client_id);
  }
  Id InsertAssessment(const AssessmentRow& row) override {
    Exec(
        "INSERT INTO assessments (client_id, version, supersedes, intake_json, result_json, "
        "rules_version, disposition, created_by, created_at) VALUES (?, "
        "(SELECT coalesce(max(version), 0) + 1 FROM assessments WHERE client_id = ?), "
        "?, ?, ?, ?, ?, ?, ?)",
        row.client_id, row.client_id, row.supersedes, row.intake_json, row.result_json,
        row.rules_version, row.disposition, row.created_by, row.created_at);
    return db_.LastInsertRowId();
  }
  Id InsertCareSession(const CareSessionRow& row) override {
    Exec(
        "INSERT INTO care_sessions (client_id, assessment_id, started_at, session_json, "
        "deviations_json, rules_version, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        row.client_id, row.assessment_id, row.started_at, row.session_json, row.deviations_json,
        row.rules_version, row.created_by, row.created_at);
    return db_.LastInsertRowId();
  }
  Result<Id> InsertCheckIn(const CheckInRow& row) override {
    auto statement = Check(db_.Prepare(
        "INSERT INTO check_ins (session_id, kind, answer_json, answered_by, answered_at) "
        "VALUES (?, ?, ?, ?, ?)"));
    Check(statement.BindAll(row.session_id, row.kind, row.answer_json, row.answered_by,
                            row.answered_at));
    if (auto status = statement.Run(); !status.ok()) {
      if (status.error() == StorageError::conflict)
        return status;
      throw StoreFailure(status);
    }
    return db_.LastInsertRowId();
  }
  bool PutDiaryEntry(const DiaryEntryRow& row) override {
    const bool replaced =
        *QueryOne<std::int64_t>(
            "SELECT count(*) FROM diary_entries WHERE client_id = ? AND day = ?",
            [](const Statement& s) { return s.Int64(0); }, row.client_id, row.day) > 0;
    Exec(
        "INSERT INTO diary_entry_history (client_id, day, entry_json, recorded_by, recorded_at, "
        "replaced_at) SELECT client_id, day, entry_json, recorded_by, recorded_at, ? "
        "FROM diary_entries WHERE client_id = ? AND day = ?",
        row.recorded_at, row.client_id, row.day);
    Exec(
        "INSERT INTO diary_entries (client_id, day, entry_json, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (client_id, day) DO UPDATE SET "
        "entry_json = excluded.entry_json, recorded_by = excluded.recorded_by, "
        "recorded_at = excluded.recorded_at",
        row.client_id, row.day, row.entry_json, row.recorded_by, row.recorded_at);
    return replaced;
  }
  Result<Id> InsertClientExposure(const ClientExposureRow& row) override {
    auto statement = Check(db_.Prepare(
        "INSERT INTO client_exposures (client_id, name, kind, label, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    Check(statement.BindAll(row.client_id, row.name, row.kind, row.label, row.created_by,
                            row.created_at));
    if (auto status = statement.Run(); !status.ok()) {
      if (status.error() == StorageError::conflict)
        return status;
      throw StoreFailure(status);
    }
    return db_.LastInsertRowId();
  }
  void PutConsultSettings(const ConsultSettingsRow& row) override {
    Exec(
        "INSERT INTO consult_settings (practitioner_id, time_zone, availability_json, "
        "meeting_url, change_cutoff_hours, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (practitioner_id) DO UPDATE SET time_zone = excluded.time_zone, "
        "availability_json = excluded.availability_json, meeting_url = excluded.meeting_url, "
        "change_cutoff_hours = excluded.change_cutoff_hours, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        row.practitioner_id, row.time_zone, row.availability_json, row.meeting_url,
        row.change_cutoff_hours, row.updated_by, row.updated_at);
  }
  Id InsertConsultType(const ConsultTypeRow& row) override {
    Exec(
        "INSERT INTO consult_types (practitioner_id, name, duration_minutes, "
        "buffer_before_minutes, buffer_after_minutes, minimum_notice_minutes, "
        "booking_horizon_days, slot_step_minutes, active, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.practitioner_id, row.name, row.duration_minutes, row.buffer_before_minutes,
        row.buffer_after_minutes, row.minimum_notice_minutes, row.booking_horizon_days,
        row.slot_step_minutes, std::int64_t{row.active ? 1 : 0}, row.created_by, row.created_at);
    return db_.LastInsertRowId();
  }
  void UpdateConsultType(const ConsultTypeRow& row) override {
    Exec(
        "UPDATE consult_types SET name = ?, duration_minutes = ?, buffer_before_minutes = ?, "
        "buffer_after_minutes = ?, minimum_notice_minutes = ?, booking_horizon_days = ?, "
        "slot_step_minutes = ?, active = ? WHERE id = ?",
        row.name, row.duration_minutes, row.buffer_before_minutes, row.buffer_after_minutes,
        row.minimum_notice_minutes, row.booking_horizon_days, row.slot_step_minutes,
        std::int64_t{row.active ? 1 : 0}, row.id);
  }
  Id InsertConsult(const ConsultRow& row) override {
    Exec(
        "INSERT INTO consults (practitioner_id, client_id, type_id, start_at, end_at, "
        "buffer_before_minutes, buffer_after_minutes, status, ics_uid, sequence, video_link, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.practitioner_id, row.client_id, row.type_id, row.start_at, row.end_at,
        row.buffer_before_minutes, row.buffer_after_minutes, std::string_view(Name(row.status)),
        row.ics_uid, row.sequence, row.video_link, row.created_by, row.created_at);
    const Id id = db_.LastInsertRowId();
    Exec(
        "INSERT INTO consult_history (consult_id, change, from_start, to_start, changed_by, "
        "changed_at) VALUES (?, 'booked', NULL, ?, ?, ?)",
        id, row.start_at, row.created_by, row.created_at);
    return id;
  }
  void RescheduleConsult(Id consult_id, UnixSeconds start_at, UnixSeconds end_at, Id by,
                         UnixSeconds at) override {
    Exec(
        "INSERT INTO consult_history (consult_id, change, from_start, to_start, changed_by, "
        "changed_at) SELECT id, 'rescheduled', start_at, ?, ?, ? FROM consults "
        "WHERE id = ? AND status = 'booked'",
        start_at, by, at, consult_id);
    Exec(
        "UPDATE consults SET start_at = ?, end_at = ?, sequence = sequence + 1 "
        "WHERE id = ? AND status = 'booked'",
        start_at, end_at, consult_id);
  }
  void CancelConsult(Id consult_id, Id by, UnixSeconds at) override {
    Exec(
        "INSERT INTO consult_history (consult_id, change, from_start, to_start, changed_by, "
        "changed_at) SELECT id, 'cancelled', start_at, NULL, ?, ? FROM consults "
        "WHERE id = ? AND status = 'booked'",
        by, at, consult_id);
    Exec(
        "UPDATE consults SET status = 'cancelled', sequence = sequence + 1 "
        "WHERE id = ? AND status = 'booked'",
        consult_id);
  }
  void InsertSession(const SessionRow& row) override {
    Exec(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, ?)",
        row.token_hash, row.user_id, row.csrf_token, row.created_at, row.last_seen_at);
  }
  void TouchSession(const std::string& token_hash, UnixSeconds at) override {
    Exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", at, token_hash);
  }
  void DeleteSession(const std::string& token_hash) override {
    Exec("DELETE FROM sessions WHERE token_hash = ?", token_hash);
  }
  void DeleteSessionsOfUser(Id user_id) override {
    Exec("DELETE FROM sessions WHERE user_id = ?", user_id);
  }
  void InsertOneTimeToken(const OneTimeTokenRow& row) override {
    Exec(
        "INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at, used_at) "
        "VALUES (?, ?, ?, ?, ?)",
        row.token_hash, row.user_id, std::string_view(Name(row.purpose)), row.expires_at,
        row.used_at);
  }
  bool MarkOneTimeTokenUsed(const std::string& token_hash, UnixSeconds at) override {
    Exec("UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", at,
         token_hash);
    return db_.ChangeCount() == 1;
  }
  void AppendAudit(Id clinic_id, const AuditRow& row) override {
    Exec(
        "INSERT INTO audit (clinic_id, at, actor_user_id, actor_role, action, resource, "
        "resource_id, client_id, address, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        clinic_id, row.at, row.actor_user_id, row.actor_role, row.action, row.resource,
        row.resource_id, row.client_id, row.address, row.outcome);
  }
  void InsertIdempotency(const IdempotencyRow& row) override {
    Exec(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, status, response_body, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        row.user_id, row.key, row.request_hash, std::int64_t{row.status}, row.response_body,
        row.created_at);
  }
};

// Runs a transaction body, turning a StoreFailure into the Status it carries.
template <typename Tx, typename Fn>
Status RunBody(Connection& connection, const Fn& fn) {
  Tx tx(connection);
  try {
    return fn(tx);
  } catch (const StoreFailure& failure) {
    return failure.status();
  }
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& path,
                                                       DatabaseOptions options) {
  auto database = Database::Open(path, std::move(options));
  if (!database.ok())
    return database.status();
  if (auto status = ApplyMigrations(*database.value(), BackplanMigrations()); !status.ok())
    return status;
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(database).value()));
}

Status SqliteStore::Read(const std::function<Status(ReadTx&)>& fn) {
  return database_->Read([&](Connection& c) { return RunBody<SqliteReadTx>(c, fn); });
}

Status SqliteStore::Write(const std::function<Status(WriteTx&)>& fn) {
  return database_->Write([&](Connection& c) { return RunBody<SqliteWriteTx>(c, fn); });
}

Status SqliteStore::Ping() {
  return database_->Read([](Connection& c) {
    auto statement = c.Prepare("SELECT 1");
    if (!statement.ok())
      return statement.status();
    auto step = statement.value().Step();
    return step.ok() ? Status::Ok() : step.status();
  });
}

}  // namespace backplan::storage::sqlite
