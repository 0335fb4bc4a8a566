//! The native half of `fidelity_scale`: converts Python values to the core's inputs and the core's results and
//! errors back. No scoring, validation or parsing happens here; the pure-Python package around it
//! (`python/fidelity_scale`) adds the typed objects, pandas glue, HTML and plots.
//!
//! Errors are raised as `fidelity_scale._errors.BankError` / `AssessmentError`, built from the core's
//! problems, so Python sees one exception family whichever side found the problem.

use fidelity_core::batch::{self, RowScorer};
use fidelity_core::batch::{Cell, WideLayout};
use fidelity_core::boundary::{self, Document, Origin};
use fidelity_core::{builtin, schema, Bank, Error, Problem};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A problem as a dict with the keys of the core's `Problem` (absent positions are None).
fn problem_dict<'py>(py: Python<'py>, p: &Problem) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", p.code.to_string())?;
    d.set_item("path", &p.path)?;
    d.set_item("message", &p.message)?;
    d.set_item("line", p.line)?;
    d.set_item("column", p.column)?;
    d.set_item("file", &p.file)?;
    d.set_item("row", p.row)?;
    d.set_item("cell", &p.cell)?;
    d.set_item("element", &p.element)?;
    d.set_item("help", &p.help)?;
    d.set_item("message_ja", &p.message_ja)?;
    d.set_item("help_ja", &p.help_ja)?;
    Ok(d)
}

fn problem_list<'py>(py: Python<'py>, problems: &[Problem]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for p in problems {
        list.append(problem_dict(py, p)?)?;
    }
    Ok(list)
}

/// The core's error as the package's exception class for its kind.
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let raised = || -> PyResult<PyErr> {
        let class = py.import("fidelity_scale._errors")?.getattr(e.kind.class_name())?;
        Ok(PyErr::from_value(class.call1((e.to_string(), problem_list(py, &e.problems)?))?))
    };
    raised().unwrap_or_else(|err| err)
}

/// An assessment's text as the core reads it: the user's text (or file) with positions, or the JSON the
/// package wrote from a Python object (`positioned` false), read as values and told by path.
fn document(text: &str, positioned: bool, file: Option<String>) -> Document<'_> {
    if positioned {
        Document::parse(text, Origin { file, positions: true })
    } else {
        Document::from_json_values(text)
    }
}

/// One input column of a batch: numbers as a float64 buffer (NaN is blank), or Python values.
enum Column {
    Numbers(Vec<f64>),
    Values(Vec<Value>),
}

enum Value {
    Blank,
    Number(f64),
    Text(String),
}

impl Column {
    fn cell(&self, row: usize) -> Cell<'_> {
        match self {
            Column::Numbers(v) => Cell::Number(v[row]),
            Column::Values(v) => match &v[row] {
                Value::Blank => Cell::Text(""),
                Value::Number(n) => Cell::Number(*n),
                Value::Text(t) => Cell::Text(t),
            },
        }
    }

    fn len(&self) -> usize {
        match self {
            Column::Numbers(v) => v.len(),
            Column::Values(v) => v.len(),
        }
    }
}

/// Reads a column: `bytes` of native-endian float64, or a list of None / bool / int / float / str (anything
/// else is read through `str()`).
fn read_column(obj: &Bound<'_, PyAny>) -> PyResult<Column> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        let raw = bytes.as_bytes();
        if raw.len() % 8 != 0 {
            return Err(PyValueError::new_err("a numeric column must be float64 bytes"));
        }
        return Ok(Column::Numbers(
            raw.chunks_exact(8)
                .map(|c| f64::from_ne_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        ));
    }
    let list = obj.cast::<PyList>()?;
    let mut values = Vec::with_capacity(list.len());
    for v in list.iter() {
        values.push(if v.is_none() {
            Value::Blank
        } else if let Ok(s) = v.cast::<PyString>() {
            Value::Text(s.to_str()?.to_owned())
        } else if let Ok(b) = v.cast::<PyBool>() {
            Value::Text(if b.is_true() { "true" } else { "false" }.to_owned())
        } else if let Ok(f) = v.cast::<PyFloat>() {
            Value::Number(f.value())
        } else if v.cast::<PyInt>().is_ok() {
            // Whole numbers keep every digit (an office code may exceed a float's precision).
            Value::Text(v.str()?.to_str()?.to_owned())
        } else {
            Value::Text(v.str()?.to_str()?.to_owned())
        });
    }
    Ok(Column::Values(values))
}

