// Intake format v1: parsing and validation, every error with its JSON path
// and reason, all at once (issue 2, deliverables 2 and 7).

#include "codec/intake_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/intake_gen.h"

namespace backplan::codec {
namespace {

using nlohmann::json;

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string ExampleText() {
  return ReadText(std::filesystem::path(BACKPLAN_SOURCE_DIR) / "examples" /
                  "chronic-localized.json");
}
json Example() {
  return json::parse(ExampleText());
}

IntakeParse Parse(const json& doc) {
  return ParseIntake(doc.dump());
}

std::string Listed(const core::FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors)
    out += e.path + ": " + e.reason + "\n";
  return out;
}

const core::FieldError* ErrorAt(const IntakeParse& p, const std::string& path) {
  for (const auto& e : p.errors)
    if (e.path == path)
      return &e;
  return nullptr;
}

// The parse failed, with an error at `path` whose reason contains `reason_part`.
void ExpectError(const IntakeParse& p, const std::string& path, const std::string& reason_part) {
  EXPECT_FALSE(p.intake.has_value()) << path;
  const auto* e = ErrorAt(p, path);
  ASSERT_NE(e, nullptr) << "no error at " << path << "; got:\n" << Listed(p.errors);
  EXPECT_NE(e->reason.find(reason_part), std::string::npos)
      << path << ": " << e->reason << " should contain " << reason_part;
}

TEST(IntakeJson, ExampleParses) {
  const auto p = ParseIntake(ExampleText());
  ASSERT_TRUE(p.errors.empty()) << Listed(p.errors);
  ASSERT_TRUE(p.intake.has_value());
  const core::Intake& in = *p.intake;
  EXPECT_EQ(in.assessed_on, testing::Ymd(2026, 11, 20));
  EXPECT_EQ(in.onset_date, testing::Ymd(2026, 6, 2));
  EXPECT_EQ(in.age, 44);
  EXPECT_EQ(in.onset_mechanism, "lifting");
  ASSERT_EQ(in.pain_regions.size(), 1u);
  EXPECT_EQ(in.pain_regions[0].region, core::Region::lumbar);
  EXPECT_EQ(in.pain_regions[0].side, core::Side::both);
  EXPECT_EQ(in.pain_regions[0].intensity, 5);
  EXPECT_EQ(in.leg_extent, core::LegExtent::none);
  EXPECT_EQ(in.nprs.now, 5);
  EXPECT_EQ(in.nprs.best_24h, 3);
  EXPECT_EQ(in.nprs.worst_24h, 6);
  EXPECT_EQ(in.Response(core::Movement::flexion), core::ProvocationResponse::provokes);
  EXPECT_EQ(in.Response(core::Movement::extension), core::ProvocationResponse::eases);
  EXPECT_EQ(in.Response(core::Movement::lying), core::ProvocationResponse::untested);
  EXPECT_TRUE(in.guarding);
  EXPECT_FALSE(in.instability);
  for (const auto& f : in.red_flags)
    EXPECT_EQ(f, std::optional<bool>(false));
  for (const auto& c : in.contraindications)
    EXPECT_EQ(c, std::optional<bool>(false));
  EXPECT_EQ(in.stress, 7);
  const auto& q = in.questionnaires;
  ASSERT_TRUE(q.odi.has_value());
  EXPECT_TRUE((*q.odi)[7].ticks.empty());
  EXPECT_EQ((*q.odi)[3].ticks, std::vector<int>{3});
  EXPECT_EQ(q.rmdq, (std::vector<int>{2, 5, 11}));
  ASSERT_TRUE(q.start_back.has_value());
  EXPECT_EQ(q.start_back->agree, (std::vector<int>{1, 2, 5}));
  EXPECT_EQ(q.start_back->bothersomeness, core::Bothersomeness::very_much);
  ASSERT_EQ(q.psfs.size(), 2u);
  EXPECT_EQ(q.psfs[0].activity, "tie shoes");
  EXPECT_EQ(q.psfs[0].score, 4);
}

TEST(IntakeJson, ReadIntakeAcceptsADocument) {
  const auto p = ReadIntake(Example());
  EXPECT_TRUE(p.errors.empty()) << Listed(p.errors);
  EXPECT_TRUE(p.intake.has_value());
}

TEST(IntakeJson, NprsOutOfRangeNamesPathAndReasonExactly) {
  json doc = Example();
  doc["pain"]["nprs"]["now"] = 12;
  const auto p = Parse(doc);
  EXPECT_FALSE(p.intake.has_value());
  ASSERT_EQ(p.errors.size(), 1u) << Listed(p.errors);
  EXPECT_EQ(p.errors[0].path, "pain.nprs.now");
  EXPECT_EQ(p.errors[0].reason, "must be 0–10, got 12");
}

TEST(IntakeJson, NegativeNumbersAreOutOfRange) {
  json doc = Example();
  doc["pain"]["nprs"]["now"] = -1;
  doc["client"]["age"] = -3;
  const auto p = Parse(doc);
  ExpectError(p, "pain.nprs.now", "must be 0–10, got -1");
  ExpectError(p, "client.age", "got -3");
}

TEST(IntakeJson, ReportsEveryErrorAtOnce) {
  json doc = Example();
  doc["pain"]["nprs"]["now"] = 12;
  doc["client"]["age"] = "forty";
  doc["pain"]["regions"][0]["region"] = "elbow";
  doc["signs"]["guarding"] = "yes";
  doc["questionnaires"]["rmdq"] = {2, 5, 5};
  doc["stress"] = 11;
  doc.erase("assessed_on");
  const auto p = Parse(doc);
  EXPECT_FALSE(p.intake.has_value());
  EXPECT_GE(p.errors.size(), 7u) << Listed(p.errors);
  ExpectError(p, "pain.nprs.now", "0–10");
  ExpectError(p, "client.age", "integer");
  ExpectError(p, "pain.regions[0].region", "elbow");
  ExpectError(p, "signs.guarding", "true or false");
  ExpectError(p, "questionnaires.rmdq[2]", "twice");
  ExpectError(p, "stress", "got 11");
  ExpectError(p, "assessed_on", "required");
}

TEST(IntakeJson, WrongTypes) {
  json doc = Example();
  doc["client"]["age"] = 44.5;
  doc["pain"]["regions"] = "lumbar";
  doc["pain"]["neuro"]["numbness"] = 0;
  doc["pain"]["nprs"]["best_24h"] = "3";
  doc["signs"] = json::array();
  doc["questionnaires"]["odi"] = "none";
  doc["questionnaires"]["psfs"][0]["score"] = "four";
  doc["onset"]["date"] = 20260602;
  const auto p = Parse(doc);
  ExpectError(p, "client.age", "must be an integer 0–120, got number");
  ExpectError(p, "pain.regions", "must be an array, got string");
  ExpectError(p, "pain.neuro.numbness", "must be true or false");
  ExpectError(p, "pain.nprs.best_24h", "got string");
  ExpectError(p, "signs", "must be an object, got array");
  ExpectError(p, "questionnaires.odi", "must be an array");
  ExpectError(p, "questionnaires.psfs[0].score", "got string");
  ExpectError(p, "onset.date", "YYYY-MM-DD");
}

TEST(IntakeJson, UnknownEnumNames) {
  json doc = Example();
  doc["pain"]["regions"][0]["region"] = "elbow";
  doc["pain"]["regions"][0]["side"] = "middle";
  doc["pain"]["leg"]["extent"] = "knee";
  doc["provocation"]["flexion"] = "hurts";
  doc["questionnaires"]["start_back"]["bothersomeness"] = "a_lot";
  const auto p = Parse(doc);
  ExpectError(p, "pain.regions[0].region", "must be one of");
  ExpectError(p, "pain.regions[0].region", "lumbar");  // lists the allowed names
  ExpectError(p, "pain.regions[0].side", "middle");
  ExpectError(p, "pain.leg.extent", "below_knee");
  ExpectError(p, "provocation.flexion", "hurts");
  ExpectError(p, "questionnaires.start_back.bothersomeness", "a_lot");
}

TEST(IntakeJson, EnumNamesAreCaseSensitive) {
  json doc = Example();
  doc["pain"]["regions"][0]["region"] = "Lumbar";
  ExpectError(Parse(doc), "pain.regions[0].region", "Lumbar");
}

TEST(IntakeJson, MissingRequiredFields) {
  const char* const required[][2] = {
      {"assessed_on", ""},     {"client", ""},    {"onset", ""},       {"pain", ""},
      {"signs", ""},           {"red_flags", ""}, {"pain", "regions"}, {"pain", "leg"},
      {"pain", "neuro"},       {"pain", "nprs"},  {"client", "age"},   {"onset", "date"},
      {"signs", "instability"}};
  for (const auto& [outer, inner] : required) {
    json doc = Example();
    std::string path = outer;
    if (std::string(inner).empty()) {
      doc.erase(outer);
    } else {
      doc[outer].erase(inner);
      path += std::string(".") + inner;
    }
    const auto p = Parse(doc);
    ExpectError(p, path, "is required");
  }
  json doc = Example();
  doc["pain"]["nprs"].erase("now");
  ExpectError(Parse(doc), "pain.nprs.now", "is required");
  doc = Example();
  doc["pain"]["nprs"]["now"] = nullptr;  // null counts as absent
  ExpectError(Parse(doc), "pain.nprs.now", "is required");
}

TEST(IntakeJson, OptionalFieldsMayBeLeftOut) {
  json doc = Example();
  doc.erase("stress");
  doc.erase("questionnaires");
  doc.erase("provocation");
  doc.erase("contraindications");
  doc["onset"].erase("mechanism");
  doc["pain"]["nprs"].erase("best_24h");
  doc["pain"]["nprs"].erase("worst_24h");
  const auto p = Parse(doc);
  ASSERT_TRUE(p.intake.has_value()) << Listed(p.errors);
  EXPECT_FALSE(p.intake->stress.has_value());
  EXPECT_FALSE(p.intake->nprs.best_24h.has_value());
  EXPECT_FALSE(p.intake->questionnaires.odi.has_value());
  EXPECT_FALSE(p.intake->questionnaires.rmdq.has_value());
  for (const auto& c : p.intake->contraindications)
    EXPECT_FALSE(c.has_value());
  for (auto r : p.intake->provocation)
    EXPECT_EQ(r, core::ProvocationResponse::untested);
}

TEST(IntakeJson, BadDates) {
  json doc = Example();
  doc["assessed_on"] = "2026-02-30";
  ExpectError(Parse(doc), "assessed_on", "not a valid calendar date");

  doc = Example();
  doc["onset"]["date"] = "2026-1-5";
  ExpectError(Parse(doc), "onset.date", "must be a date YYYY-MM-DD");

  for (const char* bad : {"2026/11/20", "20-11-2026", "2026-11-20T00:00", "", "2026-13-01",
                          "2026-00-10", "2026-11-00", "abcd-ef-gh", "2025-02-29"}) {
    doc = Example();
    doc["assessed_on"] = bad;
    const auto p = Parse(doc);
    EXPECT_FALSE(p.intake.has_value()) << bad;
    EXPECT_NE(ErrorAt(p, "assessed_on"), nullptr) << bad << "\n" << Listed(p.errors);
  }
  doc = Example();
  doc["assessed_on"] = "2028-02-29";  // a leap day is fine
  EXPECT_TRUE(Parse(doc).intake.has_value());
}

TEST(IntakeJson, OnsetAfterAssessmentIsAnError) {
  json doc = Example();
  doc["onset"]["date"] = "2026-11-21";
  ExpectError(Parse(doc), "onset.date", "must not be after assessed_on");
  doc["onset"]["date"] = "2026-11-20";  // same day is allowed
  EXPECT_TRUE(Parse(doc).intake.has_value());
}

TEST(IntakeJson, RmdqItems) {
  json doc = Example();
  doc["questionnaires"]["rmdq"] = {3, 7, 3};
  ExpectError(Parse(doc), "questionnaires.rmdq[2]", "item 3 is listed twice");
  doc["questionnaires"]["rmdq"] = {1, 25};
  ExpectError(Parse(doc), "questionnaires.rmdq[1]", "1–24");
  doc["questionnaires"]["rmdq"] = {-1};
  ExpectError(Parse(doc), "questionnaires.rmdq[0]", "1–24");
  doc["questionnaires"]["rmdq"] = json::array();
  const auto p = Parse(doc);
  ASSERT_TRUE(p.intake.has_value()) << Listed(p.errors);
  EXPECT_EQ(p.intake->questionnaires.rmdq, std::vector<int>{});
}

// Item numbers start at 1: 0 is not an RMDQ item nor a STarT Back item.
TEST(IntakeJson, ItemNumberZeroIsOutOfRange) {
  json doc = Example();
  doc["questionnaires"]["rmdq"] = {0, 2};
  ExpectError(Parse(doc), "questionnaires.rmdq[0]", "1–24");
  doc = Example();
  doc["questionnaires"]["start_back"]["agree"] = {0};
  ExpectError(Parse(doc), "questionnaires.start_back.agree[0]", "1–8");
}

TEST(IntakeJson, StartBackItems) {
  json doc = Example();
  doc["questionnaires"]["start_back"]["agree"] = {1, 9};
  ExpectError(Parse(doc), "questionnaires.start_back.agree[1]", "1–8");
  doc = Example();
  doc["questionnaires"]["start_back"]["disagree"] = {1, 3};  // 1 is also agreed
  ExpectError(Parse(doc), "questionnaires.start_back.disagree", "also in agree");
}

TEST(IntakeJson, OdiShapes) {
  json doc = Example();
  doc["questionnaires"]["odi"] = {1, 2, 3, 4, 5, 0, 1, 2, 3};
  ExpectError(Parse(doc), "questionnaires.odi", "must have 10 sections");
  doc["questionnaires"]["odi"] = {1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5};
  ExpectError(Parse(doc), "questionnaires.odi", "got 11");
  doc["questionnaires"]["odi"] = {1, 2, 3, 4, 6, 0, 1, 2, 3, 4};
  ExpectError(Parse(doc), "questionnaires.odi[4]", "0–5");
  doc["questionnaires"]["odi"] = json::parse("[1, [2, 4], 0, 0, 0, 0, 0, 0, 0, 0]");
  auto p = Parse(doc);
  ASSERT_TRUE(p.intake.has_value()) << Listed(p.errors);
  EXPECT_EQ((*p.intake->questionnaires.odi)[1].ticks, (std::vector<int>{2, 4}));
  doc["questionnaires"]["odi"] = json::parse("[1, [2, 4, 5], 0, 0, 0, 0, 0, 0, 0, 0]");
  ExpectError(Parse(doc), "questionnaires.odi[1]", "double tick");
  doc["questionnaires"]["odi"] = json::parse("[1, [2, 9], 0, 0, 0, 0, 0, 0, 0, 0]");
  ExpectError(Parse(doc), "questionnaires.odi[1][1]", "0–5");
}

TEST(IntakeJson, ConsistencyRules) {
  json doc = Example();
  doc["pain"]["nprs"]["best_24h"] = 7;
  doc["pain"]["nprs"]["worst_24h"] = 4;
  ExpectError(Parse(doc), "pain.nprs.best_24h", "must not be above worst_24h");

  doc = Example();
  doc["pain"]["leg"] = {{"extent", "thigh"}, {"side", "none"}};
  ExpectError(Parse(doc), "pain.leg.side", "left, right or both");
  doc["pain"]["leg"] = {{"extent", "none"}, {"side", "left"}};
  ExpectError(Parse(doc), "pain.leg.side", "must be none");

  doc = Example();
  doc["pain"]["regions"].push_back({{"region", "lumbar"}, {"side", "both"}, {"intensity", 2}});
  ExpectError(Parse(doc), "pain.regions[1]", "repeats region lumbar");

  doc = Example();
  doc["questionnaires"]["psfs"][0]["activity"] = "";
  ExpectError(Parse(doc), "questionnaires.psfs[0].activity", "must not be empty");
}

TEST(IntakeJson, InvalidJson) {
  for (const char* text : {"", "{", "{\"assessed_on\": }", "{} trailing", "nul", "{'a': 1}"}) {
    const auto p = ParseIntake(text);
    EXPECT_FALSE(p.intake.has_value()) << text;
    ASSERT_EQ(p.errors.size(), 1u) << text;
    EXPECT_EQ(p.errors[0].path, "(root)") << text;
    EXPECT_NE(p.errors[0].reason.find("not valid JSON"), std::string::npos) << p.errors[0].reason;
  }
}

TEST(IntakeJson, RootMustBeAnObject) {
  for (const char* text : {"[]", "42", "\"intake\"", "null", "true"}) {
    const auto p = ParseIntake(text);
    EXPECT_FALSE(p.intake.has_value()) << text;
    ASSERT_EQ(p.errors.size(), 1u) << text;
    EXPECT_EQ(p.errors[0].path, "(root)");
    EXPECT_NE(p.errors[0].reason.find("must be a JSON object"), std::string::npos)
        << p.errors[0].reason;
  }
}

std::string Nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(IntakeJson, NestingDeeperThan32IsRefused) {
  // An extra field adds one level inside the root object.
  std::string text = ExampleText();
  const auto brace = text.find('{');
  const std::string ok = text.substr(0, brace + 1) + "\"extra\": " + Nested(kMaxIntakeDepth - 1) +
                         "," + text.substr(brace + 1);
  const auto accepted = ParseIntake(ok);
  EXPECT_TRUE(accepted.intake.has_value()) << Listed(accepted.errors);

  const std::string deep = text.substr(0, brace + 1) + "\"extra\": " + Nested(kMaxIntakeDepth) +
                           "," + text.substr(brace + 1);
  const auto refused = ParseIntake(deep);
  EXPECT_FALSE(refused.intake.has_value());
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].path, "(root)");
  EXPECT_NE(refused.errors[0].reason.find("nested deeper than 32"), std::string::npos);

  // Very deep input never reaches the recursive parser.
  const auto huge = ParseIntake(Nested(100000));
  EXPECT_FALSE(huge.intake.has_value());
  EXPECT_EQ(huge.errors.size(), 1u);
}

