//! When a failed attempt may be retried, and how long to wait first.
//!
//! The rule: retry only what cannot do harm twice.
//!
//! | failure | `GET` `PUT` `DELETE` | `POST` `PATCH` |
//! |---|---|---|
//! | connection never established | retry | retry |
//! | HTTP 429, 503 (rejected before processing) | retry | retry |
//! | HTTP 408, 502, 504, 500 | retry | no: it may have taken effect |
//! | reset or timeout after the request went out | retry | no |
//! | any other status | no | no |
//!
//! The wait is the server's `Retry-After` (seconds or an HTTP date) when it
//! sends one, up to a cap (60 s by default; a longer request ends the retries),
//! else exponential backoff with full jitter: a uniformly random wait between
//! zero and `initial × 2^retry`, capped at the maximum backoff.

use std::time::{Duration, SystemTime};

use super::request::Method;

/// Whether a response status may be retried for this method.
pub(crate) fn status_is_retryable(status: u16, method: Method) -> bool {
    match status {
        429 | 503 => true,
        408 | 500 | 502 | 504 => method.is_idempotent(),
        _ => false,
    }
}

/// Whether a failed HTTP exchange may be retried: always when no connection
/// was made, else only for idempotent methods.
pub(crate) fn transport_is_retryable(never_connected: bool, method: Method) -> bool {
    never_connected || method.is_idempotent()
}

/// The backoff before retry number `retry` (0 for the first retry): a random
/// duration in `[0, min(max, initial × 2^retry)]`.
pub(crate) fn backoff(retry: u32, initial: Duration, max: Duration) -> Duration {
    let factor = 2u32.saturating_pow(retry.min(30));
    let ceiling = initial.saturating_mul(factor).min(max);
    let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(fastrand::u64(0..=ceiling_nanos))
}

/// The wait a `Retry-After` header asks for: whole seconds or an HTTP date.
/// A date in the past means no wait; anything unreadable is ignored.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

// The timing rules on their own (the runtime's integration tests cover them
// end to end).
#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let parse = |v: &str| super::parse_retry_after(v, now);
        assert_eq!(parse("1"), Some(Duration::from_secs(1)));
        assert_eq!(parse(" 30 "), Some(Duration::from_secs(30)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse(&later), Some(Duration::from_secs(7)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(7));
        assert_eq!(parse(&earlier), Some(Duration::ZERO));
        assert_eq!(parse("soon"), None);
        assert_eq!(parse("-1"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn backoff_is_full_jitter_bounded_by_the_exponential_and_the_cap() {
        let initial = Duration::from_millis(100);
        let max = Duration::from_millis(1000);
        for retry in 0..40 {
            let ceiling = (initial * 2u32.saturating_pow(retry.min(30))).min(max);
            for _ in 0..50 {
                let wait = super::backoff(retry, initial, max);
                assert!(wait <= ceiling, "retry {retry}: {wait:?} > {ceiling:?}");
            }
        }
        // Jitter: the waits are not all the same.
        let waits: std::collections::HashSet<Duration> =
            (0..20).map(|_| super::backoff(3, initial, max)).collect();
        assert!(waits.len() > 1);
    }

    #[test]
    fn which_statuses_are_retried() {
        use super::status_is_retryable as retryable;
        use crate::Method::*;
        for m in [Get, Put, Delete, Post, Patch] {
            assert!(retryable(429, m) && retryable(503, m));
            assert!(!retryable(400, m) && !retryable(404, m) && !retryable(501, m));
            for status in [408, 500, 502, 504] {
                assert_eq!(retryable(status, m), m.is_idempotent(), "{status} {m}");
            }
        }
    }

    #[test]
    fn extreme_backoffs_do_not_panic() {
        for retry in [0, 1, 31, u32::MAX] {
            let wait = super::backoff(retry, Duration::MAX, Duration::MAX);
            assert!(wait <= Duration::MAX);
            assert_eq!(
                super::backoff(retry, Duration::ZERO, Duration::ZERO),
                Duration::ZERO
            );
        }
    }
}
