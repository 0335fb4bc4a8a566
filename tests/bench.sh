#!/usr/bin/env bash
# Runs every benchmark of the project and prints each figure beside its baseline from the same run
# (docs/performance.md). Not part of the test command: benchmarks take minutes and their timings vary with the
# machine. Needs what tests/run-all.sh installs (run it once first): target/venv, the wasm32 target,
# wasm-bindgen-cli in target/tools, bindings/wasm's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
csv="$PWD/target/bench/wide-100k.csv" # absolute: cargo bench runs in the crate folder

echo "== Rust (criterion): bank, YAML, score(), the compiled plan on 100,000 assessments, a 100,000-row CSV"
FIDELITY_BENCH_CSV="$csv" cargo bench --locked -q -p fidelity-core --bench scoring 2>&1 | grep -A8 "== summary"

echo "== the CLI on the same CSV files: time, and peak memory at 10,000 and 100,000 rows (streaming)"
cargo build --locked -q --release -p fidelity-cli
target/venv/bin/python - "$csv" <<'PY'
import resource, subprocess, sys, time
big = sys.argv[1]
def run(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
def best(args, n=5):
    return min(run(args)[0] for _ in range(n))
score = ["target/release/fidelity", "score", "--format", "csv"]
t_cli = best(score + [big])
t_cat = best(["cat", big])
print(f"fidelity score (100,000 rows, to /dev/null): {t_cli * 1000:.0f} ms, {100_000 / t_cli:,.0f} offices/s; cat of the file: {t_cat * 1000:.1f} ms")
# ru_maxrss of children only grows, so the smaller file is measured first.
_, small_rss = run(score + [big + ".10k.csv"])
_, big_rss = run(score + [big])
print(f"peak memory: {small_rss / 1024:.1f} MiB at 10,000 rows, {big_rss / 1024:.1f} MiB at 100,000 rows")
PY

echo "== Python: score_frame (DataFrame and list of dicts) against a straightforward pandas implementation"
target/venv/bin/maturin build --locked -q --release -m bindings/python/Cargo.toml -o target/bench/wheels
target/venv/bin/python -m pip install -q --disable-pip-version-check --force-reinstall --no-deps target/bench/wheels/fidelity_scale-*.whl
target/venv/bin/python bindings/python/bench/score_frame_vs_pandas.py --rows 100000
echo "== Python: the bootstrap of fs.agreement against a Python loop over irrCAC, krippendorff and pingouin"
target/venv/bin/python bindings/python/bench/bootstrap_vs_irrcac.py
rm -rf target/bench/wheels # tests/run-all.sh reinstalls its own (debug) wheel

echo "== WASM: sizes, start-up, score() and scoreMany() in Node"
node bindings/wasm/scripts/measure.mjs
