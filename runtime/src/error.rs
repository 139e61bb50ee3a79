//! The one error type of the SDK, [`Error`], and what it tells apart.
//!
//! Every fallible function of the SDK returns [`Error`]. It is a single boxed
//! pointer (so `Result<T, Error>` stays small); [`Error::kind`] says which of
//! the [`ErrorKind`]s happened and the accessors give the details: the HTTP
//! status, the API's gRPC-style [`Code`], its stable machine-readable message
//! (`not_found`, ...), the human description, the operation name and the
//! number of attempts made. No error ever contains the API key.

use std::fmt;
use std::time::Duration;

use crate::request::OperationNames;

/// How many characters of a response body an error keeps.
const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong calling an API.
///
/// Match on [`Error::kind`] to tell the cases apart, or use the shortcuts
/// ([`Error::is_not_found`], [`Error::is_timeout`], [`Error::status`], ...).
/// `Display` gives one line that says what happened; it never contains the
/// API key.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    repr: Repr,
    operation: Option<OperationNames>,
    attempts: u32,
}

#[derive(Debug)]
enum Repr {
    Config(String),
    InvalidRequest(String),
    Transport(BoxError),
    Timeout {
        what: &'static str,
        after: Option<Duration>,
    },
    Api(ApiError),
    Decode {
        status: u16,
        snippet: String,
        source: serde_json::Error,
    },
    Pagination(String),
}

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Which kind of failure an [`Error`] is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The client is misconfigured: no or malformed API key, bad base URL,
    /// no tokio runtime to run on. Nothing was sent.
    Config,
    /// The request could not be built (for example an empty ID in the path).
    /// Nothing was sent.
    InvalidRequest,
    /// The HTTP exchange failed: connection refused or reset, DNS failure,
    /// TLS failure, a response body cut short.
    Transport,
    /// An attempt or the whole call took longer than its timeout.
    Timeout,
    /// The server answered with a non-2xx status; see [`Error::api`].
    Api,
    /// A 2xx response body could not be decoded into the response type.
    Decode,
    /// A paginated listing went wrong (the server repeated a page token).
    Pagination,
}

/// The gRPC-style status code carried by an API error body.
///
/// APIs following Google's API design derive the HTTP status from this code
/// (`NotFound` is 404, `InvalidArgument` 400, ...).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// 0: not an error.
    Ok = 0,
    /// 1: the operation was cancelled.
    Cancelled = 1,
    /// 2: an unknown error.
    Unknown = 2,
    /// 3: the client sent an invalid argument.
    InvalidArgument = 3,
    /// 4: the deadline expired before the operation could complete.
    DeadlineExceeded = 4,
    /// 5: the requested entity was not found.
    NotFound = 5,
    /// 6: the entity the client tried to create already exists.
    AlreadyExists = 6,
    /// 7: the caller may not perform this operation.
    PermissionDenied = 7,
    /// 8: a resource (such as a rate limit) is exhausted.
    ResourceExhausted = 8,
    /// 9: the system is not in a state required for the operation.
    FailedPrecondition = 9,
    /// 10: the operation was aborted (for example by a concurrency conflict).
    Aborted = 10,
    /// 11: the operation was attempted past the valid range.
    OutOfRange = 11,
    /// 12: the operation is not implemented.
    Unimplemented = 12,
    /// 13: an internal server error.
    Internal = 13,
    /// 14: the service is currently unavailable.
    Unavailable = 14,
    /// 15: unrecoverable data loss or corruption.
    DataLoss = 15,
    /// 16: the request has no valid credentials.
    Unauthenticated = 16,
}

const CODES: [(Code, &str); 17] = [
    (Code::Ok, "OK"),
    (Code::Cancelled, "CANCELLED"),
    (Code::Unknown, "UNKNOWN"),
    (Code::InvalidArgument, "INVALID_ARGUMENT"),
    (Code::DeadlineExceeded, "DEADLINE_EXCEEDED"),
    (Code::NotFound, "NOT_FOUND"),
    (Code::AlreadyExists, "ALREADY_EXISTS"),
    (Code::PermissionDenied, "PERMISSION_DENIED"),
    (Code::ResourceExhausted, "RESOURCE_EXHAUSTED"),
    (Code::FailedPrecondition, "FAILED_PRECONDITION"),
    (Code::Aborted, "ABORTED"),
    (Code::OutOfRange, "OUT_OF_RANGE"),
    (Code::Unimplemented, "UNIMPLEMENTED"),
    (Code::Internal, "INTERNAL"),
    (Code::Unavailable, "UNAVAILABLE"),
    (Code::DataLoss, "DATA_LOSS"),
    (Code::Unauthenticated, "UNAUTHENTICATED"),
];

