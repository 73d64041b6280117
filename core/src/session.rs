//! Per-connection state: lifecycle phase, negotiated revision, what the client told us about
//! itself, its log level and subscriptions, requests in flight (for cancellation) and requests
//! the server sent to the client (sampling, elicitation, roots).
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle>

use futures::channel::oneshot;
use serde_json::{Map, Value, json};
use std::collections::HashSet;

use crate::FastMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

use crate::error::ErrorData;
use crate::jsonrpc::{Message, Request, RequestId};
use crate::protocol::{LogLevel, Revision, methods};

/// What carried a client's message, as its transport describes it for handlers that read it
/// (Streamable HTTP and the legacy transport: the request's `http::request::Parts`, whose
/// extensions hold what a host framework attached); bindings downcast it.
pub type Origin = Arc<dyn std::any::Any + Send + Sync>;

/// How a session holds what carried its latest message.
enum OriginRef {
    Held(Origin),
    Lent(std::sync::Weak<dyn std::any::Any + Send + Sync>),
}

/// Which stream an outgoing message belongs on. Over stdio there is one stream; Streamable HTTP
/// sends what a handler emits while serving a POST on that POST's response stream, and the rest
/// on the session's standalone (GET) stream.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// Emitted while serving the request with this id.
    Request(RequestId),
    /// Not tied to a request (list changes, resource updates, messages sent between requests).
    Standalone,
}

/// Where a session's outgoing messages go. Transports implement it; it must not block long.
pub trait Outbound: Send + Sync {
    /// Queues one message for the peer, on the stream `route` names.
    fn send(&self, message: Message, route: &Route);

    /// Ends the stream the client holds for `route` without ending what it carries, so that
    /// the client reconnects and resumes it (SSE polling, SEP-1699). Whether the transport can
    /// (a resumable HTTP stream the client knows how to resume); by default it cannot.
    fn close_stream(&self, _route: &Route) -> bool {
        false
    }

    /// Whether [`Self::close_stream`] can end the stream of `route`.
    fn can_close_stream(&self, _route: &Route) -> bool {
        false
    }
}

/// Where the session is in the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No `initialize` yet.
    New,
    /// `initialize` answered; waiting for `notifications/initialized`.
    Initializing,
    /// Fully initialized.
    Ready,
    /// The connection closed.
    Closed,
}

#[derive(Debug)]
struct State {
    phase: Phase,
    protocol_version: Option<Revision>,
    client_info: Value,
    client_capabilities: Value,
    log_level: Option<LogLevel>,
    subscriptions: HashSet<String>,
}

type Reply = Result<Value, ErrorData>;

/// One client connection's state.
pub struct Session {
    /// The session's token bucket, once a rate limit applies ([`crate::guards`]).
    pub(crate) bucket: Mutex<Option<crate::guards::Bucket>>,
    state: Mutex<State>,
    in_flight: Mutex<FastMap<RequestId, CancellationToken>>,
    outgoing: Mutex<FastMap<RequestId, oneshot::Sender<Reply>>>,
    next_id: AtomicI64,
    /// Set where several processes serve the session: their request ids must differ.
    id_prefix: std::sync::OnceLock<Box<str>>,
    outbound: Box<dyn Outbound>,
    /// The access token the client's latest request was authorized with (its JSON), when the
    /// transport checks bearer tokens.
    auth: Mutex<Option<Arc<Value>>>,
    /// What carried the client's latest message (HTTP: that request's head), held for as long
    /// as its transport holds it ([`Session::lend_origin`]) or for the session's life.
    origin: Mutex<Option<OriginRef>>,
    /// The registry's elements this session sees otherwise than the server decides.
    visibility: Mutex<Option<Arc<crate::registry::Visibility>>>,
    /// The server's open listens: where the changes this session announces go (2026-07-28).
    hub: std::sync::OnceLock<Arc<crate::listen::Listeners>>,
    /// Set for a session that serves one sessionless request (HTTP): whatever it carries is
    /// served as the sessionless revision.
    sessionless: AtomicBool,
    /// Whether the revision in force is a sessionless one: read on every message, so kept out
    /// of the state lock (set wherever the revision is).
    modern: AtomicBool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A new session whose outgoing messages go to `outbound`.
    pub fn new(outbound: Box<dyn Outbound>) -> Self {
        Self {
            bucket: Mutex::new(None),
            state: Mutex::new(State {
                phase: Phase::New,
                protocol_version: None,
                client_info: Value::Null,
                client_capabilities: Value::Null,
                log_level: None,
                subscriptions: HashSet::new(),
            }),
            in_flight: Mutex::new(FastMap::default()),
            outgoing: Mutex::new(FastMap::default()),
            next_id: AtomicI64::new(0),
            id_prefix: std::sync::OnceLock::new(),
            outbound,
            auth: Mutex::new(None),
            origin: Mutex::new(None),
            visibility: Mutex::new(None),
            hub: std::sync::OnceLock::new(),
            sessionless: AtomicBool::new(false),
            modern: AtomicBool::new(false),
        }
    }

