//! `--help` in Japanese, the default language. The English help is the doc comments in `args.rs`; this is
//! their translation, keyed by command and argument, with clap's headings and its notes of defaults and
//! values in Japanese too. A test requires a translation for every help text clap has, and none for an
//! argument without one.

use crate::usage::VALUES_JA;
use clap::builder::PossibleValue;
use clap::{Arg, Command};

/// (command, argument id or "" for the command itself, Japanese). The program is `fidelity`; `*` is every
/// command with that argument (the groups `BankArgs` and `LibraryArgs`) that does not list its own.
const HELP: &[(&str, &str, &str)] = &[
    ("*", "bank", "組み込みの項目バンク。`id`（最新版）または `id@version` [既定: 評価票が指定するもの、なければ seiho-shuro]"),
    ("*", "bank_dir", "組み込みの項目バンクの代わりに使う、項目バンクの版のフォルダ"),
    (
        "*",
        "banks",
        "fidelity-items/ と同じ構成のフォルダ（<id>/<version>/ と <id>/crosswalks/）。その項目バンクとクロスウォークを、組み込みのものに加えて使います",
    ),
    ("fidelity", "", "版のある項目バンクで、プログラム・フィデリティ評価（生活保護就労支援プログラム）を採点します"),
    ("score", "", "評価票を採点します: YAML/JSON ファイル（1ファイルに1事務所）またはワイド形式の CSV（1行に1事務所）"),
    (
        "score",
        "scores_only",
        "--format csv でワイド形式の CSV を採点するとき: 識別の列と得点だけを書き、入力のほかの列は書きません（小さなファイルになります。office_id、period、rater_kind で元の表に結合できます）",
    ),
    ("score", "output", "標準出力の代わりに、この新しいファイルに書きます（既存のファイルには上書きしません）"),
    (
        "score",
        "encoding",
        "CSV 入力の文字コード: ファイルから判定する（auto）、UTF-8、または日本語版 Windows の Excel が「CSV」として保存する Shift_JIS（cp932）",
    ),
    (
        "score",
        "output_encoding",
        "--format csv のとき: utf-8-bom は採点した CSV の先頭にバイト順マークを付け、Excel が UTF-8 として開けるようにします。cp932 は日本語版 Windows の Excel が保存するのと同じ Shift_JIS で書きます（Shift_JIS にない文字はエラーになります）",
    ),
    ("validate", "", "評価票（YAML/JSON/CSV）または項目バンクのフォルダを検査します。問題をすべて挙げ、一つでもあれば終了コード 1 で終わります"),
    ("validate", "paths", "評価票のファイル、または項目バンクの版のフォルダ"),
    ("validate", "strict", "根拠（△の選択肢や数値）を示せる要素に true/false だけで回答しているものも、問題とします"),
    ("validate", "encoding", "CSV 入力の文字コード（`score --encoding` を参照）"),
    ("validate", "lang", "問題のメッセージと対処法の言語"),
    ("items", "", "チェックリストを表示します"),
    (
        "template",
        "",
        "空の評価票を書き出します: ワイド形式の CSV のヘッダー、全要素を並べた YAML ファイル、または事務所が記入する Excel ブック（xlsx。-o が必要です。`fidelity score` で読み込めます）",
    ),
    ("template", "lang", "Excel ブックの言語"),
    (
        "export",
        "",
        "チェックリストをほかのツール向けに書き出します: `redcap` は REDCap のデータ辞書（REDCap が instrument として取り込む CSV。その raw export を `fidelity score` で読めます）、`fhir` は FHIR R4 の Questionnaire（それに答えた QuestionnaireResponse を `fidelity score` で読めます）",
    ),
    ("schema", "", "コアの型から生成した JSON Schema を表示します"),
    ("banks", "", "組み込みの項目バンクを一覧にします"),
    (
        "compare",
        "",
        "一つの事務所の二つの評価票または採点結果を比べます: 得点の変化、水準の変化、新たに達成した要素と達成でなくなった要素。版が違うときは、クロスウォークを通してだけ比べます",
    ),
    ("compare", "old", "前の評価票（YAML/JSON）または採点結果（JSON）"),
    ("compare", "new", "後の評価票または採点結果"),
    (
        "consensus",
        "",
        "二人の評価者が一つの事務所・期間を独立に評価したものを突き合わせます: 二人の回答を並べた合意形成ワークシート（不一致の大きいものから）。--draft を付けると、不一致を合意で埋める合意評価の下書きも書きます",
    ),
    ("consensus", "first", "一人目の評価者の評価（YAML/JSON）"),
    ("consensus", "second", "二人目の評価者の評価"),
    (
        "consensus",
        "draft",
        "合意評価の下書き（YAML。評価者の種別は `consensus`、不一致の要素は未回答のまま）を、この新しいファイルに書きます",
    ),
    ("consensus", "format", "`html`: 印刷できるページ"),
    ("consensus", "output", "合意形成ワークシートを、標準出力の代わりにこの新しいファイルに書きます"),
    (
        "report",
        "",
        "評価後に事務所へ渡すフィデリティ評価報告書: グラフ付きの得点、達成している要素（強み）と達成していない要素とその所見、記入する改善計画。--previous を付けると、前回の評価からの変化も",
    ),
    ("report", "assessment", "確定した評価（合意評価、または評価票か採点結果）"),
    ("report", "previous", "同じ事務所の前回の評価。そこからの変化を示します（版が違うときはクロスウォークを通して）"),
    ("report", "format", "`html`: オフラインで開いて A4 に印刷できる、一つのファイルで完結したページ"),
    ("trend", "", "事務所ごとの期間をまたいだ得点: 評価票か採点結果、または多くの事務所のワイド形式の CSV"),
    ("trend", "bank", CSV_BANK),
    ("trend", "format", "`html`: グラフ付きの、オフラインで開いて印刷できる、一つのファイルで完結したページ"),
    (
        "agreement",
        "",
        "事務所・期間ごとの二人の評価者の一致、内的一貫性、項目と要素の統計。一つの項目バンクの版の評価が対象です（ワイド形式の CSV、評価票、または採点結果）",
    ),
    ("agreement", "bank", CSV_BANK),
    ("agreement", "by", "採点結果を、評価者の種別（self / external）か評価者名で組にします"),
    (
        "agreement",
        "raters",
        "比べる評価者。例: `self,external`。三人以上なら多評価者の係数も加えます（二者の表は最初の二人を比べます） [既定: self,external。名前で組にするときは、いる二人]",
    ),
    ("agreement", "only", "信頼性と項目の統計を、一人の評価者の採点結果に限ります [既定: すべての採点結果]"),
    (
        "agreement",
        "missing",
        "Cronbach の α で、項目が欠けた行の扱い: 行ごと除く（listwise）、または共分散ごとに両方の項目がある行を使う（pairwise）",
    ),
    (
        "agreement",
        "bootstrap",
        "すべての一致係数について、事務所×期間からこの回数の再標本を取るブートストラップで、パーセンタイル区間と BCa 区間を求めます（例: 2000）。--periods と一緒なら、事務所の再標本から差の区間も",
    ),
    ("agreement", "seed", "ブートストラップのシード。同じシードなら、どの計算機でも同じ区間になります"),
    (
        "agreement",
        "periods",
        "二つの期間の一致を比べます。例: `2024,2025`。それぞれの期間のすべての一致係数と、二つ目から一つ目を引いた差（--format csv では、この表が CSV になります）",
    ),
    (
        "agreement",
        "format",
        "csv: すべての係数を一つのロング形式の表に（scope, id, coefficient, value, se, ci95_lower, ci95_upper, n）",
    ),
    (
        "verify",
        "",
        "採点結果を、それが記録している項目バンクの版で評価票から計算し直します。一致しなければ終了コード 1 で終わります",
    ),
    ("verify", "report", "採点結果（JSON）。`fidelity score --format json` が書くもの"),
    ("verify", "assessment", "その採点結果のもとになった評価票"),
    ("help", "", "このヘルプ、または指定したコマンドのヘルプを表示します"),
];

