//! Testing your own code that calls the API, without a server: the code
//! under test takes a [`tesseral::Client`], the test gives it one made by
//! a [`tesseral::testing::Stub`] whose answers it sets.
//!
//! `cargo test --example testing_your_code` runs the tests below;
//! `cargo run --example testing_your_code -- org_... someone@example.com`
//! runs the code for real (key from `TESSERAL_API_KEY`).

use tesseral::model::{
    CreateUserInviteRequest, GetOrganizationRequest, ListUsersRequest, UserInvite,
};
use tesseral::{Client, Error};

/// What [`invite_once`] did.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// The organization does not exist.
    NoSuchOrganization,
    /// A user with that email already exists: nobody was invited.
    AlreadyMember,
    /// An invite was sent; its ID.
    Invited(String),
}

/// The code under test: invites `email` into the organization `org_id`,
/// unless it is already a user there.
async fn invite_once(client: &Client, org_id: &str, email: &str) -> Result<Outcome, Error> {
    match client
        .get_organization(GetOrganizationRequest::new().with_id(org_id))
        .await
    {
        Err(e) if e.is_not_found() => return Ok(Outcome::NoSuchOrganization),
        other => other?,
    };
    let users = client
        .list_users(ListUsersRequest::new().with_organization_id(org_id))
        .items()
        .try_collect()
        .await?;
    if users.iter().any(|user| user.email == email) {
        return Ok(Outcome::AlreadyMember);
    }
    let invite = client
        .create_user_invite(
            CreateUserInviteRequest::new()
                .with_user_invite(
                    UserInvite::new()
                        .with_organization_id(org_id)
                        .with_email(email),
                )
                .with_send_email(true),
        )
        .await?;
    Ok(Outcome::Invited(invite.user_invite.unwrap_or_default().id))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [org_id, email] = args.as_slice() else {
        eprintln!("usage: testing_your_code ORGANIZATION_ID EMAIL");
        std::process::exit(2);
    };
    let mut builder = Client::builder();
    if let Ok(url) = std::env::var("TESSERAL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;
    println!("{:?}", invite_once(&client, org_id, email).await?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::{Outcome, invite_once};
    use tesseral::model::{
        CreateUserInviteResponse, GetOrganizationResponse, ListUsersResponse, Organization, User,
        UserInvite,
    };
    use tesseral::testing::Stub;
    use tesseral::{ApiError, Code};

    /// A stub where `org_1` exists with one user, `a@example.com`.
    fn one_user() -> Stub {
        Stub::new()
            .get_organization(|request| {
                if request.id == "org_1" {
                    Ok(GetOrganizationResponse::new()
                        .with_organization(Organization::new().with_id("org_1")))
                } else {
                    // An error as the API would answer it (HTTP 404, `not_found`).
                    Err(ApiError::new(Code::NotFound, "not_found").into())
                }
            })
            .list_users(|_request| {
                Ok(ListUsersResponse::new().with_users([User::new().with_email("a@example.com")]))
            })
    }

    #[tokio::test]
    async fn invites_a_newcomer() {
        // Keep what the code sent, to check it.
        let sent = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&sent);
        let stub = one_user().create_user_invite(move |request| {
            seen.lock().unwrap().push(request.clone());
            Ok(CreateUserInviteResponse::new()
                .with_user_invite(UserInvite::new().with_id("invite_1")))
        });

        let outcome = invite_once(&stub.client(), "org_1", "b@example.com").await;

        assert_eq!(outcome.unwrap(), Outcome::Invited("invite_1".into()));
        let sent = sent.lock().unwrap();
        let invite = sent[0].user_invite.as_ref().unwrap();
        assert_eq!(
            (invite.organization_id.as_str(), invite.email.as_str()),
            ("org_1", "b@example.com")
        );
        assert!(sent[0].send_email);
        assert_eq!(
            stub.calls(),
            ["GetOrganization", "ListUsers", "CreateUserInvite"]
        );
    }

    #[tokio::test]
    async fn does_not_invite_a_member() {
        // No answer is set for CreateUserInvite: calling it would fail.
        let stub = one_user();
        let outcome = invite_once(&stub.client(), "org_1", "a@example.com").await;
        assert_eq!(outcome.unwrap(), Outcome::AlreadyMember);
        assert_eq!(stub.calls(), ["GetOrganization", "ListUsers"]);
    }

    #[tokio::test]
    async fn reports_a_missing_organization() {
        let stub = one_user();
        let outcome = invite_once(&stub.client(), "org_2", "a@example.com").await;
        assert_eq!(outcome.unwrap(), Outcome::NoSuchOrganization);
    }

    #[tokio::test]
    async fn an_unanswered_operation_is_an_error() {
        let stub = Stub::new();
        let error = invite_once(&stub.client(), "org_1", "a@example.com")
            .await
            .unwrap_err();
        // The error names the operation and the setter that answers it.
        assert!(
            error.to_string().contains("Stub::get_organization"),
            "{error}"
        );
    }
}
