// Consult booking as a use case (service/consult_service.h), on a real SQLite
// store in a temporary directory: settings and types set by the practitioner
// and refused for a client, free slots in the client's zone across the 2027
// New York spring change, booking, conflicts (buffers across consult types
// included), idempotent retries, cancel, reschedule, the cutoff, privacy
// between clients, and 200 simultaneous bookings of one slot.

#include "service/consult_service.h"

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <atomic>
#include <filesystem>
#include <latch>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "service/audit_writer.h"
#include "storage/sqlite/sqlite_store.h"

namespace backplan::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_seconds;
using storage::Id;
using storage::UnixSeconds;

sys_seconds Utc(int year, unsigned month, unsigned day, int hour, int minute = 0) {
  return sys_seconds{date::sys_days{date::year{year} / month / day}} + hours(hour) +
         minutes(minute);
}
UnixSeconds Seconds(sys_seconds instant) {
  return instant.time_since_epoch().count();
}

class ConsultServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "backplan-consults-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto store = storage::sqlite::SqliteStore::Open(dir_ / "consults.db");
    ASSERT_TRUE(store.ok()) << store.message();
    store_ = std::move(store).value();
    audit_ = std::make_unique<service::AuditWriter>(*store_);
    consults_ = std::make_unique<service::ConsultService>(
        *store_, [this] { return now_.load(); }, *audit_);
    ASSERT_TRUE(store_
                    ->Write([&](storage::WriteTx& tx) {
                      Seed(tx);
                      return storage::Status{};
                    })
                    .ok());
  }

  void TearDown() override {
    consults_.reset();
    audit_.reset();
    if (store_)
      (void)store_->Close();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  Id User(storage::WriteTx& tx, storage::Role role, const std::string& email) {
    storage::UserRow row;
    row.clinic_id = clinic_;
    row.email = email;
    row.display_name = email;
    row.role = role;
    return tx.InsertUser(row).value();
  }

  // One clinic: an admin, two practitioners, two clients of the first (each
  // with a login) and one of the second.
  void Seed(storage::WriteTx& tx) {
    clinic_ = tx.InsertClinic({0, "Clinic", 0});
    admin_ = {User(tx, storage::Role::admin, "admin@c.test"), clinic_, storage::Role::admin, ""};
    coach_ = {User(tx, storage::Role::practitioner, "coach@c.test"), clinic_,
              storage::Role::practitioner, ""};
    other_coach_ = {User(tx, storage::Role::practitioner, "other@c.test"), clinic_,
                    storage::Role::practitioner, ""};
    alice_ = {User(tx, storage::Role::client, "alice@c.test"), clinic_, storage::Role::client, ""};
    bob_ = {User(tx, storage::Role::client, "bob@c.test"), clinic_, storage::Role::client, ""};
    alice_client_ = tx.InsertClient({0, clinic_, coach_.user_id, alice_.user_id, "Alice", 0});
    bob_client_ = tx.InsertClient({0, clinic_, coach_.user_id, bob_.user_id, "Bob", 0});
  }

  // The coach works 09:00–17:00 New York time every day; changes close 24 h
  // ahead. Two types: 30 min back to back, and 60 min with 30 min after.
  void SetUpCalendar() {
    service::ConsultSettingsInput settings;
    settings.time_zone = "America/New_York";
    for (auto& day : settings.availability.weekly.by_weekday)
      day = {{minutes(9 * 60), minutes(17 * 60)}};
    settings.change_cutoff_hours = 24;
    auto set = consults_->SetSettings(coach_, coach_.user_id, settings);
    ASSERT_TRUE(set.ok()) << set.error().message;

    service::ConsultTypeInput short_type{"Check-in", {}, true};
    short_type.type.duration = minutes(30);
    short_type.type.slot_step = minutes(30);
    auto added = consults_->AddConsultType(coach_, coach_.user_id, short_type);
    ASSERT_TRUE(added.ok()) << added.error().message;
    short_type_ = added.value().id;

    service::ConsultTypeInput long_type{"Review", {}, true};
    long_type.type.duration = minutes(60);
    long_type.type.buffer_after = minutes(30);
    long_type.type.slot_step = minutes(30);
    added = consults_->AddConsultType(coach_, coach_.user_id, long_type);
    ASSERT_TRUE(added.ok()) << added.error().message;
    long_type_ = added.value().id;
  }

  service::Outcome<service::BookedConsult> Book(const service::Principal& p, Id client, Id type,
                                                sys_seconds start,
                                                std::optional<std::string> key = std::nullopt) {
    return consults_->Book(p, client, type, start, key);
  }

  std::vector<storage::ConsultRow> BookedOfCoach() {
    std::vector<storage::ConsultRow> rows;
    EXPECT_TRUE(store_
                    ->Read([&](storage::ReadTx& tx) {
                      rows = tx.BookedConsultsOfPractitioner(coach_.user_id, 0,
                                                             Seconds(Utc(2030, 1, 1, 0)));
                      return storage::Status{};
                    })
                    .ok());
    return rows;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<service::AuditWriter> audit_;
  std::unique_ptr<service::ConsultService> consults_;
  std::atomic<UnixSeconds> now_{Seconds(Utc(2027, 3, 1, 12))};
  Id clinic_ = 0;
  service::Principal admin_, coach_, other_coach_, alice_, bob_;
  Id alice_client_ = 0, bob_client_ = 0;
  Id short_type_ = 0, long_type_ = 0;
};

TEST_F(ConsultServiceTest, PractitionerSetsHoursAndTypesAClientIsRefused) {
  SetUpCalendar();
  service::ConsultSettingsInput settings;
  settings.time_zone = "Europe/London";
  const auto by_client = consults_->SetSettings(alice_, coach_.user_id, settings);
  ASSERT_FALSE(by_client.ok());
  EXPECT_EQ(by_client.error().kind, core::ErrorKind::forbidden);
  const auto for_colleague = consults_->SetSettings(other_coach_, coach_.user_id, settings);
  ASSERT_FALSE(for_colleague.ok());
  EXPECT_EQ(for_colleague.error().kind, core::ErrorKind::not_found);
  const auto type_by_client = consults_->AddConsultType(alice_, coach_.user_id, {"Mine", {}, true});
  ASSERT_FALSE(type_by_client.ok());
  EXPECT_EQ(type_by_client.error().kind, core::ErrorKind::forbidden);

  settings.time_zone = "Mars/Olympus_Mons";
  const auto unknown_zone = consults_->SetSettings(coach_, coach_.user_id, settings);
  ASSERT_FALSE(unknown_zone.ok());
  EXPECT_EQ(unknown_zone.error().kind, core::ErrorKind::invalid_input);
  ASSERT_FALSE(unknown_zone.error().field_errors.empty());
  EXPECT_EQ(unknown_zone.error().field_errors[0].path, "time_zone");

  // An admin may set a practitioner's hours; the stored ones come back.
  settings.time_zone = "Asia/Kolkata";
  settings.availability.weekly.by_weekday[1] = {{minutes(10 * 60), minutes(12 * 60 + 30)}};
  settings.availability.days_off = {date::local_days{date::year{2027} / 3 / 22}};
  ASSERT_TRUE(consults_->SetSettings(admin_, coach_.user_id, settings).ok());
  const auto read = consults_->Settings(coach_, coach_.user_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value().row.time_zone, "Asia/Kolkata");
  ASSERT_EQ(read.value().availability.weekly.by_weekday[1].size(), 1u);
  EXPECT_EQ(read.value().availability.weekly.by_weekday[1][0].end, minutes(12 * 60 + 30));
  EXPECT_EQ(read.value().availability.days_off.size(), 1u);

  // A client sees the active types only.
  service::ConsultTypeInput retired{"Review", {}, false};
  retired.type.duration = minutes(60);
  ASSERT_TRUE(consults_->UpdateConsultType(coach_, long_type_, retired).ok());
  const auto seen = consults_->ConsultTypes(alice_, coach_.user_id);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen.value().size(), 1u);
  EXPECT_EQ(seen.value()[0].id, short_type_);
}

