//! Shells around the core server, session and request context, and the stdio connection that
//! the asyncio loop drives (`loop.add_reader` on stdin → [`StdioConnection::on_readable`]).

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use serde_json::Value;
use std::os::fd::RawFd;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use ferromcp_core::capabilities::derive_capabilities;
use ferromcp_core::connection::Dispatch;
use ferromcp_core::options::{ListChanged, ServerOptions};
use ferromcp_core::protocol::LogLevel;
use ferromcp_core::registry::{Kind, Registry};
use ferromcp_core::request_state::{BindPrincipal, Principal, PrincipalOf};
use ferromcp_core::server::{Server, ServerBuilder};
use ferromcp_core::{Connection, Message, Outbound, RequestContext, RequestId, Route, Session};

use crate::convert::{from_py, to_py};
use crate::handler::{PyHandler, PyInterceptor, PyNotificationHandler};
use crate::runtime::{Executor, PySink, read_fd};

fn id_to_py<'py>(py: Python<'py>, id: &RequestId) -> PyResult<Bound<'py, PyAny>> {
    Ok(match id {
        RequestId::Number(n) => n.into_pyobject(py)?.into_any(),
        RequestId::String(s) => s.into_pyobject(py)?.into_any(),
    })
}

/// The request a handler serves.
#[pyclass(name = "RequestContext", module = "ferromcp._core", frozen)]
pub struct PyRequestContext {
    ctx: RequestContext,
    exec: Arc<Executor>,
}

impl PyRequestContext {
    pub fn new(ctx: RequestContext, exec: Arc<Executor>) -> Self {
        Self { ctx, exec }
    }
}

#[pymethods]
impl PyRequestContext {
    #[getter]
    fn request_id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        id_to_py(py, &self.ctx.request_id)
    }

    #[getter]
    fn method(&self) -> &str {
        &self.ctx.method
    }

    /// `params._meta` as the client sent it, or None.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.ctx.meta.as_ref().map(|m| to_py(py, m)).transpose()
    }

    /// The HTTP request that carried this one, as an ASGI scope; None over stdio.
    #[getter]
    fn http_request<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        crate::http::origin_scope(py, self.ctx.origin.as_ref())
    }

    #[getter]
    fn progress_token<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.ctx.progress_token().map(|m| to_py(py, m)).transpose()
    }

    #[getter]
    fn cancelled(&self) -> bool {
        self.ctx.cancellation.is_cancelled()
    }

    #[getter]
    fn session(&self) -> PySession {
        PySession::new(
            self.ctx.session.clone(),
            self.exec.clone(),
            self.ctx.route(),
        )
    }

    /// Sends `notifications/progress` for this request; a no-op without a progress token.
    #[pyo3(signature = (progress, total=None, message=None))]
    fn report_progress(&self, progress: f64, total: Option<f64>, message: Option<&str>) {
        self.ctx.report_progress(progress, total, message);
    }

    /// Whether the stream of this request (`standalone`: the session's GET stream) can be
    /// closed for the client to resume it (HTTP with an event store).
    #[pyo3(signature = (standalone=false))]
    fn can_close_stream(&self, standalone: bool) -> bool {
        self.ctx.session.can_close_stream(&self.route(standalone))
    }

    /// Ends the client's connection to this request's stream (or the GET stream); the client
    /// reconnects with `Last-Event-ID` and misses nothing. Whether it could.
    #[pyo3(signature = (standalone=false))]
    fn close_stream(&self, standalone: bool) -> bool {
        self.ctx.session.close_stream(&self.route(standalone))
    }
}

impl PyRequestContext {
    fn route(&self, standalone: bool) -> Route {
        if standalone {
            Route::Standalone
        } else {
            self.ctx.route()
        }
    }
}

/// A client connection's session, as seen from a request (what it sends goes on that request's
/// stream) or from outside one (the standalone stream).
#[pyclass(name = "Session", module = "ferromcp._core", frozen)]
pub struct PySession {
    session: Arc<Session>,
    exec: Arc<Executor>,
    route: Route,
}

impl PySession {
    pub fn new(session: Arc<Session>, exec: Arc<Executor>, route: Route) -> Self {
        Self {
            session,
            exec,
            route,
        }
    }
}

