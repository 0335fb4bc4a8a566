//! Reading an assessment from YAML or JSON text against a bank. Walks the positioned tree and collects every
//! problem, each with the exact path (`answers.B-1.6.capacity`), line and column, and what was expected.
//! What a review records beside the answers (findings, sources, the consensus) is read in `review`.

mod review;

use super::{Answer, Assessment, ItemRecord, NaMarker, Office, Rater, RaterKind, SourceRating};
use crate::bank::{Bank, Element, Evidence};
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result, Said};
use crate::said;
use crate::tree::number::Whole;
use crate::tree::{self, join, Fields, Node, Shape, Value};
use std::collections::BTreeMap;

impl Assessment {
    /// Parses and checks an assessment written in YAML or JSON. Every problem is reported, with positions.
    pub fn from_text(text: &str, bank: &Bank) -> Result<Assessment> {
        let root = tree::parse(text).map_err(|p| Error::one(ErrorKind::Assessment, p))?;
        Assessment::from_tree(&root, bank).map_err(|problems| Error::new(ErrorKind::Assessment, problems))
    }

    /// Reads an assessment from a tree a binding built from its own values (no text to parse).
    pub fn from_node(root: &Node, bank: &Bank) -> Result<Assessment> {
        Assessment::from_tree(root, bank).map_err(|problems| Error::new(ErrorKind::Assessment, problems))
    }

    /// Reads an assessment from a positioned tree (parsed text, or a CSV row laid out as one).
    pub(crate) fn from_tree(root: &Node, bank: &Bank) -> std::result::Result<Assessment, Vec<Problem>> {
        let mut r = Reader {
            bank,
            problems: Vec::new(),
        };
        match r.assessment(root) {
            Some(a) if r.problems.is_empty() => Ok(a),
            _ => {
                super::name_elements(bank, &mut r.problems);
                Err(r.problems)
            }
        }
    }

    /// Checks an assessment built in code (e.g. from a binding) against a bank, with the same rules and
    /// codes as `from_text`, without positions: its values are laid out as the tree the reader checks.
    pub fn check(&self, bank: &Bank) -> Result<()> {
        Assessment::from_node(&self.tree(), bank).map(|_| ())
    }

    /// The assessment as the tree its text would parse to (strings quoted, answers typed), unpositioned.
    fn tree(&self) -> Node {
        let mut root = vec![
            ("office", named(("id", text(&self.office.id)), &self.office.name, None)),
            ("period", text(&self.period)),
            ("rater", rater_tree(&self.rater)),
            ("answers", answers_tree(&self.answers)),
        ];
        if let Some(bank) = &self.bank {
            root.insert(0, ("bank", text(bank)));
        }
        if !self.findings.is_empty() {
            root.push(("findings", texts_tree(&self.findings)));
        }
        if !self.items.is_empty() {
            let record = |r: &ItemRecord| {
                let sources = seq(r.sources.iter().map(|d| text(d.as_str())).collect());
                map(std::iter::once(("sources", sources))
                    .chain(r.comment.as_deref().map(|c| ("comment", text(c))))
                    .collect())
            };
            root.push(("items", map(self.items.iter().map(|(id, r)| (id.as_str(), record(r))).collect())));
        }
        if let Some(c) = &self.consensus {
            let rating = |r: &SourceRating| {
                let mut fields = vec![
                    ("office", text(&r.office)),
                    ("period", text(&r.period)),
                    ("rater", rater_tree(&r.rater)),
                    ("digest", text(&r.digest)),
                    ("answers", answers_tree(&r.answers)),
                ];
                if let Some(file) = &r.file {
                    fields.push(("file", text(file)));
                }
                map(fields)
            };
            let record = vec![
                ("ratings", seq(c.ratings.iter().map(rating).collect())),
                ("reasons", texts_tree(&c.reasons)),
            ];
            root.push(("consensus", map(record)));
        }
        map(root)
    }
}

// The pieces of an unpositioned tree (`Assessment::tree`).
fn text(t: &str) -> Node {
    Node::scalar(t, true, Pos::NOWHERE)
}

fn plain(t: String) -> Node {
    Node::scalar(t, false, Pos::NOWHERE)
}

fn map(entries: Vec<(&str, Node)>) -> Node {
    Node {
        value: Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect()),
        pos: Pos::NOWHERE,
    }
}

