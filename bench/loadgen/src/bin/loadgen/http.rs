//! `loadgen --transport http`: drives one MCP server over Streamable HTTP.
//!
//! ```text
//! loadgen --transport http --url http://127.0.0.1:{port}/mcp --sessions S --concurrency C
//!         [--calls N] [--warmup W] [--idle-sessions I] [--timeout SECONDS]
//!         [--stderr inherit|null] -- <server command with {port}...>
//! ```
//!
//! `{port}` in the URL and the command is replaced by a free port. Flow: spawn → wait until
//! the port accepts → S sessions, each with C keep-alive connections (hyper's HTTP/1.1 client,
//! `TCP_NODELAY`), each session `initialize`d (timed: spawn to the first answer) and sent
//! `notifications/initialized` → warm-up calls (at least one per connection) → N timed calls
//! with S×C in flight (each connection sends its next request once the last answer's body is
//! over) → I idle sessions opened (server RSS before and after) → SIGTERM.
//!
//! With `--process-tree`, the server's CPU, threads and peak RSS are summed over the spawned
//! process and every process below it (taken just before the timed window), and each of them
//! is reported in `server_tree` (pid, program name, CPU per call, threads, peak RSS): the
//! command may be a launcher of replicas behind a proxy with a Redis.
//!
//! Answers may come as `application/json` or as a `text/event-stream` (the answer is the
//! event whose JSON-RPC message has our id; other events — notifications, priming events —
//! are skipped); the latency of an SSE answer ends when its event arrives. Every answer is
//! checked as on stdio; an HTTP status other than 2xx, a missing answer or a broken
//! connection counts as an error (the connection is then opened anew).

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::os::fd::AsFd;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{ACCEPT, CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Method, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::task::LocalSet;

use super::{
    Options, Request, Window, abbreviate, check, comm, cpu_ns, emit, make_request, peak_rss_kib,
    percentile_us, process_tree, round, thread_count,
};

const SESSION_ID: &str = "mcp-session-id";
const PROTOCOL_VERSION: &str = "mcp-protocol-version";
const PLACEHOLDER: &str = "{port}";

/// Where the server listens: `http://host:port/path`.
struct Target {
    /// `host:port`, for connecting and for the `Host` header.
    authority: String,
    path: String,
}

fn parse_url(url: &str) -> Result<Target, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("--url {url:?}: only http://host:port/path is supported"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if !authority.contains(':') {
        return Err(format!("--url {url:?}: give the port"));
    }
    Ok(Target {
        authority: authority.to_owned(),
        path: path.to_owned(),
    })
}

/// A port nobody listens on right now.
fn free_port() -> Result<u16, String> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// What one session sends with every request after `initialize`.
#[derive(Default)]
struct SessionHeaders {
    id: Option<HeaderValue>,
    version: Option<HeaderValue>,
}

/// The revision a sessionless client speaks, and its envelope.
const MODERN: &str = "2026-07-28";
const ENVELOPE: &str = r#""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"ferromcp-bench-loadgen","version":"1"}}"#;

/// The routing headers of a sessionless request: `Mcp-Method`, and `Mcp-Name` when it names one.
struct Routing {
    method: HeaderValue,
    name: Option<HeaderValue>,
}

/// A request line made sessionless: the envelope in its params, and its routing headers.
fn sessionless(line: &str) -> Result<(String, Routing), String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("a request line: {e}"))?;
    let header = |s: &str| HeaderValue::from_str(s).map_err(|e| format!("a header: {e}"));
    let method = header(v["method"].as_str().unwrap_or(""))?;
    let name = match v["params"].get("name").and_then(Value::as_str) {
        Some(n) => Some(header(n)?),
        None => None,
    };
    let line = line.trim_end();
    // Every workload's line ends with its params object and the message's closing brace.
    let Some(body) = line.strip_suffix("}}") else {
        return Err(format!("unexpected request line {line}"));
    };
    let sep = if body.ends_with('{') { "" } else { "," };
    Ok((
        format!("{body}{sep}{ENVELOPE}}}}}"),
        Routing { method, name },
    ))
}

/// Why a POST gave no usable answer.
enum Failure {
    /// The connection broke: count it, then connect again.
    Connection(String),
    /// The answer was wrong, the connection is fine.
    Answer(String),
}

