//! Loading a bank version from its files: a folder on disk, a set of (name, text) pairs (what the WASM
//! binding receives), or the banks embedded in this crate at compile time.

use super::read::Reader;
use super::{check, Bank, BankDef, Domain};
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::tree::Node;
use std::collections::BTreeMap;
use std::path::Path;

pub const MANIFEST_FILE: &str = "bank.yaml";

/// Bank files larger than this are refused.
const MAX_BANK_FILE_BYTES: usize = 4 * 1024 * 1024;

impl Bank {
    /// Loads and checks a bank version folder (`bank.yaml` plus one `<item>.yaml` per item).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Bank> {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, &e))?;
        let mut files = BTreeMap::new();
        for entry in entries {
            let path = entry.map_err(|e| io_error(dir, &e))?.path();
            if path.extension().is_some_and(|x| x == "yaml") {
                let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, &e))?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.insert(name, text);
            }
        }
        Bank::from_files(&files)
    }

    /// Loads and checks a bank from file names and their YAML texts. Reports every problem found.
    pub fn from_files(files: &BTreeMap<String, String>) -> Result<Bank> {
        let (def, mut problems) = read_def(files)?;
        problems.extend(check::check(&def));
        if problems.is_empty() {
            Ok(Bank::new(def))
        } else {
            Err(Error::new(ErrorKind::Bank, problems))
        }
    }

    /// A built-in bank from its embedded files, as this crate's tests checked it (`check` is not run again)
    /// and with the digests recorded beside it (`fidelity-items/<id>/digests.txt`), which the same tests
    /// compare with the computed ones. What the WASM scoring package uses: the checker, the canonical JSON
    /// and sha256 are then not in it (docs/wasm.md).
    #[cfg_attr(feature = "check-builtin-banks", allow(dead_code))]
    pub(crate) fn from_checked_files(files: &BTreeMap<String, String>, content_digest: &str, scoring_digest: &str) -> Result<Bank> {
        match read_def(files)? {
            (def, problems) if problems.is_empty() => Ok(Bank::with_digests(def, content_digest.into(), scoring_digest.into())),
            (_, problems) => Err(Error::new(ErrorKind::Bank, problems)),
        }
    }
}

/// A bank's definition read from its files, not yet checked, with the problems of reading its item files
/// (an unreadable manifest is an error at once).
fn read_def(files: &BTreeMap<String, String>) -> Result<(BankDef, Vec<Problem>)> {
    let bank_error = |problems| Error::new(ErrorKind::Bank, problems);
    let Some(manifest_text) = files.get(MANIFEST_FILE) else {
        return Err(bank_error(vec![Problem::new(
            ErrorCode::MissingField,
            "",
            format!("a bank needs a manifest file `{MANIFEST_FILE}`"),
        )]));
    };
    let manifest = read_file(MANIFEST_FILE, manifest_text, Reader::manifest).map_err(bank_error)?;
    let mut problems = Vec::new();
    let mut domains = Vec::new();
    for d in &manifest.domains {
        let mut items = Vec::new();
        for item_id in &d.items {
            let name = format!("{item_id}.yaml");
            match files.get(&name) {
                None => problems.push(
                    Problem::new(
                        ErrorCode::UnknownReference,
                        format!("domains.{}.items", d.id),
                        format!("domain {} lists item {item_id}, but there is no file `{name}`", d.id),
                    )
                    .in_file(MANIFEST_FILE),
                ),
                Some(text) => match read_file(&name, text, Reader::item) {
                    Ok(item) => items.push(item),
                    Err(mut p) => problems.append(&mut p),
                },
            }
        }
        domains.push(Domain {
            id: d.id.clone(),
            title: d.title.clone(),
            items,
        });
    }
    let listed: Vec<String> = manifest
        .domains
        .iter()
        .flat_map(|d| d.items.iter().map(|i| format!("{i}.yaml")))
        .collect();
    for name in files.keys().filter(|n| n.as_str() != MANIFEST_FILE && !listed.contains(n)) {
        problems.push(
            Problem::new(
                ErrorCode::UnknownReference,
                "",
                format!("`{name}` is not listed in any domain of the manifest"),
            )
            .in_file(name.as_str()),
        );
    }
    let def = BankDef {
        id: manifest.id,
        version: manifest.version,
        title: manifest.title,
        source: manifest.source,
        scoring: manifest.scoring,
        domains,
        glossary: manifest.glossary,
        provenance: manifest.provenance,
        guidance: manifest.guidance,
    };
    Ok((def, problems))
}

/// Reads one bank file: YAML through the positioned tree, then field by field (`read.rs`).
fn read_file<T>(name: &str, text: &str, read: fn(&mut Reader, &Node) -> Option<T>) -> Result<T, Vec<Problem>> {
    if text.len() > MAX_BANK_FILE_BYTES {
        return Err(vec![Problem::new(
            ErrorCode::LimitExceeded,
            "",
            format!("bank files are limited to {MAX_BANK_FILE_BYTES} bytes"),
        )
        .in_file(name)]);
    }
    // YAML problems keep their own codes (syntax, unsupported_yaml, limit_exceeded), as in assessments.
    let root = crate::tree::parse(text).map_err(|p| vec![p.in_file(name)])?;
    let mut reader = Reader { problems: Vec::new() };
    match read(&mut reader, &root) {
        Some(value) if reader.problems.is_empty() => Ok(value),
        _ => Err(reader.problems.into_iter().map(|p| p.in_file(name)).collect()),
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::one(
        ErrorKind::Io,
        Problem::new(ErrorCode::Io, "", format!("cannot read {}: {e}", path.display())).in_file(path.display().to_string()),
    )
}
