// One writer and several readers at once: every Read sees a consistent
// snapshot (two tables changed in the same transaction always agree), the
// counts only grow, and nothing fails.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "storage/scratch_dir.h"
#include "storage/sqlite/database.h"

namespace backplan::storage::sqlite {
namespace {

constexpr int kWrites = 200;
constexpr int kReaderThreads = 4;

struct ReaderTally {
  int reads = 0;
  int errors = 0;
  int torn_snapshots = 0;  // the two tables disagreed inside one Read
  int went_backwards = 0;  // a later Read saw fewer rows than an earlier one
};

void RunWriterAndReaders(Database& database, std::vector<ReaderTally>& tallies) {
  std::atomic<bool> writer_done = false;
  std::atomic<int> writer_errors = 0;

  std::vector<std::thread> readers;
  for (int reader_idx = 0; reader_idx < kReaderThreads; ++reader_idx) {
    readers.emplace_back([&database, &writer_done, &tally = tallies[reader_idx]] {
      std::int64_t last_seen = 0;
      // At least a few reads even if the writer is quick.
      while (!writer_done || tally.reads < 5) {
        std::int64_t sessions = -1;
        std::int64_t ledger_total = -2;
        const Status status = database.Read([&](Connection& connection) -> Status {
          Result<std::int64_t> count = QueryInt64(connection, "SELECT count(*) FROM session");
          if (!count.ok()) {
            return count.status();
          }
          sessions = count.value();
          // Give the writer a chance to commit between the two queries.
          std::this_thread::yield();
          Result<std::int64_t> total =
              QueryInt64(connection, "SELECT sessions FROM ledger WHERE id = 1");
          if (!total.ok()) {
            return total.status();
          }
          ledger_total = total.value();
          return Status::Ok();
        });
        ++tally.reads;
        if (!status.ok()) {
          ++tally.errors;
          ADD_FAILURE() << status.ToString();
          continue;
        }
        if (sessions != ledger_total) {
          ++tally.torn_snapshots;
        }
        if (sessions < last_seen) {
          ++tally.went_backwards;
        }
        last_seen = sessions;
      }
    });
  }

  std::thread writer([&] {
    for (int write_idx = 0; write_idx < kWrites; ++write_idx) {
      const Status status = database.Write([&](Connection& connection) -> Status {
        Result<Statement> insert = connection.Prepare("INSERT INTO session(note) VALUES (?)");
        if (!insert.ok()) {
          return insert.status();
        }
        if (Status bound = insert.value().Bind(1, "session " + std::to_string(write_idx));
            !bound.ok()) {
          return bound;
        }
        if (Status inserted = insert.value().Run(); !inserted.ok()) {
          return inserted;
        }
        return connection.Execute("UPDATE ledger SET sessions = sessions + 1 WHERE id = 1");
      });
      if (!status.ok()) {
        ++writer_errors;
        ADD_FAILURE() << status.ToString();
      }
    }
    writer_done = true;
  });

  writer.join();
  for (std::thread& reader : readers) {
    reader.join();
  }
  EXPECT_EQ(writer_errors, 0);
}

void CreateSchema(Database& database) {
  ASSERT_TRUE(ExecuteInWrite(database,
                             "CREATE TABLE session(id INTEGER PRIMARY KEY, note TEXT NOT NULL);"
                             "CREATE TABLE ledger(id INTEGER PRIMARY KEY, sessions INTEGER);"
                             "INSERT INTO ledger VALUES (1, 0)")
                  .ok());
}

void ExpectCleanTallies(const std::vector<ReaderTally>& tallies) {
  for (std::size_t reader_idx = 0; reader_idx < tallies.size(); ++reader_idx) {
    const ReaderTally& tally = tallies[reader_idx];
    EXPECT_GE(tally.reads, 5) << "reader " << reader_idx;
    EXPECT_EQ(tally.errors, 0) << "reader " << reader_idx;
    EXPECT_EQ(tally.torn_snapshots, 0) << "reader " << reader_idx;
    EXPECT_EQ(tally.went_backwards, 0) << "reader " << reader_idx;
  }
}

TEST(DatabaseConcurrency, ReadersSeeConsistentSnapshotsWhileOneWriterCommits) {
  ScratchDir dir;
  const auto database = OpenDatabase(dir.File("concurrent.db"));  // 4 readers, FULL
  ASSERT_NE(database, nullptr);
  CreateSchema(*database);

  std::vector<ReaderTally> tallies(kReaderThreads);
  RunWriterAndReaders(*database, tallies);
  ExpectCleanTallies(tallies);

  EXPECT_EQ(ReadInt64(*database, "SELECT count(*) FROM session"), kWrites);
  EXPECT_EQ(ReadInt64(*database, "SELECT sessions FROM ledger"), kWrites);
  EXPECT_EQ(database->IntegrityCheck().value(), "ok");
}

TEST(DatabaseConcurrency, MoreReaderThreadsThanConnectionsWaitTheirTurn) {
  ScratchDir dir;
  DatabaseOptions options;
  options.reader_count = 1;
  options.synchronous = Synchronous::normal;
  const auto database = OpenDatabase(dir.File("one-reader.db"), std::move(options));
  ASSERT_NE(database, nullptr);
  CreateSchema(*database);

  std::vector<ReaderTally> tallies(kReaderThreads);
  RunWriterAndReaders(*database, tallies);
  ExpectCleanTallies(tallies);
  EXPECT_EQ(ReadInt64(*database, "SELECT sessions FROM ledger"), kWrites);
}

}  // namespace
}  // namespace backplan::storage::sqlite
