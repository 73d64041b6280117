//! The sessionless revision (2026-07-28) over real HTTP and over a connection (stdio's path):
//! discovery, the envelope ladder and its HTTP statuses, stamped and hinted results, logs only
//! when asked for, listens that carry changes from other requests, sealed request state and
//! input requests checked against the client's capabilities; and one server answering both eras.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use ferromcp_core::connection::{Connection, Dispatch};
use ferromcp_core::handler::{HandlerError, handler_fn};
use ferromcp_core::jsonrpc::Message;
use ferromcp_core::server::{Server, ServerBuilder, ServerOptions};
use ferromcp_core::session::{Outbound, Route};
use ferromcp_core::transport::http::HttpOptions;
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use support::*;

const V: &str = "2026-07-28";

fn meta() -> Value {
    json!({"io.modelcontextprotocol/protocolVersion": V,
           "io.modelcontextprotocol/clientCapabilities": {},
           "io.modelcontextprotocol/clientInfo": {"name": "t", "version": "1"}})
}

fn rpc(id: i64, method: &str, mut params: Value) -> Value {
    if params.get("_meta").is_none() {
        params["_meta"] = meta();
    }
    json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
}

/// A POST with the routing headers a 2026-07-28 client sends for `message`.
async fn post(
    addr: std::net::SocketAddr,
    message: &Value,
) -> http::Response<hyper::body::Incoming> {
    let method = message["method"].as_str().unwrap();
    let mut b = request(addr, Method::POST, "/mcp")
        .header("content-type", "application/json")
        .header("mcp-protocol-version", V)
        .header("mcp-method", method);
    let name = message["params"]
        .get("name")
        .or_else(|| message["params"].get("uri"));
    if let Some(n) = name.and_then(Value::as_str) {
        b = b.header("mcp-name", n);
    }
    send(addr, b.body(body(message)).unwrap()).await
}

/// A POST of `message` with exactly the `headers` given (besides content type and accept).
async fn post_with(
    addr: std::net::SocketAddr,
    headers: &[(&str, &str)],
    message: &Value,
) -> http::Response<hyper::body::Incoming> {
    let mut b = request(addr, Method::POST, "/mcp").header("content-type", "application/json");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    send(addr, b.body(body(message)).unwrap()).await
}

/// The status and JSON error body of a refused request (which names the request's id).
async fn failed(r: http::Response<hyper::body::Incoming>) -> (StatusCode, Value) {
    let status = r.status();
    assert_eq!(content_type(r.headers()), "application/json");
    (
        status,
        serde_json::from_slice(&read_all(r.into_body()).await).unwrap(),
    )
}

/// A server whose `ask` tool asks for a name, then greets, carrying state between rounds.
fn asking_server(options: ServerOptions) -> Arc<Server> {
    ServerBuilder::new(options)
        .handler(
            "tools/call",
            handler_fn(|ctx, params: Value| async move {
                match params["name"].as_str() {
                    Some("ask") => {}
                    Some("announce") => {
                        ctx.session.notify(
                            &Route::Standalone,
                            "notifications/tools/list_changed",
                            None,
                        );
                        return Ok(json!({"content": []}));
                    }
                    _ => return Err(HandlerError::failed("no such tool")),
                }
                let name = params.pointer("/inputResponses/who/content/name");
                match (
                    name.and_then(Value::as_str),
                    params["requestState"].as_str(),
                ) {
                    (Some(n), Some("round-1")) => Ok(json!({"content": [
                        {"type": "text", "text": format!("Hello, {n}!")}]})),
                    _ => Ok(
                        json!({"resultType": "input_required", "requestState": "round-1",
                        "inputRequests": {"who": {"method": "elicitation/create",
                            "params": {"message": "Name?", "requestedSchema": {"type": "object",
                                "properties": {"name": {"type": "string"}}}}}}}),
                    ),
                }
            }),
        )
        .handler(
            "tools/list",
            handler_fn(|_, _| async { Ok::<_, HandlerError>(json!({"tools": []})) }),
        )
        .build()
}

