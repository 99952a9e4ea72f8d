#include "codec/trigger_report_text.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <set>

#include "codec/trigger_report_json.h"

namespace backplan::codec {
namespace {

using core::TriggerFinding;

std::string_view OutcomeWords(core::TriggerOutcome outcome) {
  return outcome == core::TriggerOutcome::same_evening ? "the same evening" : "the next morning";
}

std::string Signed(double points) {
  return fmt::format("{:+.1f}", points);
}

// Small p-values as "< 0.001": more digits would suggest precision the
// method does not have.
std::string PValue(double p) {
  return p < 0.001 ? "< 0.001" : fmt::format("{:.3f}", p);
}

std::string Numbers(const TriggerFinding& f) {
  return fmt::format("{} points ({:.0f}% interval {} to {}), adjusted p {}, {} of {} days",
                     Signed(f.effect_points), 100.0 * core::kTriggerIntervalLevel,
                     Signed(f.interval_low), Signed(f.interval_high), PValue(f.adjusted_p_value),
                     f.exposed_days, f.days_used);
}

void WriteTriggers(std::string& out, const core::TriggerReport& report) {
  out += "SEEMS TO BE FOLLOWED BY MORE PAIN\n";
  std::set<std::string_view> suggested;  // one test per exposure, whatever the outcomes
  for (const auto& f : report.findings) {
    if (!f.reported)
      continue;
    fmt::format_to(std::back_inserter(out), "  {} {} -> more pain {}\n      {}\n", f.exposure,
                   f.exposure_rule, OutcomeWords(f.outcome), Numbers(f));
    if (suggested.insert(f.exposure).second)
      fmt::format_to(std::back_inserter(out), "      Try: {}\n", SuggestedTriggerTest(f));
  }
  if (suggested.empty())
    out += "  Nothing in this diary seems to be followed by more pain.\n";
}

void WriteOthers(std::string& out, const core::TriggerReport& report) {
  bool heading = false;
  for (const auto& f : report.findings) {
    if (f.reported || !f.tested)
      continue;
    if (!heading)
      out += "\nTESTED, NO TRIGGER\n";
    heading = true;
    fmt::format_to(std::back_inserter(out), "  {} -> {}: {}\n", f.exposure, OutcomeWords(f.outcome),
                   f.reason.text);
  }
  heading = false;
  for (const auto& f : report.findings) {
    if (f.tested)
      continue;
    if (!heading)
      out += "\nNOT TESTED\n";
    heading = true;
    fmt::format_to(std::back_inserter(out), "  {} -> {}: {}\n", f.exposure, OutcomeWords(f.outcome),
                   f.reason.text);
  }
}

}  // namespace

std::string TriggerReportToText(const core::TriggerReport& report) {
  std::string out;
  if (!report.enough_data) {
    fmt::format_to(std::back_inserter(out), "NOT ENOUGH DATA\n  {}\n",
                   report.not_enough_data_reason);
    return out;
  }
  fmt::format_to(std::back_inserter(out),
                 "Trigger finder (method {}): {} days analysed, {} exposure and outcome pairs "
                 "tested together.\n\n",
                 report.method_version, report.days_analysed, report.pairs_tested);
  WriteTriggers(out, report);
  WriteOthers(out, report);
  out += "\nHOW TO READ THIS\n";
  for (const auto& note : report.method_notes)
    fmt::format_to(std::back_inserter(out), "  - {}\n", note.text);
  return out;
}

}  // namespace backplan::codec
