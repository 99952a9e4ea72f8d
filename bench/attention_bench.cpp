// The practitioner's attention list (service/attention_service.h) for one
// practitioner with 500 clients, on a temporary SQLite database: each client
// has an assessment and six weekly sessions with their check-ins; every 20th
// client's screening refers, every 7th client's last session was followed by
// a flare, every 5th client has not answered the last session's check-ins
// (due or overdue) and every 9th has repeated short-lived relief. A second
// practitioner with as many clients shares the clinic, so the reads have to
// pick one caseload out of the clinic.
//
// Baselines in the same run:
//   BM_BaselineSelectSessions  one raw SQLite SELECT of every session of the
//                              practitioner's clients (with the session
//                              documents), stepping every row and touching
//                              every column: the least any list over these
//                              sessions must read;
//   BM_CaseloadReads           the five caseload reads through the store, no
//                              parsing and no rules (BM_CaseloadRead/N: each
//                              on its own).
// BM_AttentionList is the steady state (the service remembers each session's
// response until a check-in is added); BM_AttentionListFirstCall is a fresh
// service, which reads and parses every session's documents once.
// Goal: the service call under 10 ms.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

#include "service/attention_service.h"
#include "service/audit_writer.h"
#include "storage/sqlite/sqlite_store.h"
#include "support/caseload_gen.h"

namespace {

using backplan::core::CheckInKind;
using backplan::core::Disposition;
using backplan::storage::Id;
using backplan::storage::UnixSeconds;

constexpr UnixSeconds kNow = 1'800'000'000;
constexpr UnixSeconds kHour = 60 * 60;
constexpr UnixSeconds kDay = 24 * kHour;
constexpr int kClients = 500;
constexpr int kSessions = 6;

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<backplan::storage::sqlite::SqliteStore> store;
  std::unique_ptr<backplan::service::AuditWriter> audit;
  std::unique_ptr<backplan::service::AttentionService> attention;
  Id clinic = 0;
  Id practitioner = 0;
  std::size_t listed = 0;  // clients on the list, as a sanity check

  ~Fixture() {
    attention.reset();
    audit.reset();
    store.reset();
    std::error_code ignored;
    if (!dir.empty())
      std::filesystem::remove_all(dir, ignored);
  }
};

// One client's course of care: six weekly sessions, the last `last_start`
// seconds ago; every check-in answered except as the client's pattern says.
void SeedClient(backplan::testing::CaseloadWriter& w, Id clinic, Id practitioner, int index) {
  const Id client = w.Client(clinic, practitioner, "Client " + std::to_string(index));
  const Disposition disposition =
      index % 20 == 0 ? Disposition::refer_before_treatment : Disposition::clear;
  const Id assessment = w.Assessment(client, disposition, kNow - 60 * kDay);
  const bool flare = index % 7 == 0;
  const bool silent = index % 5 == 0;
  const bool relief_wears_off = index % 9 == 0;
  // The last session between 1 and 4 days ago, so unanswered check-ins are
  // due or overdue depending on the client.
  const UnixSeconds last_start = kNow - (1 + index % 4) * kDay - 3 * kHour;
  for (int session_index = 0; session_index < kSessions; ++session_index) {
    const bool last = session_index == kSessions - 1;
    const UnixSeconds start = last_start - (kSessions - 1 - session_index) * 7 * kDay;
    const Id session = w.Session(client, assessment, start, 6);
    if (last && silent)
      continue;
    const auto answer = [&](CheckInKind kind, UnixSeconds after, int back, bool reported) {
      if (start + after <= kNow)
        w.CheckIn(session, kind, back, start + after, reported);
    };
    if (last && flare) {
      answer(CheckInKind::after_24h, kDay, 8, true);
      continue;
    }
    // Short-lived relief: 4 after (from 6), back to 6 by 72h; else sustained.
    const int later = relief_wears_off ? 6 : 3;
    answer(CheckInKind::after_24h, kDay, relief_wears_off ? 6 : 4, false);
    answer(CheckInKind::after_72h, 3 * kDay, later, false);
    answer(CheckInKind::after_7d, 7 * kDay, later, false);
  }
}

void Seed(Fixture& f) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "backplan-attention-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  f.dir = pattern;
  auto store = backplan::storage::sqlite::SqliteStore::Open(f.dir / "attention.db");
  if (!store.ok())
    throw std::runtime_error("cannot open the database: " + store.message());
  f.store = std::move(store).value();
  const auto seeded = f.store->Write([&](backplan::storage::WriteTx& tx) {
    backplan::testing::CaseloadWriter w(tx);
    f.clinic = w.Clinic("Bench clinic");
    f.practitioner = w.Staff(f.clinic, backplan::storage::Role::practitioner, "p1@bench.test");
    const Id other = w.Staff(f.clinic, backplan::storage::Role::practitioner, "p2@bench.test");
    for (int index = 1; index <= kClients; ++index) {
      SeedClient(w, f.clinic, f.practitioner, index);
      SeedClient(w, f.clinic, other, index);
    }
    return backplan::storage::Status{};
  });
  if (!seeded.ok())
    throw std::runtime_error("cannot seed: " + seeded.message());
  f.audit = std::make_unique<backplan::service::AuditWriter>(*f.store);
  f.attention = std::make_unique<backplan::service::AttentionService>(
      *f.store, [] { return kNow; }, *f.audit);
}

