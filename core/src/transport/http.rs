//! Streamable HTTP (2025-03-26 and later) and the legacy HTTP+SSE transport (2024-11-05), as a
//! service over [`http::Request`] → streaming [`http::Response`]: the built-in hyper server
//! ([`serve`]) and a host framework (Python ASGI, Node `http`) drive the same [`HttpService`].
//!
//! The transport never interprets MCP methods: every message goes to a [`Dispatcher`], and
//! what handlers send leaves through the session's [`Outbound`](crate::session::Outbound),
//! which routes it by its [`Route`](crate::session::Route) to the stream the client holds open
//! for it: the SSE answer of the POST that carried the request, or the session's GET stream.
//!
//! | bad input | answer |
//! |---|---|
//! | method other than POST/GET/DELETE (endpoint), GET (`/sse`), POST (messages) | 405 + `Allow` |
//! | GET or DELETE in stateless mode | 405 + `Allow: POST` |
//! | `Host` not allowed / `Origin` present and not allowed | 421 / 403 |
//! | `Accept` without JSON and SSE (JSON only, in JSON mode) | 406 |
//! | `Content-Type` not `application/json` | 415 |
//! | body over [`HttpOptions::max_body`] | 413 |
//! | invalid JSON / not a JSON-RPC message | 400 with -32700 / -32600 |
//! | a batch where the revision has none (all but 2025-03-26) | 400 with -32600 |
//! | no `Mcp-Session-Id` (except `initialize`) / unknown or ended session | 400 / 404 |
//! | `MCP-Protocol-Version` naming no supported revision | 400 |
//! | a second GET stream on a session | 409 |
//! | more sessions than [`SessionLimits::max_sessions`] | 503 |
//!
//! Error bodies are JSON-RPC error responses without an id (code -32600 unless said otherwise).
//! With [`HttpOptions::auth`], bearer tokens are checked after the DNS-rebinding checks and the
//! RFC 9728 metadata is served (see [`AuthOptions`] for those answers).
//!
//! The service runs inside the caller's tokio runtime (it spawns the requests that outlive
//! their POST, and SSE keep-alives need its timer: build the runtime with `enable_all`):
//!
//! ```no_run
//! use std::sync::Arc;
//! use ferromcp_core::dispatch::{Dispatcher, Inline};
//! use ferromcp_core::server::{ServerBuilder, ServerOptions};
//! use ferromcp_core::transport::http::{HttpOptions, HttpService, bind, serve};
//!
//! # fn main() -> std::io::Result<()> {
//! let server = ServerBuilder::new(ServerOptions::default()).build();
//! // A binding passes its own dispatcher (`OnLoop` runs handlers on its event loop).
//! let dispatcher: Arc<dyn Dispatcher> = Arc::new(Inline(server));
//! let service = Arc::new(HttpService::new(dispatcher, HttpOptions::default()));
//! let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
//! let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//! # drop(stop);
//! runtime.block_on(async {
//!     let (listener, _addr) = bind("127.0.0.1:8000").await?;
//!     serve(listener, service, async { let _ = stopped.await; }).await
//! })
//! # }
//! ```
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http>,
//! <https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse>

mod auth;
#[cfg(feature = "redis")]
mod cluster;
mod events;
pub mod host;
mod legacy;
mod modern;
pub mod on_loop;
mod reply;
mod resume;
mod routes;
mod security;
mod server;
mod sse;
mod streamable;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body::Body;
use http_body_util::BodyExt;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;
use tracing::Instrument;

use crate::FastMap;
use crate::dispatch::Dispatcher;
use crate::error::ErrorCode;
use crate::jsonrpc::{self, Message, ParseLimits, Parsed};
use crate::protocol::Revision;
use crate::session::{Origin, Session};
use crate::sessions::{SessionError, SessionLimits, SessionManager};
use routes::{HttpOutbound, Streams};

pub use auth::{
    AccessToken, AuthOptions, Authorize, AuthorizeFn, BearerFailure, BearerPolicy, FailureKind,
    FnVerifier, Principal, ProtectedResource, Quoting, Refusal, TokenVerifier, Verdict, Verified,
    VerifierError, WELL_KNOWN, Wording, verifier_fn,
};
#[cfg(feature = "redis")]
pub use cluster::{Cluster, ClusterError, RedisEventStore};
pub use events::{
    EventId, EventStore, MemoryEventStore, Replay, StoreError, StoredEvent, StreamId,
};
pub use reply::{PROTOCOL_VERSION, SESSION_ID};
pub use resume::LAST_EVENT_ID;
pub use security::DnsRebinding;
pub use server::{SHUTDOWN_GRACE, bind, is_loopback, serve};

