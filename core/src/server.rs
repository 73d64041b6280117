//! Dispatch: method → built-in or handler; result and error shaping. This is the single place
//! that decides which plane an error lands on (style guide §3):
//!
//! | failure | answer |
//! |---|---|
//! | malformed envelope, unknown method, bad params, request before `initialize` | JSON-RPC error |
//! | `tools/call` arguments failing `inputSchema`, handler [`HandlerError::Failed`] | `isError` result |
//! | other methods' [`HandlerError::Failed`], a panic | -32603 |
//! | [`HandlerError::Rpc`] | that error, as is |
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling>

use futures::FutureExt;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, RwLock};

use crate::FastMap;
use crate::connection::Dispatch;
use crate::error::{ErrorCode, ErrorData};
use crate::handler::{
    Handler, HandlerError, HandlerResult, NotificationHandler, Reply, RequestContext,
};
use crate::jsonrpc::{Message, Notification, Request, RequestId};
use crate::protocol::{self, LogLevel, methods};
use crate::registry::{Kind, Registry, ToolEntry as RegisteredTool};
use crate::schema::CompiledSchema;
use crate::session::{Phase, Session};

/// Which list-changed notifications the server announces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListChanged {
    /// `tools.listChanged`.
    pub tools: bool,
    /// `resources.listChanged`.
    pub resources: bool,
    /// `prompts.listChanged`.
    pub prompts: bool,
}

/// Everything configurable about a server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// `serverInfo.name`.
    pub name: String,
    /// `serverInfo.version`.
    pub version: String,
    /// `serverInfo.title`.
    pub title: Option<String>,
    /// `serverInfo.websiteUrl`.
    pub website_url: Option<String>,
    /// `serverInfo.icons`.
    pub icons: Option<Value>,
    /// `instructions` in the `initialize` result.
    pub instructions: Option<String>,
    /// Capabilities to announce as given; when `None` they are derived from the handlers.
    pub capabilities: Option<Value>,
    /// `capabilities.experimental` when capabilities are derived.
    pub experimental: Option<Value>,
    /// List-changed announcements when capabilities are derived.
    pub list_changed: ListChanged,
    /// Whether `tools/call` arguments are validated against the tool's `inputSchema`.
    pub validate_input: bool,
    /// Longest accepted message in bytes.
    pub max_message_size: usize,
    /// Deepest accepted JSON nesting.
    pub max_depth: usize,
    /// Most requests a session may have in flight at once.
    pub max_in_flight: usize,
    /// Error code for `resources/read` of a URI nothing registered serves (-32002 per the
    /// 2025-11-25 specification; `mcp` 1.x answers 0, 2.x -32602).
    pub unknown_resource_code: ErrorCode,
    /// Whether that error carries `{"uri": ...}` as its data.
    pub unknown_resource_data: bool,
    /// Error code for `prompts/get` of an unregistered prompt.
    pub unknown_prompt_code: ErrorCode,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            name: "ferromcp".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            title: None,
            website_url: None,
            icons: None,
            instructions: None,
            capabilities: None,
            experimental: None,
            list_changed: ListChanged::default(),
            validate_input: true,
            max_message_size: 4 * 1024 * 1024,
            max_depth: 64,
            max_in_flight: 4096,
            unknown_resource_code: ErrorCode::RESOURCE_NOT_FOUND,
            unknown_resource_data: true,
            unknown_prompt_code: ErrorCode::INVALID_PARAMS,
        }
    }
}

/// Builds a [`Server`] from options and handlers.
#[derive(Default)]
pub struct ServerBuilder {
    options: ServerOptions,
    registry: Option<Arc<Registry>>,
    handlers: FastMap<String, Arc<dyn Handler>>,
    notifications: FastMap<String, Arc<dyn NotificationHandler>>,
}

