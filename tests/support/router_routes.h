#pragma once
// The routes the real API router registers, read in-process: builds the real
// services on a throwaway SQLite file in a temporary directory and asks
// api::BuildRouter(...).Routes(). The API integration tests compare these
// with their permission matrix and with the served OpenAPI document, so a new
// route cannot go unchecked.

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "api/api_router.h"
#include "http/metrics.h"
#include "service/assessment_service.h"
#include "service/auth_service.h"
#include "service/care_service.h"
#include "service/clinic_service.h"
#include "storage/sqlite/sqlite_store.h"

namespace backplan::testing {

inline std::vector<http::RouteEntry> RegisteredRoutes() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "backplan-routes-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  const std::filesystem::path dir = pattern;
  std::vector<http::RouteEntry> routes;
  {
    auto store = storage::sqlite::SqliteStore::Open(dir / "routes.db");
    if (!store.ok())
      throw std::runtime_error("cannot open a scratch store: " + store.message());
    const service::Clock clock = [] { return storage::UnixSeconds{1'800'000'000}; };
    service::AuthService auth(*store.value(), clock);
    service::AuditWriter audit(*store.value());
    service::ClinicService clinic(*store.value(), auth, audit);
    service::AssessmentService assessments(*store.value(), clock, audit);
    service::CareService care(*store.value(), clock, audit);
    http::Metrics metrics;
    const api::ApiServices services{auth,    clinic, assessments, *store.value(),
                                    metrics, {},     &care,       nullptr};
    routes = api::BuildRouter(services).Routes();
    (void)store.value()->Close();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return routes;
}

}  // namespace backplan::testing
