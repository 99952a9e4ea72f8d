#!/usr/bin/env bash
# Slow-client attack while legitimate traffic runs (SECURITY.md section 3:
# "1,000 slowloris sockets leave p99 for legitimate clients within budget").
# Starts backplan on 127.0.0.1, measures the authenticated GET with wrk alone,
# then again while SOCKETS connections trickle header bytes (one byte every
# few seconds, never finishing the request), and prints both p50/p99 and how
# many attack sockets the server had closed by the end (read timeout).
# Stops everything by itself.
# Usage: bench/slowloris.sh [SOCKETS, default 1000] [SECONDS, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
sockets=${1:-1000}
seconds=${2:-20}
work=$(mktemp -d)
port=18483
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

bash scripts/build.sh build-bench -DCMAKE_BUILD_TYPE=Release -DBACKPLAN_TESTS=OFF -DBACKPLAN_BENCH=ON >/dev/null
ulimit -n 8192 2>/dev/null || true
build-bench/src/cli/backplan serve --db "$work/bench.db" --listen "127.0.0.1:$port" --demo --no-access-log \
  >"$work/serve.log" 2>&1 &
pids+=("$!")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/sessions" -H 'content-type: application/json' \
  -d '{"email":"therapist@demo.backplan.local","password":"demo-therapist-password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
url="http://127.0.0.1:$port/api/v1/clients/1/assessments/latest"

measure() {
  wrk -t1 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url" >"$work/$1.txt"
}
measure quiet

python3 - "$port" "$sockets" "$((seconds + 5))" >"$work/attack.txt" <<'PY' &
import asyncio, sys
port, count, duration = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
closed = 0
async def slow(i):
    global closed
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        closed += 1
        return
    writer.write(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n")
    loop = asyncio.get_running_loop()
    end = loop.time() + duration
    try:
        while loop.time() < end:
            await asyncio.sleep(2)
            writer.write(b"X")  # one header byte at a time, never the blank line
            await writer.drain()
            if reader.at_eof():
                raise ConnectionError
    except (ConnectionError, OSError):
        closed += 1
    writer.close()
async def main():
    await asyncio.gather(*(slow(i) for i in range(count)))
    print(closed)
asyncio.run(main())
PY
attack=$!
sleep 3  # let the sockets connect
measure attacked
wait "$attack" || true

python3 - "$work" "$sockets" <<'PY'
import re, sys, pathlib
work, sockets = sys.argv[1], sys.argv[2]
def parse(name):
    text = pathlib.Path(work, name + ".txt").read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    return rps, pct(50), pct(99), errors
print(f"{'legitimate GET (wrk -c16)':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
for name, label in [("quiet", "without attack"), ("attacked", f"with {sockets} slowloris sockets")]:
    rps, p50, p99, err = parse(name)
    print(f"{label:34} {rps:8.0f} {p50:8.2f} {p99:8.2f} {err:7d}")
closed = pathlib.Path(work, "attack.txt").read_text().strip() or "?"
print(f"attack sockets closed by the server before the attack ended: {closed} of {sockets}")
PY