TEST_F(ConsultServiceTest, SlotsInTheClientsZoneAcrossTheNewYorkSpringChange) {
  SetUpCalendar();
  // 2027-03-14 (a Sunday) New York moves from UTC-5 to UTC-4; London stays on
  // UTC+0 until 28 March. 09:00 New York is 14:00 in London on Saturday and
  // 13:00 on Monday.
  const auto slots = consults_->FreeSlots(alice_, {coach_.user_id, short_type_, Utc(2027, 3, 13, 0),
                                                   Utc(2027, 3, 16, 0), "Europe/London"});
  ASSERT_TRUE(slots.ok()) << slots.error().message;
  ASSERT_EQ(slots.value().size(), 3u * 16u);  // 8 hours of 30-minute slots, three days
  EXPECT_EQ(slots.value()[0].start, Utc(2027, 3, 13, 14));
  EXPECT_EQ(slots.value()[0].client_local_start, "2027-03-13T14:00:00+00:00");
  EXPECT_EQ(slots.value()[16].start, Utc(2027, 3, 14, 13));
  EXPECT_EQ(slots.value()[16].client_local_start, "2027-03-14T13:00:00+00:00");
  EXPECT_EQ(slots.value()[32].client_local_start, "2027-03-15T13:00:00+00:00");
  EXPECT_EQ(slots.value()[32].client_local_end, "2027-03-15T13:30:00+00:00");

  // A client of another practitioner cannot look at this calendar; an
  // unknown zone is bad input.
  const auto unknown_zone = consults_->FreeSlots(
      alice_, {coach_.user_id, short_type_, Utc(2027, 3, 13, 0), Utc(2027, 3, 14, 0), "Nowhere"});
  ASSERT_FALSE(unknown_zone.ok());
  EXPECT_EQ(unknown_zone.error().field_errors.at(0).path, "time_zone");
  const auto foreign =
      consults_->FreeSlots(alice_, {other_coach_.user_id, short_type_, Utc(2027, 3, 13, 0),
                                    Utc(2027, 3, 14, 0), "Europe/London"});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().kind, core::ErrorKind::not_found);
}

