#pragma once
// Counters and histograms in memory, rendered in the Prometheus text
// exposition format 0.0.4 for GET /metrics. The server records every request
// (RecordRequest); other layers record their own (e.g. "db_query_seconds"
// with a {query="..."} label).
//
// Labels must have bounded values: route templates, methods, statuses, query
// names. Never ids, paths with ids, bodies or anything from a health record:
// every distinct label set is a series kept for the life of the process.
//
// A metric name belongs to one type; using it as the other throws
// std::logic_error, and an invalid metric or label name throws
// std::invalid_argument: both are programmer errors.
//
// Thread-safety: every member function may be called from any thread.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::http {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Upper bounds in seconds: 1 ms … 10 s, as Prometheus client libraries use.
const std::vector<double>& DefaultLatencyBuckets();

class Metrics {
 public:
  Metrics();  // describes the two HTTP metrics RecordRequest fills

  // HELP text (and, for histograms, the bucket upper bounds) for a metric.
  // Optional: a metric used before it is described gets a generic HELP line
  // and DefaultLatencyBuckets(). Describing an existing metric again
  // replaces the HELP text only.
  void DescribeCounter(std::string_view name, std::string_view help);
  void DescribeHistogram(std::string_view name, std::string_view help,
                         std::vector<double> upper_bounds = DefaultLatencyBuckets());

  // Adds `amount` (>= 0; a negative amount is ignored) to the series.
  void AddToCounter(std::string_view name, const MetricLabels& labels, double amount = 1.0);
  void ObserveHistogram(std::string_view name, const MetricLabels& labels, double value);

  // One HTTP exchange: http_requests_total{method,route,status} and
  // http_request_duration_seconds{route}. An empty route is recorded as
  // "unmatched"; a method outside the standard ones as "other".
  void RecordRequest(std::string_view method, std::string_view route, int status, double seconds);

  std::string RenderPrometheus() const;

 private:
  enum class Type { counter, histogram };
  struct Series {
    double value = 0;                   // counter
    std::vector<std::uint64_t> counts;  // histogram: per bucket, not cumulative; last is +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  struct Family {
    Type type = Type::counter;
    std::string help;
    std::vector<double> upper_bounds;
    std::map<std::string, Series, std::less<>> series;  // by rendered label set
  };

  Family& FamilyFor(std::string_view name, Type type);  // requires mutex_

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;  // guarded by mutex_
};

}  // namespace backplan::http
