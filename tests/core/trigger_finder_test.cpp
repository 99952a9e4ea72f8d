// The trigger finder (docs/trigger-finder.md): the statistics it rests on
// against published values, its handling of thin, missing and gappy diaries,
// carry-over, the multiple-testing adjustment, and a property over generated
// diaries: a planted trigger among 20 null exposures is found, the nulls are not.

#include "core/triggers/trigger_finder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/triggers/trigger_statistics.h"
#include "support/diary_gen.h"

namespace backplan::core {
namespace {

using testing::DiaryGenOptions;
using testing::GenerateDiary;

const TriggerFinding* FindingFor(const TriggerReport& report, std::string_view exposure,
                                 TriggerOutcome outcome) {
  for (const auto& finding : report.findings)
    if (finding.exposure == exposure && finding.outcome == outcome)
      return &finding;
  return nullptr;
}

bool IsReported(const TriggerReport& report, std::string_view exposure) {
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const auto& finding) {
    return finding.exposure == exposure && finding.reported;
  });
}

// A diary with no missing values, so the expected day counts are exact.
Diary CompleteDiary(int days, std::uint64_t seed = 7) {
  DiaryGenOptions options;
  options.days = days;
  options.missing_rate = 0.0;
  return GenerateDiary(seed, options).diary;
}

// ---- Statistics --------------------------------------------------------------

TEST(TriggerStatistics, StudentTTwoSidedPMatchesKnownValues) {
  EXPECT_NEAR(StudentTTwoSidedP(2.0, 10), 0.0733880, 1e-6);                   // t tables
  EXPECT_NEAR(StudentTTwoSidedP(2.228139, 10), 0.05, 1e-6);                   // 97.5 % point, df 10
  EXPECT_NEAR(StudentTTwoSidedP(1.0, 1), 0.5, 1e-12);                         // Cauchy: closed form
  EXPECT_NEAR(StudentTTwoSidedP(2.0, 2), 1.0 - 2.0 / std::sqrt(6.0), 1e-12);  // closed form
  EXPECT_NEAR(StudentTTwoSidedP(1.959964, 1e7), 0.05, 1e-5);                  // tends to the normal
  EXPECT_NEAR(StudentTTwoSidedP(5.0, 60), 5.1e-6, 0.2e-6);
}

TEST(TriggerStatistics, StudentTTwoSidedPEdgeCases) {
  EXPECT_DOUBLE_EQ(StudentTTwoSidedP(0.0, 10), 1.0);
  EXPECT_DOUBLE_EQ(StudentTTwoSidedP(std::numeric_limits<double>::infinity(), 10), 0.0);
  EXPECT_DOUBLE_EQ(StudentTTwoSidedP(-2.0, 10), StudentTTwoSidedP(2.0, 10));
}

TEST(TriggerStatistics, StudentTUpperQuantileMatchesTables) {
  EXPECT_NEAR(StudentTUpperQuantile(0.975, 1), 12.706205, 1e-5);
  EXPECT_NEAR(StudentTUpperQuantile(0.975, 2), 4.302653, 1e-6);
  EXPECT_NEAR(StudentTUpperQuantile(0.975, 10), 2.228139, 1e-6);
  EXPECT_NEAR(StudentTUpperQuantile(0.975, 30), 2.042272, 1e-6);
  EXPECT_NEAR(StudentTUpperQuantile(0.95, 10), 1.812461, 1e-6);
  EXPECT_NEAR(StudentTUpperQuantile(0.995, 5), 4.032143, 1e-6);
  EXPECT_NEAR(StudentTUpperQuantile(0.975, 1e6), 1.959966, 1e-6);
  EXPECT_NEAR(StudentTUpperQuantile(0.5, 30), 0.0, 1e-9);
}

