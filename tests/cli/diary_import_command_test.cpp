// `backplan diary import`: a diary CSV straight into the database, through
// the DiaryService (same validation, one transaction, audited as the clinic
// admin from "cli").

#include "cli/diary_import_command.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "storage/scratch_dir.h"
#include "storage/sqlite/sqlite_store.h"
#include "support/cli_clinic.h"

namespace backplan::cli {
namespace {

using storage::sqlite::ScratchDir;
using testing::SeedClinic;
using testing::WriteFile;

const std::string kHeader =
    "date,pain_morning,pain_evening,leg_pain,sitting_minutes,driving_minutes,standing_minutes,"
    "walking_minutes,lifts,bending,sleep_hours,sleep_quality,stress,exercise_done,massage,"
    "home_program_done,note\n";

std::vector<storage::DiaryEntryRow> StoredDays(const std::string& db_path, storage::Id client_id) {
  auto store = storage::sqlite::SqliteStore::Open(db_path);
  std::vector<storage::DiaryEntryRow> rows;
  EXPECT_TRUE(store.value()
                  ->Read([&](storage::ReadTx& tx) {
                    rows = tx.DiaryEntries(client_id, std::nullopt, std::nullopt);
                    return storage::Status{};
                  })
                  .ok());
  EXPECT_TRUE(store.value()->Close().ok());
  return rows;
}

TEST(DiaryImportCommand, ImportsEveryDayAsTheClinicAdmin) {
  ScratchDir dir;
  const std::string db = dir.File("backplan.db").string();
  const auto clinic = SeedClinic(db);
  const auto csv = WriteFile(dir, "diary.csv",
                             kHeader + "2026-01-05,3,4,2,215,20,,21,2,14,8,4,6,no,no,,\n" +
                                 "2026-01-06,3,6,1,345,149,69,69,0,15,8,5,4,yes,no,,\n");
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(RunDiaryImport({db, clinic.client_id, csv}, in, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("imported 2 days"), std::string::npos) << out.str();
  const auto days = StoredDays(db, clinic.client_id);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, "2026-01-05");
  EXPECT_EQ(days[0].recorded_by, clinic.admin_id);

  // The import is audited, as the admin, from the command line.
  auto store = storage::sqlite::SqliteStore::Open(db);
  std::vector<storage::AuditRow> audit;
  ASSERT_TRUE(store.value()
                  ->Read([&](storage::ReadTx& tx) {
                    storage::AuditFilter filter;
                    filter.action = "diary.import";
                    audit = tx.Audit(1, filter, {});
                    return storage::Status{};
                  })
                  .ok());
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor_user_id, clinic.admin_id);
  EXPECT_EQ(audit[0].address, "cli");
  EXPECT_EQ(audit[0].outcome, "ok");
  EXPECT_TRUE(store.value()->Close().ok());
}

TEST(DiaryImportCommand, BadFileReportsEveryRowErrorAndStoresNothing) {
  ScratchDir dir;
  const std::string db = dir.File("backplan.db").string();
  const auto clinic = SeedClinic(db);
  const auto csv = WriteFile(dir, "diary.csv",
                             kHeader + "2026-01-05,3,4,2,215,20,,21,2,14,8,4,6,no,no,,\n" +
                                 "2026-01-06,3,12,1,345,149,69,69,0,15,8,5,4,yes,no,,\n" +
                                 "2026-01-07,11,6,1,345,149,69,69,0,15,8,5,4,yes,no,,\n");
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(RunDiaryImport({db, clinic.client_id, csv}, in, out, err), 2);
  EXPECT_NE(err.str().find("line 3, column pain_evening"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("line 4, column pain_morning"), std::string::npos) << err.str();
  EXPECT_TRUE(out.str().empty());
  EXPECT_TRUE(StoredDays(db, clinic.client_id).empty());
}

TEST(DiaryImportCommand, UnknownClientIsInvalidInput) {
  ScratchDir dir;
  const std::string db = dir.File("backplan.db").string();
  SeedClinic(db);
  const auto csv = WriteFile(dir, "diary.csv", kHeader);
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(RunDiaryImport({db, 99, csv}, in, out, err), 2);
  EXPECT_NE(err.str().find("no such client"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace backplan::cli
