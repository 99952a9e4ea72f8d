// Meaningful change on NPRS, ODI and RMDQ (CLINICAL.md section 0, 1.1, 1.2,
// 1.4, 6.6): the MDC floor first, then the absolute or 30 % threshold. The
// vectors are derived by hand; each states the arithmetic.

#include "core/care/meaningful_change.h"

#include <gtest/gtest.h>

#include <string>

namespace backplan::core {
namespace {

struct Vector {
  Instrument instrument;
  double baseline;
  double latest;
  bool meaningful;
  ChangeDirection direction;
  const char* rule_id;
  const char* why;
};

void Expect(const Vector& v) {
  const MeaningfulChange c = AssessChange(v.instrument, v.baseline, v.latest);
  const std::string ctx = std::string(Name(v.instrument)) + " " + std::to_string(v.baseline) +
                          " → " + std::to_string(v.latest) + ": " + v.why;
  EXPECT_EQ(c.meaningful, v.meaningful) << ctx << "\n" << c.reason.text;
  EXPECT_EQ(c.direction, v.direction) << ctx;
  EXPECT_EQ(c.reason.rule_id, v.rule_id) << ctx;
  EXPECT_DOUBLE_EQ(c.change, v.latest - v.baseline) << ctx;
  EXPECT_FALSE(c.reason.text.empty()) << ctx;
  EXPECT_FALSE(c.reason.source.empty()) << ctx;
}

constexpr auto kImproved = ChangeDirection::improved;
constexpr auto kWorsened = ChangeDirection::worsened;
constexpr auto kUnchanged = ChangeDirection::unchanged;

TEST(MeaningfulChange, NprsVectors) {
  const Vector vectors[] = {
      {Instrument::nprs, 6, 4, true, kImproved, "change.nprs.meaningful",
       "−2 (33 %): the CLINICAL.md 1.4 vector"},
      {Instrument::nprs, 2, 1, false, kImproved, "change.nprs.below_mdc",
       "−1 is 50 % but below the MDC of 1.77"},
      {Instrument::nprs, 9, 7, true, kImproved, "change.nprs.meaningful",
       "−2 is only 22 % but meets the 2-point threshold"},
      {Instrument::nprs, 5, 3.2, true, kImproved, "change.nprs.meaningful",
       "−1.8 (36 %): above the MDC and 30 %, though under 2 points"},
      {Instrument::nprs, 8, 6.2, false, kImproved, "change.nprs.below_mic",
       "−1.8 (22.5 %): above the MDC but under 2 points and under 30 %"},
      {Instrument::nprs, 1.88, 0.11, true, kImproved, "change.nprs.meaningful",
       "−1.77 exactly the MDC; floating point gives 1.76999…"},
      {Instrument::nprs, 4, 6, true, kWorsened, "change.nprs.meaningful",
       "+2: worsening is judged the same way"},
      {Instrument::nprs, 0, 2, true, kWorsened, "change.nprs.meaningful",
       "+2 from 0: no percentage, the points decide"},
      {Instrument::nprs, 0, 1, false, kWorsened, "change.nprs.below_mdc",
       "+1 from 0: below the MDC"},
      {Instrument::nprs, 5, 5, false, kUnchanged, "change.nprs.none", "no change"},
  };
  for (const auto& v : vectors)
    Expect(v);
}

TEST(MeaningfulChange, OdiVectors) {
  const Vector vectors[] = {
      {Instrument::odi, 40, 30, true, kImproved, "change.odi.meaningful",
       "−10 (25 %): the 10-point threshold, equal to the MDC"},
      // The 30 % threshold alone cannot make an ODI change count: below a
      // baseline of 33.3 it asks for less than the MDC of 10.
      {Instrument::odi, 20, 14, false, kImproved, "change.odi.below_mdc",
       "−6 is 30 % but below the MDC of 10"},
      {Instrument::odi, 50, 42, false, kImproved, "change.odi.below_mdc",
       "−8 (16 %): below the MDC and both thresholds"},
      {Instrument::odi, 50, 35, true, kImproved, "change.odi.meaningful", "−15 (30 %)"},
      {Instrument::odi, 32, 22.2, false, kImproved, "change.odi.below_mdc",
       "−9.8 (31 %): just under the MDC"},
      {Instrument::odi, 100.0 * 16 / 45, 100.0 * 16 / 45 - 10, true, kImproved,
       "change.odi.meaningful", "−10 from an unrounded 35.55…"},
      {Instrument::odi, 30, 40, true, kWorsened, "change.odi.meaningful", "+10"},
  };
  for (const auto& v : vectors)
    Expect(v);
}

TEST(MeaningfulChange, RmdqVectors) {
  const Vector vectors[] = {
      {Instrument::rmdq, 12, 7, true, kImproved, "change.rmdq.meaningful",
       "−5 (42 %): meets the 5 points and the MDC"},
      // The MDC90 is 4–5 points; the upper end is taken.
      {Instrument::rmdq, 10, 7, false, kImproved, "change.rmdq.below_mdc",
       "−3 is 30 % but below the MDC"},
      {Instrument::rmdq, 12, 8, false, kImproved, "change.rmdq.below_mdc",
       "−4 (33 %): inside the 4–5 point measurement error"},
      {Instrument::rmdq, 20, 15, true, kImproved, "change.rmdq.meaningful",
       "−5 is only 25 % but meets the 5 points"},
      {Instrument::rmdq, 3, 0, false, kImproved, "change.rmdq.below_mdc",
       "−3 (100 %): improvement from a baseline under 4 cannot be detected"},
      {Instrument::rmdq, 8, 14, true, kWorsened, "change.rmdq.meaningful", "+6"},
  };
  for (const auto& v : vectors)
    Expect(v);
}

TEST(MeaningfulChange, FractionIsAbsentForAZeroBaseline) {
  EXPECT_FALSE(AssessChange(Instrument::odi, 0, 12).fraction.has_value());
  const auto c = AssessChange(Instrument::odi, 20, 14);
  ASSERT_TRUE(c.fraction.has_value());
  EXPECT_NEAR(*c.fraction, 0.30, 1e-12);
}

TEST(MeaningfulChange, ReasonShowsTheNumbers) {
  const auto c = AssessChange(Instrument::nprs, 2, 1);
  EXPECT_NE(c.reason.text.find("NPRS 2 → 1"), std::string::npos) << c.reason.text;
  EXPECT_NE(c.reason.text.find("50 %"), std::string::npos) << c.reason.text;
  EXPECT_NE(c.reason.text.find("1.77"), std::string::npos) << c.reason.text;
}

// The floor must never be above the absolute threshold, or a change meeting
// the section 0 threshold could still not count.
TEST(MeaningfulChange, ThresholdTableIsConsistent) {
  for (Instrument i : {Instrument::nprs, Instrument::odi, Instrument::rmdq}) {
    const ChangeThreshold& t = ThresholdFor(i);
    EXPECT_EQ(t.instrument, i);
    EXPECT_LE(t.mdc, t.min_points) << Name(i);
    EXPECT_DOUBLE_EQ(t.min_fraction, 0.30) << Name(i);
    EXPECT_NE(std::string(t.source).find("section 0"), std::string::npos) << Name(i);
  }
}

}  // namespace
}  // namespace backplan::core
