#!/usr/bin/env bash
# ask turns/s on PostgreSQL (issue 14), side by side in one run, so every figure sees the
# same machine state: three release `anju serve` instances on one database —
#   M   --sessions memory   (members and log on PostgreSQL, conversations in the process)
#   P1  --sessions postgres
#   P2  --sessions postgres
# then, alternating, ROUNDS rounds of SECONDS each:
#   one instance, memory sessions      bench-server --port M
#   one instance, postgres sessions    bench-server --port P1
#   two instances, postgres sessions   bench-server --port P1 --port P2 (connections split evenly)
# The first two give the cost per turn of the shared session store; the last two, what a
# second instance adds on this machine. Idle instances use no CPU.
#
#   tools/bench_pg.sh [ROUNDS=3] [SECONDS=10] [CONNECTIONS=64] [ANJU=.build/release/anju]
# Needs: swift build -c release --product anju; PostgreSQL at $ANJU_STORE (default: the
# .ci/postgres.sh server); the demo members are imported.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"; seconds="${2:-10}"; conns="${3:-64}"; anju="${4:-.build/release/anju}"
store="${ANJU_STORE:-postgres://anju:anju-test@127.0.0.1:54329/anju_test}"
export ANJU_SESSION_SECRET="${ANJU_SESSION_SECRET:-bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$anju" store migrate --store "$store" >/dev/null
"$anju" accounts import --store "$store" Corpus/demo/accounts.csv >/dev/null

# New sessions per address are limited (600/min by default): the generator opens 64 per run.
start() { # name sessions
  "$anju" serve --port 0 --store "$store" --sessions "$2" --max-new-sessions-per-minute 0 --log-level warning \
    >"$work/$1.out" 2>"$work/$1.err" &
  pids+=($!)
}
port_of() {
  for _ in $(seq 1 300); do
    grep -q "^anju: listening" "$work/$1.out" 2>/dev/null && break
    sleep 0.1
  done
  sed -n 's/^anju: listening on .*:\([0-9]*\)$/\1/p' "$work/$1.out"
}
start m memory; start p1 postgres; start p2 postgres
m="$(port_of m)"; p1="$(port_of p1)"; p2="$(port_of p2)"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "instances: memory sessions :$m, postgres sessions :$p1 and :$p2; store ${store%%:*}://…@${store##*@}"
echo "$rounds rounds × ${seconds}s, $conns connections × 1 in flight, op ask"
# warm-up (connections, caches, the sessions' rows)
for p in "$m" "$p1" "$p2"; do "$anju" bench-server --port "$p" --connections "$conns" --in-flight 1 --duration 2 --op ask >/dev/null; done
for round in $(seq 1 "$rounds"); do
  echo "== round $round: one instance, memory sessions"
  "$anju" bench-server --port "$m" --connections "$conns" --in-flight 1 --duration "$seconds" --op ask
  echo "== round $round: one instance, postgres sessions"
  "$anju" bench-server --port "$p1" --connections "$conns" --in-flight 1 --duration "$seconds" --op ask
  echo "== round $round: two instances, postgres sessions"
  "$anju" bench-server --port "$p1" --port "$p2" --connections "$conns" --in-flight 1 --duration "$seconds" --op ask
  echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