#[pymethods]
impl PySession {
    #[pyo3(signature = (method, params=None))]
    fn notify(&self, method: &str, params: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let params = params.filter(|p| !p.is_none()).map(from_py).transpose()?;
        self.session.notify(&self.route, method, params);
        Ok(())
    }

    /// Sends `notifications/message` unless filtered by the client's level; returns whether sent.
    #[pyo3(signature = (level, data, logger=None))]
    fn log(&self, level: &str, data: &Bound<'_, PyAny>, logger: Option<&str>) -> PyResult<bool> {
        let lv = LogLevel::parse(level)
            .ok_or_else(|| PyValueError::new_err(format!("unknown log level {level:?}")))?;
        Ok(self
            .session
            .log(&self.route, lv, level, from_py(data)?, logger))
    }

    #[pyo3(signature = (token, progress, total=None, message=None))]
    fn progress(
        &self,
        token: &Bound<'_, PyAny>,
        progress: f64,
        total: Option<f64>,
        message: Option<&str>,
    ) -> PyResult<()> {
        self.session
            .progress(&self.route, from_py(token)?, progress, total, message);
        Ok(())
    }

    /// Sends `notifications/resources/updated` if the client subscribed to `uri`.
    fn resource_updated(&self, uri: &str) -> bool {
        self.session.resource_updated(uri)
    }

    fn is_subscribed(&self, uri: &str) -> bool {
        self.session.is_subscribed(uri)
    }

    /// Sends a request to the client. Returns an asyncio future resolving to
    /// `(True, result)` or `(False, error_dict)`.
    #[pyo3(signature = (method, params=None))]
    fn request<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        params: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = params.filter(|p| !p.is_none()).map(from_py).transpose()?;
        let fut = self
            .exec
            .event_loop()
            .call_method0(py, intern!(py, "create_future"))?;
        let reply = self.session.request(&self.route, method, params);
        let target = fut.clone_ref(py);
        self.exec.spawn(Box::pin(async move {
            let r = reply.await;
            Python::attach(|py| {
                let t = target.bind(py);
                if t.call_method0(intern!(py, "done"))
                    .and_then(|d| d.is_truthy())
                    .unwrap_or(true)
                {
                    return;
                }
                let value = match &r {
                    Ok(v) => to_py(py, v).map(|v| (true, v)),
                    Err(e) => serde_json::to_value(e)
                        .map_err(|e| PyValueError::new_err(e.to_string()))
                        .and_then(|v| to_py(py, &v))
                        .map(|v| (false, v)),
                };
                let outcome = value.and_then(|v| {
                    let tuple =
                        PyTuple::new(py, [v.0.into_pyobject(py)?.to_owned().into_any(), v.1])?;
                    t.call_method1(intern!(py, "set_result"), (tuple,))
                });
                if let Err(e) = outcome {
                    let _ = t.call_method1(intern!(py, "set_exception"), (e.value(py),));
                }
            });
            None
        }));
        Ok(fut.into_bound(py))
    }

    /// What the client sent in `initialize`: `protocolVersion`, `capabilities`, `clientInfo`.
    #[getter]
    fn client_params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item(
            "protocolVersion",
            self.session.protocol_version().map(|v| v.as_str()),
        )?;
        d.set_item(
            "capabilities",
            to_py(py, &self.session.client_capabilities())?,
        )?;
        d.set_item("clientInfo", to_py(py, &self.session.client_info())?)?;
        Ok(d)
    }

    #[getter]
    fn protocol_version(&self) -> Option<&'static str> {
        self.session.protocol_version().map(|v| v.as_str())
    }

    /// The HTTP request that carried the client's latest message, as an ASGI scope; None over
    /// stdio.
    #[getter]
    fn http_request<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        crate::http::origin_scope(py, self.session.origin().as_ref())
    }

    /// Shows or hides registry elements to this session alone, over what the server decides:
    /// `(kind, key, shown)` triples; None or empty: as the server decides.
    #[pyo3(signature = (entries=None))]
    fn set_visibility(&self, entries: Option<Vec<(String, String, bool)>>) -> PyResult<()> {
        let v = entries
            .map(|e| {
                e.into_iter()
                    .map(|(k, key, shown)| Ok(((kind(&k)?, key), shown)))
                    .collect::<PyResult<ferromcp_core::registry::Visibility>>()
            })
            .transpose()?;
        self.session.set_visibility(v);
        Ok(())
    }

    #[getter]
    fn log_level(&self) -> Option<String> {
        self.session
            .log_level()
            .map(|l| format!("{l:?}").to_lowercase())
    }

    fn client_supports(&self, capability: &str) -> bool {
        self.session.client_supports(capability)
    }
}

