#pragma once
// A SQLite database file shared by the whole process: one writer connection
// and a pool of reader connections, with every unit of work in a transaction.
//
// Contract:
// - Write runs `fn` on the writer inside BEGIN IMMEDIATE … COMMIT. IMMEDIATE
//   takes the write lock up front, so a transaction that reads and then writes
//   cannot fail halfway with SQLITE_BUSY; if another process holds the lock,
//   BEGIN is retried (busy_timeout each time, then `begin_retries` more times)
//   and Write answers busy after that. Writes are serialized by a mutex.
// - If `fn` returns a failed Status, the transaction is rolled back and that
//   Status returned. If `fn` throws, it is rolled back and the exception
//   rethrown. Nothing `fn` wrote survives either way.
// - Read runs `fn` on an idle reader inside BEGIN … COMMIT: every query in
//   `fn` sees one snapshot, even while the writer commits. Readers refuse
//   writes (PRAGMA query_only). When every reader is busy, Read waits.
// - `fn` must not call Write on the same Database (it would wait for itself;
//   this is detected and answered with an internal error), and must not keep a
//   Connection or Statement beyond its return.
// - SQLite failures are mapped by sqlite_error.h: constraint → conflict,
//   busy/locked → busy, corrupt/not a database → corrupt.
// - The timing hook, when set, is called once after every Write and Read
//   (whatever the outcome, exceptions included) with the operation's name and
//   its wall time in seconds, including the wait for a connection. It runs on
//   the calling thread, must be thread-safe, and must not throw.
// - Close waits for running Reads and Writes, checkpoints the WAL into the
//   main file (wal_checkpoint(TRUNCATE)) and closes every connection; later
//   Reads and Writes answer an internal error. The destructor closes too.
//
// Thread safety: every member may be called from any thread concurrently.

#include <chrono>
#include <condition_variable>
#include <cstddef>
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

 private:
  class ReaderLease;

  Database(std::filesystem::path path, DatabaseOptions options);
  Status BeginImmediate(Connection& writer);
  Result<ReaderLease> AcquireReader();
  void ReturnReader(Connection* reader);

  const std::filesystem::path path_;
  const DatabaseOptions options_;

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_; null once closed

  std::mutex readers_mutex_;
  std::condition_variable reader_returned_;
  std::vector<std::unique_ptr<Connection>> readers_;  // guarded by readers_mutex_
  std::vector<Connection*> idle_readers_;             // guarded by readers_mutex_
  bool closing_ = false;                              // guarded by readers_mutex_
};

}  // namespace backplan::storage::sqlite
