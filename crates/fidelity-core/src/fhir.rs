//! FHIR R4, for form engines and health-and-welfare IT: a bank version as a `Questionnaire`, and a
//! `QuestionnaireResponse` to it read as an assessment. The Questionnaire has a group for the office and rater
//! and one per item; each element is a choice (`met`, `not_met`, and `na` where allowed), its △ options a
//! repeating choice `A-3.4:options`, each figure an integer `B-1.6:capacity`: the wide layout's columns, so a
//! response is laid out as a wide row and read by the wide reader, its problems at the answer's line and
//! column in the response's JSON.

use crate::assessment::wide::{Cell, Fixed, WideLayout, FIXED_COLUMNS, RATING_COLUMNS};
use crate::assessment::{Assessment, RaterKind};
use crate::bank::{Bank, Evidence};
use crate::error::Said;
use crate::error::{Error, ErrorCode, ErrorKind, Pos, Problem, Result};
use crate::said;
use crate::text::Text;
use crate::tree::{self, Node};
use crate::words::Word;
use serde_json::{json, Value};

/// The canonical URL of a bank's Questionnaire (a URN: the project publishes no web address).
pub fn canonical(bank: &Bank) -> String {
    format!("urn:fidelity:questionnaire:{}", bank.id())
}

const ANSWERS: &str = "urn:fidelity:answer";
const RATER_KINDS: &str = "urn:fidelity:rater-kind";
const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";

