//! The API client, [`Client`], and its [`ClientBuilder`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::error::Error;

/// The base URL of Tesseral's hosted Backend API.
pub const DEFAULT_BASE_URL: &str = "https://api.tesseral.com";

/// The environment variables the API key is read from, first one set wins.
pub const API_KEY_ENV_VARS: [&str; 2] = ["TESSERAL_API_KEY", "TESSERAL_BACKEND_API_KEY"];

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("tesseral-rust/", env!("CARGO_PKG_VERSION"));

/// A client of the Tesseral Backend API.
///
/// Cheap to clone (clones share one connection pool and configuration) and
/// safe to share between tasks and threads. Every API operation is a method
/// returning a [`Call`](super::Call): await it to send the request.
///
/// ```no_run
/// # async fn demo() -> Result<(), tesseral::Error> {
/// // Reads TESSERAL_API_KEY, else TESSERAL_BACKEND_API_KEY.
/// let client = tesseral::Client::from_env()?;
/// // Or explicitly, with options:
/// let client = tesseral::Client::builder()
///     .api_key("tesseral_secret_key_...")
///     .base_url("https://auth.example.com/api/backend") // self-hosted
///     .max_retries(4)
///     .timeout(std::time::Duration::from_secs(20))
///     .build()?;
/// # Ok(()) }
/// ```
///
/// # Defaults
///
/// | setting | default |
/// |---|---|
/// | base URL | `https://api.tesseral.com` |
/// | retries | 2 (3 attempts in all); see [`ClientBuilder::max_retries`] |
/// | backoff | full jitter, 500 ms doubling up to 8 s |
/// | `Retry-After` honoured up to | 60 s |
/// | per-attempt timeout | 60 s |
/// | connect timeout | 10 s |
/// | total timeout across retries | none (bounded by attempts × timeouts) |
///
/// # Testing code that uses the client
///
/// Point the client at a local mock server (for example the `wiremock`
/// crate) with [`ClientBuilder::for_testing`]: any API key, no retries, no
/// environment lookup.
///
/// ```no_run
/// # async fn demo() -> Result<(), tesseral::Error> {
/// let server = wiremock::MockServer::start().await;
/// wiremock::Mock::given(wiremock::matchers::path("/v1/organizations/org_1"))
///     .respond_with(wiremock::ResponseTemplate::new(200).set_body_string(r#"{"organization":{"id":"org_1"}}"#))
///     .mount(&server)
///     .await;
/// let client = tesseral::ClientBuilder::for_testing(&server.uri()).build()?;
/// // ... call the code under test with `client` ...
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
}

/// What a [`Client`] shares between its clones.
pub(crate) struct ClientInner {
    /// The HTTP client (connection pool).
    pub http: reqwest::Client,
    /// The base URL without a trailing slash.
    pub base_url: String,
    /// `Bearer <key>`, marked sensitive.
    pub authorization: HeaderValue,
    /// Retry and timeout settings.
    pub settings: Settings,
}

/// Retry and timeout settings of a client.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    pub max_retries: u32,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    pub max_retry_after: Duration,
    pub timeout: Duration,
    pub total_timeout: Option<Duration>,
    /// The connect timeout, when the SDK built the HTTP client itself.
    pub connect_timeout: Option<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            timeout: Duration::from_secs(60),
            total_timeout: None,
            connect_timeout: Some(Duration::from_secs(10)),
        }
    }
}

impl Client {
    /// A client for the hosted API with this key (other settings default).
    ///
    /// Fails if the key is empty or cannot be sent in a header (whitespace,
    /// control or non-ASCII characters).
    pub fn new(api_key: impl Into<String>) -> Result<Client, Error> {
        Client::builder().api_key(api_key).build()
    }

    /// A client whose key comes from `TESSERAL_API_KEY`, else
    /// `TESSERAL_BACKEND_API_KEY` (empty variables count as unset).
    pub fn from_env() -> Result<Client, Error> {
        Client::builder().build()
    }

    /// A builder to configure a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.inner.settings;
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &"<redacted>")
            .field("max_retries", &settings.max_retries)
            .field("timeout", &settings.timeout)
            .field("total_timeout", &settings.total_timeout)
            .finish_non_exhaustive()
    }
}

/// Configures and builds a [`Client`].
///
/// Everything has a default (see [`Client`]); only the API key must come from
/// somewhere: [`ClientBuilder::api_key`] or the environment.
#[derive(Clone)]
pub struct ClientBuilder {
    api_key: Option<String>,
    read_env: bool,
    base_url: String,
    http: Option<reqwest::Client>,
    settings: Settings,
    connect_timeout: Duration,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// A builder with every default.
    pub fn new() -> Self {
        ClientBuilder {
            api_key: None,
            read_env: true,
            base_url: DEFAULT_BASE_URL.to_owned(),
            http: None,
            settings: Settings::default(),
            connect_timeout: Duration::from_secs(10),
        }
    }

