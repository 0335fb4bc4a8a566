//! The banks and crosswalks a comparison or a verification may use: the built-in ones, plus bank folders and
//! crosswalk files the caller adds (a folder laid out like `fidelity-items/`, or texts from a binding).

use crate::bank::Bank;
use crate::boundary::Document;
use crate::builtin;
use crate::crosswalk::{self, CheckedCrosswalk, Crosswalk};
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::said;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Added banks by `id@version`; they take precedence over built-in banks of the same reference.
    banks: BTreeMap<String, Arc<Bank>>,
    /// Added crosswalk files: (file name, text).
    crosswalks: Vec<(String, String)>,
}

impl Library {
    /// The built-in banks and crosswalks only.
    pub fn builtin() -> Library {
        Library::default()
    }

    /// The built-in banks and crosswalks, plus every bank version folder `<root>/<id>/<x.y.z>/` and crosswalk
    /// file `<root>/<id>/crosswalks/*.yaml` under `root` (the layout of `fidelity-items/`).
    pub fn with_dir(root: impl AsRef<Path>) -> Result<Library> {
        let mut library = Library::default();
        let io = |p: &Path, e: std::io::Error| {
            Error::one(
                ErrorKind::Io,
                Problem::new(ErrorCode::Io, "", said!("{} を読めません: {e}", "cannot read {}: {e}", p.display())),
            )
        };
        for bank_dir in sorted_dirs(root.as_ref()).map_err(|e| io(root.as_ref(), e))? {
            for sub in sorted_dirs(&bank_dir).map_err(|e| io(&bank_dir, e))? {
                let name = sub.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if name == "crosswalks" {
                    for file in std::fs::read_dir(&sub).map_err(|e| io(&sub, e))? {
                        let path = file.map_err(|e| io(&sub, e))?.path();
                        if path.extension().is_some_and(|x| x == "yaml") {
                            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
                            library.add_crosswalk(path.display().to_string(), text);
                        }
                    }
                } else if name.split('.').count() == 3 {
                    library.add_bank(Bank::from_dir(&sub)?);
                }
            }
        }
        Ok(library)
    }

    pub fn add_bank(&mut self, bank: Bank) {
        self.banks.insert(bank.reference(), Arc::new(bank));
    }

    /// Adds a crosswalk text; it is checked against its two banks when a comparison first needs it.
    pub fn add_crosswalk(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.crosswalks.push((name.into(), text.into()));
    }

    /// A bank by `id@version` (or `id`, the latest built-in version): added banks first, then built-in ones.
    pub fn bank(&self, reference: &str) -> Result<Arc<Bank>> {
        match self.banks.get(reference) {
            Some(bank) => Ok(bank.clone()),
            None => builtin::get(reference),
        }
    }

    /// The crosswalk from `id@from` to `id@to`, checked against both banks; `None` when there is none. A
    /// crosswalk between two other versions serves when each of its ends scores exactly as the version asked
    /// for (equal scoring digests, as a patch release keeps): `1.0.0--1.1.0` also maps 1.0.1 onto 1.1.0. It is
    /// checked against its own two versions, whose item and element ids are those of the versions asked for.
    pub fn crosswalk(&self, id: &str, from: &str, to: &str) -> Result<Option<CheckedCrosswalk>> {
        let builtin = builtin::CROSSWALKS
            .iter()
            .filter(|(bank, _, _)| *bank == id)
            .map(|(_, name, text)| (*name, *text));
        let added = self.crosswalks.iter().map(|(n, t)| (n.as_str(), t.as_str()));
        let candidates: Vec<(&str, &str, String, String)> = added
            .chain(builtin)
            .filter_map(|(name, text)| {
                crosswalk::header(text).and_then(|(b, f, t)| (b == id).then(|| (name, text, f.to_string(), t.to_string())))
            })
            .collect();
        let exact = candidates.iter().find(|(_, _, f, t)| f == from && t == to);
        let found = match exact {
            Some(c) => Some(c),
            None => {
                let digest = |version: &str| self.bank(&format!("{id}@{version}")).map(|b| b.scoring_digest().to_string()).ok();
                let (want_from, want_to) = (digest(from), digest(to));
                candidates
                    .iter()
                    .find(|(_, _, f, t)| want_from.is_some() && digest(f) == want_from && want_to.is_some() && digest(t) == want_to)
            }
        };
        let Some((name, text, from, to)) = found else { return Ok(None) };
        let old = self.bank(&format!("{id}@{from}"))?;
        let new = self.bank(&format!("{id}@{to}"))?;
        Crosswalk::load(text, &old, &new).map(Some).map_err(|mut e| {
            for p in &mut e.problems {
                p.file.get_or_insert_with(|| name.to_string());
            }
            e
        })
    }
}

fn sorted_dirs(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

impl Library {
    /// A score report from a document: a report's JSON (from any engine up to this one) as it is, or an
    /// assessment (YAML or JSON) scored with the bank it names (`bank:`), else with `default_bank`.
    pub fn report(&self, doc: &Document<'_>, default_bank: Option<&str>) -> Result<crate::report::ScoreReport> {
        // A report is a JSON object with `report_format`; its JSON is parsed once, here.
        if doc.text().trim_start().starts_with('{') {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(doc.text()) {
                if value.get("report_format").is_some() {
                    return crate::report::ScoreReport::from_value(value).map_err(|e| doc.tell(e));
                }
            }
        }
        let bank = self
            .bank(doc.declared_bank().or(default_bank).unwrap_or(builtin::DEFAULT))
            .map_err(|e| doc.tell(e))?;
        doc.score(&bank)
    }

    /// The newest bank version a trend uses, for its titles and level labels.
    pub fn newest_bank(&self, trend: &crate::trend::Trend) -> Option<Arc<Bank>> {
        let stamps = trend.offices.iter().flat_map(|o| &o.points).map(|p| &p.bank);
        let newest = stamps.max_by_key(|b| (b.id.clone(), builtin::semver(&b.version)))?;
        self.bank(&format!("{}@{}", newest.id, newest.version)).ok()
    }
}
