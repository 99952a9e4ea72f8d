#include "cli/diary_import_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/clinic_admin_actor.h"
#include "cli/read_input.h"
#include "codec/diary_csv.h"
#include "core/error_kind.h"
#include "service/audit_writer.h"
#include "service/diary_service.h"

namespace backplan::cli {
namespace {

const int kInvalidInput = core::ExitCodeFor(core::ErrorKind::invalid_input);

std::optional<std::string> ReadText(const std::string& path, std::istream& in, std::ostream& err) {
  return ReadInputText(path, in, err, codec::kMaxDiaryCsvBytes, ": split the file");
}

}  // namespace

int RunDiaryImport(const DiaryImportOptions& options, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  if (options.client_id <= 0) {
    err << "--client: must be a positive client id\n";
    return kInvalidInput;
  }
  auto text = ReadText(options.path, in, err);
  if (!text)
    return kInvalidInput;
  return RunAsClinicAdmin(
      options.db_path, options.client_id, err,
      [&](storage::Store& store, service::AuditWriter& audit, const service::Principal& actor) {
        service::DiaryService diary(store, CommandClock, audit);
        const auto imported = diary.ImportCsv(actor, options.client_id, *text);
        if (!imported.ok()) {
          err << imported.error().message << "\n";
          return core::ExitCodeFor(imported.error().kind);
        }
        if (!imported.value().row_errors.empty()) {
          for (const auto& error : imported.value().row_errors)
            err << codec::FormatDiaryCsvError(error) << "\n";
          err << "nothing was imported\n";
          return kInvalidInput;
        }
        out << "imported " << imported.value().imported_days << " days ("
            << imported.value().replaced_days << " replaced) for client " << options.client_id
            << "\n";
        return 0;
      });
}

}  // namespace backplan::cli
