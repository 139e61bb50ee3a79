//! The client core every generated API client wraps: [`Client`], its
//! [`ClientBuilder`], and what an API tells them ([`ClientConfig`],
//! [`ApiClient`]).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::error::Error;
use super::testing::Routes;

/// How an API authenticates its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// No credentials are sent.
    None,
    /// The API key is sent as `Authorization: Bearer <key>`.
    Bearer,
}

/// What a generated client tells the runtime about its API: its name, where
/// it is served, how it authenticates and the `User-Agent` to send.
///
/// Built in a `const` by generated code:
///
/// ```
/// use rest_sdk_runtime::ClientConfig;
///
/// const CONFIG: ClientConfig = ClientConfig::new("Example API", "example-sdk/1.0")
///     .base_url("https://api.example.com")
///     .bearer(&["EXAMPLE_API_KEY"]);
/// assert_eq!(CONFIG.default_base_url(), Some("https://api.example.com"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ClientConfig {
    api: &'static str,
    user_agent: &'static str,
    base_url: Option<&'static str>,
    auth: Auth,
    api_key_env: &'static [&'static str],
}

impl ClientConfig {
    /// An API called `api` (for messages: `"Example API"`) whose requests
    /// carry `user_agent`; no default base URL, no authentication.
    pub const fn new(api: &'static str, user_agent: &'static str) -> Self {
        ClientConfig {
            api,
            user_agent,
            base_url: None,
            auth: Auth::None,
            api_key_env: &[],
        }
    }

    /// Where the API is served unless [`ClientBuilder::base_url`] says
    /// otherwise.
    pub const fn base_url(mut self, base_url: &'static str) -> Self {
        self.base_url = Some(base_url);
        self
    }

    /// The API takes a bearer token; without [`ClientBuilder::api_key`] it
    /// is read from the first of `env` that is set and not empty.
    pub const fn bearer(mut self, env: &'static [&'static str]) -> Self {
        self.auth = Auth::Bearer;
        self.api_key_env = env;
        self
    }

    /// The API's name.
    pub const fn api(&self) -> &'static str {
        self.api
    }

    /// The `User-Agent` every request carries.
    pub const fn user_agent(&self) -> &'static str {
        self.user_agent
    }

    /// The default base URL, if the API has one.
    pub const fn default_base_url(&self) -> Option<&'static str> {
        self.base_url
    }

    /// How requests authenticate.
    pub const fn auth(&self) -> Auth {
        self.auth
    }

    /// The environment variables the API key is read from, first one set wins.
    pub const fn api_key_env(&self) -> &'static [&'static str] {
        self.api_key_env
    }
}

/// An API's own client type, as generated: a wrapper of [`Client`] that
/// carries the API's operations as methods and its [`ClientConfig`].
///
/// Generated code implements it; [`ClientBuilder<C>`] builds any `C`, and
/// [`Call::new`](super::Call::new) takes any `C`.
pub trait ApiClient: Sized {
    /// The API's settings.
    const CONFIG: ClientConfig;

    /// Wraps a client core built for this API.
    fn from_client(client: Client) -> Self;

    /// The client core.
    fn client(&self) -> &Client;
}

/// The client core: connection pool, base URL, credentials and settings of
/// one API client. Cheap to clone (clones share it) and safe to share between
/// tasks and threads.
///
/// Users hold the API's own client type (an [`ApiClient`]), which wraps this.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
}

/// Where a client's calls go.
pub(crate) enum Backend {
    /// Over HTTP, through this client (connection pool).
    Http(reqwest::Client),
    /// To a test's stub (see [`crate::testing`]).
    Stub(Arc<Routes>),
}

/// What a [`Client`] shares between its clones.
pub(crate) struct ClientInner {
    /// Where calls go.
    pub backend: Backend,
    /// The base URL without a trailing slash.
    pub base_url: String,
    /// `Bearer <key>`, marked sensitive; `None` for an API without auth.
    pub authorization: Option<HeaderValue>,
    /// The `User-Agent` header.
    pub user_agent: HeaderValue,
    /// The API's name, for tracing.
    pub api: &'static str,
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
    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.inner.settings;
        let mut s = f.debug_struct("Client");
        s.field("base_url", &self.inner.base_url);
        if let Backend::Stub(_) = self.inner.backend {
            s.field("stub", &true);
        }
        if self.inner.authorization.is_some() {
            s.field("api_key", &"<redacted>");
        }
        s.field("max_retries", &settings.max_retries)
            .field("timeout", &settings.timeout)
            .field("total_timeout", &settings.total_timeout)
            .finish_non_exhaustive()
    }
}

