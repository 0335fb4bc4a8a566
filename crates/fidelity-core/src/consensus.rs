//! Two reviewers' independent ratings of one office and period, reconciled: the worksheet they settle their
//! disagreements with, and the consensus draft (an assessment of rater kind `consensus` that names both
//! ratings, with every agreed answer filled in and every disagreement left open). A consensus is valid only
//! when every answer differing from either rating has a written reason (`ErrorCode::ReasonRequired`, checked
//! where every assessment is read).

use crate::assessment::template::{flow as quoted, one_line};
use crate::assessment::{Answer, Assessment, ConsensusRecord, Office, Rater, RaterKind, SourceRating};
use crate::bank::Bank;
use crate::boundary::Document;
use crate::engine::score;
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Problem, Result};
use crate::library::Library;
use crate::report::{Outcome, RatingStamp};
use crate::said;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

pub use crate::assessment::{file_digest, unsettled};

/// One of the two independent ratings, with the file it came from.
#[derive(Debug, Clone)]
pub struct Rating {
    pub assessment: Assessment,
    pub file: Option<String>,
    /// `sha256:` of the file's bytes ([`file_digest`]).
    pub digest: String,
}

/// The reviewers' worksheet: element by element, the two answers; items ordered by how far their
/// disagreements move the item's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Worksheet {
    /// `id@version` of the bank both ratings are read with.
    pub bank: String,
    pub office: Office,
    pub period: String,
    /// The two ratings, first and second, as given.
    pub ratings: Vec<RatingStamp>,
    /// How many elements the bank has, how many the two answer alike (both unanswered included), and how many
    /// differ.
    pub elements: u32,
    pub agreed: u32,
    pub disagreed: u32,
    /// Items, the largest disagreement first: by the most an element's two answers move the item's score,
    /// then by how far the two item scores are apart, then by the number of disagreements, then bank order.
    pub items: Vec<WorksheetItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WorksheetItem {
    pub id: String,
    /// The item's score under each rating (null unless scored).
    pub scores: Vec<Option<u8>>,
    /// The largest `shift` of its elements.
    pub largest_shift: u8,
    pub disagreed: u32,
    /// Every element of the item, in bank order.
    pub elements: Vec<WorksheetElement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WorksheetElement {
    pub id: String,
    pub agreed: bool,
    /// Each rating's answer (null when unanswered).
    pub answers: Vec<Option<Answer>>,
    /// What each answer decides.
    pub outcomes: Vec<Outcome>,
    /// Each rater's finding on the element.
    pub findings: Vec<Option<String>>,
    /// For a disagreement: the item's score with this element answered as each rating answers it, the item's
    /// other elements as the first rating answers them (null when the item would not be scored); empty when
    /// the two agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores_with: Vec<Option<u8>>,
    /// How many points the item's score moves between the two answers (0 when either is unscored).
    pub shift: u8,
}

/// Two ratings reconciled: the bank both are read with, the worksheet, and the consensus draft (as an
/// assessment and as the YAML file to edit).
#[derive(Debug, Clone)]
pub struct Reconciliation {
    pub bank: Arc<Bank>,
    pub worksheet: Worksheet,
    pub draft: Assessment,
    pub draft_yaml: String,
}

/// Reads two ratings' texts (both with the bank the first names, which the second must name too or score
/// alike) and reconciles them: what `fidelity consensus` and the bindings run. Each file's digest is of its
/// text as read.
pub fn reconcile(library: &Library, first: &Document<'_>, second: &Document<'_>) -> Result<Reconciliation> {
    let bank = library.bank(first.bank_reference()).map_err(|e| first.tell(e))?;
    let rating = |doc: &Document<'_>| -> Result<Rating> {
        Ok(Rating {
            assessment: doc.assessment(&bank)?,
            file: doc.file().map(str::to_string),
            digest: file_digest(doc.text().as_bytes()),
        })
    };
    let (a, b) = (rating(first), rating(second));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(mut e), Err(f)) => {
            e.problems.extend(f.problems);
            return Err(e);
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let worksheet = worksheet(&bank, &a, &b)?;
    let draft = draft(&bank, &a, &b)?;
    let draft_yaml = draft_yaml(&bank, &draft, [&a.assessment.findings, &b.assessment.findings]);
    Ok(Reconciliation {
        bank,
        worksheet,
        draft,
        draft_yaml,
    })
}

