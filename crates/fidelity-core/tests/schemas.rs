//! The committed JSON Schemas must equal what the types generate. To regenerate after changing a type:
//! `FIDELITY_UPDATE_SCHEMAS=1 cargo test -p fidelity-core --test schemas`.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

mod common;

use fidelity_core::{builtin, schema};

#[test]
fn committed_schemas_match_the_types() {
    let dir = common::repo().join("fidelity-items/schema");
    let mut generated: Vec<(String, serde_json::Value)> = schema::NAMES
        .iter()
        .map(|n| (format!("{n}.schema.json"), schema::by_name(n).expect("schema").to_value()))
        .collect();
    for (id, version) in builtin::list() {
        let bank = builtin::get(&format!("{id}@{version}")).expect("bank");
        generated.push((
            format!("assessment.{id}@{version}.schema.json"),
            schema::assessment_schema_from(schema::by_name("assessment").expect("assessment"), &bank).to_value(),
        ));
    }
    let update = std::env::var_os("FIDELITY_UPDATE_SCHEMAS").is_some();
    let mut drifted = Vec::new();
    for (file, value) in generated {
        let path = dir.join(&file);
        let text = serde_json::to_string_pretty(&value).expect("json") + "\n";
        if update {
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(&path, &text).expect("write");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            drifted.push(file);
        }
    }
    assert!(
        drifted.is_empty(),
        "schemas drifted from the types: {drifted:?}; run FIDELITY_UPDATE_SCHEMAS=1 cargo test -p fidelity-core --test schemas"
    );
}

#[test]
fn published_schemas_are_the_generated_ones() {
    for name in schema::NAMES {
        let published: serde_json::Value = serde_json::from_str(schema::published(name).expect(name)).expect("json");
        assert_eq!(published, schema::by_name(name).expect(name).to_value(), "{name}");
    }
    assert!(schema::published("nope").is_none());
    let bank = builtin::get("seiho-shuro").expect("bank");
    assert_eq!(
        schema::assessment_for(&bank),
        schema::assessment_schema_from(schema::by_name("assessment").expect("assessment"), &bank)
    );
}
