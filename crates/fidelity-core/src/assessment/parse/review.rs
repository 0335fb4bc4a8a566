//! Reading what a review records beside the answers: the rater's date, findings, each item's sources and
//! comment, and a consensus's record with the check that every answer differing from its ratings has a reason.

use super::{expected_found, not_an_element, Reader};
use crate::assessment::{unsettled, Answer, ConsensusRecord, DataSource, ItemRecord, Office, SourceRating};
use crate::error::{ErrorCode, Said};
use crate::said;
use crate::tree::{join, Node};
use std::collections::BTreeMap;

impl Reader<'_> {
    /// A calendar date written `YYYY-MM-DD`.
    pub(super) fn date(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            text.get(r)
                .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|d| d.parse::<u32>().ok())
        };
        let ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4).is_some() && {
            let (month, day) = (digits(5..7).unwrap_or(0), digits(8..10).unwrap_or(0));
            (1..=12).contains(&month) && (1..=31).contains(&day)
        };
        if !ok {
            self.problem(
                ErrorCode::InvalidValue,
                path,
                node,
                expected_found(&Said::new("YYYY-MM-DD の形の日付", "a date written YYYY-MM-DD"), &node.found()),
            );
            return None;
        }
        Some(text)
    }

    /// Free text by element id (`findings`, a consensus's `reasons`).
    fn texts_by_element(&mut self, node: &Node, path: &str) -> Option<BTreeMap<String, String>> {
        let Some(entries) = node.as_map() else {
            self.wrong_type(
                path,
                node,
                Said::new("要素 ID と文のマッピング", "a mapping of element ids to text"),
            );
            return None;
        };
        let before = self.problems.len();
        let mut out = BTreeMap::new();
        for (k, v) in entries {
            let id = k.as_text().unwrap_or_default();
            let at = join(path, id);
            if self.bank.element(id).is_none() {
                let message = not_an_element(self.bank, id);
                self.problem(ErrorCode::UnknownElement, &at, k, message);
            } else if !v.is_null() {
                if let Some(text) = self.text(v, &at) {
                    out.insert(id.to_string(), text);
                }
            }
        }
        (self.problems.len() == before).then_some(out)
    }

    pub(super) fn findings(&mut self, node: &Node) -> Option<BTreeMap<String, String>> {
        self.texts_by_element(node, "findings")
    }

    /// `items`: per item id, `sources` (the fixed vocabulary) and a `comment`.
    pub(super) fn item_records(&mut self, node: &Node) -> Option<BTreeMap<String, ItemRecord>> {
        let Some(entries) = node.as_map() else {
            self.wrong_type(
                "items",
                node,
                Said::new(
                    "項目 ID と、根拠の種類・コメントのマッピング",
                    "a mapping of item ids to sources and a comment",
                ),
            );
            return None;
        };
        let before = self.problems.len();
        let mut out = BTreeMap::new();
        for (k, v) in entries {
            let id = k.as_text().unwrap_or_default();
            let path = join("items", id);
            if !self.bank.items().any(|(_, item)| item.id == id) {
                let bank = self.bank.reference();
                let message = said!(
                    "`{id}` は {bank} の項目ではありません。項目 ID は A-1 のような形です",
                    "`{id}` is not an item of {bank}; item ids look like A-1"
                );
                self.problem(ErrorCode::UnknownReference, &path, k, message);
                continue;
            }
            let Some(f) = self.fields(v, &path, &["sources", "comment"], &[]) else {
                continue;
            };
            let mut record = ItemRecord::default();
            if let Some(list) = f.value("sources") {
                let spath = join(&path, "sources");
                match list.as_seq() {
                    Some(list) => {
                        for (i, s) in list.iter().enumerate() {
                            match s.as_string().and_then(DataSource::parse) {
                                Some(d) if !record.sources.contains(&d) => record.sources.push(d),
                                Some(d) => {
                                    let d = d.as_str();
                                    let message = said!("根拠の種類 `{d}` が二度挙がっています", "source `{d}` is listed twice");
                                    self.problem(ErrorCode::DuplicateOption, &format!("{spath}[{i}]"), s, message);
                                }
                                None => {
                                    let names: Vec<&str> = DataSource::ALL.iter().map(|d| d.as_str()).collect();
                                    let names = names.join(", ");
                                    let expected = said!("{names} のいずれか", "one of: {names};");
                                    let message = expected_found(&expected, &s.found());
                                    self.problem(ErrorCode::InvalidValue, &format!("{spath}[{i}]"), s, message);
                                }
                            }
                        }
                        // The vocabulary's order, whatever order they were listed in.
                        record.sources = DataSource::ALL.into_iter().filter(|d| record.sources.contains(d)).collect();
                    }
                    None => self.wrong_type(&spath, list, Said::new("根拠の種類のリスト", "a list of data sources")),
                }
            }
            if let Some(c) = f.value("comment") {
                record.comment = self.text(c, &join(&path, "comment"));
            }
            out.insert(id.to_string(), record);
        }
        (self.problems.len() == before).then_some(out)
    }

    /// `consensus`: the two source ratings (each with its answers, read as any answers are) and the reasons.
    pub(super) fn consensus(&mut self, node: &Node) -> Option<ConsensusRecord> {
        let f = self.fields(node, "consensus", &["ratings", "reasons"], &["ratings"])?;
        let reasons = f
            .value("reasons")
            .map_or(Some(BTreeMap::new()), |n| self.texts_by_element(n, "consensus.reasons"));
        let list = f.get("ratings")?;
        let Some(list) = list.as_seq().filter(|l| l.len() == 2) else {
            self.wrong_type(
                "consensus.ratings",
                list,
                Said::new("独立した二つの評価のリスト", "a list of the two independent ratings"),
            );
            return None;
        };
        let mut ratings = Vec::new();
        for (i, r) in list.iter().enumerate() {
            let path = format!("consensus.ratings[{i}]");
            let Some(f) = self.fields(
                r,
                &path,
                &["office", "period", "rater", "file", "digest", "answers"],
                &["office", "period", "rater", "digest", "answers"],
            ) else {
                continue;
            };
            let mut text = |key: &str| f.get(key).and_then(|n| self.text(n, &join(&path, key)));
            let (office, period, digest) = (text("office"), text("period"), text("digest"));
            let file = f.value("file").and_then(|n| self.text(n, &join(&path, "file")));
            let rater = f.get("rater").and_then(|n| self.rater(n, &join(&path, "rater")));
            let answers = f.get("answers").and_then(|n| self.answers(n, &join(&path, "answers")));
            if let (Some(office), Some(period), Some(rater), Some(digest), Some(answers)) = (office, period, rater, digest, answers) {
                ratings.push(SourceRating {
                    office,
                    period,
                    rater,
                    file,
                    digest,
                    answers,
                });
            }
        }
        (ratings.len() == 2).then_some(ConsensusRecord {
            ratings,
            reasons: reasons?,
        })
    }

    /// A consensus's sources are of its office and period, and every answer differing from either has a reason.
    pub(super) fn check_consensus(
        &mut self,
        record: &ConsensusRecord,
        office: &Office,
        period: &str,
        answers: &BTreeMap<String, Answer>,
        node: &Node,
        answers_node: Option<&Node>,
    ) {
        for (i, r) in record.ratings.iter().enumerate() {
            for (key, theirs, ours) in [("office", &r.office, &office.id), ("period", &r.period, &period.to_string())] {
                if theirs != ours {
                    let key_ja = if key == "office" { "事務所" } else { "評価期間" };
                    let message = said!(
                        "この評価は{key_ja} `{theirs}` のものですが、合議は `{ours}` のものです。合議は同じ事務所・同じ評価期間の二つの評価をまとめるものです",
                        "this rating is of {key} `{theirs}`, but the consensus is of `{ours}`: a consensus settles two ratings of one office and period"
                    );
                    let at = node
                        .entry("ratings")
                        .and_then(Node::as_seq)
                        .and_then(|r| r.get(i))
                        .and_then(|r| r.entry(key))
                        .unwrap_or(node);
                    self.problem(ErrorCode::ConsensusMismatch, &format!("consensus.ratings[{i}].{key}"), at, message);
                }
            }
        }
        let bank = self.bank;
        for id in unsettled(bank.elements().map(|e| e.element.id.as_str()), answers, record) {
            let shown = |a: Option<&Answer>, unanswered: &str| a.map_or_else(|| unanswered.to_string(), Answer::to_string);
            let theirs = |unanswered: &str, open: &str, close: &str| -> Vec<String> {
                record
                    .ratings
                    .iter()
                    .map(|r| {
                        let who = r.rater.name.as_deref().unwrap_or(r.rater.kind.as_str());
                        format!("{}{open}{who}{close}", shown(r.answers.get(id), unanswered))
                    })
                    .collect()
            };
            let (ja, en) = (
                theirs("未回答", "（", "）").join("と"),
                theirs("unanswered", " (", ")").join(" and "),
            );
            let message = match answers.get(id) {
                None => said!(
                    "{id} はまだ決まっていません。二つの評価の回答は {ja} です。回答し、理由を書いてください",
                    "{id} is still open: the ratings answered {en}; answer it and write the reason"
                ),
                Some(a) => said!(
                    "合議は {id} を {a} としていますが、二つの評価の回答は {ja} です。理由を書いてください",
                    "the consensus answers {id} {a}, where the ratings answered {en}; write the reason"
                ),
            };
            let at = answers_node.and_then(|n| n.entry(id)).unwrap_or(node);
            self.problem(ErrorCode::ReasonRequired, &join("consensus.reasons", id), at, message);
        }
    }
}
