#include "cli/diary_import_command.h"

#include <ctime>
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
#include "storage/sqlite/sqlite_store.h"

namespace backplan::cli {
namespace {

const int kInvalidInput = core::ExitCodeFor(core::ErrorKind::invalid_input);
const int kInternal = core::ExitCodeFor(core::ErrorKind::internal);

storage::UnixSeconds Now() {
  return static_cast<storage::UnixSeconds>(std::time(nullptr));
}

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
  auto store = storage::sqlite::SqliteStore::Open(options.db_path);
  if (!store.ok()) {
    err << options.db_path << ": cannot open the database: " << store.message() << "\n";
    return store.error() == storage::StorageError::schema_too_new ? kInvalidInput : kInternal;
  }
  int code = kInternal;
  {
    // Flushed (destroyed) before the store closes, like in serve.
    service::AuditWriter audit(*store.value());
    service::DiaryService diary(*store.value(), Now, audit);
    if (const auto actor = ClinicAdminFor(*store.value(), options.client_id, err)) {
      const auto imported = diary.ImportCsv(*actor, options.client_id, *text);
      if (!imported.ok()) {
        err << imported.error().message << "\n";
        code = core::ExitCodeFor(imported.error().kind);
      } else if (!imported.value().row_errors.empty()) {
        for (const auto& error : imported.value().row_errors)
          err << codec::FormatDiaryCsvError(error) << "\n";
        err << "nothing was imported\n";
        code = kInvalidInput;
      } else {
        out << "imported " << imported.value().imported_days << " days ("
            << imported.value().replaced_days << " replaced) for client " << options.client_id
            << "\n";
        code = 0;
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
