#!/usr/bin/env bash
# Builds in Release, runs the assessment benchmark pinned to one core with
# repetitions, and prints the medians and the ratio to the JSON-only baseline
# (parse the intake, dump a prebuilt result) measured in the same run; then the
# trigger finder's median and its ratio to reading the diary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh build-bench -DCMAKE_BUILD_TYPE=Release -DBACKPLAN_TESTS=OFF -DBACKPLAN_BENCH=ON
out=$(mktemp)
taskset -c 0 build-bench/bench/assess_bench --benchmark_repetitions="${REPETITIONS:-7}" \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$out"
python3 - "$out" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"]
base = {b["label"]: b for b in runs if b["run_name"].startswith("BM_Baseline")}
print(f"{'example':32} {'plans/s':>10} {'us/plan':>8} {'allocs':>7} {'json io us':>10} {'ratio':>6}")
for b in runs:
    if not b["run_name"].startswith("BM_ParseAssess"):
        continue
    ref = base[b["label"]]
    us = b["real_time"] / 1000 if b["time_unit"] == "ns" else b["real_time"]
    ref_us = ref["real_time"] / 1000 if ref["time_unit"] == "ns" else ref["real_time"]
    print(f"{b['label']:32} {b['plans_per_s']:10.0f} {us:8.1f} {b['allocs_per_plan']:7.0f} "
          f"{ref_us:10.1f} {us / ref_us:6.2f}")
print("medians of", sys.argv[1] and "the repetitions; ratio = assessment time / (parse intake + dump result) with the same JSON library")
PY
# The trigger finder for one client (3 years of daily entries x 20 exposures) and
# its baseline, one pass computing each exposure's mean; repetitions are set in
# the benchmark itself.
taskset -c 0 build-bench/bench/triggers_bench --benchmark_format=json >"$out"
python3 - "$out" <<'PY'
import json, sys
runs = {b["run_name"].split("/")[0]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("aggregate_name") == "median"}
find, base = runs["BM_FindTriggers"], runs["BM_BaselineExposureMeans"]
print(f"\ntrigger finder: {find['real_time']:.0f} us per client (median), "
      f"baseline (read, per-exposure means) {base['real_time']:.0f} us, "
      f"ratio {find['real_time'] / base['real_time']:.2f}")
PY
# The practitioner's attention list (500 clients x 6 sessions on a temporary
# SQLite file) and its baselines in the same run: one raw SELECT of the
# practitioner's sessions, and the five caseload reads without parsing.
taskset -c 0 build-bench/bench/attention_bench --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$out"
python3 - "$out" <<'PY'
import json, sys
runs = {b["run_name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("aggregate_name") == "median"}
listed, first, select, reads = (runs[n] for n in
                                ("BM_AttentionList", "BM_AttentionListFirstCall",
                                 "BM_BaselineSelectSessions", "BM_CaseloadReads"))
print(f"\nattention list: {listed['real_time']:.2f} ms for 500 clients (median, goal < 10 ms), "
      f"baseline raw SELECT of the sessions {select['real_time']:.2f} ms, "
      f"ratio {listed['real_time'] / select['real_time']:.1f}; "
      f"the caseload reads alone {reads['real_time']:.2f} ms; "
      f"first call of a fresh service (parses every session) {first['real_time']:.1f} ms")
PY
rm -f "$out"
