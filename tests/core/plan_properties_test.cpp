// Property tests of the whole assessment over thousands of generated valid
// intakes (issue 2, deliverable 6). Every generator is seeded, so a failure
// reproduces exactly; the failing intake is printed as intake-format JSON.

#include <gtest/gtest.h>

#include <algorithm>

#include "codec/assessment_json.h"
#include "codec/intake_json.h"
#include "core/assessment.h"
#include "core/names.h"
#include "support/intake_gen.h"

namespace backplan::core {
namespace {

using testing::IntakeGenerator;
using testing::IntakeToJson;

constexpr int kCases = 4000;

std::string Shown(const Intake& in) {
  return IntakeToJson(in).dump();
}

// A null plan allows nothing: ceiling 0 everywhere.
int Ceiling(const Assessment& a, Region r) {
  return a.plan ? a.plan->For(r).pressure_ceiling : 0;
}

bool Allows(const Assessment& a, Region r, Technique t) {
  if (!a.plan)
    return false;
  const auto& ts = a.plan->For(r).techniques;
  return std::find(ts.begin(), ts.end(), t) != ts.end();
}

// Every region's ceiling in `more` is at most the one in `less`.
void ExpectCeilingsNotAbove(const Assessment& more, const Assessment& less,
                            const std::string& context) {
  for (Region r : kAllRegions)
    EXPECT_LE(Ceiling(more, r), Ceiling(less, r)) << Name(r) << "; " << context;
}

TEST(PlanProperties, InvariantsHoldForEveryGeneratedIntake) {
  IntakeGenerator gen(20261120);
  int with_plan = 0, calming = 0;
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    const Intake in = gen.Next();
    const Assessment a = Assess(in);
    const std::string ctx = "case " + std::to_string(i) + ": " + Shown(in);

    EXPECT_EQ(a.rules_version, kRulesVersion);
    // Referral dispositions give no plan; the others always give one.
    const bool refer = a.screening.disposition >= Disposition::refer_before_treatment;
    EXPECT_EQ(a.plan.has_value(), !refer) << Name(a.screening.disposition) << "; " << ctx;
    // A cauda equina question not asked never leaves the disposition clear.
    if (std::any_of(in.red_flags.begin(), in.red_flags.begin() + kCaudaEquinaQuestionCount,
                    [](const auto& f) { return !f.has_value(); })) {
      EXPECT_NE(a.screening.disposition, Disposition::clear) << ctx;
    }
    if (!a.plan)
      continue;
    ++with_plan;
    const Plan& plan = *a.plan;

    ASSERT_EQ(plan.regions.size(), kRegionCount) << ctx;
    const bool should_calm = a.classification.acuity == Acuity::acute &&
                             a.classification.irritability == Irritability::high;
    EXPECT_EQ(plan.mode == PlanMode::calming, should_calm) << ctx;
    if (plan.mode == PlanMode::calming) {
      ++calming;
      EXPECT_FALSE(plan.mode_reasons.empty()) << ctx;
      for (const auto& r : plan.regions) {
        const bool calming_region = r.region == Region::face || r.region == Region::head ||
                                    r.region == Region::neck || r.region == Region::shoulders;
        if (calming_region) {
          EXPECT_LE(r.pressure_ceiling, 2) << Name(r.region) << "; " << ctx;
        } else {
          EXPECT_FALSE(r.work) << Name(r.region) << "; " << ctx;
          EXPECT_EQ(r.pressure_ceiling, 0) << Name(r.region) << "; " << ctx;
        }
      }
    }

    for (std::size_t k = 0; k < plan.regions.size(); ++k) {
      const RegionPlan& r = plan.regions[k];
      const std::string where = std::string(Name(r.region)) + "; " + ctx;
      EXPECT_EQ(r.region, kAllRegions[k]) << where;
      EXPECT_GE(r.pressure_ceiling, 0) << where;
      EXPECT_LE(r.pressure_ceiling, kMaxPressure) << where;
      EXPECT_GE(r.start_pressure, 0) << where;
      EXPECT_LE(r.start_pressure, r.pressure_ceiling) << where;
      EXPECT_FALSE(r.reasons.empty()) << where;
      for (const auto& reason : r.reasons) {
        EXPECT_FALSE(reason.rule_id.empty()) << where;
        EXPECT_FALSE(reason.text.empty()) << where;
        EXPECT_FALSE(reason.source.empty()) << where;
      }
      for (Technique t : r.techniques)
        EXPECT_LE(PressureLevel(t), r.pressure_ceiling) << Name(t) << " in " << where;
      EXPECT_EQ(r.work, !r.techniques.empty()) << where;
      if (!r.work) {
        EXPECT_EQ(r.pressure_ceiling, 0) << where;
      }
      // Every technique is either allowed or avoided with a reason, never both.
      EXPECT_EQ(r.techniques.size() + r.avoid.size(), kTechniqueCount) << where;
      for (const auto& avoided : r.avoid) {
        EXPECT_EQ(std::count(r.techniques.begin(), r.techniques.end(), avoided.technique), 0)
            << where;
        EXPECT_FALSE(avoided.reason.text.empty()) << where;
      }
    }
    EXPECT_FALSE(plan.positioning.empty()) << ctx;
    EXPECT_FALSE(plan.home_program.empty()) << ctx;
  }
  // The generator must exercise plans and the calming mode, or the properties say little.
  EXPECT_GT(with_plan, kCases / 3);
  EXPECT_GT(calming, 50);
}

TEST(PlanProperties, AddingARedFlagNeverRelaxesTheDisposition) {
  IntakeGenerator gen(1);
  for (int i = 0; i < kCases / 4 && !HasFailure(); ++i) {
    const Intake base = gen.Next();
    const auto before = Assess(base).screening.disposition;
    for (std::size_t f = 0; f < kRedFlagCount; ++f) {
      if (base.red_flags[f] == true)
        continue;
      Intake more = base;
      more.red_flags[f] = true;
      const auto after = Assess(more);
      EXPECT_GE(after.screening.disposition, before)
          << "adding " << Name(static_cast<RedFlag>(f)) << " to case " << i << ": " << Shown(base);
      if (f < kCaudaEquinaQuestionCount) {
        EXPECT_EQ(after.screening.disposition, Disposition::emergency) << Shown(more);
      }
    }
  }
}

TEST(PlanProperties, AddingSeveralRedFlagsOrContraindicationsNeverRelaxes) {
  IntakeGenerator gen(2);
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    Intake in = gen.Next();
    auto before = Assess(in).screening.disposition;
    for (int step = 0; step < 4; ++step) {
      Intake more = in;
      if (gen.Chance(0.7))
        more.red_flags[static_cast<std::size_t>(gen.Int(0, static_cast<int>(kRedFlagCount) - 1))] =
            true;
      else
        more.contraindications[static_cast<std::size_t>(
            gen.Int(0, static_cast<int>(kContraindicationCount) - 1))] = true;
      const auto after = Assess(more).screening.disposition;
      EXPECT_GE(after, before) << "case " << i << " step " << step << ": " << Shown(in) << " → "
                               << Shown(more);
      in = more;
      before = after;
    }
  }
}

