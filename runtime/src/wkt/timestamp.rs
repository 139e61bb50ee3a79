//! `google.protobuf.Timestamp`: an instant, written as RFC 3339 in UTC.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::WktError;
use crate::json::Codec;

const TYPE_NAME: &str = "google.protobuf.Timestamp";

/// Seconds of 0001-01-01T00:00:00Z since the Unix epoch.
const MIN_SECONDS: i64 = -62_135_596_800;
/// Seconds of 9999-12-31T23:59:59Z since the Unix epoch.
const MAX_SECONDS: i64 = 253_402_300_799;
const NANOS_PER_SECOND: i32 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// `google.protobuf.Timestamp`: an instant with nanosecond precision, from
/// 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
///
/// Its JSON form (and `Display`) is RFC 3339 in UTC with a `Z` and 0, 3, 6
/// or 9 fractional digits, as few as represent the value:
/// `"2024-05-01T12:00:00Z"`, `"2024-05-01T12:00:00.500Z"`. `FromStr` and
/// the JSON reader accept any UTC offset (`+02:00`) and 1 to 9 fractional
/// digits; `T` and `Z` must be upper case, as in Go's protojson.
///
/// The fields are private so that every `Timestamp` is in range and can be
/// written: build one with [`Timestamp::new`], from a [`SystemTime`], or by
/// parsing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: i32,
}

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Timestamp = Timestamp {
        seconds: 0,
        nanos: 0,
    };

    /// 0001-01-01T00:00:00Z, the earliest valid timestamp.
    pub const MIN: Timestamp = Timestamp {
        seconds: MIN_SECONDS,
        nanos: 0,
    };

    /// 9999-12-31T23:59:59.999999999Z, the latest valid timestamp.
    pub const MAX: Timestamp = Timestamp {
        seconds: MAX_SECONDS,
        nanos: NANOS_PER_SECOND - 1,
    };

    /// The timestamp `seconds` and `nanos` after the Unix epoch, if within
    /// years 1 to 9999 and `0 <= nanos < 1_000_000_000`.
    pub fn new(seconds: i64, nanos: i32) -> Result<Self, WktError> {
        if !(0..NANOS_PER_SECOND).contains(&nanos) {
            return Err(WktError::new(
                TYPE_NAME,
                format_args!("seconds={seconds} nanos={nanos}"),
                "nanos out of range",
            ));
        }
        if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
            return Err(WktError::new(
                TYPE_NAME,
                format_args!("seconds={seconds} nanos={nanos}"),
                "seconds out of range (years 1 to 9999)",
            ));
        }
        Ok(Timestamp { seconds, nanos })
    }

    /// The current time (clamped to the valid range should the system clock
    /// be outside years 1 to 9999).
    pub fn now() -> Self {
        let now = SystemTime::now();
        Timestamp::try_from(now).unwrap_or(if now < UNIX_EPOCH {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        })
    }

    /// Whole seconds since the Unix epoch (negative before 1970).
    pub fn seconds(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds after [`Timestamp::seconds`], `0..1_000_000_000`.
    pub fn nanos(&self) -> i32 {
        self.nanos
    }
}

/// Fails outside years 1 to 9999.
impl TryFrom<SystemTime> for Timestamp {
    type Error = WktError;

    fn try_from(time: SystemTime) -> Result<Self, WktError> {
        let out_of_range = || WktError::new(TYPE_NAME, format_args!("{time:?}"), "out of range");
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => {
                let seconds = i64::try_from(after.as_secs()).map_err(|_| out_of_range())?;
                let nanos = i32::try_from(after.subsec_nanos()).map_err(|_| out_of_range())?;
                Timestamp::new(seconds, nanos).map_err(|_| out_of_range())
            }
            Err(before) => {
                let before = before.duration();
                let mut seconds = i64::try_from(before.as_secs())
                    .map_err(|_| out_of_range())?
                    .checked_neg()
                    .ok_or_else(out_of_range)?;
                let mut nanos = i32::try_from(before.subsec_nanos()).map_err(|_| out_of_range())?;
                if nanos > 0 {
                    seconds = seconds.checked_sub(1).ok_or_else(out_of_range)?;
                    nanos = NANOS_PER_SECOND - nanos;
                }
                Timestamp::new(seconds, nanos).map_err(|_| out_of_range())
            }
        }
    }
}

/// Fails only where the platform's `SystemTime` cannot hold the instant.
impl TryFrom<Timestamp> for SystemTime {
    type Error = WktError;

