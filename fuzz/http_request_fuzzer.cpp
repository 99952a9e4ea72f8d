// libFuzzer target for the server's front line (SECURITY.md section 3: "HTTP
// request parser, cookie/session-token parsing, routing"): raw bytes go
// through Beast's request parser with the server's limits, the framing
// checks, the conversion to a Request, the session-token and cookie parsing,
// the real API route table (handlers replaced by ones that only read their
// parameters and query, so no database is touched), and the conversion of the
// response back to the wire. Any crash or sanitizer report is a bug.

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "api/api_router.h"
#include "api/request_auth.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/target.h"
#include "http/wire.h"
#include "service/assessment_service.h"
#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/clinic_service.h"
#include "storage/sqlite/sqlite_store.h"

namespace {

namespace bhttp = boost::beast::http;
using namespace backplan;

// The route table of the real API, with handlers that exercise the parsing a
// real handler starts with and answer with what they read.
http::Router StubRouterWithRealRoutes() {
  const auto dir =
      std::filesystem::temp_directory_path() / ("backplan-http-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<http::RouteEntry> routes;
  {
    auto store = storage::sqlite::SqliteStore::Open(dir / "routes.db");
    if (!store.ok())
      std::abort();
    const service::Clock clock = [] { return storage::UnixSeconds{1'800'000'000}; };
    service::AuthService auth(*store.value(), clock);
    service::AuditWriter audit(*store.value());
    service::ClinicService clinic(*store.value(), auth, audit);
    service::AssessmentService assessments(*store.value(), clock, audit);
    http::Metrics metrics;
    const api::ApiServices services{auth,    clinic, assessments, *store.value(),
                                    metrics, {},     nullptr,     nullptr};
    routes = api::BuildRouter(services).Routes();
    static_cast<void>(store.value()->Close());
  }
  std::filesystem::remove_all(dir);

  http::Router router;
  for (const auto& route : routes)
    router.Add(route.method, route.pattern,
               [](const http::Request& request, const http::PathParams& params) {
                 std::string echoed;
                 for (const auto& [name, value] : params)
                   echoed += name + "=" + value + ";";
                 if (auto query = http::ParseQuery(request.query))
                   for (const auto& [name, value] : *query)
                     echoed += name + "=" + value + ";";
                 if (auto token = api::SessionTokenOf(request))
                   echoed += "token:" + std::to_string(token->size());
                 auto response = http::Response::JsonText(200, "{}");
                 // Echo into a header on purpose: ToBeast must refuse CR/LF.
                 response.SetHeader("X-Echo", echoed);
                 return response;
               });
  return router;
}

const http::Router& Router() {
  static const http::Router router = StubRouterWithRealRoutes();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const http::ServerOptions limits;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
  parser.eager(true);

  boost::system::error_code ec;
  std::size_t offset = 0;
  while (offset < size && !parser.is_done()) {
    const std::size_t used = parser.put(boost::asio::buffer(data + offset, size - offset), ec);
    offset += used;
    if (ec == bhttp::error::need_more) {
      ec = {};
      break;
    }
    if (ec || used == 0)
      break;
  }
  if (!ec && !parser.is_done())
    parser.put_eof(ec);
  if (parser.is_header_done() && http::wire::FramingProblem(parser.get()))
    return 0;
  if (ec || !parser.is_done())
    return 0;

  const bool head = parser.get().method() == bhttp::verb::head;
  const unsigned version = parser.get().version();
  const bool keep_alive = parser.get().keep_alive();
  http::Request request = http::wire::FromBeast(parser.release(), "127.0.0.1");
  http::Response response = Router().Handle(request);
  const auto wire_response = http::wire::ToBeast(std::move(response), version, keep_alive, head);
  if (wire_response.result_int() < 200 || wire_response.result_int() > 599)
    __builtin_trap();
  return 0;
}