TEST_F(ConsultServiceTest, BookingTakesTheSlotAndATakenSlotIsAConflict) {
  SetUpCalendar();
  const auto start = Utc(2027, 3, 15, 13);  // 09:00 in New York
  const auto booked = Book(alice_, alice_client_, short_type_, start);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  const auto& consult = booked.value().consult;
  EXPECT_EQ(consult.start_at, Seconds(start));
  EXPECT_EQ(consult.end_at, Seconds(start + minutes(30)));
  EXPECT_EQ(consult.status, storage::ConsultStatus::booked);
  EXPECT_EQ(consult.practitioner_id, coach_.user_id);
  EXPECT_FALSE(consult.ics_uid.empty());
  EXPECT_EQ(consult.sequence, 0);
  EXPECT_EQ(consult.video_link.rfind("https://", 0), 0u);

  const auto taken = Book(bob_, bob_client_, short_type_, start);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().kind, core::ErrorKind::conflict);
  EXPECT_NE(taken.error().message.find("no longer free"), std::string::npos);

  // The slot is gone from the search, and the search says nothing of Alice.
  const auto slots = consults_->FreeSlots(
      bob_, {coach_.user_id, short_type_, Utc(2027, 3, 15, 0), Utc(2027, 3, 16, 0), "UTC"});
  ASSERT_TRUE(slots.ok());
  ASSERT_FALSE(slots.value().empty());
  EXPECT_EQ(slots.value()[0].start, start + minutes(30));

  // Off the grid (09:10) or outside hours (08:00) is not a slot at all.
  const auto off_grid = Book(bob_, bob_client_, short_type_, start + minutes(70));
  ASSERT_FALSE(off_grid.ok());
  EXPECT_EQ(off_grid.error().kind, core::ErrorKind::invalid_input);
  const auto early = Book(bob_, bob_client_, short_type_, start - hours(1));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, core::ErrorKind::invalid_input);
}

