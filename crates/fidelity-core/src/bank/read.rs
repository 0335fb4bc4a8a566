//! Reading bank files from the positioned tree, field by field, like assessments: every problem is collected
//! with its path, line and column and what was expected. Written out rather than derived with serde because
//! derived deserializers are several times larger in the WASM package, whose size is budgeted; the JSON
//! Schemas (`bank-manifest`, `bank-item`) still come from the types, and a test (`tests/bank.rs`) checks that
//! this reader and serde's derived deserializers of those types read the built-in and test banks alike.

use super::model::*;
use crate::error::{ErrorCode, Problem};
use crate::fraction::Fraction;
use crate::text::Text;
use crate::tree::{self, join, Fields, Node, Shape};

/// A bank file's mappings: every shape problem is a `bank_format` problem, and null is absent.
const SHAPE: Shape = Shape {
    wrong_type: ErrorCode::BankFormat,
    unknown_key: ErrorCode::BankFormat,
    missing_field: ErrorCode::BankFormat,
    null_is_absent: true,
};

pub(super) struct Reader {
    pub problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, path: &str, node: &Node, message: String) {
        self.problems
            .push(Problem::new(ErrorCode::BankFormat, path, message).at(Some(node.pos)));
    }

    fn wrong(&mut self, path: &str, node: &Node, expected: &str) {
        let message = format!("expected {expected}, found {}", node.describe().en);
        self.problem(path, node, message);
    }

    fn fields<'n>(&mut self, node: &'n Node, path: &str, allowed: &[&str], required: &[&str]) -> Option<Fields<'n>> {
        tree::fields(node, path, allowed, required, &SHAPE, &mut self.problems)
    }

    /// Any non-null scalar as text (`version: 1.0` is "1.0").
    fn string(&mut self, f: &Fields<'_>, key: &str, path: &str) -> Option<String> {
        let node = f.value(key)?;
        self.scalar(node, &join(path, key))
    }

    fn scalar(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = match node.as_seq().is_none() && node.as_map().is_none() {
            true => node.as_text().map(str::to_owned),
            false => None,
        };
        if text.is_none() {
            self.wrong(path, node, "a string");
        }
        text
    }

    fn number(&mut self, f: &Fields<'_>, key: &str, path: &str, max: u64) -> Option<u64> {
        let node = f.value(key)?;
        let value = node.as_number().and_then(|n| n.parse::<u64>().ok()).filter(|v| *v <= max);
        if value.is_none() {
            self.wrong(&join(path, key), node, &format!("a whole number from 0 to {max}"));
        }
        value
    }

    fn boolean(&mut self, f: &Fields<'_>, key: &str, path: &str) -> Option<bool> {
        let node = f.value(key)?;
        let value = node.as_bool();
        if value.is_none() {
            self.wrong(&join(path, key), node, "true or false");
        }
        value
    }

    fn fraction(&mut self, f: &Fields<'_>, key: &str, path: &str) -> Option<Fraction> {
        let node = f.value(key)?;
        let path = join(path, key);
        if let Some(n) = node.as_number() {
            if let Ok(whole) = n.parse::<u64>() {
                return Some(Fraction::integer(whole));
            }
            self.problem(
                &path,
                node,
                format!("{n} is not a whole number; write thresholds as quoted decimals (\"{n}\") so they stay exact"),
            );
            return None;
        }
        let value = node.as_string().and_then(Fraction::parse);
        if value.is_none() {
            self.wrong(
                &path,
                node,
                "an exact non-negative number: a quoted decimal (\"0.75\"), a fraction (\"3/4\") or a whole number",
            );
        }
        value
    }

    fn text(&mut self, f: &Fields<'_>, key: &str, path: &str) -> Option<Text> {
        let node = f.value(key)?;
        let path = join(path, key);
        let t = self.fields(node, &path, &["ja", "en"], &["ja"])?;
        let ja = self.string(&t, "ja", &path);
        let en = self.string(&t, "en", &path);
        Some(Text { ja: ja?, en })
    }

    /// A list, each entry read by `read`; `None` if the list or any entry has a problem.
    fn list<T>(
        &mut self,
        f: &Fields<'_>,
        key: &str,
        path: &str,
        mut read: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = f.value(key)?;
        let path = join(path, key);
        let Some(items) = node.as_seq() else {
            self.wrong(&path, node, "a list");
            return None;
        };
        let before = self.problems.len();
        let out: Vec<T> = items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| read(self, n, &format!("{path}[{i}]")))
            .collect();
        (self.problems.len() == before).then_some(out)
    }

    /// The `kind` of a tagged mapping, among `kinds`.
    fn kind<'k>(&mut self, node: &Node, path: &str, kinds: &[&'k str]) -> Option<&'k str> {
        if node.as_map().is_none() {
            self.wrong(path, node, "a mapping");
            return None;
        }
        let Some(tag) = node.entry("kind") else {
            self.problem(
                &join(path, "kind"),
                node,
                format!("missing field `kind` (one of: {})", kinds.join(", ")),
            );
            return None;
        };
        let found = kinds.iter().find(|k| tag.as_string() == Some(**k)).copied();
        if found.is_none() {
            let message = format!(
                "unknown kind {}, expected one of: {}",
                tag.as_text().unwrap_or("?"),
                kinds.join(", ")
            );
            self.problem(&join(path, "kind"), tag, message);
        }
        found
    }

    pub(super) fn manifest(&mut self, root: &Node) -> Option<Manifest> {
        let f = self.fields(
            root,
            "",
            &[
                "id",
                "version",
                "title",
                "source",
                "scoring",
                "domains",
                "glossary",
                "provenance",
                "guidance",
            ],
            &["id", "version", "title", "source", "scoring", "domains"],
        )?;
        let id = self.string(&f, "id", "");
        let version = self.string(&f, "version", "");
        let title = self.text(&f, "title", "");
        let source = f.value("source").and_then(|n| self.source(n));
        let scoring = f.value("scoring").and_then(|n| self.scoring(n));
        let domains = self.list(&f, "domains", "", |r, n, p| {
            let d = r.fields(n, p, &["id", "title", "items"], &["id", "title", "items"])?;
            let id = r.string(&d, "id", p);
            let title = r.text(&d, "title", p);
            let items = r.list(&d, "items", p, |r, n, p| {
                let text = n.as_string().map(str::to_owned);
                if text.is_none() {
                    r.wrong(p, n, "an item id");
                }
                text
            });
            Some(DomainDef {
                id: id?,
                title: title?,
                items: items?,
            })
        });
        let glossary = self.optional_list(&f, "glossary", |r, n, p| r.glossary_entry(n, p));
        let provenance = self.optional_list(&f, "provenance", |r, n, p| r.provenance_note(n, p));
        let guidance = f.value("guidance").map(|_| self.text(&f, "guidance", ""));
        Some(Manifest {
            id: id?,
            version: version?,
            title: title?,
            source: source?,
            scoring: scoring?,
            domains: domains?,
            glossary: glossary?,
            provenance: provenance?,
            guidance: present(guidance)?,
        })
    }

    /// A list that may be left out (then empty).
    fn optional_list<T>(&mut self, f: &Fields<'_>, key: &str, read: impl FnMut(&mut Self, &Node, &str) -> Option<T>) -> Option<Vec<T>> {
        match f.value(key) {
            Some(_) => self.list(f, key, "", read),
            None => Some(Vec::new()),
        }
    }

    /// A list of strings, each read as [`Self::string`] reads one.
    fn strings(&mut self, f: &Fields<'_>, key: &str, path: &str) -> Option<Vec<String>> {
        self.list(f, key, path, |r, n, p| r.scalar(n, p))
    }

    fn glossary_entry(&mut self, node: &Node, path: &str) -> Option<GlossaryEntry> {
        let f = self.fields(
            node,
            path,
            &["id", "term", "variants", "definition", "source"],
            &["id", "term", "definition", "source"],
        )?;
        let id = self.string(&f, "id", path);
        let term = self.text(&f, "term", path);
        let variants = match f.value("variants") {
            Some(_) => self.strings(&f, "variants", path),
            None => Some(Vec::new()),
        };
        let definition = self.text(&f, "definition", path);
        let source = self.string(&f, "source", path);
        Some(GlossaryEntry {
            id: id?,
            term: term?,
            variants: variants?,
            definition: definition?,
            source: source?,
        })
    }

    fn provenance_note(&mut self, node: &Node, path: &str) -> Option<ProvenanceNote> {
        let f = self.fields(
            node,
            path,
            &["at", "field", "kind", "quote", "note"],
            &["at", "field", "kind", "note"],
        )?;
        let at = self.strings(&f, "at", path);
        let field = self.word(&f, "field", path, &ProvenanceField::NAMES);
        let kind = self.word(&f, "kind", path, &ProvenanceKind::NAMES);
        let quote = f.value("quote").map(|_| self.string(&f, "quote", path));
        let note = self.text(&f, "note", path);
        Some(ProvenanceNote {
            at: at?,
            field: field?,
            kind: kind?,
            quote: present(quote)?,
            note: note?,
        })
    }

    /// One of a fixed set of words, each standing for a value.
    fn word<T: Copy>(&mut self, f: &Fields<'_>, key: &str, path: &str, words: &[(&str, T)]) -> Option<T> {
        let node = f.value(key)?;
        let found = words.iter().find(|(w, _)| node.as_string() == Some(*w)).map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            self.wrong(&join(path, key), node, &format!("one of: {}", names.join(", ")));
        }
        found
    }

    fn source(&mut self, node: &Node) -> Option<Source> {
        let f = self.fields(
            node,
            "source",
            &["manual", "method", "section", "url"],
            &["manual", "method", "url"],
        )?;
        let manual = self.string(&f, "manual", "source");
        let method = self.string(&f, "method", "source");
        let section = self.string(&f, "section", "source");
        let url = self.string(&f, "url", "source");
        Some(Source {
            manual: manual?,
            method: method?,
            section,
            url: url?,
        })
    }

    fn scoring(&mut self, node: &Node) -> Option<Scoring> {
        let f = self.fields(
            node,
            "scoring",
            &["notice", "item_rule", "levels"],
            &["notice", "item_rule", "levels"],
        )?;
        let notice = self.text(&f, "notice", "scoring");
        let item_rule = f.value("item_rule").and_then(|n| self.item_rule(n, "scoring.item_rule"));
        let levels = f.value("levels").and_then(|n| {
            let l = self.fields(n, "scoring.levels", &["rationale", "bands"], &["bands"])?;
            let rationale = self.string(&l, "rationale", "scoring.levels");
            let bands = self.list(&l, "bands", "scoring.levels", |r, n, p| {
                let b = r.fields(n, p, &["id", "min_mean", "label"], &["id", "min_mean", "label"])?;
                let id = r.string(&b, "id", p);
                let min_mean = r.fraction(&b, "min_mean", p);
                let label = r.text(&b, "label", p);
                Some(LevelBand {
                    id: id?,
                    min_mean: min_mean?,
                    label: label?,
                })
            });
            Some(Levels { rationale, bands: bands? })
        });
        Some(Scoring {
            notice: notice?,
            item_rule: item_rule?,
            levels: levels?,
        })
    }

    fn item_rule(&mut self, node: &Node, path: &str) -> Option<ItemRule> {
        match self.kind(node, path, &["rate_bands", "anchors"])? {
            "rate_bands" => {
                let f = self.fields(node, path, &["kind", "bands", "rationale"], &["bands"])?;
                let rationale = self.string(&f, "rationale", path);
                let bands = self.list(&f, "bands", path, |r, n, p| {
                    let b = r.fields(n, p, &["score", "min_rate"], &["score", "min_rate"])?;
                    let score = r.number(&b, "score", p, 255);
                    let min_rate = r.fraction(&b, "min_rate", p);
                    Some(RateBand {
                        score: score? as u8,
                        min_rate: min_rate?,
                    })
                });
                Some(ItemRule::RateBands { bands: bands?, rationale })
            }
            _ => {
                let f = self.fields(node, path, &["kind", "anchors", "rationale"], &["anchors"])?;
                let rationale = self.string(&f, "rationale", path);
                let anchors = self.list(&f, "anchors", path, |r, n, p| {
                    let a = r.fields(n, p, &["score", "any_of"], &["score", "any_of"])?;
                    let score = r.number(&a, "score", p, 255);
                    let any_of = r.list(&a, "any_of", p, |r, n, p| {
                        let c = r.fields(n, p, &["basic", "advanced"], &[])?;
                        let basic = r.number(&c, "basic", p, u32::MAX.into());
                        let advanced = r.number(&c, "advanced", p, u32::MAX.into());
                        Some(AnchorCondition {
                            basic: basic.unwrap_or(0) as u32,
                            advanced: advanced.unwrap_or(0) as u32,
                        })
                    });
                    Some(Anchor {
                        score: score? as u8,
                        any_of: any_of?,
                    })
                });
                Some(ItemRule::Anchors {
                    anchors: anchors?,
                    rationale,
                })
            }
        }
    }

    pub(super) fn item(&mut self, root: &Node) -> Option<Item> {
        let f = self.fields(
            root,
            "",
            &["id", "title", "purpose", "support", "notes", "rule", "elements"],
            &["id", "title", "elements"],
        )?;
        let id = self.string(&f, "id", "");
        let title = self.text(&f, "title", "");
        let purpose = self.text(&f, "purpose", "");
        let support = self.text(&f, "support", "");
        let notes = self.text(&f, "notes", "");
        let rule = f.value("rule").map(|n| self.item_rule(n, "rule"));
        let elements = self.list(&f, "elements", "", |r, n, p| r.element(n, p));
        Some(Item {
            id: id?,
            title: title?,
            purpose,
            support,
            notes,
            rule: present(rule)?,
            elements: elements?,
        })
    }

    fn element(&mut self, node: &Node, path: &str) -> Option<Element> {
        let f = self.fields(
            node,
            path,
            &["id", "text", "criterion", "na_allowed", "tier", "guidance", "rationale"],
            &["id", "text"],
        )?;
        let id = self.string(&f, "id", path);
        let text = self.text(&f, "text", path);
        let criterion = f.value("criterion").map(|n| self.criterion(n, &join(path, "criterion")));
        let na_allowed = self.boolean(&f, "na_allowed", path);
        let guidance = f.value("guidance").map(|_| self.text(&f, "guidance", path));
        let rationale = f.value("rationale").map(|_| self.string(&f, "rationale", path));
        let tier = f.value("tier").map(|n| match n.as_string() {
            Some("basic") => Some(Tier::Basic),
            Some("advanced") => Some(Tier::Advanced),
            _ => {
                self.wrong(&join(path, "tier"), n, "basic or advanced");
                None
            }
        });
        Some(Element {
            id: id?,
            text: text?,
            criterion: match criterion {
                Some(c) => c?,
                None => Criterion::Check,
            },
            na_allowed: na_allowed.unwrap_or(false),
            tier: present(tier)?,
            guidance: present(guidance)?,
            rationale: present(rationale)?,
        })
    }

    fn criterion(&mut self, node: &Node, path: &str) -> Option<Criterion> {
        match self.kind(node, path, &["check", "options", "figure"])? {
            "check" => {
                self.fields(node, path, &["kind"], &[])?;
                Some(Criterion::Check)
            }
            "options" => {
                let f = self.fields(node, path, &["kind", "options", "require", "rationale"], &["options", "require"])?;
                let rationale = self.string(&f, "rationale", path);
                let options = self.list(&f, "options", path, |r, n, p| {
                    let o = r.fields(n, p, &["key", "label"], &["key", "label"])?;
                    let key = r.string(&o, "key", p);
                    let label = r.text(&o, "label", p);
                    Some(OptionDef { key: key?, label: label? })
                });
                let require = f.value("require").and_then(|n| {
                    let rpath = join(path, "require");
                    if n.as_string() == Some("all") {
                        return Some(Requirement::All);
                    }
                    if n.as_map().is_none() {
                        self.wrong(&rpath, n, "`all` or {at_least: k}");
                        return None;
                    }
                    let a = self.fields(n, &rpath, &["at_least"], &["at_least"])?;
                    self.number(&a, "at_least", &rpath, u32::MAX.into())
                        .map(|k| Requirement::AtLeast(k as u32))
                });
                Some(Criterion::Options {
                    options: options?,
                    require: require?,
                    rationale,
                })
            }
            _ => {
                let f = self.fields(node, path, &["kind", "inputs", "test", "rationale"], &["inputs", "test"])?;
                let rationale = self.string(&f, "rationale", path);
                let inputs = self.list(&f, "inputs", path, |r, n, p| {
                    let i = r.fields(n, p, &["key", "label", "unit", "min"], &["key", "label", "unit"])?;
                    let key = r.string(&i, "key", p);
                    let label = r.text(&i, "label", p);
                    let unit = r.text(&i, "unit", p);
                    let min = r.number(&i, "min", p, u64::MAX);
                    Some(FigureInput {
                        key: key?,
                        label: label?,
                        unit: unit?,
                        min: min.unwrap_or(0),
                    })
                });
                let test = f.value("test").and_then(|n| self.figure_test(n, &join(path, "test")));
                Some(Criterion::Figure {
                    inputs: inputs?,
                    test: test?,
                    rationale,
                })
            }
        }
    }

    fn figure_test(&mut self, node: &Node, path: &str) -> Option<FigureTest> {
        match self.kind(node, path, &["at_least", "ratio_at_least"])? {
            "at_least" => {
                let f = self.fields(node, path, &["kind", "input", "value"], &["input", "value"])?;
                let input = self.string(&f, "input", path);
                let value = self.fraction(&f, "value", path);
                Some(FigureTest::AtLeast {
                    input: input?,
                    value: value?,
                })
            }
            _ => {
                let f = self.fields(
                    node,
                    path,
                    &["kind", "numerator", "denominator", "ratio"],
                    &["numerator", "denominator", "ratio"],
                )?;
                let numerator = self.string(&f, "numerator", path);
                let denominator = self.string(&f, "denominator", path);
                let ratio = self.fraction(&f, "ratio", path);
                Some(FigureTest::RatioAtLeast {
                    numerator: numerator?,
                    denominator: denominator?,
                    ratio: ratio?,
                })
            }
        }
    }
}

/// An optional field's reading: absent is `Some(None)`, read is `Some(Some(value))`, a problem is `None`.
fn present<T>(read: Option<Option<T>>) -> Option<Option<T>> {
    read.map_or(Some(None), |value| value.map(Some))
}
