#include "codec/report/progress_report.h"

#include <fmt/format.h>

#include "codec/report/html_escape.h"

namespace backplan::codec {
namespace {

constexpr std::string_view kStyle = R"(
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;max-width:60rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.plot{width:100%;height:auto;max-width:720px}
.grid{stroke:#e3e3e3;stroke-width:1}.tick,.axis-label{font-size:11px;fill:#555}
.line{fill:none;stroke-width:2}.dot{stroke:none}
.series-1{stroke:#1f5fa8;fill:#1f5fa8;background:#1f5fa8}
.series-2{stroke:#b35c00;fill:#b35c00;background:#b35c00;stroke-dasharray:6 3}
.series-3{stroke:#6a3d9a;fill:#6a3d9a;background:#6a3d9a;stroke-dasharray:2 3}
.mark.session{stroke:#2e7d32;stroke-width:1.5;stroke-dasharray:3 3;background:#2e7d32}
.flag.flare{fill:#c62828;background:#c62828}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem;font-size:.9rem}
.swatch{display:inline-block;width:1.2rem;height:.5rem;margin-right:.4rem;vertical-align:middle}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.empty,.note{color:#555}
@media print{body{margin:0}h2{break-after:avoid}figure,table{break-inside:avoid}}
)";

std::string IsoDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string PainPlot(const ProgressReportData& data) {
  PlotSpec spec;
  spec.title = "Pain over time (0–10)";
  spec.y_label = "pain";
  PlotSeries morning{"Back pain, morning", "series-1", {}};
  PlotSeries evening{"Back pain, evening", "series-2", {}};
  PlotSeries leg{"Leg pain", "series-3", {}};
  for (const auto& entry : data.diary) {
    if (entry.pain_morning)
      morning.points.push_back({entry.date, static_cast<double>(*entry.pain_morning)});
    if (entry.pain_evening)
      evening.points.push_back({entry.date, static_cast<double>(*entry.pain_evening)});
    if (entry.leg_pain)
      leg.points.push_back({entry.date, static_cast<double>(*entry.leg_pain)});
  }
  for (auto* series : {&morning, &evening, &leg})
    if (!series->points.empty())
      spec.series.push_back(std::move(*series));
  if (!data.session_days.empty())
    spec.vertical_marks.push_back({"Session", "session", data.session_days});
  if (!data.flare_days.empty())
    spec.dot_marks.push_back({"Flare", "flare", data.flare_days});
  return RenderPlot(spec);
}

std::string ScorePlot(std::string title, std::string label, double y_max,
                      const std::vector<PlotPoint>& points) {
  PlotSpec spec;
  spec.title = std::move(title);
  spec.y_label = label;
  spec.y_max = y_max;
  if (!points.empty())
    spec.series.push_back({std::move(label), "series-1", points});
  return RenderPlot(spec);
}

std::string Signed(double value) {
  return fmt::format("{:+.1f}", value);
}

std::string TriggerTable(const std::optional<core::TriggerReport>& report) {
  if (!report)
    return R"(<p class="empty">No diary yet.</p>)";
  if (!report->enough_data)
    return fmt::format(R"(<p class="empty">{}</p>)", HtmlEscape(report->not_enough_data_reason));
  std::string html =
      "<p class=\"note\">These exposures <strong>seem to be followed by more pain</strong>. That "
      "is "
      "an association, not proof of a cause: test one by avoiding it for two weeks, then "
      "bringing it back, and keep the diary going.</p>"
      "<table><thead><tr><th scope=\"col\">Exposure</th><th scope=\"col\">Followed by</th>"
      "<th scope=\"col\">Pain points (95% interval)</th><th scope=\"col\">Adjusted p</th>"
      "<th scope=\"col\">Days</th></tr></thead><tbody>";
  int rows = 0;
  for (const auto& finding : report->findings) {
    if (!finding.reported)
      continue;
    ++rows;
    html += fmt::format(
        "<tr><td>{} ({})</td><td>{}</td><td>{} ({} to {})</td><td>{:.3f}</td><td>{} of "
        "{}</td></tr>",
        HtmlEscape(finding.exposure), HtmlEscape(finding.exposure_rule),
        finding.outcome == core::TriggerOutcome::same_evening ? "pain that evening"
                                                              : "pain the next morning",
        Signed(finding.effect_points), Signed(finding.interval_low), Signed(finding.interval_high),
        finding.adjusted_p_value, finding.exposed_days, finding.days_used);
  }
  if (rows == 0)
    html += "<tr><td colspan=\"5\">Nothing stands out yet.</td></tr>";
  html += "</tbody></table>";
  html += fmt::format(R"(<p class="note">{} days analysed; {} comparisons made at once.</p>)",
                      report->days_analysed, report->pairs_tested);
  return html;
}

std::string PlanHistoryTable(const std::vector<PlanHistoryRow>& rows) {
  if (rows.empty())
    return R"(<p class="empty">No changes to the working pressure yet.</p>)";
  std::string html =
      "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Region</th>"
      "<th scope=\"col\">Pressure</th><th scope=\"col\">Why</th></tr></thead><tbody>";
  for (const auto& row : rows)
    html +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>", IsoDate(row.day),
                    HtmlEscape(row.region), row.from, row.to, HtmlEscape(row.reason));
  return html + "</tbody></table>";
}

}  // namespace

std::string_view ProgressReportStyle() {
  return kStyle;
}

std::string RenderProgressReport(const ProgressReportData& data) {
  std::string html =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += fmt::format("<title>Progress report: {}</title><style>{}</style></head><body>",
                      HtmlEscape(data.client_name), kStyle);
  html += fmt::format(
      "<header><h1>Progress report: {}</h1><p class=\"note\">Generated {}</p>"
      "</header><main>",
      HtmlEscape(data.client_name), IsoDate(data.generated_on));
  html += "<section><h2>Pain</h2>" + PainPlot(data) + "</section>";
  html += "<section><h2>Function</h2>" +
          ScorePlot("Oswestry Disability Index (%)", "ODI %", 100, data.odi) +
          ScorePlot("Roland-Morris Disability Questionnaire (0–24)", "RMDQ", 24, data.rmdq) +
          "</section>";
  html += "<section><h2>Possible triggers</h2>" + TriggerTable(data.triggers) + "</section>";
  html += "<section><h2>Plan history</h2>" + PlanHistoryTable(data.plan_history) + "</section>";
  return html + "</main></body></html>\n";
}

}  // namespace backplan::codec
