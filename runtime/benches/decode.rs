//! Decoding (and encoding) a realistic response with the protojson field
//! codec (`with = "json"`, as generated code does) against the same structs
//! with plain serde derive. The target: the codec within 1.2x of plain.
//!
//! Run with `cargo bench -p rest-sdk-runtime --bench decode`.

use rest_sdk_runtime as rt;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rt::enums::{self, OpenEnum, UnknownEnumValue};
use rt::json;
use rt::wkt::{Struct, Timestamp};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `tesseral.backend.v1.PrimaryAuthFactor`, as generated.
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
enum PrimaryAuthFactor {
    #[default]
    Unspecified,
    Email,
    Google,
    Microsoft,
    UnknownValue(UnknownEnumValue),
}

const FACTORS: [(&str, i32, PrimaryAuthFactor); 4] = [
    (
        "PRIMARY_AUTH_FACTOR_UNSPECIFIED",
        0,
        PrimaryAuthFactor::Unspecified,
    ),
    ("PRIMARY_AUTH_FACTOR_EMAIL", 1, PrimaryAuthFactor::Email),
    ("PRIMARY_AUTH_FACTOR_GOOGLE", 2, PrimaryAuthFactor::Google),
    (
        "PRIMARY_AUTH_FACTOR_MICROSOFT",
        3,
        PrimaryAuthFactor::Microsoft,
    ),
];

impl OpenEnum for PrimaryAuthFactor {
    fn from_name(name: &str) -> Option<Self> {
        FACTORS.iter().find(|f| f.0 == name).map(|f| f.2.clone())
    }

    fn from_number(number: i32) -> Option<Self> {
        FACTORS.iter().find(|f| f.1 == number).map(|f| f.2.clone())
    }

    fn known_name(&self) -> Option<&'static str> {
        FACTORS.iter().find(|f| f.2 == *self).map(|f| f.0)
    }

    fn known_number(&self) -> Option<i32> {
        FACTORS.iter().find(|f| f.2 == *self).map(|f| f.1)
    }

    fn from_unknown(value: UnknownEnumValue) -> Self {
        PrimaryAuthFactor::UnknownValue(value)
    }

    fn as_unknown(&self) -> Option<&UnknownEnumValue> {
        match self {
            PrimaryAuthFactor::UnknownValue(u) => Some(u),
            _ => None,
        }
    }
}

impl Serialize for PrimaryAuthFactor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        enums::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for PrimaryAuthFactor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        enums::deserialize(d)
    }
}

impl json::Plain for PrimaryAuthFactor {
    fn is_default(&self) -> bool {
        *self == Self::Unspecified
    }
}

/// Declares a message twice: with the codec on every field (as generated)
/// and with plain serde derive.
macro_rules! message {
    ($codec:ident, $plain:ident { $($field:ident: $ty:ty = $json:literal,)* }) => {
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        struct $codec {
            $(
                #[serde(rename = $json, with = "json", skip_serializing_if = "json::is_default")]
                $field: $ty,
            )*
        }

        impl json::Plain for $codec {}

        #[allow(dead_code, reason = "built by serde")]
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        struct $plain {
            $(
                #[serde(rename = $json)]
                $field: $ty,
            )*
        }
    };
}

message!(User, PlainUser {
    id: String = "id",
    organization_id: String = "organizationId",
    email: String = "email",
    create_time: Option<Timestamp> = "createTime",
    update_time: Option<Timestamp> = "updateTime",
    owner: Option<bool> = "owner",
    google_user_id: Option<String> = "googleUserId",
    microsoft_user_id: Option<String> = "microsoftUserId",
    has_authenticator_app: bool = "hasAuthenticatorApp",
    display_name: Option<String> = "displayName",
    profile_picture_url: Option<String> = "profilePictureUrl",
});

message!(Session, PlainSession {
    id: String = "id",
    user_id: String = "userId",
    revoked: bool = "revoked",
    create_time: Option<Timestamp> = "createTime",
    last_active_time: Option<Timestamp> = "lastActiveTime",
    expire_time: Option<Timestamp> = "expireTime",
    primary_auth_factor: PrimaryAuthFactor = "primaryAuthFactor",
    actual_ttl_seconds: u32 = "actualTtlSeconds",
    event_details: Option<Struct> = "eventDetails",
});

message!(ListUsersResponse, PlainListUsersResponse {
    users: Vec<User> = "users",
    next_page_token: String = "nextPageToken",
});

message!(ListSessionsResponse, PlainListSessionsResponse {
    sessions: Vec<Session> = "sessions",
    next_page_token: String = "nextPageToken",
});

/// The server's form: every non-optional field written, defaults included.
fn users_page() -> String {
    let user = |i: usize| {
        format!(
            r#"{{"id":"user_{i:026}","organizationId":"org_01hqm0s8bzvk7wd3e6c2vx9y8q","email":"person{i}@example.com","createTime":"2024-05-01T12:34:56.{i:03}123Z","updateTime":"2024-06-01T08:00:00Z","owner":{},"googleUserId":"10987654321{i}","hasAuthenticatorApp":false,"displayName":"Person Number {i}","profilePictureUrl":"https://example.com/p/{i}.png"}}"#,
            i % 2 == 0
        )
    };
    let users: Vec<String> = (0..10).map(user).collect();
    format!(
        r#"{{"users":[{}],"nextPageToken":"eyJwYWdlIjogMn0+/abc="}}"#,
        users.join(",")
    )
}

fn sessions_page() -> String {
    let session = |i: usize| {
        format!(
            r#"{{"id":"session_{i:026}","userId":"user_{i:026}","revoked":false,"createTime":"2024-05-01T12:34:56Z","lastActiveTime":"2024-05-02T01:02:03.456Z","expireTime":"2024-05-08T12:34:56Z","primaryAuthFactor":"PRIMARY_AUTH_FACTOR_GOOGLE","actualTtlSeconds":604800,"eventDetails":{{"ip":"203.0.113.{i}","userAgent":"Mozilla/5.0","attempts":3}}}}"#
        )
    };
    let sessions: Vec<String> = (0..10).map(session).collect();
    format!(
        r#"{{"sessions":[{}],"nextPageToken":""}}"#,
        sessions.join(",")
    )
}

fn bench(c: &mut Criterion) {
    let users = users_page();
    let sessions = sessions_page();
    // Both decoders read the same data.
    let codec: ListUsersResponse = serde_json::from_str(&users).unwrap();
    let plain: PlainListUsersResponse = serde_json::from_str(&users).unwrap();
    assert_eq!(codec.users.len(), plain.users.len());
    assert_eq!(codec.users[3].email, plain.users[3].email);

    let mut group = c.benchmark_group("decode_users_page");
    group.bench_function("codec", |b| {
        b.iter(|| serde_json::from_str::<ListUsersResponse>(black_box(&users)).unwrap())
    });
    group.bench_function("plain", |b| {
        b.iter(|| serde_json::from_str::<PlainListUsersResponse>(black_box(&users)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("decode_sessions_page");
    group.bench_function("codec", |b| {
        b.iter(|| serde_json::from_str::<ListSessionsResponse>(black_box(&sessions)).unwrap())
    });
    group.bench_function("plain", |b| {
        b.iter(|| serde_json::from_str::<PlainListSessionsResponse>(black_box(&sessions)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("encode_users_page");
    group.bench_function("codec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&codec)).unwrap())
    });
    group.bench_function("plain", |b| {
        b.iter(|| serde_json::to_vec(black_box(&plain)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
