//! The built-in banks, embedded from `fidelity-items/` at compile time (`build.rs`) so every binding has them
//! with no files around. Each is checked like any other bank when first used, then kept.

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
    let mut out: Vec<(String, String)> = BANKS.iter().map(|(id, v, _)| (id.to_string(), v.to_string())).collect();
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
    let files = files(id, version);
    let bank = Arc::new(Bank::from_files(&files)?);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, bank.clone());
    }
    Ok(bank)
}

/// The YAML files of a built-in bank version, by file name.
pub fn files(id: &str, version: &str) -> BTreeMap<String, String> {
    BANKS
        .iter()
        .filter(|(i, v, _)| *i == id && *v == version)
        .flat_map(|(_, _, files)| {
            files
                .iter()
                .map(|(name, start, end)| (name.to_string(), BANK_TEXT.get(*start..*end).unwrap_or_default().to_string()))
        })
        .collect()
}