// Built on first use; benchmarks run one at a time.
Fixture& Shared() {
  static Fixture fixture;
  if (!fixture.store)
    Seed(fixture);
  return fixture;
}

backplan::service::Principal Practitioner(const Fixture& f) {
  return {f.practitioner, f.clinic, backplan::storage::Role::practitioner, "127.0.0.1"};
}

void BM_AttentionList(benchmark::State& state) {
  auto& f = Shared();
  const auto p = Practitioner(f);
  for (auto _ : state) {
    auto listed = f.attention->List(p);
    if (!listed.ok()) {
      state.SkipWithError("the attention list failed");
      break;
    }
    f.listed = listed.value().size();
    benchmark::DoNotOptimize(listed.value().data());
  }
  state.counters["listed"] = static_cast<double>(f.listed);
  state.SetLabel("500 clients x 6 sessions");
}
BENCHMARK(BM_AttentionList)->Unit(benchmark::kMillisecond);

// The first call of a fresh service: every session's documents are read and
// parsed (the service remembers the responses afterwards).
void BM_AttentionListFirstCall(benchmark::State& state) {
  auto& f = Shared();
  const auto p = Practitioner(f);
  for (auto _ : state) {
    backplan::service::AttentionService fresh(
        *f.store, [] { return kNow; }, *f.audit);
    auto listed = fresh.List(p);
    if (!listed.ok()) {
      state.SkipWithError("the attention list failed");
      break;
    }
    benchmark::DoNotOptimize(listed.value().data());
  }
  state.SetLabel("500 clients x 6 sessions");
}
BENCHMARK(BM_AttentionListFirstCall)->Unit(benchmark::kMillisecond);

void BM_CaseloadReads(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    std::size_t rows = 0;
    (void)f.store->Read([&](backplan::storage::ReadTx& tx) {
      rows += tx.CaseloadClients(f.clinic, f.practitioner).size();
      rows += tx.CaseloadLatestAssessments(f.clinic, f.practitioner).size();
      rows += tx.CaseloadCareSessions(f.clinic, f.practitioner).size();
      rows += tx.CaseloadCheckInsOfSessionsSince(f.clinic, f.practitioner, kNow - 14 * kDay).size();
      rows += tx.CaseloadCheckInsAfter(f.clinic, f.practitioner, 1'000'000'000).size();
      return backplan::storage::Status{};
    });
    benchmark::DoNotOptimize(rows);
  }
  state.SetLabel("500 clients x 6 sessions");
}
BENCHMARK(BM_CaseloadReads)->Unit(benchmark::kMillisecond);

// Each caseload read on its own: 0 clients, 1 latest assessments, 2 sessions,
// 3 recent check-ins, 4 check-ins added since (none).
void BM_CaseloadRead(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    std::size_t rows = 0;
    (void)f.store->Read([&](backplan::storage::ReadTx& tx) {
      switch (state.range(0)) {
        case 0:
          rows = tx.CaseloadClients(f.clinic, f.practitioner).size();
          break;
        case 1:
          rows = tx.CaseloadLatestAssessments(f.clinic, f.practitioner).size();
          break;
        case 2:
          rows = tx.CaseloadCareSessions(f.clinic, f.practitioner).size();
          break;
        case 3:
          rows =
              tx.CaseloadCheckInsOfSessionsSince(f.clinic, f.practitioner, kNow - 14 * kDay).size();
          break;
        default:
          rows = tx.CaseloadCheckInsAfter(f.clinic, f.practitioner, 1'000'000'000).size();
      }
      return backplan::storage::Status{};
    });
    state.counters["rows"] = static_cast<double>(rows);
  }
}
BENCHMARK(BM_CaseloadRead)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

// Its own connection, outside the store: the raw cost of reading the rows.
void BM_BaselineSelectSessions(benchmark::State& state) {
  auto& f = Shared();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2((f.dir / "attention.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    state.SkipWithError("cannot open the database");
    sqlite3_close(db);
    return;
  }
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT s.id, s.client_id, s.assessment_id, s.started_at, s.session_json "
                     "FROM care_sessions AS s JOIN clients AS c ON c.id = s.client_id "
                     "WHERE c.clinic_id = ? AND c.practitioner_id = ?",
                     -1, &select, nullptr);
  std::size_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    std::size_t bytes = 0;
    sqlite3_bind_int64(select, 1, f.clinic);
    sqlite3_bind_int64(select, 2, f.practitioner);
    while (sqlite3_step(select) == SQLITE_ROW) {
      ++rows;
      bytes += static_cast<std::size_t>(
          sqlite3_column_int64(select, 0) + sqlite3_column_int64(select, 1) +
          sqlite3_column_int64(select, 2) + sqlite3_column_int64(select, 3));
      benchmark::DoNotOptimize(sqlite3_column_text(select, 4));
      bytes += static_cast<std::size_t>(sqlite3_column_bytes(select, 4));
    }
    sqlite3_reset(select);
    benchmark::DoNotOptimize(bytes);
  }
  sqlite3_finalize(select);
  sqlite3_close(db);
  state.counters["rows"] = static_cast<double>(rows);
  state.SetLabel("500 clients x 6 sessions");
}
BENCHMARK(BM_BaselineSelectSessions)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
