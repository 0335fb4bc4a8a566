#!/usr/bin/env bash
# Runs every test suite, installing what is missing first. The README's test command; .ci/run calls it.
# Suites: Rust (core, CLI, conformance and bad-input vectors, schema drift), Python (bindings, notebook, types).
# Each installs what it needs first and skips what is already there: the Python one a virtualenv in
# target/venv with the exact packages of bindings/python/requirements-dev.txt (from PyPI).
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

rust_summary=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "rust: %d passed, %d failed", p, f; if (p == 0) exit 1 }' "$log")

echo "== Python bindings: build the wheel, install it in target/venv, run pytest, mypy, the benchmark's check"
venv=target/venv
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r bindings/python/requirements-dev.txt
cargo build --locked -q -p fidelity-cli # the Python suite compares its reports with the CLI's
rm -rf target/wheels
"$venv/bin/maturin" build --locked -q -m bindings/python/Cargo.toml -o target/wheels
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/fidelity_scale-*.whl
(cd bindings/python && "../../$venv/bin/python" -m mypy --strict python/fidelity_scale tests bench)
pylog=$(mktemp)
trap 'rm -f "$log" "$pylog"' EXIT
(cd bindings/python && "../../$venv/bin/python" -m pytest -q -p no:cacheprovider) 2>&1 | tee "$pylog"
"$venv/bin/python" bindings/python/bench/score_frame_vs_pandas.py --rows 2000
python_summary=$(tail -n 1 "$pylog" | sed -E 's/^=* *//; s/ in [0-9.]+s.*$//')
case "$python_summary" in *failed* | *error* | *skipped* | "") echo "python: $python_summary" >&2; exit 1 ;; esac

# One closing line over every suite above (pipefail has already stopped the script on a failure).
echo "all suites passed: $rust_summary; python: $python_summary"
