#include "service/home_program_service.h"

#include <algorithm>

#include "codec/diary_entry_json.h"
#include "service/all_pages.h"
#include "service/stored_assessment.h"

namespace backplan::service {

std::chrono::sys_days DayOf(storage::UnixSeconds seconds) {
  return std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(seconds)));
}

Outcome<HomeProgramView> HomeProgramService::Get(const Principal& p, storage::Id client_id) {
  auto history =
      AllPages([&](const storage::Page& page) { return assessments_.History(p, client_id, page); },
               [](const storage::AssessmentRow& row) { return row.id; });
  if (!history.ok())
    return history.error();
  const auto& rows = history.value();
  if (rows.empty())
    return Conflict("the client has no assessment yet: there is no home program");
  const auto& latest = *std::max_element(
      rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  const auto assessment = Reassess(latest);
  if (!assessment)
    return Internal();
  if (!assessment->plan)
    return Conflict("the latest assessment's screening (" + latest.disposition +
                    ") gave no plan: there is no home program until the client is cleared");

  auto triggers = diary_.Triggers(p, client_id);
  if (!triggers.ok())
    return triggers.error();
  auto exposures = diary_.Exposures(p, client_id);
  if (!exposures.ok())
    return exposures.error();
  const auto today = DayOf(clock_());
  const auto from = today - std::chrono::days(core::kAdherenceWindowDays - 1);
  auto days = diary_.Entries(p, client_id, codec::DiaryDateText(from), codec::DiaryDateText(today));
  if (!days.ok())
    return days.error();

  HomeProgramView view;
  view.client_id = client_id;
  view.assessment_id = latest.id;
  view.items = core::BuildHomeProgram(*assessment->plan, triggers.value(), exposures.value());
  core::Diary diary;
  for (auto& day : days.value())
    diary.push_back(std::move(day.entry));
  view.adherence = core::HomeProgramAdherence(view.items, diary, today);
  view.triggers_checked = triggers.value().enough_data;
  view.triggers_note = triggers.value().not_enough_data_reason;
  return view;
}

}  // namespace backplan::service
