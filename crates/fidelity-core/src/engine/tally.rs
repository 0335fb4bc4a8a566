//! Counting: an item's element outcomes into its status and score, and item scores into a mean. The one place
//! the summary rules live; the plan, the traced report, `compare` and the trend use them.

use crate::bank::Tier;
use crate::report::{ItemStatus, Outcome, Total};

/// Element outcomes of one item, counted.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct ItemCounts {
    pub elements: u32,
    pub met: u32,
    pub na: u32,
    pub unanswered: u32,
    pub basic_met: u32,
    pub advanced_met: u32,
}

impl ItemCounts {
    pub fn new(elements: usize) -> ItemCounts {
        ItemCounts {
            elements: elements as u32,
            ..ItemCounts::default()
        }
    }

    /// Counts one element's outcome in, without a branch on it: answers are as good as random to a
    /// processor, and batch scoring runs this for every element of every row.
    #[inline]
    pub fn add(&mut self, outcome: Outcome, tier: Option<Tier>) {
        let met = u32::from(outcome == Outcome::Met);
        self.met += met;
        self.basic_met += met & u32::from(tier == Some(Tier::Basic));
        self.advanced_met += met & u32::from(tier == Some(Tier::Advanced));
        self.na += u32::from(outcome == Outcome::Na);
        self.unanswered += u32::from(outcome == Outcome::Unanswered);
    }

    pub fn applicable(&self) -> u32 {
        self.elements - self.na
    }

    /// Not applicable when every element is `na`; incomplete while an applicable one is unanswered.
    pub fn status(&self) -> ItemStatus {
        if self.elements == self.na {
            ItemStatus::NotApplicable
        } else if self.unanswered > 0 {
            ItemStatus::Incomplete
        } else {
            ItemStatus::Scored
        }
    }
}

/// Item scores summed for a mean: complete while no item is incomplete; not applicable items do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub complete: bool,
    pub sum: u32,
    /// How many items are scored (the mean's denominator).
    pub scored: u32,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            complete: true,
            sum: 0,
            scored: 0,
        }
    }
}

impl Tally {
    /// The tally of items' (status, score) pairs.
    pub fn of<'a>(results: impl IntoIterator<Item = &'a (ItemStatus, Option<u8>)>) -> Tally {
        let mut t = Tally::default();
        for &(status, score) in results {
            t.count(status, score);
        }
        t
    }

    /// Counts one item in: an incomplete one makes the tally incomplete, a scored one adds its score.
    pub fn count(&mut self, status: ItemStatus, score: Option<u8>) {
        self.complete &= status != ItemStatus::Incomplete;
        if let Some(s) = score {
            self.sum += u32::from(s);
            self.scored += 1;
        }
    }

    /// The sum: null when an item is incomplete or none is scored.
    pub fn total_sum(&self) -> Option<u32> {
        (self.complete && self.scored > 0).then_some(self.sum)
    }

    /// The mean: null when an item is incomplete or none is scored.
    pub fn mean(&self) -> Option<f64> {
        self.total_sum().map(|sum| f64::from(sum) / f64::from(self.scored))
    }

    pub fn total(&self) -> Total {
        Total {
            sum: self.total_sum(),
            mean: self.mean(),
            scored_items: self.scored,
        }
    }
}
