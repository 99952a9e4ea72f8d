// The real `backplan` binary, run as a user would: arguments, files, standard
// input, exit codes and the "path: reason" lines on stderr. Every run has a
// time limit and uses only files in a fresh temporary directory.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "codec/intake_json.h"
#include "core/assessment.h"

namespace backplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

const fs::path kCli = BACKPLAN_CLI_PATH;
const fs::path kExample = fs::path(BACKPLAN_SOURCE_DIR) / "examples" / "chronic-localized.json";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("backplan-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_));
    ASSERT_TRUE(fs::exists(kCli)) << kCli;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  fs::path Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Runs the binary with `args` (already shell-quoted), stdin from `stdin_file`
  // (or /dev/null), under a time limit.
  CliRun Exec(const std::string& args, const std::optional<fs::path>& stdin_file = std::nullopt) {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    const std::string command = "timeout 30 " + Quoted(kCli.string()) + " " + args + " <" +
                                Quoted(stdin_file ? stdin_file->string() : "/dev/null") + " >" +
                                Quoted(out.string()) + " 2>" + Quoted(err.string());
    const int status = std::system(command.c_str());
    CliRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadText(out);
    run.err = ReadText(err);
    return run;
  }

  fs::path dir_;
};

TEST_F(Cli, AssessExampleGivesJsonWithRulesVersion) {
  const CliRun run = Exec("assess " + Quoted(kExample.string()));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.err.empty()) << run.err;
  const ordered_json j = ordered_json::parse(run.out);
  EXPECT_EQ(j["rules_version"], core::kRulesVersion);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items())
    keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"rules_version", "screening", "scores",
                                            "classification", "plan", "warnings"}));
  EXPECT_EQ(j["screening"]["disposition"], "clear");
  EXPECT_TRUE(j["plan"].is_object());
}

TEST_F(Cli, ExplicitJsonFormatIsTheDefault) {
  const CliRun plain = Exec("assess " + Quoted(kExample.string()));
  const CliRun json_format = Exec("assess " + Quoted(kExample.string()) + " --format json");
  ASSERT_EQ(json_format.exit_code, 0) << json_format.err;
  EXPECT_EQ(plain.out, json_format.out);
}

TEST_F(Cli, TextFormat) {
  const CliRun run = Exec("assess " + Quoted(kExample.string()) + " --format text");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("backplan supports a practitioner's judgement", 0), 0u) << run.out;
  const auto screening = run.out.find("SCREENING");
  const auto plan = run.out.find("PLAN");
  ASSERT_NE(screening, std::string::npos);
  ASSERT_NE(plan, std::string::npos);
  EXPECT_LT(screening, plan);
  EXPECT_FALSE(json::accept(run.out));
}

TEST_F(Cli, UnknownFormatIsInvalidInput) {
  const CliRun run = Exec("assess " + Quoted(kExample.string()) + " --format xml");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_FALSE(run.err.empty());
  EXPECT_TRUE(run.out.empty()) << run.out;
}

TEST_F(Cli, StandardInput) {
  const CliRun from_stdin = Exec("assess -", kExample);
  ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  const CliRun from_file = Exec("assess " + Quoted(kExample.string()));
  EXPECT_EQ(from_stdin.out, from_file.out);
  EXPECT_EQ(json::parse(from_stdin.out)["rules_version"], core::kRulesVersion);

  const CliRun validate = Exec("validate -", kExample);
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  EXPECT_EQ(validate.out, "ok\n");
}

json ExampleWithErrors() {
  json doc = json::parse(ReadText(kExample));
  doc["pain"]["nprs"]["now"] = 12;
  doc["client"]["age"] = "forty";
  doc["questionnaires"]["rmdq"] = {2, 2};
  return doc;
}

