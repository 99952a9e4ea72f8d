#include "core/screening.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/names.h"

namespace backplan::core {
namespace {

struct Facts {
  const Intake& intake;
  const Classification& classification;
  const Scores& scores;
  bool Has(RedFlag f) const { return intake.HasRedFlag(f); }
};

// One screening rule: when `applies` holds, the flag is raised and the
// disposition becomes at least `disposition`. `detail`, when set, appends
// facts of this intake to the reason.
struct ScreeningRule {
  const char* id;
  FlagKind kind;
  Disposition disposition;
  bool (*applies)(const Facts&);
  const char* reason;
  const char* advice;
  const char* source;
  std::string (*detail)(const Facts&) = nullptr;
};

constexpr const char* kCaudaEquinaAdvice =
    "Stop: no treatment. Send the client to an Emergency Department now; possible cauda "
    "equina syndrome must be seen within hours.";
constexpr const char* kCaudaEquinaSource =
    "NICE CKS red flags; BASS 2018 cauda equina criteria (CLINICAL.md 2.1)";
constexpr const char* kUrgentAdvice =
    "No treatment today. Refer the client to their GP urgently (same day or within days) and "
    "treat only after medical clearance.";
constexpr const char* kCautionAdvice =
    "Treat gently within the plan's limits and ask the client to mention this to their GP.";
constexpr const char* kRedFlagSource = "NICE CKS red flags (CLINICAL.md 2.1)";
constexpr const char* kContraindicationSource =
    "NCCIH massage safety (CLINICAL.md 4: contraindications)";
constexpr const char* kProductRule = "product rule";

// Soft red flags: alone they ask for caution; several together for clearance.
constexpr int kSoftFlagsForClearance = 3;
constexpr int kOlderNewPainAge = 50;
constexpr int kYoungNewPainAge = 20;

bool NewPainAtRiskAge(const Facts& f) {
  return (f.intake.age > kOlderNewPainAge || f.intake.age < kYoungNewPainAge) &&
         f.classification.acuity != Acuity::chronic;
}
int CancerSoftCount(const Facts& f) {
  return int{f.Has(RedFlag::unexplained_weight_loss)} + int{f.Has(RedFlag::night_pain_unrelieved)} +
         int{NewPainAtRiskAge(f)};
}
int InfectionSoftCount(const Facts& f) {
  return int{f.Has(RedFlag::immunosuppression)} + int{f.Has(RedFlag::iv_drug_use)} +
         int{f.Has(RedFlag::recent_infection)};
}
bool FragileBone(const Facts& f) {
  return f.Has(RedFlag::osteoporosis) || f.Has(RedFlag::long_term_steroids);
}
int SoftFlagCount(const Facts& f) {
  return CancerSoftCount(f) + InfectionSoftCount(f) + int{f.Has(RedFlag::minor_trauma)} +
         int{f.Has(RedFlag::osteoporosis)} + int{f.Has(RedFlag::long_term_steroids)} +
         int{f.Has(RedFlag::inflammatory_morning_stiffness)};
}

template <RedFlag flag>
bool HasFlag(const Facts& f) {
  return f.Has(flag);
}
template <Contraindication c>
bool HasContraindication(const Facts& f) {
  return f.intake.HasContraindication(c);
}

std::vector<std::string_view> NotAskedCaudaEquina(const Intake& intake) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < kCaudaEquinaQuestionCount; ++i)
    if (!intake.red_flags[i])
      names.push_back(Name(static_cast<RedFlag>(i)));
  return names;
}
std::vector<std::string_view> NotAskedContraindications(const Intake& intake) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < kContraindicationCount; ++i)
    if (!intake.contraindications[i])
      names.push_back(Name(static_cast<Contraindication>(i)));
  return names;
}
std::string Joined(const std::vector<std::string_view>& names) {
  std::string out = ": ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0)
      out += ", ";
    out += names[i];
  }
  return out;
}

