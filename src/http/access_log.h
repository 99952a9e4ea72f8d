#pragma once
// One structured line (JSON) per answered request, for operators. It carries
// the route pattern, never the path or query (they can hold ids and search
// terms), and no header, body, cookie or token: nothing in it is health data
// or a secret. Lines are written by a background thread so that logging never
// holds up a response.

#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace backplan::http {

struct AccessRecord {
  std::string_view method;
  std::string_view route;  // the matched pattern, or empty when none matched
  int status = 0;
  double seconds = 0;
  std::string_view remote_address;
};

class AccessLog {
 public:
  // Writes to standard error.
  AccessLog();
  ~AccessLog();  // flushes what is queued
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Record(const AccessRecord& record);
  // The JSON line for a record, without the newline. Exposed for tests.
  static std::string Line(const AccessRecord& record, double unix_seconds);

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace backplan::http