TEST(TriggerStatistics, HolmAdjustMultipliesByRankAndKeepsOrder) {
  // Sorted: 0.005 ×4 = 0.02, 0.01 ×3 = 0.03, 0.03 ×2 = 0.06, 0.04 ×1 = 0.04 →
  // raised to 0.06 so that a larger raw p never gets a smaller adjusted p.
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const std::vector<double> adjusted = HolmAdjust(p);
  ASSERT_EQ(adjusted.size(), 4u);
  EXPECT_DOUBLE_EQ(adjusted[0], 0.03);
  EXPECT_DOUBLE_EQ(adjusted[1], 0.06);
  EXPECT_DOUBLE_EQ(adjusted[2], 0.06);
  EXPECT_DOUBLE_EQ(adjusted[3], 0.02);
  EXPECT_EQ(HolmAdjust(std::vector<double>{0.5, 0.9}), (std::vector<double>{1.0, 1.0}));
  EXPECT_TRUE(HolmAdjust({}).empty());
}

TEST(TriggerStatistics, RegressionWithConstantCovariatesIsThePooledTwoSampleT) {
  // Exposed {5, 6, 7} vs other {3, 4, 4, 5}: difference 2, pooled variance
  // (2 + 2) / 5 = 0.8, standard error sqrt(0.8 × (1/3 + 1/4)), df 5.
  ExposureRegression regression;
  for (const double y : {5.0, 6.0, 7.0})
    regression.Add(3.0, 4.0, 1.0, y);
  for (const double y : {3.0, 4.0, 4.0, 5.0})
    regression.Add(3.0, 4.0, 0.0, y);
  const ExposureEstimate estimate = regression.Estimate();
  ASSERT_TRUE(estimate.estimable);
  EXPECT_NEAR(estimate.coefficient, 2.0, 1e-12);
  EXPECT_NEAR(estimate.standard_error, std::sqrt(0.8 * (1.0 / 3.0 + 1.0 / 4.0)), 1e-12);
  EXPECT_EQ(estimate.degrees_of_freedom, 5);
  EXPECT_EQ(estimate.covariates_used, 0);
}

TEST(TriggerStatistics, RegressionRecoversAnExactLinearModel) {
  ExposureRegression regression;
  for (int row = 0; row < 30; ++row) {
    const double a = row % 7;
    const double b = (row * 3) % 11;
    const double x = row % 3 == 0 ? 1.0 : 0.0;
    regression.Add(a, b, x, 1.0 + 0.5 * a - 0.3 * b + 2.0 * x);
  }
  const ExposureEstimate estimate = regression.Estimate();
  ASSERT_TRUE(estimate.estimable);
  EXPECT_NEAR(estimate.coefficient, 2.0, 1e-9);
  EXPECT_NEAR(estimate.standard_error, 0.0, 1e-6);
  EXPECT_EQ(estimate.covariates_used, 2);
  EXPECT_EQ(estimate.degrees_of_freedom, 30 - 4);
}

TEST(TriggerStatistics, RegressionRefusesAnExposureThatIsACovariate) {
  ExposureRegression regression;
  for (int row = 0; row < 30; ++row) {
    const double a = row % 2;
    regression.Add(a, row % 5, a, a + row % 3);
  }
  EXPECT_FALSE(regression.Estimate().estimable);
}

// ---- Thin, missing and gappy diaries -----------------------------------------

TEST(TriggerFinder, SaysNotEnoughDataBelowTheMinimumDays) {
  const TriggerReport report = FindTriggers(CompleteDiary(20));
  EXPECT_FALSE(report.enough_data);
  EXPECT_EQ(report.days_analysed, 19);  // the first day has no evening before it
  EXPECT_NE(report.not_enough_data_reason.find("Not enough data yet"), std::string::npos);
  EXPECT_NE(report.not_enough_data_reason.find("at least 28"), std::string::npos);
  EXPECT_TRUE(report.findings.empty());
  EXPECT_EQ(report.method_version, kTriggerMethodVersion);
}

TEST(TriggerFinder, CountsOnlyDaysWithTheEarlierPainRecorded) {
  Diary diary = CompleteDiary(90);
  for (auto& entry : diary)
    entry.pain_evening.reset();  // no evening ratings: no carry-over covariate
  const TriggerReport report = FindTriggers(diary);
  EXPECT_FALSE(report.enough_data);
  EXPECT_EQ(report.days_analysed, 0);
  EXPECT_TRUE(FindTriggers(CompleteDiary(29)).enough_data);  // 28 usable days
}