impl ServerBuilder {
    /// A builder with `options`.
    pub fn new(options: ServerOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// Serves requests for `method` with `handler` (replacing an earlier one).
    pub fn handler(mut self, method: impl Into<String>, handler: Arc<dyn Handler>) -> Self {
        self.handlers.insert(method.into(), handler);
        self
    }

    /// Calls `handler` for notifications named `method`.
    pub fn notification(
        mut self,
        method: impl Into<String>,
        handler: Arc<dyn NotificationHandler>,
    ) -> Self {
        self.notifications.insert(method.into(), handler);
        self
    }

    /// Serves the tools, resources and prompts in `registry` (for methods without a handler).
    pub fn registry(mut self, registry: Arc<Registry>) -> Self {
        self.registry = Some(registry);
        self
    }

    /// Finishes the server.
    pub fn build(self) -> Arc<Server> {
        let handlers: FastMap<String, (Arc<str>, Arc<dyn Handler>)> = self
            .handlers
            .into_iter()
            .map(|(m, h)| {
                let name: Arc<str> = Arc::from(m.as_str());
                (m, (name, h))
            })
            .collect();
        let logging = handlers.contains_key(methods::LOGGING_SET_LEVEL)
            || self
                .options
                .capabilities
                .as_ref()
                .is_some_and(|c| c.get("logging").is_some_and(|l| !l.is_null()));
        let subscriptions = handlers.contains_key(methods::RESOURCES_SUBSCRIBE)
            || self.options.capabilities.as_ref().is_some_and(|c| {
                c.pointer("/resources/subscribe").and_then(Value::as_bool) == Some(true)
            });
        Arc::new(Server {
            logging,
            subscriptions,
            options: self.options,
            handlers,
            notifications: self.notifications,
            registry: self.registry,
            tools: RwLock::new(FastMap::default()),
        })
    }
}

struct ToolEntry {
    input: Option<CompiledSchema>,
    output: Option<CompiledSchema>,
}

/// A configured server: answers messages for any number of sessions.
pub struct Server {
    options: ServerOptions,
    handlers: FastMap<String, (Arc<str>, Arc<dyn Handler>)>,
    notifications: FastMap<String, Arc<dyn NotificationHandler>>,
    registry: Option<Arc<Registry>>,
    /// Whether `logging/setLevel` is served: the capabilities announce `logging` or a handler
    /// for it is registered.
    logging: bool,
    /// Whether `resources/(un)subscribe` are served: a handler is registered or the capabilities
    /// announce `resources.subscribe`.
    subscriptions: bool,
    /// Tool schemas learned from `tools/list` results, compiled once per distinct schema.
    tools: RwLock<FastMap<String, Arc<ToolEntry>>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Derives the capabilities object from which methods have handlers.
pub fn derive_capabilities(
    has: impl Fn(&str) -> bool,
    list_changed: ListChanged,
    experimental: Option<&Value>,
) -> Value {
    let mut caps = Map::new();
    if let Some(e) = experimental {
        caps.insert("experimental".into(), e.clone());
    }
    if has(methods::LOGGING_SET_LEVEL) {
        caps.insert("logging".into(), json!({}));
    }
    if has(methods::COMPLETION_COMPLETE) {
        caps.insert("completions".into(), json!({}));
    }
    if has(methods::PROMPTS_LIST) || has(methods::PROMPTS_GET) {
        caps.insert(
            "prompts".into(),
            json!({"listChanged": list_changed.prompts}),
        );
    }
    if has(methods::RESOURCES_LIST)
        || has(methods::RESOURCES_READ)
        || has(methods::RESOURCES_TEMPLATES_LIST)
    {
        caps.insert(
            "resources".into(),
            json!({
                "subscribe": has(methods::RESOURCES_SUBSCRIBE),
                "listChanged": list_changed.resources,
            }),
        );
    }
    if has(methods::TOOLS_LIST) || has(methods::TOOLS_CALL) {
        caps.insert("tools".into(), json!({"listChanged": list_changed.tools}));
    }
    Value::Object(caps)
}

fn is_error_result(text: impl Into<String>) -> Value {
    json!({"content": [{"type": "text", "text": text.into()}], "isError": true})
}

impl Server {
    /// The options the server was built with.
    pub fn options(&self) -> &ServerOptions {
        &self.options
    }

    /// True when a handler or the registry serves `method`.
    pub fn has_handler(&self, method: &str) -> bool {
        self.handlers.contains_key(method)
            || self.registry.is_some()
                && matches!(
                    method,
                    methods::TOOLS_LIST
                        | methods::TOOLS_CALL
                        | methods::RESOURCES_LIST
                        | methods::RESOURCES_TEMPLATES_LIST
                        | methods::RESOURCES_READ
                        | methods::PROMPTS_LIST
                        | methods::PROMPTS_GET
                )
    }

