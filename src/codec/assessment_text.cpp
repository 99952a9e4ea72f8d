#include "codec/assessment_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>

#include "core/names.h"

namespace backplan::codec {
namespace {

using namespace backplan::core;

std::string Upper(std::string_view s) {
  std::string out;
  std::transform(s.begin(), s.end(), std::back_inserter(out), [](unsigned char c) {
    return c == '_' ? ' ' : static_cast<char>(std::toupper(c));
  });
  return out;
}

std::string Words(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

void WriteScreening(std::string& out, const Screening& s) {
  fmt::format_to(std::back_inserter(out), "SCREENING: {}\n", Upper(Name(s.disposition)));
  for (const auto& f : s.flags)
    fmt::format_to(std::back_inserter(out), "  [{}] {} -> {}\n      {}\n", Name(f.kind), f.reason,
                   Words(Name(f.disposition)), f.advice);
  if (s.flags.empty())
    out += "  No red flags, contraindications or yellow flags.\n";
}

void WriteScores(std::string& out, const Scores& s) {
  out += "\nSCORES\n";
  fmt::format_to(std::back_inserter(out), "  NPRS now {}/10", s.nprs.now);
  if (s.nprs.best_24h)
    fmt::format_to(std::back_inserter(out), ", best {}", *s.nprs.best_24h);
  if (s.nprs.worst_24h)
    fmt::format_to(std::back_inserter(out), ", worst {}", *s.nprs.worst_24h);
  out += " (last 24 h)\n";
  if (s.odi) {
    if (s.odi->percent)
      fmt::format_to(std::back_inserter(out), "  ODI {:.1f}% ({}), {} of 10 sections\n",
                     *s.odi->percent, Words(Name(*s.odi->band)), s.odi->sections_answered);
    else
      fmt::format_to(std::back_inserter(out), "  ODI incomplete: {} of 10 sections answered\n",
                     s.odi->sections_answered);
  }
  if (s.rmdq)
    fmt::format_to(std::back_inserter(out), "  RMDQ {}/24\n", *s.rmdq);
  if (s.start_back) {
    if (s.start_back->risk)
      fmt::format_to(std::back_inserter(out),
                     "  STarT Back {} risk (total {}/9, psychosocial {}/5)\n",
                     Name(*s.start_back->risk), *s.start_back->total, *s.start_back->psychosocial);
    else
      out += "  STarT Back incomplete: no risk group\n";
  }
  if (s.psfs_mean)
    fmt::format_to(std::back_inserter(out), "  PSFS mean {:.1f}/10\n", *s.psfs_mean);
}

void WriteClassification(std::string& out, const Classification& c) {
  out += "\nCLASSIFICATION\n";
  const std::string quebec =
      c.possible_radicular ? std::string("possible radicular") : std::to_string(c.quebec_category);
  fmt::format_to(std::back_inserter(out),
                 "  {} pattern, {} ({:.1f} weeks), {} irritability, Quebec {}\n", Name(c.pattern),
                 Name(c.acuity), c.weeks_since_onset, Name(c.irritability), quebec);
  for (const auto& r : c.reasons)
    fmt::format_to(std::back_inserter(out), "  - {}\n", r.text);
}

void WritePlan(std::string& out, const std::optional<Plan>& plan) {
  if (!plan) {
    out += "\nPLAN: none. Screening does not allow treatment; follow the advice above.\n";
    return;
  }
  fmt::format_to(std::back_inserter(out), "\nPLAN ({})\n", Name(plan->mode));
  for (const auto& r : plan->mode_reasons)
    fmt::format_to(std::back_inserter(out), "  {}\n", r.text);
  for (const auto& region : plan->regions) {
    if (!region.work) {
      fmt::format_to(std::back_inserter(out), "  {:<11} not worked: {}\n", Name(region.region),
                     region.reasons.empty() ? "" : region.reasons.front().text);
      continue;
    }
    std::string techniques;
    for (Technique t : region.techniques)
      techniques += (techniques.empty() ? "" : ", ") + Words(Name(t));
    fmt::format_to(std::back_inserter(out), "  {:<11} ceiling {}, start {}: {}\n",
                   Name(region.region), region.pressure_ceiling, region.start_pressure, techniques);
    for (const auto& r : region.reasons)
      if (r.rule_id != "start.gentle")
        fmt::format_to(std::back_inserter(out), "{:15}why: {}\n", "", r.text);
  }
  out += "\nPOSITIONING\n";
  for (const auto& item : plan->positioning)
    fmt::format_to(std::back_inserter(out), "  - {} ({})\n", item.text, item.reason.text);
  out += "\nHOME PROGRAM\n";
  for (const auto& item : plan->home_program)
    fmt::format_to(std::back_inserter(out), "  - [{}] {} ({})\n", Words(Name(item.kind)), item.text,
                   item.reason.text);
}

}  // namespace

std::string AssessmentToText(const Assessment& a) {
  std::string out;
  out += "backplan supports a practitioner's judgement; it does not diagnose.\n";
  fmt::format_to(std::back_inserter(out), "Rules version {}\n\n", a.rules_version);
  WriteScreening(out, a.screening);
  if (!a.warnings.empty()) {
    out += "\nWARNINGS\n";
    for (const auto& w : a.warnings)
      fmt::format_to(std::back_inserter(out), "  ! {}\n", w.text);
  }
  WriteScores(out, a.scores);
  WriteClassification(out, a.classification);
  WritePlan(out, a.plan);
  return out;
}

}  // namespace backplan::codec
