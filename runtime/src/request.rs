//! How a request message becomes an HTTP request: [`Operation`] describes one
//! API operation, and its `encode` function fills a [`RequestParts`] from the
//! request (path, query string, headers, body).
//!
//! Every value goes through the JSON field codec first (`json::serialize`),
//! so the query string and path carry exactly the text the JSON form would:
//! enums by name, `int64` as decimal, timestamps in RFC 3339, bytes in base64.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use super::error::Error;
use super::json;
use super::path_pattern;

/// Everything except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`)
/// is percent-encoded, in path segments and in query names and values.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An HTTP method an operation uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method's name as sent (`"GET"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }

    /// Whether sending the request twice has the same effect as once
    /// (`GET`, `PUT`, `DELETE`), which makes more failures safe to retry.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The static description of one API operation; generated code declares one
/// per operation (this is generated code, shown as text: `Operation` is
/// internal to the crate):
///
/// ```text
/// static GET_ORGANIZATION: Operation<GetOrganizationRequest> = Operation {
///     name: "GetOrganization",
///     client_method: "get_organization",
///     method: Method::Get,
///     path_template: "/v1/organizations/{id}",
///     encode: |r, p| {
///         p.path("/v1/organizations/");
///         p.path_param("id", &r.id)?;
///         Ok(())
///     },
/// };
/// ```
pub struct Operation<Req> {
    /// The operation's name in the API (`"GetOrganization"`), used in errors
    /// and traces.
    pub name: &'static str,
    /// The name of the client method calling it (`"get_organization"`).
    pub client_method: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path with its parameters unfilled (`"/v1/organizations/{id}"`),
    /// used in traces instead of the filled path.
    pub path_template: &'static str,
    /// Fills the HTTP request from a request message.
    pub encode: fn(&Req, &mut RequestParts) -> Result<(), Error>,
}

impl<Req> Operation<Req> {
    /// The operation's two names, for errors.
    pub(crate) fn names(&self) -> OperationNames {
        OperationNames {
            name: self.name,
            client_method: self.client_method,
        }
    }
}

/// An operation's name in the API and its client method's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OperationNames {
    pub name: &'static str,
    pub client_method: &'static str,
}

impl<Req> std::fmt::Debug for Operation<Req> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operation")
            .field("name", &self.name)
            .field("client_method", &self.client_method)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .finish_non_exhaustive()
    }
}

/// The parts of an HTTP request being built by an operation's `encode`.
///
/// `query` and `header` return nothing: a value that cannot be sent (a
/// message in a query string, a header value with a newline) is remembered
/// and reported when the request is sent, before anything goes out.
#[derive(Debug, Default)]
pub struct RequestParts {
    path: String,
    query: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// `name=value` pairs of the `Cookie` header.
    cookies: Vec<String>,
    body: Option<Vec<u8>>,
    error: Option<Error>,
}

/// A request ready to send: what [`RequestParts`] built.
#[derive(Debug)]
pub(crate) struct Encoded {
    /// The filled, percent-encoded path (`/v1/organizations/org_123`).
    pub path: String,
    /// The percent-encoded query string without `?` (may be empty).
    pub query: String,
    /// Headers the operation sets.
    pub headers: HeaderMap,
    /// The JSON body, if the operation has one.
    pub body: Option<Vec<u8>>,
}

/// The texts a field sends as query or header values: none for null, one
/// for a scalar, one per element for a list.
fn texts(value: serde_json::Value, out: &mut Vec<String>) -> Result<(), &'static str> {
    match value {
        serde_json::Value::Null => Ok(()),
        serde_json::Value::Bool(b) => {
            out.push(b.to_string());
            Ok(())
        }
        serde_json::Value::Number(n) => {
            out.push(n.to_string());
            Ok(())
        }
        serde_json::Value::String(s) => {
            out.push(s);
            Ok(())
        }
        serde_json::Value::Array(items) => {
            for item in items {
                if matches!(
                    item,
                    serde_json::Value::Array(_) | serde_json::Value::Object(_)
                ) {
                    return Err("a list of lists or messages cannot be sent as text");
                }
                texts(item, out)?;
            }
            Ok(())
        }
        serde_json::Value::Object(_) => Err("a message cannot be sent as text"),
    }
}

/// RFC 6265 `cookie-octet`: printable ASCII but space, `"`, `,`, `;`, `\`.
fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// An RFC 6265 cookie name (an HTTP token).
fn is_cookie_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Removes the member at `path` (JSON names from `value` down), if there.
fn remove_path(value: &mut serde_json::Value, path: &[&str]) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut at = value;
    for name in init {
        match at.get_mut(*name) {
            Some(next) => at = next,
            None => return,
        }
    }
    if let Some(members) = at.as_object_mut() {
        members.remove(*last);
    }
}