struct Reply {
    status: StatusCode,
    session_id: Option<HeaderValue>,
    /// The JSON-RPC answer (`None` for a notification's 202, or when none came).
    answer: Option<Value>,
    /// When the answer was complete (its SSE event, or the whole JSON body).
    answered_at: Instant,
    sse: bool,
}

/// Incremental `text/event-stream` parser: the `data` of each complete event.
#[derive(Default)]
struct SseParser {
    pos: usize,
    data: Vec<u8>,
    has_data: bool,
}

impl SseParser {
    fn feed(&mut self, buf: &[u8], events: &mut Vec<Vec<u8>>) {
        while let Some(nl) = buf[self.pos..].iter().position(|&b| b == b'\n') {
            let line = &buf[self.pos..self.pos + nl];
            self.pos += nl + 1;
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                self.dispatch(events);
            } else if let Some(value) = line.strip_prefix(b"data:") {
                let value = value.strip_prefix(b" ").unwrap_or(value);
                if self.has_data {
                    self.data.push(b'\n');
                }
                self.data.extend_from_slice(value);
                self.has_data = true;
            }
            // `event:`, `id:`, `retry:` and comments do not matter here.
        }
    }

    fn dispatch(&mut self, events: &mut Vec<Vec<u8>>) {
        if self.has_data {
            events.push(std::mem::take(&mut self.data));
            self.has_data = false;
        }
    }
}

/// The answer to `want` among some JSON-RPC messages (a batch array is searched too).
fn find_answer(data: &[u8], want: u64) -> Result<Option<Value>, String> {
    if data.iter().all(u8::is_ascii_whitespace) {
        return Ok(None); // a priming event
    }
    let msg: Value = serde_json::from_slice(data).map_err(|e| {
        format!(
            "unparseable message ({e}): {}",
            abbreviate(&String::from_utf8_lossy(data))
        )
    })?;
    let candidates = match msg {
        Value::Array(items) => items,
        other => vec![other],
    };
    for msg in candidates {
        if msg.get("method").is_some() {
            continue; // a notification or a server request on the way
        }
        match msg.get("id").and_then(Value::as_u64) {
            Some(id) if id == want => return Ok(Some(msg)),
            _ => {
                return Err(format!(
                    "answer for another id: {}",
                    abbreviate(&msg.to_string())
                ));
            }
        }
    }
    Ok(None)
}

type Sender = SendRequest<Full<Bytes>>;