impl Code {
    /// The code with this number, if it is one of the 17 gRPC codes.
    pub fn from_number(number: i64) -> Option<Code> {
        let index = usize::try_from(number).ok()?;
        CODES.get(index).map(|(code, _)| *code)
    }

    /// The code's number (`NotFound` is 5).
    pub fn number(self) -> i32 {
        self as i32
    }

    /// The HTTP status a server following Google's API design (such as
    /// grpc-gateway) answers this code with: `NotFound` 404,
    /// `InvalidArgument` 400, `Unauthenticated` 401, ...
    pub fn http_status(self) -> u16 {
        match self {
            Code::Ok => 200,
            Code::Cancelled => 499,
            Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => 400,
            Code::Unauthenticated => 401,
            Code::PermissionDenied => 403,
            Code::NotFound => 404,
            Code::AlreadyExists | Code::Aborted => 409,
            Code::ResourceExhausted => 429,
            Code::Unimplemented => 501,
            Code::Unavailable => 503,
            Code::DeadlineExceeded => 504,
            Code::Unknown | Code::Internal | Code::DataLoss => 500,
        }
    }

    /// The code's canonical name (`"NOT_FOUND"`).
    pub fn name(self) -> &'static str {
        CODES
            .iter()
            .find(|(code, _)| *code == self)
            .map_or("UNKNOWN", |(_, name)| name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A non-2xx answer from the server, decoded as far as it goes.
///
/// Protobuf-based APIs answer errors with a `google.rpc.Status` JSON body:
/// `{"code": 5, "message": "not_found", "details": [{"@type":
/// "type.googleapis.com/example.v1.ErrorDetail", "description":
/// "organization not found"}]}`; the description (and documentation link)
/// is taken from the first detail that has one. Proxies in front of an API
/// may answer with an HTML page or nothing at all, and other APIs with
/// bodies of their own; then only the status and a snippet of the body are
/// known.
#[derive(Clone, Debug)]
pub struct ApiError {
    status: u16,
    code: Option<i64>,
    message: Option<String>,
    description: Option<String>,
    docs_link: Option<String>,
    details: Vec<serde_json::Value>,
    body_snippet: Option<String>,
    retry_after: Option<Duration>,
}

impl ApiError {
    /// Decodes an error response. Never fails: a body that is not a status
    /// object is kept as a snippet.
    pub(crate) fn from_response(status: u16, body: &[u8], retry_after: Option<Duration>) -> Self {
        let mut error = ApiError {
            status,
            code: None,
            message: None,
            description: None,
            docs_link: None,
            details: Vec::new(),
            body_snippet: None,
            retry_after,
        };
        let parsed = serde_json::from_slice::<serde_json::Value>(body).ok();
        let Some(serde_json::Value::Object(object)) = parsed else {
            error.body_snippet = Some(snippet(body)).filter(|s| !s.is_empty());
            return error;
        };
        error.code = object.get("code").and_then(as_integer);
        error.message = object
            .get("message")
            .and_then(serde_json::Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if let Some(serde_json::Value::Array(details)) = object.get("details") {
            error.details = details.clone();
        }
        for detail in &error.details {
            let text = |key: &str| {
                detail
                    .get(key)
                    .and_then(serde_json::Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            error.description = error.description.take().or_else(|| text("description"));
            error.docs_link = error
                .docs_link
                .take()
                .or_else(|| text("docsLink"))
                .or_else(|| text("docs_link"));
        }
        if error.code.is_none() && error.message.is_none() {
            error.body_snippet = Some(snippet(body));
        }
        error
    }

    /// An error answer as a server following Google's API design sends it,
    /// for tests (a stub's handler returns `Err(ApiError::new(..).into())`):
    /// the HTTP status of `code`, the stable `message` (`"not_found"`).
    ///
    /// ```
    /// use rest_sdk_runtime::{ApiError, Code, Error};
    ///
    /// let error: Error = ApiError::new(Code::NotFound, "not_found")
    ///     .with_description("user not found")
    ///     .into();
    /// assert!(error.is_not_found());
    /// assert_eq!(error.status(), Some(404));
    /// assert_eq!(error.api_message(), Some("not_found"));
    /// ```
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        ApiError {
            status: code.http_status(),
            code: Some(i64::from(code.number())),
            message: Some(message.into()).filter(|m| !m.is_empty()),
            description: None,
            docs_link: None,
            details: Vec::new(),
            body_snippet: None,
            retry_after: None,
        }
    }

    /// The same error with this human description.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into()).filter(|d| !d.is_empty());
        self
    }

    /// The same error with another HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The same error asking to wait this long before a retry.
    pub fn with_retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    /// The HTTP status code (404, 502, ...).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The gRPC-style code from the body, when it is one of the known codes.
    pub fn code(&self) -> Option<Code> {
        self.code.and_then(Code::from_number)
    }

    /// The numeric code from the body as sent, known or not.
    pub fn code_number(&self) -> Option<i64> {
        self.code
    }

    /// The stable, machine-matchable message (`"not_found"`,
    /// `"unauthenticated_api_key"`, ...).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The human description: the `description` of the first detail that
    /// has one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The documentation link: the `docsLink` of the first detail that has
    /// one.
    pub fn docs_link(&self) -> Option<&str> {
        self.docs_link.as_deref()
    }

    /// Every entry of the body's `details`, as raw JSON.
    pub fn details(&self) -> &[serde_json::Value] {
        &self.details
    }

    /// The start of the body, when it was not a JSON status object (an HTML
    /// page from a proxy, say). `None` for an empty body.
    pub fn body_snippet(&self) -> Option<&str> {
        self.body_snippet.as_deref()
    }

    /// How long the server asked to wait (`Retry-After`), if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(reason) = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            write!(f, " {reason}")?;
        }
        match (self.code, self.code()) {
            (Some(_), Some(code)) => write!(f, ", code {} ({code})", code.number())?,
            (Some(number), None) => write!(f, ", code {number}")?,
            _ => {}
        }
        if let Some(message) = &self.message {
            write!(f, ", {}", one_line(message))?;
        }
        if let Some(description) = &self.description {
            write!(f, ": {}", one_line(description))?;
        }
        match &self.body_snippet {
            Some(body) => write!(f, "; body: {body}"),
            None if self.code.is_none() && self.message.is_none() => f.write_str("; empty body"),
            None => Ok(()),
        }
    }
}

fn as_integer(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The first characters of a body, lossily decoded and made one line.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = one_line(&text);
    if let Some((index, _)) = out.char_indices().nth(SNIPPET_CHARS) {
        out.truncate(index);
        out.push('…');
    }
    out
}

/// Collapses whitespace and control characters so that text stays on one line.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Error {
    fn new(repr: Repr) -> Self {
        Error {
            inner: Box::new(Inner {
                repr,
                operation: None,
                attempts: 0,
            }),
        }
    }

