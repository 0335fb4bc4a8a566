//! Exact non-negative rationals for thresholds: "7 of 10 meets 0.7" must hold, which floating point cannot
//! promise (0.7 * 10 = 7.000000000000001 in f64). Thresholds are written as decimal strings ("0.75") or
//! fractions ("3/4") in the bank and compared by cross-multiplication.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

/// A non-negative rational number `num / den`, kept in lowest terms, with den > 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fraction {
    num: u64,
    den: u64,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl Fraction {
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };

    /// `num / den`; `None` when den is 0.
    pub fn new(num: u64, den: u64) -> Option<Fraction> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        Some(Fraction {
            num: num / g,
            den: den / g,
        })
    }

    pub fn integer(n: u64) -> Fraction {
        Fraction { num: n, den: 1 }
    }

    pub fn num(self) -> u64 {
        self.num
    }

    pub fn den(self) -> u64 {
        self.den
    }

    /// Parses "2", "0.75" or "3/4" exactly. At most 9 decimal places, so every product stays in u128.
    pub fn parse(s: &str) -> Option<Fraction> {
        let s = s.trim();
        if let Some((n, d)) = s.split_once('/') {
            return Fraction::new(parse_digits(n.trim())?, parse_digits(d.trim())?);
        }
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        if frac.len() > 9 || (int.is_empty() && frac.is_empty()) {
            return None;
        }
        let int = if int.is_empty() { 0 } else { parse_digits(int)? };
        let frac_val = if frac.is_empty() { 0 } else { parse_digits(frac)? };
        let den = 10u64.pow(frac.len() as u32);
        Fraction::new(int.checked_mul(den)?.checked_add(frac_val)?, den)
    }

    /// Whether `a / b >= self`, exactly; false when b is 0.
    pub fn le_ratio(self, a: u64, b: u64) -> bool {
        b != 0 && (a as u128) * (self.den as u128) >= (self.num as u128) * (b as u128)
    }

    /// Whether `a >= self * b`, exactly (the same as `a / b >= self` for b > 0, and defined for b = 0).
    pub fn times_le(self, b: u64, a: u64) -> bool {
        (a as u128) * (self.den as u128) >= (self.num as u128) * (b as u128)
    }

    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

fn parse_digits(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> Ordering {
        ((self.num as u128) * (other.den as u128)).cmp(&((other.num as u128) * (self.den as u128)))
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Fraction {
    /// Shortest exact form: an integer, a terminating decimal, or `num/den`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            return write!(f, "{}", self.num);
        }
        let (mut twos, mut fives, mut d) = (0u32, 0u32, self.den);
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        let places = twos.max(fives);
        if d == 1 && places <= 18 {
            let scaled = (self.num as u128) * 10u128.pow(places) / (self.den as u128);
            let s = format!("{:0>width$}", scaled, width = places as usize + 1);
            let (i, fr) = s.split_at(s.len() - places as usize);
            write!(f, "{i}.{fr}")
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Fraction;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an exact non-negative number as a quoted decimal (\"0.75\"), a fraction (\"3/4\") or a whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fraction, E> {
                Ok(Fraction::integer(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fraction, E> {
                u64::try_from(v)
                    .map(Fraction::integer)
                    .map_err(|_| E::custom("expected a non-negative number"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Fraction, E> {
                Err(E::custom(format!(
                    "{v} is a floating-point number; write thresholds as quoted decimals (\"{v}\") so they stay exact"
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fraction, E> {
                Fraction::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Fraction {
    fn schema_name() -> Cow<'static, str> {
        "Fraction".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact non-negative number: a decimal string (\"0.75\"), a fraction (\"3/4\") or a whole number.",
            "oneOf": [
                {"type": "string", "pattern": "^([0-9]+(\\.[0-9]{1,9})?|\\.[0-9]{1,9}|[0-9]+/[0-9]+)$"},
                {"type": "integer", "minimum": 0}
            ]
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(Fraction::parse("0.75"), Fraction::new(3, 4));
        assert_eq!(Fraction::parse("3/4"), Fraction::new(3, 4));
        assert_eq!(Fraction::parse("4"), Some(Fraction::integer(4)));
        assert_eq!(Fraction::parse(".5"), Fraction::new(1, 2));
        for bad in ["", ".", "-1", "1/0", "0.1234567891", "1e3", "a"] {
            assert_eq!(Fraction::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn compares_without_float_error() {
        // 0.7 * 10 = 7.000000000000001 in f64; exactly it is 7.
        let seven_tenths = Fraction::parse("0.7").unwrap();
        assert!(seven_tenths.le_ratio(7, 10));
        assert!(!seven_tenths.le_ratio(6, 10));
        let r = Fraction::parse("0.35").unwrap();
        assert!(r.times_le(20, 7));
        assert!(!r.times_le(20, 6));
        assert!(!Fraction::ZERO.le_ratio(0, 0));
    }

    #[test]
    fn displays_shortest_exact_form() {
        assert_eq!(Fraction::parse("0.750").unwrap().to_string(), "0.75");
        assert_eq!(Fraction::new(1, 3).unwrap().to_string(), "1/3");
        assert_eq!(Fraction::new(8, 2).unwrap().to_string(), "4");
        assert_eq!(Fraction::new(1, 20).unwrap().to_string(), "0.05");
    }
}