async fn connect(target: &Target) -> Result<Sender, String> {
    let stream = TcpStream::connect(&target.authority)
        .await
        .map_err(|e| format!("connect {}: {e}", target.authority))?;
    stream
        .set_nodelay(true)
        .map_err(|e| format!("TCP_NODELAY: {e}"))?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake: {e}"))?;
    tokio::task::spawn_local(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// POSTs one JSON-RPC message; `want` is the id of the answer to wait for (None: a notification).
async fn post(
    sender: &mut Sender,
    target: &Target,
    session: &SessionHeaders,
    routing: Option<&Routing>,
    body: Bytes,
    want: Option<u64>,
) -> Result<Reply, Failure> {
    let mut request = hyper::Request::builder()
        .method(Method::POST)
        .uri(target.path.as_str())
        .header(HOST, target.authority.as_str())
        .header(CONTENT_TYPE, "application/json")
        .header(ACCEPT, "application/json, text/event-stream");
    if let Some(id) = &session.id {
        request = request.header(SESSION_ID, id.clone());
    }
    if let Some(version) = &session.version {
        request = request.header(PROTOCOL_VERSION, version.clone());
    }
    if let Some(r) = routing {
        request = request.header("mcp-method", r.method.clone());
        if let Some(n) = &r.name {
            request = request.header("mcp-name", n.clone());
        }
    }
    let request = request
        .body(Full::new(body))
        .map_err(|e| Failure::Answer(format!("building the request: {e}")))?;
    sender
        .ready()
        .await
        .map_err(|e| Failure::Connection(format!("connection not ready: {e}")))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| Failure::Connection(format!("sending: {e}")))?;
    let status = response.status();
    let session_id = response.headers().get(SESSION_ID).cloned();
    let sse = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    let mut body = response.into_body();
    let mut buf = Vec::new();
    let mut parser = SseParser::default();
    let mut events = Vec::new();
    let mut answer = None;
    let mut answered_at = None;
    let mut bad = None;
    // Read to the end of the body even after the answer: the connection is reused.
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Failure::Connection(format!("reading the body: {e}")))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        buf.extend_from_slice(&data);
        if sse && answer.is_none() {
            parser.feed(&buf, &mut events);
            for event in events.drain(..) {
                match want.map(|w| find_answer(&event, w)) {
                    Some(Ok(Some(msg))) if answer.is_none() => {
                        answer = Some(msg);
                        answered_at = Some(Instant::now());
                    }
                    Some(Err(e)) => {
                        bad.get_or_insert(e);
                    }
                    _ => {}
                }
            }
        }
    }
    if sse && answer.is_none() {
        parser.dispatch(&mut events); // an event the stream's end cut short
        for event in events.drain(..) {
            if let Some(w) = want {
                match find_answer(&event, w) {
                    Ok(Some(msg)) => answer = answer.or(Some(msg)),
                    Ok(None) => {}
                    Err(e) => {
                        bad.get_or_insert(e);
                    }
                }
            }
        }
    } else if !sse && status.is_success() && !buf.iter().all(u8::is_ascii_whitespace) {
        if let Some(w) = want {
            answer = find_answer(&buf, w).map_err(Failure::Answer)?;
        }
    }
    if !status.is_success() {
        return Err(Failure::Answer(format!(
            "HTTP {status}: {}",
            abbreviate(&String::from_utf8_lossy(&buf))
        )));
    }
    if want.is_some() && answer.is_none() {
        return Err(Failure::Answer(bad.unwrap_or_else(|| {
            format!(
                "no answer in a {} response: {}",
                if sse { "text/event-stream" } else { "JSON" },
                abbreviate(&String::from_utf8_lossy(&buf))
            )
        })));
    }
    Ok(Reply {
        status,
        session_id,
        answer,
        answered_at: answered_at.unwrap_or_else(Instant::now),
        sse,
    })
}

fn initialize_body(id: u64) -> Bytes {
    Bytes::from(
        json!({
            "jsonrpc": "2.0",
            "id": id,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "ferromcp-bench-loadgen", "version": env!("CARGO_PKG_VERSION")},
            },
        })
        .to_string(),
    )
}

const INITIALIZED: &str = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;

/// `initialize` + `notifications/initialized` on `sender`: the new session's headers. A
/// sessionless client asks `server/discover` instead, and has no session.
async fn open_session(
    sender: &mut Sender,
    target: &Target,
    id: u64,
    modern: bool,
) -> Result<(SessionHeaders, Value), String> {
    if modern {
        return discover(sender, target, id).await;
    }
    let describe = |f: Failure| match f {
        Failure::Connection(e) | Failure::Answer(e) => format!("initialize: {e}"),
    };
    let reply = post(
        sender,
        target,
        &SessionHeaders::default(),
        None,
        initialize_body(id),
        Some(id),
    )
    .await
    .map_err(describe)?;
    let answer = reply.answer.unwrap_or(Value::Null);
    let Some(result) = answer.get("result") else {
        return Err(format!(
            "bad initialize answer: {}",
            abbreviate(&answer.to_string())
        ));
    };
    let version = result
        .get("protocolVersion")
        .and_then(Value::as_str)
        .and_then(|v| HeaderValue::from_str(v).ok());
    let session = SessionHeaders {
        id: reply.session_id,
        version,
    };
    let note = post(
        sender,
        target,
        &session,
        None,
        Bytes::from_static(INITIALIZED.as_bytes()),
        None,
    )
    .await
    .map_err(|f| match f {
        Failure::Connection(e) | Failure::Answer(e) => format!("notifications/initialized: {e}"),
    })?;
    if !note.status.is_success() {
        return Err(format!("notifications/initialized: HTTP {}", note.status));
    }
    Ok((session, result.clone()))
}

