// Status and Result: the values every storage call answers with.

#include "storage/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace backplan::storage {
namespace {

TEST(StorageStatus, DefaultIsOk) {
  const Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(status.message(), "");
  EXPECT_EQ(status.ToString(), "ok");
}

TEST(StorageStatus, ErrorCarriesKindAndMessage) {
  const Status status = Status::Error(StorageError::conflict, "UNIQUE constraint failed: t.x");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::conflict);
  EXPECT_EQ(status.message(), "UNIQUE constraint failed: t.x");
  EXPECT_EQ(status.ToString(), "conflict: UNIQUE constraint failed: t.x");
}

TEST(StorageStatus, EveryErrorHasAName) {
  EXPECT_EQ(Name(StorageError::not_found), "not_found");
  EXPECT_EQ(Name(StorageError::conflict), "conflict");
  EXPECT_EQ(Name(StorageError::busy), "busy");
  EXPECT_EQ(Name(StorageError::corrupt), "corrupt");
  EXPECT_EQ(Name(StorageError::schema_too_new), "schema_too_new");
  EXPECT_EQ(Name(StorageError::io), "io");
  EXPECT_EQ(Name(StorageError::internal), "internal");
}

TEST(StorageResult, HoldsAValue) {
  Result<int> result = 42;
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), 42);
  EXPECT_TRUE(result.status().ok());
}

TEST(StorageResult, HoldsAFailure) {
  const Result<std::string> result = Status::Error(StorageError::not_found, "no such client");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), StorageError::not_found);
  EXPECT_EQ(result.message(), "no such client");
}

TEST(StorageResult, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> result = std::make_unique<int>(7);
  ASSERT_TRUE(result.ok());
  const std::unique_ptr<int> owned = std::move(result).value();
  EXPECT_EQ(*owned, 7);
}

}  // namespace
}  // namespace backplan::storage
