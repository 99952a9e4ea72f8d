#include "core/care/home_program.h"

#include <gtest/gtest.h>

namespace backplan::core {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using namespace std::chrono_literals;

Plan PlanWithItems() {
  Plan plan;
  plan.home_program = {{"home.triggers_first", ItemKind::avoid, "Find triggers first", {}},
                       {"home.use.walking", ItemKind::use, "Walk", {}}};
  return plan;
}

TriggerFinding Finding(std::string exposure, TriggerOutcome outcome, bool reported, double effect) {
  TriggerFinding finding;
  finding.exposure = std::move(exposure);
  finding.outcome = outcome;
  finding.tested = true;
  finding.reported = reported;
  finding.effect_points = effect;
  finding.interval_low = effect - 0.5;
  finding.interval_high = effect + 0.5;
  finding.days_used = 80;
  finding.exposure_rule = "above this client's median (60 min)";
  return finding;
}

TriggerReport Report(std::vector<TriggerFinding> findings) {
  TriggerReport report;
  report.enough_data = true;
  report.findings = std::move(findings);
  return report;
}

TEST(HomeProgram, AssessmentItemsComeFirstThenOneItemPerReportedExposure) {
  const auto report =
      Report({Finding("driving_minutes", TriggerOutcome::same_evening, true, 1.2),
              Finding("driving_minutes", TriggerOutcome::next_morning, true, 0.6),
              Finding("stress", TriggerOutcome::same_evening, true, 0.9),
              Finding("sitting_minutes", TriggerOutcome::same_evening, false, 0.3)});
  const auto program = BuildHomeProgram(PlanWithItems(), report);
  ASSERT_EQ(program.size(), 4u);
  EXPECT_EQ(program[0].item.id, "home.triggers_first");
  EXPECT_EQ(program[0].source, HomeProgramSource::assessment);
  EXPECT_EQ(program[1].item.id, "home.use.walking");
  EXPECT_EQ(program[2].item.id, "home.trigger.driving_minutes");
  EXPECT_EQ(program[2].source, HomeProgramSource::triggers);
  EXPECT_EQ(program[2].item.kind, ItemKind::modify);
  // The strongest finding of the exposure is the one quoted.
  EXPECT_NE(program[2].item.reason.text.find("+1.2 points of pain that evening"), std::string::npos)
      << program[2].item.reason.text;
  EXPECT_NE(program[2].item.text.find("watch whether the pain follows"), std::string::npos);
  EXPECT_EQ(program[3].item.id, "home.trigger.stress");
  EXPECT_EQ(program[3].item.kind, ItemKind::de_stress);
}

TEST(HomeProgram, NoTriggerItemsWithoutEnoughData) {
  auto report = Report({Finding("driving_minutes", TriggerOutcome::same_evening, true, 1.2)});
  report.enough_data = false;
  EXPECT_EQ(BuildHomeProgram(PlanWithItems(), report).size(), 2u);
}

TEST(HomeProgram, CustomExposureGetsAnAvoidItemWithItsLabel) {
  const ExposureDefinition gardening{"gardening", ExposureKind::minutes, "Gardening"};
  const auto report = Report({Finding("gardening", TriggerOutcome::next_morning, true, 1.0)});
  const auto program = BuildHomeProgram(Plan{}, report, std::span(&gardening, 1));
  ASSERT_EQ(program.size(), 1u);
  EXPECT_EQ(program[0].item.kind, ItemKind::avoid);
  EXPECT_NE(program[0].item.text.find("\"Gardening\""), std::string::npos);
  EXPECT_NE(program[0].item.reason.text.find("the next morning"), std::string::npos);
}

TEST(HomeProgramAdherence, CountsTicksOnRecordedDaysInsideTheWindowOnly) {
  const auto program = BuildHomeProgram(PlanWithItems(), Report({}));
  const sys_days today = sys_days(2026y / 11 / 26);
  Diary diary;
  auto day = [&](sys_days date, std::vector<std::string> done) {
    DiaryEntry entry;
    entry.date = date;
    entry.home_program_done = std::move(done);
    diary.push_back(entry);
  };
  day(today - days(14), {"home.use.walking"});  // outside a 14-day window
  day(today - days(13), {"home.use.walking"});
  day(today - days(5), {"home.use.walking", "home.triggers_first"});
  day(today - days(1), {});
  day(today + days(1), {"home.use.walking"});  // after today: not counted
  const auto adherence = HomeProgramAdherence(program, diary, today);
  EXPECT_EQ(adherence.from, today - days(13));
  EXPECT_EQ(adherence.to, today);
  ASSERT_EQ(adherence.items.size(), 2u);
  EXPECT_EQ(adherence.items[0].item_id, "home.triggers_first");
  EXPECT_EQ(adherence.items[0].days_done, 1);
  EXPECT_EQ(adherence.items[0].days_recorded, 3);
  EXPECT_EQ(adherence.items[1].days_done, 2);
  EXPECT_EQ(adherence.items[1].days_recorded, 3);
}

}  // namespace
}  // namespace backplan::core
