//! The shell around the core's HTTP transport ([`ferromcp_core::transport::http`]): the core's
//! hyper server runs on a tokio runtime of its own (one worker thread), parses and routes every
//! request there, and hands the messages to the asyncio loop through the core's driver — one
//! wake-up of the loop per burst of requests ([`ferromcp_core::dispatch::OnLoop`]). Handlers
//! run on the loop exactly as over stdio.

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ferromcp_core::dispatch::OnLoop;
use ferromcp_core::sessions::SessionLimits;
use ferromcp_core::transport::http::{self, DnsRebinding, HttpOptions, HttpService};

use crate::convert::from_py;
use crate::runtime::{Executor, PySink};
use crate::server::{PyRegistry, build_server, has_middleware};

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where to listen and the transport's options, from the Python settings (camelCase keys).
fn http_options(d: &Bound<'_, PyDict>) -> PyResult<(String, u16, HttpOptions)> {
    let v = from_py(d.as_any())?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let b = |k: &str| v.get(k).and_then(Value::as_bool);
    let list = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut o = HttpOptions::default();
    if let Some(p) = s("path") {
        o.path = p;
    }
    if let Some(p) = s("ssePath") {
        o.sse_path = p;
    }
    if let Some(p) = s("messagePath") {
        o.message_path = p;
    }
    o.json_response = b("jsonResponse").unwrap_or(false);
    o.stateless = b("stateless").unwrap_or(false);
    if let Some(x) = v.get("maxBody").and_then(Value::as_u64) {
        o.max_body = x as usize;
    }
    let mut limits = SessionLimits::default();
    if let Some(x) = v.get("maxSessions").and_then(Value::as_u64) {
        limits.max_sessions = x as usize;
    }
    match v.get("sessionIdleTimeout") {
        Some(Value::Null) => limits.idle_timeout = None,
        Some(x) => {
            if let Some(secs) = x.as_f64().filter(|s| *s > 0.0) {
                limits.idle_timeout = Some(Duration::from_secs_f64(secs));
            }
        }
        None => {}
    }
    o.sessions = limits;
    o.dns_rebinding = DnsRebinding {
        enabled: b("dnsRebindingProtection"),
        allowed_hosts: list("allowedHosts"),
        allowed_origins: list("allowedOrigins"),
    };
    let host = s("host").unwrap_or_else(|| "127.0.0.1".into());
    let port = match v.get("port").and_then(Value::as_u64) {
        Some(p) => u16::try_from(p).map_err(|_| PyValueError::new_err("port out of range"))?,
        None => 8000,
    };
    Ok((host, port, o))
}

/// A server answering over HTTP with the core's own HTTP server.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct HttpServer {
    exec: Arc<Executor>,
    service: Arc<HttpService>,
    host: String,
    port: u16,
    runtime: Mutex<Option<tokio::runtime::Runtime>>,
    shutdown: Mutex<Option<tokio::sync::oneshot::Sender<()>>>,
    /// Failed when serving stops on its own (the listener broke).
    stopped: Py<PyAny>,
}

#[pymethods]
impl HttpServer {
    /// Serves `handlers` (method → runner) over HTTP as `http` (the settings) says; `stopped`
    /// is an asyncio future failed if serving ends on its own.
    #[new]
    #[pyo3(signature = (options, handlers, notifications, event_loop, stopped, registry=None, http=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        options: &Bound<'_, PyDict>,
        handlers: &Bound<'_, PyDict>,
        notifications: &Bound<'_, PyDict>,
        event_loop: Py<PyAny>,
        stopped: Py<PyAny>,
        registry: Option<PyRef<'_, PyRegistry>>,
        http: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let py = options.py();
        let (host, port, http) = match http {
            Some(d) => http_options(d)?,
            None => http_options(&PyDict::new(py))?,
        };
        let exec = Executor::build(
            event_loop,
            PySink::Null,
            false,
            stopped.clone_ref(py),
            has_middleware(options)?,
            true,
        );
        let server = build_server(options, handlers, notifications, registry, &exec)?;
        let dispatcher = Arc::new(OnLoop::new(server, exec.driver()));
        Ok(Self {
            service: Arc::new(HttpService::new(dispatcher, http)),
            exec,
            host,
            port,
            runtime: Mutex::new(None),
            shutdown: Mutex::new(None),
            stopped,
        })
    }

    /// Registers the drain callback (a bound method of this object).
    fn set_drain_callback(&self, cb: Py<PyAny>) {
        self.exec.set_drain_callback(cb);
    }

    /// The `contextvars` context handlers' tasks start from (the serving task's).
    fn set_context(&self, context: Py<PyAny>) {
        self.exec.set_context(context);
    }

    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        self.exec.scheduled_drain(py)
    }

    /// The eventfd to watch with `loop.add_reader(fd, drain)`: requests arriving on the HTTP
    /// threads wake the loop through it, one write per burst, without taking the GIL there.
    fn wake_fd(&self) -> Option<i32> {
        self.exec.wake_fd()
    }

    /// Binds and starts serving on the server's own threads; returns the address bound.
    fn start(&self, py: Python<'_>) -> PyResult<(String, u16)> {
        let mut slot = lock(&self.runtime);
        if slot.is_some() {
            return Err(PyRuntimeError::new_err(
                "the HTTP server is already running",
            ));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ferromcp-http")
            .enable_all()
            .build()
            .map_err(|e| PyOSError::new_err(e.to_string()))?;
        let addr = format!("{}:{}", self.host, self.port);
        let (listener, local) = py
            .detach(|| runtime.block_on(http::bind(addr.as_str())))
            .map_err(|e| PyOSError::new_err(format!("cannot listen on {addr}: {e}")))?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let service = self.service.clone();
        let stopped = self.stopped.clone_ref(py);
        let event_loop = self.exec.event_loop().clone_ref(py);
        runtime.spawn(async move {
            let result = http::serve(listener, service, async {
                let _ = rx.await;
            })
            .await;
            if let Err(e) = result {
                tracing::error!("the HTTP server stopped: {e}");
                Python::attach(|py| {
                    let err = PyOSError::new_err(format!("the HTTP server stopped: {e}"));
                    let fail = stopped.bind(py).getattr(intern!(py, "set_exception"));
                    if let Ok(fail) = fail {
                        let _ = event_loop.call_method1(
                            py,
                            intern!(py, "call_soon_threadsafe"),
                            (fail, err.value(py)),
                        );
                    }
                });
            }
        });
        *lock(&self.shutdown) = Some(tx);
        *slot = Some(runtime);
        Ok((local.ip().to_string(), local.port()))
    }

    /// Stops serving: no new connections, answers in progress finish briefly, every session
    /// ends, and the server's threads stop.
    fn close(&self, py: Python<'_>) {
        if let Some(tx) = lock(&self.shutdown).take() {
            let _ = tx.send(());
        }
        self.service.close();
        let runtime = lock(&self.runtime).take();
        self.exec.enter(|| ());
        self.exec.clear();
        if let Some(rt) = runtime {
            py.detach(|| rt.shutdown_timeout(Duration::from_secs(2)));
        }
    }
}
