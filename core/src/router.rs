//! Dispatch: method → built-in, registry or handler, and the one boundary where a handler's
//! outcome becomes what the peer receives:
//!
//! | failure | answer |
//! |---|---|
//! | malformed envelope, unknown method, bad params, request before `initialize` | JSON-RPC error |
//! | an id already in flight, too many requests in flight | JSON-RPC error |
//! | `tools/call` arguments failing `inputSchema` | `isError` result |
//! | a handler's failure | as the handler's [`Policy`] says ([`crate::policy`]) |
//! | a panic | -32603 |
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling>

use futures::FutureExt;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use crate::connection::Dispatch;
use crate::error::{ErrorCode, ErrorData};
use crate::handler::{Reply, RequestContext};
use crate::intercept::{Call, Interceptor, Next, outcome};
use crate::jsonrpc::{Message, Notification, Request, RequestId};
use crate::policy::Policy;
use crate::protocol::{self, LogLevel, methods};
use crate::registry::{Kind, Registry};
use crate::server::Server;
use crate::session::{Phase, Session};

impl Server {
    /// Handles one message from `session`.
    pub fn handle(self: &Arc<Self>, session: &Arc<Session>, message: Message) -> Dispatch {
        match message {
            Message::Request(r) => self.request(session, r),
            // A sessionless client's only notification is a cancellation.
            Message::Notification(n) if session.is_modern() && n.method != methods::CANCELLED => {
                Dispatch::Done(None)
            }
            Message::Notification(n) => {
                match &self.interceptor {
                    None => self.handle_notification(session, n),
                    Some(i) => {
                        let server = self.clone();
                        let inner = session.clone();
                        let call = Call {
                            session: session.clone(),
                            id: None,
                            method: n.method,
                            params: n.params,
                        };
                        i.notification(
                            call,
                            Box::new(move |method, params| {
                                server.handle_notification(&inner, Notification { method, params });
                            }),
                        );
                    }
                }
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

    /// A request past the guards, if any are set ([`crate::guards`]): the session's rate limit,
    /// then the concurrency cap (a slot now, a place in the queue, or "overloaded"). The
    /// lifecycle's own requests are never held back.
    pub(crate) fn guarded(self: &Arc<Self>, session: &Arc<Session>, r: Request) -> Dispatch {
        let exempt = matches!(r.method.as_str(), methods::INITIALIZE | methods::PING);
        if !exempt && let Some((rate, burst)) = self.options.guards.rate_limit {
            let token = session.auth();
            let taken = match token.as_deref().and_then(crate::guards::principal) {
                Some(who) => crate::guards::Buckets::shared().take(who, rate, burst),
                None => session
                    .bucket
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get_or_insert_with(|| crate::guards::Bucket::full(burst))
                    .take(rate, burst),
            };
            if let Err(e) = taken {
                return Dispatch::Done(Some(Message::error(Some(r.id), e)));
            }
        }
        let gate = self.gate.as_ref().filter(|_| !exempt);
        let Some(gate) = gate else {
            return self.unguarded(session, r);
        };
        let mut entry = match gate.enter() {
            Ok(entry) => entry,
            Err(e) => return Dispatch::Done(Some(Message::error(Some(r.id), e))),
        };
        let server = self.clone();
        let session = session.clone();
        Dispatch::Pending(Box::pin(async move {
            (&mut entry).await;
            let answer = match server.unguarded(&session, r) {
                Dispatch::Done(m) => m,
                Dispatch::Pending(f) => f.await,
            };
            // The slot is held until the answer is there.
            drop(entry);
            answer
        }))
    }

    fn unguarded(self: &Arc<Self>, session: &Arc<Session>, r: Request) -> Dispatch {
        match &self.interceptor {
            None => self.handle_request(session, r),
            Some(i) => self.intercept_request(i, session, r),
        }
    }

    /// A request through the middleware: its `next` is [`Self::handle_request`] with the method
    /// and params the middleware passes on.
    fn intercept_request(
        self: &Arc<Self>,
        interceptor: &Arc<dyn Interceptor>,
        session: &Arc<Session>,
        req: Request,
    ) -> Dispatch {
        let Request { id, method, params } = req;
        let server = self.clone();
        let inner = session.clone();
        let inner_id = id.clone();
        let next: Next = Box::new(move |method, params| {
            let d = server.handle_request(
                &inner,
                Request {
                    id: inner_id,
                    method,
                    params,
                },
            );
            match d {
                Dispatch::Done(m) => Box::pin(std::future::ready(outcome(m))),
                Dispatch::Pending(f) => Box::pin(async move { outcome(f.await) }),
            }
        });
        let call = Call {
            session: session.clone(),
            id: Some(id.clone()),
            method,
            params,
        };
        let answer = interceptor.request(call, next);
        Dispatch::Pending(Box::pin(async move {
            match answer.await? {
                Ok(r) => Some(Message::response(id, r)),
                Err(e) => Some(Message::error(Some(id), e)),
            }
        }))
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
            // Not a method of the handshake era: newer clients fall back to `initialize`. A
            // generation that predates it answers as its SDK does (`mcp` 1.x: -32602).
            methods::DISCOVER => {
                let flavor = self.options.policy.flavor;
                return reply(Err(if flavor.sessionless() || flavor.typescript_sdk() {
                    self.unknown_method(&method)
                } else {
                    ErrorData::new(
                        ErrorCode::INVALID_PARAMS,
                        "server/discover is not supported; use initialize",
                    )
                }));
            }
            _ => {}
        }
        match session.phase() {
            Phase::New if self.options.policy.flavor.typescript_sdk() => {}
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
            methods::LOGGING_SET_LEVEL if !self.logging => reply(Err(self.unknown_method(&method))),
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
            // The TypeScript SDKs serve each of the two only with the author's handler for it,
            // whatever the capability says.
            methods::RESOURCES_SUBSCRIBE | methods::RESOURCES_UNSUBSCRIBE
                if !self.subscriptions
                    || (self.options.policy.flavor.typescript_sdk()
                        && !self.handlers.contains_key(method.as_str())) =>
            {
                reply(Err(self.unknown_method(&method)))
            }
            methods::RESOURCES_SUBSCRIBE | methods::RESOURCES_UNSUBSCRIBE => {
                let Some(uri) = params.get("uri").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("uri must be a string")));
                };
                session.subscribe(uri, method == methods::RESOURCES_SUBSCRIBE);
                self.delegate_or_empty(session, id, &method, params)
            }
            _ => match self.handlers.get(method.as_str()) {
                None => reply(Err(self.unknown_method(&method))),
                Some(registered) => {
                    let ctx = match self.context(session, &id, &registered.method, &params) {
                        Ok(ctx) => ctx,
                        Err(d) => return d,
                    };
                    let fut = registered.handler.call(ctx.clone(), params);
                    let learn = method == methods::TOOLS_LIST;
                    let policy = registered.policy;
                    let modern = session.is_modern();
                    let server = self.clone();
                    self.run(&ctx, async move {
                        let r = fut.await.map_err(|e| policy.failure_in(e, modern))?;
                        if !learn {
                            return Ok(r);
                        }
                        let mut v = r.into_value().map_err(|e| {
                            ErrorData::internal(format!("Handler returned invalid JSON: {e}"))
                        })?;
                        server.learn_tools(&v);
                        server.options.guards.annotate_listing(&mut v);
                        Ok(Reply::Value(v))
                    })
                }
            },
        }
    }

    /// A method nothing serves: -32601 naming it in `data`, bare in the TypeScript SDK.
    pub(crate) fn unknown_method(&self, method: &str) -> ErrorData {
        let e = ErrorData::method_not_found(method);
        if self.options.policy.flavor.typescript_sdk() {
            return ErrorData { data: None, ..e };
        }
        e
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
        if !Registry::kind_of(method).is_some_and(|k| reg.serves(k)) {
            return None;
        }
        let policy = self.options.policy;
        let own = session.visibility();
        // Calls take `params` (no copy per request); lists only read it.
        let kind = match method {
            methods::TOOLS_LIST => Kind::Tools,
            methods::RESOURCES_LIST => Kind::Resources,
            methods::RESOURCES_TEMPLATES_LIST => Kind::ResourceTemplates,
            methods::PROMPTS_LIST => Kind::Prompts,
            methods::TOOLS_CALL => {
                if let Some(e) = policy.malformed_tool_call(params) {
                    return reply(Err(e));
                }
                let tool = params["name"].as_str().unwrap_or_default();
                let Some(entry) = reg.tool(tool, own.as_deref(), reg.wanted(params)) else {
                    return reply(policy.unknown_tool(tool));
                };
                let params = std::mem::take(params);
                return Some(self.call_registered_tool(session, id, params, entry));
            }
            methods::RESOURCES_READ => {
                let Some(uri) = params.get("uri").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("uri must be a string")));
                };
                let Some((entry, vars)) = reg.resource(uri, own.as_deref(), reg.wanted(params))
                else {
                    return reply(Err(policy.unknown_resource(uri)));
                };
                let uri = uri.to_owned();
                let mut params = std::mem::take(params);
                if !vars.is_empty() {
                    params["arguments"] = Value::Object(vars);
                }
                let method = method_name(methods::RESOURCES_READ);
                let ctx = match self.context(session, id, &method, &params) {
                    Ok(ctx) => ctx,
                    Err(d) => return Some(d),
                };
                let fut = entry.handler.call(ctx.clone(), params);
                return Some(self.run(&ctx, async move {
                    fut.await.map_err(|e| policy.resource_failure(&uri, e))
                }));
            }
            methods::PROMPTS_GET => {
                let Some(prompt) = params.get("name").and_then(Value::as_str) else {
                    return reply(Err(ErrorData::invalid_params("name must be a string")));
                };
                let Some(entry) = reg.prompt(prompt, own.as_deref(), reg.wanted(params)) else {
                    return reply(Err(policy.unknown_prompt(prompt)));
                };
                let prompt = prompt.to_owned();
                let params = std::mem::take(params);
                let method = method_name(methods::PROMPTS_GET);
                let ctx = match self.context(session, id, &method, &params) {
                    Ok(ctx) => ctx,
                    Err(d) => return Some(d),
                };
                let fut = entry.handler.call(ctx.clone(), params);
                return Some(self.run(&ctx, async move {
                    fut.await.map_err(|e| policy.prompt_failure(&prompt, e))
                }));
            }
            _ => return None,
        };
        let mut list = reg.list_for(
            kind,
            params.get("cursor").and_then(Value::as_str),
            own.as_deref(),
        );
        if let (Ok(v), Kind::Tools) = (&mut list, kind) {
            self.options.guards.annotate_listing(v);
        }
        if let (Ok(v), Some(version)) = (&mut list, session.protocol_version())
            && !policy.flavor.typescript_sdk()
        {
            protocol::strip_for_version(method, version, v);
        }
        reply(list)
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
            Some(registered) => {
                let ctx = match self.context(session, &id, &registered.method, &params) {
                    Ok(ctx) => ctx,
                    Err(d) => return d,
                };
                let fut = registered.handler.call(ctx.clone(), params);
                let policy: Policy = registered.policy;
                self.run(&ctx, async move {
                    fut.await.map(|_| json!({})).map_err(|e| policy.failure(e))
                })
            }
        }
    }

    /// The context of request `id`, registered in flight; a request whose id is already in
    /// flight is answered -32600 at once.
    pub(crate) fn context(
        &self,
        session: &Arc<Session>,
        id: &RequestId,
        method: &Arc<str>,
        params: &Value,
    ) -> Result<RequestContext, Dispatch> {
        let Some(cancellation) = session.begin(id) else {
            return Err(Dispatch::Done(Some(Message::error(
                Some(id.clone()),
                ErrorData::invalid_request(format!("request id {id} is already in flight")),
            ))));
        };
        Ok(RequestContext {
            request_id: id.clone(),
            method: method.clone(),
            meta: params.get("_meta").cloned(),
            cancellation,
            origin: session.origin(),
            session: session.clone(),
        })
    }

    /// Runs a handler future as the answer to request `id`: registers it for cancellation,
    /// contains panics, and sends nothing if the client cancelled it.
    pub(crate) fn run<R: Into<Reply>>(
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
}

