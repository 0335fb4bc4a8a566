//! How item scores and element outcomes are distributed: floors, ceilings, and elements that tell offices
//! apart too little (met by nearly every office, or by nearly none).

use super::stats;
use crate::report::{ItemStatus, Outcome, ScoreReport};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Met shares above this flag an element as met by almost all offices.
pub const ALMOST_ALL: f64 = 0.9;
/// Met shares below this flag an element as met by almost none.
pub const ALMOST_NONE: f64 = 0.1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemStats {
    pub id: String,
    pub domain: String,
    pub scored: u32,
    pub incomplete: u32,
    pub not_applicable: u32,
    /// How many reports scored 1, 2, 3, 4, 5.
    pub counts: [u32; 5],
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
    /// Share of scored reports at 1 (the floor).
    pub floor: Option<f64>,
    /// Share of scored reports at 5 (the ceiling).
    pub ceiling: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ElementFlag {
    /// Met by more than 90% of the reports that answered it.
    AlmostAll,
    /// Met by fewer than 10%.
    AlmostNone,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ElementStats {
    pub id: String,
    pub item: String,
    pub met: u32,
    pub not_met: u32,
    pub na: u32,
    pub unanswered: u32,
    /// met / (met + not met); null when nobody answered.
    pub met_share: Option<f64>,
    pub flag: Option<ElementFlag>,
}

pub(super) fn items(shape: &ScoreReport, rows: &[&ScoreReport]) -> Vec<ItemStats> {
    shape
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let status = |s: ItemStatus| rows.iter().filter(|r| r.items[i].status == s).count() as u32;
            let scores: Vec<f64> = rows.iter().filter_map(|r| r.items[i].score.map(f64::from)).collect();
            let mut counts = [0u32; 5];
            for s in rows.iter().filter_map(|r| r.items[i].score) {
                counts[usize::from(s.clamp(1, 5) - 1)] += 1;
            }
            let share = |c: u32| (!scores.is_empty()).then(|| f64::from(c) / scores.len() as f64);
            ItemStats {
                id: item.id.clone(),
                domain: item.domain.clone(),
                scored: scores.len() as u32,
                incomplete: status(ItemStatus::Incomplete),
                not_applicable: status(ItemStatus::NotApplicable),
                counts,
                mean: stats::mean(&scores),
                sd: stats::variance(&scores).map(f64::sqrt),
                floor: share(counts[0]),
                ceiling: share(counts[4]),
            }
        })
        .collect()
}

pub(super) fn elements(shape: &ScoreReport, rows: &[&ScoreReport]) -> Vec<ElementStats> {
    let mut out = Vec::new();
    for (i, item) in shape.items.iter().enumerate() {
        for (e, element) in item.elements.iter().enumerate() {
            let count = |o: Outcome| rows.iter().filter(|r| r.items[i].elements[e].outcome == o).count() as u32;
            let (met, not_met) = (count(Outcome::Met), count(Outcome::NotMet));
            let met_share = (met + not_met > 0).then(|| f64::from(met) / f64::from(met + not_met));
            out.push(ElementStats {
                id: element.id.clone(),
                item: item.id.clone(),
                met,
                not_met,
                na: count(Outcome::Na),
                unanswered: count(Outcome::Unanswered),
                met_share,
                flag: match met_share {
                    Some(s) if s > ALMOST_ALL => Some(ElementFlag::AlmostAll),
                    Some(s) if s < ALMOST_NONE => Some(ElementFlag::AlmostNone),
                    _ => None,
                },
            });
        }
    }
    out
}
