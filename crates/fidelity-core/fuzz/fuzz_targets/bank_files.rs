//! Any text in place of one file of the built-in bank: loaded or refused with problems, never a panic; a bank
//! that loads can score an empty assessment.
#![no_main]
use fidelity_core::{builtin, score_text, Bank};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut files = builtin::files("seiho-shuro", "1.0.0");
    let names: Vec<String> = files.keys().cloned().collect();
    files.insert(names[which as usize % names.len()].clone(), text.to_string());
    match Bank::from_files(&files) {
        Ok(bank) => {
            let _ = score_text(&bank, "office: {id: '1'}\nperiod: '1'\nrater: {kind: self}\nanswers: {}\n");
        }
        Err(e) => assert!(!e.problems.is_empty()),
    }
});