async fn discover(
    sender: &mut Sender,
    target: &Target,
    id: u64,
) -> Result<(SessionHeaders, Value), String> {
    let line = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"server/discover","params":{{}}}}"#);
    let (body, routing) = sessionless(&line)?;
    let session = SessionHeaders {
        id: None,
        version: Some(HeaderValue::from_static(MODERN)),
    };
    let reply = post(
        sender,
        target,
        &session,
        Some(&routing),
        Bytes::from(body),
        Some(id),
    )
    .await
    .map_err(|f| match f {
        Failure::Connection(e) | Failure::Answer(e) => format!("server/discover: {e}"),
    })?;
    let answer = reply.answer.unwrap_or(Value::Null);
    let Some(result) = answer.get("result") else {
        return Err(format!(
            "bad server/discover answer: {}",
            abbreviate(&answer.to_string())
        ));
    };
    let mut result = result.clone();
    // Reported as an `initialize` result is: who answered, and the revision.
    result["serverInfo"] = result["_meta"]["io.modelcontextprotocol/serverInfo"].take();
    result["protocolVersion"] = json!(MODERN);
    Ok((session, result))
}

/// One in-flight slot: a connection of a session.
struct Slot {
    sender: Sender,
    session: Rc<SessionHeaders>,
}

/// What the slots of one phase share.
struct Phase {
    requests: Vec<Request>,
    /// The routing headers of each request, when the client is sessionless.
    routing: Vec<Routing>,
    first_id: u64,
    next: Cell<usize>,
    window: RefCell<Window>,
    sse_answers: Cell<usize>,
    json_answers: Cell<usize>,
}

/// Sends requests on one slot until the phase's requests are all taken.
async fn drive(mut slot: Slot, phase: Rc<Phase>, target: Rc<Target>, timeout: Duration) -> Slot {
    loop {
        let i = phase.next.get();
        if i >= phase.requests.len() {
            return slot;
        }
        phase.next.set(i + 1);
        let request = &phase.requests[i];
        let id = phase.first_id + i as u64;
        let body = Bytes::copy_from_slice(request.line.trim_end().as_bytes());
        let routing = phase.routing.get(i);
        let sent = Instant::now();
        let outcome = tokio::time::timeout(
            timeout,
            post(
                &mut slot.sender,
                &target,
                &slot.session,
                routing,
                body,
                Some(id),
            ),
        )
        .await;
        let broken = {
            let mut window = phase.window.borrow_mut();
            match outcome {
                Err(_) => {
                    window.fatal = Some(format!(
                        "no answer for {:.0} s to request {id}",
                        timeout.as_secs_f64()
                    ));
                    phase.next.set(phase.requests.len()); // stop every slot
                    return slot;
                }
                Ok(Ok(reply)) => {
                    let latency = reply.answered_at.duration_since(sent).as_nanos() as u64;
                    let counter = if reply.sse {
                        &phase.sse_answers
                    } else {
                        &phase.json_answers
                    };
                    counter.set(counter.get() + 1);
                    let msg = reply.answer.unwrap_or(Value::Null);
                    window.record(latency, check(&msg, &request.expect));
                    false
                }
                Ok(Err(Failure::Answer(e))) => {
                    window.record(sent.elapsed().as_nanos() as u64, Err(e));
                    false
                }
                Ok(Err(Failure::Connection(e))) => {
                    window.record(sent.elapsed().as_nanos() as u64, Err(e));
                    true
                }
            }
        };
        if broken {
            match connect(&target).await {
                Ok(sender) => slot.sender = sender,
                Err(e) => {
                    phase.window.borrow_mut().fatal =
                        Some(format!("reconnecting after an error: {e}"));
                    phase.next.set(phase.requests.len());
                    return slot;
                }
            }
        }
    }
}