TEST(TriggerFinder, SkipsMissingValuesForThatExposureOnly) {
  Diary diary = CompleteDiary(60);
  for (int day = 10; day < 20; ++day)
    diary[static_cast<std::size_t>(day)].exposures.erase("null_minutes_0");
  const TriggerReport report = FindTriggers(diary);
  ASSERT_TRUE(report.enough_data);
  EXPECT_EQ(report.days_analysed, 59);
  // Every day but the first has an evening before it; every day but the last a
  // next morning.
  EXPECT_EQ(FindingFor(report, "null_minutes_0", TriggerOutcome::same_evening)->days_used, 49);
  EXPECT_EQ(FindingFor(report, "null_minutes_0", TriggerOutcome::next_morning)->days_used, 48);
  EXPECT_EQ(FindingFor(report, "null_count_0", TriggerOutcome::same_evening)->days_used, 59);
  EXPECT_EQ(FindingFor(report, "null_count_0", TriggerOutcome::next_morning)->days_used, 58);
}

TEST(TriggerFinder, SkipsDaysWithAMissingPainRating) {
  Diary diary = CompleteDiary(60);
  diary[30].pain_evening.reset();  // outcome of day 30, covariate of day 31
  diary[40].pain_morning.reset();  // covariate of day 40, next-morning outcome of day 39
  const TriggerReport report = FindTriggers(diary);
  EXPECT_EQ(FindingFor(report, "null_count_0", TriggerOutcome::same_evening)->days_used, 59 - 3);
  EXPECT_EQ(FindingFor(report, "null_count_0", TriggerOutcome::next_morning)->days_used, 58 - 3);
}

TEST(TriggerFinder, AGapInTheDatesBreaksTheCarryOverChain) {
  Diary diary = CompleteDiary(60);
  for (std::size_t day = 30; day < diary.size(); ++day)
    diary[day].date += std::chrono::days{1};  // no entry between day 29 and day 30
  // Lost rows: 0 and 30 have no evening before them; 29 and 59 no next morning.
  const TriggerReport report = FindTriggers(diary);
  EXPECT_EQ(FindingFor(report, "null_count_0", TriggerOutcome::same_evening)->days_used, 58);
  EXPECT_EQ(FindingFor(report, "null_count_0", TriggerOutcome::next_morning)->days_used, 56);
}

// ---- Exposure rules ------------------------------------------------------------

TEST(TriggerFinder, SplitsAmountsAtTheClientsOwnMedian) {
  Diary diary = CompleteDiary(60);
  for (std::size_t day = 0; day < diary.size(); ++day) {
    diary[day].exposures["sitting_minutes"] = day % 2 == 0 ? 60.0 : 120.0;  // median 90
    diary[day].exposures["lifts"] = day % 4 == 0 ? 2.0 : 0.0;               // median 0
  }
  const TriggerReport report = FindTriggers(diary);
  const TriggerFinding* sitting =
      FindingFor(report, "sitting_minutes", TriggerOutcome::same_evening);
  EXPECT_EQ(sitting->exposure_rule, "above this client's median (90 min)");
  EXPECT_EQ(sitting->exposed_days, 30);  // odd days 1…59
  const TriggerFinding* lifts = FindingFor(report, "lifts", TriggerOutcome::same_evening);
  EXPECT_EQ(lifts->exposure_rule, "above 0 (most days have none)");
  EXPECT_EQ(lifts->exposed_days, 14);  // days 4, 8, …, 56
}