/// What handlers send while they run goes out at once (stdio has one stream: the route is
/// only a transport's business where there are several). A routed connection (one serving an
/// official dispatcher's requests, `ferromcp.server.runner`) wraps what belongs to a request in
/// a [`ROUTED`] notification naming it, so that the caller can hand it to that request's
/// dispatch context.
struct PyOutbound {
    exec: Weak<Executor>,
    routed: bool,
}

/// The method of the wrapper a routed connection puts around a request's messages:
/// `{"id": <request id>, "message": <the message>}`.
const ROUTED: &str = "ferromcp/routed";

impl Outbound for PyOutbound {
    fn send(&self, message: Message, route: &Route) {
        let Some(exec) = self.exec.upgrade() else {
            return;
        };
        match route {
            Route::Request(id) if self.routed => {
                let mut text = Vec::new();
                message.write_to(&mut text);
                let Ok(inner) = serde_json::from_slice::<Value>(&text) else {
                    return;
                };
                let id = match id {
                    RequestId::Number(n) => Value::from(*n),
                    RequestId::String(s) => Value::from(s.as_str()),
                };
                let params = serde_json::json!({ "id": id, "message": inner });
                exec.send(Message::notification(ROUTED, Some(params)));
            }
            _ => exec.send(message),
        }
    }
}

fn options_from(d: &Bound<'_, PyDict>) -> PyResult<ServerOptions> {
    // Everything but the middleware chain and the subscription bus (objects) is plain data.
    let plain = d.copy()?;
    for key in [
        "middleware",
        "subscriptionBus",
        "listenHandler",
        "requestStateCodec",
        "requestStatePrincipal",
    ] {
        if plain.contains(key)? {
            plain.del_item(key)?;
        }
    }
    ServerOptions::from_json(&from_py(plain.as_any())?).map_err(PyValueError::new_err)
}

/// Capabilities for the given registered methods (the same derivation the core answers with).
#[pyfunction]
#[pyo3(signature = (methods, tools_changed=false, resources_changed=false, prompts_changed=false, experimental=None))]
pub fn capabilities<'py>(
    py: Python<'py>,
    methods: Vec<String>,
    tools_changed: bool,
    resources_changed: bool,
    prompts_changed: bool,
    experimental: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let exp = experimental
        .filter(|e| !e.is_none())
        .map(from_py)
        .transpose()?;
    let caps = derive_capabilities(
        |m| methods.iter().any(|x| x == m),
        ListChanged {
            tools: tools_changed,
            resources: resources_changed,
            prompts: prompts_changed,
        },
        exp.as_ref(),
    );
    to_py(py, &caps)
}

/// Whether the server's options carry a middleware chain.
pub fn has_middleware(options: &Bound<'_, PyDict>) -> PyResult<bool> {
    Ok(options
        .get_item("middleware")?
        .is_some_and(|m| !m.is_none()))
}

