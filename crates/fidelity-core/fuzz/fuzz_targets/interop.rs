//! Any bytes as another tool's file: an Excel workbook, a REDCap raw export, a FHIR QuestionnaireResponse. Each
//! is read or refused with problems, never a panic or a hang (zip bombs and huge sheets included); what reads
//! scores in range.
#![no_main]
use fidelity_core::{builtin, fhir, redcap, score, workbook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bank = builtin::get(builtin::DEFAULT).expect("built-in bank");
    let in_range = |a: &fidelity_core::Assessment| {
        let report = score(&bank, a);
        assert!(report.items.iter().all(|i| i.score.is_none_or(|s| (1..=5).contains(&s))));
    };
    match workbook::read(data, |_| Ok(bank.clone())) {
        Ok(book) => book.rows.iter().flatten().for_each(in_range),
        Err(e) => assert!(!e.problems.is_empty()),
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    match fhir::response_assessment(&bank, text) {
        Ok(a) => in_range(&a),
        Err(e) => assert!(!e.problems.is_empty()),
    }
    if let Err(e) = redcap::wide_text(text) {
        assert!(!e.problems.is_empty());
    }
});