/// The body of every response: bytes, streamed (an SSE answer) or whole.
pub type HttpBody = http_body_util::combinators::BoxBody<Bytes, Infallible>;

/// The local address a request arrived on, as a request extension. [`serve`] adds the
/// listener's; a host framework adds the address it was bound to. It decides whether
/// DNS-rebinding protection is on by default ([`DnsRebinding::enabled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalAddr(pub SocketAddr);

/// The address of the client a request came from, as a request extension (the built-in
/// server adds it; handlers see it in the request's head).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerAddr(pub SocketAddr);

/// The id a host chose for the session a request may begin (the TypeScript SDK's
/// `sessionIdGenerator`), as a request extension: used when the request is an `initialize`
/// that starts a session and the id is visible ASCII, as the specification asks of session ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenSessionId(pub String);

impl ChosenSessionId {
    /// The id, if it may be one.
    fn usable(&self) -> Option<&str> {
        let id = self.0.as_str();
        (!id.is_empty() && id.bytes().all(|b| (0x21..=0x7e).contains(&b))).then_some(id)
    }
}

/// The host framework's own request object (a binding's: the ASGI scope, Node's request), as
/// a request extension: handlers are handed it instead of a description of the head.
#[derive(Clone)]
pub struct HostRequest(pub Arc<dyn std::any::Any + Send + Sync>);

/// The path a host framework mounted the service under (ASGI `root_path`, e.g. `/api`), as a
/// request extension: the legacy transport's `endpoint` event names
/// `BasePath` + [`HttpOptions::message_path`], the URL the client must post to. Paths the
/// service matches are the request's own, below the mount.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BasePath(pub String);

/// How the HTTP transport behaves. Defaults follow the official Python SDK's
/// `StreamableHTTPSessionManager` and `TransportSecuritySettings`.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// The Streamable HTTP endpoint (default `/mcp`; a trailing `/` is ignored when matching).
    pub path: String,
    /// Answer requests with one JSON body instead of an SSE stream (default `false`, SSE).
    /// Messages handlers send while serving a request then go to the GET stream, if open.
    pub json_response: bool,
    /// No sessions: every POST stands alone on a fresh, initialized session; GET and DELETE
    /// answer 405 (default `false`).
    pub stateless: bool,
    /// Serve the legacy HTTP+SSE transport on [`Self::sse_path`] and [`Self::message_path`]
    /// (default `true`).
    pub legacy_sse: bool,
    /// The legacy transport's SSE endpoint (default `/sse`).
    pub sse_path: String,
    /// The legacy transport's message endpoint (default `/messages/`).
    pub message_path: String,
    /// Largest accepted request body in bytes (default 4 MiB, the official default); larger
    /// ones are answered 413. Requests in flight per session are bounded by the server's
    /// [`crate::ServerOptions::max_in_flight`].
    pub max_body: usize,
    /// Bounds on sessions: how many at once (default 10 000) and the idle timeout (default
    /// one hour; [`serve`] ends idle sessions, a host framework calls
    /// [`HttpService::reap_idle`]).
    pub sessions: SessionLimits,
    /// DNS-rebinding protection (default: on for a loopback bind, with the loopback names).
    pub dns_rebinding: DnsRebinding,
    /// Interval of keep-alive comments on idle SSE streams (default 15 s, as the official
    /// servers' `sse-starlette`; `None`: none). In the Python dialect a sessionless request
    /// whose handler stays silent this long is answered as a stream from then on.
    pub keep_alive: Option<Duration>,
    /// Answer every sessionless (2026-07-28) request that passed its checks as an SSE stream
    /// (the TypeScript SDK's `responseMode: 'sse'`); by default a stream only once the handler
    /// sends something before its result.
    pub always_sse: bool,
    /// Whose transport's answers to refused requests the service gives (default Python's).
    pub dialect: HttpDialect,
    /// Keep the events of SSE streams, so that a client that lost one resumes it with
    /// `Last-Event-ID` (default none: streams are not resumable). Not used in JSON or
    /// stateless mode, nor by the legacy transport.
    pub event_store: Option<Arc<dyn EventStore>>,
    /// The reconnection delay priming events tell clients (the SSE `retry:` field; default
    /// none: the client's own).
    pub retry_interval: Option<Duration>,
    /// Replicas sharing sessions through Redis (default none): any replica serves any
    /// session's requests, and streams are kept in Redis (the event store, unless one is
    /// given). Not read by [`Self::from_json`]: a binding builds it from a URL.
    #[cfg(feature = "redis")]
    pub cluster: Option<Arc<Cluster>>,
    /// Bearer-token authorization of the MCP endpoints and the protected-resource metadata
    /// (default none). Not read by [`Self::from_json`]: a binding sets it with its verifier.
    pub auth: Option<AuthOptions>,
    /// Serve one session, whose id is this (the official Python SDK's single-session
    /// `StreamableHTTPServerTransport(mcp_session_id=...)`; default none: the service issues
    /// ids). The first `initialize` starts it; another is refused while it is alive (400), and
    /// once the client ends it (DELETE) requests naming it are answered 404. Not with
    /// [`Self::stateless`].
    pub session_id: Option<String>,
}

