//! The one trait a binding implements to supply a handler, and what a handler receives.

use futures::future::BoxFuture;
use serde_json::Value;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

use crate::error::ErrorData;
pub use crate::jsonrpc::Reply;
use crate::jsonrpc::RequestId;
use crate::policy::Raised;
use crate::session::{Route, Session};

/// How a handler failed. The server's [`crate::policy::Policy`] decides what the peer sees.
#[derive(Debug, Clone, PartialEq)]
pub enum HandlerError {
    /// Answer with exactly this JSON-RPC error.
    Rpc(ErrorData),
    /// The author's code raised or threw: answered by the rules of the API generation the
    /// handler was written for.
    Raised(Box<Raised>),
    /// The handler could not produce an answer (a result that cannot be sent, a binding
    /// failure). `tools/call` answers it with an `isError` result carrying the message; other
    /// methods with -32603.
    Failed(String),
}

impl HandlerError {
    /// A failure with a message.
    pub fn failed(message: impl Into<String>) -> Self {
        Self::Failed(message.into())
    }
}

impl From<ErrorData> for HandlerError {
    fn from(e: ErrorData) -> Self {
        Self::Rpc(e)
    }
}

/// What a handler knows about the request it serves.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// The request's id.
    pub request_id: RequestId,
    /// The method being served.
    pub method: Arc<str>,
    /// `params._meta` as sent, if any.
    pub meta: Option<Value>,
    /// Fires when the client cancels the request or the connection closes.
    pub cancellation: CancellationToken,
    /// The session the request arrived on.
    pub session: Arc<Session>,
    /// What carried the request ([`Session::set_origin`]): over HTTP, the request's head.
    pub origin: Option<crate::session::Origin>,
}

impl RequestContext {
    /// The `progressToken` the client attached, if any.
    pub fn progress_token(&self) -> Option<&Value> {
        self.meta.as_ref()?.get("progressToken")
    }

    /// The stream what this handler sends belongs on: its request's.
    pub fn route(&self) -> Route {
        Route::Request(self.request_id.clone())
    }

    /// Reports progress for this request; does nothing without a progress token.
    pub fn report_progress(&self, progress: f64, total: Option<f64>, message: Option<&str>) {
        if let Some(token) = self.progress_token() {
            self.session
                .progress(&self.route(), token.clone(), progress, total, message);
        }
    }
}

/// The result a handler produces: the JSON result object, or how it failed.
pub type HandlerResult = Result<Reply, HandlerError>;

/// A request handler supplied by a binding or by Rust code.
///
/// `call` runs on the thread that dispatches the request; the returned future may complete at
/// once (the common case, and then no thread hop happens) or later.
pub trait Handler: Send + Sync + 'static {
    /// Handles one request. `params` is the request's params object (`{}` when absent).
    fn call(&self, ctx: RequestContext, params: Value) -> BoxFuture<'static, HandlerResult>;
}

/// A notification handler.
pub trait NotificationHandler: Send + Sync + 'static {
    /// Handles one notification.
    fn notify(&self, session: Arc<Session>, params: Value);
}

/// A handler made from an async closure, for Rust servers and tests.
pub struct FnHandler<F>(pub F);

impl<F, Fut, R> Handler for FnHandler<F>
where
    F: Fn(RequestContext, Value) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, HandlerError>> + Send + 'static,
    R: Into<Reply> + 'static,
{
    fn call(&self, ctx: RequestContext, params: Value) -> BoxFuture<'static, HandlerResult> {
        let fut = (self.0)(ctx, params);
        Box::pin(async move { fut.await.map(Into::into) })
    }
}

/// Wraps an async closure as a [`Handler`].
pub fn handler_fn<F, Fut, R>(f: F) -> Arc<dyn Handler>
where
    F: Fn(RequestContext, Value) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, HandlerError>> + Send + 'static,
    R: Into<Reply> + 'static,
{
    Arc::new(FnHandler(f))
}