    /// The registry, if the server has one.
    pub fn registry(&self) -> Option<&Arc<Registry>> {
        self.registry.as_ref()
    }

    /// The capabilities announced in `initialize`.
    pub fn capabilities(&self) -> Value {
        match &self.options.capabilities {
            Some(c) => c.clone(),
            None => derive_capabilities(
                |m| self.has_handler(m),
                self.options.list_changed,
                self.options.experimental.as_ref(),
            ),
        }
    }

    fn server_info(&self) -> Value {
        let o = &self.options;
        let mut info = Map::new();
        info.insert("name".into(), Value::from(o.name.as_str()));
        info.insert("version".into(), Value::from(o.version.as_str()));
        if let Some(t) = &o.title {
            info.insert("title".into(), Value::from(t.as_str()));
        }
        if let Some(w) = &o.website_url {
            info.insert("websiteUrl".into(), Value::from(w.as_str()));
        }
        if let Some(i) = &o.icons {
            info.insert("icons".into(), i.clone());
        }
        Value::Object(info)
    }

    /// Handles one message from `session`.
    pub fn handle(self: &Arc<Self>, session: &Arc<Session>, message: Message) -> Dispatch {
        match message {
            Message::Request(r) => self.handle_request(session, r),
            Message::Notification(n) => {
                self.handle_notification(session, n);
                Dispatch::Done(None)
            }
            Message::Response(r) => {
                let result = r.result.into_value().map_err(ErrorData::parse_error);
                if !session.resolve(&r.id, result) {
                    tracing::debug!(id = %r.id, "response to no pending request");
                }
                Dispatch::Done(None)
            }
            Message::Error(e) => {
                if let Some(id) = e.id {
                    session.resolve(&id, Err(e.error));
                } else {
                    tracing::warn!(error = ?e.error, "client reported an error");
                }
                Dispatch::Done(None)
            }
            Message::Batch(_) => Dispatch::Done(Some(Message::error(
                None,
                ErrorData::invalid_request("nested batch"),
            ))),
        }
    }