/// Batch results, column by column, as plain buffers the Python side turns into arrays.
struct Batch {
    items: Vec<Vec<i8>>,
    domains: Vec<Vec<f64>>,
    total_sum: Vec<i32>,
    total_mean: Vec<f64>,
    level: Vec<Option<String>>,
    /// Each row's elements answered by judgement alone where evidence could be given.
    judged: Vec<Vec<String>>,
    /// Every invalid row's problems, each with its row.
    problems: Vec<Problem>,
}

fn score_rows(bank: &Bank, scorer: &RowScorer<'_>, columns: &[Column], rows: usize) -> Batch {
    let items = bank.items().count();
    let domains = bank.domains().len();
    let mut out = Batch {
        items: vec![Vec::with_capacity(rows); items],
        domains: vec![Vec::with_capacity(rows); domains],
        total_sum: Vec::with_capacity(rows),
        total_mean: Vec::with_capacity(rows),
        level: Vec::with_capacity(rows),
        judged: Vec::with_capacity(rows),
        problems: Vec::new(),
    };
    let mut cells = Vec::with_capacity(columns.len());
    for row in 0..rows {
        cells.clear();
        cells.extend(columns.iter().map(|c| c.cell(row)));
        match scorer.score_row(row, &cells) {
            Ok(s) => {
                for (col, score) in out.items.iter_mut().zip(&s.items) {
                    col.push(score.map_or(0, |v| v as i8));
                }
                for (col, mean) in out.domains.iter_mut().zip(&s.domains) {
                    col.push(mean.unwrap_or(f64::NAN));
                }
                out.total_sum.push(s.total.sum.map_or(-1, |v| v as i32));
                out.total_mean.push(s.total.mean.unwrap_or(f64::NAN));
                out.level.push(s.level);
                out.judged.push(s.judged_without_evidence);
            }
            Err(problems) => {
                out.items.iter_mut().for_each(|c| c.push(0));
                out.domains.iter_mut().for_each(|c| c.push(f64::NAN));
                out.total_sum.push(-1);
                out.total_mean.push(f64::NAN);
                out.level.push(None);
                out.judged.push(Vec::new());
                out.problems.extend(problems);
            }
        }
    }
    out
}

/// A wide table's layout (header checked against the bank), its columns read, and its row count.
fn table<'b>(
    py: Python<'_>,
    bank: &'b Bank,
    header: &[String],
    columns: &[Bound<'_, PyAny>],
) -> PyResult<(WideLayout<'b>, Vec<Column>, usize)> {
    if header.len() != columns.len() {
        return Err(PyValueError::new_err("header and columns differ in length"));
    }
    let layout = WideLayout::new(bank, header.iter().map(String::as_str)).map_err(|e| to_py(py, e))?;
    let columns = columns.iter().map(read_column).collect::<PyResult<Vec<Column>>>()?;
    let rows = columns.first().map_or(0, Column::len);
    if columns.iter().any(|c| c.len() != rows) {
        return Err(PyValueError::new_err("columns differ in length"));
    }
    Ok((layout, columns, rows))
}

/// Every row of a table read the general way and scored with its trace, or that row's problems.
fn report_rows(layout: &WideLayout<'_>, columns: &[Column], rows: usize) -> Vec<Result<fidelity_core::ScoreReport, Vec<Problem>>> {
    batch::report_rows(layout, rows, |row, cells| cells.extend(columns.iter().map(|c| c.cell(row))))
}

fn f64_bytes<'py>(py: Python<'py>, v: &[f64]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, &v.iter().flat_map(|x| x.to_ne_bytes()).collect::<Vec<u8>>())
}

#[pymodule]
mod _native {
    use super::*;

    /// `(id, version)` of every built-in bank, oldest version first.
    #[pyfunction]
    fn banks() -> Vec<(String, String)> {
        builtin::list()
    }

    /// The generated JSON Schema called `name` (`bank`, `assessment`, `report`, ...), as JSON text.
    #[pyfunction]
    fn schema_json(name: &str) -> Option<String> {
        schema::by_name(name).and_then(|s| serde_json::to_string_pretty(&s).ok())
    }

    /// The bank an assessment text names in `bank:`, or the default built-in bank.
    #[pyfunction]
    fn declared_bank(text: &str) -> String {
        Document::parse(text, Origin::text()).bank_reference().to_string()
    }

    /// Scores an assessment text with the built-in bank it names (`bank:`), or the default one, reading it
    /// once; the report as JSON text, and the bank's reference.
    #[pyfunction]
    #[pyo3(signature = (text, positioned = true, file = None))]
    fn score_declared_json(py: Python<'_>, text: &str, positioned: bool, file: Option<String>) -> PyResult<(String, String)> {
        let doc = document(text, positioned, file);
        let bank = builtin::get(doc.bank_reference()).map_err(|e| to_py(py, doc.tell(e)))?;
        let report = doc.score(&bank).map_err(|e| to_py(py, e))?;
        Ok((to_json(&report)?, bank.reference()))
    }

