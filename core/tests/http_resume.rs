//! Resumable streams over real HTTP: with an event store, every SSE event carries the store's
//! id, 2025-11-25 clients get a priming event first, and a client that lost a stream gets what
//! it missed with `GET` + `Last-Event-ID` — then what follows, while the stream is live.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use ferromcp_core::transport::http::{HttpOptions, MemoryEventStore};
use http::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use support::*;

fn resumable() -> HttpOptions {
    HttpOptions {
        event_store: Some(Arc::new(MemoryEventStore::default())),
        retry_interval: Some(Duration::from_millis(250)),
        ..HttpOptions::default()
    }
}

/// A GET naming the last event the client saw.
async fn resume(c: &Client, last: &str) -> http::Response<hyper::body::Incoming> {
    let session = c.session.as_deref().unwrap();
    resume_get(c.addr, &c.path, session, &c.version, last).await
}

fn method(e: &Event) -> Value {
    e.json()["method"].clone()
}

/// The next event carrying a message (priming events skipped).
async fn next_message(sse: &mut Sse) -> Event {
    for _ in 0..10 {
        let e = sse.next().await.expect("an event");
        if !e.data.is_empty() {
            return e;
        }
    }
    panic!("no message");
}

#[tokio::test]
async fn every_event_carries_the_store_id_after_a_priming_event() {
    let (server, _probes) = test_server();
    let running = start(server, resumable()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let r = c.post(&call(1, "steps", json!({"pause": true}))).await;
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let raw = String::from_utf8(read_all(r.into_body()).await.to_vec()).unwrap();
    // The priming event: an id and the reconnection delay, no message.
    let first = raw.split("\n\n").next().unwrap();
    assert!(first.starts_with("id: ") && first.contains("\nretry: 250\ndata: "));
    assert!(!first.contains("event:"));
    let events: Vec<&str> = raw.split("\n\n").filter(|b| !b.is_empty()).collect();
    assert_eq!(events.len(), 4, "priming, two logs, the answer: {raw}");
    for e in &events[1..] {
        assert!(e.starts_with("event: message\nid: "), "{e}");
    }
    running.stop().await;
}

#[tokio::test]
async fn older_clients_get_no_priming_event() {
    let (server, _probes) = test_server();
    let running = start(server, resumable()).await;
    let mut c = running.client("2025-06-18");
    c.initialize().await;
    let r = c.post(&call(1, "echo", json!({"text": "x"}))).await;
    let events = Sse::new(r.into_body()).all().await;
    assert_eq!(events.len(), 1);
    assert!(events[0].id.is_some());
    assert_eq!(events[0].json()["result"]["content"][0]["text"], "x");
    running.stop().await;
}

#[tokio::test]
async fn a_client_that_lost_its_stream_gets_what_it_missed_then_what_follows() {
    let (server, mut probes) = test_server();
    let running = start(server, resumable()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;

    // The request starts; the client keeps the priming event's id and loses the stream.
    let r = c.post(&call(1, "slow", json!({}))).await;
    let mut sse = Sse::new(r.into_body());
    let priming = sse.next().await.unwrap();
    assert_eq!(priming.data, "");
    let last = priming.id.unwrap();
    tokio::time::timeout(WAIT, probes.started.recv())
        .await
        .unwrap()
        .unwrap();
    drop(sse);

    // It reconnects while the request still runs: nothing was missed yet; what the request
    // sends next, and its answer, come on the new stream, which then ends.
    let r = resume(&c, &last).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let mut resumed = Sse::new(r.into_body());
    let again = resumed.next().await.unwrap();
    assert_eq!(again.data, "", "a fresh priming event");
    probes.gate.send(()).unwrap();
    let rest = resumed.all().await;
    assert_eq!(rest.len(), 2, "{rest:?}");
    assert_eq!(method(&rest[0]), "notifications/message");
    assert_eq!(rest[1].json()["id"], 1);
    assert_eq!(rest[1].json()["result"]["content"][0]["text"], "slow done");

    // Resuming from the log message replays only the answer.
    let r = resume(&c, rest[0].id.as_deref().unwrap()).await;
    let replayed = Sse::new(r.into_body()).all().await;
    assert_eq!(replayed.len(), 1);
    assert_eq!(replayed[0].id, rest[1].id);
    running.stop().await;
}

#[tokio::test]
async fn what_is_sent_while_no_one_listens_is_replayed() {
    let (server, mut probes) = test_server();
    let running = start(server, resumable()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let r = c.post(&call(1, "slow", json!({}))).await;
    let mut sse = Sse::new(r.into_body());
    let last = sse.next().await.unwrap().id.unwrap();
    tokio::time::timeout(WAIT, probes.started.recv())
        .await
        .unwrap()
        .unwrap();
    drop(sse);
    // The request finishes with no client holding its stream.
    probes.gate.send(()).unwrap();
    tokio::time::timeout(WAIT, probes.finished.recv())
        .await
        .unwrap()
        .unwrap();
    let mut events = Vec::new();
    for _ in 0..50 {
        events = Sse::new(resume(&c, &last).await.into_body()).all().await;
        if events.iter().any(|e| e.json().get("result").is_some()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let messages: Vec<Value> = events
        .iter()
        .filter(|e| !e.data.is_empty())
        .map(Event::json)
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0]["method"], "notifications/message");
    assert_eq!(messages[1]["result"]["content"][0]["text"], "slow done");
    running.stop().await;
}

#[tokio::test]
async fn the_standalone_stream_is_stored_while_no_one_holds_it() {
    let (server, _probes) = test_server();
    let running = start(server, resumable()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let mut standalone = Sse::new(c.listen().await.into_body());
    c.call(1, "announce", json!({})).await;
    let seen = standalone.next().await.unwrap();
    assert_eq!(method(&seen), "notifications/tools/list_changed");
    // A second GET while one is held is refused.
    assert_eq!(c.listen().await.status(), StatusCode::CONFLICT);
    drop(standalone);

    c.call(2, "announce", json!({})).await;
    let r = resume(&c, seen.id.as_deref().unwrap()).await;
    let mut resumed = Sse::new(r.into_body());
    let missed = next_message(&mut resumed).await;
    assert_eq!(method(&missed), "notifications/tools/list_changed");
    assert_ne!(missed.id, seen.id);
    // The resumed stream is the standalone stream again.
    c.call(3, "announce", json!({})).await;
    let next = next_message(&mut resumed).await;
    assert_eq!(method(&next), "notifications/tools/list_changed");
    running.stop().await;
}

#[tokio::test]
async fn an_unknown_or_foreign_event_replays_nothing() {
    let (server, _probes) = test_server();
    let running = start(server, resumable()).await;
    let mut a = running.client("2025-11-25");
    a.initialize().await;
    let mut b = running.client("2025-11-25");
    b.initialize().await;
    let r = a.post(&call(1, "echo", json!({"text": "secret"}))).await;
    let a_events = Sse::new(r.into_body()).all().await;
    let a_first = a_events[0].id.clone().unwrap();

    for last in [a_first.as_str(), "no-such-event", ""] {
        let r = resume(&b, last).await;
        assert_eq!(r.status(), StatusCode::OK, "{last}");
        assert!(read_all(r.into_body()).await.is_empty(), "{last}");
    }
    running.stop().await;
}

#[tokio::test]
async fn without_a_store_last_event_id_opens_the_standalone_stream() {
    let (server, _probes) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let mut c = running.client("2025-11-25");
    c.initialize().await;
    let mut s = Sse::new(resume(&c, "0-1").await.into_body());
    c.call(1, "announce", json!({})).await;
    assert_eq!(
        method(&s.next().await.unwrap()),
        "notifications/tools/list_changed"
    );
    running.stop().await;
}
