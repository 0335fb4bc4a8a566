// The form's own words, in both languages (the rest are the core's `words(lang)`, the same as the CLI, Python
// and the reports show).
export const UI = {
  ja: {
    lang: "表示言語", saveJson: "保存 (JSON)", saveYaml: "保存 (YAML)", open: "ファイルを開く", print: "印刷",
    next: "次の未回答の要素へ", answered: "回答済み", allAnswered: "すべて回答済みです", draft: "前回の下書きを復元しました",
    discard: "下書きを破棄", discarded: "下書きを破棄しました", drafts: "保存されている下書き", openDraft: "この下書きを開く", opened: "開きました", problems: "入力に問題があります",
    options: "△ 該当するものを選択", figures: "数値", rules: "採点規則の根拠（本プロジェクトの暫定的な判断、英語）",
    decidedBy: "（△・数値から判定）", scores: "得点", chart: "項目得点", readOnly: "閲覧のみ（編集できません）",
  },
  en: {
    lang: "Language", saveJson: "Save (JSON)", saveYaml: "Save (YAML)", open: "Open a file", print: "Print",
    next: "Next unanswered", answered: "answered", allAnswered: "Every element is answered", draft: "Your last draft was restored",
    discard: "Discard the draft", discarded: "The draft was discarded", drafts: "Saved drafts", openDraft: "Open this draft", opened: "Opened", problems: "Some answers need attention",
    options: "△ Tick those that apply", figures: "Figures", rules: "Why it is scored so (the project's provisional decisions)",
    decidedBy: " (decided by the evidence)", scores: "Scores", chart: "Item scores", readOnly: "Read only (cannot be edited)",
  },
};
// The data sources a rating names, in the core's order (their words are the core's).
export const SOURCES = ["staff_interview", "user_interview", "case_records", "documents", "observation", "statistics", "other"];
