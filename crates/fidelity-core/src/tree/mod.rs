//! A positioned document tree for user inputs (assessments and bank files, in YAML or JSON). Every node keeps its line and
//! column so that each problem found later can point at the exact place. Built from saphyr-parser's events
//! with an explicit stack (no recursion, so nesting cannot overflow the stack), it refuses what assessments
//! never need and hostile inputs abuse: anchors and aliases, tags, several documents, complex keys, duplicate keys.

use crate::error::{quoted, ErrorCode, Pos, Problem, Said};
use crate::said;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

mod json;
pub mod number;

pub use json::from_json;

/// Inputs larger than this are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Deeper nesting than this is refused (assessments need 3 levels).
pub const MAX_DEPTH: usize = 64;
/// Longest accepted scalar (a name, an answer, a key), in bytes.
pub const MAX_SCALAR_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar's text; `quoted` scalars are always strings, plain ones are typed by the YAML 1.2 core schema.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Entries in document order; keys are scalars and unique.
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// A scalar node; `quoted` scalars are always strings.
    pub fn scalar(text: impl Into<String>, quoted: bool, pos: Pos) -> Node {
        Node {
            value: Value::Scalar { text: text.into(), quoted },
            pos,
        }
    }

    fn plain(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, quoted: false } => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.plain(), Some("" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.plain()? {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    /// Scalar text, whether quoted or not (office ids and periods may be written as numbers).
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } if !self.is_null() => Some(text),
            _ => None,
        }
    }

    /// A quoted string, or a plain scalar that is not null, a boolean or a number.
    pub fn as_string(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, quoted: true } => Some(text),
            Value::Scalar { text, quoted: false } if !self.is_null() && self.as_bool().is_none() && self.as_number().is_none() => {
                Some(text)
            }
            _ => None,
        }
    }

    /// A plain scalar that is a YAML/JSON number, as its text.
    pub fn as_number(&self) -> Option<&str> {
        let t = self.plain()?;
        number::whole(t).map(|_| t)
    }

    /// A plain scalar's worth as a count (`number::whole`), or None when it is not a number.
    pub fn as_whole(&self) -> Option<number::Whole> {
        number::whole(self.plain()?)
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The value of `key` when this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Node> {
        self.as_map()?.iter().find(|(k, _)| k.as_text() == Some(key)).map(|(_, v)| v)
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// A short description of what this node is, for "expected X, found Y" messages.
    pub fn describe(&self) -> Said {
        let (ja, en) = match &self.value {
            Value::Seq(_) => ("リスト", "a list"),
            Value::Map(_) => ("マッピング", "a mapping"),
            Value::Scalar { quoted: true, .. } => ("文字列", "a string"),
            Value::Scalar { .. } if self.is_null() => ("null（空）", "null"),
            Value::Scalar { .. } if self.as_bool().is_some() => ("真偽値", "a boolean"),
            Value::Scalar { .. } if self.as_number().is_some() => ("数値", "a number"),
            Value::Scalar { .. } => ("文字列", "a string"),
        };
        Said::new(ja, en)
    }

    /// The node's text in backquotes where it is text, else what it is: the "found" of a message.
    pub fn found(&self) -> Said {
        match self.as_text() {
            Some(t) => Said::new(quoted(t), quoted(t)),
            None => self.describe(),
        }
    }
}

/// `path.key`, or `key` at the top.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// How a reader reports the shape problems of a mapping: its codes, and whether a null value counts as absent.
pub(crate) struct Shape {
    pub wrong_type: ErrorCode,
    pub unknown_key: ErrorCode,
    pub missing_field: ErrorCode,
    pub null_is_absent: bool,
}

/// The entries of a mapping whose keys are allowed, in document order.
pub(crate) struct Fields<'n>(Vec<(&'n str, &'n Node)>);

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    /// The value of `key` unless it is absent or null.
    pub fn value(&self, key: &str) -> Option<&'n Node> {
        self.get(key).filter(|v| !v.is_null())
    }
}

