//! Lists every Organization, across pages, and tests the function that does
//! it without a server: the program of the README's first section.
//!
//! Run with `TESSERAL_API_KEY=... cargo run --example list_organizations`
//! (`TESSERAL_BASE_URL` points it at another deployment or a mock server);
//! its test with `cargo test --example list_organizations`.

use tesseral::model::ListOrganizationsRequest;
use tesseral::{Client, Error};

/// The display names of every Organization, in the order the API lists them.
async fn organization_names(client: &Client) -> Result<Vec<String>, Error> {
    let mut names = Vec::new();
    // `items()` walks every page; the next page is fetched in the background.
    let mut organizations = client
        .list_organizations(ListOrganizationsRequest::new())
        .items();
    while let Some(organization) = organizations.try_next().await? {
        names.push(organization.display_name);
    }
    Ok(names)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    // The key comes from TESSERAL_API_KEY (or TESSERAL_BACKEND_API_KEY).
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;
    for name in organization_names(&client).await? {
        println!("{name}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::organization_names;
    use tesseral::model::{ListOrganizationsResponse, Organization};
    use tesseral::testing::Stub;

    #[tokio::test]
    async fn names_come_from_every_page() {
        // Two pages: the first names the token of the second.
        let stub = Stub::new().list_organizations(|request| {
            let response = match request.page_token.as_str() {
                "" => ListOrganizationsResponse::new()
                    .with_organizations([Organization::new().with_display_name("Acme")])
                    .with_next_page_token("page-2"),
                "page-2" => ListOrganizationsResponse::new()
                    .with_organizations([Organization::new().with_display_name("Globex")]),
                other => panic!("unexpected page token {other:?}"),
            };
            Ok(response)
        });

        let names = organization_names(&stub.client()).await.unwrap();

        assert_eq!(names, ["Acme", "Globex"]);
        assert_eq!(stub.calls(), ["ListOrganizations", "ListOrganizations"]);
    }
}