/// The official transport whose refusals (status, code, text) and rules the service follows.
/// They differ: the Python SDK's session manager answers a foreign `Host` 421 and checks
/// `Origin` against the loopback names by default; the TypeScript SDK's transport answers 403
/// with -32000, checks only the lists it is given (exact values), serves one session per
/// transport (a second `initialize` is refused), and takes batches at every revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpDialect {
    /// `mcp`'s `StreamableHTTPSessionManager`.
    #[default]
    Python,
    /// `@modelcontextprotocol/sdk`'s `StreamableHTTPServerTransport`: one session.
    TypeScript,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            path: "/mcp".into(),
            json_response: false,
            stateless: false,
            legacy_sse: true,
            sse_path: "/sse".into(),
            message_path: "/messages/".into(),
            max_body: 4 * 1024 * 1024,
            sessions: SessionLimits::default(),
            dns_rebinding: DnsRebinding::default(),
            keep_alive: Some(Duration::from_secs(15)),
            always_sse: false,
            dialect: HttpDialect::Python,
            event_store: None,
            retry_interval: None,
            auth: None,
            session_id: None,
            #[cfg(feature = "redis")]
            cluster: None,
        }
    }
}

impl HttpOptions {
    /// How often idle sessions are looked for: a quarter of the idle timeout, within 1 s …
    /// 60 s; none without an idle timeout.
    pub fn reap_interval(&self) -> Option<Duration> {
        self.sessions
            .idle_timeout
            .map(|t| (t / 4).clamp(Duration::from_secs(1), Duration::from_secs(60)))
    }

