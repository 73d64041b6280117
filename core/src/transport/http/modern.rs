//! Sessionless requests (2026-07-28) on the Streamable HTTP endpoint: one POST, one request,
//! no `Mcp-Session-Id`. The routing headers must agree with the body (`MCP-Protocol-Version`
//! with the envelope, `Mcp-Method` with the method, `Mcp-Name` with the tool, prompt or
//! resource), else 400 with -32020. The answer is JSON with the status its error code maps to,
//! unless the handler sends notifications first (progress, logs) or stays silent for the
//! keep-alive interval (15 s): then the POST's answer becomes an SSE stream carrying them (or
//! pings) and the result. `subscriptions/listen` is always a
//! stream, held until the client leaves.
//!
//! <https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http>

use base64::Engine;
use futures::StreamExt;
use futures::channel::mpsc;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;

use super::reply::{self, PROTOCOL_VERSION};
use super::routes::{HttpOutbound, Streams};
use super::sse::{self, EventStream, OnDrop};
use super::{HttpBody, HttpDialect, HttpService, Inbox, security};
use crate::era::{self, codes};
use crate::error::{ErrorCode, ErrorData};
use crate::jsonrpc::{Message, RequestId};
use crate::protocol::{Revision, methods};
use crate::session::{Route, Session};

mod typescript;

const METHOD: &str = "mcp-method";
const NAME: &str = "mcp-name";

/// True when a request's `MCP-Protocol-Version` header sends it to the sessionless entry: it
/// names a sessionless revision, or no revision ferromcp knows on a request of no session (a
/// session's request naming an unknown one is refused as the handshake era refuses it).
pub(super) fn routed_here(headers: &HeaderMap) -> bool {
    let Some(v) = headers.get(PROTOCOL_VERSION) else {
        return false;
    };
    match v.to_str().ok().and_then(Revision::parse_any) {
        Some(r) => r.is_modern(),
        None => headers.get(reply::SESSION_ID).is_none(),
    }
}

impl HttpService {
    /// The answer to a sessionless body that came without the version header.
    pub(super) fn missing_version_header(&self, r: &crate::jsonrpc::Request) -> Response<HttpBody> {
        let refusal = match self.options.dialect {
            HttpDialect::TypeScript => typescript::missing_version(r),
            _ => mismatch(
                r.id.clone(),
                "the required MCP-Protocol-Version header is absent",
            )
            .into(),
        };
        self.refused(*refusal)
    }

    /// A refusal's answer, once what it reports is told.
    fn refused(&self, r: Refusal) -> Response<HttpBody> {
        if let Some(report) = &r.report {
            self.tell_rejected(report);
        }
        r.response
    }
}

fn mismatch(id: RequestId, message: &str) -> Response<HttpBody> {
    refuse(id, ErrorData::new(codes::HEADER_MISMATCH, message))
}

fn refuse(id: RequestId, e: ErrorData) -> Response<HttpBody> {
    let status = StatusCode::from_u16(era::http_status(e.code)).unwrap_or(StatusCode::OK);
    reply::json(status, &Message::error(Some(id), e))
}

