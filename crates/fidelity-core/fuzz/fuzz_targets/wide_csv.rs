//! Any bytes as a wide CSV: every row is read or reported, never a panic; the compiled plan and the general
//! reading give the same result for every row.
#![no_main]
use fidelity_core::batch::WideReader;
use fidelity_core::batch::{self, CsvScorer};
use fidelity_core::report::ScoreSummary;
use fidelity_core::{builtin, score};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bank = builtin::get(builtin::DEFAULT).expect("built-in bank");
    let _ = batch::check(data, &bank);
    let (Ok(mut general), Ok(mut planned)) = (WideReader::new(data, &bank), CsvScorer::new(data, &bank)) else { return };
    for _ in 0..10_000 {
        match (general.next_row(), planned.next_scored()) {
            (Some(Ok(row)), Some(Ok(scored))) => {
                let expected = row.assessment.map(|a| ScoreSummary::from(&score(&bank, &a)));
                assert_eq!(expected, scored.scores);
            }
            (None, None) | (Some(Err(_)), Some(Err(_))) => return,
            (a, b) => panic!("readers disagree: {:?} vs {:?}", a.is_some(), b.is_some()),
        }
    }
});
