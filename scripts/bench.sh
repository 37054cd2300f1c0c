#!/usr/bin/env bash
# The browser benchmark: figures, not pass/fail (docs/BENCHMARK.md).
#   1. installs what is missing (as scripts/test.sh does: trunk, wasm-bindgen, Chromium, …)
#   2. builds the release dist/ with Trunk (skip with --no-build to measure the dist/ already there)
#   3. serves dist/ with gzip on 127.0.0.1 and drives headless Chromium through playwright-core:
#      bytes, load times, date steps, dropped frames, memory; default and 88-county stress workloads,
#      and the issue's lean reference (tests/bench/reference/: D3 v7 from node_modules) beside them
#   4. prints the table (budgets beside the figures) and writes tests/bench/results/<time>.json,
#      latest.json and latest.md
#
#   scripts/bench.sh                       full run (7 loads per condition, 300 steps, 10-minute soak)
#   scripts/bench.sh --quick               small counts and a 1-minute soak (about 8 minutes)
#   scripts/bench.sh --soak-minutes 3 --runs 9 --steps 500 --play-runs 5 --workload stress
#   scripts/bench.sh --workload default,reference   the app beside the reference, without the stress workload
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

build=1
for arg in "$@"; do [ "$arg" = "--no-build" ] && build=0; done
if [ "$build" = 1 ]; then
  printf '\033[1m[bench]\033[0m trunk build --release\n'
  # Quiet unless it fails; then run it again to show why.
  trunk build --release >/dev/null 2>&1 || trunk build --release
fi
exec node tests/bench/bench.mjs "$@"
