#pragma once
// Writes the audit rows of reads in the background, many rows per durable
// commit, so that reading health data never waits for an fsync. Writes of
// health data do not use this: their audit row goes into the same transaction
// as the write. The cost, stated plainly: if the process dies, read-audit rows
// from the last few milliseconds (at most kGatherWindow, plus one commit) can be
// lost; a graceful stop flushes everything.
// Thread-safe. The destructor flushes and joins the writer thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "storage/records.h"
#include "storage/store.h"

namespace backplan::service {

class AuditWriter {
 public:
  explicit AuditWriter(storage::Store& store);
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  void Append(storage::Id clinic_id, storage::AuditRow row);
  // Returns once every row appended before the call is committed; false if
  // the store failed to take them.
  bool Flush();

 private:
  void Run();

  static constexpr std::chrono::milliseconds kGatherWindow{10};
  static constexpr std::size_t kFullBatch = 512;

  storage::Store& store_;
  std::mutex mutex_;
  std::condition_variable wake_;                                    // rows arrived, or stopping
  std::condition_variable committed_;                               // a batch was committed
  std::vector<std::pair<storage::Id, storage::AuditRow>> pending_;  // guarded by mutex_
  std::uint64_t appended_ = 0;                                      // guarded by mutex_
  std::uint64_t committed_count_ = 0;                               // guarded by mutex_
  bool failed_ = false;                                             // guarded by mutex_
  bool stopping_ = false;                                           // guarded by mutex_
  bool flush_requested_ = false;                                    // guarded by mutex_
  std::thread thread_;
};

}  // namespace backplan::service
