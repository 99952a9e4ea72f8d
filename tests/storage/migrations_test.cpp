// Migrations: applied in order once, idempotent at restart, atomic per
// version, and refused against a file from a newer binary.

#include "storage/sqlite/migrations.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "storage/scratch_dir.h"

namespace backplan::storage::sqlite {
namespace {

// No IF NOT EXISTS on purpose: running any of these twice would fail.
constexpr std::array<Migration, 3> kMigrations = {{
    {1, "clinics", "CREATE TABLE clinic(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
    {2, "clients",
     "CREATE TABLE client(id INTEGER PRIMARY KEY,"
     " clinic_id INTEGER NOT NULL REFERENCES clinic(id));"
     "CREATE INDEX client_by_clinic ON client(clinic_id);"},
    {3, "client email", "ALTER TABLE client ADD COLUMN email TEXT;"},
}};

std::int64_t TableCount(Database& database, std::string_view name) {
  std::int64_t count = -1;
  const Status status = database.Read([&](Connection& connection) -> Status {
    Result<Statement> query =
        connection.Prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    if (!query.ok()) {
      return query.status();
    }
    if (Status bound = query.value().Bind(1, name); !bound.ok()) {
      return bound;
    }
    if (Result<StepResult> step = query.value().Step(); !step.ok()) {
      return step.status();
    }
    count = query.value().Int64(0);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return count;
}

class Migrations : public ::testing::Test {
 protected:
  std::filesystem::path path() const { return dir_.File("schema.db"); }
  ScratchDir dir_;
};

TEST_F(Migrations, NewFileStartsAtVersionZero) {
  const auto database = OpenDatabase(path());
  ASSERT_NE(database, nullptr);
  EXPECT_EQ(SchemaVersion(*database).value(), 0);
  EXPECT_TRUE(ApplyMigrations(*database, {}).ok());
  EXPECT_EQ(SchemaVersion(*database).value(), 0);
}

TEST_F(Migrations, AppliesEveryVersionInOrder) {
  const auto database = OpenDatabase(path());
  ASSERT_NE(database, nullptr);
  const Status status = ApplyMigrations(*database, kMigrations);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(SchemaVersion(*database).value(), 3);
  EXPECT_EQ(TableCount(*database, "clinic"), 1);
  EXPECT_EQ(TableCount(*database, "client"), 1);
  EXPECT_TRUE(ExecuteInWrite(*database,
                             "INSERT INTO clinic VALUES (1, 'North');"
                             "INSERT INTO client(clinic_id, email) VALUES (1, 'a@example.org')")
                  .ok());
}

TEST_F(Migrations, IdempotentAcrossRestarts) {
  {
    const auto database = OpenDatabase(path());
    ASSERT_NE(database, nullptr);
    ASSERT_TRUE(ApplyMigrations(*database, kMigrations).ok());
    ASSERT_TRUE(ApplyMigrations(*database, kMigrations).ok());  // same process
    ASSERT_TRUE(ExecuteInWrite(*database, "INSERT INTO clinic VALUES (1, 'North')").ok());
  }
  const auto reopened = OpenDatabase(path());
  ASSERT_NE(reopened, nullptr);
  const Status again = ApplyMigrations(*reopened, kMigrations);
  ASSERT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(SchemaVersion(*reopened).value(), 3);
  EXPECT_EQ(ReadInt64(*reopened, "SELECT count(*) FROM clinic"), 1);  // data untouched
}

TEST_F(Migrations, UpgradeRunsOnlyTheNewVersions) {
  {
    const auto database = OpenDatabase(path());
    ASSERT_NE(database, nullptr);
    ASSERT_TRUE(ApplyMigrations(*database, std::span(kMigrations).first(2)).ok());
    EXPECT_EQ(SchemaVersion(*database).value(), 2);
  }
  const auto upgraded = OpenDatabase(path());
  ASSERT_NE(upgraded, nullptr);
  const Status status = ApplyMigrations(*upgraded, kMigrations);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(SchemaVersion(*upgraded).value(), 3);
  EXPECT_EQ(ReadInt64(*upgraded, "SELECT count(*) FROM pragma_table_info('client')"), 3);
}

TEST_F(Migrations, RefusesASchemaNewerThanTheBinary) {
  {
    const auto database = OpenDatabase(path());
    ASSERT_NE(database, nullptr);
    ASSERT_TRUE(ApplyMigrations(*database, kMigrations).ok());
  }
  const auto older_binary = OpenDatabase(path());
  ASSERT_NE(older_binary, nullptr);
  const Status status = ApplyMigrations(*older_binary, std::span(kMigrations).first(2));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::schema_too_new);
  EXPECT_NE(status.message().find("version 3"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("migration 2"), std::string::npos) << status.message();
  EXPECT_EQ(SchemaVersion(*older_binary).value(), 3);
}

TEST_F(Migrations, RejectsNumberingThatIsNotOneToN) {
  const auto database = OpenDatabase(path());
  ASSERT_NE(database, nullptr);
  const Migration gap[] = {{1, "a", "CREATE TABLE a(x);"}, {3, "c", "CREATE TABLE c(x);"}};
  const Migration starts_at_two[] = {{2, "b", "CREATE TABLE b(x);"}};
  const Migration out_of_order[] = {{2, "b", "CREATE TABLE b(x);"}, {1, "a", "CREATE TABLE a(x);"}};
  for (const std::span<const Migration> migrations :
       {std::span<const Migration>(gap), std::span<const Migration>(starts_at_two),
        std::span<const Migration>(out_of_order)}) {
    const Status status = ApplyMigrations(*database, migrations);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), StorageError::internal);
  }
  EXPECT_EQ(SchemaVersion(*database).value(), 0);  // nothing ran
  EXPECT_EQ(TableCount(*database, "a"), 0);
}

TEST_F(Migrations, AFailingMigrationLeavesNothingHalfApplied) {
  const auto database = OpenDatabase(path());
  ASSERT_NE(database, nullptr);
  const Migration migrations[] = {
      {1, "clinics", "CREATE TABLE clinic(id INTEGER PRIMARY KEY);"},
      {2, "broken", "CREATE TABLE plan(id INTEGER); INSERT INTO no_such_table VALUES (1);"},
      {3, "never reached", "CREATE TABLE later(id INTEGER);"},
  };
  const Status status = ApplyMigrations(*database, migrations);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("migration 2 (broken)"), std::string::npos) << status.message();
  EXPECT_EQ(SchemaVersion(*database).value(), 1);
  EXPECT_EQ(TableCount(*database, "clinic"), 1);
  EXPECT_EQ(TableCount(*database, "plan"), 0);  // rolled back with its version
  EXPECT_EQ(TableCount(*database, "later"), 0);
}

}  // namespace
}  // namespace backplan::storage::sqlite
