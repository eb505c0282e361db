#!/usr/bin/env bash
# End-to-end test of the web chat page in headless Chromium (issue 15).
#
#   .ci/browser-test.sh [--install | --install-only] [OUTPUT_DIR]
#
# --install: install what is missing first (Debian chromium + chromium-driver, pip selenium),
#            then run. Without it a missing browser exits 77 ("skipped").
# --install-only: install what is missing and stop (.ci/run does this before `swift test`,
#            whose ChatPageBrowserTests then run this script).
# Starts `anju serve --port 0 --http-port 0` on a fresh database (ANJU_BIN, default
# .build/debug/anju), runs Tests/browser/chat_page_test.py against it, and leaves the
# screenshot and the page's text in OUTPUT_DIR (default .build/test-output/browser).
set -euo pipefail
cd "$(dirname "$0")/.."

install=0
only=0
if [ "${1:-}" = "--install" ]; then install=1; shift; fi
if [ "${1:-}" = "--install-only" ]; then install=1; only=1; shift; fi
out="${1:-.build/test-output/browser}"
mkdir -p "$out"

have_browser() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && python3 -c 'import selenium' >/dev/null 2>&1
}

if ! have_browser && [ "$install" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver) >"$out/install.log" 2>&1 \
      || echo "browser-test: could not install chromium (see $out/install.log)" >&2
  fi
  python3 -c 'import selenium' >/dev/null 2>&1 || pip install --quiet selenium >>"$out/install.log" 2>&1 \
      || echo "browser-test: could not install selenium (see $out/install.log)" >&2
fi
if [ "$only" = 1 ]; then
  have_browser && echo "browser-test: chromium, chromedriver and selenium present" || echo "browser-test: browser still missing" >&2
  exit 0
fi
if ! have_browser; then
  echo "browser-test: SKIPPED — chromium, chromedriver or python selenium missing (run .ci/browser-test.sh --install)" >&2
  exit 77
fi

anju="${ANJU_BIN:-.build/debug/anju}"
[ -x "$anju" ] || swift build --product anju
work="$(mktemp -d)"
: >"$work/stdout"  # exists before the server opens it, so the polling below can read it at once
"$anju" serve --port 0 --http-port 0 --no-demo --db "$work/anju.sqlite" >"$work/stdout" 2>"$out/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^anju: http listening on .*:\([0-9][0-9]*\)$/\1/p' "$work/stdout" | head -1 || true)"
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { echo "browser-test: anju serve exited; see $out/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "browser-test: anju serve did not report its HTTP port" >&2; exit 1; }

python3 Tests/browser/chat_page_test.py "http://127.0.0.1:$port/" "$out" 2> >(tee "$out/test.log" >&2)
