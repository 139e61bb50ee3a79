//! Looks an Organization up and tells "no such Organization" apart from
//! other failures.
//!
//! `cargo run --example not_found -- org_...` (key from `TESSERAL_API_KEY`;
//! `TESSERAL_BASE_URL` points it elsewhere).

use tesseral::model::{GetOrganizationRequest, Organization};
use tesseral::{Client, Error};

/// The Organization `id`, or `None` when the API says it does not exist.
async fn find_organization(client: &Client, id: &str) -> Result<Option<Organization>, Error> {
    match client
        .get_organization(GetOrganizationRequest::new().with_id(id))
        .await
    {
        Ok(response) => Ok(response.organization),
        // HTTP 404 with the stable message `not_found`.
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let Some(id) = std::env::args().nth(1) else {
        eprintln!("usage: not_found ORGANIZATION_ID");
        std::process::exit(2);
    };
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;
    match find_organization(&client, &id).await {
        Ok(Some(organization)) => println!("found {}", organization.display_name),
        Ok(None) => println!("no organization {id}"),
        Err(e) => {
            // Errors name the operation and say what the API answered
            // ("GetOrganization: API error: HTTP 403 ..."); never the key.
            eprintln!("error: {e}");
            if let Some(api) = e.api() {
                eprintln!("message {:?}, status {}", api.message(), api.status());
            }
            std::process::exit(1);
        }
    }
    Ok(())
}