fn seq(items: Vec<Node>) -> Node {
    Node {
        value: Value::Seq(items),
        pos: Pos::NOWHERE,
    }
}

fn named(first: (&str, Node), name: &Option<String>, date: Option<&str>) -> Node {
    map(std::iter::once(first)
        .chain(name.as_deref().map(|n| ("name", text(n))))
        .chain(date.map(|d| ("date", text(d))))
        .collect())
}

fn rater_tree(r: &Rater) -> Node {
    named(("kind", text(r.kind.as_str())), &r.name, r.date.as_deref())
}

fn texts_tree(texts: &BTreeMap<String, String>) -> Node {
    map(texts.iter().map(|(id, t)| (id.as_str(), text(t))).collect())
}

fn answers_tree(answers: &BTreeMap<String, Answer>) -> Node {
    let answer = |a: &Answer| match a {
        Answer::Judgement(b) => plain(b.to_string()),
        Answer::Na(NaMarker::Na) => text("na"),
        Answer::Options(keys) => seq(keys.iter().map(|k| text(k)).collect()),
        Answer::Figures(values) => map(values.iter().map(|(k, v)| (k.as_str(), plain(v.to_string()))).collect()),
    };
    map(answers.iter().map(|(id, a)| (id.as_str(), answer(a))).collect())
}

struct Reader<'a> {
    bank: &'a Bank,
    problems: Vec<Problem>,
}

/// An assessment's mappings: keys are checked, and a null value is present (it means unanswered).
const SHAPE: Shape = Shape {
    wrong_type: ErrorCode::WrongType,
    unknown_key: ErrorCode::UnknownKey,
    missing_field: ErrorCode::MissingField,
    null_is_absent: false,
};

