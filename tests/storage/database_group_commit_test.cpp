// Group commit in Database::Write: concurrent writes share transactions, and a
// write that fails, throws or breaks its transaction affects no other write
// of the same batch except as documented in database.h.
//
// Batches are built deterministically: a first Write holds the committer's
// seat inside its transaction until the Writes under test are queued behind
// it, in order, so that they then run as one batch.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/scratch_dir.h"
#include "storage/sqlite/database.h"

namespace backplan::storage::sqlite {
namespace {

using namespace std::chrono_literals;

constexpr auto kPatience = 30s;  // generous: sanitizer builds on a shared 2-core machine

// Polls `condition` until it holds or kPatience has passed; false on timeout.
bool WaitFor(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

Status InsertNote(Connection& connection, std::string_view note) {
  Result<Statement> insert = connection.Prepare("INSERT INTO note(text) VALUES (?)");
  if (!insert.ok()) {
    return insert.status();
  }
  if (Status bound = insert.value().Bind(1, note); !bound.ok()) {
    return bound;
  }
  return insert.value().Run();
}

Database::Work Insert(std::string note) {
  return [note = std::move(note)](Connection& connection) { return InsertNote(connection, note); };
}

// What one Write answered, seen from its own thread.
struct Outcome {
  Status status;
  std::optional<std::string> thrown;  // what() of the exception it rethrew
};

class DatabaseGroupCommit : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open(DatabaseOptions options = {}) {
    database_ = OpenDatabase(dir_.File("group.db"), std::move(options));
    ASSERT_NE(database_, nullptr);
    ASSERT_TRUE(ExecuteInWrite(*database_,
                               "CREATE TABLE IF NOT EXISTS note(id INTEGER PRIMARY KEY,"
                               " text TEXT NOT NULL UNIQUE)")
                    .ok());
  }

  std::int64_t Count(std::string_view where = "1") {
    return ReadInt64(*database_, "SELECT count(*) FROM note WHERE " + std::string(where));
  }
  std::int64_t CountNote(std::string_view text) {
    return Count("text = '" + std::string(text) + "'");
  }

  // Runs `works` as one batch, in this order, each from its own thread, and
  // returns what each Write answered.
  std::vector<Outcome> RunAsOneBatch(const std::vector<Database::Work>& works) {
    std::vector<Outcome> outcomes(works.size());
    std::atomic<bool> holding = false;
    std::atomic<bool> release = false;
    std::thread holder([&] {
      const Status status = database_->Write([&](Connection&) {
        holding = true;
        while (!release) {
          std::this_thread::sleep_for(1ms);
        }
        return Status::Ok();
      });
      EXPECT_TRUE(status.ok()) << status.ToString();
    });
    EXPECT_TRUE(WaitFor([&] { return holding.load(); }));

    std::vector<std::thread> writers;
    for (std::size_t work_idx = 0; work_idx < works.size(); ++work_idx) {
      writers.emplace_back([&, work_idx] {
        try {
          outcomes[work_idx].status = database_->Write(works[work_idx]);
        } catch (const std::exception& error) {
          outcomes[work_idx].thrown = error.what();
        }
      });
      // One at a time, so that the queue order is the order of `works`.
      EXPECT_TRUE(WaitFor([&] { return database_->queued_writes() == work_idx + 1; }));
    }
    release = true;
    holder.join();
    for (std::thread& writer : writers) {
      writer.join();
    }
    return outcomes;
  }

  ScratchDir dir_;
  std::unique_ptr<Database> database_;
};

TEST_F(DatabaseGroupCommit, ManyThreadsWritingAllCommitInFewerTransactions) {
  constexpr int kThreads = 16;
  constexpr int kWritesPerThread = 50;
  const std::uint64_t commits_before = database_->commit_count();
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int write_idx = 0; write_idx < kWritesPerThread; ++write_idx) {
        const Status status = database_->Write(
            Insert("t" + std::to_string(thread_idx) + "-" + std::to_string(write_idx)));
        if (!status.ok()) {
          ++failures;
          ADD_FAILURE() << status.ToString();
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(), kThreads * kWritesPerThread);
  const std::uint64_t commits = database_->commit_count() - commits_before;
  EXPECT_GE(commits, 1u);
  // 16 writers queue up behind every fsync: batches must have formed.
  EXPECT_LT(commits, static_cast<std::uint64_t>(kThreads * kWritesPerThread));
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, AFailingWriteLeavesOnlyItsOwnWorkOut) {
  const std::uint64_t commits_before = database_->commit_count();
  const std::vector<Outcome> outcomes = RunAsOneBatch({
      Insert("a"),
      [](Connection& connection) -> Status {
        EXPECT_TRUE(InsertNote(connection, "failed-1").ok());
        EXPECT_TRUE(InsertNote(connection, "failed-2").ok());
        return Status::Error(StorageError::not_found, "the client is gone");
      },
      Insert("b"),
      Insert("a"),  // unique violation: a conflict for this write only
      Insert("c"),
  });
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_TRUE(outcomes[0].status.ok()) << outcomes[0].status.ToString();
  ASSERT_FALSE(outcomes[1].status.ok());
  EXPECT_EQ(outcomes[1].status.error(), StorageError::not_found);
  EXPECT_EQ(outcomes[1].status.message(), "the client is gone");
  EXPECT_TRUE(outcomes[2].status.ok()) << outcomes[2].status.ToString();
  ASSERT_FALSE(outcomes[3].status.ok());
  EXPECT_EQ(outcomes[3].status.error(), StorageError::conflict);
  EXPECT_TRUE(outcomes[4].status.ok()) << outcomes[4].status.ToString();

  EXPECT_EQ(Count("text LIKE 'failed-%'"), 0);
  EXPECT_EQ(CountNote("a"), 1);
  EXPECT_EQ(CountNote("b"), 1);
  EXPECT_EQ(CountNote("c"), 1);
  // The holder's transaction, then one for the whole batch.
  EXPECT_EQ(database_->commit_count() - commits_before, 2u);
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, AThrowingWriteRethrowsOnItsOwnThreadOnly) {
  const std::vector<Outcome> outcomes = RunAsOneBatch({
      Insert("a"),
      [](Connection& connection) -> Status {
        EXPECT_TRUE(InsertNote(connection, "thrown").ok());
        throw std::runtime_error("boom");
      },
      Insert("b"),
  });
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_FALSE(outcomes[0].thrown.has_value());
  EXPECT_TRUE(outcomes[0].status.ok()) << outcomes[0].status.ToString();
  EXPECT_EQ(outcomes[1].thrown, std::optional<std::string>("boom"));
  EXPECT_FALSE(outcomes[2].thrown.has_value());
  EXPECT_TRUE(outcomes[2].status.ok()) << outcomes[2].status.ToString();

  EXPECT_EQ(CountNote("thrown"), 0);
  EXPECT_EQ(CountNote("a"), 1);
  EXPECT_EQ(CountNote("b"), 1);
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, NestedSavepointsInsideAWriteStillWork) {
  const std::vector<Outcome> outcomes = RunAsOneBatch({
      Insert("before"),
      [](Connection& connection) -> Status {
        EXPECT_TRUE(connection.Execute("SAVEPOINT inner").ok());
        EXPECT_TRUE(InsertNote(connection, "undone").ok());
        EXPECT_TRUE(connection.Execute("ROLLBACK TO inner; RELEASE inner").ok());
        EXPECT_TRUE(connection.Execute("SAVEPOINT kept").ok());
        EXPECT_TRUE(InsertNote(connection, "kept").ok());
        EXPECT_TRUE(connection.Execute("RELEASE kept").ok());
        // Left open on purpose: committed with the rest, as without batching.
        EXPECT_TRUE(connection.Execute("SAVEPOINT left_open").ok());
        return InsertNote(connection, "left-open");
      },
      [](Connection& connection) -> Status {
        EXPECT_TRUE(connection.Execute("SAVEPOINT mine").ok());
        EXPECT_TRUE(InsertNote(connection, "failed-nested").ok());
        return Status::Error(StorageError::conflict, "refused");
      },
      Insert("after"),
  });
  for (std::size_t idx : {0u, 1u, 3u}) {
    EXPECT_TRUE(outcomes[idx].status.ok()) << idx << ": " << outcomes[idx].status.ToString();
  }
  EXPECT_FALSE(outcomes[2].status.ok());
  EXPECT_EQ(CountNote("undone"), 0);
  EXPECT_EQ(CountNote("kept"), 1);
  EXPECT_EQ(CountNote("left-open"), 1);
  EXPECT_EQ(CountNote("failed-nested"), 0);
  EXPECT_EQ(CountNote("before"), 1);
  EXPECT_EQ(CountNote("after"), 1);
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, EndingTheTransactionInsideFailsThatBatchNotTheNextWrites) {
  const std::vector<Outcome> outcomes = RunAsOneBatch({
      Insert("before"),
      [](Connection& connection) -> Status {
        EXPECT_TRUE(InsertNote(connection, "rogue").ok());
        return connection.Execute("ROLLBACK");
      },
      Insert("after"),
  });
  // The writes before it lost their work with the transaction, and say so.
  ASSERT_FALSE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[0].status.error(), StorageError::internal);
  ASSERT_FALSE(outcomes[1].status.ok());
  EXPECT_EQ(outcomes[1].status.error(), StorageError::internal);
  // The writes after it ran in a fresh transaction.
  EXPECT_TRUE(outcomes[2].status.ok()) << outcomes[2].status.ToString();
  EXPECT_EQ(CountNote("before"), 0);
  EXPECT_EQ(CountNote("rogue"), 0);
  EXPECT_EQ(CountNote("after"), 1);
  EXPECT_TRUE(database_->Write(Insert("later")).ok());
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, ReleasingTheWritesSavepointIsDetected) {
  const std::vector<Outcome> outcomes = RunAsOneBatch({
      Insert("before"),
      [](Connection& connection) -> Status {
        EXPECT_TRUE(InsertNote(connection, "rogue").ok());
        // The savepoint Database wrapped this write in (white box on purpose).
        return connection.Execute("RELEASE backplan_group_commit_job");
      },
      Insert("after"),
  });
  ASSERT_FALSE(outcomes[1].status.ok());
  EXPECT_EQ(outcomes[1].status.error(), StorageError::internal);
  EXPECT_FALSE(outcomes[0].status.ok());
  EXPECT_TRUE(outcomes[2].status.ok()) << outcomes[2].status.ToString();
  // The rogue write's work could no longer be separated: none of it is kept.
  EXPECT_EQ(CountNote("rogue"), 0);
  EXPECT_EQ(CountNote("before"), 0);
  EXPECT_EQ(CountNote("after"), 1);
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, WriteInsideABatchedWriteIsRefusedNotDeadlocked) {
  const std::vector<Outcome> outcomes = RunAsOneBatch({
      Insert("a"),
      [this](Connection&) { return database_->Write(Insert("inner")); },
      [this](Connection&) { return database_->Close(); },
      Insert("b"),
  });
  EXPECT_TRUE(outcomes[0].status.ok());
  ASSERT_FALSE(outcomes[1].status.ok());
  EXPECT_EQ(outcomes[1].status.error(), StorageError::internal);
  ASSERT_FALSE(outcomes[2].status.ok());
  EXPECT_EQ(outcomes[2].status.error(), StorageError::internal);
  EXPECT_TRUE(outcomes[3].status.ok());
  EXPECT_EQ(CountNote("inner"), 0);
  EXPECT_EQ(Count(), 2);
}

TEST_F(DatabaseGroupCommit, TimingHookRunsOnEachCallersThread) {
  std::mutex mutex;
  std::map<std::string, std::vector<std::thread::id>> seen;  // operation → threads
  DatabaseOptions options;
  options.timing_hook = [&](std::string_view operation, double seconds) {
    EXPECT_GE(seconds, 0.0);
    std::lock_guard lock(mutex);
    seen[std::string(operation)].push_back(std::this_thread::get_id());
  };
  database_.reset();
  Open(std::move(options));

  constexpr int kThreads = 8;
  std::vector<std::thread::id> ids(kThreads);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      ids[static_cast<std::size_t>(thread_idx)] = std::this_thread::get_id();
      const std::string name = "op" + std::to_string(thread_idx);
      for (int write_idx = 0; write_idx < 10; ++write_idx) {
        EXPECT_TRUE(database_->Write(name, Insert(name + "-" + std::to_string(write_idx))).ok());
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  std::lock_guard lock(mutex);
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    const auto& threads_seen = seen["op" + std::to_string(thread_idx)];
    ASSERT_EQ(threads_seen.size(), 10u) << thread_idx;
    for (const std::thread::id& id : threads_seen) {
      EXPECT_EQ(id, ids[static_cast<std::size_t>(thread_idx)]) << thread_idx;
    }
  }
}

TEST_F(DatabaseGroupCommit, CloseWaitsForQueuedWritesThenRefusesNewOnes) {
  std::atomic<bool> holding = false;
  std::atomic<bool> release = false;
  std::thread holder([&] {
    EXPECT_TRUE(database_
                    ->Write([&](Connection& connection) {
                      holding = true;
                      while (!release) {
                        std::this_thread::sleep_for(1ms);
                      }
                      return InsertNote(connection, "holder");
                    })
                    .ok());
  });
  ASSERT_TRUE(WaitFor([&] { return holding.load(); }));
  constexpr int kQueued = 5;
  std::vector<std::thread> writers;
  std::atomic<int> committed = 0;
  for (int write_idx = 0; write_idx < kQueued; ++write_idx) {
    writers.emplace_back([&, write_idx] {
      if (database_->Write(Insert("queued-" + std::to_string(write_idx))).ok()) {
        ++committed;
      }
    });
  }
  ASSERT_TRUE(WaitFor([&] { return database_->queued_writes() == kQueued; }));
  std::atomic<bool> closed = false;
  std::thread closer([&] {
    EXPECT_TRUE(database_->Close().ok());
    closed = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(closed);  // still waiting for the queued writes
  release = true;
  holder.join();
  for (std::thread& writer : writers) {
    writer.join();
  }
  closer.join();
  EXPECT_EQ(committed, kQueued);
  const Status late = database_->Write(Insert("late"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error(), StorageError::internal);

  database_.reset();
  Open();
  EXPECT_EQ(Count(), kQueued + 1);
  EXPECT_EQ(CountNote("late"), 0);
  EXPECT_EQ(database_->IntegrityCheck().value(), "ok");
}

TEST_F(DatabaseGroupCommit, MaxBatchOfOneCommitsEveryWriteAlone) {
  DatabaseOptions options;
  options.max_batch = 1;
  database_.reset();
  Open(std::move(options));
  const std::uint64_t commits_before = database_->commit_count();
  const std::vector<Outcome> outcomes = RunAsOneBatch({Insert("a"), Insert("b"), Insert("c")});
  for (const Outcome& outcome : outcomes) {
    EXPECT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  }
  EXPECT_EQ(database_->commit_count() - commits_before, 4u);  // holder + 3
  EXPECT_EQ(Count(), 3);
}

TEST(DatabaseGroupCommitOptions, RejectsAZeroBatch) {
  ScratchDir dir;
  DatabaseOptions options;
  options.max_batch = 0;
  Result<std::unique_ptr<Database>> database = Database::Open(dir.File("x.db"), options);
  ASSERT_FALSE(database.ok());
  EXPECT_EQ(database.status().error(), StorageError::internal);
}

}  // namespace
}  // namespace backplan::storage::sqlite
