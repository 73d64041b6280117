//! The Streamable HTTP endpoint: POST carries messages and answers them as JSON or as an SSE
//! stream, GET opens the session's standalone stream, DELETE ends the session.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http>

use futures::StreamExt;
use futures::channel::mpsc;
use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use http::{Method, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::BodyExt;
use std::sync::Arc;
use std::task::Poll;

use super::reply::{self, PROTOCOL_VERSION, SESSION_ID};
use super::resume::{self, LAST_EVENT_ID};
use super::routes::{HttpOutbound, Sender, Streams};
use super::sse::{self, EventStream, OnDrop};
use super::{
    ChosenSessionId, HttpBody, HttpDialect, HttpService, Inbox, Refused, auth, batch_refused,
    security,
};
use crate::error::{ErrorCode, ErrorData};
use crate::jsonrpc::{Message, RequestId};
use crate::protocol::{Revision, SUPPORTED_VERSIONS, methods};
use crate::session::{Route, Session};

/// Code of the answer to a request that ended without one (cancelled) when the answer must be
/// a JSON body: LSP's `RequestCancelled`, as the official Python SDK answers on 2025 revisions.
const REQUEST_CANCELLED: ErrorCode = ErrorCode(-32800);

/// The revision assumed when a stateless request names none (spec: "Protocol Version Header").
const DEFAULT_REVISION: Revision = Revision::V2025_03_26;

type Answer = BoxFuture<'static, Option<Message>>;

impl HttpService {
    #[allow(
        clippy::manual_async_fn,
        reason = "an async fn holds its arguments twice (see `HttpService::handle`)"
    )]
    pub(super) fn streamable<B>(&self, req: Request<B>) -> impl Future<Output = Response<HttpBody>>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        async move {
            let sessionless = self.dispatcher.server().serves_sessionless();
            if sessionless && super::modern::routed_here(req.headers()) {
                return Box::pin(self.sessionless(req)).await;
            }
            let stateless = self.options.stateless;
            let method = req.method();
            if method != Method::POST && method != Method::GET && method != Method::DELETE {
                return reply::method_not_allowed(if stateless {
                    "POST"
                } else {
                    "GET, POST, DELETE"
                });
            }
            if stateless {
                if method != Method::POST {
                    return reply::method_not_allowed("POST");
                }
                return Box::pin(self.post_stateless(req)).await;
            }
            // An id the server does not know is 404 before anything else, as the official
            // session manager answers.
            let found = match req.headers().get(SESSION_ID) {
                None => None,
                Some(v) => {
                    let id = v.to_str().unwrap_or("").to_owned();
                    match self.find(&id, auth::verified(&req)).await {
                        Some((session, streams)) => Some((id, session, streams)),
                        None => return session_not_found(self.options.dialect),
                    }
                }
            };
            if req.method() == Method::POST {
                return match found {
                    None => Box::pin(self.post_new(req)).await,
                    Some((id, session, streams)) => {
                        Box::pin(self.post(req, session, streams, id)).await
                    }
                };
            }
            let get = req.method() == Method::GET;
            if get && !security::accepts(req.headers()).1 {
                return not_acceptable(
                    self.options.dialect,
                    "Not Acceptable: Client must accept text/event-stream",
                );
            }
            let Some((id, session, streams)) = found else {
                return missing_session(self.options.dialect);
            };
            let revision = match header_revision(&req, self.options.dialect) {
                Ok(r) => r.or(session.protocol_version()),
                Err(r) => return *r,
            };
            if get {
                if streams.resumable().is_some() {
                    let last = req
                        .headers()
                        .get(LAST_EVENT_ID)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    return Box::pin(self.resumed(streams, id, last, revision)).await;
                }
                return self.standalone(streams, id);
            }
            self.end_session(&id, &streams);
            self.sessions.retire();
            #[cfg(feature = "redis")]
            self.shared_ended(&id).await;
            tracing::debug!(session = %id, "session ended by the client");
            reply::with_session(reply::ok(), Some(&id))
        }
    }

    /// Checks what every POST must offer and accept, then reads and parses its body.
    fn post_body<B>(&self, req: Request<B>) -> impl Future<Output = Result<Inbox, Refused>>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        use futures::FutureExt;
        use futures::future::{Either, ready};
        if let Some(r) = self.post_refused(req.headers()) {
            return Either::Left(ready(Err(r.into())));
        }
        // A combinator rather than an `async` block: awaiting a captured future would hold it
        // twice in this one.
        Either::Right(self.read_body(req).map(move |read| {
            let (body, head) = read?;
            let mut inbox = self.parse(&body)?;
            inbox.origin = Some(Arc::new(head));
            Ok(inbox)
        }))
    }

    /// The answer to a POST that does not offer or accept what it must.
    fn post_refused(&self, headers: &http::HeaderMap) -> Option<Response<HttpBody>> {
        let (json, sse) = security::accepts(headers);
        if self.options.json_response {
            if !json {
                return Some(not_acceptable(
                    self.options.dialect,
                    "Not Acceptable: Client must accept application/json",
                ));
            }
        } else if !(json && sse) {
            return Some(not_acceptable(
                self.options.dialect,
                "Not Acceptable: Client must accept both application/json and text/event-stream",
            ));
        }
        if !security::is_json(headers) {
            return Some(reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                refusal_code(self.options.dialect),
                "Unsupported Media Type: Content-Type must be application/json",
            ));
        }
        None
    }

    /// A POST without a session: only `initialize` may start one.
    async fn post_new<B>(&self, req: Request<B>) -> Response<HttpBody>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let token = auth::verified(&req);
        let authorize = auth::authorizer(&req);
        let chosen = req.extensions().get::<ChosenSessionId>().cloned();
        let mut inbox = match self.post_body(req).await {
            Ok(i) => i,
            Err(r) => return *r,
        };
        let initialize = !inbox.batch
            && matches!(&inbox.messages[..], [Message::Request(r)] if r.method == methods::INITIALIZE);
        if let [Message::Request(r)] = &inbox.messages[..]
            && !inbox.batch
            && self.dispatcher.server().serves_sessionless()
            && crate::era::claims(&r.method, r.params.as_ref())
        {
            return self.missing_version_header(r);
        }
        if !initialize {
            return missing_session(self.options.dialect);
        }
        if self.options.dialect == HttpDialect::TypeScript && !self.sessions.is_empty() {
            return already_initialized();
        }
        if let Some(r) = auth::refused(authorize.as_ref(), &inbox.messages).await {
            return r;
        }
        let message = inbox.messages.pop().expect("one message");
        let streams = Streams::new(false);
        let (id, session) = match self.new_session(&streams, chosen.as_ref()) {
            Ok(s) => s,
            Err(refused) => return refused,
        };
        session.set_auth(token);
        // Kept until the dispatch below is answered.
        let origin = inbox.origin.take();
        if let Some(o) = &origin {
            session.lend_origin(o);
        }
        #[cfg(feature = "redis")]
        if let Some(tag) = self.member_tag() {
            session.set_request_prefix(&format!("{tag}-"));
        }
        let answer = self.dispatcher.dispatch(session.clone(), message).await;
        drop(origin);
        // A failed initialize starts nothing: the client tries again without a session.
        let sid = match &answer {
            Some(Message::Response(_)) => {
                tracing::debug!(session = %id, "session created");
                if let Some(r) = self.resumable(&id) {
                    streams.set_resumable(r);
                }
                #[cfg(feature = "redis")]
                self.shared_begun(&id, &session).await;
                Some(id)
            }
            _ => {
                self.drop_session(&id, &streams);
                None
            }
        };
        let answer = answer.unwrap_or_else(|| {
            Message::error(None, ErrorData::internal("initialize was not answered"))
        });
        let r = if self.options.json_response {
            reply::json(StatusCode::OK, &answer)
        } else {
            let mut out = Vec::with_capacity(256);
            sse::message(&answer, &mut out);
            reply::event_stream(reply::full(out))
        };
        reply::with_session(r, sid.as_deref())
    }

    /// A POST on session `id`.
    fn post<B>(
        &self,
        req: Request<B>,
        session: Arc<Session>,
        streams: Arc<Streams>,
        id: String,
    ) -> impl Future<Output = Response<HttpBody>>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        use futures::FutureExt;
        use futures::future::{Either, ready};
        if let Err(r) = header_revision(&req, self.options.dialect) {
            return Either::Left(ready(*r));
        }
        // A host framework that authenticated the request itself (Node's bearer middleware)
        // hands the token over as the request's `Verified` extension.
        auth::attach(&req, &session);
        let authorize = auth::authorizer(&req);
        // Chained rather than awaited: the request is gone once its body is read.
        Either::Right(self.post_body(req).then(move |inbox| async move {
            let inbox = match inbox {
                Ok(i) => i,
                Err(r) => return *r,
            };
            if inbox.batch
                && let Some(refused) =
                    batch_refused(self.options.dialect, session.protocol_version())
            {
                return reply::with_session(refused, Some(&id));
            }
            if self.options.dialect == HttpDialect::TypeScript
                && inbox
                    .messages
                    .iter()
                    .any(|m| matches!(m, Message::Request(r) if r.method == methods::INITIALIZE))
            {
                return reply::with_session(already_initialized(), Some(&id));
            }
            if let Some(r) = auth::refused(authorize.as_ref(), &inbox.messages).await {
                return r;
            }
            #[cfg(feature = "redis")]
            let changes = self.shared_inbound(&id, &session, &inbox).await;
            #[cfg(feature = "redis")]
            let kept = session.clone();
            let r = Box::pin(self.answer(session, streams, inbox, Some(&id))).await;
            #[cfg(feature = "redis")]
            if changes {
                self.shared_changed(&id, &kept).await;
            }
            reply::with_session(r, Some(&id))
        }))
    }

    /// A POST of a stateless server: a fresh session that is gone once the POST is answered.
    async fn post_stateless<B>(&self, req: Request<B>) -> Response<HttpBody>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let revision = match header_revision(&req, self.options.dialect) {
            Ok(r) => r.unwrap_or(DEFAULT_REVISION),
            Err(r) => return *r,
        };
        let token = auth::verified(&req);
        let authorize = auth::authorizer(&req);
        let inbox = match self.post_body(req).await {
            Ok(i) => i,
            Err(r) => return *r,
        };
        if inbox.batch
            && let Some(refused) = batch_refused(self.options.dialect, Some(revision))
        {
            return refused;
        }
        if let Some(r) = auth::refused(authorize.as_ref(), &inbox.messages).await {
            return r;
        }
        let streams = Streams::new(false);
        let outbound = Box::new(HttpOutbound(streams.clone()));
        let initialize =
            matches!(&inbox.messages[..], [Message::Request(r)] if r.method == methods::INITIALIZE);
        // `initialize` is answered as usual (on a session that has not seen one); anything
        // else runs on a session initialized with the revision the request names.
        let session = if initialize {
            Arc::new(Session::new(outbound))
        } else {
            self.sessions.stateless(outbound, revision)
        };
        session.set_auth(token);
        self.answer(session, streams, inbox, None).await
    }

    /// Dispatches the messages of one POST and answers it: 202 when it carried no request,
    /// else the answers as JSON or as an SSE stream carrying first what the handlers send while
    /// serving them.
    async fn answer(
        &self,
        session: Arc<Session>,
        streams: Arc<Streams>,
        inbox: Inbox,
        sid: Option<&str>,
    ) -> Response<HttpBody> {
        let Inbox {
            messages,
            origin,
            errors,
            batch,
        } = inbox;
        // Lent to the session until every message is dispatched: pending answers keep it.
        if let Some(o) = &origin {
            session.lend_origin(o);
        }
        let requests = messages
            .iter()
            .filter(|m| matches!(m, Message::Request(_)))
            .count();
        let mut done = errors;
        let messages = if requests == 0 {
            // In order, before answering: a notification (`initialized`, `cancelled`) or a
            // response is in effect when the client sends its next message.
            for m in messages {
                done.extend(self.dispatcher.dispatch(session.clone(), m).await);
            }
            if done.is_empty() {
                return reply::accepted();
            }
            Vec::new()
        } else {
            messages
        };
        let sse = !self.options.json_response;
        let (tx, mut rx) = mpsc::unbounded();
        let mut pending: Vec<(RequestId, Answer)> = Vec::new();
        let mut routes = Vec::new();
        let resumable = sse && streams.resumable().is_some();
        for m in messages {
            let Message::Request(r) = &m else {
                done.extend(self.dispatcher.dispatch(session.clone(), m).await);
                continue;
            };
            let id = r.id.clone();
            let route = Route::Request(id.clone());
            let opened = sse && streams.open(route.clone(), &tx);
            if opened && resumable {
                routes.push(route.clone());
            }
            let mut answer = self.dispatcher.dispatch(session.clone(), m);
            // Most handlers answer at once: then nothing is spawned and the body is whole.
            match poll_once(&mut answer).await {
                Poll::Ready(a) => {
                    if opened {
                        streams.close(&route, &tx);
                    }
                    // A JSON answer needs a body even for a request cancelled at once.
                    done.extend(a.or_else(|| (!sse).then(|| cancelled(id))));
                }
                Poll::Pending => {
                    let keep = origin.clone();
                    pending.push((
                        id,
                        Box::pin(async move {
                            let a = answer.await;
                            drop(keep);
                            a
                        }),
                    ));
                }
            }
        }
        if !sse {
            if !pending.is_empty() {
                // Spawned: a client that goes away does not cancel its requests.
                let (otx, orx) = futures::channel::oneshot::channel();
                let wait = futures::future::join_all(
                    pending
                        .into_iter()
                        .map(|(id, f)| async { f.await.or_else(|| Some(cancelled(id))) }),
                );
                self.spawn(async move {
                    let _ = otx.send(wait.await);
                });
                if let Ok(answers) = orx.await {
                    done.extend(answers.into_iter().flatten());
                }
            }
            return match (batch, done.len()) {
                (false, 1) => reply::json(StatusCode::OK, &done[0]),
                (false, _) => reply::json(
                    StatusCode::OK,
                    &done.pop().unwrap_or_else(|| {
                        Message::error(None, ErrorData::internal("the request was not answered"))
                    }),
                ),
                (true, _) => reply::json(StatusCode::OK, &Message::Batch(done)),
            };
        }
        let on_close = |sessions: &Arc<crate::sessions::SessionManager>| {
            sid.map(|id| {
                let sessions = sessions.clone();
                let id = id.to_owned();
                sessions.stream(&id, true);
                OnDrop::new(move || sessions.stream(&id, false))
            })
        };
        if let Some(r) = streams.resumable() {
            // Every message is stored, and the stream lives until the last answer is.
            for m in done {
                let _ = tx.unbounded_send(m);
            }
            let stream = r.stream_id(streams.stream_number());
            let body = r.pump(
                stream,
                routes,
                rx,
                resume::primes(session.protocol_version()),
            );
            if pending.is_empty() {
                drop(tx);
            } else {
                self.spawn(finish(pending, streams.clone(), tx));
            }
            let on_close = on_close(&self.sessions);
            let body = EventStream::new(body, Vec::new(), self.options.keep_alive, on_close);
            return reply::event_stream(body.boxed());
        }
        if pending.is_empty() {
            drop(tx);
            let mut out = Vec::with_capacity(256);
            while let Ok(m) = rx.try_recv() {
                sse::message(&m, &mut out);
            }
            for m in &done {
                sse::message(m, &mut out);
            }
            return reply::event_stream(reply::full(out));
        }
        // After what the handlers already sent, in order.
        for m in done {
            let _ = tx.unbounded_send(m);
        }
        self.spawn(finish(pending, streams, tx));
        let on_close = on_close(&self.sessions);
        let body = EventStream::new(rx, Vec::new(), self.options.keep_alive, on_close);
        reply::event_stream(body.boxed())
    }

    /// The session's standalone stream (GET).
    fn standalone(&self, streams: Arc<Streams>, id: String) -> Response<HttpBody> {
        let (tx, rx) = mpsc::unbounded();
        if !streams.open(Route::Standalone, &tx) {
            return reply::with_session(standalone_conflict(), Some(&id));
        }
        // The route holds the only sender: ending the session ends the stream.
        drop(tx);
        let sessions = self.sessions.clone();
        sessions.stream(&id, true);
        let sid = id.clone();
        let on_close = OnDrop::new(move || {
            streams.prune(&Route::Standalone);
            sessions.stream(&sid, false);
        });
        let body = EventStream::new(rx, Vec::new(), self.options.keep_alive, Some(on_close));
        reply::with_session(reply::event_stream(body.boxed()), Some(&id))
    }
}

