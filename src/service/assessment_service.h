#pragma once
// Assessments of a client: submitting an intake (validated, assessed by the
// core and stored with its result and rules version), reading the latest and
// the history. Nothing is overwritten: a correction is a new version that
// names the one it supersedes. Every read and write is permission-checked and
// audited. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

struct SubmitAssessment {
  storage::Id client_id = 0;
  std::string intake_json;
  std::optional<storage::Id> supersedes;
  std::optional<std::string> idempotency_key;
};

struct Submitted {
  storage::AssessmentRow assessment;
  bool replayed = false;  // an earlier request with the same idempotency key
};

class AssessmentService {
 public:
  AssessmentService(storage::Store& store, Clock clock, AuditWriter& audit)
      : store_(store), clock_(std::move(clock)), audit_(audit) {}

  Outcome<Submitted> Submit(const Principal& p, const SubmitAssessment& request);
  Outcome<storage::AssessmentRow> Latest(const Principal& p, storage::Id client_id);
  Outcome<std::vector<storage::AssessmentRow>> History(const Principal& p, storage::Id client_id,
                                                       const storage::Page& page);
  Outcome<storage::AssessmentRow> Get(const Principal& p, storage::Id assessment_id);

 private:
  storage::Store& store_;
  Clock clock_;
  AuditWriter& audit_;
};

}  // namespace backplan::service