    /// The help sentence of an error code in `lang` (`ErrorCode::help_in`), for problems the Python side finds
    /// itself.
    #[pyfunction]
    fn error_help(py: Python<'_>, code: &str, lang: &str) -> PyResult<Option<&'static str>> {
        let lang = parse_lang(py, lang)?;
        Ok(
            serde_json::from_value::<fidelity_core::ErrorCode>(serde_json::Value::String(code.to_string()))
                .ok()
                .map(|c| c.help_in(lang)),
        )
    }

    /// A problem (its JSON) as one line in `lang`, as the CLI tells it (`Problem::told`).
    #[pyfunction]
    fn problem_text(py: Python<'_>, problem: &str, lang: &str) -> PyResult<String> {
        let problem: Problem = from_json(problem)?;
        Ok(problem.told(parse_lang(py, lang)?))
    }

    /// A text input file as the core reads it for every interface: `FidelityIOError` when it cannot be read,
    /// `AssessmentError` (`encoding`, with the file, line and column) when it is not UTF-8.
    #[pyfunction]
    fn read_file(py: Python<'_>, path: PathBuf) -> PyResult<String> {
        boundary::read_file(&path).map_err(|e| to_py(py, e))
    }

    /// A CSV file as UTF-8 text, from UTF-8 or Shift_JIS (CP932) as `encoding` says (`auto`, `utf-8`,
    /// `cp932`), with the encoding it was read in.
    #[pyfunction]
    fn read_csv_text(py: Python<'_>, path: PathBuf, encoding: &str) -> PyResult<(String, &'static str)> {
        let Some(encoding) = fidelity_core::boundary::TextEncoding::parse(encoding) else {
            return Err(PyValueError::new_err(format!(
                "unknown encoding {encoding:?}: auto, utf-8 or cp932"
            )));
        };
        let (text, found) = py
            .detach(|| fidelity_core::boundary::read_csv_text(&path, encoding))
            .map_err(|e| to_py(py, e))?;
        Ok((text, found.name()))
    }

    /// An Excel workbook (the template, or a first sheet in the wide layout) read and scored with the built-in
    /// bank version it names or its columns are written for: each office's report's JSON, and the version.
    /// Every problem of every office makes the error, each with its sheet and cell.
    #[pyfunction]
    fn score_workbook_json(py: Python<'_>, path: PathBuf) -> PyResult<(Vec<String>, String)> {
        let file = path.display().to_string();
        let run = || -> fidelity_core::Result<(Vec<String>, String)> {
            let bytes = std::fs::read(&path).map_err(|e| {
                fidelity_core::Error::one(
                    fidelity_core::ErrorKind::Io,
                    Problem::new(
                        fidelity_core::ErrorCode::Io,
                        "",
                        fidelity_core::said!("{file} を読めません: {e}", "cannot read {file}: {e}"),
                    ),
                )
            })?;
            let bank_for = |declared: Option<&str>| fidelity_core::builtin::get(declared.unwrap_or(fidelity_core::builtin::DEFAULT));
            let book = fidelity_core::workbook::read(&bytes, bank_for)?;
            let mut reports = Vec::new();
            let mut problems = Vec::new();
            for row in book.rows {
                match row {
                    Ok(a) => reports.push(serde_json::to_string(&fidelity_core::score(&book.bank, &a)).unwrap_or_default()),
                    Err(p) => problems.extend(p),
                }
            }
            match problems.is_empty() {
                true => Ok((reports, book.bank.reference())),
                false => Err(fidelity_core::Error::new(fidelity_core::ErrorKind::Assessment, problems)),
            }
        };
        run().map_err(|e| to_py(py, boundary::Origin::file(file.clone()).tell(e)))
    }

    /// A REDCap raw export's text as the wide layout's, with the bank version its instrument names; `None`
    /// for any other CSV.
    #[pyfunction]
    fn redcap_wide_text(py: Python<'_>, text: &str) -> PyResult<Option<(String, String)>> {
        fidelity_core::redcap::wide_text(text).map_err(|e| to_py(py, e))
    }

    /// The REDCap data dictionary of a built-in bank version: header, then a row per field.
    #[pyfunction]
    fn redcap_dictionary(py: Python<'_>, reference: &str, lang: &str) -> PyResult<Vec<Vec<String>>> {
        let bank = fidelity_core::builtin::get(reference).map_err(|e| to_py(py, e))?;
        Ok(fidelity_core::redcap::dictionary(&bank, parse_lang(py, lang)?))
    }

    /// The units each bootstrap resample draws (`analysis::bootstrap::resample_indices`), for a second
    /// implementation to use the same resamples.
    #[pyfunction]
    fn bootstrap_indices(n: usize, resamples: u32, seed: u64) -> Vec<Vec<usize>> {
        fidelity_core::analysis::bootstrap::resample_indices(n, resamples.min(fidelity_core::analysis::bootstrap::MAX_RESAMPLES), seed)
    }

    /// The FHIR R4 Questionnaire of a built-in bank version, as `fidelity export fhir` writes its JSON.
    #[pyfunction]
    fn fhir_questionnaire_json(py: Python<'_>, reference: &str) -> PyResult<String> {
        let bank = fidelity_core::builtin::get(reference).map_err(|e| to_py(py, e))?;
        Ok(fidelity_core::fhir::questionnaire(&bank).to_string())
    }

    /// The built-in version of bank `id` a wide table's header is written for (the newest it fits), if any.
    #[pyfunction]
    fn bank_for_header(id: &str, header: Vec<String>) -> Option<String> {
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        fidelity_core::boundary::bank_for_header(id, &header)
    }

    /// The core's screen words in `lang` (`ja` or `en`), key → word: statuses, rater kinds, column headings.
    #[pyfunction]
    fn words(py: Python<'_>, lang: &str) -> PyResult<BTreeMap<&'static str, &'static str>> {
        Ok(fidelity_core::words::table(parse_lang(py, lang)?).into_iter().collect())
    }

    /// Research statistics (an `Analysis`'s JSON) as `fidelity agreement` prints them: a terminal table, or
    /// Markdown.
    #[pyfunction]
    fn analysis_text(py: Python<'_>, analysis: &str, lang: &str, markdown: bool) -> PyResult<String> {
        let analysis: fidelity_core::Analysis = from_json(analysis)?;
        Ok(fidelity_render::analysis::render(&analysis, parse_lang(py, lang)?, markdown))
    }

    /// Whether this module was built without optimisations (timings of such a build mean little).
    #[pyfunction]
    fn debug_build() -> bool {
        cfg!(debug_assertions)
    }

    /// The engine's version, stamped on every report.
    #[pyfunction]
    fn engine_version() -> &'static str {
        fidelity_core::ENGINE_VERSION
    }