/// Reads a mapping's entries, pushing a problem if the node is not a mapping, for every key not in `allowed`
/// and for every `required` key that is absent: what every reader of a typed mapping checks first.
pub(crate) fn fields<'n>(
    node: &'n Node,
    path: &str,
    allowed: &[&str],
    required: &[&str],
    shape: &Shape,
    problems: &mut Vec<Problem>,
) -> Option<Fields<'n>> {
    let Some(entries) = node.as_map() else {
        let found = node.describe();
        let message = Said::new(
            format!("マッピング（キー: 値）が必要ですが、{}です", found.ja),
            format!("expected a mapping, found {}", found.en),
        );
        problems.push(Problem::new(shape.wrong_type, path, message).at(Some(node.pos)));
        return None;
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        let key = k.as_text().unwrap_or_default();
        if allowed.contains(&key) {
            out.push((key, v));
        } else {
            let allowed = allowed.join(", ");
            let message = said!(
                "未知のキー `{key}` です。使えるキー: {allowed}",
                "unknown key `{key}`; expected one of: {allowed}"
            );
            problems.push(Problem::new(shape.unknown_key, join(path, key), message).at(Some(k.pos)));
        }
    }
    let fields = Fields(out);
    for key in required {
        let present = if shape.null_is_absent { fields.value(key) } else { fields.get(key) };
        if present.is_none() {
            problems.push(
                Problem::new(
                    shape.missing_field,
                    join(path, key),
                    said!("`{key}` が必要です", "`{key}` is required"),
                )
                .at(Some(node.pos)),
            );
        }
    }
    Some(fields)
}

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line() as u32,
        column: span.start.col() as u32 + 1,
    }
}

enum Frame {
    Seq(Pos, Vec<Node>),
    /// Entries, the key waiting for its value, and the keys seen so far with their lines.
    Map(Pos, Vec<(Node, Node)>, Option<Node>, HashMap<String, u32>),
}

/// The dotted path of the node being built, from the open mappings' pending keys and sequences' lengths.
fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Seq(_, items) => path += &format!("[{}]", items.len()),
            Frame::Map(_, _, Some(key), _) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path += key.as_text().unwrap_or_default();
            }
            Frame::Map(..) => {}
        }
    }
    path
}

/// The problem of a value nested deeper than [`MAX_DEPTH`], at `path`: one wording for every reader (YAML,
/// JSON, a binding's values).
pub(crate) fn too_deep(path: impl Into<String>) -> Problem {
    Problem::new(
        ErrorCode::LimitExceeded,
        path,
        said!(
            "{MAX_DEPTH} 段より深い入れ子は受け付けません",
            "nesting deeper than {MAX_DEPTH} levels is not accepted"
        ),
    )
}

