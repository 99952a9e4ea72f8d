#pragma once
// A small time-series plot as inline SVG, drawn by the server so that the
// report needs no script and prints as it shows: lines for series, vertical
// marks for events (sessions), dots for flagged days (flares). Dates are
// civil days; values are on a fixed scale given by the caller.

#include <chrono>
#include <string>
#include <vector>

namespace backplan::codec {

struct PlotPoint {
  std::chrono::sys_days day;
  double value = 0;
};

struct PlotSeries {
  std::string label;
  std::string css_class;  // "series-1" …: colour and dash come from the report's stylesheet
  std::vector<PlotPoint> points;  // in date order; a gap of more than a day breaks the line
};

struct PlotMarks {
  std::string label;
  std::string css_class;
  std::vector<std::chrono::sys_days> days;
};

struct PlotSpec {
  std::string title;  // also the SVG's accessible name
  double y_min = 0;
  double y_max = 10;
  std::string y_label;
  std::vector<PlotSeries> series;
  std::vector<PlotMarks> vertical_marks;  // e.g. sessions
  std::vector<PlotMarks> dot_marks;       // e.g. flares, drawn on the top edge
};

// An <svg> element, or a short paragraph saying there is nothing to plot.
std::string RenderPlot(const PlotSpec& spec);

}  // namespace backplan::codec