TEST(IntakeJson, BracketsInsideStringsDoNotCountAsNesting) {
  json doc = Example();
  doc["onset"]["mechanism"] = Nested(100);
  const auto p = Parse(doc);
  EXPECT_TRUE(p.intake.has_value()) << Listed(p.errors);
}

TEST(IntakeJson, InputLargerThanOneMebibyteIsRefused) {
  const std::string text = ExampleText();
  std::string big = text + std::string(kMaxIntakeBytes + 1 - text.size(), ' ');
  ASSERT_EQ(big.size(), kMaxIntakeBytes + 1);
  const auto refused = ParseIntake(big);
  EXPECT_FALSE(refused.intake.has_value());
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].path, "(root)");
  EXPECT_NE(refused.errors[0].reason.find("larger than"), std::string::npos);

  big.pop_back();  // exactly 1 MiB is still accepted
  EXPECT_TRUE(ParseIntake(big).intake.has_value());
}

TEST(IntakeJson, ExtraUnknownFieldsAreAllowed) {
  json doc = Example();
  doc["form_version"] = "clinic-3";
  doc["client"]["name_initials"] = "AB";
  doc["pain"]["nprs"]["average_week"] = 4;
  doc["pain"]["regions"][0]["note"] = "worse on the left";
  doc["questionnaires"]["fabq"] = json::array({1, 2, 3});
  const auto p = Parse(doc);
  ASSERT_TRUE(p.intake.has_value()) << Listed(p.errors);
  EXPECT_TRUE(p.errors.empty());
}

