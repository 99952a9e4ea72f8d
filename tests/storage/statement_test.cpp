// Statement: binding, stepping, reading columns and reuse, driven through a
// real Connection on a temporary file.

#include "storage/sqlite/statement.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "storage/scratch_dir.h"
#include "storage/sqlite/connection.h"

namespace backplan::storage::sqlite {
namespace {

class SqliteStatement : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Connection>> opened = Connection::Open(dir_.File("test.db"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    connection_ = std::move(opened).value();
    ASSERT_TRUE(connection_
                    ->Execute("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT, score REAL,"
                              " count INTEGER, data BLOB);"
                              "CREATE TABLE person(email TEXT NOT NULL UNIQUE)")
                    .ok());
  }
  void TearDown() override { connection_.reset(); }

  // Inserts `body` as bound text and reads it back.
  std::optional<std::string> RoundTripText(std::string_view body) {
    Result<Statement> insert = connection_->Prepare("INSERT INTO note(body) VALUES (?1)");
    EXPECT_TRUE(insert.ok());
    EXPECT_TRUE(insert.value().Bind(1, body).ok());
    EXPECT_TRUE(insert.value().Run().ok());
    Result<Statement> select = connection_->Prepare("SELECT body FROM note WHERE id = ?1");
    EXPECT_TRUE(select.ok());
    EXPECT_TRUE(select.value().Bind(1, connection_->LastInsertRowId()).ok());
    Result<StepResult> step = select.value().Step();
    EXPECT_TRUE(step.ok() && step.value() == StepResult::row);
    return select.value().OptionalText(0);
  }

  ScratchDir dir_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(SqliteStatement, TextRoundTripsVerbatim) {
  const std::string texts[] = {
      "O'Brien said \"hello\"",
      "'); DROP TABLE note; --",
      "1 OR 1=1",
      "Robert'); DELETE FROM person WHERE ('1'='1",
      "?1 :email @x $y",
      "back\\slash % _ ; --",
      "Ünïcödé — 背痛 — ألم الظهر — 🙂",
      "line one\nline two\ttabbed\r\n",
      std::string(100000, 'x'),
  };
  for (const std::string& text : texts) {
    EXPECT_EQ(RoundTripText(text), text);
  }
  // Nothing was executed as SQL: the table is still there, with one row per text.
  EXPECT_EQ(QueryInt64(*connection_, "SELECT count(*) FROM note").value(), std::ssize(texts));
}

TEST_F(SqliteStatement, EmptyTextIsNotNull) {
  EXPECT_EQ(RoundTripText(std::string_view{}), std::string());  // null data pointer
  EXPECT_EQ(RoundTripText(""), std::string());
}

TEST_F(SqliteStatement, BindsEveryType) {
  Result<Statement> insert =
      connection_->Prepare("INSERT INTO note(body, score, count, data) VALUES (?, ?, ?, ?)");
  ASSERT_TRUE(insert.ok());
  const std::vector<std::byte> blob = {std::byte{0}, std::byte{0xff}, std::byte{0}, std::byte{7}};
  ASSERT_TRUE(insert.value()
                  .BindAll(std::optional<std::string>(), 2.5,
                           std::numeric_limits<std::int64_t>::min(), std::span(blob))
                  .ok());
  ASSERT_TRUE(insert.value().Run().ok());
  ASSERT_TRUE(insert.value()
                  .BindAll(std::optional<std::string>("kept"), std::optional<double>(),
                           std::numeric_limits<std::int64_t>::max(), std::nullopt)
                  .ok());
  ASSERT_TRUE(insert.value().Run().ok());
  ASSERT_TRUE(insert.value().BindAll("small ints", 1.0f, 42, true).ok());
  ASSERT_TRUE(insert.value().Run().ok());

  Result<Statement> select =
      connection_->Prepare("SELECT body, score, count, data FROM note ORDER BY id");
  ASSERT_TRUE(select.ok());
  Statement& row = select.value();
  ASSERT_EQ(row.Step().value(), StepResult::row);
  EXPECT_EQ(row.ColumnCount(), 4);
  EXPECT_TRUE(row.IsNull(0));
  EXPECT_EQ(row.OptionalText(0), std::nullopt);
  EXPECT_EQ(row.Text(0), "");
  EXPECT_EQ(row.Double(1), 2.5);
  EXPECT_EQ(row.OptionalDouble(1), 2.5);
  EXPECT_EQ(row.Int64(2), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(row.Blob(3), blob);

  ASSERT_EQ(row.Step().value(), StepResult::row);
  EXPECT_EQ(row.OptionalText(0), "kept");
  EXPECT_EQ(row.OptionalDouble(1), std::nullopt);
  EXPECT_EQ(row.OptionalInt64(2), std::numeric_limits<std::int64_t>::max());
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_TRUE(row.Blob(3).empty());

  ASSERT_EQ(row.Step().value(), StepResult::row);
  EXPECT_EQ(row.TextView(0), "small ints");
  EXPECT_EQ(row.Double(1), 1.0);
  EXPECT_EQ(row.Int64(2), 42);
  EXPECT_EQ(row.Int64(3), 1);  // true

  EXPECT_EQ(row.Step().value(), StepResult::done);
}

TEST_F(SqliteStatement, EmptyBlobIsNotNull) {
  Result<Statement> insert = connection_->Prepare("INSERT INTO note(data) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  ASSERT_TRUE(insert.value().Bind(1, std::span<const std::byte>()).ok());
  ASSERT_TRUE(insert.value().Run().ok());
  EXPECT_EQ(
      QueryInt64(*connection_, "SELECT data IS NOT NULL AND length(data) = 0 FROM note").value(),
      1);
}

TEST_F(SqliteStatement, NamedParameters) {
  Result<Statement> insert =
      connection_->Prepare("INSERT INTO note(body, count) VALUES (:body, :count)");
  ASSERT_TRUE(insert.ok());
  EXPECT_EQ(insert.value().ParameterIndex(":count").value(), 2);
  ASSERT_TRUE(insert.value().Bind(":count", 3).ok());
  ASSERT_TRUE(insert.value().Bind(":body", std::string("named")).ok());
  ASSERT_TRUE(insert.value().Run().ok());
  EXPECT_EQ(QueryText(*connection_, "SELECT body || count FROM note").value(), "named3");

  const Status unknown = insert.value().Bind(":missing", 1);
  EXPECT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error(), StorageError::internal);
  EXPECT_NE(unknown.message().find(":missing"), std::string::npos);
}

TEST_F(SqliteStatement, ReuseResetsBeforeRebinding) {
  Result<Statement> insert = connection_->Prepare("INSERT INTO note(count) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  for (int count = 1; count <= 5; ++count) {
    ASSERT_TRUE(insert.value().Bind(1, count).ok());
    ASSERT_TRUE(insert.value().Run().ok());
  }
  Result<Statement> sum = connection_->Prepare("SELECT sum(count) FROM note WHERE count >= ?");
  ASSERT_TRUE(sum.ok());
  ASSERT_TRUE(sum.value().Bind(1, 4).ok());
  ASSERT_EQ(sum.value().Step().value(), StepResult::row);  // stepped but not finished
  EXPECT_EQ(sum.value().Int64(0), 9);
  ASSERT_TRUE(sum.value().Bind(1, 1).ok());  // resets the half-read statement
  ASSERT_EQ(sum.value().Step().value(), StepResult::row);
  EXPECT_EQ(sum.value().Int64(0), 15);
  ASSERT_EQ(sum.value().Step().value(), StepResult::done);
  ASSERT_EQ(sum.value().Step().value(), StepResult::row);  // runs again, same binding
  EXPECT_EQ(sum.value().Int64(0), 15);

  sum.value().Reset();  // clears the binding: count >= NULL matches nothing
  ASSERT_EQ(sum.value().Step().value(), StepResult::row);
  EXPECT_TRUE(sum.value().IsNull(0));
}

TEST_F(SqliteStatement, CacheReusesReleasedStatements) {
  constexpr std::string_view kSql = "SELECT count(*) FROM note";
  const std::size_t idle_before = connection_->idle_statement_count();
  {
    Result<Statement> first = connection_->Prepare(kSql);
    ASSERT_TRUE(first.ok());
  }
  EXPECT_EQ(connection_->idle_statement_count(), idle_before + 1);
  {
    Result<Statement> again = connection_->Prepare(kSql);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(connection_->idle_statement_count(), idle_before);  // taken from the cache
  }
  EXPECT_EQ(connection_->idle_statement_count(), idle_before + 1);
}

TEST_F(SqliteStatement, SameSqlHeldTwiceGivesIndependentCursors) {
  ASSERT_TRUE(connection_->Execute("INSERT INTO note(count) VALUES (1), (2), (3)").ok());
  constexpr std::string_view kSql = "SELECT count FROM note ORDER BY count";
  Result<Statement> outer = connection_->Prepare(kSql);
  ASSERT_TRUE(outer.ok());
  std::vector<std::int64_t> pairs;
  while (outer.value().Step().value() == StepResult::row) {
    Result<Statement> inner = connection_->Prepare(kSql);
    ASSERT_TRUE(inner.ok());
    while (inner.value().Step().value() == StepResult::row) {
      pairs.push_back(outer.value().Int64(0) * 10 + inner.value().Int64(0));
    }
  }
  EXPECT_EQ(pairs, (std::vector<std::int64_t>{11, 12, 13, 21, 22, 23, 31, 32, 33}));
}

TEST_F(SqliteStatement, PrepareTakesExactlyOneStatement) {
  EXPECT_TRUE(connection_->Prepare("SELECT 1;  -- a comment\n").ok());
  const Result<Statement> two = connection_->Prepare("SELECT 1; DELETE FROM note");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error(), StorageError::internal);
  EXPECT_FALSE(connection_->Prepare("   ").ok());
}

TEST_F(SqliteStatement, SyntaxErrorIsInternal) {
  const Result<Statement> bad = connection_->Prepare("SELEC body FROM note");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), StorageError::internal);
  EXPECT_NE(bad.message().find("syntax error"), std::string::npos) << bad.message();
}

TEST_F(SqliteStatement, BindOutOfRangeFails) {
  Result<Statement> insert = connection_->Prepare("INSERT INTO note(body) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  const Status status = insert.value().Bind(2, std::string_view("private detail"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(), StorageError::internal);
  EXPECT_NE(status.message().find("parameter 2"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("private detail"), std::string::npos);
}

TEST_F(SqliteStatement, ConstraintFailureMessageHoldsNoValue) {
  constexpr std::string_view kEmail = "jane.doe+sciatica@example.org";
  Result<Statement> insert = connection_->Prepare("INSERT INTO person(email) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  ASSERT_TRUE(insert.value().Bind(1, kEmail).ok());
  ASSERT_TRUE(insert.value().Run().ok());
  ASSERT_TRUE(insert.value().Bind(1, kEmail).ok());
  const Status duplicate = insert.value().Run();
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error(), StorageError::conflict);
  EXPECT_NE(duplicate.message().find("person.email"), std::string::npos) << duplicate.message();
  EXPECT_EQ(duplicate.message().find(kEmail), std::string::npos) << duplicate.message();

  ASSERT_TRUE(insert.value().Bind(1, std::nullopt).ok());
  const Status null_email = insert.value().Run();
  ASSERT_FALSE(null_email.ok());
  EXPECT_EQ(null_email.error(), StorageError::conflict);  // NOT NULL is a constraint too
}

}  // namespace
}  // namespace backplan::storage::sqlite