/// Configures and builds an API's client `C`.
///
/// Everything has a default; only the API key (for an API that takes one)
/// must come from somewhere: [`ClientBuilder::api_key`] or the environment
/// variables of the API's [`ClientConfig`]; and the base URL, for an API
/// whose description names none.
///
/// | setting | default |
/// |---|---|
/// | base URL | the API's ([`ClientConfig::default_base_url`]) |
/// | retries | 2 (3 attempts in all); see [`ClientBuilder::max_retries`] |
/// | backoff | full jitter, 500 ms doubling up to 8 s |
/// | `Retry-After` honoured up to | 60 s |
/// | per-attempt timeout | 60 s |
/// | connect timeout | 10 s |
/// | total timeout across retries | none (bounded by attempts × timeouts) |
pub struct ClientBuilder<C> {
    api_key: Option<String>,
    read_env: bool,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    settings: Settings,
    connect_timeout: Duration,
    client: PhantomData<fn() -> C>,
}

impl<C: ApiClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        ClientBuilder {
            api_key: self.api_key.clone(),
            read_env: self.read_env,
            base_url: self.base_url.clone(),
            http: self.http.clone(),
            settings: self.settings,
            connect_timeout: self.connect_timeout,
            client: PhantomData,
        }
    }
}

impl<C: ApiClient> ClientBuilder<C> {
    /// A builder with every default.
    pub fn new() -> Self {
        ClientBuilder {
            api_key: None,
            read_env: true,
            base_url: None,
            http: None,
            settings: Settings::default(),
            connect_timeout: Duration::from_secs(10),
            client: PhantomData,
        }
    }

    /// A builder for tests against a local mock server at `base_url`: no
    /// retries and no environment lookup. For an API that takes a key, the
    /// key is `"test"`, so requests carry `Authorization: Bearer test`; a
    /// mock that checks the key expects that, or chain
    /// [`.api_key(..)`](ClientBuilder::api_key) to send another. Chain more
    /// settings as needed. (To test code without any server, use the
    /// generated crate's `testing::Stub`.)
    pub fn for_testing(base_url: &str) -> Self {
        let builder = ClientBuilder::new().base_url(base_url).max_retries(0);
        match C::CONFIG.auth {
            Auth::Bearer => builder.api_key("test"),
            Auth::None => ClientBuilder {
                read_env: false,
                ..builder
            },
        }
    }

    /// The secret API key, sent as a bearer token. Without it,
    /// [`ClientBuilder::build`] reads the environment.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self.read_env = false;
        self
    }

    /// Where the API is (the path prefix is kept; trailing slashes do not
    /// matter), instead of the API's default. Must be `http` or `https`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
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

    /// Builds the client. Fails on a missing or malformed API key (or a key
    /// given to an API that takes none), a missing base URL or one that is
    /// not `http(s)`, or an HTTP client that cannot be set up.
    pub fn build(self) -> Result<C, Error> {
        let config = C::CONFIG;
        let authorization = match config.auth {
            Auth::None => {
                if self.api_key.is_some() {
                    return Err(Error::config(format!(
                        "the {} takes no API key",
                        config.api
                    )));
                }
                None
            }
            Auth::Bearer => {
                let api_key = match (self.api_key, self.read_env) {
                    (Some(key), _) => ApiKey {
                        key,
                        source: "the API key".to_owned(),
                    },
                    (None, true) => key_from_env(&config, |name| std::env::var(name))?,
                    (None, false) => return Err(missing_key(&config)),
                };
                Some(api_key.header_value()?)
            }
        };
        let user_agent = HeaderValue::from_str(config.user_agent).map_err(|_| {
            Error::config(format!(
                "the User-Agent `{}` cannot be sent in a header",
                config.user_agent.escape_debug()
            ))
        })?;
        let base_url = match self.base_url.as_deref().or(config.base_url) {
            Some(url) => parse_base_url(url)?,
            None => {
                return Err(Error::config(format!(
                    "no base URL: the {} has no default one; set it with ClientBuilder::base_url",
                    config.api
                )));
            }
        };
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
        Ok(C::from_client(Client {
            inner: Arc::new(ClientInner {
                backend: Backend::Http(http),
                base_url,
                authorization,
                user_agent,
                api: config.api,
                settings,
            }),
        }))
    }
}

impl<C: ApiClient> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url.as_deref().or(C::CONFIG.base_url))
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// An API key and where it came from (for error messages).
struct ApiKey {
    key: String,
    source: String,
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

fn missing_key(config: &ClientConfig) -> Error {
    let env = match config.api_key_env {
        [] => String::new(),
        [one] => format!("set {one}, or "),
        [first @ .., last] => format!("set {} or {last}, or ", first.join(", ")),
    };
    Error::config(format!(
        "no API key: {env}pass one to Client::new / ClientBuilder::api_key"
    ))
}

/// The key from the first of the API's key variables that is set and not
/// empty.
fn key_from_env(
    config: &ClientConfig,
    lookup: impl Fn(&str) -> Result<String, std::env::VarError>,
) -> Result<ApiKey, Error> {
    for name in config.api_key_env {
        let source = format!("the API key in {name}");
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
    Err(missing_key(config))
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