/// The core server for a Python server's handlers (method → runner), notification handlers and
/// registry, answering on the loop `exec` drives.
pub fn build_server(
    options: &Bound<'_, PyDict>,
    handlers: &Bound<'_, PyDict>,
    notifications: &Bound<'_, PyDict>,
    registry: Option<PyRef<'_, PyRegistry>>,
    exec: &Arc<Executor>,
) -> PyResult<Arc<Server>> {
    let mut o = options_from(options)?;
    // A `RequestStateSecurity(codec=...)`: the claims go through it.
    if let (Some(codec), Some(sealer)) = (
        options
            .get_item("requestStateCodec")?
            .filter(|c| !c.is_none()),
        o.modern.sealer.as_ref(),
    ) {
        o.modern.sealer = Some(Arc::new(sealer.recoded(state_codec(&codec)?)));
    }
    // A `RequestStateSecurity(bind_principal=f)` of the author's: asked who made each request.
    if let (Some(bind), Some(sealer)) = (
        options
            .get_item("requestStatePrincipal")?
            .filter(|f| !f.is_none()),
        o.modern.sealer.as_ref(),
    ) {
        let mut sealer = (**sealer).clone();
        sealer.principal = Principal::Custom(Arc::new(PyPrincipal(bind.unbind())));
        o.modern.sealer = Some(Arc::new(sealer));
    }
    let mut b = ServerBuilder::new(o);
    for (m, runner) in handlers.iter() {
        let m: String = m.extract()?;
        let h = PyHandler::new(runner.unbind())?;
        b = match h.policy {
            Some(p) => b.handler_with(m, Arc::new(h), p),
            None => b.handler(m, Arc::new(h)),
        };
    }
    for (m, f) in notifications.iter() {
        let m: String = m.extract()?;
        b = b.notification(
            m,
            Arc::new(PyNotificationHandler {
                func: f.unbind(),
                exec: exec.clone(),
            }),
        );
    }
    if let Some(r) = registry {
        b = b.registry(r.inner.clone());
    }
    // `(run, notify)`: the server's middleware chain, when it has any.
    if let Some(chain) = options.get_item("middleware")?.filter(|m| !m.is_none()) {
        let (run, notify): (Py<PyAny>, Py<PyAny>) = chain.extract()?;
        b = b.interceptor(Arc::new(PyInterceptor { run, notify }));
    }
    let server = b.build();
    // The server's listens hear what is published on its bus, while the server lives.
    if let Some(bus) = options
        .get_item("subscriptionBus")?
        .filter(|b| !b.is_none())
    {
        let listener = BusListener {
            server: Arc::downgrade(&server),
        };
        bus.call_method1(intern!(bus.py(), "subscribe"), (listener,))?;
    }
    // `ListenHandler.close()` ends this server's listens too.
    if let Some(h) = options.get_item("listenHandler")?.filter(|h| !h.is_none()) {
        let closer = ListenCloser {
            server: Arc::downgrade(&server),
        };
        h.call_method1(intern!(h.py(), "_attach"), (closer,))?;
    }
    Ok(server)
}

/// Ends the open listens of a server when its `ListenHandler` is closed.
#[pyclass(module = "ferromcp._core", frozen)]
struct ListenCloser {
    server: Weak<Server>,
}

#[pymethods]
impl ListenCloser {
    fn __call__(&self) {
        if let Some(server) = self.server.upgrade() {
            server.close_listens();
        }
    }
}

/// Subscribed to a server's subscription bus: each event it hears goes to the server's open
/// listens. Events are told apart by their class names, so the official package's event
/// classes work as well as ferromcp's.
#[pyclass(module = "ferromcp._core", frozen)]
struct BusListener {
    server: Weak<Server>,
}

#[pymethods]
impl BusListener {
    fn __call__(&self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        use ferromcp_core::listen::Change;
        let Some(server) = self.server.upgrade() else {
            return Ok(());
        };
        let change = match event.get_type().name()?.to_str()? {
            "ToolsListChanged" => Change::Tools,
            "PromptsListChanged" => Change::Prompts,
            "ResourcesListChanged" => Change::Resources,
            "ResourceUpdated" => {
                Change::Resource(event.getattr("uri")?.str()?.to_str()?.to_owned())
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "not an event a listen carries: {other}"
                )));
            }
        };
        server.publish(&change);
        Ok(())
    }
}

/// One stdio connection served on the asyncio loop's thread.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct StdioConnection {
    conn: Connection,
    /// Reused for every read: zeroing a fresh 64 KiB buffer per read cost more than the rest of
    /// a request.
    input: Mutex<Vec<u8>>,
    exec: Arc<Executor>,
    in_fd: RawFd,
    closed: Py<PyAny>,
    eof: std::sync::atomic::AtomicBool,
    /// Seconds requests still running at end of input may take before they are cancelled.
    eof_grace: f64,
}

