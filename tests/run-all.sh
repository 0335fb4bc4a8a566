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

echo "== README main command"
out=$(cargo run --locked -q -p fidelity-cli -- score examples/sample-office-2025.yaml)
printf '%s\n' "$out"
grep -q "水準: 中" <<<"$out"
echo "README main command: ok"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "== Rust tests (core, CLI, conformance vectors, bad inputs, schemas, doc examples)"
cargo test --workspace --locked 2>&1 | tee "$log"

echo "== the benchmark compiles and its data is valid (one quick pass, no timing)"
cargo test --locked -p fidelity-core --bench scoring 2>&1 | tee -a "$log"

# One closing line over every suite above (pipefail has already stopped the script on a failure).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "rust: %d passed, %d failed\n", p, f; if (p == 0) exit 1 }' "$log"
