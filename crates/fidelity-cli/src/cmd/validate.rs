//! `fidelity validate`: every problem of assessments (YAML/JSON/CSV) or bank folders, as text or JSON.

use crate::args::ProblemFormat;
use crate::inputs::{document, in_file, is_csv, is_xlsx, open_text, read, read_workbook, Banks};
use crate::{Failure, Outcome};
use fidelity_core::boundary::TextEncoding;
use fidelity_core::{batch, Bank, Error};
use std::path::PathBuf;

/// `strict` also refuses elements answered by judgement alone where their evidence could be given.
pub(crate) fn validate(paths: &[PathBuf], banks: &Banks, format: ProblemFormat, strict: bool, encoding: TextEncoding) -> Outcome {
    let mut problems = Vec::new();
    for path in paths {
        let result = if path.is_dir() {
            Bank::from_dir(path).map(|_| ())
        } else if is_xlsx(path) {
            // Strict validation of a workbook names the elements by path (their cells are the answer column).
            let book = read_workbook(path, banks)?;
            let mut found = Vec::new();
            for (i, row) in book.rows.into_iter().enumerate() {
                match row {
                    Ok(a) if strict => found.extend(
                        fidelity_core::boundary::judged_without_evidence(&book.bank, &a)
                            .iter()
                            .map(|id| fidelity_core::boundary::evidence_required(&book.bank, id).in_row(i)),
                    ),
                    Ok(_) => {}
                    Err(p) => found.extend(p),
                }
            }
            if found.is_empty() {
                Ok(())
            } else {
                Err(Error::new(fidelity_core::ErrorKind::Assessment, found))
            }
        } else if is_csv(path) {
            let bank = banks.pick_csv(path, encoding)?;
            let found = match strict {
                true => batch::check_strict(open_text(path, &bank, encoding)?, &bank),
                false => batch::check(open_text(path, &bank, encoding)?, &bank),
            };
            if found.is_empty() {
                Ok(())
            } else {
                Err(Error::new(fidelity_core::ErrorKind::Assessment, found))
            }
        } else {
            match read(path) {
                Ok(text) => {
                    let doc = document(&text, path);
                    let bank = banks.pick(doc.declared_bank())?;
                    match strict {
                        true => doc.strict_assessment(&bank).map(|_| ()),
                        false => doc.assessment(&bank).map(|_| ()),
                    }
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
        ProblemFormat::Json => crate::output::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({"valid": problems.is_empty(), "problems": problems}))
                .map_err(|e| e.to_string())?
        ))?,
        ProblemFormat::Text => {
            if !problems.is_empty() {
                eprintln!(
                    "{}",
                    crate::told(&Error::new(fidelity_core::ErrorKind::Assessment, problems.clone()))
                );
            } else {
                let n = paths.len();
                crate::output::print(&match crate::lang() {
                    fidelity_core::Lang::Ja => format!("ok: {n} 件を確認しました。問題はありません\n"),
                    fidelity_core::Lang::En => format!("ok: {n} checked, no problems\n"),
                })?;
            }
        }
    }
    Ok(problems.is_empty())
}