impl Reader<'_> {
    fn problem(&mut self, code: ErrorCode, path: &str, node: &Node, message: Said) {
        self.problems.push(Problem::new(code, path, message).at(Some(node.pos)));
    }

    fn wrong_type(&mut self, path: &str, node: &Node, expected: Said) {
        let message = expected_found(&expected, &node.describe());
        self.problem(ErrorCode::WrongType, path, node, message);
    }

    fn fields<'n>(&mut self, node: &'n Node, path: &str, allowed: &[&str], required: &[&str]) -> Option<Fields<'n>> {
        tree::fields(node, path, allowed, required, &SHAPE, &mut self.problems)
    }

    fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        let t = node.as_text().map(str::to_owned);
        if t.is_none() {
            self.wrong_type(path, node, Said::new("文字列", "a string"));
        }
        t
    }

    fn assessment(&mut self, root: &Node) -> Option<Assessment> {
        let f = self.fields(
            root,
            "",
            &["bank", "office", "period", "rater", "answers", "findings", "items", "consensus"],
            &["office", "period", "rater", "answers"],
        )?;
        let bank = f.get("bank").and_then(|n| self.bank_ref(n));
        let office = f.get("office").and_then(|n| self.office(n));
        let period = f.get("period").and_then(|n| self.text(n, "period"));
        let rater = f.get("rater").and_then(|n| self.rater(n, "rater"));
        let answers = f.get("answers").and_then(|n| self.answers(n, "answers"));
        let findings = f.value("findings").map_or(Some(BTreeMap::new()), |n| self.findings(n));
        let items = f.value("items").map_or(Some(BTreeMap::new()), |n| self.item_records(n));
        let consensus = f.value("consensus").map(|n| (self.consensus(n), n));
        let (office, period, rater, answers) = (office?, period?, rater?, answers?);
        let consensus = match (rater.kind, consensus) {
            (RaterKind::Consensus, Some((record, node))) => {
                let record = record?;
                self.check_consensus(&record, &office, &period, &answers, node, f.get("answers"));
                Some(record)
            }
            (RaterKind::Consensus, None) => {
                let message = Said::new(
                    "合議の評価には `consensus` の記録（合議のもとになった二つの評価）が必要です（`fidelity consensus` が下書きを作ります）",
                    "a consensus rating needs its `consensus` record: the two ratings it settles \
                     (`fidelity consensus` drafts it)",
                );
                self.problem(ErrorCode::MissingField, "consensus", root, message);
                None
            }
            (_, Some((_, node))) => {
                let kind = rater.kind.as_str();
                let message = said!(
                    "`consensus` の記録を持てるのは種類 `consensus`（合議）の評価だけです。この評価は `{kind}` です",
                    "only a rating of kind `consensus` has a `consensus` record; this one is `{kind}`"
                );
                self.problem(ErrorCode::InvalidValue, "consensus", node, message);
                None
            }
            (_, None) => None,
        };
        Some(Assessment {
            bank,
            office,
            period,
            rater,
            answers,
            findings: findings?,
            items: items?,
            consensus,
        })
    }

    fn bank_ref(&mut self, node: &Node) -> Option<String> {
        let text = self.text(node, "bank")?;
        if !names(self.bank, &text) {
            let bank = self.bank.reference();
            let message = said!(
                "この評価票は `{text}` 用ですが、`{bank}` で採点しようとしています",
                "this assessment is for `{text}`, but it is being scored with `{bank}`"
            );
            self.problem(ErrorCode::BankMismatch, "bank", node, message);
        }
        Some(text)
    }

    fn office(&mut self, node: &Node) -> Option<Office> {
        let f = self.fields(node, "office", &["id", "name"], &["id"])?;
        let id = f.get("id").and_then(|n| self.text(n, "office.id"));
        let name = match f.get("name") {
            Some(n) if !n.is_null() => Some(self.text(n, "office.name")?),
            _ => None,
        };
        Some(Office { id: id?, name })
    }

    /// A rater at `path` (`rater`, or a consensus's source rating's, which may not be `consensus`).
    fn rater(&mut self, node: &Node, path: &str) -> Option<Rater> {
        let f = self.fields(node, path, &["kind", "name", "date"], &["kind"])?;
        let independent = path != "rater";
        let kind = f.get("kind").and_then(|n| {
            let parsed = n
                .as_string()
                .and_then(RaterKind::parse)
                .filter(|k| !(independent && *k == RaterKind::Consensus));
            if parsed.is_none() {
                let expected = if independent {
                    Said::new("`self` か `external`", "`self` or `external`")
                } else {
                    Said::new("`self`・`external`・`consensus` のいずれか", "`self`, `external` or `consensus`")
                };
                let message = expected_found(&expected, &n.found());
                self.problem(ErrorCode::InvalidValue, &join(path, "kind"), n, message);
            }
            parsed
        });
        let name = match f.value("name") {
            Some(n) => Some(self.text(n, &join(path, "name"))?),
            None => None,
        };
        let date = match f.value("date") {
            Some(n) => Some(self.date(n, &join(path, "date"))?),
            None => None,
        };
        Some(Rater { kind: kind?, name, date })
    }

    fn answers(&mut self, node: &Node, path: &str) -> Option<BTreeMap<String, Answer>> {
        if node.is_null() {
            return Some(BTreeMap::new());
        }
        let Some(entries) = node.as_map() else {
            self.wrong_type(
                path,
                node,
                Said::new("要素 ID と回答のマッピング", "a mapping of element ids to answers"),
            );
            return None;
        };
        let mut out = BTreeMap::new();
        let before = self.problems.len();
        for (k, v) in entries {
            let id = k.as_text().unwrap_or_default();
            let Some(element) = self.bank.element(id) else {
                let message = not_an_element(self.bank, id);
                self.problem(ErrorCode::UnknownElement, &join(path, id), k, message);
                continue;
            };
            if let Some(answer) = self.answer(element.element, v, path, id) {
                out.insert(id.to_string(), answer);
            }
        }
        (self.problems.len() == before).then_some(out)
    }

    /// One element's answer under `base` (`answers`); `None` for unanswered (null) or after a problem was
    /// reported. Paths are written only for problems (most answers have none).
    fn answer(&mut self, element: &Element, node: &Node, base: &str, id: &str) -> Option<Answer> {
        let path = || join(base, id);
        if node.is_null() {
            return None;
        }
        if let Some(b) = node.as_bool() {
            return Some(Answer::Judgement(b));
        }
        if node.as_string() == Some("na") {
            if element.na_allowed {
                return Some(Answer::Na(NaMarker::Na));
            }
            self.problem(
                ErrorCode::NaNotAllowed,
                &path(),
                node,
                said!(
                    "要素 {} は `na`（該当なし）にできません。true か false で回答してください",
                    "element {} does not allow `na`; answer true or false",
                    element.id
                ),
            );
            return None;
        }
        let evidence = element.criterion.evidence();
        match (evidence, node.as_seq(), node.as_map()) {
            (Evidence::Flags(options), Some(items), _) => {
                // Positions in the bank's options: each selected once (so at most one per option), kept in the
                // bank's order.
                let mut selected: Vec<usize> = Vec::with_capacity(options.len());
                for (i, item) in items.iter().enumerate() {
                    let ipath = || format!("{}[{i}]", path());
                    let Some(key) = item.as_string() else {
                        self.wrong_type(&ipath(), item, Said::new("選択肢キー（文字列）", "an option key (string)"));
                        continue;
                    };
                    let Some(at) = options.iter().position(|o| o.key == key) else {
                        let keys: Vec<&str> = options.iter().map(|o| o.key.as_str()).collect();
                        let (id, keys) = (&element.id, keys.join(", "));
                        self.problem(
                            ErrorCode::UnknownOption,
                            &ipath(),
                            item,
                            said!(
                                "`{key}` は {id} の選択肢ではありません。選択肢: {keys}",
                                "`{key}` is not an option of {id}; expected one of: {keys}"
                            ),
                        );
                        continue;
                    };
                    if selected.contains(&at) {
                        self.problem(
                            ErrorCode::DuplicateOption,
                            &ipath(),
                            item,
                            said!("選択肢 `{key}` が二度選ばれています", "option `{key}` is selected twice"),
                        );
                    } else {
                        selected.push(at);
                    }
                }
                // Selection order carries no meaning: keep the bank's order so equal answers compare equal.
                selected.sort_unstable();
                Some(Answer::Options(selected.into_iter().map(|at| options[at].key.clone()).collect()))
            }
            (Evidence::Counts(inputs), _, Some(entries)) => {
                let mut values = BTreeMap::new();
                for (k, v) in entries {
                    let key = k.as_text().unwrap_or_default();
                    let kpath = || join(&path(), key);
                    let Some(input) = inputs.iter().find(|i| i.key == key) else {
                        let keys: Vec<&str> = inputs.iter().map(|i| i.key.as_str()).collect();
                        let (id, keys) = (&element.id, keys.join(", "));
                        self.problem(
                            ErrorCode::UnknownFigure,
                            &kpath(),
                            k,
                            said!(
                                "`{key}` は {id} の数値ではありません。数値: {keys}",
                                "`{key}` is not an input of {id}; expected: {keys}"
                            ),
                        );
                        continue;
                    };
                    if let Some(value) = self.figure(v, kpath, input.min) {
                        values.insert(key.to_string(), value);
                    }
                }
                for input in inputs.iter().filter(|i| !entries.iter().any(|(k, _)| k.as_text() == Some(&i.key))) {
                    let (id, key, ja) = (&element.id, &input.key, &input.label.ja);
                    let en = input.label.en.as_deref().unwrap_or(ja);
                    let message = said!("{id} には数値 `{key}`（{ja}）が必要です", "{id} needs the figure `{key}` ({en})");
                    self.problem(ErrorCode::MissingFigure, &join(&path(), &input.key), node, message);
                }
                Some(Answer::Figures(values))
            }
            _ => {
                let mut expected = match evidence {
                    Evidence::None => Said::new("true か false", "true or false"),
                    Evidence::Flags(_) => Said::new("true・false・選択肢キーのリストのいずれか", "true, false, or a list of option keys"),
                    Evidence::Counts(_) => {
                        let keys = evidence.keys().collect::<Vec<&str>>().join(", ");
                        said!(
                            "true・false・数値 {keys} のマッピングのいずれか",
                            "true, false, or a mapping of the figures {keys}"
                        )
                    }
                };
                if element.na_allowed {
                    expected = Said::new(format!("{}、または na", expected.ja), format!("{}, or na", expected.en));
                }
                self.wrong_type(&path(), node, expected);
                None
            }
        }
    }

    fn figure(&mut self, node: &Node, path: impl Fn() -> String, min: u64) -> Option<u64> {
        let value = match node.as_whole() {
            Some(Whole::Count(value)) => value,
            Some(Whole::Negative) => {
                let text = node.as_number().unwrap_or_default();
                self.problem(
                    ErrorCode::NegativeFigure,
                    &path(),
                    node,
                    said!("数値は負にできません（{text} です）", "figures cannot be negative (found {text})"),
                );
                return None;
            }
            Some(Whole::NotACount) | None => {
                self.wrong_type(&path(), node, Said::new("整数", "a whole number"));
                return None;
            }
        };
        if value < min {
            self.problem(
                ErrorCode::FigureBelowMinimum,
                &path(),
                node,
                said!("{min} 以上にしてください（{value} です）", "must be at least {min} (found {value})"),
            );
            return None;
        }
        Some(value)
    }
}

