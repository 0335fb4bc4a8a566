//! The review team's commands: `consensus` reconciles two reviewers' ratings (worksheet and draft), `report`
//! writes the document the office receives.

use crate::args::{LibraryArgs, PageFormat, ReportFormat};
use crate::inputs::{document, read, write_new};
use crate::render;
use crate::Outcome;
use fidelity_core::Lang;
use std::path::{Path, PathBuf};

pub(crate) fn consensus(
    files: [&Path; 2],
    draft: Option<&Path>,
    library: &LibraryArgs,
    format: PageFormat,
    lang: Lang,
    output: Option<&Path>,
) -> Outcome {
    let library = library.open()?;
    let texts = [read(files[0])?, read(files[1])?];
    let (a, b) = (document(&texts[0], files[0]), document(&texts[1], files[1]));
    let r = fidelity_core::consensus::reconcile(&library, &a, &b)?;
    let ws = &r.worksheet;
    let text = match format {
        PageFormat::Json => serde_json::to_string_pretty(ws).map_err(|e| e.to_string())? + "\n",
        PageFormat::Html => render::consensus::worksheet_page(&r.bank, ws, lang),
        PageFormat::Table => render::consensus::worksheet(&r.bank, ws, lang, false),
        PageFormat::Markdown => render::consensus::worksheet(&r.bank, ws, lang, true),
    };
    let inputs: Vec<PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
    if let Some(path) = draft {
        write_new(Some(path), &inputs, &r.draft_yaml)?;
    }
    write_new(output, &inputs, &text)?;
    Ok(true)
}

pub(crate) fn report(
    assessment: &Path,
    previous: Option<&Path>,
    library: &LibraryArgs,
    format: ReportFormat,
    lang: Lang,
    output: Option<&Path>,
) -> Outcome {
    let library = library.open()?;
    let text = read(assessment)?;
    let earlier = previous.map(read).transpose()?;
    let doc = document(&text, assessment);
    let before = previous.zip(earlier.as_deref()).map(|(p, t)| document(t, p));
    let r = fidelity_core::office_report::build(&library, &doc, before.as_ref())?;
    let out = match format {
        ReportFormat::Json => serde_json::to_string_pretty(&r).map_err(|e| e.to_string())? + "\n",
        ReportFormat::Html => render::office_report::page_html(&r, lang),
        ReportFormat::Markdown => render::office_report::markdown(&r, lang),
    };
    let inputs: Vec<PathBuf> = std::iter::once(assessment).chain(previous).map(Path::to_path_buf).collect();
    write_new(output, &inputs, &out)?;
    Ok(true)
}