/// Parses YAML (JSON is accepted as YAML) into a positioned tree.
pub fn parse(text: &str) -> Result<Node, Problem> {
    if text.len() > MAX_INPUT_BYTES {
        let size = text.len();
        return Err(Problem::new(
            ErrorCode::LimitExceeded,
            "",
            said!(
                "入力が {size} バイトあります。受け付けるのは {MAX_INPUT_BYTES} バイトまでです",
                "the input is {size} bytes; at most {MAX_INPUT_BYTES} bytes are accepted"
            ),
        ));
    }
    let unsupported = |(ja, en): (&str, &str), at: Pos, stack: &[Frame]| {
        Problem::new(
            ErrorCode::UnsupportedYaml,
            path_of(stack),
            said!("{ja}はこの形式では使えません", "{en} are not accepted in this format"),
        )
        .at(Some(at))
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            let info = e.info();
            // The parser's own guard against deep flow nesting (`[[[[…`), which it meets before the events
            // that `MAX_DEPTH` counts: the same limit, told as one.
            let problem = if info.contains("recursion limit") {
                too_deep("")
            } else {
                let message = said!("YAML・JSON として正しくありません: {info}", "not well-formed YAML or JSON: {info}");
                Problem::new(ErrorCode::Syntax, "", message)
            };
            problem.at(Some(Pos {
                line: m.line() as u32,
                column: m.col() as u32 + 1,
            }))
        })?;
        let at = pos(&span);
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
            Event::DocumentStart(_) => {
                if root.is_some() {
                    return Err(unsupported(
                        ("一つの入力に複数の文書", "several documents in one input"),
                        at,
                        &stack,
                    ));
                }
                continue;
            }
            Event::Alias(_) => return Err(unsupported(("エイリアス（*name）", "aliases (*name)"), at, &stack)),
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) if anchor != 0 => {
                return Err(unsupported(("アンカー（&name）", "anchors (&name)"), at, &stack))
            }
            Event::Scalar(_, _, _, Some(_)) | Event::SequenceStart(_, Some(_)) | Event::MappingStart(_, Some(_)) => {
                return Err(unsupported(("タグ（!tag）", "tags (!tag)"), at, &stack))
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(path_of(&stack)).at(Some(at)));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(at, Vec::new())
                } else {
                    Frame::Map(at, Vec::new(), None, HashMap::new())
                });
                continue;
            }
            Event::Scalar(text, _, _, _) if text.len() > MAX_SCALAR_BYTES => {
                let size = text.len();
                return Err(Problem::new(
                    ErrorCode::LimitExceeded,
                    path_of(&stack),
                    said!(
                        "{size} バイトの値があります。受け付けるのは {MAX_SCALAR_BYTES} バイトまでです",
                        "a value of {size} bytes; at most {MAX_SCALAR_BYTES} bytes are accepted"
                    ),
                )
                .at(Some(at)));
            }
            Event::Scalar(text, style, _, _) => Node::scalar(text.into_owned(), style != ScalarStyle::Plain, at),
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(p, items)) => Node {
                    value: Value::Seq(items),
                    pos: p,
                },
                Some(Frame::Map(p, entries, _, _)) => Node {
                    value: Value::Map(entries),
                    pos: p,
                },
                None => continue,
            },
        };
        // Errors about keys are checked before the mutable borrow below, so the path can be computed.
        if let Some(Frame::Map(_, _, pending, seen)) = stack.last() {
            let map_path = || path_of(&stack[..stack.len() - 1]);
            match pending {
                None if !matches!(node.value, Value::Scalar { .. }) => {
                    return Err(Problem::new(
                        ErrorCode::UnsupportedYaml,
                        map_path(),
                        Said::new(
                            "リストやマッピングをキーにすることはこの形式ではできません",
                            "keys that are lists or mappings are not accepted in this format",
                        ),
                    )
                    .at(Some(node.pos)));
                }
                Some(key) => {
                    let name = key.as_text().unwrap_or_default();
                    if let Some(first_line) = seen.get(name) {
                        return Err(Problem::new(
                            ErrorCode::DuplicateKey,
                            join(&map_path(), name),
                            said!(
                                "キー `{name}` が二度あります（最初は {first_line} 行目）",
                                "the key `{name}` appears twice (first on line {first_line})"
                            ),
                        )
                        .at(Some(key.pos)));
                    }
                }
                None => {}
            }
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending, seen)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    seen.insert(key.as_text().unwrap_or_default().to_string(), key.pos.line);
                    entries.push((key, node));
                }
            },
        }
    }
    root.ok_or_else(|| {
        Problem::new(
            ErrorCode::Syntax,
            "",
            Said::new(
                "入力が空です。マッピング（キー: 値）が必要です",
                "the input is empty; expected a mapping",
            ),
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let n = parse("a:\n  b: [1, x]\n").unwrap();
        let (_, b) = &n.as_map().unwrap()[0];
        let (k, list) = &b.as_map().unwrap()[0];
        assert_eq!(k.pos, Pos { line: 2, column: 3 });
        assert_eq!(list.as_seq().unwrap()[1].pos, Pos { line: 2, column: 10 });
    }

    #[test]
    fn types_plain_scalars_and_keeps_quoted_strings() {
        let n = parse("{\"a\": true, \"b\": \"true\", \"c\": 2, \"d\": \"2\", \"e\": null, \"f\": -1.5e3}").unwrap();
        let v: Vec<&Node> = n.as_map().unwrap().iter().map(|(_, v)| v).collect();
        assert_eq!(v[0].as_bool(), Some(true));
        assert_eq!(v[1].as_bool(), None);
        assert_eq!(v[2].as_number(), Some("2"));
        assert_eq!(v[3].as_number(), None);
        assert!(v[4].is_null());
        assert_eq!(v[5].as_number(), Some("-1.5e3"));
    }

    #[test]
    fn refuses_aliases_duplicates_and_documents() {
        for (text, code) in [
            ("a: &x 1\nb: *x\n", ErrorCode::UnsupportedYaml),
            ("a: 1\na: 2\n", ErrorCode::DuplicateKey),
            ("a: 1\n---\nb: 2\n", ErrorCode::UnsupportedYaml),
            ("a: !!str 1\n", ErrorCode::UnsupportedYaml),
            ("a: [1\n", ErrorCode::Syntax),
            ("", ErrorCode::Syntax),
        ] {
            assert_eq!(parse(text).unwrap_err().code, code, "{text:?}");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(&deep).unwrap_err().code, ErrorCode::LimitExceeded);
    }
}
