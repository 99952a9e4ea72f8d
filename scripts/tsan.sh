#!/usr/bin/env bash
# Builds everything under ThreadSanitizer (build-tsan/) and runs the whole test
# suite. Not part of the README test command: the TSan build and run take
# about 20 minutes on two cores. Reports from the server processes the API
# tests start go to files under the log folder printed at the end; any report
# there, or in the test output, fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build.sh build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBACKPLAN_TSAN=ON -DBACKPLAN_BENCH=OFF
logs=$(mktemp -d)
TSAN_OPTIONS="log_path=$logs/tsan report_signal_unsafe=0" \
  ctest --test-dir build-tsan --output-on-failure -j"$(nproc)"
if compgen -G "$logs/tsan*" >/dev/null; then
  echo "tsan: reports found in $logs:"
  ls "$logs"
  exit 1
fi
echo "tsan: no reports"
