#!/usr/bin/env bash
# The README's "test" command: installs what is needed, builds, and runs every
# test three ways: a normal build, an ASan+UBSan build, and a bounded libFuzzer
# run over the intake parser and assessment (FUZZ_SECONDS, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
jobs=$(nproc)

echo "== npm packages for the tests (ical.js: a real iCalendar parser for the .ics output)"
npm ci --prefix tests/ical --no-audit --no-fund
export BACKPLAN_REQUIRE_ICALJS=1

echo "== build and test (RelWithDebInfo)"
bash scripts/build.sh build -DBACKPLAN_TESTS=ON -DBACKPLAN_BENCH=ON
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
bash scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DBACKPLAN_SANITIZE=ON -DBACKPLAN_BENCH=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== fuzz the intake parser and assessment for ${FUZZ_SECONDS:-60} s"
BUILD_TARGET=intake_fuzzer CC=clang CXX=clang++ bash scripts/build.sh build-fuzz -DBACKPLAN_FUZZ=ON -DBACKPLAN_TESTS=OFF \
  -DBACKPLAN_BENCH=OFF
bash fuzz/run.sh build-fuzz/fuzz/intake_fuzzer "${FUZZ_SECONDS:-60}"

echo "== fuzz the HTTP request path (parser, framing, routing, cookies) for ${HTTP_FUZZ_SECONDS:-30} s"
BUILD_TARGET=http_request_fuzzer CC=clang CXX=clang++ bash scripts/build.sh build-fuzz
bash fuzz/run.sh build-fuzz/fuzz/http_request_fuzzer "${HTTP_FUZZ_SECONDS:-30}"