/// Checks that two ratings can be reconciled: both independent (not consensus records), of one office and
/// period.
fn check_pair(first: &Rating, second: &Rating) -> Result<()> {
    // Problems name the rating's file, or its place (0 or 1) when it has none.
    let of = |p: Problem, r: &Rating, i: usize| match &r.file {
        Some(file) => p.in_file(file.clone()),
        None => p.in_row(i),
    };
    let mut problems = Vec::new();
    for (i, r) in [first, second].into_iter().enumerate() {
        if r.assessment.rater.kind == RaterKind::Consensus {
            let message = Said::new(
                "合議の評価をさらに突き合わせることはできません。独立した二つの評価を渡してください",
                "a consensus rating cannot be reconciled again: give the two independent ratings",
            );
            problems.push(of(Problem::new(ErrorCode::InvalidValue, "rater.kind", message), r, i));
        }
    }
    let (a, b) = (&first.assessment, &second.assessment);
    for (key, x, y) in [("office.id", &a.office.id, &b.office.id), ("period", &a.period, &b.period)] {
        if x != y {
            let key_ja = if key == "period" { "評価期間" } else { "事務所 ID" };
            let message = said!(
                "二つ目の評価の{key_ja}は `{y}`、一つ目は `{x}` です。合議は同じ事務所・同じ評価期間の二つの評価をまとめるものです",
                "the second rating's {key} is `{y}`, the first's `{x}`: a consensus settles two ratings of one office and period"
            );
            problems.push(of(Problem::new(ErrorCode::ConsensusMismatch, key, message), second, 1));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Assessment, problems))
    }
}

fn stamp(r: &Rating) -> RatingStamp {
    RatingStamp {
        rater: r.assessment.rater.clone(),
        file: r.file.clone(),
        digest: r.digest.clone(),
    }
}

/// The worksheet of two ratings read with `bank`.
pub fn worksheet(bank: &Bank, first: &Rating, second: &Rating) -> Result<Worksheet> {
    check_pair(first, second)?;
    let (a, b) = (&first.assessment, &second.assessment);
    let reports = [score(bank, a), score(bank, b)];
    let item_score = |answers: &BTreeMap<String, Answer>, item: usize| {
        let mut variant = a.clone();
        variant.answers = answers.clone();
        score(bank, &variant).items[item].score
    };
    let mut items = Vec::new();
    for (n, (_, item)) in bank.items().enumerate() {
        let mut elements = Vec::new();
        for (k, e) in item.elements.iter().enumerate() {
            let answers = [a.answers.get(&e.id), b.answers.get(&e.id)];
            let agreed = answers[0] == answers[1];
            let scores_with = if agreed {
                Vec::new()
            } else {
                // The first rating, and the first rating with this one answer as the second gives it.
                let mut with_second = a.answers.clone();
                match answers[1] {
                    Some(x) => with_second.insert(e.id.clone(), x.clone()),
                    None => with_second.remove(&e.id),
                };
                vec![reports[0].items[n].score, item_score(&with_second, n)]
            };
            let shift = match scores_with.as_slice() {
                [Some(x), Some(y)] => x.abs_diff(*y),
                _ => 0,
            };
            elements.push(WorksheetElement {
                id: e.id.clone(),
                agreed,
                answers: answers.iter().map(|x| x.cloned()).collect(),
                outcomes: reports.iter().map(|r| r.items[n].elements[k].outcome).collect(),
                findings: [a, b].iter().map(|r| r.findings.get(&e.id).cloned()).collect(),
                scores_with,
                shift,
            });
        }
        items.push(WorksheetItem {
            id: item.id.clone(),
            scores: reports.iter().map(|r| r.items[n].score).collect(),
            largest_shift: elements.iter().map(|e| e.shift).max().unwrap_or(0),
            disagreed: elements.iter().filter(|e| !e.agreed).count() as u32,
            elements,
        });
    }
    let apart = |i: &WorksheetItem| match i.scores.as_slice() {
        [Some(x), Some(y)] => x.abs_diff(*y),
        _ => 0,
    };
    // A stable sort keeps bank order among equals.
    items.sort_by_key(|i| std::cmp::Reverse((i.largest_shift, apart(i), i.disagreed)));
    let disagreed: u32 = items.iter().map(|i| i.disagreed).sum();
    let elements = bank.elements().count() as u32;
    Ok(Worksheet {
        bank: bank.reference(),
        office: Office {
            id: a.office.id.clone(),
            name: a.office.name.clone().or_else(|| b.office.name.clone()),
        },
        period: a.period.clone(),
        ratings: vec![stamp(first), stamp(second)],
        elements,
        agreed: elements - disagreed,
        disagreed,
        items,
    })
}

