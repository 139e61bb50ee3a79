//! Calls one operation through the SDK against a local mock server and checks
//! both directions: the HTTP request the SDK sent, and the response it
//! decoded.

use std::collections::BTreeSet;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::received::Sent;
use super::server_form::{self, Shapes};
use crate::sdk::{Call, Client, ClientBuilder, Code, ErrorKind};

/// The API key the test client sends.
pub const API_KEY: &str = "tesseral_secret_key_e2e_4f9c2a7d";

/// The body of the error answer every operation first gets.
pub const NOT_FOUND_BODY: &str = r#"{"code":5,"message":"not_found","details":[{"@type":"type.googleapis.com/tesseral.common.v1.ErrorDetail","description":"organization not found"}]}"#;

/// Whether an SDK keeps explicit presence (`Option<bool>` for an `optional`
/// bool), which decides how it writes a response back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Fields with presence that hold their default are written back.
    Kept,
    /// They are plain values, so written back as absent (the OpenAPI SDK).
    Lost,
}

/// What a test crate root tells the shared cases about its SDK.
pub struct Profile {
    /// The shapes of the API's messages, to derive the real server's form
    /// of each response; without them only the canonical form is sent.
    pub shapes: Option<Shapes>,
    /// Whether the SDK keeps explicit presence.
    pub presence: Presence,
    /// The name of a Session's `primaryAuthFactor`, read through `OpenEnum`
    /// (the field is `T` in one SDK and `Option<T>` in the other).
    pub session_factor: fn(&crate::sdk::model::Session) -> Option<String>,
}

/// What one operation must send, and the response it gets.
#[derive(Clone, Debug)]
pub struct Expect {
    method: &'static str,
    path: &'static str,
    query: Vec<(&'static str, &'static str)>,
    body: Option<Value>,
    response: Value,
}

impl Expect {
    /// A request with this method and raw (percent-encoded) path, no query,
    /// no body, answered with `{}`.
    pub fn new(method: &'static str, path: &'static str) -> Self {
        Expect {
            method,
            path,
            query: Vec::new(),
            body: None,
            response: json!({}),
        }
    }

    /// The query parameters, percent-decoded, in any order.
    pub fn query(mut self, pairs: &[(&'static str, &'static str)]) -> Self {
        self.query = pairs.to_vec();
        self
    }

    /// The JSON body.
    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// The response, in canonical protojson.
    pub fn responds(mut self, response: Value) -> Self {
        self.response = response;
        self
    }
}

/// A mock server, a client pointed at it, and the operations exercised.
pub struct Harness {
    /// What the root said about its SDK.
    pub profile: Profile,
    server: MockServer,
    client: Client,
    exercised: BTreeSet<String>,
}

impl Harness {
    /// Starts the mock server and builds a client without retries.
    pub async fn start(profile: Profile) -> Self {
        let server = MockServer::start().await;
        let client = ClientBuilder::for_testing(&server.uri())
            .api_key(API_KEY)
            .build()
            .expect("the test client builds");
        Harness {
            profile,
            server,
            client,
            exercised: BTreeSet::new(),
        }
    }

    /// The names of the operations checked so far.
    pub fn into_exercised(self) -> BTreeSet<String> {
        self.exercised
    }

    /// Checks one operation, making each call with `make`:
    ///
    /// 1. a 404 `google.rpc.Status` answer is an API error naming the operation;
    /// 2. the canonical response decodes and writes back to the same JSON;
    /// 3. the real server's form of it (when the profile has the shapes)
    ///    decodes to an equal value and writes back the same.
    ///
    /// Every call must send exactly `expect`'s request. Returns the decoded
    /// response for further checks.
    pub async fn check<Req, Resp>(
        &mut self,
        expect: Expect,
        make: impl Fn(&Client) -> Call<Req, Resp>,
    ) -> Resp
    where
        Req: 'static,
        Resp: Serialize + DeserializeOwned + PartialEq + Debug + Send + 'static,
    {
        let operation = make(&self.client).operation_name();
        self.exercised.insert(operation.to_owned());
        let canonical = &expect.response;
        // Derived first: this also checks that the expected JSON is canonical.
        let server = self.profile.shapes.as_ref().map(|shapes| {
            let message = shapes
                .response_of(operation)
                .unwrap_or_else(|e| panic!("{e}"));
            server_form::server_form(shapes, message, canonical)
                .unwrap_or_else(|e| panic!("{operation}: the expected response: {e}"))
        });
        let written_back = self.written_back(operation, canonical);

        self.answer(ResponseTemplate::new(404).set_body_string(NOT_FOUND_BODY))
            .await;
        let error = match make(&self.client).await {
            Ok(response) => panic!("{operation}: a 404 answer must be an error, not {response:?}"),
            Err(error) => error,
        };
        self.verify_request(operation, &expect, "the 404 call")
            .await;
        assert_eq!(error.kind(), ErrorKind::Api, "{operation}: {error}");
        assert_eq!(error.operation(), Some(operation), "{operation}: {error}");
        assert_eq!(error.status(), Some(404), "{operation}: {error}");
        assert_eq!(error.code(), Some(Code::NotFound), "{operation}: {error}");
        assert_eq!(error.api_message(), Some("not_found"), "{operation}");
        assert_eq!(
            error.description(),
            Some("organization not found"),
            "{operation}"
        );
        assert_eq!(error.attempts(), 1, "{operation}: {error}");
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains(API_KEY),
            "{operation}: the key leaks: {shown}"
        );

