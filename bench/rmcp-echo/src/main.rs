//! `rmcp-echo --port N [--stateful] [--json]`: the bench's `echo` tool on rmcp, the official
//! Rust MCP SDK, served over Streamable HTTP at `/mcp` (any path, in fact) on 127.0.0.1.
//!
//! Stateless by default (`legacy_session_mode: false`), as rmcp recommends for scale-out;
//! `--stateful` keeps sessions, `--json` prefers `application/json` answers.
//!
//! Served with hyper directly, with `TCP_NODELAY` on every connection: `axum::serve`, which
//! rmcp's examples use, leaves Nagle's algorithm on, and then each SSE answer (headers, then
//! the event, then the end of the chunked body, in separate writes) waits ~40 ms for the
//! client's delayed ACK.

use std::sync::Arc;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{schemars, tool, tool_router};
use tokio::net::TcpListener;

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct EchoArgs {
    /// The text to send back.
    text: String,
}

#[derive(Clone)]
struct Echo;

#[tool_router(server_handler)]
impl Echo {
    #[tool(description = "Return the text unchanged.")]
    async fn echo(&self, Parameters(EchoArgs { text }): Parameters<EchoArgs>) -> String {
        text
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let (mut port, mut stateful, mut json) = (8000u16, false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("--port needs a number");
            }
            "--stateful" => stateful = true,
            "--json" => json = true,
            other => panic!("unknown argument {other:?}"),
        }
    }
    let mut config = StreamableHttpServerConfig::default();
    config.legacy_session_mode = stateful;
    config.json_response = json;
    let service = StreamableHttpService::new(
        || Ok(Echo),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        let service = TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            let _ = Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
