// The background writer of read-audit rows: everything appended before a
// Flush is committed when it returns, and destroying the writer commits what
// is still queued (a graceful stop loses nothing).

#include "service/audit_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "storage/sqlite/sqlite_store.h"

namespace backplan::service {
namespace {

namespace fs = std::filesystem;

class AuditWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/backplan-audit-XXXXXX";
    dir_ = mkdtemp(pattern);
    auto store = storage::sqlite::SqliteStore::Open(dir_ / "audit.db");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::size_t AuditCount() {
    std::size_t count = 0;
    EXPECT_TRUE(store_
                    ->Read([&](storage::ReadTx& tx) {
                      count = tx.Audit(1, {}, {200, std::nullopt}).size();
                      return storage::Status{};
                    })
                    .ok());
    return count;
  }
  static storage::AuditRow Row(int n) {
    storage::AuditRow row;
    row.at = n;
    row.actor_role = "practitioner";
    row.action = "assessment.read";
    row.resource = "assessment";
    row.resource_id = n;
    row.address = "127.0.0.1";
    row.outcome = "ok";
    return row;
  }

  fs::path dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
};

TEST_F(AuditWriterTest, FlushReturnsOnceEverythingAppendedIsCommitted) {
  AuditWriter writer(*store_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int n = 0; n < 25; ++n)
        writer.Append(1, Row(t * 100 + n));
    });
  for (auto& thread : threads)
    thread.join();
  ASSERT_TRUE(writer.Flush());
  EXPECT_EQ(AuditCount(), 100u);
}

TEST_F(AuditWriterTest, DestroyingTheWriterCommitsWhatIsQueued) {
  {
    AuditWriter writer(*store_);
    for (int n = 0; n < 50; ++n)
      writer.Append(1, Row(n));
  }
  EXPECT_EQ(AuditCount(), 50u);
}

}  // namespace
}  // namespace backplan::service