        self.answer(json_response(canonical)).await;
        let decoded = make(&self.client)
            .await
            .unwrap_or_else(|e| panic!("{operation}: the canonical response: {e}"));
        self.verify_request(operation, &expect, "the canonical call")
            .await;
        self.assert_written_back(operation, "canonical", &decoded, canonical, &written_back);

        if let Some(server) = server {
            self.answer(json_response(&server)).await;
            let from_server = make(&self.client)
                .await
                .unwrap_or_else(|e| panic!("{operation}: the server-form response {server}: {e}"));
            self.verify_request(operation, &expect, "the server-form call")
                .await;
            assert_eq!(
                from_server, decoded,
                "{operation}: the server form {server} must decode like the canonical form"
            );
            self.assert_written_back(
                operation,
                "server-form",
                &from_server,
                canonical,
                &written_back,
            );
        }
        decoded
    }

    /// Clears the server and makes it answer every request with `response`.
    async fn answer(&self, response: ResponseTemplate) {
        self.server.reset().await;
        Mock::given(any())
            .respond_with(response)
            .mount(&self.server)
            .await;
    }

    /// What writing back the canonical response must give: the same JSON,
    /// less what an SDK without presence cannot tell apart from the default.
    fn written_back(&self, operation: &str, canonical: &Value) -> Option<Value> {
        match (self.profile.presence, &self.profile.shapes) {
            (Presence::Kept, _) => Some(canonical.clone()),
            (Presence::Lost, Some(shapes)) => {
                let message = shapes
                    .response_of(operation)
                    .unwrap_or_else(|e| panic!("{e}"));
                let stripped = server_form::without_presence(shapes, message, canonical)
                    .unwrap_or_else(|e| panic!("{operation}: the expected response: {e}"));
                Some(stripped)
            }
            // Compared member by member instead.
            (Presence::Lost, None) => None,
        }
    }

    fn assert_written_back<Resp: Serialize>(
        &self,
        operation: &str,
        form: &str,
        decoded: &Resp,
        canonical: &Value,
        written_back: &Option<Value>,
    ) {
        let actual = serde_json::to_value(decoded)
            .unwrap_or_else(|e| panic!("{operation}: writing back the {form} response: {e}"));
        match written_back {
            Some(expected) => assert_eq!(
                &actual, expected,
                "{operation}: the {form} response written back"
            ),
            None => assert!(
                server_form::equal_but_lost_defaults(&actual, canonical),
                "{operation}: the {form} response written back is {actual}, expected {canonical} (defaults aside)"
            ),
        }
    }

    /// Asserts that the server received exactly one request, `expect`'s.
    async fn verify_request(&self, operation: &str, expect: &Expect, call: &str) {
        let received = self
            .server
            .received_requests()
            .await
            .expect("the mock server records requests");
        let [request] = received.as_slice() else {
            panic!(
                "{operation}, {call}: expected one request, got {}",
                received.len()
            );
        };
        let at = format!("{operation}, {call}");
        Sent {
            method: expect.method,
            path: expect.path,
            query: &expect.query,
            body: expect.body.as_ref(),
            api_key: API_KEY,
        }
        .assert(&at, request);
        if expect.query.is_empty() {
            assert_eq!(request.url.query(), None, "{at}: no query string at all");
        }
    }
}

fn json_response(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/json")
        .set_body_string(body.to_string())
}
