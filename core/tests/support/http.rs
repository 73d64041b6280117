//! What the HTTP tests share: a server on 127.0.0.1:0 with Rust handlers, a client on hyper's
//! connection API, and an SSE reader. Every wait is bounded by [`WAIT`].

#![allow(dead_code)]

use bytes::Bytes;
use ferromcp_core::dispatch::Inline;
use ferromcp_core::handler::{HandlerError, RequestContext, handler_fn};
use ferromcp_core::protocol::LogLevel;
use ferromcp_core::server::{Server, ServerBuilder, ServerOptions};
use ferromcp_core::session::Route;
use ferromcp_core::transport::http::{HttpOptions, HttpService, bind, serve};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// The longest any single exchange may take.
pub const WAIT: Duration = Duration::from_secs(5);

/// What the `slow` tool reports to the test, and the gate it waits on.
pub struct Probes {
    /// `slow` started.
    pub started: mpsc::UnboundedReceiver<()>,
    /// `slow` finished (it was not cancelled).
    pub finished: mpsc::UnboundedReceiver<()>,
    /// Lets `slow` go on (one send per call).
    pub gate: mpsc::UnboundedSender<()>,
}

/// A server with the tools the tests call:
/// - `echo {text}`: answers the text at once;
/// - `steps {pause}`: progress and a log message, (with `pause`, a suspension), another log
///   message, then the answer;
/// - `announce`: a list-changed notification on the standalone stream, then the answer;
/// - `slow`: reports it started, waits for the gate, sends a log message, reports it finished.
pub fn test_server() -> (Arc<Server>, Probes) {
    let (started_tx, started) = mpsc::unbounded_channel();
    let (finished_tx, finished) = mpsc::unbounded_channel();
    let (gate, gate_rx) = mpsc::unbounded_channel::<()>();
    let gate_rx = Arc::new(tokio::sync::Mutex::new(gate_rx));
    let started_tx = Arc::new(Mutex::new(started_tx));
    let finished_tx = Arc::new(Mutex::new(finished_tx));
    let server = ServerBuilder::new(ServerOptions {
        name: "http-test".into(),
        version: "1.0".into(),
        capabilities: Some(json!({"tools": {"listChanged": true}, "logging": {}})),
        ..ServerOptions::default()
    })
    .handler(
        "tools/call",
        handler_fn(move |ctx: RequestContext, params: Value| {
            let gate_rx = gate_rx.clone();
            let started_tx = started_tx.clone();
            let finished_tx = finished_tx.clone();
            async move {
                let args = params.get("arguments").cloned().unwrap_or(json!({}));
                let text = |t: &str| json!({"content": [{"type": "text", "text": t}]});
                match params["name"].as_str().unwrap_or("") {
                    "echo" => Ok(text(args["text"].as_str().unwrap_or(""))),
                    "steps" => {
                        ctx.report_progress(1.0, Some(2.0), Some("half"));
                        log(&ctx, "first");
                        if args["pause"] == true {
                            tokio::task::yield_now().await;
                        }
                        log(&ctx, "second");
                        Ok(text("done"))
                    }
                    "announce" => {
                        ctx.session.notify(
                            &Route::Standalone,
                            "notifications/tools/list_changed",
                            None,
                        );
                        Ok(text("announced"))
                    }
                    "slow" => {
                        let _ = started_tx.lock().unwrap().send(());
                        let _ = gate_rx.lock().await.recv().await;
                        // Until the test has seen one on the standalone stream (the POST stream
                        // is gone): a bounded number of tries, yielding between them.
                        for i in 0..100_000 {
                            if ctx.session.phase() == ferromcp_core::session::Phase::Closed {
                                break;
                            }
                            log(&ctx, &format!("after disconnect {i}"));
                            tokio::task::yield_now().await;
                            if args["until_seen"] != true {
                                break;
                            }
                            if SEEN.load(std::sync::atomic::Ordering::SeqCst) {
                                break;
                            }
                        }
                        let _ = finished_tx.lock().unwrap().send(());
                        Ok(text("slow done"))
                    }
                    other => Err(HandlerError::failed(format!("no tool {other}"))),
                }
            }
        }),
    )
    .build();
    (
        server,
        Probes {
            started,
            finished,
            gate,
        },
    )
}

