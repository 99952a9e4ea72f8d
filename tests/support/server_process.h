#pragma once
// Runs the real `backplan serve` binary as a child process for one test: a
// fresh temporary directory with its own database, 127.0.0.1 and a port the
// kernel picks (`--listen 127.0.0.1:0`; the port is read from the line the
// server prints), waits for /healthz, and stops the child at the end of the
// scope (SIGTERM, then SIGKILL after a grace period; always reaped). The child
// also gets SIGKILL if the test process dies first, so no server outlives its
// test.

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>  // mkdtemp
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "support/http_client.h"

namespace backplan::testing {

struct ServerProcessOptions {
  bool demo = true;                     // seed the demo clinic
  std::vector<std::string> extra_args;  // appended to `backplan serve …`
  std::chrono::milliseconds start_timeout{30'000};
  std::chrono::milliseconds stop_grace{10'000};  // SIGTERM → SIGKILL
};

class ServerProcess {
 public:
  explicit ServerProcess(ServerProcessOptions options = {}) : options_(std::move(options)) {
    std::string pattern = (std::filesystem::temp_directory_path() / "backplan-api-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    try {
      Launch();
      WaitReady();
    } catch (...) {
      Kill();
      RemoveDir();
      throw;
    }
  }
  ~ServerProcess() {
    Kill();
    RemoveDir();
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  HttpClient client() const { return HttpClient(port_); }
  std::filesystem::path db_path() const { return dir_ / "backplan.db"; }
  std::string Stdout() const { return ReadFile(dir_ / "stdout.log"); }
  std::string Stderr() const { return ReadFile(dir_ / "stderr.log"); }

  // SIGTERM and wait (graceful stop); returns the wait status, or nullopt
  // when it had to be killed. Idempotent.
  std::optional<int> Stop() {
    if (pid_ <= 0)
      return exit_status_;
    ::kill(pid_, SIGTERM);
    if (auto status = WaitFor(options_.stop_grace)) {
      exit_status_ = status;
      pid_ = -1;
      return exit_status_;
    }
    Kill();
    return std::nullopt;
  }

 private:
  static std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void Launch() {
    std::vector<std::string> args = {BACKPLAN_CLI_PATH,  "serve",    "--db",
                                     db_path().string(), "--listen", "127.0.0.1:0",
                                     "--threads",        "2"};
    if (options_.demo)
      args.push_back("--demo");
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
    std::vector<char*> argv;
    for (auto& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    const std::string out = (dir_ / "stdout.log").string();
    const std::string err = (dir_ / "stderr.log").string();
    const pid_t parent = ::getpid();

    pid_ = ::fork();
    if (pid_ < 0)
      throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      // Child: only async-signal-safe calls until exec.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent)
        ::_exit(127);
      const int in_fd = ::open("/dev/null", O_RDONLY);
      const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (in_fd < 0 || out_fd < 0 || err_fd < 0)
        ::_exit(127);
      ::dup2(in_fd, 0);
      ::dup2(out_fd, 1);
      ::dup2(err_fd, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }

  // Reaps the child if it exits within `timeout`.
  std::optional<int> WaitFor(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      int status = 0;
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_)
        return status;
      if (done < 0 && errno != EINTR)
        return -1;
      if (std::chrono::steady_clock::now() >= deadline)
        return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  void WaitReady() {
    const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
    const std::regex serving(R"(backplan serving http://127\.0\.0\.1:([0-9]+)/)");
    while (port_ == 0) {
      if (auto status = WaitFor(std::chrono::milliseconds(0))) {
        pid_ = -1;
        throw std::runtime_error("backplan serve exited during start (status " +
                                 std::to_string(*status) + "): " + Stdout() + Stderr());
      }
      std::smatch match;
      const std::string out = Stdout();
      if (std::regex_search(out, match, serving))
        port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
      if (port_ == 0) {
        if (std::chrono::steady_clock::now() >= deadline)
          throw std::runtime_error("backplan serve did not start in time: " + out + Stderr());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    while (true) {
      try {
        if (client().Get("/healthz").status == 200)
          return;
      } catch (const std::exception&) {
        // not accepting yet
      }
      if (std::chrono::steady_clock::now() >= deadline)
        throw std::runtime_error("/healthz did not answer 200 in time");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  void Kill() {
    if (pid_ <= 0)
      return;
    ::kill(pid_, SIGTERM);
    if (!WaitFor(options_.stop_grace)) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
    pid_ = -1;
  }

  void RemoveDir() {
    std::error_code ignored;
    if (!dir_.empty())
      std::filesystem::remove_all(dir_, ignored);
  }

  ServerProcessOptions options_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::optional<int> exit_status_;
};

}  // namespace backplan::testing
