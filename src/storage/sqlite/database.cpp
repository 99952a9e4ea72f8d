#include "storage/sqlite/database.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <utility>

namespace backplan::storage::sqlite {
namespace {

// The Database whose write functions are running on this thread (the
// committer's), if any: a Write inside a Write would wait forever for the
// committer that is running it, so it is refused instead.
thread_local const Database* database_writing_on_this_thread = nullptr;

class WritingOnThisThread {
 public:
  explicit WritingOnThisThread(const Database* database)
      : previous_(std::exchange(database_writing_on_this_thread, database)) {}
  WritingOnThisThread(const WritingOnThisThread&) = delete;
  WritingOnThisThread& operator=(const WritingOnThisThread&) = delete;
  ~WritingOnThisThread() { database_writing_on_this_thread = previous_; }

 private:
  const Database* previous_;
};

// Calls the timing hook when the operation ends, however it ends.
class OperationTimer {
 public:
  OperationTimer(const TimingHook& hook, std::string_view operation)
      : hook_(hook), operation_(operation), start_(std::chrono::steady_clock::now()) {}
  OperationTimer(const OperationTimer&) = delete;
  OperationTimer& operator=(const OperationTimer&) = delete;
  ~OperationTimer() {
    if (hook_) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
      hook_(operation_, elapsed.count());
    }
  }

 private:
  const TimingHook& hook_;
  std::string_view operation_;
  std::chrono::steady_clock::time_point start_;
};

// Best effort: when ROLLBACK itself fails there is nothing better to do here,
// and the next transaction on this connection rolls back what is left first.
void RollBackIfOpen(Connection& connection) {
  if (connection.InTransaction()) {
    static_cast<void>(connection.Execute("ROLLBACK"));
  }
}

Status Closed() {
  return Status::Error(StorageError::internal, "database is closed");
}

// Every write function runs inside this savepoint, so that a failing one can
// be undone without touching the others of its transaction. The name is
// unusual on purpose: a function's own savepoints must not shadow it.
constexpr std::string_view kJobSavepoint = "SAVEPOINT backplan_group_commit_job";
constexpr std::string_view kReleaseJob = "RELEASE backplan_group_commit_job";
constexpr std::string_view kUndoJob =
    "ROLLBACK TO backplan_group_commit_job; RELEASE backplan_group_commit_job";

}  // namespace

// A reader connection lent to one Read; returned to the pool when destroyed.
class Database::ReaderLease {
 public:
  ReaderLease(Database* database, Connection* connection)
      : database_(database), connection_(connection) {}
  ReaderLease(ReaderLease&& other) noexcept
      : database_(other.database_), connection_(std::exchange(other.connection_, nullptr)) {}
  ReaderLease& operator=(ReaderLease&&) = delete;
  ~ReaderLease() {
    if (connection_ != nullptr) {
      database_->ReturnReader(connection_);
    }
  }
  Connection& connection() { return *connection_; }

 private:
  Database* database_;
  Connection* connection_;
};

// One queued Write. It lives on its caller's stack; the caller waits until
// `done` (or until it can become the committer), so the committer may use it
// until it sets `done`.
struct Database::WriteJob {
  explicit WriteJob(const Work& work) : fn(work) {}

  const Work& fn;
  // Set by the committer before `done`; read by the caller after it.
  Status status;
  std::exception_ptr exception;  // what fn threw; rethrown by the caller
  bool done = false;             // guarded by queue_mutex_
  // Signalled, under queue_mutex_, when `done` is set or the committer's seat
  // is free; notifying under the lock keeps the owner from destroying it first.
  std::condition_variable wake;

  bool failed() const { return !status.ok() || exception != nullptr; }
};

Database::Database(std::filesystem::path path, DatabaseOptions options)
    : path_(std::move(path)), options_(std::move(options)) {}

