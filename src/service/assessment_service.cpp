#include "service/assessment_service.h"

#include "codec/assessment_json.h"
#include "codec/intake_json.h"
#include "core/assessment.h"
#include "core/screening.h"
#include "service/audit.h"
#include "service/idempotency.h"
#include "service/permissions.h"

namespace backplan::service {
Outcome<Submitted> AssessmentService::Submit(const Principal& p, const SubmitAssessment& request) {
  if (auto problem = IdempotencyKeyProblem(request.idempotency_key))
    return *problem;
  // Parse and assess before taking the writer: pure work needs no lock.
  auto parsed = codec::ParseIntake(request.intake_json);
  if (!parsed.intake) {
    ServiceError e{core::ErrorKind::invalid_input, "the intake is not valid", parsed.errors, 0};
    return e;
  }
  const auto assessment = core::Assess(*parsed.intake);
  // The key stands for the whole request: target client, correction and body.
  // Without a key there is nothing to compare, so no hash of the body either.
  const std::string request_hash =
      request.idempotency_key
          ? IdempotencyRequestHash(
                "assessment.create",
                std::to_string(request.client_id) + "\n" +
                    (request.supersedes ? std::to_string(*request.supersedes) : "") + "\n" +
                    request.intake_json)
          : std::string();
  const auto now = clock_();

  storage::AssessmentRow row;
  row.client_id = request.client_id;
  row.supersedes = request.supersedes;
  row.intake_json = request.intake_json;
  row.result_json = codec::AssessmentToJson(assessment).dump();
  row.rules_version = assessment.rules_version;
  row.disposition = std::string(core::Name(assessment.screening.disposition));
  row.created_by = p.user_id;
  row.created_at = now;

  std::optional<ServiceError> error;
  bool replayed = false;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto client = tx.ClientById(request.client_id);
    if (!client || !CanAccessClient(p, *client)) {
      Audit(tx, CallerOf(p), p.clinic_id, "assessment.create", "client", request.client_id,
            request.client_id, "not_found", now);
      error = NotFound();
      return storage::Status{};
    }
    auto earlier = LookUpIdempotencyKey(tx, p, request.idempotency_key, request_hash);
    if (!earlier.ok()) {
      error = earlier.error();
      return storage::Status{};
    }
    if (earlier.value()) {
      if (auto stored = tx.AssessmentById(std::stoll(earlier.value()->resource_id))) {
        row = std::move(*stored);
        replayed = true;
        return storage::Status{};
      }
    }
    if (request.supersedes) {
      const auto previous = tx.AssessmentById(*request.supersedes);
      if (!previous || previous->client_id != request.client_id) {
        error = Invalid("supersedes", "is not an assessment of this client");
        return storage::Status{};
      }
    }
    row.id = tx.InsertAssessment(row);
    if (auto stored = tx.AssessmentById(row.id))
      row = *stored;
    RememberIdempotencyKey(tx, p, request.idempotency_key, request_hash, std::to_string(row.id),
                           now);
    Audit(tx, CallerOf(p), p.clinic_id, "assessment.create", "assessment", row.id,
          request.client_id, "ok", now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return Submitted{row, replayed};
}

Outcome<storage::AssessmentRow> AssessmentService::Latest(const Principal& p,
                                                          storage::Id client_id) {
  std::optional<storage::AssessmentRow> row;
  bool allowed = false;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed)
               row = tx.LatestAssessment(client_id);
             // A denied or empty read is still recorded under the client it targeted.
             Audit(audit_, CallerOf(p), p.clinic_id, "assessment.read_latest",
                   row ? "assessment" : "client", row ? row->id : client_id, client_id,
                   allowed && row ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!allowed || !row)
    return NotFound();
  return std::move(*row);
}

Outcome<std::vector<storage::AssessmentRow>> AssessmentService::History(const Principal& p,
                                                                        storage::Id client_id,
                                                                        const storage::Page& page) {
  std::vector<storage::AssessmentRow> rows;
  bool allowed = false;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             allowed = CanAccessClientId(tx, p, client_id);
             if (allowed)
               rows = tx.Assessments(client_id, page);
             Audit(audit_, CallerOf(p), p.clinic_id, "assessment.list", "client", client_id,
                   client_id, allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!allowed)
    return NotFound();
  return rows;
}

Outcome<storage::AssessmentRow> AssessmentService::Get(const Principal& p,
                                                       storage::Id assessment_id) {
  std::optional<storage::AssessmentRow> row;
  bool allowed = false;
  const auto now = clock_();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             row = tx.AssessmentById(assessment_id);
             if (row) {
               const auto client = tx.ClientById(row->client_id);
               allowed = client && CanAccessClient(p, *client);
             }
             Audit(audit_, CallerOf(p), p.clinic_id, "assessment.read", "assessment", assessment_id,
                   row ? std::optional(row->client_id) : std::nullopt, allowed ? "ok" : "not_found",
                   now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!allowed)
    return NotFound();
  return std::move(*row);
}

}  // namespace backplan::service