// A misspelt question must never turn a "yes" into "not asked": the closed
// question sets refuse keys they do not know (tests/cases pending decision).
TEST(IntakeJson, UnknownRedFlagOrContraindicationKeyIsAnError) {
  json doc = Example();
  doc["red_flags"].erase("history_of_cancer");
  doc["red_flags"]["histroy_of_cancer"] = true;
  doc["contraindications"]["dvtt"] = true;
  const auto p = Parse(doc);
  ExpectError(p, "red_flags.histroy_of_cancer", "history_of_cancer");
  ExpectError(p, "contraindications.dvtt", "dvt");
}

TEST(IntakeJson, RedFlagLeftOutIsNotAsked) {
  json doc = Example();
  doc["red_flags"].erase("saddle_anesthesia");
  doc["red_flags"]["fever"] = nullptr;
  doc["red_flags"]["bladder_dysfunction"] = true;
  const auto p = Parse(doc);
  ASSERT_TRUE(p.intake.has_value()) << Listed(p.errors);
  EXPECT_FALSE(p.intake->RedFlagAnswer(core::RedFlag::saddle_anesthesia).has_value());
  EXPECT_FALSE(p.intake->RedFlagAnswer(core::RedFlag::fever).has_value());
  EXPECT_EQ(p.intake->RedFlagAnswer(core::RedFlag::bladder_dysfunction), true);
  EXPECT_EQ(p.intake->RedFlagAnswer(core::RedFlag::bowel_dysfunction), false);

  doc["red_flags"] = json::object();  // nothing asked at all
  const auto none = Parse(doc);
  ASSERT_TRUE(none.intake.has_value()) << Listed(none.errors);
  for (const auto& f : none.intake->red_flags)
    EXPECT_FALSE(f.has_value());
}