impl HttpService {
    pub(super) async fn sessionless<B>(&self, req: Request<B>) -> Response<HttpBody>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        if req.method() != Method::POST {
            let mut r = Response::new(reply::empty());
            *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            r.headers_mut()
                .insert(http::header::ALLOW, http::HeaderValue::from_static("POST"));
            return r;
        }
        let (json, sse) = security::accepts(req.headers());
        let acceptable = if self.options.json_response {
            json
        } else {
            json && sse
        };
        if !acceptable {
            return not_acceptable();
        }
        if !security::is_json(req.headers()) {
            return reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::INVALID_REQUEST,
                "Unsupported Media Type: Content-Type must be application/json",
            );
        }
        let token = super::auth::verified(&req);
        let authorize = super::auth::authorizer(&req);
        let (body, head) = match self.read_body(req).await {
            Ok(b) => b,
            Err(r) => return *r,
        };
        let request = match self.parse(&body) {
            Err(r) => return *r,
            Ok(Inbox {
                mut messages,
                batch: false,
                ..
            }) if messages.len() == 1 => match messages.pop() {
                Some(Message::Request(r)) => r,
                // Nothing to answer: a sessionless server acts on no client notification.
                Some(Message::Notification(_)) => return reply::accepted(),
                _ => return single_only(),
            },
            Ok(_) => return single_only(),
        };
        if request.method == methods::SUBSCRIPTIONS_LISTEN && !sse {
            return not_acceptable();
        }
        let checked = match self.options.dialect {
            HttpDialect::TypeScript => {
                typescript::check_headers(&head.headers, &request, self.dispatcher.server())
            }
            _ => check_headers(&head.headers, &request, self.dispatcher.server()),
        };
        if let Err(r) = checked {
            return self.refused(*r);
        }
        let id = request.id.clone();
        let request = Message::Request(request);
        if let Some(r) =
            super::auth::refused(authorize.as_ref(), std::slice::from_ref(&request)).await
        {
            return r;
        }
        let streams = Streams::new(false);
        let session = Arc::new(Session::new(Box::new(HttpOutbound(streams.clone()))));
        session.serve_sessionless();
        session.set_auth(token);
        session.set_origin(Some(Arc::new(head)));
        let route = Route::Request(id.clone());
        let (tx, mut rx) = mpsc::unbounded();
        streams.open(route.clone(), &tx);
        let mut answer = self.dispatcher.dispatch(session.clone(), request);
        // Python's servers commit the answer to SSE when the handler stays silent for a
        // keep-alive interval, so that pings keep proxies from closing the request; with
        // `always_sse` the answer is a stream from the start.
        let streams_ok = sse && !self.options.json_response;
        let window = if streams_ok && self.options.always_sse {
            Some(std::time::Duration::ZERO)
        } else {
            self.options.keep_alive.filter(|d| {
                streams_ok && self.options.dialect == HttpDialect::Python && !d.is_zero()
            })
        };
        let silence = async {
            match window {
                Some(d) => tokio::time::sleep(d).await,
                None => std::future::pending().await,
            }
        };
        let first = tokio::select! {
            biased;
            a = &mut answer => Err(a),
            m = rx.next() => Ok(m),
            () = silence => Ok(None),
        };
        let ping = matches!(first, Ok(None)) && !self.options.always_sse;
        let first = match first {
            // Answered before sending anything: plain JSON.
            Err(a) => {
                streams.close(&route, &tx);
                let mut sent = Vec::new();
                while let Ok(m) = rx.try_recv() {
                    sent.push(m);
                }
                let a = a.unwrap_or_else(|| cancelled(id));
                // Refusals keep their status, as those of the header checks do.
                let refused = matches!(a, Message::Error(_));
                if (sent.is_empty() && (refused || !self.options.always_sse)) || !streams_ok {
                    return answer_json(a);
                }
                return self.stream(sent, Some(a), None, rx, session, false);
            }
            Ok(m) => m,
        };
        let streaming =
            sse && (!self.options.json_response || first.as_ref().is_some_and(is_acknowledgement));
        if !streaming {
            // JSON mode: what the handler sends on the way is dropped.
            streams.close(&route, &tx);
            drop(rx);
            let a = answer.await.unwrap_or_else(|| cancelled(id));
            return answer_json(a);
        }
        let pending = async move {
            let a = answer.await;
            streams.close(&route, &tx);
            if let Some(a) = a {
                let _ = tx.unbounded_send(a);
            }
        };
        self.stream(
            first.into_iter().collect(),
            None,
            Some(Box::pin(pending)),
            rx,
            session,
            ping,
        )
    }

    /// An SSE answer: `sent` first, then what `rx` carries until `pending` has sent the answer;
    /// a client that leaves cancels the request (that is how a listen ends).
    fn stream(
        &self,
        sent: Vec<Message>,
        answer: Option<Message>,
        pending: Option<futures::future::BoxFuture<'static, ()>>,
        rx: mpsc::UnboundedReceiver<Message>,
        session: Arc<Session>,
        ping: bool,
    ) -> Response<HttpBody> {
        let mut head = Vec::with_capacity(256);
        for m in sent.iter().chain(answer.iter()) {
            sse::message(m, &mut head);
        }
        if ping {
            // Committed by silence: the stream opens with a ping.
            head.extend_from_slice(b": ping\n\n");
        }
        if pending.is_none() {
            return reply::event_stream(reply::full(head));
        }
        if let Some(p) = pending {
            self.spawn(p);
        }
        let on_close = OnDrop::new(move || session.close());
        let body = EventStream::new(rx, head, self.options.keep_alive, Some(on_close));
        reply::event_stream(body.boxed())
    }
}

fn is_acknowledgement(m: &Message) -> bool {
    matches!(m, Message::Notification(n) if n.method == methods::SUBSCRIPTIONS_ACKNOWLEDGED)
}

fn answer_json(a: Message) -> Response<HttpBody> {
    let status = match &a {
        Message::Error(e) => {
            StatusCode::from_u16(era::http_status(e.error.code)).unwrap_or(StatusCode::OK)
        }
        _ => StatusCode::OK,
    };
    reply::json(status, &a)
}

fn cancelled(id: RequestId) -> Message {
    Message::error(
        Some(id),
        ErrorData::new(ErrorCode(-32800), "Request cancelled"),
    )
}

fn not_acceptable() -> Response<HttpBody> {
    let mut r = Response::new(reply::empty());
    *r.status_mut() = StatusCode::NOT_ACCEPTABLE;
    r
}

