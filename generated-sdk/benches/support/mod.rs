//! What the benches share: the hand-written peer of the generated `User`.

use serde::Deserialize;
use tesseral::wkt::Timestamp;

/// `tesseral.backend.v1.User` with plain serde derive, as a hand-written
/// client would declare it (the same field types as the SDK's, no field
/// codec).
#[allow(
    dead_code,
    reason = "read by serde only; the benches read a field or two"
)]
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PlainUser {
    pub id: String,
    pub organization_id: String,
    pub email: String,
    pub create_time: Option<Timestamp>,
    pub update_time: Option<Timestamp>,
    pub owner: Option<bool>,
    pub google_user_id: Option<String>,
    pub microsoft_user_id: Option<String>,
    pub has_authenticator_app: bool,
    pub display_name: Option<String>,
    pub profile_picture_url: Option<String>,
    pub github_user_id: Option<String>,
}
