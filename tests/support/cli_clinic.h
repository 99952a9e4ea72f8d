#pragma once
// A clinic written straight into a database file (an admin, a practitioner
// and one client), for tests of the commands that work on the file.

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "storage/scratch_dir.h"
#include "storage/sqlite/sqlite_store.h"

namespace backplan::testing {

struct Clinic {
  storage::Id admin_id = 0;
  storage::Id client_id = 0;
};

inline Clinic SeedClinic(const std::string& db_path) {
  auto store = storage::sqlite::SqliteStore::Open(db_path);
  EXPECT_TRUE(store.ok());
  Clinic clinic;
  const auto written = store.value()->Write([&](storage::WriteTx& tx) {
    const auto clinic_id = tx.InsertClinic({0, "Clinic", 1});
    clinic.admin_id = tx.InsertUser({0, clinic_id, "admin@example.test", "Admin",
                                     storage::Role::admin, "", true, 1})
                          .value();
    const auto practitioner = tx.InsertUser({0, clinic_id, "p@example.test", "P",
                                             storage::Role::practitioner, "", true, 1})
                                  .value();
    clinic.client_id = tx.InsertClient({0, clinic_id, practitioner, std::nullopt, "Client", 1});
    return storage::Status{};
  });
  EXPECT_TRUE(written.ok()) << written.message();
  EXPECT_TRUE(store.value()->Close().ok());
  return clinic;
}

inline std::string WriteFile(const storage::sqlite::ScratchDir& dir, const std::string& name,
                             const std::string& text) {
  const auto path = dir.File(name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace backplan::testing
