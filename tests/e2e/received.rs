//! What a mock server received, checked against what one operation must
//! send: shared by the SDK's end-to-end tests and the command-line tool's
//! (which mounts this file with `#[path]`).

use serde_json::Value;
use wiremock::Request;

/// What one request must be.
pub struct Sent<'a> {
    pub method: &'a str,
    /// Raw (percent-encoded).
    pub path: &'a str,
    /// Percent-decoded, in any order.
    pub query: &'a [(&'a str, &'a str)],
    /// The JSON body; `None`: no body and no `Content-Type`.
    pub body: Option<&'a Value>,
    /// The key it must carry as a bearer token.
    pub api_key: &'a str,
}

impl Sent<'_> {
    /// Asserts that `request` is this one, sent by a tesseral-rust client.
    pub fn assert(&self, at: &str, request: &Request) {
        assert_eq!(request.method.as_str(), self.method, "{at}: method");
        assert_eq!(request.url.path(), self.path, "{at}: raw path");
        assert_query(at, request, self.query);
        assert_eq!(
            header(request, "authorization"),
            Some(format!("Bearer {}", self.api_key).as_str()),
            "{at}: Authorization"
        );
        let agent = header(request, "user-agent").unwrap_or_default();
        assert!(
            agent.starts_with("tesseral-rust/"),
            "{at}: User-Agent {agent:?}"
        );
        match self.body {
            None => {
                assert!(
                    request.body.is_empty(),
                    "{at}: expected no body, got {:?}",
                    String::from_utf8_lossy(&request.body)
                );
                assert_eq!(header(request, "content-type"), None, "{at}: Content-Type");
            }
            Some(body) => {
                assert_eq!(
                    header(request, "content-type"),
                    Some("application/json"),
                    "{at}: Content-Type"
                );
                let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                    panic!(
                        "{at}: the body {:?} is not JSON: {e}",
                        String::from_utf8_lossy(&request.body)
                    )
                });
                assert_eq!(&sent, body, "{at}: body");
            }
        }
    }
}

/// Compares the query string, percent-decoded, with `expected` in any order.
/// A raw `+` would decode as a space here, as it does on the server.
fn assert_query(at: &str, request: &Request, expected: &[(&str, &str)]) {
    let mut sent: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    sent.sort();
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    expected.sort();
    assert_eq!(
        sent,
        expected,
        "{at}: query (raw: {:?})",
        request.url.query()
    );
}

/// A header's value, when it is text.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}
