//! Embeds the built-in banks: every `fidelity-items/<id>/<major.minor.patch>/*.yaml` becomes an entry of
//! `BANKS` in `$OUT_DIR/banks.rs`, included by `src/builtin.rs`. Only bank files are embedded (not the
//! schemas or docs beside them), which keeps the WASM package small; every `<id>/crosswalks/*.yaml` becomes an
//! entry of `CROSSWALKS`.
use std::fmt::Write;
use std::path::Path;

fn main() {
    let items = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fidelity-items");
    println!("cargo:rerun-if-changed={}", items.display());
    let mut banks = Vec::new();
    let mut crosswalks = Vec::new();
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for bank in sorted_dirs(&items) {
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
            banks.push((name(&bank), v, yaml_files(&version)));
        }
    }
    let mut out = String::from("/// (file name, text) of the files of one bank version.\n");
    out.push_str("type BankFiles = &'static [(&'static str, &'static str)];\n");
    out.push_str("/// (id, version, files) of every built-in bank version.\n");
    out.push_str("pub(crate) static BANKS: &[(&str, &str, BankFiles)] = &[\n");
    for (id, version, files) in &banks {
        let _ = writeln!(out, "    ({id:?}, {version:?}, &[");
        for f in files {
            let file = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let _ = writeln!(out, "        ({file:?}, include_str!({:?})),", f.display().to_string());
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    out.push_str("/// (bank id, file name, text) of every built-in crosswalk.\n");
    out.push_str("pub(crate) static CROSSWALKS: &[(&str, &str, &str)] = &[\n");
    for (bank, f) in &crosswalks {
        let _ = writeln!(out, "    ({bank:?}, {:?}, include_str!({:?})),", name(f), f.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("banks.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
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
