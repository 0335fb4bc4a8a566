//! Benchmarks, run with `cargo bench -p fidelity-core` (or `bench/run.sh`, which runs every benchmark of the
//! project). Each throughput is printed beside a baseline measured in the same run, as a ratio, because
//! machines are noisy: the compiled plan beside `score` (full report with trace), and the CSV path beside a
//! bare `csv` crate read of the same bytes.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

use criterion::{black_box, BenchmarkId, Criterion, Throughput};
use fidelity_core::bank::Criterion as Rule;
use fidelity_core::batch::CsvScorer;
use fidelity_core::template;
use fidelity_core::{builtin, score, Answer, Assessment, Bank, Office, Rater, RaterKind};
use fidelity_core::{PlannedAnswers, PlannedScores, ScoringPlan};
use std::time::Duration;

/// Rows of the CSV and assessments of the batch.
const N: usize = 100_000;
/// Full reports are slower; they are timed on fewer assessments and compared per assessment.
const N_REPORTS: usize = 10_000;

/// A small LCG, so every run uses the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
}

/// A deterministic wide CSV of `rows` offices with two extra columns that must be carried through.
fn wide_csv(bank: &Bank, rows: usize) -> Vec<u8> {
    // The answer columns of the template (the review's findings, sources and comments are left out: the
    // benchmark measures scoring).
    let review =
        |h: &str| matches!(h, "rater_name" | "rater_date") || ["finding:", "sources:", "comment:"].iter().any(|p| h.starts_with(p));
    let header: Vec<String> = template::csv_header(bank).into_iter().filter(|h| !review(h)).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut full = header.clone();
    full.extend(["prefecture".to_string(), "memo".to_string()]);
    w.write_record(&full).expect("header");
    let mut rng = Lcg(0x2545_f491_4f6c_dd1d);
    for r in 0..rows {
        let mut rec: Vec<String> = Vec::with_capacity(full.len());
        for h in &header {
            rec.push(match h.as_str() {
                "office_id" => format!("{}", 10_000 + r),
                "office_name" => format!("福祉事務所{r}"),
                "period" => "2025".into(),
                "rater_kind" => if r % 2 == 0 { "self" } else { "external" }.into(),
                h if h.ends_with(":capacity") => "20".into(),
                h if is_figure(bank, h) => (rng.next() % 4).to_string(),
                _ => (rng.next() % 2).to_string(),
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
        .is_some_and(|e| matches!(e.element.criterion, Rule::Figure { .. }))
}

/// Random valid assessments: every element answered (judgement, options or figures), so items are scored.
fn assessments(bank: &Bank, n: usize) -> Vec<Assessment> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|i| Assessment {
            bank: None,
            office: Office {
                id: i.to_string(),
                name: None,
            },
            period: "2025".into(),
            rater: Rater {
                kind: RaterKind::SelfAssessment,
                name: None,
                date: None,
            },
            answers: bank
                .elements()
                .map(|e| {
                    let answer = match (&e.element.criterion, rng.next() % 3) {
                        (Rule::Options { options, .. }, 0) => {
                            Answer::Options(options.iter().filter(|_| rng.next() % 2 == 0).map(|o| o.key.clone()).collect())
                        }
                        (Rule::Figure { inputs, .. }, 0) => {
                            Answer::Figures(inputs.iter().map(|i| (i.key.clone(), i.min + u64::from(rng.next() % 30))).collect())
                        }
                        _ => Answer::Judgement(rng.next() % 2 == 0),
                    };
                    (e.element.id.clone(), answer)
                })
                .collect(),
            findings: Default::default(),
            items: Default::default(),
            consensus: None,
        })
        .collect()
}

/// The CLI's CSV path: every row scored and its output record written.
fn score_csv(bank: &Bank, data: &[u8], scores_only: bool) -> usize {
    let mut reader = CsvScorer::new(data, bank).expect("header");
    if scores_only {
        reader = reader.scores_only();
    }
    let mut out = csv::Writer::from_writer(std::io::sink());
    out.write_record(reader.output_header()).expect("write");
    let mut n = 0;
    while let Some(problems) = reader.write_next(&mut out) {
        assert!(problems.expect("row").is_empty());
        n += 1;
    }
    n
}

/// The baselines: a bare read of every record, as bytes and as checked UTF-8 text.
fn read_bytes(data: &[u8]) -> usize {
    let mut r = csv::Reader::from_reader(data);
    let mut rec = csv::ByteRecord::new();
    let mut n = 0;
    while r.read_byte_record(&mut rec).expect("record") {
        n += rec.len();
    }
    n
}

fn read_text(data: &[u8]) -> usize {
    let mut r = csv::Reader::from_reader(data);
    let mut rec = csv::StringRecord::new();
    let mut n = 0;
    while r.read_record(&mut rec).expect("record") {
        n += rec.len();
    }
    n
}

/// The floor of any path that echoes every input column: read each record and write it back unchanged.
fn read_write(data: &[u8]) -> usize {
    let mut r = csv::Reader::from_reader(data);
    let mut out = csv::Writer::from_writer(std::io::sink());
    let mut rec = csv::StringRecord::new();
    let mut n = 0;
    while r.read_record(&mut rec).expect("record") {
        out.write_record(&rec).expect("write");
        n += 1;
    }
    n
}

fn score_batch(plan: &ScoringPlan, batch: &[PlannedAnswers], scores: &mut PlannedScores) -> u32 {
    let mut sum = 0;
    for a in batch {
        plan.score_into(a, scores);
        sum += scores.total.sum.unwrap_or(0);
    }
    sum
}

fn main() {
    let started = std::time::SystemTime::now();
    // 1.0.1: the scoring of 1.0.0, which the earlier runs measured, so their timings stay comparable.
    let bank = builtin::get("seiho-shuro@1.0.1").expect("bank");
    let plan = ScoringPlan::new(&bank);
    let data = wide_csv(&bank, N);
    // tests/bench.sh times the CLI on the same file, and its memory at two sizes.
    if let Ok(path) = std::env::var("FIDELITY_BENCH_CSV") {
        std::fs::write(&path, &data).expect("write the benchmark CSV");
        std::fs::write(format!("{path}.10k.csv"), wide_csv(&bank, N / 10)).expect("write the benchmark CSV");
    }
    let parsed = assessments(&bank, N);
    let batch: Vec<PlannedAnswers> = parsed.iter().map(|a| plan.answers(a)).collect();
    // Sanity before timing: the data are valid, the plan agrees with `score`, and the CSV is fully scored.
    let mut scores = PlannedScores::default();
    for (a, p) in parsed.iter().zip(&batch).take(200) {
        assert!(a.check(&bank).is_ok());
        plan.score_into(p, &mut scores);
        assert_eq!(plan.summary(&scores), fidelity_core::report::ScoreSummary::from(&score(&bank, a)));
    }
    assert_eq!((score_csv(&bank, &data, false), score_csv(&bank, &data, true)), (N, N));
    assert!(batch.iter().any(|a| {
        plan.score_into(a, &mut scores);
        scores.level.is_some()
    }));

    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample-office-2025.yaml")).expect("example");
    let one = Assessment::from_text(&example, &bank).expect("valid");
    let files = builtin::files("seiho-shuro", "1.0.0");

    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    c.bench_function("load+check bank", |b| b.iter(|| Bank::from_files(black_box(&files)).expect("bank")));
    c.bench_function("parse YAML assessment", |b| {
        b.iter(|| Assessment::from_text(black_box(&example), &bank).expect("valid"))
    });
    c.bench_function("score one assessment (report)", |b| b.iter(|| score(&bank, black_box(&one))));

    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(N_REPORTS as u64));
    g.bench_with_input(
        BenchmarkId::new("score() full reports", N_REPORTS),
        &parsed[..N_REPORTS],
        |b, batch| b.iter(|| batch.iter().map(|a| score(&bank, a).total.sum.unwrap_or(0)).sum::<u32>()),
    );
    g.throughput(Throughput::Elements(N as u64));
    g.bench_with_input(BenchmarkId::new("compiled plan", N), &batch, |b, batch| {
        b.iter(|| score_batch(&plan, batch, &mut scores))
    });
    g.finish();

    let mut g = c.benchmark_group("wide CSV");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_with_input(BenchmarkId::new("bare read, bytes (baseline)", N), &data, |b, d| {
        b.iter(|| read_bytes(d))
    });
    g.bench_with_input(BenchmarkId::new("bare read, text", N), &data, |b, d| b.iter(|| read_text(d)));
    g.bench_with_input(BenchmarkId::new("read and write back", N), &data, |b, d| b.iter(|| read_write(d)));
    g.bench_with_input(BenchmarkId::new("score end to end", N), &data, |b, d| {
        b.iter(|| score_csv(&bank, d, false))
    });
    g.bench_with_input(BenchmarkId::new("score end to end, scores only", N), &data, |b, d| {
        b.iter(|| score_csv(&bank, d, true))
    });
    g.finish();
    c.final_summary();
    // `cargo bench` passes --bench; under `cargo test` (or `-- --test`) criterion only checks each benchmark
    // once and records no estimates.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test") {
        print_ratios(data.len(), started);
    } else {
        check_summary_of_a_filtered_run();
    }
}

