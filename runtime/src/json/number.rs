//! Number text: the strict JSON number grammar protojson accepts inside
//! strings (`"1e3"`), exact integer normalization of such text, and the float
//! text Go's protojson writes.

/// Why a number could not become the requested integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IntError {
    /// Not a JSON number at all (`"abc"`, `" 1"`, `"+1"`, `"01"`).
    Syntax,
    /// A number, but with a fractional part (`1.5`, `1e-1`).
    Fraction,
    /// An integer outside the target type's range.
    Range,
    /// A number with a fraction or an exponent at or beyond 2^53, whose
    /// digits were lost to `f64` rounding before we saw it.
    Inexact,
}

impl IntError {
    /// A short phrase for error messages.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            IntError::Syntax => "not a number",
            IntError::Fraction => "not an integer",
            IntError::Range => "out of range",
            IntError::Inexact => {
                "not exact: beyond 2^53 write integers without a fraction or exponent, or as strings"
            }
        }
    }
}

/// The parts of a JSON number (RFC 8259 section 6).
struct Parts<'a> {
    negative: bool,
    /// Integer digits without leading zeros (empty for `0`).
    int: &'a [u8],
    /// Fraction digits with trailing zeros removed.
    frac: &'a [u8],
    /// Exponent text after `e`/`E`, sign included (empty when absent).
    exp: &'a [u8],
}

fn digits_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Splits `s` if the whole of it is one JSON number.
fn split(s: &str) -> Option<Parts<'_>> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    let int = match b.get(i) {
        Some(b'0') => {
            i += 1;
            &b[i..i]
        }
        Some(c) if c.is_ascii_digit() => {
            let end = digits_end(b, i);
            let int = &b[i..end];
            i = end;
            int
        }
        _ => return None,
    };
    let mut frac: &[u8] = &[];
    if b.get(i) == Some(&b'.') {
        let end = digits_end(b, i + 1);
        if end == i + 1 {
            return None;
        }
        frac = &b[i + 1..end];
        while let [rest @ .., b'0'] = frac {
            frac = rest;
        }
        i = end;
    }
    let mut exp: &[u8] = &[];
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let start = i + 1;
        let mut j = start;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let end = digits_end(b, j);
        if end == j {
            return None;
        }
        exp = &b[start..end];
        i = end;
    }
    (i == b.len()).then_some(Parts {
        negative,
        int,
        frac,
        exp,
    })
}

/// Whether the whole of `s` is one JSON number.
pub(crate) fn is_json_number(s: &str) -> bool {
    split(s).is_some()
}

/// The exact integer a JSON number text denotes (`"1e3"` is 1000, `"1.0"`
/// is 1, `"1.5"` is not an integer), as protojson reads integers from
/// strings.
pub(crate) fn parse_integer(s: &str) -> Result<i128, IntError> {
    let p = split(s).ok_or(IntError::Syntax)?;
    if p.int.is_empty() && p.frac.is_empty() {
        return Ok(0);
    }
    let exp: i64 = if p.exp.is_empty() {
        0
    } else {
        // An exponent too long for i32 can't make a 64-bit integer: it is
        // either a huge number or a tiny fraction.
        let text = std::str::from_utf8(p.exp).map_err(|_| IntError::Syntax)?;
        match text.parse::<i32>() {
            Ok(e) => i64::from(e),
            Err(_) if text.starts_with('-') => return Err(IntError::Fraction),
            Err(_) => return Err(IntError::Range),
        }
    };
    // u64::MAX has 20 digits: more than that is out of every range.
    const MAX_DIGITS: i64 = 20;
    let mut digits: Vec<u8> = Vec::with_capacity(MAX_DIGITS as usize);
    let int_len = p.int.len() as i64;
    let frac_len = p.frac.len() as i64;
    if exp >= 0 {
        if frac_len > exp {
            return Err(IntError::Fraction);
        }
        if int_len + exp > MAX_DIGITS {
            return Err(IntError::Range);
        }
        digits.extend_from_slice(p.int);
        digits.extend_from_slice(p.frac);
        digits.resize((int_len + exp) as usize, b'0');
    } else {
        if frac_len > 0 {
            return Err(IntError::Fraction);
        }
        let point = int_len + exp;
        if point < 0 {
            return Err(IntError::Fraction);
        }
        let (kept, shifted) = p.int.split_at(point as usize);
        if shifted.iter().any(|&c| c != b'0') {
            return Err(IntError::Fraction);
        }
        if kept.len() as i64 > MAX_DIGITS {
            return Err(IntError::Range);
        }
        digits.extend_from_slice(kept);
    }
    let mut value: i128 = 0;
    for d in digits {
        value = value * 10 + i128::from(d - b'0');
    }
    Ok(if p.negative { -value } else { value })
}

