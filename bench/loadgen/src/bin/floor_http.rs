//! `floor-http --port N`: a zero-work native MCP "server" for the echo workload over
//! Streamable HTTP — the HTTP counterpart of `floor`.
//!
//! hyper's HTTP/1.1 server on a single-threaded tokio runtime, `TCP_NODELAY` on every
//! connection. Each POST body is answered by the same byte scan as `floor` (no JSON parsing)
//! as one `application/json` body; a notification gets `202 Accepted`; `initialize` also
//! gets an `Mcp-Session-Id` (never checked afterwards). What remains is the physical cost of
//! an HTTP round trip on loopback: two wake-ups, the socket syscalls and HTTP/1.1 framing.

use std::io;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

#[path = "floor/scan.rs"]
mod scan;

const SESSION_ID: &str = "floor-session";

async fn handle(req: Request<Incoming>) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let mut response = Response::new(Full::new(Bytes::new()));
    if req.method() != Method::POST {
        *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        return Ok(response);
    }
    let body = req.into_body().collect().await?.to_bytes();
    let mut out = Vec::with_capacity(256);
    scan::answer(&body, &mut out);
    if out.is_empty() {
        *response.status_mut() = StatusCode::ACCEPTED;
        return Ok(response);
    }
    out.pop(); // the newline that ends a stdio line
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if scan::raw_string_after(&body, b"\"method\":\"") == Some(b"initialize") {
        headers.insert("mcp-session-id", HeaderValue::from_static(SESSION_ID));
    }
    *response.body_mut() = Full::new(Bytes::from(out));
    Ok(response)
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut port = 8000u16;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or_else(|| io::Error::other("--port needs a number"))?;
            }
            other => return Err(io::Error::other(format!("unknown argument {other:?}"))),
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        loop {
            let (stream, _) = listener.accept().await?;
            stream.set_nodelay(true)?;
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service_fn(handle))
                    .await;
            });
        }
    })
}