    fn handle_request(self: &Arc<Self>, session: &Arc<Session>, req: Request) -> Dispatch {
        let Request { id, method, params } = req;
        let reply = |r: Result<Value, ErrorData>| {
            Dispatch::Done(Some(match r {
                Ok(v) => Message::response(id.clone(), v),
                Err(e) => Message::error(Some(id.clone()), e),
            }))
        };
        match method.as_str() {
            methods::PING => return reply(Ok(json!({}))),
            methods::INITIALIZE => return reply(self.initialize(session, params)),
            // The sessionless era is not served yet; -32602 makes newer clients fall back to
            // `initialize` (what handshake-only servers answer).
            methods::DISCOVER => {
                return reply(Err(ErrorData::new(
                    ErrorCode::INVALID_PARAMS,
                    "server/discover is not supported; use initialize",
                )));
            }
            _ => {}
        }
        match session.phase() {
            Phase::New => {
                return reply(Err(ErrorData::invalid_request(format!(
                    "{method} received before initialize"
                ))));
            }
            Phase::Closed => return Dispatch::Done(None),
            Phase::Initializing | Phase::Ready => {}
        }
        let mut params = match params {
            None => Value::Object(Map::new()),
            Some(p @ Value::Object(_)) => p,
            Some(_) => return reply(Err(ErrorData::invalid_params("params must be an object"))),
        };
        if session.in_flight() >= self.options.max_in_flight {
            return reply(Err(ErrorData::new(
                ErrorCode::INTERNAL_ERROR,
                format!(
                    "too many requests in flight (limit {})",
                    self.options.max_in_flight
                ),
            )));
        }
        if !self.handlers.contains_key(method.as_str())
            && let Some(reg) = &self.registry
            && let Some(d) = self.registered(session, &id, &method, &mut params, reg)
        {
            return d;
        }
        match method.as_str() {
            methods::TOOLS_CALL => self.call_tool(session, id, params),
            methods::LOGGING_SET_LEVEL if !self.logging => {
                reply(Err(ErrorData::method_not_found(&method)))
            }
            methods::LOGGING_SET_LEVEL => {
                let Some(level) = params
                    .get("level")
                    .and_then(Value::as_str)
                    .and_then(LogLevel::parse)
                else {
                    return reply(Err(ErrorData::invalid_params(
                        "level must be one of debug, info, notice, warning, error, critical, alert, emergency",
                    )));
                };
                session.set_log_level(level);
                self.delegate_or_empty(session, id, &method, params)
            }
            methods::RESOURCES_SUBSCRIBE | methods::RESOURCES_UNSUBSCRIBE
                if !self.subscriptions =>
            {
                reply(Err(ErrorData::method_not_found(&method)))
            }
            methods::RESOURCES_SUBSCRIBE | methods::RESOURCES_UNSUBSCRIBE => {
                let Some(uri) = params.get("uri").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("uri must be a string")));
                };
                session.subscribe(uri, method == methods::RESOURCES_SUBSCRIBE);
                self.delegate_or_empty(session, id, &method, params)
            }
            _ => match self.handlers.get(method.as_str()) {
                None => reply(Err(ErrorData::method_not_found(&method))),
                Some((name, h)) => {
                    let ctx = self.context(session, &id, name, &params);
                    let fut = h.call(ctx.clone(), params);
                    let learn = method == methods::TOOLS_LIST;
                    let server = self.clone();
                    self.run(&ctx, async move {
                        let r = fut.await.map_err(Self::non_tool_failure)?;
                        if !learn {
                            return Ok(r);
                        }
                        let v = r.into_value().map_err(|e| {
                            ErrorData::internal(format!("Handler returned invalid JSON: {e}"))
                        })?;
                        server.learn_tools(&v);
                        Ok(Reply::Value(v))
                    })
                }
            },
        }
    }

    /// Serves `method` from the registry; `None` when the registry does not serve it.
    fn registered(
        self: &Arc<Self>,
        session: &Arc<Session>,
        id: &RequestId,
        method: &str,
        params: &mut Value,
        reg: &Arc<Registry>,
    ) -> Option<Dispatch> {
        let reply = |r: Result<Value, ErrorData>| {
            Some(Dispatch::Done(Some(match r {
                Ok(v) => Message::response(id.clone(), v),
                Err(e) => Message::error(Some(id.clone()), e),
            })))
        };
        // Calls take `params` (no copy per request); lists only read it.
        let kind = match method {
            methods::TOOLS_LIST => Kind::Tools,
            methods::RESOURCES_LIST => Kind::Resources,
            methods::RESOURCES_TEMPLATES_LIST => Kind::ResourceTemplates,
            methods::PROMPTS_LIST => Kind::Prompts,
            methods::TOOLS_CALL => {
                let Some(tool) = params.get("name").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("name must be a string")));
                };
                let Some(entry) = reg.tool(tool) else {
                    return reply(Ok(is_error_result(format!("Unknown tool: {tool}"))));
                };
                let params = std::mem::take(params);
                return Some(self.call_registered_tool(session, id, params, entry));
            }
            methods::RESOURCES_READ => {
                let Some(uri) = params.get("uri").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("uri must be a string")));
                };
                let Some((entry, vars)) = reg.resource(uri) else {
                    let mut e = ErrorData::new(
                        self.options.unknown_resource_code,
                        format!("Unknown resource: {uri}"),
                    );
                    if self.options.unknown_resource_data {
                        e = e.with_data(json!({"uri": uri}));
                    }
                    return reply(Err(e));
                };
                let mut params = std::mem::take(params);
                if !vars.is_empty() {
                    params["arguments"] = Value::Object(vars);
                }
                let ctx =
                    self.context(session, id, &entry_method(methods::RESOURCES_READ), &params);
                let fut = entry.handler.call(ctx.clone(), params);
                return Some(self.run(
                    &ctx,
                    async move { fut.await.map_err(Self::non_tool_failure) },
                ));
            }
            methods::PROMPTS_GET => {
                let Some(prompt) = params.get("name").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("name must be a string")));
                };
                let Some(entry) = reg.prompt(prompt) else {
                    return reply(Err(ErrorData::new(
                        self.options.unknown_prompt_code,
                        format!("Unknown prompt: {prompt}"),
                    )));
                };
                let params = std::mem::take(params);
                let ctx = self.context(session, id, &entry_method(methods::PROMPTS_GET), &params);
                let fut = entry.handler.call(ctx.clone(), params);
                return Some(self.run(
                    &ctx,
                    async move { fut.await.map_err(Self::non_tool_failure) },
                ));
            }
            _ => return None,
        };
        let mut list = reg.list(kind, params.get("cursor").and_then(Value::as_str));
        if let (Ok(v), Some(version)) = (&mut list, session.protocol_version()) {
            protocol::strip_for_version(method, version, v);
        }
        reply(list)
    }

    fn call_registered_tool(
        self: &Arc<Self>,
        session: &Arc<Session>,
        id: &RequestId,
        mut params: Value,
        entry: Arc<RegisteredTool>,
    ) -> Dispatch {
        match params.get("arguments") {
            None | Some(Value::Null) => {
                params["arguments"] = Value::Object(Map::new());
            }
            Some(Value::Object(_)) => {}
            Some(_) => {
                return Dispatch::Done(Some(Message::error(
                    Some(id.clone()),
                    ErrorData::invalid_params("arguments must be an object"),
                )));
            }
        }
        if let Some(schema) = &entry.input {
            if entry.lax {
                schema.coerce_lax(&mut params["arguments"]);
            }
            if let Err(issue) = schema.validate(&params["arguments"]) {
                return Dispatch::Done(Some(Message::response(
                    id.clone(),
                    is_error_result(format!("Input validation error: {issue}")),
                )));
            }
        }
        let ctx = self.context(session, id, &entry_method(methods::TOOLS_CALL), &params);
        let fut = entry.handler.call(ctx.clone(), params);
        self.run(&ctx, async move {
            finish_tool(fut.await, entry.output.as_ref())
        })
    }

    /// Built-ins that also call an author's handler when one is registered.
    fn delegate_or_empty(
        self: &Arc<Self>,
        session: &Arc<Session>,
        id: RequestId,
        method: &str,
        params: Value,
    ) -> Dispatch {
        match self.handlers.get(method) {
            None => Dispatch::Done(Some(Message::response(id, json!({})))),
            Some((name, h)) => {
                let ctx = self.context(session, &id, name, &params);
                let fut = h.call(ctx.clone(), params);
                self.run(&ctx, async move {
                    fut.await.map(|_| json!({})).map_err(Self::non_tool_failure)
                })
            }
        }
    }

    fn non_tool_failure(e: HandlerError) -> ErrorData {
        match e {
            HandlerError::Rpc(e) => e,
            HandlerError::Failed(m) => ErrorData::new(ErrorCode::INTERNAL_ERROR, m),
        }
    }

    fn context(
        &self,
        session: &Arc<Session>,
        id: &RequestId,
        method: &Arc<str>,
        params: &Value,
    ) -> RequestContext {
        RequestContext {
            request_id: id.clone(),
            method: method.clone(),
            meta: params.get("_meta").cloned(),
            cancellation: session.begin(id),
            session: session.clone(),
        }
    }

    /// Runs a handler future as the answer to request `id`: registers it for cancellation,
    /// contains panics, and sends nothing if the client cancelled it.
    fn run<R: Into<Reply>>(
        &self,
        ctx: &RequestContext,
        fut: impl Future<Output = Result<R, ErrorData>> + Send + 'static,
    ) -> Dispatch {
        let token = ctx.cancellation.clone();
        let session = ctx.session.clone();
        let id = ctx.request_id.clone();
        let method = ctx.method.clone();
        Dispatch::Pending(Box::pin(async move {
            // The handler is polled before the cancellation, which is only waited on (a waiter
            // registered on the token) once the handler is pending: most answer at once.
            let out = if token.is_cancelled() {
                None
            } else {
                let work = std::pin::pin!(AssertUnwindSafe(fut).catch_unwind());
                let cancelled = std::pin::pin!(token.cancelled());
                match futures::future::select(work, cancelled).await {
                    futures::future::Either::Left((out, _)) => Some(out),
                    futures::future::Either::Right(_) => None,
                }
            };
            session.end(&id);
            match out {
                None => None,
                Some(Ok(Ok(r))) => {
                    let version = session.protocol_version();
                    match protocol::finish_result(&method, version, r.into()) {
                        Ok(r) => Some(Message::response(id, r)),
                        Err(why) => {
                            tracing::error!(%id, %method, "handler returned an invalid result: {why}");
                            Some(Message::error(
                                Some(id),
                                ErrorData::new(
                                    ErrorCode::INTERNAL_ERROR,
                                    format!("Handler returned an invalid result: {why}"),
                                ),
                            ))
                        }
                    }
                }
                Some(Ok(Err(e))) => Some(Message::error(Some(id), e)),
                Some(Err(panic)) => {
                    let why = panic_message(&panic);
                    tracing::error!(%id, %why, "handler panicked");
                    Some(Message::error(
                        Some(id),
                        ErrorData::internal(format!("handler panicked: {why}")),
                    ))
                }
            }
        }))
    }

    fn initialize(&self, session: &Session, params: Option<Value>) -> Result<Value, ErrorData> {
        if session.phase() != Phase::New {
            return Err(ErrorData::invalid_request(
                "initialize was already received",
            ));
        }
        let params = params.unwrap_or_default();
        let Some(requested) = params.get("protocolVersion").and_then(Value::as_str) else {
            return Err(ErrorData::invalid_params(
                "protocolVersion must be a string",
            ));
        };
        let version = protocol::negotiate(Some(requested));
        session.initialize(
            version,
            params.get("clientInfo").cloned().unwrap_or(Value::Null),
            params
                .get("capabilities")
                .cloned()
                .unwrap_or_else(|| json!({})),
        );
        let mut result = Map::new();
        result.insert("protocolVersion".into(), Value::from(version));
        result.insert("capabilities".into(), self.capabilities());
        result.insert("serverInfo".into(), self.server_info());
        if let Some(i) = &self.options.instructions {
            result.insert("instructions".into(), Value::from(i.as_str()));
        }
        let mut result = Value::Object(result);
        protocol::strip_for_version(methods::INITIALIZE, version, &mut result);
        Ok(result)
    }

    fn handle_notification(&self, session: &Arc<Session>, n: Notification) {
        match n.method.as_str() {
            methods::INITIALIZED if session.phase() == Phase::Initializing => {
                session.set_phase(Phase::Ready);
            }
            methods::CANCELLED => {
                let id = n.params.as_ref().and_then(|p| p.get("requestId"));
                match id.and_then(|v| match v {
                    Value::String(s) => Some(RequestId::String(s.clone())),
                    Value::Number(x) => x.as_i64().map(RequestId::Number),
                    _ => None,
                }) {
                    Some(id) => {
                        if !session.cancel(&id) {
                            tracing::debug!(%id, "cancellation for a request not in flight");
                        }
                    }
                    None => tracing::warn!("notifications/cancelled without a usable requestId"),
                }
            }
            _ => {}
        }
        if let Some(h) = self.notifications.get(n.method.as_str()) {
            let params = n.params.unwrap_or_else(|| Value::Object(Map::new()));
            if std::panic::catch_unwind(AssertUnwindSafe(|| h.notify(session.clone(), params)))
                .is_err()
            {
                tracing::error!(method = %n.method, "notification handler panicked");
            }
        }
    }

    /// Remembers the schemas of the tools in a `tools/list` result, compiling each distinct
    /// schema once.
    fn learn_tools(&self, result: &Value) {
        let Some(tools) = result.get("tools").and_then(Value::as_array) else {
            return;
        };
        let mut cache = self.tools.write().unwrap_or_else(|p| p.into_inner());
        for tool in tools {
            let Some(name) = tool.get("name").and_then(Value::as_str) else {
                continue;
            };
            let input = tool.get("inputSchema");
            let output = tool.get("outputSchema");
            let same = |have: &Option<CompiledSchema>, want: Option<&Value>| match (have, want) {
                (None, None) => true,
                (Some(h), Some(w)) => h.source() == w,
                _ => false,
            };
            if let Some(e) = cache.get(name)
                && same(&e.input, input)
                && same(&e.output, output)
            {
                continue;
            }
            let compile = |s: Option<&Value>, what: &str| {
                s.and_then(|s| match CompiledSchema::compile(s) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        tracing::warn!(tool = name, "{what} does not compile, not checked: {e}");
                        None
                    }
                })
            };
            let entry = ToolEntry {
                input: compile(input, "inputSchema"),
                output: compile(output, "outputSchema"),
            };
            cache.insert(name.to_owned(), Arc::new(entry));
        }
    }

    fn tool_entry(&self, name: &str) -> Option<Arc<ToolEntry>> {
        self.tools
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(name)
            .cloned()
    }

    fn call_tool(
        self: &Arc<Self>,
        session: &Arc<Session>,
        id: RequestId,
        params: Value,
    ) -> Dispatch {
        let Some((name, handler)) = self.handlers.get(methods::TOOLS_CALL) else {
            return Dispatch::Done(Some(Message::error(
                Some(id),
                ErrorData::method_not_found(methods::TOOLS_CALL),
            )));
        };
        let tool = match params.get("name") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Dispatch::Done(Some(Message::error(
                    Some(id),
                    ErrorData::invalid_params("name must be a string"),
                )));
            }
        };
        match params.get("arguments") {
            None | Some(Value::Object(_)) | Some(Value::Null) => {}
            Some(_) => {
                return Dispatch::Done(Some(Message::error(
                    Some(id),
                    ErrorData::invalid_params("arguments must be an object"),
                )));
            }
        }
        let ctx = self.context(session, &id, name, &params);
        let server = self.clone();
        let handler = handler.clone();
        let run_ctx = ctx.clone();
        self.run(&run_ctx, async move {
            let mut entry = server.tool_entry(&tool);
            if entry.is_none()
                && let Some((list_name, list)) = server.handlers.get(methods::TOOLS_LIST)
            {
                // Unknown to the cache: list once so its schema can be checked (mcp 1.x does
                // the same).
                let mut list_ctx = ctx.clone();
                list_ctx.method = list_name.clone();
                if let Ok(Ok(v)) = list.call(list_ctx, json!({})).await.map(Reply::into_value) {
                    server.learn_tools(&v);
                }
                entry = server.tool_entry(&tool);
            }
            if server.options.validate_input
                && let Some(schema) = entry.as_ref().and_then(|e| e.input.as_ref())
            {
                let empty = Value::Object(Map::new());
                let args = match params.get("arguments") {
                    Some(a @ Value::Object(_)) => a,
                    _ => &empty,
                };
                if let Err(issue) = schema.validate(args) {
                    return Ok(is_error_result(format!("Input validation error: {issue}")).into());
                }
            }
            let result: HandlerResult = handler.call(ctx, params).await;
            finish_tool(result, entry.as_ref().and_then(|e| e.output.as_ref()))
        })
    }
}