/// 2^53: integers at or beyond it are not all exact in an `f64`.
pub(crate) const F64_EXACT_INT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The integer an `f64` (read from a JSON number with a fraction or an
/// exponent) denotes, if it is integral and exact.
pub(crate) fn integer_from_f64(v: f64) -> Result<i128, IntError> {
    if !v.is_finite() {
        return Err(IntError::Range);
    }
    if v.fract() != 0.0 {
        return Err(IntError::Fraction);
    }
    // At or beyond these no 64-bit integer type holds the value, rounded or
    // not (serde_json also hands over out-of-range integer literals as f64).
    if v <= -9_223_372_036_854_775_808.0 || v >= 18_446_744_073_709_551_616.0 {
        return Err(IntError::Range);
    }
    if v.abs() >= F64_EXACT_INT_LIMIT {
        // The text was rounded to fit an f64, so the integer it meant is
        // unknown; protojson writers send such values as strings.
        return Err(IntError::Inexact);
    }
    Ok(v as i128)
}

/// The integer to write for a float that is integral and small enough
/// (`1.0` is written `1`, as Go's protojson does), else `None`.
pub(crate) fn integral_text(text: &str) -> Option<Integral> {
    if text.contains(['.', 'e', 'E', 'N', 'i']) || text == "-0" {
        return None;
    }
    if let Ok(v) = text.parse::<i64>() {
        return Some(Integral::Signed(v));
    }
    text.parse::<u64>().ok().map(Integral::Unsigned)
}

/// An integral float as an integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Integral {
    /// Fits an `i64`.
    Signed(i64),
    /// Beyond `i64::MAX`, within `u64`.
    Unsigned(u64),
}

/// Go protojson's text for a double: `NaN`, `Infinity`, `-Infinity`, the
/// shortest round-trip digits in positional form for 1e-6 <= |v| < 1e21 (and
/// 0), else in exponent form with a signed exponent (`1e+21`, `1e-7`).
pub fn format_f64(v: f64) -> String {
    if let Some(s) = non_finite(v.is_nan(), v.is_infinite(), v < 0.0) {
        return s.to_owned();
    }
    let abs = v.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        go_exponent(format!("{v:e}"))
    } else {
        format!("{v}")
    }
}

/// Like [`format_f64`] with the shortest digits that round-trip an `f32`.
pub fn format_f32(v: f32) -> String {
    if let Some(s) = non_finite(v.is_nan(), v.is_infinite(), v < 0.0) {
        return s.to_owned();
    }
    let abs = v.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        go_exponent(format!("{v:e}"))
    } else {
        format!("{v}")
    }
}

/// The JSON string protojson writes for a non-finite float.
pub(crate) fn non_finite(nan: bool, infinite: bool, negative: bool) -> Option<&'static str> {
    match (nan, infinite, negative) {
        (true, _, _) => Some("NaN"),
        (false, true, false) => Some("Infinity"),
        (false, true, true) => Some("-Infinity"),
        _ => None,
    }
}

