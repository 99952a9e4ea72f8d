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
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    first = pending_.empty();
    pending_.emplace_back(clinic_id, std::move(row));
    ++appended_;
  }
  // The writer sleeps only while nothing is pending: waking it for every row
  // would cost a system call per read request.
  if (first)
    wake_.notify_one();
}

bool AuditWriter::Flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = appended_;
  flush_requested_ = true;
  wake_.notify_one();
  committed_.wait(lock, [&] { return committed_count_ >= target || failed_; });
  return committed_count_ >= target;
}

void AuditWriter::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    if (pending_.empty() && stopping_)
      return;
    // Gather for a moment so that one durable commit carries many rows; a
    // flush or a stop cuts the wait short.
    wake_.wait_for(lock, kGatherWindow,
                   [&] { return stopping_ || flush_requested_ || pending_.size() >= kFullBatch; });
    flush_requested_ = false;
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