    /// A builder for tests against a local mock server at `base_url`: API
    /// key `"test"`, no retries, no environment lookup. Chain more settings
    /// as needed.
    pub fn for_testing(base_url: &str) -> Self {
        ClientBuilder::new()
            .base_url(base_url)
            .api_key("test")
            .max_retries(0)
    }

    /// The secret API key (`tesseral_secret_key_...`), sent as a bearer
    /// token. Without it, [`ClientBuilder::build`] reads the environment.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self.read_env = false;
        self
    }

    /// Where the API is: `https://api.tesseral.com` by default; for a
    /// self-hosted deployment `https://HOST/api/backend` (the path prefix is
    /// kept; trailing slashes do not matter). Must be `http` or `https`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Uses this `reqwest` client (for proxies, custom root certificates,
    /// ...). Its own timeouts and redirect policy apply; the builder's
    /// [`connect_timeout`](ClientBuilder::connect_timeout) is then unused.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How many times a failed request may be retried (default 2; 0
    /// disables retries). Only failures that are safe to retry are: see
    /// [`Call`](super::Call).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.settings.max_retries = max_retries;
        self
    }

    /// The backoff between retries: a random wait between zero and
    /// `initial × 2^retry`, capped at `max` (defaults 500 ms and 8 s).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.settings.initial_backoff = initial;
        self.settings.max_backoff = max.max(initial);
        self
    }

    /// The longest `Retry-After` the client waits for (default 60 s). A
    /// server asking for a longer wait gets no retry: the error is returned
    /// at once, with [`Error::retry_after`] set.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.settings.max_retry_after = max;
        self
    }

    /// The timeout of one attempt, from sending the request to the end of
    /// the response body (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// A deadline for a whole call, retries and waits included (default
    /// none). No retry starts that would wait past it.
    pub fn total_timeout(mut self, total: Duration) -> Self {
        self.settings.total_timeout = Some(total);
        self
    }

    /// The timeout for opening a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Builds the client. Fails on a missing or malformed API key, a base
    /// URL that is not `http(s)`, or an HTTP client that cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let api_key = match (self.api_key, self.read_env) {
            (Some(key), _) => ApiKey {
                key,
                source: "the API key",
            },
            (None, true) => key_from_env(|name| std::env::var(name))?,
            (None, false) => return Err(missing_key()),
        };
        let authorization = api_key.header_value()?;
        let base_url = parse_base_url(&self.base_url)?;
        let mut settings = self.settings;
        let http = match self.http {
            Some(http) => {
                settings.connect_timeout = None;
                http
            }
            None => {
                settings.connect_timeout = Some(self.connect_timeout);
                reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(|e| Error::config(format!("the HTTP client cannot be set up: {e}")))?
            }
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                base_url,
                authorization,
                settings,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// An API key and where it came from (for error messages).
struct ApiKey {
    key: String,
    source: &'static str,
}

impl ApiKey {
    /// `Bearer <key>` as a sensitive header value, or why the key is malformed.
    fn header_value(&self) -> Result<HeaderValue, Error> {
        let problem = if self.key.is_empty() {
            Some("is empty")
        } else if self.key.chars().any(char::is_whitespace) {
            Some("contains whitespace")
        } else if self.key.chars().any(|c| c.is_ascii_control()) {
            Some("contains a control character")
        } else if !self.key.is_ascii() {
            Some("contains a non-ASCII character")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(Error::config(format!(
                "{} {problem}, so it cannot be a bearer token",
                self.source
            )));
        }
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.key)).map_err(|_| {
            Error::config(format!(
                "{} contains characters that cannot be sent in a header",
                self.source
            ))
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

fn missing_key() -> Error {
    Error::config(format!(
        "no API key: set {} or {}, or pass one to Client::new / ClientBuilder::api_key",
        API_KEY_ENV_VARS[0], API_KEY_ENV_VARS[1]
    ))
}

/// The key from the first of [`API_KEY_ENV_VARS`] that is set and not empty.
fn key_from_env(
    lookup: impl Fn(&str) -> Result<String, std::env::VarError>,
) -> Result<ApiKey, Error> {
    for (name, source) in API_KEY_ENV_VARS.iter().zip([
        "the API key in TESSERAL_API_KEY",
        "the API key in TESSERAL_BACKEND_API_KEY",
    ]) {
        match lookup(name) {
            Ok(key) if key.is_empty() => continue,
            Ok(key) => return Ok(ApiKey { key, source }),
            Err(std::env::VarError::NotPresent) => continue,
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::config(format!(
                    "{source} is not valid Unicode, so it cannot be a bearer token"
                )));
            }
        }
    }
    Err(missing_key())
}

/// Checks a base URL and returns it without trailing slashes.
fn parse_base_url(base_url: &str) -> Result<String, Error> {
    let url = reqwest::Url::parse(base_url.trim())
        .map_err(|e| Error::config(format!("the base URL is not a valid URL: {e}")))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(Error::config(format!(
            "the base URL must use http or https, not `{}`",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::config("the base URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "the base URL must not contain credentials; use the API key",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(
            "the base URL must not have a query string or fragment",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}
