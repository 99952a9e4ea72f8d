#pragma once
// How the client responded to a session, read from the pain before and after
// it and the check-ins that follow; and, across sessions, whether the course
// of care is working and what the pattern of responses asks for.
//
// One session (CLINICAL.md section 0; first matching row wins, in this order):
//   flare                  a check-in shows back or leg pain ≥ pre-session + 2,
//                          or leg symptoms further down the leg than before the
//                          session (peripheralization), or the client reported
//                          a flare. Every check-in after the session is
//                          "later": the post-session rating alone never is a
//                          flare (post-massage soreness, no duration known).
//   short_lived_relief     back or leg pain dropped ≥ 2 after the session and
//                          was back within 1 point of the pre-session value at
//                          the 24h or 72h check-in.
//   sustained_improvement  at the last check-in from 72 h on (7d if answered,
//                          else 72h), back or leg pain ≥ 2 below pre-session.
//   no_change              a check-in from 72 h on is answered and none of the
//                          above holds.
//   insufficient_data      otherwise: without a check-in from 72 h on only a
//                          flare or a short-lived relief can be told.
// The result is recomputed whenever a check-in arrives, so it reflects the
// check-ins at hand.
//
// Across sessions: meaningful change against the intake (meaningful_change.h)
// and advice from the responses of the last sessions that could be judged.
// Rule ids and edge cases: docs/care-loop-rules.md.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/care/meaningful_change.h"
#include "core/care/session.h"
#include "core/reason.h"

namespace backplan::core {

// Thresholds, NPRS points (CLINICAL.md section 0, product rule).
inline constexpr int kFlarePainRise = 2;
inline constexpr int kReliefDrop = 2;
inline constexpr int kReliefReturnWithin = 1;
// Same size as the NPRS minimal important change, above its MDC of 1.77
// (CLINICAL.md 1.4), so a sustained improvement is never measurement noise.
inline constexpr int kSustainedImprovement = 2;

// Advice looks at the last 3 judged sessions; 2 of them make a pattern.
inline constexpr std::size_t kTrendWindow = 3;
inline constexpr std::size_t kTrendRepeats = 2;

enum class ResponseKind {
  flare,
  short_lived_relief,
  sustained_improvement,
  no_change,
  insufficient_data
};

struct SessionResponse {
  ResponseKind kind = ResponseKind::insufficient_data;
  // Leg symptoms reached further down the leg after this session. Always a
  // flare too; kept apart because it asks for referral on its own.
  bool peripheralized = false;
  std::vector<Reason> reasons;  // every rule that decided the kind
};

// `check_ins` are this session's; if a kind was answered twice the latest
// answer is read for pain values, and any answer can show a flare.
SessionResponse ClassifyResponse(const Session& session, std::span<const CheckIn> check_ins);

// The scores to compare; absent = not measured.
struct OutcomeScores {
  std::optional<double> nprs;  // 0–10
  std::optional<double> odi;   // percent
  std::optional<double> rmdq;  // 0–24
};

// The most recent pain reading of the care loop, as NPRS for the trend: the
// worse of back and leg (the intake asks for one overall NPRS) from the
// latest pre-session rating or check-in. Post-session ratings are left out:
// they show the session's immediate effect, not where the client is. On a tie
// in time the check-in is taken. nullopt when there is no reading.
std::optional<double> LatestPain(std::span<const Session> sessions,
                                 std::span<const CheckIn> check_ins);

enum class CareAdviceKind { address_triggers, de_escalate_and_refer };

struct CareAdvice {
  CareAdviceKind kind = CareAdviceKind::address_triggers;
  std::string text;  // what to do
  Reason reason;     // why
};

struct CareTrend {
  // One entry per instrument measured both at intake and since, in
  // nprs, odi, rmdq order.
  std::vector<MeaningfulChange> changes;
  std::vector<CareAdvice> advice;
};

// `responses` in session order, oldest first.
CareTrend AssessCareTrend(const OutcomeScores& intake, const OutcomeScores& latest,
                          std::span<const SessionResponse> responses);

std::string_view Name(ResponseKind kind);
std::string_view Name(CareAdviceKind kind);

}  // namespace backplan::core