/// Whether an assessment naming `reference` may be scored with `bank`: it names the bank itself, or another
/// built-in version of it that scores the same (equal scoring digests, as a patch release keeps), so an
/// assessment written for 1.0.0 still scores with the newest 1.0.x. The report names the bank that scored it.
fn names(bank: &Bank, reference: &str) -> bool {
    let (id, version) = reference.split_once('@').unwrap_or((reference, bank.version()));
    if id != bank.id() {
        return false;
    }
    version == bank.version() || crate::builtin::get(reference).is_ok_and(|named| named.scoring_digest() == bank.scoring_digest())
}

/// "expected X, found Y" in both languages.
pub(crate) fn expected_found(expected: &Said, found: &Said) -> Said {
    Said::new(
        format!("{}が必要ですが、{}です", expected.ja, found.ja),
        format!("expected {}, found {}", expected.en, found.en),
    )
}

/// An element id the bank lacks.
pub(crate) fn not_an_element(bank: &Bank, id: &str) -> Said {
    let bank = bank.reference();
    said!(
        "`{id}` は {bank} の要素ではありません。要素 ID は A-1.1 のような形です",
        "`{id}` is not an element of {bank}; element ids look like A-1.1"
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_assessment_built_in_code_is_checked_by_the_same_reader() {
        let bank = crate::builtin::get("seiho-shuro@1.0.1").unwrap();
        let text = "bank: seiho-shuro@1.0.1\noffice: {id: '7', name: 港}\nperiod: '2025'\nrater: {kind: external, name: R}\n\
                    answers: {A-1.1: true, A-2.3: {sessions_per_month: 2}, B-1.1: [npo, hellowork], B-1.2: false}\n";
        // What the reader accepts, laid out again as a tree, reads back the same.
        let a = Assessment::from_text(text, &bank).unwrap();
        assert_eq!(Assessment::from_node(&a.tree(), &bank).unwrap(), a);
        let mut a = Assessment::from_text(
            "office: {id: '7'}\nperiod: '2025'\nrater: {kind: self}\nanswers: {A-1.1: true}\n",
            &bank,
        )
        .unwrap();
        assert!(a.check(&bank).is_ok());
        a.answers.insert("Z-9.9".into(), Answer::Judgement(true));
        a.answers.insert("A-1.2".into(), Answer::Figures(BTreeMap::from([("x".into(), 1)])));
        let e = a.check(&bank).unwrap_err();
        let found: Vec<_> = e.problems.iter().map(|p| (p.code, p.path.as_str(), p.line)).collect();
        assert_eq!(
            found,
            [
                (ErrorCode::WrongType, "answers.A-1.2", None),
                (ErrorCode::UnknownElement, "answers.Z-9.9", None)
            ]
        );
    }

    #[test]
    fn options_are_kept_in_the_banks_order_and_each_once() {
        let bank = crate::builtin::get("seiho-shuro@1.0.1").unwrap();
        let head = "office: {id: '7'}\nperiod: '2025'\nrater: {kind: self}\nanswers:\n";
        // B-1.1's options in the bank: hellowork, npo, minsei_council.
        let a = Assessment::from_text(&format!("{head}  B-1.1: [minsei_council, hellowork, npo]\n"), &bank).unwrap();
        let expected = Answer::Options(vec!["hellowork".into(), "npo".into(), "minsei_council".into()]);
        assert_eq!(a.answers["B-1.1"], expected);
        let e = Assessment::from_text(&format!("{head}  B-1.1: [npo, x, npo]\n"), &bank).unwrap_err();
        let found: Vec<_> = e.problems.iter().map(|p| (p.code, p.path.as_str(), p.line)).collect();
        assert_eq!(
            found,
            [
                (ErrorCode::UnknownOption, "answers.B-1.1[1]", Some(5)),
                (ErrorCode::DuplicateOption, "answers.B-1.1[2]", Some(5))
            ]
        );
    }
}
