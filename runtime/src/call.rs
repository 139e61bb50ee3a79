//! A pending API call, [`Call`], and the per-request [`RequestOptions`].

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use super::client::{ApiClient, Backend, Client};
use super::error::Error;
use super::json;
use super::metadata::ResponseMetadata;
use super::request::{Operation, OperationNames, RequestParts};
use super::testing::Answer;
use super::transport::{self, Prepared};

/// The future of a sent [`Call`]: boxed, `Send` and `'static`, so it can be
/// spawned.
pub type ResponseFuture<Resp> = Pin<Box<dyn Future<Output = Result<Resp, Error>> + Send + 'static>>;

/// Options for one request, overriding the client's settings.
///
/// Set them on the call (`client.get_user(req).timeout(d).await`) or build
/// one value and apply it to many calls with [`Call::options`].
#[derive(Clone, Default)]
pub struct RequestOptions {
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_retries: Option<u32>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Adds a header to the request. The first header of a name replaces
    /// one the SDK would send (`User-Agent`, say); more of the same name are
    /// sent too. An invalid name or value fails the call before it is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The timeout of each attempt of this request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A deadline for the whole request, retries and waits included.
    pub fn total_timeout(mut self, total: Duration) -> Self {
        self.total_timeout = Some(total);
        self
    }

    /// How many times this request may be retried (0 disables retries).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be secrets: show only the names.
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

/// One API call, ready to send: await it (or call [`Call::send`]).
///
/// Every generated client method returns a `Call`; per-request options are
/// methods on it:
///
/// ```no_run
/// use std::time::Duration;
/// # use rest_sdk_runtime::{Call, Error};
/// # async fn example<Req, Resp>(call: Call<Req, Resp>) -> Result<(), Error>
/// # where Resp: serde::de::DeserializeOwned + Send + 'static {
/// // `call` is what a generated method returns, e.g.
/// // `client.get_user(GetUserRequest::new().with_id("user_..."))`.
/// let user = call
///     .timeout(Duration::from_secs(5))
///     .max_retries(0)
///     .await?;
/// # Ok(())
/// # }
/// ```
///
/// Nothing is sent until the call is awaited. Failed attempts are retried
/// as [`ClientBuilder::max_retries`](super::ClientBuilder::max_retries)
/// describes (connection failures and 429/503 always; 408/500/502/504,
/// resets and timeouts only for `GET`, `PUT` and `DELETE`, which are safe to
/// repeat). List operations also offer [`Call::items`] and [`Call::pages`].
#[must_use = "a Call does nothing until it is awaited"]
pub struct Call<Req: 'static, Resp> {
    pub(crate) client: Client,
    pub(crate) operation: &'static Operation<Req>,
    pub(crate) request: Req,
    pub(crate) options: RequestOptions,
    response: PhantomData<fn() -> Resp>,
}

impl<Req: 'static, Resp> Call<Req, Resp> {
    /// A call of `operation` with `request` (used by generated code).
    #[doc(hidden)]
    pub fn new<C: ApiClient>(client: &C, operation: &'static Operation<Req>, request: Req) -> Self {
        Call {
            client: client.client().clone(),
            operation,
            request,
            options: RequestOptions::default(),
            response: PhantomData,
        }
    }

    /// Adds a header to this request (see [`RequestOptions::header`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options = self.options.header(name, value);
        self
    }

    /// The timeout of each attempt of this request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// A deadline for this whole request, retries and waits included.
    pub fn total_timeout(mut self, total: Duration) -> Self {
        self.options.total_timeout = Some(total);
        self
    }

    /// How many times this request may be retried (0 disables retries).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.options.max_retries = Some(max_retries);
        self
    }

    /// Applies `options` on top of what was set on this call so far:
    /// their headers are added after the call's, and each of their
    /// settings that is set replaces the call's. Later calls win, so
    /// `.options(defaults).timeout(t)` overrides the defaults' timeout.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options.headers.extend(options.headers);
        self.options.timeout = options.timeout.or(self.options.timeout);
        self.options.total_timeout = options.total_timeout.or(self.options.total_timeout);
        self.options.max_retries = options.max_retries.or(self.options.max_retries);
        self
    }

    /// The request message.
    pub fn request(&self) -> &Req {
        &self.request
    }

    /// The request message, to change it before sending.
    pub fn request_mut(&mut self) -> &mut Req {
        &mut self.request
    }

    /// The operation's name (`"GetOrganization"`).
    pub fn operation_name(&self) -> &'static str {
        self.operation.name
    }

    /// Encodes the request into an HTTP request ready to send.
    pub(crate) fn prepare(&self) -> Result<Prepared, Error> {
        prepare(&self.client, self.operation, &self.request, &self.options)
            .map_err(|error| error.with_operation(self.operation.names()))
    }
}

impl<Req: 'static, Resp> Call<Req, Resp>
where
    Resp: DeserializeOwned + Send + 'static,
{
    /// Sends the request; the same as awaiting the call.
    pub fn send(self) -> ResponseFuture<Resp> {
        self.into_future()
    }
}

impl<Req: 'static, Resp> Call<Req, Resp>
where
    Resp: DeserializeOwned + Send + 'static,
{
    /// Sends the request; the response comes with its HTTP status, headers
    /// and number of attempts.
    ///
    /// ```no_run
    /// # use rest_sdk_runtime::{Call, Error};
    /// # async fn example<Req, Resp>(call: Call<Req, Resp>) -> Result<(), Error>
    /// # where Resp: serde::de::DeserializeOwned + Send + 'static {
    /// let (response, metadata) = call.with_metadata().await?;
    /// let request_id = metadata.header("x-request-id");
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_metadata(self) -> ResponseFuture<(Resp, ResponseMetadata)> {
        let prepared = self.prepare();
        let client = self.client;
        Box::pin(async move { fetch_with_metadata(&client, prepared?).await })
    }
}

