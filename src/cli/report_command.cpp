#include "cli/report_command.h"

#include <ctime>
#include <filesystem>
#include <ostream>

#include "cli/clinic_admin_actor.h"
#include "codec/report/progress_report.h"
#include "core/error_kind.h"
#include "service/audit_writer.h"
#include "service/report_service.h"
#include "storage/sqlite/sqlite_store.h"

namespace backplan::cli {
namespace {

const int kInvalidInput = core::ExitCodeFor(core::ErrorKind::invalid_input);
const int kInternal = core::ExitCodeFor(core::ErrorKind::internal);

storage::UnixSeconds Now() {
  return static_cast<storage::UnixSeconds>(std::time(nullptr));
}

}  // namespace

int RunStoredReport(const StoredReportOptions& options, std::ostream& out, std::ostream& err) {
  if (options.client_id <= 0) {
    err << "--client: must be a positive client id\n";
    return kInvalidInput;
  }
  // Never create a database just to find it empty.
  std::error_code ec;
  if (!std::filesystem::exists(options.db_path, ec)) {
    err << options.db_path << ": no such database file\n";
    return kInvalidInput;
  }
  auto store = storage::sqlite::SqliteStore::Open(options.db_path);
  if (!store.ok()) {
    err << options.db_path << ": cannot open the database: " << store.message() << "\n";
    return store.error() == storage::StorageError::schema_too_new ? kInvalidInput : kInternal;
  }
  int code = kInternal;
  {
    // Flushed (destroyed) before the store closes, like in serve.
    service::AuditWriter audit(*store.value());
    service::AuthService auth(*store.value(), Now);
    service::ClinicService clinic(*store.value(), auth, audit);
    service::AssessmentService assessments(*store.value(), Now, audit);
    service::CareService care(*store.value(), Now, audit);
    service::DiaryService diary(*store.value(), Now, audit);
    service::ReportService reports(clinic, assessments, care, diary, Now);
    if (const auto actor = ClinicAdminFor(*store.value(), options.client_id, err)) {
      const auto data = reports.ProgressReport(*actor, options.client_id);
      if (!data.ok()) {
        err << data.error().message << "\n";
        code = core::ExitCodeFor(data.error().kind);
      } else {
        out << codec::RenderProgressReport(data.value());
        code = out ? 0 : kInternal;
      }
    } else {
      code = kInvalidInput;
    }
  }
  const auto closed = store.value()->Close();
  if (!closed.ok() && code == 0)
    return kInternal;
  return code;
}

}  // namespace backplan::cli