    /// A checked bank, shared (cheap to clone, safe across threads).
    #[pyclass(frozen, module = "fidelity_scale._native")]
    struct NativeBank {
        bank: Arc<Bank>,
    }

    impl NativeBank {
        fn loaded(py: Python<'_>, bank: fidelity_core::Result<Bank>) -> PyResult<Self> {
            bank.map(|bank| NativeBank { bank: Arc::new(bank) }).map_err(|e| to_py(py, e))
        }

        /// Reads an assessment text (see `document`).
        /// The problems of a table's rows: each invalid row's, and with `strict` each element answered by
        /// judgement alone where evidence could be given (`evidence_required`, with its row).
        fn row_problems(&self, batch: &Batch, strict: bool) -> Vec<Problem> {
            let mut problems = batch.problems.clone();
            if strict {
                for (row, ids) in batch.judged.iter().enumerate() {
                    problems.extend(
                        ids.iter()
                            .map(|id| fidelity_core::boundary::evidence_required(&self.bank, id).in_row(row)),
                    );
                }
                problems.sort_by_key(|p| p.row);
            }
            problems
        }
    }

    #[pymethods]
    impl NativeBank {
        /// A built-in bank: `id` (latest version) or `id@version`.
        #[staticmethod]
        fn builtin(py: Python<'_>, reference: &str) -> PyResult<Self> {
            builtin::get(reference).map(|bank| NativeBank { bank }).map_err(|e| to_py(py, e))
        }

        /// A bank version folder (`bank.yaml` and one file per item).
        #[staticmethod]
        fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
            NativeBank::loaded(py, Bank::from_dir(&path))
        }

        /// A bank from file names and texts, as a bank folder would hold them.
        #[staticmethod]
        fn from_files(py: Python<'_>, files: BTreeMap<String, String>) -> PyResult<Self> {
            NativeBank::loaded(py, Bank::from_files(&files))
        }

        #[getter]
        fn id(&self) -> &str {
            self.bank.id()
        }

        #[getter]
        fn version(&self) -> &str {
            self.bank.version()
        }

        #[getter]
        fn reference(&self) -> String {
            self.bank.reference()
        }

