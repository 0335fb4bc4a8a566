//! A tree from JSON that a binding wrote from its caller's values (WASM: `JSON.stringify` of an object), read
//! straight into nodes by serde_json: one pass, no YAML parser, no intermediate `serde_json::Value`. The text
//! is the binding's, not the user's, so nodes carry no positions (line 0), and problems are told by path.

use super::{Node, Value, MAX_DEPTH};
use crate::error::{ErrorCode, Pos, Problem};
use crate::said;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

const NOWHERE: Pos = Pos::NOWHERE;

/// The tree of a JSON text. Strings are quoted scalars; numbers, booleans and null plain ones, typed as the
/// YAML reader types them. Nesting deeper than `MAX_DEPTH` is refused, as for text.
pub fn from_json(text: &str) -> Result<Node, Problem> {
    let too_deep = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    Seed {
        depth: 0,
        too_deep: &too_deep,
    }
    .deserialize(&mut de)
    .and_then(|node| de.end().map(|()| node))
    .map_err(|e| {
        if too_deep.get() {
            super::too_deep("")
        } else {
            Problem::new(
                ErrorCode::Syntax,
                "",
                said!("JSON として正しくありません: {e}", "not well-formed JSON: {e}"),
            )
        }
    })
}

#[derive(Clone, Copy)]
struct Seed<'f> {
    depth: usize,
    /// Set when the nesting limit stopped the reading, so the error gets its own code.
    too_deep: &'f Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn scalar(text: impl Into<String>, quoted: bool) -> Node {
    Node::scalar(text, quoted, NOWHERE)
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(scalar(if v { "true" } else { "false" }, false))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(scalar(v.to_string(), false))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(scalar(v.to_string(), false))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        // Rust writes a whole float without a fraction (`2`), as JavaScript does.
        Ok(scalar(v.to_string(), false))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(scalar(v, true))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(scalar(v, true))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(scalar("null", false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let inner = self.deeper()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Node {
            value: Value::Seq(items),
            pos: NOWHERE,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let inner = self.deeper()?;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            entries.push((scalar(key, true), value));
        }
        Ok(Node {
            value: Value::Map(entries),
            pos: NOWHERE,
        })
    }
}

impl Seed<'_> {
    fn deeper<E: serde::de::Error>(self) -> Result<Self, E> {
        if self.depth >= MAX_DEPTH {
            self.too_deep.set(true);
            return Err(E::custom("too deep"));
        }
        Ok(Seed {
            depth: self.depth + 1,
            ..self
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn json_values_read_as_the_yaml_reader_types_them() {
        let node = from_json(r#"{"a": "1", "b": 1, "c": 2.5, "d": true, "e": null, "f": [1, "x"]}"#).unwrap();
        let map = node.as_map().unwrap();
        let get = |k: &str| &map.iter().find(|(key, _)| key.as_text() == Some(k)).unwrap().1;
        assert_eq!(get("a").as_string(), Some("1")); // a quoted string stays a string
        assert_eq!(get("b").as_number(), Some("1"));
        assert_eq!(get("c").as_number(), Some("2.5"));
        assert_eq!(get("d").as_bool(), Some(true));
        assert!(get("e").is_null());
        assert_eq!(get("f").as_seq().unwrap().len(), 2);
        // Keys keep their order.
        let keys: Vec<_> = map.iter().map(|(k, _)| k.as_text().unwrap()).collect();
        assert_eq!(keys, ["a", "b", "c", "d", "e", "f"]);
    }

    #[test]
    fn nesting_and_syntax_are_refused_with_their_codes() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(from_json(&deep).unwrap_err().code, ErrorCode::LimitExceeded);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(from_json(&ok).is_ok());
        assert_eq!(from_json("{\"a\": ").unwrap_err().code, ErrorCode::Syntax);
        assert_eq!(from_json("{} x").unwrap_err().code, ErrorCode::Syntax);
    }
}