#[pymethods]
impl StdioConnection {
    /// Serves `handlers` (method → runner) on descriptors `in_fd`/`out_fd`; `closed` is an
    /// asyncio future resolved when the input ends and every request was answered. With
    /// `out_callback`, output goes to it instead of `out_fd`; `routed` wraps what belongs to a
    /// request (see [`PyOutbound`]).
    #[new]
    #[pyo3(signature = (options, handlers, notifications, event_loop, in_fd, out_fd, closed, registry=None, out_callback=None, routed=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        options: &Bound<'_, PyDict>,
        handlers: &Bound<'_, PyDict>,
        notifications: &Bound<'_, PyDict>,
        event_loop: Py<PyAny>,
        in_fd: RawFd,
        out_fd: RawFd,
        closed: Py<PyAny>,
        registry: Option<PyRef<'_, PyRegistry>>,
        out_callback: Option<Py<PyAny>>,
        routed: bool,
    ) -> PyResult<Self> {
        let eof_grace = options
            .get_item("eofGraceSeconds")?
            .map(|v| v.extract::<f64>())
            .transpose()?
            .unwrap_or(2.0);
        let sink = match out_callback {
            Some(cb) => PySink::Callback(cb),
            None => PySink::fd(out_fd).map_err(|e| PyOSError::new_err(e.to_string()))?,
        };
        let exec = Executor::build(
            event_loop,
            sink,
            in_fd >= 0,
            closed.clone_ref(options.py()),
            has_middleware(options)?,
            false,
        );
        let server = build_server(options, handlers, notifications, registry, &exec)?;
        let conn = Connection::new(
            server,
            Box::new(PyOutbound {
                exec: Arc::downgrade(&exec),
                routed,
            }),
        );
        Ok(Self {
            conn,
            input: Mutex::new(vec![0u8; 64 * 1024]),
            exec,
            in_fd,
            closed,
            eof: Default::default(),
            eof_grace,
        })
    }

    /// Registers the drain callback (a bound method of this object, given by the caller to
    /// avoid a reference cycle inside Rust).
    fn set_drain_callback(&self, cb: Py<PyAny>) {
        self.exec.set_drain_callback(cb);
    }

    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        self.exec.scheduled_drain(py)
    }

    /// Reads what stdin has and dispatches every complete message; then, while the loop has
    /// nothing else to do, serves the requests that follow without handing back
    /// ([`Executor::wait_idle`]).
    fn on_readable(&self, py: Python<'_>) -> PyResult<()> {
        let started = std::time::Instant::now();
        for _ in 0..LINGER_MAX_ROUNDS {
            let mut buf = self.input.lock().unwrap_or_else(|p| p.into_inner());
            let n = loop {
                match read_fd(self.in_fd, &mut buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(()),
                    Err(e) => return Err(PyOSError::new_err(e.to_string())),
                }
            };
            if n == 0 {
                drop(buf);
                return self.finish_input(py);
            }
            self.dispatch_bytes(&buf[..n]);
            drop(buf);
            self.exec.take_pending()?;
            if self.exec.output_closed() {
                // Nobody reads the answers any more: stop reading requests (`closed` failed).
                self.stop_reading(py)?;
                return Ok(());
            }
            if started.elapsed() > LINGER_MAX_TIME
                || !self.exec.wait_idle(py, Some(self.in_fd), None)?
            {
                break;
            }
        }
        Ok(())
    }

    /// Feeds bytes read by the caller (newline-delimited messages), for connections whose input
    /// the caller owns.
    fn feed(&self, data: &[u8]) -> PyResult<()> {
        self.dispatch_bytes(data);
        self.exec.take_pending()
    }

    /// The caller's input ended: answer what was read, then resolve `closed`.
    fn end_of_input(&self, py: Python<'_>) -> PyResult<()> {
        self.finish_input(py)
    }

    /// Stops serving: cancels requests in flight and resolves `closed`.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        self.conn.close();
        self.exec.abandon_unwritten();
        self.exec.enter(|| ());
        self.exec.clear();
        self.exec.restore_timer_slack();
        resolve(py, &self.closed)
    }
}

/// Bounds on one reader callback, however busy the client. Between requests it waits while
/// the loop is idle ([`Executor::wait_idle`]): a sequential client sends its next request tens
/// of microseconds after the answer, and serving it from here saves the loop a whole iteration
/// (selector, event processing, handle) per request.
const LINGER_MAX_ROUNDS: usize = 256;
const LINGER_MAX_TIME: Duration = Duration::from_millis(20);

impl StdioConnection {
    /// Dispatches every complete message in `data`; replies leave in one flush at the end.
    fn dispatch_bytes(&self, data: &[u8]) {
        self.exec.enter(|| {
            let mut dispatches = Vec::new();
            self.conn.feed(data, &mut dispatches);
            self.start(dispatches);
        });
    }