TEST_F(ConsultServiceTest, BuffersAreRespectedAcrossConsultTypes) {
  SetUpCalendar();
  // A Review 10:00–11:00 New York keeps 11:00–11:30 free after it.
  const auto review_start = Utc(2027, 3, 15, 14);
  ASSERT_TRUE(Book(alice_, alice_client_, long_type_, review_start).ok());
  const auto in_buffer = Book(bob_, bob_client_, short_type_, review_start + minutes(60));
  ASSERT_FALSE(in_buffer.ok());
  EXPECT_EQ(in_buffer.error().kind, core::ErrorKind::conflict);
  EXPECT_TRUE(Book(bob_, bob_client_, short_type_, review_start + minutes(90)).ok());
  // A Review at 09:00 would keep 10:00–10:30 for itself after the first one
  // has started: refused, whatever the types.
  const auto own_buffer_overlaps = Book(bob_, bob_client_, long_type_, review_start - hours(1));
  ASSERT_FALSE(own_buffer_overlaps.ok());
  EXPECT_EQ(own_buffer_overlaps.error().kind, core::ErrorKind::conflict);
  // A Review at 13:00 holds 13:00–14:30; a Check-in at 14:00 falls in it.
  ASSERT_TRUE(Book(bob_, bob_client_, long_type_, review_start + hours(3)).ok());
  const auto after_review = Book(alice_, alice_client_, short_type_, review_start + hours(4));
  ASSERT_FALSE(after_review.ok());
  EXPECT_EQ(after_review.error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(BookedOfCoach().size(), 3u);
}

TEST_F(ConsultServiceTest, IdempotentRetryReturnsTheSameBooking) {
  SetUpCalendar();
  const auto start = Utc(2027, 3, 15, 15);
  const auto first = Book(alice_, alice_client_, short_type_, start, "retry-1");
  ASSERT_TRUE(first.ok());
  const auto again = Book(alice_, alice_client_, short_type_, start, "retry-1");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again.value().replayed);
  EXPECT_EQ(again.value().consult.id, first.value().consult.id);
  EXPECT_EQ(again.value().consult.ics_uid, first.value().consult.ics_uid);
  const auto other_request = Book(alice_, alice_client_, short_type_, start + hours(1), "retry-1");
  ASSERT_FALSE(other_request.ok());
  EXPECT_EQ(other_request.error().kind, core::ErrorKind::conflict);
  const auto listed = consults_->Consults(alice_, alice_client_);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed.value().size(), 1u);
}

TEST_F(ConsultServiceTest, CancelFreesTheSlotAndKeepsHistory) {
  SetUpCalendar();
  const auto start = Utc(2027, 3, 16, 13);
  const auto booked = Book(alice_, alice_client_, short_type_, start);
  ASSERT_TRUE(booked.ok());
  ASSERT_FALSE(Book(bob_, bob_client_, short_type_, start).ok());
  const auto cancelled = consults_->Cancel(alice_, booked.value().consult.id);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled.value().status, storage::ConsultStatus::cancelled);
  EXPECT_EQ(cancelled.value().sequence, 1);
  const auto twice = consults_->Cancel(alice_, booked.value().consult.id);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind, core::ErrorKind::conflict);
  EXPECT_TRUE(Book(bob_, bob_client_, short_type_, start).ok());

  const auto view = consults_->Get(alice_, booked.value().consult.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view.value().history.size(), 2u);
  EXPECT_EQ(view.value().history[0].change, "booked");
  EXPECT_EQ(view.value().history[1].change, "cancelled");
  EXPECT_EQ(view.value().history[1].changed_by, alice_.user_id);
}

TEST_F(ConsultServiceTest, RescheduleKeepsIdentityAndRaisesSequence) {
  SetUpCalendar();
  const auto start = Utc(2027, 3, 16, 13);
  const auto booked = Book(alice_, alice_client_, short_type_, start);
  ASSERT_TRUE(booked.ok());
  // Staff may move their client's consult, but not onto a taken slot.
  ASSERT_TRUE(Book(bob_, bob_client_, short_type_, start + hours(2)).ok());
  const auto onto_taken =
      consults_->Reschedule(coach_, booked.value().consult.id, start + hours(2));
  ASSERT_FALSE(onto_taken.ok());
  EXPECT_EQ(onto_taken.error().kind, core::ErrorKind::conflict);
  // Moving by half an hour overlaps its own old time: that is no conflict.
  const auto moved = consults_->Reschedule(coach_, booked.value().consult.id, start + minutes(30));
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved.value().id, booked.value().consult.id);
  EXPECT_EQ(moved.value().ics_uid, booked.value().consult.ics_uid);
  EXPECT_EQ(moved.value().sequence, 1);
  EXPECT_EQ(moved.value().start_at, Seconds(start + minutes(30)));
  EXPECT_EQ(moved.value().end_at, Seconds(start + minutes(60)));

  const auto view = consults_->Get(alice_, booked.value().consult.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view.value().history.size(), 2u);
  EXPECT_EQ(view.value().history[1].change, "rescheduled");
  EXPECT_EQ(view.value().history[1].from_start, Seconds(start));
  EXPECT_EQ(view.value().history[1].to_start, Seconds(start + minutes(30)));
  // The old slot is free again.
  EXPECT_TRUE(Book(bob_, bob_client_, short_type_, start).ok());
}