TEST(TriggerFinder, FindsTheMedianOfHalfUnitsAndOfAnyOtherValues) {
  Diary diary = CompleteDiary(60);
  for (std::size_t day = 0; day < diary.size(); ++day) {
    // Quarter hours do not fit the counting path; the two middle values are
    // 6.75 and 7.25.
    diary[day].exposures["sleep_hours"] = std::array{6.25, 6.75, 7.25, 8.25}[day % 4];
    // Half hours do; the two middle values are 1.5 and 2.5.
    diary[day].exposures["driving_minutes"] = std::array{0.5, 1.5, 2.5, 3.5}[day % 4];
  }
  const TriggerReport report = FindTriggers(diary);
  const auto* sleep = FindingFor(report, "sleep_hours", TriggerOutcome::same_evening);
  EXPECT_EQ(sleep->exposure_rule, "above this client's median (7 h)");
  EXPECT_EQ(sleep->exposed_days, 30);  // days 2, 3, 6, 7, …, 58, 59
  const auto* driving = FindingFor(report, "driving_minutes", TriggerOutcome::same_evening);
  EXPECT_EQ(driving->exposure_rule, "above this client's median (2 min)");
  EXPECT_EQ(driving->exposed_days, 30);  // days 2, 3, 6, 7, …, 58, 59
}

TEST(TriggerFinder, ReadsUnknownExposuresByTheirValuesUnlessDefined) {
  Diary diary = CompleteDiary(60);
  for (std::size_t day = 0; day < diary.size(); ++day)
    diary[day].exposures["gardening"] = day % 3 == 0 ? 1.0 : 0.0;
  const TriggerReport read_by_values = FindTriggers(diary);
  EXPECT_EQ(FindingFor(read_by_values, "gardening", TriggerOutcome::same_evening)->exposure_rule,
            "marked yes");
  TriggerOptions options;
  options.exposure_definitions.push_back({"gardening", ExposureKind::hours, "Gardening (hours)"});
  const TriggerReport read_as_hours = FindTriggers(diary, options);
  EXPECT_EQ(FindingFor(read_as_hours, "gardening", TriggerOutcome::same_evening)->exposure_rule,
            "above 0 (most days have none)");
}

TEST(TriggerFinder, DoesNotTestAnExposureWithTooFewDaysEitherWay) {
  Diary diary = CompleteDiary(60);
  for (std::size_t day = 0; day < diary.size(); ++day) {
    diary[day].exposures["rare"] = day == 10 || day == 20 || day == 30 ? 1.0 : 0.0;
    diary[day].exposures["always"] = day == 10 ? 0.0 : 1.0;
    if (day >= 25)
      diary[day].exposures.erase("null_count_0");  // 24 usable days < 28
  }
  const TriggerReport report = FindTriggers(diary);
  const auto reason = [&](std::string_view exposure) {
    const TriggerFinding* finding = FindingFor(report, exposure, TriggerOutcome::same_evening);
    EXPECT_FALSE(finding->tested);
    EXPECT_FALSE(finding->reported);
    return finding->reason.rule_id;
  };
  EXPECT_EQ(reason("rare"), "trigger.too_few_exposed_days");
  EXPECT_EQ(reason("always"), "trigger.too_few_other_days");
  EXPECT_EQ(reason("null_count_0"), "trigger.too_few_days");
  EXPECT_FALSE(report.findings.back().tested);  // untested ones come last
}

TEST(TriggerFinder, SaysWhenAnExposureCannotBeSeparatedFromEarlierPain) {
  Diary diary = CompleteDiary(60);
  for (std::size_t day = 0; day < diary.size(); ++day) {
    diary[day].pain_morning = static_cast<int>(day % 3 == 0);
    diary[day].exposures["bad_morning"] = day % 3 == 0 ? 1.0 : 0.0;  // = morning pain
  }
  const TriggerReport report = FindTriggers(diary);
  const TriggerFinding* finding = FindingFor(report, "bad_morning", TriggerOutcome::same_evening);
  EXPECT_FALSE(finding->tested);
  EXPECT_EQ(finding->reason.rule_id, "trigger.not_separable");
}

// ---- Findings ------------------------------------------------------------------