    /// Options as a binding passes them, one JSON object with camelCase names: `path`,
    /// `ssePath`, `messagePath`, `legacySse`, `jsonResponse`, `stateless`, `maxBody`,
    /// `maxSessions` (null: unbounded), `sessionIdleTimeout` (seconds; null: never),
    /// `dnsRebindingProtection`, `allowedHosts`, `allowedOrigins`, `dialect` (`"python"` or
    /// `"typescript"`), `eventStore` (`"memory"`, or `{"maxEventsPerStream", "maxStreams"}`: the
    /// in-memory store), `retryInterval` (milliseconds), `keepAlive` (milliseconds; 0: none),
    /// `responseMode` (`"auto"`, `"sse"`, `"json"`: the sessionless answers' shapes, `"json"`
    /// as `jsonResponse`). Missing members keep their defaults.
    pub fn from_json(v: &serde_json::Value) -> Self {
        use serde_json::Value;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let b = |k: &str| v.get(k).and_then(Value::as_bool);
        let list = |k: &str| -> Vec<String> {
            v.get(k)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut o = Self::default();
        if let Some(p) = s("path") {
            o.path = p;
        }
        if let Some(p) = s("ssePath") {
            o.sse_path = p;
        }
        if let Some(p) = s("messagePath") {
            o.message_path = p;
        }
        o.legacy_sse = b("legacySse").unwrap_or(true);
        o.json_response = b("jsonResponse").unwrap_or(false);
        match s("responseMode").as_deref() {
            Some("sse") => o.always_sse = true,
            Some("json") => o.json_response = true,
            _ => {}
        }
        if let Some(ms) = v.get("keepAlive").and_then(Value::as_u64) {
            o.keep_alive = (ms > 0).then(|| Duration::from_millis(ms));
        }
        o.stateless = b("stateless").unwrap_or(false);
        if let Some(x) = v.get("maxBody").and_then(Value::as_u64) {
            o.max_body = x as usize;
        }
        match v.get("maxSessions") {
            Some(Value::Null) => o.sessions.max_sessions = usize::MAX,
            Some(x) => {
                if let Some(n) = x.as_u64() {
                    o.sessions.max_sessions = n as usize;
                }
            }
            None => {}
        }
        match v.get("sessionIdleTimeout") {
            Some(Value::Null) => o.sessions.idle_timeout = None,
            Some(x) => {
                if let Some(secs) = x.as_f64().filter(|s| *s > 0.0) {
                    o.sessions.idle_timeout = Some(Duration::from_secs_f64(secs));
                }
            }
            None => {}
        }
        o.dns_rebinding = DnsRebinding {
            enabled: b("dnsRebindingProtection"),
            allowed_hosts: list("allowedHosts"),
            allowed_origins: list("allowedOrigins"),
        };
        if s("dialect").as_deref() == Some("typescript") {
            o.dialect = HttpDialect::TypeScript;
        }
        let n = |v: &Value, k: &str, default: usize| {
            v.get(k)
                .and_then(Value::as_u64)
                .map_or(default, |n| n as usize)
        };
        o.event_store = match v.get("eventStore") {
            Some(Value::String(kind)) if kind == "memory" => {
                Some(Arc::new(MemoryEventStore::default()) as Arc<dyn EventStore>)
            }
            Some(m @ Value::Object(_)) => Some(Arc::new(MemoryEventStore::new(
                n(
                    m,
                    "maxEventsPerStream",
                    MemoryEventStore::DEFAULT_EVENTS_PER_STREAM,
                ),
                n(m, "maxStreams", MemoryEventStore::DEFAULT_STREAMS),
            ))),
            _ => None,
        };
        o.retry_interval = v
            .get("retryInterval")
            .and_then(Value::as_u64)
            .map(Duration::from_millis);
        o.session_id = s("sessionId");
        o
    }
}

/// Takes every frame of `body` that is ready now: their data, and whether more may come. What a
/// host framework polling the service's answers on its own loop reads each time it is woken.
pub fn read_ready(body: &mut HttpBody, cx: &mut std::task::Context<'_>) -> (Vec<u8>, bool) {
    use std::task::Poll;
    let mut data = Vec::new();
    loop {
        match std::pin::Pin::new(&mut *body).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Ok(chunk) = frame.into_data() {
                    data.extend_from_slice(&chunk);
                }
            }
            Poll::Ready(Some(Err(never))) => match never {},
            Poll::Ready(None) => return (data, false),
            Poll::Pending => return (data, true),
        }
    }
}

/// Why a session ended, told to the host ([`HttpService::on_session_end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionEnd {
    /// The client ended it with a DELETE this service answered.
    Deleted,
    /// Another replica ended it (the client's DELETE reached that one; replicas sharing
    /// sessions through Redis).
    EndedElsewhere,
    /// Idle longer than [`SessionLimits::idle_timeout`].
    Idle,
    /// Its legacy HTTP+SSE stream closed (the client left; the session lives as long as its
    /// one stream).
    StreamClosed,
}

/// What [`HttpService::on_session_end`] calls: the session's id and why it ended.
pub type SessionEndFn = Arc<dyn Fn(&str, SessionEnd) + Send + Sync>;

type EndedHook = Arc<std::sync::OnceLock<SessionEndFn>>;

/// What [`HttpService::on_rejected`] calls.
type RejectedFn = Arc<dyn Fn(&str) + Send + Sync>;

/// The HTTP transport of one server: sessions, their open streams, and the answers to every
/// request that reaches its paths.
pub struct HttpService {
    dispatcher: Arc<dyn Dispatcher>,
    sessions: Arc<SessionManager>,
    options: HttpOptions,
    /// The open streams of each session, by id. Weak: a session's streams live as long as its
    /// outbound, which the session owns.
    links: Arc<Mutex<FastMap<String, Weak<Streams>>>>,
    limits: ParseLimits,
    /// Told when a session ends other than by [`Self::close`].
    ended: EndedHook,
    /// Told of each request refused before dispatch, for dialects whose SDK reports them.
    rejected: std::sync::OnceLock<RejectedFn>,
    /// This service on the bus of replicas sharing sessions.
    #[cfg(feature = "redis")]
    replica: Option<Arc<cluster::Replica>>,
}

