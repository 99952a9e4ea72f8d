// Keele STarT Back scoring: the derived table of CLINICAL.md 1.3 and the
// missing-item product rule.

#include "core/scores/start_back.h"

#include <gtest/gtest.h>

namespace backplan::core {
namespace {

StartBackAnswers Answers(std::vector<int> agree, std::optional<Bothersomeness> item9) {
  StartBackAnswers a;
  a.agree = std::move(agree);
  a.bothersomeness = item9;
  return a;
}

struct Row {
  std::vector<int> agree;
  Bothersomeness item9;
  int total;
  int psychosocial;
  StartBackRisk risk;
};

void PrintTo(const Row& row, std::ostream* os) {
  *os << "agree {";
  for (int i : row.agree)
    *os << ' ' << i;
  *os << " }, item 9 = " << static_cast<int>(row.item9);
}

class StartBackTable : public ::testing::TestWithParam<Row> {};

TEST_P(StartBackTable, MatchesClinicalVector) {
  const Row& row = GetParam();
  const auto score = ScoreStartBack(Answers(row.agree, row.item9));
  EXPECT_TRUE(score.missing_items.empty());
  ASSERT_TRUE(score.total && score.psychosocial && score.risk);
  EXPECT_EQ(*score.total, row.total);
  EXPECT_EQ(*score.psychosocial, row.psychosocial);
  EXPECT_EQ(*score.risk, row.risk);
}

INSTANTIATE_TEST_SUITE_P(
    Clinical, StartBackTable,
    ::testing::Values(
        Row{{}, Bothersomeness::moderately, 0, 0, StartBackRisk::low},
        Row{{6, 7, 8}, Bothersomeness::slightly, 3, 3, StartBackRisk::low},
        Row{{1, 2, 3, 4}, Bothersomeness::slightly, 4, 0, StartBackRisk::medium},
        Row{{5, 6, 7}, Bothersomeness::extremely, 4, 4, StartBackRisk::high},
        Row{{5, 6, 7, 8}, Bothersomeness::extremely, 5, 5, StartBackRisk::high},
        // More edges: total 4 with subscale 3 is medium; all 9 is high.
        Row{{1, 5, 6, 7}, Bothersomeness::not_at_all, 4, 3, StartBackRisk::medium},
        Row{{1, 2, 3, 4, 5, 6, 7, 8}, Bothersomeness::very_much, 9, 5, StartBackRisk::high},
        Row{{1, 2, 3}, Bothersomeness::very_much, 4, 1, StartBackRisk::medium}));

TEST(StartBack, Item9PositiveOnlyForVeryMuchOrExtremely) {
  const std::pair<Bothersomeness, int> cases[] = {{Bothersomeness::not_at_all, 0},
                                                  {Bothersomeness::slightly, 0},
                                                  {Bothersomeness::moderately, 0},
                                                  {Bothersomeness::very_much, 1},
                                                  {Bothersomeness::extremely, 1}};
  for (const auto& [item9, positive] : cases) {
    const auto score = ScoreStartBack(Answers({}, item9));
    ASSERT_TRUE(score.total && score.psychosocial);
    EXPECT_EQ(*score.total, positive) << static_cast<int>(item9);
    EXPECT_EQ(*score.psychosocial, positive) << static_cast<int>(item9);
  }
}

TEST(StartBack, SubscaleIsItems5To9NotTheTrapOrder) {
  // Items 1 and 4 are in the wrong subscale some copies print; they must not count.
  const auto score = ScoreStartBack(Answers({1, 4, 7, 8}, Bothersomeness::extremely));
  ASSERT_TRUE(score.psychosocial && score.risk);
  EXPECT_EQ(*score.total, 5);
  EXPECT_EQ(*score.psychosocial, 3);
  EXPECT_EQ(*score.risk, StartBackRisk::medium);
}

TEST(StartBack, MissingItem9GivesNoClass) {
  const auto score = ScoreStartBack(Answers({1, 2, 3, 4, 5, 6, 7, 8}, std::nullopt));
  EXPECT_EQ(score.missing_items, std::vector<int>{9});
  EXPECT_FALSE(score.total.has_value());
  EXPECT_FALSE(score.psychosocial.has_value());
  EXPECT_FALSE(score.risk.has_value());
}

TEST(StartBack, ItemInNeitherListIsMissingWhenDisagreeIsGiven) {
  auto answers = Answers({1, 2}, Bothersomeness::slightly);
  answers.disagree = std::vector<int>{3, 4, 5, 6, 8};  // 7 is missing
  const auto score = ScoreStartBack(answers);
  EXPECT_EQ(score.missing_items, std::vector<int>{7});
  EXPECT_FALSE(score.risk.has_value());
  EXPECT_FALSE(score.total.has_value());
}

TEST(StartBack, CompleteDisagreeListClassifies) {
  auto answers = Answers({1, 2}, Bothersomeness::slightly);
  answers.disagree = std::vector<int>{3, 4, 5, 6, 7, 8};
  const auto score = ScoreStartBack(answers);
  EXPECT_TRUE(score.missing_items.empty());
  ASSERT_TRUE(score.risk.has_value());
  EXPECT_EQ(*score.total, 2);
  EXPECT_EQ(*score.risk, StartBackRisk::low);
}

TEST(StartBack, Names) {
  EXPECT_EQ(Name(StartBackRisk::low), "low");
  EXPECT_EQ(Name(StartBackRisk::medium), "medium");
  EXPECT_EQ(Name(StartBackRisk::high), "high");
}

}  // namespace
}  // namespace backplan::core
