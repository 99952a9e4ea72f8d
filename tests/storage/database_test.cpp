// Database: transactions on the writer and the reader pool, error mapping,
// busy retries, the timing hook, integrity check and a clean close.

#include "storage/sqlite/database.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/scratch_dir.h"

namespace backplan::storage::sqlite {
namespace {

constexpr std::string_view kSchema =
    "CREATE TABLE clinic(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE client(id INTEGER PRIMARY KEY, clinic_id INTEGER NOT NULL REFERENCES clinic(id),"
    " email TEXT NOT NULL UNIQUE)";

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = OpenDatabase(path());
    ASSERT_NE(database_, nullptr);
    ASSERT_TRUE(ExecuteInWrite(*database_, kSchema).ok());
  }

  std::filesystem::path path() const { return dir_.File("clinic.db"); }

  Status InsertClient(Connection& connection, std::int64_t clinic_id, std::string_view email) {
    Result<Statement> insert =
        connection.Prepare("INSERT INTO client(clinic_id, email) VALUES (?, ?)");
    if (!insert.ok()) {
      return insert.status();
    }
    if (Status status = insert.value().BindAll(clinic_id, email); !status.ok()) {
      return status;
    }
    return insert.value().Run();
  }

  std::int64_t ClientCount() { return ReadInt64(*database_, "SELECT count(*) FROM client"); }

  ScratchDir dir_;
  std::unique_ptr<Database> database_;
};

using DatabaseWrite = DatabaseTest;
using DatabaseRead = DatabaseTest;
using DatabaseClose = DatabaseTest;