TEST_F(Cli, InvalidFileListsEveryErrorAsPathColonReason) {
  const fs::path bad = Write("bad.json", ExampleWithErrors().dump(2));
  for (const std::string command : {"assess", "validate"}) {
    const CliRun run = Exec(command + " " + Quoted(bad.string()));
    EXPECT_EQ(run.exit_code, 2) << command;
    EXPECT_TRUE(run.out.empty()) << command << ": " << run.out;
    const auto lines = Lines(run.err);
    EXPECT_EQ(lines.size(), 3u) << run.err;
    auto has = [&](const std::string& line) {
      return std::find(lines.begin(), lines.end(), line) != lines.end();
    };
    EXPECT_TRUE(has("pain.nprs.now: must be 0–10, got 12")) << run.err;
    EXPECT_TRUE(has("client.age: must be an integer 0–120, got string")) << run.err;
    EXPECT_TRUE(has("questionnaires.rmdq[1]: item 2 is listed twice")) << run.err;
    // The same lines as the parser's errors, in the parser's order.
    const auto parsed = codec::ParseIntake(ReadText(bad));
    ASSERT_EQ(parsed.errors.size(), lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
      EXPECT_EQ(lines[i], parsed.errors[i].path + ": " + parsed.errors[i].reason);
  }
}

TEST_F(Cli, InvalidJsonIsInvalidInput) {
  const fs::path bad = Write("broken.json", "{\"assessed_on\": ");
  const CliRun run = Exec("assess " + Quoted(bad.string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err.rfind("(root): is not valid JSON", 0), 0u) << run.err;
}

TEST_F(Cli, HugeNumberIsInvalidInputNotAnInternalError) {
  json doc = json::parse(ReadText(kExample));
  std::string text = doc.dump();
  const std::string key = "\"stress\":7";
  text.replace(text.find(key), key.size(), "\"stress\":1e400");
  const fs::path bad = Write("huge-number.json", text);
  const CliRun run = Exec("assess " + Quoted(bad.string()));
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.err.find("internal error"), std::string::npos) << run.err;
}

TEST_F(Cli, OversizedStandardInputIsInvalidInput) {
  const fs::path big = Write("big.json", std::string(codec::kMaxIntakeBytes + 10, ' '));
  const CliRun run = Exec("assess -", big);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("larger than"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST_F(Cli, MissingFileIsInvalidInput) {
  const fs::path missing = dir_ / "no-such-intake.json";
  for (const std::string command : {"assess", "validate"}) {
    const CliRun run = Exec(command + " " + Quoted(missing.string()));
    EXPECT_EQ(run.exit_code, 2) << command;
    EXPECT_NE(run.err.find(missing.string()), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
}

TEST_F(Cli, DirectoryInsteadOfFileIsInvalidInput) {
  const CliRun run = Exec("assess " + Quoted(dir_.string()));
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_FALSE(run.err.empty());
  EXPECT_TRUE(run.out.empty()) << run.out;
}

TEST_F(Cli, NoArgumentsIsInvalidInput) {
  const CliRun run = Exec("");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_FALSE(run.err.empty());
}

TEST_F(Cli, SubcommandWithoutFileIsInvalidInput) {
  EXPECT_EQ(Exec("assess").exit_code, 2);
  EXPECT_EQ(Exec("validate").exit_code, 2);
  EXPECT_EQ(Exec("frobnicate " + Quoted(kExample.string())).exit_code, 2);
}

TEST_F(Cli, ValidateSaysOk) {
  const CliRun run = Exec("validate " + Quoted(kExample.string()));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ok\n");
  EXPECT_TRUE(run.err.empty()) << run.err;
}

TEST_F(Cli, EmergencyIntakeExitsZeroWithNullPlan) {
  json doc = json::parse(ReadText(kExample));
  doc["red_flags"]["saddle_anesthesia"] = true;
  const fs::path file = Write("emergency.json", doc.dump());
  const CliRun run = Exec("assess " + Quoted(file.string()));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json j = json::parse(run.out);
  EXPECT_EQ(j["screening"]["disposition"], "emergency");
  EXPECT_TRUE(j["plan"].is_null());
}

TEST_F(Cli, HelpAndVersionExitZero) {
  const CliRun help = Exec("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("assess"), std::string::npos) << help.out;
  const CliRun version = Exec("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find(core::kRulesVersion), std::string::npos) << version.out;
}

}  // namespace
}  // namespace backplan
