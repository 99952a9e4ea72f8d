// `backplan triggers FILE.csv` and `backplan diary validate FILE.csv`, run as
// functions over string streams: a generated diary with one obvious trigger,
// the example diary, a diary too short to analyse, and bad CSV reported by line
// and column with exit code 2. One run of the real binary checks the wiring.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "cli/diary_commands.h"
#include "codec/diary_csv.h"

namespace backplan::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kExampleDiary = fs::path(BACKPLAN_SOURCE_DIR) / "examples" / "diary-90-days.csv";

struct CommandRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CommandRun Triggers(const std::string& csv, std::vector<std::string> custom = {},
                    OutputFormat format = OutputFormat::json) {
  std::istringstream in(csv);
  std::ostringstream out, err;
  CommandRun run;
  run.exit_code = RunTriggers({"-", std::move(custom)}, format, in, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

CommandRun Validate(const DiaryInput& input, const std::string& csv = "") {
  std::istringstream in(csv);
  std::ostringstream out, err;
  CommandRun run;
  run.exit_code = RunDiaryValidate(input, in, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

// Sixty days in which carrying the heavy bag (a custom yes/no exposure, about
// one day in three) adds three points to that evening's pain, and nothing else
// matters. Raw mt19937 output only, so the diary is the same everywhere.
std::string ObviousTriggerCsv(int days) {
  std::mt19937 rng(7);
  core::Diary diary;
  const auto first = std::chrono::sys_days{std::chrono::year{2026} / 1 / 5};
  for (int day = 0; day < days; ++day) {
    core::DiaryEntry entry;
    entry.date = first + std::chrono::days{day};
    const bool bag = rng() % 10 < 3;
    const int morning = 2 + static_cast<int>(rng() % 3);
    entry.pain_morning = morning;
    entry.pain_evening = morning + static_cast<int>(rng() % 2) + (bag ? 3 : 0);
    entry.exposures["heavy_bag"] = bag ? 1 : 0;
    entry.exposures["walking_minutes"] = static_cast<double>(rng() % 60);
    if (day % 20 == 0)
      entry.exposures["massage"] = 1;  // too few days to be tested at all
    diary.push_back(entry);
  }
  return codec::WriteDiaryCsv(diary, {{"heavy_bag", core::ExposureKind::yes_no, "Heavy bag"}});
}

std::set<std::string> ReportedExposures(const json& report) {
  std::set<std::string> names;
  for (const auto& finding : report["findings"])
    if (finding["reported"].get<bool>())
      names.insert(finding["exposure"].get<std::string>());
  return names;
}

TEST(TriggersCommand, FindsTheOneObviousTriggerInAGeneratedDiary) {
  const CommandRun run = Triggers(ObviousTriggerCsv(60), {"heavy_bag:yes_no"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const json report = json::parse(run.out);
  EXPECT_TRUE(report["enough_data"].get<bool>());
  EXPECT_TRUE(report["not_enough_data_reason"].is_null());
  EXPECT_EQ(ReportedExposures(report), std::set<std::string>{"heavy_bag"});
  const json& top = report["findings"][0];
  EXPECT_EQ(top["exposure"], "heavy_bag");
  EXPECT_EQ(top["outcome"], "same_evening");
  EXPECT_GT(top["effect_points"].get<double>(), 2.0);
  EXPECT_NE(top["reason"]["reason"].get<std::string>().find("seems to be followed by more pain"),
            std::string::npos);
  EXPECT_NE(top["suggested_test"].get<std::string>().find("then reintroduce"), std::string::npos);
}

TEST(TriggersCommand, UntestedFindingsHaveNoNumbers) {
  const json report = json::parse(Triggers(ObviousTriggerCsv(60), {"heavy_bag:yes_no"}).out);
  bool seen = false;
  for (const auto& finding : report["findings"]) {
    if (finding["exposure"] != "massage")
      continue;
    seen = true;
    EXPECT_FALSE(finding["tested"].get<bool>());
    EXPECT_TRUE(finding["effect_points"].is_null());
    EXPECT_TRUE(finding["adjusted_p_value"].is_null());
    EXPECT_TRUE(finding["suggested_test"].is_null());
  }
  EXPECT_TRUE(seen);
}

TEST(TriggersCommand, TextSaysSeemsToBeFollowedAndSuggestsTheTestOnce) {
  const CommandRun run = Triggers(ObviousTriggerCsv(60), {"heavy_bag:yes_no"}, OutputFormat::text);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("SEEMS TO BE FOLLOWED BY MORE PAIN\n  heavy_bag marked yes -> more pain "
                         "the same evening"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("Try: Avoid days with heavy_bag marked yes for two weeks, then "
                         "reintroduce them"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("HOW TO READ THIS"), std::string::npos);
  EXPECT_EQ(run.out.find(" causes "), std::string::npos) << "only associations are claimed";
}

TEST(TriggersCommand, ExampleDiaryShowsItsDrivingPattern) {
  std::istringstream unused;
  std::ostringstream out, err;
  ASSERT_EQ(RunTriggers({kExampleDiary.string(), {}}, OutputFormat::json, unused, out, err), 0)
      << err.str();
  const json report = json::parse(out.str());
  EXPECT_EQ(ReportedExposures(report), std::set<std::string>{"driving_minutes"});
  EXPECT_EQ(report["findings"][0]["outcome"], "same_evening");
}

TEST(TriggersCommand, ShortDiarySaysNotEnoughData) {
  const CommandRun json_run = Triggers(ObviousTriggerCsv(10), {"heavy_bag:yes_no"});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const json report = json::parse(json_run.out);
  EXPECT_FALSE(report["enough_data"].get<bool>());
  EXPECT_NE(report["not_enough_data_reason"].get<std::string>().find("Not enough data"),
            std::string::npos);
  EXPECT_TRUE(report["findings"].empty());

  const CommandRun text_run =
      Triggers(ObviousTriggerCsv(10), {"heavy_bag:yes_no"}, OutputFormat::text);
  EXPECT_EQ(text_run.exit_code, 0);
  EXPECT_EQ(text_run.out.rfind("NOT ENOUGH DATA\n  Not enough data yet: ", 0), 0u) << text_run.out;
}

TEST(TriggersCommand, BadCsvExitsTwoWithLineAndColumn) {
  const CommandRun run = Triggers(
      "date,pain_morning,pain_evening\n2026-03-01,2,3\n2026-03-02,2,12\n"
      "2026-03-31,2\n");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "line 3, column pain_evening: must be a whole number 0–10, got \"12\"\n"
            "line 4: has 2 fields, but the header has 3 columns\n");
}

TEST(TriggersCommand, CustomColumnNeedsItsDefinition) {
  const CommandRun run = Triggers(ObviousTriggerCsv(40));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("column 16: unknown column \"heavy_bag\""), std::string::npos) << run.err;
}

TEST(TriggersCommand, BadCustomArgumentsAreInvalidInput) {
  const CommandRun no_kind = Triggers(ObviousTriggerCsv(40), {"heavy_bag"});
  EXPECT_EQ(no_kind.exit_code, 2);
  EXPECT_NE(no_kind.err.find("--custom heavy_bag: expected NAME:KIND"), std::string::npos);
  const CommandRun clash = Triggers("date\n2026-03-01\n", {"stress:scale"});
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_NE(clash.err.find("\"stress\" has the name of a standard column"), std::string::npos)
      << clash.err;
}

TEST(TriggersCommand, MissingFileIsInvalidInput) {
  std::istringstream unused;
  std::ostringstream out, err;
  EXPECT_EQ(RunTriggers({"/nonexistent/diary.csv", {}}, OutputFormat::json, unused, out, err), 2);
  EXPECT_EQ(err.str(), "/nonexistent/diary.csv: cannot open the file\n");
}

TEST(TriggersDiaryValidate, PrintsOkForAGoodFile) {
  const CommandRun run = Validate({kExampleDiary.string(), {}});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ok\n");
}

TEST(TriggersDiaryValidate, ListsEveryErrorOnStderr) {
  const CommandRun run = Validate({"-", {}}, "date,stress,mood\n2026-02-30,11,x\n");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "line 1, column 3: unknown column \"mood\": not a diary column nor one of this "
            "client's exposures\n"
            "line 2, column date: is not a valid calendar date: \"2026-02-30\"\n"
            "line 2, column stress: must be a whole number 0–10, got \"11\"\n");
}

// The subcommands are wired into the real binary, with --custom repeatable.
TEST(TriggersDiaryValidate, RealBinaryRunsTheSubcommands) {
  const fs::path dir =
      fs::temp_directory_path() / ("backplan-triggers-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bag.csv", std::ios::binary) << ObviousTriggerCsv(60);
  const auto run = [&](const std::string& args) {
    const std::string command = "timeout 60 '" + std::string(BACKPLAN_CLI_PATH) + "' " + args +
                                " >'" + (dir / "out").string() + "' 2>'" + (dir / "err").string() +
                                "'";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string bag = "'" + (dir / "bag.csv").string() + "'";
  EXPECT_EQ(run("diary validate " + bag + " --custom heavy_bag:yes_no --custom x:count"), 0);
  EXPECT_EQ(run("diary validate " + bag), 2);
  EXPECT_EQ(run("triggers " + bag + " --custom heavy_bag:yes_no --format text"), 0);
  std::ifstream out(dir / "out");
  std::stringstream text;
  text << out.rdbuf();
  EXPECT_NE(text.str().find("heavy_bag marked yes -> more pain"), std::string::npos) << text.str();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace backplan::cli
