//! `fidelity`: score, validate and print program-fidelity checklists. Argument parsing and output formatting
//! only; every rule lives in fidelity-core.

mod analysis;
mod audit;
mod output;
mod render;

use clap::{Parser, Subcommand, ValueEnum};
use fidelity_core::analysis::{AnalysisOptions, Missing, RaterKey};
use fidelity_core::assessment::declared_bank;
use fidelity_core::assessment::wide::{self, WideReader};
use fidelity_core::report::ScoreSummary;
use fidelity_core::{builtin, schema, score, Assessment, Bank, Error, Lang, Library, ScoreReport};
use output::Sink;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "fidelity",
    version,
    about = "Score program-fidelity assessments (生活保護就労支援プログラム) against versioned item banks"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct BankArgs {
    /// Built-in bank, `id` (latest) or `id@version` [default: the one the assessment names, else seiho-shuro]
    #[arg(long, conflicts_with = "bank_dir")]
    bank: Option<String>,
    /// A bank version folder to use instead of a built-in bank
    #[arg(long, value_name = "DIR")]
    bank_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Score assessments: YAML/JSON files (one office each) or a wide CSV (one office per row)
    Score {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        bank: BankArgs,
        #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        /// Write to this new file instead of stdout (never over an existing file)
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check assessments (YAML/JSON/CSV) or a bank folder; lists every problem, exits 1 if any
    Validate {
        /// Assessment files, or bank version folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        bank: BankArgs,
        #[arg(long, value_enum, default_value_t = ProblemFormat::Text)]
        format: ProblemFormat,
    },
    /// Print the checklist
    Items {
        #[command(flatten)]
        bank: BankArgs,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        #[arg(long, value_enum, default_value_t = ItemsFormat::Text)]
        format: ItemsFormat,
    },
    /// Write an empty assessment: the wide CSV header, or a YAML file with every element
    Template {
        #[command(flatten)]
        bank: BankArgs,
        #[arg(long, value_enum, default_value_t = TemplateFormat::Yaml)]
        format: TemplateFormat,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print a JSON Schema generated from the core's types
    Schema {
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(schema::NAMES))]
        name: String,
        /// With `assessment`: make the schema specific to this bank (element ids and options enumerated)
        #[command(flatten)]
        bank: BankArgs,
    },
    /// List the built-in banks
    Banks,
    /// Compare two assessments or score reports of one office: deltas, level change, elements newly met and
    /// no longer met; across versions only through a crosswalk
    Compare {
        /// The earlier assessment (YAML/JSON) or score report (JSON)
        old: PathBuf,
        /// The later assessment or score report
        new: PathBuf,
        #[command(flatten)]
        library: LibraryArgs,
        #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
        format: AuditFormat,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Scores across periods, per office: assessments or score reports, or wide CSVs of many offices
    Trend {
        #[command(flatten)]
        input: ReportFiles,
        /// `html`: a self-contained page with charts, to open offline and print
        #[arg(long, value_enum, default_value_t = TrendFormat::Table)]
        format: TrendFormat,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Agreement between two raters of each office and period, internal consistency, and item and element
    /// statistics, over assessments of one bank version (a wide CSV, assessments or score reports)
    Agreement {
        #[command(flatten)]
        input: ReportFiles,
        /// Pair reports by rater kind (self / external) or by rater name
        #[arg(long, value_enum, default_value_t = RaterKeyArg::Kind)]
        by: RaterKeyArg,
        /// The two raters to compare, e.g. `self,external` [default: self,external; by name, the two present]
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        raters: Option<Vec<String>>,
        /// Restrict reliability and item statistics to one rater's reports [default: every report]
        #[arg(long)]
        only: Option<String>,
        /// Rows with a missing item in Cronbach's alpha: dropped (listwise) or each covariance over the rows
        /// that have both items (pairwise)
        #[arg(long, value_enum, default_value_t = MissingArg::Listwise)]
        missing: MissingArg,
        #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
        format: AuditFormat,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Recompute a score report from its assessment with the bank version it records; exits 1 unless it matches
    Verify {
        /// A score report (JSON), as `fidelity score --format json` writes it
        report: PathBuf,
        /// The assessment the report was computed from
        assessment: PathBuf,
        #[command(flatten)]
        library: LibraryArgs,
        #[arg(long, value_enum, default_value_t = ProblemFormat::Text)]
        format: ProblemFormat,
    },
}

/// Score reports to read: wide CSVs, assessments or reports' JSON, with the banks that read them.
#[derive(clap::Args)]
struct ReportFiles {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    library: LibraryArgs,
    /// The bank of wide CSV rows, `id` or `id@version` [default: seiho-shuro]
    #[arg(long)]
    bank: Option<String>,
}

impl ReportFiles {
    /// The library and every report: CSV rows scored with `bank` (invalid rows reported on stderr, which
    /// makes the flag false), assessments scored with the bank they name, reports read as they are.
    fn read(&self) -> Result<(Library, Vec<ScoreReport>, bool), Failure> {
        let library = self.library.open()?;
        let mut reports = Vec::new();
        let mut all_ok = true;
        for path in &self.files {
            if is_csv(path) {
                let bank = library.bank(self.bank.as_deref().unwrap_or(builtin::DEFAULT))?;
                all_ok &= csv_reports(path, &bank, |r| {
                    reports.push(r);
                    Ok(())
                })?;
            } else {
                reports.push(report_of(&library, path)?);
            }
        }
        Ok((library, reports, all_ok))
    }
}

#[derive(clap::Args)]
struct LibraryArgs {
    /// A folder laid out like fidelity-items/ (<id>/<version>/ and <id>/crosswalks/) whose banks and crosswalks
    /// are used besides the built-in ones
    #[arg(long, value_name = "DIR")]
    banks: Option<PathBuf>,
}

impl LibraryArgs {
    fn open(&self) -> Result<Library, Failure> {
        Ok(match &self.banks {
            Some(dir) => Library::with_dir(dir)?,
            None => Library::builtin(),
        })
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum AuditFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum TrendFormat {
    Table,
    Markdown,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ScoreFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProblemFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ItemsFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Yaml,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum RaterKeyArg {
    Kind,
    Name,
}

#[derive(Clone, Copy, ValueEnum)]
enum MissingArg {
    Listwise,
    Pairwise,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

/// A failure: either problems in the input (exit 1) or something the user must fix in the call (exit 2).
enum Failure {
    Problems(Error),
    Message(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Problems(e)
    }
}

impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure::Message(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Message(e.to_string())
    }
}

type Outcome = Result<bool, Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure::Problems(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(Failure::Message(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Score {
            files,
            bank,
            format,
            lang,
            output,
        } => score_files(&files, &Banks::open(&bank)?, format, lang.into(), output.as_deref()),
        Command::Validate { paths, bank, format } => validate(&paths, &Banks::open(&bank)?, format),
        Command::Items { bank, lang, format } => {
            let bank = Banks::open(&bank)?.pick(None)?;
            let text = match format {
                ItemsFormat::Json => serde_json::to_string_pretty(bank.def()).map_err(|e| e.to_string())? + "\n",
                ItemsFormat::Text => render::checklist(&bank, lang.into(), false),
                ItemsFormat::Markdown => render::checklist(&bank, lang.into(), true),
            };
            print!("{text}");
            Ok(true)
        }
        Command::Template { bank, format, output } => {
            let bank = Banks::open(&bank)?.pick(None)?;
            let mut sink = Sink::open(output.as_deref(), &[])?;
            match format {
                TemplateFormat::Csv => {
                    let mut w = csv::Writer::from_writer(&mut sink);
                    w.write_record(wide::template_header(&bank)).map_err(|e| e.to_string())?;
                    w.flush()?;
                }
                TemplateFormat::Yaml => sink.write_all(yaml_template(&bank).as_bytes())?,
            }
            sink.finish()?;
            Ok(true)
        }
        Command::Schema { name, bank } => {
            let schema = if name == "assessment" && (bank.bank.is_some() || bank.bank_dir.is_some()) {
                schema::assessment_for(&*Banks::open(&bank)?.pick(None)?)
            } else {
                schema::by_name(&name).ok_or_else(|| format!("no schema named {name}"))?
            };
            println!("{}", serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?);
            Ok(true)
        }
        Command::Compare {
            old,
            new,
            library,
            format,
            lang,
            output,
        } => {
            let library = library.open()?;
            let (a, b) = (report_of(&library, &old)?, report_of(&library, &new)?);
            let comparison = fidelity_core::compare(&library, &a, &b)?;
            let bank = library.bank(&format!("{}@{}", b.bank.id, b.bank.version))?;
            let text = match format {
                AuditFormat::Json => serde_json::to_string_pretty(&comparison).map_err(|e| e.to_string())? + "\n",
                AuditFormat::Table => audit::comparison(&bank, &comparison, lang.into(), false),
                AuditFormat::Markdown => audit::comparison(&bank, &comparison, lang.into(), true),
            };
            write_new(output.as_deref(), &[old, new], &text)?;
            Ok(true)
        }
        Command::Trend {
            input,
            format,
            lang,
            output,
        } => {
            let (library, reports, all_ok) = input.read()?;
            let trend = fidelity_core::trend(&reports)?;
            // Titles and level labels come from the newest version the reports use.
            let latest = reports
                .iter()
                .map(|r| format!("{}@{}", r.bank.id, r.bank.version))
                .max_by(|a, b| a.cmp(b));
            let bank = latest.and_then(|r| library.bank(&r).ok());
            let lang = lang.into();
            let text = match format {
                TrendFormat::Json => serde_json::to_string_pretty(&trend).map_err(|e| e.to_string())? + "\n",
                TrendFormat::Html => fidelity_core::html::trend_page(&trend, bank.as_deref(), lang),
                TrendFormat::Table => audit::trend(bank.as_deref(), &trend, lang, false),
                TrendFormat::Markdown => audit::trend(bank.as_deref(), &trend, lang, true),
            };
            write_new(output.as_deref(), &input.files, &text)?;
            Ok(all_ok)
        }
        Command::Agreement {
            input,
            by,
            raters,
            only,
            missing,
            format,
            lang,
            output,
        } => {
            let (_, reports, all_ok) = input.read()?;
            let options = AnalysisOptions {
                rater_key: match by {
                    RaterKeyArg::Kind => RaterKey::Kind,
                    RaterKeyArg::Name => RaterKey::Name,
                },
                raters: match raters.as_deref() {
                    None => None,
                    Some([a, b]) => Some([a.clone(), b.clone()]),
                    Some(_) => return Err("--raters takes two raters, e.g. --raters self,external".to_string().into()),
                },
                only,
                missing: Some(match missing {
                    MissingArg::Listwise => Missing::Listwise,
                    MissingArg::Pairwise => Missing::Pairwise,
                }),
            };
            let result = fidelity_core::analyze(&reports, &options)?;
            let text = match format {
                AuditFormat::Json => serde_json::to_string_pretty(&result).map_err(|e| e.to_string())? + "\n",
                AuditFormat::Table => analysis::render(&result, lang.into(), false),
                AuditFormat::Markdown => analysis::render(&result, lang.into(), true),
            };
            write_new(output.as_deref(), &input.files, &text)?;
            Ok(all_ok)
        }
        Command::Verify {
            report,
            assessment,
            library,
            format,
        } => {
            let library = library.open()?;
            let recorded = ScoreReport::from_json(&read(&report)?).map_err(|e| in_file(e, &report))?;
            let result = fidelity_core::verify(&library, &recorded, &read(&assessment)?).map_err(|e| in_file(e, &assessment))?;
            match format {
                ProblemFormat::Json => println!("{}", serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?),
                ProblemFormat::Text => print!("{}", audit::verification(&result)),
            }
            Ok(result.matches)
        }
        Command::Banks => {
            for (id, version) in builtin::list() {
                let bank = builtin::get(&format!("{id}@{version}"))?;
                println!("{id}@{version}\t{}\t{}", bank.scoring_digest(), bank.def().title.ja);
            }
            Ok(true)
        }
    }
}

/// The banks a command may use: a `--bank-dir` folder, loaded and checked once, or built-in banks by name.
struct Banks {
    dir: Option<Arc<Bank>>,
    name: Option<String>,
}

impl Banks {
    fn open(args: &BankArgs) -> Result<Banks, Failure> {
        let dir = match &args.bank_dir {
            Some(dir) => Some(Arc::new(Bank::from_dir(dir)?)),
            None => None,
        };
        Ok(Banks {
            dir,
            name: args.bank.clone(),
        })
    }

    /// The bank for an input: `--bank-dir`, `--bank`, the bank the assessment names, or the default.
    fn pick(&self, declared: Option<&str>) -> Result<Arc<Bank>, Failure> {
        if let Some(bank) = &self.dir {
            return Ok(bank.clone());
        }
        Ok(builtin::get(self.name.as_deref().or(declared).unwrap_or(builtin::DEFAULT))?)
    }
}

/// A text input file, read by the core as every interface reads it: an unreadable file is a wrong call (exit
/// 2), a file that is not UTF-8 is an input with a problem (exit 1).
fn read(path: &Path) -> Result<String, Failure> {
    fidelity_core::input::read_file(path).map_err(|e| match e.kind {
        fidelity_core::ErrorKind::Io => Failure::Message(e.to_string()),
        _ => Failure::Problems(e),
    })
}

/// A score report from a file: a report's JSON as it is, or an assessment scored with the bank it names.
fn report_of(library: &Library, path: &Path) -> Result<ScoreReport, Failure> {
    Ok(library.report(&read(path)?, None).map_err(|e| in_file(e, path))?)
}

/// Writes a whole text to stdout or a new file.
fn write_new(output: Option<&Path>, inputs: &[PathBuf], text: &str) -> Result<(), Failure> {
    let mut sink = Sink::open(output, inputs)?;
    sink.write_all(text.as_bytes())?;
    Ok(sink.finish()?)
}

fn open_csv<'b>(path: &Path, bank: &'b Bank) -> Result<WideReader<'b, std::io::BufReader<std::fs::File>>, Failure> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(WideReader::new(std::io::BufReader::new(file), bank).map_err(|e| in_file(e, path))?)
}

/// An invalid CSV row's problems, on stderr with the file and line.
fn report_row_problems(problems: Vec<fidelity_core::Problem>, path: &Path) {
    eprintln!("{}", in_file(Error::new(fidelity_core::ErrorKind::Assessment, problems), path));
}

/// Streams the reports of a wide CSV's valid rows to `each`; invalid rows are reported on stderr (returns
/// false).
fn csv_reports(path: &Path, bank: &Bank, mut each: impl FnMut(ScoreReport) -> Result<(), Failure>) -> Outcome {
    let mut reader = open_csv(path, bank)?;
    let mut all_ok = true;
    while let Some(row) = reader.next_row() {
        match row.map_err(|e| in_file(e, path))?.assessment {
            Ok(a) => each(score(bank, &a))?,
            Err(problems) => {
                all_ok = false;
                report_row_problems(problems, path);
            }
        }
    }
    Ok(all_ok)
}

fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
}

/// Tags every problem of an error with the file it came from.
fn in_file(mut e: Error, path: &Path) -> Error {
    for p in &mut e.problems {
        p.file.get_or_insert_with(|| path.display().to_string());
    }
    e
}

fn score_files(files: &[PathBuf], banks: &Banks, format: ScoreFormat, lang: Lang, output: Option<&Path>) -> Outcome {
    let mut sink = Sink::open(output, files)?;
    let mut all_ok = true;
    let mut json_reports: Vec<ScoreReport> = Vec::new();
    let mut csv_out: Option<csv::Writer<Vec<u8>>> = None;
    for path in files {
        if is_csv(path) {
            all_ok &= score_csv(path, banks, format, lang, &mut sink, &mut json_reports)?;
            continue;
        }
        let text = match read(path) {
            Ok(text) => text,
            Err(Failure::Problems(e)) => {
                eprintln!("{e}");
                all_ok = false;
                continue;
            }
            Err(other) => return Err(other),
        };
        let bank = banks.pick(declared_bank(&text).as_deref())?;
        let assessment = match Assessment::from_text(&text, &bank) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{}", in_file(e, path));
                all_ok = false;
                continue;
            }
        };
        let report = score(&bank, &assessment);
        match format {
            ScoreFormat::Table => write!(sink, "{}", render::table(&bank, &report, lang))?,
            ScoreFormat::Markdown => write!(sink, "{}", render::markdown(&bank, &report, lang))?,
            ScoreFormat::Json => json_reports.push(report),
            ScoreFormat::Csv => {
                let w = csv_out.get_or_insert_with(|| {
                    let mut w = csv::Writer::from_writer(Vec::new());
                    let _ = w.write_record(wide::output_header(&bank, &[]));
                    w
                });
                let row = wide::ScoredRow {
                    line: 0,
                    fixed: [
                        report.office.id.clone(),
                        report.office.name.clone().unwrap_or_default(),
                        report.period.clone(),
                        report.rater.kind.as_str().to_string(),
                    ],
                    scores: Ok(ScoreSummary::from(&report)),
                    carried: Vec::new(),
                };
                w.write_record(wide::output_record(&bank, &row)).map_err(|e| e.to_string())?;
            }
        }
    }
    if let Some(w) = csv_out {
        sink.write_all(&w.into_inner().map_err(|e| e.to_string())?)?;
    }
    if format == ScoreFormat::Json {
        let json = if json_reports.len() == 1 && files.len() == 1 && !is_csv(&files[0]) {
            serde_json::to_string_pretty(&json_reports[0])
        } else {
            serde_json::to_string_pretty(&json_reports)
        };
        writeln!(sink, "{}", json.map_err(|e| e.to_string())?)?;
    }
    sink.finish()?;
    Ok(all_ok)
}

/// Streams a wide CSV: every row is kept; invalid rows are reported on stderr with their line and, in CSV
/// output, kept with their problems and no scores.
fn score_csv(path: &Path, banks: &Banks, format: ScoreFormat, lang: Lang, sink: &mut Sink, reports: &mut Vec<ScoreReport>) -> Outcome {
    let bank = banks.pick(None)?;
    if format != ScoreFormat::Csv {
        return csv_reports(path, &bank, |r| {
            match format {
                ScoreFormat::Table => write!(sink, "{}", render::table(&bank, &r, lang))?,
                ScoreFormat::Markdown => write!(sink, "{}", render::markdown(&bank, &r, lang))?,
                _ => reports.push(r),
            }
            Ok(())
        });
    }
    let mut reader = open_csv(path, &bank)?;
    let mut all_ok = true;
    let mut w = csv::Writer::from_writer(&mut *sink);
    w.write_record(wide::output_header(&bank, reader.carried_columns()))
        .map_err(|e| e.to_string())?;
    while let Some(problems) = reader.write_next(&mut w) {
        let problems = problems.map_err(|e| in_file(e, path))?;
        if !problems.is_empty() {
            all_ok = false;
            report_row_problems(problems, path);
        }
    }
    w.flush()?;
    Ok(all_ok)
}

fn validate(paths: &[PathBuf], banks: &Banks, format: ProblemFormat) -> Outcome {
    let mut problems = Vec::new();
    for path in paths {
        let result = if path.is_dir() {
            Bank::from_dir(path).map(|_| ())
        } else if is_csv(path) {
            let bank = banks.pick(None)?;
            let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let found = wide::check(std::io::BufReader::new(file), &bank);
            if found.is_empty() {
                Ok(())
            } else {
                Err(Error::new(fidelity_core::ErrorKind::Assessment, found))
            }
        } else {
            match read(path) {
                Ok(text) => {
                    let bank = banks.pick(declared_bank(&text).as_deref())?;
                    Assessment::from_text(&text, &bank).map(|_| ())
                }
                Err(Failure::Problems(e)) => Err(e),
                Err(other) => return Err(other),
            }
        };
        if let Err(e) = result {
            problems.extend(in_file(e, path).problems);
        }
    }
    match format {
        ProblemFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"valid": problems.is_empty(), "problems": problems}))
                .map_err(|e| e.to_string())?
        ),
        ProblemFormat::Text => {
            for p in &problems {
                eprintln!("{p}");
            }
            if problems.is_empty() {
                println!("ok: {} checked, no problems", paths.len());
            }
        }
    }
    Ok(problems.is_empty())
}

