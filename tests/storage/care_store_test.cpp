// The care loop's tables (migration 2) through the Store interface: sessions
// are append-only and listed newest first, a session has one check-in per
// kind, and the course of care under an assessment is in start-time order.

#include <gtest/gtest.h>

#include <memory>

#include "storage/scratch_dir.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace backplan::storage::sqlite {
namespace {

class CareStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(dir_.File("care.db"));
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) {
                      const Id clinic = tx.InsertClinic({0, "Clinic", 1});
                      UserRow practitioner;
                      practitioner.clinic_id = clinic;
                      practitioner.email = "p@example.test";
                      practitioner.role = Role::practitioner;
                      user_ = tx.InsertUser(practitioner).value();
                      client_ = tx.InsertClient({0, clinic, user_, std::nullopt, "C", 1});
                      AssessmentRow assessment;
                      assessment.client_id = client_;
                      assessment.intake_json = "{}";
                      assessment.result_json = "{}";
                      assessment.created_by = user_;
                      assessment_ = tx.InsertAssessment(assessment);
                      return Status::Ok();
                    })
                    .ok());
  }

  Id InsertSession(UnixSeconds started_at) {
    Id id = 0;
    EXPECT_TRUE(store_
                    ->Write([&](WriteTx& tx) {
                      id = tx.InsertCareSession(
                          {0, client_, assessment_, started_at, "{}", "[]", "r", user_, 100});
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  ScratchDir dir_;
  std::unique_ptr<SqliteStore> store_;
  Id user_ = 0, client_ = 0, assessment_ = 0;
};

TEST_F(CareStoreTest, SessionsNewestFirstAndCourseInStartOrder) {
  const Id later = InsertSession(2000);
  const Id earlier = InsertSession(1000);  // logged afterwards, started before
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) {
                    const auto page = tx.CareSessions(client_, {50, std::nullopt});
                    EXPECT_EQ(page.size(), 2u);
                    EXPECT_EQ(page.at(0).id, earlier);  // newest logged first
                    const auto rest = tx.CareSessions(client_, {50, earlier});
                    EXPECT_EQ(rest.size(), 1u);
                    EXPECT_EQ(rest.at(0).id, later);
                    const auto course = tx.CareSessionsUnder(client_, assessment_);
                    EXPECT_EQ(course.at(0).id, earlier);  // by start time
                    EXPECT_EQ(course.at(1).id, later);
                    EXPECT_EQ(tx.CareSessionById(later)->started_at, 2000);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(CareStoreTest, OneCheckInPerKindAndAppendOnly) {
  const Id session = InsertSession(1000);
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) {
                    EXPECT_TRUE(tx.InsertCheckIn({0, session, "24h", "{}", user_, 1100}).ok());
                    const auto again = tx.InsertCheckIn({0, session, "24h", "{}", user_, 1200});
                    EXPECT_FALSE(again.ok());
                    EXPECT_EQ(again.error(), StorageError::conflict);
                    EXPECT_TRUE(tx.InsertCheckIn({0, session, "72h", "{}", user_, 1300}).ok());
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) {
                    const auto rows = tx.CheckInsOfSession(session);
                    EXPECT_EQ(rows.size(), 2u);
                    EXPECT_EQ(rows.at(0).kind, "24h");
                    EXPECT_EQ(rows.at(1).answered_at, 1300);
                    return Status::Ok();
                  })
                  .ok());
  // The triggers keep sessions and check-ins append-only.
  for (const char* sql : {"UPDATE care_sessions SET started_at = 5", "DELETE FROM care_sessions",
                          "UPDATE check_ins SET kind = '7d'", "DELETE FROM check_ins"}) {
    auto database = Database::Open(dir_.File("care.db"));
    ASSERT_TRUE(database.ok());
    const auto status = database.value()->Write([&](Connection& c) { return c.Execute(sql); });
    EXPECT_FALSE(status.ok()) << sql;
  }
}

}  // namespace
}  // namespace backplan::storage::sqlite
