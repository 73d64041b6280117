//! The HTTP service in the TypeScript SDK's dialect (what ferromcp's Node transports use):
//! refusals with that transport's statuses, codes and texts, its Host/Origin rules, one session
//! per service, and batches at every revision.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use bytes::Bytes;
use ferromcp_core::transport::http::{DnsRebinding, HttpDialect, HttpOptions};
use http::{Method, StatusCode};
use http_body_util::Full;
use serde_json::json;
use support::*;

fn typescript() -> HttpOptions {
    HttpOptions {
        dialect: HttpDialect::TypeScript,
        legacy_sse: false,
        ..HttpOptions::default()
    }
}

#[tokio::test]
async fn refusals_use_the_typescript_texts_and_codes() {
    let (server, _) = test_server();
    let running = start(server, typescript()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let addr = running.addr;
    let post = |extra: &[(&str, &str)], text: &str| {
        let mut b = request(addr, Method::POST, "/mcp").header("content-type", "application/json");
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        b.body(Full::new(Bytes::from(text.to_owned()))).unwrap()
    };
    let msg = call(1, "echo", json!({"text": "x"})).to_string();

    let (status, body) = refused(send(addr, post(&[], &msg)).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32000);
    assert_eq!(
        body["error"]["message"],
        "Bad Request: Mcp-Session-Id header is required"
    );

    let (status, body) = refused(send(addr, post(&[("mcp-session-id", "nope")], &msg)).await).await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!(-32001))
    );

    let sid = c.session.clone().unwrap();
    let on_session = [("mcp-session-id", sid.as_str())];
    let (status, body) = refused(send(addr, post(&on_session, "{nope")).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"],
        json!({"code": -32700, "message": "Parse error: Invalid JSON"})
    );
    let (_, body) = refused(send(addr, post(&on_session, "{}")).await).await;
    assert_eq!(
        body["error"]["message"],
        "Parse error: Invalid JSON-RPC message"
    );

    let bad_version = [
        ("mcp-session-id", sid.as_str()),
        ("mcp-protocol-version", "1999-01-01"),
    ];
    let (status, body) = refused(send(addr, post(&bad_version, &msg)).await).await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, json!(-32000))
    );
    assert!(body["error"]["message"].as_str().unwrap().ends_with(
        "(supported versions: 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07)"
    ));

    // One session per service: a second initialize is refused, with or without the header.
    let again = initialize("2025-11-25").to_string();
    for headers in [&[][..], &on_session[..]] {
        let (status, body) = refused(send(addr, post(headers, &again)).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            body["error"]["message"],
            "Invalid Request: Server already initialized"
        );
    }

    // Batches at every revision.
    let batch = json!([
        call(2, "echo", json!({"text": "a"})),
        call(3, "echo", json!({"text": "b"}))
    ]);
    let r = send(addr, post(&on_session, &batch.to_string())).await;
    assert_eq!(r.status(), StatusCode::OK);
    running.stop().await;
}

#[tokio::test]
async fn host_and_origin_are_checked_only_against_the_lists_given() {
    let (server, _) = test_server();
    let options = HttpOptions {
        dns_rebinding: DnsRebinding {
            enabled: Some(true),
            allowed_hosts: vec![],
            allowed_origins: vec!["http://good.example".into()],
        },
        ..typescript()
    };
    let running = start(server, options).await;
    let addr = running.addr;
    let init = |host: &str, origin: Option<&str>| {
        let mut b = request(addr, Method::POST, "/mcp").header("content-type", "application/json");
        b.headers_mut()
            .unwrap()
            .insert("host", host.parse().unwrap());
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.body(body(&initialize("2025-11-25"))).unwrap()
    };
    // No allowed hosts given: any Host passes.
    let r = send(addr, init("evil.example.com", Some("http://good.example"))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (status, body) =
        refused(send(addr, init("evil.example.com", Some("http://evil.example"))).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["error"],
        json!({"code": -32000, "message": "Invalid Origin header: http://evil.example"})
    );
    running.stop().await;

    let (server, _) = test_server();
    let options = HttpOptions {
        dns_rebinding: DnsRebinding {
            enabled: Some(true),
            allowed_hosts: vec!["good.example:80".into()],
            allowed_origins: vec![],
        },
        ..typescript()
    };
    let running = start(server, options).await;
    let addr = running.addr;
    let (status, body) = refused(send(addr, init("evil.example.com", None)).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["error"]["message"],
        "Invalid Host header: evil.example.com"
    );
    // Origin is not checked without allowed origins.
    let r = send(
        addr,
        init("good.example:80", Some("http://anything.example")),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    running.stop().await;
}
