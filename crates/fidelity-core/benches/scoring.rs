//! Benchmarks, run with `cargo bench -p fidelity-core`. Each throughput is printed beside a baseline measured
//! in the same run (a bare `csv` crate read of the same bytes), as a ratio, because machines are noisy.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

use criterion::{black_box, BenchmarkId, Criterion, Throughput};
use fidelity_core::assessment::wide::{self, WideReader};
use fidelity_core::{builtin, score, Assessment, Bank};
use std::time::Duration;

const ROWS: usize = 10_000;

/// A deterministic wide CSV of `rows` offices (a small LCG, so every run scores the same data), with two
/// extra columns that must be carried through.
fn wide_csv(bank: &Bank, rows: usize) -> Vec<u8> {
    let header = wide::template_header(bank);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut full = header.clone();
    full.extend(["prefecture".to_string(), "memo".to_string()]);
    w.write_record(&full).expect("header");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    for r in 0..rows {
        let mut rec: Vec<String> = Vec::with_capacity(full.len());
        for h in &header {
            rec.push(match h.as_str() {
                "office_id" => format!("{}", 10_000 + r),
                "office_name" => format!("福祉事務所{r}"),
                "period" => "2025".into(),
                "rater_kind" => if r % 2 == 0 { "self" } else { "external" }.into(),
                h if h.ends_with(":capacity") => "20".into(),
                h if is_figure(bank, h) => (next() % 4).to_string(),
                _ => (next() % 2).to_string(),
            });
        }
        rec.push("架空県".into());
        rec.push(format!("row {r}, with a comma"));
        w.write_record(&rec).expect("row");
    }
    w.into_inner().expect("bytes")
}

/// Whether a column is a figure input (a count) rather than an option (1/0).
fn is_figure(bank: &Bank, column: &str) -> bool {
    column
        .split_once(':')
        .and_then(|(id, _)| bank.element(id))
        .is_some_and(|e| matches!(e.element.criterion, fidelity_core::bank::Criterion::Figure { .. }))
}

fn score_csv(bank: &Bank, data: &[u8]) -> usize {
    let mut reader = WideReader::new(data, bank).expect("header");
    let carried = reader.carried_columns().to_vec();
    let mut out = csv::Writer::from_writer(std::io::sink());
    out.write_record(wide::output_header(bank, &carried)).expect("write");
    let mut n = 0;
    while let Some(row) = reader.next_scored() {
        out.write_record(wide::output_record(bank, &row.expect("row"))).expect("write");
        n += 1;
    }
    n
}

fn read_only(data: &[u8]) -> usize {
    let mut r = csv::Reader::from_reader(data);
    let mut rec = csv::StringRecord::new();
    let mut n = 0;
    while r.read_record(&mut rec).expect("record") {
        n += rec.len();
    }
    n
}

fn main() {
    let bank = builtin::get("seiho-shuro").expect("bank");
    let data = wide_csv(&bank, ROWS);
    // Sanity before timing: every row is valid and the extra columns come through.
    let mut reader = WideReader::new(data.as_slice(), &bank).expect("header");
    assert_eq!(
        &reader.carried_columns()[reader.carried_columns().len() - 2..],
        ["prefecture", "memo"]
    );
    let mut valid = 0;
    while let Some(row) = reader.next_row() {
        let row = row.expect("row");
        assert_eq!(row.carried.len(), reader.carried_columns().len());
        valid += usize::from(row.assessment.is_ok());
    }
    assert_eq!(valid, ROWS);

    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample-office-2025.yaml")).expect("example");
    let parsed = Assessment::from_text(&example, &bank).expect("valid");
    let files = builtin::files("seiho-shuro", "1.0.0");

    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    c.bench_function("load+check bank", |b| b.iter(|| Bank::from_files(black_box(&files)).expect("bank")));
    c.bench_function("parse YAML assessment", |b| {
        b.iter(|| Assessment::from_text(black_box(&example), &bank).expect("valid"))
    });
    c.bench_function("score one assessment", |b| b.iter(|| score(&bank, black_box(&parsed))));
    let mut g = c.benchmark_group("wide CSV");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_with_input(BenchmarkId::new("csv crate read only (baseline)", ROWS), &data, |b, d| {
        b.iter(|| read_only(d))
    });
    g.bench_with_input(BenchmarkId::new("score end to end", ROWS), &data, |b, d| {
        b.iter(|| score_csv(&bank, d))
    });
    g.finish();
    c.final_summary();
    // `cargo bench` passes --bench; under `cargo test` criterion only checks each benchmark once.
    if std::env::args().any(|a| a == "--bench") {
        print_ratio();
    }
}

/// Reads criterion's estimates of this run and prints the CSV ratio to the baseline.
fn print_ratio() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion/wide CSV");
    let mean = |name: &str| -> Option<f64> {
        let text = std::fs::read_to_string(dir.join(name).join(ROWS.to_string()).join("new/estimates.json")).ok()?;
        serde_json::from_str::<serde_json::Value>(&text).ok()?["mean"]["point_estimate"].as_f64()
    };
    if let (Some(base), Some(full)) = (mean("csv crate read only (baseline)"), mean("score end to end")) {
        println!(
            "wide CSV, {ROWS} rows: read only {:.1} ms, scored end to end {:.1} ms ({:.0} offices/s): {:.2}x the bare read",
            base / 1e6,
            full / 1e6,
            ROWS as f64 / (full / 1e9),
            full / base
        );
    }
}
