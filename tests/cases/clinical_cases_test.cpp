// Runs every clinical case in tests/cases/*.json: an intake and its expected
// result side by side (format in tests/cases/README.md). A clinician adds a
// case by adding a file; no C++ needed.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "codec/assessment_json.h"
#include "codec/intake_json.h"
#include "core/assessment.h"
#include "support/json_path.h"

namespace backplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

const fs::path kRoot = BACKPLAN_SOURCE_DIR;

std::vector<std::string> CaseFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kRoot / "tests" / "cases"))
    if (entry.path().extension() == ".json")
      files.push_back(entry.path().stem().string());
  std::sort(files.begin(), files.end());
  return files;
}

json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return json::parse(buffer.str());
}

class ClinicalCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ClinicalCase, MatchesExpectedResult) {
  const json spec = ReadJson(kRoot / "tests" / "cases" / (GetParam() + ".json"));
  ASSERT_TRUE(spec.contains("description")) << "every case says what it covers";
  const json intake_doc = spec.contains("intake_file")
                              ? ReadJson(kRoot / spec["intake_file"].get<std::string>())
                              : spec.at("intake");
  const auto parsed = codec::ReadIntake(intake_doc);

  if (spec.contains("expect_errors")) {
    std::vector<std::string> paths;
    for (const auto& e : parsed.errors)
      paths.push_back(e.path);
    for (const auto& expected : spec["expect_errors"])
      EXPECT_NE(std::find(paths.begin(), paths.end(), expected.get<std::string>()), paths.end())
          << "expected an error at " << expected;
    EXPECT_FALSE(parsed.intake.has_value());
    return;
  }
  ASSERT_TRUE(parsed.intake) << "intake invalid: " << parsed.errors.front().path << ": "
                             << parsed.errors.front().reason;
  const ordered_json result = codec::AssessmentToJson(core::Assess(*parsed.intake));

  ASSERT_TRUE(spec.contains("expect")) << "every valid case states what it expects";
  for (const auto& [path, expected] : spec["expect"].items()) {
    const auto actual = testing::ValueAt(result, path);
    ASSERT_TRUE(actual.has_value()) << path << " is missing from the result";
    EXPECT_EQ(json::parse(actual->dump()), expected) << "at " << path;
  }
  if (spec.contains("expect_includes"))
    for (const auto& [path, values] : spec["expect_includes"].items()) {
      const auto actual = testing::ValueAt(result, path);
      ASSERT_TRUE(actual && actual->is_array()) << path << " is not a list in the result";
      const json list = json::parse(actual->dump());
      for (const auto& v : values)
        EXPECT_NE(std::find(list.begin(), list.end(), v), list.end())
            << path << " should include " << v << "; has " << list.dump();
    }
  if (spec.contains("expect_excludes"))
    for (const auto& [path, values] : spec["expect_excludes"].items()) {
      const auto actual = testing::ValueAt(result, path);
      // A path that does not exist is a typo in the case, not a pass.
      ASSERT_TRUE(actual.has_value()) << path << " is missing from the result";
      const json list = json::parse(actual->dump());
      for (const auto& v : values)
        EXPECT_EQ(std::find(list.begin(), list.end(), v), list.end())
            << path << " should not include " << v;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, ClinicalCase, ::testing::ValuesIn(CaseFiles()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !std::isalnum(c); },
                               '_');
                           return name;
                         });

}  // namespace
}  // namespace backplan
