//! The scored table: the output header and each row's record (identity, bank, item scores, domain means,
//! total, level, problems, then every carried input column), and the texts of the numbers in it.

use crate::assessment::wide::{RowId, WideLayout, FIXED_COLUMNS};
use crate::bank::{Bank, MAX_SCORE};
use crate::engine::{PlannedScores, Tally};
use crate::error::{Error, ErrorCode, ErrorKind, Problem};
use crate::report::ScoreSummary;
use crate::said;

/// One input row scored: its cells as written and its scores or problems.
#[derive(Debug, Clone)]
pub struct ScoredRow {
    pub line: u64,
    pub scores: std::result::Result<ScoreSummary, Vec<Problem>>,
    pub carried: Vec<String>,
    pub fixed: RowId,
}

/// The output header: identity, bank, item scores, domain means, total, level, the elements judged without
/// evidence, problems, then every carried input column. A carried column whose name is also a score
/// column's is renamed `NAME (input)`.
pub fn output_header(bank: &Bank, carried: &[String]) -> Vec<String> {
    let mut out: Vec<String> = FIXED_COLUMNS.map(String::from).to_vec();
    out.push("bank".into());
    out.extend(bank.items().map(|(_, i)| i.id.clone()));
    out.extend(bank.domains().iter().map(|d| format!("domain_{}", d.id)));
    out.extend(["total_sum", "total_mean", "level", JUDGED, "problems"].map(String::from));
    let computed = out.len();
    for name in carried {
        let taken = out[..computed].contains(name);
        out.push(if taken { format!("{name} (input)") } else { name.clone() });
    }
    out
}

/// The column listing a row's elements answered by judgement alone where evidence could be given, space-separated.
pub const JUDGED: &str = "judged_without_evidence";

/// One output row, aligned with `output_header`. Invalid rows keep their identity and every carried cell,
/// with their problems listed and no scores.
pub fn output_record(bank: &Bank, row: &ScoredRow) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut out: Vec<String> = row.fixed.0.to_vec();
    out.push(bank.reference());
    match &row.scores {
        Ok(s) => {
            out.extend(s.items.iter().map(|i| opt(i.map(|s| s.to_string()))));
            out.extend(s.domains.iter().map(|d| opt(d.map(|m| m.to_string()))));
            out.push(opt(s.total.sum.map(|s| s.to_string())));
            out.push(opt(s.total.mean.map(|m| m.to_string())));
            out.push(opt(s.level.clone()));
            out.push(s.judged_without_evidence.join(" "));
            out.push(String::new());
        }
        Err(problems) => {
            let blanks = bank.items().count() + bank.domains().len() + 4;
            out.extend(std::iter::repeat_n(String::new(), blanks));
            out.push(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "));
        }
    }
    out.extend(row.carried.iter().cloned());
    out
}

/// A scored row's output record, written field by field from the input record's fields and the scores'
/// texts (no strings built, no record assembled first: the csv writer's fast path for whole records copies
/// every field twice, and measured slower here).
pub(crate) fn write_scored<W: std::io::Write>(
    layout: &WideLayout<'_>,
    texts: &Texts,
    record: &crate::assessment::wide::Record,
    scores: &PlannedScores,
    kept: &[bool],
    out: &mut csv::Writer<W>,
) -> csv::Result<()> {
    for at in layout.fixed_at {
        out.write_field(at.and_then(|i| record.get_bytes(i)).unwrap_or_default())?;
    }
    out.write_field(&texts.reference)?;
    for (_, score) in &scores.items {
        out.write_field(texts.score(*score))?;
    }
    for domain in &scores.domains {
        out.write_field(texts.mean(domain.total_sum(), domain.scored).as_bytes())?;
    }
    out.write_field(texts.sum(scores.total.sum).as_bytes())?;
    out.write_field(texts.mean(scores.total.sum, scores.total.scored_items).as_bytes())?;
    let plan = layout.bank.plan();
    out.write_field(scores.level.map_or("", |b| plan.level_id(b)))?;
    match scores.judged.is_empty() {
        true => out.write_field("")?,
        false => out.write_field(plan.judged_ids(scores).collect::<Vec<_>>().join(" "))?,
    }
    out.write_field("")?;
    // In input order, one pass over the record's fields (no lookup of each by its position).
    for (field, _) in record.bytes().zip(kept).filter(|(_, keep)| **keep) {
        out.write_field(field)?;
    }
    // The record's end (`write_record` of no more fields).
    out.write_record(None::<&[u8]>)
}

/// The output text of the bank's reference and of every number a scored row can have, formatted once per
/// file: scores are 1..MAX_SCORE, sums at most MAX_SCORE per item, and means are sum / n with n at most the
/// item count.
#[derive(Debug)]
pub(crate) struct Texts {
    /// `id@version`, written on every output row.
    reference: String,
    /// At the score: `scores[3]` is "3".
    scores: Vec<String>,
    sums: Vec<String>,
    /// At `n × (sums' length) + sum`: the mean of `n` scores summing to `sum`.
    means: Vec<String>,
}

impl Texts {
    pub(crate) fn new(bank: &Bank) -> Texts {
        let items = bank.plan().item_count();
        let max = u32::from(MAX_SCORE);
        let sums = max * items as u32 + 1;
        let means = (0..=items as u32)
            .flat_map(|n| (0..sums).map(move |sum| (n, sum)))
            .map(|(n, sum)| {
                Tally {
                    complete: true,
                    sum,
                    scored: n,
                }
                .mean()
                .map(|m| m.to_string())
                .unwrap_or_default()
            })
            .collect();
        Texts {
            reference: bank.reference(),
            scores: (0..=MAX_SCORE).map(|s| s.to_string()).collect(),
            sums: (0..=max as usize * items).map(|s| s.to_string()).collect(),
            means,
        }
    }

    pub(crate) fn score(&self, score: Option<u8>) -> &str {
        match score {
            Some(s) => self.scores.get(usize::from(s)).map_or("", String::as_str),
            None => "",
        }
    }

    pub(crate) fn sum(&self, sum: Option<u32>) -> std::borrow::Cow<'_, str> {
        match sum {
            None => "".into(),
            Some(s) => self
                .sums
                .get(s as usize)
                .map_or_else(|| s.to_string().into(), |t| t.as_str().into()),
        }
    }

    /// The mean of `n` scores whose sum is `sum` (blank when there is none), as `Tally::mean` gives it.
    pub(crate) fn mean(&self, sum: Option<u32>, n: u32) -> std::borrow::Cow<'_, str> {
        let tally = Tally {
            complete: sum.is_some(),
            sum: sum.unwrap_or(0),
            scored: n,
        };
        match tally.total_sum() {
            None => "".into(),
            Some(sum) => self.means.get(n as usize * self.sums.len() + sum as usize).map_or_else(
                || tally.mean().map(|m| m.to_string()).unwrap_or_default().into(),
                |t| t.as_str().into(),
            ),
        }
    }
}

/// The output could not be written (a full disk, a closed pipe).
pub(crate) fn write_error(e: csv::Error) -> Error {
    Error::one(
        ErrorKind::Io,
        Problem::new(
            ErrorCode::Io,
            "",
            said!("採点結果の CSV を書き出せません: {e}", "cannot write the scored CSV: {e}"),
        ),
    )
}
