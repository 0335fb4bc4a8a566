//! Screen words: the labels every interface shows around the checklist's own text (item statuses, rater
//! kinds, column headings), in Japanese and English, in one table. The CLI, the HTML pages, Python and the
//! WASM package all take them from here, so one thing has one name everywhere.

use crate::assessment::{DataSource, RaterKind};
use crate::report::{ItemStatus, Outcome};
use crate::text::{Lang, Text};

macro_rules! words {
    ($($(#[$doc:meta])* $word:ident = $key:literal, $ja:literal, $en:literal;)*) => {
        /// A screen word. `key` is its stable name in the tables exported to Python and JavaScript.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Word {
            $($(#[$doc])* $word,)*
        }

        impl Word {
            /// Every word, in table order.
            pub const ALL: &'static [Word] = &[$(Word::$word,)*];

            /// (key, Japanese, English).
            const fn entry(self) -> (&'static str, &'static str, &'static str) {
                match self {
                    $(Word::$word => ($key, $ja, $en),)*
                }
            }
        }
    };
}

words! {
    Item = "item", "項目", "Item";
    Title = "title", "内容", "Title";
    Status = "status", "状態", "Status";
    /// Column of "met / applicable" element counts.
    MetApplicable = "met_applicable", "達成/該当", "Met/applicable";
    Score = "score", "得点", "Score";
    Domain = "domain", "領域", "Domain";
    Mean = "mean", "平均", "Mean";
    Total = "total", "合計", "Total";
    Level = "level", "水準", "Level";
    Scored = "scored", "採点済", "scored";
    Incomplete = "incomplete", "未回答あり", "incomplete";
    NotApplicable = "not_applicable", "該当なし", "not applicable";
    Unanswered = "unanswered", "未回答", "unanswered";
    /// An element's outcome (`Outcome`): met, not met (with `not_applicable` and `unanswered`).
    Met = "met", "達成", "met";
    NotMet = "not_met", "未達成", "not met";
    SelfAssessment = "self", "自己評価", "self-assessment";
    ExternalReview = "external", "外部評価", "external review";
    ConsensusRating = "consensus", "合意評価", "consensus rating";
    Period = "period", "期間", "Period";
    Rater = "rater", "評価者", "Rater";
    Version = "version", "版", "Version";
    ScoringDigest = "scoring_digest", "採点規則のダイジェスト", "Scoring digest";
    Warnings = "warnings", "注意", "Warnings";
    /// A comparison's basis (`BasisKind`): keyed by the basis's own code.
    SameScoring = "same_scoring", "採点規則が同一（採点規則のダイジェストが一致）のため全項目を直接比較", "Same scoring rules (equal scoring digests): every item compares directly";
    ThroughCrosswalk = "crosswalk", "クロスウォークにより比較", "Compared through the crosswalk";
    /// Items a comparison leaves out (`ExcludedItem`), and why: keyed by the reason's own code.
    LeftOut = "excluded", "比較から除いた項目", "Items left out of the comparison";
    Added = "added", "追加", "added";
    Removed = "removed", "削除", "removed";
    Split = "split", "分割", "split";
    Merged = "merged", "統合", "merged";
    RuleChanged = "rule_changed", "採点規則の変更", "scoring changed";
    /// The item texts of the manual, and the glossary, where the checklist is shown.
    Purpose = "purpose", "意義と目的", "Purpose";
    Support = "support", "具体的な支援内容", "What the support involves";
    Notes = "notes", "留意点", "Points to note";
    Glossary = "glossary", "用語集", "Glossary";
    /// A glossary definition's origin: the manual's section, or this project.
    FromManual = "from_manual", "マニュアル", "manual";
    FromProject = "from_project", "本プロジェクトによる説明", "this project's explanation";
    /// How to answer (the bank's and an element's guidance), and the mark of an element that may be `na`.
    Guidance = "guidance", "回答の手引き", "How to answer";
    NaAllowed = "na_allowed", "該当なしも可", "may be not applicable";
    /// Elements that take evidence (△ options or figures) but were answered by judgement alone.
    JudgedWithoutEvidence = "judged_without_evidence", "根拠（△・数値）を示さず判断で回答した要素", "Answered by judgement without their evidence (△ options or figures)";
    /// What a review records beside the answers, never scored.
    Element = "element", "要素", "Element";
    Finding = "finding", "所見", "Finding";
    Sources = "sources", "情報源", "Sources";
    Comment = "comment", "コメント", "Comment";
    DateRated = "date", "評価日", "Date rated";
    /// A rating's identity, as the forms of other tools (the workbook, REDCap, FHIR) label its fields.
    OfficeId = "office_id", "事務所ID", "Office id";
    OfficeName = "office_name", "事務所名", "Office name";
    AssessmentPeriod = "assessment_period", "評価期間（年度など）", "Period (e.g. fiscal year)";
    KindOfRater = "rater_kind", "評価者の種別", "Rater";
    RaterName = "rater_name", "評価者名", "Rater's name";
    /// The question of an element's △ options, in the forms of other tools.
    EvidenceOptions = "evidence_options", "△ 当てはまるもの（根拠）", "△ The options that apply (evidence)";
    /// The data sources (`DataSource`), keyed by their own codes.
    StaffInterview = "staff_interview", "職員への聞き取り", "staff interview";
    UserInterview = "user_interview", "利用者への聞き取り", "user interview";
    CaseRecords = "case_records", "ケース記録", "case records";
    Documents = "documents", "文書・資料", "documents";
    Observation = "observation", "観察", "observation";
    Statistics = "statistics", "統計", "statistics";
    OtherSource = "other", "その他", "other";
    /// Two reviewers' consensus: the worksheet and the record.
    Worksheet = "worksheet", "合意形成ワークシート", "Consensus worksheet";
    Agreed = "agreed", "一致", "agreed";
    Disagreed = "disagreed", "不一致", "disagreed";
    ScoresWith = "scores_with", "各回答での項目得点", "Item score with each answer";
    Shift = "shift", "得点の差", "Score shift";
    Reason = "reason", "合意の理由", "Reason for the consensus";
    RatingsReconciled = "ratings_reconciled", "合意のもとになった評価", "Ratings reconciled";
    /// The office's report.
    OfficeReport = "office_report", "フィデリティ評価報告書", "Fidelity review report";
    MetElements = "met_elements", "達成している要素（強み）", "Met (strengths)";
    NotMetElements = "not_met_elements", "達成していない要素", "Not met";
    ActionPlan = "action_plan", "改善計画", "Action plan";
    Action = "action", "取り組み", "Action";
    Responsible = "responsible", "担当者", "Person responsible";
    DueDate = "due_date", "期限", "Due date";
    ChangeSincePrevious = "change", "前回からの変化", "Change since the previous rating";
    NewlyMet = "newly_met", "新たに達成", "Newly met";
    NoLongerMet = "no_longer_met", "達成でなくなった", "No longer met";
    PreviousRating = "previous_rating", "前回", "Previous rating";
    ThisRating = "this_rating", "今回", "This rating";
    Delta = "delta", "変化", "Change";
    Office = "office", "事務所", "Office";
    ItemByItem = "item_by_item", "項目ごとの結果", "Item by item";
    ActionPlanHelp = "action_plan_help", "達成していない要素を、得点の低い項目から順に並べています。取り組み・担当者・期限を記入してください。", "The elements not met, lowest-scoring items first. Fill in the action, the person responsible and the due date.";
}

impl Word {
    /// The word in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        let (_, ja, en) = self.entry();
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// Its stable key.
    pub const fn key(self) -> &'static str {
        self.entry().0
    }

    /// The word in both languages, as the bank's texts are.
    pub fn text(self) -> Text {
        Text {
            ja: self.get(Lang::Ja).into(),
            en: Some(self.get(Lang::En).into()),
        }
    }

    /// The label of a rating's identity column (`office_id`, `office_name`, `period`, `rater_kind`,
    /// `rater_name`, `rater_date`), as forms ask for it.
    pub fn of_identity(column: &str) -> Option<Word> {
        Some(match column {
            "office_id" => Word::OfficeId,
            "office_name" => Word::OfficeName,
            "period" => Word::AssessmentPeriod,
            "rater_kind" => Word::KindOfRater,
            "rater_name" => Word::RaterName,
            "rater_date" => Word::DateRated,
            _ => return None,
        })
    }
}

impl From<RaterKind> for Word {
    fn from(kind: RaterKind) -> Self {
        match kind {
            RaterKind::SelfAssessment => Word::SelfAssessment,
            RaterKind::External => Word::ExternalReview,
            RaterKind::Consensus => Word::ConsensusRating,
        }
    }
}

impl From<Outcome> for Word {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Met => Word::Met,
            Outcome::NotMet => Word::NotMet,
            Outcome::Na => Word::NotApplicable,
            Outcome::Unanswered => Word::Unanswered,
        }
    }
}