TEST(IntakeJson, RedFlagAnswerMustBeBoolean) {
  json doc = Example();
  doc["red_flags"]["fever"] = "no";
  ExpectError(Parse(doc), "red_flags.fever", "true or false");
}

std::string WithStress(const std::string& value) {
  std::string text = Example().dump();
  const std::string key = "\"stress\":7";
  const auto at = text.find(key);
  if (at != std::string::npos)
    text.replace(at, key.size(), "\"stress\":" + value);
  return text;
}

TEST(IntakeJson, NonIntegerAndHugeNumbersAreErrorsNotExceptions) {
  for (const char* value : {"1e400", "-1e400", "18446744073709551616", "99999999999999999999999",
                            "1e2", "7.0", "7.5"}) {
    IntakeParse p;
    EXPECT_NO_THROW(p = ParseIntake(WithStress(value))) << value;
    EXPECT_FALSE(p.intake.has_value()) << value;
    EXPECT_FALSE(p.errors.empty()) << value;
  }
  const auto p = ParseIntake(WithStress("-0"));
  ASSERT_TRUE(p.intake.has_value()) << Listed(p.errors);
  EXPECT_EQ(p.intake->stress, 0);
}

TEST(IntakeJson, LongTextIsRefused) {
  json doc = Example();
  doc["onset"]["mechanism"] = std::string(501, 'x');
  ExpectError(Parse(doc), "onset.mechanism", "at most 500 bytes");
}

TEST(IntakeJson, ParseNeverThrowsOnMutatedInputs) {
  // A cheap in-test fuzz: flip, drop and duplicate bytes of the example.
  const std::string text = ExampleText();
  testing::IntakeGenerator gen(77);
  for (int i = 0; i < 3000; ++i) {
    std::string mutated = text;
    const int edits = gen.Int(1, 6);
    for (int e = 0; e < edits && !mutated.empty(); ++e) {
      const auto pos = static_cast<std::size_t>(gen.Int(0, static_cast<int>(mutated.size()) - 1));
      switch (gen.Int(0, 2)) {
        case 0:
          mutated[pos] = static_cast<char>(gen.Int(0, 255));
          break;
        case 1:
          mutated.erase(pos, static_cast<std::size_t>(gen.Int(1, 8)));
          break;
        default:
          mutated.insert(pos, mutated.substr(pos, static_cast<std::size_t>(gen.Int(1, 8))));
      }
    }
    IntakeParse p;
    ASSERT_NO_THROW(p = ParseIntake(mutated)) << mutated;
    EXPECT_NE(p.intake.has_value(), !p.errors.empty()) << mutated;
  }
}

}  // namespace
}  // namespace backplan::codec
