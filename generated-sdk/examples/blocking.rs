//! Synchronous use (feature `blocking`), with the metadata of a call: its
//! HTTP status, a response header and how many attempts it took.
//!
//! `cargo run --features blocking --example blocking` (key from
//! `TESSERAL_API_KEY`; `TESSERAL_BASE_URL` points it elsewhere).

use std::time::Duration;

use tesseral::model::{GetProjectRequest, ListUsersRequest};
use tesseral::{Client, Error};

fn main() -> Result<(), Error> {
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    // A call with per-request options, its body and its metadata.
    let (project, metadata) = client
        .get_project(GetProjectRequest::new())
        .timeout(Duration::from_secs(10))
        .header("X-Request-Id", "blocking-example")
        .send_blocking_with_metadata()?;
    println!(
        "project {:?}: HTTP {} after {} attempt(s), request id {:?}",
        project.project.map(|p| p.display_name),
        metadata.status(),
        metadata.attempts(),
        metadata.header("x-request-id"),
    );

    // Lists as an iterator; each page is fetched when needed.
    for user in client.list_users(ListUsersRequest::new()).items_blocking() {
        println!("user {}", user?.email);
    }
    Ok(())
}
