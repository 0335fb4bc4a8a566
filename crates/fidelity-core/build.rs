//! Embeds the built-in banks: every `fidelity-items/<id>/<major.minor.patch>/*.yaml` becomes an entry of
//! `BANKS` in `$OUT_DIR/banks.rs`, included by `src/builtin.rs`. Only bank files are embedded (not the
//! schemas or docs beside them), which keeps the WASM package small; every `<id>/crosswalks/*.yaml` becomes an
//! entry of `CROSSWALKS`. Each version carries the digests `fidelity-items/<id>/digests.txt` records for it.
use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled (`env!`): a build script compiled for a checkout at
    // another path and reused from a shared target directory looked for that checkout's banks, found none, and
    // built a core without any.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let items = Path::new(&manifest_dir).join("../../fidelity-items");
    println!("cargo:rerun-if-changed={}", items.display());
    let mut banks = Vec::new();
    let mut crosswalks = Vec::new();
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for bank in sorted_dirs(&items) {
        let recorded = recorded_digests(&bank.join(DIGESTS_FILE));
        for version in sorted_dirs(&bank) {
            let v = name(&version);
            if v == "crosswalks" {
                println!("cargo:rerun-if-changed={}", version.display());
                for f in yaml_files(&version) {
                    crosswalks.push((name(&bank), f));
                }
                continue;
            }
            if v.split('.').count() != 3 || !v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                continue;
            }
            println!("cargo:rerun-if-changed={}", version.display());
            let (content, scoring) = recorded.get(&v).cloned().unwrap_or_default();
            banks.push((name(&bank), v, yaml_files(&version), content, scoring));
        }
    }
    if banks.is_empty() {
        // A core without built-in banks scores nothing; say where they were looked for.
        println!("cargo:warning=no bank versions (<id>/<major.minor.patch>/) in {}", items.display());
        std::process::exit(1);
    }
    // Every bank file goes into one text, the same file of each version side by side (A-1.yaml of 1.0.0,
    // then of 1.0.1, ...): versions differ little, so the gzipped WASM package stores a later version's file
    // as a short reference back to the earlier one instead of a second copy.
    let mut order: Vec<(String, String, usize, usize)> = Vec::new(); // (bank, file name, version, file)
    for (b, (id, _, files, ..)) in banks.iter().enumerate() {
        for (f, path) in files.iter().enumerate() {
            order.push((id.clone(), name(path), b, f));
        }
    }
    order.sort();
    let mut blob = String::new();
    let mut spans = vec![Vec::new(); banks.len()];
    for (_, file, b, f) in &order {
        let path = &banks[*b].2[*f];
        println!("cargo:rerun-if-changed={}", path.display());
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                println!("cargo:warning=cannot read {}: {e}", path.display());
                std::process::exit(1);
            }
        };
        let text = without_comment_lines(&text);
        spans[*b].push((file.clone(), blob.len(), blob.len() + text.len()));
        blob.push_str(&text);
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    let blob_path = Path::new(&out_dir).join("banks.txt");
    if let Err(e) = std::fs::write(&blob_path, &blob) {
        println!("cargo:warning=cannot write {}: {e}", blob_path.display());
    }
    let mut out = String::from("/// Every built-in bank file, one after another.\n");
    let _ = writeln!(out, "static BANK_TEXT: &str = include_str!({:?});", blob_path.display().to_string());
    out.push_str("/// (file name, start, end) in `BANK_TEXT` of the files of one bank version.\n");
    out.push_str("type BankFiles = &'static [(&'static str, usize, usize)];\n");
    out.push_str("/// (id, version, files, content digest, scoring digest as recorded in `digests.txt`, or empty) of every\n");
    out.push_str("/// built-in bank version.\n");
    out.push_str("pub(crate) static BANKS: &[(&str, &str, BankFiles, &str, &str)] = &[\n");
    for ((id, version, _, content, scoring), files) in banks.iter().zip(&spans) {
        let _ = writeln!(out, "    ({id:?}, {version:?}, &[");
        for (file, start, end) in files {
            let _ = writeln!(out, "        ({file:?}, {start}, {end}),");
        }
        let _ = writeln!(out, "    ], {content:?}, {scoring:?}),");
    }
    out.push_str("];\n");
    out.push_str("/// (bank id, file name, text) of every built-in crosswalk.\n");
    out.push_str("pub(crate) static CROSSWALKS: &[(&str, &str, &str)] = &[\n");
    for (bank, f) in &crosswalks {
        let _ = writeln!(out, "    ({bank:?}, {:?}, include_str!({:?})),", name(f), f.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&out_dir).join("banks.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}

/// The digests recorded for a bank's versions, by version: `<version> <content digest> <scoring digest>` per
/// line, `#` comments. `builtin::tests` (src/builtin.rs) keeps the file equal to the digests the core computes.
const DIGESTS_FILE: &str = "digests.txt";
fn recorded_digests(path: &Path) -> std::collections::BTreeMap<String, (String, String)> {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
            [version, content, scoring] => Some((version.to_string(), (content.to_string(), scoring.to_string()))),
            _ => None,
        })
        .collect()
}

/// A bank file without its whole-line comments (what the files say to their editors: about 1 KB of the
/// gzipped WASM package). Nothing reads them, and the bank files hold no block scalars, where a line starting
/// with `#` would be text: `builtin::tests` checks that every built-in version read from its folder as written
/// has the digests of the embedded one.
fn without_comment_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect()
}

fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|x| x == "yaml"));
    files.sort();
    files
}

fn sorted_dirs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    out.sort();
    out
}
