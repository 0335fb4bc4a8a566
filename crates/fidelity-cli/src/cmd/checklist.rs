//! The checklist itself: `items` prints it, `template` writes an empty assessment to fill in, `schema` prints
//! a JSON Schema, `banks` lists the built-in banks.

use crate::args::{BankArgs, ExportFormat, ItemsFormat, TemplateFormat};
use crate::inputs::Banks;
use crate::output::Sink;
use crate::render;
use crate::Outcome;
use fidelity_core::template;
use fidelity_core::{builtin, schema, Lang, Said};
use std::io::Write;
use std::path::Path;

pub(crate) fn items(bank: &BankArgs, lang: Lang, format: ItemsFormat) -> Outcome {
    let bank = Banks::open(bank)?.pick(None)?;
    let text = match format {
        ItemsFormat::Json => serde_json::to_string_pretty(bank.def()).map_err(|e| e.to_string())? + "\n",
        ItemsFormat::Text => render::checklist::checklist(&bank, lang, false),
        ItemsFormat::Markdown => render::checklist::checklist(&bank, lang, true),
    };
    crate::output::print(&text)?;
    Ok(true)
}

pub(crate) fn template(bank: &BankArgs, format: TemplateFormat, lang: Lang, output: Option<&Path>) -> Outcome {
    let bank = Banks::open(bank)?.pick(None)?;
    if format == TemplateFormat::Xlsx && output.is_none() {
        return Err(Said::new(
            "Excel ブックはファイルに書き出します: -o ファイル名.xlsx を付けてください",
            "an Excel workbook is written to a file: add -o FILE.xlsx",
        )
        .into());
    }
    let mut sink = Sink::open(output, &[])?;
    match format {
        TemplateFormat::Xlsx => sink.write_all(&fidelity_core::workbook::template(&bank, lang)?)?,
        TemplateFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut sink);
            w.write_record(template::csv_header(&bank)).map_err(|e| e.to_string())?;
            w.flush()?;
        }
        TemplateFormat::Yaml => sink.write_all(template::yaml(&bank).as_bytes())?,
    }
    sink.finish()?;
    Ok(true)
}

/// `lang` is the REDCap dictionary's (a FHIR Questionnaire carries both languages).
pub(crate) fn export(format: ExportFormat, bank: &BankArgs, lang: Lang, output: Option<&Path>) -> Outcome {
    let bank = Banks::open(bank)?.pick(None)?;
    let mut sink = Sink::open(output, &[])?;
    match format {
        ExportFormat::Redcap => sink.write_all(fidelity_core::redcap::dictionary_csv(&bank, lang).as_bytes())?,
        ExportFormat::Fhir => {
            let q = serde_json::to_string_pretty(&fidelity_core::fhir::questionnaire(&bank)).map_err(|e| e.to_string())?;
            writeln!(sink, "{q}")?;
        }
    }
    sink.finish()?;
    Ok(true)
}

pub(crate) fn schema(name: &str, bank: &BankArgs) -> Outcome {
    let schema = if name == "assessment" && (bank.bank.is_some() || bank.bank_dir.is_some()) {
        schema::assessment_for(&*Banks::open(bank)?.pick(None)?)
    } else {
        schema::by_name(name).ok_or_else(|| format!("no schema named {name}"))?
    };
    crate::output::print(&format!("{}\n", serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?))?;
    Ok(true)
}

pub(crate) fn banks() -> Outcome {
    for (id, version) in builtin::list() {
        let bank = builtin::get(&format!("{id}@{version}"))?;
        crate::output::print(&format!("{id}@{version}\t{}\t{}\n", bank.scoring_digest(), bank.def().title.ja))?;
    }
    Ok(true)
}