TEST(TriggerFinder, ReportsAPlantedYesNoTriggerAsAnAssociation) {
  const auto generated = GenerateDiary(1);
  const TriggerReport report = FindTriggers(generated.diary);
  ASSERT_TRUE(report.enough_data);
  ASSERT_FALSE(report.findings.empty());
  const TriggerFinding& top = report.findings.front();
  EXPECT_EQ(top.exposure, generated.planted_name);
  EXPECT_EQ(top.outcome, TriggerOutcome::same_evening);
  EXPECT_TRUE(top.reported);
  EXPECT_EQ(top.exposure_rule, "marked yes");
  EXPECT_LT(top.interval_low, 1.5);  // the planted effect lies in the interval
  EXPECT_GT(top.interval_high, 1.5);
  EXPECT_GT(top.interval_low, 0.0);
  EXPECT_LT(top.adjusted_p_value, 0.05);
  EXPECT_EQ(top.reason.rule_id, "trigger.association");
  for (const char* words : {"seems to be followed by more pain that evening", "interval",
                            "not proof of cause", "avoid it", "reintroduce it"})
    EXPECT_NE(top.reason.text.find(words), std::string::npos) << words;
  std::vector<std::string> notes;
  for (const auto& note : report.method_notes)
    notes.push_back(note.rule_id);
  EXPECT_EQ(notes, (std::vector<std::string>{"trigger.method", "trigger.multiple_testing",
                                             "trigger.not_a_cause"}));
}

TEST(TriggerFinder, ListsAProtectiveAssociationWithoutReportingIt) {
  DiaryGenOptions options;
  options.planted_effect = -1.5;
  const auto generated = GenerateDiary(1, options);
  const TriggerReport report = FindTriggers(generated.diary);
  const TriggerFinding* finding =
      FindingFor(report, generated.planted_name, TriggerOutcome::same_evening);
  EXPECT_FALSE(finding->reported);
  EXPECT_LT(finding->effect_points, -1.0);
  EXPECT_EQ(finding->reason.rule_id, "trigger.protective");
  EXPECT_NE(finding->reason.text.find("less pain"), std::string::npos);
}

TEST(TriggerFinder, DoesNotReportSmallEffectsEvenWhenClear) {
  DiaryGenOptions generator;
  generator.days = 1095;
  generator.planted_effect = 0.3;
  const auto generated = GenerateDiary(3, generator);
  const TriggerReport report = FindTriggers(generated.diary);
  const TriggerFinding* finding =
      FindingFor(report, generated.planted_name, TriggerOutcome::same_evening);
  EXPECT_LT(finding->adjusted_p_value, 0.05);
  EXPECT_FALSE(finding->reported);
  EXPECT_EQ(finding->reason.rule_id, "trigger.effect_too_small");
}

TEST(TriggerFinder, RanksReportedFindingsFirstThenByEffect) {
  const TriggerReport report = FindTriggers(GenerateDiary(2).diary);
  for (std::size_t i = 1; i < report.findings.size(); ++i) {
    const auto& before = report.findings[i - 1];
    const auto& after = report.findings[i];
    EXPECT_GE(before.reported, after.reported);
    EXPECT_GE(before.tested, after.tested);
    if (before.reported == after.reported && before.tested == after.tested) {
      EXPECT_GE(before.effect_points, after.effect_points);
    }
  }
}

TEST(TriggerFinder, AdjustsEveryTestedPairWithHolm) {
  const TriggerReport report = FindTriggers(GenerateDiary(4).diary);
  std::vector<const TriggerFinding*> tested;
  for (const auto& finding : report.findings)
    if (finding.tested)
      tested.push_back(&finding);
  ASSERT_EQ(report.pairs_tested, static_cast<int>(tested.size()));
  EXPECT_EQ(report.pairs_tested, 42);  // 21 exposures × 2 outcomes
  std::sort(tested.begin(), tested.end(),
            [](const auto* a, const auto* b) { return a->p_value < b->p_value; });
  const double m = static_cast<double>(tested.size());
  EXPECT_DOUBLE_EQ(tested.front()->adjusted_p_value, std::min(1.0, m * tested.front()->p_value));
  for (std::size_t rank = 0; rank < tested.size(); ++rank) {
    EXPECT_GE(tested[rank]->adjusted_p_value,
              std::min(1.0, (m - static_cast<double>(rank)) * tested[rank]->p_value));
    if (rank > 0) {
      EXPECT_GE(tested[rank]->adjusted_p_value, tested[rank - 1]->adjusted_p_value);
    }
  }
}

// ---- Carry-over ----------------------------------------------------------------

