// Checking a session's work against the plan in force: deviations, their
// reasons, and which ones lack the practitioner's override reason.

#include "core/care/plan_check.h"

#include <gtest/gtest.h>

#include "core/assessment.h"
#include "support/intake_gen.h"

namespace backplan::core {
namespace {

// Every region excluded; tests open the ones they need.
Plan EmptyPlan() {
  Plan plan;
  for (Region r : kAllRegions) {
    RegionPlan rp;
    rp.region = r;
    rp.reasons.push_back({"test.excluded", "Not to be worked in this test plan.", "test"});
    plan.regions.push_back(rp);
  }
  return plan;
}

// Lumbar up to 3 with trigger point avoided; deep tissue above the ceiling.
Plan LumbarPlan() {
  Plan plan = EmptyPlan();
  RegionPlan& lumbar = plan.regions[static_cast<std::size_t>(Region::lumbar)];
  lumbar.work = true;
  lumbar.pressure_ceiling = 3;
  lumbar.start_pressure = 1;
  lumbar.techniques = {Technique::holding, Technique::light_swedish, Technique::swedish,
                       Technique::myofascial_release};
  lumbar.avoid = {
      {Technique::assisted_stretching, {"test.no_stretch", "No stretching here.", "test"}},
      {Technique::deep_tissue, {"test.ceiling", "Above the ceiling.", "test"}},
      {Technique::trigger_point, {"test.no_trigger", "No trigger points here.", "test"}}};
  lumbar.reasons = {{"test.lumbar", "Lumbar up to 3.", "test"}};
  return plan;
}

Session With(std::vector<RegionWork> work) {
  Session s;
  s.regions = std::move(work);
  return s;
}

TEST(PlanCheck, WorkWithinThePlanHasNoDeviation) {
  const auto check =
      CheckAgainstPlan(With({{Region::lumbar, Technique::swedish, 2, ""},
                             {Region::lumbar, Technique::myofascial_release, 3, ""}}),
                       LumbarPlan());
  EXPECT_TRUE(check.deviations.empty());
  EXPECT_TRUE(check.Acceptable());
}

TEST(PlanCheck, PressureAboveTheCeilingNeedsAnOverride) {
  const auto check = CheckAgainstPlan(
      With({{Region::lumbar, Technique::myofascial_release, 4, ""}}), LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 1u);
  const Deviation& d = check.deviations[0];
  EXPECT_EQ(d.kind, DeviationKind::above_ceiling);
  EXPECT_EQ(d.region, Region::lumbar);
  EXPECT_EQ(d.work_index, 0u);
  EXPECT_EQ(d.reason.rule_id, "plan_check.above_ceiling");
  EXPECT_NE(d.reason.text.find("ceiling of 3"), std::string::npos) << d.reason.text;
  EXPECT_FALSE(d.reason.source.empty());
  EXPECT_FALSE(d.Overridden());
  EXPECT_EQ(check.missing_override, std::vector<std::size_t>{0});
  EXPECT_FALSE(check.Acceptable());
}

TEST(PlanCheck, AnOverrideReasonMakesADeviationAcceptableButKeepsIt) {
  const auto check = CheckAgainstPlan(
      With({{Region::lumbar, Technique::myofascial_release, 4, "Client asked; tolerated well."}}),
      LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 1u);
  EXPECT_TRUE(check.deviations[0].Overridden());
  EXPECT_EQ(check.deviations[0].override_reason, "Client asked; tolerated well.");
  EXPECT_TRUE(check.Acceptable());
}

TEST(PlanCheck, ABlankOverrideReasonIsNoReason) {
  const auto check =
      CheckAgainstPlan(With({{Region::lumbar, Technique::swedish, 5, " \t\n"}}), LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 1u);
  EXPECT_FALSE(check.Acceptable());
}

TEST(PlanCheck, AnAvoidedTechniqueCarriesThePlansReason) {
  const auto check =
      CheckAgainstPlan(With({{Region::lumbar, Technique::trigger_point, 2, ""}}), LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 1u);
  const Deviation& d = check.deviations[0];
  EXPECT_EQ(d.kind, DeviationKind::avoided_technique);
  EXPECT_EQ(d.reason.rule_id, "plan_check.avoided_technique");
  ASSERT_TRUE(d.plan_reason.has_value());
  EXPECT_EQ(d.plan_reason->rule_id, "test.no_trigger");
  EXPECT_NE(d.reason.text.find("No trigger points here."), std::string::npos);
}

TEST(PlanCheck, OneEntryCanBeAboveTheCeilingAndAvoided) {
  const auto check =
      CheckAgainstPlan(With({{Region::lumbar, Technique::deep_tissue, 4, ""}}), LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 2u);
  EXPECT_EQ(check.deviations[0].kind, DeviationKind::above_ceiling);
  EXPECT_EQ(check.deviations[1].kind, DeviationKind::avoided_technique);
  EXPECT_EQ(check.missing_override, (std::vector<std::size_t>{0, 1}));
}

TEST(PlanCheck, AnExcludedRegionIsOneDeviationEvenAtPressureZero) {
  const auto check =
      CheckAgainstPlan(With({{Region::hamstrings, Technique::holding, 0, ""}}), LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 1u);
  EXPECT_EQ(check.deviations[0].kind, DeviationKind::region_not_worked);
  EXPECT_EQ(check.deviations[0].reason.rule_id, "plan_check.region_not_worked");
  ASSERT_TRUE(check.deviations[0].plan_reason.has_value());
  EXPECT_EQ(check.deviations[0].plan_reason->rule_id, "test.excluded");
}

TEST(PlanCheck, ARegionMissingFromThePlanIsNotToBeWorked) {
  Plan plan = LumbarPlan();
  plan.regions.resize(3);  // head, face, neck only
  const auto check = CheckAgainstPlan(With({{Region::calves, Technique::swedish, 1, ""}}), plan);
  ASSERT_EQ(check.deviations.size(), 1u);
  EXPECT_EQ(check.deviations[0].kind, DeviationKind::region_not_worked);
  EXPECT_FALSE(check.deviations[0].plan_reason.has_value());
}

TEST(PlanCheck, ATechniqueNeitherAllowedNorAvoidedIsADeviation) {
  Plan plan = LumbarPlan();
  plan.regions[static_cast<std::size_t>(Region::lumbar)].avoid.clear();
  const auto check =
      CheckAgainstPlan(With({{Region::lumbar, Technique::assisted_stretching, 2, ""}}), plan);
  ASSERT_EQ(check.deviations.size(), 1u);
  EXPECT_EQ(check.deviations[0].kind, DeviationKind::technique_not_listed);
}

TEST(PlanCheck, DeviationsPointAtTheirEntriesAndOnlyTheUnreasonedAreMissing) {
  const auto check = CheckAgainstPlan(With({{Region::lumbar, Technique::swedish, 2, ""},
                                            {Region::glutes, Technique::swedish, 2, "Asked for."},
                                            {Region::lumbar, Technique::swedish, 4, ""}}),
                                      LumbarPlan());
  ASSERT_EQ(check.deviations.size(), 2u);
  EXPECT_EQ(check.deviations[0].work_index, 1u);
  EXPECT_EQ(check.deviations[1].work_index, 2u);
  EXPECT_EQ(check.missing_override, std::vector<std::size_t>{1});
}

// Against a plan the engine built: radicular pain forbids trigger-point work
// on the nerve path (here the hamstrings), and the deviation names the plan rule behind it.
TEST(PlanCheck, AgainstARealRadicularPlan) {
  Intake in = testing::BaselineIntake();
  in.leg_extent = LegExtent::below_knee;
  in.leg_side = Side::left;
  const Assessment a = Assess(in);
  ASSERT_TRUE(a.plan.has_value());
  const auto check =
      CheckAgainstPlan(With({{Region::hamstrings, Technique::trigger_point, 2, ""}}), *a.plan);
  ASSERT_EQ(check.deviations.size(), 1u);
  const Deviation& d = check.deviations[0];
  EXPECT_EQ(d.kind, DeviationKind::avoided_technique);
  ASSERT_TRUE(d.plan_reason.has_value());
  EXPECT_EQ(d.plan_reason->rule_id.rfind("radicular.", 0), 0u) << d.plan_reason->rule_id;
  EXPECT_FALSE(check.Acceptable());
}

}  // namespace
}  // namespace backplan::core