/// Runs `requests` over all slots at once; returns the slots and the phase's results.
async fn run_phase(
    slots: Vec<Slot>,
    mut requests: Vec<Request>,
    first_id: u64,
    target: &Rc<Target>,
    timeout: Duration,
    modern: bool,
) -> (Vec<Slot>, Rc<Phase>) {
    let mut routing = Vec::new();
    if modern {
        for r in &mut requests {
            match sessionless(&r.line) {
                Ok((line, route)) => {
                    r.line = line;
                    routing.push(route);
                }
                Err(e) => panic!("{e}"),
            }
        }
    }
    let phase = Rc::new(Phase {
        routing,
        window: RefCell::new(Window {
            latencies_ns: Vec::with_capacity(requests.len()),
            ..Window::default()
        }),
        requests,
        first_id,
        next: Cell::new(0),
        sse_answers: Cell::new(0),
        json_answers: Cell::new(0),
    });
    let start = Instant::now();
    let tasks: Vec<_> = slots
        .into_iter()
        .map(|slot| tokio::task::spawn_local(drive(slot, phase.clone(), target.clone(), timeout)))
        .collect();
    let mut back = Vec::with_capacity(tasks.len());
    for task in tasks {
        if let Ok(slot) = task.await {
            back.push(slot);
        }
    }
    phase.window.borrow_mut().seconds = start.elapsed().as_secs_f64();
    (back, phase)
}

/// Resident set size (`VmRSS`) of `pid`, in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Opens `count` sessions over a few fresh connections and leaves them idle.
async fn open_idle_sessions(
    count: usize,
    first_id: u64,
    target: &Rc<Target>,
    timeout: Duration,
) -> Result<(), String> {
    let next = Rc::new(Cell::new(0usize));
    let tasks: Vec<_> = (0..count.min(4))
        .map(|_| {
            let (next, target) = (next.clone(), target.clone());
            tokio::task::spawn_local(async move {
                let mut sender = connect(&target).await?;
                loop {
                    let i = next.get();
                    if i >= count {
                        return Ok::<(), String>(());
                    }
                    next.set(i + 1);
                    let id = first_id + i as u64;
                    tokio::time::timeout(timeout, open_session(&mut sender, &target, id, false))
                        .await
                        .map_err(|_| "no answer while opening idle sessions".to_owned())??;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await
            .map_err(|e| format!("idle-session task failed: {e}"))??;
    }
    Ok(())
}

fn stop(child: &mut Child, limit: Duration) -> String {
    let describe = |status: std::process::ExitStatus| match status.code() {
        Some(code) => format!("exit {code}"),
        None => format!("{status}"),
    };
    if let Ok(Some(status)) = child.try_wait() {
        return format!("{} before it was stopped", describe(status));
    }
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) on our own child's pid; no memory is involved.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return describe(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return format!(
                    "killed: still running {:.1} s after SIGTERM",
                    limit.as_secs_f64()
                );
            }
            Err(e) => return format!("wait failed: {e}"),
        }
    }
}

/// Waits until `authority` accepts connections, the child exits, or `limit` passes.
fn wait_for_port(authority: &str, child: &mut Child, limit: Duration) -> Result<(), String> {
    let deadline = Instant::now() + limit;
    loop {
        if std::net::TcpStream::connect(authority).is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "the server exited ({status}) before listening on {authority}"
            ));
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "nothing listens on {authority} {:.0} s after the start",
                limit.as_secs_f64()
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs the HTTP benchmark; returns the process exit code (0 clean, 1 wrong answers, 2 aborted).
pub(crate) fn run(opts: &Options) -> i32 {
    let mut report = json!({
        "transport": "http",
        "workload": opts.workload.name(),
        "sessions": opts.sessions,
        "concurrency": opts.concurrency,
        "connections": opts.sessions * opts.concurrency,
    });
    let fail = |mut report: Value, msg: String| {
        report["ok"] = json!(false);
        report["fatal"] = json!(msg);
        emit(&report);
        2
    };
    let Some(url) = opts.url.as_deref() else {
        return fail(report, "--transport http needs --url".to_owned());
    };
    let needs_port =
        url.contains(PLACEHOLDER) || opts.command.iter().any(|a| a.contains(PLACEHOLDER));
    let port = if needs_port {
        match free_port() {
            Ok(port) => port.to_string(),
            Err(e) => return fail(report, e),
        }
    } else {
        String::new()
    };
    let url = url.replace(PLACEHOLDER, &port);
    let command: Vec<String> = opts
        .command
        .iter()
        .map(|a| a.replace(PLACEHOLDER, &port))
        .collect();
    report["url"] = json!(url);
    report["command"] = json!(command);
    let target = match parse_url(&url) {
        Ok(target) => Rc::new(target),
        Err(e) => return fail(report, e),
    };

    // The server's stdout goes where its stderr goes: our stdout is the report.
    let output = || -> Stdio {
        if opts.inherit_stderr {
            match std::io::stderr().as_fd().try_clone_to_owned() {
                Ok(fd) => Stdio::from(fd),
                Err(_) => Stdio::null(),
            }
        } else {
            Stdio::null()
        }
    };
    let spawned_at = Instant::now();
    let spawn = Command::new(&command[0])
        .args(&command[1..])
        .stdin(Stdio::null())
        .stdout(output())
        .stderr(output())
        .spawn();
    let mut child = match spawn {
        Ok(child) => child,
        Err(e) => return fail(report, format!("cannot start {:?}: {e}", command[0])),
    };
    let pid = child.id();
    let outcome = wait_for_port(&target.authority, &mut child, opts.timeout).and_then(|()| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("tokio runtime: {e}"))?;
        LocalSet::new().block_on(
            &runtime,
            bench(opts, pid, target.clone(), spawned_at, &mut report),
        )
    });
    let peak = if opts.process_tree {
        let peaks: Vec<u64> = process_tree(pid)
            .into_iter()
            .filter_map(peak_rss_kib)
            .collect();
        (!peaks.is_empty()).then(|| peaks.iter().sum())
    } else {
        peak_rss_kib(pid)
    };
    if let Some(kib) = peak {
        report["server_peak_rss_kib"] = json!(kib);
        report["server_peak_rss_mib"] = json!(round(kib as f64 / 1024.0, 1));
    }
    report["server_exit"] = json!(stop(&mut child, Duration::from_secs(3)));
    let _ = std::io::stderr().flush();
    match outcome {
        Err(msg) => fail(report, msg),
        Ok(errors) => {
            report["ok"] = json!(true);
            report["fatal"] = Value::Null;
            emit(&report);
            i32::from(errors > 0)
        }
    }
}