/// The bank of a wide CSV's rows (`ReportFiles`), in `trend` and `agreement`.
const CSV_BANK: &str = "ワイド形式の CSV の行の項目バンク。`id` または `id@version` [既定: seiho-shuro]";

/// clap's help in Japanese: the usage heading, the section headings, every text of `HELP`, the built-in
/// `--help` and `--version`, and the notes of defaults and values.
const TEMPLATE: &str = "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// `cmd` (the whole command line, as `Cli::command()` gives it) with its help in Japanese.
pub(crate) fn japanese(mut cmd: Command) -> Command {
    // Built first, so that clap's own `--help`, `--version` and `help` are there to translate.
    cmd.build();
    translate(cmd)
}

fn translate(mut cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    if let Some(about) = text(&name, "") {
        cmd = cmd.about(about);
    }
    cmd = cmd.help_template(TEMPLATE).subcommand_help_heading("コマンド");
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| translate_arg(&name, arg));
    }
    let subcommands: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(&sub, translate);
    }
    cmd
}

fn translate_arg(command: &str, arg: Arg) -> Arg {
    let help = match arg.get_id().as_str() {
        "help" => Some("ヘルプを表示します"),
        "version" => Some("fidelity のバージョンを表示します"),
        id => text(command, id),
    };
    let heading = if arg.is_positional() { "引数" } else { "オプション" };
    let text = [help.map(str::to_string), notes(&arg)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    arg.help(text)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help_heading(heading)
}

/// The default and the values an argument takes, as clap notes them in English (`[default: …]`).
/// A flag (no value) has neither.
fn notes(arg: &Arg) -> Option<String> {
    if !arg.get_action().takes_values() {
        return None;
    }
    let mut notes = Vec::new();
    let defaults: Vec<_> = arg.get_default_values().iter().map(|v| v.to_string_lossy()).collect();
    if !defaults.is_empty() {
        notes.push(format!("[既定: {}]", defaults.join(", ")));
    }
    let possible = arg.get_possible_values();
    let values: Vec<_> = possible.iter().filter(|v| !v.is_hide_set()).map(PossibleValue::get_name).collect();
    if !values.is_empty() {
        notes.push(format!("[{VALUES_JA}: {}]", values.join(", ")));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// The Japanese text of `command`'s argument `id` ("" for the command itself): its own, or every command's.
fn text(command: &str, id: &str) -> Option<&'static str> {
    let find = |command: &str| HELP.iter().find(|(c, i, _)| *c == command && *i == id).map(|(_, _, ja)| *ja);
    find(command).or_else(|| find("*").filter(|_| !id.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every (command, argument or "") clap has an English help text for, but its own `--help`, `--version`.
    fn helped(cmd: &Command) -> Vec<(String, String)> {
        let name = cmd.get_name().to_string();
        let mut out: Vec<(String, String)> = Vec::new();
        if cmd.get_about().is_some() {
            out.push((name.clone(), String::new()));
        }
        for arg in cmd.get_arguments().filter(|a| a.get_help().is_some()) {
            if !["help", "version"].contains(&arg.get_id().as_str()) {
                out.push((name.clone(), arg.get_id().to_string()));
            }
        }
        for sub in cmd.get_subcommands() {
            out.extend(helped(sub));
        }
        out
    }

    #[test]
    fn every_help_text_has_its_translation_and_no_other() {
        let mut english = crate::args::Cli::command();
        english.build();
        let english = helped(&english);
        let untranslated: Vec<_> = english.iter().filter(|(c, i)| text(c, i).is_none()).collect();
        // Each text is some English help's: its own command's, or (`*`) one of a command without its own.
        let used = |&&(c, i, ja): &&(&str, &str, &str)| {
            english
                .iter()
                .any(|(ec, ei)| (c == "*" || c == ec) && i == ei && text(ec, ei) == Some(ja))
        };
        let without_english: Vec<_> = HELP.iter().filter(|entry| !used(entry)).collect();
        assert!(untranslated.is_empty(), "help without a Japanese text in HELP: {untranslated:?}");
        assert!(
            without_english.is_empty(),
            "HELP texts for no English help (a renamed argument?): {without_english:?}"
        );
    }
}
