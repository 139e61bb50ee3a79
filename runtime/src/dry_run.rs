//! What a call would send, without sending it: [`Call::dry_run`].

use std::fmt;

use reqwest::header;

use super::call::Call;
use super::error::Error;
use super::request::Method;

/// An HTTP request as a call would send it, with every secret redacted:
/// what [`Call::dry_run`] returns.
///
/// `Display` writes it the way HTTP/1.1 does: the method and URL, one
/// `name: value` line per header (sorted by name), a blank line and the
/// body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    method: Method,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl HttpRequest {
    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The whole URL: base URL, filled path and query string.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers by name (lowercase, sorted); the value of a sensitive
    /// one is `<redacted>` (after its scheme for `Authorization`: `Bearer
    /// <redacted>`).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The JSON body, if the request has one.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }
}

impl fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            write!(f, "\n{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            write!(f, "\n\n{}", String::from_utf8_lossy(body))?;
        }
        Ok(())
    }
}

impl<Req: 'static, Resp> Call<Req, Resp> {
    /// The HTTP request this call would send (its first attempt), built
    /// exactly as sending it would, with the client's and the call's
    /// settings; nothing is sent. Fails where sending would fail before
    /// anything goes out (a request that cannot be encoded, a bad header
    /// option). Secrets are redacted (see [`HttpRequest::headers`]).
    pub fn dry_run(&self) -> Result<HttpRequest, Error> {
        let prepared = self.prepare()?;
        let mut headers: Vec<(String, String)> = prepared
            .headers
            .iter()
            .map(|(name, value)| {
                let text = if value.is_sensitive() {
                    // The scheme of a credential (`Bearer`) is no secret.
                    let shown = String::from_utf8_lossy(value.as_bytes());
                    let is_credential =
                        name == header::AUTHORIZATION || name == header::PROXY_AUTHORIZATION;
                    match shown.split_once(' ') {
                        Some((scheme, _)) if is_credential => format!("{scheme} <redacted>"),
                        _ => "<redacted>".to_owned(),
                    }
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_owned(), text)
            })
            .collect();
        headers.sort();
        Ok(HttpRequest {
            method: prepared.method,
            url: prepared.url.to_string(),
            headers,
            body: prepared.body,
        })
    }
}
