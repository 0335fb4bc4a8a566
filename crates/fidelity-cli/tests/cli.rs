//! The `fidelity` command as a user runs it: outputs, exit codes, and that no file is ever overwritten.
#![allow(clippy::panic, clippy::unwrap_used)] // tests and benches fail loudly by design

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo")
}

fn fidelity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fidelity"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run fidelity")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn scores_the_example_office_in_japanese_and_english() {
    let ja = fidelity(&["score", "examples/sample-office-2025.yaml"]);
    assert!(ja.status.success(), "{}", stderr(&ja));
    let out = stdout(&ja);
    for want in [
        "サンプル市福祉事務所",
        "スタッフを育成するためのプログラムがある",
        "福祉事務所をととのえる",
        "合計: 28",
        "水準: 中",
        "暫定",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let en = stdout(&fidelity(&[
        "score",
        "examples/sample-office-2025.yaml",
        "--lang",
        "en",
        "--format",
        "markdown",
    ]));
    for want in [
        "| A-2 | There is a program for developing staff | scored | 6/10 | 3 |",
        "**Level: moderate**",
        "provisional",
    ] {
        assert!(en.contains(want), "missing {want:?} in\n{en}");
    }
}

#[test]
fn json_output_is_the_score_report() {
    let o = fidelity(&["score", "examples/sample-office-2025.yaml", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(r["bank"]["id"], "seiho-shuro");
    assert!(r["bank"]["scoring_digest"].as_str().is_some_and(|d| d.starts_with("sha256:")));
    assert_eq!(r["total"]["sum"], 28);
    assert_eq!(r["level"], "moderate");
    assert_eq!(r["items"][0]["elements"][4]["outcome"], "not_met");
    let both = fidelity(&[
        "score",
        "examples/sample-office-2024.yaml",
        "examples/sample-office-2025.yaml",
        "--format",
        "json",
    ]);
    let arr: Vec<serde_json::Value> = serde_json::from_str(&stdout(&both)).expect("json array");
    assert_eq!(
        arr.iter().map(|r| r["period"].as_str().unwrap_or_default()).collect::<Vec<_>>(),
        ["2024", "2025"]
    );
}

#[test]
fn csv_scoring_keeps_every_row_and_carries_extra_columns() {
    let o = fidelity(&["score", "examples/offices.csv", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(&header[header.len() - 2..], ["prefecture", "memo"]);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 8);
    assert_eq!(&rows[1][header.len() - 1], "2025年度, 見本データ");
    let total = header.iter().position(|h| h == "total_sum").expect("total_sum");
    assert_eq!(&rows[1][total], "28");
    // No data is lost: every input column and cell, blank or not, is in the output under its own name.
    let mut input = csv::Reader::from_path(repo().join("examples/offices.csv")).expect("input");
    let in_header: Vec<String> = input.headers().expect("header").iter().map(String::from).collect();
    for (i, record) in input.records().enumerate() {
        let record = record.expect("row");
        for (name, cell) in in_header.iter().zip(record.iter()) {
            let at = header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("column {name} lost"));
            assert_eq!(&rows[i][at], cell, "row {i}, column {name}");
        }
    }
}

#[test]
fn scores_only_keeps_the_identity_and_the_scores_of_every_row() {
    let full = fidelity(&["score", "examples/offices.csv", "--format", "csv"]);
    let only = fidelity(&["score", "examples/offices.csv", "--format", "csv", "--scores-only"]);
    assert!(only.status.success(), "{}", stderr(&only));
    let table = |o: &Output| {
        let mut r = csv::Reader::from_reader(o.stdout.as_slice());
        let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = r.records().map(|x| x.expect("row").iter().map(String::from).collect()).collect();
        (header, rows)
    };
    let ((full_header, full_rows), (header, rows)) = (table(&full), table(&only));
    // The score columns end at `problems`; nothing of the input follows them.
    assert_eq!(header.last().map(String::as_str), Some("problems"));
    assert_eq!(header, full_header[..header.len()]);
    assert_eq!(rows.len(), 8);
    for (row, full_row) in rows.iter().zip(&full_rows) {
        assert_eq!(row[..], full_row[..header.len()]);
    }
    // Invalid rows too: kept, with their problems and without the input's cells.
    let bad = fidelity(&["score", "tests/bad-inputs/bad-cells.csv", "--format", "csv", "--scores-only"]);
    assert_eq!(bad.status.code(), Some(1));
    let (bad_header, bad_rows) = table(&bad);
    assert_eq!((bad_header.len(), bad_rows.len()), (header.len(), 2));
    assert!(bad_rows[0].last().is_some_and(|p| p.contains("na_not_allowed")));
    // It is a CSV option.
    let table_format = fidelity(&["score", "examples/offices.csv", "--scores-only"]);
    assert_eq!(table_format.status.code(), Some(2));
    assert!(stderr(&table_format).contains("--format csv"), "{}", stderr(&table_format));
}

#[test]
fn a_carried_column_named_like_a_score_column_is_renamed() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "office_id,period,rater_kind,level,A-1.1\n1,2025,self,県の評価,1\n").expect("write");
    let o = fidelity(&["score", input.to_str().expect("utf8"), "--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
    let row = r.records().next().expect("row").expect("row");
    let cell = |name: &str| {
        row[header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"))]
        .to_string()
    };
    assert_eq!(
        (cell("level"), cell("level (input)"), cell("A-1.1")),
        (String::new(), "県の評価".to_string(), "1".to_string())
    );
}

#[test]
fn invalid_csv_rows_are_kept_and_reported() {
    let o = fidelity(&["score", "tests/bad-inputs/bad-cells.csv", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("2:4: [wrong_type] answers.A-1.1"), "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].iter().any(|c| c.contains("na_not_allowed")));
}

#[test]
fn validate_lists_every_problem_and_fails() {
    let o = fidelity(&["validate", "tests/bad-inputs/several-problems.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(
        err.contains("several-problems.yaml:7:46: [figure_below_minimum] answers.B-1.6.capacity"),
        "{err}"
    );
    let ok = fidelity(&[
        "validate",
        "examples/sample-office-2025.yaml",
        "fidelity-items/seiho-shuro/1.0.0",
        "examples/offices.csv",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let json = fidelity(&["validate", "tests/bad-inputs/unknown-option.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(v["valid"], false);
    assert_eq!(v["problems"][0]["path"], "answers.B-1.1[1]");
    // A CSV's problems name their row (0-based, data rows) beside the line.
    let csv = fidelity(&["validate", "tests/bad-inputs/bad-cells.csv", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&csv)).expect("json");
    let first = &v["problems"][0];
    assert_eq!((first["row"].as_u64(), first["line"].as_u64()), (Some(0), Some(2)), "{first}");
}

/// `fidelity score INPUT --format csv -o DEST`
fn score_csv_to(input: &Path, dest: &Path) -> Output {
    let arg = |p: &Path| p.to_str().expect("utf8").to_string();
    let (input, dest) = (arg(input), arg(dest));
    fidelity(&["score", &input, "--format", "csv", "-o", &dest])
}

#[test]
fn a_mistaken_call_is_told_in_the_users_language() {
    let told = |args: &[&str]| {
        let o = fidelity(args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        stderr(&o)
    };
    // clap's own mistakes: in Japanese by default, in clap's English with --lang en (either spelling).
    let unknown = told(&["score", "--formt", "json", "x.yaml"]);
    assert!(
        unknown.starts_with("エラー: '--formt' という引数はありません")
            && unknown.contains("もしかして: '--format'")
            && unknown.contains("使い方: fidelity score")
            && unknown.ends_with("詳しくは '--help' を見てください。\n"),
        "{unknown}"
    );
    let value = told(&["score", "--format", "jsn", "x.yaml"]);
    assert!(
        value.starts_with("エラー: '--format <FORMAT>' に 'jsn' は使えません\n  [指定できる値: table, markdown, json, csv]")
            && value.contains("もしかして: 'json'"),
        "{value}"
    );
    let missing = told(&["score"]);
    assert!(missing.starts_with("エラー: 次の引数が必要です: '<FILES>...'"), "{missing}");
    let command = told(&["scor"]);
    assert!(command.starts_with("エラー: 'scor' というコマンドはありません"), "{command}");
    for en in [
        &["score", "--lang", "en", "--formt", "json", "x.yaml"][..],
        &["score", "--formt", "--lang=en"],
    ] {
        let unknown = told(en);
        assert!(unknown.starts_with("error: unexpected argument '--formt' found"), "{unknown}");
    }
    // A file that is not there, worded in both languages rather than as the system words it.
    let absent = repo().join("examples/no-such-office.yaml");
    let absent = absent.to_str().expect("utf8");
    let ja = told(&["score", absent]);
    assert!(
        ja.starts_with("エラー: ") && ja.contains("no-such-office.yaml: [io] ファイルを読めません: 見つかりません"),
        "{ja}"
    );
    let en = told(&["score", absent, "--lang", "en"]);
    assert!(
        en.contains("no-such-office.yaml: [io] cannot read the file: no such file or folder"),
        "{en}"
    );
    // Help in the same language, from the same arguments: every text, heading and note translated.
    let help = fidelity(&["score", "--help"]);
    let ja = stdout(&help);
    assert!(help.status.success(), "{}", stderr(&help));
    assert!(
        ja.starts_with("評価票を採点します")
            && ja.contains("使い方: fidelity score [OPTIONS] <FILES>...")
            && ja.contains("オプション:\n      --bank <BANK>\n          組み込みの項目バンク。")
            && ja.contains("[既定: table] [指定できる値: table, markdown, json, csv]")
            && ja.contains("-h, --help\n          ヘルプを表示します"),
        "{ja}"
    );
    assert!(!ja.contains("default") && !ja.contains("Options"), "{ja}");
    let en = stdout(&fidelity(&["score", "--help", "--lang", "en"]));
    assert!(
        en.starts_with("Score assessments") && en.contains("[default: table] [possible values: table, markdown, json, csv]"),
        "{en}"
    );
    let top = stdout(&fidelity(&["help"]));
    assert!(top.contains("コマンド:\n  score      評価票を採点します"), "{top}");
}

#[test]
fn never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let existing = dir.path().join("existing.csv");
    std::fs::write(&existing, "precious").expect("write");
    let input = repo().join("examples/sample-office-2025.yaml");
    let o = score_csv_to(&input, &existing);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "precious");
    let same = fidelity(&["score", input.to_str().expect("utf8"), "-o", input.to_str().expect("utf8")]);
    assert_eq!(same.status.code(), Some(2));
    assert!(
        stderr(&same).contains("は入力ファイルです。出力で上書きしません"),
        "{}",
        stderr(&same)
    );
    let same_en = fidelity(&[
        "score",
        input.to_str().expect("utf8"),
        "-o",
        input.to_str().expect("utf8"),
        "--lang",
        "en",
    ]);
    assert!(
        stderr(&same_en).starts_with("error: refusing to write the output over an input"),
        "{}",
        stderr(&same_en)
    );
    let fresh = dir.path().join("scores.csv");
    let ok = score_csv_to(&input, &fresh);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(std::fs::read_to_string(&fresh).expect("read").contains("99001"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "temporary files left behind: {leftovers:?}");
}

#[test]
fn templates_validate_and_cover_every_element() {
    let csv = stdout(&fidelity(&["template", "--format", "csv"]));
    let header: Vec<&str> = csv.trim().split(',').collect();
    // 1.1.0, the newest: the identity columns and the rater's name and date, 57 elements, 9 + 14 + 7 option
    // columns, 5 figure inputs (A-2.3 has two); then a finding per element and each item's sources and comment
    assert_eq!(header.len(), 4 + 2 + 57 + 9 + 14 + 7 + 5 + 57 + 9 * 2);
    assert_eq!(header[4..6], ["rater_name", "rater_date"]);
    assert_eq!(header[header.len() - 3..], ["finding:B-3.4", "sources:B-3", "comment:B-3"]);
    let dir = tempfile::tempdir().expect("tmp");
    let yaml = dir.path().join("t.yaml");
    assert!(fidelity(&["template", "-o", yaml.to_str().expect("utf8")]).status.success());
    let text = std::fs::read_to_string(&yaml).expect("read");
    // The newest bank, its glossary before the answers, each element's English under its Japanese.
    assert!(text.contains("\nbank: seiho-shuro@1.1.0\n"), "{text}");
    assert!(text.contains("# 回答の手引き: 評価期間（例：年度）について回答します。"));
    assert!(text.contains("  # ▶ Answer na when no company took on a user in the assessment period."));
    assert!(text.contains("  B-3.4: null  # or na\n"));
    assert!(text.contains("  A-2.3: null  # or {months: N, months_with_two_sessions: N}\n"));
    assert!(text.contains("#   就労支援スタッフ (employment support staff): 就労支援スタッフは地域によって"));
    assert!(text.contains(
        "  # 利用者にプログラムは強制ではないことを伝えている\n  # Users are told that the program is not compulsory\n  A-1.2: null\n"
    ));
    let text = text
        .replace("office: {id: \"\"", "office: {id: \"1\"")
        .replace("period: \"\"", "period: \"2025\"");
    std::fs::write(&yaml, text).expect("write");
    let o = fidelity(&["score", yaml.to_str().expect("utf8"), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(r["items"].as_array().expect("items").iter().all(|i| i["status"] == "incomplete"));
    assert!(r["level"].is_null());
}

#[test]
fn items_schema_and_banks() {
    let items = stdout(&fidelity(&["items"]));
    assert!(items.contains("□ B-1.6 過去1年間の新規利用者数が、定員の50%以上である"), "{items}");
    assert!(items.contains("△ 民生委員連絡会 (minsei_council)"));
    // The manual's item texts, the kept slips and the glossary, in the newest bank by default.
    assert!(items.starts_with("生活保護就労支援プログラム (seiho-shuro@1.1.0)\n\n回答の手引き: 評価期間"));
    assert!(items.contains("□ B-3.3 就労者を受け入れた企業に対して、就労後も利用者に対して継続的な支援を提供していくことを伝えている [該当なしも可]\n      ▶ 評価期間に利用者を雇用した企業がなかったときは"));
    assert!(items.contains("  【留意点】一人のコーディネーターが上記の役割のすべてを果たす必要はありません。"));
    assert!(items.contains(
        "□ A-3.6 ケースケースワーカーを入れずに就労支援員単独で利用者と面接をしている\n      ※ 「ケースケースワーカー」は原文のまま"
    ));
    assert!(items.contains("\n■ 用語集\n\n  生活保護就労支援プログラム: 本マニュアルが対象としている"));
    let en = stdout(&fidelity(&["items", "--lang", "en", "--bank", "seiho-shuro@1.0.0"]));
    assert!(en.starts_with("Employment Support Program for People on Public Assistance (seiho-shuro@1.0.0)\n"));
    assert!(!en.contains("Glossary"), "1.0.0 has no glossary");
    let schema: serde_json::Value =
        serde_json::from_str(&stdout(&fidelity(&["schema", "assessment", "--bank", "seiho-shuro"]))).expect("json");
    assert!(schema["properties"]["answers"]["properties"]["B-1.6"].is_object());
    let committed = std::fs::read_to_string(repo().join("fidelity-items/schema/report.schema.json")).expect("committed");
    let printed = stdout(&fidelity(&["schema", "report"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&printed).expect("json"),
        serde_json::from_str::<serde_json::Value>(&committed).expect("json")
    );
    let banks = stdout(&fidelity(&["banks"]));
    assert!(
        banks.starts_with("seiho-shuro@1.0.0\tsha256:")
            && banks.contains("\nseiho-shuro@1.0.1\tsha256:")
            && banks.contains("\nseiho-shuro@1.1.0\tsha256:"),
        "{banks}"
    );
    let bad = fidelity(&["score", "examples/sample-office-2025.yaml", "--bank", "nope"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("bank_not_found"), "{}", stderr(&bad));
}

#[test]
fn compares_the_example_office_across_its_two_years() {
    let o = fidelity(&["compare", "examples/sample-office-2024.yaml", "examples/sample-office-2025.yaml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The 2024 and 2025 totals are 24 and 28 (their own reports say so); levels 低 → 中.
    for want in [
        "合計: 24 → 28 (Δ +4)",
        "水準: 低 → 中",
        "新たに達成した要素",
        "暫定",
        "2025 (自己評価",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let en = stdout(&fidelity(&[
        "compare",
        "examples/sample-office-2024.yaml",
        "examples/sample-office-2025.yaml",
        "--lang",
        "en",
        "--format",
        "markdown",
    ]));
    assert!(
        en.contains("| Item | Title | Old | New | Δ | Status |") && en.contains("Level: low → moderate") && en.contains("provisional"),
        "{en}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&fidelity(&[
        "compare",
        "examples/sample-office-2024.yaml",
        "examples/sample-office-2025.yaml",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["total"]["delta_sum"], 4);
    assert_eq!(json["warnings"][0]["code"], "rater_kinds_differ");
    // Every warning carries both languages; the text output shows the one asked for.
    assert_eq!(
        json["warnings"][0]["message"]["ja"],
        "前回は外部評価、今回は自己評価です。差は事務所ではなく評価者の違いによる可能性があります"
    );
    assert!(
        out.contains("⚠ 前回は外部評価、今回は自己評価です") && !out.contains("the old report"),
        "{out}"
    );
    assert!(
        en.contains("- ⚠ the old report is an external review and the new one a self-assessment"),
        "{en}"
    );
    // Saved score reports compare as their assessments do.
    let dir = tempfile::tempdir().unwrap();
    let saved: Vec<String> = ["2024", "2025"]
        .iter()
        .map(|y| {
            let path = dir.path().join(format!("{y}.json"));
            let o = fidelity(&[
                "score",
                &format!("examples/sample-office-{y}.yaml"),
                "--format",
                "json",
                "-o",
                path.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{}", stderr(&o));
            path.to_str().unwrap().to_string()
        })
        .collect();
    let from_reports: serde_json::Value =
        serde_json::from_str(&stdout(&fidelity(&["compare", &saved[0], &saved[1], "--format", "json"]))).unwrap();
    assert_eq!(from_reports, json);
}

#[test]
fn compares_across_versions_only_through_a_crosswalk() {
    let through = fidelity(&[
        "compare",
        "tests/compare/crosswalk-minor.old.yaml",
        "tests/compare/crosswalk-minor.new.yaml",
        "--banks",
        "tests/banks",
        "--lang",
        "en",
    ]);
    assert!(through.status.success(), "{}", stderr(&through));
    let out = stdout(&through);
    assert!(
        out.contains("crosswalk: test-audit 1.0.0 → 1.1.0") && out.contains("P-3 → P-3: scoring changed"),
        "{out}"
    );
    // The reasons are the core's words, in the output's language.
    let ja = fidelity(&[
        "compare",
        "tests/compare/crosswalk-minor.old.yaml",
        "tests/compare/crosswalk-minor.new.yaml",
        "--banks",
        "tests/banks",
    ]);
    let out = stdout(&ja);
    assert!(
        out.contains("比較から除いた項目:") && out.contains("P-3 → P-3: 採点規則の変更"),
        "{out}"
    );
    let refused = fidelity(&[
        "compare",
        "tests/compare/no-crosswalk.old.yaml",
        "tests/compare/no-crosswalk.new.yaml",
        "--banks",
        "tests/banks",
        "--lang",
        "en",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("[not_comparable]") && err.contains("1.0.1") && err.contains("1.1.0") && err.contains("no crosswalk"),
        "{err}"
    );
}

#[test]
fn trend_prints_every_period_and_writes_a_self_contained_html_page() {
    let o = fidelity(&[
        "trend",
        "examples/sample-office-2025.yaml",
        "examples/sample-office-2024.yaml",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let (a, b) = (out.find("2024 (external").unwrap(), out.find("2025 (self").unwrap());
    assert!(a < b, "periods in order:\n{out}");
    assert!(out.contains("Total mean") && out.contains("provisional"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("trend.html");
    let page_arg = page.to_str().unwrap();
    let o = fidelity(&[
        "trend",
        "examples/sample-office-2024.yaml",
        "examples/sample-office-2025.yaml",
        "--format",
        "html",
        "-o",
        page_arg,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("<svg").count(), 2, "a means chart and a radar");
    // Nothing to fetch: no script, no linked file (the SVG namespace URI is a name, not a fetch).
    assert!(html.contains("default-src 'none'") && !html.contains("<script"));
    assert!(!html.contains("src=") && !html.contains("href") && !html.contains("url("), "{html}");
    assert!(html.contains("暫定") && html.contains("サンプル市福祉事務所"));
    // A Japanese page speaks Japanese: the warning, the rater kinds and the digest's heading.
    assert!(
        html.contains("自己評価と外部評価が混在しています")
            && html.contains("2024 (外部評価)")
            && html.contains("<th>採点規則のダイジェスト</th>"),
        "{html}"
    );
    assert!(
        !html.contains("differences may come") && !html.contains("scoring digest") && !html.contains("(self)"),
        "{html}"
    );
    // Never over an existing file.
    let again = fidelity(&["trend", "examples/sample-office-2024.yaml", "--format", "html", "-o", page_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);
    // A wide CSV gives one trend per office.
    let csv = fidelity(&["trend", "examples/offices.csv", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&csv)).unwrap();
    assert!(json["offices"].as_array().unwrap().len() > 1);
}

#[test]
fn verify_confirms_a_report_and_catches_a_tampered_one() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let o = fidelity(&[
        "score",
        "examples/sample-office-2025.yaml",
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let ok = fidelity(&["verify", report.to_str().unwrap(), "examples/sample-office-2025.yaml"]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).starts_with("ok:"));
    // Edit A-2's score from 3 to 5.
    let text = std::fs::read_to_string(&report).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["items"][1]["id"], "A-2");
    json["items"][1]["score"] = 5.into();
    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, json.to_string()).unwrap();
    let bad = fidelity(&["verify", tampered.to_str().unwrap(), "examples/sample-office-2025.yaml"]);
    assert_eq!(bad.status.code(), Some(1));
    let out = stdout(&bad);
    assert!(
        out.contains("MISMATCH (report_altered)") && out.contains("items.A-2.score: recorded 5, recomputed 3"),
        "{out}"
    );
    let other = fidelity(&[
        "verify",
        report.to_str().unwrap(),
        "examples/sample-office-2024.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(other.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&other)).unwrap();
    assert_eq!(v["cause"], "answers_changed");
}

#[test]
fn agreement_on_the_example_of_two_raters() {
    let o = fidelity(&["agreement", "examples/offices-two-raters.csv", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "76 assessments",
        "36 pairs",
        "Weighted κ",
        "ICC(2,1) [95% CI]",
        "Cronbach α: rows with a missing item dropped (listwise)",
        "Floor (1)",
        "provisional",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let ja = stdout(&fidelity(&["agreement", "examples/offices-two-raters.csv", "--format", "markdown"]));
    assert!(
        ja.contains("### 項目の一致（1〜5点）") && ja.contains("| A-6 |") && ja.contains("暫定"),
        "{ja}"
    );
    // The raters and the total scale in Japanese words, as everywhere else.
    assert!(ja.contains("評価者 自己評価 × 外部評価") && ja.contains("| 合計 |"), "{ja}");
    assert!(!ja.contains("self × external") && !ja.contains("| total |"), "{ja}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&fidelity(&[
        "agreement",
        "examples/offices-two-raters.csv",
        "--format",
        "json",
        "--missing",
        "pairwise",
    ])))
    .unwrap();
    assert_eq!(
        (json["agreement"]["pairs"].as_u64(), json["reliability"]["missing"].as_str()),
        (Some(36), Some("pairwise"))
    );
}

/// Two periods: the section in both languages, its intervals when a bootstrap ran, the CSV of the
/// differences, and `--periods` with one period refused as a usage error.
#[test]
fn agreement_in_two_periods() {
    let args = ["agreement", "examples/offices-two-periods.csv", "--periods", "2024,2025"];
    let ja = stdout(&fidelity(&[&args[..], &["--bootstrap", "50", "--format", "markdown"]].concat()));
    assert!(
        ja.contains("### 評価期間による一致の変化（2024 → 2025; 事務所 40）")
            && ja.contains("事務所の再標本 50 回（シード 1）")
            && ja.contains("| 合計点 | ICC(2,1) | 0."),
        "{ja}"
    );
    let en = stdout(&fidelity(&[&args[..], &["--lang", "en"]].concat()));
    assert!(
        en.contains("Agreement by period (2024 → 2025; 40 offices)") && en.contains("Add --bootstrap for intervals"),
        "{en}"
    );
    let csv = stdout(&fidelity(&[&args[..], &["--format", "csv"]].concat()));
    assert!(
        csv.starts_with("scope,id,raters,coefficient,first,second,difference,percentile_lower,") && csv.contains("\ntotal,total,2,icc2_1,"),
        "{csv}"
    );
    let one = fidelity(&["agreement", "examples/offices-two-periods.csv", "--periods", "2025"]);
    assert_eq!(one.status.code(), Some(2), "{}", stderr(&one));
    assert!(
        stderr(&one).starts_with("エラー: --periods には期間を二つ指定します"),
        "{}",
        stderr(&one)
    );
    let one_en = fidelity(&["agreement", "examples/offices-two-periods.csv", "--periods", "2025", "--lang", "en"]);
    assert!(stderr(&one_en).contains("--periods takes two periods"), "{}", stderr(&one_en));
}

#[test]
fn agreement_refuses_what_it_cannot_pair_and_never_overwrites() {
    let o = fidelity(&["agreement", "examples/offices-two-raters.csv", "--raters", "self,self"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("[rater_pairing] raters:"), "{}", stderr(&o));
    // One rater is not a comparison: a problem of the input, told as one (exit 1).
    let one = fidelity(&["agreement", "examples/offices-two-raters.csv", "--raters", "self", "--lang", "en"]);
    assert_eq!(one.status.code(), Some(1));
    assert!(
        stderr(&one).contains("[rater_pairing] raters: 1 rater named; expected two or more"),
        "{}",
        stderr(&one)
    );
    let o = fidelity(&[
        "agreement",
        "examples/offices-two-raters.csv",
        "-o",
        "examples/offices-two-raters.csv",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(std::fs::read_to_string(repo().join("examples/offices-two-raters.csv"))
        .unwrap()
        .starts_with("office_id,"));
}

/// A CSV names no bank: without `--bank` it is read with the newest built-in version whose columns its header
/// fits, so a table made from the 1.0.0 template (A-2.3:sessions_per_month) still scores after 1.1.0 (which asks
/// as months) is built in, and a table made from the 1.1.0 template is read with 1.1.0.
#[test]
fn a_csv_is_read_with_the_version_its_header_is_written_for() {
    let bank_column = |args: &[&str]| -> Vec<String> {
        let o = fidelity(args);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut r = csv::Reader::from_reader(o.stdout.as_slice());
        let at = r.headers().expect("header").iter().position(|h| h == "bank").expect("bank column");
        r.records().map(|x| x.expect("row")[at].to_string()).collect()
    };
    let old = bank_column(&["score", "examples/offices.csv", "--format", "csv", "--scores-only"]);
    assert!(old.iter().all(|b| b == "seiho-shuro@1.0.1"), "{old:?}");
    let pinned = bank_column(&["score", "examples/offices.csv", "--format", "csv", "--bank", "seiho-shuro@1.0.0"]);
    assert!(pinned.iter().all(|b| b == "seiho-shuro@1.0.0"), "{pinned:?}");
    // A 1.1.0 table: the template's header and one row answering by months.
    let header = stdout(&fidelity(&["template", "--format", "csv"]));
    let columns: Vec<&str> = header.trim().split(',').collect();
    let row: Vec<&str> = columns
        .iter()
        .map(|c| match *c {
            "office_id" => "1",
            "period" => "2026",
            "rater_kind" => "self",
            "A-2.3:months" => "12",
            "A-2.3:months_with_two_sessions" => "12",
            _ => "",
        })
        .collect();
    let dir = tempfile::tempdir().expect("tmp");
    let new = dir.path().join("new.csv");
    std::fs::write(&new, format!("{}\n{}\n", columns.join(","), row.join(","))).expect("write");
    let path = new.to_str().expect("utf8");
    assert_eq!(bank_column(&["score", path, "--format", "csv"]), ["seiho-shuro@1.1.0"]);
    assert!(fidelity(&["validate", path]).status.success());
    // Pinned to a version it was not written for, the header's problem is told.
    let refused = fidelity(&["score", path, "--bank", "seiho-shuro@1.0.0", "--format", "csv"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("[unknown_figure]"), "{}", stderr(&refused));
}

/// Judgement where an element takes evidence is accepted and flagged (the report's list, the score table's
/// line, the CSV column); `validate --strict` refuses it, each at its answer's line and column.
#[test]
fn strict_validation_refuses_judgement_where_evidence_can_be_given() {
    let vector = "tests/conformance/seiho-1.1-judged-without-evidence.yaml";
    assert!(fidelity(&["validate", vector]).status.success());
    let strict = fidelity(&["validate", vector, "--strict", "--lang", "en"]);
    assert_eq!(strict.status.code(), Some(1));
    let err = stderr(&strict);
    // is answered `true` on line 19 (after the comment's 6 lines, the 5 lines from `bank:` to
    // `answers:`, and .. ), A-3.5 `false` on line 31 (A-2.4 .. are the 11 lines between); the
    // value starts in column 10 (` : true`).
    assert!(err.contains(&format!("{vector}:19:10: [evidence_required] answers.A-2.3: answered by judgement alone; strict validation expects the figures months, months_with_two_sessions")), "{err}");
    // The same problem in Japanese, the default language.
    let ja = stderr(&fidelity(&["validate", vector, "--strict"]));
    assert!(ja.contains(&format!("{vector}:19:10: [evidence_required] answers.A-2.3: 判断だけで回答されています。厳格な検証では数値（months, months_with_two_sessions）が必要です")), "{ja}");
    assert!(
        err.contains(&format!("{vector}:31:10: [evidence_required] answers.A-3.5:")),
        "{err}"
    );
    assert_eq!(err.matches("evidence_required").count(), 2, "{err}");
    let table = stdout(&fidelity(&["score", vector, "--lang", "en"]));
    assert!(
        table.contains("Answered by judgement without their evidence (△ options or figures): A-2.3, A-3.5\n"),
        "{table}"
    );
    // The same in a wide CSV: the column in the scored table, and strict validation at the row's line.
    let dir = tempfile::tempdir().expect("tmp");
    let csv_path = dir.path().join("judged.csv");
    let header = stdout(&fidelity(&["template", "--format", "csv"]));
    let columns: Vec<&str> = header.trim().split(',').collect();
    let cell = |c: &&str| match *c {
        "office_id" => "1",
        "period" => "2026",
        "rater_kind" => "self",
        "A-3.4" | "B-1.1" => "1",
        _ => "",
    };
    let row: Vec<&str> = columns.iter().map(cell).collect();
    std::fs::write(&csv_path, format!("{}\n{}\n", columns.join(","), row.join(","))).expect("write");
    let path = csv_path.to_str().expect("utf8");
    let o = fidelity(&["score", path, "--format", "csv", "--scores-only"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let at = r
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "judged_without_evidence")
        .expect("column");
    assert_eq!(&r.records().next().expect("row").expect("row")[at], "A-3.4 B-1.1");
    let strict = fidelity(&["validate", path, "--strict", "--format", "json"]);
    assert_eq!(strict.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&strict)).expect("json");
    let found: Vec<(String, String, u64, u64)> = json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap_or("").into(),
                p["path"].as_str().unwrap_or("").into(),
                p["line"].as_u64().unwrap_or(0),
                p["row"].as_u64().unwrap_or(9),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("evidence_required".into(), "answers.A-3.4".into(), 2, 0),
            ("evidence_required".into(), "answers.B-1.1".into(), 2, 0)
        ]
    );
}

/// A CSV saved by Excel on Japanese Windows is Shift_JIS (CP932): found and read as its UTF-8 twin; read as
/// UTF-8 when the caller says so, the row that is not is an `encoding` problem at its line and column (the
/// field), with the help to save it as "CSV UTF-8", and the rows before it are kept.
#[test]
fn a_shift_jis_csv_is_read_and_one_forced_as_utf8_is_an_encoding_problem() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("offices.csv");
    let mut bytes = b"office_id,office_name,period,rater_kind,A-1.1\n1,abc,2025,self,1\n2,".to_vec();
    bytes.extend([0x83, 0x54, 0x83, 0x93, 0x83, 0x76, 0x83, 0x8b]); // サンプル in Shift_JIS
    bytes.extend(b",2025,self,1\n");
    std::fs::write(&path, bytes).expect("write");
    let p = path.to_str().expect("utf8");
    let found = fidelity(&["score", p, "--format", "csv"]);
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(stdout(&found).contains("\n2,サンプル,2025,self,"), "{}", stdout(&found));
    let o = fidelity(&[
        "score",
        p,
        "--format",
        "csv",
        "--scores-only",
        "--encoding",
        "utf-8",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("{p}:3:2: [encoding] line 3, column 2 is not UTF-8 text")),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 2, "the header and the row before the bad one");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&fidelity(&["validate", p, "--format", "json", "--encoding", "utf-8"]))).expect("json");
    assert_eq!(json["problems"][0]["code"], "encoding");
    assert!(
        json["problems"][0]["help"].as_str().is_some_and(|h| h.contains("CSV UTF-8")),
        "{json}"
    );
}

/// The example table saved as Excel saves it on Japanese Windows (CP932) scores byte for byte as the UTF-8
/// file; a byte-order mark in front of the UTF-8 file changes nothing; `--output-encoding utf-8-bom` puts one
/// in front of the scored CSV for Excel; a file in neither encoding is told so.
#[test]
fn the_example_table_in_cp932_scores_as_its_utf8_twin() {
    let dir = tempfile::tempdir().expect("tmp");
    let utf8 = std::fs::read_to_string(repo().join("examples/offices.csv")).expect("example");
    let (cp932, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&utf8);
    assert!(!unmappable);
    let sjis = dir.path().join("offices-cp932.csv");
    std::fs::write(&sjis, &cp932).expect("write");
    let bom = dir.path().join("offices-bom.csv");
    std::fs::write(&bom, format!("\u{feff}{utf8}")).expect("write");
    let scored = |path: &str, extra: &[&str]| {
        let mut args = vec!["score", path, "--format", "csv"];
        args.extend(extra);
        let o = fidelity(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    let expected = scored("examples/offices.csv", &[]);
    assert_eq!(scored(sjis.to_str().expect("utf8"), &[]), expected);
    assert_eq!(scored(sjis.to_str().expect("utf8"), &["--encoding", "cp932"]), expected);
    assert_eq!(scored(bom.to_str().expect("utf8"), &[]), expected);
    let with_bom = scored("examples/offices.csv", &["--output-encoding", "utf-8-bom"]);
    assert_eq!(with_bom[..3], [0xEF, 0xBB, 0xBF]);
    assert_eq!(with_bom[3..], expected[..]);
    // Written back in CP932 for Excel: the same text, and a round trip gives the same scores.
    let in_cp932 = dir.path().join("scored-cp932.csv");
    let out = in_cp932.to_str().expect("utf8");
    scored(sjis.to_str().expect("utf8"), &["--output-encoding", "cp932", "-o", out]);
    let written = std::fs::read(&in_cp932).expect("written");
    let (decoded, _, malformed) = encoding_rs::SHIFT_JIS.decode(&written);
    assert!(!malformed);
    assert_eq!(decoded.as_bytes(), &expected[..]);
    // A character CP932 lacks: refused, and no file is left behind.
    let emoji = dir.path().join("emoji.csv");
    std::fs::write(&emoji, utf8.replacen("見本データ", "見本データ😀", 1)).expect("write");
    let refused_file = dir.path().join("refused.csv");
    let o = fidelity(&[
        "score",
        emoji.to_str().expect("utf8"),
        "--format",
        "csv",
        "--output-encoding",
        "cp932",
        "-o",
        refused_file.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("U+1F600") && stderr(&o).contains("cannot be written in Shift_JIS"),
        "{}",
        stderr(&o)
    );
    assert!(!refused_file.exists());
    let neither = dir.path().join("neither.csv");
    std::fs::write(&neither, [0xFF, 0xFE, 0xFF, b'\n']).expect("write");
    let o = fidelity(&["validate", neither.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    // Told in the user's language: Japanese by default, English when asked.
    assert!(
        stderr(&o).contains("[encoding] ファイルは UTF-8 でも Shift_JIS（CP932）でもありません。「CSV UTF-8」で保存し直してください"),
        "{}",
        stderr(&o)
    );
    let o = fidelity(&["validate", neither.to_str().expect("utf8"), "--lang", "en"]);
    assert!(
        stderr(&o).contains("[encoding] the file is neither UTF-8 nor Shift_JIS (CP932) text"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_review_from_two_ratings_to_the_office_report() {
    let (r1, r2) = ("examples/review/2026-reviewer-1.yaml", "examples/review/2026-reviewer-2.yaml");
    let dir = tempfile::tempdir().expect("tmp");
    let draft = dir.path().join("draft.yaml");
    let d = draft.to_str().expect("utf8");
    let ws = fidelity(&["consensus", r1, r2, "--draft", d]);
    assert!(ws.status.success(), "{}", stderr(&ws));
    let table = stdout(&ws);
    assert!(table.contains("57 要素のうち 一致 52、不一致 5"), "{table}");
    // The largest disagreement first: B-3.1 moves B-3 from 5 to 3.
    let b3 = table.find("│ B-3  ┆ 5").expect("B-3 row");
    assert!(b3 < table.find("│ A-6  ┆ 5").expect("A-6 row"), "{table}");
    let en = stdout(&fidelity(&["consensus", r1, r2, "--lang", "en", "--format", "markdown"]));
    assert!(en.contains("of 57 elements, 52 agreed, 5 disagreed"), "{en}");
    // The draft leaves the five disagreements open: validating it names each, at its answer.
    let v = fidelity(&["validate", d]);
    assert_eq!(v.status.code(), Some(1));
    assert_eq!(
        stderr(&v).matches("[reason_required]").count() + stdout(&v).matches("[reason_required]").count(),
        5
    );
    assert!(format!("{}{}", stdout(&v), stderr(&v)).contains("draft.yaml:71:10: [reason_required] consensus.reasons.B-1.6"));
    // Never over a file: the draft exists now.
    let again = fidelity(&["consensus", r1, r2, "--draft", d]);
    assert_eq!(again.status.code(), Some(2));
    // The settled consensus's report, with the change since 2025, in every format.
    let html = dir.path().join("report.html");
    let h = html.to_str().expect("utf8");
    let settled = "examples/review/2026-consensus.yaml";
    let r = fidelity(&["report", settled, "--previous", "examples/sample-office-2025.yaml", "-o", h]);
    assert!(r.status.success(), "{}", stderr(&r));
    let page = std::fs::read_to_string(&html).expect("read");
    assert!(page.contains("<h2>改善計画</h2>") && page.contains("<h2>前回からの変化</h2>") && !page.contains("<script"));
    let md = stdout(&fidelity(&["report", settled, "--format", "markdown", "--lang", "en"]));
    assert!(md.contains("## Action plan") && md.contains("| A-5 | 2 | **A-5.1**"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&fidelity(&["report", settled, "--format", "json"]))).expect("json");
    assert_eq!(json["action_plan"].as_array().map(Vec::len), Some(15));
    assert_eq!(json["consensus"]["ratings"][1]["rater"]["name"], "佐藤 花子");
}

#[test]
fn a_redcap_instrument_and_its_raw_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let dict = dir.path().join("dictionary.csv");
    let d = dict.to_str().expect("utf8");
    assert!(fidelity(&["export", "redcap", "--lang", "en", "-o", d]).status.success());
    let text = std::fs::read_to_string(&dict).expect("read");
    assert!(text.starts_with("Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"));
    assert!(text.contains("\na_3_4_opt,seiho_shuro_1_1_0,,checkbox,"), "{text}");
    assert!(text.contains("\nb_1_6_capacity,seiho_shuro_1_1_0,,text,"), "{text}");
    // The export is read with the version its instrument names, its problems at its own cells.
    let scored = stdout(&fidelity(&["score", "tests/redcap/export.csv", "--format", "csv", "--scores-only"]));
    let rows: Vec<&str> = scored.lines().collect();
    assert!(
        rows[1].starts_with("99001,サンプル市福祉事務所,2026,self,seiho-shuro@1.1.0,,,,,,4,,,5,"),
        "{scored}"
    );
    assert!(
        rows[2].starts_with("99002,,2026,external,seiho-shuro@1.1.0,,,,,,2,,,2,"),
        "{scored}"
    );
    let bad = dir.path().join("bad-export.csv");
    std::fs::write(
        &bad,
        "record_id,period,rater_kind,a_6_1,seiho_shuro_1_1_0_complete\n1,2026,self,yes,2\n",
    )
    .expect("write");
    let v = fidelity(&["validate", bad.to_str().expect("utf8")]);
    assert_eq!(v.status.code(), Some(1));
    assert!(
        stderr(&v).contains("bad-export.csv:2:4: [wrong_type] answers.A-6.1"),
        "{}",
        stderr(&v)
    );
}

#[test]
fn an_excel_template_for_offices() {
    let dir = tempfile::tempdir().expect("tmp");
    let no_file = fidelity(&["template", "--format", "xlsx"]);
    assert_eq!(no_file.status.code(), Some(2));
    assert!(
        stderr(&no_file).contains("-o ファイル名.xlsx を付けてください"),
        "{}",
        stderr(&no_file)
    );
    let book = dir.path().join("office.xlsx");
    let b = book.to_str().expect("utf8");
    assert!(fidelity(&["template", "--format", "xlsx", "-o", b]).status.success());
    assert_eq!(std::fs::read(&book).expect("read")[..2], *b"PK", "a zip: an .xlsx");
    // Scored empty, it names the cells to fill in: the office's id, the period and the rater's kind.
    let v = fidelity(&["validate", b]);
    assert_eq!(v.status.code(), Some(1));
    let err = stderr(&v);
    for cell in [
        "事務所!C2: [missing_field] office",
        "事務所!C4: [missing_field] period",
        "事務所!C5: [missing_field] rater",
    ] {
        assert!(err.contains(&format!("{b}:{cell}")), "{err}");
    }
    // Not over an existing file.
    assert_eq!(
        fidelity(&["template", "--format", "xlsx", "--lang", "en", "-o", b]).status.code(),
        Some(2)
    );
    // A hostile workbook the fuzzer found (a shared-string index past the table, which calamine 0.31 panicked
    // on, in a workbook with a damaged part) is a problem, not a crash.
    let hostile = fidelity(&["validate", "tests/workbooks/shared-string-out-of-range.xlsx"]);
    assert_eq!(hostile.status.code(), Some(1));
    assert!(
        stderr(&hostile).contains("[syntax] ブックの部品 xl/worksheets/sheet3.xml が壊れています"),
        "{}",
        stderr(&hostile)
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    // `fidelity score big.csv | head -1`: once `head` has its line and closes the pipe, the command stops and
    // exits 0 without a "broken pipe" error, as cat and grep do.
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("fidelity-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let example = std::fs::read_to_string(repo().join("examples/offices.csv")).unwrap();
    let (header, rows) = example.split_once('\n').unwrap();
    let big = dir.join("many.csv");
    std::fs::write(&big, format!("{header}\n{}", rows.repeat(2_000))).unwrap(); // 16,000 offices, > 1 MB out
    let big = big.to_string_lossy().into_owned();
    for args in [
        vec!["score", &big, "--format", "csv"],
        vec!["score", &big],
        vec!["validate", &big, "--format", "json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fidelity"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap(); // then the pipe closes
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty(), "{args:?}");
        assert!(out.status.success(), "{args:?}: {:?}\n{}", out.status, stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