TEST(PlanProperties, AddingLegExtentNeverRaisesAnyCeiling) {
  IntakeGenerator gen(3);
  int compared_plans = 0;
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    const Intake base = gen.Next();
    if (base.leg_extent == LegExtent::foot)
      continue;
    Intake more = base;
    more.leg_extent = static_cast<LegExtent>(
        gen.Int(static_cast<int>(base.leg_extent) + 1, static_cast<int>(LegExtent::foot)));
    if (base.leg_side == Side::none)
      more.leg_side = gen.Pick(std::array{Side::left, Side::right, Side::both});
    const auto a = Assess(base);
    const auto b = Assess(more);
    if (a.plan && b.plan)
      ++compared_plans;
    ExpectCeilingsNotAbove(b, a,
                           "case " + std::to_string(i) + ": " + Shown(base) + " → extent " +
                               std::string(Name(more.leg_extent)));
  }
  EXPECT_GT(compared_plans, kCases / 5);
}

TEST(PlanProperties, AddingNeuroSignsNeverRaisesAnyCeiling) {
  IntakeGenerator gen(4);
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    const Intake base = gen.Next();
    for (int sign = 0; sign < 4; ++sign) {
      Intake more = base;
      bool* field = sign == 0   ? &more.neuro.numbness
                    : sign == 1 ? &more.neuro.tingling
                    : sign == 2 ? &more.neuro.weakness
                                : &more.neuro.progressive_weakness;
      if (*field)
        continue;
      *field = true;
      ExpectCeilingsNotAbove(
          Assess(more), Assess(base),
          "case " + std::to_string(i) + " sign " + std::to_string(sign) + ": " + Shown(base));
    }
  }
}

