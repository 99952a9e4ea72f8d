#include "codec/report/svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "codec/report/html_escape.h"

namespace backplan::codec {
namespace {

constexpr double kWidth = 720;
constexpr double kHeight = 240;
constexpr double kLeft = 44;
constexpr double kRight = 12;
constexpr double kTop = 16;
constexpr double kBottom = 40;

struct Frame {
  std::chrono::sys_days first;
  std::chrono::sys_days last;
  double y_min;
  double y_max;

  double X(std::chrono::sys_days day) const {
    const double span = std::max(1.0, static_cast<double>((last - first).count()));
    return kLeft + (kWidth - kLeft - kRight) * static_cast<double>((day - first).count()) / span;
  }
  double Y(double value) const {
    const double clamped = std::clamp(value, y_min, y_max);
    return kTop + (kHeight - kTop - kBottom) * (y_max - clamped) / (y_max - y_min);
  }
};

std::string IsoDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool DateRange(const PlotSpec& spec, std::chrono::sys_days& first, std::chrono::sys_days& last) {
  bool any = false;
  auto take = [&](std::chrono::sys_days day) {
    first = any ? std::min(first, day) : day;
    last = any ? std::max(last, day) : day;
    any = true;
  };
  for (const auto& series : spec.series)
    for (const auto& point : series.points)
      take(point.day);
  for (const auto& marks : spec.vertical_marks)
    for (const auto day : marks.days)
      take(day);
  for (const auto& marks : spec.dot_marks)
    for (const auto day : marks.days)
      take(day);
  return any;
}

void Axes(const Frame& frame, const PlotSpec& spec, std::string& svg) {
  const double step = (spec.y_max - spec.y_min) <= 10 ? 2 : 10;
  for (double v = spec.y_min; v <= spec.y_max + 1e-9; v += step) {
    const double y = frame.Y(v);
    svg += fmt::format(R"(<line class="grid" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>)"
                       R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)",
                       kLeft, y, kWidth - kRight, y, kLeft - 6, y + 4, v);
  }
  svg += fmt::format(R"(<text class="tick" x="{:.1f}" y="{:.1f}">{}</text>)"
                     R"(<text class="tick" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)",
                     kLeft, kHeight - kBottom + 16, IsoDate(frame.first), kWidth - kRight,
                     kHeight - kBottom + 16, IsoDate(frame.last));
  svg += fmt::format(R"(<text class="axis-label" x="4" y="{:.1f}">{}</text>)", kTop - 4,
                     HtmlEscape(spec.y_label));
}

void Series(const Frame& frame, const PlotSeries& series, std::string& svg) {
  std::string path;
  std::chrono::sys_days previous{};
  for (std::size_t i = 0; i < series.points.size(); ++i) {
    const auto& point = series.points[i];
    const bool joins = i > 0 && (point.day - previous).count() <= 1;
    path += fmt::format("{}{:.1f},{:.1f} ", joins ? "L" : "M", frame.X(point.day),
                        frame.Y(point.value));
    previous = point.day;
  }
  if (!path.empty())
    svg += fmt::format(R"(<path class="line {}" d="{}"/>)", HtmlEscape(series.css_class), path);
  if (series.points.size() <= 60)  // dots help a short series; they clutter a long one
    for (const auto& point : series.points)
      svg += fmt::format(R"(<circle class="dot {}" cx="{:.1f}" cy="{:.1f}" r="2.5"/>)",
                         HtmlEscape(series.css_class), frame.X(point.day), frame.Y(point.value));
}

std::string Legend(const PlotSpec& spec) {
  std::string legend = R"(<ul class="legend">)";
  auto item = [&legend](const std::string& css_class, const std::string& label) {
    legend += fmt::format(R"(<li><span class="swatch {}"></span>{}</li>)", HtmlEscape(css_class),
                          HtmlEscape(label));
  };
  for (const auto& series : spec.series)
    item(series.css_class, series.label);
  for (const auto& marks : spec.vertical_marks)
    item(marks.css_class, marks.label);
  for (const auto& marks : spec.dot_marks)
    item(marks.css_class, marks.label);
  return legend + "</ul>";
}

}  // namespace

std::string RenderPlot(const PlotSpec& spec) {
  std::chrono::sys_days first{};
  std::chrono::sys_days last{};
  if (!DateRange(spec, first, last) || !(spec.y_max > spec.y_min))
    return fmt::format(R"(<p class="empty">{}: nothing recorded yet.</p>)", HtmlEscape(spec.title));
  const Frame frame{first, last, spec.y_min, spec.y_max};
  std::string svg =
      fmt::format(R"(<figure><svg class="plot" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
                  kWidth, kHeight, HtmlEscape(spec.title));
  svg += fmt::format("<title>{}</title>", HtmlEscape(spec.title));
  Axes(frame, spec, svg);
  for (const auto& marks : spec.vertical_marks)
    for (const auto day : marks.days)
      svg += fmt::format(
          R"(<line class="mark {}" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>)",
          HtmlEscape(marks.css_class), frame.X(day), kTop, frame.X(day), kHeight - kBottom);
  for (const auto& series : spec.series)
    Series(frame, series, svg);
  for (const auto& marks : spec.dot_marks)
    for (const auto day : marks.days)
      svg += fmt::format(R"(<circle class="flag {}" cx="{:.1f}" cy="{:.1f}" r="5"/>)",
                         HtmlEscape(marks.css_class), frame.X(day), kTop);
  svg +=
      "</svg><figcaption>" + HtmlEscape(spec.title) + "</figcaption>" + Legend(spec) + "</figure>";
  return svg;
}

}  // namespace backplan::codec
