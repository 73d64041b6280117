//! Every malformed or hostile HTTP request gets its precise status and a JSON-RPC error body,
//! and the server keeps serving.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use bytes::Bytes;
use ferromcp_core::sessions::SessionLimits;
use ferromcp_core::transport::http::{DnsRebinding, HttpOptions};
use http::{Method, StatusCode};
use http_body::Frame;
use http_body_util::{Full, StreamBody};
use serde_json::json;
use std::convert::Infallible;
use support::*;

async fn initialized(running: &Running, version: &str) -> Client {
    let mut c = running.client(version);
    c.initialize().await;
    c
}

#[tokio::test]
async fn wrong_method_and_path() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let r = send(
        running.addr,
        request(running.addr, Method::PUT, "/mcp")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(r.headers()["allow"], "GET, POST, DELETE");
    let (status, body) = refused(r).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["error"]["code"], -32600);
    // A path nothing serves: the official Python servers' plain 404.
    let r = send(
        running.addr,
        request(running.addr, Method::POST, "/elsewhere")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(content_type(r.headers()), "text/plain; charset=utf-8");
    assert_eq!(read_all(r.into_body()).await.as_ref(), b"Not Found");
    running.stop().await;
}

#[tokio::test]
async fn content_type_and_accept() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let c = initialized(&running, "2025-11-25").await;
    let msg = call(1, "echo", json!({"text": "x"}));
    let post = |content_type: Option<&str>, accept: &str| {
        let mut b = request(c.addr, Method::POST, "/mcp")
            .header("mcp-session-id", c.session.as_deref().unwrap());
        b.headers_mut()
            .unwrap()
            .insert("accept", accept.parse().unwrap());
        if let Some(t) = content_type {
            b = b.header("content-type", t);
        }
        b.body(body(&msg)).unwrap()
    };
    let both = "application/json, text/event-stream";
    for t in [None, Some("text/plain")] {
        let (status, body) = refused(send(c.addr, post(t, both)).await).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{t:?}");
        assert_eq!(body["error"]["code"], -32600);
    }
    for accept in ["text/html", "application/json", "text/event-stream"] {
        let (status, body) =
            refused(send(c.addr, post(Some("application/json"), accept)).await).await;
        assert_eq!(status, StatusCode::NOT_ACCEPTABLE, "{accept}");
        assert_eq!(body["error"]["code"], -32600);
    }
    // As lenient as the official server: wildcards, parameters.
    for accept in [
        "*/*",
        "application/*, text/*",
        "application/json;q=1, text/event-stream;q=0.5",
    ] {
        let r = send(
            c.addr,
            post(Some("application/json; charset=utf-8"), accept),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{accept}");
        assert_eq!(answer(r).await["result"]["content"][0]["text"], "x");
    }
    // A GET must accept an event stream.
    let mut get = request(c.addr, Method::GET, "/mcp")
        .header("mcp-session-id", c.session.as_deref().unwrap())
        .body(Full::<Bytes>::default())
        .unwrap();
    get.headers_mut()
        .insert("accept", "application/json".parse().unwrap());
    let r = send(c.addr, get).await;
    assert_eq!(refused(r).await.0, StatusCode::NOT_ACCEPTABLE);
    running.stop().await;
}

#[tokio::test]
async fn invalid_json_and_invalid_messages() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let c = initialized(&running, "2025-11-25").await;
    let raw = |text: &'static str| {
        request(c.addr, Method::POST, "/mcp")
            .header("content-type", "application/json")
            .header("mcp-session-id", c.session.as_deref().unwrap())
            .body(Full::new(Bytes::from_static(text.as_bytes())))
            .unwrap()
    };
    let (status, body) = refused(send(c.addr, raw("{not json")).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32700);
    // Not JSON-RPC 2.0: the error keeps the id it could read.
    let r = send(c.addr, raw(r#"{"id": 1, "method": "ping"}"#)).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = answer(r).await;
    assert_eq!(body["id"], 1);
    assert_eq!(body["error"]["code"], -32600);
    // Without a session, invalid JSON is still a parse error.
    let r = send(
        c.addr,
        request(c.addr, Method::POST, "/mcp")
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from_static(b"[")))
            .unwrap(),
    )
    .await;
    let (status, body) = refused(r).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32700);
    // The session still works.
    assert_eq!(
        c.call(2, "echo", json!({"text": "ok"})).await["result"]["content"][0]["text"],
        "ok"
    );
    running.stop().await;
}

#[tokio::test]
async fn batches_only_where_the_revision_has_them() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let batch = json!([call(1, "echo", json!({"text": "a"}))]);
    for version in ["2025-06-18", "2025-11-25"] {
        let c = initialized(&running, version).await;
        let (status, body) = refused(c.post(&batch).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{version}");
        assert_eq!(body["error"]["code"], -32600);
    }
    // A batch cannot start a session either.
    let c = running.client("2025-03-26");
    let (status, body) = refused(c.post(&json!([initialize("2025-03-26")])).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32600);
    running.stop().await;
}