/// Set by a test once the standalone stream carried a message of `slow`.
pub static SEEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn log(ctx: &RequestContext, text: &str) {
    ctx.session
        .log(&ctx.route(), LogLevel::Info, "info", json!(text), None);
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub service: Arc<HttpService>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(15), &mut self.task)
            .await
            .expect("the server stops")
            .unwrap()
            .unwrap();
    }

    /// A client of this server speaking `version`.
    pub fn client(&self, version: &str) -> Client {
        Client {
            addr: self.addr,
            session: None,
            version: version.to_owned(),
            path: "/mcp".into(),
        }
    }
}

/// Serves `server` with `options` on 127.0.0.1:0.
pub async fn start(server: Arc<Server>, options: HttpOptions) -> Running {
    let (listener, addr) = bind("127.0.0.1:0").await.unwrap();
    let service = Arc::new(HttpService::new(Arc::new(Inline(server)), options));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, service.clone(), async move {
        let _ = stopped.await;
    }));
    Running {
        addr,
        service,
        stop: Some(stop),
        task,
    }
}

/// Sends one request on a new connection; the response's body streams.
pub async fn send<B>(addr: SocketAddr, req: Request<B>) -> Response<Incoming>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(conn);
    tokio::time::timeout(WAIT, sender.send_request(req))
        .await
        .expect("response headers in time")
        .unwrap()
}

/// A GET of session `session`'s stream at `path`, resumed after event `last` (`Last-Event-ID`).
pub async fn resume_get(
    addr: SocketAddr,
    path: &str,
    session: &str,
    version: &str,
    last: &str,
) -> Response<Incoming> {
    let req = request(addr, Method::GET, path)
        .header("accept", "text/event-stream")
        .header("mcp-session-id", session)
        .header("mcp-protocol-version", version)
        .header("last-event-id", last)
        .body(Full::<Bytes>::default())
        .unwrap();
    send(addr, req).await
}

/// A DELETE of session `session` at `/mcp`, as a client ending it sends one.
pub async fn delete_session(addr: SocketAddr, session: &str, version: &str) -> Response<Incoming> {
    let req = request(addr, Method::DELETE, "/mcp")
        .header("mcp-session-id", session)
        .header("mcp-protocol-version", version)
        .body(Full::<Bytes>::default())
        .unwrap();
    send(addr, req).await
}

/// A request to `path` with the headers a well-behaved client sends.
pub fn request(addr: SocketAddr, method: Method, path: &str) -> http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header("host", addr.to_string())
        .header("accept", "application/json, text/event-stream")
}

/// A JSON POST body.
pub fn body(v: &Value) -> Full<Bytes> {
    Full::new(Bytes::from(v.to_string()))
}

/// A client of the Streamable HTTP endpoint.
pub struct Client {
    pub addr: SocketAddr,
    pub session: Option<String>,
    pub version: String,
    pub path: String,
}

impl Client {
    /// A POST of `message` with the session and protocol headers.
    pub fn post_request(&self, message: &Value) -> Request<Full<Bytes>> {
        let mut b =
            request(self.addr, Method::POST, &self.path).header("content-type", "application/json");
        if let Some(s) = &self.session {
            b = b
                .header("mcp-session-id", s)
                .header("mcp-protocol-version", &self.version);
        }
        b.body(body(message)).unwrap()
    }

    pub async fn post(&self, message: &Value) -> Response<Incoming> {
        send(self.addr, self.post_request(message)).await
    }

