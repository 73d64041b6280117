//! `core-http-echo --port N [--json] [--stateless] [--current-thread]`: the bench's `echo`
//! tool in Rust on ferromcp-core's own Streamable HTTP service and hyper server — ferromcp over
//! HTTP without a foreign handler, so `bench/run.py --http` can tell what the core's HTTP path
//! costs from what handing requests to Python's event loop costs.
//!
//! The runtime is the one the Python binding builds (multi-thread, one worker) unless
//! `--current-thread` is given.

use std::sync::Arc;

use ferromcp_core::dispatch::{Dispatcher, Inline};
use ferromcp_core::handler::{HandlerError, handler_fn};
use ferromcp_core::registry::Registry;
use ferromcp_core::server::{ServerBuilder, ServerOptions};
use ferromcp_core::transport::http::{HttpOptions, HttpService, bind, serve};
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut port, mut options, mut current_thread) = (8000u16, HttpOptions::default(), false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().ok_or("--port needs a number")?.parse()?,
            "--json" => options.json_response = true,
            "--stateless" => options.stateless = true,
            "--current-thread" => current_thread = true,
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let registry = Arc::new(Registry::new(None));
    registry.add_tool(
        json!({"name": "echo", "description": "Return the text unchanged.",
            "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}},
            "required": ["text"]}}),
        false,
        handler_fn(|_ctx, p| async move {
            match p["arguments"]["text"].as_str() {
                Some(t) => Ok::<Value, HandlerError>(
                    json!({"content": [{"type": "text", "text": t}], "isError": false}),
                ),
                None => Err(HandlerError::failed("text missing")),
            }
        }),
    )?;
    let server = ServerBuilder::new(ServerOptions {
        name: "bench-core-http".into(),
        version: "0.1.0".into(),
        ..ServerOptions::default()
    })
    .registry(registry)
    .build();
    let dispatcher: Arc<dyn Dispatcher> = Arc::new(Inline(server));
    let service = Arc::new(HttpService::new(dispatcher, options));
    let runtime = if current_thread {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?
    };
    runtime.block_on(async {
        let (listener, _) = bind(("127.0.0.1", port)).await?;
        serve(listener, service, std::future::pending()).await
    })?;
    Ok(())
}
