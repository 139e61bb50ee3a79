//! Creates an Organization, a User in it and an invite for a second user.
//!
//! `cargo run --example create_organization -- "Acme Corp" owner@acme.test new@acme.test`
//! (key from `TESSERAL_API_KEY`; `TESSERAL_BASE_URL` points it elsewhere).

use tesseral::model::{
    CreateOrganizationRequest, CreateUserInviteRequest, CreateUserRequest, Organization, User,
    UserInvite,
};
use tesseral::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, owner, invitee] = args.as_slice() else {
        eprintln!("usage: create_organization NAME OWNER_EMAIL INVITEE_EMAIL");
        std::process::exit(2);
    };
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    // The body of a create call is the resource: set what you need, the
    // server fills in the rest (IDs, times).
    let organization = client
        .create_organization(
            CreateOrganizationRequest::new()
                .with_organization(Organization::new().with_display_name(name.as_str())),
        )
        .await?
        .organization
        .unwrap_or_default();
    println!("organization {}", organization.id);

    let user = client
        .create_user(
            CreateUserRequest::new().with_user(
                User::new()
                    .with_organization_id(organization.id.as_str())
                    .with_email(owner.as_str())
                    .with_owner(true),
            ),
        )
        .await?
        .user
        .unwrap_or_default();
    println!("user {}", user.id);

    let invite = client
        .create_user_invite(
            CreateUserInviteRequest::new()
                .with_user_invite(
                    UserInvite::new()
                        .with_organization_id(organization.id.as_str())
                        .with_email(invitee.as_str()),
                )
                .with_send_email(true),
        )
        .await?
        .user_invite
        .unwrap_or_default();
    println!("user invite {}", invite.id);
    Ok(())
}
