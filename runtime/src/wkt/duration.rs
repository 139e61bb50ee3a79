//! `google.protobuf.Duration`: a signed span of time, written as seconds
//! with an `s` suffix.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::WktError;
use super::timestamp::write_fraction;
use crate::json::Codec;

const TYPE_NAME: &str = "google.protobuf.Duration";

/// About 10,000 years, the protobuf limit.
const MAX_SECONDS: i64 = 315_576_000_000;
const MAX_NANOS: i32 = 999_999_999;

/// `google.protobuf.Duration`: a signed span of time with nanosecond
/// precision, within ±315,576,000,000 seconds (about 10,000 years).
///
/// Its JSON form (and `Display`) is the seconds with 0, 3, 6 or 9 fractional
/// digits and an `s`: `"1.500s"`, `"-0.000000001s"`, `"3600s"`. `FromStr`
/// and the JSON reader accept 0 to 9 fractional digits and a `+` or `-`
/// sign, as Go's protojson does.
///
/// The fields are private so that every `Duration` is valid: `seconds` and
/// `nanos` never have opposite signs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    seconds: i64,
    nanos: i32,
}

impl Duration {
    /// No time at all.
    pub const ZERO: Duration = Duration {
        seconds: 0,
        nanos: 0,
    };

    /// The longest negative duration.
    pub const MIN: Duration = Duration {
        seconds: -MAX_SECONDS,
        nanos: -MAX_NANOS,
    };

    /// The longest positive duration.
    pub const MAX: Duration = Duration {
        seconds: MAX_SECONDS,
        nanos: MAX_NANOS,
    };

    /// The duration of `seconds` plus `nanos` nanoseconds, if both are in
    /// range and have the same sign (or one of them is zero).
    pub fn new(seconds: i64, nanos: i32) -> Result<Self, WktError> {
        let input = || format!("seconds={seconds} nanos={nanos}");
        if !(-MAX_SECONDS..=MAX_SECONDS).contains(&seconds) {
            return Err(WktError::new(TYPE_NAME, input(), "seconds out of range"));
        }
        if !(-MAX_NANOS..=MAX_NANOS).contains(&nanos) {
            return Err(WktError::new(TYPE_NAME, input(), "nanos out of range"));
        }
        if (seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0) {
            return Err(WktError::new(
                TYPE_NAME,
                input(),
                "seconds and nanos have opposite signs",
            ));
        }
        Ok(Duration { seconds, nanos })
    }

    /// Whole seconds (negative for a negative duration).
    pub fn seconds(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds beyond [`Duration::seconds`], with the same sign.
    pub fn nanos(&self) -> i32 {
        self.nanos
    }

    /// Whether the duration is below zero.
    pub fn is_negative(&self) -> bool {
        self.seconds < 0 || self.nanos < 0
    }
}

/// Fails beyond [`Duration::MAX`].
impl TryFrom<std::time::Duration> for Duration {
    type Error = WktError;

    fn try_from(d: std::time::Duration) -> Result<Self, WktError> {
        let seconds = i64::try_from(d.as_secs())
            .map_err(|_| WktError::new(TYPE_NAME, format_args!("{d:?}"), "seconds out of range"))?;
        let nanos = i32::try_from(d.subsec_nanos())
            .map_err(|_| WktError::new(TYPE_NAME, format_args!("{d:?}"), "nanos out of range"))?;
        Duration::new(seconds, nanos)
    }
}

/// Fails for a negative duration.
impl TryFrom<Duration> for std::time::Duration {
    type Error = WktError;

    fn try_from(d: Duration) -> Result<Self, WktError> {
        if d.is_negative() {
            return Err(WktError::new(TYPE_NAME, d, "negative"));
        }
        Ok(std::time::Duration::new(
            d.seconds.unsigned_abs(),
            d.nanos.unsigned_abs(),
        ))
    }
}

/// Seconds with 0, 3, 6 or 9 fractional digits and an `s`, as protojson
/// writes it.
impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_negative() {
            f.write_str("-")?;
        }
        write!(f, "{}", self.seconds.unsigned_abs())?;
        write_fraction(f, self.nanos.unsigned_abs())?;
        f.write_str("s")
    }
}

/// Parses `[+-]digits[.digits]s` (`1.s` and `.5s` too, as Go does).
fn parse(text: &str) -> Result<Duration, &'static str> {
    const SYNTAX: &str = "not a number of seconds ending in \"s\"";
    let body = text.strip_suffix('s').ok_or(SYNTAX)?;
    let (negative, body) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let all_digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return Err(SYNTAX);
    }
    // At least one digit; no leading zeros (as in a JSON number).
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(SYNTAX);
    }
    if int.len() > 1 && int.starts_with('0') {
        return Err(SYNTAX);
    }
    let seconds: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| "seconds out of range")?
    };
    let frac = frac.unwrap_or("");
    if frac.len() > 9 {
        return Err("more than 9 fractional digits");
    }
    let mut nanos: i32 = 0;
    for (i, c) in frac.bytes().enumerate() {
        nanos += i32::from(c - b'0') * 10i32.pow(8 - i as u32);
    }
    if seconds > MAX_SECONDS {
        return Err("out of range (±315576000000s)");
    }
    Ok(if negative {
        Duration {
            seconds: -seconds,
            nanos: -nanos,
        }
    } else {
        Duration { seconds, nanos }
    })
}

impl FromStr for Duration {
    type Err = WktError;

    fn from_str(text: &str) -> Result<Self, WktError> {
        parse(text).map_err(|reason| WktError::new(TYPE_NAME, text, reason))
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct DurationVisitor;

impl Visitor<'_> for DurationVisitor {
    type Value = Duration;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a google.protobuf.Duration (a string like \"1.5s\")")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
        v.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DurationVisitor)
    }
}

impl Codec for Duration {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Duration::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}