Database::~Database() {
  static_cast<void>(Close());
}

Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& path,
                                                 DatabaseOptions options) {
  if (options.reader_count < 1 || options.begin_retries < 0 || options.max_batch < 1) {
    return Status::Error(
        StorageError::internal,
        "open: reader_count and max_batch must be at least 1 and begin_retries at least 0");
  }
  std::unique_ptr<Database> database(new Database(path, std::move(options)));
  const DatabaseOptions& opts = database->options_;

  // The writer opens first: it creates the file and switches it to WAL, which
  // is a property of the file that the readers then find already set.
  Result<std::unique_ptr<Connection>> writer =
      Connection::Open(path, {opts.synchronous, opts.busy_timeout, /*query_only=*/false});
  if (!writer.ok()) {
    return writer.status();
  }
  {
    std::lock_guard lock(database->writer_mutex_);
    database->writer_ = std::move(writer).value();
  }

  std::lock_guard lock(database->readers_mutex_);
  for (int reader_idx = 0; reader_idx < opts.reader_count; ++reader_idx) {
    Result<std::unique_ptr<Connection>> reader =
        Connection::Open(path, {opts.synchronous, opts.busy_timeout, /*query_only=*/true});
    if (!reader.ok()) {
      return reader.status();
    }
    database->idle_readers_.push_back(reader.value().get());
    database->readers_.push_back(std::move(reader).value());
  }
  return database;
}

Status Database::BeginImmediate(Connection& writer) {
  for (int attempt = 0;; ++attempt) {
    Status status = writer.ExecuteCached("BEGIN IMMEDIATE");
    if (status.ok() || status.error() != StorageError::busy) {
      return status;
    }
    if (attempt >= options_.begin_retries) {
      return Status::Error(StorageError::busy,
                           "write: another connection held the write lock through " +
                               std::to_string(attempt + 1) + " attempts");
    }
    std::this_thread::sleep_for(options_.begin_retry_pause * (attempt + 1));
  }
}

Status Database::Write(std::string_view operation, const Work& fn) {
  OperationTimer timer(options_.timing_hook, operation);
  if (database_writing_on_this_thread == this) {
    return Status::Error(StorageError::internal, "write: Write called inside a Write");
  }
  WriteJob job(fn);
  {
    std::unique_lock lock(queue_mutex_);
    if (writes_closed_) {
      return Closed();
    }
    write_queue_.push_back(&job);
    // Either someone else's transaction carries this job, or this thread
    // takes the committer's seat when it is free. No timer: jobs pile up
    // behind the running COMMIT's fsync, and that is the batch.
    job.wake.wait(lock, [&] { return job.done || !committer_active_; });
    if (!job.done) {
      LeadWrites(lock, job);
    }
  }
  if (job.exception != nullptr) {
    std::rethrow_exception(job.exception);
  }
  return std::move(job.status);
}

void Database::LeadWrites(std::unique_lock<std::mutex>& queue_lock, WriteJob& own) {
  committer_active_ = true;
  std::vector<WriteJob*> batch;
  // The queue is first in, first out, so `own` is done after at most
  // ceil(position / max_batch) batches: the committer never starves itself.
  while (!own.done) {
    const auto take = std::min(write_queue_.size(), static_cast<std::size_t>(options_.max_batch));
    batch.assign(write_queue_.begin(), write_queue_.begin() + static_cast<std::ptrdiff_t>(take));
    write_queue_.erase(write_queue_.begin(),
                       write_queue_.begin() + static_cast<std::ptrdiff_t>(take));
    queue_lock.unlock();
    CommitBatch(batch);
    queue_lock.lock();
    for (WriteJob* job : batch) {
      job->done = true;
      job->wake.notify_one();
    }
  }
  // Hand the seat over after our own batch, rather than draining for ever:
  // this thread's caller is waiting for its answer too.
  committer_active_ = false;
  if (!write_queue_.empty()) {
    write_queue_.front()->wake.notify_one();
  } else {
    writes_idle_.notify_all();
  }
}