impl<Req: 'static, Resp> IntoFuture for Call<Req, Resp>
where
    Resp: DeserializeOwned + Send + 'static,
{
    type Output = Result<Resp, Error>;
    type IntoFuture = ResponseFuture<Resp>;

    fn into_future(self) -> Self::IntoFuture {
        let prepared = self.prepare();
        let client = self.client;
        Box::pin(async move { fetch(&client, prepared?).await })
    }
}

impl<Req: fmt::Debug + 'static, Resp> fmt::Debug for Call<Req, Resp> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation.name)
            .field("request", &self.request)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Sends a prepared request and decodes the response.
pub(crate) async fn fetch<Resp: DeserializeOwned + 'static>(
    client: &Client,
    prepared: Prepared,
) -> Result<Resp, Error> {
    fetch_with_metadata(client, prepared)
        .await
        .map(|(response, _)| response)
}

/// Sends a prepared request and decodes the response, keeping its metadata.
pub(crate) async fn fetch_with_metadata<Resp: DeserializeOwned + 'static>(
    client: &Client,
    mut prepared: Prepared,
) -> Result<(Resp, ResponseMetadata), Error> {
    if tokio::runtime::Handle::try_current().is_err() {
        return Err(Error::config(
            "calls must run inside a tokio runtime (or use the `blocking` feature)",
        )
        .with_operation(prepared.operation));
    }
    let operation = prepared.operation;
    let http = match &client.inner.backend {
        Backend::Http(http) => http,
        Backend::Stub(_) => return stubbed(prepared.stubbed.take(), operation),
    };
    let success = transport::execute(&client.inner, http, prepared).await?;
    let response = decode(&success.body, success.status).map_err(|error| {
        error
            .with_operation(operation)
            .with_attempts(success.attempts)
    })?;
    let metadata = ResponseMetadata::new(success.status, success.headers, success.attempts);
    Ok((response, metadata))
}

/// The response a stub's handler returned, as one successful attempt.
fn stubbed<Resp: 'static>(
    answer: Option<Answer>,
    operation: OperationNames,
) -> Result<(Resp, ResponseMetadata), Error> {
    let answer = answer.ok_or_else(|| {
        Error::config("the stub did not answer this call").with_operation(operation)
    })?;
    let response = answer.map_err(|error| error.with_operation(operation).with_attempts(1))?;
    let response = response.downcast::<Resp>().map_err(|_| {
        Error::config(format!(
            "the stub's handler of {} returns another response type",
            operation.name
        ))
        .with_operation(operation)
    })?;
    Ok((*response, ResponseMetadata::new(200, HeaderMap::new(), 1)))
}

/// Decodes a 2xx body (a message only from a JSON object, see
/// [`json::from_slice`]); an empty body decodes as `{}`.
fn decode<Resp: DeserializeOwned>(body: &[u8], status: u16) -> Result<Resp, Error> {
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    json::from_slice_message(json).map_err(|e| Error::decode(status, body, e))
}

/// Encodes `request` for `operation` and applies the client's and the
/// call's settings.
pub(crate) fn prepare<Req: 'static>(
    client: &Client,
    operation: &'static Operation<Req>,
    request: &Req,
    options: &RequestOptions,
) -> Result<Prepared, Error> {
    let inner = &client.inner;
    let mut parts = RequestParts::new();
    (operation.encode)(request, &mut parts)?;
    let encoded = parts.finish()?;

    let mut url =
        String::with_capacity(inner.base_url.len() + encoded.path.len() + 1 + encoded.query.len());
    url.push_str(&inner.base_url);
    url.push_str(&encoded.path);
    if !encoded.query.is_empty() {
        url.push('?');
        url.push_str(&encoded.query);
    }
    let url = reqwest::Url::parse(&url)
        .map_err(|e| Error::invalid_request(format!("the request URL is invalid: {e}")))?;

    let mut headers = encoded.headers;
    if let Some(authorization) = &inner.authorization {
        headers.insert(header::AUTHORIZATION, authorization.clone());
    }
    headers.insert(header::USER_AGENT, inner.user_agent.clone());
    headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    if encoded.body.is_some() {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    let mut replaced: Vec<HeaderName> = Vec::new();
    for (name, value) in &options.headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::invalid_request(format!(
                "request option header `{name}` is not a valid header name"
            ))
        })?;
        let mut value = HeaderValue::from_str(value).map_err(|_| {
            Error::invalid_request(format!(
                "request option header `{name}` has a value that cannot be sent in a header"
            ))
        })?;
        if name == header::AUTHORIZATION || name == header::PROXY_AUTHORIZATION {
            value.set_sensitive(true);
        }
        // The first option of a name replaces the SDK's value; later ones add to it.
        if replaced.contains(&name) {
            headers.append(name, value);
        } else {
            replaced.push(name.clone());
            headers.insert(name, value);
        }
    }

    let mut settings = inner.settings;
    if let Some(timeout) = options.timeout {
        settings.timeout = timeout;
    }
    if let Some(total) = options.total_timeout {
        settings.total_timeout = Some(total);
    }
    if let Some(max_retries) = options.max_retries {
        settings.max_retries = max_retries;
    }
    let stubbed = match &inner.backend {
        Backend::Http(_) => None,
        Backend::Stub(routes) => Some(routes.answer(operation, request)),
    };
    Ok(Prepared {
        operation: operation.names(),
        method: operation.method,
        path_template: operation.path_template,
        url,
        headers,
        body: encoded.body,
        settings,
        stubbed,
    })
}
