#!/usr/bin/env bash
# Configures and builds one flavour of backplan into build/ (or the folder given).
# Usage: scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
# BUILD_TARGET, when set, builds only that target.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
