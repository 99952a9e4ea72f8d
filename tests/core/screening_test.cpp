// Screening: red flags override everything (CLINICAL.md section 0 and 2.1).

#include "core/screening.h"

#include <gtest/gtest.h>

#include "core/assessment.h"
#include "core/names.h"
#include "support/intake_gen.h"

namespace backplan::core {
namespace {

using testing::BaselineIntake;

Screening ScreenOf(const Intake& in) {
  const auto cls = Classify(in);
  const auto scores = ScoreIntake(in);
  return Screen(in, cls, scores);
}

bool HasFlagId(const Screening& s, const std::string& id) {
  return std::any_of(s.flags.begin(), s.flags.end(), [&](const Flag& f) { return f.id == id; });
}

void Set(Intake& in, RedFlag f, std::optional<bool> v) {
  in.red_flags[static_cast<std::size_t>(f)] = v;
}

constexpr RedFlag kCaudaEquina[] = {RedFlag::saddle_anesthesia,      RedFlag::bladder_dysfunction,
                                    RedFlag::bowel_dysfunction,      RedFlag::sexual_dysfunction,
                                    RedFlag::bilateral_leg_symptoms, RedFlag::gait_disturbance};

TEST(Screening, BaselineIsClear) {
  const auto s = ScreenOf(BaselineIntake());
  EXPECT_EQ(s.disposition, Disposition::clear);
  EXPECT_TRUE(s.PlanAllowed());
  EXPECT_TRUE(s.not_asked.empty());
  EXPECT_TRUE(s.flags.empty());
}

TEST(Screening, DispositionIsOrderedBySeverity) {
  EXPECT_LT(Disposition::clear, Disposition::treat_with_caution);
  EXPECT_LT(Disposition::treat_with_caution, Disposition::refer_before_treatment);
  EXPECT_LT(Disposition::refer_before_treatment, Disposition::urgent_referral);
  EXPECT_LT(Disposition::urgent_referral, Disposition::emergency);
}

class CaudaEquinaFeature : public ::testing::TestWithParam<RedFlag> {};

TEST_P(CaudaEquinaFeature, IsAnEmergencyWithNoPlan) {
  Intake in = BaselineIntake();
  Set(in, GetParam(), true);
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::emergency);
  EXPECT_FALSE(s.PlanAllowed());
  ASSERT_FALSE(s.flags.empty());
  EXPECT_EQ(s.flags.front().kind, FlagKind::red);
  EXPECT_EQ(s.flags.front().disposition, Disposition::emergency);
  EXPECT_NE(s.flags.front().id.find("cauda_equina"), std::string::npos);
  EXPECT_NE(s.flags.front().advice.find("Emergency"), std::string::npos);
  EXPECT_FALSE(Assess(in).plan.has_value());
}

TEST_P(CaudaEquinaFeature, IsAnEmergencyWhateverElseIsFound) {
  // Even a chronic, calm, treat-with-caution intake with a contraindication.
  Intake in = BaselineIntake();
  in.contraindications[static_cast<std::size_t>(Contraindication::dvt)] = true;
  Set(in, RedFlag::osteoporosis, true);
  Set(in, GetParam(), true);
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::emergency);
}

INSTANTIATE_TEST_SUITE_P(AllFeatures, CaudaEquinaFeature, ::testing::ValuesIn(kCaudaEquina),
                         [](const auto& p) { return std::string(Name(p.param)); });

TEST(Screening, BilateralRadicularLegSymptomsAreAnEmergency) {
  Intake in = BaselineIntake();
  in.leg_extent = LegExtent::below_knee;
  in.leg_side = Side::both;
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::emergency);
  EXPECT_TRUE(HasFlagId(s, "red.cauda_equina.bilateral_radicular"));
  // One-sided radicular pain is not.
  in.leg_side = Side::left;
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::clear);
}

class CaudaEquinaNotAsked : public ::testing::TestWithParam<RedFlag> {};

TEST_P(CaudaEquinaNotAsked, NeverClearAndTheGapComesFirst) {
  Intake in = BaselineIntake();
  Set(in, GetParam(), std::nullopt);
  const auto s = ScreenOf(in);
  EXPECT_NE(s.disposition, Disposition::clear);
  EXPECT_EQ(s.disposition, Disposition::treat_with_caution);
  ASSERT_FALSE(s.flags.empty());
  EXPECT_EQ(s.flags.front().id, "gap.cauda_equina_not_asked");
  EXPECT_EQ(s.flags.front().kind, FlagKind::screening_gap);
  EXPECT_NE(s.flags.front().reason.find(Name(GetParam())), std::string::npos)
      << s.flags.front().reason;
  EXPECT_EQ(s.not_asked, std::vector<RedFlag>{GetParam()});

  // Also in the result's warnings, first.
  const auto a = Assess(in);
  ASSERT_FALSE(a.warnings.empty());
  EXPECT_EQ(a.warnings.front().id, "gap.cauda_equina_not_asked");
}

