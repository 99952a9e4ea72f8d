// Graded progression of the working pressure per region (CLINICAL.md section
// 0, PRODUCT.md principle 6): hand-worked sequences, then properties over
// generated plans and response sequences with fixed seeds.

#include "core/care/progression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/assessment.h"
#include "core/names.h"
#include "support/intake_gen.h"

namespace backplan::core {
namespace {

constexpr auto kFlare = ResponseKind::flare;
constexpr auto kShort = ResponseKind::short_lived_relief;
constexpr auto kBetter = ResponseKind::sustained_improvement;
constexpr auto kSame = ResponseKind::no_change;
constexpr auto kUnknown = ResponseKind::insufficient_data;

std::size_t At(Region r) {
  return static_cast<std::size_t>(r);
}

// Only the lumbar region is workable unless a test opens more.
Plan LumbarPlan(int start, int ceiling) {
  Plan plan;
  for (Region r : kAllRegions) {
    RegionPlan rp;
    rp.region = r;
    if (r == Region::lumbar) {
      rp.work = true;
      rp.start_pressure = start;
      rp.pressure_ceiling = ceiling;
    }
    plan.regions.push_back(rp);
  }
  return plan;
}

std::vector<int> Lumbar(const Plan& plan, const std::vector<ResponseKind>& responses) {
  const Progression p = ComputeProgression(plan, responses);
  std::vector<int> pressures;
  for (const auto& after : p.after_session)
    pressures.push_back(after[At(Region::lumbar)]);
  return pressures;
}

using Pressures = std::vector<int>;

TEST(Progression, StartsAtThePlansStartWithAReason) {
  const Progression p = ComputeProgression(LumbarPlan(1, 4), {});
  EXPECT_EQ(p.start[At(Region::lumbar)], 1);
  EXPECT_EQ(p.Current()[At(Region::lumbar)], 1);
  EXPECT_EQ(p.start[At(Region::glutes)], 0);
  ASSERT_EQ(p.history.size(), 1u);
  EXPECT_EQ(p.history[0].region, Region::lumbar);
  EXPECT_FALSE(p.history[0].after_session.has_value());
  EXPECT_EQ(p.history[0].to, 1);
  EXPECT_EQ(p.history[0].reason.rule_id, "progression.start");
}

TEST(Progression, StepsUpAfterTwoSessionsWithoutAFlare) {
  EXPECT_EQ(Lumbar(LumbarPlan(1, 4), {kSame, kSame}), (Pressures{1, 2}));
  // Counted since the last change: the third session starts a new count.
  EXPECT_EQ(Lumbar(LumbarPlan(1, 4), {kSame, kBetter, kBetter, kBetter, kSame}),
            (Pressures{1, 2, 2, 3, 3}));
  // A short-lived relief is no flare: it does not hold progression back.
  EXPECT_EQ(Lumbar(LumbarPlan(1, 4), {kShort, kShort}), (Pressures{1, 2}));
}

TEST(Progression, NeverAboveTheCeiling) {
  EXPECT_EQ(Lumbar(LumbarPlan(1, 2), {kBetter, kBetter, kBetter, kBetter, kBetter, kBetter}),
            (Pressures{1, 2, 2, 2, 2, 2}));
  EXPECT_EQ(Lumbar(LumbarPlan(2, 2), {kBetter, kBetter}), (Pressures{2, 2}));
}

TEST(Progression, StepsDownAfterAFlareAndStartsCountingAgain) {
  EXPECT_EQ(Lumbar(LumbarPlan(2, 4), {kSame, kFlare, kSame, kSame}), (Pressures{2, 1, 1, 2}));
  // A flare breaks the streak even where it cannot step down.
  EXPECT_EQ(Lumbar(LumbarPlan(1, 4), {kSame, kFlare, kSame, kSame}), (Pressures{1, 1, 1, 2}));
}

TEST(Progression, AWorkedRegionNeverGoesBelowOne) {
  const Progression p = ComputeProgression(LumbarPlan(1, 3), std::vector{kFlare, kFlare, kFlare});
  for (const auto& after : p.after_session)
    EXPECT_EQ(after[At(Region::lumbar)], 1);
  EXPECT_EQ(p.history.size(), 1u) << "a blocked step is not a change";
}

TEST(Progression, InsufficientDataNeitherCountsNorResets) {
  EXPECT_EQ(Lumbar(LumbarPlan(1, 4), {kSame, kUnknown, kSame}), (Pressures{1, 1, 2}));
  EXPECT_EQ(Lumbar(LumbarPlan(1, 4), {kUnknown, kUnknown}), (Pressures{1, 1}));
  EXPECT_EQ(Lumbar(LumbarPlan(3, 4), {kUnknown, kFlare, kUnknown}), (Pressures{3, 2, 2}));
}

TEST(Progression, ARegionThePlanExcludesStaysAtZero) {
  const Progression p = ComputeProgression(LumbarPlan(1, 4), std::vector{kBetter, kBetter});
  for (Region r : kAllRegions)
    if (r != Region::lumbar) {
      EXPECT_EQ(p.Current()[At(r)], 0) << Name(r);
    }
}

TEST(Progression, ChangesAreKeptWithTheirSessionAndReason) {
  const Progression p = ComputeProgression(LumbarPlan(2, 4), std::vector{kSame, kSame, kFlare});
  ASSERT_EQ(p.history.size(), 3u);
  EXPECT_EQ(p.history[1].reason.rule_id, "progression.step_up");
  EXPECT_EQ(p.history[1].after_session, std::optional<std::size_t>{1});
  EXPECT_EQ(p.history[1].from, 2);
  EXPECT_EQ(p.history[1].to, 3);
  EXPECT_NE(p.history[1].reason.text.find("session 2"), std::string::npos)
      << p.history[1].reason.text;
  EXPECT_EQ(p.history[2].reason.rule_id, "progression.step_down");
  EXPECT_EQ(p.history[2].after_session, std::optional<std::size_t>{2});
  EXPECT_EQ(p.history[2].to, 2);
  EXPECT_NE(p.history[2].reason.text.find("session 3 was followed by a flare"), std::string::npos)
      << p.history[2].reason.text;
}

TEST(Progression, WorkableRegionsOfARealPlanMoveTogetherUpToTheirOwnCeilings) {
  Intake in = testing::BaselineIntake();
  in.leg_extent = LegExtent::below_knee;  // radicular: the nerve path is capped at 2
  const Assessment a = Assess(in);
  ASSERT_TRUE(a.plan.has_value());
  const std::vector<ResponseKind> responses(12, kBetter);
  const Progression p = ComputeProgression(*a.plan, responses);
  for (const RegionPlan& rp : a.plan->regions) {
    const int expected = rp.work ? rp.pressure_ceiling : 0;
    EXPECT_EQ(p.Current()[At(rp.region)], expected) << Name(rp.region);
  }
}

// --- Properties over generated plans and sequences -------------------------

class ProgressionGenerator {
 public:
  explicit ProgressionGenerator(std::uint32_t seed) : rng_(seed), intakes_(seed + 1) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // Half hand-made (every ceiling and start, floor cases), half from the
  // assessment engine (the plans the product really builds).
  Plan NextPlan() {
    if (Int(0, 1) == 0) {
      for (;;) {
        const Assessment a = Assess(intakes_.Next());
        if (a.plan)
          return *a.plan;
      }
    }
    Plan plan;
    for (Region r : kAllRegions) {
      RegionPlan rp;
      rp.region = r;
      if (Int(0, 9) < 7) {
        rp.work = true;
        rp.pressure_ceiling = Int(1, kMaxPressure);
        rp.start_pressure = Int(1, rp.pressure_ceiling);
      }
      plan.regions.push_back(rp);
    }
    return plan;
  }

