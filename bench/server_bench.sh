#!/usr/bin/env bash
# Server benchmark: wrk against backplan (an authenticated GET of a client's
# latest assessment, and a POST creating an assessment) and, in the same run,
# nginx serving a static JSON file of the same size as the GET's response.
# Starts everything it needs on 127.0.0.1, stops it all by itself, and prints
# req/s, p50 and p99 with the ratio to nginx, plus backplan's peak memory.
# Each target runs REPEATS times, interleaved (nginx, GET, POST, nginx, ...),
# and the table shows the median run, since the machine is shared and noisy.
# Usage: bench/server_bench.sh [SECONDS per run, default 10] [CONNECTIONS, default 64] [REPEATS, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-64}
repeats=${3:-3}
work=$(mktemp -d)
backplan_port=18481
nginx_port=18482
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

bash scripts/build.sh build-bench -DCMAKE_BUILD_TYPE=Release -DBACKPLAN_TESTS=OFF -DBACKPLAN_BENCH=ON >/dev/null

# No access log: nginx runs with access_log off too, so neither writes a line per request.
build-bench/src/cli/backplan serve --db "$work/bench.db" --listen "127.0.0.1:$backplan_port" --demo --no-access-log \
  >"$work/serve.log" 2>&1 &
backplan_pid=$!
pids+=("$backplan_pid")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$backplan_port/healthz" >/dev/null && break; sleep 0.1; done

token=$(curl -sf -X POST "http://127.0.0.1:$backplan_port/api/v1/sessions" \
  -H 'content-type: application/json' \
  -d '{"email":"therapist@demo.backplan.local","password":"demo-therapist-password"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
get_url="http://127.0.0.1:$backplan_port/api/v1/clients/1/assessments/latest"
curl -sf "$get_url" -H "authorization: Bearer $token" >"$work/latest.json"

# nginx serves a static file of exactly the GET response's size.
mkdir -p "$work/www" "$work/nginx"
cp "$work/latest.json" "$work/www/latest.json"
chmod -R a+rX "$work"  # nginx's workers run as an unprivileged user
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=("$!")
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/latest.json" >/dev/null && break; sleep 0.1; done

# POST: the chronic example as the body, for client 1.
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local f = io.open("examples/chronic-localized.json", "rb")
wrk.body = f:read("*all")
f:close()
LUA

peak_rss() { grep VmHWM "/proc/$backplan_pid/status" | awk '{print $2}'; }

run() {  # name, then wrk arguments
  local name=$1
  shift
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" >"$work/$name.txt"
}
for round in $(seq "$repeats"); do
  run "nginx.$round" "http://127.0.0.1:$nginx_port/latest.json"
  run "get.$round" -H "Authorization: Bearer $token" "$get_url"
  run "post.$round" -s "$work/post.lua" "http://127.0.0.1:$backplan_port/api/v1/clients/1/assessments"
done
rss_kb=$(peak_rss)

python3 - "$work" "$(wc -c <"$work/latest.json")" "$rss_kb" "$connections" "$seconds" "$repeats" <<'PY'
import re, sys, pathlib
work, size, rss_kb, conns, secs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
repeats = int(sys.argv[6])
def parse_one(name):
    text = pathlib.Path(work, name + ".txt").read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, pct(50), pct(99), errors + (int(non2xx.group(1)) if non2xx else 0)
def parse(name):  # the run with the median throughput, and the errors of all runs
    runs = sorted((parse_one(f"{name}.{r}") for r in range(1, repeats + 1)), key=lambda run: run[0])
    rps, p50, p99, _ = runs[len(runs) // 2]
    return rps, p50, p99, sum(run[3] for run in runs)
nginx = parse("nginx")
print(f"wrk -t2 -c{conns} -d{secs}s on 127.0.0.1, median of {repeats} interleaved runs; response size {size} bytes")
print(f"{'target':44} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs nginx':>9}")
for name, label in [("nginx", "nginx static file (baseline)"),
                    ("get", "backplan GET latest assessment (auth)"),
                    ("post", "backplan POST assessment (durable)")]:
    rps, p50, p99, err = parse(name)
    print(f"{label:44} {rps:9.0f} {p50:8.2f} {p99:8.2f} {err:7d} {rps / nginx[0]:9.2f}")
print(f"backplan peak resident memory: {rss_kb / 1024:.1f} MiB")
PY
