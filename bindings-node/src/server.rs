//! A connection to the core, as the JS layer drives it: bytes (or whole messages) in, answers
//! out through the connection's sink, handlers called back on the JS thread.

use napi::bindgen_prelude::{Buffer, FnArgs, Function, FunctionRef, ObjectFinalize};
use napi::{Env, Error, Result};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, OnceLock, Weak};

use ferromcp_core::connection::Dispatch;
use ferromcp_core::driver::Host;
use ferromcp_core::handler::HandlerError;
use ferromcp_core::protocol::LogLevel;
use ferromcp_core::registry::{DefinitionPart, Kind, MakeDefinition, Registry};
use ferromcp_core::server::Server;
use ferromcp_core::server::ServerBuilder;
use ferromcp_core::{
    Connection as CoreConnection, Message, Outbound, Route, ServerOptions, Session,
};

use crate::convert::{parse, parse_opt};
use crate::handler::{Calls, JsHandler, JsNotificationHandler};
use crate::http::Http;
use crate::runtime::{EnvScope, Executor, NodeHost, NodeSink, Remote, executor, with_env};

/// A registry kind by its list's name: tools, resources, resourceTemplates, prompts.
fn kind(name: &str) -> Result<Kind> {
    Ok(match name {
        "tools" => Kind::Tools,
        "resources" => Kind::Resources,
        "resourceTemplates" => Kind::ResourceTemplates,
        "prompts" => Kind::Prompts,
        _ => return Err(Error::from_reason(format!("unknown kind {name:?}"))),
    })
}

/// What handlers send while they run goes out at once (one stream: the route only matters to
/// transports with several).
struct NodeOutbound {
    exec: Weak<Executor>,
}

impl Outbound for NodeOutbound {
    fn send(&self, message: Message, _route: &Route) {
        if let Some(exec) = self.exec.upgrade() {
            exec.send(message);
        }
    }
}

fn registration_error(e: ferromcp_core::Error) -> Error {
    Error::from_reason(e.to_string())
}

/// A tool's definition made by the script's `complete(part)` (see [`Connection::add_tool`]):
/// `"whole"` or `"inputSchema"`. The core lists tools on the JS thread, inside a native call.
fn deferred_definition(complete: FunctionRef<String, String>) -> MakeDefinition {
    Box::new(move |part| {
        let part = match part {
            DefinitionPart::Whole => "whole",
            DefinitionPart::InputSchema => "inputSchema",
        };
        let text = with_env(|env| {
            complete
                .borrow_back(env)
                .and_then(|f| f.call(part.to_owned()))
        })
        .ok_or("a tool's definition is made on the JS thread")?
        .map_err(|e| e.reason.clone())?;
        let mut answer: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        match (answer.get_mut("ok").map(Value::take), answer.get("error")) {
            (Some(made @ Value::Object(_)), _) => Ok(made),
            (_, Some(Value::String(message))) => Err(message.clone()),
            _ => Err(format!("a tool's definition is not an object: {text}")),
        }
    })
}

/// What an open connection holds natively (its server, registry, sessions, HTTP service), told
/// to V8 while it is open: V8 sees only the small JS object, and would otherwise run a stateful
/// server's thousands of sessions without counting them.
const NATIVE_SIZE: i64 = 32 * 1024;

/// A server's connection to one client, served on the JS thread. Closing it lets go of all it
/// holds at once: a stateless HTTP server makes one per request, and V8 frees the JS object only
/// when it next collects its old objects.
#[napi(custom_finalize)]
pub struct Connection {
    open: RefCell<Option<Rc<Open>>>,
}

/// What a connection holds until it closes.
pub(crate) struct Open {
    conn: CoreConnection,
    pub(crate) server: Arc<Server>,
    calls: Arc<Calls>,
    pub(crate) exec: Arc<Executor>,
    /// Set once the connection serves HTTP ([`Connection::serve_http`]).
    pub(crate) http: OnceLock<Http>,
    registry: Option<Arc<Registry>>,
    reply: Arc<ReplyFn>,
}

/// `reply(id, ok, json)`: a client's answer to a request the script sent.
type ReplyFn = FunctionRef<FnArgs<(u32, bool, String)>, ()>;

