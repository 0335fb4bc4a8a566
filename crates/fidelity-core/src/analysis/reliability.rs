//! Internal consistency: Cronbach's alpha per domain and over every item, and item-rest correlations.

use super::stats::{self, Cell, Missing};
use crate::report::ScoreReport;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reliability {
    /// How Cronbach's alpha treated rows with a missing item (item-rest correlations are always listwise).
    pub missing: Missing,
    /// The rater whose reports were used, or null for every report.
    pub rater: Option<String>,
    /// Reports used (before any row is dropped for missing items).
    pub rows: u32,
    /// Each domain, then `total` (every item).
    pub scales: Vec<ScaleReliability>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScaleReliability {
    /// A domain id, or `total`.
    pub id: String,
    pub items: Vec<String>,
    /// Cronbach's alpha; null with fewer than two items or no variance.
    pub alpha: Option<f64>,
    /// Feldt's 95% interval for alpha, over `alpha_rows` rows.
    #[serde(default)]
    pub alpha_ci95: Option<[f64; 2]>,
    /// Rows alpha used: complete rows (listwise) or rows with any item scored (pairwise).
    pub alpha_rows: u32,
    /// Rows with every item of the scale scored: the item-rest correlations' sample.
    pub complete_rows: u32,
    pub item_rest: Vec<ItemRest>,
}

/// Pearson's r between an item and the sum of the scale's other items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemRest {
    pub id: String,
    pub r: Option<f64>,
}

pub(super) fn reliability(shape: &ScoreReport, rows: &[&ScoreReport], missing: Missing, rater: Option<String>) -> Reliability {
    let mut scales: Vec<(String, Vec<usize>)> = shape
        .domains
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                shape
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.domain == d.id)
                    .map(|(n, _)| n)
                    .collect(),
            )
        })
        .collect();
    scales.push(("total".into(), (0..shape.items.len()).collect()));
    Reliability {
        missing,
        rater,
        rows: rows.len() as u32,
        scales: scales
            .into_iter()
            .map(|(id, items)| scale(shape, rows, id, &items, missing))
            .collect(),
    }
}

fn scale(shape: &ScoreReport, rows: &[&ScoreReport], id: String, items: &[usize], missing: Missing) -> ScaleReliability {
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| items.iter().map(|&i| r.items[i].score.map(f64::from)).collect())
        .collect();
    let alpha = stats::cronbach_alpha(&table, missing);
    let complete: Vec<Vec<f64>> = table
        .iter()
        .filter_map(|row| row.iter().copied().collect::<Option<Vec<f64>>>())
        .collect();
    let item_rest = items
        .iter()
        .enumerate()
        .map(|(col, &i)| {
            let (xs, rest): (Vec<f64>, Vec<f64>) = complete.iter().map(|row| (row[col], row.iter().sum::<f64>() - row[col])).unzip();
            ItemRest {
                id: shape.items[i].id.clone(),
                r: if items.len() >= 2 { stats::pearson(&xs, &rest) } else { None },
            }
        })
        .collect();
    ScaleReliability {
        id,
        items: items.iter().map(|&i| shape.items[i].id.clone()).collect(),
        alpha: alpha.map(|(a, _)| a),
        alpha_ci95: alpha.and_then(|(a, n)| stats::feldt_interval(a, n, items.len())),
        alpha_rows: alpha.map_or(0, |(_, n)| n as u32),
        complete_rows: complete.len() as u32,
        item_rest,
    }
}
