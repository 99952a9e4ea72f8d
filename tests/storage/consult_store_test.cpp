// The consult tables (migration 4) through the Store interface: settings are
// one row per practitioner (replaced, not duplicated), types and consults
// round-trip every column, a reschedule keeps id and UID and raises the
// sequence, a cancellation frees the practitioner's time, and the history is
// append-only.

#include <gtest/gtest.h>

#include <memory>

#include "storage/scratch_dir.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace backplan::storage::sqlite {
namespace {

constexpr UnixSeconds kStart = 1'805'000'000;

class ConsultStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(dir_.File("consults.db"));
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) {
                      const Id clinic = tx.InsertClinic({0, "Clinic", 1});
                      UserRow practitioner;
                      practitioner.clinic_id = clinic;
                      practitioner.email = "p@example.test";
                      practitioner.role = Role::practitioner;
                      practitioner_ = tx.InsertUser(practitioner).value();
                      client_ = tx.InsertClient({0, clinic, practitioner_, std::nullopt, "C", 1});
                      ConsultTypeRow type;
                      type.practitioner_id = practitioner_;
                      type.name = "Follow-up";
                      type.duration_minutes = 45;
                      type.buffer_before_minutes = 5;
                      type.buffer_after_minutes = 10;
                      type.minimum_notice_minutes = 120;
                      type.booking_horizon_days = 30;
                      type.slot_step_minutes = 15;
                      type.created_by = practitioner_;
                      type.created_at = 7;
                      type_ = tx.InsertConsultType(type);
                      return Status::Ok();
                    })
                    .ok());
  }

  ConsultRow Consult(UnixSeconds start, const std::string& uid) const {
    ConsultRow row;
    row.practitioner_id = practitioner_;
    row.client_id = client_;
    row.type_id = type_;
    row.start_at = start;
    row.end_at = start + 45 * 60;
    row.buffer_before_minutes = 5;
    row.buffer_after_minutes = 10;
    row.ics_uid = uid;
    row.video_link = "https://meet.example.test/room";
    row.created_by = practitioner_;
    row.created_at = 100;
    return row;
  }

  Id Insert(const ConsultRow& row) {
    Id id = 0;
    EXPECT_TRUE(store_
                    ->Write([&](WriteTx& tx) {
                      id = tx.InsertConsult(row);
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  ScratchDir dir_;
  std::unique_ptr<SqliteStore> store_;
  Id practitioner_ = 0, client_ = 0, type_ = 0;
};

TEST_F(ConsultStoreTest, MigrationFourIsApplied) {
  EXPECT_EQ(SchemaVersion(store_->database()).value(), 4);
}

TEST_F(ConsultStoreTest, SettingsAreOneRowPerPractitioner) {
  ConsultSettingsRow settings{
      practitioner_, "America/New_York", R"({"weekly":[]})", std::nullopt, 24, practitioner_, 10};
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) {
                    tx.PutConsultSettings(settings);
                    settings.time_zone = "Asia/Kolkata";
                    settings.meeting_url = "https://meet.example.test/p";
                    settings.change_cutoff_hours = 12;
                    tx.PutConsultSettings(settings);
                    return Status::Ok();
                  })
                  .ok());
  std::optional<ConsultSettingsRow> read;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) {
                    read = tx.ConsultSettings(practitioner_);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(read);
  EXPECT_EQ(read->time_zone, "Asia/Kolkata");
  EXPECT_EQ(read->availability_json, R"({"weekly":[]})");
  EXPECT_EQ(read->meeting_url, "https://meet.example.test/p");
  EXPECT_EQ(read->change_cutoff_hours, 12);
}

