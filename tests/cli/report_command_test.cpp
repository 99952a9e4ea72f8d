// `backplan report FILE.csv` (cli/diary_commands.h): the example diary gives a
// page with the pain plot and the trigger it holds; a bad file is exit 2.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli/diary_commands.h"

namespace backplan::cli {
namespace {

const std::string kExampleDiary =
    (std::filesystem::path(BACKPLAN_SOURCE_DIR) / "examples" / "diary-90-days.csv").string();
const std::chrono::sys_days kToday{std::chrono::year{2026} / 4 / 10};

TEST(ReportCommandTest, TheExampleDiaryGivesAPageWithItsTrigger) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(RunDiaryReport({kExampleDiary, {}}, "Dana", kToday, in, out, err), 0) << err.str();
  const std::string html = out.str();
  EXPECT_TRUE(html.starts_with("<!doctype html>"));
  EXPECT_NE(html.find("Progress report: Dana"), std::string::npos);
  EXPECT_NE(html.find("Generated 2026-04-10"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<td>driving_minutes"), std::string::npos);
  EXPECT_TRUE(err.str().empty());
}

TEST(ReportCommandTest, ABadDiaryIsInvalidInputWithTheLine) {
  std::istringstream in("date,pain_morning\n2026-01-01,11\n");
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(RunDiaryReport({"-", {}}, "Dana", kToday, in, out, err), 2);
  EXPECT_NE(err.str().find("line 2, column pain_morning"), std::string::npos) << err.str();
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace backplan::cli