/// Sessions, warm-up, the timed window and the idle sessions; fills `report`.
async fn bench(
    opts: &Options,
    pid: u32,
    target: Rc<Target>,
    spawned_at: Instant,
    report: &mut Value,
) -> Result<usize, String> {
    let mut next_id = 1u64;
    let mut slots = Vec::with_capacity(opts.sessions * opts.concurrency);
    let mut stateless = false;
    for s in 0..opts.sessions {
        let mut first = connect(&target).await?;
        let (session, result) = tokio::time::timeout(
            opts.timeout,
            open_session(&mut first, &target, next_id, opts.sessionless),
        )
        .await
        .map_err(|_| "no answer to initialize".to_owned())??;
        next_id += 1;
        if s == 0 {
            report["spawn_to_init_ms"] = json!(round(spawned_at.elapsed().as_secs_f64() * 1e3, 2));
            report["server_info"] = result.get("serverInfo").cloned().unwrap_or(Value::Null);
            report["protocol_version"] = result
                .get("protocolVersion")
                .cloned()
                .unwrap_or(Value::Null);
            stateless = session.id.is_none();
            report["stateless"] = json!(stateless);
        }
        let session = Rc::new(session);
        slots.push(Slot {
            sender: first,
            session: session.clone(),
        });
        for _ in 1..opts.concurrency {
            slots.push(Slot {
                sender: connect(&target).await?,
                session: session.clone(),
            });
        }
    }

    // Warm-up: at least one call per connection, checked, not timed.
    let warmup = opts.warmup.max(slots.len()) as u64;
    let requests = (0..warmup)
        .map(|seq| make_request(opts.workload, seq, next_id + seq))
        .collect();
    let (slots, warm) = run_phase(
        slots,
        requests,
        next_id,
        &target,
        opts.timeout,
        opts.sessionless,
    )
    .await;
    next_id += warmup;
    {
        let warm = warm.window.borrow();
        report["warmup"] = json!(warmup);
        report["warmup_errors"] = json!(warm.errors);
        if let Some(e) = &warm.fatal {
            return Err(format!("during warm-up: {e}"));
        }
        if let Some(e) = &warm.first_error {
            report["first_warmup_error"] = json!(e);
        }
    }

    let requests = (0..opts.calls as u64)
        .map(|i| make_request(opts.workload, warmup + i, next_id + i))
        .collect();
    let self_pid = std::process::id();
    let pids = if opts.process_tree {
        process_tree(pid)
    } else {
        vec![pid]
    };
    let (cpu_before, client_before) = (
        pids.iter().map(|&p| cpu_ns(p)).collect::<Vec<_>>(),
        cpu_ns(self_pid),
    );
    let (slots, phase) = run_phase(
        slots,
        requests,
        next_id,
        &target,
        opts.timeout,
        opts.sessionless,
    )
    .await;
    let (cpu_after, client_after) = (
        pids.iter().map(|&p| cpu_ns(p)).collect::<Vec<_>>(),
        cpu_ns(self_pid),
    );
    next_id += opts.calls as u64;
    let threads: Option<usize> = pids.iter().map(|&p| thread_count(p)).sum();

    let window = phase.window.take();
    let calls = window.latencies_ns.len();
    let per_call = |before: Option<u64>, after: Option<u64>| match (before, after) {
        (Some(b), Some(a)) if calls > 0 => {
            json!(round(a.saturating_sub(b) as f64 / 1000.0 / calls as f64, 2))
        }
        _ => Value::Null,
    };
    let mut sorted = window.latencies_ns;
    sorted.sort_unstable();
    let mean_us = if calls > 0 {
        sorted.iter().sum::<u64>() as f64 / calls as f64 / 1000.0
    } else {
        0.0
    };
    // What the whole tree spent in the window; none when the spawned process could not be read.
    let spent: Option<u64> = cpu_before[0].zip(cpu_after[0]).map(|_| {
        cpu_before
            .iter()
            .zip(&cpu_after)
            .filter_map(|(b, a)| b.zip(*a))
            .map(|(b, a)| a.saturating_sub(b))
            .sum()
    });
    if opts.process_tree {
        let members: Vec<Value> = pids
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                json!({
                    "pid": p,
                    "comm": comm(p),
                    "cpu_us_per_call": per_call(cpu_before[i], cpu_after[i]),
                    "threads": thread_count(p),
                    "peak_rss_kib": peak_rss_kib(p),
                })
            })
            .collect();
        report["server_tree"] = json!(members);
    }
    let fields = json!({
        "calls": calls,
        "seconds": round(window.seconds, 6),
        "calls_per_s": if window.seconds > 0.0 { round(calls as f64 / window.seconds, 1) } else { 0.0 },
        "p50_us": round(percentile_us(&sorted, 50.0), 1),
        "p90_us": round(percentile_us(&sorted, 90.0), 1),
        "p99_us": round(percentile_us(&sorted, 99.0), 1),
        "max_us": round(percentile_us(&sorted, 100.0), 1),
        "mean_us": round(mean_us, 1),
        "errors": window.errors,
        "first_error": window.first_error,
        "server_cpu_us_per_call": per_call(spent.map(|_| 0), spent),
        "client_cpu_us_per_call": per_call(client_before, client_after),
        "server_threads": threads,
        "sse_answers": phase.sse_answers.get(),
        "json_answers": phase.json_answers.get(),
    });
    if let (Value::Object(dst), Value::Object(src)) = (&mut *report, fields) {
        dst.extend(src);
    }
    if let Some(e) = window.fatal {
        return Err(format!("after {calls} timed calls: {e}"));
    }

    // Memory per idle session: RSS after opening N more sessions, minus before, over N.
    if opts.idle_sessions > 0 && stateless {
        report["idle_session_note"] = json!("stateless: the server keeps no sessions");
    } else if opts.idle_sessions > 0 {
        let settle = Duration::from_millis(300);
        tokio::time::sleep(settle).await;
        let before = rss_kib(pid);
        open_idle_sessions(opts.idle_sessions, next_id, &target, opts.timeout)
            .await
            .map_err(|e| format!("opening idle sessions: {e}"))?;
        tokio::time::sleep(settle).await;
        let after = rss_kib(pid);
        report["idle_sessions"] = json!(opts.idle_sessions);
        if let (Some(b), Some(a)) = (before, after) {
            report["rss_before_idle_kib"] = json!(b);
            report["rss_after_idle_kib"] = json!(a);
            report["idle_session_kib"] =
                json!(round((a as f64 - b as f64) / opts.idle_sessions as f64, 2));
        }
    }
    drop(slots);
    Ok(window.errors)
}
