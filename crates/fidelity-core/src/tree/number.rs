//! Whole numbers as inputs write them. YAML writers, `json.dumps` of a Python float and any spreadsheet or
//! DataFrame column holding a blank write a count as `2.0`; a number whose value is whole is a whole number,
//! whatever its notation. Decided on the decimal text, exactly: no float rounding decides a count.

/// What a number's text is worth as a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// A whole number at or above zero (`2`, `2.0`, `+2`, `2e0`, `20e-1`, `-0`).
    Count(u64),
    /// Below zero (`-1`, `-1.0`).
    Negative,
    /// A value with a fraction (`1.5`, `-0.5`), or one too large for a count.
    NotACount,
}

/// The value of a YAML/JSON number's text (`[+-]digits[.digits][(e|E)[+-]digits]`), or None when `text` is
/// not a number written that way.
#[inline(never)] // one copy for every reader (the WASM package's size is budgeted)
pub fn whole(text: &str) -> Option<Whole> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let exp: i64 = match exp {
        None => 0,
        Some(e) => {
            let unsigned = e.strip_prefix(['-', '+']).unwrap_or(e);
            if unsigned.is_empty() || !digits(unsigned) {
                return None;
            }
            // Saturating: an exponent this long is no count whatever its mantissa.
            let size = unsigned
                .bytes()
                .fold(0i64, |v, b| v.saturating_mul(10).saturating_add(i64::from(b - b'0')).min(1 << 40));
            if e.starts_with('-') {
                -size
            } else {
                size
            }
        }
    };
    // The digits before the shifted decimal point make the value; any other non-zero digit is a fraction.
    // One pass over the bytes, no allocation (the WASM package's size is budgeted).
    let point = int.len() as i64 + exp;
    let mut value: Option<u64> = Some(0);
    let mut fraction = false;
    for (i, b) in int.bytes().chain(frac.bytes()).enumerate() {
        if (i as i64) < point {
            value = value.and_then(|v| v.checked_mul(10)?.checked_add(u64::from(b - b'0')));
        } else {
            fraction |= b != b'0';
        }
    }
    for _ in (int.len() + frac.len()) as i64..point {
        if value.is_none_or(|v| v == 0) {
            break; // zero stays zero and an overflow stays one, however far the point moves
        }
        value = value.and_then(|v| v.checked_mul(10));
    }
    Some(match value {
        Some(0) if !fraction => Whole::Count(0), // -0 and 0.0 are zero
        _ if negative => Whole::Negative,
        Some(v) if !fraction => Whole::Count(v),
        _ => Whole::NotACount, // a fraction, or above u64::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::{whole, Whole};

    #[test]
    fn whole_values_in_any_notation() {
        for (text, want) in [
            ("2", Some(Whole::Count(2))),
            ("2.0", Some(Whole::Count(2))),
            ("2.000", Some(Whole::Count(2))),
            ("+2", Some(Whole::Count(2))),
            ("007", Some(Whole::Count(7))),
            ("20e-1", Some(Whole::Count(2))),
            ("1.5e1", Some(Whole::Count(15))),
            ("1E2", Some(Whole::Count(100))),
            ("0.0", Some(Whole::Count(0))),
            ("-0", Some(Whole::Count(0))),
            ("-0.0", Some(Whole::Count(0))),
            ("1.5", Some(Whole::NotACount)),
            ("0.5", Some(Whole::NotACount)),
            ("25e-1", Some(Whole::NotACount)),
            ("1e-999999999999999999999", Some(Whole::NotACount)),
            ("1e30", Some(Whole::NotACount)),
            ("1e999999999999999999999", Some(Whole::NotACount)),
            ("0e999999999999999999999", Some(Whole::Count(0))),
            ("1e18", Some(Whole::Count(1_000_000_000_000_000_000))),
            ("18446744073709551615", Some(Whole::Count(u64::MAX))),
            ("18446744073709551616", Some(Whole::NotACount)),
            ("-1", Some(Whole::Negative)),
            ("-1.0", Some(Whole::Negative)),
            ("-0.5", Some(Whole::Negative)),
            (".5", Some(Whole::NotACount)),
            ("5.", Some(Whole::Count(5))),
            ("", None),
            (".", None),
            ("1e", None),
            ("1.2.3", None),
            ("x", None),
            ("0x10", None),
            ("1_000", None),
        ] {
            assert_eq!(whole(text), want, "{text:?}");
        }
    }
}