impl HttpService {
    /// A GET on a session whose streams are resumable: with `Last-Event-ID`, what the client
    /// missed on that event's stream and then what follows, if it is live; without, the
    /// standalone stream from now on.
    async fn resumed(
        &self,
        streams: Arc<Streams>,
        id: String,
        last: Option<String>,
        revision: Option<Revision>,
    ) -> Response<HttpBody> {
        let r = streams.resumable().expect("resumable streams");
        let rx = match last {
            Some(last) => match r.resume(&last, revision).await {
                Ok(Some(rx)) => rx,
                // An event the store does not know: nothing to replay, the stream ends.
                Ok(None) => {
                    return reply::with_session(reply::event_stream(reply::empty()), Some(&id));
                }
                Err(e) => {
                    tracing::warn!(session = %id, error = %e, "replay failed");
                    return reply::with_session(
                        reply::error(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            ErrorCode::INTERNAL_ERROR,
                            "Error replaying events",
                        ),
                        Some(&id),
                    );
                }
            },
            None => {
                if r.standalone_held() {
                    return reply::with_session(standalone_conflict(), Some(&id));
                }
                streams.ensure_standalone();
                let (body, rx) = mpsc::unbounded();
                r.hold_standalone(body);
                rx
            }
        };
        let sessions = self.sessions.clone();
        sessions.stream(&id, true);
        let sid = id.clone();
        let on_close = OnDrop::new(move || sessions.stream(&sid, false));
        let body = EventStream::new(rx, Vec::new(), self.options.keep_alive, Some(on_close));
        reply::with_session(reply::event_stream(body.boxed()), Some(&id))
    }
}

