#pragma once
// The one storage interface the services use. A SQLite implementation lives
// in storage/sqlite/; a PostgreSQL one can fill the same interface without
// touching the services.
//
// Every operation runs inside a transaction: Read gives one consistent
// snapshot, Write is serialized with other writes and is all-or-nothing (if the
// function returns an error or throws, nothing it did is kept).
// Thread-safety: a Store may be used from many threads at once; a StoreTx only
// from the thread running the transaction.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.h"
#include "storage/status.h"

namespace backplan::storage {

class ReadTx {
 public:
  virtual ~ReadTx() = default;
  virtual std::optional<ClinicRow> ClinicById(Id id) = 0;
  virtual std::optional<UserRow> UserById(Id id) = 0;
  virtual std::optional<UserRow> UserByEmail(const std::string& email_lower) = 0;
  virtual std::vector<UserRow> UsersByRole(Id clinic_id, Role role, const Page& page) = 0;
  virtual std::optional<ClientRow> ClientById(Id id) = 0;
  virtual std::optional<ClientRow> ClientByUserId(Id user_id) = 0;
  // practitioner_id unset = every client of the clinic.
  virtual std::vector<ClientRow> Clients(Id clinic_id, std::optional<Id> practitioner_id,
                                         const Page& page) = 0;
  virtual std::optional<AssessmentRow> AssessmentById(Id id) = 0;
  virtual std::optional<AssessmentRow> LatestAssessment(Id client_id) = 0;
  virtual std::vector<AssessmentRow> Assessments(Id client_id, const Page& page) = 0;
  virtual std::optional<CareSessionRow> CareSessionById(Id id) = 0;
  // Newest first (by id); page.after = rows with id less than this.
  virtual std::vector<CareSessionRow> CareSessions(Id client_id, const Page& page) = 0;
  // Every session of the client logged under one assessment, oldest first (by
  // start time, then id): the course of care the progression replays.
  virtual std::vector<CareSessionRow> CareSessionsUnder(Id client_id, Id assessment_id) = 0;
  // In answer order (by id).
  virtual std::vector<CheckInRow> CheckInsOfSession(Id session_id) = 0;
  virtual std::optional<SessionRow> SessionByTokenHash(const std::string& token_hash) = 0;
  virtual std::optional<OneTimeTokenRow> OneTimeTokenByHash(const std::string& token_hash) = 0;
  virtual std::vector<AuditRow> Audit(Id clinic_id, const AuditFilter& filter,
                                      const Page& page) = 0;
  virtual std::optional<IdempotencyRow> Idempotency(Id user_id, const std::string& key) = 0;
  virtual int CountUsers() = 0;
  // The client's diary by day (oldest first), within [from, to] when given
  // (YYYY-MM-DD, inclusive).
  virtual std::vector<DiaryEntryRow> DiaryEntries(Id client_id,
                                                  const std::optional<std::string>& from,
                                                  const std::optional<std::string>& to) = 0;
  // In definition order.
  virtual std::vector<ClientExposureRow> ClientExposures(Id client_id) = 0;

