//! Checks the API key a caller of *your* service sent: reads an HTTP request
//! head (as your web framework would hand it to you; here from stdin), takes
//! its `Authorization: Bearer ...` token and asks Tesseral whose key it is.
//!
//! `printf 'GET / HTTP/1.1\r\nAuthorization: Bearer sk_...\r\n\r\n' | cargo run --example authenticate_api_key`
//! (your backend key from `TESSERAL_API_KEY`; `TESSERAL_BASE_URL` points it
//! elsewhere).

use std::io::BufRead;

use tesseral::model::AuthenticateApiKeyRequest;
use tesseral::{Client, Error};

/// The bearer token of the `Authorization` header among `lines` (a request
/// head, one header a line), if any.
fn bearer_token(lines: &[String]) -> Option<&str> {
    lines.iter().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("authorization") {
            return None;
        }
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then_some(token.trim())
    })
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let head: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .take_while(|line| !line.trim().is_empty())
        .collect();
    let Some(token) = bearer_token(&head) else {
        println!("401: no bearer token");
        return Ok(());
    };
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    match client
        .authenticate_api_key(AuthenticateApiKeyRequest::new().with_secret_token(token))
        .await
    {
        Ok(key) => println!(
            "200: API key {} of organization {} may {:?}",
            key.api_key_id, key.organization_id, key.actions
        ),
        // A key that is unknown, revoked or expired.
        Err(e) if e.is_unauthenticated() => println!("401: {}", e.api_message().unwrap_or("")),
        Err(e) => return Err(e),
    }
    Ok(())
}
