//! Decoding a `ListUsers` response of 10,000 Users into the SDK's generated
//! types against plain `serde_json` derive into equivalent hand-written
//! structs (same field types, no field codec). Target: within 1.2x.
//!
//! `cargo bench -p tesseral-sdk --bench decode_users` (or `cargo xtask bench`).

use std::hint::black_box;

mod support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use support::PlainUser;
use tesseral::model::ListUsersResponse;

#[allow(dead_code, reason = "read by serde only")]
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct PlainListUsersResponse {
    users: Vec<PlainUser>,
    next_page_token: String,
}

/// A page as the server writes it: every field present, defaults included.
fn page(n: usize) -> String {
    let users: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"user_{i:026}","organizationId":"org_01hqm0s8bzvk7wd3e6c2vx9y8q","email":"person{i}@example.com","createTime":"2024-05-01T12:34:56.{ms:03}Z","updateTime":"2024-06-01T08:00:00Z","owner":{owner},"googleUserId":"10987654321{i}","microsoftUserId":"","hasAuthenticatorApp":false,"displayName":"Person Number {i}","profilePictureUrl":"https://example.com/p/{i}.png","githubUserId":"gh{i}"}}"#,
                ms = i % 1000,
                owner = i % 2 == 0
            )
        })
        .collect();
    format!(
        r#"{{"users":[{}],"nextPageToken":"eyJwYWdlIjogMn0"}}"#,
        users.join(",")
    )
}

fn decode(c: &mut Criterion) {
    let json = page(10_000);
    // Both sides read the same thing.
    let sdk: ListUsersResponse = serde_json::from_str(&json).expect("SDK decodes");
    let plain: PlainListUsersResponse = serde_json::from_str(&json).expect("plain decodes");
    assert_eq!(sdk.users.len(), plain.users.len());
    assert_eq!(sdk.users[9_999].email, plain.users[9_999].email);

    let mut group = c.benchmark_group("decode_10k_users");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.sample_size(30);
    group.bench_function("sdk", |b| {
        b.iter(|| serde_json::from_str::<ListUsersResponse>(black_box(&json)).unwrap())
    });
    group.bench_function("plain_serde", |b| {
        b.iter(|| serde_json::from_str::<PlainListUsersResponse>(black_box(&json)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
