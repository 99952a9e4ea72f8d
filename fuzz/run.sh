#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time, seeded with the example intakes
# and the clinical cases' intakes, and fails on any crash. Every input in
# fuzz/regressions/ is also replayed first (found crashes live there).
# Usage: fuzz/run.sh FUZZER_BINARY SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."
fuzzer=$1
seconds=${2:-60}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT

cp examples/*.json "$corpus"/
# Each clinical case's inline intake becomes a seed of its own.
python3 - "$corpus" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for case in sorted(pathlib.Path("tests/cases").glob("*.json")):
    spec = json.loads(case.read_text())
    if "intake" in spec:
        (out / ("case-" + case.stem + ".json")).write_text(json.dumps(spec["intake"]))
PY

if compgen -G "fuzz/regressions/*" >/dev/null; then
  "$fuzzer" -runs=0 fuzz/regressions/* 2>&1 | tail -2
fi
log=$(mktemp)
if ! "$fuzzer" "$corpus" -dict=fuzz/intake.dict -max_total_time="$seconds" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=fuzz/ -print_final_stats=1 >"$log" 2>&1; then
  tail -40 "$log"
  echo "fuzz: FAILED (crash input saved under fuzz/)"
  exit 1
fi
grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^#[0-9]+.*DONE' "$log" || true
execs=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" || echo "?")
echo "fuzz: ${execs} executions in ${seconds} s, 0 crashes"
rm -f "$log"
