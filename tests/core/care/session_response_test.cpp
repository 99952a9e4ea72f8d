// Session response (flare, short-lived relief, sustained improvement, no
// change, insufficient data) and the care trend across sessions, against
// CLINICAL.md section 0 and the edge cases in docs/care-loop-rules.md.

#include "core/care/session_response.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace backplan::core {
namespace {

using std::chrono::hours;

const std::chrono::sys_seconds kStart =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 20} + hours{9};

Session MakeSession(PainReading before, PainReading after,
                    LegExtent extent_before = LegExtent::none) {
  Session s;
  s.started_at = kStart;
  s.duration_minutes = 45;
  s.pain_before = before;
  s.pain_after = after;
  s.leg_extent_before = extent_before;
  return s;
}

hours Offset(CheckInKind kind) {
  switch (kind) {
    case CheckInKind::after_24h:
      return hours{24};
    case CheckInKind::after_72h:
      return hours{72};
    case CheckInKind::after_7d:
      return hours{168};
  }
  return hours{0};
}

CheckIn Check(CheckInKind kind, int back, int leg, LegExtent extent = LegExtent::none,
              bool flare_reported = false, GlobalChange change = GlobalChange::same) {
  CheckIn c;
  c.kind = kind;
  c.answered_at = kStart + Offset(kind);
  c.back_pain = back;
  c.leg_pain = leg;
  c.leg_extent = extent;
  c.flare_reported = flare_reported;
  c.change = change;
  return c;
}

constexpr auto k24h = CheckInKind::after_24h;
constexpr auto k72h = CheckInKind::after_72h;
constexpr auto k7d = CheckInKind::after_7d;

std::vector<std::string> Ids(const SessionResponse& r) {
  std::vector<std::string> ids;
  for (const auto& reason : r.reasons)
    ids.push_back(reason.rule_id);
  return ids;
}

SessionResponse Classify(const Session& s, const std::vector<CheckIn>& check_ins) {
  return ClassifyResponse(s, check_ins);
}

// --- One session -----------------------------------------------------------

TEST(SessionResponse, NoCheckInsIsInsufficientData) {
  const auto r = Classify(MakeSession({5, 0}, {2, 0}), {});
  EXPECT_EQ(r.kind, ResponseKind::insufficient_data);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"response.insufficient_data"});
  EXPECT_FALSE(r.peripheralized);
}

TEST(SessionResponse, A24hCheckInAloneCannotShowLastingChange) {
  EXPECT_EQ(Classify(MakeSession({5, 0}, {5, 0}), {Check(k24h, 5, 0)}).kind,
            ResponseKind::insufficient_data);
  // Still 3 below at 24 h: could yet be short-lived, so not judged.
  EXPECT_EQ(Classify(MakeSession({6, 0}, {3, 0}), {Check(k24h, 3, 0)}).kind,
            ResponseKind::insufficient_data);
}

TEST(SessionResponse, PainTwoAboveBaselineAtACheckInIsAFlare) {
  const auto r = Classify(MakeSession({4, 1}, {4, 1}), {Check(k24h, 6, 1)});
  EXPECT_EQ(r.kind, ResponseKind::flare);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"response.flare.pain_rise"});
  EXPECT_NE(r.reasons[0].text.find("back pain 6 at the 24h check-in"), std::string::npos)
      << r.reasons[0].text;
}

TEST(SessionResponse, LegPainRiseIsAFlareToo) {
  EXPECT_EQ(Classify(MakeSession({4, 2}, {3, 2}), {Check(k72h, 3, 4)}).kind, ResponseKind::flare);
}

TEST(SessionResponse, ARiseAtTheSevenDayCheckInIsStillAFlare) {
  EXPECT_EQ(Classify(MakeSession({4, 0}, {3, 0}), {Check(k72h, 4, 0), Check(k7d, 6, 0)}).kind,
            ResponseKind::flare);
}

TEST(SessionResponse, ARiseOfOneIsNotAFlare) {
  EXPECT_EQ(Classify(MakeSession({4, 1}, {4, 1}), {Check(k24h, 5, 2), Check(k72h, 5, 2)}).kind,
            ResponseKind::no_change);
}

// Soreness straight after a session is expected; only a check-in shows a
// rise that lasted.
TEST(SessionResponse, APostSessionRiseAloneIsNotAFlare) {
  EXPECT_EQ(Classify(MakeSession({4, 0}, {7, 0}), {Check(k24h, 4, 0), Check(k72h, 4, 0)}).kind,
            ResponseKind::no_change);
}