INSTANTIATE_TEST_SUITE_P(AllFeatures, CaudaEquinaNotAsked, ::testing::ValuesIn(kCaudaEquina),
                         [](const auto& p) { return std::string(Name(p.param)); });

TEST(Screening, NotAskedGapComesBeforeSoftRedFlagsOfEqualSeverity) {
  Intake in = BaselineIntake();
  Set(in, RedFlag::osteoporosis, true);
  Set(in, RedFlag::inflammatory_morning_stiffness, true);
  Set(in, RedFlag::saddle_anesthesia, std::nullopt);
  Set(in, RedFlag::gait_disturbance, std::nullopt);
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::treat_with_caution);
  ASSERT_GE(s.flags.size(), 3u);
  EXPECT_EQ(s.flags.front().id, "gap.cauda_equina_not_asked");
  EXPECT_NE(s.flags.front().reason.find("saddle_anesthesia"), std::string::npos);
  EXPECT_NE(s.flags.front().reason.find("gait_disturbance"), std::string::npos);
}

TEST(Screening, AllRedFlagsNotAskedIsNeverClear) {
  Intake in = BaselineIntake();
  for (auto& f : in.red_flags)
    f = std::nullopt;
  const auto s = ScreenOf(in);
  EXPECT_NE(s.disposition, Disposition::clear);
  EXPECT_EQ(s.not_asked.size(), kRedFlagCount);
  EXPECT_EQ(s.flags.front().id, "gap.cauda_equina_not_asked");
}

TEST(Screening, OtherRedFlagsNotAskedDoNotBlockButAreWarned) {
  Intake in = BaselineIntake();
  Set(in, RedFlag::fever, std::nullopt);
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::clear);
  EXPECT_EQ(s.not_asked, std::vector<RedFlag>{RedFlag::fever});
  const auto a = Assess(in);
  ASSERT_FALSE(a.warnings.empty());
  EXPECT_EQ(a.warnings.front().id, "red_flags_not_asked");
  EXPECT_NE(a.warnings.front().text.find("fever"), std::string::npos);
}

struct SingleFlag {
  RedFlag flag;
  Disposition disposition;
};

class SingleRedFlag : public ::testing::TestWithParam<SingleFlag> {};

TEST_P(SingleRedFlag, RaisesItsDisposition) {
  Intake in = BaselineIntake();
  Set(in, GetParam().flag, true);
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, GetParam().disposition) << Name(GetParam().flag);
  EXPECT_EQ(s.PlanAllowed(), GetParam().disposition <= Disposition::treat_with_caution);
  EXPECT_EQ(Assess(in).plan.has_value(), s.PlanAllowed());
}

INSTANTIATE_TEST_SUITE_P(
    Section0, SingleRedFlag,
    ::testing::Values(SingleFlag{RedFlag::history_of_cancer, Disposition::urgent_referral},
                      SingleFlag{RedFlag::fever, Disposition::urgent_referral},
                      SingleFlag{RedFlag::major_trauma, Disposition::urgent_referral},
                      // A single soft flag → treat with caution.
                      SingleFlag{RedFlag::unexplained_weight_loss, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::night_pain_unrelieved, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::immunosuppression, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::iv_drug_use, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::recent_infection, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::minor_trauma, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::osteoporosis, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::long_term_steroids, Disposition::treat_with_caution},
                      SingleFlag{RedFlag::inflammatory_morning_stiffness,
                                 Disposition::treat_with_caution}),
    [](const auto& p) { return std::string(Name(p.param.flag)); });

TEST(Screening, ProgressiveNeurologicalDeficitIsUrgent) {
  Intake in = BaselineIntake();
  in.neuro.progressive_weakness = true;
  in.leg_extent = LegExtent::below_knee;
  in.leg_side = Side::left;
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::urgent_referral);
  EXPECT_FALSE(Assess(in).plan.has_value());
}

TEST(Screening, AgeOverFiftyWithNewPainAloneIsCaution) {
  Intake in = BaselineIntake();
  in.age = 51;
  in.onset_date = testing::DaysBefore(in.assessed_on, 10);
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::treat_with_caution);
  in.age = 50;  // "over 50"
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::clear);
  in.age = 60;  // long-standing pain is not new pain
  in.onset_date = testing::DaysBefore(in.assessed_on, 200);
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::clear);
}

TEST(Screening, CombinedFlagsEscalate) {
  Intake in = BaselineIntake();
  Set(in, RedFlag::unexplained_weight_loss, true);
  Set(in, RedFlag::night_pain_unrelieved, true);
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::urgent_referral);

  in = BaselineIntake();
  Set(in, RedFlag::immunosuppression, true);
  Set(in, RedFlag::recent_infection, true);
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::urgent_referral);

  in = BaselineIntake();
  Set(in, RedFlag::minor_trauma, true);
  Set(in, RedFlag::osteoporosis, true);
  EXPECT_EQ(ScreenOf(in).disposition, Disposition::urgent_referral);

  in = BaselineIntake();  // three unrelated soft flags → clearance first
  Set(in, RedFlag::osteoporosis, true);
  Set(in, RedFlag::inflammatory_morning_stiffness, true);
  Set(in, RedFlag::night_pain_unrelieved, true);
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::refer_before_treatment);
  EXPECT_FALSE(s.PlanAllowed());
  EXPECT_FALSE(Assess(in).plan.has_value());
}

