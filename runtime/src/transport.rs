//! Sends a prepared request: attempts, timeouts, retries and tracing.
//!
//! Tracing (target `rest_sdk_runtime`, so `RUST_LOG=rest_sdk_runtime=debug`
//! shows it): one `request` span per call (DEBUG) with the API and operation
//! name, HTTP method, path *template* (`/v1/users/{id}`: the filled path can
//! hold user IDs or e-mail addresses, so it is not recorded), final status
//! and number of attempts; one DEBUG event per attempt with its status and
//! latency; one INFO event per retry with the reason and the wait. Headers
//! (so the API key) and bodies are never recorded.

use std::time::{Instant, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use tracing::Instrument;

use super::client::{ClientInner, Settings};
use super::error::{ApiError, Error};
use super::request::{Method, OperationNames};
use super::retry;
use super::testing::Answer;

/// A request ready to go out, with the settings that govern it.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub operation: OperationNames,
    pub method: Method,
    pub path_template: &'static str,
    pub url: reqwest::Url,
    pub headers: HeaderMap,
    pub body: Option<Vec<u8>>,
    pub settings: Settings,
    /// A stub's answer, for a stubbed client (nothing is sent then).
    pub stubbed: Option<Answer>,
}

/// A 2xx response.
#[derive(Debug)]
pub(crate) struct Success {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// How many attempts it took.
    pub attempts: u32,
}

/// A failed HTTP exchange and the stage it failed in; the message of the
/// `reqwest` error itself is replaced by the stage, its sources are kept.
#[derive(Debug)]
struct Stage {
    what: &'static str,
    error: reqwest::Error,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.what)
    }
}

impl std::error::Error for Stage {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

/// What one attempt ended with.
enum Failure {
    /// A non-2xx answer.
    Status(ApiError),
    /// The exchange failed; `never_connected` when no connection was made.
    Transport {
        error: reqwest::Error,
        stage: &'static str,
        never_connected: bool,
    },
    /// The attempt ran out of time.
    Timeout(Error),
}

/// Sends `prepared`, retrying as [`retry`] allows. Errors carry the
/// operation name and the number of attempts.
pub(crate) async fn execute(
    client: &ClientInner,
    http: &reqwest::Client,
    prepared: Prepared,
) -> Result<Success, Error> {
    let span = tracing::debug_span!(
        target: "rest_sdk_runtime",
        "request",
        api = client.api,
        operation = prepared.operation.name,
        method = prepared.method.as_str(),
        path = prepared.path_template,
        status = tracing::field::Empty,
        attempts = tracing::field::Empty,
    );
    let operation = prepared.operation;
    run(http, prepared)
        .instrument(span)
        .await
        .map_err(|(error, attempts)| error.with_operation(operation).with_attempts(attempts))
}

async fn run(http: &reqwest::Client, prepared: Prepared) -> Result<Success, (Error, u32)> {
    let settings = prepared.settings;
    let start = Instant::now();
    // A total timeout too large to add to a clock reading is no deadline.
    let deadline = settings
        .total_timeout
        .and_then(|total| start.checked_add(total));
    let mut attempt: u32 = 0;
    loop {
        attempt = attempt.saturating_add(1);
        let span = tracing::Span::current();
        span.record("attempts", attempt);
        let mut timeout = settings.timeout;
        let mut limited_by_deadline = false;
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left <= timeout {
                timeout = left;
                limited_by_deadline = true;
            }
        }
        let sent_at = Instant::now();
        let outcome = match tokio::time::timeout(timeout, attempt_once(http, &prepared)).await {
            Ok(outcome) => outcome,
            Err(_) if limited_by_deadline => Err(Failure::Timeout(Error::timeout(
                "the call",
                settings.total_timeout,
            ))),
            Err(_) => Err(Failure::Timeout(Error::timeout(
                "the attempt",
                Some(timeout),
            ))),
        };
        let latency_ms = u64::try_from(sent_at.elapsed().as_millis()).unwrap_or(u64::MAX);
        let failure = match outcome {
            Ok(mut success) => {
                success.attempts = attempt;
                span.record("status", success.status);
                tracing::debug!(target: "rest_sdk_runtime", attempt, status = success.status, latency_ms, "response");
                return Ok(success);
            }
            Err(failure) => failure,
        };
        let (error, retryable, reason) = match failure {
            Failure::Status(api) => {
                span.record("status", api.status());
                tracing::debug!(target: "rest_sdk_runtime", attempt, status = api.status(), latency_ms, "error response");
                let retryable = retry::status_is_retryable(api.status(), prepared.method);
                (Error::from_api(api), retryable, "status")
            }
            Failure::Transport {
                error,
                stage,
                never_connected,
            } => {
                tracing::debug!(target: "rest_sdk_runtime", attempt, latency_ms, never_connected, "transport failure");
                let retryable = retry::transport_is_retryable(never_connected, prepared.method);
                let error = if error.is_timeout() && error.is_connect() {
                    Error::timeout("connecting", settings.connect_timeout)
                } else if error.is_timeout() {
                    Error::timeout("the HTTP client's own timeout", None)
                } else {
                    Error::transport(Stage {
                        what: stage,
                        error: error.without_url(),
                    })
                };
                (error, retryable, "transport")
            }
            Failure::Timeout(error) => {
                tracing::debug!(target: "rest_sdk_runtime", attempt, latency_ms, "timeout");
                // Time ran out mid-exchange: only idempotent requests are safe to repeat,
                // and never past the call's deadline.
                let retryable = prepared.method.is_idempotent() && !limited_by_deadline;
                (error, retryable, "timeout")
            }
        };
        if !retryable || attempt > settings.max_retries {
            return Err((error, attempt));
        }
        let wait = match error.retry_after() {
            Some(asked) if asked > settings.max_retry_after => return Err((error, attempt)),
            Some(asked) => asked,
            None => retry::backoff(attempt - 1, settings.initial_backoff, settings.max_backoff),
        };
        if let Some(deadline) = deadline {
            if Instant::now()
                .checked_add(wait)
                .is_none_or(|end| end >= deadline)
            {
                return Err((error, attempt));
            }
        }
        let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
        tracing::info!(target: "rest_sdk_runtime", attempt, reason, wait_ms, "retrying");
        tokio::time::sleep(wait).await;
    }
}

/// One HTTP exchange, the response body read to its end.
async fn attempt_once(http: &reqwest::Client, prepared: &Prepared) -> Result<Success, Failure> {
    let mut request = http
        .request(prepared.method.to_reqwest(), prepared.url.clone())
        .headers(prepared.headers.clone());
    if let Some(body) = &prepared.body {
        request = request.body(body.clone());
    }
    let response = request.send().await.map_err(|error| Failure::Transport {
        never_connected: error.is_connect(),
        stage: if error.is_connect() {
            "connecting"
        } else {
            "sending the request"
        },
        error,
    })?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let retry_after = headers
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| retry::parse_retry_after(value, SystemTime::now()));
    let body = response
        .bytes()
        .await
        .map_err(|error| Failure::Transport {
            error,
            stage: "reading the response body",
            never_connected: false,
        })?
        .to_vec();
    if (200..300).contains(&status) {
        Ok(Success {
            status,
            headers,
            body,
            attempts: 0,
        })
    } else {
        Err(Failure::Status(ApiError::from_response(
            status,
            &body,
            retry_after,
        )))
    }
}
