//! The hand-written bank reader against serde's derived deserializers (inside the crate: it reads the
//! positioned tree, which is not public).
#![allow(clippy::unwrap_used)]

use crate::bank::Bank;
use std::collections::BTreeMap;

/// The YAML tree as JSON, plain scalars typed as YAML 1.2 does (for comparing with serde's reading).
fn tree_json(node: &crate::tree::Node) -> serde_json::Value {
    use crate::tree::Value as T;
    use serde_json::Value as J;
    match &node.value {
        T::Seq(items) => J::Array(items.iter().map(tree_json).collect()),
        T::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_text().unwrap_or_default().to_string(), tree_json(v)))
                .collect(),
        ),
        T::Scalar { text, quoted: true } => J::String(text.clone()),
        T::Scalar { text, .. } if node.is_null() => {
            let _ = text;
            J::Null
        }
        T::Scalar { text, .. } => match (node.as_bool(), node.as_number().and_then(|n| n.parse::<u64>().ok())) {
            (Some(b), _) => J::Bool(b),
            (_, Some(n)) => J::from(n),
            _ => J::String(text.clone()),
        },
    }
}

/// The hand-written bank reader (`bank/read.rs`, kept small for the WASM package) and serde's derived
/// deserializers of the schema-described types read every file of the built-in bank and of the test bank
/// (anchors, tiers, na, an item rule) to the same values.
#[test]
fn the_bank_reader_agrees_with_the_derived_deserializers() {
    // A bank folder's files, read from the repository (as the built-in ones are embedded from it).
    let folder = |dir: &str| -> BTreeMap<String, String> {
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir))
            .expect("bank folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .map(|p| {
                (
                    p.file_name().expect("name").to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).expect("read"),
                )
            })
            .collect()
    };
    let test_bank = folder("tests/banks/test-rules/1.0.0");
    assert_eq!(reader_and_serde_agree(&folder("fidelity-items/seiho-shuro/1.0.0")), 9);
    assert_eq!(reader_and_serde_agree(&test_bank), 4);
}

fn reader_and_serde_agree(files: &BTreeMap<String, String>) -> usize {
    use crate::bank::{Item, Manifest};
    let bank = Bank::from_files(files).expect("bank");
    let parse = |name: &str| tree_json(&crate::tree::parse(&files[name]).expect("yaml"));
    let manifest: Manifest = serde_json::from_value(parse("bank.yaml")).expect("manifest");
    let def = bank.def();
    assert_eq!(
        (
            &manifest.id,
            &manifest.version,
            &manifest.title,
            &manifest.source,
            &manifest.scoring
        ),
        (&def.id, &def.version, &def.title, &def.source, &def.scoring)
    );
    let mut checked = 0;
    for domain in &def.domains {
        for item in &domain.items {
            let from_serde: Item = serde_json::from_value(parse(&format!("{}.yaml", item.id))).expect("item");
            assert_eq!(&from_serde, item, "{}", item.id);
            checked += 1;
        }
    }
    checked
}