impl std::fmt::Debug for HttpService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpService")
            .field("options", &self.options)
            .field("sessions", &self.sessions)
            .finish_non_exhaustive()
    }
}

impl HttpService {
    /// A service answering through `dispatcher`.
    pub fn new(dispatcher: Arc<dyn Dispatcher>, options: HttpOptions) -> Self {
        let limits = ParseLimits {
            max_depth: dispatcher.server().options().max_depth,
        };
        #[cfg(feature = "redis")]
        let options = {
            let mut options = options;
            if let Some(c) = &options.cluster
                && options.event_store.is_none()
            {
                options.event_store = Some(Arc::new(RedisEventStore(c.clone())));
            }
            options
        };
        #[cfg_attr(not(feature = "redis"), allow(unused_mut))]
        let mut service = Self {
            sessions: Arc::new(match &options.session_id {
                Some(id) if !options.stateless => {
                    SessionManager::single(options.sessions, id.clone())
                }
                _ => SessionManager::new(options.sessions),
            }),
            dispatcher,
            options,
            links: Arc::default(),
            limits,
            ended: EndedHook::default(),
            rejected: std::sync::OnceLock::new(),
            #[cfg(feature = "redis")]
            replica: None,
        };
        #[cfg(feature = "redis")]
        {
            service.replica = service
                .options
                .cluster
                .as_ref()
                .map(|c| cluster::Replica::new(&service, c));
        }
        service
    }

    /// Calls `f` whenever a session ends other than by [`Self::close`]: the client's DELETE,
    /// another replica ending it, the idle timeout. A host keeping something per session (a
    /// Node transport the author's code holds) lets go of it there. Set once; later calls are
    /// ignored. `f` runs on whichever thread ended the session: keep it short.
    pub fn on_session_end(&self, f: impl Fn(&str, SessionEnd) + Send + Sync + 'static) {
        let _ = self.ended.set(Arc::new(f));
    }

    /// Calls `f` with the report of each request refused before dispatch that the dialect's
    /// SDK reports (the TypeScript SDK's `createMcpHandler` tells `onerror`:
    /// `Rejected inbound request (<cell>): <message>`).
    pub fn on_rejected(&self, f: impl Fn(&str) + Send + Sync + 'static) {
        let _ = self.rejected.set(Arc::new(f));
    }

    fn tell_rejected(&self, report: &str) {
        if let Some(f) = self.rejected.get() {
            f(report);
        }
    }

    fn tell_ended(&self, id: &str, why: SessionEnd) {
        if let Some(f) = self.ended.get() {
            f(id, why);
        }
    }

    /// The options.
    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// The sessions.
    pub fn sessions(&self) -> &SessionManager {
        &self.sessions
    }

    /// The dispatcher answering messages.
    pub fn dispatcher(&self) -> &Arc<dyn Dispatcher> {
        &self.dispatcher
    }

    /// Runs `task` (waiting for answers) beside the handlers when polled on their loop's thread,
    /// else on the tokio runtime.
    fn spawn(&self, task: impl std::future::Future<Output = ()> + Send + 'static) {
        if let Some(t) = self.dispatcher.spawn_here(Box::pin(task.in_current_span())) {
            tokio::spawn(t);
        }
    }

