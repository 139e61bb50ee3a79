//! The API key from the environment. One test function on purpose: it
//! changes process-wide environment variables, which must not race with
//! another test in this binary.

use rest_sdk_runtime as rt;

use ir_runtime::Client;
use ir_runtime::model::GetOrganizationRequest;
use wiremock::{Mock, MockServer, ResponseTemplate};

use rt::ErrorKind;

const PRIMARY: &str = "TESSERAL_API_KEY";
const FALLBACK: &str = "TESSERAL_BACKEND_API_KEY";

fn set(name: &str, value: Option<&str>) {
    // SAFETY: this binary has a single test and changes the environment only
    // here, before any client reads it; no other thread reads it concurrently.
    unsafe {
        match value {
            Some(value) => std::env::set_var(name, value),
            None => std::env::remove_var(name),
        }
    }
}

fn get(id: &str) -> GetOrganizationRequest {
    GetOrganizationRequest::new().with_id(id)
}

/// The bearer token a client built from the environment sends, or its error.
async fn sent_key(server: &MockServer) -> Result<String, rt::Error> {
    let client = Client::builder().base_url(server.uri()).build()?;
    client.get_organization(get("o")).await?;
    let requests = server.received_requests().await.unwrap();
    let last = requests.last().unwrap();
    Ok(last
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned())
}

#[tokio::test]
async fn the_key_comes_from_the_environment() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;

    // Neither set: an error naming both variables.
    set(PRIMARY, None);
    set(FALLBACK, None);
    let error = Client::from_env().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    let text = error.to_string();
    assert!(text.contains(PRIMARY) && text.contains(FALLBACK), "{text}");

    // Only the fallback.
    set(FALLBACK, Some("key_from_fallback"));
    assert_eq!(sent_key(&server).await.unwrap(), "Bearer key_from_fallback");

    // Both: the first wins.
    set(PRIMARY, Some("key_from_primary"));
    assert_eq!(sent_key(&server).await.unwrap(), "Bearer key_from_primary");

    // An empty first variable counts as unset.
    set(PRIMARY, Some(""));
    assert_eq!(sent_key(&server).await.unwrap(), "Bearer key_from_fallback");

    // An explicit key beats the environment.
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("explicit_key")
        .build()
        .unwrap();
    client.get_organization(get("o")).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests
            .last()
            .unwrap()
            .headers
            .get("authorization")
            .unwrap(),
        "Bearer explicit_key"
    );

    // A malformed key: an error naming the variable, not the value.
    set(PRIMARY, Some("bad key_value_XYZ"));
    let error = Client::from_env().unwrap_err();
    assert_eq!(
        error.to_string(),
        "configuration error: the API key in TESSERAL_API_KEY contains whitespace, \
         so it cannot be a bearer token"
    );
    assert!(!format!("{error:?}").contains("key_value_XYZ"));

    // A key that is not Unicode.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let value = std::ffi::OsString::from_vec(vec![b'k', 0xff, b'y']);
        // SAFETY: as in `set`.
        unsafe { std::env::set_var(PRIMARY, value) };
        let error = Client::from_env().unwrap_err();
        assert!(
            error
                .to_string()
                .contains("TESSERAL_API_KEY is not valid Unicode"),
            "{error}"
        );
    }

    set(PRIMARY, None);
    set(FALLBACK, None);
}
