//! Roles and their assignments to Users.

use serde_json::json;

use super::entities::*;
use super::harness::{Expect, Harness};
use crate::sdk::model::*;

const ASSIGNMENT_ID: &str = "user_role_assignment_9f3gq0b2j1kd8xw4s6n7m5c3v";

pub(super) async fn run(h: &mut Harness) {
    h.check(
        Expect::new("POST", "/v1/roles")
            .body(json!({
                "organizationId": ORG_ID,
                "displayName": "Billing Admin",
                "description": "Can read and pay invoices.",
                "actions": ["acme.invoices.read", "acme.invoices.pay"]
            }))
            .responds(json!({"role": role()})),
        |c| {
            c.create_role(
                CreateRoleRequest::new().with_role(
                    Role::new()
                        .with_organization_id(ORG_ID)
                        .with_display_name("Billing Admin")
                        .with_description("Can read and pay invoices.")
                        .with_actions(["acme.invoices.read", "acme.invoices.pay"]),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new("DELETE", "/v1/roles/role_4ps0ijtz3xjpmk2kukdalbe8j"),
        |c| c.delete_role(DeleteRoleRequest::new().with_id(ROLE_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/roles/role_4ps0ijtz3xjpmk2kukdalbe8j")
            .responds(json!({"role": role()})),
        |c| c.get_role(GetRoleRequest::new().with_id(ROLE_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/roles")
            .query(&[("organizationId", ORG_ID)])
            .responds(json!({"roles": [role(), role_project_wide()]})),
        |c| c.list_roles(ListRolesRequest::new().with_organization_id(ORG_ID)),
    )
    .await;

    h.check(
        Expect::new("PATCH", "/v1/roles/role_4ps0ijtz3xjpmk2kukdalbe8j")
            .body(json!({"actions": ["acme.invoices.read", "acme.invoices.pay", "acme.invoices.refund"]}))
            .responds(json!({"role": role()})),
        |c| {
            c.update_role(
                UpdateRoleRequest::new().with_id(ROLE_ID).with_role(Role::new().with_actions([
                    "acme.invoices.read",
                    "acme.invoices.pay",
                    "acme.invoices.refund",
                ])),
            )
        },
    )
    .await;

    h.check(
        Expect::new("POST", "/v1/user-role-assignments")
            .body(json!({"userId": USER_ID, "roleId": ROLE_ID}))
            .responds(json!({"userRoleAssignment": user_role_assignment()})),
        |c| {
            c.create_user_role_assignment(
                CreateUserRoleAssignmentRequest::new().with_user_role_assignment(
                    UserRoleAssignment::new()
                        .with_user_id(USER_ID)
                        .with_role_id(ROLE_ID),
                ),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "DELETE",
            "/v1/user-role-assignments/user_role_assignment_9f3gq0b2j1kd8xw4s6n7m5c3v",
        ),
        |c| {
            c.delete_user_role_assignment(
                DeleteUserRoleAssignmentRequest::new().with_id(ASSIGNMENT_ID),
            )
        },
    )
    .await;

    h.check(
        Expect::new(
            "GET",
            "/v1/user-role-assignments/user_role_assignment_9f3gq0b2j1kd8xw4s6n7m5c3v",
        )
        .responds(json!({"userRoleAssignment": user_role_assignment()})),
        |c| c.get_user_role_assignment(GetUserRoleAssignmentRequest::new().with_id(ASSIGNMENT_ID)),
    )
    .await;

    h.check(
        Expect::new("GET", "/v1/user-role-assignments")
            .query(&[
                ("userId", USER_ID),
                ("roleId", ROLE_ID),
                ("pageToken", PAGE_TOKEN),
            ])
            .responds(json!({
                "userRoleAssignments": [user_role_assignment()],
                "nextPageToken": NEXT_PAGE_TOKEN
            })),
        |c| {
            c.list_user_role_assignments(
                ListUserRoleAssignmentsRequest::new()
                    .with_user_id(USER_ID)
                    .with_role_id(ROLE_ID)
                    .with_page_token(PAGE_TOKEN),
            )
        },
    )
    .await;
}
