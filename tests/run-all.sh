#!/usr/bin/env bash
# Runs every test suite, installing what is missing first. The README's test command; .ci/run calls it.
# Today the suites are Rust only (core, CLI, conformance and bad-input vectors, schema drift); the Python and
# WASM suites join here when their bindings land, with their own install steps (skipped when present).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup (https://rustup.rs) and run this again" >&2
  exit 1
fi
if [ ! -e ../shared/source/004_6ea8c7e987f45fd3.txt ]; then
  echo "warning: ../shared/source is not beside the repository; the verbatim-text test will fail" >&2
fi

echo "== format"
if cargo fmt --version >/dev/null 2>&1; then cargo fmt --all --check; else echo "rustfmt not installed: skipped"; fi

echo "== Rust tests (core, CLI, conformance vectors, bad inputs, schemas)"
cargo test --workspace --locked

echo "== the benchmark compiles and its data is valid (one quick pass, no timing)"
cargo test --locked -p fidelity-core --bench scoring

echo "== README main command"
out=$(cargo run --locked -q -p fidelity-cli -- score examples/sample-office-2025.yaml)
printf '%s\n' "$out"
grep -q "水準: 中" <<<"$out"
echo "README main command: ok"
