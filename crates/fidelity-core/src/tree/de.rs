//! serde deserialization straight from the positioned tree, so typed inputs (banks) are read by the same YAML
//! reader as assessments and a problem points at its path, line and column. Plain scalars are typed by the
//! YAML 1.2 core schema; a string is accepted from any non-null scalar (`version: 1.0` reads as "1.0").

use super::{Node, Value};
use crate::error::Pos;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

/// A deserialization problem: what was wrong, where (dotted path) and at which node.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub message: String,
    pub path: String,
    pub pos: Option<Pos>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            path: String::new(),
            pos: None,
        }
    }
}

/// Deserializes a `T` from a tree.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe { node, path: String::new() })
}

struct NodeDe<'de> {
    node: &'de Node,
    path: String,
}

/// A node's place, kept to give an error that has none (the innermost place wins).
struct At(String, Pos);

impl At {
    fn give(self, e: DeError) -> DeError {
        match e.pos {
            Some(_) => e,
            None => DeError {
                path: self.0,
                pos: Some(self.1),
                ..e
            },
        }
    }
}

impl<'de> NodeDe<'de> {
    fn at(&self) -> At {
        At(self.path.clone(), self.node.pos)
    }

    fn here(&self, e: DeError) -> DeError {
        self.at().give(e)
    }

    fn child(&self, node: &'de Node, step: &str) -> NodeDe<'de> {
        let path = if step.starts_with('[') || self.path.is_empty() {
            format!("{}{step}", self.path)
        } else {
            format!("{}.{step}", self.path)
        };
        NodeDe { node, path }
    }

    fn text(&self) -> Option<&'de str> {
        match &self.node.value {
            Value::Scalar { text, .. } if !self.node.is_null() => Some(text),
            _ => None,
        }
    }
}

macro_rules! forward_to_any {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.deserialize_any(visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.node;
        let result = match &node.value {
            Value::Seq(items) => visitor.visit_seq(Seq {
                parent: &self,
                items: items.iter(),
                index: 0,
            }),
            Value::Map(entries) => visitor.visit_map(Map {
                parent: &self,
                entries: entries.iter(),
                value: None,
            }),
            Value::Scalar { text, quoted: true } => visitor.visit_borrowed_str(text),
            Value::Scalar { text, .. } => {
                if node.is_null() {
                    visitor.visit_unit()
                } else if let Some(b) = node.as_bool() {
                    visitor.visit_bool(b)
                } else if let Some(n) = node.as_number() {
                    if let Ok(u) = n.parse::<u64>() {
                        visitor.visit_u64(u)
                    } else if let Ok(i) = n.parse::<i64>() {
                        visitor.visit_i64(i)
                    } else if let Ok(f) = n.parse::<f64>() {
                        visitor.visit_f64(f)
                    } else {
                        visitor.visit_borrowed_str(text)
                    }
                } else {
                    visitor.visit_borrowed_str(text)
                }
            }
        };
        result.map_err(|e| self.here(e))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.text() {
            Some(text) => visitor.visit_borrowed_str(text).map_err(|e| self.here(e)),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            visitor.visit_none().map_err(|e| self.here(e))
        } else {
            let at = self.at();
            visitor.visit_some(self).map_err(|e| at.give(e))
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], visitor: V) -> Result<V::Value, DeError> {
        let result = match (&self.node.value, self.text()) {
            // A unit variant written as its name.
            (Value::Scalar { .. }, Some(text)) => visitor.visit_enum(text.into_deserializer()),
            // A variant with data written as a one-key mapping.
            (Value::Map(entries), _) if entries.len() == 1 => visitor.visit_enum(Enum {
                parent: &self,
                key: &entries[0].0,
                value: &entries[0].1,
            }),
            _ => Err(de::Error::custom("expected a variant name, or a mapping with one key")),
        };
        result.map_err(|e| self.here(e))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    forward_to_any! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map deserialize_identifier
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }
}

struct Seq<'p, 'de> {
    parent: &'p NodeDe<'de>,
    items: std::slice::Iter<'de, Node>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else { return Ok(None) };
        let child = self.parent.child(node, &format!("[{}]", self.index));
        self.index += 1;
        let at = child.at();
        seed.deserialize(child).map(Some).map_err(|e| at.give(e))
    }
}

struct Map<'p, 'de> {
    parent: &'p NodeDe<'de>,
    entries: std::slice::Iter<'de, (Node, Node)>,
    value: Option<(&'de Node, &'de Node)>,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some((key, value));
        // An unknown key is reported at the key, with the key in the path.
        let at_key = self.parent.child(key, key.as_text().unwrap_or_default());
        let at = at_key.at();
        seed.deserialize(at_key).map(Some).map_err(|e| at.give(e))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        // Types that buffer their input (internally tagged enums) fail after the node's own deserialize
        // returned, so the value's place is given here too.
        let child = self.parent.child(value, key.as_text().unwrap_or_default());
        let at = child.at();
        seed.deserialize(child).map_err(|e| at.give(e))
    }
}

struct Enum<'p, 'de> {
    parent: &'p NodeDe<'de>,
    key: &'de Node,
    value: &'de Node,
}

impl<'p, 'de> de::EnumAccess<'de> for Enum<'p, 'de> {
    type Error = DeError;
    type Variant = NodeDe<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, NodeDe<'de>), DeError> {
        let name = self.key.as_text().unwrap_or_default();
        let variant = seed.deserialize(name.into_deserializer())?;
        Ok((variant, self.parent.child(self.value, name)))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
