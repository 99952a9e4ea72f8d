// RMDQ (CLINICAL.md 1.2), PSFS (1.5) and the way an intake's scores are put
// together.

#include <gtest/gtest.h>

#include "core/scores/psfs.h"
#include "core/scores/rmdq.h"
#include "core/scores/scores.h"

namespace backplan::core {
namespace {

TEST(Rmdq, ScoreIsTheNumberOfTickedItems) {
  EXPECT_EQ(ScoreRmdq({}), 0);
  EXPECT_EQ(ScoreRmdq({2, 5, 11}), 3);
  EXPECT_EQ(ScoreRmdq({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), 12);
  std::vector<int> all;
  for (int i = 1; i <= kRmdqItems; ++i)
    all.push_back(i);
  EXPECT_EQ(ScoreRmdq(all), 24);
}

TEST(Psfs, MeanOfActivities) {
  const auto mean = ScorePsfs({{"a", 3}, {"b", 5}, {"c", 7}});
  ASSERT_TRUE(mean.has_value());
  EXPECT_DOUBLE_EQ(*mean, 5.0);
}

TEST(Psfs, MeanIsNotRounded) {
  const auto mean = ScorePsfs({{"a", 4}, {"b", 3}, {"c", 3}});
  ASSERT_TRUE(mean.has_value());
  EXPECT_DOUBLE_EQ(*mean, 10.0 / 3.0);
}

TEST(Psfs, NoActivitiesNoScore) {
  EXPECT_FALSE(ScorePsfs({}).has_value());
}

TEST(Psfs, SingleActivityAndExtremes) {
  EXPECT_DOUBLE_EQ(*ScorePsfs({{"a", 0}}), 0.0);
  EXPECT_DOUBLE_EQ(*ScorePsfs({{"a", 10}, {"b", 10}}), 10.0);
}

TEST(ScoreIntake, OnlyAnsweredInstrumentsAreScored) {
  Intake in;
  in.nprs = {6, 3, 8};
  auto s = ScoreIntake(in);
  EXPECT_EQ(s.nprs.now, 6);
  EXPECT_EQ(s.nprs.best_24h, 3);
  EXPECT_EQ(s.nprs.worst_24h, 8);
  EXPECT_FALSE(s.odi.has_value());
  EXPECT_FALSE(s.rmdq.has_value());
  EXPECT_FALSE(s.start_back.has_value());
  EXPECT_FALSE(s.psfs_mean.has_value());

  in.questionnaires.rmdq = std::vector<int>{2, 5, 11};
  in.questionnaires.psfs = {{"a", 3}, {"b", 5}, {"c", 7}};
  std::array<OdiSection, 10> odi;
  for (auto& section : odi)
    section.ticks = {1};
  odi[0].ticks = {2, 4};
  in.questionnaires.odi = odi;
  s = ScoreIntake(in);
  ASSERT_TRUE(s.rmdq && s.psfs_mean && s.odi);
  EXPECT_EQ(*s.rmdq, 3);
  EXPECT_DOUBLE_EQ(*s.psfs_mean, 5.0);
  EXPECT_EQ(s.odi->sum, 13);
  EXPECT_DOUBLE_EQ(*s.odi->percent, 26.0);
}

}  // namespace
}  // namespace backplan::core
