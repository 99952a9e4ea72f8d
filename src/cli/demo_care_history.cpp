#include "cli/demo_care_history.h"

#include <nlohmann/json.hpp>
#include <string>

#include "codec/care_json.h"
#include "codec/diary_csv.h"
#include "codec/diary_entry_json.h"

namespace backplan::cli {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;

const char* const kDiary90Days =
#include "examples/diary-90-days.csv.inc"
    ;

// The intake, assessed on `assessed`.
std::string IntakeAssessedOn(const char* intake_json, std::chrono::sys_days assessed) {
  json intake = json::parse(intake_json);
  intake["assessed_on"] = codec::DiaryDateText(assessed);
  return intake.dump();
}

// The example diary moved so that its last day is yesterday.
std::string DiaryEndingOn(std::chrono::sys_days last_day) {
  auto parsed = codec::ParseDiaryCsv(kDiary90Days, {});
  if (!parsed.diary || parsed.diary->empty())
    return {};
  const auto shift = last_day - parsed.diary->back().date;
  for (auto& entry : *parsed.diary) {
    entry.date += shift;
    // The example's ticks, renamed to the demo plan's home-program items.
    for (auto& done : entry.home_program_done)
      done = done == "home.walk_daily" ? "home.use.walking" : "home.correction.guarding";
  }
  return codec::WriteDiaryCsv(*parsed.diary, {});
}

// Within the demo plan (chronic localized: lumbar ceiling 4, start 1).
std::string SessionJson(std::chrono::sys_seconds start, int back_before, int back_after) {
  return json{{"started_at", codec::FormatUtcTime(start)},
              {"duration_minutes", 50},
              {"regions",
               {{{"region", "lumbar"}, {"technique", "light_swedish"}, {"pressure", 1}},
                {{"region", "thoracic"}, {"technique", "swedish"}, {"pressure", 2}}}},
              {"pain_before", {{"back", back_before}, {"leg", 1}}},
              {"pain_after", {{"back", back_after}, {"leg", 0}}},
              {"leg_extent_before", "none"},
              {"positioning", "side-lying with a pillow between the knees"},
              {"soap",
               {{"subjective", "stiff after long drives"},
                {"objective", "guarding at the lower back"},
                {"assessment", "tolerated well"},
                {"plan", "same pressure next week"}}},
              {"adjuncts", {{"heat", true}, {"topical", false}, {"other", ""}}}}
      .dump();
}

std::string CheckInJson(const char* kind, int back, bool flare) {
  return json{{"kind", kind},
              {"back_pain", back},
              {"leg_pain", flare ? 2 : 1},
              {"leg_extent", "none"},
              {"global", flare ? "worse" : "better"},
              {"flare_reported", flare},
              {"note", flare ? "sore for two days after" : ""}}
      .dump();
}

struct DemoSession {
  int days_ago;
  int back_before;
  int back_after;
  // Back pain at the 24 h and 72 h check-ins; negative: not answered.
  int at_24h;
  int at_72h;
  bool flare;
};

constexpr DemoSession kSessions[] = {
    {35, 6, 4, 5, 5, false}, {28, 5, 3, 4, 4, false}, {21, 5, 3, 7, 6, true},
    {14, 5, 3, 4, 4, false}, {2, 4, 2, 3, -1, false},
};

}  // namespace

bool SeedDemoCareHistory(const service::Principal& staff, const service::Principal& client,
                         storage::Id client_id, const char* intake_json,
                         std::chrono::sys_seconds now, service::AssessmentService& assessments,
                         service::CareService& care, service::DiaryService& diary) {
  const auto today = std::chrono::floor<days>(now);
  service::SubmitAssessment submit;
  submit.client_id = client_id;
  submit.intake_json = IntakeAssessedOn(intake_json, today - days(42));
  if (!assessments.Submit(staff, submit).ok())
    return false;

  const std::string csv = DiaryEndingOn(today - days(1));
  if (csv.empty() || !diary.ImportCsv(client, client_id, csv).ok())
    return false;

  for (const auto& demo : kSessions) {
    service::LogSessionRequest request;
    request.client_id = client_id;
    request.session_json =
        SessionJson(today - days(demo.days_ago) + hours(10), demo.back_before, demo.back_after);
    auto logged = care.LogSession(staff, request);
    if (!logged.ok())
      return false;
    const auto session_id = logged.value().session.row.id;
    if (demo.at_24h >= 0 &&
        !care.AnswerCheckIn(client, session_id, CheckInJson("24h", demo.at_24h, demo.flare)).ok())
      return false;
    if (demo.at_72h >= 0 &&
        !care.AnswerCheckIn(client, session_id, CheckInJson("72h", demo.at_72h, false)).ok())
      return false;
  }
  return true;
}

}  // namespace backplan::cli