fn sealed() -> ServerOptions {
    ServerOptions::from_json(&json!({"name": "asker", "version": "2",
        "requestState": {"keys": []},
        "cacheHints": {"tools/list": {"ttlMs": 60000, "scope": "public"}}}))
    .unwrap()
}

#[derive(Default)]
struct Recorder(Mutex<Vec<Message>>);

struct Sink(Arc<Recorder>);

impl Outbound for Sink {
    fn send(&self, m: Message, _: &Route) {
        self.0.0.lock().unwrap().push(m);
    }
}

fn answer_of(d: Dispatch) -> Value {
    let m = match d {
        Dispatch::Done(m) => m,
        Dispatch::Pending(f) => futures::executor::block_on(f),
    };
    let mut out = Vec::new();
    m.expect("an answer").write_to(&mut out);
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn the_first_request_decides_the_era_of_a_connection() {
    let server = asking_server(sealed());
    let conn = Connection::new(server.clone(), Box::new(Sink(Arc::default())));
    let line = |v: &Value| answer_of(conn.receive(v.to_string().as_bytes()));
    // Opening errors do not pin the era.
    let e = line(&rpc(
        1,
        "server/discover",
        json!({"_meta": {
        "io.modelcontextprotocol/protocolVersion": "2099-01-01",
        "io.modelcontextprotocol/clientCapabilities": {}}}),
    ));
    assert_eq!(e["error"]["code"], -32022);
    assert_eq!(
        e["error"]["data"],
        json!({"supported": [V], "requested": "2099-01-01"})
    );
    let d = line(&rpc(2, "server/discover", json!({})));
    assert_eq!(d["result"]["supportedVersions"], json!([V]));
    assert_eq!(d["result"]["resultType"], "complete");
    assert_eq!(d["result"]["ttlMs"], 0);
    assert_eq!(d["result"]["cacheScope"], "private");
    assert_eq!(
        d["result"]["_meta"]["io.modelcontextprotocol/serverInfo"],
        json!({"name": "asker", "version": "2"})
    );
    let l = line(&rpc(3, "tools/list", json!({})));
    assert_eq!(
        (
            l["result"]["ttlMs"].clone(),
            l["result"]["cacheScope"].clone()
        ),
        (json!(60000), json!("public"))
    );
    for removed in ["ping", "logging/setLevel", "resources/subscribe"] {
        let e = line(&rpc(4, removed, json!({})));
        assert_eq!(e["error"]["code"], -32601, "{removed}");
    }
    let bare = line(&json!({"jsonrpc": "2.0", "id": 5, "method": "tools/list"}));
    assert_eq!(bare["error"]["code"], -32602);
    let init = line(&json!({"jsonrpc": "2.0", "id": 6, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25"}}));
    assert_eq!(init["error"]["code"], -32022);
    assert_eq!(init["error"]["data"]["requested"], "2025-11-25");
    // With the whole envelope, `initialize` is a method the revision removed.
    let init = line(&rpc(
        9,
        "initialize",
        json!({"protocolVersion": "2025-11-25"}),
    ));
    assert_eq!(init["error"]["code"], -32601);

    // A handshake connection refuses the envelope.
    let legacy = Connection::new(server, Box::new(Sink(Arc::default())));
    let line = |v: &Value| answer_of(legacy.receive(v.to_string().as_bytes()));
    let i = line(&initialize("2025-11-25"));
    assert_eq!(i["result"]["protocolVersion"], "2025-11-25");
    let e = line(&rpc(7, "tools/list", json!({})));
    assert_eq!(e["error"]["code"], -32600);
    let plain = line(&json!({"jsonrpc": "2.0", "id": 8, "method": "tools/list"}));
    assert_eq!(plain["result"], json!({"tools": []}));
}

#[test]
fn a_generation_without_the_revision_answers_as_its_sdk() {
    let options = ServerOptions::from_json(&json!({"flavor": "fastmcp1"})).unwrap();
    let conn = Connection::new(asking_server(options), Box::new(Sink(Arc::default())));
    let d = answer_of(conn.receive(rpc(1, "server/discover", json!({})).to_string().as_bytes()));
    assert_eq!(d["error"]["code"], -32602);
}

#[test]
fn discovery_advertises_capabilities_as_the_generation_does() {
    let discover = |options: Value| {
        let server = ServerBuilder::new(ServerOptions::from_json(&options).unwrap())
            .handler(
                "resources/list",
                handler_fn(|_, _| async { Ok::<_, HandlerError>(json!({"resources": []})) }),
            )
            .build();
        let conn = Connection::new(server, Box::new(Sink(Arc::default())));
        let d =
            answer_of(conn.receive(rpc(1, "server/discover", json!({})).to_string().as_bytes()));
        d["result"]["capabilities"]["resources"].clone()
    };
    // mcp 2.x: listens are served, so list changes and subscriptions are announced.
    assert_eq!(
        discover(json!({"flavor": "mcpserver2"})),
        json!({"listChanged": true, "subscribe": true})
    );
    // The TypeScript SDK 2.x: as declared.
    let declared = json!({"flavor": "ts-mcpserver-v2",
        "capabilities": {"resources": {"listChanged": true}}});
    assert_eq!(discover(declared), json!({"listChanged": true}));
}

#[test]
fn input_requests_round_trip_with_sealed_state() {
    let conn = Connection::new(asking_server(sealed()), Box::new(Sink(Arc::default())));
    let line = |v: &Value| answer_of(conn.receive(v.to_string().as_bytes()));
    let with_caps = |id, extra: Value| {
        let mut p = json!({"name": "ask", "arguments": {"x": 1}});
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        p["_meta"] = meta();
        p["_meta"]["io.modelcontextprotocol/clientCapabilities"] = json!({"elicitation": {}});
        rpc(id, "tools/call", p)
    };
    let first = line(&with_caps(1, json!({})));
    let r = &first["result"];
    assert_eq!(r["resultType"], "input_required");
    let state = r["requestState"].as_str().unwrap().to_owned();
    // Sealed, and encrypted: the handler's state does not show.
    assert!(
        state.starts_with("v2.") && !state.contains("round"),
        "sealed: {state}"
    );
    assert!(r.get("ttlMs").is_none());
    let answers = json!({"who": {"action": "accept", "content": {"name": "Ada"}}});
    let done = line(&with_caps(
        2,
        json!({"inputResponses": answers, "requestState": state}),
    ));
    assert_eq!(done["result"]["content"][0]["text"], "Hello, Ada!");
    assert_eq!(done["result"]["resultType"], "complete");
    let tampered = format!("{state}-TAMPERED");
    let e = line(&with_caps(
        3,
        json!({"inputResponses": answers, "requestState": tampered}),
    ));
    assert_eq!(e["error"]["code"], -32602);
    assert_eq!(
        e["error"]["data"],
        json!({"reason": "invalid_request_state"})
    );
    // The same state on other arguments is refused too.
    let mut moved = with_caps(4, json!({"inputResponses": answers, "requestState": state}));
    moved["params"]["arguments"] = json!({"x": 2});
    assert_eq!(line(&moved)["error"]["code"], -32602);
    // Without the elicitation capability the client cannot be asked.
    let e = line(&rpc(
        5,
        "tools/call",
        json!({"name": "ask", "arguments": {}}),
    ));
    assert_eq!(e["error"]["code"], -32021);
    assert_eq!(
        e["error"]["data"],
        json!({"requiredCapabilities": {"elicitation": {"form": {}}}})
    );
}

#[tokio::test]
async fn http_serves_each_request_on_its_own() {
    let (server, _probes) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let addr = running.addr;

    let r = post(addr, &rpc(1, "server/discover", json!({}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("mcp-session-id").is_none());
    assert_eq!(content_type(r.headers()), "application/json");
    let d = answer(r).await;
    assert_eq!(d["result"]["capabilities"]["tools"]["listChanged"], true);

    // The envelope ladder, with its statuses.
    let (status, e) =
        failed(post(addr, &rpc(2, "server/discover", json!({"_meta": {}}))).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone(), e["id"].clone()),
        (StatusCode::BAD_REQUEST, json!(-32602), json!(2))
    );
    let mut wrong = rpc(3, "server/discover", json!({}));
    wrong["params"]["_meta"]["io.modelcontextprotocol/protocolVersion"] = json!("v999.0.0");
    let (status, e) = failed(post(addr, &wrong).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, json!(-32020))
    );
    let headers = [
        ("mcp-protocol-version", "v999.0.0"),
        ("mcp-method", "server/discover"),
    ];
    let (status, e) = failed(post_with(addr, &headers, &wrong).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, json!(-32022))
    );
    assert_eq!(e["error"]["data"]["requested"], "v999.0.0");
    let init = rpc(4, "initialize", json!({"protocolVersion": "2025-11-25"}));
    let (status, e) = failed(post(addr, &init).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!(-32601))
    );
    let (status, e) = failed(post(addr, &rpc(4, "ping", json!({}))).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!(-32601))
    );
    let mut misnamed = rpc(
        5,
        "tools/call",
        json!({"name": "echo", "arguments": {"text": "x"}}),
    );
    let headers = [
        ("mcp-protocol-version", V),
        ("mcp-method", "tools/call"),
        ("mcp-name", "other"),
    ];
    let (status, e) = failed(post_with(addr, &headers, &misnamed).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, json!(-32020))
    );
    // Without the version header an enveloped body is a mismatch, not a session request.
    misnamed["id"] = json!(6);
    let (status, e) = failed(post_with(addr, &[], &misnamed).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone(), e["id"].clone()),
        (StatusCode::BAD_REQUEST, json!(-32020), json!(6))
    );
    let get = request(addr, Method::GET, "/mcp")
        .header("mcp-protocol-version", V)
        .body(body(&json!({})))
        .unwrap();
    let r = send(addr, get).await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers()["allow"], "POST");

    // Logs only when the envelope asks for a level; then the answer streams.
    let quiet = post(
        addr,
        &rpc(7, "tools/call", json!({"name": "steps", "arguments": {}})),
    )
    .await;
    assert_eq!(content_type(quiet.headers()), "application/json");
    assert_eq!(answer(quiet).await["result"]["content"][0]["text"], "done");
    let mut loud = rpc(8, "tools/call", json!({"name": "steps", "arguments": {}}));
    loud["params"]["_meta"]["io.modelcontextprotocol/logLevel"] = json!("info");
    loud["params"]["_meta"]["progressToken"] = json!("p");
    let r = post(addr, &loud).await;
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let events: Vec<Value> = Sse::new(r.into_body())
        .all()
        .await
        .iter()
        .map(Event::json)
        .collect();
    let methods: Vec<&str> = events.iter().filter_map(|e| e["method"].as_str()).collect();
    assert_eq!(
        methods,
        [
            "notifications/progress",
            "notifications/message",
            "notifications/message"
        ]
    );
    assert_eq!(events.last().unwrap()["result"]["resultType"], "complete");
    running.stop().await;
}