    /// A configuration error (nothing was sent).
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::new(Repr::Config(message.into()))
    }

    /// A request that cannot be built (nothing was sent).
    pub(crate) fn invalid_request(message: impl Into<String>) -> Self {
        Error::new(Repr::InvalidRequest(message.into()))
    }

    /// A failed HTTP exchange.
    pub(crate) fn transport(source: impl Into<BoxError>) -> Self {
        Error::new(Repr::Transport(source.into()))
    }

    /// A timeout of `what` ("the attempt", "connecting", "the call") after `after`.
    pub(crate) fn timeout(what: &'static str, after: Option<Duration>) -> Self {
        Error::new(Repr::Timeout { what, after })
    }

    /// A non-2xx answer.
    pub(crate) fn from_api(error: ApiError) -> Self {
        Error::new(Repr::Api(error))
    }

    /// A 2xx body that does not decode.
    pub(crate) fn decode(status: u16, body: &[u8], source: serde_json::Error) -> Self {
        Error::new(Repr::Decode {
            status,
            snippet: snippet(body),
            source,
        })
    }

    /// A broken listing.
    pub(crate) fn pagination(message: impl Into<String>) -> Self {
        Error::new(Repr::Pagination(message.into()))
    }

    /// Records which operation failed.
    pub(crate) fn with_operation(mut self, operation: OperationNames) -> Self {
        self.inner.operation = Some(operation);
        self
    }

    /// Records how many attempts were made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// Which kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match &self.inner.repr {
            Repr::Config(_) => ErrorKind::Config,
            Repr::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Repr::Transport(_) => ErrorKind::Transport,
            Repr::Timeout { .. } => ErrorKind::Timeout,
            Repr::Api(_) => ErrorKind::Api,
            Repr::Decode { .. } => ErrorKind::Decode,
            Repr::Pagination(_) => ErrorKind::Pagination,
        }
    }

    /// The API operation that failed, by its name in the API
    /// (`"GetOrganizationMicrosoftTenantIDs"`), if any.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation.map(|names| names.name)
    }

    /// The client method whose call failed
    /// (`"get_organization_microsoft_tenant_ids"`), if any.
    pub fn client_method(&self) -> Option<&'static str> {
        self.inner.operation.map(|names| names.client_method)
    }

    /// How many HTTP attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The server's error answer, for [`ErrorKind::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match &self.inner.repr {
            Repr::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status of the last response, for API and decode errors.
    pub fn status(&self) -> Option<u16> {
        match &self.inner.repr {
            Repr::Api(error) => Some(error.status),
            Repr::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The gRPC-style code of an API error.
    pub fn code(&self) -> Option<Code> {
        self.api().and_then(ApiError::code)
    }

    /// The stable machine-readable message of an API error (`"not_found"`).
    pub fn api_message(&self) -> Option<&str> {
        self.api().and_then(ApiError::message)
    }

    /// The human description of an API error.
    pub fn description(&self) -> Option<&str> {
        self.api().and_then(ApiError::description)
    }

    /// The start of the response body, for decode errors and for API errors
    /// whose body was not a JSON status.
    pub fn body_snippet(&self) -> Option<&str> {
        match &self.inner.repr {
            Repr::Api(error) => error.body_snippet(),
            Repr::Decode { snippet, .. } => Some(snippet),
            _ => None,
        }
    }

    /// How long the server asked to wait before trying again, if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api().and_then(ApiError::retry_after)
    }

    /// Whether the thing asked for does not exist (code `NOT_FOUND` or HTTP 404).
    pub fn is_not_found(&self) -> bool {
        self.code() == Some(Code::NotFound) || self.status() == Some(404)
    }

    /// Whether an attempt or the call timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind() == ErrorKind::Timeout
    }

    /// Whether the HTTP exchange itself failed.
    pub fn is_transport(&self) -> bool {
        self.kind() == ErrorKind::Transport
    }

    /// Whether the client is misconfigured.
    pub fn is_config(&self) -> bool {
        self.kind() == ErrorKind::Config
    }

    /// Whether the server answered with an error status.
    pub fn is_api(&self) -> bool {
        self.kind() == ErrorKind::Api
    }

    /// Whether the request was rejected as unauthenticated (HTTP 401).
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some(Code::Unauthenticated) || self.status() == Some(401)
    }
}