    /// `initialize`, keeping the session id; then `notifications/initialized`.
    pub async fn initialize(&mut self) -> Value {
        let r = self.post(&initialize(&self.version)).await;
        assert_eq!(r.status(), StatusCode::OK);
        self.session = r
            .headers()
            .get("mcp-session-id")
            .map(|v| v.to_str().unwrap().to_owned());
        let answer = answer(r).await;
        let n = self
            .post(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
            .await;
        assert_eq!(n.status(), StatusCode::ACCEPTED);
        assert!(read_all(n.into_body()).await.is_empty());
        answer
    }

    /// Opens the session's standalone stream.
    pub async fn listen(&self) -> Response<Incoming> {
        let req = request(self.addr, Method::GET, &self.path)
            .header("accept", "text/event-stream")
            .header("mcp-session-id", self.session.as_deref().unwrap())
            .header("mcp-protocol-version", &self.version)
            .body(Full::<Bytes>::default())
            .unwrap();
        send(self.addr, req).await
    }

    /// `tools/call` of `name`; the answer as JSON (from either kind of body).
    pub async fn call(&self, id: i64, name: &str, args: Value) -> Value {
        let r = self.post(&call(id, name, args)).await;
        assert_eq!(r.status(), StatusCode::OK);
        answer(r).await
    }
}

pub fn initialize(version: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": version, "capabilities": {},
        "clientInfo": {"name": "http-test", "version": "1"}}})
}

pub fn call(id: i64, name: &str, args: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
        "params": {"name": name, "arguments": args}})
}

/// The whole body.
pub async fn read_all(body: Incoming) -> Bytes {
    tokio::time::timeout(WAIT, body.collect())
        .await
        .expect("the body ends in time")
        .unwrap()
        .to_bytes()
}

/// The one JSON-RPC message answering a POST: the JSON body, or the last event of the stream.
pub async fn answer(r: Response<Incoming>) -> Value {
    if content_type(r.headers()) == "text/event-stream" {
        let events = Sse::new(r.into_body()).all().await;
        serde_json::from_str(&events.last().expect("an event").data).unwrap()
    } else {
        serde_json::from_slice(&read_all(r.into_body()).await).unwrap()
    }
}

/// The JSON error body of a refused request, with its status.
pub async fn refused(r: Response<Incoming>) -> (StatusCode, Value) {
    let status = r.status();
    assert_eq!(content_type(r.headers()), "application/json");
    let v: Value = serde_json::from_slice(&read_all(r.into_body()).await).unwrap();
    assert_eq!(v["jsonrpc"], "2.0");
    assert_eq!(v["id"], Value::Null);
    (status, v)
}

pub fn content_type(h: &HeaderMap) -> &str {
    h.get("content-type")
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

/// One SSE event.
#[derive(Debug, Clone)]
pub struct Event {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

impl Event {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.data).unwrap()
    }
}

/// Reads events from an SSE body.
pub struct Sse {
    body: Incoming,
    buf: String,
}

impl Sse {
    pub fn new(body: Incoming) -> Self {
        Self {
            body,
            buf: String::new(),
        }
    }

    /// The next event (comments skipped); `None` when the stream ended.
    pub async fn next(&mut self) -> Option<Event> {
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut e = Event {
                    event: "message".into(),
                    id: None,
                    data: String::new(),
                };
                let mut any = false;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        e.event = v.into();
                        any = true;
                    } else if let Some(v) = line.strip_prefix("id: ") {
                        e.id = Some(v.into());
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        e.data.push_str(v);
                        any = true;
                    }
                }
                if any {
                    return Some(e);
                }
            }
            let frame = tokio::time::timeout(WAIT, self.body.frame())
                .await
                .expect("an event in time")?;
            if let Ok(data) = frame.unwrap().into_data() {
                self.buf.push_str(std::str::from_utf8(&data).unwrap());
            }
        }
    }

    /// Every event until the stream ends.
    pub async fn all(mut self) -> Vec<Event> {
        let mut out = Vec::new();
        for _ in 0..1000 {
            match self.next().await {
                Some(e) => out.push(e),
                None => return out,
            }
        }
        panic!("the stream did not end");
    }
}