    /// Answers one HTTP request. Requests keep running when the client goes away; what they
    /// send then goes to the session's GET stream, if one is open.
    ///
    /// A request's future is allocated in pieces of less than 1 KiB, which glibc serves from
    /// its per-thread cache: one larger allocation per request made it consolidate its free
    /// chunks each time and sent the next small allocations down its slow path. Hence the
    /// boxes on a POST's way (here, `post`, `answer`, and every branch a POST rarely takes) and
    /// the functions written as `fn … -> impl Future` around an `async move` block: an
    /// `async fn` keeps a second copy of each argument it uses after an `.await`.
    pub fn handle<B>(&self, req: Request<B>) -> impl Future<Output = Response<HttpBody>>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        use futures::FutureExt;
        let span = tracing::debug_span!(
            "http",
            method = %req.method(),
            path = req.uri().path(),
            status = tracing::field::Empty,
        );
        let started = std::time::Instant::now();
        Box::pin(self.route(req))
            .map(move |r| {
                tracing::Span::current().record("status", r.status().as_u16());
                tracing::debug!(
                    elapsed_us = started.elapsed().as_micros() as u64,
                    "answered"
                );
                r
            })
            .instrument(span)
    }

    #[allow(
        clippy::manual_async_fn,
        reason = "an async fn holds `req` twice (see `handle`)"
    )]
    fn route<B>(&self, mut req: Request<B>) -> impl Future<Output = Response<HttpBody>>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        async move {
            let path = req.uri().path();
            let o = &self.options;
            // The protected-resource metadata is public, as the official server serves it.
            if let Some(r) = o.auth.as_ref().and_then(|a| a.resource.as_ref())
                && let Some(answer) = r.answer(req.method(), path, req.headers())
            {
                return answer.map(reply::full);
            }
            let endpoint = if same_path(path, &o.path) {
                Endpoint::Streamable
            } else if o.legacy_sse && same_path(path, &o.sse_path) {
                Endpoint::LegacyStream
            } else if o.legacy_sse && same_path(path, &o.message_path) {
                Endpoint::LegacyMessages
            } else if o.dialect == HttpDialect::TypeScript {
                return reply::error(
                    StatusCode::NOT_FOUND,
                    ErrorCode::INVALID_REQUEST,
                    "Not Found",
                );
            } else {
                // As the official Python servers' (Starlette's) answer for a path they do not route.
                return auth::plain(StatusCode::NOT_FOUND, "Not Found").map(reply::full);
            };
            let local = req.extensions().get::<LocalAddr>().map(|l| l.0);
            if o.dialect == HttpDialect::TypeScript {
                if let Err(text) = o.dns_rebinding.check_listed(req.headers()) {
                    return reply::error(StatusCode::FORBIDDEN, ErrorCode::CONNECTION_CLOSED, text);
                }
            } else {
                match o.dns_rebinding.check(local, req.headers()) {
                    Ok(()) => {}
                    Err(security::Refusal::Host) => {
                        return reply::error(
                            StatusCode::MISDIRECTED_REQUEST,
                            ErrorCode::INVALID_REQUEST,
                            "Invalid Host header",
                        );
                    }
                    Err(security::Refusal::Origin) => {
                        return reply::error(
                            StatusCode::FORBIDDEN,
                            ErrorCode::INVALID_REQUEST,
                            "Invalid Origin header",
                        );
                    }
                }
            }
            if let Some(auth) = &o.auth
                && let Err(refused) = Box::pin(self.authorize(auth, &endpoint, &mut req)).await
            {
                return refused;
            }
            match endpoint {
                Endpoint::Streamable => self.streamable(req).await,
                Endpoint::LegacyStream => self.legacy_stream(req),
                Endpoint::LegacyMessages => Box::pin(self.legacy_message(req)).await,
            }
        }
    }

    /// A task ending idle sessions every [`HttpOptions::reap_interval`], for a host framework
    /// to spawn on its runtime (the built-in [`serve`] has its own); none without an idle
    /// timeout. It stops once the service is gone.
    pub fn reaper(self: &Arc<Self>) -> Option<impl Future<Output = ()> + Send + 'static> {
        let every = self.options.reap_interval()?;
        let service = Arc::downgrade(self);
        Some(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(service) = service.upgrade() else {
                    return;
                };
                let n = service.reap_idle();
                if n > 0 {
                    tracing::debug!(sessions = n, "idle sessions ended");
                }
            }
        })
    }

    /// Ends every session idle longer than the idle timeout; how many were ended.
    pub fn reap_idle(&self) -> usize {
        let ended = self.sessions.reap(std::time::Instant::now());
        if !ended.is_empty() {
            self.prune_links();
        }
        for id in &ended {
            #[cfg(feature = "redis")]
            self.unhold(id);
            self.tell_ended(id, SessionEnd::Idle);
        }
        ended.len()
    }

    /// Ends the long-lived streams (GET and legacy SSE streams), so that connections can close
    /// gracefully; answers in progress still complete.
    pub fn end_streams(&self) {
        for streams in self.live_links() {
            if streams.legacy {
                streams.close_all();
            } else {
                streams.close_standalone();
            }
        }
    }

    /// Ends every session and stream (the server is shutting down): requests in flight are
    /// cancelled.
    pub fn close(&self) {
        for streams in self.live_links() {
            streams.close_all();
        }
        self.sessions.close_all();
        let ids: Vec<String> = self.links().drain().map(|(id, _)| id).collect();
        #[cfg(feature = "redis")]
        for id in &ids {
            self.unhold(id);
        }
        drop(ids);
    }

    fn links(&self) -> MutexGuard<'_, FastMap<String, Weak<Streams>>> {
        self.links.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn live_links(&self) -> Vec<Arc<Streams>> {
        self.links().values().filter_map(Weak::upgrade).collect()
    }

    /// A new session whose messages go to `streams`, linked to it; a 503 answer when the
    /// server holds as many sessions as it may.
    // The refusal is a whole response, returned as is; it is rare, so boxing it buys nothing.
    #[allow(clippy::result_large_err)]
    fn new_session(
        &self,
        streams: &Arc<Streams>,
        chosen: Option<&ChosenSessionId>,
    ) -> Result<(String, Arc<Session>), Response<HttpBody>> {
        let outbound = Box::new(HttpOutbound(streams.clone()));
        match self
            .sessions
            .create_as(outbound, chosen.and_then(ChosenSessionId::usable))
        {
            Ok((id, session)) => {
                self.link(&id, streams);
                Ok((id, session))
            }
            Err(SessionError::TooMany(n)) => Err(reply::error(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::CONNECTION_CLOSED,
                format!("Service Unavailable: too many sessions (limit {n})"),
            )),
            Err(SessionError::Exists) => Err(streamable::already_initialized()),
            Err(SessionError::Ended) => Err(streamable::session_not_found(self.options.dialect)),
        }
    }

    fn link(&self, id: &str, streams: &Arc<Streams>) {
        let mut links = self.links();
        links.insert(id.to_owned(), Arc::downgrade(streams));
        // Sessions ended by the idle reaper leave dead links: sweep them now and then.
        if links.len() > 2 * self.sessions.len() + 64 {
            links.retain(|_, w| w.strong_count() > 0);
        }
    }

    fn prune_links(&self) {
        self.links().retain(|_, w| w.strong_count() > 0);
    }

    /// The session `id` and its streams: held here, or, where replicas share sessions, taken
    /// in from Redis (behind OAuth, for `token`'s principal only).
    #[cfg_attr(not(feature = "redis"), allow(unused_variables))]
    async fn find(
        &self,
        id: &str,
        token: Option<Arc<serde_json::Value>>,
    ) -> Option<(Arc<Session>, Arc<Streams>)> {
        if let Some(found) = self.lookup(id) {
            #[cfg(feature = "redis")]
            if let Some(c) = &self.options.cluster {
                // Replicas: a session begun under a token the host verified is served only for
                // the same principal, here as on a replica taking it in (behind the core's own
                // check, `authorize` did it already).
                if self.options.auth.is_none()
                    && let Some(owner) = found.0.auth()
                    && token.as_deref().map(Principal::of) != Some(Principal::of(&owner))
                {
                    tracing::warn!(
                        session = id,
                        "request refused: its token is not the session creator's"
                    );
                    return None;
                }
                c.touch(id);
            }
            return Some(found);
        }
        #[cfg(feature = "redis")]
        if self.options.cluster.is_some() {
            return Box::pin(self.adopt(id, token)).await;
        }
        None
    }

    /// Resumable streams for session `id`, when events are kept (SSE answers, or replicas).
    fn resumable(&self, id: &str) -> Option<resume::Resumable> {
        let store = self.options.event_store.clone()?;
        let r = || resume::Resumable::new(store, self.options.retry_interval, id);
        #[cfg(feature = "redis")]
        if let (Some(c), Some(tag)) = (&self.options.cluster, self.member_tag()) {
            return r().map(|r| r.shared(c.clone(), tag.clone()));
        }
        if self.options.json_response {
            return None;
        }
        r()
    }

    /// The session `id` and its streams, if it is alive.
    fn lookup(&self, id: &str) -> Option<(Arc<Session>, Arc<Streams>)> {
        let session = self.sessions.get(id)?;
        let streams = self.links().get(id).and_then(Weak::upgrade)?;
        Some((session, streams))
    }

    /// Ends session `id` (the client's DELETE): its requests in flight are cancelled and its
    /// streams end.
    fn end_session(&self, id: &str, streams: &Streams) {
        if self.drop_session(id, streams) {
            self.tell_ended(id, SessionEnd::Deleted);
        }
    }

    /// Forgets session `id` and ends its streams; whether it was held.
    fn drop_session(&self, id: &str, streams: &Streams) -> bool {
        let held = self.sessions.remove(id);
        streams.close_all();
        self.links().remove(id);
        held
    }

    /// Reads a body of at most [`HttpOptions::max_body`] bytes; the request's head comes back
    /// beside it (what handlers see of the request that carried their message). The request is
    /// taken apart before the read, so the future holds its head once.
    fn read_body<B>(
        &self,
        req: Request<B>,
    ) -> impl Future<Output = Result<(Bytes, http::request::Parts), Refused>> + use<B>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let max = self.options.max_body;
        let too_large = move || {
            reply::error(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::INVALID_REQUEST,
                format!("Payload Too Large: the body exceeds {max} bytes"),
            )
        };
        let declared = req
            .headers()
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let refused = declared.is_some_and(|n| n > max as u64);
        let (head, body) = req.into_parts();
        async move {
            if refused {
                return Err(too_large().into());
            }
            match http_body_util::Limited::new(body, max).collect().await {
                Ok(c) => Ok((c.to_bytes(), head)),
                Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large().into()),
                Err(e) => Err(reply::error(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::INVALID_REQUEST,
                    format!("Bad Request: the body could not be read: {e}"),
                )
                .into()),
            }
        }
    }

    /// Parses a body: one message, or a batch whose malformed elements are answered with it.
    fn parse(&self, body: &[u8]) -> Result<Inbox, Refused> {
        match jsonrpc::parse(body, self.limits) {
            // The TypeScript SDK's transport: -32700 for a body that is no JSON-RPC message.
            Err(e) if self.options.dialect == HttpDialect::TypeScript => {
                let message = if e.error.code == ErrorCode::PARSE_ERROR {
                    "Parse error: Invalid JSON"
                } else {
                    "Parse error: Invalid JSON-RPC message"
                };
                Err(reply::error(StatusCode::BAD_REQUEST, ErrorCode::PARSE_ERROR, message).into())
            }
            Err(e) => Err(reply::json(StatusCode::BAD_REQUEST, &Message::Error(e)).into()),
            Ok(Parsed::Single(m)) => Ok(Inbox {
                messages: vec![m],
                origin: None,
                errors: Vec::new(),
                batch: false,
            }),
            Ok(Parsed::Batch(items)) => {
                let mut inbox = Inbox {
                    messages: Vec::with_capacity(items.len()),
                    origin: None,
                    errors: Vec::new(),
                    batch: true,
                };
                for item in items {
                    match item {
                        Ok(m) => inbox.messages.push(m),
                        Err(e) => inbox.errors.push(Message::Error(e)),
                    }
                }
                Ok(inbox)
            }
        }
    }
}

