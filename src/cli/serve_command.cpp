#include "cli/serve_command.h"

#include <algorithm>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>

#include "api/api_router.h"
#include "cli/demo_clinic.h"
#include "http/server.h"
#include "service/consult_service.h"
#include "storage/sqlite/sqlite_store.h"

namespace backplan::cli {
namespace {

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

std::optional<ListenAddress> ParseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const int port = std::stoi(port_text);
  if (port > 65535)
    return std::nullopt;
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

storage::UnixSeconds Now() {
  return static_cast<storage::UnixSeconds>(std::time(nullptr));
}

}  // namespace

int RunServe(const ServeOptions& options) {
  const auto listen = ParseListen(options.listen);
  if (!listen) {
    std::cerr << "--listen: must be HOST:PORT, got \"" << options.listen << "\"\n";
    return 2;
  }

  http::Metrics metrics;
  metrics.DescribeHistogram("backplan_db_seconds", "Time spent in database transactions.");
  storage::sqlite::DatabaseOptions db_options;
  db_options.timing_hook = [&metrics](std::string_view operation, double seconds) {
    metrics.ObserveHistogram("backplan_db_seconds", {{"operation", std::string(operation)}},
                             seconds);
  };
  auto store = storage::sqlite::SqliteStore::Open(options.db_path, db_options);
  if (!store.ok()) {
    std::cerr << options.db_path << ": cannot open the database: " << store.message() << "\n";
    return store.error() == storage::StorageError::schema_too_new ? 2 : 1;
  }

  service::AuthService auth(*store.value(), Now);
  // Declared after the store and before the services: it outlives every
  // request and is flushed (destroyed) before the store closes.
  auto audit = std::make_unique<service::AuditWriter>(*store.value());
  service::ClinicService clinic(*store.value(), auth, *audit);
  service::AssessmentService assessments(*store.value(), Now, *audit);
  service::CareService care(*store.value(), Now, *audit);
  service::DiaryService diary(*store.value(), Now, *audit);
  service::AttentionService attention(*store.value(), Now, *audit);
  service::ReportService reports(clinic, assessments, care, diary, Now);
  service::HomeProgramService home_program(assessments, diary, Now);
  service::ConsultService consults(*store.value(), Now, *audit);

  if (options.demo) {
    const auto logins = SeedDemoClinic(clinic, auth, assessments, care, diary);
    if (logins.empty()) {
      std::cout << "demo: the database already has users; nothing was seeded\n";
    } else {
      std::cout << "demo clinic seeded; sign in with:\n";
      for (const auto& login : logins)
        std::cout << "  " << login.role << ": " << login.email << " / " << login.password << "\n";
    }
  }

  api::ApiServices services{
      auth, clinic, assessments, *store.value(), metrics, {options.secure_cookies}, &care, &diary,
      &attention, &reports, &home_program, &consults};
  auto router = std::make_shared<http::Router>(api::BuildRouter(services));
  http::ServerOptions server_options;
  server_options.address = listen->host;
  server_options.port = listen->port;
  server_options.metrics = &metrics;
  std::optional<http::AccessLog> access_log;
  if (options.access_log)
    server_options.access_log = &access_log.emplace();
  // Handlers block on the database (an fsync per commit), so many more
  // workers than cores keep the cores busy and let commits group up.
  server_options.worker_threads = std::max(16U, 8 * http::DefaultThreadCount());
  if (options.threads > 0) {
    server_options.io_threads = options.threads;
    server_options.worker_threads = std::max(options.threads, server_options.worker_threads);
    server_options.read_worker_threads = options.threads;
  }
  http::HttpServer server(
      server_options, [router](const http::Request& request) { return router->Handle(request); });

  std::uint16_t port = 0;
  try {
    port = server.Start();
  } catch (const std::exception& e) {
    std::cerr << "cannot listen on " << options.listen << ": " << e.what() << "\n";
    return 1;
  }
  http::InstallSignalStop(server);
  std::cout << "backplan serving http://" << listen->host << ":" << port << "/ (database "
            << options.db_path << "); Ctrl-C stops" << std::endl;
  server.Wait();
  audit.reset();  // flushes the read-audit rows still queued
  const auto closed = store.value()->Close();
  std::cout << "backplan stopped" << (closed.ok() ? "; database closed cleanly" : "") << std::endl;
  return closed.ok() ? 0 : 1;
}

}  // namespace backplan::cli
