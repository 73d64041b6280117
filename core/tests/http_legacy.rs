//! The legacy HTTP+SSE transport (2024-11-05): `GET /sse` announces where to POST, answers
//! travel on the stream, and the session ends with it.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use bytes::Bytes;
use ferromcp_core::transport::http::{HttpOptions, SessionEnd};
use http::{Method, StatusCode};
use http_body_util::Full;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use support::*;

#[tokio::test]
async fn endpoint_event_then_answers_on_the_stream() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let ended = Arc::new(Mutex::new(Vec::new()));
    let seen = ended.clone();
    running
        .service
        .on_session_end(move |id, why| seen.lock().unwrap().push((id.to_owned(), why)));
    let addr = running.addr;
    let r = send(
        addr,
        request(addr, Method::GET, "/sse")
            .header("accept", "text/event-stream")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let mut stream = Sse::new(r.into_body());
    let endpoint = stream.next().await.unwrap();
    assert_eq!(endpoint.event, "endpoint");
    assert!(
        endpoint.data.starts_with("/messages/?session_id="),
        "{}",
        endpoint.data
    );
    let session_id = endpoint.data["/messages/?session_id=".len()..].to_owned();
    let post = |message: &Value| {
        request(addr, Method::POST, &endpoint.data)
            .header("content-type", "application/json")
            .body(body(message))
            .unwrap()
    };
    let r = send(addr, post(&initialize("2024-11-05"))).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let init = stream.next().await.unwrap().json();
    assert_eq!(init["id"], 0);
    assert_eq!(init["result"]["protocolVersion"], "2024-11-05");
    let r = send(
        addr,
        post(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"})),
    )
    .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    for (id, tool) in [(1, "echo"), (2, "steps")] {
        let r = send(
            addr,
            post(&call(id, tool, json!({"text": "legacy", "pause": true}))),
        )
        .await;
        assert_eq!(r.status(), StatusCode::ACCEPTED);
    }
    // Everything on the one stream: the echo, then the steps' logs and answer.
    let mut seen = Vec::new();
    while seen
        .iter()
        .filter(|v: &&Value| v.get("id").is_some())
        .count()
        < 2
    {
        seen.push(stream.next().await.unwrap().json());
    }
    let echo = seen.iter().find(|v| v["id"] == 1).unwrap();
    assert_eq!(echo["result"]["content"][0]["text"], "legacy");
    let steps = seen.iter().find(|v| v["id"] == 2).unwrap();
    assert_eq!(steps["result"]["content"][0]["text"], "done");
    assert_eq!(
        seen.iter()
            .filter(|v| v["method"] == "notifications/message")
            .count(),
        2
    );

    // Closing the stream ends the session (bounded: the server notices the close soon).
    assert_eq!(running.service.sessions().len(), 1);
    drop(stream);
    let mut gone = false;
    for _ in 0..1000 {
        let r = send(addr, post(&call(3, "echo", json!({"text": "x"})))).await;
        if r.status() == StatusCode::NOT_FOUND {
            gone = true;
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(gone, "the session outlived its stream");
    assert!(running.service.sessions().is_empty());
    assert_eq!(
        *ended.lock().unwrap(),
        [(session_id, SessionEnd::StreamClosed)],
        "the host is told, once"
    );
    running.stop().await;
}

#[tokio::test]
async fn bad_message_posts() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let addr = running.addr;
    let r = send(
        addr,
        request(addr, Method::GET, "/sse")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    let mut stream = Sse::new(r.into_body());
    let endpoint = stream.next().await.unwrap().data;
    let post = |uri: &str, text: &'static str| {
        request(addr, Method::POST, uri)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from_static(text.as_bytes())))
            .unwrap()
    };
    let ping = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
    let (status, _) = refused(send(addr, post("/messages/", ping)).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = refused(send(addr, post("/messages/?session_id=nope", ping)).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = refused(send(addr, post(&endpoint, "{oops")).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], -32700);
    let r = send(
        addr,
        request(addr, Method::GET, &endpoint)
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(r.headers()["allow"], "POST");
    assert_eq!(refused(r).await.0, StatusCode::METHOD_NOT_ALLOWED);
    let r = send(
        addr,
        request(addr, Method::POST, "/sse")
            .body(Full::<Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(r.headers()["allow"], "GET");
    // A streamable session id is not a legacy one, and the other way round.
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let uri = format!("/messages/?session_id={}", c.session.as_deref().unwrap());
    let (status, _) = refused(send(addr, post(&uri, ping)).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The session still answers (a ping before initialize is allowed).
    let r = send(addr, post(&endpoint, ping)).await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    assert_eq!(stream.next().await.unwrap().json()["id"], 1);
    running.stop().await;
}

#[tokio::test]
async fn a_mounted_service_announces_the_endpoint_under_its_mount() {
    use ferromcp_core::transport::http::BasePath;
    use http_body_util::BodyExt;

    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    // As a host framework hands it over: the path below the mount, the mount beside it.
    let mut req = http::Request::get("/sse")
        .body(Full::<Bytes>::default())
        .unwrap();
    req.extensions_mut().insert(BasePath("/api/".into()));
    let r = running.service.handle(req).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut body = r.into_body();
    let frame = body.frame().await.unwrap().unwrap();
    let text = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
    assert!(
        text.starts_with("event: endpoint\ndata: /api/messages/?session_id="),
        "{text}"
    );
    drop(body);
    running.stop().await;
}
