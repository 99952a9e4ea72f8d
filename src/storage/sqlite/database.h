#pragma once
// A SQLite database file shared by the whole process: one writer connection
// and a pool of reader connections, with every unit of work in a transaction.
//
// Contract:
// - Write runs `fn` on the writer inside BEGIN IMMEDIATE … COMMIT. IMMEDIATE
//   takes the write lock up front, so a transaction that reads and then writes
//   cannot fail halfway with SQLITE_BUSY; if another process holds the lock,
//   BEGIN is retried (busy_timeout each time, then `begin_retries` more times)
//   and Write answers busy after that.
// - Group commit: with synchronous=FULL every COMMIT costs an fsync, so the
//   writes queued while one transaction commits share the next one. Callers
//   queue their `fn`; one of them at a time (the committer) takes up to
//   `max_batch` queued functions, runs each inside its own SAVEPOINT in one
//   BEGIN IMMEDIATE … COMMIT, and wakes the others when it is done. Write
//   still returns only once its own work is durably committed, or with the
//   failure; `fn` runs exactly once, with nothing else running on the writer.
// - If `fn` returns a failed Status, its savepoint is rolled back and that
//   Status returned. If `fn` throws, its savepoint is rolled back and the
//   exception rethrown on the calling thread. Nothing `fn` wrote survives
//   either way, and the other writes of the same transaction are unaffected.
//   If COMMIT fails, every write of that transaction gets the failure.
// - `fn` may run on another caller's thread (the committer's): it must not
//   depend on thread-local state, and must not end the transaction nor release
//   the savepoint it runs in (its own nested SAVEPOINTs are fine). Doing so is
//   detected and answered with an internal error; the transaction is rolled
//   back, so the writes that ran before it in the same transaction fail too
//   (after a COMMIT inside `fn` their work may in fact be kept), and the
//   writes after it run in a fresh transaction. Errors after which SQLite
//   rolls the whole transaction back itself (I/O, disk full) fail those
//   earlier writes the same way, with the same error kind.
// - Read runs `fn` on an idle reader inside BEGIN … COMMIT: every query in
//   `fn` sees one snapshot, even while the writer commits. Readers refuse
//   writes (PRAGMA query_only). When every reader is busy, Read waits.
// - `fn` must not call Write or Close on the same Database (it would wait for
//   itself; this is detected and answered with an internal error), and must
//   not keep a Connection or Statement beyond its return.
// - SQLite failures are mapped by sqlite_error.h: constraint → conflict,
//   busy/locked → busy, corrupt/not a database → corrupt.
// - The timing hook, when set, is called once after every Write and Read
//   (whatever the outcome, exceptions included) with the operation's name and
//   its wall time in seconds, including the wait for a connection (for a
//   Write: the wait in the queue and the shared COMMIT). It runs on the
//   calling thread, must be thread-safe, and must not throw.
// - Close waits for running Reads and for every queued Write, checkpoints the
//   WAL into the main file (wal_checkpoint(TRUNCATE)) and closes every
//   connection; later Reads and Writes answer an internal error. The
//   destructor closes too.
//
// Thread safety: every member may be called from any thread concurrently.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/connection.h"
#include "storage/status.h"

namespace backplan::storage::sqlite {

using TimingHook = std::function<void(std::string_view operation, double seconds)>;

struct DatabaseOptions {
  Synchronous synchronous = Synchronous::full;
  std::chrono::milliseconds busy_timeout{5000};
  int reader_count = 4;  // at least 1
  // Extra BEGIN IMMEDIATE attempts after the first one timed out on the lock.
  int begin_retries = 3;
  // Pause before retry k (1-based) is k × begin_retry_pause, to let the lock
  // holder finish rather than queue behind SQLite's own sleep.
  std::chrono::milliseconds begin_retry_pause{10};
  // Most writes one transaction carries (at least 1; 1 turns group commit
  // off). A bound keeps one slow batch from holding every writer for long.
  int max_batch = 64;
  TimingHook timing_hook;  // optional
};

class Database {
 public:
  using Work = std::function<Status(Connection&)>;

  // Opens (creating the file if needed) the writer, then the readers.
  static Result<std::unique_ptr<Database>> Open(const std::filesystem::path& path,
                                                DatabaseOptions options = {});

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // `operation` names the work for the timing hook ("write"/"read" otherwise),
  // e.g. "create_assessment"; it is not logged anywhere else.
  Status Write(const Work& fn) { return Write("write", fn); }
  Status Write(std::string_view operation, const Work& fn);
  Status Read(const Work& fn) { return Read("read", fn); }
  Status Read(std::string_view operation, const Work& fn);

  // "ok", or SQLite's list of problems, one per line. A file too damaged to
  // check answers corrupt.
  Result<std::string> IntegrityCheck();

  // Idempotent. Fails when the checkpoint could not complete (busy: another
  // process is reading) or a connection would not close.
  Status Close();

  const std::filesystem::path& path() const { return path_; }

  // Transactions the writer has committed so far. Under concurrent Writes it
  // grows more slowly than the number of successful Writes: that is group
  // commit at work (tests and metrics read it).
  std::uint64_t commit_count() const { return commit_count_.load(std::memory_order_relaxed); }
  // Writes waiting for a committer to take them (not those already running).
  std::size_t queued_writes() const;

 private:
  class ReaderLease;
  struct WriteJob;

  Database(std::filesystem::path path, DatabaseOptions options);
  Status BeginImmediate(Connection& writer);
  // Runs the committer's loop until `own` is done. Called, and returns, with
  // `queue_lock` held on queue_mutex_; releases it while transactions run.
  void LeadWrites(std::unique_lock<std::mutex>& queue_lock, WriteJob& own);
  // Runs `batch` in as few transactions as it can; every job leaves with its
  // outcome set. Takes writer_mutex_; called without queue_mutex_.
  void CommitBatch(const std::vector<WriteJob*>& batch);
  // One BEGIN IMMEDIATE … COMMIT for batch[first..]; returns the index of the
  // first job it left for a fresh transaction (batch.size() when none).
  std::size_t RunTransaction(Connection& writer, const std::vector<WriteJob*>& batch,
                             std::size_t first);
  Result<ReaderLease> AcquireReader();
  void ReturnReader(Connection* reader);

  const std::filesystem::path path_;
  const DatabaseOptions options_;

  // Lock order: never hold queue_mutex_ while taking writer_mutex_.
  mutable std::mutex queue_mutex_;
  std::deque<WriteJob*> write_queue_;    // guarded by queue_mutex_; oldest first
  bool committer_active_ = false;        // guarded by queue_mutex_
  bool writes_closed_ = false;           // guarded by queue_mutex_
  std::condition_variable writes_idle_;  // with queue_mutex_: queue empty, no committer

  // Held by the committer for a batch and by Close; only the committer (one
  // at a time, by committer_active_) and Close ever touch writer_.
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_; null once closed
  std::atomic<std::uint64_t> commit_count_{0};

  std::mutex readers_mutex_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Connection>> readers_;  // guarded by readers_mutex_
  std::vector<Connection*> idle_readers_;             // guarded by readers_mutex_
  bool closing_ = false;                              // guarded by readers_mutex_
};

}  // namespace backplan::storage::sqlite