TEST(PlanProperties, AcuteNeverAboveSubacuteNeverAboveChronic) {
  IntakeGenerator gen(5);
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    Intake acute = gen.Next();
    Intake subacute = acute;
    Intake chronic = acute;
    acute.onset_date = testing::DaysBefore(acute.assessed_on, gen.Int(0, 41));
    subacute.onset_date = testing::DaysBefore(acute.assessed_on, gen.Int(42, 84));
    chronic.onset_date = testing::DaysBefore(acute.assessed_on, gen.Int(85, 2000));
    const auto a = Assess(acute);
    const auto s = Assess(subacute);
    const auto c = Assess(chronic);
    ASSERT_EQ(a.classification.acuity, Acuity::acute);
    ASSERT_EQ(s.classification.acuity, Acuity::subacute);
    ASSERT_EQ(c.classification.acuity, Acuity::chronic);
    const std::string ctx = "case " + std::to_string(i) + ": " + Shown(acute);
    ExpectCeilingsNotAbove(a, c, "acute vs chronic; " + ctx);
    ExpectCeilingsNotAbove(a, s, "acute vs subacute; " + ctx);
    ExpectCeilingsNotAbove(s, c, "subacute vs chronic; " + ctx);
    EXPECT_GE(a.screening.disposition, c.screening.disposition) << ctx;
  }
}

TEST(PlanProperties, RadicularProtectsTheNervePath) {
  IntakeGenerator gen(6);
  int plans = 0;
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    Intake in = gen.Next();
    // Make it radicular one of the ways section 0 names, on one side.
    switch (gen.Int(0, 3)) {
      case 0:
        in.leg_extent = LegExtent::below_knee;
        break;
      case 1:
        in.leg_extent = LegExtent::foot;
        break;
      case 2:
        in.neuro.numbness = true;
        break;
      default:
        in.neuro.tingling = true;
        break;
    }
    if (in.leg_extent != LegExtent::none && in.leg_side == Side::none)
      in.leg_side = Side::right;
    const auto a = Assess(in);
    ASSERT_EQ(a.classification.pattern, Pattern::radicular) << Shown(in);
    if (!a.plan)
      continue;
    ++plans;
    const std::string ctx = "case " + std::to_string(i) + ": " + Shown(in);
    for (Region r : kAllRegions) {
      EXPECT_FALSE(Allows(a, r, Technique::deep_tissue)) << Name(r) << "; " << ctx;
      EXPECT_FALSE(Allows(a, r, Technique::trigger_point)) << Name(r) << "; " << ctx;
    }
    for (Region r : {Region::lumbar, Region::glutes, Region::hamstrings, Region::hips})
      EXPECT_LE(Ceiling(a, r), 2) << Name(r) << "; " << ctx;
  }
  EXPECT_GT(plans, kCases / 5);
}

TEST(PlanProperties, InstabilityMeansNoLooseningAnywhere) {
  IntakeGenerator gen(7);
  int plans = 0;
  for (int i = 0; i < kCases && !HasFailure(); ++i) {
    Intake in = gen.Next();
    in.instability = true;
    const auto a = Assess(in);
    EXPECT_TRUE(a.classification.stability_concern);
    if (!a.plan)
      continue;
    ++plans;
    const std::string ctx = "case " + std::to_string(i) + ": " + Shown(in);
    for (Region r : kAllRegions)
      for (Technique t :
           {Technique::assisted_stretching, Technique::deep_tissue, Technique::trigger_point})
        EXPECT_FALSE(Allows(a, r, t)) << Name(t) << " in " << Name(r) << "; " << ctx;
    EXPECT_TRUE(std::any_of(a.plan->home_program.begin(), a.plan->home_program.end(),
                            [](const PlanItem& p) { return p.id == "home.correction.stability"; }))
        << ctx;
  }
  EXPECT_GT(plans, kCases / 5);
}

TEST(PlanProperties, AssessmentIsDeterministic) {
  IntakeGenerator gen(8);
  for (int i = 0; i < kCases / 2 && !HasFailure(); ++i) {
    const Intake in = gen.Next();
    const Intake copy = in;
    const std::string first = codec::AssessmentToJson(Assess(in)).dump();
    const std::string second = codec::AssessmentToJson(Assess(copy)).dump();
    EXPECT_EQ(first, second) << "case " << i << ": " << Shown(in);
  }
}

TEST(PlanProperties, GeneratedIntakesSurviveTheIntakeFormat) {
  // Every valid intake written in the intake format is accepted and assessed
  // exactly as the in-memory intake.
  IntakeGenerator gen(9);
  for (int i = 0; i < kCases / 2 && !HasFailure(); ++i) {
    const Intake in = gen.Next();
    const std::string text = IntakeToJson(in).dump();
    const auto parsed = codec::ParseIntake(text);
    ASSERT_TRUE(parsed.intake.has_value())
        << "case " << i << ": " << text << "\nfirst error: "
        << (parsed.errors.empty() ? "" : parsed.errors[0].path + ": " + parsed.errors[0].reason);
    EXPECT_EQ(codec::AssessmentToJson(Assess(*parsed.intake)).dump(),
              codec::AssessmentToJson(Assess(in)).dump())
        << "case " << i << ": " << text;
  }
}

}  // namespace
}  // namespace backplan::core
