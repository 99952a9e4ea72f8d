// The assessment as JSON and as text: safety information first, the exact
// values next to their display values, plan null when treatment is not allowed.

#include "codec/assessment_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/assessment_text.h"
#include "codec/intake_json.h"
#include "core/assessment.h"
#include "support/intake_gen.h"

namespace backplan::codec {
namespace {

using nlohmann::ordered_json;
using testing::BaselineIntake;

core::Intake Example() {
  std::ifstream in(std::filesystem::path(BACKPLAN_SOURCE_DIR) / "examples" /
                   "chronic-localized.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto parsed = ParseIntake(buffer.str());
  EXPECT_TRUE(parsed.intake.has_value());
  return parsed.intake.value_or(BaselineIntake());
}

core::Intake Emergency() {
  core::Intake in = BaselineIntake();
  in.red_flags[static_cast<std::size_t>(core::RedFlag::bladder_dysfunction)] = true;
  return in;
}

std::vector<std::string> Keys(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items())
    keys.push_back(key);
  return keys;
}

const std::vector<std::string> kTopLevel = {"rules_version",  "screening", "scores",
                                            "classification", "plan",      "warnings"};

TEST(AssessmentJson, TopLevelKeysInSafetyFirstOrder) {
  for (const auto& in : {Example(), Emergency(), BaselineIntake()}) {
    const auto j = AssessmentToJson(core::Assess(in));
    EXPECT_EQ(Keys(j), kTopLevel);
    // The order survives serialization, which is what a reader sees.
    const std::string text = j.dump(2);
    std::size_t last = 0;
    for (const auto& key : kTopLevel) {
      const auto at = text.find("\"" + key + "\"");
      ASSERT_NE(at, std::string::npos) << key;
      EXPECT_GT(at, last) << key;
      last = at;
    }
  }
}

TEST(AssessmentJson, RulesVersionIsRecorded) {
  const auto j = AssessmentToJson(core::Assess(Example()));
  EXPECT_EQ(j["rules_version"], core::kRulesVersion);
  EXPECT_FALSE(j["rules_version"].get<std::string>().empty());
}

TEST(AssessmentJson, EmergencyHasNullPlanAndReferralAdvice) {
  const auto j = AssessmentToJson(core::Assess(Emergency()));
  EXPECT_TRUE(j["plan"].is_null());
  EXPECT_EQ(j["screening"]["disposition"], "emergency");
  EXPECT_EQ(j["screening"]["plan_allowed"], false);
  ASSERT_FALSE(j["screening"]["advice"].empty());
  EXPECT_NE(j["screening"]["advice"][0].get<std::string>().find("Emergency Department"),
            std::string::npos);
  ASSERT_FALSE(j["screening"]["flags"].empty());
  EXPECT_EQ(j["screening"]["flags"][0]["id"], "red.cauda_equina.bladder");
  EXPECT_EQ(j["screening"]["flags"][0]["kind"], "red");
  EXPECT_EQ(Keys(j["screening"]["flags"][0]),
            (std::vector<std::string>{"id", "kind", "disposition", "reason", "advice", "source"}));
}

TEST(AssessmentJson, NoPlanForEveryReferralDisposition) {
  core::Intake urgent = BaselineIntake();
  urgent.red_flags[static_cast<std::size_t>(core::RedFlag::history_of_cancer)] = true;
  core::Intake refer = BaselineIntake();
  refer.contraindications[static_cast<std::size_t>(core::Contraindication::dvt)] = true;
  for (const auto& [in, name] :
       {std::pair{urgent, "urgent_referral"}, std::pair{refer, "refer_before_treatment"}}) {
    const auto j = AssessmentToJson(core::Assess(in));
    EXPECT_EQ(j["screening"]["disposition"], name);
    EXPECT_TRUE(j["plan"].is_null()) << name;
  }
  const auto clear = AssessmentToJson(core::Assess(BaselineIntake()));
  EXPECT_EQ(clear["screening"]["disposition"], "clear");
  EXPECT_TRUE(clear["plan"].is_object());
  EXPECT_TRUE(clear["screening"]["advice"].empty());
}

TEST(AssessmentJson, OdiExactAndDisplayValues) {
  core::Intake in = BaselineIntake();
  std::array<core::OdiSection, 10> odi;
  const int ticks[] = {2, 2, 2, 2, 2, 2, 2, 1, 1};
  for (std::size_t i = 0; i < 9; ++i)
    odi[i].ticks = {ticks[i]};
  in.questionnaires.odi = odi;
  const auto j = AssessmentToJson(core::Assess(in));
  const auto& s = j["scores"]["odi"];
  EXPECT_EQ(s["sections_answered"], 9);
  EXPECT_EQ(s["sum"], 16);
  EXPECT_EQ(s["complete"], true);
  EXPECT_DOUBLE_EQ(s["percent"].get<double>(), 1600.0 / 45.0);
  EXPECT_DOUBLE_EQ(s["percent_display"].get<double>(), 35.6);
  EXPECT_EQ(s["band"], "moderate");
}

TEST(AssessmentJson, IncompleteScoresAreNullNotZero) {
  core::Intake in = BaselineIntake();
  std::array<core::OdiSection, 10> odi;
  for (std::size_t i = 0; i < 7; ++i)
    odi[i].ticks = {3};
  in.questionnaires.odi = odi;
  core::StartBackAnswers sb;
  sb.agree = {1, 2, 3, 4};
  in.questionnaires.start_back = sb;  // item 9 missing
  const auto a = core::Assess(in);
  const auto j = AssessmentToJson(a);
  EXPECT_EQ(j["scores"]["odi"]["complete"], false);
  EXPECT_TRUE(j["scores"]["odi"]["percent"].is_null());
  EXPECT_TRUE(j["scores"]["odi"]["band"].is_null());
  EXPECT_TRUE(j["scores"]["start_back"]["risk"].is_null());
  EXPECT_EQ(j["scores"]["start_back"]["missing_items"], ordered_json::array({9}));
  std::vector<std::string> warning_ids;
  for (const auto& w : j["warnings"])
    warning_ids.push_back(w["id"]);
  EXPECT_NE(std::find(warning_ids.begin(), warning_ids.end(), "odi_incomplete"), warning_ids.end());
  EXPECT_NE(std::find(warning_ids.begin(), warning_ids.end(), "start_back_incomplete"),
            warning_ids.end());
  // Instruments not given at all are null.
  EXPECT_TRUE(j["scores"]["rmdq"].is_null());
  EXPECT_TRUE(j["scores"]["psfs"].is_null());
}

TEST(AssessmentJson, PsfsMeanAndRmdq) {
  core::Intake in = BaselineIntake();
  in.questionnaires.psfs = {{"a", 3}, {"b", 5}, {"c", 7}};
  in.questionnaires.rmdq = std::vector<int>{2, 5, 11};
  const auto j = AssessmentToJson(core::Assess(in));
  EXPECT_DOUBLE_EQ(j["scores"]["psfs"]["mean"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(j["scores"]["psfs"]["mean_display"].get<double>(), 5.0);
  EXPECT_EQ(j["scores"]["rmdq"]["score"], 3);
}

TEST(AssessmentJson, ClassificationAndPlanShape) {
  const auto j = AssessmentToJson(core::Assess(Example()));
  const auto& c = j["classification"];
  EXPECT_EQ(c["pattern"], "localized");
  EXPECT_EQ(c["acuity"], "chronic");
  EXPECT_EQ(c["quebec_category"], 1);
  EXPECT_EQ(c["intolerances"], ordered_json::array({"flexion", "sitting"}));
  EXPECT_EQ(c["relieving"], ordered_json::array({"extension", "walking"}));
  const auto& plan = j["plan"];
  ASSERT_TRUE(plan.is_object());
  EXPECT_EQ(plan["mode"], "standard");
  ASSERT_EQ(plan["regions"].size(), core::kRegionCount);
  const char* names[] = {"head",   "face", "neck",       "shoulders",  "thoracic", "lumbar",
                         "glutes", "hips", "hamstrings", "quadriceps", "calves"};
  for (std::size_t i = 0; i < core::kRegionCount; ++i) {
    const auto& r = plan["regions"][i];
    EXPECT_EQ(r["region"], names[i]);
    EXPECT_EQ(Keys(r),
              (std::vector<std::string>{"region", "work", "pressure_ceiling", "start_pressure",
                                        "techniques", "avoid", "reasons"}));
    EXPECT_FALSE(r["reasons"].empty()) << names[i];
  }
}

TEST(AssessmentJson, PossibleRadicularQuebec) {
  core::Intake in = BaselineIntake();
  in.neuro.tingling = true;
  in.leg_extent = core::LegExtent::thigh;
  in.leg_side = core::Side::left;
  const auto j = AssessmentToJson(core::Assess(in));
  EXPECT_EQ(j["classification"]["pattern"], "radicular");
  EXPECT_EQ(j["classification"]["quebec_category"], "possible_radicular");
}

TEST(AssessmentText, StartsWithTheSafetyNoteAndShowsScreeningBeforeThePlan) {
  const std::string text = AssessmentToText(core::Assess(Example()));
  EXPECT_EQ(text.rfind("backplan supports a practitioner's judgement; it does not diagnose.", 0),
            0u)
      << text.substr(0, 200);
  const auto screening = text.find("SCREENING: CLEAR");
  const auto scores = text.find("SCORES");
  const auto plan = text.find("PLAN (standard)");
  ASSERT_NE(screening, std::string::npos) << text;
  ASSERT_NE(scores, std::string::npos) << text;
  ASSERT_NE(plan, std::string::npos) << text;
  EXPECT_LT(screening, scores);
  EXPECT_LT(screening, plan);
  EXPECT_NE(text.find(core::kRulesVersion), std::string::npos);
  EXPECT_NE(text.find("ODI 28.9%"), std::string::npos) << text;
  EXPECT_NE(text.find("HOME PROGRAM"), std::string::npos);
}

TEST(AssessmentText, EmergencySaysNoPlan) {
  const std::string text = AssessmentToText(core::Assess(Emergency()));
  EXPECT_EQ(text.rfind("backplan supports a practitioner's judgement", 0), 0u);
  const auto screening = text.find("SCREENING: EMERGENCY");
  const auto plan = text.find("PLAN: none");
  ASSERT_NE(screening, std::string::npos) << text;
  ASSERT_NE(plan, std::string::npos) << text;
  EXPECT_LT(screening, plan);
  EXPECT_NE(text.find("Emergency Department"), std::string::npos);
  EXPECT_EQ(text.find("HOME PROGRAM"), std::string::npos);
}

TEST(AssessmentText, NotAskedCaudaEquinaIsShownBeforeThePlan) {
  core::Intake in = BaselineIntake();
  in.red_flags[0] = std::nullopt;
  const std::string text = AssessmentToText(core::Assess(in));
  const auto gap = text.find("Cauda equina questions not asked");
  ASSERT_NE(gap, std::string::npos) << text;
  EXPECT_LT(gap, text.find("PLAN"));
  EXPECT_NE(text.find("SCREENING: TREAT WITH CAUTION"), std::string::npos);
}

}  // namespace
}  // namespace backplan::codec
