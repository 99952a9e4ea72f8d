// Every input the fuzzer ever crashed on lives in fuzz/regressions/ and is
// replayed here (also under the sanitizer build): it must be rejected with at
// least one error or assessed without failing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/assessment_json.h"
#include "codec/assessment_text.h"
#include "codec/intake_json.h"
#include "core/assessment.h"

namespace backplan {
namespace {

TEST(FuzzRegressions, EveryStoredInputIsHandled) {
  const std::filesystem::path dir = std::filesystem::path(BACKPLAN_SOURCE_DIR) / "fuzz/regressions";
  int replayed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with("."))
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto parsed = codec::ParseIntake(buffer.str());
    if (parsed.intake) {
      const auto assessment = core::Assess(*parsed.intake);
      EXPECT_FALSE(codec::AssessmentToJson(assessment).dump().empty());
      EXPECT_FALSE(codec::AssessmentToText(assessment).empty());
    } else {
      EXPECT_FALSE(parsed.errors.empty()) << entry.path() << " was rejected without a reason";
    }
    ++replayed;
  }
  EXPECT_GE(replayed, 1) << "fuzz/regressions/ should hold at least the seed inputs";
}

}  // namespace
}  // namespace backplan