TEST_F(ConsultStoreTest, TypesAndConsultsRoundTrip) {
  const Id id = Insert(Consult(kStart, "uid-1@backplan"));
  std::optional<ConsultTypeRow> type;
  std::optional<ConsultRow> consult;
  std::vector<ConsultHistoryRow> history;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) {
                    type = tx.ConsultTypeById(type_);
                    consult = tx.ConsultById(id);
                    history = tx.ConsultHistory(id);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(type);
  EXPECT_EQ(type->name, "Follow-up");
  EXPECT_EQ(type->duration_minutes, 45);
  EXPECT_EQ(type->buffer_before_minutes, 5);
  EXPECT_EQ(type->buffer_after_minutes, 10);
  EXPECT_EQ(type->minimum_notice_minutes, 120);
  EXPECT_EQ(type->booking_horizon_days, 30);
  EXPECT_EQ(type->slot_step_minutes, 15);
  EXPECT_TRUE(type->active);
  ASSERT_TRUE(consult);
  EXPECT_EQ(consult->start_at, kStart);
  EXPECT_EQ(consult->end_at, kStart + 45 * 60);
  EXPECT_EQ(consult->status, ConsultStatus::booked);
  EXPECT_EQ(consult->ics_uid, "uid-1@backplan");
  EXPECT_EQ(consult->sequence, 0);
  EXPECT_EQ(consult->video_link, "https://meet.example.test/room");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].change, "booked");
  EXPECT_EQ(history[0].to_start, kStart);
}

TEST_F(ConsultStoreTest, RescheduleAndCancelKeepIdentityAndHistory) {
  const Id id = Insert(Consult(kStart, "uid-2@backplan"));
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) {
                    tx.RescheduleConsult(id, kStart + 3600, kStart + 3600 + 45 * 60, practitioner_,
                                         200);
                    tx.CancelConsult(id, practitioner_, 300);
                    // A second cancel changes nothing.
                    tx.CancelConsult(id, practitioner_, 400);
                    return Status::Ok();
                  })
                  .ok());
  std::optional<ConsultRow> consult;
  std::vector<ConsultHistoryRow> history;
  std::vector<ConsultRow> busy;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) {
                    consult = tx.ConsultById(id);
                    history = tx.ConsultHistory(id);
                    busy = tx.BookedConsultsOfPractitioner(practitioner_, 0, kStart * 2);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(consult);
  EXPECT_EQ(consult->ics_uid, "uid-2@backplan");
  EXPECT_EQ(consult->start_at, kStart + 3600);
  EXPECT_EQ(consult->status, ConsultStatus::cancelled);
  EXPECT_EQ(consult->sequence, 2);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[1].change, "rescheduled");
  EXPECT_EQ(history[1].from_start, kStart);
  EXPECT_EQ(history[1].to_start, kStart + 3600);
  EXPECT_EQ(history[2].change, "cancelled");
  EXPECT_TRUE(busy.empty());
}

TEST_F(ConsultStoreTest, BookedConsultsIncludeBuffersInTheRange) {
  Insert(Consult(kStart, "uid-3@backplan"));
  std::vector<ConsultRow> touching_buffer, past_buffer;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) {
                    // The consult ends at +45 min; its 10 min buffer runs to +55 min.
                    touching_buffer = tx.BookedConsultsOfPractitioner(
                        practitioner_, kStart + 54 * 60, kStart + 90 * 60);
                    past_buffer = tx.BookedConsultsOfPractitioner(practitioner_, kStart + 55 * 60,
                                                                  kStart + 90 * 60);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(touching_buffer.size(), 1u);
  EXPECT_TRUE(past_buffer.empty());
}

TEST_F(ConsultStoreTest, HistoryIsAppendOnly) {
  const Id id = Insert(Consult(kStart, "uid-4@backplan"));
  const Status deleted = store_->database().Write([&](Connection& connection) {
    auto statement = connection.Prepare("DELETE FROM consult_history WHERE consult_id = ?");
    if (!statement.ok())
      return statement.status();
    if (auto bound = statement.value().Bind(1, id); !bound.ok())
      return bound;
    return statement.value().Run();
  });
  EXPECT_FALSE(deleted.ok());
}

}  // namespace
}  // namespace backplan::storage::sqlite
