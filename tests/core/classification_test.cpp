// Classification: duration bands, symptom pattern, Quebec category,
// irritability, intolerances, stability and guarding (CLINICAL.md 0 and 3).

#include "core/classification.h"

#include <gtest/gtest.h>

#include "support/intake_gen.h"

namespace backplan::core {
namespace {

using testing::BaselineIntake;
using testing::DaysBefore;

Intake WithDays(int days) {
  Intake in = BaselineIntake();
  in.onset_date = DaysBefore(in.assessed_on, days);
  return in;
}

TEST(Acuity, BandsAtTheBoundaries) {
  struct Case {
    int days;
    Acuity acuity;
  };
  const Case cases[] = {{0, Acuity::acute},     {41, Acuity::acute},   {42, Acuity::subacute},
                        {84, Acuity::subacute}, {85, Acuity::chronic}, {3650, Acuity::chronic}};
  for (const auto& c : cases) {
    const auto cls = Classify(WithDays(c.days));
    EXPECT_EQ(cls.acuity, c.acuity) << c.days << " days";
    EXPECT_EQ(cls.days_since_onset, c.days);
    EXPECT_DOUBLE_EQ(cls.weeks_since_onset, c.days / 7.0);
  }
}

TEST(Acuity, CountsCalendarDaysAcrossMonthsAndLeapYears) {
  Intake in = BaselineIntake();
  in.onset_date = testing::Ymd(2028, 2, 1);
  in.assessed_on = testing::Ymd(2028, 3, 14);  // 2028 is a leap year: 29 + 13 = 42 days
  const auto cls = Classify(in);
  EXPECT_EQ(cls.days_since_onset, 42);
  EXPECT_EQ(cls.acuity, Acuity::subacute);
}

TEST(Acuity, ReasonNamesTheDays) {
  const auto cls = Classify(WithDays(41));
  ASSERT_FALSE(cls.reasons.empty());
  bool found = false;
  for (const auto& r : cls.reasons)
    if (r.rule_id == "classify.acuity") {
      found = true;
      EXPECT_NE(r.text.find("41"), std::string::npos);
      EXPECT_FALSE(r.source.empty());
    }
  EXPECT_TRUE(found);
}

struct PatternCase {
  LegExtent extent;
  Side side;
  bool numbness, tingling, weakness;
  Pattern pattern;
  int quebec;
  bool possible_radicular;
};

class PatternRules : public ::testing::TestWithParam<PatternCase> {};

TEST_P(PatternRules, FollowsSectionZero) {
  const auto& c = GetParam();
  Intake in = BaselineIntake();
  in.leg_extent = c.extent;
  in.leg_side = c.side;
  in.neuro.numbness = c.numbness;
  in.neuro.tingling = c.tingling;
  in.neuro.weakness = c.weakness;
  const auto cls = Classify(in);
  EXPECT_EQ(cls.pattern, c.pattern);
  EXPECT_EQ(cls.quebec_category, c.quebec);
  EXPECT_EQ(cls.possible_radicular, c.possible_radicular);
}

INSTANTIATE_TEST_SUITE_P(
    Section0, PatternRules,
    ::testing::Values(
        // Back only → localized, Quebec 1.
        PatternCase{LegExtent::none, Side::none, false, false, false, Pattern::localized, 1, false},
        // Buttock or thigh without neuro signs → referred, Quebec 2.
        PatternCase{LegExtent::buttock, Side::left, false, false, false, Pattern::referred, 2,
                    false},
        PatternCase{LegExtent::thigh, Side::right, false, false, false, Pattern::referred, 2,
                    false},
        // Below the knee → radicular, Quebec 3.
        PatternCase{LegExtent::below_knee, Side::left, false, false, false, Pattern::radicular, 3,
                    false},
        PatternCase{LegExtent::foot, Side::right, false, false, false, Pattern::radicular, 3,
                    false},
        // Any numbness, tingling or weakness → radicular, possible radicular.
        PatternCase{LegExtent::thigh, Side::left, true, false, false, Pattern::radicular, 2, true},
        PatternCase{LegExtent::buttock, Side::left, false, true, false, Pattern::radicular, 2,
                    true},
        PatternCase{LegExtent::none, Side::none, false, false, true, Pattern::radicular, 1, true},
        PatternCase{LegExtent::foot, Side::left, true, true, true, Pattern::radicular, 3, true}));

TEST(Pattern, ProgressiveWeaknessAloneIsRadicular) {
  Intake in = BaselineIntake();
  in.neuro.progressive_weakness = true;
  const auto cls = Classify(in);
  EXPECT_EQ(cls.pattern, Pattern::radicular);
  EXPECT_TRUE(cls.possible_radicular);
}

TEST(Irritability, HighLowModerate) {
  Intake in = BaselineIntake();
  in.nprs = {7, 5, 7};
  EXPECT_EQ(Classify(in).irritability, Irritability::high);  // now ≥ 7
  in.nprs = {4, 2, 8};
  EXPECT_EQ(Classify(in).irritability, Irritability::high);  // worst ≥ 8
  in.nprs = {2, 1, 3};
  EXPECT_EQ(Classify(in).irritability, Irritability::low);
  in.nprs = {5, 3, 6};
  EXPECT_EQ(Classify(in).irritability, Irritability::moderate);
  // Worst 7 with three provoking movements is high.
  in.nprs = {5, 3, 7};
  EXPECT_EQ(Classify(in).irritability, Irritability::moderate);
  in.provocation[static_cast<std::size_t>(Movement::flexion)] = ProvocationResponse::provokes;
  in.provocation[static_cast<std::size_t>(Movement::sitting)] = ProvocationResponse::provokes;
  in.provocation[static_cast<std::size_t>(Movement::standing)] = ProvocationResponse::provokes;
  EXPECT_EQ(Classify(in).irritability, Irritability::high);
}

TEST(Classification, IntolerancesRelievingStabilityGuarding) {
  Intake in = BaselineIntake();
  in.provocation[static_cast<std::size_t>(Movement::flexion)] = ProvocationResponse::provokes;
  in.provocation[static_cast<std::size_t>(Movement::sitting)] = ProvocationResponse::provokes;
  in.provocation[static_cast<std::size_t>(Movement::extension)] = ProvocationResponse::eases;
  in.provocation[static_cast<std::size_t>(Movement::lying)] = ProvocationResponse::neutral;
  in.instability = true;
  in.guarding = true;
  const auto cls = Classify(in);
  EXPECT_EQ(cls.intolerances, (std::vector<Movement>{Movement::flexion, Movement::sitting}));
  EXPECT_EQ(cls.relieving, std::vector<Movement>{Movement::extension});
  EXPECT_TRUE(cls.Intolerant(Movement::flexion));
  EXPECT_FALSE(cls.Intolerant(Movement::extension));
  EXPECT_FALSE(cls.Intolerant(Movement::lying));
  EXPECT_TRUE(cls.stability_concern);
  EXPECT_TRUE(cls.guarding);
}

TEST(Classification, AcuteAndIrritableNeedsBoth) {
  Intake in = WithDays(10);
  in.nprs = {8, 6, 9};
  EXPECT_TRUE(Classify(in).AcuteAndIrritable());
  in.onset_date = DaysBefore(in.assessed_on, 42);
  EXPECT_FALSE(Classify(in).AcuteAndIrritable());
  in.onset_date = DaysBefore(in.assessed_on, 10);
  in.nprs = {5, 3, 6};
  EXPECT_FALSE(Classify(in).AcuteAndIrritable());
}

TEST(Classification, EveryConclusionHasAReasonWithSource) {
  Intake in = BaselineIntake();
  in.instability = true;
  in.guarding = true;
  in.provocation[0] = ProvocationResponse::provokes;
  const auto cls = Classify(in);
  for (const char* id :
       {"classify.acuity", "classify.pattern", "classify.quebec", "classify.irritability",
        "classify.intolerances", "classify.stability", "classify.guarding"}) {
    const auto it = std::find_if(cls.reasons.begin(), cls.reasons.end(),
                                 [&](const Reason& r) { return r.rule_id == id; });
    ASSERT_NE(it, cls.reasons.end()) << id;
    EXPECT_FALSE(it->text.empty()) << id;
    EXPECT_FALSE(it->source.empty()) << id;
  }
}

}  // namespace
}  // namespace backplan::core
