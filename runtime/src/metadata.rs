//! What a successful response said besides its body: [`ResponseMetadata`],
//! from [`Call::with_metadata`](super::Call::with_metadata).

use reqwest::header::HeaderMap;

/// The HTTP status, headers and number of attempts of a successful call.
///
/// ```no_run
/// # use rest_sdk_runtime::{Call, Error};
/// # async fn example<Req, Resp>(call: Call<Req, Resp>) -> Result<(), Error>
/// # where Resp: serde::de::DeserializeOwned + Send + 'static {
/// // `call` is what a generated method returns, e.g.
/// // `client.get_user(GetUserRequest::new().with_id("user_..."))`.
/// let (response, metadata) = call.with_metadata().await?;
/// println!(
///     "HTTP {} after {} attempt(s), request id {:?}",
///     metadata.status(),
///     metadata.attempts(),
///     metadata.header("x-request-id"),
/// );
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct ResponseMetadata {
    status: u16,
    headers: HeaderMap,
    attempts: u32,
}

impl ResponseMetadata {
    pub(crate) fn new(status: u16, headers: HeaderMap, attempts: u32) -> Self {
        ResponseMetadata {
            status,
            headers,
            attempts,
        }
    }

    /// The HTTP status of the response (200, 201, ...).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every header of the response (names are case-insensitive).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of the header `name` (case-insensitive), when it is
    /// text: `metadata.header("x-ratelimit-remaining")`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// How many HTTP attempts the call took (1 when the first succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}
