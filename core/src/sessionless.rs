//! Serving requests of the sessionless revision (2026-07-28) beside the handshake era: which
//! era a request belongs to, its envelope, `server/discover`, `subscriptions/listen`, sealed
//! request state, and the finishing of every result ([`crate::era`]).
//!
//! A connection speaks the era of its first request: `initialize` (or anything without the
//! envelope) is the handshake era, a request whose `_meta` names a protocol version is the
//! sessionless one. Each sessionless request is checked on its own; its envelope is what the
//! session knows of the client while it is served.

use serde_json::{Map, Value, json};
use std::sync::Arc;

use crate::connection::Dispatch;
use crate::era;
use crate::error::{ErrorCode, ErrorData};
use crate::jsonrpc::{Message, Reply, Request, RequestId};
use crate::listen::Filter;
use crate::protocol::{Revision, methods};
use crate::request_state::{Binding, PrincipalOf};
use crate::server::Server;
use crate::session::{Phase, Session};

/// What finishing a sessionless answer needs to know of its request.
struct Finish {
    method: String,
    /// The client's capabilities, for input-required results.
    capabilities: Value,
    /// `(target, arguments, caller)` when request state is sealed for this method; the caller
    /// is `Err` when the principal binding could not tell (a state is then not sealed).
    binding: Option<(String, Value, Result<Option<String>, ()>)>,
    /// The URI of a `resources/read`.
    uri: Option<String>,
}

impl Server {
    /// A request, served in the era of its session (or, for a session's first request, the
    /// era it claims).
    pub(crate) fn request(self: &Arc<Self>, session: &Arc<Session>, r: Request) -> Dispatch {
        session.attach_hub(&self.listeners);
        if session.is_modern() || session.sessionless_only() {
            return self.sessionless(session, r);
        }
        if !(self.serves_sessionless() && self.claims(&r)) {
            return self.guarded(session, r);
        }
        match session.phase() {
            Phase::New => self.sessionless(session, r),
            Phase::Initializing | Phase::Ready => Dispatch::Done(Some(Message::error(
                Some(r.id),
                ErrorData::invalid_request(
                    "this connection serves the handshake protocol era; requests carrying \
                     the 2026-07-28 envelope are not accepted on it",
                ),
            ))),
            Phase::Closed => self.guarded(session, r),
        }
    }

    /// Whether `r` claims the sessionless revision. An `initialize` carrying a whole envelope
    /// does as the TypeScript SDK's `serveStdio` and the specification have it (a removed
    /// method, -32601); servers of `mcp` 2.x answer it as a handshake, or -32022 on a
    /// connection already speaking the revision, as `mcp` 2.x does.
    fn claims(&self, r: &Request) -> bool {
        let flavor = self.options.policy.flavor;
        let python = flavor != crate::policy::Flavor::Spec && !flavor.typescript_sdk();
        (r.method != methods::INITIALIZE || !python) && era::claims(&r.method, r.params.as_ref())
    }

    /// The `Mcp-Param-*` headers calls of `tool` must carry ([`era::param_headers`]), from the
    /// registry's definition or the schema its `tools/list` showed.
    pub fn param_headers(&self, tool: &str) -> Vec<(String, String)> {
        self.with_tool_input_schema(tool, era::param_headers)
            .unwrap_or_default()
    }

    /// `f` of the `inputSchema` `tool` is listed with: the registry's (made alone if its
    /// definition is deferred), else the one its `tools/list` showed; none when unknown or not
    /// made. Read in place: a call's headers are checked against it on every request.
    pub fn with_tool_input_schema<R>(&self, tool: &str, f: impl FnOnce(&Value) -> R) -> Option<R> {
        if let Some(entry) = self
            .registry
            .as_ref()
            .and_then(|r| r.tool(tool, None, None))
        {
            return entry.input_schema().ok().map(f);
        }
        self.learned_input_schema(tool).map(|s| f(&s))
    }

    /// Whether the server answers sessionless (2026-07-28) requests.
    pub fn serves_sessionless(&self) -> bool {
        (self.options.modern.enabled).unwrap_or_else(|| self.options.policy.flavor.sessionless())
    }

