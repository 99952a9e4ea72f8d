#include "service/audit_writer.h"

namespace backplan::service {

AuditWriter::AuditWriter(storage::Store& store) : store_(store), thread_([this] { Run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AuditWriter::Append(storage::Id clinic_id, storage::AuditRow row) {
  {
    std::lock_guard lock(mutex_);
    pending_.emplace_back(clinic_id, std::move(row));
    ++appended_;
  }
  wake_.notify_one();
}

bool AuditWriter::Flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = appended_;
  committed_.wait(lock, [&] { return committed_count_ >= target || failed_; });
  return committed_count_ >= target;
}

void AuditWriter::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    if (pending_.empty() && stopping_)
      return;
    // Rows that arrive while this batch commits form the next batch: no timer
    // is needed for batching.
    auto batch = std::move(pending_);
    pending_.clear();
    lock.unlock();
    const auto status = store_.Write([&](storage::WriteTx& tx) {
      for (const auto& [clinic_id, row] : batch)
        tx.AppendAudit(clinic_id, row);
      return storage::Status{};
    });
    lock.lock();
    if (status.ok()) {
      committed_count_ += batch.size();
    } else {
      failed_ = true;
    }
    committed_.notify_all();
  }
}

}  // namespace backplan::service