impl From<DataSource> for Word {
    fn from(source: DataSource) -> Self {
        match source {
            DataSource::StaffInterview => Word::StaffInterview,
            DataSource::UserInterview => Word::UserInterview,
            DataSource::CaseRecords => Word::CaseRecords,
            DataSource::Documents => Word::Documents,
            DataSource::Observation => Word::Observation,
            DataSource::Statistics => Word::Statistics,
            DataSource::Other => Word::OtherSource,
        }
    }
}

impl From<ItemStatus> for Word {
    fn from(status: ItemStatus) -> Self {
        match status {
            ItemStatus::Scored => Word::Scored,
            ItemStatus::Incomplete => Word::Incomplete,
            ItemStatus::NotApplicable => Word::NotApplicable,
        }
    }
}

/// The whole table in `lang`, key → word: what the bindings export.
pub fn table(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Word::ALL.iter().map(|w| (w.key(), w.get(lang))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_word_has_both_languages() {
        let mut keys: Vec<&str> = Word::ALL.iter().map(|w| w.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Word::ALL.len());
        for w in Word::ALL {
            assert!(!w.get(Lang::Ja).is_empty() && !w.get(Lang::En).is_empty(), "{w:?}");
            assert!(!w.get(Lang::Ja).is_ascii(), "{w:?} has no Japanese text");
        }
    }
}