/// Reads criterion's estimates written by this run (mean time per iteration, ns) and prints the ratios.
/// A filtered run (`cargo bench -p fidelity-core -- "wide CSV"`) times only some benchmarks: estimates older
/// than the run are ignored, so the summary prints what this run measured and names what it skipped.
fn print_ratios(csv_bytes: usize, started: std::time::SystemTime) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion");
    let mean = |id: &str| -> Option<f64> {
        let file = root.join(id).join("new/estimates.json");
        let fresh = std::fs::metadata(&file).and_then(|m| m.modified()).is_ok_and(|t| t >= started);
        let text = std::fs::read_to_string(&file).ok().filter(|_| fresh)?;
        serde_json::from_str::<serde_json::Value>(&text).ok()?["mean"]["point_estimate"].as_f64()
    };
    let (lines, skipped) = summary(csv_bytes, mean);
    println!("== summary (one core; means of this run)");
    for line in lines {
        println!("{line}");
    }
    if !skipped.is_empty() {
        println!("not timed in this run, so left out: {}", skipped.join("; "));
    }
}

/// The summary's lines from the benchmarks' means (`mean(id)`, None when not timed), and the ids of the
/// benchmarks it lacked.
fn summary(csv_bytes: usize, mean: impl Fn(&str) -> Option<f64>) -> (Vec<String>, Vec<String>) {
    let mut skipped = Vec::new();
    let mut get = |id: String| {
        let m = mean(&id);
        if m.is_none() {
            skipped.push(id);
        }
        m
    };
    let load = get("load+check bank".into());
    let parse = get("parse YAML assessment".into());
    let report = get(format!("batch/score() full reports/{N_REPORTS}")).map(|m| m / N_REPORTS as f64);
    let planned = get(format!("batch/compiled plan/{N}")).map(|m| m / N as f64);
    let bytes = get(format!("wide CSV/bare read, bytes (baseline)/{N}"));
    let text = get(format!("wide CSV/bare read, text/{N}"));
    let echo = get(format!("wide CSV/read and write back/{N}"));
    let full = get(format!("wide CSV/score end to end/{N}"));
    let scores_only = get(format!("wide CSV/score end to end, scores only/{N}"));
    let mut lines = Vec::new();
    if let Some(load) = load {
        lines.push(format!("load + check the built-in bank: {:.2} ms", load / 1e6));
    }
    if let Some(parse) = parse {
        lines.push(format!("parse the example YAML assessment: {:.1} µs", parse / 1e3));
    }
    if let Some(report) = report {
        lines.push(format!(
            "score one parsed assessment with its report: {:.2} µs ({:.0} assessments/s)",
            report / 1e3,
            1e9 / report
        ));
    }
    if let (Some(planned), Some(report)) = (planned, report) {
        lines.push(format!(
            "score {N} parsed assessments with the compiled plan: {:.0} ns each, {:.2} million assessments/s ({:.1}x score())",
            planned,
            1e3 / planned,
            report / planned
        ));
    }
    if let (Some(bytes), Some(text), Some(echo), Some(full)) = (bytes, text, echo, full) {
        lines.push(format!(
            "wide CSV, {N} rows ({:.1} MB): bare read {:.1} ms (as text {:.1} ms); read and written back {:.1} ms; scored end to end {:.1} ms ({:.0} offices/s)",
            csv_bytes as f64 / 1e6,
            bytes / 1e6,
            text / 1e6,
            echo / 1e6,
            full / 1e6,
            N as f64 / (full / 1e9),
        ));
        lines.push(format!(
            "  scored end to end: {:.2}x the bare read, {:.2}x the text read, {:.2}x reading and writing the rows back",
            full / bytes,
            full / text,
            full / echo
        ));
    }
    if let (Some(text), Some(only)) = (text, scores_only) {
        lines.push(format!(
            "  scores only (--scores-only): {:.1} ms, {:.2}x the text read",
            only / 1e6,
            only / text
        ));
    }
    (lines, skipped)
}

/// The summary of a filtered run (only the wide CSV group timed) prints the CSV ratios and names the rest:
/// checked on every `cargo test`, since a filtered `cargo bench` once panicked here.
fn check_summary_of_a_filtered_run() {
    let csv_only = |id: &str| id.starts_with("wide CSV/").then_some(1e6);
    let (lines, skipped) = summary(1_000_000, csv_only);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].contains("1.00x the bare read"), "{lines:?}");
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    assert!(skipped.iter().any(|s| s == "load+check bank"), "{skipped:?}");
    let (lines, skipped) = summary(0, |_| None);
    assert!(lines.is_empty() && skipped.len() == 9);
}
