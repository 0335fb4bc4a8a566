//! Warnings that a comparison or a trend is not like for like: data with a stable code and a message in
//! Japanese and English, so every interface shows the one its output's language asks for. Every warning's
//! text is written here, once.

use crate::assessment::RaterKind;
use crate::text::{Lang, Text};
use crate::words::Word;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// One report is a self-assessment, the other an external review.
    RaterKindsDiffer,
    /// The reports are of different office ids.
    OfficesDiffer,
    /// The new report's period is not after the old one's.
    PeriodNotLater,
    /// Items were left out: the means are over the common items only.
    ItemsExcluded,
    /// The reports were computed by different engine versions.
    EngineVersionsDiffer,
    /// A trend's periods were scored with versions whose scoring differs.
    ScoringDiffers,
    /// A period's rating of record is a consensus: the independent ratings it settles are left out.
    ConsensusOfRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    pub code: WarningCode,
    /// What the warning means for this comparison or trend, in Japanese and English.
    pub message: Text,
}

fn warning(code: WarningCode, ja: String, en: String) -> Warning {
    Warning {
        code,
        message: Text { ja, en: Some(en) },
    }
}

impl Warning {
    pub(crate) fn offices_differ(old: &str, new: &str) -> Self {
        warning(
            WarningCode::OfficesDiffer,
            format!("異なる事務所の報告です（{old} と {new}）"),
            format!("the reports are of different offices ({old} and {new})"),
        )
    }

    pub(crate) fn rater_kinds_differ(old: RaterKind, new: RaterKind) -> Self {
        let (o, n) = (Word::from(old), Word::from(new));
        // English needs an article before each.
        let a = |kind: RaterKind| match kind {
            RaterKind::SelfAssessment => "a self-assessment",
            RaterKind::External => "an external review",
            RaterKind::Consensus => "a consensus rating",
        };
        warning(
            WarningCode::RaterKindsDiffer,
            format!(
                "前回は{}、今回は{}です。差は事務所ではなく評価者の違いによる可能性があります",
                o.get(Lang::Ja),
                n.get(Lang::Ja)
            ),
            format!(
                "the old report is {} and the new one {}: differences may come from the raters, not the office",
                a(old),
                a(new)
            ),
        )
    }

    pub(crate) fn period_not_later(old: &str, new: &str) -> Self {
        warning(
            WarningCode::PeriodNotLater,
            format!("新しい報告の期間（{new}）が前の報告の期間（{old}）より後ではありません"),
            format!("the new period ({new}) is not after the old one ({old})"),
        )
    }

    pub(crate) fn items_excluded(excluded: usize, compared: usize) -> Self {
        warning(
            WarningCode::ItemsExcluded,
            format!(
                "{excluded} 件の項目の対応を比較から除外しました。平均は両方の版で同じ規則で採点される {compared} 項目についてのものです"
            ),
            format!("{excluded} item mapping(s) are left out; means are over the {compared} items both versions score alike"),
        )
    }

    pub(crate) fn engine_versions_differ(old: &str, new: &str) -> Self {
        warning(
            WarningCode::EngineVersionsDiffer,
            format!("報告は異なる版のエンジン（{old} と {new}）で計算されています"),
            format!("the reports were computed by engine {old} and {new}"),
        )
    }

    pub(crate) fn scoring_differs(versions: &[&str]) -> Self {
        let versions = versions.join(", ");
        warning(
            WarningCode::ScoringDiffers,
            format!("期間によって採点規則の異なる版で採点されています（{versions}）。得点は計算されたとおりに示します。同じ基準での差はクロスウォークを通して比較してください"),
            format!("the periods were scored with versions whose scoring differs ({versions}): scores are shown as computed; compare them through a crosswalk for like-for-like deltas"),
        )
    }

    /// `left_out`: how many other ratings of the period a trend leaves out (0 in a comparison).
    pub(crate) fn consensus_of_record(period: &str, raters: &[String], left_out: usize) -> Self {
        let raters = raters.join("・");
        let (ja, en) = if left_out > 0 {
            (
                format!("{period} は合意評価（{raters}）を評価の記録とし、同じ期間の他の評価 {left_out} 件を除いています"),
                format!(
                    "{period}: the consensus rating ({raters}) is the rating of record; the period's {left_out} other ratings are left out"
                ),
            )
        } else {
            (
                format!("{period} の評価は、2人の評価者（{raters}）の独立した評価をもとにした合意評価です"),
                format!("{period} is a consensus rating, settled from two independent ratings ({raters})"),
            )
        };
        warning(WarningCode::ConsensusOfRecord, ja, en)
    }

    pub(crate) fn rater_kinds_mixed() -> Self {
        warning(
            WarningCode::RaterKindsDiffer,
            "自己評価と外部評価が混在しています。差は評価者の違いによる可能性があります".into(),
            "the periods mix self-assessments and external reviews: differences may come from the raters".into(),
        )
    }
}