    fn start(&self, dispatches: Vec<Dispatch>) {
        let n = dispatches.len();
        for (i, d) in dispatches.into_iter().enumerate() {
            match d {
                Dispatch::Done(Some(m)) => self.exec.push(&m),
                Dispatch::Done(None) => {}
                Dispatch::Pending(f) if i + 1 == n => self.exec.spawn_last(f),
                Dispatch::Pending(f) => self.exec.spawn(f),
            }
        }
    }

    fn stop_reading(&self, py: Python<'_>) -> PyResult<()> {
        if self.in_fd >= 0 {
            self.exec
                .event_loop()
                .call_method1(py, intern!(py, "remove_reader"), (self.in_fd,))?;
        }
        Ok(())
    }

    fn finish_input(&self, py: Python<'_>) -> PyResult<()> {
        if self.eof.swap(true, std::sync::atomic::Ordering::AcqRel) {
            return Ok(());
        }
        // A last request without its newline is still answered.
        self.exec.enter(|| {
            let mut dispatches = Vec::new();
            self.conn.finish(&mut dispatches);
            self.start(dispatches);
        });
        self.stop_reading(py)?;
        // Answer what was already read, then report closed; requests still running after the
        // grace period are cancelled when the caller closes the connection.
        let closed = self.closed.clone_ref(py);
        let resolver = wrap_pyfunction!(resolve_if_pending, py)?;
        self.exec.event_loop().call_method1(
            py,
            intern!(py, "call_later"),
            (self.eof_grace, resolver, closed.clone_ref(py)),
        )?;
        self.exec.when_idle(Box::new(move || {
            Python::attach(|py| {
                if let Err(e) = resolve(py, &closed) {
                    e.display(py);
                }
            })
        }));
        Ok(())
    }
}

/// Resolves an asyncio future with None unless it is already done.
#[pyfunction]
fn resolve_if_pending(py: Python<'_>, fut: Py<PyAny>) -> PyResult<()> {
    resolve(py, &fut)
}

fn resolve(py: Python<'_>, fut: &Py<PyAny>) -> PyResult<()> {
    let f = fut.bind(py);
    if !f.call_method0(intern!(py, "done"))?.is_truthy()? {
        f.call_method1(intern!(py, "set_result"), (py.None(),))?;
    }
    Ok(())
}

fn kind(name: &str) -> PyResult<Kind> {
    Ok(match name {
        "tools" => Kind::Tools,
        "resources" => Kind::Resources,
        "resourceTemplates" => Kind::ResourceTemplates,
        "prompts" => Kind::Prompts,
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown registry kind {name:?}"
            )));
        }
    })
}

fn registration_error(e: ferromcp_core::Error) -> PyErr {
    Python::attach(|py| crate::error::to_py_err(py, e))
}

/// Tools, resources, templates and prompts registered one by one; served by the core.
#[pyclass(name = "Registry", module = "ferromcp._core", frozen, subclass)]
pub struct PyRegistry {
    pub inner: Arc<Registry>,
}

#[pymethods]
impl PyRegistry {
    /// `versions`: the `_meta` entry naming component versions (`"fastmcp"`), when served.
    #[new]
    #[pyo3(signature = (page_size=None, empty_variables=false, versions=None))]
    fn new(page_size: Option<usize>, empty_variables: bool, versions: Option<&str>) -> Self {
        let mut registry = Registry::new(page_size).with_empty_variables(empty_variables);
        if let Some(ns) = versions {
            registry = registry.with_versions(ns);
        }
        Self {
            inner: Arc::new(registry),
        }
    }

    /// Registers a tool; its schemas are compiled now (ValueError if one is invalid).
    /// `reported_as`: the name its failures are worded with, when not its own.
    #[pyo3(signature = (definition, runner, lax=false, reported_as=None))]
    fn add_tool(
        &self,
        definition: &Bound<'_, PyAny>,
        runner: Py<PyAny>,
        lax: bool,
        reported_as: Option<String>,
    ) -> PyResult<()> {
        self.inner
            .add_tool_reported(
                from_py(definition)?,
                lax,
                Arc::new(PyHandler::new(runner)?),
                reported_as,
            )
            .map_err(registration_error)
    }

