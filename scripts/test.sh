#!/usr/bin/env bash
# Sets up what is missing (including Chromium), then runs every check and every test tier:
#   1. cargo fmt --check; clippy -D warnings on the host and on wasm32
#   2. native tests: unit tests of the core, data checks, server-side-rendered components
#   3. wasm-bindgen-test in headless Chromium
#   4. release build of dist/ with Trunk, then end-to-end tests in headless Chromium
# Stops at the first failure. Figures (sizes, speed) are printed by scripts/size-report.sh and
# scripts/bench.sh, not asserted here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check
step "clippy (host)"
cargo clippy --locked --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings
step "native tests (core units, data, SSR components)"
cargo test --locked
step "generated data is up to date"
cargo run --locked --quiet --bin generate-data -- --check
step "wasm-bindgen tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web
step "release build (trunk)"
trunk build --release
step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
step "all tests passed"
