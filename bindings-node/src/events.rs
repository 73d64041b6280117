//! The author's `eventStore` for resumable HTTP streams: the core calls it from its runtime
//! thread; each call is queued for the JS thread (woken as the HTTP answers are), where the
//! transport's `storeOp(kind, payload, reply)` calls the store and settles `reply`.

use futures::channel::oneshot;
use futures::future::BoxFuture;
use napi::bindgen_prelude::{FnArgs, FunctionRef};
use serde_json::{Value, json};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use ferromcp_core::jsonrpc::{self, Message, ParseLimits, Parsed};
use ferromcp_core::transport::http::host::HostTask;
use ferromcp_core::transport::http::{EventId, EventStore, Replay, StoreError, StoredEvent};

use crate::http::{LoopTask, Shared};
use crate::runtime::{lock, with_env};

/// `(kind, payload JSON, reply)`: `"store"` with `{streamId, message}` (message `null` for a
/// priming event) resolves with the event id; `"replay"` with the last event id resolves with
/// `{stream, events: [[id, message]…]}` or `null`.
pub type StoreFn = FunctionRef<FnArgs<(String, String, StoreReply)>, ()>;

type Outcome = std::result::Result<String, String>;

/// Settles one call of the author's store, from JS.
#[napi]
pub struct StoreReply(Mutex<Option<oneshot::Sender<Outcome>>>);

#[napi]
impl StoreReply {
    /// The store's answer, as JSON text.
    #[napi]
    pub fn resolve(&self, value: String) {
        self.settle(Ok(value));
    }

    /// The store threw.
    #[napi]
    pub fn reject(&self, message: String) {
        self.settle(Err(message));
    }
}

impl StoreReply {
    fn settle(&self, outcome: Outcome) {
        if let Some(tx) = lock(&self.0).take() {
            let _ = tx.send(outcome);
        }
    }
}

/// One call waiting for the JS thread.
struct Call {
    queued: AtomicBool,
    state: Mutex<Option<(String, String, oneshot::Sender<Outcome>)>>,
    store: Arc<StoreFn>,
}

impl HostTask for Call {
    fn queued(&self) -> &AtomicBool {
        &self.queued
    }
}

impl LoopTask for Call {
    fn run(self: Arc<Self>) {
        let Some((kind, payload, tx)) = lock(&self.state).take() else {
            return;
        };
        let reply = StoreReply(Mutex::new(Some(tx)));
        let called = with_env(|env| {
            self.store
                .borrow_back(env)
                .and_then(|f| f.call((kind, payload, reply).into()))
        });
        if let Some(Err(e)) = called {
            tracing::warn!("calling the event store failed: {e}");
        }
    }

    fn abort(&self) {
        // Dropping the sender fails the call: the service is closing.
        lock(&self.state).take();
    }
}

/// The author's store, reached through the JS thread.
pub struct NodeEventStore {
    store: Arc<StoreFn>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for NodeEventStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NodeEventStore")
    }
}

impl NodeEventStore {
    pub fn new(store: StoreFn, shared: Arc<Shared>) -> Self {
        Self {
            store: Arc::new(store),
            shared,
        }
    }

    /// Calls the function with `(kind, payload, reply)` on the JS thread; resolves with what
    /// `reply` was settled with, parsed. (The transport's scope check is called this way too.)
    pub(crate) fn call(
        &self,
        kind: &str,
        payload: String,
    ) -> BoxFuture<'static, Result<Value, StoreError>> {
        let (tx, rx) = oneshot::channel();
        let call = Arc::new(Call {
            queued: AtomicBool::new(false),
            state: Mutex::new(Some((kind.to_owned(), payload, tx))),
            store: self.store.clone(),
        });
        self.shared.push(call);
        Box::pin(async move {
            let text = rx
                .await
                .map_err(|_| StoreError("the server closed".into()))?
                .map_err(StoreError)?;
            serde_json::from_str(&text).map_err(|e| StoreError(e.to_string()))
        })
    }
}

fn message_json(m: &Message) -> Value {
    let mut out = Vec::with_capacity(256);
    m.write_to(&mut out);
    serde_json::from_slice(&out).unwrap_or(Value::Null)
}

impl EventStore for NodeEventStore {
    fn store(
        &self,
        stream: &str,
        message: Option<&Message>,
    ) -> BoxFuture<'static, Result<EventId, StoreError>> {
        let payload = json!({"streamId": stream, "message": message.map(message_json)});
        let call = self.call("store", payload.to_string());
        Box::pin(async move {
            match call.await? {
                Value::String(id) => Ok(id),
                other => Err(StoreError(format!(
                    "storeEvent() resolved with {other}, not an event id"
                ))),
            }
        })
    }

    fn replay_after(&self, last: &str) -> BoxFuture<'static, Result<Option<Replay>, StoreError>> {
        let call = self.call("replay", Value::from(last).to_string());
        Box::pin(async move {
            let v = call.await?;
            let Some(stream) = v.get("stream").and_then(Value::as_str) else {
                return Ok(None);
            };
            let mut events = Vec::new();
            for e in v["events"].as_array().into_iter().flatten() {
                let (Some(id), Some(m)) = (e[0].as_str(), e.get(1)) else {
                    continue;
                };
                // What the SDK's stores keep for priming events (`{}`) is no message.
                if let Ok(Parsed::Single(message)) =
                    jsonrpc::parse(m.to_string().as_bytes(), ParseLimits::default())
                {
                    events.push(StoredEvent {
                        id: id.to_owned(),
                        message,
                    });
                }
            }
            Ok(Some(Replay {
                stream: stream.to_owned(),
                events,
            }))
        })
    }
}
