#!/usr/bin/env bash
# Installs what building (and, with --test, testing) this project needs on a fresh Debian machine
# that has the Rust toolchain, node/npm and apt. Idempotent: anything already at the right version
# is skipped. Versions are pinned because Trunk cannot download tools here (no GitHub access).
#
#   scripts/setup.sh          wasm32 target, trunk, wasm-bindgen-cli (= Cargo.lock), npm tools, crates
#   scripts/setup.sh --test   … and Debian's chromium, chromium-driver and a CJK font
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# wasm-bindgen's CLI must match the crate in Cargo.lock exactly, or Trunk tries to download one.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Debian packages first (network-bound; they can install while cargo compiles below).
if [ "$WANT_TEST" = 1 ]; then
  pkgs=()
  command -v chromium >/dev/null || pkgs+=(chromium)
  command -v chromedriver >/dev/null || pkgs+=(chromium-driver)
  # Headless Chromium has no Chinese font by default: screenshots would show boxes.
  fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk' || pkgs+=(fonts-wqy-microhei)
  if [ "${#pkgs[@]}" -gt 0 ]; then
    say "installing ${pkgs[*]} from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  fi
fi

# npm tools: wasm-opt (binaryen@132; Debian's is too old), playwright-core, axe-core.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Cargo tools, built without trunk's fat LTO (saves ~7 minutes; the tools run the same).
install_tool() { # crate version binary
  if ! "$3" --version 2>/dev/null | grep -q " $2\$"; then
    say "installing $1 $2 (a few minutes, once)"
    env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --locked --quiet "$1" --version "$2"
  fi
}
install_tool wasm-bindgen-cli "$WB_VERSION" wasm-bindgen
install_tool trunk "$TRUNK_VERSION" trunk

# Trunk builds offline (Trunk.toml), so the crates must be here first.
cargo fetch --locked --quiet
say "ready"
