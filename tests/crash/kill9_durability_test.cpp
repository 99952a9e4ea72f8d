// Crash durability: the real server is killed with SIGKILL in the middle of a
// write load, 20 times. After every kill the database must pass
// PRAGMA integrity_check, and after every restart every assessment the server
// had acknowledged (201) must be there, each with its audit row (the two are
// written in one transaction, so neither may exist without the other).
// This covers process crashes; with synchronous=FULL it is also the setting
// that survives power loss, which this test does not simulate.

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "support/http_client.h"

namespace backplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::HttpClient;

constexpr int kCycles = 20;
constexpr int kWriters = 4;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One run of `backplan serve` on a fixed database file.
class Server {
 public:
  Server(const fs::path& db, const fs::path& log, bool demo) {
    // The previous run's log still names its port: it must not be read as ours.
    fs::remove(log);
    pid_ = fork();
    if (pid_ == 0) {
      const std::string out = log.string();
      if (!freopen(out.c_str(), "w", stdout) || !freopen((out + ".err").c_str(), "w", stderr))
        _exit(126);
      std::vector<std::string> args = {BACKPLAN_CLI_PATH, "serve",    "--db",
                                       db.string(),       "--listen", "127.0.0.1:0"};
      if (demo)
        args.push_back("--demo");
      std::vector<char*> argv;
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 1500 && port_ == 0; ++i) {
      std::smatch match;
      const std::string text = ReadText(log);
      if (std::regex_search(text, match, serving))
        port_ = std::stoi(match[1]);
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~Server() { Kill(); }
  std::uint16_t port() const { return static_cast<std::uint16_t>(port_); }
  void Kill() {
    if (pid_ <= 0)
      return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

std::string IntegrityCheck(const fs::path& db) {
  sqlite3* handle = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open(db.c_str(), &handle) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &statement, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return result;
}

// Ids of assessments that have no audit row of their creation (must be none).
std::int64_t AssessmentsWithoutAudit(const fs::path& db) {
  sqlite3* handle = nullptr;
  std::int64_t count = -1;
  if (sqlite3_open(db.c_str(), &handle) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle,
                           "SELECT count(*) FROM assessments a WHERE NOT EXISTS (SELECT 1 FROM "
                           "audit WHERE action = 'assessment.create' AND resource_id = a.id)",
                           -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
      count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return count;
}

std::set<std::int64_t> StoredAssessmentIds(const HttpClient& client, const std::string& token) {
  std::set<std::int64_t> ids;
  std::string after;
  while (true) {
    auto page = client.Get("/api/v1/clients/1/assessments?limit=200" + after,
                           {{"Authorization", "Bearer " + token}});
    if (page.status != 200)
      throw std::runtime_error("history: status " + std::to_string(page.status));
    const json body = json::parse(page.body);
    for (const auto& item : body["items"])
      ids.insert(item["id"].get<std::int64_t>());
    if (body["next_after"].is_null())
      return ids;
    after = "&after=" + std::to_string(body["next_after"].get<std::int64_t>());
  }
}

TEST(CrashDurability, AcknowledgedWritesSurviveKillNine) {
  char pattern[] = "/tmp/backplan-crash-XXXXXX";
  const fs::path dir = mkdtemp(pattern);
  const fs::path db = dir / "crash.db";
  const json intake =
      json::parse(ReadText(fs::path(BACKPLAN_SOURCE_DIR) / "examples/chronic-localized.json"));

  std::string token;
  {
    Server first(db, dir / "serve.log", /*demo=*/true);
    ASSERT_NE(first.port(), 0) << ReadText(dir / "serve.log") << ReadText(dir / "serve.log.err");
    auto login = HttpClient(first.port())
                     .PostJson("/api/v1/sessions", {{"email", "therapist@demo.backplan.local"},
                                                    {"password", "demo-therapist-password"}});
    ASSERT_EQ(login.status, 201) << login.body;
    token = json::parse(login.body)["token"];
  }

  std::mt19937 random(20261126);
  std::set<std::int64_t> acknowledged;
  std::int64_t total_acknowledged = 0;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    Server server(db, dir / "serve.log", /*demo=*/false);
    ASSERT_NE(server.port(), 0) << "cycle " << cycle << ": " << ReadText(dir / "serve.log.err");
    const HttpClient client(server.port());

    // Everything acknowledged before this restart is still there.
    const auto stored = StoredAssessmentIds(client, token);
    for (auto id : acknowledged)
      ASSERT_TRUE(stored.count(id)) << "cycle " << cycle << ": lost " << id;

    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
      writers.emplace_back([&, w] {
        for (int n = 0; !stop; ++n) {
          json body = intake;
          body["crash_test_marker"] =
              std::to_string(cycle) + "-" + std::to_string(w) + "-" + std::to_string(n);
          try {
            auto created = client.PostJson("/api/v1/clients/1/assessments", body,
                                           {{"Authorization", "Bearer " + token}});
            if (created.status == 201) {
              std::lock_guard lock(mutex);
              acknowledged.insert(json::parse(created.body)["id"].get<std::int64_t>());
              ++total_acknowledged;
            }
          } catch (const std::exception&) {
            return;  // the server is gone: the kill happened
          }
        }
      });
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 600)(random)));
    server.Kill();
    stop = true;
    for (auto& t : writers)
      t.join();
    ASSERT_EQ(IntegrityCheck(db), "ok") << "cycle " << cycle;
    ASSERT_EQ(AssessmentsWithoutAudit(db), 0) << "cycle " << cycle;
  }

  Server last(db, dir / "serve.log", /*demo=*/false);
  ASSERT_NE(last.port(), 0);
  const auto stored = StoredAssessmentIds(HttpClient(last.port()), token);
  std::int64_t lost = 0;
  for (auto id : acknowledged)
    lost += stored.count(id) ? 0 : 1;
  EXPECT_EQ(lost, 0);
  EXPECT_GT(total_acknowledged, kCycles) << "the load should have written in most cycles";
  std::cout << "[ crash    ] " << kCycles << " kill -9 cycles, " << total_acknowledged
            << " acknowledged writes checked, " << lost << " lost, integrity_check ok " << kCycles
            << "/" << kCycles << " (synchronous=FULL)\n";
  last.Kill();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace backplan
