// `backplan report --client ID --db FILE`: the stored client's progress report
// from the database file, through the same ReportService as the API.

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "cli/diary_import_command.h"
#include "cli/report_command.h"
#include "support/api_helpers.h"
#include "support/cli_clinic.h"

namespace backplan::cli {
namespace {

using storage::sqlite::ScratchDir;

TEST(StoredReportCommand, WritesTheStoredClientsReportWithTheirDiaryAndTriggers) {
  ScratchDir dir;
  const std::string db = dir.File("backplan.db").string();
  const auto clinic = testing::SeedClinic(db);
  const auto csv =
      testing::WriteFile(dir, "diary.csv", testing::ReadSourceFile("examples/diary-90-days.csv"));
  std::istringstream in;
  std::ostringstream imported, import_err;
  ASSERT_EQ(RunDiaryImport({db, clinic.client_id, csv}, in, imported, import_err), 0)
      << import_err.str();

  std::ostringstream out, err;
  EXPECT_EQ(RunStoredReport({db, clinic.client_id}, out, err), 0) << err.str();
  const std::string html = out.str();
  EXPECT_TRUE(html.starts_with("<!doctype html>")) << html.substr(0, 100);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Client"), std::string::npos);
  EXPECT_NE(html.find("driving_minutes"), std::string::npos);
  EXPECT_TRUE(err.str().empty()) << err.str();
}

TEST(StoredReportCommand, UnknownClientOrMissingDatabaseIsInvalidInput) {
  ScratchDir dir;
  const std::string db = dir.File("backplan.db").string();
  const auto clinic = testing::SeedClinic(db);
  std::ostringstream out, err;
  EXPECT_EQ(RunStoredReport({db, clinic.client_id + 100}, out, err), 2);
  EXPECT_NE(err.str().find("no such client"), std::string::npos) << err.str();
  EXPECT_TRUE(out.str().empty());

  std::ostringstream out2, err2;
  const std::string missing = dir.File("missing.db").string();
  EXPECT_EQ(RunStoredReport({missing, 1}, out2, err2), 2);
  EXPECT_NE(err2.str().find("no such database file"), std::string::npos) << err2.str();
  EXPECT_FALSE(std::filesystem::exists(missing)) << "a report must not create a database";
}

}  // namespace
}  // namespace backplan::cli
