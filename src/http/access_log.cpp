#include "http/access_log.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>

namespace backplan::http {
namespace {

// spdlog's async thread pool is process-wide; a name per instance keeps two
// servers in one test process from clashing in its registry.
std::string UniqueLoggerName() {
  static std::atomic<int> next{0};
  return "backplan.access." + std::to_string(next++);
}

}  // namespace

AccessLog::AccessLog() {
  // Overflow drops the oldest queued line rather than blocking a response.
  logger_ = spdlog::create_async_nb<spdlog::sinks::stderr_sink_mt>(UniqueLoggerName());
  logger_->set_pattern("%v");
  logger_->flush_on(spdlog::level::warn);
}

AccessLog::~AccessLog() {
  logger_->flush();
  spdlog::drop(logger_->name());
}

std::string AccessLog::Line(const AccessRecord& record, double unix_seconds) {
  const nlohmann::ordered_json line = {
      {"ts", unix_seconds},
      {"event", "http.request"},
      {"method", record.method},
      {"route", record.route.empty() ? std::string_view("unmatched") : record.route},
      {"status", record.status},
      {"ms", static_cast<double>(static_cast<long long>(record.seconds * 1e5)) / 100.0},
      {"remote", record.remote_address}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AccessLog::Record(const AccessRecord& record) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const double unix_seconds =
      static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()) /
      1000.0;
  logger_->info("{}", Line(record, unix_seconds));
}

}  // namespace backplan::http