/// An API error answer (see [`ApiError::new`]).
impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Error::from_api(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation) = self.inner.operation {
            write!(f, "{}: ", operation.name)?;
        }
        let attempts = match self.inner.attempts {
            0 | 1 => String::new(),
            n => format!(" after {n} attempts"),
        };
        match &self.inner.repr {
            Repr::Config(message) => write!(f, "configuration error: {message}"),
            Repr::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Repr::Transport(source) => {
                write!(f, "transport error{attempts}: {}", chain(source.as_ref()))
            }
            Repr::Timeout {
                what,
                after: Some(after),
            } => write!(f, "{what} timed out after {after:?}{attempts}"),
            Repr::Timeout { what, after: None } => write!(f, "{what} timed out{attempts}"),
            Repr::Api(error) => write!(f, "API error{attempts}: {error}"),
            Repr::Decode {
                status,
                snippet,
                source,
            } => write!(
                f,
                "could not decode the HTTP {status} response: {source}; body: {snippet}"
            ),
            Repr::Pagination(message) => write!(f, "pagination error: {message}"),
        }
    }
}

/// An error and its sources on one line, repeated texts left out.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        let text = one_line(&current.to_string());
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        next = current.source();
    }
    parts.join(": ")
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind())
            .field("operation", &self.operation())
            .field("client_method", &self.client_method())
            .field("attempts", &self.inner.attempts)
            .field("detail", &self.inner.repr)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.repr {
            Repr::Transport(source) => Some(source.as_ref()),
            Repr::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}