    fn try_from(ts: Timestamp) -> Result<Self, WktError> {
        let out_of_range = || WktError::new(TYPE_NAME, ts, "not representable as a SystemTime");
        let nanos = std::time::Duration::from_nanos(ts.nanos.unsigned_abs().into());
        let base = if ts.seconds >= 0 {
            UNIX_EPOCH.checked_add(std::time::Duration::from_secs(ts.seconds.unsigned_abs()))
        } else {
            UNIX_EPOCH.checked_sub(std::time::Duration::from_secs(ts.seconds.unsigned_abs()))
        };
        base.and_then(|t| t.checked_add(nanos))
            .ok_or_else(out_of_range)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1..=12).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Shift the year to start in March, so the leap day ends it.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = i64::from((month + 9) % 12);
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a day since
/// 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The fraction digits protojson writes for `nanos`: none, 3, 6 or 9.
pub(crate) fn write_fraction(f: &mut fmt::Formatter<'_>, nanos: u32) -> fmt::Result {
    if nanos == 0 {
        Ok(())
    } else if nanos % 1_000_000 == 0 {
        write!(f, ".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        write!(f, ".{:06}", nanos / 1_000)
    } else {
        write!(f, ".{nanos:09}")
    }
}

/// RFC 3339 in UTC, as protojson writes it.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )?;
        write_fraction(f, self.nanos.unsigned_abs())?;
        f.write_str("Z")
    }
}

/// A fixed-width run of ASCII digits at `range` of `b`.
fn digits(b: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    let slice = b.get(range)?;
    let mut value = 0u32;
    for &c in slice {
        if !c.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(c - b'0');
    }
    Some(value)
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fffffffff](Z|+HH:MM|-HH:MM)`.
fn parse(text: &str) -> Result<Timestamp, &'static str> {
    const SYNTAX: &str = "not RFC 3339 (YYYY-MM-DDTHH:MM:SS[.fraction]Z or an offset)";
    let b = text.as_bytes();
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return Err(SYNTAX);
    }
    let field = |range| digits(b, range).ok_or(SYNTAX);
    let year = i64::from(field(0..4)?);
    let month = field(5..7)?;
    let day = field(8..10)?;
    let hour = field(11..13)?;
    let minute = field(14..16)?;
    let second = field(17..19)?;
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day out of range");
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err("time of day out of range");
    }
    let mut rest = b.get(19..).ok_or(SYNTAX)?;
    let mut nanos = 0u32;
    if let [b'.', tail @ ..] = rest {
        let count = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 {
            return Err(SYNTAX);
        }
        if count > 9 {
            return Err("more than 9 fractional digits");
        }
        let value = digits(tail, 0..count).ok_or(SYNTAX)?;
        nanos = value * 10u32.pow(9 - count as u32);
        rest = tail.get(count..).ok_or(SYNTAX)?;
    }
    let offset_seconds = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = digits(rest, 1..3).ok_or(SYNTAX)?;
            let minutes = digits(rest, 4..6).ok_or(SYNTAX)?;
            if hours > 23 || minutes > 59 {
                return Err("UTC offset out of range");
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return Err(SYNTAX),
    };
    let seconds = days_from_civil(year, month, day) * SECONDS_PER_DAY
        + i64::from(hour * 3600 + minute * 60 + second)
        - offset_seconds;
    if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
        return Err("out of range (years 1 to 9999 in UTC)");
    }
    Ok(Timestamp {
        seconds,
        nanos: nanos as i32,
    })
}

impl FromStr for Timestamp {
    type Err = WktError;

    fn from_str(text: &str) -> Result<Self, WktError> {
        parse(text).map_err(|reason| WktError::new(TYPE_NAME, text, reason))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a google.protobuf.Timestamp (an RFC 3339 string)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        v.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TimestampVisitor)
    }
}

impl Codec for Timestamp {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Timestamp::deserialize(d)
    }

    fn is_default(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        let first = days_from_civil(1, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        assert_eq!(first * SECONDS_PER_DAY, MIN_SECONDS);
        assert_eq!(last * SECONDS_PER_DAY + SECONDS_PER_DAY - 1, MAX_SECONDS);
        let mut expected = (1i64, 1u32, 1u32);
        for days in first..=last {
            assert_eq!(civil_from_days(days), expected, "day {days}");
            assert_eq!(days_from_civil(expected.0, expected.1, expected.2), days);
            let (y, m, d) = expected;
            expected = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
    }

    #[test]
    fn known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
