//! A single-session service (`HttpOptions::session_id`, the official Python SDK's
//! `StreamableHTTPServerTransport(mcp_session_id=...)`): the id is the author's, a second
//! `initialize` is refused while the session lives, and after DELETE the id answers 404.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use bytes::Bytes;
use ferromcp_core::transport::http::HttpOptions;
use http::{Method, StatusCode};
use http_body_util::Full;
use serde_json::json;
use support::*;

#[tokio::test]
async fn the_service_issues_the_given_id_once() {
    let (server, _) = test_server();
    let options = HttpOptions {
        session_id: Some("fixed-session-1".into()),
        legacy_sse: false,
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    assert_eq!(c.session.as_deref(), Some("fixed-session-1"));
    let answer = c.call(2, "echo", json!({"text": "hi"})).await;
    assert_eq!(answer["result"]["content"][0]["text"], "hi");

    // Another client's initialize: the one session exists already.
    let (status, body) = refused(
        running
            .client("2025-11-25")
            .post(&initialize("2025-11-25"))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"]["message"],
        "Invalid Request: Server already initialized"
    );

    // Another id is not found.
    let mut other = running.client("2025-11-25");
    other.session = Some("someone-else".into());
    let (status, _) = refused(other.post(&call(3, "echo", json!({"text": "x"}))).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // DELETE ends it; the id is not issued again.
    let delete = request(running.addr, Method::DELETE, "/mcp")
        .header("mcp-session-id", "fixed-session-1")
        .header("mcp-protocol-version", "2025-11-25")
        .body(Full::<Bytes>::default())
        .unwrap();
    assert_eq!(send(running.addr, delete).await.status(), StatusCode::OK);
    let (status, _) = refused(c.post(&call(4, "echo", json!({"text": "x"}))).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let r = running
        .client("2025-11-25")
        .post(&initialize("2025-11-25"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.headers().get("mcp-session-id").is_none());
    running.stop().await;
}
