// The care loop's JSON shapes: sessions and check-ins parse with every problem
// named by its path, and what is rendered for storage parses back unchanged.

#include "codec/care_json.h"

#include <gtest/gtest.h>

#include <string>

namespace backplan::codec {
namespace {

using nlohmann::json;

json ValidSession() {
  return {
      {"started_at", "2026-11-20T10:00:00Z"},
      {"duration_minutes", 60},
      {"regions", json::array({{{"region", "lumbar"}, {"technique", "swedish"}, {"pressure", 2}},
                               {{"region", "glutes"},
                                {"technique", "deep_tissue"},
                                {"pressure", 4},
                                {"override_reason", "tolerated before"}}})},
      {"pain_before", {{"back", 6}, {"leg", 3}}},
      {"pain_after", {{"back", 4}, {"leg", 2}}},
      {"leg_extent_before", "thigh"},
      {"positioning", "prone"},
      {"soap", {{"subjective", "s"}, {"objective", "o"}, {"assessment", "a"}, {"plan", "p"}}},
      {"adjuncts", {{"heat", true}, {"topical", false}, {"other", "ice"}}}};
}

std::vector<std::string> Paths(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors)
    out.push_back(e.path);
  return out;
}

TEST(CareJsonTest, ParsesAValidSession) {
  const auto parsed = ParseSession(ValidSession().dump());
  ASSERT_TRUE(parsed.session) << (parsed.errors.empty() ? "" : parsed.errors[0].path);
  const auto& s = *parsed.session;
  EXPECT_EQ(FormatUtcTime(s.started_at), "2026-11-20T10:00:00Z");
  EXPECT_EQ(s.duration_minutes, 60);
  ASSERT_EQ(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[1].region, core::Region::glutes);
  EXPECT_EQ(s.regions[1].technique, core::Technique::deep_tissue);
  EXPECT_EQ(s.regions[1].pressure, 4);
  EXPECT_EQ(s.regions[1].override_reason, "tolerated before");
  EXPECT_EQ(s.pain_before.leg, 3);
  EXPECT_EQ(s.leg_extent_before, core::LegExtent::thigh);
  EXPECT_EQ(s.notes.plan, "p");
  EXPECT_TRUE(s.adjuncts.heat);
  EXPECT_EQ(s.adjuncts.other, "ice");
}

TEST(CareJsonTest, StoredFormParsesBackUnchanged) {
  const auto parsed = ParseSession(ValidSession().dump());
  ASSERT_TRUE(parsed.session);
  const std::string stored = SessionToJson(*parsed.session).dump();
  const auto again = ParseSession(stored);
  ASSERT_TRUE(again.session);
  EXPECT_EQ(SessionToJson(*again.session).dump(), stored);

  core::CheckIn check_in;
  check_in.kind = core::CheckInKind::after_72h;
  check_in.back_pain = 4;
  check_in.leg_pain = 2;
  check_in.leg_extent = core::LegExtent::below_knee;
  check_in.change = core::GlobalChange::worse;
  check_in.flare_reported = true;
  check_in.note = "bad night";
  const std::string answer = CheckInToJson(check_in).dump();
  const auto parsed_check_in = ParseCheckIn(answer);
  ASSERT_TRUE(parsed_check_in.check_in);
  EXPECT_EQ(CheckInToJson(*parsed_check_in.check_in).dump(), answer);
}

TEST(CareJsonTest, NamesEveryInvalidField) {
  json body = ValidSession();
  body["started_at"] = 1763632800;  // unix seconds are not accepted
  body["duration_minutes"] = 0;
  body["regions"][0]["region"] = "elbow";
  body["regions"][1]["pressure"] = 6;
  body["regions"][1]["technique"] = 3;
  body["pain_before"]["back"] = -1;
  body.erase("pain_after");
  body["leg_extent_before"] = "knee";
  body["soap"]["subjective"] = std::string(kMaxCareText + 1, 'x');
  body["adjuncts"]["heat"] = "yes";
  body["extra"] = 1;
  const auto parsed = ParseSession(body.dump());
  EXPECT_FALSE(parsed.session);
  const std::vector<std::string> expected = {"extra",
                                             "started_at",
                                             "duration_minutes",
                                             "regions[0].region",
                                             "regions[1].technique",
                                             "regions[1].pressure",
                                             "pain_before.back",
                                             "pain_after",
                                             "leg_extent_before",
                                             "soap.subjective",
                                             "adjuncts.heat"};
  EXPECT_EQ(Paths(parsed.errors), expected);
}

TEST(CareJsonTest, RefusesNonObjectsAndEmptyWork) {
  EXPECT_EQ(Paths(ParseSession("not json").errors), std::vector<std::string>{"(root)"});
  EXPECT_EQ(Paths(ParseSession("[1]").errors), std::vector<std::string>{"(root)"});
  json body = ValidSession();
  body["regions"] = json::array();
  EXPECT_EQ(Paths(ParseSession(body.dump()).errors), std::vector<std::string>{"regions"});
  body["regions"] = json::array({7});
  EXPECT_EQ(Paths(ParseSession(body.dump()).errors), std::vector<std::string>{"regions[0]"});
}

TEST(CareJsonTest, CheckInFieldsAndDefaults) {
  const auto minimal =
      ParseCheckIn(R"({"kind":"24h","back_pain":3,"leg_pain":0,"global":"better"})");
  ASSERT_TRUE(minimal.check_in);
  EXPECT_EQ(minimal.check_in->kind, core::CheckInKind::after_24h);
  EXPECT_EQ(minimal.check_in->leg_extent, core::LegExtent::none);
  EXPECT_FALSE(minimal.check_in->flare_reported);

  const auto bad = ParseCheckIn(
      R"({"kind":"48h","back_pain":11,"global":"fine","flare_reported":1,"leg_extent":"toe"})");
  EXPECT_FALSE(bad.check_in);
  const std::vector<std::string> expected = {"kind",       "back_pain", "leg_pain",
                                             "leg_extent", "global",    "flare_reported"};
  EXPECT_EQ(Paths(bad.errors), expected);
}

TEST(CareJsonTest, UtcTimes) {
  EXPECT_TRUE(ParseUtcTime("2024-02-29T23:59:59Z"));
  EXPECT_FALSE(ParseUtcTime("2023-02-29T10:00:00Z"));  // not a leap year
  EXPECT_FALSE(ParseUtcTime("2026-11-20T24:00:00Z"));
  EXPECT_FALSE(ParseUtcTime("2026-11-20T10:00:00+01:00"));
  EXPECT_FALSE(ParseUtcTime("2026-11-20T10:00:00.5Z"));
  EXPECT_FALSE(ParseUtcTime("2026-11-20 10:00:00Z"));
  EXPECT_FALSE(ParseUtcTime("2026-1a-20T10:00:00Z"));
  const auto time = ParseUtcTime("1970-01-02T00:00:01Z");
  ASSERT_TRUE(time);
  EXPECT_EQ(time->time_since_epoch().count(), 86401);
  EXPECT_EQ(FormatUtcTime(*time), "1970-01-02T00:00:01Z");
}

TEST(CareJsonTest, OverridePathNamesTheEntry) {
  core::Deviation deviation;
  deviation.work_index = 3;
  EXPECT_EQ(OverridePath(deviation), "regions[3].override_reason");
}

}  // namespace
}  // namespace backplan::codec