/// The method name as handlers see it, shared rather than allocated per request.
pub(crate) fn method_name(m: &'static str) -> Arc<str> {
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

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::Connection;
    use crate::handler::{HandlerError, handler_fn};
    use crate::server::{ServerBuilder, ServerOptions};
    use crate::session::{Outbound, Route};

    struct Nowhere;
    impl Outbound for Nowhere {
        fn send(&self, _: Message, _: &Route) {}
    }

    fn answer(d: Dispatch) -> Option<Message> {
        match d {
            Dispatch::Done(m) => m,
            Dispatch::Pending(f) => futures::executor::block_on(f),
        }
    }

    #[test]
    fn an_id_in_flight_is_refused_and_counted_once() {
        let (tx, rx) = futures::channel::oneshot::channel::<()>();
        let rx = rx.shared();
        let server = ServerBuilder::new(ServerOptions::default())
            .handler(
                "slow",
                handler_fn(move |_, _| {
                    let rx = rx.clone();
                    async move {
                        let _ = rx.await;
                        Ok::<_, HandlerError>(json!({}))
                    }
                }),
            )
            .build();
        let conn = Connection::new(server, Box::new(Nowhere));
        let line = |s: &str| conn.receive(s.as_bytes());
        let init = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#;
        assert!(matches!(line(init), Dispatch::Done(Some(_))));
        let first = line(r#"{"jsonrpc":"2.0","id":"same","method":"slow"}"#);
        assert!(matches!(first, Dispatch::Pending(_)));
        let Some(Message::Error(e)) =
            answer(line(r#"{"jsonrpc":"2.0","id":"same","method":"slow"}"#))
        else {
            panic!("a second request with the same id must be refused");
        };
        assert_eq!(e.id, Some(RequestId::String("same".into())));
        assert_eq!(e.error.code, ErrorCode::INVALID_REQUEST);
        assert_eq!(conn.session().in_flight(), 1);
        let _ = tx.send(());
        assert!(matches!(answer(first), Some(Message::Response(_))));
        assert_eq!(conn.session().in_flight(), 0);
    }

    /// Rewrites `echo`'s params, answers `short` itself, and records what it saw.
    struct Rewrite(std::sync::Mutex<Vec<String>>);

    impl crate::intercept::Interceptor for Rewrite {
        fn request(
            &self,
            call: crate::intercept::Call,
            next: crate::intercept::Next,
        ) -> futures::future::BoxFuture<'static, crate::intercept::Outcome> {
            self.0.lock().unwrap().push(call.method.clone());
            if call.method == "short" {
                return Box::pin(async { Some(Ok(json!({"by": "middleware"}).into())) });
            }
            let params = if call.method == "echo" {
                Some(json!({"text": "rewritten"}))
            } else {
                call.params
            };
            next(call.method, params)
        }

        fn notification(
            &self,
            call: crate::intercept::Call,
            next: crate::intercept::NextNotification,
        ) {
            self.0.lock().unwrap().push(call.method.clone());
            next(call.method, call.params);
        }
    }

    #[test]
    fn middleware_wraps_every_message_and_may_rewrite_or_answer() {
        let seen = Arc::new(Rewrite(std::sync::Mutex::default()));
        let server = ServerBuilder::new(ServerOptions::default())
            .handler(
                "echo",
                handler_fn(|_, params: Value| async move { Ok::<_, HandlerError>(params) }),
            )
            .interceptor(seen.clone())
            .build();
        let conn = Connection::new(server, Box::new(Nowhere));
        let line = |s: &str| answer(conn.receive(s.as_bytes()));
        let init = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#;
        assert!(matches!(line(init), Some(Message::Response(_))));
        assert!(line(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).is_none());
        let Some(Message::Response(r)) =
            line(r#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"text":"x"}}"#)
        else {
            panic!("echo");
        };
        assert_eq!(r.result.into_value().unwrap(), json!({"text": "rewritten"}));
        let Some(Message::Response(r)) = line(r#"{"jsonrpc":"2.0","id":2,"method":"short"}"#)
        else {
            panic!("short");
        };
        assert_eq!(r.result.into_value().unwrap(), json!({"by": "middleware"}));
        let Some(Message::Error(e)) = line(r#"{"jsonrpc":"2.0","id":3,"method":"nope"}"#) else {
            panic!("nope");
        };
        assert_eq!(e.error.code, ErrorCode::METHOD_NOT_FOUND);
        assert_eq!(
            *seen.0.lock().unwrap(),
            [
                "initialize",
                "notifications/initialized",
                "echo",
                "short",
                "nope"
            ]
        );
    }
}