        #[getter]
        fn content_digest(&self) -> &str {
            self.bank.content_digest()
        }

        #[getter]
        fn scoring_digest(&self) -> &str {
            self.bank.scoring_digest()
        }

        /// The bank's definition (the `bank` JSON Schema's shape), as JSON text.
        fn definition_json(&self) -> PyResult<String> {
            serde_json::to_string(self.bank.def()).map_err(|e| PyValueError::new_err(e.to_string()))
        }

        /// The JSON Schema of an assessment for this bank, as JSON text.
        fn assessment_schema_json(&self) -> PyResult<String> {
            serde_json::to_string_pretty(&schema::assessment_for(&self.bank)).map_err(|e| PyValueError::new_err(e.to_string()))
        }

        /// The Excel workbook an office fills in, as bytes.
        fn workbook_template<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyBytes>> {
            let bytes = fidelity_core::workbook::template(&self.bank, parse_lang(py, lang)?).map_err(|e| to_py(py, e))?;
            Ok(PyBytes::new(py, &bytes))
        }

        /// The wide layout's input columns.
        fn template_columns(&self) -> Vec<String> {
            fidelity_core::template::csv_header(&self.bank)
        }

        /// The wide layout's output columns before the carried-through ones.
        fn output_columns(&self) -> Vec<String> {
            fidelity_core::batch::output_header(&self.bank, &[])
        }

        /// Scores an assessment given as YAML or JSON text; the report as JSON text. `positioned` keeps
        /// line and column in problems (false when the text was made from a Python object); `file` names
        /// the file the text came from.
        #[pyo3(signature = (text, positioned = true, file = None))]
        fn score_json(&self, py: Python<'_>, text: &str, positioned: bool, file: Option<String>) -> PyResult<String> {
            let report = document(text, positioned, file).score(&self.bank).map_err(|e| to_py(py, e))?;
            to_json(&report)
        }

        /// The checklist as `fidelity items` prints it: a terminal text, or Markdown.
        fn checklist_text(&self, py: Python<'_>, lang: &str, markdown: bool) -> PyResult<String> {
            Ok(fidelity_render::checklist::checklist(&self.bank, parse_lang(py, lang)?, markdown))
        }

        /// A report's JSON as `fidelity score` prints it with this bank's titles: a terminal table, or Markdown.
        fn report_text(&self, py: Python<'_>, report: &str, lang: &str, markdown: bool) -> PyResult<String> {
            let report = fidelity_core::ScoreReport::from_json(report).map_err(|e| to_py(py, e))?;
            let lang = parse_lang(py, lang)?;
            Ok(if markdown {
                fidelity_render::score::markdown(&self.bank, &report, lang)
            } else {
                fidelity_render::score::table(&self.bank, &report, lang)
            })
        }

        /// A report's JSON as the HTML fragment a notebook shows, with this bank's titles and level labels.
        fn report_html(&self, py: Python<'_>, report: &str, lang: &str) -> PyResult<String> {
            let report = fidelity_core::ScoreReport::from_json(report).map_err(|e| to_py(py, e))?;
            Ok(fidelity_render::fragment::report(&self.bank, &report, parse_lang(py, lang)?))
        }