#[tokio::test]
async fn a_listen_carries_changes_announced_by_other_requests() {
    let (server, _probes) = test_server();
    let running = start(server, HttpOptions::default()).await;
    let addr = running.addr;
    let listen = rpc(
        9,
        "subscriptions/listen",
        json!({"notifications": {
        "toolsListChanged": true, "promptsListChanged": false, "taskIds": ["x"]}}),
    );
    let r = post(addr, &listen).await;
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let mut sse = Sse::new(r.into_body());
    let ack = sse.next().await.unwrap().json();
    assert_eq!(ack["method"], "notifications/subscriptions/acknowledged");
    assert_eq!(
        ack["params"],
        json!({"notifications": {"toolsListChanged": true},
               "_meta": {"io.modelcontextprotocol/subscriptionId": 9}})
    );
    let a = post(
        addr,
        &rpc(
            10,
            "tools/call",
            json!({"name": "announce", "arguments": {}}),
        ),
    )
    .await;
    // The announcing request's own answer carries no change notification.
    assert_eq!(content_type(a.headers()), "application/json");
    assert_eq!(answer(a).await["result"]["resultType"], "complete");
    let changed = sse.next().await.unwrap().json();
    assert_eq!(changed["method"], "notifications/tools/list_changed");
    assert_eq!(
        changed["params"]["_meta"]["io.modelcontextprotocol/subscriptionId"],
        9
    );
    drop(sse);
    running.stop().await;
}

