//! The core over its tokio stdio transport, with Rust handlers: lifecycle, validation, the error
//! planes, bad input, cancellation and concurrency. Every exchange is bounded by a timeout.

use ferromcp_core::handler::{HandlerError, Reply, handler_fn};
use ferromcp_core::jsonrpc::ObjectWriter;
use ferromcp_core::server::{ServerBuilder, ServerOptions};
use ferromcp_core::transport::stdio::serve;
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream};

struct Client {
    tx: DuplexStream,
    rx: tokio::io::Lines<BufReader<DuplexStream>>,
}

impl Client {
    async fn send(&mut self, line: &str) {
        self.tx.write_all(line.as_bytes()).await.unwrap();
        self.tx.write_all(b"\n").await.unwrap();
    }

    async fn recv_line(&mut self) -> String {
        tokio::time::timeout(Duration::from_secs(5), self.rx.next_line())
            .await
            .expect("no answer within 5 s")
            .unwrap()
            .expect("stream ended")
    }

    async fn recv(&mut self) -> Value {
        serde_json::from_str(&self.recv_line().await).unwrap()
    }

    /// Calls `tool`, whose output schema wants `{"n": integer}`, with a valid and an invalid `n`.
    async fn output_is_checked(&mut self, tool: &str, ids: [i64; 2]) -> Value {
        let r = self.call(call(ids[0], tool, json!({"n": 1}))).await;
        assert_eq!(r["result"]["structuredContent"], json!({"n": 1}));
        let bad = self.call(call(ids[1], tool, json!({"n": "one"}))).await;
        assert_eq!(bad["result"]["isError"], true);
        assert!(
            bad["result"]["content"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with("Output validation error:")
        );
        r
    }

    async fn call(&mut self, msg: Value) -> Value {
        self.send(&msg.to_string()).await;
        self.recv().await
    }

    async fn initialize(&mut self) -> Value {
        let r = self
            .call(json!({"jsonrpc":"2.0","id":0,"method":"initialize","params":{
                "protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}))
            .await;
        self.send(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            .await;
        r
    }
}

fn start() -> Client {
    let server = ServerBuilder::new(ServerOptions {
        name: "test".into(),
        version: "1.0".into(),
        max_message_size: 1024,
        ..ServerOptions::default()
    })
    .handler(
        "tools/list",
        handler_fn(|_ctx, _p| async {
            Ok(json!({"tools": [
                {"name": "add", "inputSchema": {"type": "object",
                    "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
                    "required": ["a", "b"]}},
                {"name": "shaped", "inputSchema": {"type": "object"},
                 "outputSchema": {"type": "object", "properties": {"n": {"type": "integer"}},
                    "required": ["n"]}},
                {"name": "shaped_text", "inputSchema": {"type": "object"},
                 "outputSchema": {"type": "object", "properties": {"n": {"type": "integer"}},
                    "required": ["n"]}}
            ]}))
        }),
    )
    .handler(
        "tools/call",
        handler_fn(|ctx, p| async move {
            let args = p.get("arguments").cloned().unwrap_or(json!({}));
            let answer: Value = match p["name"].as_str().unwrap() {
                // Results written as text, as bindings write them: `members` holds
                // `[name, JSON text]` pairs.
                "encoded" => {
                    let mut w = ObjectWriter::new();
                    for m in args["members"].as_array().unwrap() {
                        let value = m[1].as_str().unwrap().as_bytes();
                        w.member(m[0].as_str().unwrap()).extend_from_slice(value);
                    }
                    return Ok(Reply::Object(w.finish().unwrap()));
                }
                "shaped_text" => {
                    let mut w = ObjectWriter::new();
                    w.member("content")
                        .extend_from_slice(br#"[{"type":"text","text":"{\"]"}]"#);
                    serde_json::to_writer(w.member("structuredContent"), &args).unwrap();
                    return Ok(Reply::Object(w.finish().unwrap()));
                }
                "add" => {
                    let n = args["a"].as_i64().unwrap() + args["b"].as_i64().unwrap();
                    json!({"content": [{"type": "text", "text": n.to_string()}]})
                }
                "shaped" => json!({"content": [], "structuredContent": args}),
                "fail" => return Err(HandlerError::failed("kaboom")),
                "panic" => panic!("handler bug"),
                "wait" => {
                    // Runs until cancelled; answers only if not.
                    ctx.cancellation.cancelled().await;
                    json!({"content": []})
                }
                "sleep" => {
                    tokio::time::sleep(Duration::from_millis(args["ms"].as_u64().unwrap())).await;
                    json!({"content": [{"type": "text", "text": args["tag"].clone()}]})
                }
                other => return Err(HandlerError::failed(format!("Unknown tool: {other}"))),
            };
            Ok(Reply::Value(answer))
        }),
    )
    .handler(
        "prompts/get",
        handler_fn(|_ctx, _p| async { Err::<Value, _>(HandlerError::failed("no prompts today")) }),
    )
    .build();
    let (client_tx, server_rx) = tokio::io::duplex(1 << 16);
    let (server_tx, client_rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        serve(server, server_rx, server_tx).await.unwrap();
    });
    Client {
        tx: client_tx,
        rx: BufReader::new(client_rx).lines(),
    }
}

fn call(id: i64, name: &str, args: Value) -> Value {
    json!({"jsonrpc":"2.0","id":id,"method":"tools/call","params":{"name":name,"arguments":args}})
}

#[tokio::test]
async fn initialize_negotiates_and_announces() {
    let mut c = start();
    let r = c.initialize().await;
    assert_eq!(r["result"]["protocolVersion"], "2025-06-18");
    assert_eq!(
        r["result"]["serverInfo"],
        json!({"name":"test","version":"1.0"})
    );
    assert_eq!(
        r["result"]["capabilities"]["tools"],
        json!({"listChanged": false})
    );
    assert_eq!(
        r["result"]["capabilities"]["prompts"],
        json!({"listChanged": false})
    );
    assert!(r["result"]["capabilities"].get("resources").is_none());
    let again = c.call(json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}})).await;
    assert_eq!(again["error"]["code"], -32600);
}

#[tokio::test]
async fn unknown_revision_gets_the_latest() {
    let mut c = start();
    let r = c
        .call(json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{}}}))
        .await;
    assert_eq!(r["result"]["protocolVersion"], "2025-11-25");
}

