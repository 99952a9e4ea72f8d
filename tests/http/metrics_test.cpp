// Metrics: Prometheus text exposition 0.0.4, bounded labels, thread safety.

#include "http/metrics.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace backplan::http {
namespace {

bool Contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(MetricsTest, RecordsRequestsByMethodRouteAndStatus) {
  Metrics metrics;
  metrics.RecordRequest("GET", "/api/v1/clients/{id}", 200, 0.00390625);  // exact in binary
  metrics.RecordRequest("GET", "/api/v1/clients/{id}", 200, 0.25);
  metrics.RecordRequest("BREW", "", 404, 0.0005);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE http_requests_total counter\n"));
  EXPECT_TRUE(Contains(text, "# HELP http_requests_total "));
  EXPECT_TRUE(Contains(
      text,
      "http_requests_total{method=\"GET\",route=\"/api/v1/clients/{id}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text, "http_requests_total{method=\"other\",route=\"unmatched\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(text, "# TYPE http_request_duration_seconds histogram\n"));
  const std::string series = "http_request_duration_seconds_bucket{route=\"/api/v1/clients/{id}\",";
  EXPECT_TRUE(Contains(text, series + "le=\"0.001\"} 0\n"));
  EXPECT_TRUE(Contains(text, series + "le=\"0.005\"} 1\n"));
  EXPECT_TRUE(Contains(text, series + "le=\"0.25\"} 2\n"));
  EXPECT_TRUE(Contains(text, series + "le=\"10\"} 2\n"));
  EXPECT_TRUE(Contains(text, series + "le=\"+Inf\"} 2\n"));
  EXPECT_TRUE(Contains(
      text, "http_request_duration_seconds_sum{route=\"/api/v1/clients/{id}\"} 0.25390625\n"));
  EXPECT_TRUE(
      Contains(text, "http_request_duration_seconds_count{route=\"/api/v1/clients/{id}\"} 2\n"));
}

TEST(MetricsTest, BucketBoundIsInclusive) {
  Metrics metrics;
  metrics.ObserveHistogram("db_query_seconds", {{"query", "latest_assessment"}}, 0.01);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(
      Contains(text, "db_query_seconds_bucket{query=\"latest_assessment\",le=\"0.005\"} 0\n"));
  EXPECT_TRUE(
      Contains(text, "db_query_seconds_bucket{query=\"latest_assessment\",le=\"0.01\"} 1\n"));
}

TEST(MetricsTest, GenericCountersAndDescribedHistograms) {
  Metrics metrics;
  metrics.DescribeCounter("logins_total", "Login attempts by outcome.");
  metrics.AddToCounter("logins_total", {{"outcome", "ok"}});
  metrics.AddToCounter("logins_total", {{"outcome", "ok"}}, 2);
  metrics.AddToCounter("logins_total", {{"outcome", "ok"}}, -5);  // ignored
  metrics.AddToCounter("unlabelled_total", {});
  metrics.DescribeHistogram("payload_bytes", "Body sizes.", {100, 10});
  metrics.ObserveHistogram("payload_bytes", {}, 50);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# HELP logins_total Login attempts by outcome.\n"));
  EXPECT_TRUE(Contains(text, "logins_total{outcome=\"ok\"} 3\n"));
  EXPECT_TRUE(Contains(text, "unlabelled_total 1\n"));
  EXPECT_TRUE(Contains(text, "payload_bytes_bucket{le=\"10\"} 0\n"));
  EXPECT_TRUE(Contains(text, "payload_bytes_bucket{le=\"100\"} 1\n"));
  EXPECT_TRUE(Contains(text, "payload_bytes_sum 50\npayload_bytes_count 1\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  Metrics metrics;
  metrics.AddToCounter("odd_total", {{"value", "a\"b\\c\nd"}});
  EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "odd_total{value=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(MetricsTest, RejectsProgrammerErrors) {
  Metrics metrics;
  metrics.AddToCounter("x_total", {});
  EXPECT_THROW(metrics.ObserveHistogram("x_total", {}, 1), std::logic_error);
  EXPECT_THROW(metrics.AddToCounter("bad name", {}), std::invalid_argument);
  EXPECT_THROW(metrics.AddToCounter("y_total", {{"bad-label", "v"}}), std::invalid_argument);
  EXPECT_THROW(metrics.ObserveHistogram("z_seconds", {{"le", "1"}}, 1), std::invalid_argument);
}

TEST(MetricsTest, CountsEveryRecordFromManyThreads) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&metrics] {
      for (int record_idx = 0; record_idx < 1000; ++record_idx) {
        metrics.RecordRequest("GET", "/x", 200, 0.001);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(
      Contains(text, "http_requests_total{method=\"GET\",route=\"/x\",status=\"200\"} 4000\n"));
  EXPECT_TRUE(Contains(text, "http_request_duration_seconds_count{route=\"/x\"} 4000\n"));
}

}  // namespace
}  // namespace backplan::http
