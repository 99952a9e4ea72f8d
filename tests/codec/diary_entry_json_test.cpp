#include "codec/diary_entry_json.h"

#include <gtest/gtest.h>

#include <chrono>

namespace backplan::codec {
namespace {

using namespace std::chrono;

constexpr sys_days kDay = 2026y / January / 5;

bool Names(const DiaryEntryParse& parse, const std::string& path) {
  for (const auto& error : parse.errors)
    if (error.path == path)
      return true;
  return false;
}

TEST(DiaryEntryJson, ReadsAndWritesBackTheSameEntry) {
  const std::vector<core::ExposureDefinition> custom = {
      {"gardening_minutes", core::ExposureKind::minutes, "Gardening"}};
  const auto parse = ParseDiaryEntryJson(
      R"({"date":"2026-01-05","pain_morning":3,"pain_evening":null,
          "exposures":{"driving_minutes":90,"massage":true,"gardening_minutes":15},
          "home_program_done":["home.walk_daily"],"note":"long drive"})",
      kDay, custom);
  ASSERT_TRUE(parse.entry) << (parse.errors.empty() ? "" : parse.errors[0].path);
  EXPECT_EQ(parse.entry->pain_morning, 3);
  EXPECT_FALSE(parse.entry->pain_evening);
  EXPECT_EQ(parse.entry->exposures.at("massage"), 1.0);
  EXPECT_EQ(parse.entry->exposures.at("gardening_minutes"), 15.0);

  const auto again = ParseDiaryEntryJson(DiaryEntryToJson(*parse.entry).dump(), kDay, custom);
  ASSERT_TRUE(again.entry);
  EXPECT_EQ(DiaryEntryToJson(*again.entry), DiaryEntryToJson(*parse.entry));
}

TEST(DiaryEntryJson, ReportsEveryProblemByPath) {
  const auto parse = ParseDiaryEntryJson(
      R"({"date":"2026-01-06","pain_morning":11,"leg_pain":"2",
          "exposures":{"driving_minutes":-1,"lifts":2.5,"gardening":1,"massage":"yes"},
          "home_program_done":[1],"note":5,"mood":"ok"})",
      kDay, {});
  EXPECT_FALSE(parse.entry);
  for (const char* path :
       {"date", "pain_morning", "leg_pain", "exposures.driving_minutes", "exposures.lifts",
        "exposures.gardening", "exposures.massage", "home_program_done[0]", "note", "mood"})
    EXPECT_TRUE(Names(parse, path)) << path;
  EXPECT_TRUE(Names(ParseDiaryEntryJson("[1]", kDay, {}), "(root)"));
  EXPECT_TRUE(Names(ParseDiaryEntryJson("{", kDay, {}), "(root)"));
}

TEST(DiaryEntryJson, CustomExposureNames) {
  const std::vector<core::ExposureDefinition> existing = {
      {"gardening_minutes", core::ExposureKind::minutes, "Gardening"}};
  EXPECT_EQ(CustomExposureNameProblem("cycling_minutes", existing), "");
  EXPECT_NE(CustomExposureNameProblem("gardening_minutes", existing), "");
  EXPECT_NE(CustomExposureNameProblem("driving_minutes", existing), "");
  EXPECT_NE(CustomExposureNameProblem("note", existing), "");
  EXPECT_NE(CustomExposureNameProblem("Cycling", existing), "");
  EXPECT_NE(CustomExposureNameProblem("", existing), "");
}

TEST(DiaryEntryJson, Dates) {
  EXPECT_TRUE(ParseDiaryDate("2026-01-05"));
  EXPECT_FALSE(ParseDiaryDate("2026-02-30"));
  EXPECT_FALSE(ParseDiaryDate("20260105"));
  EXPECT_EQ(DiaryDateText(kDay), "2026-01-05");
}

}  // namespace
}  // namespace backplan::codec