TEST_F(DatabaseWrite, CommitsWhatTheFunctionWrote) {
  const Status status = database_->Write([&](Connection& connection) {
    EXPECT_TRUE(connection.InTransaction());
    if (Status inserted = connection.Execute("INSERT INTO clinic(id, name) VALUES (1, 'North')");
        !inserted.ok()) {
      return inserted;
    }
    return InsertClient(connection, 1, "a@example.org");
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(ClientCount(), 1);
}

TEST_F(DatabaseWrite, RollsBackWhenTheFunctionFails) {
  const Status status = database_->Write([&](Connection& connection) -> Status {
    EXPECT_TRUE(connection.Execute("INSERT INTO clinic(id, name) VALUES (1, 'North')").ok());
    EXPECT_TRUE(InsertClient(connection, 1, "a@example.org").ok());
    return Status::Error(StorageError::not_found, "the practitioner is gone");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::not_found);
  EXPECT_EQ(status.message(), "the practitioner is gone");
  EXPECT_EQ(ClientCount(), 0);
  EXPECT_EQ(ReadInt64(*database_, "SELECT count(*) FROM clinic"), 0);
}

TEST_F(DatabaseWrite, RollsBackAndRethrowsWhenTheFunctionThrows) {
  EXPECT_THROW(
      static_cast<void>(database_->Write([&](Connection& connection) -> Status {
        EXPECT_TRUE(connection.Execute("INSERT INTO clinic(id, name) VALUES (1, 'North')").ok());
        EXPECT_TRUE(InsertClient(connection, 1, "a@example.org").ok());
        throw std::runtime_error("boom");
      })),
      std::runtime_error);
  EXPECT_EQ(ClientCount(), 0);
  EXPECT_EQ(ReadInt64(*database_, "SELECT count(*) FROM clinic"), 0);
  // The writer is usable again: the lock was released and no transaction is left open.
  EXPECT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(id, name) VALUES (1, 'North')").ok());
  EXPECT_EQ(ReadInt64(*database_, "SELECT count(*) FROM clinic"), 1);
}

TEST_F(DatabaseWrite, UniqueViolationIsAConflictAndRollsBackTheWhole) {
  ASSERT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(id, name) VALUES (1, 'North')").ok());
  ASSERT_TRUE(
      database_->Write([&](Connection& c) { return InsertClient(c, 1, "a@example.org"); }).ok());
  const Status status = database_->Write([&](Connection& connection) {
    EXPECT_TRUE(InsertClient(connection, 1, "b@example.org").ok());
    return InsertClient(connection, 1, "a@example.org");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::conflict);
  EXPECT_NE(status.message().find("UNIQUE constraint failed: client.email"), std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find("a@example.org"), std::string::npos);
  EXPECT_EQ(ClientCount(), 1);  // b@ went with the failed transaction
}

TEST_F(DatabaseWrite, ForeignKeyViolationIsRejected) {
  const Status status =
      database_->Write([&](Connection& c) { return InsertClient(c, 99, "a@example.org"); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::conflict);
  EXPECT_NE(status.message().find("FOREIGN KEY"), std::string::npos) << status.message();
  EXPECT_EQ(ClientCount(), 0);
}

TEST_F(DatabaseWrite, WriteInsideWriteIsRefusedNotDeadlocked) {
  const Status outer = database_->Write([&](Connection&) {
    const Status inner = ExecuteInWrite(*database_, "INSERT INTO clinic(name) VALUES ('x')");
    EXPECT_FALSE(inner.ok());
    EXPECT_EQ(inner.error(), StorageError::internal);
    return inner;
  });
  EXPECT_FALSE(outer.ok());
  EXPECT_EQ(ReadInt64(*database_, "SELECT count(*) FROM clinic"), 0);
}

TEST_F(DatabaseWrite, EndingTheTransactionInsideIsAnError) {
  const Status status = ExecuteInWrite(*database_, "COMMIT");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::internal);
  EXPECT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(name) VALUES ('x')").ok());
}

TEST_F(DatabaseRead, ConnectionsAreConfiguredAndReadersRefuseWrites) {
  const Status read = database_->Read([](Connection& connection) -> Status {
    EXPECT_TRUE(connection.InTransaction());
    EXPECT_EQ(QueryText(connection, "PRAGMA journal_mode").value(), "wal");
    EXPECT_EQ(QueryInt64(connection, "PRAGMA synchronous").value(), 2);
    EXPECT_EQ(QueryInt64(connection, "PRAGMA foreign_keys").value(), 1);
    EXPECT_EQ(QueryInt64(connection, "PRAGMA query_only").value(), 1);
    return connection.Execute("INSERT INTO clinic(name) VALUES ('sneaky')");
  });
  EXPECT_FALSE(read.ok());
  const Status write = database_->Write([](Connection& connection) -> Status {
    EXPECT_EQ(QueryInt64(connection, "PRAGMA synchronous").value(), 2);
    EXPECT_EQ(QueryInt64(connection, "PRAGMA foreign_keys").value(), 1);
    EXPECT_EQ(QueryInt64(connection, "PRAGMA query_only").value(), 0);
    return Status::Ok();
  });
  EXPECT_TRUE(write.ok());
  EXPECT_EQ(ReadInt64(*database_, "SELECT count(*) FROM clinic"), 0);
}

TEST_F(DatabaseRead, SeesOneSnapshotWhileTheWriterCommits) {
  ASSERT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(name) VALUES ('one')").ok());
  const Status status = database_->Read([&](Connection& connection) -> Status {
    EXPECT_EQ(QueryInt64(connection, "SELECT count(*) FROM clinic").value(), 1);
    // A commit from another connection, in the middle of this read.
    EXPECT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(name) VALUES ('two')").ok());
    EXPECT_EQ(QueryInt64(connection, "SELECT count(*) FROM clinic").value(), 1);
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(ReadInt64(*database_, "SELECT count(*) FROM clinic"), 2);
}

TEST_F(DatabaseRead, FailureAndExceptionReturnTheReader) {
  DatabaseOptions options;
  options.reader_count = 1;  // a reader that was not returned would hang the next Read
  const auto database = OpenDatabase(dir_.File("one-reader.db"), std::move(options));
  ASSERT_NE(database, nullptr);
  EXPECT_EQ(database->Read([](Connection&) { return Status::Error(StorageError::not_found, ""); })
                .error(),
            StorageError::not_found);
  EXPECT_THROW(static_cast<void>(
                   database->Read([](Connection&) -> Status { throw std::logic_error("bug"); })),
               std::logic_error);
  EXPECT_EQ(ReadInt64(*database, "SELECT 7"), 7);
}

TEST_F(DatabaseTest, IntegrityCheckIsOk) {
  ASSERT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(name) VALUES ('one')").ok());
  const Result<std::string> report = database_->IntegrityCheck();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report.value(), "ok");
}

TEST_F(DatabaseTest, TimingHookSeesEveryOperation) {
  std::mutex mutex;
  std::vector<std::pair<std::string, double>> timings;
  DatabaseOptions options;
  options.timing_hook = [&](std::string_view operation, double seconds) {
    std::lock_guard lock(mutex);
    timings.emplace_back(operation, seconds);
  };
  auto database = OpenDatabase(dir_.File("timed.db"), std::move(options));
  ASSERT_NE(database, nullptr);
  EXPECT_TRUE(ExecuteInWrite(*database, "CREATE TABLE t(x)").ok());
  EXPECT_TRUE(database->Read([](Connection&) { return Status::Ok(); }).ok());
  EXPECT_TRUE(database
                  ->Write("create_assessment",
                          [](Connection& c) { return c.Execute("INSERT INTO t VALUES (1)"); })
                  .ok());
  EXPECT_FALSE(ExecuteInWrite(*database, "INSERT INTO missing VALUES (1)").ok());
  EXPECT_TRUE(database->IntegrityCheck().ok());

  std::lock_guard lock(mutex);
  ASSERT_EQ(timings.size(), 5u);
  EXPECT_EQ(timings[0].first, "write");
  EXPECT_EQ(timings[1].first, "read");
  EXPECT_EQ(timings[2].first, "create_assessment");
  EXPECT_EQ(timings[3].first, "write");  // failures are timed too
  EXPECT_EQ(timings[4].first, "integrity_check");
  for (const auto& [operation, seconds] : timings) {
    EXPECT_GE(seconds, 0.0) << operation;
    EXPECT_LT(seconds, 10.0) << operation;
  }
}

TEST_F(DatabaseTest, NotADatabaseIsCorrupt) {
  {
    std::ofstream garbage(dir_.File("garbage.db"), std::ios::binary);
    garbage << std::string(4096, '\x5a');
  }
  const Result<std::unique_ptr<Database>> opened = Database::Open(dir_.File("garbage.db"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error(), StorageError::corrupt) << opened.status().ToString();
}

TEST_F(DatabaseTest, RejectsAnEmptyReaderPool) {
  DatabaseOptions options;
  options.reader_count = 0;
  const Result<std::unique_ptr<Database>> opened = Database::Open(dir_.File("x.db"), options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error(), StorageError::internal);
}

TEST_F(DatabaseClose, CheckpointsTheWalAndClosesCleanly) {
  ASSERT_TRUE(ExecuteInWrite(*database_, "INSERT INTO clinic(id, name) VALUES (1, 'North')").ok());
  for (int client_idx = 0; client_idx < 50; ++client_idx) {
    ASSERT_TRUE(database_
                    ->Write([&](Connection& c) {
                      return InsertClient(c, 1, "c" + std::to_string(client_idx) + "@example.org");
                    })
                    .ok());
  }
  std::filesystem::path wal = path();
  wal += "-wal";
  ASSERT_TRUE(std::filesystem::exists(wal));
  EXPECT_GT(std::filesystem::file_size(wal), 0u);

  const Status closed = database_->Close();
  ASSERT_TRUE(closed.ok()) << closed.ToString();
  EXPECT_TRUE(!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0);

  // Afterwards the database refuses work instead of crashing...
  EXPECT_EQ(ExecuteInWrite(*database_, "SELECT 1").error(), StorageError::internal);
  EXPECT_EQ(database_->Read([](Connection&) { return Status::Ok(); }).error(),
            StorageError::internal);
  EXPECT_TRUE(database_->Close().ok());  // ...and closing again is harmless.

  // The main file alone holds everything.
  const auto reopened = OpenDatabase(path());
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(ReadInt64(*reopened, "SELECT count(*) FROM client"), 50);
  EXPECT_EQ(reopened->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseClose, WaitsForAReadInProgress) {
  std::atomic<bool> read_started = false;
  std::atomic<bool> read_finished = false;
  std::thread reader([&] {
    EXPECT_TRUE(database_
                    ->Read([&](Connection&) {
                      read_started = true;
                      std::this_thread::sleep_for(std::chrono::milliseconds(100));
                      read_finished = true;
                      return Status::Ok();
                    })
                    .ok());
  });
  while (!read_started) {
    std::this_thread::yield();
  }
  EXPECT_TRUE(database_->Close().ok());
  EXPECT_TRUE(read_finished);
  reader.join();
}

// Another process (here: another connection) holds the write lock.
class DatabaseBusy : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Connection>> other = Connection::Open(dir_.File("busy.db"));
    ASSERT_TRUE(other.ok());
    other_ = std::move(other).value();
    ASSERT_TRUE(other_->Execute("CREATE TABLE t(x)").ok());
  }
  void TearDown() override { other_.reset(); }

  ScratchDir dir_;
  std::unique_ptr<Connection> other_;
};

TEST_F(DatabaseBusy, RetriesBeginImmediateUntilTheLockIsFree) {
  DatabaseOptions options;
  options.busy_timeout = std::chrono::milliseconds(20);
  options.begin_retries = 50;
  options.begin_retry_pause = std::chrono::milliseconds(5);
  const auto database = OpenDatabase(dir_.File("busy.db"), std::move(options));
  ASSERT_NE(database, nullptr);

  ASSERT_TRUE(other_->Execute("BEGIN IMMEDIATE").ok());
  std::thread holder([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_TRUE(other_->Execute("INSERT INTO t VALUES (1); COMMIT").ok());
  });
  // 200 ms of lock is more than one 20 ms busy timeout: only the retries get us through.
  const Status status = ExecuteInWrite(*database, "INSERT INTO t VALUES (2)");
  holder.join();
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(ReadInt64(*database, "SELECT sum(x) FROM t"), 3);
}

TEST_F(DatabaseBusy, GivesUpAfterTheRetriesWithBusy) {
  DatabaseOptions options;
  options.busy_timeout = std::chrono::milliseconds(10);
  options.begin_retries = 2;
  const auto database = OpenDatabase(dir_.File("busy.db"), std::move(options));
  ASSERT_NE(database, nullptr);

  ASSERT_TRUE(other_->Execute("BEGIN IMMEDIATE").ok());
  const auto start = std::chrono::steady_clock::now();
  const Status status = ExecuteInWrite(*database, "INSERT INTO t VALUES (2)");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::busy);
  EXPECT_NE(status.message().find("3 attempts"), std::string::npos) << status.message();
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  ASSERT_TRUE(other_->Execute("ROLLBACK").ok());

  // Once the lock is free the same database writes normally.
  EXPECT_TRUE(ExecuteInWrite(*database, "INSERT INTO t VALUES (2)").ok());
}

}  // namespace
}  // namespace backplan::storage::sqlite
