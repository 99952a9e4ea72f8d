// The session cache (service/session_cache.h): entries expire after a few
// seconds, drops win over reads that started before them, and a full cache
// starts over instead of growing.

#include "service/session_cache.h"

#include <gtest/gtest.h>

namespace backplan::service {
namespace {

SessionCache::Entry EntryFor(const std::string& hash, storage::Id user_id) {
  SessionCache::Entry entry;
  entry.session.token_hash = hash;
  entry.session.user_id = user_id;
  entry.user.id = user_id;
  return entry;
}

TEST(SessionCacheTest, FindsWhatWasPutUntilItIsTooOld) {
  SessionCache cache;
  cache.Put(EntryFor("h1", 7), 1000, cache.Generation());
  ASSERT_TRUE(cache.Find("h1", 1000));
  EXPECT_EQ(cache.Find("h1", 1000 + SessionCache::kMaxAgeSeconds - 1)->user.id, 7);
  EXPECT_FALSE(cache.Find("h1", 1000 + SessionCache::kMaxAgeSeconds));
  EXPECT_FALSE(cache.Find("h2", 1000));
}

TEST(SessionCacheTest, AClockThatWentBackIsNotTrusted) {
  SessionCache cache;
  cache.Put(EntryFor("h1", 7), 1000, cache.Generation());
  EXPECT_FALSE(cache.Find("h1", 999));
}

TEST(SessionCacheTest, DropRemovesOneSession) {
  SessionCache cache;
  cache.Put(EntryFor("h1", 7), 1000, cache.Generation());
  cache.Put(EntryFor("h2", 7), 1000, cache.Generation());
  cache.Drop("h1");
  EXPECT_FALSE(cache.Find("h1", 1000));
  EXPECT_TRUE(cache.Find("h2", 1000));
}

TEST(SessionCacheTest, DropUserRemovesEverySessionOfThatUser) {
  SessionCache cache;
  cache.Put(EntryFor("h1", 7), 1000, cache.Generation());
  cache.Put(EntryFor("h2", 7), 1000, cache.Generation());
  cache.Put(EntryFor("h3", 8), 1000, cache.Generation());
  cache.DropUser(7);
  EXPECT_FALSE(cache.Find("h1", 1000));
  EXPECT_FALSE(cache.Find("h2", 1000));
  EXPECT_TRUE(cache.Find("h3", 1000));
}

// A request read the session from the store, then a logout deleted it and
// dropped it from the cache, then the request tried to cache what it read.
TEST(SessionCacheTest, AReadFromBeforeADropIsNotPutBack) {
  SessionCache cache;
  const auto read_at = cache.Generation();
  cache.Drop("h1");
  cache.Put(EntryFor("h1", 7), 1000, read_at);
  EXPECT_FALSE(cache.Find("h1", 1000));
}

TEST(SessionCacheTest, TouchMovesLastSeen) {
  SessionCache cache;
  cache.Put(EntryFor("h1", 7), 1000, cache.Generation());
  cache.Touch("h1", 1003);
  EXPECT_EQ(cache.Find("h1", 1003)->session.last_seen_at, 1003);
}

TEST(SessionCacheTest, AFullCacheStartsOver) {
  SessionCache cache;
  for (std::size_t i = 0; i < SessionCache::kMaxEntries; ++i)
    cache.Put(EntryFor("h" + std::to_string(i), 1), 1000, cache.Generation());
  EXPECT_TRUE(cache.Find("h0", 1000));
  cache.Put(EntryFor("last", 1), 1000, cache.Generation());
  EXPECT_FALSE(cache.Find("h0", 1000));
  EXPECT_TRUE(cache.Find("last", 1000));
}

}  // namespace
}  // namespace backplan::service
