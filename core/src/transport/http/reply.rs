//! The responses the HTTP service builds: JSON-RPC error bodies with their status, JSON answers,
//! `202 Accepted`, and the headers every SSE response carries.

use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Response, StatusCode};
use http_body_util::{BodyExt, Empty, Full};

use super::HttpBody;
use crate::error::{ErrorCode, ErrorData};
use crate::jsonrpc::Message;

/// The header that carries a session's id.
pub const SESSION_ID: &str = "mcp-session-id";
/// The header that carries the negotiated protocol revision.
pub const PROTOCOL_VERSION: &str = "mcp-protocol-version";

pub(crate) const JSON: HeaderValue = HeaderValue::from_static("application/json");
pub(crate) const EVENT_STREAM: HeaderValue = HeaderValue::from_static("text/event-stream");

pub(crate) fn full(bytes: impl Into<Bytes>) -> HttpBody {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

pub(crate) fn empty() -> HttpBody {
    Empty::new().map_err(|never| match never {}).boxed()
}

/// A response whose body is a JSON-RPC error without an id, as the official servers answer
/// transport-level failures.
pub(crate) fn error(
    status: StatusCode,
    code: ErrorCode,
    message: impl Into<String>,
) -> Response<HttpBody> {
    let message = message.into();
    tracing::debug!(status = status.as_u16(), %message, "request refused");
    json(status, &Message::error(None, ErrorData::new(code, message)))
}

/// A response carrying `message` as JSON.
pub(crate) fn json(status: StatusCode, message: &Message) -> Response<HttpBody> {
    let mut out = Vec::with_capacity(128);
    message.write_to(&mut out);
    let mut r = Response::new(full(out));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, JSON);
    r
}

/// `202 Accepted` with no body: what notifications and responses get.
pub(crate) fn accepted() -> Response<HttpBody> {
    let mut r = Response::new(empty());
    *r.status_mut() = StatusCode::ACCEPTED;
    r
}

/// `200 OK` with no body.
pub(crate) fn ok() -> Response<HttpBody> {
    Response::new(empty())
}

/// `405 Method Not Allowed` naming what is.
pub(crate) fn method_not_allowed(allow: &'static str) -> Response<HttpBody> {
    let mut r = error(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::INVALID_REQUEST,
        "Method Not Allowed",
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

/// A `200` SSE response around `body`.
pub(crate) fn event_stream(body: HttpBody) -> Response<HttpBody> {
    let mut r = Response::new(body);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, EVENT_STREAM);
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-transform"),
    );
    // Proxies that buffer (nginx) would hold events back until the stream ends.
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    r
}

/// Adds the session header when the response belongs to a session.
pub(crate) fn with_session(mut r: Response<HttpBody>, id: Option<&str>) -> Response<HttpBody> {
    if let Some(v) = id.and_then(|id| HeaderValue::from_str(id).ok()) {
        r.headers_mut().insert(SESSION_ID, v);
    }
    r
}
