//! Shared by the integration tests: where the repository's test data lives, and the expected-JSON matcher
//! that the Python and Node runners implement the same way (see tests/README.md).
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design
#![allow(dead_code)]

use fidelity_core::{builtin, Bank};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// Files in a folder of the repository with the given extension, sorted.
pub fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .expect("test folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext) && !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    out.sort();
    out
}

/// A bank by reference: built in, or a test bank under tests/banks/<id>/<version>.
pub fn bank(reference: &str) -> Arc<Bank> {
    builtin::get(reference).unwrap_or_else(|_| {
        let (id, version) = reference.split_once('@').expect("id@version");
        Arc::new(Bank::from_dir(repo().join("tests/banks").join(id).join(version)).unwrap_or_else(|e| panic!("{e}")))
    })
}

/// A decimal or a fraction "a/b".
fn number(text: &str) -> f64 {
    match text.split_once('/') {
        Some((a, b)) => a.parse::<f64>().expect("numerator") / b.parse::<f64>().expect("denominator"),
        None => text.parse().expect("a number"),
    }
}

/// The expected file beside an input: `name.yaml` -> `name.expected.json`.
pub fn expected_for(input: &Path) -> Value {
    let stem = input.file_stem().expect("stem").to_string_lossy();
    let path = input.with_file_name(format!("{stem}.expected.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks that `actual` contains `expected`: every key of an expected object must match, arrays must have the
/// same length and match element-wise, numbers compare by value, and a string "a/b" expected where a number
/// is found means the correctly rounded quotient a / b (so means can be written exactly, by hand). A string
/// "≈x" (x a decimal or a / b) means within 1e-12 of x, relative above 1: statistics whose sums and square
/// roots round differently from the hand-written fraction.
pub fn contains(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).ok_or_else(|| format!("{path}.{k}: missing in the report"))?;
                contains(ev, av, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{path}: expected {} entries, found {}", e.len(), a.len()));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .try_for_each(|(i, (ev, av))| contains(ev, av, &format!("{path}[{i}]")))
        }
        (Value::String(s), Value::Number(n)) if s.starts_with('≈') => {
            let want = number(&s['≈'.len_utf8()..]);
            let found = n.as_f64().unwrap_or(f64::NAN);
            if (found - want).abs() <= 1e-12 * want.abs().max(1.0) {
                Ok(())
            } else {
                Err(format!("{path}: expected {s} = {want} (to 1e-12), found {n}"))
            }
        }
        (Value::String(s), Value::Number(n)) if s.contains('/') => {
            let (a, b) = s.split_once('/').expect("fraction");
            let want = a.parse::<f64>().expect("numerator") / b.parse::<f64>().expect("denominator");
            if n.as_f64() == Some(want) {
                Ok(())
            } else {
                Err(format!("{path}: expected {s} = {want}, found {n}"))
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, found {a}")),
    }
}
