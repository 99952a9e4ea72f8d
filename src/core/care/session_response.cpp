#include "core/care/session_response.h"

#include <algorithm>
#include <array>

#include "core/names.h"

namespace backplan::core {
namespace {

constexpr const char* kSection0 = "CLINICAL.md section 0 (product rule)";

// Back and leg are judged alike; a row that reads pain reads both.
struct PainMeasure {
  const char* name;
  int PainReading::*session_value;
  int CheckIn::*check_in_value;
};
constexpr std::array<PainMeasure, 2> kMeasures = {{
    {"back pain", &PainReading::back, &CheckIn::back_pain},
    {"leg pain", &PainReading::leg, &CheckIn::leg_pain},
}};

struct ResponseFacts {
  const Session& session;
  std::span<const CheckIn> check_ins;
  std::array<const CheckIn*, kCheckInKindCount> latest{};  // per kind; null = unanswered

  const CheckIn* Latest(CheckInKind kind) const { return latest[static_cast<std::size_t>(kind)]; }
  // The last word on how the session went: 7d if answered, else 72h.
  const CheckIn* FromThreeDaysOn() const {
    const CheckIn* week = Latest(CheckInKind::after_7d);
    return week ? week : Latest(CheckInKind::after_72h);
  }
};

std::string At(const CheckIn& check_in) {
  return "at the " + std::string(Name(check_in.kind)) + " check-in";
}

// Each row returns the evidence it found, or nullopt when it does not apply.
using Evidence = std::optional<std::string>;

Evidence PainRise(const ResponseFacts& f) {
  for (const CheckIn& c : f.check_ins)
    for (const PainMeasure& m : kMeasures) {
      const int before = f.session.pain_before.*m.session_value;
      if (c.*m.check_in_value >= before + kFlarePainRise)
        return std::string(m.name) + " " + std::to_string(c.*m.check_in_value) + " " + At(c) +
               ", " + std::to_string(before) + " before the session";
    }
  return std::nullopt;
}

Evidence Peripheralization(const ResponseFacts& f) {
  for (const CheckIn& c : f.check_ins)
    if (c.leg_extent > f.session.leg_extent_before)
      return "symptoms reached " + std::string(Name(c.leg_extent)) + " " + At(c) + ", " +
             std::string(Name(f.session.leg_extent_before)) + " before the session";
  return std::nullopt;
}

Evidence ClientReportedFlare(const ResponseFacts& f) {
  for (const CheckIn& c : f.check_ins)
    if (c.flare_reported)
      return "reported " + At(c);
  return std::nullopt;
}

Evidence ShortLivedRelief(const ResponseFacts& f) {
  for (const PainMeasure& m : kMeasures) {
    const int before = f.session.pain_before.*m.session_value;
    const int after = f.session.pain_after.*m.session_value;
    if (before - after < kReliefDrop)
      continue;
    for (CheckInKind kind : {CheckInKind::after_24h, CheckInKind::after_72h}) {
      const CheckIn* c = f.Latest(kind);
      if (c && c->*m.check_in_value >= before - kReliefReturnWithin)
        return std::string(m.name) + " " + std::to_string(before) + " → " + std::to_string(after) +
               " after the session, " + std::to_string(c->*m.check_in_value) + " " + At(*c);
    }
  }
  return std::nullopt;
}

Evidence SustainedImprovement(const ResponseFacts& f) {
  const CheckIn* c = f.FromThreeDaysOn();
  if (!c)
    return std::nullopt;
  for (const PainMeasure& m : kMeasures) {
    const int before = f.session.pain_before.*m.session_value;
    if (c->*m.check_in_value <= before - kSustainedImprovement)
      return std::string(m.name) + " " + std::to_string(before) + " before the session, " +
             std::to_string(c->*m.check_in_value) + " " + At(*c);
  }
  return std::nullopt;
}

Evidence NoChange(const ResponseFacts& f) {
  const CheckIn* c = f.FromThreeDaysOn();
  if (!c)
    return std::nullopt;
  return "back pain " + std::to_string(f.session.pain_before.back) + " → " +
         std::to_string(c->back_pain) + ", leg pain " + std::to_string(f.session.pain_before.leg) +
         " → " + std::to_string(c->leg_pain) + " " + At(*c);
}

Evidence InsufficientData(const ResponseFacts& f) {
  return f.check_ins.empty() ? "no check-in answered yet" : "no check-in from 72 h on answered yet";
}

struct ResponseRule {
  const char* id;
  ResponseKind kind;
  Evidence (*applies)(const ResponseFacts&);
  const char* reason;
  const char* source;
};

// In order of precedence: the first row that applies decides the kind, and
// every row of that kind that applies adds its reason. A flare outranks a
// relief; a short-lived relief outranks a sustained one in the other measure
// because principle 7 asks the system to notice relief that does not last.
const std::array<ResponseRule, 7> kResponseRules = {{
    {"response.flare.pain_rise", ResponseKind::flare, PainRise,
     "Pain was 2 or more points above the pre-session level at a check-in after the session.",
     kSection0},
    {"response.flare.peripheralization", ResponseKind::flare, Peripheralization,
     "Leg symptoms reached further down the leg than before the session (peripheralization).",
     kSection0},
    {"response.flare.client_reported", ResponseKind::flare, ClientReportedFlare,
     "The client reported a flare.",
     "CLINICAL.md section 0 (product rule); patient-reported flare per Costa (CLINICAL.md 6.10)"},
    {"response.short_lived_relief", ResponseKind::short_lived_relief, ShortLivedRelief,
     "Pain dropped 2 or more points after the session but was back within 1 point of the "
     "pre-session level by the 72 h check-in: relief that does not last means the cause is not "
     "yet addressed.",
     "CLINICAL.md section 0 (product rule); PRODUCT.md principle 7"},
    {"response.sustained_improvement", ResponseKind::sustained_improvement, SustainedImprovement,
     "Pain was still 2 or more points below the pre-session level 72 h or more after the "
     "session.",
     "product rule; NPRS MIC 2 points, above the MDC of 1.77 (CLINICAL.md 1.4)"},
    {"response.no_change", ResponseKind::no_change, NoChange,
     "No flare, no short-lived relief and no lasting drop of 2 points by the last check-in from "
     "72 h on.",
     "product rule"},
    {"response.insufficient_data", ResponseKind::insufficient_data, InsufficientData,
     "Not enough check-ins to judge the response: only a flare or a short-lived relief can be "
     "told before the 72 h check-in.",
     "product rule"},
}};

Reason ReasonOf(const ResponseRule& rule, const std::string& evidence) {
  return {rule.id, std::string(rule.reason) + " (" + evidence + ")", rule.source};
}

// --- Across sessions -------------------------------------------------------

struct TrendFacts {
  std::span<const SessionResponse> all;
  std::vector<ResponseKind> recent;  // the last kTrendWindow judged sessions
};

Evidence RepeatedKind(const TrendFacts& f, ResponseKind kind) {
  const auto count = static_cast<std::size_t>(std::count(f.recent.begin(), f.recent.end(), kind));
  if (count < kTrendRepeats)
    return std::nullopt;
  return std::to_string(count) + " of the last " + std::to_string(f.recent.size()) +
         " judged sessions";
}

Evidence RepeatedShortLivedRelief(const TrendFacts& f) {
  return RepeatedKind(f, ResponseKind::short_lived_relief);
}

Evidence RepeatedFlares(const TrendFacts& f) {
  return RepeatedKind(f, ResponseKind::flare);
}

Evidence AnyPeripheralization(const TrendFacts& f) {
  for (std::size_t i = 0; i < f.all.size(); ++i)
    if (f.all[i].peripheralized)
      return "after session " + std::to_string(i + 1);
  return std::nullopt;
}

struct AdviceRule {
  const char* id;
  CareAdviceKind kind;
  Evidence (*applies)(const TrendFacts&);
  const char* advice;
  const char* reason;
  const char* source;
};

const std::array<AdviceRule, 3> kAdviceRules = {{
    {"trend.short_lived_relief.repeated", CareAdviceKind::address_triggers,
     RepeatedShortLivedRelief,
     "The triggers are not yet addressed. Find them with the client (diary, postures, loads, "
     "activities) and take them out first; tissue work helps once they are.",
     "Relief keeps wearing off within days of the sessions.",
     "CLINICAL.md section 0 (product rule); PRODUCT.md principles 7 and 8"},
    {"trend.flare.repeated", CareAdviceKind::de_escalate_and_refer, RepeatedFlares,
     "De-escalate: gentler work, no progression, and suggest the client sees their GP or a "
     "physiotherapist.",
     "Sessions keep being followed by flares.",
     "CLINICAL.md section 0 (product rule); PRODUCT.md principle 6"},
    {"trend.peripheralization", CareAdviceKind::de_escalate_and_refer, AnyPeripheralization,
     "De-escalate: no work on the nerve path, no progression, and refer the client for a medical "
     "assessment.",
     "Leg symptoms spread further down the leg after a session: a sign of nerve root "
     "irritation getting worse.",
     "CLINICAL.md section 0 (product rule); CLINICAL.md 6.8"},
}};

}  // namespace

SessionResponse ClassifyResponse(const Session& session, std::span<const CheckIn> check_ins) {
  ResponseFacts facts{session, check_ins, {}};
  for (const CheckIn& c : check_ins) {
    const CheckIn*& slot = facts.latest[static_cast<std::size_t>(c.kind)];
    if (!slot || c.answered_at >= slot->answered_at)
      slot = &c;
  }

  SessionResponse response;
  std::optional<ResponseKind> decided;
  for (const ResponseRule& rule : kResponseRules) {
    if (decided && rule.kind != *decided)
      continue;
    if (Evidence evidence = rule.applies(facts)) {
      decided = rule.kind;
      response.reasons.push_back(ReasonOf(rule, *evidence));
    }
  }
  // The insufficient_data row always applies, so a kind is always decided.
  response.kind = decided.value_or(ResponseKind::insufficient_data);
  response.peripheralized = Peripheralization(facts).has_value();
  return response;
}

std::optional<double> LatestPain(std::span<const Session> sessions,
                                 std::span<const CheckIn> check_ins) {
  std::optional<std::chrono::sys_seconds> when;
  std::optional<double> pain;
  auto consider = [&](std::chrono::sys_seconds at, int back, int leg, bool wins_tie) {
    if (!when || at > *when || (at == *when && wins_tie)) {
      when = at;
      pain = std::max(back, leg);
    }
  };
  for (const Session& s : sessions)
    consider(s.started_at, s.pain_before.back, s.pain_before.leg, false);
  for (const CheckIn& c : check_ins)
    consider(c.answered_at, c.back_pain, c.leg_pain, true);
  return pain;
}

CareTrend AssessCareTrend(const OutcomeScores& intake, const OutcomeScores& latest,
                          std::span<const SessionResponse> responses) {
  CareTrend trend;
  const std::array<std::pair<Instrument, std::optional<double> OutcomeScores::*>, 3> scores = {{
      {Instrument::nprs, &OutcomeScores::nprs},
      {Instrument::odi, &OutcomeScores::odi},
      {Instrument::rmdq, &OutcomeScores::rmdq},
  }};
  for (const auto& [instrument, score] : scores)
    if (intake.*score && latest.*score)
      trend.changes.push_back(AssessChange(instrument, *(intake.*score), *(latest.*score)));

  // Sessions without enough check-ins are skipped, not counted as quiet ones,
  // so unanswered check-ins cannot hide a pattern.
  TrendFacts facts{responses, {}};
  for (auto it = responses.rbegin(); it != responses.rend() && facts.recent.size() < kTrendWindow;
       ++it)
    if (it->kind != ResponseKind::insufficient_data)
      facts.recent.push_back(it->kind);

  for (const AdviceRule& rule : kAdviceRules)
    if (Evidence evidence = rule.applies(facts))
      trend.advice.push_back(
          {rule.kind,
           rule.advice,
           {rule.id, std::string(rule.reason) + " (" + *evidence + ")", rule.source}});
  return trend;
}

std::string_view Name(ResponseKind kind) {
  switch (kind) {
    case ResponseKind::flare:
      return "flare";
    case ResponseKind::short_lived_relief:
      return "short_lived_relief";
    case ResponseKind::sustained_improvement:
      return "sustained_improvement";
    case ResponseKind::no_change:
      return "no_change";
    case ResponseKind::insufficient_data:
      return "insufficient_data";
  }
  return "unknown";
}

std::string_view Name(CareAdviceKind kind) {
  switch (kind) {
    case CareAdviceKind::address_triggers:
      return "address_triggers";
    case CareAdviceKind::de_escalate_and_refer:
      return "de_escalate_and_refer";
  }
  return "unknown";
}

}  // namespace backplan::core
