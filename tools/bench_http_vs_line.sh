#!/usr/bin/env bash
# classify requests/s over HTTP (wrk) beside the line protocol (anju bench-server), against
# one release `anju serve` process, alternating, so both see the same machine state.
#   tools/bench_http_vs_line.sh [ROUNDS=3] [SECONDS=10] [CONNECTIONS=64]
# Needs: swift build -c release --product anju; wrk (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"; seconds="${2:-10}"; conns="${3:-64}"
anju=.build/release/anju
work="$(mktemp -d)"
"$anju" serve --port 0 --http-port 0 --no-demo --db "$work/anju.sqlite" --log-level warning >"$work/out" 2>"$work/err" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  grep -q "http listening" "$work/out" 2>/dev/null && grep -q "^anju: listening" "$work/out" && break
  sleep 0.1
done
line_port="$(sed -n 's/^anju: listening on .*:\([0-9]*\)$/\1/p' "$work/out")"
http_port="$(sed -n 's/^anju: http listening on .*:\([0-9]*\)$/\1/p' "$work/out")"
echo "server: line $line_port, http $http_port; $rounds rounds × ${seconds}s, $conns connections, 1 in flight each"
# warm-up
"$anju" bench-server --port "$line_port" --connections 8 --duration 2 --op classify >/dev/null
wrk -t1 -c8 -d2s -s tools/bench_http_classify.lua "http://127.0.0.1:$http_port" >/dev/null
for round in $(seq 1 "$rounds"); do
  echo "== round $round: line protocol (anju bench-server)"
  "$anju" bench-server --port "$line_port" --connections "$conns" --in-flight 1 --duration "$seconds" --op classify
  echo "== round $round: HTTP POST /v1/classify (wrk, keep-alive)"
  wrk -t1 -c"$conns" -d"${seconds}s" --latency -s tools/bench_http_classify.lua "http://127.0.0.1:$http_port"
done
