#include "cli/report_command.h"

#include <ostream>

#include "cli/clinic_admin_actor.h"
#include "codec/report/progress_report.h"
#include "core/error_kind.h"
#include "service/audit_writer.h"
#include "service/report_service.h"

namespace backplan::cli {

int RunStoredReport(const StoredReportOptions& options, std::ostream& out, std::ostream& err) {
  return RunAsClinicAdmin(
      options.db_path, options.client_id, err,
      [&](storage::Store& store, service::AuditWriter& audit, const service::Principal& actor) {
        service::AuthService auth(store, CommandClock);
        service::ClinicService clinic(store, auth, audit);
        service::AssessmentService assessments(store, CommandClock, audit);
        service::CareService care(store, CommandClock, audit);
        service::DiaryService diary(store, CommandClock, audit);
        service::ReportService reports(clinic, assessments, care, diary, CommandClock);
        const auto data = reports.ProgressReport(actor, options.client_id);
        if (!data.ok()) {
          err << data.error().message << "\n";
          return core::ExitCodeFor(data.error().kind);
        }
        out << codec::RenderProgressReport(data.value());
        return out ? 0 : core::ExitCodeFor(core::ErrorKind::internal);
      });
}

}  // namespace backplan::cli
