#include "core/care/home_program.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

namespace backplan::core {
namespace {

constexpr std::string_view kTriggerSource =
    "Trigger finder (docs/trigger-finder.md); PRODUCT.md principles 7 and 8";

// What to do about a standard exposure that seems to be followed by more pain.
// Every item ends in the same test: take it out (or down) for two weeks, then
// bring it back and watch whether the pain follows.
struct TriggerItemRule {
  std::string_view exposure;
  ItemKind kind;
  std::string_view text;
};

constexpr std::array kTriggerItemRules = {
    TriggerItemRule{"sitting_minutes", ItemKind::modify,
                    "Break up sitting: stand and move for a minute every 30 minutes, and keep "
                    "long sitting days shorter for two weeks."},
    TriggerItemRule{"driving_minutes", ItemKind::modify,
                    "Break up drives: stop every 30 to 45 minutes and walk for a few minutes; "
                    "sit upright with the lower back supported. Drive less for two weeks where "
                    "you can."},
    TriggerItemRule{"standing_minutes", ItemKind::modify,
                    "Break up standing: shift weight, rest one foot on a low step, and sit "
                    "for a few minutes every half hour for two weeks."},
    TriggerItemRule{"walking_minutes", ItemKind::modify,
                    "Walk in shorter bouts for two weeks (several short walks rather than one "
                    "long one), then build the time back up gradually."},
    TriggerItemRule{"lifts", ItemKind::modify,
                    "Lift less for two weeks: split loads, keep them close to the body, and "
                    "ask for help with heavy ones."},
    TriggerItemRule{"bending", ItemKind::correction,
                    "Bend less for two weeks, and when you must, hinge at the hips with the "
                    "back long, or kneel, instead of rounding the lower back."},
    TriggerItemRule{"sleep_hours", ItemKind::modify,
                    "Long nights in bed seem to go with more pain: keep a regular wake-up time "
                    "and get gently moving soon after waking for two weeks."},
    TriggerItemRule{"sleep_quality", ItemKind::modify,
                    "Keep a regular sleep window for two weeks and note how you slept and how "
                    "you lay; bring it up at your next session."},
    TriggerItemRule{"stress", ItemKind::de_stress,
                    "On high-stress days take ten minutes to wind down (slow breathing, a short "
                    "walk) and tell your practitioner: stress is part of your care."},
    TriggerItemRule{"exercise_done", ItemKind::modify,
                    "Exercise days seem to be followed by more pain: do a smaller dose (fewer "
                    "repetitions, smaller range) rather than stopping, and tell your "
                    "practitioner."},
    TriggerItemRule{"massage", ItemKind::modify,
                    "Massage days seem to be followed by more pain: tell your practitioner, so "
                    "the next sessions are gentler."},
};

const TriggerItemRule* RuleFor(std::string_view exposure) {
  for (const auto& rule : kTriggerItemRules)
    if (rule.exposure == exposure)
      return &rule;
  return nullptr;
}

std::string Label(std::string_view exposure, std::span<const ExposureDefinition> exposures) {
  for (const auto& definition : StandardExposures())
    if (definition.name == exposure)
      return definition.label;
  for (const auto& definition : exposures)
    if (definition.name == exposure && !definition.label.empty())
      return definition.label;
  return std::string(exposure);
}

std::string Points(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f", value);
  return text;
}

std::string When(TriggerOutcome outcome) {
  return outcome == TriggerOutcome::same_evening ? "that evening" : "the next morning";
}

// The strongest reported finding of each exposure, in report order.
std::vector<const TriggerFinding*> ReportedExposures(const TriggerReport& triggers) {
  std::vector<const TriggerFinding*> found;
  for (const auto& finding : triggers.findings) {
    if (!finding.reported)
      continue;
    const bool seen = std::any_of(found.begin(), found.end(), [&](const TriggerFinding* f) {
      return f->exposure == finding.exposure;
    });
    if (!seen)
      found.push_back(&finding);
  }
  return found;
}

HomeProgramItem TriggerItem(const TriggerFinding& finding,
                            std::span<const ExposureDefinition> exposures) {
  const std::string label = Label(finding.exposure, exposures);
  HomeProgramItem out;
  out.source = HomeProgramSource::triggers;
  out.item.id = "home.trigger." + finding.exposure;
  const std::string test =
      " Then go back to your usual amount and watch whether the pain follows: that tells you "
      "and your practitioner whether it really is a trigger.";
  if (const auto* rule = RuleFor(finding.exposure)) {
    out.item.kind = rule->kind;
    out.item.text = std::string(rule->text) + test;
  } else {
    out.item.kind = ItemKind::avoid;
    out.item.text = "Avoid or cut down \"" + label + "\" for two weeks." + test;
  }
  out.item.reason = {out.item.id,
                     "Days with " + label + " " + finding.exposure_rule + " were followed by " +
                         Points(finding.effect_points) + " points of pain " +
                         When(finding.outcome) + " (95 % interval " + Points(finding.interval_low) +
                         " to " + Points(finding.interval_high) + ", over " +
                         std::to_string(finding.days_used) + " diary days).",
                     std::string(kTriggerSource)};
  return out;
}

}  // namespace

std::vector<HomeProgramItem> BuildHomeProgram(const Plan& plan, const TriggerReport& triggers,
                                              std::span<const ExposureDefinition> exposures) {
  std::vector<HomeProgramItem> program;
  for (const auto& item : plan.home_program)
    program.push_back({item, HomeProgramSource::assessment});
  if (triggers.enough_data)
    for (const auto* finding : ReportedExposures(triggers))
      program.push_back(TriggerItem(*finding, exposures));
  return program;
}

Adherence HomeProgramAdherence(std::span<const HomeProgramItem> program, const Diary& diary,
                               std::chrono::sys_days today, int window_days) {
  Adherence adherence;
  adherence.to = today;
  adherence.from = today - std::chrono::days(std::max(window_days, 1) - 1);
  for (const auto& entry : program)
    adherence.items.push_back({entry.item.id, 0, 0});
  for (const auto& day : diary) {
    if (day.date < adherence.from || day.date > adherence.to)
      continue;
    for (auto& item : adherence.items) {
      ++item.days_recorded;
      const auto& done = day.home_program_done;
      if (std::find(done.begin(), done.end(), item.item_id) != done.end())
        ++item.days_done;
    }
  }
  return adherence;
}

std::string_view Name(HomeProgramSource source) {
  return source == HomeProgramSource::assessment ? "assessment" : "triggers";
}

}  // namespace backplan::core