  std::vector<ResponseKind> NextResponses() {
    // Flares and missing data common enough to interleave with streaks.
    static constexpr ResponseKind kWeighted[] = {kFlare, kFlare, kShort,   kBetter, kBetter,
                                                 kSame,  kSame,  kUnknown, kUnknown};
    std::vector<ResponseKind> responses(static_cast<std::size_t>(Int(0, 40)));
    for (auto& r : responses)
      r = kWeighted[Int(0, 8)];
    return responses;
  }

 private:
  std::mt19937 rng_;
  testing::IntakeGenerator intakes_;
};

constexpr int kCases = 3000;

struct Case {
  Plan plan;
  std::vector<ResponseKind> responses;
  Progression progression;
  std::string Show(std::size_t region) const {
    std::string s = "region " + std::string(Name(static_cast<Region>(region))) + ", ceiling " +
                    std::to_string(plan.For(static_cast<Region>(region)).pressure_ceiling) +
                    ", responses:";
    for (auto r : responses)
      s += " " + std::string(Name(r));
    return s;
  }
};

template <typename Check>
void ForEachCase(std::uint32_t seed, Check check) {
  ProgressionGenerator gen(seed);
  for (int i = 0; i < kCases && !::testing::Test::HasFailure(); ++i) {
    Case c;
    c.plan = gen.NextPlan();
    c.responses = gen.NextResponses();
    c.progression = ComputeProgression(c.plan, c.responses);
    ASSERT_EQ(c.progression.after_session.size(), c.responses.size());
    check(c);
  }
}

// The pressure before session `s` (the start before the first).
int Before(const Progression& p, std::size_t s, std::size_t region) {
  return s == 0 ? p.start[region] : p.after_session[s - 1][region];
}

TEST(ProgressionProperties, NeverAboveTheCeilingNorBelowTheFloor) {
  ForEachCase(7001, [](const Case& c) {
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      const RegionPlan& rp = c.plan.For(static_cast<Region>(r));
      for (const auto& after : c.progression.after_session) {
        if (!rp.work) {
          EXPECT_EQ(after[r], 0) << c.Show(r);
          continue;
        }
        EXPECT_LE(after[r], rp.pressure_ceiling) << c.Show(r);
        EXPECT_GE(after[r], std::min(kWorkedRegionFloor, rp.start_pressure)) << c.Show(r);
      }
    }
  });
}

TEST(ProgressionProperties, NeverRisesWithoutTwoConsecutiveSessionsWithoutAFlare) {
  ForEachCase(7002, [](const Case& c) {
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      std::size_t tolerated = 0;  // judged no-flare sessions since the last change or flare
      for (std::size_t s = 0; s < c.responses.size(); ++s) {
        const int before = Before(c.progression, s, r);
        const int after = c.progression.after_session[s][r];
        const ResponseKind response = c.responses[s];
        if (response == kFlare)
          tolerated = 0;
        else if (response != kUnknown)
          ++tolerated;
        if (after > before) {
          EXPECT_EQ(after, before + 1) << "session " << s + 1 << "; " << c.Show(r);
          EXPECT_GE(tolerated, kSessionsToStepUp) << "session " << s + 1 << "; " << c.Show(r);
        }
        if (after != before)
          tolerated = 0;
      }
    }
  });
}