#[napi]
impl Connection {
    /// `options`: the server's options as JSON ([`ServerOptions::from_json`]); `methods` and
    /// `notifications`: what the script handles, by position; `registry`: the kinds (tools,
    /// resources, resourceTemplates, prompts) served from elements registered with `addTool`
    /// & co. Callbacks: `invoke(handler, token, params, id)`, `notify(handler, method,
    /// params)`, `wake()` (queue a microtask calling `drain`; other threads wake the JS thread
    /// through its [`Remote`]), `abort(tokens)`, `reply(token, ok, json)` (answers to
    /// `request`), and `write(buffer)` for output the script carries itself (else `outFd` is
    /// written).
    #[napi(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        env: Env,
        options: String,
        methods: Vec<String>,
        notifications: Vec<String>,
        registry: Option<Vec<String>>,
        invoke: Function<FnArgs<(u32, u32, String, String)>, ()>,
        notify: Function<FnArgs<(u32, String, String)>, ()>,
        wake: Function<(), ()>,
        abort: Function<Vec<u32>, ()>,
        reply: Function<FnArgs<(u32, bool, String)>, ()>,
        write: Option<Function<Buffer, ()>>,
        out_fd: i32,
    ) -> Result<Self> {
        let _scope = EnvScope::enter(&env);
        let options = ServerOptions::from_json(&parse(&options)?).map_err(Error::from_reason)?;
        let sink = match write {
            Some(w) => NodeSink::Js(w.create_ref()?),
            None if out_fd < 0 => NodeSink::Null,
            None => NodeSink::fd(out_fd).map_err(|e| Error::from_reason(e.to_string()))?,
        };
        let host = NodeHost::new(
            sink,
            wake.create_ref()?,
            Remote::here(&env)?,
            abort.create_ref()?,
        );
        let exec = executor(host);
        let calls = Arc::new(Calls::new(invoke.create_ref()?, notify.create_ref()?));
        calls.bind(&exec);
        // The script's request handlers are set on the low-level server (an `McpServer`'s own
        // tools, resources and prompts are the registry's): they answer by its rules.
        let low_level = options.policy.low_level();
        let mut b = ServerBuilder::new(options);
        for (i, m) in methods.into_iter().enumerate() {
            let h = JsHandler {
                calls: calls.clone(),
                index: i as u32,
            };
            b = b.handler_with(m, Arc::new(h), low_level);
        }
        for (i, m) in notifications.into_iter().enumerate() {
            let h = JsNotificationHandler {
                calls: calls.clone(),
                index: i as u32,
                method: m.clone(),
            };
            b = b.notification(m, Arc::new(h));
        }
        let registry = match registry {
            None => None,
            Some(kinds) => {
                let kinds = kinds.iter().map(|k| kind(k)).collect::<Result<Vec<_>>>()?;
                Some(Arc::new(Registry::new(None).serving(kinds)))
            }
        };
        if let Some(r) = &registry {
            b = b.registry(r.clone());
        }
        let server = b.build();
        let conn = CoreConnection::new(
            server.clone(),
            Box::new(NodeOutbound {
                exec: Arc::downgrade(&exec),
            }),
        );
        let reply = Arc::new(reply.create_ref()?);
        env.adjust_external_memory(NATIVE_SIZE)?;
        let open = Open {
            conn,
            server,
            calls,
            exec,
            http: OnceLock::new(),
            registry,
            reply,
        };
        Ok(Self {
            open: RefCell::new(Some(Rc::new(open))),
        })
    }

    /// Bytes of the newline-delimited input: every complete message is dispatched, and the
    /// answers ready when this returns are written in one go.
    #[napi]
    pub fn feed(&self, env: Env, data: &[u8]) {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return };
        o.exec.enter(|| {
            let mut out = Vec::new();
            o.conn.feed(data, &mut out);
            o.start(out);
        });
    }

    /// One whole message (a transport that frames messages itself).
    #[napi]
    pub fn receive(&self, env: Env, message: String) {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return };
        o.exec.enter(|| {
            let d = o.conn.receive(message.as_bytes());
            o.start(vec![d]);
        });
    }

    /// The input ended: a last message without its newline is still answered.
    #[napi]
    pub fn end(&self, env: Env) {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return };
        o.exec.enter(|| {
            let mut out = Vec::new();
            o.conn.finish(&mut out);
            o.start(out);
        });
    }

    /// Runs what was woken (the `wake` callback's microtask calls this).
    #[napi]
    pub fn drain(&self, env: Env) {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return };
        o.exec.run_scheduled();
    }

    /// Requests still being served.
    #[napi(getter)]
    pub fn pending(&self) -> u32 {
        self.open().map_or(0, |o| o.exec.pending() as u32)
    }

    /// Whether the client closed its end of the output (or this connection closed).
    #[napi(getter)]
    pub fn output_closed(&self) -> bool {
        self.open().is_none_or(|o| o.exec.host().output_closed())
    }

    /// Stops serving: requests in flight are cancelled (their signals abort), and what the
    /// connection held is let go (what runs still holds what it needs).
    #[napi]
    pub fn close(&self, env: Env) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open.borrow_mut().take() else {
            return Ok(());
        };
        o.conn.close();
        o.exec.enter(|| ());
        o.exec.clear();
        o.exec.host().settle();
        env.adjust_external_memory(-NATIVE_SIZE)?;
        Ok(())
    }

    /// Announces a change to the server's open `subscriptions/listen` streams (2026-07-28):
    /// `kind` is `tools`, `prompts`, `resources`, or `resource` with its `uri`.
    #[napi]
    pub fn publish(&self, env: Env, kind: String, uri: Option<String>) -> Result<()> {
        use ferromcp_core::listen::Change;
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return Ok(()) };
        let change = match (kind.as_str(), uri) {
            ("tools", _) => Change::Tools,
            ("prompts", _) => Change::Prompts,
            ("resources", _) => Change::Resources,
            ("resource", Some(uri)) => Change::Resource(uri),
            _ => return Err(Error::from_reason(format!("unknown change {kind:?}"))),
        };
        o.exec.enter(|| o.server.publish(&change));
        Ok(())
    }

    /// A handler's value (JSON text) for `token`.
    #[napi]
    pub fn resolve(&self, env: Env, token: u32, result: String) {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return };
        let r = match parse(&result) {
            Ok(v @ Value::Object(_)) => Ok(v.into()),
            Ok(_) => Err(HandlerError::failed("a handler must return an object")),
            Err(e) => Err(HandlerError::failed(e.reason)),
        };
        o.settle(token, r);
    }

    /// What a handler threw for `token`: its prototype chain's names, its message, and the
    /// code (and data, as JSON) of an error that has an integer `code`.
    #[napi]
    pub fn reject(
        &self,
        env: Env,
        token: u32,
        classes: Vec<String>,
        message: String,
        code: Option<i64>,
        data: Option<String>,
    ) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return Ok(()) };
        let data = parse_opt(data)?;
        o.settle(
            token,
            Err(crate::error::raised(classes, message, code, data)),
        );
        Ok(())
    }

    /// Ends the client's hold on a resumable SSE stream (it reconnects with `Last-Event-ID` and
    /// misses nothing): the stream of the request `token` serves, of `requestId` (JSON) in
    /// session `sessionId`, or the standalone one. Whether it could.
    #[napi]
    pub fn close_stream(
        &self,
        token: Option<u32>,
        standalone: bool,
        session_id: Option<String>,
        request_id: Option<String>,
    ) -> Result<bool> {
        let Some(o) = self.open() else {
            return Ok(false);
        };
        let (session, route) = o.stream(token, standalone, session_id, request_id)?;
        Ok(session.close_stream(&route))
    }

    /// Whether [`Self::close_stream`] would work for the same arguments.
    #[napi]
    pub fn can_close_stream(
        &self,
        token: Option<u32>,
        standalone: bool,
        session_id: Option<String>,
        request_id: Option<String>,
    ) -> Result<bool> {
        let Some(o) = self.open() else {
            return Ok(false);
        };
        let (session, route) = o.stream(token, standalone, session_id, request_id)?;
        Ok(session.can_close_stream(&route))
    }

    /// Sends a notification, on the stream of the request `token` serves (none: outside one).
    #[napi]
    pub fn notify(
        &self,
        env: Env,
        token: Option<u32>,
        method: String,
        params: Option<String>,
        session_id: Option<String>,
    ) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return Ok(()) };
        let params = parse_opt(params)?;
        let (session, route) = o.target(token, session_id.as_deref());
        o.exec.enter(|| session.notify(&route, &method, params));
        Ok(())
    }

    /// Sends `notifications/message` unless the client's level filters it; returns whether it
    /// was sent.
    #[napi]
    pub fn log(
        &self,
        env: Env,
        token: Option<u32>,
        level: String,
        data: String,
        logger: Option<String>,
        session_id: Option<String>,
    ) -> Result<bool> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else {
            return Ok(false);
        };
        let lv = LogLevel::parse(&level)
            .ok_or_else(|| Error::from_reason(format!("unknown log level {level:?}")))?;
        let data = parse(&data)?;
        let (session, route) = o.target(token, session_id.as_deref());
        Ok(o.exec
            .enter(|| session.log(&route, lv, &level, data, logger.as_deref())))
    }

    /// Sends a request to the client; its answer comes back through `reply(id, ok, json)`.
    #[napi]
    pub fn request(
        &self,
        env: Env,
        token: Option<u32>,
        id: u32,
        method: String,
        params: Option<String>,
        session_id: Option<String>,
    ) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let o = self.live()?;
        let params = parse_opt(params)?;
        let (session, route) = o.target(token, session_id.as_deref());
        let answer = session.request(&route, &method, params);
        let reply = o.reply.clone();
        o.exec.enter(|| {
            o.exec.spawn(Box::pin(async move {
                let (ok, json) = match answer.await {
                    Ok(v) => (true, v.to_string()),
                    Err(e) => (false, serde_json::to_string(&e).unwrap_or_default()),
                };
                let called = with_env(|env| {
                    reply
                        .borrow_back(env)
                        .and_then(|f| f.call((id, ok, json).into()))
                });
                if let Some(Err(e)) = called {
                    tracing::warn!("delivering a client's answer failed: {e}");
                }
                None
            }))
        });
        Ok(())
    }

    /// What the client sent in `initialize` (`protocolVersion`, `capabilities`, `clientInfo`),
    /// as JSON.
    #[napi]
    pub fn client(&self, session_id: Option<String>) -> Result<String> {
        let (s, _) = self.live()?.target(None, session_id.as_deref());
        Ok(serde_json::json!({
            "protocolVersion": s.protocol_version().map(|v| v.as_str()),
            "capabilities": s.client_capabilities(),
            "clientInfo": s.client_info(),
        })
        .to_string())
    }

    /// Whether the client subscribed to `uri`.
    #[napi]
    pub fn is_subscribed(&self, uri: String, session_id: Option<String>) -> bool {
        let Some(o) = self.open() else { return false };
        o.target(None, session_id.as_deref()).0.is_subscribed(&uri)
    }

    /// Registers a tool served by handler `handler`: its schemas compiled now and checked by
    /// the core (`validate`), or checked by the script's own schema library. `complete`, for a
    /// tool the script checks, makes its whole definition when it is first listed
    /// (`definition` then holds what serving calls needs), or its input schema alone
    /// (`complete("inputSchema")`, for a 2026-07-28 call's parameter headers): it returns JSON,
    /// `{"ok": made}` or `{"error": message}` (the listing's error, -32603).
    #[napi]
    pub fn add_tool(
        &self,
        definition: String,
        handler: u32,
        validate: bool,
        complete: Option<Function<String, String>>,
    ) -> Result<()> {
        let o = self.live()?;
        let r = o.registry()?;
        let h = o.handler(handler);
        let def = parse(&definition)?;
        match complete {
            _ if validate => r.add_tool(def, false, h),
            None => r.add_tool_unchecked(def, h),
            Some(f) => r.add_tool_deferred(def, h, deferred_definition(f.create_ref()?)),
        }
        .map_err(registration_error)
    }

    /// Registers a resource (`uri`) or a resource template (`uriTemplate`).
    #[napi]
    pub fn add_resource(&self, definition: String, handler: u32) -> Result<()> {
        let o = self.live()?;
        o.registry()?
            .add_resource(parse(&definition)?, o.handler(handler))
            .map_err(registration_error)
    }

    /// Registers a prompt.
    #[napi]
    pub fn add_prompt(&self, definition: String, handler: u32) -> Result<()> {
        let o = self.live()?;
        o.registry()?
            .add_prompt(parse(&definition)?, o.handler(handler))
            .map_err(registration_error)
    }

    /// Removes a registered element (`kind`: tools, resources, resourceTemplates, prompts).
    #[napi]
    pub fn remove(&self, kind_name: String, key: String) -> Result<bool> {
        let o = self.live()?;
        Ok(o.registry()?.remove(kind(&kind_name)?, &key))
    }

    /// Lists a registered element, or keeps it out of listings while calls still reach it.
    #[napi]
    pub fn set_listed(&self, kind_name: String, key: String, listed: bool) -> Result<()> {
        let o = self.live()?;
        o.registry()?.set_listed(kind(&kind_name)?, &key, listed);
        Ok(())
    }
}

