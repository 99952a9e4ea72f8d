#include "storage/sqlite/database.h"

#include <thread>
#include <utility>

namespace backplan::storage::sqlite {
namespace {

// The Database whose Write is running on this thread, if any: a Write inside
// a Write would wait forever on the writer mutex, so it is refused instead.
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

Database::Database(std::filesystem::path path, DatabaseOptions options)
    : path_(std::move(path)), options_(std::move(options)) {}

Database::~Database() {
  static_cast<void>(Close());
}

Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& path,
                                                 DatabaseOptions options) {
  if (options.reader_count < 1 || options.begin_retries < 0) {
    return Status::Error(StorageError::internal,
                         "open: reader_count must be at least 1 and begin_retries at least 0");
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
    Status status = writer.Execute("BEGIN IMMEDIATE");
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
  std::lock_guard lock(writer_mutex_);
  if (writer_ == nullptr) {
    return Closed();
  }
  Connection& writer = *writer_;
  RollBackIfOpen(writer);  // left over only if an earlier ROLLBACK failed
  if (Status status = BeginImmediate(writer); !status.ok()) {
    return status;
  }

  Status status;
  try {
    WritingOnThisThread guard(this);
    status = fn(writer);
  } catch (...) {
    RollBackIfOpen(writer);
    throw;
  }
  if (!status.ok()) {
    RollBackIfOpen(writer);
    return status;
  }
  if (!writer.InTransaction()) {
    return Status::Error(StorageError::internal,
                         "write: the transaction was ended inside the write function");
  }
  if (Status commit = writer.Execute("COMMIT"); !commit.ok()) {
    RollBackIfOpen(writer);
    return commit;
  }
  return Status::Ok();
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
  if (Status status = reader.Execute("BEGIN"); !status.ok()) {
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
  if (Status commit = reader.Execute("COMMIT"); !commit.ok()) {
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
