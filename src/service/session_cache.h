#pragma once
// Recently checked sessions, so that an authenticated request does not need a
// read transaction of its own just to find out who is asking. Keyed by token
// hash (never the token).
//
// Why a cached entry can be trusted: every change to sessions goes through
// AuthService (login, touch, logout, password reset), which updates or drops
// the entries it affects, and a user's clinic and role never change. A second
// process writing the same store (a PostgreSQL deployment with several
// servers) would not reach this cache, so entries are also re-read after
// kMaxAgeSeconds: a logout elsewhere takes effect here within that time.
// Expiry (idle and absolute) is still decided on every request from the
// cached timestamps. Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/records.h"

namespace backplan::service {

class SessionCache {
 public:
  struct Entry {
    storage::SessionRow session;
    storage::UserRow user;
  };

  static constexpr storage::UnixSeconds kMaxAgeSeconds = 5;
  static constexpr std::size_t kMaxEntries = 10'000;

  std::optional<Entry> Find(const std::string& token_hash, storage::UnixSeconds now);
  // Take the generation before reading the store, and hand it to Put: an
  // entry read before a Drop must not be put back after it.
  std::uint64_t Generation();
  void Put(const Entry& entry, storage::UnixSeconds now, std::uint64_t generation_read_at);
  void Touch(const std::string& token_hash, storage::UnixSeconds at);
  // Call after the store's change has committed.
  void Drop(const std::string& token_hash);
  void DropUser(storage::Id user_id);

 private:
  struct Slot {
    Entry entry;
    storage::UnixSeconds cached_at;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Slot> slots_;  // guarded by mutex_
  std::uint64_t generation_ = 0;                 // guarded by mutex_; raised by every drop
};

}  // namespace backplan::service