/// The method name as handlers see it, shared rather than allocated per request.
fn entry_method(m: &'static str) -> Arc<str> {
    use std::sync::OnceLock;
    static NAMES: OnceLock<HashMap<&'static str, Arc<str>>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            [
                methods::TOOLS_CALL,
                methods::RESOURCES_READ,
                methods::PROMPTS_GET,
            ]
            .into_iter()
            .map(|m| (m, Arc::from(m)))
            .collect()
        })
        .get(m)
        .cloned()
        .unwrap_or_else(|| Arc::from(m))
}

/// A tool handler's outcome as the `tools/call` answer: failures become `isError` results,
/// author-raised JSON-RPC errors stay errors, structured output is checked.
fn finish_tool(result: HandlerResult, output: Option<&CompiledSchema>) -> Result<Reply, ErrorData> {
    match result {
        Ok(r) => Ok(match output {
            Some(out) => check_output(out, r),
            None => r,
        }),
        Err(HandlerError::Failed(m)) => Ok(is_error_result(m).into()),
        Err(HandlerError::Rpc(e)) => Err(e),
    }
}

/// Checks `structuredContent` against the tool's `outputSchema`. Of a written object, only the
/// structured content becomes a value.
fn check_output(schema: &CompiledSchema, result: Reply) -> Reply {
    let verdict = match &result {
        Reply::Value(v) => {
            if v.get("isError").and_then(Value::as_bool) == Some(true) {
                return result;
            }
            match v.get("structuredContent") {
                None | Some(Value::Null) => None,
                Some(s) => Some(schema.validate(s)),
            }
        }
        Reply::Object(o) => {
            if o.get("isError") == Some("true") {
                return result;
            }
            match o.get("structuredContent") {
                None | Some("null") => None,
                Some(raw) => match serde_json::from_str::<Value>(raw) {
                    Ok(s) => Some(schema.validate(&s)),
                    Err(_) => return result,
                },
            }
        }
    };
    match verdict {
        None => is_error_result(
            "Output validation error: outputSchema defined but no structured output returned",
        )
        .into(),
        Some(Ok(())) => result,
        Some(Err(issue)) => is_error_result(format!("Output validation error: {issue}")).into(),
    }
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}
