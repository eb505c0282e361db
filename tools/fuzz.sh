#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for N seconds (default 60) on a copy
# of its seed corpus. Exit status: non-zero when a target crashed (its input is kept in
# .build/fuzz/<target>/crash-*). Linux only.
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "fuzz: building the targets (release, -sanitize=fuzzer,address) …"
swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | tail -3
status=0
for pair in FuzzNormalizer:normalizer FuzzFactExtractor:facts FuzzJSONParser:json FuzzLineSplitter:lines; do
  target=${pair%%:*}; seeds=${pair##*:}
  work=.build/fuzz/$target
  mkdir -p "$work/corpus"
  cp -n Fuzz/corpus/$seeds/* "$work/corpus/" 2>/dev/null || true
  echo "fuzz: $target for ${seconds}s"
  if ! (cd "$work" && "$root/Fuzz/.build/release/$target" corpus -max_total_time="$seconds" -max_len=4096 -timeout=10 \
        -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|.*deadly signal|Done)" ); then
    :
  fi
  if ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: $target FOUND A CRASH: $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null | head -3)"
    status=1
  fi
done
exit $status
