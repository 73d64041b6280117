//! The benchmark's pure-Rust server: the same tools as `bench/servers/*.py`, written directly on
//! ferromcp-core, to show what the framework costs without a foreign handler.
//!
//! `cargo run --release -p ferromcp-core --example bench_server`

use ferromcp_core::handler::{HandlerError, handler_fn};
use ferromcp_core::registry::Registry;
use ferromcp_core::server::{ServerBuilder, ServerOptions};
use ferromcp_core::transport::stdio::serve_stdio;
use serde_json::{Value, json};
use std::sync::Arc;

fn text(s: impl Into<String>) -> Value {
    json!({"content": [{"type": "text", "text": s.into()}], "isError": false})
}

fn validate20_schema() -> Value {
    let mut props = serde_json::Map::new();
    for n in ["name", "email", "city", "country", "tag", "note"] {
        props.insert(n.into(), json!({"type": "string"}));
    }
    for n in ["age", "count", "limit", "offset", "year", "priority"] {
        props.insert(n.into(), json!({"type": "integer"}));
    }
    for n in [
        "active",
        "verified",
        "admin",
        "archived",
        "subscribed",
        "locked",
    ] {
        props.insert(n.into(), json!({"type": "boolean"}));
    }
    props.insert(
        "address".into(),
        json!({"type": "object", "properties": {"street": {"type": "string"},
            "zip": {"type": "string"}, "number": {"type": "integer"}},
            "required": ["street", "zip", "number"]}),
    );
    props.insert(
        "items".into(),
        json!({"type": "array", "items": {"type": "integer"}}),
    );
    let required: Vec<Value> = props.keys().map(|k| Value::from(k.as_str())).collect();
    json!({"type": "object", "properties": props, "required": required})
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = Arc::new(Registry::new(None));
    registry.add_tool(
        json!({"name": "echo", "description": "Return the text unchanged.",
            "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}},
            "required": ["text"]}}),
        false,
        handler_fn(|_ctx, p| async move {
            match p["arguments"]["text"].as_str() {
                Some(t) => Ok(text(t)),
                None => Err(HandlerError::failed("text missing")),
            }
        }),
    )?;
    registry.add_tool(
        json!({"name": "validate20", "description": "Validate 20 fields.",
            "inputSchema": validate20_schema()}),
        false,
        handler_fn(|_ctx, _p| async { Ok(text("ok")) }),
    )?;
    let big = Arc::new("0123456789".repeat(10_000));
    registry.add_tool(
        json!({"name": "big", "description": "100 000 characters.",
            "inputSchema": {"type": "object", "properties": {}}}),
        false,
        handler_fn(move |_ctx, _p| {
            let big = big.clone();
            async move { Ok(text(big.as_str())) }
        }),
    )?;
    registry.add_tool(
        json!({"name": "sleep", "description": "Sleep 1 ms.",
            "inputSchema": {"type": "object", "properties": {}}}),
        false,
        handler_fn(|_ctx, _p| async {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            Ok(text("ok"))
        }),
    )?;
    for i in 0..200 {
        let name = format!("tool_{i:03}");
        let answer = name.clone();
        registry.add_tool(
            json!({"name": name, "description": "Filler tool.",
                "inputSchema": {"type": "object", "properties": {}}}),
            false,
            handler_fn(move |_ctx, _p| {
                let answer = answer.clone();
                async move { Ok(text(answer)) }
            }),
        )?;
    }
    let server = ServerBuilder::new(ServerOptions {
        name: "bench-rust".into(),
        version: "0.1.0".into(),
        ..ServerOptions::default()
    })
    .registry(registry)
    .build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve_stdio(server))?;
    Ok(())
}
