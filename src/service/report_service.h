#pragma once
// The printable progress report of one client (issue 4, item 8) as a use case:
// gathers the client's name, every assessment's ODI and RMDQ, every session
// (flares marked), the graded-progression history under the plan in force,
// the diary and the trigger report, for codec::RenderProgressReport.
//
// Built from the other use cases, so permissions and audit are theirs: each
// read is checked and recorded as what it is. A foreign or unknown client is
// "not found". A client with no assessment yet still gets a report of their
// diary; the plan history is then empty.

#include "codec/report/progress_report.h"
#include "service/assessment_service.h"
#include "service/auth_service.h"
#include "service/care_service.h"
#include "service/clinic_service.h"
#include "service/diary_service.h"

namespace backplan::service {

class ReportService {
 public:
  ReportService(ClinicService& clinic, AssessmentService& assessments, CareService& care,
                DiaryService& diary, Clock clock)
      : clinic_(clinic),
        assessments_(assessments),
        care_(care),
        diary_(diary),
        clock_(std::move(clock)) {}

  Outcome<codec::ProgressReportData> ProgressReport(const Principal& p, storage::Id client_id);

 private:
  ClinicService& clinic_;
  AssessmentService& assessments_;
  CareService& care_;
  DiaryService& diary_;
  Clock clock_;
};

}  // namespace backplan::service
