#!/usr/bin/env bash
# Builds the npm package in bindings/wasm from the fidelity-wasm crate: the module (cargo, wasm-bindgen,
# wasm-opt -Oz), the JavaScript glue minified (terser), and the JSON Schemas beside them. Needs the wasm32
# target, a wasm-bindgen CLI of the crate's exact wasm-bindgen version (WASM_BINDGEN, default on PATH), and
# `npm ci` run here. tests/run-all.sh installs all three.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
# Paths of sources end up in panic messages; remapping them makes the module the same on every machine.
export RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=crates --remap-path-prefix=$repo=."
# Three modules: pkg/ (scoring and the form, size-budgeted), pkg-audit/ (everything, plus compare, trend,
# verify and the analytics; the entry `fidelity-scale/audit`) and pkg-interop/ (the audit module and the other
# tools' formats; `fidelity-scale/interop`), so pages that only score never load the audit's code, nor pages
# that audit the formats'.
rm -rf "$here/pkg" "$here/pkg-audit" "$here/pkg-interop" "$here/schema"
# The scoring package has a profile of its own (`wasm-scoring`, Cargo.toml).
for variant in pkg: pkg-audit:audit pkg-interop:interop; do
  out="$here/${variant%%:*}"
  features="${variant##*:}"
  profile=$([ -z "$features" ] && echo wasm-scoring || echo wasm)
  cargo build --locked -q -p fidelity-wasm --target wasm32-unknown-unknown --profile "$profile" ${features:+--features "$features"}
  "${WASM_BINDGEN:-wasm-bindgen}" --target web --out-dir "$out" --out-name fidelity_scale \
    "target/wasm32-unknown-unknown/$profile/fidelity_scale.wasm"
  "$here/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/fidelity_scale_bg.wasm" -o "$out/fidelity_scale_bg.wasm"
  "$here/node_modules/.bin/terser" "$out/fidelity_scale.js" --module --compress --mangle \
    -o "$out/fidelity_scale.min.js"
  mv "$out/fidelity_scale.min.js" "$out/fidelity_scale.js"
done
mkdir -p "$here/schema"
cp fidelity-items/schema/*.schema.json "$here/schema/"