fn single_only() -> Response<HttpBody> {
    reply::error(
        StatusCode::BAD_REQUEST,
        ErrorCode::INVALID_REQUEST,
        "Body must be a single JSON-RPC request or notification object",
    )
}

/// A request refused before dispatch: the answer, and what the service reports of it (the
/// TypeScript SDK's `createMcpHandler` tells `onerror` of each such rejection).
pub(super) struct Refusal {
    response: Response<HttpBody>,
    report: Option<String>,
}

impl From<Response<HttpBody>> for Box<Refusal> {
    fn from(response: Response<HttpBody>) -> Self {
        Box::new(Refusal {
            response,
            report: None,
        })
    }
}

/// The routing headers against the body, in the order the revision's servers check them:
/// duplicates, the envelope's presence (-32602), the version, the method, the name (-32020).
fn check_headers(
    headers: &HeaderMap,
    r: &crate::jsonrpc::Request,
    server: &crate::server::Server,
) -> Result<(), Box<Refusal>> {
    for h in [PROTOCOL_VERSION, METHOD, NAME] {
        if headers.get_all(h).iter().count() > 1 {
            return Err(
                mismatch(r.id.clone(), &format!("{h} header appears more than once")).into(),
            );
        }
    }
    let meta = era::present(r.params.as_ref())
        .map_err(|e| Box::<Refusal>::from(refuse(r.id.clone(), e)))?;
    let header = |h: &str| headers.get(h).and_then(|v| v.to_str().ok()).map(str::trim);
    if header(PROTOCOL_VERSION) != meta[era::keys::PROTOCOL_VERSION].as_str() {
        return Err(mismatch(
            r.id.clone(),
            "mcp-protocol-version header does not match the request envelope's protocol version",
        )
        .into());
    }
    if header(METHOD) != Some(r.method.as_str()) {
        return Err(mismatch(
            r.id.clone(),
            "mcp-method header does not match the request body's method",
        )
        .into());
    }
    let named = match r.method.as_str() {
        methods::TOOLS_CALL | methods::PROMPTS_GET => Some("name"),
        methods::RESOURCES_READ => Some("uri"),
        _ => None,
    };
    if let Some(key) = named {
        let body = r
            .params
            .as_ref()
            .and_then(|p| p.get(key))
            .and_then(Value::as_str);
        let given = header(NAME).and_then(decode);
        if body.is_none() || given.as_deref() != body {
            return Err(mismatch(
                r.id.clone(),
                &format!("mcp-name header does not match the request body's '{key}' parameter"),
            )
            .into());
        }
    }
    if r.method == methods::TOOLS_CALL
        && let Some(tool) = r.params.as_ref().and_then(|p| p["name"].as_str())
    {
        check_param_headers(headers, r, &server.param_headers(tool))?;
    }
    Ok(())
}

/// Each argument the tool's schema maps to an `Mcp-Param-<Name>` header travels in it too:
/// both present and equal, or both absent (`null` counts as absent).
fn check_param_headers(
    headers: &HeaderMap,
    r: &crate::jsonrpc::Request,
    wanted: &[(String, String)],
) -> Result<(), Box<Refusal>> {
    let arguments = r.params.as_ref().and_then(|p| p.get("arguments"));
    for (name, property) in wanted {
        let shown = format!("Mcp-Param-{name}");
        let header = shown.to_ascii_lowercase();
        let fail = |what: String| Err(mismatch(r.id.clone(), &what).into());
        let value = arguments
            .and_then(|a| a.get(property))
            .filter(|v| !v.is_null());
        let sent = headers
            .get(header.as_str())
            .map(|v| v.to_str().map(str::trim));
        match (sent, value) {
            (None, None) => {}
            (None, Some(_)) => {
                return fail(format!(
                    "{shown} header is missing but the request body's '{property}' argument \
                     is present"
                ));
            }
            (Some(_), None) => {
                return fail(format!(
                    "{shown} header is present but the request body's '{property}' argument \
                     is absent"
                ));
            }
            (Some(raw), Some(value)) => {
                let Some(text) = raw.ok().and_then(decode) else {
                    return fail(format!(
                        "{shown} header carries a malformed base64 sentinel value"
                    ));
                };
                if !era::param_matches(&text, value) {
                    return fail(format!(
                        "{shown} header does not match the request body's '{property}' argument"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A header value as sent: plain, or `=?base64?…?=` for values a header cannot carry.
fn decode(v: &str) -> Option<String> {
    match v
        .strip_prefix("=?base64?")
        .and_then(|x| x.strip_suffix("?="))
    {
        None => Some(v.to_owned()),
        Some(b) => base64::engine::general_purpose::STANDARD
            .decode(b)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok()),
    }
}