// The screening table. Order does not decide the disposition (the most severe
// wins); it only orders flags of equal severity in the result.
const std::array kScreeningRules = {
    // Cauda equina: any feature is an emergency.
    ScreeningRule{"red.cauda_equina.saddle_anesthesia", FlagKind::red, Disposition::emergency,
                  HasFlag<RedFlag::saddle_anesthesia>,
                  "Numbness in the saddle area is a cauda equina feature.", kCaudaEquinaAdvice,
                  kCaudaEquinaSource},
    ScreeningRule{"red.cauda_equina.bladder", FlagKind::red, Disposition::emergency,
                  HasFlag<RedFlag::bladder_dysfunction>,
                  "New bladder dysfunction is a cauda equina feature.", kCaudaEquinaAdvice,
                  kCaudaEquinaSource},
    ScreeningRule{"red.cauda_equina.bowel", FlagKind::red, Disposition::emergency,
                  HasFlag<RedFlag::bowel_dysfunction>,
                  "New bowel dysfunction is a cauda equina feature.", kCaudaEquinaAdvice,
                  kCaudaEquinaSource},
    ScreeningRule{"red.cauda_equina.sexual", FlagKind::red, Disposition::emergency,
                  HasFlag<RedFlag::sexual_dysfunction>,
                  "New sexual dysfunction is a cauda equina feature.", kCaudaEquinaAdvice,
                  kCaudaEquinaSource},
    ScreeningRule{"red.cauda_equina.bilateral_leg", FlagKind::red, Disposition::emergency,
                  HasFlag<RedFlag::bilateral_leg_symptoms>,
                  "Symptoms in both legs are a cauda equina feature.", kCaudaEquinaAdvice,
                  kCaudaEquinaSource},
    ScreeningRule{"red.cauda_equina.bilateral_radicular", FlagKind::red, Disposition::emergency,
                  [](const Facts& f) {
                    return f.intake.leg_side == Side::both &&
                           f.classification.pattern == Pattern::radicular;
                  },
                  "Radicular leg symptoms on both sides (bilateral sciatica) are a cauda "
                  "equina feature.",
                  kCaudaEquinaAdvice, kCaudaEquinaSource},
    ScreeningRule{"red.cauda_equina.gait", FlagKind::red, Disposition::emergency,
                  HasFlag<RedFlag::gait_disturbance>,
                  "A new gait disturbance can be a severe bilateral neurological deficit.",
                  kCaudaEquinaAdvice, kCaudaEquinaSource},
    // Progressive neurological deficit.
    ScreeningRule{"red.neuro.progressive_weakness", FlagKind::red, Disposition::urgent_referral,
                  [](const Facts& f) { return f.intake.neuro.progressive_weakness; },
                  "Weakness that is getting worse is a progressive neurological deficit.",
                  "No treatment. The client needs a same-day medical assessment.", kRedFlagSource},
    // Cancer.
    ScreeningRule{"red.cancer.history", FlagKind::red, Disposition::urgent_referral,
                  HasFlag<RedFlag::history_of_cancer>,
                  "Back pain with a history of cancer: the most useful single flag for "
                  "spinal malignancy.",
                  kUrgentAdvice, "Downie 2013; NICE CKS (CLINICAL.md 2.1)"},
    ScreeningRule{"red.cancer.combined", FlagKind::red, Disposition::urgent_referral,
                  [](const Facts& f) { return CancerSoftCount(f) >= 2; },
                  "Two or more cancer features together (unexplained weight loss, night pain "
                  "not eased by position, new pain over 50 or under 20).",
                  kUrgentAdvice, kRedFlagSource},
    ScreeningRule{"red.cancer.weight_loss", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::unexplained_weight_loss>, "Unexplained weight loss.",
                  kCautionAdvice, kRedFlagSource},
    ScreeningRule{"red.cancer.night_pain", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::night_pain_unrelieved>, "Night pain that no position eases.",
                  kCautionAdvice, kRedFlagSource},
    ScreeningRule{"red.cancer.age_new_pain", FlagKind::red, Disposition::treat_with_caution,
                  NewPainAtRiskAge, "New back pain over age 50 or under age 20.", kCautionAdvice,
                  kRedFlagSource},
    // Infection.
    ScreeningRule{
        "red.infection.fever", FlagKind::red, Disposition::urgent_referral, HasFlag<RedFlag::fever>,
        "Back pain with fever: possible spinal infection; fever also rules out "
        "massage.",
        "No treatment. The client should see a GP today.", "NICE CKS; NCCIH (CLINICAL.md 2.1, 4)"},
    ScreeningRule{"red.infection.combined", FlagKind::red, Disposition::urgent_referral,
                  [](const Facts& f) { return InfectionSoftCount(f) >= 2; },
                  "Two or more infection risk factors (immunosuppression, IV drug use, recent "
                  "infection).",
                  kUrgentAdvice, kRedFlagSource},
    ScreeningRule{"red.infection.immunosuppression", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::immunosuppression>,
                  "Immunosuppression raises the risk of spinal infection.", kCautionAdvice,
                  kRedFlagSource},
    ScreeningRule{"red.infection.iv_drug_use", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::iv_drug_use>, "IV drug use raises the risk of spinal infection.",
                  kCautionAdvice, kRedFlagSource},
    ScreeningRule{"red.infection.recent", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::recent_infection>,
                  "A recent bacterial infection raises the risk of spinal infection.",
                  kCautionAdvice, kRedFlagSource},
    // Fracture.
    ScreeningRule{
        "red.fracture.major_trauma", FlagKind::red, Disposition::urgent_referral,
        HasFlag<RedFlag::major_trauma>, "Back pain after major trauma: possible fracture.",
        "No treatment. The client needs an X-ray or medical assessment first.", kRedFlagSource},
    ScreeningRule{"red.fracture.fragile_bone_trauma", FlagKind::red, Disposition::urgent_referral,
                  [](const Facts& f) { return f.Has(RedFlag::minor_trauma) && FragileBone(f); },
                  "Minor trauma with osteoporosis or long-term steroids: possible fracture.",
                  "No treatment. The client needs an X-ray or medical assessment first.",
                  kRedFlagSource},
    ScreeningRule{"red.fracture.minor_trauma", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::minor_trauma>, "Pain began with a minor trauma.", kCautionAdvice,
                  kRedFlagSource},
    ScreeningRule{"red.fracture.osteoporosis", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::osteoporosis>,
                  "Osteoporosis: bones may not tolerate deep or forceful work.", kCautionAdvice,
                  "NICE CKS; NCCIH (CLINICAL.md 2.1, 4)"},
    ScreeningRule{"red.fracture.steroids", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::long_term_steroids>, "Long-term steroids weaken bone and skin.",
                  kCautionAdvice, kRedFlagSource},
    // Inflammatory.
    ScreeningRule{"red.inflammatory", FlagKind::red, Disposition::treat_with_caution,
                  HasFlag<RedFlag::inflammatory_morning_stiffness>,
                  "Inflammatory features (morning stiffness easing with movement).",
                  "Suggest a GP visit for a rheumatology assessment; gentle work can go on.",
                  kRedFlagSource},
    // Several soft flags together.
    ScreeningRule{"red.several_soft_flags", FlagKind::red, Disposition::refer_before_treatment,
                  [](const Facts& f) { return SoftFlagCount(f) >= kSoftFlagsForClearance; },
                  "Three or more red-flag features together.",
                  "No treatment until the client's doctor has cleared them for massage.",
                  kProductRule},
    // Whole-body contraindications.
    ScreeningRule{"contra.dvt", FlagKind::contraindication, Disposition::refer_before_treatment,
                  HasContraindication<Contraindication::dvt>,
                  "Deep vein thrombosis: massage can dislodge a clot.",
                  "No massage until the client's doctor clears them.", kContraindicationSource},
    ScreeningRule{"contra.anticoagulants", FlagKind::contraindication,
                  Disposition::treat_with_caution,
                  HasContraindication<Contraindication::anticoagulants>,
                  "Anticoagulants: deep or forceful work can cause bruising and bleeding.",
                  "Light work only; the plan is capped.", kContraindicationSource},
    ScreeningRule{"contra.bleeding_disorder", FlagKind::contraindication,
                  Disposition::treat_with_caution,
                  HasContraindication<Contraindication::bleeding_disorder>,
                  "Bleeding disorder: pressure can cause bleeding into the tissue.",
                  "Holding and light Swedish only; the plan is capped.", kContraindicationSource},
    ScreeningRule{"contra.pregnancy", FlagKind::contraindication, Disposition::treat_with_caution,
                  HasContraindication<Contraindication::pregnancy>,
                  "Pregnancy: consult the client's midwife or doctor first; positioning changes.",
                  "Side-lying only, moderate pressure at most.", kContraindicationSource},
    // Questions not asked.
    ScreeningRule{"gap.cauda_equina_not_asked", FlagKind::screening_gap,
                  Disposition::treat_with_caution,
                  [](const Facts& f) { return !NotAskedCaudaEquina(f.intake).empty(); },
                  "Cauda equina questions not asked",
                  "Ask explicitly about bladder, bowel, saddle numbness, sexual function, both "
                  "legs and walking before any hands-on work: clients rarely volunteer them.",
                  "NICE CKS: ask explicitly (CLINICAL.md 2.1)",
                  [](const Facts& f) { return Joined(NotAskedCaudaEquina(f.intake)); }},
    ScreeningRule{"gap.contraindications_not_asked", FlagKind::screening_gap,
                  Disposition::treat_with_caution,
                  [](const Facts& f) { return !NotAskedContraindications(f.intake).empty(); },
                  "Contraindication questions not asked",
                  "Ask about blood clots, blood thinners, bleeding disorders and pregnancy "
                  "before the first session.",
                  kContraindicationSource,
                  [](const Facts& f) { return Joined(NotAskedContraindications(f.intake)); }},
    // Yellow (psychosocial) flags shape the home program; they never block care.
    ScreeningRule{"yellow.start_back_high", FlagKind::yellow, Disposition::clear,
                  [](const Facts& f) {
                    return f.scores.start_back && f.scores.start_back->risk == StartBackRisk::high;
                  },
                  "STarT Back high risk: psychosocial factors are likely to slow recovery.",
                  "Use a cognitive-behavioural approach: reassurance, graded activity and "
                  "coaching; consider referral for psychologically informed care.",
                  "Keele STarT Back matched care (CLINICAL.md 1.3)"},
    ScreeningRule{"yellow.start_back_medium", FlagKind::yellow, Disposition::clear,
                  [](const Facts& f) {
                    return f.scores.start_back &&
                           f.scores.start_back->risk == StartBackRisk::medium;
                  },
                  "STarT Back medium risk.",
                  "Pair hands-on work with an exercise programme (physiotherapy pathway).",
                  "Keele STarT Back matched care (CLINICAL.md 1.3)"},
    ScreeningRule{"yellow.high_stress", FlagKind::yellow, Disposition::clear,
                  [](const Facts& f) { return f.intake.stress.value_or(0) >= kHighStress; },
                  "High stress: stress slows healing and amplifies pain.",
                  "Make de-stressing part of care: relaxation, distraction and calm sessions.",
                  "seed article; principle 9"},
};

}  // namespace

