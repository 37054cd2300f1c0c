#!/usr/bin/env bash
# Runs the parsers' property tests (tests/fuzz.rs) with enough cases for more than a million
# generated inputs in all, and prints how many ran. A figure, not a timed test.
#   scripts/fuzz.sh [cases per property, default 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${1:-200000}"
start=$(date +%s)
out=$(FUZZ_CASES="$CASES" cargo test --release --locked --test fuzz -- --nocapture --test-threads=2 2>&1) || { echo "$out"; exit 1; }
echo "$out" | grep '^fuzz '
total=$(echo "$out" | sed -n 's/^fuzz .*: \([0-9]*\) inputs, no panic$/\1/p' | paste -sd+ | bc)
echo "total: $total generated inputs, no panic ($(( $(date +%s) - start )) s)"
