#!/usr/bin/env bash
# The README's "run" command: installs what is needed, builds, and assesses the
# bundled example intakes, printing each as the treatment-room summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build.sh build -DBACKPLAN_TESTS=OFF -DBACKPLAN_BENCH=OFF
for intake in examples/*.json; do
  echo "================================================================"
  echo "backplan assess $intake --format text"
  echo "================================================================"
  ./build/src/cli/backplan assess "$intake" --format text
  echo
done