    fn sessionless(self: &Arc<Self>, session: &Arc<Session>, r: Request) -> Dispatch {
        let opening = r.method == methods::INITIALIZE && !session.sessionless_only();
        let handshake = opening && !self.claims(&r);
        let Request { id, method, params } = r;
        let fail = |e: ErrorData| Dispatch::Done(Some(Message::error(Some(id.clone()), e)));
        if handshake {
            let requested = params
                .as_ref()
                .and_then(|p| p.get("protocolVersion"))
                .and_then(Value::as_str);
            return fail(era::unsupported(
                requested,
                "connection is serving the 2026-07-28 protocol; the initialize handshake is \
                 not accepted",
            ));
        }
        let envelope = if self.options.policy.flavor.typescript_sdk() {
            era::typescript_envelope(params.as_ref())
        } else {
            era::envelope(params.as_ref())
        };
        let envelope = match envelope {
            Ok(e) => e,
            Err(e) => return fail(e),
        };
        session.take_envelope(envelope);
        if era::removed(&method) {
            return fail(self.unknown_method(&method));
        }
        let mut params = match params {
            None => Value::Object(Map::new()),
            Some(p @ Value::Object(_)) => p,
            Some(_) => return fail(ErrorData::invalid_params("params must be an object")),
        };
        match method.as_str() {
            methods::DISCOVER => {
                let result = era::finish(
                    &method,
                    Reply::Value(self.discover()),
                    &self.stamp,
                    self.options.modern.hint(&method),
                );
                return Dispatch::Done(Some(Message::response(id, result)));
            }
            methods::SUBSCRIPTIONS_LISTEN if self.options.modern.listen => {
                return self.listen(session, id, &params);
            }
            _ => {}
        }
        let input_capable = era::INPUT_REQUIRED.contains(&method.as_str());
        if input_capable
            && let Some(answers) = params.get("inputResponses").filter(|a| !a.is_null())
            && !answers
                .as_object()
                .is_some_and(|m| m.values().all(Value::is_object))
        {
            return fail(ErrorData::invalid_params(
                "inputResponses must map each request key to the client's result object",
            ));
        }
        let binding = match (&self.options.modern.sealer, input_capable) {
            (Some(sealer), true) => {
                let target = params
                    .get(if method == methods::RESOURCES_READ {
                        "uri"
                    } else {
                        "name"
                    })
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let arguments = params.get("arguments").cloned().unwrap_or(Value::Null);
                let caller = sealer
                    .principal(&PrincipalOf {
                        session,
                        id: &id,
                        method: &method,
                        params: &params,
                    })
                    .map_err(|why| {
                        tracing::warn!(reason = %why, %method, "no principal for requestState");
                    });
                if let Some(state) = params.get("requestState").filter(|s| !s.is_null()) {
                    let Ok(caller) = &caller else {
                        return fail(crate::request_state::invalid());
                    };
                    let b = Binding {
                        method: &method,
                        target: &target,
                        arguments: &arguments,
                        principal: caller.as_deref(),
                    };
                    match sealer.unseal(state, &b) {
                        Ok(inner) => params["requestState"] = Value::from(inner),
                        Err(e) => return fail(e),
                    }
                }
                Some((target, arguments, caller))
            }
            _ => None,
        };
        let finish = Finish {
            capabilities: if input_capable {
                session.client_capabilities()
            } else {
                Value::Null
            },
            uri: (method == methods::RESOURCES_READ)
                .then(|| params.get("uri").and_then(Value::as_str).map(str::to_owned))
                .flatten(),
            binding,
            method: method.clone(),
        };
        let answer = self.guarded(
            session,
            Request {
                id,
                method,
                params: Some(params),
            },
        );
        let server = self.clone();
        match answer {
            Dispatch::Done(m) => Dispatch::Done(m.map(|m| server.finish(m, &finish))),
            Dispatch::Pending(f) => Dispatch::Pending(Box::pin(async move {
                f.await.map(|m| server.finish(m, &finish))
            })),
        }
    }

    /// The answer to `server/discover`: the revisions spoken and the capabilities. `mcp` 2.x
    /// announces list changes and resource subscriptions exactly when `subscriptions/listen` is
    /// served; the TypeScript SDK 2.x advertises the capabilities as the server declared them.
    fn discover(&self) -> Value {
        let listen = self.options.modern.listen;
        let mut caps = self.capabilities();
        // Extensions (SEP-2133) are announced in this revision's capabilities only.
        if let (Some(e), Some(m)) = (&self.options.extensions, caps.as_object_mut())
            && self.options.capabilities.is_none()
        {
            m.insert("extensions".into(), e.clone());
        }
        if !self.options.policy.flavor.typescript_sdk() {
            for kind in ["tools", "prompts", "resources"] {
                if let Some(c) = caps.get_mut(kind).and_then(Value::as_object_mut) {
                    c.insert("listChanged".into(), Value::Bool(listen));
                    if kind == "resources" {
                        c.insert("subscribe".into(), Value::Bool(listen));
                    }
                }
            }
        }
        let versions: Vec<&str> = Revision::MODERN.iter().map(|r| r.as_str()).collect();
        let mut result = Map::new();
        result.insert("supportedVersions".into(), json!(versions));
        result.insert("capabilities".into(), caps);
        if let Some(i) = &self.options.instructions {
            result.insert("instructions".into(), Value::from(i.as_str()));
        }
        Value::Object(result)
    }

