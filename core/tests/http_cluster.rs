//! Two replicas sharing sessions through a real `redis-server` (started here on a free port,
//! stopped by its PID): a session begun on one is served by the other, its state changes reach
//! both, the standalone stream held on one carries what the other sends, a stream resumed on
//! the other replica is followed there to its end, and DELETE ends the session everywhere.
//! Services of one process share one cluster (one connection set, one subscription) and each
//! gets the bus messages of its own sessions.
#![cfg(feature = "redis")]

#[path = "support/http.rs"]
mod support;

use ferromcp_core::protocol::LogLevel;
use ferromcp_core::transport::http::{Cluster, HttpOptions, SessionEnd};
use http::StatusCode;
use http_body_util::Full;
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

/// A `redis-server` of this test's own, stopped when dropped.
struct Redis {
    child: Child,
    url: String,
}

impl Redis {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server is installed (Debian package redis-server)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self {
            child,
            url: format!("redis://127.0.0.1:{port}/0"),
        }
    }

    fn options(&self) -> HttpOptions {
        let cluster = Cluster::new(&self.url, Some("t"), Duration::from_secs(60)).unwrap();
        HttpOptions {
            cluster: Some(Arc::new(cluster)),
            ..HttpOptions::default()
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `c` speaking to another replica, same session.
fn on(running: &Running, c: &Client) -> Client {
    let mut other = running.client(&c.version);
    other.session.clone_from(&c.session);
    other
}

/// Retries `check` (bounded) while the bus delivers.
async fn eventually(mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("not seen in time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_serve_one_session() {
    let redis = Redis::start();
    let (server_a, _) = test_server();
    let (server_b, mut probes_b) = test_server();
    let a = start(server_a, redis.options()).await;
    let b = start(server_b, redis.options()).await;
    let mut ca = a.client("2025-11-25");
    ca.initialize().await;
    let cb = on(&b, &ca);
    let id = ca.session.clone().unwrap();

    // Served on B, which never saw the session begin.
    let r = cb.call(1, "echo", json!({"text": "on b"})).await;
    assert_eq!(r["result"]["content"][0]["text"], "on b");

    // A state change made on B reaches A.
    let r = cb
        .post(
            &json!({"jsonrpc": "2.0", "id": 2, "method": "logging/setLevel",
                      "params": {"level": "error"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let on_a = a.service.sessions().get(&id).unwrap();
    eventually(|| on_a.log_level() == Some(LogLevel::Error)).await;
    let r = cb
        .post(
            &json!({"jsonrpc": "2.0", "id": 3, "method": "logging/setLevel",
                      "params": {"level": "debug"}}),
        )
        .await;
    answer(r).await;
    eventually(|| on_a.log_level() == Some(LogLevel::Debug)).await;

    // The standalone stream held on B carries what A sends outside any request.
    let mut standalone = Sse::new(cb.listen().await.into_body());
    ca.call(4, "announce", json!({})).await;
    let e = standalone.next().await.unwrap();
    assert_eq!(e.json()["method"], "notifications/tools/list_changed");

    // A call runs on B; its client loses the stream and resumes on A, which follows it in
    // Redis to its answer.
    let events = resumed_on(a.addr, &cb, &mut probes_b, &id, 5).await;
    let messages: Vec<_> = events
        .iter()
        .filter(|e| !e.data.is_empty())
        .map(Event::json)
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0]["method"], "notifications/message");
    assert_eq!(messages[1]["result"]["content"][0]["text"], "slow done");

    // DELETE on A ends the session on B too.
    let del = delete_session(a.addr, &id, "2025-11-25").await;
    assert_eq!(del.status(), StatusCode::OK);
    eventually(|| b.service.sessions().get(&id).is_none()).await;
    let r = cb.post(&call(6, "echo", json!({"text": "gone"}))).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    a.stop().await;
    b.stop().await;
}

/// Redis's clients whose name is not `probe` (this test's own connection names itself so).
/// Calls `slow` as `client` (on one replica), drops its stream once the call started, resumes
/// it on the replica at `to` from the priming event, lets the call finish: what the resumed
/// stream carried.
async fn resumed_on(
    to: std::net::SocketAddr,
    client: &Client,
    probes: &mut Probes,
    session: &str,
    id: i64,
) -> Vec<Event> {
    let r = client.post(&call(id, "slow", json!({}))).await;
    let mut sse = Sse::new(r.into_body());
    let priming = sse.next().await.unwrap();
    assert_eq!(priming.data, "");
    tokio::time::timeout(WAIT, probes.started.recv())
        .await
        .unwrap()
        .unwrap();
    drop(sse);
    let last = priming.id.unwrap();
    let resumed = resume_get(to, "/mcp", session, "2025-11-25", &last).await;
    assert_eq!(resumed.status(), StatusCode::OK);
    probes.gate.send(()).unwrap();
    Sse::new(resumed.into_body()).all().await
}

async fn redis_clients(url: &str) -> usize {
    let mut c = redis::Client::open(url)
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let _: () = redis::cmd("CLIENT")
        .arg("SETNAME")
        .arg("probe")
        .query_async(&mut c)
        .await
        .unwrap();
    let list: String = redis::cmd("CLIENT")
        .arg("LIST")
        .query_async(&mut c)
        .await
        .unwrap();
    list.lines().filter(|l| !l.contains(" name=probe ")).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_of_one_process_share_a_cluster_and_get_their_own_sessions_messages() {
    let redis = Redis::start();
    let ttl = Duration::from_secs(60);
    let cluster = Cluster::shared(&redis.url, Some("sh"), ttl).unwrap();
    assert!(Arc::ptr_eq(
        &cluster,
        &Cluster::shared(&redis.url, Some("sh"), ttl).unwrap()
    ));
    assert!(!Arc::ptr_eq(
        &cluster,
        &Cluster::shared(&redis.url, Some("other"), ttl).unwrap()
    ));
    let options = || HttpOptions {
        cluster: Some(cluster.clone()),
        ..HttpOptions::default()
    };
    let (server_b, mut probes_b) = test_server();
    let a = start(test_server().0, options()).await;
    let b = start(server_b, options()).await;
    let c = start(test_server().0, options()).await;
    let ended = |running: &Running| {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let s = seen.clone();
        running
            .service
            .on_session_end(move |id, why| s.lock().unwrap().push((id.to_owned(), why)));
        seen
    };
    let (ended_a, ended_b, ended_c) = (ended(&a), ended(&b), ended(&c));

    // One session begun on A, served on B too; another on C alone.
    let mut ca = a.client("2025-11-25");
    ca.initialize().await;
    let id = ca.session.clone().unwrap();
    let cb = on(&b, &ca);
    let r = cb.call(1, "echo", json!({"text": "on b"})).await;
    assert_eq!(r["result"]["content"][0]["text"], "on b");
    let mut cc = c.client("2025-11-25");
    cc.initialize().await;
    let other = cc.session.clone().unwrap();

    // A state change made on B reaches A, not C's session.
    let set = |n: i64, level: &str| json!({"jsonrpc": "2.0", "id": n, "method": "logging/setLevel", "params": {"level": level}});
    answer(cb.post(&set(2, "error")).await).await;
    let on_a = a.service.sessions().get(&id).unwrap();
    eventually(|| on_a.log_level() == Some(LogLevel::Error)).await;
    assert_ne!(
        c.service.sessions().get(&other).unwrap().log_level(),
        Some(LogLevel::Error)
    );
    assert!(c.service.sessions().get(&id).is_none());

    // The standalone stream held on B carries what A sends outside any request.
    let mut standalone = Sse::new(cb.listen().await.into_body());
    ca.call(3, "announce", json!({})).await;
    let e = standalone.next().await.unwrap();
    assert_eq!(e.json()["method"], "notifications/tools/list_changed");

    // Three services, one connection and one subscription between them.
    let clients = redis_clients(&redis.url).await;
    assert!(clients <= 2, "{clients} Redis connections for one process");

    // A call on B resumed on A: followed in Redis to its end.
    let events = resumed_on(a.addr, &cb, &mut probes_b, &id, 4).await;
    let last = events.iter().rev().find(|e| !e.data.is_empty()).unwrap();
    assert_eq!(last.json()["result"]["content"][0]["text"], "slow done");

    // DELETE on A ends the session on B, which says so; C's session goes on.
    let del = delete_session(a.addr, &id, "2025-11-25").await;
    assert_eq!(del.status(), StatusCode::OK);
    eventually(|| b.service.sessions().get(&id).is_none()).await;
    eventually(|| !ended_b.lock().unwrap().is_empty()).await;
    assert_eq!(
        *ended_b.lock().unwrap(),
        [(id.clone(), SessionEnd::EndedElsewhere)]
    );
    assert_eq!(
        *ended_a.lock().unwrap(),
        [(id.clone(), SessionEnd::Deleted)]
    );
    assert!(ended_c.lock().unwrap().is_empty());
    let r = cc.call(5, "echo", json!({"text": "still"})).await;
    assert_eq!(r["result"]["content"][0]["text"], "still");
    a.stop().await;
    b.stop().await;
    c.stop().await;
}

/// Tokens `alice` and `bob`, each its own principal.
fn with_auth(mut o: HttpOptions) -> HttpOptions {
    use ferromcp_core::transport::http::{AccessToken, AuthOptions, verifier_fn};
    let verifier = verifier_fn(|t: String| async move {
        Ok(matches!(t.as_str(), "alice" | "bob").then(|| {
            let mut token = AccessToken::new(&t, "app", vec![]);
            token.subject = Some(t.clone());
            token
        }))
    });
    o.auth = Some(AuthOptions::new(verifier));
    o
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_oauth_another_replica_serves_a_session_only_to_its_principal() {
    let redis = Redis::start();
    let a = start(test_server().0, with_auth(redis.options())).await;
    let b = start(test_server().0, with_auth(redis.options())).await;
    let c = a.client("2025-11-25");
    let bearer = |mut req: http::Request<Full<bytes::Bytes>>, who: &str| {
        req.headers_mut()
            .insert("authorization", format!("Bearer {who}").parse().unwrap());
        req
    };
    let r = send(
        a.addr,
        bearer(c.post_request(&initialize("2025-11-25")), "alice"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let id = r.headers()["mcp-session-id"].to_str().unwrap().to_owned();
    answer(r).await;
    let mut on_b = b.client("2025-11-25");
    on_b.session = Some(id);
    // Bob cannot take Alice's session in on another replica; Alice can.
    let r = send(
        b.addr,
        bearer(
            on_b.post_request(&call(1, "echo", json!({"text": "x"}))),
            "bob",
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = send(
        b.addr,
        bearer(
            on_b.post_request(&call(2, "echo", json!({"text": "x"}))),
            "alice",
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(answer(r).await["result"]["content"][0]["text"], "x");
    // Once taken in, the session stays Alice's there too.
    let r = send(
        b.addr,
        bearer(
            on_b.post_request(&call(3, "echo", json!({"text": "x"}))),
            "bob",
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    a.stop().await;
    b.stop().await;
}

/// A stream stored at once (priming event, answer, end: one round trip) replays as if stored
/// one event at a time, and the ids keep their order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_of_events_replays_as_stored_one_by_one() {
    use ferromcp_core::jsonrpc::Message;
    use ferromcp_core::transport::http::{EventStore, RedisEventStore};

    let redis = Redis::start();
    let cluster = Cluster::new(&redis.url, Some("b"), Duration::from_secs(60)).unwrap();
    let store = RedisEventStore(Arc::new(cluster));
    let log = Message::notification(
        "notifications/message",
        Some(json!({"level": "info", "data": "half"})),
    );
    let answer = Message::response(ferromcp_core::RequestId::Number(7), json!({"ok": true}));
    let ids = store
        .store_batch("s1", true, &[log.clone(), answer.clone()], true)
        .expect("the Redis store batches")
        .await
        .unwrap();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let from_priming = store.replay_after(&ids[0]).await.unwrap().unwrap();
    assert_eq!(from_priming.stream, "s1");
    let replayed: Vec<_> = from_priming
        .events
        .iter()
        .map(|e| (&e.id, &e.message))
        .collect();
    assert_eq!(replayed, [(&ids[1], &log), (&ids[2], &answer)]);
    let after_log = store.replay_after(&ids[1]).await.unwrap().unwrap();
    assert_eq!(after_log.events.len(), 1);
    // Without priming or end: just the messages, after what is there.
    let more = store
        .store_batch("s2", false, std::slice::from_ref(&answer), false)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(more.len(), 1);
    assert!(
        store
            .replay_after(&more[0])
            .await
            .unwrap()
            .unwrap()
            .events
            .is_empty()
    );
}