fn standalone_conflict() -> Response<HttpBody> {
    reply::error(
        StatusCode::CONFLICT,
        ErrorCode::INVALID_REQUEST,
        "Conflict: Only one SSE stream is allowed per session",
    )
}

/// Sends each answer on the POST's stream as it comes, then ends the stream.
async fn finish(pending: Vec<(RequestId, Answer)>, streams: Arc<Streams>, tx: Sender) {
    let mut all: FuturesUnordered<_> = pending
        .into_iter()
        .map(|(id, f)| async move { (id, f.await) })
        .collect();
    while let Some((id, answer)) = all.next().await {
        streams.close(&Route::Request(id), &tx);
        // No answer: the request was cancelled, and a cancelled request is not answered.
        if let Some(a) = answer
            && tx.unbounded_send(a).is_err()
        {
            tracing::debug!("the client left before the answer; dropped");
        }
    }
}

/// Polls `f` once.
async fn poll_once(f: &mut Answer) -> Poll<Option<Message>> {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx))).await
}

fn cancelled(id: RequestId) -> Message {
    Message::error(
        Some(id),
        ErrorData::new(REQUEST_CANCELLED, "Request cancelled"),
    )
}

/// The revision the `MCP-Protocol-Version` header names, if present; 400 when it names none
/// ferromcp speaks.
fn header_revision<B>(req: &Request<B>, dialect: HttpDialect) -> Result<Option<Revision>, Refused> {
    let Some(v) = req.headers().get(PROTOCOL_VERSION) else {
        return Ok(None);
    };
    let v = v.to_str().unwrap_or("");
    if let Some(r) = Revision::parse(v) {
        return Ok(Some(r));
    }
    let message = match dialect {
        HttpDialect::Python => format!(
            "Bad Request: Unsupported protocol version: {v}. Supported versions: {}",
            SUPPORTED_VERSIONS.join(", ")
        ),
        // The TypeScript SDK lists its versions newest first, 2024-10-07 included.
        HttpDialect::TypeScript => format!(
            "Bad Request: Unsupported protocol version: {v} (supported versions: 2025-11-25, \
             2025-06-18, 2025-03-26, 2024-11-05, 2024-10-07)"
        ),
    };
    Err(reply::error(StatusCode::BAD_REQUEST, refusal_code(dialect), message).into())
}

