//! The guards over the core's stdio transport, with Rust handlers: a tool that runs past its
//! timeout is cancelled and answered -32001; beyond the concurrency cap and its queue a request
//! is answered "overloaded"; beyond a session's rate a request is answered "rate limited".
//! Every exchange is bounded by a timeout.

use ferromcp_core::guards::{Guards, RATE_LIMITED, SERVER_OVERLOADED};
use ferromcp_core::handler::{HandlerError, handler_fn};
use ferromcp_core::registry::Registry;
use ferromcp_core::server::{ServerBuilder, ServerOptions};
use ferromcp_core::transport::stdio::serve;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream};

struct Client {
    tx: DuplexStream,
    rx: tokio::io::Lines<BufReader<DuplexStream>>,
}

impl Client {
    async fn send(&mut self, msg: Value) {
        self.tx
            .write_all(format!("{msg}\n").as_bytes())
            .await
            .unwrap();
    }

    async fn recv(&mut self) -> Value {
        let line = tokio::time::timeout(Duration::from_secs(10), self.rx.next_line())
            .await
            .expect("an answer within 10 s")
            .unwrap()
            .expect("the stream goes on");
        serde_json::from_str(&line).unwrap()
    }
}

fn call(id: i64, name: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": name, "arguments": {}}})
}

/// A server with a `slow` tool (sleeps 300 ms; records whether it finished) and a `fast` one.
async fn start(guards: Guards, finished: Arc<AtomicBool>) -> Client {
    let registry = Arc::new(Registry::new(None));
    let tool = |name: &str| json!({"name": name, "inputSchema": {"type": "object"}});
    registry
        .add_tool(
            tool("slow"),
            false,
            handler_fn(move |_, _| {
                let finished = finished.clone();
                async move {
                    ferromcp_core::guards::sleep(Duration::from_millis(300)).await;
                    finished.store(true, Ordering::SeqCst);
                    Ok::<_, HandlerError>(json!({"content": [{"type": "text", "text": "slow"}]}))
                }
            }),
        )
        .unwrap();
    registry
        .add_tool(
            tool("fast"),
            false,
            handler_fn(|_, _| async {
                Ok::<_, HandlerError>(json!({"content": [{"type": "text", "text": "fast"}]}))
            }),
        )
        .unwrap();
    let options = ServerOptions {
        guards,
        ..ServerOptions::default()
    };
    let server = ServerBuilder::new(options).registry(registry).build();
    let (client_tx, server_rx) = tokio::io::duplex(1 << 16);
    let (server_tx, client_rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        serve(server, server_rx, server_tx).await.unwrap();
    });
    let mut c = Client {
        tx: client_tx,
        rx: BufReader::new(client_rx).lines(),
    };
    c.send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}))
        .await;
    assert!(c.recv().await.get("result").is_some());
    c.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        .await;
    c
}

#[tokio::test]
async fn a_tool_past_its_timeout_is_cancelled_and_answered() {
    let finished = Arc::new(AtomicBool::new(false));
    let guards = Guards {
        tool_timeout: Some(Duration::from_secs(5)),
        tool_timeouts: vec![("slow".into(), Duration::from_millis(50))],
        ..Guards::default()
    };
    let mut c = start(guards, finished.clone()).await;
    c.send(call(1, "slow")).await;
    let r = c.recv().await;
    assert_eq!(r["id"], 1);
    assert_eq!(r["error"]["code"], -32001);
    assert_eq!(r["error"]["message"], "Tool slow timed out after 50 ms");
    assert_eq!(r["error"]["data"], json!({"timeoutMs": 50}));
    // The handler was dropped: it never finishes.
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!finished.load(Ordering::SeqCst));
    c.send(call(2, "fast")).await;
    assert_eq!(c.recv().await["result"]["content"][0]["text"], "fast");
}

#[tokio::test]
async fn beyond_the_cap_and_its_queue_a_request_is_refused_at_once() {
    let guards = Guards {
        max_concurrent: Some(1),
        max_queued: 1,
        ..Guards::default()
    };
    let mut c = start(guards, Arc::new(AtomicBool::new(false))).await;
    c.send(call(1, "slow")).await;
    c.send(call(2, "fast")).await;
    c.send(call(3, "fast")).await;
    // The third finds the slot taken and the queue full.
    let first = c.recv().await;
    assert_eq!(first["id"], 3);
    assert_eq!(first["error"]["code"], SERVER_OVERLOADED.0);
    assert!(first["error"]["data"]["retryAfterMs"].as_u64().is_some());
    // The queued one runs once the slow one is done.
    let (a, b) = (c.recv().await, c.recv().await);
    assert_eq!((a["id"].clone(), b["id"].clone()), (json!(1), json!(2)));
    assert_eq!(b["result"]["content"][0]["text"], "fast");
    // ping is never held back.
    c.send(call(4, "slow")).await;
    c.send(json!({"jsonrpc": "2.0", "id": 5, "method": "ping"}))
        .await;
    assert_eq!(c.recv().await["id"], 5);
    assert_eq!(c.recv().await["id"], 4);
}

#[tokio::test]
async fn beyond_its_rate_a_session_is_told_when_to_come_back() {
    let guards = Guards {
        rate_limit: Some((1.0, 2.0)),
        ..Guards::default()
    };
    let mut c = start(guards, Arc::new(AtomicBool::new(false))).await;
    for id in 1..=3 {
        c.send(call(id, "fast")).await;
    }
    let answers: Vec<Value> = [c.recv().await, c.recv().await, c.recv().await].into();
    let limited: Vec<&Value> = answers
        .iter()
        .filter(|a| a.get("error").is_some())
        .collect();
    assert_eq!(limited.len(), 1);
    assert_eq!(limited[0]["id"], 3);
    assert_eq!(limited[0]["error"]["code"], RATE_LIMITED.0);
    assert!(
        limited[0]["error"]["data"]["retryAfterMs"]
            .as_u64()
            .unwrap()
            > 0
    );
}
