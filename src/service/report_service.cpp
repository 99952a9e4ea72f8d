#include "service/report_service.h"

#include <algorithm>
#include <map>

#include "codec/intake_json.h"
#include "core/names.h"
#include "service/all_pages.h"
#include "service/home_program_service.h"
#include "service/stored_assessment.h"

namespace backplan::service {
namespace {

// ODI and RMDQ of every assessment, on the day it was assessed (kept in
// `assessed_on` by assessment id).
std::optional<ServiceError> AddScores(const std::vector<storage::AssessmentRow>& rows,
                                      codec::ProgressReportData& data,
                                      std::map<storage::Id, std::chrono::sys_days>& assessed_on) {
  for (const auto& row : rows) {
    auto parsed = codec::ParseIntake(row.intake_json);
    if (!parsed.intake)
      return Internal();
    const auto scores = ScoresOf(core::Assess(*parsed.intake));
    const std::chrono::sys_days day(parsed.intake->assessed_on);
    assessed_on[row.id] = day;
    if (scores.odi)
      data.odi.push_back({day, *scores.odi});
    if (scores.rmdq)
      data.rmdq.push_back({day, *scores.rmdq});
  }
  auto by_day = [](const auto& a, const auto& b) { return a.day < b.day; };
  std::stable_sort(data.odi.begin(), data.odi.end(), by_day);
  std::stable_sort(data.rmdq.begin(), data.rmdq.end(), by_day);
  return std::nullopt;
}

}  // namespace

Outcome<codec::ProgressReportData> ReportService::ProgressReport(const Principal& p,
                                                                 storage::Id client_id) {
  auto client = clinic_.GetClient(p, client_id);
  if (!client.ok())
    return client.error();
  codec::ProgressReportData data;
  data.client_name = client.value().display_name;
  data.generated_on = DayOf(clock_());

  auto assessments =
      AllPages([&](const storage::Page& page) { return assessments_.History(p, client_id, page); },
               [](const storage::AssessmentRow& row) { return row.id; });
  if (!assessments.ok())
    return assessments.error();
  std::map<storage::Id, std::chrono::sys_days> assessed_on;
  if (auto error = AddScores(assessments.value(), data, assessed_on))
    return *error;

  auto sessions =
      AllPages([&](const storage::Page& page) { return care_.Sessions(p, client_id, page); },
               [](const CareSessionView& view) { return view.row.id; });
  if (!sessions.ok())
    return sessions.error();
  std::map<storage::Id, std::chrono::sys_days> session_day;
  for (const auto& view : sessions.value()) {
    const auto day = std::chrono::floor<std::chrono::days>(view.session.started_at);
    session_day[view.row.id] = day;
    data.session_days.push_back(day);
    if (view.response.kind == core::ResponseKind::flare)
      data.flare_days.push_back(day);
  }
  std::sort(data.session_days.begin(), data.session_days.end());
  std::sort(data.flare_days.begin(), data.flare_days.end());

  if (!assessments.value().empty()) {
    auto progress = care_.Progress(p, client_id);
    if (!progress.ok())
      return progress.error();
    const auto& value = progress.value();
    // The start pressures date from the assessment whose plan is in force.
    std::chrono::sys_days start_day = data.generated_on;
    if (const auto in_force = assessed_on.find(value.assessment_id); in_force != assessed_on.end())
      start_day = in_force->second;
    if (value.progression)
      for (const auto& change : value.progression->history) {
        auto day = start_day;
        if (change.after_session && *change.after_session < value.session_ids.size())
          day = session_day[value.session_ids[*change.after_session]];
        data.plan_history.push_back({day, std::string(core::Name(change.region)), change.from,
                                     change.to, change.reason.text});
      }
  }

  auto days = diary_.Entries(p, client_id, std::nullopt, std::nullopt);
  if (!days.ok())
    return days.error();
  for (auto& day : days.value())
    data.diary.push_back(std::move(day.entry));
  auto triggers = diary_.Triggers(p, client_id);
  if (!triggers.ok())
    return triggers.error();
  data.triggers = std::move(triggers.value());
  return data;
}

}  // namespace backplan::service