TEST(SessionResponse, SymptomsFurtherDownTheLegArePeripheralization) {
  const auto r = Classify(MakeSession({4, 3}, {3, 2}, LegExtent::thigh),
                          {Check(k72h, 4, 3, LegExtent::below_knee)});
  EXPECT_EQ(r.kind, ResponseKind::flare);
  EXPECT_TRUE(r.peripheralized);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"response.flare.peripheralization"});
  EXPECT_NE(r.reasons[0].text.find("below_knee"), std::string::npos) << r.reasons[0].text;
}

TEST(SessionResponse, SymptomsRetreatingUpTheLegAreNotPeripheralization) {
  const auto r = Classify(MakeSession({4, 3}, {3, 2}, LegExtent::below_knee),
                          {Check(k72h, 4, 3, LegExtent::thigh)});
  EXPECT_FALSE(r.peripheralized);
  EXPECT_NE(r.kind, ResponseKind::flare);
}

TEST(SessionResponse, AClientReportedFlareIsAFlare) {
  const auto r = Classify(MakeSession({4, 0}, {3, 0}), {Check(k24h, 4, 0, LegExtent::none, true)});
  EXPECT_EQ(r.kind, ResponseKind::flare);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"response.flare.client_reported"});
}

TEST(SessionResponse, WorseWithoutSayingFlareIsNotAFlare) {
  const auto r = Classify(MakeSession({4, 0}, {3, 0}),
                          {Check(k24h, 5, 0, LegExtent::none, false, GlobalChange::worse),
                           Check(k72h, 5, 0, LegExtent::none, false, GlobalChange::worse)});
  EXPECT_EQ(r.kind, ResponseKind::no_change);
}

TEST(SessionResponse, EveryFlareRuleThatAppliesGivesItsReason) {
  const auto r = Classify(MakeSession({4, 2}, {4, 2}, LegExtent::buttock),
                          {Check(k24h, 7, 2, LegExtent::thigh, true)});
  EXPECT_EQ(r.kind, ResponseKind::flare);
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"response.flare.pain_rise",
                                              "response.flare.peripheralization",
                                              "response.flare.client_reported"}));
}

TEST(SessionResponse, ReliefGoneBy72hIsShortLived) {
  const auto r = Classify(MakeSession({6, 0}, {3, 0}), {Check(k24h, 4, 0), Check(k72h, 5, 0)});
  EXPECT_EQ(r.kind, ResponseKind::short_lived_relief);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"response.short_lived_relief"});
  EXPECT_NE(r.reasons[0].text.find("back pain 6 → 3 after the session, 5 at the 72h check-in"),
            std::string::npos)
      << r.reasons[0].text;
}

TEST(SessionResponse, ReliefGoneAt24hIsShortLivedWithoutWaitingFor72h) {
  EXPECT_EQ(Classify(MakeSession({6, 0}, {3, 0}), {Check(k24h, 6, 0)}).kind,
            ResponseKind::short_lived_relief);
}

TEST(SessionResponse, ReliefInTheLegCountsLikeReliefInTheBack) {
  EXPECT_EQ(Classify(MakeSession({2, 7}, {2, 4}), {Check(k72h, 2, 6)}).kind,
            ResponseKind::short_lived_relief);
}

TEST(SessionResponse, ADropOfOneIsNoRelief) {
  EXPECT_EQ(Classify(MakeSession({6, 0}, {5, 0}), {Check(k72h, 6, 0)}).kind,
            ResponseKind::no_change);
}

TEST(SessionResponse, ReliefThatLastsBeyond72hButFadesByTheWeekIsNoChange) {
  EXPECT_EQ(Classify(MakeSession({6, 0}, {3, 0}), {Check(k72h, 3, 0), Check(k7d, 6, 0)}).kind,
            ResponseKind::no_change);
}

TEST(SessionResponse, PainTwoBelowFrom72hOnIsSustained) {
  const auto r = Classify(MakeSession({6, 0}, {3, 0}), {Check(k24h, 4, 0), Check(k72h, 4, 0)});
  EXPECT_EQ(r.kind, ResponseKind::sustained_improvement);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"response.sustained_improvement"});
  // Without a drop straight after the session, a lasting drop still counts.
  EXPECT_EQ(Classify(MakeSession({6, 0}, {6, 0}), {Check(k7d, 3, 0)}).kind,
            ResponseKind::sustained_improvement);
}

TEST(SessionResponse, AFlareOutranksRelief) {
  EXPECT_EQ(Classify(MakeSession({6, 2}, {3, 2}), {Check(k72h, 5, 4)}).kind, ResponseKind::flare);
}

TEST(SessionResponse, ShortLivedReliefOutranksASustainedDropInTheOtherMeasure) {
  EXPECT_EQ(Classify(MakeSession({6, 6}, {3, 6}), {Check(k72h, 6, 3)}).kind,
            ResponseKind::short_lived_relief);
}

