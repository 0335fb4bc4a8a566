//! What the bank's declarative rules mean: the one place each rule is interpreted. The checks (`check.rs`)
//! ask them which scores can be reached, the form shows what an options element requires, and the engine
//! compiles them into its plan. Every threshold is compared exactly (see `fraction.rs`).

use super::model::{ItemRule, Levels, Requirement};
use crate::fraction::Fraction;

/// The item scale: every item rule gives a score from 1 to `MAX_SCORE` (the checks enforce it).
pub const MAX_SCORE: u8 = 5;

/// What an item rule counts: met elements of the applicable ones, and met elements by tier.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MetCounts {
    pub met: u32,
    pub applicable: u32,
    pub basic_met: u32,
    pub advanced_met: u32,
}

impl ItemRule {
    /// Why items are scored by this rule, where the bank says.
    pub fn rationale(&self) -> Option<&str> {
        match self {
            ItemRule::RateBands { rationale, .. } | ItemRule::Anchors { rationale, .. } => rationale.as_deref(),
        }
    }

    /// The score of a scored item: the first band (from the top) whose `min_rate` `met / applicable`
    /// reaches, or the first anchor (from the top) with a condition the tier counts satisfy.
    pub fn score(&self, c: &MetCounts) -> Option<u8> {
        match self {
            ItemRule::RateBands { bands, .. } => bands
                .iter()
                .find(|b| b.min_rate.le_ratio(c.met.into(), c.applicable.into()))
                .map(|b| b.score),
            ItemRule::Anchors { anchors, .. } => anchors
                .iter()
                .find(|a| a.any_of.iter().any(|k| c.basic_met >= k.basic && c.advanced_met >= k.advanced))
                .map(|a| a.score),
        }
    }

    /// Whether the rule counts tiers (anchors) rather than met / applicable (rate bands).
    pub fn counts_tiers(&self) -> bool {
        matches!(self, ItemRule::Anchors { .. })
    }
}

impl Requirement {
    /// How many of `of` options must be selected.
    pub fn required(&self, of: usize) -> u32 {
        match self {
            Requirement::All => of as u32,
            Requirement::AtLeast(k) => *k,
        }
    }
}

impl Levels {
    /// The band (its position, from the top) that the exact total mean `sum / n` reaches; none for n = 0.
    pub fn band(&self, sum: u32, n: u32) -> Option<usize> {
        let exact = Fraction::new(u64::from(sum), u64::from(n))?;
        self.bands.iter().position(|b| exact >= b.min_mean)
    }
}
