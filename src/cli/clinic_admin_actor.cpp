#include "cli/clinic_admin_actor.h"

#include <ctime>
#include <filesystem>
#include <optional>
#include <ostream>

#include "core/error_kind.h"
#include "storage/sqlite/sqlite_store.h"

namespace backplan::cli {
namespace {

const int kInvalidInput = core::ExitCodeFor(core::ErrorKind::invalid_input);
const int kInternal = core::ExitCodeFor(core::ErrorKind::internal);

// nullopt after saying why on `err`.
std::optional<service::Principal> ClinicAdminFor(storage::Store& store, storage::Id client_id,
                                                 std::ostream& err) {
  std::optional<service::Principal> actor;
  bool known_client = false;
  const auto status = store.Read([&](storage::ReadTx& tx) {
    const auto client = tx.ClientById(client_id);
    if (!client)
      return storage::Status{};
    known_client = true;
    storage::Page first;
    first.limit = 1;
    const auto admins = tx.UsersByRole(client->clinic_id, storage::Role::admin, first);
    if (!admins.empty())
      actor = service::Principal{admins.front().id, client->clinic_id, storage::Role::admin, "cli"};
    return storage::Status{};
  });
  if (!status.ok()) {
    err << "cannot read the database: " << status.message() << "\n";
    return std::nullopt;
  }
  if (!known_client)
    err << "--client " << client_id << ": no such client in this database\n";
  else if (!actor)
    err << "--client " << client_id << ": the client's clinic has no admin to act as\n";
  return actor;
}

}  // namespace

storage::UnixSeconds CommandClock() {
  return static_cast<storage::UnixSeconds>(std::time(nullptr));
}

int RunAsClinicAdmin(const std::string& db_path, storage::Id client_id, std::ostream& err,
                     const AdminCommandBody& body) {
  if (client_id <= 0) {
    err << "--client: must be a positive client id\n";
    return kInvalidInput;
  }
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    err << db_path << ": no such database file\n";
    return kInvalidInput;
  }
  auto store = storage::sqlite::SqliteStore::Open(db_path);
  if (!store.ok()) {
    err << db_path << ": cannot open the database: " << store.message() << "\n";
    return store.error() == storage::StorageError::schema_too_new ? kInvalidInput : kInternal;
  }
  int code = kInvalidInput;
  {
    // Flushed (destroyed) before the store closes, like in serve.
    service::AuditWriter audit(*store.value());
    if (const auto actor = ClinicAdminFor(*store.value(), client_id, err))
      code = body(*store.value(), audit, *actor);
  }
  const auto closed = store.value()->Close();
  if (!closed.ok() && code == 0)
    return kInternal;
  return code;
}

}  // namespace backplan::cli