Screening Screen(const Intake& intake, const Classification& classification, const Scores& scores) {
  const Facts facts{intake, classification, scores};
  Screening screening;
  for (const auto& rule : kScreeningRules) {
    if (!rule.applies(facts))
      continue;
    std::string reason = rule.reason;
    if (rule.detail)
      reason += rule.detail(facts);
    screening.flags.push_back(
        {rule.id, rule.kind, rule.disposition, std::move(reason), rule.advice, rule.source});
    screening.disposition = std::max(screening.disposition, rule.disposition);
  }
  // Most severe first; at equal severity an unasked cauda equina question comes
  // before the soft red flags, so the practitioner asks it before anything else.
  auto rank = [](const Flag& f) {
    switch (f.kind) {
      case FlagKind::screening_gap:
        return 0;
      case FlagKind::red:
        return 1;
      case FlagKind::contraindication:
        return 2;
      case FlagKind::yellow:
        return 3;
    }
    return 4;
  };
  std::stable_sort(screening.flags.begin(), screening.flags.end(),
                   [&](const Flag& a, const Flag& b) {
                     if (a.disposition != b.disposition)
                       return a.disposition > b.disposition;
                     return rank(a) < rank(b);
                   });
  for (std::size_t i = 0; i < kRedFlagCount; ++i)
    if (!intake.red_flags[i])
      screening.not_asked.push_back(static_cast<RedFlag>(i));
  return screening;
}

std::string_view Name(Disposition d) {
  switch (d) {
    case Disposition::clear:
      return "clear";
    case Disposition::treat_with_caution:
      return "treat_with_caution";
    case Disposition::refer_before_treatment:
      return "refer_before_treatment";
    case Disposition::urgent_referral:
      return "urgent_referral";
    case Disposition::emergency:
      return "emergency";
  }
  return "clear";
}

std::string_view Name(FlagKind k) {
  switch (k) {
    case FlagKind::red:
      return "red";
    case FlagKind::yellow:
      return "yellow";
    case FlagKind::contraindication:
      return "contraindication";
    case FlagKind::screening_gap:
      return "screening_gap";
  }
  return "red";
}

}  // namespace backplan::core
