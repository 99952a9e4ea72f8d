#pragma once
// Test helpers for the storage tests: a fresh temporary directory per test
// (removed with everything in it at the end), and one-value queries.

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "storage/sqlite/connection.h"
#include "storage/sqlite/database.h"

namespace backplan::storage::sqlite {

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "backplan-storage-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path File(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The first column of the first row of constant SQL, or the failure.
inline Result<std::int64_t> QueryInt64(Connection& connection, std::string_view sql) {
  Result<Statement> statement = connection.Prepare(sql);
  if (!statement.ok()) {
    return statement.status();
  }
  Result<StepResult> step = statement.value().Step();
  if (!step.ok()) {
    return step.status();
  }
  if (step.value() != StepResult::row) {
    return Status::Error(StorageError::not_found, "no row");
  }
  return statement.value().Int64(0);
}

inline Result<std::string> QueryText(Connection& connection, std::string_view sql) {
  Result<Statement> statement = connection.Prepare(sql);
  if (!statement.ok()) {
    return statement.status();
  }
  Result<StepResult> step = statement.value().Step();
  if (!step.ok()) {
    return step.status();
  }
  if (step.value() != StepResult::row) {
    return Status::Error(StorageError::not_found, "no row");
  }
  return statement.value().Text(0);
}

// Opens a database or fails the test.
inline std::unique_ptr<Database> OpenDatabase(const std::filesystem::path& path,
                                              DatabaseOptions options = {}) {
  Result<std::unique_ptr<Database>> database = Database::Open(path, std::move(options));
  EXPECT_TRUE(database.ok()) << database.status().ToString();
  return database.ok() ? std::move(database).value() : nullptr;
}

// Runs constant SQL in a write transaction.
inline Status ExecuteInWrite(Database& database, std::string_view sql) {
  return database.Write([sql](Connection& connection) { return connection.Execute(sql); });
}

// One value read through a read transaction; -1 on failure (and the test fails).
inline std::int64_t ReadInt64(Database& database, std::string_view sql) {
  std::int64_t value = -1;
  Status status = database.Read([&](Connection& connection) -> Status {
    Result<std::int64_t> result = QueryInt64(connection, sql);
    if (!result.ok()) {
      return result.status();
    }
    value = result.value();
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return value;
}

}  // namespace backplan::storage::sqlite