impl Connection {
    /// What the connection holds, while it is open.
    pub(crate) fn open(&self) -> Option<Rc<Open>> {
        self.open.borrow().clone()
    }

    /// The same, for what a closed connection refuses.
    pub(crate) fn live(&self) -> Result<Rc<Open>> {
        self.open()
            .ok_or_else(|| Error::from_reason("this connection is closed"))
    }
}

impl Open {
    fn start(&self, dispatches: Vec<Dispatch>) {
        let n = dispatches.len();
        for (i, d) in dispatches.into_iter().enumerate() {
            match d {
                Dispatch::Done(Some(m)) => self.exec.host().emit(m),
                Dispatch::Done(None) => {}
                Dispatch::Pending(f) if i + 1 == n => self.exec.spawn_last(f),
                Dispatch::Pending(f) => self.exec.spawn(f),
            }
        }
    }

    /// Settles `token`. When its request is the only one in flight and nothing else is running,
    /// it is answered within this call (no microtask, one write); with others in flight the
    /// answers wait for the drain the wake-up queues, so that a burst leaves in one write.
    fn settle(&self, token: u32, result: ferromcp_core::handler::HandlerResult) {
        if self.exec.outermost() && self.exec.pending() <= 1 {
            self.exec.enter(|| self.calls.settle(token, result));
        } else {
            self.calls.settle(token, result);
        }
    }