TEST_F(ConsultServiceTest, ChangesCloseAtTheCutoff) {
  SetUpCalendar();
  const auto start = Utc(2027, 3, 16, 13);
  const auto booked = Book(alice_, alice_client_, short_type_, start);
  ASSERT_TRUE(booked.ok());
  now_ = Seconds(start - hours(23));
  const auto cancel = consults_->Cancel(alice_, booked.value().consult.id);
  ASSERT_FALSE(cancel.ok());
  EXPECT_EQ(cancel.error().kind, core::ErrorKind::conflict);
  EXPECT_NE(cancel.error().message.find("24 hours"), std::string::npos);
  const auto moved = consults_->Reschedule(coach_, booked.value().consult.id, start + hours(4));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().kind, core::ErrorKind::conflict);
  // Just before the cutoff it still works.
  now_ = Seconds(start - hours(24));
  EXPECT_TRUE(consults_->Cancel(alice_, booked.value().consult.id).ok());
}

TEST_F(ConsultServiceTest, AClientCannotSeeOrTouchAnotherClientsConsult) {
  SetUpCalendar();
  const auto booked = Book(alice_, alice_client_, short_type_, Utc(2027, 3, 16, 13));
  ASSERT_TRUE(booked.ok());
  const Id id = booked.value().consult.id;
  const auto get = consults_->Get(bob_, id);
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.error().kind, core::ErrorKind::not_found);
  const auto cancel = consults_->Cancel(bob_, id);
  ASSERT_FALSE(cancel.ok());
  EXPECT_EQ(cancel.error().kind, core::ErrorKind::not_found);
  const auto moved = consults_->Reschedule(bob_, id, Utc(2027, 3, 16, 15));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().kind, core::ErrorKind::not_found);
  const auto list = consults_->Consults(bob_, alice_client_);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().kind, core::ErrorKind::not_found);
  const auto on_behalf = Book(bob_, alice_client_, short_type_, Utc(2027, 3, 16, 15));
  ASSERT_FALSE(on_behalf.ok());
  EXPECT_EQ(on_behalf.error().kind, core::ErrorKind::not_found);
  const auto unknown = consults_->Get(alice_, id + 1000);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, core::ErrorKind::not_found);
  const auto colleague = consults_->Get(other_coach_, id);
  ASSERT_FALSE(colleague.ok());
  EXPECT_EQ(colleague.error().kind, core::ErrorKind::not_found);
  // Still booked, untouched.
  const auto own = consults_->Get(alice_, id);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own.value().consult.status, storage::ConsultStatus::booked);
}

TEST_F(ConsultServiceTest, TwoHundredSimultaneousBookingsOfOneSlotGiveOneConsult) {
  SetUpCalendar();
  constexpr int kThreads = 200;
  const auto start = Utc(2027, 3, 17, 14);
  std::latch ready(kThreads);
  std::atomic<int> succeeded{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx)
    threads.emplace_back([&, thread_idx] {
      // Half Alice, half Bob, each with their own key: a retry is not a race.
      const bool alice = thread_idx % 2 == 0;
      ready.arrive_and_wait();
      const auto booked = Book(alice ? alice_ : bob_, alice ? alice_client_ : bob_client_,
                               short_type_, start, "race-" + std::to_string(thread_idx));
      if (booked.ok())
        ++succeeded;
      else if (booked.error().kind == core::ErrorKind::conflict)
        ++conflicts;
      else
        ++other;
    });
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(succeeded.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  const auto booked = BookedOfCoach();
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].start_at, Seconds(start));
}

}  // namespace
}  // namespace backplan::testing