        /// Every problem of an assessment text, as dicts; empty when it is valid. `strict` also refuses
        /// elements answered by judgement alone where evidence could be given.
        #[pyo3(signature = (text, positioned = true, file = None, strict = false))]
        fn validate<'py>(
            &self,
            py: Python<'py>,
            text: &str,
            positioned: bool,
            file: Option<String>,
            strict: bool,
        ) -> PyResult<Bound<'py, PyList>> {
            let doc = document(text, positioned, file);
            let read = if strict {
                doc.strict_assessment(&self.bank)
            } else {
                doc.assessment(&self.bank)
            };
            problem_list(py, &read.err().map(|e| e.problems).unwrap_or_default())
        }

        /// Every problem of a wide table's rows (each with its `row`), as dicts; `strict` as in `validate`.
        fn validate_columns<'py>(
            &self,
            py: Python<'py>,
            header: Vec<String>,
            columns: Vec<Bound<'py, PyAny>>,
            strict: bool,
        ) -> PyResult<Bound<'py, PyList>> {
            let (layout, columns, rows) = table(py, &self.bank, &header, &columns)?;
            let bank: &Bank = &self.bank;
            let scorer = RowScorer::new(layout);
            let batch = py.detach(|| score_rows(bank, &scorer, &columns, rows));
            problem_list(py, &self.row_problems(&batch, strict))
        }

        /// Full reports (with traces) for every row of a wide table, as JSON texts; rows with problems
        /// give None and their problems in `problems` (each with its `row`).
        fn reports_json<'py>(&self, py: Python<'py>, header: Vec<String>, columns: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyDict>> {
            let (layout, columns, rows) = table(py, &self.bank, &header, &columns)?;
            let results: Vec<Result<String, Vec<Problem>>> = py.detach(|| {
                let scored = report_rows(&layout, &columns, rows);
                scored
                    .into_iter()
                    .map(|r| r.map(|report| serde_json::to_string(&report).unwrap_or_default()))
                    .collect()
            });
            let out = PyDict::new(py);
            let reports = PyList::empty(py);
            let mut problems = Vec::new();
            for r in results {
                match r {
                    Ok(json) => reports.append(json)?,
                    Err(p) => {
                        reports.append(py.None())?;
                        problems.extend(p);
                    }
                }
            }
            let problems = problem_list(py, &problems)?;
            out.set_item("reports", reports)?;
            out.set_item("problems", problems)?;
            Ok(out)
        }

        /// Agreement, reliability and item statistics over every row of a wide table (`options`: the
        /// core's `AnalysisOptions` as JSON). Returns `analysis` (JSON, or None when a row is invalid) and
        /// `problems` (each with its `row`), as `reports_json` does.
        fn analyze_columns<'py>(
            &self,
            py: Python<'py>,
            header: Vec<String>,
            columns: Vec<Bound<'py, PyAny>>,
            options: &str,
        ) -> PyResult<Bound<'py, PyDict>> {
            let options = analysis_options(options)?;
            let (layout, columns, rows) = table(py, &self.bank, &header, &columns)?;
            let (mut reports, mut invalid) = (Vec::with_capacity(rows), Vec::new());
            for r in py.detach(|| report_rows(&layout, &columns, rows)) {
                match r {
                    Ok(report) => reports.push(report),
                    Err(p) => invalid.extend(p),
                }
            }
            let out = PyDict::new(py);
            let problems = problem_list(py, &invalid)?;
            if invalid.is_empty() {
                let analysis = py.detach(|| fidelity_core::analyze(&reports, &options)).map_err(|e| to_py(py, e))?;
                out.set_item("analysis", to_json(&analysis)?)?;
            } else {
                out.set_item("analysis", py.None())?;
            }
            out.set_item("problems", problems)?;
            Ok(out)
        }

        /// Scores a table in the wide layout, given column by column (see `read_column`), in one call with
        /// the interpreter released while rows are scored. Returns a dict of result columns: `items` and
        /// `domains` (lists of buffers: int8 with 0 for no score, float64 with NaN), `total_sum` (int32,
        /// -1 for none), `total_mean` (float64), `level` (list), `problems` (each with its `row`), `carried` ((input name, output name) of every
        /// column carried through to the output).
        fn score_columns<'py>(
            &self,
            py: Python<'py>,
            header: Vec<String>,
            columns: Vec<Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyDict>> {
            let (layout, columns, rows) = table(py, &self.bank, &header, &columns)?;
            // Carried input columns with their output names (a name that is also a score column's is renamed).
            let carried_in = layout.carried_columns().to_vec();
            let header_out = fidelity_core::batch::output_header(&self.bank, &carried_in);
            let carried: Vec<(String, String)> = carried_in
                .iter()
                .cloned()
                .zip(header_out[header_out.len() - carried_in.len()..].iter().cloned())
                .collect();
            let bank: &Bank = &self.bank;
            let scorer = RowScorer::new(layout);
            let batch = py.detach(|| score_rows(bank, &scorer, &columns, rows));
            let out = PyDict::new(py);
            let items = PyList::empty(py);
            for col in &batch.items {
                items.append(PyBytes::new(py, &col.iter().map(|v| *v as u8).collect::<Vec<u8>>()))?;
            }
            out.set_item("items", items)?;
            let domains = PyList::empty(py);
            for col in &batch.domains {
                domains.append(f64_bytes(py, col))?;
            }
            out.set_item("domains", domains)?;
            out.set_item(
                "total_sum",
                PyBytes::new(py, &batch.total_sum.iter().flat_map(|x| x.to_ne_bytes()).collect::<Vec<u8>>()),
            )?;
            out.set_item("total_mean", f64_bytes(py, &batch.total_mean))?;
            out.set_item("level", batch.level)?;
            // As the scored CSV writes the column: the ids space-separated, none for a row without any.
            let judged: Vec<Option<String>> = batch.judged.iter().map(|ids| (!ids.is_empty()).then(|| ids.join(" "))).collect();
            out.set_item("judged_without_evidence", judged)?;
            out.set_item("problems", problem_list(py, &batch.problems)?)?;
            out.set_item("carried", carried)?;
            Ok(out)
        }
    }

    /// The banks and crosswalks that comparisons and verifications use (the core's `Library`). Reports cross
    /// the boundary as the core's JSON text, which the package turns into typed objects.
    #[pyclass(frozen, module = "fidelity_scale._native")]
    struct NativeLibrary {
        library: fidelity_core::Library,
    }

    #[pymethods]
    impl NativeLibrary {
        /// The built-in banks and crosswalks, plus those under `root` (laid out like `fidelity-items/`).
        #[new]
        #[pyo3(signature = (root = None))]
        fn new(py: Python<'_>, root: Option<PathBuf>) -> PyResult<Self> {
            let library = match root {
                Some(dir) => fidelity_core::Library::with_dir(dir).map_err(|e| to_py(py, e))?,
                None => fidelity_core::Library::builtin(),
            };
            Ok(NativeLibrary { library })
        }

        /// A score report's JSON from a report's JSON (checked and read back) or an assessment text, scored
        /// with the bank it names.
        #[pyo3(signature = (text, positioned = true, file = None))]
        fn report_json(&self, py: Python<'_>, text: &str, positioned: bool, file: Option<String>) -> PyResult<String> {
            let report = self
                .library
                .report(&document(text, positioned, file), None)
                .map_err(|e| to_py(py, e))?;
            to_json(&report)
        }

        /// The label in `lang` of level `id` of bank version `reference` (`id@version`), if the library has it.
        fn level_label(&self, py: Python<'_>, reference: &str, id: &str, lang: &str) -> PyResult<Option<String>> {
            let lang = parse_lang(py, lang)?;
            Ok(self
                .library
                .bank(reference)
                .ok()
                .and_then(|b| b.level_label(id, lang).map(str::to_owned)))
        }

        fn compare_json(&self, py: Python<'_>, old: &str, new: &str) -> PyResult<String> {
            let (old, new) = (self.read_report(py, old)?, self.read_report(py, new)?);
            to_json(&fidelity_core::compare(&self.library, &old, &new).map_err(|e| to_py(py, e))?)
        }

        fn trend_json(&self, py: Python<'_>, reports: Vec<String>) -> PyResult<String> {
            to_json(&self.trend(py, &reports)?)
        }

        /// The trend as the self-contained HTML page of `fidelity trend --format html`.
        fn trend_html(&self, py: Python<'_>, reports: Vec<String>, lang: &str) -> PyResult<String> {
            let trend = self.trend(py, &reports)?;
            let bank = self.library.newest_bank(&trend);
            Ok(fidelity_render::html::trend_page(&trend, bank.as_deref(), parse_lang(py, lang)?))
        }

        /// A comparison's JSON as `fidelity compare` prints it (titles and level labels of the newer report's bank
        /// version): a terminal table, or Markdown.
        fn comparison_text(&self, py: Python<'_>, comparison: &str, lang: &str, markdown: bool) -> PyResult<String> {
            let c: fidelity_core::Comparison = from_json(comparison)?;
            let bank = self
                .library
                .bank(&format!("{}@{}", c.new.bank.id, c.new.bank.version))
                .map_err(|e| to_py(py, e))?;
            Ok(fidelity_render::audit::comparison(&bank, &c, parse_lang(py, lang)?, markdown))
        }

        /// A comparison's JSON as the HTML fragment a notebook shows (level labels of the newer version).
        fn comparison_html(&self, py: Python<'_>, comparison: &str, lang: &str) -> PyResult<String> {
            let c: fidelity_core::Comparison = from_json(comparison)?;
            let bank = self
                .library
                .bank(&format!("{}@{}", c.new.bank.id, c.new.bank.version))
                .map_err(|e| to_py(py, e))?;
            Ok(fidelity_render::fragment::comparison(&bank, &c, parse_lang(py, lang)?))
        }

        /// The trend of reports' JSON as `fidelity trend` prints it: a terminal table, or Markdown.
        fn trend_text(&self, py: Python<'_>, reports: Vec<String>, lang: &str, markdown: bool) -> PyResult<String> {
            let trend = self.trend(py, &reports)?;
            let bank = self.library.newest_bank(&trend);
            Ok(fidelity_render::audit::trend(
                bank.as_deref(),
                &trend,
                parse_lang(py, lang)?,
                markdown,
            ))
        }

        /// Agreement, reliability and item statistics over score reports' JSON (`options`: `AnalysisOptions`).
        fn analyze_json(&self, py: Python<'_>, reports: Vec<String>, options: &str) -> PyResult<String> {
            let options = analysis_options(options)?;
            let reports = reports.iter().map(|r| self.read_report(py, r)).collect::<PyResult<Vec<_>>>()?;
            to_json(&fidelity_core::analyze(&reports, &options).map_err(|e| to_py(py, e))?)
        }

        /// Two reviewers' ratings, each `(text, positioned, file)` (see `document`), reconciled: the worksheet's
        /// JSON, the consensus draft's JSON and the draft as the YAML file to edit.
        fn consensus_json(
            &self,
            py: Python<'_>,
            first: (String, bool, Option<String>),
            second: (String, bool, Option<String>),
        ) -> PyResult<(String, String, String)> {
            let (a, b) = (document(&first.0, first.1, first.2), document(&second.0, second.1, second.2));
            let r = fidelity_core::consensus::reconcile(&self.library, &a, &b).map_err(|e| to_py(py, e))?;
            Ok((to_json(&r.worksheet)?, to_json(&r.draft)?, r.draft_yaml))
        }

        /// A worksheet's JSON as `fidelity consensus` prints it (a terminal table or Markdown), or as its page.
        fn worksheet_text(&self, py: Python<'_>, worksheet: &str, lang: &str, format: &str) -> PyResult<String> {
            let ws: fidelity_core::consensus::Worksheet = from_json(worksheet)?;
            let bank = self.library.bank(&ws.bank).map_err(|e| to_py(py, e))?;
            let lang = parse_lang(py, lang)?;
            Ok(match format {
                "html" => fidelity_render::consensus::worksheet_page(&bank, &ws, lang),
                "markdown" => fidelity_render::consensus::worksheet(&bank, &ws, lang, true),
                _ => fidelity_render::consensus::worksheet(&bank, &ws, lang, false),
            })
        }

        /// The office's report of a rating (a report's JSON or an assessment text), with the change since
        /// `previous` when given.
        fn office_report_json(&self, py: Python<'_>, rating: &str, previous: Option<&str>) -> PyResult<String> {
            let doc = document(rating, false, None);
            let before = previous.map(|p| document(p, false, None));
            to_json(&fidelity_core::office_report::build(&self.library, &doc, before.as_ref()).map_err(|e| to_py(py, e))?)
        }

        /// An office report's JSON as the printable page (`html`) or Markdown of `fidelity report`.
        fn office_report_text(&self, py: Python<'_>, report: &str, lang: &str, format: &str) -> PyResult<String> {
            let r: fidelity_core::office_report::OfficeReport = from_json(report)?;
            let lang = parse_lang(py, lang)?;
            Ok(match format {
                "html" => fidelity_render::office_report::page_html(&r, lang),
                _ => fidelity_render::office_report::markdown(&r, lang),
            })
        }

        /// Rescores an assessment text (see `document`) with the bank version a report's JSON records.
        #[pyo3(signature = (report, assessment, positioned = true, file = None))]
        fn verify_json(&self, py: Python<'_>, report: &str, assessment: &str, positioned: bool, file: Option<String>) -> PyResult<String> {
            let report = self.read_report(py, report)?;
            let doc = document(assessment, positioned, file);
            to_json(&fidelity_core::verify(&self.library, &report, &doc).map_err(|e| to_py(py, e))?)
        }
    }

    impl NativeLibrary {
        fn read_report(&self, py: Python<'_>, json: &str) -> PyResult<fidelity_core::ScoreReport> {
            fidelity_core::ScoreReport::from_json(json).map_err(|e| to_py(py, e))
        }

        fn trend(&self, py: Python<'_>, reports: &[String]) -> PyResult<fidelity_core::Trend> {
            let reports = reports.iter().map(|r| self.read_report(py, r)).collect::<PyResult<Vec<_>>>()?;
            fidelity_core::trend(&reports).map_err(|e| to_py(py, e))
        }
    }

    /// `ja` or `en` (`boundary::lang`); anything else is the package's `AssessmentError` (a ValueError).
    fn parse_lang(py: Python<'_>, lang: &str) -> PyResult<fidelity_core::Lang> {
        boundary::lang(Some(lang)).map_err(|e| to_py(py, e))
    }

    /// The core's analysis options from their JSON (the Python layer builds it from keyword arguments).
    fn analysis_options(json: &str) -> PyResult<fidelity_core::AnalysisOptions> {
        serde_json::from_str(json).map_err(|e| PyValueError::new_err(format!("analysis options: {e}")))
    }

    /// A value of the core's from the JSON the package holds it as.
    fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> PyResult<T> {
        serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
        serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
