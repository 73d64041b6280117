//! Streamable HTTP over the built-in server with Rust handlers and a real HTTP client: sessions,
//! SSE and JSON answers, what handlers send while serving a request, the standalone stream,
//! DELETE, stateless mode, batches, and clients that go away mid-stream.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use ferromcp_core::transport::http::HttpOptions;
use http::{Method, StatusCode};
use serde_json::{Value, json};
use support::*;

#[tokio::test]
async fn initialize_then_call_over_sse() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = running.client("2025-11-25");
    let r = c.post(&initialize("2025-11-25")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let sid = r.headers()["mcp-session-id"].to_str().unwrap().to_owned();
    assert_eq!(sid.len(), 32);
    let events = Sse::new(r.into_body()).all().await;
    assert_eq!(events.len(), 1);
    let init = events[0].json();
    assert_eq!(init["result"]["protocolVersion"], "2025-11-25");
    assert_eq!(init["result"]["serverInfo"]["name"], "http-test");
    c.session = Some(sid.clone());
    let n = c
        .post(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        .await;
    assert_eq!(n.status(), StatusCode::ACCEPTED);

    let r = c.post(&call(1, "echo", json!({"text": "hi"}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "text/event-stream");
    assert_eq!(r.headers()["mcp-session-id"], sid.as_str());
    let events = Sse::new(r.into_body()).all().await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, "message");
    // No event store: no event id, as the official SDKs send them.
    assert_eq!(events[0].id, None);
    let v = events[0].json();
    assert_eq!(v["id"], 1);
    assert_eq!(v["result"]["content"][0]["text"], "hi");
    running.stop().await;
}

#[tokio::test]
async fn initialize_then_call_as_json() {
    let (server, _) = test_server();
    let options = HttpOptions {
        json_response: true,
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let mut c = running.client("2025-06-18");
    let init = c.initialize().await;
    assert_eq!(init["result"]["protocolVersion"], "2025-06-18");
    assert!(c.session.is_some());
    let r = c.post(&call(1, "echo", json!({"text": "json"}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "application/json");
    let v = answer(r).await;
    assert_eq!(v["result"]["content"][0]["text"], "json");
    // A handler that suspends is answered as JSON too.
    let v = c.call(2, "steps", json!({"pause": true})).await;
    assert_eq!(v["result"]["content"][0]["text"], "done");
    running.stop().await;
}

#[tokio::test]
async fn progress_and_logs_come_on_the_post_stream_before_the_answer() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    for (id, pause) in [(1, false), (2, true)] {
        let mut msg = call(id, "steps", json!({"pause": pause}));
        msg["params"]["_meta"] = json!({"progressToken": "tok"});
        let r = c.post(&msg).await;
        assert_eq!(r.status(), StatusCode::OK);
        let events: Vec<Value> = Sse::new(r.into_body())
            .all()
            .await
            .iter()
            .map(Event::json)
            .collect();
        let methods: Vec<&str> = events
            .iter()
            .map(|e| e["method"].as_str().unwrap_or("(answer)"))
            .collect();
        assert_eq!(
            methods,
            [
                "notifications/progress",
                "notifications/message",
                "notifications/message",
                "(answer)"
            ],
            "pause: {pause}"
        );
        assert_eq!(events[0]["params"]["progressToken"], "tok");
        assert_eq!(events[1]["params"]["data"], "first");
        assert_eq!(events[2]["params"]["data"], "second");
        assert_eq!(events[3]["id"], id);
    }
    running.stop().await;
}

#[tokio::test]
async fn the_standalone_stream_carries_what_belongs_to_no_request() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let r = c.listen().await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let mut stream = Sse::new(r.into_body());

    // One standalone stream per session.
    let again = c.listen().await;
    let (status, _) = refused(again).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let v = c.call(1, "announce", json!({})).await;
    assert_eq!(v["result"]["content"][0]["text"], "announced");
    let e = stream.next().await.expect("a notification");
    assert_eq!(e.json()["method"], "notifications/tools/list_changed");

    // Ending the session ends its stream.
    let del = support::send(
        c.addr,
        request(c.addr, Method::DELETE, "/mcp")
            .header("mcp-session-id", c.session.as_deref().unwrap())
            .body(http_body_util::Full::<bytes::Bytes>::default())
            .unwrap(),
    )
    .await;
    assert_eq!(del.status(), StatusCode::OK);
    assert!(stream.next().await.is_none());
    running.stop().await;
}

#[tokio::test]
async fn delete_ends_the_session() {
    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let delete = |sid: &str| {
        request(c.addr, Method::DELETE, "/mcp")
            .header("mcp-session-id", sid)
            .body(http_body_util::Full::<bytes::Bytes>::default())
            .unwrap()
    };
    let sid = c.session.clone().unwrap();
    let r = send(c.addr, delete(&sid)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(running.service.sessions().is_empty());
    let (status, body) = refused(c.post(&call(1, "echo", json!({"text": "x"}))).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], -32600);
    let (status, _) = refused(send(c.addr, delete(&sid)).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    running.stop().await;
}

#[tokio::test]
async fn stateless_requests_stand_alone() {
    let (server, _) = test_server();
    let options = HttpOptions {
        stateless: true,
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let c = running.client("2025-11-25");
    // initialize is answered, without a session.
    let r = c.post(&initialize("2025-11-25")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("mcp-session-id").is_none());
    assert_eq!(answer(r).await["result"]["protocolVersion"], "2025-11-25");
    // Any request, with no initialize before it on its session.
    let req = request(c.addr, Method::POST, "/mcp")
        .header("content-type", "application/json")
        .header("mcp-protocol-version", "2025-11-25")
        .body(body(&call(1, "echo", json!({"text": "alone"}))))
        .unwrap();
    let r = send(c.addr, req).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("mcp-session-id").is_none());
    assert_eq!(answer(r).await["result"]["content"][0]["text"], "alone");
    assert!(running.service.sessions().is_empty());
    // No standalone stream and no session to end.
    for m in [Method::GET, Method::DELETE] {
        let r = send(
            c.addr,
            request(c.addr, m, "/mcp")
                .body(http_body_util::Full::<bytes::Bytes>::default())
                .unwrap(),
        )
        .await;
        assert_eq!(r.headers()["allow"], "POST");
        let (status, _) = refused(r).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    }
    running.stop().await;
}

#[tokio::test]
async fn batches_are_answered_for_2025_03_26() {
    let (server, _) = test_server();
    for json_response in [true, false] {
        let options = HttpOptions {
            json_response,
            ..HttpOptions::default()
        };
        let running = start(server.clone(), options).await;
        let mut c = running.client("2025-03-26");
        c.initialize().await;
        let batch = json!([
            call(1, "echo", json!({"text": "a"})),
            {"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": 1, "progress": 1}},
            call(2, "steps", json!({"pause": true})),
        ]);
        let r = c.post(&batch).await;
        assert_eq!(r.status(), StatusCode::OK);
        let mut answers: Vec<Value> = if json_response {
            serde_json::from_slice::<Vec<Value>>(&read_all(r.into_body()).await).unwrap()
        } else {
            Sse::new(r.into_body())
                .all()
                .await
                .iter()
                .map(Event::json)
                .filter(|v| v.get("id").is_some())
                .collect()
        };
        answers.sort_by_key(|v| v["id"].as_i64());
        assert_eq!(answers.len(), 2, "json: {json_response}");
        assert_eq!(answers[0]["result"]["content"][0]["text"], "a");
        assert_eq!(answers[1]["result"]["content"][0]["text"], "done");
        // Only notifications: 202.
        let r = c
            .post(&json!([{"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": 1, "progress": 1}}]))
            .await;
        assert_eq!(r.status(), StatusCode::ACCEPTED);
        running.stop().await;
    }
}

#[tokio::test]
async fn a_client_that_leaves_mid_stream_does_not_cancel_its_request() {
    let (server, mut probes) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let mut standalone = Sse::new(c.listen().await.into_body());

    // The request starts, then its client goes away.
    let r = c.post(&call(1, "slow", json!({"until_seen": true}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    tokio::time::timeout(WAIT, probes.started.recv())
        .await
        .unwrap()
        .unwrap();
    drop(r);

    // Everyone else is still served meanwhile, on the same session and on another.
    assert_eq!(
        c.call(2, "echo", json!({"text": "still here"})).await["result"]["content"][0]["text"],
        "still here"
    );
    let mut other = running.client("2025-11-25");
    other.initialize().await;
    assert_eq!(
        other.call(1, "echo", json!({"text": "other"})).await["result"]["content"][0]["text"],
        "other"
    );

    // The request goes on: what it sends now reaches the standalone stream.
    probes.gate.send(()).unwrap();
    let e = standalone
        .next()
        .await
        .expect("a message of the orphaned request");
    let v = e.json();
    assert_eq!(v["method"], "notifications/message");
    assert!(
        v["params"]["data"]
            .as_str()
            .unwrap()
            .starts_with("after disconnect")
    );
    SEEN.store(true, std::sync::atomic::Ordering::SeqCst);
    tokio::time::timeout(WAIT, probes.finished.recv())
        .await
        .expect("the request finished")
        .unwrap();
    running.stop().await;
}

#[tokio::test]
async fn a_session_takes_the_id_its_host_chose() {
    use ferromcp_core::transport::http::ChosenSessionId;

    let (server, _) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let begin = |chosen: &str| {
        let mut req = http::Request::post("/mcp")
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream")
            .body(body(&initialize("2025-11-25")))
            .unwrap();
        req.extensions_mut()
            .insert(ChosenSessionId(chosen.to_owned()));
        req
    };
    let sid = |r: &http::Response<_>| r.headers()["mcp-session-id"].to_str().unwrap().to_owned();
    let r = running.service.handle(begin("tenant-7.a1")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(sid(&r), "tenant-7.a1");
    // Taken already: refused, as a second initialize of that session would be.
    let again = running.service.handle(begin("tenant-7.a1")).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    // Not visible ASCII: the core's own id instead.
    let r = running.service.handle(begin("has space")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(sid(&r).len(), 32);
    running.stop().await;
}