/// The consensus draft of two ratings: rater kind `consensus`, every agreed answer filled in, every
/// disagreement unanswered, and both ratings recorded with their answers. It becomes valid once every open
/// element is answered and given a reason under `consensus.reasons`.
pub fn draft(bank: &Bank, first: &Rating, second: &Rating) -> Result<Assessment> {
    check_pair(first, second)?;
    let (a, b) = (&first.assessment, &second.assessment);
    let answers = a
        .answers
        .iter()
        .filter(|(id, answer)| b.answers.get(*id) == Some(*answer))
        .map(|(id, answer)| (id.clone(), answer.clone()))
        .collect();
    let source = |r: &Rating| SourceRating {
        office: r.assessment.office.id.clone(),
        period: r.assessment.period.clone(),
        rater: r.assessment.rater.clone(),
        file: r.file.clone(),
        digest: r.digest.clone(),
        answers: r.assessment.answers.clone(),
    };
    Ok(Assessment {
        bank: Some(bank.reference()),
        office: Office {
            id: a.office.id.clone(),
            name: a.office.name.clone().or_else(|| b.office.name.clone()),
        },
        period: a.period.clone(),
        rater: Rater {
            kind: RaterKind::Consensus,
            name: None,
            date: None,
        },
        answers,
        findings: BTreeMap::new(),
        items: BTreeMap::new(),
        consensus: Some(ConsensusRecord {
            ratings: vec![source(first), source(second)],
            reasons: BTreeMap::new(),
        }),
    })
}

/// The draft as the YAML file the reviewers edit: each element with its text as a comment, each open one
/// with both answers and findings beside it and an empty reason to write.
/// `findings` are the two ratings' (the draft records their answers, not what they wrote beside them).
pub fn draft_yaml(bank: &Bank, draft: &Assessment, findings: [&BTreeMap<String, String>; 2]) -> String {
    let Some(record) = &draft.consensus else {
        return String::new();
    };
    let who = |i: usize| {
        let r = &record.ratings[i].rater;
        format!("{} ({})", i + 1, r.name.as_deref().unwrap_or(r.kind.as_str()))
    };
    let open: Vec<&str> = unsettled(bank.elements().map(|e| e.element.id.as_str()), &draft.answers, record);
    let mut out = format!(
        "# 合意評価の下書き / Consensus draft: {}, {} — {} and {}.\n\
         # 意見の分かれた要素（{} 件）は空欄です。回答を記入し、consensus.reasons にその理由を書いてください。\n\
         # The {} elements the ratings disagree on are open: answer each and write its reason under consensus.reasons.\n\
         # ※ {}\n",
        draft.office.id,
        draft.period,
        who(0),
        who(1),
        open.len(),
        open.len(),
        bank.def().scoring.notice.ja,
    );
    out += &format!("bank: {}\n", quoted(draft.bank.as_deref().unwrap_or_default()));
    out += &format!("office: {{id: {}", quoted(&draft.office.id));
    if let Some(name) = &draft.office.name {
        out += &format!(", name: {}", quoted(name));
    }
    out += &format!("}}\nperiod: {}\n", quoted(&draft.period));
    out += "rater: {kind: consensus, name: \"\", date: null}  # 合意した評価者の名前と日付 / the reviewers' names and the date (YYYY-MM-DD)\nanswers:\n";
    for (_, item) in bank.items() {
        out += &format!("  # {} {}\n", item.id, one_line(&item.title.ja));
        for e in &item.elements {
            match draft.answers.get(&e.id) {
                Some(answer) => out += &format!("  {}: {answer}\n", e.id),
                None if open.contains(&e.id.as_str()) => {
                    out += &format!("  {}: null  # ◆ {}\n", e.id, one_line(&e.text.ja));
                    for (i, r) in record.ratings.iter().enumerate() {
                        let answer = r.answers.get(&e.id).map_or("unanswered".to_string(), Answer::to_string);
                        out += &format!("  #     {}: {answer}\n", who(i));
                    }
                    for (i, finding) in findings.iter().enumerate() {
                        if let Some(f) = finding.get(&e.id) {
                            out += &format!("  #     {} 所見 / finding: {}\n", who(i), one_line(f));
                        }
                    }
                }
                None => out += &format!("  {}: null\n", e.id),
            }
        }
    }
    out += "consensus:\n  reasons:\n";
    for id in &open {
        out += &format!("    {id}: \"\"\n");
    }
    if open.is_empty() {
        out += "    {}\n";
    }
    out += "  ratings:\n";
    for r in &record.ratings {
        out += &format!(
            "    - office: {}\n      period: {}\n      rater: {{kind: {}",
            quoted(&r.office),
            quoted(&r.period),
            r.rater.kind.as_str()
        );
        if let Some(name) = &r.rater.name {
            out += &format!(", name: {}", quoted(name));
        }
        if let Some(date) = &r.rater.date {
            out += &format!(", date: {}", quoted(date));
        }
        out += "}\n";
        if let Some(file) = &r.file {
            out += &format!("      file: {}\n", quoted(file));
        }
        out += &format!("      digest: {}\n      answers:\n", quoted(&r.digest));
        for (id, answer) in &r.answers {
            out += &format!("        {id}: {answer}\n");
        }
        if r.answers.is_empty() {
            out += "        {}\n";
        }
    }
    out
}
