#!/usr/bin/env bash
# Builds the npm package in bindings/wasm from the fidelity-wasm crate: the module (cargo, wasm-bindgen,
# wasm-opt -Oz), the JavaScript glue minified (terser), and the JSON Schemas beside them. Needs the wasm32
# target and the toolchain's rust-src, a wasm-bindgen CLI of the crate's exact wasm-bindgen version
# (WASM_BINDGEN, default on PATH), and `npm ci` run here. tests/run-all.sh installs them all.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
# Paths of sources end up in the module; remapping them makes it the same on every machine.
export RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=crates --remap-path-prefix=$repo=."
# A panic in the module is a trap (`RuntimeError: unreachable`) either way: nothing is printed in a browser.
# `-Cpanic=immediate-abort` drops the code that formats the message nobody sees (about 8.8 KB gzipped of the
# scoring package, docs/wasm.md); it needs the standard library rebuilt with the same strategy (`-Zbuild-std`,
# the toolchain's rust-src). Both are unstable options of this same stable compiler, enabled for these builds
# only (RUSTC_BOOTSTRAP), so that every artefact of the project comes from one pinned toolchain.
toolchain_src="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
if [ ! -d "$toolchain_src" ]; then
  echo "build.sh: the Rust toolchain's source is missing: run \`rustup component add rust-src\` (tests/run-all.sh does)" >&2
  exit 1
fi
RUSTFLAGS="$RUSTFLAGS -Zunstable-options -Cpanic=immediate-abort"
export RUSTC_BOOTSTRAP=1
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
  cargo build --locked -q -Zbuild-std=std,panic_abort -p fidelity-wasm --target wasm32-unknown-unknown \
    --profile "$profile" ${features:+--features "$features"}
  "${WASM_BINDGEN:-wasm-bindgen}" --target web --out-dir "$out" --out-name fidelity_scale \
    "target/wasm32-unknown-unknown/$profile/fidelity_scale.wasm"
  # --converge: -Oz again until the module stops shrinking (-350 B gzipped); the producers and target-features
  # sections say how it was built, which no engine reads.
  "$here/node_modules/.bin/wasm-opt" -Oz --converge --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    "$out/fidelity_scale_bg.wasm" -o "$out/fidelity_scale_bg.wasm"
  "$here/node_modules/.bin/terser" "$out/fidelity_scale.js" --module --compress --mangle \
    -o "$out/fidelity_scale.min.js"
  mv "$out/fidelity_scale.min.js" "$out/fidelity_scale.js"
done
mkdir -p "$here/schema"
cp fidelity-items/schema/*.schema.json "$here/schema/"