    /// Opens a listen; it answers nothing until the client cancels it or the connection ends.
    fn listen(self: &Arc<Self>, session: &Arc<Session>, id: RequestId, params: &Value) -> Dispatch {
        let filter = match Filter::parse(params) {
            Ok(f) => f,
            Err(e) => return Dispatch::Done(Some(Message::error(Some(id), e))),
        };
        let Some(cancelled) = session.begin(&id) else {
            return Dispatch::Done(Some(Message::error(
                Some(id.clone()),
                ErrorData::invalid_request(format!("request id {id} is already in flight")),
            )));
        };
        let Some((key, closing)) =
            self.listeners
                .add(session, &id, filter, self.options.modern.max_listens)
        else {
            session.end(&id);
            return Dispatch::Done(Some(Message::error(
                Some(id),
                ErrorData::new(ErrorCode::INTERNAL_ERROR, "Subscription limit reached"),
            )));
        };
        let listeners = self.listeners.clone();
        let session = session.clone();
        let server = self.clone();
        Dispatch::Pending(Box::pin(async move {
            // The client leaving ends a listen silently; the server closing it, with a result.
            let left = std::pin::pin!(cancelled.cancelled());
            let ended = std::pin::pin!(closing.cancelled());
            let closed = matches!(
                futures::future::select(left, ended).await,
                futures::future::Either::Right(_)
            );
            listeners.remove(key);
            session.end(&id);
            closed.then(|| {
                let result = json!({"_meta": { era::keys::SUBSCRIPTION_ID: id.to_value() }});
                let result = era::finish(
                    methods::SUBSCRIPTIONS_LISTEN,
                    Reply::Value(result),
                    &server.stamp,
                    None,
                );
                Message::response(id, result)
            })
        }))
    }

    /// A sessionless answer as it is sent: input-required results checked against the
    /// client's capabilities and their state sealed, every result stamped, resource-not-found
    /// as -32602 naming the URI.
    fn finish(&self, m: Message, f: &Finish) -> Message {
        match m {
            Message::Response(mut r) => {
                let input = match &r.result {
                    Reply::Object(o) => o.get("resultType") == Some("\"input_required\""),
                    Reply::Value(v) => era::is_input_required(v),
                };
                if input {
                    let mut v = match std::mem::replace(&mut r.result, Reply::Value(Value::Null))
                        .into_value()
                    {
                        Ok(v) => v,
                        Err(e) => {
                            return Message::error(
                                Some(r.id),
                                ErrorData::internal(format!("invalid result: {e}")),
                            );
                        }
                    };
                    if let Some(missing) = era::missing_capabilities(&v, &f.capabilities) {
                        return Message::error(Some(r.id), era::missing_capability_error(missing));
                    }
                    if let (Some(sealer), Some((target, arguments, caller))) =
                        (&self.options.modern.sealer, &f.binding)
                        && let Some(state) = v.get("requestState").and_then(Value::as_str)
                    {
                        let Ok(caller) = caller else {
                            return Message::error(
                                Some(r.id),
                                crate::request_state::sealing_failed(),
                            );
                        };
                        let b = Binding {
                            method: &f.method,
                            target,
                            arguments,
                            principal: caller.as_deref(),
                        };
                        match sealer.seal(state, &b) {
                            Ok(token) => v["requestState"] = Value::from(token),
                            Err(e) => return Message::error(Some(r.id), e),
                        }
                    }
                    r.result = Reply::Value(v);
                }
                let hint = self.options.modern.hint(&f.method);
                r.result = era::finish(&f.method, r.result, &self.stamp, hint);
                Message::Response(r)
            }
            Message::Error(mut e) if e.error.code == ErrorCode::RESOURCE_NOT_FOUND => {
                e.error.code = ErrorCode::INVALID_PARAMS;
                if e.error.data.is_none()
                    && let Some(uri) = &f.uri
                {
                    e.error.data = Some(json!({ "uri": uri }));
                }
                Message::Error(e)
            }
            other => other,
        }
    }
}
