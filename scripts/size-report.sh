#!/usr/bin/env bash
# Prints the bytes of the release build: code (wasm, JS, CSS, HTML) and data, raw and gzip -9.
# Figures, not a test. `--no-build` reports the dist/ that is already there. `--by-crate` says where
# the wasm's code is instead: the release wasm, through wasm-bindgen and `wasm-opt -Oz` as Trunk
# runs them but with its function names kept, summed by crate (scripts/size-breakdown.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if [ "${1:-}" = "--by-crate" ]; then
  scripts/setup.sh >/dev/null
  cargo build --release --locked --quiet --target wasm32-unknown-unknown --bin guizhou-map
  out=target/size-breakdown
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" --out-name app \
    target/wasm32-unknown-unknown/release/guizhou-map.wasm
  wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals "$out/app_bg.wasm" -o "$out/named.wasm"
  exec python3 scripts/size-breakdown.py "$out/named.wasm" "${2:-0}"
fi
if [ "${1:-}" != "--no-build" ]; then
  scripts/setup.sh >/dev/null
  trunk build --release >/dev/null 2>&1 || trunk build --release
fi
[ -f dist/index.html ] || { echo "no dist/: build first" >&2; exit 1; }

row() { # label file...
  local label=$1; shift
  local raw=0 gz=0 f
  for f in "$@"; do
    raw=$((raw + $(wc -c <"$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
  done
  printf '%-28s %10s %10s\n' "$label" "$raw" "$gz"
  TOTAL_RAW=$((TOTAL_RAW + raw)); TOTAL_GZ=$((TOTAL_GZ + gz))
}

printf '%-28s %10s %10s\n' "release dist/ (bytes)" "raw" "gzip -9"
TOTAL_RAW=0; TOTAL_GZ=0
row "wasm" dist/*.wasm
row "JS (wasm-bindgen glue)" dist/*.js
row "CSS" dist/*.css
row "HTML" dist/index.html
printf '%-28s %10s %10s\n' "= code" "$TOTAL_RAW" "$TOTAL_GZ"
CODE_RAW=$TOTAL_RAW; CODE_GZ=$TOTAL_GZ
TOTAL_RAW=0; TOTAL_GZ=0
for f in dist/static/data/*.json dist/static/geo/*.geojson; do row "${f#dist/static/}" "$f"; done
printf '%-28s %10s %10s\n' "= data" "$TOTAL_RAW" "$TOTAL_GZ"
printf '%-28s %10s %10s\n' "= everything" "$((CODE_RAW + TOTAL_RAW))" "$((CODE_GZ + TOTAL_GZ))"