enum Endpoint {
    Streamable,
    LegacyStream,
    LegacyMessages,
}

/// A request refused before its messages were dispatched: the answer to send.
type Refused = Box<Response<HttpBody>>;

/// The messages of one POST body.
struct Inbox {
    messages: Vec<Message>,
    /// The head of the request that carried them ([`Session::set_origin`]).
    origin: Option<Origin>,
    /// Answers to malformed elements of a batch.
    errors: Vec<Message>,
    batch: bool,
}

/// `path` is `endpoint`, ignoring a trailing `/` on either.
fn same_path(path: &str, endpoint: &str) -> bool {
    !endpoint.is_empty() && path.trim_end_matches('/') == endpoint.trim_end_matches('/')
}

/// A batch is refused unless the revision has them (2025-03-26 only); the TypeScript SDK takes
/// them at every revision.
fn batch_refused(dialect: HttpDialect, revision: Option<Revision>) -> Option<Response<HttpBody>> {
    (dialect == HttpDialect::Python && revision != Some(Revision::V2025_03_26)).then(batch_refusal)
}

fn batch_refusal() -> Response<HttpBody> {
    reply::error(
        StatusCode::BAD_REQUEST,
        ErrorCode::INVALID_REQUEST,
        "Invalid request: JSON-RPC batches are only accepted with protocol version 2025-03-26",
    )
}
