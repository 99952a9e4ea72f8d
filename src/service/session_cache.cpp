#include "service/session_cache.h"

#include <iterator>

namespace backplan::service {

std::optional<SessionCache::Entry> SessionCache::Find(const std::string& token_hash,
                                                      storage::UnixSeconds now) {
  std::lock_guard lock(mutex_);
  const auto found = slots_.find(token_hash);
  if (found == slots_.end())
    return std::nullopt;
  if (now - found->second.cached_at >= kMaxAgeSeconds || now < found->second.cached_at) {
    slots_.erase(found);
    return std::nullopt;
  }
  return found->second.entry;
}

std::uint64_t SessionCache::Generation() {
  std::lock_guard lock(mutex_);
  return generation_;
}

void SessionCache::Put(const Entry& entry, storage::UnixSeconds now,
                       std::uint64_t generation_read_at) {
  std::lock_guard lock(mutex_);
  if (generation_read_at != generation_)
    return;
  // Full: start over rather than track recency. Entries are cheap to re-read
  // and a full cache means thousands of sessions within a few seconds.
  if (slots_.size() >= kMaxEntries)
    slots_.clear();
  slots_.insert_or_assign(entry.session.token_hash, Slot{entry, now});
}

void SessionCache::Touch(const std::string& token_hash, storage::UnixSeconds at) {
  std::lock_guard lock(mutex_);
  if (const auto found = slots_.find(token_hash); found != slots_.end())
    found->second.entry.session.last_seen_at = at;
}

void SessionCache::Drop(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  ++generation_;
  slots_.erase(token_hash);
}

void SessionCache::DropUser(storage::Id user_id) {
  std::lock_guard lock(mutex_);
  ++generation_;
  std::erase_if(slots_,
                [user_id](const auto& slot) { return slot.second.entry.user.id == user_id; });
}

}  // namespace backplan::service