#[tokio::test]
async fn missing_unknown_and_ended_sessions() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    // No session header on anything but initialize: 400.
    let c = running.client("2025-11-25");
    let (status, body) = refused(c.post(&call(1, "echo", json!({"text": "x"}))).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32600);
    for m in [Method::GET, Method::DELETE] {
        let r = send(
            c.addr,
            request(c.addr, m.clone(), "/mcp")
                .header("accept", "text/event-stream")
                .body(Full::<Bytes>::default())
                .unwrap(),
        )
        .await;
        assert_eq!(refused(r).await.0, StatusCode::BAD_REQUEST, "{m}");
    }
    // An id the server never issued: 404.
    let mut stranger = running.client("2025-11-25");
    stranger.session = Some("0123456789abcdef0123456789abcdef".into());
    let (status, body) = refused(stranger.post(&call(1, "echo", json!({"text": "x"}))).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], -32600);
    assert_eq!(
        refused(stranger.listen().await).await.0,
        StatusCode::NOT_FOUND
    );
    running.stop().await;
}

#[tokio::test]
async fn unsupported_protocol_version_header() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = initialized(&running, "2025-11-25").await;
    c.version = "1999-01-01".into();
    let (status, body) = refused(c.post(&call(1, "echo", json!({"text": "x"}))).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32600);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("1999-01-01")
    );
    // Any supported revision passes; an absent header too.
    c.version = "2025-03-26".into();
    assert_eq!(
        c.call(2, "echo", json!({"text": "y"})).await["result"]["content"][0]["text"],
        "y"
    );
    running.stop().await;
}

#[tokio::test]
async fn oversize_bodies() {
    let (server, _) = test_server();
    let options = HttpOptions {
        max_body: 256,
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let c = initialized(&running, "2025-11-25").await;
    let big = "x".repeat(300);
    // Declared by Content-Length.
    let (status, body) = refused(c.post(&call(1, "echo", json!({"text": big}))).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"]["code"], -32600);
    // Streamed without a length.
    let text = call(1, "echo", json!({"text": big})).to_string();
    let chunks: Vec<Result<Frame<Bytes>, Infallible>> = text
        .as_bytes()
        .chunks(64)
        .map(|c| Ok(Frame::data(Bytes::copy_from_slice(c))))
        .collect();
    let req = request(c.addr, Method::POST, "/mcp")
        .header("content-type", "application/json")
        .header("mcp-session-id", c.session.as_deref().unwrap())
        .body(StreamBody::new(futures::stream::iter(chunks)))
        .unwrap();
    let (status, _) = refused(send(c.addr, req).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        c.call(2, "echo", json!({"text": "small"})).await["result"]["content"][0]["text"],
        "small"
    );
    running.stop().await;
}

#[tokio::test]
async fn dns_rebinding_on_a_loopback_bind() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
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
    // As the conformance suite's dns-rebinding-protection scenario sends them.
    let (status, body) = refused(
        send(
            addr,
            init("evil.example.com", Some("http://evil.example.com")),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    assert_eq!(body["error"]["code"], -32600);
    let local = addr.to_string();
    let (status, _) =
        refused(send(addr, init(&local, Some("http://evil.example.com"))).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let origin = format!("http://{local}");
    let r = send(addr, init(&local, Some(&origin))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = send(addr, init(&format!("localhost:{}", addr.port()), None)).await;
    assert_eq!(r.status(), StatusCode::OK);
    // The legacy endpoints are protected too.
    let r = send(
        addr,
        request(addr, Method::GET, "/sse")
            .header("origin", "http://evil.example.com")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(refused(r).await.0, StatusCode::FORBIDDEN);
    running.stop().await;

    // Turned off, or with hosts of its own.
    let (server, _) = test_server();
    let options = HttpOptions {
        dns_rebinding: DnsRebinding {
            enabled: Some(false),
            ..DnsRebinding::default()
        },
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let addr = running.addr;
    let r = send(
        addr,
        init("evil.example.com", Some("http://evil.example.com")),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    running.stop().await;
    let (server, _) = test_server();
    let options = HttpOptions {
        dns_rebinding: DnsRebinding {
            enabled: None,
            allowed_hosts: vec!["mcp.example.com".into()],
            allowed_origins: vec!["https://app.example.com".into()],
        },
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let addr = running.addr;
    let r = send(
        addr,
        init("mcp.example.com", Some("https://app.example.com")),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (status, _) = refused(send(addr, init(&addr.to_string(), None)).await).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    running.stop().await;
}

#[tokio::test]
async fn too_many_sessions() {
    let (server, _) = test_server();
    let options = HttpOptions {
        sessions: SessionLimits {
            max_sessions: 1,
            idle_timeout: None,
        },
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let first = initialized(&running, "2025-11-25").await;
    let second = running.client("2025-11-25");
    let (status, body) = refused(second.post(&initialize("2025-11-25")).await).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"]["code"], -32000);
    // The legacy transport counts against the same limit.
    let r = send(
        running.addr,
        request(running.addr, Method::GET, "/sse")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(refused(r).await.0, StatusCode::SERVICE_UNAVAILABLE);
    // A failed initialize does not take a session.
    assert_eq!(running.service.sessions().len(), 1);
    assert_eq!(
        first.call(1, "echo", json!({"text": "ok"})).await["result"]["content"][0]["text"],
        "ok"
    );
    running.stop().await;
}

#[tokio::test]
async fn a_failed_initialize_issues_no_session() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let c = running.client("2025-11-25");
    let bad = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {}});
    let r = c.post(&bad).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("mcp-session-id").is_none());
    assert_eq!(answer(r).await["error"]["code"], -32602);
    assert!(running.service.sessions().is_empty());
    running.stop().await;
}
