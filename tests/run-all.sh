#!/usr/bin/env bash
# Runs every test suite, installing what is missing first. The README's test command; .ci/run calls it.
# Suites: Rust (core, CLI, conformance and bad-input vectors, schema drift), Python (bindings, notebook, types),
# WASM (size budget, Node tests, the form in a browser). Each installs what it needs first and skips what is
# already there: a virtualenv in target/venv with bindings/python/requirements-dev.txt (PyPI); the wasm32
# target and the toolchain's rust-src (rustup), wasm-bindgen-cli of the crate's exact wasm-bindgen version in
# target/tools (crates.io), bindings/wasm's npm packages (npm ci), and Debian's chromium with a Japanese font,
# poppler-utils and LibreOffice Calc (apt); then a short run of each fuzz target (the nightly toolchain and
# cargo-fuzz, from rustup and crates.io).
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

echo "== Debian's programs the tests drive"
# Chromium opens and prints the pages; poppler-utils reads the printed PDFs back (the office report's test);
# LibreOffice Calc opens the Excel template and saves a workbook of its own, and fills the template in through
# python3-uno as an office worker would (the Python Excel tests).
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null \
  || ! command -v soffice >/dev/null || ! /usr/bin/python3 -c "import uno" 2>/dev/null; then
  as_root=""
  if [ "$(id -u)" != 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -q --no-install-recommends chromium fonts-ipafont-gothic \
    poppler-utils libreoffice-calc-nogui python3-uno
fi

echo "== Python bindings: build the wheel, install it in target/venv, run pytest, mypy, the benchmark's check"
venv=target/venv
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r bindings/python/requirements-dev.txt
# irrCAC, the agreement coefficients' reference, pins older numpy and scipy: a venv of its own.
irrcac=target/irrcac-venv
if [ ! -x "$irrcac/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$irrcac"
fi
"$irrcac/bin/python" -m pip install -q --disable-pip-version-check -r bindings/python/requirements-irrcac.txt
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

echo "== WASM package: install the toolchain pieces, build, check the size budget, Node and browser tests"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The WASM build rebuilds the standard library for its panic strategy (bindings/wasm/scripts/build.sh).
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  rustup component add rust-src
fi
wb_version=$(sed -nE 's/^wasm-bindgen = "=([^"]+)".*/\1/p' bindings/wasm/Cargo.toml)
wb=target/tools/bin/wasm-bindgen
if [ ! -x "$wb" ] || [ "$("$wb" --version | awk '{print $2}')" != "$wb_version" ]; then
  # Not --locked: the CLI's own lock file pins a yanked crate; the version of the CLI itself is exact.
  cargo install --quiet wasm-bindgen-cli --version "=$wb_version" --root target/tools
fi
if [ ! -d bindings/wasm/node_modules ]; then
  (cd bindings/wasm && npm ci --no-audit --no-fund --loglevel=error)
fi
# LHC-Forms, the FHIR form engine the browser test renders the Questionnaire with: its prebuilt web component,
# the package's own tarball from the npm registry (npm pack: the package alone, not the sources it is built from).
lforms_version=40.1.3
if [ ! -f target/tools/lforms/package/dist/lforms/webcomponent/lhc-forms.js ]; then
  mkdir -p target/tools/lforms
  (cd target/tools/lforms && npm pack --silent "lforms@$lforms_version" >/dev/null && tar xzf "lforms-$lforms_version.tgz")
fi
WASM_BINDGEN="$wb" bash bindings/wasm/scripts/build.sh
node bindings/wasm/scripts/measure.mjs --quick # exits 1 when over the size budget; timings are printed only
nodelog=$(mktemp)
trap 'rm -f "$log" "$pylog" "$nodelog"' EXIT
(cd bindings/wasm && node --test test/*.test.mjs test-browser/*.test.mjs) 2>&1 | tee "$nodelog"
node bindings/wasm/scripts/measure-form.mjs # the form's change-to-score times, printed (docs/performance.md)
node_pass=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$nodelog")
node_fail=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$nodelog")
node_skip=$(sed -nE 's/^# (skipped|todo|cancelled) ([0-9]+)$/\2/p' "$nodelog" | awk '{s+=$1} END {print s+0}')
if [ "${node_fail:-1}" != 0 ] || [ "$node_skip" != 0 ] || [ -z "$node_pass" ]; then
  echo "node: ${node_pass:-0} passed, ${node_fail:-?} failed, $node_skip skipped or cancelled" >&2
  exit 1
fi

echo "== fuzz targets: a short smoke run of each (the long runs are in docs/errors.md)"
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if [ ! -x target/tools/bin/cargo-fuzz ]; then
  cargo install --quiet cargo-fuzz --version =0.13.2 --locked --root target/tools
fi
seeds=target/fuzz-seeds
rm -rf "$seeds" && mkdir -p "$seeds/text" "$seeds/csv" "$seeds/empty"
cp tests/bad-inputs/*.yaml tests/bad-inputs/*.json tests/conformance/*.yaml examples/*.yaml examples/review/*.yaml \
  tests/consensus/*.yaml "$seeds/text/"
rm -f "$seeds"/text/*.expected.json
cp tests/bad-inputs/*.csv tests/conformance/*.csv examples/*.csv "$seeds/csv/"
mkdir -p "$seeds/interop"
cp tests/fhir/*.json tests/redcap/*.csv tests/workbooks/*.xlsx "$seeds/interop/"
target/debug/fidelity template --format xlsx -o "$seeds/interop/template.xlsx"
fuzz_runs=0
for target in assessment_text:text bank_files:empty wide_csv:csv score:empty interop:interop; do
  name=${target%%:*}
  corpus=target/fuzz-corpus-smoke/$name
  rm -rf "$corpus" && mkdir -p "$corpus"
  (cd crates/fidelity-core && PATH="$PWD/../../target/tools/bin:$PATH" cargo +nightly fuzz run "$name" \
    "../../$corpus" "../../$seeds/${target##*:}" -- -max_total_time=15 -max_len=8192 -seed=1) 2>&1 | tail -n 3 | tee target/fuzz-smoke.log
  runs=$(sed -nE 's/^Done ([0-9]+) runs.*/\1/p' target/fuzz-smoke.log)
  if [ -z "$runs" ]; then echo "fuzz target $name did not finish cleanly" >&2; exit 1; fi
  fuzz_runs=$((fuzz_runs + runs))
done

# One closing line over every suite above (pipefail has already stopped the script on a failure).
echo "all suites passed: $rust_summary; python: $python_summary; node: $node_pass passed, 0 failed; fuzz smoke: $fuzz_runs runs, no findings"
