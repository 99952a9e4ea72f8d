#include "http/metrics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace backplan::http {
namespace {

bool IsMetricName(std::string_view name, bool allow_colon) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [allow_colon](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (allow_colon && c == ':');
  });
}

void AppendNumber(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), end);
}

// Label values are escaped as the exposition format requires: \\, \" and \n.
void AppendEscaped(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out.push_back(c);
    }
  }
}

void AppendHelpEscaped(std::string& out, std::string_view help) {
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
}

// The rendered label set, `a="x",b="y"`, is the series key: the same labels
// in the same order are the same series.
std::string LabelKey(const MetricLabels& labels, bool histogram) {
  std::string key;
  for (const auto& [name, value] : labels) {
    if (!IsMetricName(name, false) || name.starts_with("__") || (histogram && name == "le")) {
      throw std::invalid_argument("metrics: invalid label name '" + name + "'");
    }
    if (!key.empty()) {
      key += ',';
    }
    key += name;
    key += "=\"";
    AppendEscaped(key, value);
    key += '"';
  }
  return key;
}

// Methods are labels; an unbounded set (anyone can send "FOO") is not.
std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 9> kKnown = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"};
  for (std::string_view known : kKnown) {
    if (method == known) {
      return known;
    }
  }
  return "other";
}

void AppendSeriesLine(std::string& out, std::string_view name, std::string_view suffix,
                      std::string_view labels, std::string_view extra_label, double value) {
  out += name;
  out += suffix;
  if (!labels.empty() || !extra_label.empty()) {
    out += '{';
    out += labels;
    if (!labels.empty() && !extra_label.empty()) {
      out += ',';
    }
    out += extra_label;
    out += '}';
  }
  out += ' ';
  AppendNumber(out, value);
  out += '\n';
}

}  // namespace

const std::vector<double>& DefaultLatencyBuckets() {
  static const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,  0.5,    1,     2.5,  5,     10};
  return kBuckets;
}

Metrics::Metrics() {
  DescribeCounter("http_requests_total", "HTTP requests answered, by method, route and status.");
  DescribeHistogram("http_request_duration_seconds",
                    "Time from a complete request to its written response, by route.");
}

Metrics::Family& Metrics::FamilyFor(std::string_view name, Type type) {
  auto found = families_.find(name);
  if (found == families_.end()) {
    if (!IsMetricName(name, true)) {
      throw std::invalid_argument("metrics: invalid metric name '" + std::string(name) + "'");
    }
    Family family;
    family.type = type;
    family.help =
        std::string(type == Type::counter ? "Counter " : "Histogram ") + std::string(name) + ".";
    if (type == Type::histogram) {
      family.upper_bounds = DefaultLatencyBuckets();
    }
    found = families_.emplace(std::string(name), std::move(family)).first;
  }
  if (found->second.type != type) {
    throw std::logic_error("metrics: '" + std::string(name) + "' is used as two types");
  }
  return found->second;
}

void Metrics::DescribeCounter(std::string_view name, std::string_view help) {
  std::lock_guard lock(mutex_);
  FamilyFor(name, Type::counter).help = help;
}

void Metrics::DescribeHistogram(std::string_view name, std::string_view help,
                                std::vector<double> upper_bounds) {
  std::sort(upper_bounds.begin(), upper_bounds.end());
  upper_bounds.erase(std::unique(upper_bounds.begin(), upper_bounds.end()), upper_bounds.end());
  std::erase_if(upper_bounds, [](double bound) { return !std::isfinite(bound); });
  std::lock_guard lock(mutex_);
  Family& family = FamilyFor(name, Type::histogram);
  family.help = help;
  // Bounds may change only while no series exists: counts are per bound.
  if (family.series.empty()) {
    family.upper_bounds = std::move(upper_bounds);
  }
}

void Metrics::AddToCounter(std::string_view name, const MetricLabels& labels, double amount) {
  if (!(amount >= 0)) {
    return;  // counters only go up; NaN is not an amount either
  }
  std::string key = LabelKey(labels, false);
  std::lock_guard lock(mutex_);
  FamilyFor(name, Type::counter).series[std::move(key)].value += amount;
}

void Metrics::ObserveHistogram(std::string_view name, const MetricLabels& labels, double value) {
  if (std::isnan(value)) {
    return;
  }
  std::string key = LabelKey(labels, true);
  std::lock_guard lock(mutex_);
  Family& family = FamilyFor(name, Type::histogram);
  Series& series = family.series[std::move(key)];
  if (series.counts.empty()) {
    series.counts.resize(family.upper_bounds.size() + 1);  // + the +Inf bucket
  }
  const auto bucket =
      std::lower_bound(family.upper_bounds.begin(), family.upper_bounds.end(), value);
  ++series.counts[static_cast<std::size_t>(bucket - family.upper_bounds.begin())];
  series.sum += value;
  ++series.count;
}

void Metrics::RecordRequest(std::string_view method, std::string_view route, int status,
                            double seconds) {
  const std::string route_label(route.empty() ? "unmatched" : route);
  AddToCounter("http_requests_total", {{"method", std::string(MethodLabel(method))},
                                       {"route", route_label},
                                       {"status", std::to_string(status)}});
  ObserveHistogram("http_request_duration_seconds", {{"route", route_label}}, seconds);
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {
    out += "# HELP ";
    out += name;
    out += ' ';
    AppendHelpEscaped(out, family.help);
    out += "\n# TYPE ";
    out += name;
    out += family.type == Type::counter ? " counter\n" : " histogram\n";
    for (const auto& [labels, series] : family.series) {
      if (family.type == Type::counter) {
        AppendSeriesLine(out, name, "", labels, "", series.value);
        continue;
      }
      std::uint64_t cumulative = 0;
      for (std::size_t bucket = 0; bucket < series.counts.size(); ++bucket) {
        cumulative += series.counts[bucket];
        std::string le = "le=\"";
        if (bucket < family.upper_bounds.size()) {
          AppendNumber(le, family.upper_bounds[bucket]);
        } else {
          le += "+Inf";
        }
        le += '"';
        AppendSeriesLine(out, name, "_bucket", labels, le, static_cast<double>(cumulative));
      }
      AppendSeriesLine(out, name, "_sum", labels, "", series.sum);
      AppendSeriesLine(out, name, "_count", labels, "", static_cast<double>(series.count));
    }
  }
  return out;
}

}  // namespace backplan::http
