//! JS handlers as the core calls them. The core calls [`JsHandler::call`] on the JS thread
//! (inside a native call); it hands the request to the script's `invoke` callback with a token,
//! and the script settles the token — at once for a handler that returned a value or threw, from
//! the promise's reaction for one that returned a promise — through [`Calls::settle`].

use futures::future::BoxFuture;
use napi::bindgen_prelude::{FnArgs, FunctionRef};
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Waker};

use ferromcp_core::handler::{Handler, HandlerError, HandlerResult, NotificationHandler};
use ferromcp_core::{RequestContext, Session};

use crate::convert::id_json;
use crate::runtime::{Executor, lock, with_env};

/// `(handler, token, params JSON, request id JSON)`.
pub type InvokeArgs = (u32, u32, String, String);

/// One request a JS handler is serving.
struct Slot {
    ctx: RequestContext,
    result: Option<HandlerResult>,
    waker: Option<Waker>,
}

/// Tokens of requests being served; never reused while the connection lives, so a promise
/// settling after its request was cancelled cannot answer another request.
#[derive(Default)]
struct Slots {
    by_token: std::collections::HashMap<u32, Slot>,
    next: u32,
}

impl Slots {
    fn get_mut(&mut self, token: usize) -> Option<&mut Slot> {
        self.by_token.get_mut(&(token as u32))
    }

    fn get(&self, token: usize) -> Option<&Slot> {
        self.by_token.get(&(token as u32))
    }

    fn remove(&mut self, token: usize) -> Option<Slot> {
        self.by_token.remove(&(token as u32))
    }

    fn insert(&mut self, slot: Slot) -> usize {
        loop {
            self.next = self.next.wrapping_add(1);
            if let std::collections::hash_map::Entry::Vacant(e) = self.by_token.entry(self.next) {
                e.insert(slot);
                return self.next as usize;
            }
        }
    }
}

/// The requests a connection's JS handlers are serving, by token.
pub struct Calls {
    slots: Mutex<Slots>,
    invoke: FunctionRef<FnArgs<InvokeArgs>, ()>,
    notify: FunctionRef<FnArgs<(u32, String, String)>, ()>,
    exec: Mutex<Weak<Executor>>,
}

impl Calls {
    pub fn new(
        invoke: FunctionRef<FnArgs<InvokeArgs>, ()>,
        notify: FunctionRef<FnArgs<(u32, String, String)>, ()>,
    ) -> Self {
        Self {
            slots: Mutex::new(Slots::default()),
            invoke,
            notify,
            exec: Mutex::new(Weak::new()),
        }
    }

    pub fn bind(&self, exec: &Arc<Executor>) {
        *lock(&self.exec) = Arc::downgrade(exec);
    }

    /// The request behind `token`, while its handler runs.
    pub fn context(&self, token: u32) -> Option<RequestContext> {
        lock(&self.slots).get(token as usize).map(|s| s.ctx.clone())
    }

    /// The script's answer for `token`; a token already settled or dropped is ignored (a
    /// promise that settles after its request was cancelled).
    pub fn settle(&self, token: u32, result: HandlerResult) {
        let waker = {
            let mut slots = lock(&self.slots);
            let Some(slot) = slots.get_mut(token as usize) else {
                return;
            };
            if slot.result.is_some() {
                return;
            }
            slot.result = Some(result);
            slot.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    fn call(self: &Arc<Self>, handler: u32, ctx: RequestContext, params: Value) -> SlotFuture {
        let id = id_json(&ctx.request_id);
        let token = lock(&self.slots).insert(Slot {
            ctx,
            result: None,
            waker: None,
        }) as u32;
        let fut = SlotFuture {
            calls: self.clone(),
            token,
            done: false,
        };
        let called = with_env(|env| {
            self.invoke
                .borrow_back(env)
                .and_then(|f| f.call((handler, token, params.to_string(), id).into()))
        });
        match called {
            Some(Ok(())) => {}
            Some(Err(e)) => self.settle(token, Err(HandlerError::failed(e.to_string()))),
            None => self.settle(
                token,
                Err(HandlerError::failed(
                    "a JS handler was called off the JS thread",
                )),
            ),
        }
        fut
    }
}

/// Resolves with what the script settled a token with.
struct SlotFuture {
    calls: Arc<Calls>,
    token: u32,
    done: bool,
}

impl Future for SlotFuture {
    type Output = HandlerResult;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<HandlerResult> {
        let token = self.token as usize;
        let mut slots = lock(&self.calls.slots);
        let Some(slot) = slots.get_mut(token) else {
            return Poll::Ready(Err(HandlerError::failed("the request was dropped")));
        };
        match slot.result.take() {
            Some(r) => {
                slots.remove(token);
                drop(slots);
                self.done = true;
                Poll::Ready(r)
            }
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for SlotFuture {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        lock(&self.calls.slots).remove(self.token as usize);
        // The handler is still running: its `AbortSignal` fires after this entry point.
        if let Some(exec) = lock(&self.calls.exec).upgrade() {
            exec.host().aborted(self.token);
        }
    }
}

/// A JS request handler: the script's handler number `index`.
pub struct JsHandler {
    pub calls: Arc<Calls>,
    pub index: u32,
}

impl Handler for JsHandler {
    fn call(&self, ctx: RequestContext, params: Value) -> BoxFuture<'static, HandlerResult> {
        Box::pin(self.calls.call(self.index, ctx, params))
    }
}

/// A JS notification handler: the script's `notify(index, method, params JSON)`.
pub struct JsNotificationHandler {
    pub calls: Arc<Calls>,
    pub index: u32,
    pub method: String,
}

impl NotificationHandler for JsNotificationHandler {
    fn notify(&self, _session: Arc<Session>, params: Value) {
        let called = with_env(|env| {
            self.calls
                .notify
                .borrow_back(env)
                .and_then(|f| f.call((self.index, self.method.clone(), params.to_string()).into()))
        });
        if let Some(Err(e)) = called {
            tracing::warn!(method = %self.method, "notification handler failed: {e}");
        }
    }
}
