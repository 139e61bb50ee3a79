//! What an API's `ClientConfig` decides: credentials or none, a default
//! base URL or none, the API-key variables named in errors, the User-Agent;
//! each through a client type of its own, as a generated crate defines it.

use crate::{rt, support};

use support::*;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rt::{ApiClient, ClientConfig, ErrorKind};

/// Defines a client type `$name` with settings `$config`, as a generated
/// crate defines its `Client`.
macro_rules! api_client {
    ($name:ident, $config:expr) => {
        #[derive(Clone, Debug)]
        struct $name(rt::Client);

        impl ApiClient for $name {
            const CONFIG: ClientConfig = $config;

            fn from_client(client: rt::Client) -> Self {
                $name(client)
            }

            fn client(&self) -> &rt::Client {
                &self.0
            }
        }
    };
}

/// The test API's generated client over `client`'s core, to send one of
/// its operations with the settings `client` was built with (the core holds
/// everything the config decided).
fn generated<C: ApiClient>(client: &C) -> Client {
    Client::from_client(client.client().clone())
}

// No credentials, no default base URL.
api_client!(
    Open,
    ClientConfig::new("Open Data API", "open-data-rust/2.1")
);
// A bearer token from one variable (never set), a default base URL.
api_client!(
    Keyed,
    ClientConfig::new("Keyed API", "keyed/1")
        .base_url("https://keyed.example.com/api/")
        .bearer(&["REST_SDK_RUNTIME_TEST_NEVER_SET_KEY"])
);
// A bearer token, but no variable to read it from.
api_client!(
    NoEnv,
    ClientConfig::new("Quiet API", "quiet/1")
        .base_url("https://quiet.example.com")
        .bearer(&[])
);
// A User-Agent that cannot be sent.
api_client!(
    BadAgent,
    ClientConfig::new("Bad API", "bad\nagent").base_url("https://bad.example.com")
);

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn an_api_without_auth_sends_no_credentials_and_its_own_user_agent() {
    let server = ok_server().await;
    let client: Open = rt::ClientBuilder::for_testing(&server.uri())
        .build()
        .unwrap();
    generated(&client).get_organization(get("o")).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].headers.get("authorization").is_none());
    assert_eq!(
        requests[0].headers.get("user-agent").unwrap(),
        "open-data-rust/2.1"
    );
    assert!(!format!("{client:?}").contains("api_key"), "{client:?}");

    // A key given to such an API is refused, not sent.
    let error = rt::ClientBuilder::<Open>::for_testing(&server.uri())
        .api_key(KEY)
        .build()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error
            .to_string()
            .contains("the Open Data API takes no API key"),
        "{error}"
    );
    assert!(!error.to_string().contains(KEY));
}

#[test]
fn without_a_default_base_url_one_must_be_given() {
    let error = rt::ClientBuilder::<Open>::new().build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error.to_string().contains("no base URL") && error.to_string().contains("Open Data API"),
        "{error}"
    );
    let client: Open = rt::ClientBuilder::new()
        .base_url("https://open.example.com/data/")
        .build()
        .unwrap();
    assert_eq!(client.0.base_url(), "https://open.example.com/data");
}

#[test]
fn the_default_base_url_and_the_key_variables_come_from_the_config() {
    let client: Keyed = rt::ClientBuilder::new().api_key(KEY).build().unwrap();
    assert_eq!(client.0.base_url(), "https://keyed.example.com/api");
    let builder = rt::ClientBuilder::<Keyed>::new();
    assert!(format!("{builder:?}").contains("https://keyed.example.com/api/"));

    let error = rt::ClientBuilder::<Keyed>::new().build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error.to_string().contains(
            "no API key: set REST_SDK_RUNTIME_TEST_NEVER_SET_KEY, or pass one to Client::new"
        ),
        "{error}"
    );
    let error = rt::ClientBuilder::<NoEnv>::new().build().unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no API key: pass one to Client::new / ClientBuilder::api_key"),
        "{error}"
    );
}

#[test]
fn a_user_agent_that_cannot_be_sent_is_a_config_error() {
    let error = rt::ClientBuilder::<BadAgent>::new().build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("User-Agent"), "{error}");
}

#[test]
fn the_config_is_readable() {
    let config = Keyed::CONFIG;
    assert_eq!(config.api(), "Keyed API");
    assert_eq!(config.user_agent(), "keyed/1");
    assert_eq!(config.auth(), rt::Auth::Bearer);
    assert_eq!(
        config.api_key_env(),
        ["REST_SDK_RUNTIME_TEST_NEVER_SET_KEY"]
    );
    assert_eq!(Open::CONFIG.auth(), rt::Auth::None);
    assert_eq!(Open::CONFIG.default_base_url(), None);
}
