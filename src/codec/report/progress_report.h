#pragma once
// The printable progress report of one client (issue 4, item 8): pain over
// time with sessions and flares marked, ODI and RMDQ over time, the trigger
// table and the plan history, as one self-contained HTML page whose plots are
// inline SVG (codec/report/svg_plot.h). Pure: the caller gathers the data,
// including today's date; every text from the data is escaped.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "codec/report/svg_plot.h"
#include "core/diary.h"
#include "core/triggers/trigger_finder.h"

namespace backplan::codec {

struct PlanHistoryRow {
  std::chrono::sys_days day;
  std::string region;
  int from = 0;
  int to = 0;
  std::string reason;
};

struct ProgressReportData {
  std::string client_name;
  std::chrono::sys_days generated_on;
  core::Diary diary;
  std::vector<std::chrono::sys_days> session_days;
  std::vector<std::chrono::sys_days> flare_days;
  std::vector<PlotPoint> odi;   // percent, per assessment
  std::vector<PlotPoint> rmdq;  // 0–24, per assessment
  std::optional<core::TriggerReport> triggers;
  std::vector<PlanHistoryRow> plan_history;
};

// The style sheet the page embeds; exposed so that a server can allow exactly
// this style in its Content-Security-Policy (by hash) and nothing else inline.
std::string_view ProgressReportStyle();

std::string RenderProgressReport(const ProgressReportData& data);

}  // namespace backplan::codec