/// The texts of a field, or why it has none.
fn field_texts<T: json::Codec>(value: &T) -> Result<Vec<String>, String> {
    let json = json::to_value(value).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    texts(json, &mut out)?;
    Ok(out)
}

impl RequestParts {
    /// An empty request.
    pub(crate) fn new() -> Self {
        RequestParts::default()
    }

    fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// Appends a literal piece of the path (`"/v1/organizations/"`).
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends one path segment holding `value`, percent-encoded so that no
    /// value (`a/b`, `?`, `#`, `%2F`) can change the route. An empty value,
    /// `.` or `..` is an error.
    pub fn path_param<T: json::Codec>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        let texts = field_texts(value)
            .map_err(|why| Error::invalid_request(format!("path parameter `{name}`: {why}")))?;
        let text = match texts.as_slice() {
            [] => "",
            [one] => one.as_str(),
            _ => {
                return Err(Error::invalid_request(format!(
                    "path parameter `{name}` must be a single value"
                )));
            }
        };
        if text.is_empty() {
            return Err(Error::invalid_request(format!(
                "path parameter `{name}` is empty"
            )));
        }
        if text == "." || text == ".." {
            return Err(Error::invalid_request(format!(
                "path parameter `{name}` must not be `{text}`"
            )));
        }
        self.path.extend(utf8_percent_encode(text, ENCODE));
        Ok(())
    }

    /// Appends a path variable with a pattern (`{name=shelves/*/books/*}`):
    /// the value must match the pattern (`*` one segment, `**` any number,
    /// as the last part), else the request is not sent (an
    /// [`invalid_request`](super::ErrorKind::InvalidRequest) error); it is
    /// sent with its `/` kept and every segment percent-encoded. A pattern
    /// of one `*` is [`RequestParts::path_param`].
    pub fn path_param_matching<T: json::Codec>(
        &mut self,
        name: &str,
        value: &T,
        pattern: &str,
    ) -> Result<(), Error> {
        let texts = field_texts(value)
            .map_err(|why| Error::invalid_request(format!("path parameter `{name}`: {why}")))?;
        let text = match texts.as_slice() {
            [] => "",
            [one] => one.as_str(),
            _ => {
                return Err(Error::invalid_request(format!(
                    "path parameter `{name}` must be a single value"
                )));
            }
        };
        if text.is_empty() {
            return Err(Error::invalid_request(format!(
                "path parameter `{name}` is empty"
            )));
        }
        let segments = path_pattern::check(pattern, text).map_err(|m| {
            Error::invalid_request(match m {
                path_pattern::Mismatch::Value => format!(
                    "path parameter `{name}` is {text:?}, which does not match its pattern `{pattern}`"
                ),
                path_pattern::Mismatch::BadPattern => {
                    format!("path parameter `{name}` has a malformed pattern `{pattern}`")
                }
            })
        })?;
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                self.path.push('/');
            }
            self.path.extend(utf8_percent_encode(segment, ENCODE));
        }
        Ok(())
    }

    /// Adds `name=value` to the query string, percent-encoded. A value equal
    /// to its default is left out, an `Option` is sent only when set, and a
    /// list repeats the name once per element.
    pub fn query<T: json::Codec>(&mut self, name: &str, value: &T) {
        if !json::is_default(value) {
            self.query_required(name, value);
        }
    }

    /// Adds `name=value` to the query string even when the value is its
    /// default (`false`, `0`, `""`): a parameter the API requires. An unset
    /// `Option` still sends nothing.
    pub fn query_required<T: json::Codec>(&mut self, name: &str, value: &T) {
        match field_texts(value) {
            Ok(texts) => {
                for text in texts {
                    if !self.query.is_empty() {
                        self.query.push('&');
                    }
                    self.query.extend(utf8_percent_encode(name, ENCODE));
                    self.query.push('=');
                    self.query.extend(utf8_percent_encode(&text, ENCODE));
                }
            }
            Err(why) => self.fail(Error::invalid_request(format!(
                "query parameter `{name}`: {why}"
            ))),
        }
    }

    /// Sets a header from a field, with the same rules as [`RequestParts::query`].
    pub fn header<T: json::Codec>(&mut self, name: &str, value: &T) {
        if !json::is_default(value) {
            self.header_required(name, value);
        }
    }

    /// Sets a header even when the value is its default, as
    /// [`RequestParts::query_required`] does.
    pub fn header_required<T: json::Codec>(&mut self, name: &str, value: &T) {
        let header = match HeaderName::from_bytes(name.as_bytes()) {
            Ok(header) => header,
            Err(_) => {
                return self.fail(Error::invalid_request(format!(
                    "header `{name}` is not a valid header name"
                )));
            }
        };
        let texts = match field_texts(value) {
            Ok(texts) => texts,
            Err(why) => {
                return self.fail(Error::invalid_request(format!("header `{name}`: {why}")));
            }
        };
        for text in texts {
            match HeaderValue::from_str(&text) {
                Ok(value) => self.headers.push((header.clone(), value)),
                Err(_) => {
                    return self.fail(Error::invalid_request(format!(
                        "header `{name}` has a value that cannot be sent in a header"
                    )));
                }
            }
        }
    }

    /// Adds `name=value` to the `Cookie` header, with the same rules as
    /// [`RequestParts::query`]. A value cookies cannot hold (spaces, `;`,
    /// `,`, `"`, `\`, control characters) is an
    /// [`invalid_request`](super::ErrorKind::InvalidRequest) error: it is
    /// not altered, as no encoding of cookie values is standard.
    pub fn cookie<T: json::Codec>(&mut self, name: &str, value: &T) {
        if !json::is_default(value) {
            self.cookie_required(name, value);
        }
    }

    /// Adds a cookie even when the value is its default, as
    /// [`RequestParts::query_required`] does.
    pub fn cookie_required<T: json::Codec>(&mut self, name: &str, value: &T) {
        let texts = match field_texts(value) {
            Ok(texts) => texts,
            Err(why) => {
                return self.fail(Error::invalid_request(format!("cookie `{name}`: {why}")));
            }
        };
        if !is_cookie_name(name) {
            return self.fail(Error::invalid_request(format!(
                "cookie `{name}` is not a valid cookie name"
            )));
        }
        for text in texts {
            if !text.bytes().all(is_cookie_octet) {
                return self.fail(Error::invalid_request(format!(
                    "cookie `{name}` has a value that cannot be sent in a cookie: {text:?}"
                )));
            }
            self.cookies.push(format!("{name}={text}"));
        }
    }

    /// Makes one field's value the JSON body (`body: "field"`).
    ///
    /// An unset field (an `Option` that is `None`, such as a message left
    /// out; a `Some(Value::Null)` is sent as `null`) sends no body at all,
    /// and so no `Content-Type`: that is how the server leaves the field
    /// unset. grpc-gateway's transcoding skips
    /// decoding an empty body, and picks its JSON reader by `Content-Type`
    /// falling back to the default one; `{}` would be a present, empty
    /// message, passing checks such as "user is required".
    pub fn body<T: json::Codec>(&mut self, value: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(&json::Encoded(value))
            .map_err(|e| Error::invalid_request(format!("the body cannot be encoded: {e}")))?;
        let unset = json::is_default(value) && bytes == b"null";
        self.body = (!unset).then_some(bytes);
        Ok(())
    }

    /// Makes the whole request message the JSON body (`body: "*"`), minus the
    /// members with the given JSON names (the fields bound to the path).
    pub fn body_except<T: Serialize>(&mut self, value: &T, except: &[&str]) -> Result<(), Error> {
        let encode_error = |e: serde_json::Error| {
            Error::invalid_request(format!("the body cannot be encoded: {e}"))
        };
        if except.is_empty() {
            self.body = Some(serde_json::to_vec(value).map_err(encode_error)?);
            return Ok(());
        }
        match serde_json::to_value(value).map_err(encode_error)? {
            serde_json::Value::Object(mut members) => {
                for name in except {
                    members.remove(*name);
                }
                self.body = Some(serde_json::to_vec(&members).map_err(encode_error)?);
                Ok(())
            }
            _ => Err(Error::invalid_request(
                "the request is not a JSON object, so it cannot be the body",
            )),
        }
    }

    /// Makes `value`'s JSON the body without the members at the paths
    /// `except` (`&[&["book", "name"]]`: the fields the path holds, when
    /// they sit inside the body); an unset field sends no body, as with
    /// [`RequestParts::body`].
    pub fn body_without<T: json::Codec>(
        &mut self,
        value: &T,
        except: &[&[&str]],
    ) -> Result<(), Error> {
        let encode_error = |e: serde_json::Error| {
            Error::invalid_request(format!("the body cannot be encoded: {e}"))
        };
        let mut json = json::to_value(value).map_err(encode_error)?;
        if json.is_null() && json::is_default(value) {
            self.body = None;
            return Ok(());
        }
        if !json.is_object() {
            return Err(Error::invalid_request(
                "the body is not a JSON object, so fields cannot be left out of it",
            ));
        }
        for path in except {
            remove_path(&mut json, path);
        }
        self.body = Some(serde_json::to_vec(&json).map_err(encode_error)?);
        Ok(())
    }

    /// The finished request, or the first problem met while building it.
    pub(crate) fn finish(self) -> Result<Encoded, Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers {
            headers.append(name, value);
        }
        if !self.cookies.is_empty() {
            // Checked when added: every byte is a cookie octet.
            let value = HeaderValue::from_str(&self.cookies.join("; "))
                .map_err(|_| Error::invalid_request("the cookies cannot be sent"))?;
            headers.append(reqwest::header::COOKIE, value);
        }
        Ok(Encoded {
            path: self.path,
            query: self.query,
            headers,
            body: self.body,
        })
    }
}