/// Rust writes `1e21` / `1e-7`; Go writes `1e+21` / `1e-7`.
fn go_exponent(rust: String) -> String {
    match rust.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => rust,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for ok in [
            "0", "-0", "1", "10", "1.5", "1e3", "1E+3", "1.0e-3", "-12.50",
        ] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "", "-", "+1", "01", "1.", ".5", "1e", "1e+", " 1", "1 ", "0x10", "NaN", "1.5.",
        ] {
            assert!(!is_json_number(bad), "{bad:?}");
        }
    }

    #[test]
    fn integers_from_text() {
        assert_eq!(parse_integer("1e3"), Ok(1000));
        assert_eq!(parse_integer("1.0"), Ok(1));
        assert_eq!(parse_integer("1.50e1"), Ok(15));
        assert_eq!(parse_integer("-0"), Ok(0));
        assert_eq!(parse_integer("0e999999999999"), Ok(0));
        assert_eq!(parse_integer("100e-2"), Ok(1));
        assert_eq!(
            parse_integer("-9223372036854775808"),
            Ok(-9223372036854775808)
        );
        assert_eq!(
            parse_integer("18446744073709551615"),
            Ok(18446744073709551615)
        );
        assert_eq!(parse_integer("1.5"), Err(IntError::Fraction));
        assert_eq!(parse_integer("15e-1"), Err(IntError::Fraction));
        assert_eq!(parse_integer("1e-1"), Err(IntError::Fraction));
        assert_eq!(parse_integer("1e-99999999999"), Err(IntError::Fraction));
        assert_eq!(parse_integer("1e21"), Err(IntError::Range));
        assert_eq!(parse_integer("1e99999999999"), Err(IntError::Range));
        assert_eq!(parse_integer("123456789012345678901"), Err(IntError::Range));
        assert_eq!(parse_integer("+1"), Err(IntError::Syntax));
    }

    #[test]
    fn integers_from_f64() {
        assert_eq!(integer_from_f64(1000.0), Ok(1000));
        assert_eq!(integer_from_f64(-0.0), Ok(0));
        assert_eq!(integer_from_f64(0.5), Err(IntError::Fraction));
        assert_eq!(integer_from_f64(9007199254740991.0), Ok(9007199254740991));
        assert_eq!(integer_from_f64(9007199254740992.0), Err(IntError::Inexact));
        assert_eq!(integer_from_f64(f64::NAN), Err(IntError::Range));
        assert_eq!(
            integer_from_f64(-9223372036854775808.0),
            Err(IntError::Range)
        );
        assert_eq!(
            integer_from_f64(18446744073709551616.0),
            Err(IntError::Range)
        );
        assert_eq!(integer_from_f64(1e19), Err(IntError::Inexact));
    }

    #[test]
    fn go_float_text() {
        let cases: [(f64, &str); 14] = [
            (1.0, "1"),
            (-1.0, "-1"),
            (0.0, "0"),
            (-0.0, "-0"),
            (0.5, "0.5"),
            (0.1, "0.1"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.25e-10, "1.25e-10"),
            (123456789.125, "123456789.125"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (v, want) in cases {
            assert_eq!(format_f64(v), want, "{v:?}");
        }
        assert_eq!(format_f64(f64::NAN), "NaN");
        assert_eq!(format_f32(0.1), "0.1");
        assert_eq!(format_f32(16777216.0), "16777216");
        assert_eq!(format_f32(3.4028235e38), "3.4028235e+38");
        assert_eq!(format_f32(f32::INFINITY), "Infinity");
    }

    #[test]
    fn integral_floats() {
        assert_eq!(integral_text("1"), Some(Integral::Signed(1)));
        assert_eq!(integral_text("-0"), None);
        assert_eq!(integral_text("0.5"), None);
        assert_eq!(
            integral_text("10000000000000000000"),
            Some(Integral::Unsigned(10_000_000_000_000_000_000))
        );
        assert_eq!(integral_text("100000000000000000000"), None);
    }
}
