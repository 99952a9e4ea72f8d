#include "codec/trigger_report_json.h"

namespace backplan::codec {
namespace {

using nlohmann::ordered_json;

ordered_json ReasonJson(const core::Reason& r) {
  return {{"rule", r.rule_id}, {"reason", r.text}, {"source", r.source}};
}

// A number only a tested finding has.
ordered_json Tested(const core::TriggerFinding& finding, double value) {
  return finding.tested ? ordered_json(value) : ordered_json(nullptr);
}

ordered_json FindingJson(const core::TriggerFinding& f) {
  return {{"exposure", f.exposure},
          {"outcome", core::Name(f.outcome)},
          {"reported", f.reported},
          {"tested", f.tested},
          {"exposure_rule", f.exposure_rule},
          {"effect_points", Tested(f, f.effect_points)},
          {"interval_low", Tested(f, f.interval_low)},
          {"interval_high", Tested(f, f.interval_high)},
          {"p_value", Tested(f, f.p_value)},
          {"adjusted_p_value", Tested(f, f.adjusted_p_value)},
          {"days_used", f.days_used},
          {"exposed_days", f.exposed_days},
          {"reason", ReasonJson(f.reason)},
          {"suggested_test", f.reported ? ordered_json(SuggestedTriggerTest(f)) : nullptr}};
}

}  // namespace

std::string SuggestedTriggerTest(const core::TriggerFinding& finding) {
  return "Avoid days with " + finding.exposure + " " + finding.exposure_rule +
         " for two weeks, then reintroduce them, and keep the diary going: if more pain follows "
         "again, the link holds up; if not, it was probably something else.";
}

ordered_json TriggerReportToJson(const core::TriggerReport& report) {
  ordered_json findings = ordered_json::array();
  for (const auto& finding : report.findings)
    findings.push_back(FindingJson(finding));
  ordered_json notes = ordered_json::array();
  for (const auto& note : report.method_notes)
    notes.push_back(ReasonJson(note));
  return {
      {"method_version", report.method_version},
      {"enough_data", report.enough_data},
      {"not_enough_data_reason",
       report.enough_data ? ordered_json(nullptr) : ordered_json(report.not_enough_data_reason)},
      {"days_analysed", report.days_analysed},
      {"pairs_tested", report.pairs_tested},
      {"interval_level", core::kTriggerIntervalLevel},
      {"findings", findings},
      {"method_notes", notes}};
}

}  // namespace backplan::codec
