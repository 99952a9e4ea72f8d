#pragma once
// The client's home program as a use case: the items of the plan in force
// (the latest assessment's) plus those the trigger finder's findings add, and
// how often the client ticked each in the diary lately (core/care/home_program.h).
//
// Built from the other use cases, so permissions and audit are theirs: the
// assessment list, the triggers and the diary reads are each checked and
// recorded. A foreign or unknown client is "not found"; no assessment yet, or
// a screening that gave no plan, is a conflict saying so.

#include <chrono>
#include <vector>

#include "core/care/home_program.h"
#include "service/assessment_service.h"
#include "service/auth_service.h"
#include "service/diary_service.h"

namespace backplan::service {

struct HomeProgramView {
  storage::Id client_id = 0;
  storage::Id assessment_id = 0;  // the assessment whose plan is in force
  std::vector<core::HomeProgramItem> items;
  core::Adherence adherence;
  // Whether the diary was long enough for the trigger finder; when not, the
  // program has only the assessment's items and this says why.
  bool triggers_checked = false;
  std::string triggers_note;
};

class HomeProgramService {
 public:
  HomeProgramService(AssessmentService& assessments, DiaryService& diary, Clock clock)
      : assessments_(assessments), diary_(diary), clock_(std::move(clock)) {}

  Outcome<HomeProgramView> Get(const Principal& p, storage::Id client_id);

 private:
  AssessmentService& assessments_;
  DiaryService& diary_;
  Clock clock_;
};

// The UTC calendar day of a stored time.
std::chrono::sys_days DayOf(storage::UnixSeconds seconds);

}  // namespace backplan::service
