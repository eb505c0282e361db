#!/bin/bash
# Side-by-side server benchmark: old and new `anju` binaries alternated, each round on a fresh
# member database (the default SQLite store under a temporary XDG_DATA_HOME, no demo members,
# conversation log on), then `anju bench-server` with 64 connections × 1 in flight.
#
#   tools/bench_side_by_side.sh ROUNDS SECONDS OP before=/tmp/anju-before after=.build/release/anju
#   SERVE_ARGS="--max-log-rows-per-minute 0" tools/bench_side_by_side.sh 2 10 ask ...   # log every row
#
# Prints one line per run: the bench-server report, the rows in the conversation log, the load.
set -u
rounds=$1; dur=$2; op=$3; shift 3
port=${PORT:-17431}
for r in $(seq 1 "$rounds"); do
  for pair in "$@"; do
    label=${pair%%=*}; bin=${pair#*=}
    d=$(mktemp -d /tmp/anju-bench-XXXX)
    XDG_DATA_HOME=$d "$bin" serve --port "$port" --no-demo --log-level warning ${SERVE_ARGS:-} > "$d/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
    out=$("$bin" bench-server --port "$port" --connections 64 --in-flight 1 --duration "$dur" --op "$op" 2>&1 | tr '\n' ' ')
    kill -TERM "$pid"; wait "$pid" 2>/dev/null
    rows=$(sqlite3 "$d/anju/anju.sqlite" 'select count(*) from turn' 2>/dev/null)
    echo "round $r $label: $out| log rows: $rows | load $(cut -d' ' -f1 /proc/loadavg)"
    rm -rf "$d"
  done
done