// "rest_day" is taken after a painful evening and does nothing itself; since
// pain carries over, days after a rest day are still more painful than others.
Diary WithYesterdayDrivenExposure(Diary diary, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution after_bad(0.8), after_good(0.1);
  for (std::size_t day = 1; day < diary.size(); ++day) {
    const auto yesterday = diary[day - 1].pain_evening;
    const bool bad = yesterday && *yesterday >= 5;
    diary[day].exposures["rest_day"] = (bad ? after_bad(rng) : after_good(rng)) ? 1.0 : 0.0;
  }
  return diary;
}

TEST(TriggerFinder, AnExposureThatOnlyFollowsYesterdaysPainIsNotReported) {
  DiaryGenOptions generator;
  generator.days = 365;
  generator.carry_over = 0.9;  // pain that lingers for days
  generator.planted_name.clear();
  constexpr int kSeeds = 8;
  double effect_sum = 0.0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Diary diary = WithYesterdayDrivenExposure(GenerateDiary(seed, generator).diary, seed);
    // Without the carry-over covariates the rest day looks like a clear trigger.
    ExposureRegression naive;
    for (const auto& entry : diary)
      if (entry.pain_evening && entry.exposures.contains("rest_day"))
        naive.Add(0.0, 0.0, entry.exposures.at("rest_day"), *entry.pain_evening);
    const ExposureEstimate unadjusted = naive.Estimate();
    EXPECT_GT(unadjusted.coefficient, 0.5) << "seed " << seed;
    EXPECT_LT(StudentTTwoSidedP(unadjusted.coefficient / unadjusted.standard_error,
                                unadjusted.degrees_of_freedom),
              0.05 / 42)
        << "seed " << seed;
    const TriggerReport report = FindTriggers(diary);
    EXPECT_FALSE(IsReported(report, "rest_day")) << "seed " << seed;
    for (const TriggerOutcome outcome :
         {TriggerOutcome::same_evening, TriggerOutcome::next_morning})
      effect_sum += FindingFor(report, "rest_day", outcome)->effect_points;
  }
  // Holding only this morning's pain fixed leaves a bias near +0.2 points;
  // with the evening before as well it is near zero.
  EXPECT_LT(std::abs(effect_sum / (2 * kSeeds)), 0.1);
}

// ---- Property over generated diaries ---------------------------------------------

struct SeedRates {
  int seeds = 0;
  int planted_found = 0;
  int null_reports = 0;  // distinct (seed, null exposure) pairs reported
};

SeedRates RunSeeds(std::uint64_t first_seed, int count) {
  SeedRates rates;
  for (std::uint64_t seed = first_seed; seed < first_seed + static_cast<std::uint64_t>(count);
       ++seed) {
    const auto generated = GenerateDiary(seed);
    const TriggerReport report = FindTriggers(generated.diary);
    ++rates.seeds;
    rates.planted_found += IsReported(report, generated.planted_name) ? 1 : 0;
    for (const auto& name : generated.null_names)
      rates.null_reports += IsReported(report, name) ? 1 : 0;
  }
  return rates;
}

TEST(TriggerFinderProperty, FindsAPlantedTriggerAndNotTheNullsOver20Seeds) {
  // 90 days, pain with carry-over, 20 null exposures of mixed kinds, one yes/no
  // trigger on ~30 % of days adding 1.5 points that evening. Seeds are fixed.
  const SeedRates rates = RunSeeds(1, 20);
  EXPECT_GE(rates.planted_found, 19);
  EXPECT_LE(rates.null_reports, 1);
}

// Not run by default: the rates over many seeds, to see the margin behind the
// fixed-seed property. Run with --gtest_also_run_disabled_tests.
TEST(TriggerFinderProperty, DISABLED_RatesOver1000Seeds) {
  for (const int count : {100, 1000}) {
    const SeedRates rates = RunSeeds(1, count);
    std::printf("seeds 1..%d: planted trigger reported in %d, null exposures reported %d\n",
                rates.seeds, rates.planted_found, rates.null_reports);
  }
}

}  // namespace
}  // namespace backplan::core
