// The printable progress report (codec/report/progress_report.h) and its SVG
// plots: every section present, data escaped, plots drawn for what exists and
// an honest "nothing yet" for what does not.

#include "codec/report/progress_report.h"

#include <gtest/gtest.h>

#include "codec/report/html_escape.h"
#include "codec/report/svg_plot.h"

namespace backplan::codec {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days Day(int n) {
  return sys_days{std::chrono::year{2027} / 1 / 1} + days{n};
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

TEST(HtmlEscapeTest, EscapesEveryCharacterThatCouldOpenMarkup) {
  EXPECT_EQ(HtmlEscape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(SvgPlotTest, NothingToPlotSaysSo) {
  PlotSpec spec;
  spec.title = "Pain";
  EXPECT_EQ(RenderPlot(spec), R"(<p class="empty">Pain: nothing recorded yet.</p>)");
}

TEST(SvgPlotTest, ALineBreaksAtAGapInTheDates) {
  PlotSpec spec;
  spec.title = "Pain";
  spec.series.push_back({"Morning", "series-1", {{Day(0), 3}, {Day(1), 4}, {Day(5), 6}}});
  const std::string svg = RenderPlot(spec);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-label="Pain")"), std::string::npos);
  // Two sub-paths: days 0–1 joined, day 5 starts anew.
  const auto d = svg.substr(svg.find(" d=\""));
  EXPECT_EQ(Count(d.substr(0, d.find("\"/>")), "M"), 2);
  EXPECT_EQ(Count(svg, "<circle class=\"dot"), 3);
}

TEST(SvgPlotTest, ValuesOutsideTheScaleAreClampedToIt) {
  PlotSpec spec;
  spec.title = "x";
  spec.series.push_back({"s", "series-1", {{Day(0), -5}, {Day(1), 50}}});
  const std::string svg = RenderPlot(spec);
  // y of 0 and of 10 in the 240-high frame: 200.0 and 16.0.
  EXPECT_NE(svg.find("M44.0,200.0"), std::string::npos) << svg;
  EXPECT_NE(svg.find("L708.0,16.0"), std::string::npos) << svg;
}

ProgressReportData Sample() {
  ProgressReportData data;
  data.client_name = "Dana <script>alert(1)</script>";
  data.generated_on = Day(40);
  for (int d = 0; d < 30; ++d) {
    core::DiaryEntry entry;
    entry.date = Day(d);
    entry.pain_morning = 3 + d % 3;
    entry.pain_evening = 4 + d % 4;
    data.diary.push_back(entry);
  }
  data.session_days = {Day(3), Day(10)};
  data.flare_days = {Day(11)};
  data.odi = {{Day(0), 42.2}, {Day(28), 30}};
  data.plan_history = {{Day(10), "lumbar", 2, 3, "two sessions without a flare <ok>"}};
  core::TriggerReport triggers;
  triggers.enough_data = true;
  triggers.days_analysed = 29;
  triggers.pairs_tested = 2;
  core::TriggerFinding found;
  found.exposure = "driving_minutes";
  found.exposure_rule = "above this client's median (15 min)";
  found.reported = true;
  found.effect_points = 1.2;
  found.interval_low = 0.7;
  found.interval_high = 1.7;
  found.adjusted_p_value = 0.001;
  found.days_used = 28;
  found.exposed_days = 10;
  triggers.findings.push_back(found);
  data.triggers = triggers;
  return data;
}

TEST(ProgressReportTest, HasEverySectionAndPlot) {
  const std::string html = RenderProgressReport(Sample());
  for (const char* heading : {"<h2>Pain</h2>", "<h2>Function</h2>", "<h2>Possible triggers</h2>",
                              "<h2>Plan history</h2>"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  EXPECT_EQ(Count(html, "<svg"), 2);  // pain and ODI; RMDQ has no data
  EXPECT_NE(html.find("Roland-Morris Disability Questionnaire (0–24): nothing recorded yet."),
            std::string::npos);
  EXPECT_EQ(Count(html, "class=\"mark session"), 2);
  EXPECT_EQ(Count(html, "class=\"flag flare"), 1);
  EXPECT_NE(html.find("seem to be followed by more pain"), std::string::npos);
  EXPECT_NE(html.find("+1.2 (+0.7 to +1.7)"), std::string::npos);
  EXPECT_NE(html.find("2 → 3"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(ProgressReportTest, EscapesEverythingFromTheData) {
  const std::string html = RenderProgressReport(Sample());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("Dana &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("without a flare &lt;ok&gt;"), std::string::npos);
  EXPECT_NE(html.find("client&#39;s median"), std::string::npos);
}

TEST(ProgressReportTest, NotEnoughDiaryDataIsSaidPlainly) {
  auto data = Sample();
  data.triggers->enough_data = false;
  data.triggers->not_enough_data_reason = "Not enough data yet: 10 of 28 days.";
  const std::string html = RenderProgressReport(data);
  EXPECT_NE(html.find("Not enough data yet: 10 of 28 days."), std::string::npos);
  EXPECT_EQ(html.find("<table><thead><tr><th scope=\"col\">Exposure"), std::string::npos);
}

}  // namespace
}  // namespace backplan::codec
