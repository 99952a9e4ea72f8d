// The attention list as a use case (service/attention_service.h), on a real
// SQLite store in a temporary directory: the order of the tiers, who sees
// which clients, the refusal of a client principal, the plan in force being
// the latest assessment's, and the audit row of the read.

#include "service/attention_service.h"

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "service/audit_writer.h"
#include "storage/sqlite/sqlite_store.h"
#include "support/caseload_gen.h"

namespace backplan::testing {
namespace {

using core::AttentionTier;
using core::CheckInKind;
using core::Disposition;
using storage::Id;
using storage::UnixSeconds;

constexpr UnixSeconds kNow = 1'800'000'000;
constexpr UnixSeconds kHour = 60 * 60;
constexpr UnixSeconds kDay = 24 * kHour;

class AttentionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "backplan-attention-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    storage::sqlite::DatabaseOptions options;
    auto store = storage::sqlite::SqliteStore::Open(dir_ / "attention.db", options);
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    audit_ = std::make_unique<service::AuditWriter>(*store_);
    attention_ = std::make_unique<service::AttentionService>(
        *store_, [] { return kNow; }, *audit_);
    ASSERT_TRUE(store_
                    ->Write([&](storage::WriteTx& tx) {
                      Seed(tx);
                      return storage::Status{};
                    })
                    .ok());
  }

