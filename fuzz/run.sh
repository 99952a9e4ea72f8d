#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time and fails on any crash.
# intake_fuzzer is seeded with the example intakes and the clinical cases'
# intakes, and replays fuzz/regressions/ first (found crashes live there);
# http_request_fuzzer is seeded with fuzz/http_seeds/ and replays
# fuzz/regressions-http/.
# Usage: fuzz/run.sh FUZZER_BINARY SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."
fuzzer=$1
seconds=${2:-60}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT

if [[ $(basename "$fuzzer") == http_request_fuzzer ]]; then
  cp fuzz/http_seeds/* "$corpus"/
  regressions=fuzz/regressions-http
  dict=fuzz/http.dict
else
  regressions=fuzz/regressions
  dict=fuzz/intake.dict
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
fi

if compgen -G "$regressions/*" >/dev/null; then
  "$fuzzer" -runs=0 "$regressions"/* 2>&1 | tail -2
fi
log=$(mktemp)
if ! "$fuzzer" "$corpus" -dict="$dict" -max_total_time="$seconds" -max_len=8192 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=fuzz/ -print_final_stats=1 >"$log" 2>&1; then
  tail -40 "$log"
  echo "fuzz: FAILED (crash input saved under fuzz/; keep it in $regressions/ once fixed)"
  exit 1
fi
grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^#[0-9]+.*DONE' "$log" || true
execs=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" || echo "?")
echo "fuzz: ${execs} executions in ${seconds} s, 0 crashes"
rm -f "$log"