    /// The session and stream a message goes to: those of the request `token` serves; outside
    /// a request, the standalone stream of the HTTP session `session_id`, or of stdio's one
    /// session.
    /// The session and the stream `close_stream` means.
    fn stream(
        &self,
        token: Option<u32>,
        standalone: bool,
        session_id: Option<String>,
        request_id: Option<String>,
    ) -> Result<(Arc<Session>, Route)> {
        let (session, route) = self.target(token, session_id.as_deref());
        Ok(if standalone {
            (session, Route::Standalone)
        } else if let Some(id) = request_id {
            let id = match parse(&id)? {
                serde_json::Value::String(s) => ferromcp_core::RequestId::String(s),
                v => ferromcp_core::RequestId::Number(
                    v.as_i64()
                        .ok_or_else(|| Error::from_reason(format!("invalid request id {v}")))?,
                ),
            };
            (session, Route::Request(id))
        } else {
            (session, route)
        })
    }

    fn target(&self, token: Option<u32>, session_id: Option<&str>) -> (Arc<Session>, Route) {
        if let Some(ctx) = token.and_then(|t| self.calls.context(t)) {
            let route = ctx.route();
            return (ctx.session, route);
        }
        let http = self.http.get().zip(session_id);
        if let Some(s) = http.and_then(|(h, id)| h.service.sessions().get(id)) {
            return (s, Route::Standalone);
        }
        (self.conn.session().clone(), Route::Standalone)
    }

    /// The script's handler number `index`.
    fn handler(&self, index: u32) -> Arc<JsHandler> {
        Arc::new(JsHandler {
            calls: self.calls.clone(),
            index,
        })
    }

    fn registry(&self) -> Result<&Arc<Registry>> {
        self.registry
            .as_ref()
            .ok_or_else(|| Error::from_reason("this connection has no registry"))
    }
}

impl ObjectFinalize for Connection {
    fn finalize(self, env: Env) -> Result<()> {
        if self.open.into_inner().is_some() {
            env.adjust_external_memory(-NATIVE_SIZE)?;
        }
        Ok(())
    }
}
