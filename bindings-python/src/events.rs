//! Event stores for resumable HTTP streams: the author's own `EventStore` (its coroutines run on
//! the server's asyncio loop, called from the core's threads) and ferromcp's in-memory store,
//! which is the core's.

use futures::future::BoxFuture;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyBytes;
use std::sync::Arc;

use ferromcp_core::jsonrpc::{self, Message, ParseLimits, Parsed};
use ferromcp_core::transport::http::{
    EventId, EventStore, MemoryEventStore, Replay, StoreError, StoredEvent,
};

static HELPERS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// `ferromcp.server._resume`: the coroutines that call an `EventStore` with official types.
fn helpers(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    HELPERS
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("ferromcp.server._resume")?.unbind())
        })
        .map(|m| m.bind(py))
}

/// A store's exception, as the core logs it.
fn failed(e: PyErr) -> StoreError {
    StoreError(e.to_string())
}

fn wire(message: &Message) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    message.write_to(&mut out);
    out
}

fn parsed(bytes: &[u8]) -> Result<Message, StoreError> {
    match jsonrpc::parse(bytes, ParseLimits::default()) {
        Ok(Parsed::Single(m)) => Ok(m),
        _ => Err(StoreError(
            "the event store replayed something that is not one JSON-RPC message".into(),
        )),
    }
}

/// The author's `EventStore`, its coroutines run on the server's loop.
#[derive(Debug)]
pub struct PyEventStore {
    store: Py<PyAny>,
    event_loop: Py<PyAny>,
}

impl PyEventStore {
    /// Calls `name` of the helpers with the store and `args` on the loop.
    fn call(
        &self,
        name: &str,
        args: impl FnOnce(Python<'_>) -> PyResult<Bound<'_, PyAny>>,
    ) -> BoxFuture<'static, Result<Py<PyAny>, StoreError>> {
        let started = Python::attach(|py| {
            let coro = helpers(py)?
                .getattr(name)?
                .call1((self.store.bind(py), args(py)?))?;
            crate::runtime::on_loop(self.event_loop.bind(py), coro)
        });
        Box::pin(async move {
            let rx = started.map_err(failed)?;
            match rx.await {
                Ok(r) => r.map_err(failed),
                Err(_) => Err(StoreError("the event loop is gone".into())),
            }
        })
    }
}

impl EventStore for PyEventStore {
    fn store(
        &self,
        stream: &str,
        message: Option<&Message>,
    ) -> BoxFuture<'static, Result<EventId, StoreError>> {
        let stream = stream.to_owned();
        let message = message.map(wire);
        let call = self.call("store", move |py| {
            let m = message.map(|m| PyBytes::new(py, &m));
            Ok((stream, m).into_pyobject(py)?.into_any())
        });
        Box::pin(async move {
            let id = call.await?;
            Python::attach(|py| id.extract::<String>(py)).map_err(failed)
        })
    }

    fn replay_after(&self, last: &str) -> BoxFuture<'static, Result<Option<Replay>, StoreError>> {
        let last = last.to_owned();
        let call = self.call("replay", move |py| Ok(last.into_pyobject(py)?.into_any()));
        Box::pin(async move {
            let r = call.await?;
            type Out = Option<(String, Vec<(String, Vec<u8>)>)>;
            let out: Out = Python::attach(|py| r.extract(py)).map_err(failed)?;
            let Some((stream, events)) = out else {
                return Ok(None);
            };
            let events = events
                .into_iter()
                .map(|(id, m)| {
                    Ok(StoredEvent {
                        id,
                        message: parsed(&m)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(Some(Replay { stream, events }))
        })
    }
}

/// A replay as Python gets it: the stream and its events (id, message as JSON).
type Replayed<'py> = (String, Vec<(String, Bound<'py, PyBytes>)>);

/// ferromcp's in-memory event store (`ferromcp.server.streamable_http.InMemoryEventStore`):
/// the core's, so that serving it needs no call into Python.
#[pyclass(module = "ferromcp._core", name = "MemoryEventStore", frozen)]
pub struct PyMemoryEventStore(pub Arc<MemoryEventStore>);

#[pymethods]
impl PyMemoryEventStore {
    #[new]
    #[pyo3(signature = (max_events_per_stream=MemoryEventStore::DEFAULT_EVENTS_PER_STREAM, max_streams=MemoryEventStore::DEFAULT_STREAMS))]
    fn new(max_events_per_stream: usize, max_streams: usize) -> Self {
        Self(Arc::new(MemoryEventStore::new(
            max_events_per_stream,
            max_streams,
        )))
    }

    /// Stores `message` (a JSON-RPC message as JSON text; None: a priming event).
    fn store(&self, stream: &str, message: Option<&[u8]>) -> PyResult<String> {
        let m = message
            .map(parsed)
            .transpose()
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.0))?;
        Ok(self.0.store_now(stream, m.as_ref()))
    }

    /// The events after `last` as (stream, [(id, message JSON)]), or None.
    fn replay<'py>(&self, py: Python<'py>, last: &str) -> Option<Replayed<'py>> {
        let r = self.0.replay_now(last)?;
        let events = r
            .events
            .iter()
            .map(|e| (e.id.clone(), PyBytes::new(py, &wire(&e.message))))
            .collect();
        Some((r.stream, events))
    }
}

/// The core store for the `event_store` a Python server was given, if any.
pub fn event_store(
    store: &Bound<'_, PyAny>,
    event_loop: &Py<PyAny>,
) -> PyResult<Option<Arc<dyn EventStore>>> {
    if store.is_none() {
        return Ok(None);
    }
    if let Ok(core) = store.getattr("_core")
        && let Ok(memory) = core.cast::<PyMemoryEventStore>()
    {
        return Ok(Some(memory.get().0.clone()));
    }
    for method in ["store_event", "replay_events_after"] {
        if !store.hasattr(method)? {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "event_store must be an EventStore (it has no {method}())"
            )));
        }
    }
    Ok(Some(Arc::new(PyEventStore {
        store: store.clone().unbind(),
        event_loop: event_loop.clone_ref(store.py()),
    })))
}