void Database::CommitBatch(const std::vector<WriteJob*>& batch) {
  std::lock_guard writer_lock(writer_mutex_);
  if (writer_ == nullptr) {  // cannot happen: Close waits for the queue to drain
    for (WriteJob* job : batch) {
      job->status = Closed();
    }
    return;
  }
  Connection& writer = *writer_;
  WritingOnThisThread guard(this);
  std::size_t first = 0;
  try {
    while (first < batch.size()) {
      first = RunTransaction(writer, batch, first);
    }
  } catch (...) {
    // Our own bookkeeping threw (out of memory): nothing of the current
    // transaction was committed, and every waiting caller must still hear
    // back, or it would wait for ever.
    RollBackIfOpen(writer);
    for (std::size_t job_idx = first; job_idx < batch.size(); ++job_idx) {
      if (!batch[job_idx]->failed()) {
        batch[job_idx]->status =
            Status::Error(StorageError::internal, "write: the group commit failed unexpectedly");
      }
    }
  }
}

std::size_t Database::RunTransaction(Connection& writer, const std::vector<WriteJob*>& batch,
                                     std::size_t first) {
  RollBackIfOpen(writer);  // left over only if an earlier ROLLBACK failed
  if (Status status = BeginImmediate(writer); !status.ok()) {
    for (std::size_t job_idx = first; job_idx < batch.size(); ++job_idx) {
      batch[job_idx]->status = status;
    }
    return batch.size();
  }

  for (std::size_t job_idx = first; job_idx < batch.size(); ++job_idx) {
    WriteJob& job = *batch[job_idx];
    Status opened = writer.ExecuteCached(kJobSavepoint);
    bool intact = opened.ok();
    if (!intact) {
      job.status = std::move(opened);
    } else {
      try {
        job.status = job.fn(writer);
      } catch (...) {
        job.exception = std::current_exception();
      }
      // A function that ran COMMIT or ROLLBACK, or that hit an error after
      // which SQLite rolled the whole transaction back, leaves no transaction;
      // one that released our savepoint makes the RELEASE or ROLLBACK TO
      // below fail. Either way its work can no longer be told apart.
      if (!writer.InTransaction()) {
        intact = false;
      } else {
        intact = (job.failed() ? writer.Execute(kUndoJob) : writer.ExecuteCached(kReleaseJob)).ok();
      }
    }
    if (intact) {
      continue;
    }

    // The transaction is beyond repair: drop all of it. The jobs that had
    // succeeded in it lose their work with it, and those not run yet start
    // over in a fresh transaction.
    RollBackIfOpen(writer);
    if (!job.failed()) {
      job.status = Status::Error(
          StorageError::internal,
          "write: the transaction or its savepoint was ended inside the write function");
    }
    const StorageError kind = job.status.ok() ? StorageError::internal : job.status.error();
    for (std::size_t done_idx = first; done_idx < job_idx; ++done_idx) {
      if (!batch[done_idx]->failed()) {
        batch[done_idx]->status =
            Status::Error(kind, "write: rolled back with another write of the same transaction");
      }
    }
    return job_idx + 1;
  }

  if (Status commit = writer.ExecuteCached("COMMIT"); !commit.ok()) {
    RollBackIfOpen(writer);
    for (std::size_t job_idx = first; job_idx < batch.size(); ++job_idx) {
      if (!batch[job_idx]->failed()) {
        batch[job_idx]->status = commit;
      }
    }
    return batch.size();
  }
  commit_count_.fetch_add(1, std::memory_order_relaxed);
  return batch.size();
}

std::size_t Database::queued_writes() const {
  std::lock_guard lock(queue_mutex_);
  return write_queue_.size();
}