TEST(Screening, Contraindications) {
  Intake in = BaselineIntake();
  in.contraindications[static_cast<std::size_t>(Contraindication::dvt)] = true;
  auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::refer_before_treatment);
  EXPECT_EQ(s.flags.front().kind, FlagKind::contraindication);
  EXPECT_FALSE(Assess(in).plan.has_value());

  in = BaselineIntake();
  in.contraindications[static_cast<std::size_t>(Contraindication::anticoagulants)] = true;
  s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::treat_with_caution);
  const auto a = Assess(in);
  ASSERT_TRUE(a.plan.has_value());
  for (const auto& r : a.plan->regions) {
    EXPECT_LE(r.pressure_ceiling, 2) << Name(r.region);
    for (Technique t : r.techniques) {
      EXPECT_NE(t, Technique::deep_tissue);
      EXPECT_NE(t, Technique::trigger_point);
    }
  }

  in = BaselineIntake();
  in.contraindications[static_cast<std::size_t>(Contraindication::pregnancy)] = std::nullopt;
  s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::treat_with_caution);
  EXPECT_TRUE(HasFlagId(s, "gap.contraindications_not_asked"));
}

TEST(Screening, YellowFlagsNeverBlockCare) {
  Intake in = BaselineIntake();
  in.stress = 9;
  StartBackAnswers sb;
  sb.agree = {5, 6, 7, 8};
  sb.bothersomeness = Bothersomeness::extremely;
  in.questionnaires.start_back = sb;
  const auto s = ScreenOf(in);
  EXPECT_EQ(s.disposition, Disposition::clear);
  EXPECT_TRUE(HasFlagId(s, "yellow.start_back_high"));
  EXPECT_TRUE(HasFlagId(s, "yellow.high_stress"));
}

TEST(Screening, FlagsAreMostSevereFirstAndCarryReasons) {
  Intake in = BaselineIntake();
  Set(in, RedFlag::osteoporosis, true);
  Set(in, RedFlag::fever, true);
  Set(in, RedFlag::bladder_dysfunction, true);
  in.stress = 9;
  const auto s = ScreenOf(in);
  ASSERT_GE(s.flags.size(), 4u);
  for (std::size_t i = 1; i < s.flags.size(); ++i)
    EXPECT_GE(s.flags[i - 1].disposition, s.flags[i].disposition);
  EXPECT_EQ(s.flags.front().disposition, Disposition::emergency);
  for (const auto& f : s.flags) {
    EXPECT_FALSE(f.id.empty());
    EXPECT_FALSE(f.reason.empty()) << f.id;
    EXPECT_FALSE(f.source.empty()) << f.id;
    EXPECT_LE(f.disposition, s.disposition);
  }
}

// Monotonic disposition, exhaustively over single and paired flags from the
// baseline and from a caution baseline.
TEST(Screening, AddingAnyRedFlagNeverRelaxes) {
  for (int base_kind = 0; base_kind < 3; ++base_kind) {
    Intake base = BaselineIntake();
    if (base_kind == 1)
      Set(base, RedFlag::saddle_anesthesia, std::nullopt);
    if (base_kind == 2) {
      base.age = 60;
      base.onset_date = testing::DaysBefore(base.assessed_on, 5);
    }
    for (std::size_t i = 0; i < kRedFlagCount; ++i) {
      Intake one = base;
      one.red_flags[i] = true;
      const auto d1 = ScreenOf(one).disposition;
      EXPECT_GE(d1, ScreenOf(base).disposition) << Name(static_cast<RedFlag>(i));
      for (std::size_t j = 0; j < kRedFlagCount; ++j) {
        Intake two = one;
        two.red_flags[j] = true;
        EXPECT_GE(ScreenOf(two).disposition, d1)
            << Name(static_cast<RedFlag>(i)) << " + " << Name(static_cast<RedFlag>(j));
      }
    }
  }
}

TEST(Screening, Names) {
  EXPECT_EQ(Name(Disposition::clear), "clear");
  EXPECT_EQ(Name(Disposition::treat_with_caution), "treat_with_caution");
  EXPECT_EQ(Name(Disposition::refer_before_treatment), "refer_before_treatment");
  EXPECT_EQ(Name(Disposition::urgent_referral), "urgent_referral");
  EXPECT_EQ(Name(Disposition::emergency), "emergency");
}

}  // namespace
}  // namespace backplan::core
