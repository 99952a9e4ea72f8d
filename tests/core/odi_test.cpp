// ODI v2.1a scoring and bands: the published and derived vectors of
// CLINICAL.md 1.1 and the product rules of section 0.

#include "core/scores/odi.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>

namespace backplan::core {
namespace {

// Ten sections from single ticks; -1 = not answered.
std::array<OdiSection, 10> Sections(std::initializer_list<int> ticks) {
  std::array<OdiSection, 10> sections;
  std::size_t i = 0;
  for (int t : ticks) {
    if (t >= 0)
      sections[i].ticks.push_back(t);
    ++i;
  }
  return sections;
}

double Display(double percent) {
  return std::round(percent * 10.0) / 10.0;
}

TEST(Odi, Sum16Over10SectionsIs32Percent) {
  const auto score = ScoreOdi(Sections({2, 2, 2, 2, 2, 2, 1, 1, 1, 1}));
  EXPECT_EQ(score.sections_answered, 10);
  EXPECT_EQ(score.sum, 16);
  ASSERT_TRUE(score.percent.has_value());
  EXPECT_DOUBLE_EQ(*score.percent, 32.0);
  EXPECT_EQ(score.band, OdiBand::moderate);
}

TEST(Odi, Sum16Over9SectionsKeepsTheExactValue) {
  const auto score = ScoreOdi(Sections({2, 2, 2, 2, 2, 2, 2, 1, 1, -1}));
  EXPECT_EQ(score.sections_answered, 9);
  EXPECT_EQ(score.sum, 16);
  ASSERT_TRUE(score.percent.has_value());
  EXPECT_DOUBLE_EQ(*score.percent, 1600.0 / 45.0);  // 35.555…, not truncated to 35.5
  EXPECT_NE(*score.percent, 35.5);
  EXPECT_NE(*score.percent, 35.6);
  EXPECT_DOUBLE_EQ(Display(*score.percent), 35.6);
  EXPECT_EQ(score.band, OdiBand::moderate);
}

TEST(Odi, AllZeroIsZero) {
  const auto score = ScoreOdi(Sections({0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  ASSERT_TRUE(score.percent.has_value());
  EXPECT_DOUBLE_EQ(*score.percent, 0.0);
  EXPECT_EQ(score.band, OdiBand::minimal);
}

TEST(Odi, AllFiveIsHundred) {
  const auto score = ScoreOdi(Sections({5, 5, 5, 5, 5, 5, 5, 5, 5, 5}));
  EXPECT_EQ(score.sum, 50);
  ASSERT_TRUE(score.percent.has_value());
  EXPECT_DOUBLE_EQ(*score.percent, 100.0);
  EXPECT_EQ(score.band, OdiBand::bed_bound);
}

TEST(Odi, DoubleTickCountsTheHigher) {
  auto sections = Sections({0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  sections[3].ticks = {2, 4};
  auto score = ScoreOdi(sections);
  EXPECT_EQ(score.sum, 4);
  EXPECT_DOUBLE_EQ(*score.percent, 8.0);
  sections[3].ticks = {4, 2};  // order does not matter
  score = ScoreOdi(sections);
  EXPECT_EQ(score.sum, 4);
  EXPECT_EQ(score.sections_answered, 10);
}

TEST(Odi, EightSectionsAreEnough) {
  const auto score = ScoreOdi(Sections({1, 1, 1, 1, 1, 1, 1, 1, -1, -1}));
  EXPECT_EQ(score.sections_answered, 8);
  ASSERT_TRUE(score.percent.has_value());
  EXPECT_DOUBLE_EQ(*score.percent, 20.0);  // 8 / 40
  EXPECT_EQ(score.band, OdiBand::minimal);
}

TEST(Odi, SevenSectionsAreIncomplete) {
  const auto score = ScoreOdi(Sections({3, 3, 3, 3, 3, 3, 3, -1, -1, -1}));
  EXPECT_EQ(score.sections_answered, 7);
  EXPECT_EQ(score.sum, 21);
  EXPECT_FALSE(score.percent.has_value());
  EXPECT_FALSE(score.band.has_value());
}

TEST(Odi, NoSectionsAnsweredIsIncomplete) {
  const auto score = ScoreOdi(std::array<OdiSection, 10>{});
  EXPECT_EQ(score.sections_answered, 0);
  EXPECT_FALSE(score.percent.has_value());
}

TEST(OdiBands, ValueOnABoundaryBelongsToTheLowerBand) {
  EXPECT_EQ(BandForOdi(0), OdiBand::minimal);
  EXPECT_EQ(BandForOdi(20), OdiBand::minimal);
  EXPECT_EQ(BandForOdi(20.0001), OdiBand::moderate);
  EXPECT_EQ(BandForOdi(20.5), OdiBand::moderate);  // not Soapnote's >20.9 cut
  EXPECT_EQ(BandForOdi(40), OdiBand::moderate);
  EXPECT_EQ(BandForOdi(40.0001), OdiBand::severe);
  EXPECT_EQ(BandForOdi(60), OdiBand::severe);
  EXPECT_EQ(BandForOdi(60.0001), OdiBand::crippling);
  EXPECT_EQ(BandForOdi(80), OdiBand::crippling);
  EXPECT_EQ(BandForOdi(80.1), OdiBand::bed_bound);
  EXPECT_EQ(BandForOdi(100), OdiBand::bed_bound);
}

TEST(OdiBands, ScoredBoundaryValues) {
  // 20 % exactly from answers: sum 10 over 10 sections.
  EXPECT_EQ(ScoreOdi(Sections({1, 1, 1, 1, 1, 1, 1, 1, 1, 1})).band, OdiBand::minimal);
  // 22 %: sum 11.
  EXPECT_EQ(ScoreOdi(Sections({2, 1, 1, 1, 1, 1, 1, 1, 1, 1})).band, OdiBand::moderate);
  // 80 % exactly: sum 40.
  EXPECT_EQ(ScoreOdi(Sections({4, 4, 4, 4, 4, 4, 4, 4, 4, 4})).band, OdiBand::crippling);
  // 82 %: sum 41.
  EXPECT_EQ(ScoreOdi(Sections({5, 4, 4, 4, 4, 4, 4, 4, 4, 4})).band, OdiBand::bed_bound);
}

TEST(OdiBands, Names) {
  EXPECT_EQ(Name(OdiBand::minimal), "minimal");
  EXPECT_EQ(Name(OdiBand::moderate), "moderate");
  EXPECT_EQ(Name(OdiBand::severe), "severe");
  EXPECT_EQ(Name(OdiBand::crippling), "crippling");
  EXPECT_EQ(Name(OdiBand::bed_bound), "bed_bound");
}

}  // namespace
}  // namespace backplan::core
