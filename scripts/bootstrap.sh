#!/usr/bin/env bash
# Installs the Debian 12 packages that backplan needs to build, test, fuzz and benchmark.
# Idempotent: apt-get skips what is already installed. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  clang libclang-rt-14-dev            # libFuzzer and the sanitizer runtimes
  nlohmann-json3-dev                  # JSON parsing and serialization
  libcli11-dev                        # command-line parsing
  libfmt-dev                          # formatting
  libspdlog-dev                       # the server's structured access log
  libcsv-dev                          # diary CSV import and export (RFC 4180 parser/writer)
  libgtest-dev libgmock-dev           # unit and integration tests
  libbenchmark-dev                    # benchmarks under bench/
  libboost-dev libboost-system-dev    # Boost.Beast / Asio: the HTTP server
  libsqlite3-dev sqlite3              # the embedded store (sqlite3 CLI for crash-test checks)
  libsodium-dev                       # Argon2id password hashing, random tokens
  libhowardhinnant-date-dev tzdata    # date/tz.h on the system tz database: consult slots
  curl python3                        # smoke checks and result summaries in scripts
  wrk nginx-light                     # server benchmark and its static-file baseline
  clang-format
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# Node.js and npm run the browser-side and calendar checks (npm packages are
# installed by the scripts that need them). Debian's nodejs only when none is
# present, so that a newer one already on the machine is kept.
if ! command -v npm >/dev/null 2>&1; then
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
echo "bootstrap: packages present"
