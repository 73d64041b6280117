//! Middleware around the whole request path (the official 2.x `Server.middleware`): an
//! [`Interceptor`] sees every inbound request and notification — `initialize`, the pre-init
//! gate, unknown methods, params checks and the handler all run inside the `next` it is given —
//! and may rewrite the method and params, answer on its own, or observe a failure. With no
//! interceptor installed the router pays nothing for the hook.

use futures::future::BoxFuture;
use serde_json::Value;
use std::sync::Arc;

use crate::error::ErrorData;
use crate::jsonrpc::{Message, Reply, RequestId};
use crate::session::Session;

/// An inbound message as an interceptor sees it.
pub struct Call {
    /// The session it arrived on.
    pub session: Arc<Session>,
    /// The request's id; `None` for a notification.
    pub id: Option<RequestId>,
    /// The method.
    pub method: String,
    /// The params as sent.
    pub params: Option<Value>,
}

/// How a request ended: its result, its error, or no answer at all (it was cancelled).
pub type Outcome = Option<Result<Reply, ErrorData>>;

/// The rest of the chain for a request: the server's own dispatch, with the method and params
/// the interceptor passes on.
pub type Next = Box<dyn FnOnce(String, Option<Value>) -> BoxFuture<'static, Outcome> + Send>;

/// The rest of the chain for a notification.
pub type NextNotification = Box<dyn FnOnce(String, Option<Value>) + Send>;

/// Middleware over every inbound message, supplied by a binding.
pub trait Interceptor: Send + Sync + 'static {
    /// Wraps one request; call `next` (at most once) to continue into the server.
    fn request(&self, call: Call, next: Next) -> BoxFuture<'static, Outcome>;

    /// Wraps one notification; call `next` to continue into the server.
    fn notification(&self, call: Call, next: NextNotification);
}

/// The outcome carried by an answer message.
pub(crate) fn outcome(answer: Option<Message>) -> Outcome {
    match answer? {
        Message::Response(r) => Some(Ok(r.result)),
        Message::Error(e) => Some(Err(e.error)),
        other => Some(Err(ErrorData::internal(format!(
            "unexpected answer {}",
            other.to_json()
        )))),
    }
}