    /// Registers a tool whose arguments its handler checks itself (a model the server gave
    /// it): the definition is listed as given and no schema is compiled or checked.
    #[pyo3(signature = (definition, runner, reported_as=None))]
    fn add_tool_unchecked(
        &self,
        definition: &Bound<'_, PyAny>,
        runner: Py<PyAny>,
        reported_as: Option<String>,
    ) -> PyResult<()> {
        self.inner
            .add_tool_unchecked_reported(
                from_py(definition)?,
                Arc::new(PyHandler::new(runner)?),
                reported_as,
            )
            .map_err(registration_error)
    }

    /// Registers a resource (`uri`) or a resource template (`uriTemplate`); `security` (a
    /// `ResourceSecurity`) holds a template's variables to its path rules.
    #[pyo3(signature = (definition, runner, security=None))]
    fn add_resource(
        &self,
        definition: &Bound<'_, PyAny>,
        runner: Py<PyAny>,
        security: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let safety = security
            .filter(|s| !s.is_none())
            .map(path_safety)
            .transpose()?;
        self.inner
            .add_guarded_resource(
                from_py(definition)?,
                Arc::new(PyHandler::new(runner)?),
                safety,
            )
            .map_err(registration_error)
    }

    fn add_prompt(&self, definition: &Bound<'_, PyAny>, runner: Py<PyAny>) -> PyResult<()> {
        self.inner
            .add_prompt(from_py(definition)?, Arc::new(PyHandler::new(runner)?))
            .map_err(registration_error)
    }

    /// `(key, template variables)` of the resource or template serving `uri`, or None.
    fn resolve<'py>(
        &self,
        py: Python<'py>,
        uri: &str,
    ) -> PyResult<Option<(String, Bound<'py, PyAny>)>> {
        self.inner
            .resolve(uri)
            .map(|(k, vars)| Ok((k, to_py(py, &Value::Object(vars))?)))
            .transpose()
    }

    /// Hides the elements of a kind named by `keys` from every session (replacing those hidden
    /// before): not listed, and unknown to calls.
    fn set_hidden(&self, kind_name: &str, keys: Vec<String>) -> PyResult<()> {
        self.inner.set_hidden(kind(kind_name)?, keys);
        Ok(())
    }

    /// Removes an element (one version of it when `version` is given); returns whether it
    /// existed.
    #[pyo3(signature = (kind_name, key, version=None))]
    fn remove(&self, kind_name: &str, key: &str, version: Option<&str>) -> PyResult<bool> {
        Ok(self.inner.remove_version(kind(kind_name)?, key, version))
    }

    /// Every registered element of a kind, as `tools/list` etc. would list them (no paging).
    fn list<'py>(&self, py: Python<'py>, kind_name: &str) -> PyResult<Bound<'py, PyAny>> {
        let k = kind(kind_name)?;
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self
                .inner
                .list(k, cursor.as_deref())
                .map_err(|e| PyValueError::new_err(e.message))?;
            if let Some(items) = page.get(kind_name).and_then(Value::as_array) {
                all.extend(items.iter().cloned());
            }
            match page.get("nextCursor").and_then(Value::as_str) {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        to_py(py, &Value::Array(all))
    }
}

/// The core's path rules from a `ResourceSecurity` (its four attributes).
fn path_safety(s: &Bound<'_, PyAny>) -> PyResult<ferromcp_core::registry::PathSafety> {
    let flag = |name: &str| -> PyResult<bool> { s.getattr(name)?.is_truthy() };
    let mut exempt: Vec<String> = Vec::new();
    for name in s.getattr("exempt_params")?.try_iter()? {
        exempt.push(name?.extract()?);
    }
    Ok(ferromcp_core::registry::PathSafety {
        traversal: flag("reject_path_traversal")?,
        absolute: flag("reject_absolute_paths")?,
        null_bytes: flag("reject_null_bytes")?,
        exempt,
    })
}

/// The first of `params` (template variables: strings or lists of them) that `security` (a
/// `ResourceSecurity`) refuses, or None: `ResourceSecurity.validate`.
#[pyfunction]
pub fn refused_variable(
    params: &Bound<'_, PyAny>,
    security: &Bound<'_, PyAny>,
) -> PyResult<Option<String>> {
    let Value::Object(vars) = from_py(params)? else {
        return Err(PyValueError::new_err("params must be a mapping"));
    };
    Ok(path_safety(security)?.refused(&vars).map(str::to_owned))
}

