#pragma once
// Writes a clinic's care-loop rows straight into a store, for the attention
// list's service tests and benchmark: clinics, staff, clients, assessments
// (only the columns the caseload reads use: the documents are placeholders),
// sessions and check-ins in their stored JSON form (codec/care_json.h), so
// the service reads them back exactly as it reads rows the API wrote. The
// client's practitioner authors the rows (the foreign keys need a user).

#include <chrono>
#include <string>

#include "codec/care_json.h"
#include "core/care/session.h"
#include "core/names.h"
#include "core/screening.h"
#include "storage/store.h"

namespace backplan::testing {

class CaseloadWriter {
 public:
  explicit CaseloadWriter(storage::WriteTx& tx) : tx_(tx) {}

  storage::Id Clinic(const std::string& name) { return tx_.InsertClinic({0, name, 0}); }
  storage::Id Staff(storage::Id clinic_id, storage::Role role, const std::string& email) {
    storage::UserRow row;
    row.clinic_id = clinic_id;
    row.email = email;
    row.display_name = email;
    row.role = role;
    return tx_.InsertUser(row).value();
  }
  storage::Id Client(storage::Id clinic_id, storage::Id practitioner_id,
                     const std::string& display_name) {
    storage::ClientRow row;
    row.clinic_id = clinic_id;
    row.practitioner_id = practitioner_id;
    row.display_name = display_name;
    return tx_.InsertClient(row);
  }
  storage::Id Assessment(storage::Id client_id, core::Disposition disposition,
                         storage::UnixSeconds at) {
    const storage::AssessmentRow row{0,
                                     client_id,
                                     1,
                                     std::nullopt,
                                     std::string("{}"),
                                     std::string("{}"),
                                     std::string("test"),
                                     std::string(core::Name(disposition)),
                                     tx_.ClientById(client_id)->practitioner_id,
                                     at};
    return tx_.InsertAssessment(row);
  }
  // A one-hour session on the lumbar region, with SOAP notes of a realistic
  // length, back pain `back_before` before and two points less after.
  storage::Id Session(storage::Id client_id, storage::Id assessment_id,
                      storage::UnixSeconds started_at, int back_before = 6) {
    core::Session session;
    session.started_at = std::chrono::sys_seconds(std::chrono::seconds(started_at));
    session.duration_minutes = 60;
    session.regions = {{core::Region::lumbar, core::Technique::light_swedish, 1, ""},
                       {core::Region::thoracic, core::Technique::swedish, 2, ""}};
    session.pain_before = {back_before, 2};
    session.pain_after = {back_before - 2, 1};
    session.positioning = "side-lying with a pillow between the knees";
    session.notes = {"stiff in the mornings, worse after long drives to work",
                     "guarding L4-L5, reduced flexion, tender right QL",
                     "tolerated well; less guarding at the end of the session",
                     "same next week; review the sitting breaks at work"};
    storage::CareSessionRow row;
    row.client_id = client_id;
    row.assessment_id = assessment_id;
    row.started_at = started_at;
    row.session_json = codec::SessionToJson(session).dump();
    row.deviations_json = "[]";
    row.rules_version = core::kCareRulesVersion;
    row.created_by = tx_.ClientById(client_id)->practitioner_id;
    row.created_at = started_at;
    return tx_.InsertCareSession(row);
  }
  // `flare` = the client reported one (a flare whatever the pain says).
  void CheckIn(storage::Id session_id, core::CheckInKind kind, int back_pain,
               storage::UnixSeconds answered_at, bool flare = false) {
    core::CheckIn answer;
    answer.kind = kind;
    answer.back_pain = back_pain;
    answer.leg_pain = 1;
    answer.change = flare ? core::GlobalChange::worse : core::GlobalChange::better;
    answer.flare_reported = flare;
    storage::CheckInRow row;
    row.session_id = session_id;
    row.kind = std::string(core::Name(kind));
    row.answer_json = codec::CheckInToJson(answer).dump();
    // Staff on the client's behalf: the session's author.
    row.answered_by = tx_.CareSessionById(session_id)->created_by;
    row.answered_at = answered_at;
    (void)tx_.InsertCheckIn(row).value();
  }

 private:
  storage::WriteTx& tx_;
};

}  // namespace backplan::testing