TEST(ProgressionProperties, AlwaysStepsDownAfterAFlareUnlessAtTheFloor) {
  ForEachCase(7003, [](const Case& c) {
    for (std::size_t r = 0; r < kRegionCount; ++r) {
      for (std::size_t s = 0; s < c.responses.size(); ++s) {
        const int before = Before(c.progression, s, r);
        const int after = c.progression.after_session[s][r];
        if (c.responses[s] == kFlare) {
          const int expected = before > kWorkedRegionFloor ? before - 1 : before;
          EXPECT_EQ(after, expected) << "session " << s + 1 << "; " << c.Show(r);
        }
        if (c.responses[s] == kUnknown) {
          EXPECT_EQ(after, before) << "session " << s + 1 << "; " << c.Show(r);
        }
      }
    }
  });
}

// Replaying the history from nothing gives every state, so no change is
// missing from it, and every entry is a real change with a full reason.
TEST(ProgressionProperties, EveryChangeIsInTheHistoryWithAReason) {
  ForEachCase(7004, [](const Case& c) {
    const Progression& p = c.progression;
    RegionPressures replay{};
    std::size_t entry = 0;
    for (; entry < p.history.size() && !p.history[entry].after_session; ++entry) {
      const auto& change = p.history[entry];
      EXPECT_EQ(change.reason.rule_id, "progression.start");
      replay[At(change.region)] = change.to;
    }
    EXPECT_EQ(replay, p.start) << c.Show(0);
    for (std::size_t s = 0; s < c.responses.size(); ++s) {
      for (; entry < p.history.size() && p.history[entry].after_session == s; ++entry) {
        const PressureChange& change = p.history[entry];
        const std::size_t r = At(change.region);
        EXPECT_EQ(change.from, replay[r]) << c.Show(r);
        EXPECT_NE(change.to, change.from) << c.Show(r);
        EXPECT_TRUE(change.reason.rule_id == "progression.step_up" ||
                    change.reason.rule_id == "progression.step_down")
            << change.reason.rule_id;
        EXPECT_FALSE(change.reason.text.empty()) << c.Show(r);
        EXPECT_FALSE(change.reason.source.empty()) << c.Show(r);
        replay[r] = change.to;
      }
      EXPECT_EQ(replay, p.after_session[s]) << "session " << s + 1 << "; " << c.Show(0);
    }
    EXPECT_EQ(entry, p.history.size()) << "history out of session order";
  });
}

}  // namespace
}  // namespace backplan::core