/// The built-in request-state codec (AES-256-GCM under HKDF-SHA256 keys), behind
/// `AESGCMRequestStateCodec`: given to a server, the core uses it without calling Python.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct AesGcmCodec {
    inner: Arc<ferromcp_core::request_state::AesGcm>,
}

#[pymethods]
impl AesGcmCodec {
    #[new]
    fn new(keys: Vec<Vec<u8>>) -> PyResult<Self> {
        ferromcp_core::request_state::AesGcm::new(keys)
            .map(|c| Self { inner: Arc::new(c) })
            .map_err(PyValueError::new_err)
    }

    fn seal(&self, payload: &[u8]) -> PyResult<String> {
        use ferromcp_core::request_state::Codec;
        self.inner.seal(payload).map_err(PyValueError::new_err)
    }

    /// Raises `InvalidRequestState` for a token it did not mint unmodified.
    fn unseal<'py>(&self, py: Python<'py>, token: &str) -> PyResult<Bound<'py, PyBytes>> {
        use ferromcp_core::request_state::Codec;
        match self.inner.unseal(token) {
            Ok(payload) => Ok(PyBytes::new(py, &payload)),
            Err(why) => {
                let class = py
                    .import("ferromcp.server.request_state")?
                    .getattr("InvalidRequestState")?;
                Err(PyErr::from_value(class.call1((why,))?))
            }
        }
    }
}

/// A codec of the author's (`seal(bytes) -> str`, `unseal(str) -> bytes`), called with the GIL
/// from whichever thread serves the request.
struct PyCodec(Py<PyAny>);

impl ferromcp_core::request_state::Codec for PyCodec {
    fn seal(&self, payload: &[u8]) -> Result<String, String> {
        Python::attach(|py| {
            self.0
                .bind(py)
                .call_method1(intern!(py, "seal"), (PyBytes::new(py, payload),))
                .and_then(|t| t.extract::<String>())
                .map_err(|e| format!("the codec's seal raised: {e}"))
        })
    }

    fn unseal(&self, token: &str) -> Result<Vec<u8>, String> {
        Python::attach(|py| {
            self.0
                .bind(py)
                .call_method1(intern!(py, "unseal"), (token,))
                .and_then(|p| p.extract::<Vec<u8>>())
                .map_err(|e| format!("the codec's unseal raised: {e}"))
        })
    }
}

static PRINCIPAL_OF: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// An author's `bind_principal(ctx)`, called with the GIL from whichever thread serves the
/// request, with the request's access token in `get_access_token()`'s context variable
/// (`ferromcp.server.request_state._principal_of`).
struct PyPrincipal(Py<PyAny>);

impl BindPrincipal for PyPrincipal {
    fn principal(&self, r: &PrincipalOf<'_>) -> Result<Option<String>, String> {
        Python::attach(|py| -> PyResult<Option<String>> {
            let token = r.session.auth().map(|t| to_py(py, &t)).transpose()?;
            let scope = crate::http::origin_scope(py, r.session.origin().as_ref())?;
            PRINCIPAL_OF
                .import(py, "ferromcp.server.request_state", "_principal_of")?
                .call1((
                    self.0.bind(py),
                    id_to_py(py, r.id)?,
                    r.method,
                    to_py(py, r.params)?,
                    r.session.protocol_version().map(|v| v.as_str()),
                    scope,
                    token,
                ))?
                .extract()
        })
        .map_err(|e| format!("bind_principal raised: {e}"))
    }
}

/// The core codec for a `RequestStateSecurity.codec`: ferromcp's own as it is, any other
/// called back.
fn state_codec(codec: &Bound<'_, PyAny>) -> PyResult<Arc<dyn ferromcp_core::request_state::Codec>> {
    let inner = codec.getattr_opt(intern!(codec.py(), "_core_codec"))?;
    if let Some(ours) = inner.as_ref().and_then(|c| c.cast::<AesGcmCodec>().ok()) {
        return Ok(ours.get().inner.clone());
    }
    Ok(Arc::new(PyCodec(codec.clone().unbind())))
}
