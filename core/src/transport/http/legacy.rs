//! The legacy HTTP+SSE transport (2024-11-05): `GET /sse` opens a session's one stream, whose
//! first event names the endpoint to POST messages to; every answer travels on that stream.
//! The session ends when the stream closes.
//!
//! <https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse>

use futures::channel::mpsc;
use http::{Method, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::BodyExt;
use std::sync::Arc;
use std::task::Poll;
use tracing::Instrument;

use super::reply;
use super::routes::Streams;
use super::sse::{self, EventStream, OnDrop};
use super::{BasePath, HttpBody, HttpService, auth, batch_refused, security};
use crate::error::ErrorCode;
use crate::jsonrpc::Message;

use crate::session::Route;

impl HttpService {
    /// `GET /sse`: a new session and its stream.
    pub(super) fn legacy_stream<B>(&self, req: Request<B>) -> Response<HttpBody> {
        if req.method() != Method::GET {
            return reply::method_not_allowed("GET");
        }
        let streams = Streams::new(true);
        let (id, session) = match self.new_session(&streams, None) {
            Ok(s) => s,
            Err(refused) => return refused,
        };
        auth::attach(&req, &session);
        let (tx, rx) = mpsc::unbounded();
        streams.open(Route::Standalone, &tx);
        drop(tx);
        self.sessions.stream(&id, true);
        let mut head = Vec::with_capacity(96);
        let base = req
            .extensions()
            .get::<BasePath>()
            .map_or("", |b| b.0.trim_end_matches('/'));
        let endpoint = format!("{base}{}?session_id={id}", self.options.message_path);
        sse::event("endpoint", &endpoint, &mut head);
        let sessions = self.sessions.clone();
        let links = self.links.clone();
        let ended = self.ended.clone();
        let sid = id.clone();
        let on_close = OnDrop::new(move || {
            sessions.remove(&sid);
            links.lock().unwrap_or_else(|p| p.into_inner()).remove(&sid);
            tracing::debug!(session = %sid, "legacy SSE stream closed; session ended");
            if let Some(f) = ended.get() {
                f(&sid, super::SessionEnd::StreamClosed);
            }
        });
        tracing::debug!(session = %id, "legacy SSE session created");
        let body = EventStream::new(rx, head, self.options.keep_alive, Some(on_close));
        reply::event_stream(body.boxed())
    }

    /// `POST <message_path>?session_id=…`: 202 at once; answers go on the session's stream.
    pub(super) async fn legacy_message<B>(&self, req: Request<B>) -> Response<HttpBody>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        if req.method() != Method::POST {
            return reply::method_not_allowed("POST");
        }
        let Some(id) = session_param(req.uri().query().unwrap_or("")) else {
            return reply::error(
                StatusCode::BAD_REQUEST,
                ErrorCode::INVALID_REQUEST,
                "Bad Request: session_id is required",
            );
        };
        let Some((session, streams)) = self.lookup(&id).filter(|(_, s)| s.legacy) else {
            return unknown_session();
        };
        if !security::is_json(req.headers()) {
            return reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::INVALID_REQUEST,
                "Unsupported Media Type: Content-Type must be application/json",
            );
        }
        let (body, head) = match self.read_body(req).await {
            Ok(b) => b,
            Err(r) => return *r,
        };
        let inbox = match self.parse(&body) {
            Ok(i) => i,
            Err(r) => return *r,
        };
        // Lent to the session while its messages are dispatched (pending answers keep it).
        let origin: crate::session::Origin = Arc::new(head);
        session.lend_origin(&origin);
        if inbox.batch
            && let Some(refused) = batch_refused(self.options.dialect, session.protocol_version())
        {
            return refused;
        }
        for e in inbox.errors {
            streams.deliver(e, &Route::Standalone);
        }
        for m in inbox.messages {
            let request = matches!(m, Message::Request(_));
            let mut answer = self.dispatcher.dispatch(session.clone(), m);
            if !request {
                // Awaited: in effect before the client's next message.
                if let Some(a) = answer.await {
                    streams.deliver(a, &Route::Standalone);
                }
                continue;
            }
            match std::future::poll_fn(|cx| Poll::Ready(answer.as_mut().poll(cx))).await {
                Poll::Ready(a) => {
                    if let Some(a) = a {
                        streams.deliver(a, &Route::Standalone);
                    }
                }
                Poll::Pending => {
                    let streams: Arc<Streams> = streams.clone();
                    let keep = origin.clone();
                    tokio::spawn(
                        async move {
                            let _keep = keep;
                            if let Some(a) = answer.await {
                                streams.deliver(a, &Route::Standalone);
                            }
                        }
                        .in_current_span(),
                    );
                }
            }
        }
        reply::accepted()
    }
}

/// The answer to a message for a session the server does not know.
pub(super) fn unknown_session() -> Response<HttpBody> {
    reply::error(
        StatusCode::NOT_FOUND,
        ErrorCode::INVALID_REQUEST,
        "Could not find session",
    )
}

/// The `session_id` query parameter.
pub(super) fn session_param(query: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("session_id="))
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}
