// The practitioner's attention list (core/care/attention.h): tiers in order,
// every reason listed, stable order, clients without a reason left off.

#include "core/care/attention.h"

#include <gtest/gtest.h>

#include <random>

namespace backplan::core {
namespace {

ClientCareState Quiet(std::int64_t id) {
  ClientCareState c;
  c.client_id = id;
  c.disposition = Disposition::clear;
  return c;
}

SessionResponse Judged(ResponseKind kind, bool peripheralized = false) {
  SessionResponse r;
  r.kind = kind;
  r.peripheralized = peripheralized;
  return r;
}

TEST(AttentionListTest, QuietClientsAreLeftOff) {
  const std::vector<ClientCareState> clients = {Quiet(1), Quiet(2)};
  EXPECT_TRUE(AttentionList(clients).empty());
}

TEST(AttentionListTest, CautionIsNotARedFlagButReferralIs) {
  auto caution = Quiet(1);
  caution.disposition = Disposition::treat_with_caution;
  auto refer = Quiet(2);
  refer.disposition = Disposition::refer_before_treatment;
  const std::vector<ClientCareState> clients = {caution, refer};
  const auto list = AttentionList(clients);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].client_id, 2);
  EXPECT_EQ(list[0].tier, AttentionTier::red_flags);
  EXPECT_EQ(list[0].reasons[0].rule_id, "attention.red_flags");
}

TEST(AttentionListTest, TiersComeInOrderOfUrgency) {
  auto due = Quiet(1);
  due.due_check_ins = 1;
  auto relief = Quiet(2);
  relief.advice.push_back({CareAdviceKind::address_triggers, "x", {}});
  auto overdue = Quiet(3);
  overdue.overdue_check_ins = 2;
  auto flare = Quiet(4);
  flare.last_judged = Judged(ResponseKind::flare);
  auto emergency = Quiet(5);
  emergency.disposition = Disposition::emergency;
  const std::vector<ClientCareState> clients = {due, relief, overdue, flare, emergency};
  const auto list = AttentionList(clients);
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].client_id, 5);
  EXPECT_EQ(list[1].client_id, 4);
  EXPECT_EQ(list[2].client_id, 3);
  EXPECT_EQ(list[3].client_id, 2);
  EXPECT_EQ(list[4].client_id, 1);
  EXPECT_EQ(list[2].reasons[0].text, "2 check-in(s) overdue");
}

TEST(AttentionListTest, AClientWithSeveralReasonsIsListedOnceWithAllOfThem) {
  auto c = Quiet(7);
  c.last_judged = Judged(ResponseKind::flare, true);
  c.due_check_ins = 1;
  c.advice.push_back({CareAdviceKind::de_escalate_and_refer, "x", {}});
  const std::vector<ClientCareState> clients = {c};
  const auto list = AttentionList(clients);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].tier, AttentionTier::flare);
  ASSERT_EQ(list[0].reasons.size(), 3u);
  EXPECT_NE(list[0].reasons[0].text.find("further down"), std::string::npos);
  EXPECT_EQ(list[0].reasons[1].rule_id, "attention.de_escalate");
  EXPECT_EQ(list[0].reasons[2].rule_id, "attention.due_check_in");
}

TEST(AttentionListTest, WithinATierTheLongestWaitingComesFirstThenTheLowerId) {
  auto a = Quiet(3);
  a.overdue_check_ins = 1;
  a.waiting_since = 200;
  auto b = Quiet(2);
  b.overdue_check_ins = 1;
  b.waiting_since = 100;
  auto c = Quiet(1);
  c.overdue_check_ins = 1;
  c.waiting_since = 200;
  const std::vector<ClientCareState> clients = {a, b, c};
  const auto list = AttentionList(clients);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].client_id, 2);
  EXPECT_EQ(list[1].client_id, 1);
  EXPECT_EQ(list[2].client_id, 3);
}

// Property: on random caseloads every listed client has a reason, its tier is
// that of its first reason, and the list is sorted by tier.
TEST(AttentionListProperty, SortedByTierAndEveryEntryExplained) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::vector<ClientCareState> clients;
    for (int id = 1; id <= 50; ++id) {
      auto c = Quiet(id);
      c.disposition = static_cast<Disposition>(rng() % 5);
      if (rng() % 3 == 0)
        c.last_judged = Judged(static_cast<ResponseKind>(rng() % 5), rng() % 2 == 0);
      c.overdue_check_ins = static_cast<int>(rng() % 3);
      c.due_check_ins = static_cast<int>(rng() % 3);
      c.waiting_since = static_cast<std::int64_t>(rng() % 1000);
      clients.push_back(c);
    }
    const auto list = AttentionList(clients);
    for (std::size_t i = 0; i < list.size(); ++i) {
      ASSERT_FALSE(list[i].reasons.empty());
      if (i > 0) {
        ASSERT_LE(list[i - 1].tier, list[i].tier);
      }
    }
  }
}

}  // namespace
}  // namespace backplan::core