#[tokio::test]
async fn requests_before_initialize_are_refused_but_ping_answers() {
    let mut c = start();
    let r = c
        .call(json!({"jsonrpc":"2.0","id":1,"method":"tools/list"}))
        .await;
    assert_eq!(r["error"]["code"], -32600);
    let r = c
        .call(json!({"jsonrpc":"2.0","id":2,"method":"ping"}))
        .await;
    assert_eq!(r["result"], json!({}));
}

#[tokio::test]
async fn tool_arguments_are_validated_before_the_handler() {
    let mut c = start();
    c.initialize().await;
    let r = c.call(call(1, "add", json!({"a": 1, "b": 2}))).await;
    assert_eq!(r["result"]["content"][0]["text"], "3");
    let r = c.call(call(2, "add", json!({"a": 1, "b": "x"}))).await;
    assert_eq!(r["result"]["isError"], true);
    let text = r["result"]["content"][0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("Input validation error:") && text.contains("/b"),
        "{text}"
    );
    let r = c.call(call(3, "add", json!({"a": 1}))).await;
    assert!(
        r["result"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("\"b\" is a required property")
    );
}

#[tokio::test]
async fn output_schema_is_checked() {
    let mut c = start();
    c.initialize().await;
    c.output_is_checked("shaped", [1, 2]).await;
}

#[tokio::test]
async fn written_results_are_checked_and_sent_as_written() {
    let mut c = start();
    c.initialize().await;
    // Sent byte for byte, member order and all.
    let members = json!([
        ["isError", "false"],
        ["content", r#"[{"type":"text","text":"a \"}\" b"}]"#],
        ["z", r#"{"k":[1,{}]}"#]
    ]);
    c.send(&call(1, "encoded", json!({"members": members})).to_string())
        .await;
    let line = c.recv_line().await;
    assert_eq!(
        line,
        r#"{"jsonrpc":"2.0","id":1,"result":{"isError":false,"content":[{"type":"text","text":"a \"}\" b"}],"z":{"k":[1,{}]}}}"#
    );
    // Checked as value results are: a tools/call result needs a `content` array.
    for (id, members, why) in [
        (
            2,
            json!([["content", r#""x""#]]),
            "`content` must be an array, got a string",
        ),
        (3, json!([["isError", "true"]]), "`content` is missing"),
        (
            4,
            json!([["content", "{}"]]),
            "`content` must be an array, got an object",
        ),
    ] {
        let r = c
            .call(call(id, "encoded", json!({"members": members})))
            .await;
        assert_eq!(r["error"]["code"], -32603, "{members}");
        assert_eq!(
            r["error"]["message"],
            format!("Handler returned an invalid result: {why}"),
        );
    }
    // Structured output is checked against the output schema.
    let r = c.output_is_checked("shaped_text", [7, 8]).await;
    assert_eq!(r["result"]["content"][0]["text"], "{\"]");
    // The server still serves.
    let r = c.call(call(9, "add", json!({"a": 1, "b": 2}))).await;
    assert_eq!(r["result"]["content"][0]["text"], "3");
}

#[tokio::test]
async fn written_results_lose_what_older_revisions_lack() {
    let mut c = start();
    c.call(
        json!({"jsonrpc":"2.0","id":0,"method":"initialize","params":{
        "protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}),
    )
    .await;
    c.send(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        .await;
    let r = c.call(call(1, "shaped_text", json!({"n": 1}))).await;
    assert_eq!(
        r["result"],
        json!({"content": [{"type": "text", "text": "{\"]"}]})
    );
}

#[tokio::test]
async fn failures_land_on_their_planes() {
    let mut c = start();
    c.initialize().await;
    let r = c.call(call(1, "fail", json!({}))).await;
    assert_eq!(
        r["result"],
        json!({"content":[{"type":"text","text":"kaboom"}],"isError":true})
    );
    let r = c
        .call(json!({"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"x"}}))
        .await;
    assert_eq!(
        r["error"],
        json!({"code":-32603,"message":"no prompts today"})
    );
    let r = c.call(call(3, "panic", json!({}))).await;
    assert_eq!(r["error"]["code"], -32603);
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("handler bug")
    );
    let r = c
        .call(json!({"jsonrpc":"2.0","id":4,"method":"resources/list"}))
        .await;
    assert_eq!(
        r["error"],
        json!({"code":-32601,"message":"Method not found","data":"resources/list"})
    );
    let r = c
        .call(json!({"jsonrpc":"2.0","id":5,"method":"tools/call","params":{}}))
        .await;
    assert_eq!(r["error"]["code"], -32602);
    // After all of that, the connection still serves.
    let r = c.call(call(6, "add", json!({"a": 2, "b": 2}))).await;
    assert_eq!(r["result"]["content"][0]["text"], "4");
}

#[tokio::test]
async fn bad_frames_get_errors_and_the_connection_survives() {
    let mut c = start();
    c.initialize().await;
    c.send("{not json").await;
    assert_eq!(c.recv().await["error"]["code"], -32700);
    c.send("[]").await;
    assert_eq!(c.recv().await["error"]["code"], -32600);
    c.send(&format!(
        r#"{{"jsonrpc":"2.0","id":9,"method":"ping","params":{{"x":"{}"}}}}"#,
        "a".repeat(2000)
    ))
    .await;
    let r = c.recv().await;
    assert_eq!(r["error"]["code"], -32600);
    assert_eq!(r["id"], Value::Null);
    let deep = format!(
        r#"{{"jsonrpc":"2.0","id":10,"method":"ping","params":{{"x":{}1{}}}}}"#,
        "[".repeat(80),
        "]".repeat(80)
    );
    let mut big = start_big().await;
    big.send(&deep).await;
    let r = big.recv().await;
    assert_eq!(r["error"]["code"], -32600);
    assert_eq!(r["id"], 10);
    let r = c.call(call(11, "add", json!({"a": 1, "b": 1}))).await;
    assert_eq!(r["result"]["content"][0]["text"], "2");
}

async fn start_big() -> Client {
    let server = ServerBuilder::new(ServerOptions::default()).build();
    let (client_tx, server_rx) = tokio::io::duplex(1 << 16);
    let (server_tx, client_rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        serve(server, server_rx, server_tx).await.unwrap();
    });
    let mut c = Client {
        tx: client_tx,
        rx: BufReader::new(client_rx).lines(),
    };
    c.initialize().await;
    c
}

#[tokio::test]
async fn batches_answer_as_an_array() {
    let mut c = start();
    c.initialize().await;
    c.send(
        &json!([
            {"jsonrpc":"2.0","id":1,"method":"ping"},
            call(2, "add", json!({"a": 1, "b": 1})),
            {"jsonrpc":"2.0","method":"notifications/initialized"},
            5
        ])
        .to_string(),
    )
    .await;
    let r = c.recv().await;
    let ids: Vec<Value> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(1), Value::Null, json!(2)]);
}

#[tokio::test]
async fn cancelled_requests_get_no_answer_and_others_continue() {
    let mut c = start();
    c.initialize().await;
    c.send(&call(1, "wait", json!({})).to_string()).await;
    c.send(r#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"user"}}"#).await;
    let r = c.call(call(2, "add", json!({"a": 1, "b": 1}))).await;
    assert_eq!(r["id"], 2, "the cancelled request must not be answered");
}

#[tokio::test]
async fn requests_in_flight_are_answered_as_they_complete() {
    let mut c = start();
    c.initialize().await;
    c.send(&call(1, "sleep", json!({"ms": 300, "tag": "slow"})).to_string())
        .await;
    c.send(&call(2, "sleep", json!({"ms": 1, "tag": "fast"})).to_string())
        .await;
    let first = c.recv().await;
    let second = c.recv().await;
    assert_eq!(first["id"], 2);
    assert_eq!(second["id"], 1);
}