/// `text` in Japanese with its English in FHIR's translation extension (`_text`).
fn texts(key: &str, t: &Text) -> serde_json::Map<String, Value> {
    let mut out = serde_json::Map::new();
    out.insert(key.into(), Value::String(t.ja.clone()));
    if let Some(en) = &t.en {
        out.insert(
            format!("_{key}"),
            json!({"extension": [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": en}]}]}),
        );
    }
    out
}

fn ja_en(ja: &str, en: &str) -> Text {
    Text {
        ja: ja.into(),
        en: Some(en.into()),
    }
}

fn question(link: &str, kind: &str, text: &Text) -> Value {
    let mut q = texts("text", text);
    q.insert("linkId".into(), Value::String(link.into()));
    q.insert("type".into(), Value::String(kind.into()));
    Value::Object(q)
}

fn coding(system: &str, code: &str, display: &Text) -> Value {
    let mut c = texts("display", display);
    c.insert("system".into(), Value::String(system.into()));
    c.insert("code".into(), Value::String(code.into()));
    json!({"valueCoding": Value::Object(c)})
}

/// The Questionnaire of a bank version (FHIR R4 JSON).
pub fn questionnaire(bank: &Bank) -> Value {
    let def = bank.def();
    let mut office = question("office", "group", &ja_en("事務所と評価者", "Office and rater"));
    let identity: Vec<Value> = FIXED_COLUMNS
        .into_iter()
        .chain(RATING_COLUMNS)
        .map(|link| {
            let kind = match link {
                "rater_kind" => "choice",
                "rater_date" => "date",
                _ => "string",
            };
            let label = Word::of_identity(link).map(Word::text).unwrap_or_else(|| ja_en(link, link));
            let mut q = question(link, kind, &label);
            q["required"] = json!(Fixed::ALL.iter().any(|f| f.name() == link && f.required()));
            if link == "rater_kind" {
                let kinds = [RaterKind::SelfAssessment, RaterKind::External];
                q["answerOption"] = Value::Array(
                    kinds
                        .iter()
                        .map(|k| coding(RATER_KINDS, k.as_str(), &Word::from(*k).text()))
                        .collect(),
                );
            }
            q
        })
        .collect();
    office["item"] = Value::Array(identity);
    let mut items = vec![question("notice", "display", &def.scoring.notice), office];
    for (_, item) in bank.items() {
        let mut group = question(&item.id, "group", &item.title);
        let mut questions = Vec::new();
        for e in &item.elements {
            let mut q = question(&e.id, "choice", &e.text);
            let mut options = vec![
                coding(ANSWERS, "met", &Word::Met.text()),
                coding(ANSWERS, "not_met", &Word::NotMet.text()),
            ];
            if e.na_allowed {
                options.push(coding(ANSWERS, "na", &Word::NotApplicable.text()));
            }
            q["answerOption"] = Value::Array(options);
            questions.push(q);
            match e.criterion.evidence() {
                Evidence::None => {}
                Evidence::Flags(list) => {
                    let mut q = question(&format!("{}:options", e.id), "choice", &Word::EvidenceOptions.text());
                    q["repeats"] = json!(true);
                    let system = format!("urn:fidelity:options:{}", e.id);
                    q["answerOption"] = Value::Array(list.iter().map(|o| coding(&system, &o.key, &o.label)).collect());
                    questions.push(q);
                }
                Evidence::Counts(inputs) => {
                    for input in inputs {
                        let mut q = question(&format!("{}:{}", e.id, input.key), "integer", &input.label);
                        q["extension"] = json!([{"url": MIN_VALUE, "valueInteger": input.min}]);
                        questions.push(q);
                    }
                }
            }
        }
        group["item"] = Value::Array(questions);
        items.push(group);
    }
    let mut q = texts("title", &def.title);
    q.insert("resourceType".into(), json!("Questionnaire"));
    q.insert("url".into(), json!(canonical(bank)));
    q.insert("version".into(), json!(bank.version()));
    q.insert("name".into(), json!(bank.id().replace('-', "_")));
    q.insert("status".into(), json!("active"));
    q.insert("language".into(), json!("ja"));
    q.insert("item".into(), Value::Array(items));
    Value::Object(q)
}

/// Whether a tree is a FHIR QuestionnaireResponse (rather than an assessment or a score report).
pub(crate) fn is_response(root: &Node) -> bool {
    root.entry("resourceType").and_then(Node::as_text) == Some("QuestionnaireResponse")
}

/// The bank reference (`id@version`) a QuestionnaireResponse's `questionnaire` names (`url|version`), if it is
/// a response to one of ours.
pub(crate) fn named_bank(root: &Node) -> Option<String> {
    let reference = root.entry("questionnaire")?.as_text()?;
    let (url, version) = reference.split_once('|')?;
    let id = url.strip_prefix("urn:fidelity:questionnaire:")?;
    Some(format!("{id}@{version}"))
}

fn fail(code: ErrorCode, path: &str, node: Option<&Node>, message: Said) -> Error {
    Error::one(ErrorKind::Assessment, Problem::new(code, path, message).at(node.map(|n| n.pos)))
}

/// A QuestionnaireResponse (FHIR R4 JSON) to `bank`'s Questionnaire read as an assessment. A response to
/// another Questionnaire or version is refused by name (`bank_mismatch`); every answer is checked as a wide
/// row's cell is, its problems at the answer's position.
pub fn response_assessment(bank: &Bank, text: &str) -> Result<Assessment> {
    let root = tree::parse(text).map_err(|p| Error::one(ErrorKind::Assessment, p))?;
    assessment_of(bank, &root)
}

/// As [`response_assessment`], from the response's tree: what `Document::assessment` reads a response with, so
/// every interface scores one as it scores an assessment.
pub(crate) fn assessment_of(bank: &Bank, root: &Node) -> Result<Assessment> {
    if !is_response(root) {
        return Err(fail(
            ErrorCode::WrongType,
            "resourceType",
            root.entry("resourceType"),
            Said::new("FHIR の QuestionnaireResponse が必要です", "expected a FHIR QuestionnaireResponse"),
        ));
    }
    let want = format!("{}|{}", canonical(bank), bank.version());
    let named = root.entry("questionnaire").and_then(Node::as_text);
    if named != Some(want.as_str()) {
        let message = Said::new(
            format!(
                "これは `{want}` ではなく `{}` への回答です。その Questionnaire を作った版の項目バンクで採点してください",
                named.unwrap_or("（questionnaire の指定なし）")
            ),
            format!(
                "this is a response to `{}`, not to `{want}`: score it with the bank version its Questionnaire was written for",
                named.unwrap_or("(no questionnaire)")
            ),
        );
        return Err(fail(
            ErrorCode::BankMismatch,
            "questionnaire",
            root.entry("questionnaire").or(Some(root)),
            message,
        ));
    }
    // (wide column, cell text, where the answer is)
    let mut columns: Vec<(String, String, Pos)> = Vec::new();
    let mut problems = Vec::new();
    collect(bank, root, "", &mut columns, &mut problems);
    if !problems.is_empty() {
        return Err(Error::new(ErrorKind::Assessment, problems));
    }
    let header: Vec<&str> = columns.iter().map(|(c, _, _)| c.as_str()).collect();
    let layout = WideLayout::new(bank, header.iter().copied())?;
    let cells: Vec<Cell<'_>> = columns.iter().map(|(_, v, _)| Cell::Text(v)).collect();
    let at = root.pos;
    layout.read(u64::from(at.line.max(1)), &cells).assessment.map_err(|mut problems| {
        // Each problem at its answer: the cell's column is the answer's place in `columns`.
        for p in &mut problems {
            let pos = p
                .column
                .and_then(|c| columns.get(c as usize - 1))
                .map(|(_, _, pos)| *pos)
                .unwrap_or(at);
            p.line = Some(pos.line);
            p.column = Some(pos.column);
        }
        Error::new(ErrorKind::Assessment, problems)
    })
}

fn value<'n>(answer: &'n Node, kind: &str) -> Option<&'n Node> {
    answer.entry(kind)
}

/// The answers of `node`'s items, recursively, as wide columns.
fn collect(bank: &Bank, node: &Node, path: &str, out: &mut Vec<(String, String, Pos)>, problems: &mut Vec<Problem>) {
    let Some(items) = node.entry("item").and_then(Node::as_seq) else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let here = format!("{path}item[{i}]");
        collect(bank, item, &format!("{here}."), out, problems);
        let Some(link) = item.entry("linkId").and_then(Node::as_text) else {
            continue;
        };
        let answers: Vec<&Node> = item
            .entry("answer")
            .and_then(Node::as_seq)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let code = |a: &Node| {
            value(a, "valueCoding")
                .and_then(|c| c.entry("code"))
                .and_then(Node::as_text)
                .map(str::to_string)
        };
        let wrong = |a: &Node, (ja, en): (&str, &str), problems: &mut Vec<Problem>| {
            problems.push(
                Problem::new(
                    ErrorCode::WrongType,
                    format!("{here}.answer"),
                    said!("{link}: {ja}が必要です", "{link}: expected {en}"),
                )
                .at(Some(a.pos)),
            );
        };
        let is_identity = FIXED_COLUMNS.contains(&link) || RATING_COLUMNS.contains(&link);
        if is_identity {
            if let Some(a) = answers.first() {
                let text = value(a, "valueString")
                    .or_else(|| value(a, "valueDate"))
                    .and_then(Node::as_text)
                    .map(str::to_string)
                    .or_else(|| code(a));
                match text {
                    Some(t) => out.push((link.to_string(), t, a.pos)),
                    None => wrong(a, ("文字列", "a string"), problems),
                }
            }
        } else if let Some(element) = link.strip_suffix(":options").filter(|e| bank.element(e).is_some()) {
            // Every option of a list answered at all: the chosen ones 1, the others 0.
            if answers.is_empty() {
                continue;
            }
            let chosen: Vec<String> = answers.iter().filter_map(|a| code(a)).collect();
            if chosen.len() != answers.len() {
                wrong(
                    answers[0],
                    ("選択肢のコード（valueCoding）", "option codes (valueCoding)"),
                    problems,
                );
                continue;
            }
            let e = bank.element(element).map(|e| e.element.criterion.evidence());
            if let Some(Evidence::Flags(options)) = e {
                for c in chosen.iter().filter(|c| !options.iter().any(|o| &o.key == *c)) {
                    let message = said!("`{c}` は {element} の選択肢ではありません", "`{c}` is not an option of {element}");
                    problems.push(Problem::new(ErrorCode::UnknownOption, format!("{here}.answer"), message).at(Some(answers[0].pos)));
                }
                for o in options {
                    let v = if chosen.contains(&o.key) { "1" } else { "0" };
                    out.push((format!("{element}:{}", o.key), v.into(), answers[0].pos));
                }
            }
        } else if bank.element(link).is_some() {
            if let Some(a) = answers.first() {
                match code(a).as_deref() {
                    Some("met") => out.push((link.into(), "1".into(), a.pos)),
                    Some("not_met") => out.push((link.into(), "0".into(), a.pos)),
                    Some("na") => out.push((link.into(), "na".into(), a.pos)),
                    Some(other) => out.push((link.into(), other.into(), a.pos)),
                    None => wrong(
                        a,
                        ("met・not_met・na のいずれか（valueCoding）", "met, not_met or na (valueCoding)"),
                        problems,
                    ),
                }
            }
        } else if link.split_once(':').is_some_and(|(e, _)| bank.element(e).is_some()) {
            if let Some(a) = answers.first() {
                match value(a, "valueInteger").and_then(Node::as_number) {
                    Some(n) => out.push((link.into(), n.into(), a.pos)),
                    None => wrong(a, ("整数（valueInteger）", "a whole number (valueInteger)"), problems),
                }
            }
        } else if !answers.is_empty() {
            let bank = bank.reference();
            let message = said!("`{link}` は {bank} の質問ではありません", "`{link}` is not a question of {bank}");
            problems
                .push(Problem::new(ErrorCode::UnknownElement, format!("{here}.linkId"), message).at(item.entry("linkId").map(|n| n.pos)));
        }
    }
}