/// The code of a refusal's error body: -32600, or -32000 in the TypeScript SDK.
fn refusal_code(dialect: HttpDialect) -> ErrorCode {
    match dialect {
        HttpDialect::Python => ErrorCode::INVALID_REQUEST,
        HttpDialect::TypeScript => ErrorCode::CONNECTION_CLOSED,
    }
}

fn not_acceptable(dialect: HttpDialect, message: &str) -> Response<HttpBody> {
    reply::error(StatusCode::NOT_ACCEPTABLE, refusal_code(dialect), message)
}

fn missing_session(dialect: HttpDialect) -> Response<HttpBody> {
    let message = match dialect {
        HttpDialect::Python => "Bad Request: Missing session ID",
        HttpDialect::TypeScript => "Bad Request: Mcp-Session-Id header is required",
    };
    reply::error(StatusCode::BAD_REQUEST, refusal_code(dialect), message)
}

pub(super) fn session_not_found(dialect: HttpDialect) -> Response<HttpBody> {
    let code = match dialect {
        HttpDialect::Python => ErrorCode::INVALID_REQUEST,
        HttpDialect::TypeScript => ErrorCode::REQUEST_TIMEOUT,
    };
    reply::error(StatusCode::NOT_FOUND, code, "Session not found")
}

/// The TypeScript SDK's transport serves one session: a second `initialize` is refused.
pub(super) fn already_initialized() -> Response<HttpBody> {
    reply::error(
        StatusCode::BAD_REQUEST,
        ErrorCode::INVALID_REQUEST,
        "Invalid Request: Server already initialized",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{ServerBuilder, ServerOptions};
    use http_body_util::Full;

    /// Past 1000 bytes a request glibc serves outside its per-thread cache (see
    /// [`HttpService::handle`]).
    const SMALL: usize = 1000;

    #[test]
    fn a_post_is_allocated_in_pieces_malloc_serves_from_its_cache() {
        let server = ServerBuilder::new(ServerOptions::default()).build();
        let service = HttpService::new(
            Arc::new(crate::dispatch::Inline(server)),
            super::super::HttpOptions::default(),
        );
        let post = || {
            Request::post("/mcp")
                .body(Full::new(bytes::Bytes::new()))
                .unwrap()
        };
        let streams = Streams::new(false);
        let session = Arc::new(Session::new(Box::new(super::super::routes::HttpOutbound(
            streams.clone(),
        ))));
        let inbox = || Inbox {
            messages: Vec::new(),
            origin: None,
            errors: Vec::new(),
            batch: false,
        };
        // What the bindings box, and the boxes on a POST's way to its answer.
        let sizes = [
            ("handle", size_of_val(&service.handle(post()))),
            ("route", size_of_val(&service.route(post()))),
            (
                "post",
                size_of_val(&service.post(post(), session.clone(), streams.clone(), "s".into())),
            ),
            (
                "answer",
                size_of_val(&service.answer(session.clone(), streams.clone(), inbox(), None)),
            ),
        ];
        for (name, size) in sizes {
            assert!(size <= SMALL, "{name}'s future is {size} bytes");
        }
    }
}
