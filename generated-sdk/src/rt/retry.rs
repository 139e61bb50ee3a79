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