  void TearDown() override {
    attention_.reset();
    audit_.reset();
    if (store_)
      (void)store_->Close();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Clinic A: an admin and two practitioners; clinic B: one practitioner
  // with a client in need of attention that nobody in clinic A may see.
  void Seed(storage::WriteTx& tx) {
    CaseloadWriter w(tx);
    clinic_ = w.Clinic("A");
    admin_ = w.Staff(clinic_, storage::Role::admin, "admin@a.test");
    first_ = w.Staff(clinic_, storage::Role::practitioner, "first@a.test");
    second_ = w.Staff(clinic_, storage::Role::practitioner, "second@a.test");
    const Id other_clinic = w.Clinic("B");
    const Id elsewhere = w.Staff(other_clinic, storage::Role::practitioner, "p@b.test");

    // Created due, overdue, flare, red flags: the list must not keep this order.
    due_ = w.Client(clinic_, first_, "Dee Due");
    const Id due_at = w.Assessment(due_, Disposition::clear, kNow - 10 * kDay);
    due_session_ = w.Session(due_, due_at, kNow - 30 * kHour);  // 24h due since 6 h

    overdue_ = w.Client(clinic_, first_, "Olli Overdue");
    const Id overdue_at = w.Assessment(overdue_, Disposition::clear, kNow - 10 * kDay);
    w.Session(overdue_, overdue_at, kNow - 60 * kHour);  // 24h overdue since 12 h

    flare_ = w.Client(clinic_, first_, "Flo Flare");
    const Id flare_at = w.Assessment(flare_, Disposition::clear, kNow - 10 * kDay);
    const Id flared = w.Session(flare_, flare_at, kNow - 26 * kHour);
    w.CheckIn(flared, CheckInKind::after_24h, 6, kNow - 2 * kHour, /*flare=*/true);

    red_ = w.Client(clinic_, first_, "Red Referral");
    w.Assessment(red_, Disposition::refer_before_treatment, kNow - 3 * kDay);

    // Nothing to see: a session an hour ago, its check-ins still upcoming.
    const Id quiet = w.Client(clinic_, first_, "Quinn Quiet");
    w.Session(quiet, w.Assessment(quiet, Disposition::clear, kNow - 2 * kDay), kNow - kHour);

    // A flare under an earlier assessment, every check-in answered, then a
    // reassessment: the course of care starts again, so no flare is listed.
    reassessed_ = w.Client(clinic_, first_, "Rea Reassessed");
    const Id earlier = w.Assessment(reassessed_, Disposition::clear, kNow - 30 * kDay);
    const Id old_session = w.Session(reassessed_, earlier, kNow - 20 * kDay);
    w.CheckIn(old_session, CheckInKind::after_24h, 9, kNow - 19 * kDay, /*flare=*/true);
    w.CheckIn(old_session, CheckInKind::after_72h, 9, kNow - 17 * kDay);
    w.CheckIn(old_session, CheckInKind::after_7d, 9, kNow - 13 * kDay);
    w.Assessment(reassessed_, Disposition::clear, kNow - 5 * kDay);

    // The second practitioner's client: a flare that began earlier than Flo's.
    others_flare_ = w.Client(clinic_, second_, "");
    const Id others_at = w.Assessment(others_flare_, Disposition::clear, kNow - 10 * kDay);
    const Id others_session = w.Session(others_flare_, others_at, kNow - 40 * kHour);
    w.CheckIn(others_session, CheckInKind::after_24h, 9, kNow - 15 * kHour);

    const Id foreign = w.Client(other_clinic, elsewhere, "Far Away");
    w.Assessment(foreign, Disposition::emergency, kNow - kDay);
  }

  service::Principal Staff(Id user_id, storage::Role role) const {
    return {user_id, clinic_, role, "127.0.0.1"};
  }

  std::vector<service::AttentionEntry> ListFor(const service::Principal& p) {
    auto listed = attention_->List(p);
    EXPECT_TRUE(listed.ok()) << listed.error().message;
    return listed.ok() ? listed.value() : std::vector<service::AttentionEntry>{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<service::AuditWriter> audit_;
  std::unique_ptr<service::AttentionService> attention_;
  Id clinic_ = 0, admin_ = 0, first_ = 0, second_ = 0;
  Id due_session_ = 0;
  Id due_ = 0, overdue_ = 0, flare_ = 0, red_ = 0, reassessed_ = 0, others_flare_ = 0;
};

std::vector<Id> ClientIds(const std::vector<service::AttentionEntry>& entries) {
  std::vector<Id> ids;
  for (const auto& entry : entries)
    ids.push_back(entry.item.client_id);
  return ids;
}

TEST_F(AttentionServiceTest, OrdersRedFlagsThenFlareThenOverdueThenDue) {
  const auto entries = ListFor(Staff(first_, storage::Role::practitioner));
  ASSERT_EQ(ClientIds(entries), (std::vector<Id>{red_, flare_, overdue_, due_}));
  EXPECT_EQ(entries[0].item.tier, AttentionTier::red_flags);
  EXPECT_EQ(entries[0].name, "Red Referral");
  EXPECT_EQ(entries[0].item.reasons.front().rule_id, "attention.red_flags");
  EXPECT_EQ(entries[1].item.tier, AttentionTier::flare);
  EXPECT_EQ(entries[1].item.reasons.front().rule_id, "attention.flare");
  EXPECT_EQ(entries[2].item.tier, AttentionTier::overdue_check_in);
  EXPECT_EQ(entries[2].item.reasons.front().text, "1 check-in(s) overdue");
  EXPECT_EQ(entries[3].item.tier, AttentionTier::due_check_in);
  EXPECT_EQ(entries[3].name, "Dee Due");
}

// The service remembers responses between lists; a check-in added since must
// still count.
TEST_F(AttentionServiceTest, ACheckInAddedAfterAListIsReadByTheNext) {
  const auto practitioner = Staff(first_, storage::Role::practitioner);
  ASSERT_EQ(ListFor(practitioner).back().item.tier, AttentionTier::due_check_in);
  ASSERT_TRUE(store_
                  ->Write([&](storage::WriteTx& tx) {
                    CaseloadWriter(tx).CheckIn(due_session_, CheckInKind::after_24h, 9,
                                               kNow - kHour, /*flare=*/true);
                    return storage::Status{};
                  })
                  .ok());
  const auto entries = ListFor(practitioner);
  // Dee's flare began 30 h ago, before Flo's (26 h): Dee comes first.
  ASSERT_EQ(ClientIds(entries), (std::vector<Id>{red_, due_, flare_, overdue_}));
  EXPECT_EQ(entries[1].item.tier, AttentionTier::flare);
}

TEST_F(AttentionServiceTest, AFlareUnderAnEarlierAssessmentIsNotListed) {
  const auto ids = ClientIds(ListFor(Staff(first_, storage::Role::practitioner)));
  EXPECT_EQ(std::count(ids.begin(), ids.end(), reassessed_), 0);
}

TEST_F(AttentionServiceTest, APractitionerSeesOnlyTheirOwnClients) {
  const auto entries = ListFor(Staff(second_, storage::Role::practitioner));
  ASSERT_EQ(ClientIds(entries), std::vector<Id>{others_flare_});
  EXPECT_EQ(entries[0].item.tier, AttentionTier::flare);
  EXPECT_EQ(entries[0].name, "");
}

TEST_F(AttentionServiceTest, AnAdminSeesEveryClientOfTheirClinicOnly) {
  const auto entries = ListFor(Staff(admin_, storage::Role::admin));
  // Two flares: the one that began earlier (40 h ago) waits longer.
  EXPECT_EQ(ClientIds(entries), (std::vector<Id>{red_, others_flare_, flare_, overdue_, due_}));
}

TEST_F(AttentionServiceTest, AClientIsRefusedAndTheReadsAreAudited) {
  const auto refused = attention_->List({due_, clinic_, storage::Role::client, "127.0.0.1"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::forbidden);
  ListFor(Staff(first_, storage::Role::practitioner));
  ASSERT_TRUE(audit_->Flush());

  std::vector<storage::AuditRow> rows;
  ASSERT_TRUE(store_
                  ->Read([&](storage::ReadTx& tx) {
                    storage::AuditFilter filter;
                    filter.action = "attention.list";
                    rows = tx.Audit(clinic_, filter, {});
                    return storage::Status{};
                  })
                  .ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].outcome, "denied");
  EXPECT_EQ(rows[0].actor_role, "client");
  EXPECT_EQ(rows[1].outcome, "ok");
  EXPECT_EQ(rows[1].actor_user_id, first_);
}

}  // namespace
}  // namespace backplan::testing