TEST(SessionResponse, TheLatestAnswerOfAKindIsRead) {
  CheckIn first = Check(k72h, 3, 0);
  CheckIn second = Check(k72h, 6, 0);
  second.answered_at += hours{2};
  // Given in either order, the later answer (back at 6) decides.
  EXPECT_EQ(Classify(MakeSession({6, 0}, {3, 0}), {first, second}).kind,
            ResponseKind::short_lived_relief);
  EXPECT_EQ(Classify(MakeSession({6, 0}, {3, 0}), {second, first}).kind,
            ResponseKind::short_lived_relief);
}

// --- Generated sessions ----------------------------------------------------

struct Generated {
  Session session;
  std::vector<CheckIn> check_ins;
};

class SessionGenerator {
 public:
  explicit SessionGenerator(std::uint32_t seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  LegExtent Extent() { return static_cast<LegExtent>(Int(0, 4)); }
  int Near(int value, int down, int up) { return std::clamp(value + Int(down, up), 0, 10); }

  // Check-in values drift around the session's, as real ones do, so that
  // every kind comes up often.
  Generated Next() {
    Generated g;
    const PainReading before{Int(0, 10), Int(0, 10)};
    const PainReading after{Near(before.back, -4, 2), Near(before.leg, -4, 2)};
    g.session = MakeSession(before, after, Extent());
    for (CheckInKind kind : kAllCheckInKinds)
      if (Chance(0.6))
        g.check_ins.push_back(Check(kind, Near(before.back, -4, 3), Near(before.leg, -4, 3),
                                    Chance(0.1) ? Extent() : g.session.leg_extent_before,
                                    Chance(0.05), static_cast<GlobalChange>(Int(0, 2))));
    return g;
  }

 private:
  std::mt19937 rng_;
};

bool Has(const std::vector<CheckIn>& cs, bool (*pred)(const CheckIn&)) {
  return std::any_of(cs.begin(), cs.end(), pred);
}

TEST(SessionResponseProperties, HoldForGeneratedSessions) {
  SessionGenerator gen(20261121);
  int seen[5] = {};
  for (int i = 0; i < 5000 && !HasFailure(); ++i) {
    const Generated g = gen.Next();
    const SessionResponse r = ClassifyResponse(g.session, g.check_ins);
    const std::string ctx = "case " + std::to_string(i) + ": " + std::string(Name(r.kind));
    ++seen[static_cast<int>(r.kind)];

    // The client's word is enough for a flare.
    if (Has(g.check_ins, [](const CheckIn& c) { return c.flare_reported; })) {
      EXPECT_EQ(r.kind, ResponseKind::flare) << ctx;
    }
    // Peripheralization is exactly "a check-in further down the leg", and a flare.
    const bool further = std::any_of(g.check_ins.begin(), g.check_ins.end(), [&](const CheckIn& c) {
      return c.leg_extent > g.session.leg_extent_before;
    });
    EXPECT_EQ(r.peripheralized, further) << ctx;
    if (r.peripheralized) {
      EXPECT_EQ(r.kind, ResponseKind::flare) << ctx;
    }
    // Nothing to judge without check-ins.
    if (g.check_ins.empty()) {
      EXPECT_EQ(r.kind, ResponseKind::insufficient_data) << ctx;
    }
    // Lasting change or its absence needs a check-in from 72 h on.
    if (r.kind == ResponseKind::sustained_improvement || r.kind == ResponseKind::no_change) {
      EXPECT_TRUE(Has(g.check_ins, [](const CheckIn& c) { return c.kind != k24h; })) << ctx;
    }
    // Every result explains itself with rules of its own kind.
    ASSERT_FALSE(r.reasons.empty()) << ctx;
    for (const auto& reason : r.reasons) {
      EXPECT_EQ(reason.rule_id.rfind("response." + std::string(Name(r.kind)), 0), 0u)
          << reason.rule_id << "; " << ctx;
      EXPECT_FALSE(reason.text.empty()) << ctx;
      EXPECT_FALSE(reason.source.empty()) << ctx;
    }
  }
  // Counts are only meaningful when the loop ran to the end.
  for (int k = 0; k < 5 && !HasFailure(); ++k)
    EXPECT_GT(seen[k], 50) << "kind " << Name(static_cast<ResponseKind>(k)) << " rarely generated";
}

// --- Across sessions -------------------------------------------------------

SessionResponse Response(ResponseKind kind, bool peripheralized = false) {
  SessionResponse r;
  r.kind = kind;
  r.peripheralized = peripheralized;
  return r;
}

constexpr auto kFlare = ResponseKind::flare;
constexpr auto kShort = ResponseKind::short_lived_relief;
constexpr auto kBetter = ResponseKind::sustained_improvement;
constexpr auto kSame = ResponseKind::no_change;
constexpr auto kUnknown = ResponseKind::insufficient_data;

std::vector<std::string> AdviceIds(const std::vector<ResponseKind>& kinds,
                                   std::size_t peripheralized_at = SIZE_MAX) {
  std::vector<SessionResponse> responses;
  for (std::size_t i = 0; i < kinds.size(); ++i)
    responses.push_back(Response(kinds[i], i == peripheralized_at));
  std::vector<std::string> ids;
  for (const auto& advice : AssessCareTrend({}, {}, responses).advice)
    ids.push_back(advice.reason.rule_id);
  return ids;
}

using IdList = std::vector<std::string>;

TEST(CareTrend, RepeatedShortLivedReliefAsksToAddressTriggers) {
  EXPECT_EQ(AdviceIds({kSame, kShort, kBetter, kShort}),
            IdList{"trend.short_lived_relief.repeated"});
  EXPECT_EQ(AdviceIds({kShort, kBetter, kSame}), IdList{});
}

TEST(CareTrend, OnlyTheLastThreeJudgedSessionsCount) {
  EXPECT_EQ(AdviceIds({kShort, kShort, kSame, kSame, kSame}), IdList{});
  // Sessions nobody reported on are skipped, so they cannot hide a pattern.
  EXPECT_EQ(AdviceIds({kShort, kUnknown, kUnknown, kShort}),
            IdList{"trend.short_lived_relief.repeated"});
  EXPECT_EQ(AdviceIds({kFlare, kUnknown, kSame, kUnknown, kFlare}), IdList{"trend.flare.repeated"});
}

TEST(CareTrend, RepeatedFlaresAskToDeEscalateAndRefer) {
  const std::vector<SessionResponse> responses = {Response(kFlare), Response(kSame),
                                                  Response(kFlare)};
  const auto trend = AssessCareTrend({}, {}, responses);
  ASSERT_EQ(trend.advice.size(), 1u);
  EXPECT_EQ(trend.advice[0].kind, CareAdviceKind::de_escalate_and_refer);
  EXPECT_EQ(trend.advice[0].reason.rule_id, "trend.flare.repeated");
  EXPECT_NE(trend.advice[0].reason.text.find("2 of the last 3"), std::string::npos);
  EXPECT_EQ(AdviceIds({kFlare, kSame, kSame}), IdList{});
}

TEST(CareTrend, AnyPeripheralizationAsksToDeEscalateAndRefer) {
  EXPECT_EQ(AdviceIds({kFlare, kBetter, kBetter, kBetter, kBetter}, 0),
            IdList{"trend.peripheralization"});
  EXPECT_EQ(AdviceIds({kFlare, kSame, kFlare}, 2),
            (IdList{"trend.flare.repeated", "trend.peripheralization"}));
}

TEST(CareTrend, ChangesAgainstTheIntakeForMeasuredInstrumentsOnly) {
  OutcomeScores intake{6.0, 40.0, std::nullopt};
  OutcomeScores latest{4.0, 34.0, 7.0};
  const auto trend = AssessCareTrend(intake, latest, {});
  ASSERT_EQ(trend.changes.size(), 2u);
  EXPECT_EQ(trend.changes[0].instrument, Instrument::nprs);
  EXPECT_TRUE(trend.changes[0].meaningful);
  EXPECT_EQ(trend.changes[1].instrument, Instrument::odi);
  EXPECT_FALSE(trend.changes[1].meaningful);
  EXPECT_TRUE(trend.advice.empty());
}

TEST(CareTrend, LatestPainIsTheNewestRatingBeforeASessionOrAtACheckIn) {
  Session first = MakeSession({6, 2}, {1, 1});
  Session second = MakeSession({3, 5}, {0, 0});
  second.started_at = kStart + hours{24 * 14};
  CheckIn between = Check(k72h, 4, 4);
  EXPECT_FALSE(LatestPain({}, {}).has_value());
  EXPECT_EQ(LatestPain(std::vector<Session>{first}, {}), 6.0);
  EXPECT_EQ(LatestPain(std::vector<Session>{first}, std::vector<CheckIn>{between}), 4.0);
  // The worse of back and leg; post-session ratings never count.
  EXPECT_EQ(LatestPain(std::vector<Session>{first, second}, std::vector<CheckIn>{between}), 5.0);
  // On a tie in time the check-in wins.
  CheckIn same_time = Check(k7d, 2, 2);
  same_time.answered_at = second.started_at;
  EXPECT_EQ(LatestPain(std::vector<Session>{second}, std::vector<CheckIn>{same_time}), 2.0);
}

}  // namespace
}  // namespace backplan::core
