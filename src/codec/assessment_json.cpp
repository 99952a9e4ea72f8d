#include "codec/assessment_json.h"

#include <cmath>

#include "core/names.h"

namespace backplan::codec {
namespace {

using nlohmann::ordered_json;
using namespace backplan::core;

// One decimal for display; the exact value is kept alongside.
double Rounded1(double v) {
  return std::round(v * 10.0) / 10.0;
}

ordered_json ReasonJson(const Reason& r) {
  return {{"rule", r.rule_id}, {"reason", r.text}, {"source", r.source}};
}

ordered_json ReasonsJson(const std::vector<Reason>& reasons) {
  ordered_json out = ordered_json::array();
  for (const auto& r : reasons)
    out.push_back(ReasonJson(r));
  return out;
}

ordered_json ScreeningJson(const Screening& s) {
  ordered_json flags = ordered_json::array();
  for (const auto& f : s.flags)
    flags.push_back({{"id", f.id},
                     {"kind", Name(f.kind)},
                     {"disposition", Name(f.disposition)},
                     {"reason", f.reason},
                     {"advice", f.advice},
                     {"source", f.source}});
  ordered_json advice = ordered_json::array();
  for (const auto& f : s.flags)
    if (f.disposition == s.disposition && s.disposition != Disposition::clear &&
        std::find(advice.begin(), advice.end(), f.advice) == advice.end())
      advice.push_back(f.advice);
  ordered_json not_asked = ordered_json::array();
  for (RedFlag f : s.not_asked)
    not_asked.push_back(Name(f));
  return {{"disposition", Name(s.disposition)},
          {"plan_allowed", s.PlanAllowed()},
          {"advice", advice},
          {"flags", flags},
          {"not_asked", not_asked}};
}

ordered_json ScoresJson(const Scores& s) {
  ordered_json out;
  out["nprs"] = {{"now", s.nprs.now},
                 {"best_24h", s.nprs.best_24h ? ordered_json(*s.nprs.best_24h) : nullptr},
                 {"worst_24h", s.nprs.worst_24h ? ordered_json(*s.nprs.worst_24h) : nullptr}};
  if (s.odi) {
    out["odi"] = {
        {"sections_answered", s.odi->sections_answered},
        {"sum", s.odi->sum},
        {"complete", s.odi->percent.has_value()},
        {"percent", s.odi->percent ? ordered_json(*s.odi->percent) : nullptr},
        {"percent_display", s.odi->percent ? ordered_json(Rounded1(*s.odi->percent)) : nullptr},
        {"band", s.odi->band ? ordered_json(Name(*s.odi->band)) : nullptr}};
  } else {
    out["odi"] = nullptr;
  }
  out["rmdq"] = s.rmdq ? ordered_json{{"score", *s.rmdq}} : ordered_json(nullptr);
  if (s.start_back) {
    const auto& sb = *s.start_back;
    out["start_back"] = {
        {"total", sb.total ? ordered_json(*sb.total) : nullptr},
        {"psychosocial", sb.psychosocial ? ordered_json(*sb.psychosocial) : nullptr},
        {"risk", sb.risk ? ordered_json(Name(*sb.risk)) : nullptr},
        {"missing_items", sb.missing_items}};
  } else {
    out["start_back"] = nullptr;
  }
  out["psfs"] = s.psfs_mean
                    ? ordered_json{{"mean", *s.psfs_mean}, {"mean_display", Rounded1(*s.psfs_mean)}}
                    : ordered_json(nullptr);
  return out;
}

ordered_json MovementsJson(const std::vector<Movement>& movements) {
  ordered_json out = ordered_json::array();
  for (Movement m : movements)
    out.push_back(Name(m));
  return out;
}

ordered_json ClassificationJson(const Classification& c) {
  return {{"pattern", Name(c.pattern)},
          {"acuity", Name(c.acuity)},
          {"days_since_onset", c.days_since_onset},
          {"weeks_since_onset", Rounded1(c.weeks_since_onset)},
          {"quebec_category", c.possible_radicular ? ordered_json("possible_radicular")
                                                   : ordered_json(c.quebec_category)},
          {"irritability", Name(c.irritability)},
          {"intolerances", MovementsJson(c.intolerances)},
          {"relieving", MovementsJson(c.relieving)},
          {"stability_concern", c.stability_concern},
          {"guarding", c.guarding},
          {"reasons", ReasonsJson(c.reasons)}};
}

ordered_json ItemsJson(const std::vector<PlanItem>& items) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items)
    out.push_back({{"id", item.id},
                   {"kind", Name(item.kind)},
                   {"text", item.text},
                   {"reason", item.reason.text},
                   {"source", item.reason.source}});
  return out;
}

ordered_json PlanJson(const Plan& plan) {
  ordered_json regions = ordered_json::array();
  for (const auto& r : plan.regions) {
    ordered_json techniques = ordered_json::array();
    for (Technique t : r.techniques)
      techniques.push_back(Name(t));
    ordered_json avoid = ordered_json::array();
    for (const auto& a : r.avoid)
      avoid.push_back({{"technique", Name(a.technique)},
                       {"rule", a.reason.rule_id},
                       {"reason", a.reason.text}});
    regions.push_back({{"region", Name(r.region)},
                       {"work", r.work},
                       {"pressure_ceiling", r.pressure_ceiling},
                       {"start_pressure", r.start_pressure},
                       {"techniques", techniques},
                       {"avoid", avoid},
                       {"reasons", ReasonsJson(r.reasons)}});
  }
  return {{"mode", Name(plan.mode)},
          {"mode_reasons", ReasonsJson(plan.mode_reasons)},
          {"regions", regions},
          {"positioning", ItemsJson(plan.positioning)},
          {"home_program", ItemsJson(plan.home_program)}};
}

}  // namespace

ordered_json AssessmentToJson(const Assessment& a) {
  ordered_json warnings = ordered_json::array();
  for (const auto& w : a.warnings)
    warnings.push_back({{"id", w.id}, {"text", w.text}});
  ordered_json out;
  out["rules_version"] = a.rules_version;
  out["screening"] = ScreeningJson(a.screening);
  out["scores"] = ScoresJson(a.scores);
  out["classification"] = ClassificationJson(a.classification);
  out["plan"] = a.plan ? PlanJson(*a.plan) : ordered_json(nullptr);
  out["warnings"] = warnings;
  return out;
}

}  // namespace backplan::codec
