//! Time per request of the SDK's client (`client.get_user(..)`) against a
//! hand-written `reqwest` + `serde_json` call, both to the same loopback
//! HTTP/1.1 server answering every request with the same `GetUser`
//! response. Target: the SDK within 5% of the hand-written call.
//!
//! `cargo bench -p tesseral-sdk --bench client_overhead` (or `cargo xtask bench`).

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;
use support::PlainUser;
use tesseral::model::GetUserRequest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const BODY: &str = r#"{"user":{"id":"user_01hqm0s8bzvk7wd3e6c2vx9y8q","organizationId":"org_01hqm0s8bzvk7wd3e6c2vx9y8q","email":"person@example.com","createTime":"2024-05-01T12:34:56.789Z","updateTime":"2024-06-01T08:00:00Z","owner":true,"googleUserId":"109876543210","microsoftUserId":"","hasAuthenticatorApp":false,"displayName":"Person","profilePictureUrl":"https://example.com/p.png","githubUserId":""}}"#;

/// `GetUserResponse` with plain serde derive, as a hand-written client
/// would declare it.
#[allow(dead_code, reason = "read by serde only")]
#[derive(Default, Deserialize)]
#[serde(default)]
struct PlainGetUserResponse {
    user: Option<PlainUser>,
}

/// Serves keep-alive HTTP/1.1 connections: reads each request (headers and
/// any `content-length` body) and answers `BODY`.
async fn serve(listener: TcpListener) {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let response = response.clone();
        tokio::spawn(async move {
            let mut buf = Vec::with_capacity(4096);
            let mut chunk = [0u8; 4096];
            loop {
                // One request: up to the blank line, then the body.
                let head_end = loop {
                    if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break at + 4;
                    }
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
                let body_len = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                while buf.len() < head_end + body_len {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                buf.drain(..head_end + body_len);
                if socket.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let listener = rt
        .block_on(TcpListener::bind("127.0.0.1:0"))
        .expect("loopback listener");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    rt.spawn(serve(listener));

    let sdk = tesseral::ClientBuilder::for_testing(&base)
        .build()
        .expect("SDK client");
    let http = reqwest::Client::new();
    let url = format!("{base}/v1/users/user_01hqm0s8bzvk7wd3e6c2vx9y8q");

    let sdk_call = || async {
        sdk.get_user(GetUserRequest::new().with_id("user_01hqm0s8bzvk7wd3e6c2vx9y8q"))
            .await
            .expect("SDK call")
    };
    let plain_call = || async {
        let bytes = http
            .get(&url)
            .bearer_auth("test")
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .expect("request")
            .bytes()
            .await
            .expect("body");
        serde_json::from_slice::<PlainGetUserResponse>(&bytes).expect("decode")
    };
    // Both read the same user.
    let (a, b) = rt.block_on(async { (sdk_call().await, plain_call().await) });
    assert_eq!(a.user.map(|u| u.email), b.user.map(|u| u.email));

    let mut group = c.benchmark_group("get_user_loopback");
    group.bench_function("sdk", |b| b.iter(|| rt.block_on(sdk_call())));
    group.bench_function("reqwest_serde_json", |b| {
        b.iter(|| rt.block_on(plain_call()))
    });
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