    /// Makes the session serve only sessionless requests (what HTTP's sessionless entry does:
    /// there, `initialize` is a removed method like any other).
    pub fn serve_sessionless(&self) {
        self.sessionless.store(true, Ordering::Relaxed);
    }

    /// Whether [`Self::serve_sessionless`] was called.
    pub fn sessionless_only(&self) -> bool {
        self.sessionless.load(Ordering::Relaxed)
    }

    pub(crate) fn attach_hub(&self, hub: &Arc<crate::listen::Listeners>) {
        if self.hub.get().is_none() {
            let _ = self.hub.set(hub.clone());
        }
    }

    /// True when the session speaks the sessionless revision (2026-07-28).
    pub fn is_modern(&self) -> bool {
        self.modern.load(Ordering::Acquire)
    }

    fn set_revision(&self, s: &mut State, revision: Option<Revision>) {
        s.protocol_version = revision;
        self.modern
            .store(revision.is_some_and(Revision::is_modern), Ordering::Release);
    }

    /// Takes what a sessionless request's envelope says: the session speaks its revision, and
    /// its capabilities, client info and log level are the ones in force.
    pub(crate) fn take_envelope(&self, e: crate::era::Envelope) {
        let mut s = self.state();
        s.phase = Phase::Ready;
        self.set_revision(&mut s, Some(e.revision));
        s.client_info = e.client_info;
        s.client_capabilities = e.capabilities;
        s.log_level = e.log_level;
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The lifecycle phase.
    pub fn phase(&self) -> Phase {
        self.state().phase
    }

    pub(crate) fn set_phase(&self, phase: Phase) {
        self.state().phase = phase;
    }

    pub(crate) fn initialize(&self, version: Revision, client_info: Value, caps: Value) {
        let mut s = self.state();
        s.phase = Phase::Initializing;
        self.set_revision(&mut s, Some(version));
        s.client_info = client_info;
        s.client_capabilities = caps;
    }

    /// The negotiated protocol revision, once `initialize` was answered.
    pub fn protocol_version(&self) -> Option<Revision> {
        self.state().protocol_version
    }

    /// A session that needs no `initialize`: what stateless HTTP serves each request with.
    pub fn initialized(outbound: Box<dyn Outbound>, version: Revision) -> Self {
        let s = Self::new(outbound);
        s.initialize(version, Value::Null, json!({}));
        s.set_phase(Phase::Ready);
        s
    }

    /// The `clientInfo` the client sent (`null` before `initialize`).
    pub fn client_info(&self) -> Value {
        self.state().client_info.clone()
    }

    /// The capabilities the client declared (`null` before `initialize`).
    pub fn client_capabilities(&self) -> Value {
        self.state().client_capabilities.clone()
    }

    /// True when the client declared `capability` (e.g. `"sampling"`, `"elicitation"`, `"roots"`).
    pub fn client_supports(&self, capability: &str) -> bool {
        self.state()
            .client_capabilities
            .get(capability)
            .is_some_and(|v| !v.is_null())
    }

    pub(crate) fn set_log_level(&self, level: LogLevel) {
        self.state().log_level = Some(level);
    }

    /// The minimum level the client asked for with `logging/setLevel`, if it did.
    pub fn log_level(&self) -> Option<LogLevel> {
        self.state().log_level
    }

    pub(crate) fn subscribe(&self, uri: &str, on: bool) {
        let mut s = self.state();
        if on {
            s.subscriptions.insert(uri.to_owned());
        } else {
            s.subscriptions.remove(uri);
        }
    }

    /// True when the client subscribed to `uri`.
    pub fn is_subscribed(&self, uri: &str) -> bool {
        self.state().subscriptions.contains(uri)
    }

    /// Records the access token the client's latest request was authorized with, as JSON
    /// (`token`, `client_id`, `scopes`, `expires_at`, `resource`, `subject`, `claims`): what
    /// handlers of the session's requests see as the caller's token.
    pub fn set_auth(&self, token: Option<Arc<Value>>) {
        *self.auth.lock().unwrap_or_else(|p| p.into_inner()) = token;
    }

    /// The access token the client's latest request was authorized with, if the transport
    /// checked one.
    pub fn auth(&self) -> Option<Arc<Value>> {
        self.auth.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Records what carried the client's latest message, for the session's life (a session
    /// that serves one request): requests dispatched from now on see it in their
    /// [`crate::RequestContext::origin`].
    pub fn set_origin(&self, origin: Option<Origin>) {
        *self.origin.lock().unwrap_or_else(|p| p.into_inner()) = origin.map(OriginRef::Held);
    }

    /// Records what carried the client's latest message while the caller keeps it alive: the
    /// transport holds it until its messages are dispatched (each request's context keeps its
    /// own), so an idle session does not keep the last request's head and the read buffer its
    /// headers point into.
    pub fn lend_origin(&self, origin: &Origin) {
        *self.origin.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(OriginRef::Lent(Arc::downgrade(origin)));
    }

    /// What carried the client's latest message, if the transport says and still holds it.
    pub fn origin(&self) -> Option<Origin> {
        match self
            .origin
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()?
        {
            OriginRef::Held(o) => Some(o.clone()),
            OriginRef::Lent(w) => w.upgrade(),
        }
    }

    /// Shows or hides registry elements to this session alone, over what the server decides
    /// ([`crate::registry::Registry::set_hidden`]); `None`: as the server decides.
    pub fn set_visibility(&self, v: Option<crate::registry::Visibility>) {
        *self.visibility.lock().unwrap_or_else(|p| p.into_inner()) =
            v.filter(|v| !v.is_empty()).map(Arc::new);
    }

    /// What this session sees otherwise than the server decides, if anything.
    pub fn visibility(&self) -> Option<Arc<crate::registry::Visibility>> {
        self.visibility
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Sends a message to the peer as is.
    pub fn send(&self, message: Message, route: &Route) {
        self.outbound.send(message, route);
    }

    /// Ends the client's connection to the stream of `route`; what the stream carries next is
    /// kept for the client to resume. Whether the transport could (see [`Outbound::close_stream`]).
    pub fn close_stream(&self, route: &Route) -> bool {
        self.outbound.close_stream(route)
    }

    /// Whether [`Self::close_stream`] works for `route` on this session's transport.
    pub fn can_close_stream(&self, route: &Route) -> bool {
        self.outbound.can_close_stream(route)
    }

    /// Sends a notification.
    /// Changes (list changes, resource updates) also reach the server's open listens; a
    /// sessionless session sends them nowhere else.
    pub fn notify(&self, route: &Route, method: &str, params: Option<Value>) {
        if let Some(change) = crate::listen::Change::of(method, params.as_ref()) {
            if let Some(hub) = self.hub.get() {
                hub.publish(&change);
            }
            if self.is_modern() {
                return;
            }
        }
        self.outbound
            .send(Message::notification(method, params), route);
    }

    /// Sends `notifications/message` unless the client asked for a higher minimum level.
    /// Returns whether it was sent.
    pub fn log(
        &self,
        route: &Route,
        level: LogLevel,
        level_name: &str,
        data: Value,
        logger: Option<&str>,
    ) -> bool {
        let (min, modern) = (self.log_level(), self.is_modern());
        // Sessionless requests get logs only when their envelope asks for a level.
        if min.is_some_and(|min| level < min) || (modern && min.is_none()) {
            return false;
        }
        let mut p = Map::new();
        p.insert("level".into(), Value::from(level_name));
        if let Some(l) = logger {
            p.insert("logger".into(), Value::from(l));
        }
        p.insert("data".into(), data);
        self.notify(route, methods::MESSAGE, Some(Value::Object(p)));
        true
    }

    /// Sends `notifications/progress` for `token`.
    pub fn progress(
        &self,
        route: &Route,
        token: Value,
        progress: f64,
        total: Option<f64>,
        message: Option<&str>,
    ) {
        let mut p = Map::new();
        p.insert("progressToken".into(), token);
        p.insert("progress".into(), json!(progress));
        if let Some(t) = total {
            p.insert("total".into(), json!(t));
        }
        if let Some(m) = message {
            p.insert("message".into(), Value::from(m));
        }
        self.notify(route, methods::PROGRESS, Some(Value::Object(p)));
    }

    /// Sends `notifications/resources/updated` if the client subscribed to `uri`.
    /// Returns whether it was sent.
    pub fn resource_updated(&self, uri: &str) -> bool {
        if let Some(hub) = self.hub.get() {
            hub.publish(&crate::listen::Change::Resource(uri.to_owned()));
        }
        if !self.is_subscribed(uri) || self.is_modern() {
            return false;
        }
        self.notify(
            &Route::Standalone,
            methods::RESOURCES_UPDATED,
            Some(json!({"uri": uri})),
        );
        true
    }

    /// Sends a request to the client; the future resolves with its result or error.
    pub fn request(
        &self,
        route: &Route,
        method: &str,
        params: Option<Value>,
    ) -> impl Future<Output = Reply> + Send + 'static {
        let id = RequestId::String(format!(
            "ferromcp-{}{}",
            self.id_prefix.get().map_or("", |p| p),
            self.next_id.fetch_add(1, Ordering::Relaxed)
        ));
        let (tx, rx) = oneshot::channel();
        let closed = self.phase() == Phase::Closed;
        // A sessionless client cannot be asked anything: it answers input-required results.
        let modern = self.is_modern().then(|| {
            ErrorData::new(
                crate::error::ErrorCode::INVALID_REQUEST,
                format!(
                    "Cannot send '{method}': this transport context has no back-channel for \
                     server-initiated requests."
                ),
            )
        });
        if !closed && modern.is_none() {
            self.outgoing
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(id.clone(), tx);
            self.outbound.send(
                Message::Request(Request {
                    id,
                    method: method.to_owned(),
                    params,
                }),
                route,
            );
        }
        async move {
            if let Some(e) = modern {
                return Err(e);
            }
            if closed {
                return Err(connection_closed());
            }
            rx.await.unwrap_or_else(|_| Err(connection_closed()))
        }
    }

    /// Routes a response from the client to the request that is waiting for it.
    /// Returns false when no request was waiting for that id.
    pub(crate) fn resolve(&self, id: &RequestId, reply: Reply) -> bool {
        let tx = self
            .outgoing
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
        match tx {
            Some(tx) => {
                let _ = tx.send(reply);
                true
            }
            None => false,
        }
    }

    /// Registers a request in flight; its token fires on `notifications/cancelled` or close.
    /// `None` when a request with the same id is already in flight: ids must be unique among a
    /// session's requests in flight, or cancellation and answers could not tell them apart.
    pub(crate) fn begin(&self, id: &RequestId) -> Option<CancellationToken> {
        use std::collections::hash_map::Entry;
        let mut map = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
        match map.entry(id.clone()) {
            Entry::Occupied(_) => None,
            Entry::Vacant(v) => Some(v.insert(CancellationToken::new()).clone()),
        }
    }

    pub(crate) fn end(&self, id: &RequestId) {
        self.in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
    }

    /// Cancels the request in flight with `id`. Returns whether one was running.
    pub(crate) fn cancel(&self, id: &RequestId) -> bool {
        match self
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
        {
            Some(t) => {
                t.cancel();
                true
            }
            None => false,
        }
    }

    /// Whether the server waits for the client's answer to its request `id`.
    pub fn awaits(&self, id: &RequestId) -> bool {
        self.outgoing
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(id)
    }

    /// Whether the client's request `id` is being served.
    pub fn serves(&self, id: &RequestId) -> bool {
        self.in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(id)
    }

    /// Makes the ids of the requests this session sends start with `prefix` (once): where
    /// several processes serve one session, each answer must find the process that asked.
    pub fn set_request_prefix(&self, prefix: &str) {
        let _ = self.id_prefix.set(prefix.into());
    }

    /// What another process needs to serve this session: phase, revision, what the client
    /// said of itself, its log level and subscriptions.
    pub fn snapshot(&self) -> Value {
        let s = self.state();
        let mut subscriptions: Vec<&String> = s.subscriptions.iter().collect();
        subscriptions.sort();
        json!({
            "phase": match s.phase {
                Phase::New => "new",
                Phase::Initializing => "initializing",
                Phase::Ready => "ready",
                Phase::Closed => "closed",
            },
            "protocolVersion": s.protocol_version.map(Revision::as_str),
            "clientInfo": s.client_info,
            "clientCapabilities": s.client_capabilities,
            "logLevel": s.log_level.map(LogLevel::as_str),
            "subscriptions": subscriptions,
        })
    }

    /// Takes the state a [`Self::snapshot`] holds (another process changed it).
    pub fn restore(&self, snapshot: &Value) {
        let mut s = self.state();
        if s.phase == Phase::Closed {
            return;
        }
        s.phase = match snapshot["phase"].as_str() {
            Some("initializing") => Phase::Initializing,
            Some("ready") => Phase::Ready,
            Some("closed") => Phase::Closed,
            _ => Phase::New,
        };
        let revision = snapshot["protocolVersion"]
            .as_str()
            .and_then(Revision::parse_any);
        self.set_revision(&mut s, revision);
        s.client_info = snapshot["clientInfo"].clone();
        s.client_capabilities = snapshot["clientCapabilities"].clone();
        s.log_level = snapshot["logLevel"].as_str().and_then(LogLevel::parse);
        s.subscriptions = snapshot["subscriptions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
    }

    /// Number of requests in flight.
    pub fn in_flight(&self) -> usize {
        self.in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }

    /// Marks the session closed: cancels every request in flight and fails every request the
    /// server is waiting on.
    pub fn close(&self) {
        self.set_phase(Phase::Closed);
        let running: Vec<_> = self
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain()
            .collect();
        for (_, t) in running {
            t.cancel();
        }
        let waiting: Vec<_> = self
            .outgoing
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain()
            .collect();
        for (_, tx) in waiting {
            let _ = tx.send(Err(connection_closed()));
        }
    }
}

fn connection_closed() -> ErrorData {
    ErrorData::new(
        crate::error::ErrorCode::CONNECTION_CLOSED,
        "Connection closed",
    )
}
