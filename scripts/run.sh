#!/usr/bin/env bash
# The README's "run" command: installs what is needed, builds, and starts the
# server on 127.0.0.1:8080 with ./backplan.db, seeding a demo clinic the first
# time (its logins are printed). Ctrl-C stops it cleanly.
# BACKPLAN_LISTEN and BACKPLAN_DB override the address and the database file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build.sh build -DBACKPLAN_TESTS=OFF -DBACKPLAN_BENCH=OFF
exec ./build/src/cli/backplan serve --demo