Result<Database::ReaderLease> Database::AcquireReader() {
  std::unique_lock lock(readers_mutex_);
  reader_returned_.wait(lock, [this] { return closing_ || !idle_readers_.empty(); });
  if (closing_) {
    return Closed();
  }
  Connection* reader = idle_readers_.back();
  idle_readers_.pop_back();
  return ReaderLease(this, reader);
}

void Database::ReturnReader(Connection* reader) {
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(reader);
  }
  // All, not one: Close waits on the same condition for every reader.
  reader_returned_.notify_all();
}

Status Database::Read(std::string_view operation, const Work& fn) {
  OperationTimer timer(options_.timing_hook, operation);
  Result<ReaderLease> lease = AcquireReader();
  if (!lease.ok()) {
    return lease.status();
  }
  Connection& reader = lease.value().connection();
  RollBackIfOpen(reader);
  // Deferred: the snapshot is taken at the first read and held until COMMIT.
  if (Status status = reader.ExecuteCached("BEGIN"); !status.ok()) {
    return status;
  }

  Status status;
  try {
    status = fn(reader);
  } catch (...) {
    RollBackIfOpen(reader);
    throw;
  }
  if (!status.ok()) {
    RollBackIfOpen(reader);
    return status;
  }
  if (Status commit = reader.ExecuteCached("COMMIT"); !commit.ok()) {
    RollBackIfOpen(reader);
    return commit;
  }
  return Status::Ok();
}

Result<std::string> Database::IntegrityCheck() {
  std::string report;
  Status status = Read("integrity_check", [&report](Connection& connection) {
    Result<Statement> check = connection.Prepare("PRAGMA integrity_check");
    if (!check.ok()) {
      return check.status();
    }
    while (true) {
      Result<StepResult> step = check.value().Step();
      if (!step.ok()) {
        return step.status();
      }
      if (step.value() == StepResult::done) {
        return Status::Ok();
      }
      if (!report.empty()) {
        report += '\n';
      }
      report += check.value().TextView(0);
    }
  });
  if (!status.ok()) {
    return status;
  }
  return report;
}

Status Database::Close() {
  if (database_writing_on_this_thread == this) {
    return Status::Error(StorageError::internal, "close: Close called inside a Write");
  }
  Status first_failure;
  {
    std::unique_lock lock(readers_mutex_);
    closing_ = true;
    reader_returned_.notify_all();  // waiting Reads give up
    reader_returned_.wait(lock, [this] { return idle_readers_.size() == readers_.size(); });
    for (auto& reader : readers_) {
      if (Status status = reader->Close(); !status.ok() && first_failure.ok()) {
        first_failure = std::move(status);
      }
    }
    idle_readers_.clear();
    readers_.clear();
  }

  {
    // Queued Writes still run; Writes arriving from now on are refused.
    std::unique_lock lock(queue_mutex_);
    writes_closed_ = true;
    writes_idle_.wait(lock, [this] { return write_queue_.empty() && !committer_active_; });
  }

  std::lock_guard lock(writer_mutex_);
  if (writer_ == nullptr) {
    return first_failure;
  }
  // With the readers gone, TRUNCATE can copy every WAL frame into the main
  // file and empty the WAL, so the file alone is a complete database.
  Status checkpoint = [this]() -> Status {
    Result<Statement> statement = writer_->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!statement.ok()) {
      return statement.status();
    }
    Result<StepResult> step = statement.value().Step();
    if (!step.ok()) {
      return step.status();
    }
    // The first column is 1 when another process kept the checkpoint from finishing.
    if (step.value() == StepResult::row && statement.value().Int64(0) != 0) {
      return Status::Error(StorageError::busy, "close: WAL checkpoint could not complete");
    }
    return Status::Ok();
  }();
  if (!checkpoint.ok() && first_failure.ok()) {
    first_failure = std::move(checkpoint);
  }
  if (Status status = writer_->Close(); !status.ok() && first_failure.ok()) {
    first_failure = std::move(status);
  }
  writer_.reset();
  return first_failure;
}

}  // namespace backplan::storage::sqlite
