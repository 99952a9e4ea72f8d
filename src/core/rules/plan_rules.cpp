#include "core/rules/plan_rules.h"

#include <array>
#include <initializer_list>

namespace backplan::core::rules {
namespace {

using RegionMask = std::uint32_t;
constexpr RegionMask Regions(std::initializer_list<Region> regions) {
  RegionMask mask = 0;
  for (Region r : regions)
    mask |= RegionMask{1} << static_cast<unsigned>(r);
  return mask;
}
constexpr bool In(RegionMask mask, Region r) {
  return (mask >> static_cast<unsigned>(r)) & 1U;
}

// The sciatic nerve path and the trunk segments an instability affects.
constexpr RegionMask kNervePath =
    Regions({Region::lumbar, Region::glutes, Region::hips, Region::hamstrings, Region::calves});
constexpr RegionMask kLeg =
    Regions({Region::glutes, Region::hips, Region::hamstrings, Region::quadriceps, Region::calves});
constexpr RegionMask kReferredPath =
    Regions({Region::lumbar, Region::glutes, Region::hips, Region::hamstrings});
constexpr RegionMask kUnstableTrunk =
    Regions({Region::thoracic, Region::lumbar, Region::glutes, Region::hips});
constexpr RegionMask kCalmingRegions =
    Regions({Region::face, Region::head, Region::neck, Region::shoulders});

constexpr TechniqueMask kDeepWork = Mask(Technique::deep_tissue) | Mask(Technique::trigger_point);
constexpr TechniqueMask kLoosening = kDeepWork | Mask(Technique::assisted_stretching);
constexpr TechniqueMask kNone = 0;

constexpr int kHighRegionIntensity = 7;
constexpr const char* kProductRule = "product rule";
constexpr const char* kSeed = "seed article (PRODUCT.md principles)";

bool Painful(const PlanFacts& f, Region r) {
  return f.intake.IsPainful(r);
}
int Intensity(const PlanFacts& f, Region r) {
  int most = 0;
  for (const auto& p : f.intake.pain_regions)
    if (p.region == r && p.intensity > most)
      most = p.intensity;
  return most;
}
bool Acuity(const PlanFacts& f, core::Acuity a) {
  return f.classification.acuity == a;
}
bool Pattern(const PlanFacts& f, core::Pattern p) {
  return f.classification.pattern == p;
}
bool CautionFromScreening(const PlanFacts& f) {
  for (const auto& flag : f.screening.flags)
    if ((flag.kind == FlagKind::red || flag.kind == FlagKind::screening_gap) &&
        flag.disposition == Disposition::treat_with_caution)
      return true;
  return false;
}
bool FragileBone(const PlanFacts& f) {
  return f.intake.HasRedFlag(RedFlag::osteoporosis) ||
         f.intake.HasRedFlag(RedFlag::long_term_steroids);
}

const std::array kRegionRules = {
    // Anatomy: what any region tolerates at most.
    RegionRule{"anatomy.face_head",
               [](const PlanFacts&, Region r) { return r == Region::face || r == Region::head; }, 2,
               kNone, "The face and head take light work only.", kProductRule},
    RegionRule{"anatomy.neck", [](const PlanFacts&, Region r) { return r == Region::neck; }, 3,
               kNone, "The neck carries vessels and nerves: no deep or sustained pressure.",
               kProductRule},
    RegionRule{"anatomy.calves", [](const PlanFacts&, Region r) { return r == Region::calves; }, 4,
               Mask(Technique::trigger_point), "Calf veins: no sustained compression in the calf.",
               kProductRule},
    // Principle 5: no brute force on the painful area.
    RegionRule{"principle.no_brute_force", Painful, 4, Mask(Technique::trigger_point),
               "Tight muscles in the painful area are usually a sign, not the cause: no digging "
               "into trigger points, no crushing into the table.",
               kSeed},
    // Acuity (principle 3).
    RegionRule{
        "acuity.acute",
        [](const PlanFacts& f, Region r) { return Acuity(f, Acuity::acute) && Painful(f, r); }, 2,
        kNone, "Acute (under 6 weeks): the painful area gets gentle work only.", kSeed},
    RegionRule{
        "acuity.subacute",
        [](const PlanFacts& f, Region r) { return Acuity(f, Acuity::subacute) && Painful(f, r); },
        3, kNone, "Subacute (6–12 weeks): moderate work at most on the painful area.",
        kProductRule},
    RegionRule{"pain.high_intensity",
               [](const PlanFacts& f, Region r) { return Intensity(f, r) >= kHighRegionIntensity; },
               2, kNone, "This region hurts at 7/10 or more: gentle work only.", kProductRule},
    RegionRule{
        "calming.no_direct_work",
        [](const PlanFacts& f, Region r) { return CalmingPlanApplies(f) && !IsCalmingRegion(r); },
        0, kNone,
        "Acute and irritable: no direct work; the calming plan works face, head, neck "
        "and shoulders instead.",
        "seed article; CLINICAL.md section 0"},
    RegionRule{
        "calming.light_only",
        [](const PlanFacts& f, Region r) { return CalmingPlanApplies(f) && IsCalmingRegion(r); }, 2,
        kLoosening, "Calming plan: light, relaxing work to settle the client.",
        "seed article; CLINICAL.md section 0"},
    // Pattern (principle 2).
    RegionRule{"radicular.nerve_path",
               [](const PlanFacts& f, Region r) {
                 return Pattern(f, Pattern::radicular) && In(kNervePath, r);
               },
               2, kLoosening,
               "Radicular pain: deep or sustained pressure and stretching on the nerve path "
               "(low back, buttock, hip, hamstring, calf) wind the pain up for days.",
               "KNGF 2021; NCCIH 'damaged nerves'; CLINICAL.md section 0"},
    RegionRule{"radicular.painful_leg_region",
               [](const PlanFacts& f, Region r) {
                 return Pattern(f, Pattern::radicular) && In(kLeg, r) && Painful(f, r);
               },
               2, kLoosening | Mask(Technique::myofascial_release),
               "Radicular pain felt in this part of the leg: it lies on the irritated nerve's "
               "path (sciatic or femoral); light work only, no stretching.",
               "NCCIH 'not over damaged nerves'; CLINICAL.md section 0"},
    RegionRule{"radicular.no_deep_work",
               [](const PlanFacts& f, Region) { return Pattern(f, Pattern::radicular); }, 3,
               kDeepWork,
               "Nerve pain: no deep-tissue or trigger-point work anywhere; it does not fix nerve "
               "pain or a disc.",
               kSeed},
    RegionRule{"referred.leg_path",
               [](const PlanFacts& f, Region r) {
                 return Pattern(f, Pattern::referred) && In(kReferredPath, r);
               },
               3, Mask(Technique::trigger_point),
               "Pain reaches the buttock or thigh: deep work may relieve for an hour and wind the "
               "client up for days.",
               kSeed},
    // Stability (principle 4).
    RegionRule{"instability.no_loosening",
               [](const PlanFacts& f, Region) { return f.classification.stability_concern; }, 3,
               kLoosening,
               "Signs of instability: loosening an unstable back makes it worse; no stretching "
               "or deep work.",
               kSeed},
    RegionRule{"instability.trunk",
               [](const PlanFacts& f, Region r) {
                 return f.classification.stability_concern && In(kUnstableTrunk, r);
               },
               2, kLoosening | Mask(Technique::myofascial_release),
               "Signs of instability: the trunk and hips get light work only.", kSeed},
    RegionRule{"guarding.soft_tissue",
               [](const PlanFacts& f, Region r) {
                 return f.classification.guarding && !f.classification.stability_concern &&
                        Painful(f, r);
               },
               kMaxPressure, kNone,
               "Guarding muscles: soft-tissue work helps when paired with posture and movement "
               "corrections.",
               kSeed},
    // Contraindications and fragile bone (CLINICAL.md 4).
    RegionRule{"contra.anticoagulants",
               [](const PlanFacts& f, Region) {
                 return f.intake.HasContraindication(Contraindication::anticoagulants);
               },
               2, kDeepWork, "Anticoagulants: no deep or forceful work.", "NCCIH; CLINICAL.md 4"},
    RegionRule{"contra.bleeding_disorder",
               [](const PlanFacts& f, Region) {
                 return f.intake.HasContraindication(Contraindication::bleeding_disorder);
               },
               1, kLoosening | Mask(Technique::myofascial_release),
               "Bleeding disorder: holding and light Swedish only.", "NCCIH; CLINICAL.md 4"},
    RegionRule{"contra.pregnancy",
               [](const PlanFacts& f, Region) {
                 return f.intake.HasContraindication(Contraindication::pregnancy);
               },
               3, kDeepWork, "Pregnancy: moderate pressure at most.", "NCCIH; CLINICAL.md 4"},
    RegionRule{
        "contra.pregnancy_calves",
        [](const PlanFacts& f, Region r) {
          return f.intake.HasContraindication(Contraindication::pregnancy) && r == Region::calves;
        },
        1, kNone, "Pregnancy raises clot risk: light work only on the calves.", kProductRule},
    RegionRule{"bone.fragile", [](const PlanFacts& f, Region) { return FragileBone(f); }, 2,
               kLoosening,
               "Osteoporosis or long-term steroids: no forceful pressure or stretching.",
               "NCCIH; CLINICAL.md 4"},
    RegionRule{"screening.caution",
               [](const PlanFacts& f, Region) { return CautionFromScreening(f); }, 3, kDeepWork,
               "Screening asks for caution: no deep work until the flag is explained.",
               kProductRule},
};

template <Movement m, ProvocationResponse response>
bool Responds(const PlanFacts& f) {
  return f.intake.Response(m) == response;
}
bool Pregnant(const PlanFacts& f) {
  return f.intake.HasContraindication(Contraindication::pregnancy);
}
// Prone or supine advice, which pregnancy (side-lying only) overrides.
template <Movement m, ProvocationResponse response>
bool RespondsNotPregnant(const PlanFacts& f) {
  return !Pregnant(f) && Responds<m, response>(f);
}
constexpr auto P = ProvocationResponse::provokes;
constexpr auto E = ProvocationResponse::eases;

const std::array kPositioningRules = {
    ItemRule{"position.pregnancy", ItemKind::position, Pregnant,
             "Side-lying with pillows; no prone or flat supine lying.", "Pregnancy.",
             "NCCIH; CLINICAL.md 4"},
    ItemRule{"position.extension_intolerant", ItemKind::position,
             RespondsNotPregnant<Movement::extension, P>,
             "Prone only with a pillow under the abdomen, or side-lying.",
             "Extension provokes the pain, and flat prone lying extends the low back.",
             kProductRule},
    ItemRule{"position.flexion_intolerant", ItemKind::position,
             RespondsNotPregnant<Movement::flexion, P>,
             "No seated massage chair and no curled side-lying; keep the spine neutral.",
             "Flexion provokes the pain.", kProductRule},
    ItemRule{"position.sitting_intolerant", ItemKind::position, Responds<Movement::sitting, P>,
             "No seated work; treat lying down.", "Sitting provokes the pain.", kProductRule},
    ItemRule{"position.lying_intolerant", ItemKind::position, Responds<Movement::lying, P>,
             "Keep table time short and change position every 10–15 minutes.",
             "Lying provokes the pain.", kProductRule},
    ItemRule{"position.radicular", ItemKind::position,
             [](const PlanFacts& f) { return Pattern(f, Pattern::radicular); },
             "Side-lying, painful side up, a pillow between the knees; stop if leg symptoms "
             "spread further down.",
             "Leg symptoms: spreading down the leg (peripheralization) is a stop sign.",
             "McKenzie (CLINICAL.md 3)"},
    ItemRule{"position.extension_eases", ItemKind::position,
             RespondsNotPregnant<Movement::extension, E>, "Prone is likely comfortable.",
             "Extension eases the pain.", "McKenzie (CLINICAL.md 3)"},
    ItemRule{"position.flexion_eases", ItemKind::position,
             RespondsNotPregnant<Movement::flexion, E>,
             "Supine with a bolster under the knees is likely comfortable.",
             "Flexion eases the pain.", "McKenzie (CLINICAL.md 3)"},
    ItemRule{"position.default", ItemKind::position, [](const PlanFacts&) { return true; },
             "Ask about comfort when the client settles, and change position when they ask.",
             "Every back is different: the client's comfort decides.", kSeed},
};

const std::array kHomeProgramRules = {
    ItemRule{"home.triggers_first", ItemKind::avoid, [](const PlanFacts&) { return true; },
             "Find the postures, loads and activities that set off your pain, and avoid or "
             "change them: hands-on work helps only when the rest of the week stops provoking.",
             "Triggers first, then tissue (principle 8).", kSeed},
    ItemRule{"home.avoid.flexion", ItemKind::modify, Responds<Movement::flexion, P>,
             "Avoid repeated and sustained bending; hinge at the hips to pick things up.",
             "Flexion provokes the pain.", "McGill, Back Mechanic (CLINICAL.md 3)"},
    ItemRule{"home.avoid.extension", ItemKind::modify, Responds<Movement::extension, P>,
             "Avoid sustained arching and long overhead reaching; keep the ribs down.",
             "Extension provokes the pain.", "McGill, Back Mechanic (CLINICAL.md 3)"},
    ItemRule{"home.avoid.axial_load", ItemKind::modify, Responds<Movement::axial_load, P>,
             "Avoid carrying heavy loads; split them and keep them close to the body.",
             "Loading the spine provokes the pain.", "McGill, Back Mechanic (CLINICAL.md 3)"},
    ItemRule{"home.avoid.sitting", ItemKind::modify, Responds<Movement::sitting, P>,
             "Break up sitting every 20–30 minutes; stand and walk for a minute.",
             "Sitting provokes the pain.", "McGill, Back Mechanic (CLINICAL.md 3)"},
    ItemRule{"home.avoid.standing", ItemKind::modify, Responds<Movement::standing, P>,
             "Break up standing; shift weight or rest one foot on a step.",
             "Standing provokes the pain.", kProductRule},
    ItemRule{"home.avoid.walking", ItemKind::modify, Responds<Movement::walking, P>,
             "Walk in short bouts that stop before the pain starts; build up slowly.",
             "Walking provokes the pain.", kProductRule},
    ItemRule{"home.avoid.lying", ItemKind::modify, Responds<Movement::lying, P>,
             "Try side-lying with a pillow between the knees.", "Lying provokes the pain.",
             kProductRule},
    ItemRule{"home.use.walking", ItemKind::use, Responds<Movement::walking, E>,
             "Use short brisk walks to ease the pain.", "Walking eases the pain.",
             "McGill, Back Mechanic (CLINICAL.md 3)"},
    ItemRule{"home.use.extension", ItemKind::use, Responds<Movement::extension, E>,
             "Use gentle extension (lying on the stomach on the elbows) as a relief position.",
             "Extension eases the pain (a directional preference).", "McKenzie (CLINICAL.md 3)"},
    ItemRule{"home.use.flexion", ItemKind::use, Responds<Movement::flexion, E>,
             "Use gentle flexion (knees to chest lying down) as a relief position.",
             "Flexion eases the pain (a directional preference).", "McKenzie (CLINICAL.md 3)"},
    ItemRule{"home.use.lying", ItemKind::use, Responds<Movement::lying, E>,
             "Lie down for a few minutes when the pain builds.", "Lying eases the pain.",
             kProductRule},
    ItemRule{"home.correction.guarding", ItemKind::correction,
             [](const PlanFacts& f) { return f.classification.guarding; },
             "Posture and movement corrections: a light brace of the trunk when lifting, hip "
             "hinge instead of a rounded back, no sudden twists.",
             "Guarding muscles settle when the movements that provoke them change.", kSeed},
    ItemRule{"home.correction.stability", ItemKind::correction,
             [](const PlanFacts& f) { return f.classification.stability_concern; },
             "Stability first: daily trunk-endurance exercises (bird-dog, side bridge, curl-up) "
             "instead of stretching the back.",
             "An unstable back needs stiffness and control, not more looseness.",
             "McGill (CLINICAL.md 3); seed article"},
    ItemRule{"home.de_stress", ItemKind::de_stress,
             [](const PlanFacts& f) { return f.intake.stress.value_or(0) >= kHighStress; },
             "De-stress every day: slow breathing, a relaxing routine and things that take your "
             "mind off your back.",
             "Stress is high; relaxation and distraction help healing (principle 9).", kSeed},
    ItemRule{"home.yellow_flags", ItemKind::de_stress,
             [](const PlanFacts& f) {
               return f.scores.start_back && f.scores.start_back->risk == StartBackRisk::high;
             },
             "Pain is not a sign of damage: keep gently active and set small weekly goals with "
             "your coach.",
             "STarT Back high risk: beliefs and worries are slowing recovery.",
             "Keele STarT Back matched care (CLINICAL.md 1.3)"},
    ItemRule{"home.adjunct.heat", ItemKind::adjunct_optional,
             [](const PlanFacts& f) {
               return !f.intake.HasContraindication(Contraindication::bleeding_disorder);
             },
             "Optional: a heat wrap or a topical for comfort; not a solution on its own.",
             "An adjunct can help calm and relax the area.", kSeed},
};

}  // namespace

std::span<const RegionRule> RegionRules() {
  return kRegionRules;
}
std::span<const ItemRule> PositioningRules() {
  return kPositioningRules;
}
std::span<const ItemRule> HomeProgramRules() {
  return kHomeProgramRules;
}

bool IsSensitiveRegion(const PlanFacts& facts, Region region) {
  return facts.intake.IsPainful(region) ||
         (!Pattern(facts, Pattern::localized) && In(kNervePath, region)) ||
         CalmingPlanApplies(facts);
}

bool IsCalmingRegion(Region region) {
  return In(kCalmingRegions, region);
}

bool CalmingPlanApplies(const PlanFacts& facts) {
  return facts.classification.AcuteAndIrritable();
}

}  // namespace backplan::core::rules