  // Caseload reads, for lists across many clients (the attention list): the
  // clients of one practitioner, or of the whole clinic when practitioner_id
  // is unset, each read in one statement however many clients there are.
  // By id.
  virtual std::vector<ClientRow> CaseloadClients(Id clinic_id,
                                                 std::optional<Id> practitioner_id) = 0;
  // The latest assessment of each client that has one, by client id. Its
  // intake_json and result_json are left empty: a caseload needs the columns
  // (disposition, created_at), and reading every document would cost the
  // most.
  virtual std::vector<AssessmentRow> CaseloadLatestAssessments(
      Id clinic_id, std::optional<Id> practitioner_id) = 0;
  // Every session of those clients, by client, then assessment, then start
  // time, then id (under one assessment, the order CareSessionsUnder gives).
  // Only id, client_id, assessment_id and started_at are read (the index
  // holds them); the rest is left empty.
  virtual std::vector<CareSessionRow> CaseloadCareSessions(Id clinic_id,
                                                           std::optional<Id> practitioner_id) = 0;
  // The check-ins of those clients' sessions started after `started_after`,
  // by session, then id. Only id, session_id and kind are read (the index
  // holds them): which check-ins are answered, for the schedule; the rest is
  // left empty.
  virtual std::vector<CheckInRow> CaseloadCheckInsOfSessionsSince(Id clinic_id,
                                                                  std::optional<Id> practitioner_id,
                                                                  UnixSeconds started_after) = 0;
  // The check-ins of those clients' sessions with an id greater than
  // `after_id` (check-ins are append-only: the ones added since), by id;
  // answer_json is left empty. Searched by id: as cheap as few are new.
  virtual std::vector<CheckInRow> CaseloadCheckInsAfter(Id clinic_id,
                                                        std::optional<Id> practitioner_id,
                                                        Id after_id) = 0;
  // Consults (issue 5).
  virtual std::optional<ConsultSettingsRow> ConsultSettings(Id practitioner_id) = 0;
  virtual std::optional<ConsultTypeRow> ConsultTypeById(Id id) = 0;
  // Active or not, by id.
  virtual std::vector<ConsultTypeRow> ConsultTypes(Id practitioner_id) = 0;
  virtual std::optional<ConsultRow> ConsultById(Id id) = 0;
  // Every consult of the client, booked or cancelled, by start time then id.
  virtual std::vector<ConsultRow> ConsultsOfClient(Id client_id) = 0;
  // The practitioner's booked consults whose reserved interval (buffers
  // included) overlaps [from, to), by start time.
  virtual std::vector<ConsultRow> BookedConsultsOfPractitioner(Id practitioner_id, UnixSeconds from,
                                                               UnixSeconds to) = 0;
  // Oldest first.
  virtual std::vector<ConsultHistoryRow> ConsultHistory(Id consult_id) = 0;
};

// Writes that fail for an unexpected reason abort the whole transaction (the
// store rolls it back and Write returns the failure); expected outcomes, such
// as a taken email, are return values.
class WriteTx : public virtual ReadTx {
 public:
  virtual Id InsertClinic(const ClinicRow& row) = 0;
  // Result is conflict when the email is taken.
  virtual Result<Id> InsertUser(const UserRow& row) = 0;
  virtual void SetPasswordHash(Id user_id, const std::string& hash) = 0;
  virtual Id InsertClient(const ClientRow& row) = 0;
  virtual void LinkClientUser(Id client_id, Id user_id) = 0;
  // Assigns the next version for the client and returns the new id.
  virtual Id InsertAssessment(const AssessmentRow& row) = 0;
  virtual Id InsertCareSession(const CareSessionRow& row) = 0;
  // Result is conflict when the session already has an answer of this kind.
  virtual Result<Id> InsertCheckIn(const CheckInRow& row) = 0;
  virtual void InsertSession(const SessionRow& row) = 0;
  virtual void TouchSession(const std::string& token_hash, UnixSeconds at) = 0;
  virtual void DeleteSession(const std::string& token_hash) = 0;
  virtual void DeleteSessionsOfUser(Id user_id) = 0;
  virtual void InsertOneTimeToken(const OneTimeTokenRow& row) = 0;
  // False when the token was already used (single use, even under races).
  virtual bool MarkOneTimeTokenUsed(const std::string& token_hash, UnixSeconds at) = 0;
  virtual void AppendAudit(Id clinic_id, const AuditRow& row) = 0;
  virtual void InsertIdempotency(const IdempotencyRow& row) = 0;
  // Inserts the day, or replaces the client's entry for that day after
  // copying the old one to the history. True when a day was replaced.
  virtual bool PutDiaryEntry(const DiaryEntryRow& row) = 0;
  // Result is conflict when the client already has an exposure of that name.
  virtual Result<Id> InsertClientExposure(const ClientExposureRow& row) = 0;
  // Consults (issue 5). Inserts or replaces the practitioner's settings.
  virtual void PutConsultSettings(const ConsultSettingsRow& row) = 0;
  virtual Id InsertConsultType(const ConsultTypeRow& row) = 0;
  // Replaces the type's values by id (its practitioner and creation stay).
  virtual void UpdateConsultType(const ConsultTypeRow& row) = 0;
  // The consult and its "booked" history row (by created_by, at created_at).
  // No overlap check here: the service checks inside the same transaction.
  virtual Id InsertConsult(const ConsultRow& row) = 0;
  // Moves a booked consult, raises its sequence, appends "rescheduled".
  virtual void RescheduleConsult(Id consult_id, UnixSeconds start_at, UnixSeconds end_at, Id by,
                                 UnixSeconds at) = 0;
  // Marks a booked consult cancelled, raises its sequence, appends "cancelled".
  virtual void CancelConsult(Id consult_id, Id by, UnixSeconds at) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status Read(const std::function<Status(ReadTx&)>& fn) = 0;
  virtual Status Write(const std::function<Status(WriteTx&)>& fn) = 0;
  // Health of the store for /readyz.
  virtual Status Ping() = 0;
};

}  // namespace backplan::storage
