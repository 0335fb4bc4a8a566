//! The command line: every command, argument and value the `fidelity` binary takes. Parsing only; what each
//! command does is in `cmd/`.

use clap::{Parser, Subcommand, ValueEnum};
use fidelity_core::boundary::TextEncoding;
use fidelity_core::{schema, Lang};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "fidelity",
    version,
    about = "Score program-fidelity assessments (生活保護就労支援プログラム) against versioned item banks"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(clap::Args)]
pub(crate) struct BankArgs {
    /// Built-in bank, `id` (latest) or `id@version` [default: the one the assessment names, else seiho-shuro]
    #[arg(long, conflicts_with = "bank_dir")]
    pub(crate) bank: Option<String>,
    /// A bank version folder to use instead of a built-in bank
    #[arg(long, value_name = "DIR")]
    pub(crate) bank_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
        /// With --format csv and a wide CSV: write the identity columns and the scores only, without the
        /// input's other columns (a smaller file, to join back on office_id, period and rater_kind)
        #[arg(long)]
        scores_only: bool,
        /// Write to this new file instead of stdout (never over an existing file)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// How a CSV input's bytes are text: found from the file (auto), UTF-8, or Shift_JIS as Excel on
        /// Japanese Windows saves "CSV" (cp932)
        #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
        encoding: EncodingArg,
        /// With --format csv: utf-8-bom starts the scored CSV with a byte-order mark, so Excel opens it as UTF-8;
        /// cp932 writes it in Shift_JIS, as Excel on Japanese Windows saves (a character it lacks is an error)
        #[arg(long, value_enum, default_value_t = OutputEncodingArg::Utf8)]
        output_encoding: OutputEncodingArg,
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
        /// Also refuse elements that take evidence (△ options or figures) but are answered true/false alone
        #[arg(long)]
        strict: bool,
        /// How a CSV input's bytes are text (see `score --encoding`)
        #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
        encoding: EncodingArg,
        /// The language of the problems' messages and help
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
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
    /// Write an empty assessment: the wide CSV header, a YAML file with every element, or an Excel workbook
    /// an office fills in (xlsx, needs -o; `fidelity score` reads it back)
    Template {
        #[command(flatten)]
        bank: BankArgs,
        #[arg(long, value_enum, default_value_t = TemplateFormat::Yaml)]
        format: TemplateFormat,
        /// The workbook's language
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Write the checklist for another tool: `redcap`, a REDCap data dictionary (the CSV REDCap imports as an
    /// instrument; `fidelity score` reads a raw export of it); `fhir`, a FHIR R4 Questionnaire (`fidelity score`
    /// reads a QuestionnaireResponse to it)
    Export {
        #[arg(value_enum)]
        format: ExportFormat,
        #[command(flatten)]
        bank: BankArgs,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
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
    /// Reconcile two reviewers' independent ratings of one office and period: a worksheet of their answers,
    /// the largest disagreements first; with --draft, the consensus draft to settle them in
    Consensus {
        /// The first reviewer's rating (YAML/JSON)
        first: PathBuf,
        /// The second reviewer's rating
        second: PathBuf,
        /// Write the consensus draft (YAML, rater kind `consensus`, disagreements left open) to this new file
        #[arg(long)]
        draft: Option<PathBuf>,
        #[command(flatten)]
        library: LibraryArgs,
        /// `html`: a printable page
        #[arg(long, value_enum, default_value_t = PageFormat::Table)]
        format: PageFormat,
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
        /// Write the worksheet to this new file instead of stdout
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// The office's report after a review: scores with a chart, strengths and what was not met with the
    /// findings, an action plan to fill in, and with --previous the change since an earlier rating
    Report {
        /// The rating of record (a consensus, or any assessment or score report)
        assessment: PathBuf,
        /// An earlier rating of the office, to show the change since (through a crosswalk across versions)
        #[arg(long)]
        previous: Option<PathBuf>,
        #[command(flatten)]
        library: LibraryArgs,
        /// `html`: a self-contained page to open offline and print on A4
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
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
        #[arg(long, value_enum, default_value_t = PageFormat::Table)]
        format: PageFormat,
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
        /// The raters to compare, e.g. `self,external`; three or more add the many-rater coefficients (the
        /// two-rater tables compare the first two) [default: self,external; by name, the two present]
        #[arg(long, value_delimiter = ',', value_name = "A,B[,C...]")]
        raters: Option<Vec<String>>,
        /// Restrict reliability and item statistics to one rater's reports [default: every report]
        #[arg(long)]
        only: Option<String>,
        /// Rows with a missing item in Cronbach's alpha: dropped (listwise) or each covariance over the rows
        /// that have both items (pairwise)
        #[arg(long, value_enum, default_value_t = MissingArg::Listwise)]
        missing: MissingArg,
        /// Bootstrap percentile and BCa intervals for every agreement coefficient, from this many resamples of
        /// the offices × periods (e.g. 2000); with --periods, of the differences too, resampling offices
        #[arg(long, value_name = "RESAMPLES")]
        bootstrap: Option<u32>,
        /// The bootstrap's seed: the same seed gives the same intervals on every machine
        #[arg(long, default_value_t = 1, requires = "bootstrap")]
        seed: u64,
        /// Compare agreement in two periods, e.g. `2024,2025`: every agreement coefficient in each and the
        /// second's minus the first's (with --format csv, the CSV is this table)
        #[arg(long, value_delimiter = ',', num_args = 1, value_name = "FIRST,SECOND")]
        periods: Option<Vec<String>>,
        /// csv: every coefficient in one long table (scope, id, coefficient, value, se, ci95_lower,
        /// ci95_upper, n)
        #[arg(long, value_enum, default_value_t = AnalysisFormat::Table)]
        format: AnalysisFormat,
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
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
    },
}

impl Command {
    /// The language the user asked for: the one problems are told in (Japanese where a command has no
    /// `--lang`).
    pub(crate) fn lang(&self) -> Lang {
        use Command::*;
        match self {
            Score { lang, .. }
            | Validate { lang, .. }
            | Items { lang, .. }
            | Template { lang, .. }
            | Export { lang, .. }
            | Compare { lang, .. }
            | Consensus { lang, .. }
            | Report { lang, .. }
            | Trend { lang, .. }
            | Agreement { lang, .. }
            | Verify { lang, .. } => (*lang).into(),
            Schema { .. } | Banks => Lang::Ja,
        }
    }
}

/// Score reports to read: wide CSVs, assessments or reports' JSON, with the banks that read them.
#[derive(clap::Args)]
pub(crate) struct ReportFiles {
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) library: LibraryArgs,
    /// The bank of wide CSV rows, `id` or `id@version` [default: seiho-shuro]
    #[arg(long)]
    pub(crate) bank: Option<String>,
}

#[derive(clap::Args)]
pub(crate) struct LibraryArgs {
    /// A folder laid out like fidelity-items/ (<id>/<version>/ and <id>/crosswalks/) whose banks and crosswalks
    /// are used besides the built-in ones
    #[arg(long, value_name = "DIR")]
    pub(crate) banks: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum AuditFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum AnalysisFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum ExportFormat {
    Redcap,
    Fhir,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum ReportFormat {
    Html,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum PageFormat {
    Table,
    Markdown,
    Json,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum EncodingArg {
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    Cp932,
}

impl From<EncodingArg> for TextEncoding {
    fn from(e: EncodingArg) -> Self {
        match e {
            EncodingArg::Auto => TextEncoding::Auto,
            EncodingArg::Utf8 => TextEncoding::Utf8,
            EncodingArg::Cp932 => TextEncoding::ShiftJis,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum OutputEncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "utf-8-bom")]
    Utf8Bom,
    Cp932,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum ScoreFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ProblemFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ItemsFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum TemplateFormat {
    Yaml,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum RaterKeyArg {
    Kind,
    Name,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum MissingArg {
    Listwise,
    Pairwise,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum LangArg {
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