/// A YAML assessment with every element listed as unanswered, its text as a comment.
fn yaml_template(bank: &Bank) -> String {
    use fidelity_core::bank::Criterion;
    let mut out = format!(
        "# Assessment template for {} — fill in and score with `fidelity score`.\n# Answer true / false for every element; option and figure elements may give their evidence instead.\n# ※ {}\nbank: {}\noffice: {{id: \"\", name: \"\"}}\nperiod: \"\"\nrater: {{kind: self}}  # self | external\nanswers:\n",
        bank.reference(),
        bank.def().scoring.notice.ja,
        bank.reference()
    );
    for e in bank.elements() {
        let el = e.element;
        out += &format!("  # {}\n", el.text.ja);
        let hint = match &el.criterion {
            Criterion::Check => String::new(),
            Criterion::Options { options, .. } => {
                format!(
                    "  # or a list of: {}",
                    options.iter().map(|o| o.key.as_str()).collect::<Vec<_>>().join(", ")
                )
            }
            Criterion::Figure { inputs, .. } => format!(
                "  # or {{{}}}",
                inputs.iter().map(|i| format!("{}: N", i.key)).collect::<Vec<_>>().join(", ")
            ),
        };
        out += &format!("  {}: null{hint}\n", el.id);
    }
    out
}
