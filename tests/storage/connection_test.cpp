// Connection: how every connection is opened and configured.

#include "storage/sqlite/connection.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "storage/scratch_dir.h"

namespace backplan::storage::sqlite {
namespace {

std::unique_ptr<Connection> OpenConnection(const std::filesystem::path& path,
                                           const ConnectionOptions& options = {}) {
  Result<std::unique_ptr<Connection>> opened = Connection::Open(path, options);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

TEST(SqliteConnection, OpensWithWalFullForeignKeysAndBusyTimeout) {
  ScratchDir dir;
  const auto connection = OpenConnection(dir.File("a.db"));
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(QueryText(*connection, "PRAGMA journal_mode").value(), "wal");
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA synchronous").value(), 2);  // FULL
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA foreign_keys").value(), 1);
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA busy_timeout").value(), 5000);
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA temp_store").value(), 2);  // MEMORY
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA query_only").value(), 0);
}

TEST(SqliteConnection, OptionsAreApplied) {
  ScratchDir dir;
  ConnectionOptions options;
  options.synchronous = Synchronous::normal;
  options.busy_timeout = std::chrono::milliseconds(250);
  options.query_only = true;
  const auto connection = OpenConnection(dir.File("a.db"), options);
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA synchronous").value(), 1);  // NORMAL
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA busy_timeout").value(), 250);
  EXPECT_EQ(QueryInt64(*connection, "PRAGMA query_only").value(), 1);
  EXPECT_FALSE(connection->Execute("CREATE TABLE t(x)").ok());
}

TEST(SqliteConnection, ExecuteRunsSeveralStatements) {
  ScratchDir dir;
  const auto connection = OpenConnection(dir.File("a.db"));
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection
                  ->Execute("CREATE TABLE t(x INTEGER);\n"
                            "-- a comment between statements\n"
                            "INSERT INTO t VALUES (1);\n"
                            "INSERT INTO t VALUES (2);\n")
                  .ok());
  EXPECT_EQ(QueryInt64(*connection, "SELECT sum(x) FROM t").value(), 3);
  EXPECT_EQ(connection->ChangeCount(), 1);
  EXPECT_EQ(connection->LastInsertRowId(), 2);
  EXPECT_FALSE(connection->InTransaction());
  ASSERT_TRUE(connection->Execute("BEGIN").ok());
  EXPECT_TRUE(connection->InTransaction());
  ASSERT_TRUE(connection->Execute("ROLLBACK").ok());
}

TEST(SqliteConnection, ExecuteStopsAtTheFirstFailure) {
  ScratchDir dir;
  const auto connection = OpenConnection(dir.File("a.db"));
  ASSERT_NE(connection, nullptr);
  const Status status =
      connection->Execute("CREATE TABLE t(x); INSERT INTO missing VALUES (1); CREATE TABLE u(y)");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("no such table: missing"), std::string::npos) << status.message();
  EXPECT_EQ(QueryInt64(*connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'u'").value(),
            0);
}

TEST(SqliteConnection, FileThatIsNotADatabaseIsCorrupt) {
  ScratchDir dir;
  {
    std::ofstream garbage(dir.File("notes.db"), std::ios::binary);
    garbage << std::string(8192, 'Z');
  }
  const Result<std::unique_ptr<Connection>> opened = Connection::Open(dir.File("notes.db"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error(), StorageError::corrupt) << opened.status().ToString();
}

TEST(SqliteConnection, MissingDirectoryIsAnIoError) {
  ScratchDir dir;
  const Result<std::unique_ptr<Connection>> opened =
      Connection::Open(dir.File("no-such-dir") / "a.db");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error(), StorageError::io) << opened.status().ToString();
}

TEST(SqliteConnection, CloseRefusesWhileAStatementIsAlive) {
  ScratchDir dir;
  const auto connection = OpenConnection(dir.File("a.db"));
  ASSERT_NE(connection, nullptr);
  {
    Result<Statement> held = connection->Prepare("SELECT 1");
    ASSERT_TRUE(held.ok());
    const Status refused = connection->Close();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(), StorageError::internal);
  }
  EXPECT_TRUE(connection->Close().ok());
  EXPECT_FALSE(connection->Prepare("SELECT 1").ok());
  EXPECT_TRUE(connection->Close().ok());  // idempotent
}

}  // namespace
}  // namespace backplan::storage::sqlite
