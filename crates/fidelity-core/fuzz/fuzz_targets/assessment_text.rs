//! Any text as an assessment (YAML or JSON): it is read or refused with problems, never a panic or a hang;
//! what is read scores in range and reads back the same from its own JSON.
#![no_main]
use fidelity_core::{builtin, score, Assessment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let bank = builtin::get(builtin::DEFAULT).expect("built-in bank");
    match Assessment::from_text(text, &bank) {
        Ok(a) => {
            let report = score(&bank, &a);
            assert!(report.items.iter().all(|i| i.score.is_none_or(|s| (1..=5).contains(&s))));
            let again = Assessment::from_text(&serde_json::to_string(&a).expect("json"), &bank).expect("re-read");
            assert_eq!(score(&bank, &again), report);
        }
        Err(e) => assert!(!e.problems.is_empty()),
    }
});