#[tokio::test]
async fn param_headers_carry_the_annotated_arguments() {
    let server = ServerBuilder::new(ServerOptions::default())
        .handler(
            "tools/list",
            handler_fn(|_, _| async {
                Ok::<_, HandlerError>(json!({"tools": [{"name": "where", "inputSchema": {
                    "type": "object", "properties": {
                        "region": {"type": "string", "x-mcp-header": "Region"},
                        "zone": {"type": "integer", "x-mcp-header": "Zone"}}}}]}))
            }),
        )
        .handler(
            "tools/call",
            handler_fn(|_, p: Value| async move {
                let text = p["arguments"]["region"]
                    .as_str()
                    .unwrap_or("none")
                    .to_owned();
                Ok::<_, HandlerError>(json!({"content": [{"type": "text", "text": text}]}))
            }),
        )
        .build();
    let running = start(server, HttpOptions::default()).await;
    let addr = running.addr;
    // The schemas are known once the tools were listed.
    assert!(answer(post(addr, &rpc(1, "tools/list", json!({}))).await).await["result"].is_object());
    let call = |id: i64, args: Value| {
        rpc(
            id,
            "tools/call",
            json!({"name": "where", "arguments": args}),
        )
    };
    let base = [
        ("mcp-protocol-version", V),
        ("mcp-method", "tools/call"),
        ("mcp-name", "where"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut h = base.to_vec();
        h.extend_from_slice(extra);
        h
    };
    let ok = post_with(
        addr,
        &with(&[
            ("mcp-param-region", "=?base64?ZXUgd2VzdCDDqQ==?="),
            ("Mcp-Param-Zone", "42"),
        ]),
        &call(2, json!({"region": "eu west é", "zone": 42})),
    )
    .await;
    assert_eq!(
        answer(ok).await["result"]["content"][0]["text"],
        "eu west é"
    );
    type Case<'a> = (&'a [(&'static str, &'static str)], Value, &'a str);
    let cases: [Case<'_>; 4] = [
        (
            &[],
            json!({"region": "eu"}),
            "Mcp-Param-Region header is missing",
        ),
        (
            &[("mcp-param-region", "us")],
            json!({"region": "eu"}),
            "does not match",
        ),
        (&[("mcp-param-region", "eu")], json!({}), "is present but"),
        (
            &[("mcp-param-region", "=?base64?***?=")],
            json!({"region": "eu"}),
            "malformed",
        ),
    ];
    for (i, (extra, args, why)) in cases.into_iter().enumerate() {
        let (status, e) =
            failed(post_with(addr, &with(extra), &call(3 + i as i64, args)).await).await;
        assert_eq!(
            (status, e["error"]["code"].clone()),
            (StatusCode::BAD_REQUEST, json!(-32020))
        );
        assert!(e["error"]["message"].as_str().unwrap().contains(why), "{e}");
    }
    running.stop().await;
}

#[tokio::test]
async fn a_silent_handler_commits_the_answer_to_sse_with_pings() {
    let (server, mut probes) = test_server();
    let options = HttpOptions {
        keep_alive: Some(std::time::Duration::from_millis(100)),
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let r = post(
        running.addr,
        &rpc(1, "tools/call", json!({"name": "slow", "arguments": {}})),
    )
    .await;
    // Headers come once the handler was silent for the interval.
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(content_type(r.headers()), "text/event-stream");
    probes.started.recv().await.unwrap();
    let mut body = r.into_body();
    let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
    assert!(first.starts_with(b": ping\n\n"), "{first:?}");
    probes.gate.send(()).unwrap();
    let events = Sse::new(body).all().await;
    let last = events.last().unwrap().json();
    assert_eq!(last["id"], 1);
    assert_eq!(last["result"]["content"][0]["text"], "slow done");
    running.stop().await;
}

#[tokio::test]
async fn listens_are_capped_and_end_with_a_result_when_the_server_closes_them() {
    let server = asking_server(
        ServerOptions::from_json(&json!({"name": "capped", "version": "1",
            "maxSubscriptions": 1}))
        .unwrap(),
    );
    let running = start(server.clone(), HttpOptions::default()).await;
    let listen = |id| {
        rpc(
            id,
            "subscriptions/listen",
            json!({"notifications": {"toolsListChanged": true}}),
        )
    };
    let r = post(running.addr, &listen(1)).await;
    let mut sse = Sse::new(r.into_body());
    let ack = sse.next().await.unwrap().json();
    assert_eq!(ack["method"], "notifications/subscriptions/acknowledged");

    // As JSON with 200: -32603 maps to no other status.
    let (status, e) = failed(post(running.addr, &listen(2)).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (e["id"].clone(), e["error"].clone()),
        (
            json!(2),
            json!({"code": -32603, "message": "Subscription limit reached"})
        )
    );

    server.close_listens();
    let last = sse.next().await.unwrap().json();
    assert_eq!(last["id"], 1);
    assert_eq!(
        last["result"]["_meta"]["io.modelcontextprotocol/subscriptionId"],
        1
    );
    assert_eq!(last["result"]["resultType"], "complete");
    assert!(
        sse.next().await.is_none(),
        "the stream ends after the result"
    );

    // The closed listen's slot is free again.
    let r = post(running.addr, &listen(3)).await;
    let ack = Sse::new(r.into_body()).next().await.unwrap().json();
    assert_eq!(
        ack["params"]["_meta"]["io.modelcontextprotocol/subscriptionId"],
        3
    );
    running.stop().await;
}

#[tokio::test]
async fn response_modes_follow_the_sdk_served() {
    use ferromcp_core::transport::http::HttpDialect;
    // The TypeScript SDK keeps a silent handler's answer JSON.
    let (server, mut probes) = test_server();
    let options = HttpOptions {
        keep_alive: Some(std::time::Duration::from_millis(50)),
        dialect: HttpDialect::TypeScript,
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let call = rpc(1, "tools/call", json!({"name": "slow", "arguments": {}}));
    let addr = running.addr;
    let pending = tokio::spawn(async move { post(addr, &call).await });
    probes.started.recv().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    probes.gate.send(()).unwrap();
    let r = pending.await.unwrap();
    assert_eq!(content_type(r.headers()), "application/json");
    assert_eq!(answer(r).await["result"]["content"][0]["text"], "slow done");
    running.stop().await;

    // `responseMode: 'sse'`: every answer a stream, but refusals keep their status.
    let (server, _probes) = test_server();
    let options = HttpOptions::from_json(&json!({"responseMode": "sse", "dialect": "typescript"}));
    let running = start(server, options).await;
    let r = post(
        running.addr,
        &rpc(
            2,
            "tools/call",
            json!({"name": "echo", "arguments": {"text": "hi"}}),
        ),
    )
    .await;
    assert_eq!(content_type(r.headers()), "text/event-stream");
    let events = Sse::new(r.into_body()).all().await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].json()["result"]["content"][0]["text"], "hi");
    let (status, e) = failed(post(running.addr, &rpc(3, "ping", json!({}))).await).await;
    assert_eq!(
        (status, e["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!(-32601))
    );
    running.stop().await;
}
