//! The built-in banks, embedded from `fidelity-items/` at compile time (`build.rs`) so every binding has them
//! with no files around. With the feature `check-builtin-banks` (the CLI, Python, the WASM audit module) each
//! is checked like any other bank when first used; without it (the WASM scoring package) it is read as this
//! crate's tests checked it, with its recorded digests. Either way it is then kept.

use crate::bank::Bank;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::said;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The bank used when neither the caller nor the assessment names one.
pub const DEFAULT: &str = "seiho-shuro";

include!(concat!(env!("OUT_DIR"), "/banks.rs"));

/// `(id, version)` of every built-in bank, versions in ascending order.
pub fn list() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = BANKS.iter().map(|(id, v, ..)| (id.to_string(), v.to_string())).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(semver(&a.1).cmp(&semver(&b.1))));
    out
}

/// A version's numbers, so that 1.10.0 sorts after 1.9.0.
pub(crate) fn semver(v: &str) -> Option<(u64, u64, u64)> {
    let mut p = v.split('.').map(|x| x.parse::<u64>().ok());
    let out = (p.next()??, p.next()??, p.next()??);
    p.next().is_none().then_some(out)
}

/// A built-in bank by `id` (its latest version) or `id@version`.
pub fn get(reference: &str) -> Result<Arc<Bank>> {
    let (id, version) = match reference.split_once('@') {
        Some((id, v)) => (id, Some(v)),
        None => (reference, None),
    };
    let all = list();
    let found = all.iter().rev().find(|(i, v)| i == id && version.is_none_or(|want| want == v));
    let Some((id, version)) = found else {
        let known: Vec<String> = all.iter().map(|(i, v)| format!("{i}@{v}")).collect();
        return Err(Error::one(
            ErrorKind::Bank,
            Problem::new(
                ErrorCode::BankNotFound,
                "",
                said!(
                    "組み込みの項目バンク `{reference}` はありません。組み込み: {}",
                    "no built-in bank `{reference}`; built in: {}",
                    known.join(", ")
                ),
            ),
        ));
    };
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<String, Arc<Bank>>>> = OnceLock::new();
    let key = format!("{id}@{version}");
    let cache = CACHE.get_or_init(Default::default);
    if let Some(bank) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(bank);
    }
    #[cfg(feature = "check-builtin-banks")]
    let bank = Arc::new(Bank::from_files(&files(id, version))?);
    #[cfg(not(feature = "check-builtin-banks"))]
    let bank = {
        let (content, scoring) = recorded_digests(id, version);
        Arc::new(Bank::from_checked_files(&files(id, version), content, scoring)?)
    };
    if let Ok(mut c) = cache.lock() {
        c.insert(key, bank.clone());
    }
    Ok(bank)
}

/// The YAML files of a built-in bank version, by file name.
pub fn files(id: &str, version: &str) -> BTreeMap<String, String> {
    BANKS
        .iter()
        .filter(|(i, v, ..)| *i == id && *v == version)
        .flat_map(|(_, _, files, ..)| {
            files
                .iter()
                .map(|(name, start, end)| (name.to_string(), BANK_TEXT.get(*start..*end).unwrap_or_default().to_string()))
        })
        .collect()
}

/// The digests `fidelity-items/<id>/digests.txt` records for a built-in version (empty when it records none,
/// which `builtin::tests` refuses).
pub fn recorded_digests(id: &str, version: &str) -> (&'static str, &'static str) {
    BANKS
        .iter()
        .find(|(i, v, ..)| *i == id && *v == version)
        .map_or(("", ""), |(.., content, scoring)| (*content, *scoring))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `digests.txt` of a bank as the core computes its versions' digests.
    fn digests_file(id: &str) -> String {
        let mut out = format!(
            "# The digests of every built-in version of `{id}`, as `fidelity` computes them and stamps them on every\n\
             # report: version, content digest (the whole bank), scoring digest (what decides a score). The WASM\n\
             # scoring package reads its built-in banks with these digests; the core's tests keep them equal to the\n\
             # computed ones (FIDELITY_UPDATE_DIGESTS=1 cargo test -p fidelity-core --lib builtin).\n"
        );
        for (_, version) in list().into_iter().filter(|(i, _)| i == id) {
            let bank = Bank::from_files(&files(id, &version)).expect("a built-in bank passes its checks");
            out.push_str(&format!("{version} {} {}\n", bank.content_digest(), bank.scoring_digest()));
        }
        out
    }

    #[test]
    fn the_recorded_digests_are_the_computed_ones() {
        let mut ids: Vec<String> = list().into_iter().map(|(id, _)| id).collect();
        ids.dedup();
        for id in ids {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../fidelity-items")
                .join(&id)
                .join("digests.txt");
            let want = digests_file(&id);
            if std::env::var_os("FIDELITY_UPDATE_DIGESTS").is_some() {
                std::fs::write(&path, &want).expect("write digests.txt");
            }
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(
                have, want,
                "{} differs from the computed digests; run FIDELITY_UPDATE_DIGESTS=1 cargo test -p fidelity-core --lib builtin (then rebuild)",
                path.display()
            );
        }
    }

    /// build.rs leaves the bank files' comment lines out of the embedded text: every version read from its
    /// folder, comments and all, is the same bank.
    #[test]
    fn a_built_in_bank_is_its_folder_as_written() {
        for (id, version) in list() {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../fidelity-items")
                .join(&id)
                .join(&version);
            let written = Bank::from_dir(&dir).expect("the folder loads");
            let embedded = Bank::from_files(&files(&id, &version)).expect("checked");
            assert_eq!(written.content_digest(), embedded.content_digest(), "{id}@{version}");
            assert_eq!(written.scoring_digest(), embedded.scoring_digest(), "{id}@{version}");
            for (name, text) in files(&id, &version) {
                assert!(
                    !text.lines().any(|l| l.trim_start().starts_with('#')),
                    "{id}@{version} {name}: the comment lines are left out"
                );
            }
        }
    }

    #[test]
    fn a_built_in_bank_read_with_its_recorded_digests_is_the_checked_bank() {
        for (id, version) in list() {
            let files = files(&id, &version);
            let checked = Bank::from_files(&files).expect("checked");
            let (content, scoring) = recorded_digests(&id, &version);
            let read = Bank::from_checked_files(&files, content, scoring).expect("read");
            assert_eq!(
                serde_json::to_value(read.def()).ok(),
                serde_json::to_value(checked.def()).ok(),
                "{id}@{version}"
            );
            assert_eq!(read.content_digest(), checked.content_digest(), "{id}@{version}");
            assert_eq!(read.scoring_digest(), checked.scoring_digest(), "{id}@{version}");
        }
    }
}
