//! Renames an Organization: a PATCH that changes one field and leaves every
//! other as it is.
//!
//! `cargo run --example update_organization -- org_... "New name"`
//! (key from `TESSERAL_API_KEY`; `TESSERAL_BASE_URL` points it elsewhere).

use tesseral::model::{Organization, UpdateOrganizationRequest};
use tesseral::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [id, display_name] = args.as_slice() else {
        eprintln!("usage: update_organization ORGANIZATION_ID NEW_DISPLAY_NAME");
        std::process::exit(2);
    };
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    // Only the fields set are sent (`{"displayName": "..."}`): the server
    // updates those and keeps the others.
    let request = UpdateOrganizationRequest::new()
        .with_id(id.as_str())
        .with_organization(Organization::new().with_display_name(display_name.as_str()));
    let updated = client
        .update_organization(request)
        .await?
        .organization
        .unwrap_or_default();
    println!("{}: {}", updated.id, updated.display_name);
    Ok(())
}
