//! The shells around the core's HTTP transport ([`ferromcp_core::transport::http`]).
//!
//! [`HttpServer`]: the core's hyper server runs on a tokio runtime of its own (one worker
//! thread), parses and routes every request there, and hands the messages to the asyncio loop
//! through the core's driver — one wake-up of the loop per burst of requests
//! ([`ferromcp_core::dispatch::OnLoop`]). Handlers run on the loop exactly as over stdio.
//!
//! [`HttpApp`]: the same service without a listener, for a host framework (ASGI) whose server
//! already owns the connections on the loop's thread. Python hands it one request at a time
//! ([`HttpApp::handle`]); the service's futures are polled on the loop's thread, the answer
//! comes back as its head (status, headers) and a [`ResponseBody`] read as the core produces
//! it. What wakes those futures reaches the loop through one socket it watches, once per burst.

use bytes::Bytes;
use http_body_util::Full;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Context;
use std::time::Duration;

use ferromcp_core::dispatch::OnLoop;
use ferromcp_core::jsonrpc::RequestId;
use ferromcp_core::session::{Origin, Route};
use ferromcp_core::transport::http::host::{
    self, BodyState, HeadState, HostTask, SHUTTING_DOWN, Signal, WakeQueue,
};
use ferromcp_core::transport::http::on_loop::{LoopConnection, LoopSockets};
use ferromcp_core::transport::http::{
    BasePath, HostRequest, HttpOptions, HttpService, LocalAddr, PeerAddr,
};

use crate::convert::from_py;
use crate::runtime::{Executor, PySink};
use crate::server::{PyRegistry, build_server, has_middleware};

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where to listen and the transport's options, from the Python settings (camelCase keys);
/// apart, what holds the author's objects: the bearer-token options (`auth`, with the
/// verifier) and `eventStore` (its coroutines run on `event_loop`).
#[allow(clippy::type_complexity)]
fn http_options<'py>(
    d: &Bound<'py, PyDict>,
    event_loop: &Py<PyAny>,
) -> PyResult<(String, u16, HttpOptions, Option<Bound<'py, PyDict>>)> {
    let d = d.copy()?;
    let auth = d.get_item("auth")?.filter(|a| !a.is_none());
    if auth.is_some() {
        d.del_item("auth")?;
    }
    let auth = auth.map(|a| a.cast_into::<PyDict>()).transpose()?;
    let store = d.get_item("eventStore")?;
    d.del_item("eventStore").ok();
    let v = from_py(d.as_any())?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut o = HttpOptions::from_json(&v);
    if let Some(url) = s("redisUrl") {
        let ttl = o.sessions.idle_timeout.unwrap_or(Duration::from_secs(3600));
        let cluster =
            ferromcp_core::transport::http::Cluster::new(&url, s("redisPrefix").as_deref(), ttl)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
        o.cluster = Some(Arc::new(cluster));
    }
    if let Some(store) = store {
        o.event_store = crate::events::event_store(&store, event_loop)?;
    }
    let host = s("host").unwrap_or_else(|| "127.0.0.1".into());
    let port = match v.get("port").and_then(Value::as_u64) {
        Some(p) => u16::try_from(p).map_err(|_| PyValueError::new_err("port out of range"))?,
        None => 8000,
    };
    Ok((host, port, o, auth))
}

/// The executor on the asyncio loop and the service answering through it: what both shells
/// are built from.
#[allow(clippy::too_many_arguments)]
fn service(
    options: &Bound<'_, PyDict>,
    handlers: &Bound<'_, PyDict>,
    notifications: &Bound<'_, PyDict>,
    event_loop: Py<PyAny>,
    stopped: Py<PyAny>,
    registry: Option<PyRef<'_, PyRegistry>>,
    http: Option<&Bound<'_, PyDict>>,
    cross_thread: bool,
) -> PyResult<(String, u16, Arc<Executor>, Arc<HttpService>)> {
    let py = options.py();
    let (host, port, mut http, auth) = match http {
        Some(d) => http_options(d, &event_loop)?,
        None => http_options(&PyDict::new(py), &event_loop)?,
    };
    if let Some(auth) = auth {
        http.auth = Some(crate::auth::options(&auth, &event_loop)?);
    }
    // `cross_thread`: requests arrive on the HTTP threads and wake the loop through an eventfd
    // (`HttpServer`); an ASGI app's requests arrive on the loop's own thread.
    let exec = Executor::build(
        event_loop,
        PySink::Null,
        false,
        stopped,
        has_middleware(options)?,
        cross_thread,
    );
    let server = build_server(options, handlers, notifications, registry, &exec)?;
    let dispatcher = Arc::new(OnLoop::new(server, exec.driver()));
    Ok((
        host,
        port,
        exec,
        Arc::new(HttpService::new(dispatcher, http)),
    ))
}

/// The runtime the service runs on: one worker thread, timers and I/O enabled.
fn runtime() -> PyResult<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("ferromcp-http")
        .enable_all()
        .build()
        .map_err(|e| PyOSError::new_err(e.to_string()))
}

/// Ends the service's sessions and stops its threads; the loop's pending work is settled.
fn shut_down(
    py: Python<'_>,
    exec: &Arc<Executor>,
    service: &HttpService,
    runtime: Option<tokio::runtime::Runtime>,
) {
    service.close();
    exec.enter(|| ());
    exec.clear();
    if let Some(rt) = runtime {
        py.detach(|| rt.shutdown_timeout(Duration::from_secs(2)));
    }
}

/// A server answering over HTTP with the core's own HTTP server, on the loop's thread: the
/// loop watches one descriptor (the poller of the listening socket and every connection,
/// [`LoopSockets`]), and each connection — hyper's HTTP/1.1 over the service — is polled
/// there when its socket is ready or its answer is, so a request is read, handled and
/// answered without crossing a thread, as over stdio, and a burst of requests on many
/// connections costs one wake-up of the loop. The server's runtime thread keeps the
/// service's timers and spawned tasks only.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct HttpServer {
    exec: Arc<Executor>,
    service: Arc<HttpService>,
    host: String,
    port: u16,
    app: Arc<Shared>,
    runtime: Mutex<Option<tokio::runtime::Runtime>>,
    sockets: Mutex<Option<Arc<LoopSockets<ConnTask>>>>,
}

/// How long accepting rests after it failed (out of descriptors, say).
const ACCEPT_PAUSE: f64 = 0.05;

#[pymethods]
impl HttpServer {
    /// Serves `handlers` (method → runner) over HTTP as `http` (the settings) says.
    /// `stopped` is kept for the callers' sake: serving only ends when [`Self::close`] is called.
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
        let (host, port, exec, service) = service(
            options,
            handlers,
            notifications,
            event_loop,
            stopped,
            registry,
            http,
            true,
        )?;
        let runtime = runtime()?;
        let app = Shared::new(runtime.handle().clone(), py.None())
            .map_err(|e| PyOSError::new_err(e.to_string()))?;
        Ok(Self {
            service,
            exec,
            host,
            port,
            app: Arc::new(app),
            runtime: Mutex::new(Some(runtime)),
            sockets: Mutex::new(None),
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

    /// The eventfd to watch with `loop.add_reader(fd, drain)`: work handed to the handlers
    /// from the server's runtime thread (a message from another replica) wakes the loop
    /// through it, one write per burst, without taking the GIL there.
    fn wake_fd(&self) -> Option<i32> {
        self.exec.wake_fd()
    }

    /// The descriptor to watch with `loop.add_reader(fd, on_wake)`: connections woken off the
    /// loop's thread (a timer, a spawned task) are run from there.
    fn tasks_fd(&self) -> i32 {
        self.app.wake_rx.as_raw_fd()
    }

    /// Runs the connections woken since the last call (the loop's reader callback).
    fn on_wake(&self, py: Python<'_>) -> PyResult<()> {
        let woken = self.app.take();
        self.exec.enter(|| {
            for task in woken {
                task.run(py);
            }
        });
        self.exec.take_pending()
    }

    /// Binds, and has the loop serve connections from now on; returns the address bound.
    fn start(slf: &Bound<'_, Self>) -> PyResult<(String, u16)> {
        let this = slf.get();
        let py = slf.py();
        let mut slot = lock(&this.sockets);
        if slot.is_some() {
            return Err(PyRuntimeError::new_err(
                "the HTTP server is already running",
            ));
        }
        let addr = format!("{}:{}", this.host, this.port);
        let cannot =
            |e: std::io::Error| PyOSError::new_err(format!("cannot listen on {addr}: {e}"));
        let bound = py.detach(|| -> std::io::Result<LoopSockets<ConnTask>> {
            let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
            for a in std::net::ToSocketAddrs::to_socket_addrs(addr.as_str())? {
                match LoopSockets::bind(a) {
                    Ok(s) => return Ok(s),
                    Err(e) => last = e,
                }
            }
            Err(last)
        });
        let sockets = Arc::new(bound.map_err(cannot)?);
        let local = sockets.local_addr();
        tracing::info!(%local, "serving MCP over HTTP");
        this.exec.event_loop().call_method1(
            py,
            intern!(py, "add_reader"),
            (sockets.fd(), slf.getattr(intern!(py, "on_ready"))?),
        )?;
        if let Some(reaper) = this.service.reaper()
            && let Some(rt) = lock(&this.runtime).as_ref()
        {
            rt.spawn(reaper);
        }
        *slot = Some(sockets);
        Ok((local.ip().to_string(), local.port()))
    }

    /// Serves what the sockets have ready (the loop's reader callback): new connections are
    /// accepted, and every connection with something to do is polled, in one entry of the
    /// executor.
    fn on_ready(slf: &Bound<'_, Self>) -> PyResult<()> {
        let this = slf.get();
        let Some(sockets) = lock(&this.sockets).clone() else {
            return Ok(());
        };
        let ready = sockets.ready(&this.service, |conn| this.task(&sockets, conn));
        let ready = match ready {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("polling the HTTP sockets failed: {e}");
                return Ok(());
            }
        };
        if let Some(e) = ready.accept_failed {
            this.pause_accepting(slf, &e)?;
        }
        this.serve(ready.conns)
    }

    /// Accepts again after a pause (see [`Self::on_ready`]).
    fn resume_accepting(slf: &Bound<'_, Self>) -> PyResult<()> {
        let this = slf.get();
        let Some(sockets) = lock(&this.sockets).clone() else {
            return Ok(());
        };
        let (accepted, failed) = sockets.accept(&this.service, |conn| this.task(&sockets, conn));
        if let Some(e) = failed {
            this.pause_accepting(slf, &e)?;
        }
        this.serve(accepted)
    }

    /// Stops serving: no new connections, the long-lived streams end, answers written in full
    /// end their connections, every session ends, open connections close, and the server's
    /// thread stops.
    fn close(&self, py: Python<'_>) {
        let sockets = lock(&self.sockets).take();
        if let Some(sockets) = sockets {
            let _ = self.exec.event_loop().call_method1(
                py,
                intern!(py, "remove_reader"),
                (sockets.fd(),),
            );
            {
                let _rt = self.app.handle.enter();
                self.service.end_streams();
            }
            let open = sockets.all();
            self.exec.enter(|| {
                for task in &open {
                    task.shut_down();
                    task.clone().run(py);
                }
            });
            {
                let _rt = self.app.handle.enter();
                self.service.close();
            }
            let _ = self.on_wake(py);
            for task in sockets.all() {
                task.abort(py);
            }
        }
        let runtime = lock(&self.runtime).take();
        shut_down(py, &self.exec, &self.service, runtime);
    }
}

impl HttpServer {
    fn task(&self, sockets: &Arc<LoopSockets<ConnTask>>, conn: LoopConnection) -> Arc<ConnTask> {
        Arc::new_cyclic(|me| ConnTask {
            queued: AtomicBool::new(false),
            polling: AtomicBool::new(false),
            again: AtomicBool::new(false),
            conn: Mutex::new(Some(conn)),
            sockets: Arc::downgrade(sockets),
            app: self.app.clone(),
            exec: self.exec.clone(),
            waker: std::task::Waker::from(Arc::new(ConnWaker(me.clone()))),
        })
    }

    /// Polls `conns` in one entry of the executor: answers given at once leave before this
    /// returns.
    fn serve(&self, conns: Vec<Arc<ConnTask>>) -> PyResult<()> {
        if !conns.is_empty() {
            self.exec.enter(|| {
                for task in conns {
                    task.poll();
                }
            });
        }
        self.exec.take_pending()
    }

    /// Rests instead of retrying an accept that fails at once.
    fn pause_accepting(&self, slf: &Bound<'_, Self>, e: &std::io::Error) -> PyResult<()> {
        let py = slf.py();
        tracing::warn!("accept failed: {e}");
        self.exec.event_loop().call_method1(
            py,
            intern!(py, "call_later"),
            (ACCEPT_PAUSE, slf.getattr(intern!(py, "resume_accepting"))?),
        )?;
        Ok(())
    }
}

/// One connection of [`HttpServer`], polled on the loop's thread.
struct ConnTask {
    queued: AtomicBool,
    /// Set while [`Self::poll`] runs: a wake on the loop's thread then asks it for another
    /// round instead of a wake-up of the loop.
    polling: AtomicBool,
    again: AtomicBool,
    /// None once the connection is over.
    conn: Mutex<Option<LoopConnection>>,
    sockets: std::sync::Weak<LoopSockets<ConnTask>>,
    app: Arc<Shared>,
    exec: Arc<Executor>,
    /// The waker its polls use, made once (it names the task weakly: no cycle).
    waker: std::task::Waker,
}

struct ConnWaker(std::sync::Weak<ConnTask>);

impl std::task::Wake for ConnWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let Some(task) = self.0.upgrade() else {
            return;
        };
        if task.polling.load(Ordering::Acquire) && task.exec.driver().on_loop_thread() {
            task.again.store(true, Ordering::Release);
            return;
        }
        let as_task: Arc<dyn LoopTask> = task.clone();
        task.app.tasks.push(as_task);
    }
}

impl ConnTask {
    /// Serves what is ready; the handlers the requests reach run on the way (an entry of the
    /// executor), and whatever they answer at once is written before this returns.
    fn poll(self: &Arc<Self>) {
        if self.polling.swap(true, Ordering::AcqRel) {
            self.again.store(true, Ordering::Release);
            return;
        }
        let over = loop {
            self.queued.store(false, Ordering::Release);
            self.again.store(false, Ordering::Release);
            let over = {
                let _rt = self.app.handle.enter();
                self.exec.enter(|| match lock(&self.conn).as_mut() {
                    Some(c) => c.poll(&mut Context::from_waker(&self.waker)).is_ready(),
                    None => true,
                })
            };
            if over || !self.again.load(Ordering::Acquire) {
                break over;
            }
        };
        self.polling.store(false, Ordering::Release);
        if over {
            self.finish();
        }
    }

    /// The connection is over: its socket leaves the poller and closes.
    fn finish(&self) {
        let conn = lock(&self.conn).take();
        match (conn, self.sockets.upgrade()) {
            (Some(c), Some(sockets)) => sockets.remove(c),
            (c, _) => drop(c),
        }
    }
}

impl HostTask for ConnTask {
    fn queued(&self) -> &AtomicBool {
        &self.queued
    }
}

impl LoopTask for ConnTask {
    fn run(self: Arc<Self>, _py: Python<'_>) {
        self.poll();
    }

    fn abort(&self, _py: Python<'_>) {
        self.finish();
    }

    /// Ends the connection once its answer in progress is written.
    fn shut_down(&self) {
        if let Some(c) = lock(&self.conn).as_mut() {
            c.shut_down();
        }
    }
}

/// A future of the service polled on the loop's thread: a response's head, or its body.
trait LoopTask: HostTask {
    /// Runs on the loop's thread after a wake.
    fn run(self: Arc<Self>, py: Python<'_>);
    /// Ends the task for good (the app is closing): whoever awaits it is answered now.
    fn abort(&self, py: Python<'_>);
    /// The server is closing: finish what is under way, take nothing new.
    fn shut_down(&self) {}
}

/// What an app shares with its tasks: the runtime its futures need (timers, spawned tasks),
/// the loop's wake-ups, and the Python side's `settle`.
struct Shared {
    handle: tokio::runtime::Handle,
    /// `settle(future, value)`: resolves an asyncio future unless it is done already (a head
    /// nobody awaits any more is closed).
    settle: Py<PyAny>,
    /// The socket the loop watches (`add_reader`), written once when the queue stops being
    /// empty. Waking never takes the GIL, so a future woken on the runtime's threads (a timer,
    /// a spawned task) or on the loop's own costs the loop one wake-up per burst.
    wake_rx: UnixStream,
    /// Tasks whose futures may progress, and every task that may still have someone waiting on
    /// it, for [`HttpApp::close`].
    tasks: Arc<WakeQueue<dyn LoopTask>>,
}

/// Wakes the loop: one byte on the socket it watches (full: a wake-up is pending already).
struct SocketWake(UnixStream);

impl Signal for SocketWake {
    fn signal(&self) {
        let _ = (&self.0).write(&[1]);
    }
}

impl Shared {
    fn new(handle: tokio::runtime::Handle, settle: Py<PyAny>) -> std::io::Result<Self> {
        let (tx, rx) = UnixStream::pair()?;
        tx.set_nonblocking(true)?;
        rx.set_nonblocking(true)?;
        Ok(Self {
            handle,
            settle,
            wake_rx: rx,
            tasks: Arc::new(WakeQueue::new(SocketWake(tx))),
        })
    }

    /// Empties the socket and the queue: the tasks to run.
    fn take(&self) -> Vec<Arc<dyn LoopTask>> {
        let mut sink = [0u8; 64];
        while matches!((&self.wake_rx).read(&mut sink), Ok(n) if n > 0) {}
        self.tasks.take()
    }

    fn track(&self, task: &Arc<dyn LoopTask>) {
        self.tasks.track(task);
    }
}

fn waker(task: Arc<dyn LoopTask>, app: &Arc<Shared>) -> std::task::Waker {
    host::waker(task, &app.tasks)
}

/// The core's HTTP service for a host framework (ASGI): no listener; requests arrive one at a
/// time through [`HttpApp::handle`].
///
/// The service's futures are polled on the loop's thread, as the loop's own work: a request is
/// parsed and dispatched there, its handler runs there (through the driver, as for every
/// transport), and its answer is read there, so a request crosses no thread. The app's runtime
/// (one thread) keeps the timers (SSE keep-alives, the idle-session reaper) and the tasks the
/// service spawns; what they wake reaches the loop through its wake queue (`Shared`).
#[pyclass(module = "ferromcp._core", frozen)]
pub struct HttpApp {
    exec: Arc<Executor>,
    service: Arc<HttpService>,
    app: Arc<Shared>,
    runtime: Mutex<Option<tokio::runtime::Runtime>>,
}

#[pymethods]
impl HttpApp {
    /// The service for `handlers` (method → runner) as `http` (the settings) says, its timers
    /// running from now on (idle sessions are ended there). `settle` is the callable that
    /// resolves the futures [`Self::handle`] and [`ResponseBody::wait`] are given.
    #[new]
    #[pyo3(signature = (options, handlers, notifications, event_loop, stopped, settle, registry=None, http=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        options: &Bound<'_, PyDict>,
        handlers: &Bound<'_, PyDict>,
        notifications: &Bound<'_, PyDict>,
        event_loop: Py<PyAny>,
        stopped: Py<PyAny>,
        settle: Py<PyAny>,
        registry: Option<PyRef<'_, PyRegistry>>,
        http: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let (_, _, exec, service) = service(
            options,
            handlers,
            notifications,
            event_loop,
            stopped,
            registry,
            http,
            false,
        )?;
        let runtime = runtime()?;
        if let Some(reaper) = service.reaper() {
            runtime.spawn(reaper);
        }
        let app = Shared::new(runtime.handle().clone(), settle)
            .map_err(|e| PyOSError::new_err(e.to_string()))?;
        Ok(Self {
            exec,
            service,
            app: Arc::new(app),
            runtime: Mutex::new(Some(runtime)),
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

    /// The descriptor the loop watches (`add_reader(fd, app.on_wake)`).
    fn wake_fd(&self) -> i32 {
        self.app.wake_rx.as_raw_fd()
    }

    /// Runs what was woken since the last call (the loop's reader callback).
    fn on_wake(&self, py: Python<'_>) {
        for task in self.app.take() {
            task.run(py);
        }
    }

    /// Answers one request: `future` (of the app's loop) is resolved with `(status, headers,
    /// body)` — headers a list of `(name, value)` bytes pairs, body a [`ResponseBody`]. `path`
    /// is the path the service matches (below the mount), `base` the mount (ASGI
    /// `root_path`), `local` the address the request arrived on (ASGI `server`), `scope` what
    /// handlers are handed as the request (the ASGI scope).
    #[pyo3(signature = (future, method, path, query, headers, body, local=None, base=None, scope=None))]
    #[allow(clippy::too_many_arguments)]
    fn handle(
        &self,
        py: Python<'_>,
        future: Py<PyAny>,
        method: &str,
        path: &str,
        query: &[u8],
        headers: &Bound<'_, PyAny>,
        body: &[u8],
        local: Option<(String, u16)>,
        base: Option<String>,
        scope: Option<Py<PyAny>>,
    ) -> PyResult<()> {
        let uri = if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", String::from_utf8_lossy(query))
        };
        let mut builder = http::Request::builder().method(method).uri(uri);
        for pair in headers.try_iter()? {
            let pair = pair?;
            let name = pair.get_item(0)?;
            let value = pair.get_item(1)?;
            builder = builder.header(
                name.cast::<PyBytes>()?.as_bytes(),
                value.cast::<PyBytes>()?.as_bytes(),
            );
        }
        let mut req = match builder.body(Full::new(Bytes::copy_from_slice(body))) {
            Ok(r) => r,
            Err(e) => {
                // A method, path or header hyper would not have parsed either.
                let head = plain(py, &self.app, 400, &format!("Bad Request: {e}"))?;
                self.app.settle.call1(py, (future, head))?;
                return Ok(());
            }
        };
        if let Some((host, port)) = local
            && let Ok(ip) = host.parse::<IpAddr>()
        {
            req.extensions_mut()
                .insert(LocalAddr(SocketAddr::new(ip, port)));
        }
        if let Some(base) = base.filter(|b| !b.is_empty()) {
            req.extensions_mut().insert(BasePath(base));
        }
        if let Some(scope) = scope {
            req.extensions_mut().insert(HostRequest(Arc::new(scope)));
        }
        let service = self.service.clone();
        let task = Arc::new(HeadTask {
            queued: AtomicBool::new(false),
            head: HeadState::new(Box::pin(async move { service.handle(req).await }), future),
            app: self.app.clone(),
        });
        let as_task: Arc<dyn LoopTask> = task.clone();
        self.app.track(&as_task);
        task.poll(py);
        Ok(())
    }

    /// Ends the SSE stream the client holds on session `session_id` for request `request_id`
    /// (`None`: the session's GET stream) without ending what it carries, so that the client
    /// resumes it; whether there was one to end (the official single-session transport's
    /// `close_sse_stream`).
    #[pyo3(signature = (session_id, request_id=None))]
    fn close_stream(
        &self,
        session_id: &str,
        request_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let Some(session) = self.service.sessions().get(session_id) else {
            return Ok(false);
        };
        let _rt = self.app.handle.enter();
        let Some(id) = request_id else {
            return Ok(session.close_stream(&Route::Standalone));
        };
        if let Ok(n) = id.extract::<i64>() {
            return Ok(session.close_stream(&Route::Request(RequestId::Number(n))));
        }
        let text: String = id.extract()?;
        // An id the client sent as a number may be named by its text, as the official
        // transport keys its streams.
        let closed = session.close_stream(&Route::Request(RequestId::String(text.clone())));
        Ok(closed
            || text
                .parse::<i64>()
                .is_ok_and(|n| session.close_stream(&Route::Request(RequestId::Number(n)))))
    }

    /// Ends the long-lived streams (GET and legacy SSE streams), so that the host server's
    /// graceful shutdown can close their connections; answers in progress still complete.
    fn end_streams(&self) {
        let _rt = self.app.handle.enter();
        self.service.end_streams();
    }

    /// Stops the service: every session ends (requests in flight are cancelled), every
    /// response still awaited or streaming ends, and the app's thread stops.
    fn close(&self, py: Python<'_>) {
        let runtime = lock(&self.runtime).take();
        {
            let _rt = self.app.handle.enter();
            self.service.close();
        }
        self.on_wake(py);
        for task in self.app.tasks.abandon() {
            task.abort(py);
        }
        shut_down(py, &self.exec, &self.service, runtime);
    }
}

/// The service's answer to one request, polled on the loop until its head is there; the
/// asyncio future awaiting it is resolved then.
struct HeadTask {
    queued: AtomicBool,
    head: HeadState<Py<PyAny>>,
    app: Arc<Shared>,
}

impl HeadTask {
    fn poll(self: &Arc<Self>, py: Python<'_>) {
        self.queued.store(false, Ordering::Release);
        let w = waker(self.clone(), &self.app);
        let ready = {
            let _rt = self.app.handle.enter();
            self.head.poll(&w)
        };
        let Some((response, future)) = ready else {
            return;
        };
        let (parts, body) = response.into_parts();
        let body = BodyTask::new(BodyState::new(body), &self.app);
        let head = (|| -> PyResult<()> {
            let headers = PyList::empty(py);
            for (name, value) in &parts.headers {
                headers.append((
                    PyBytes::new(py, name.as_str().as_bytes()),
                    PyBytes::new(py, value.as_bytes()),
                ))?;
            }
            let reader = Py::new(py, ResponseBody { inner: body })?;
            self.app
                .settle
                .call1(py, (future, (parts.status.as_u16(), headers, reader)))?;
            Ok(())
        })();
        if let Err(e) = head {
            e.display(py);
        }
    }
}

impl HostTask for HeadTask {
    fn queued(&self) -> &AtomicBool {
        &self.queued
    }
}

impl LoopTask for HeadTask {
    fn run(self: Arc<Self>, py: Python<'_>) {
        self.poll(py);
    }

    fn abort(&self, py: Python<'_>) {
        let Some(future) = self.head.abandon() else {
            return;
        };
        let head = plain(py, &self.app, 503, SHUTTING_DOWN)
            .and_then(|h| self.app.settle.call1(py, (future, h)));
        if let Err(e) = head {
            e.display(py);
        }
    }
}

/// A response body, read on the loop as the core produces it; the asyncio future Python
/// awaits for more is resolved when more may be read.
struct BodyTask {
    queued: AtomicBool,
    body: BodyState<Py<PyAny>>,
    app: Arc<Shared>,
}

impl BodyTask {
    fn new(body: BodyState<Py<PyAny>>, app: &Arc<Shared>) -> Arc<Self> {
        let task = Arc::new(Self {
            queued: AtomicBool::new(false),
            body,
            app: app.clone(),
        });
        let as_task: Arc<dyn LoopTask> = task.clone();
        app.track(&as_task);
        task
    }

    fn resolve(&self, py: Python<'_>, future: Option<Py<PyAny>>) {
        if let Some(f) = future
            && let Err(e) = self.app.settle.call1(py, (f, py.None()))
        {
            e.display(py);
        }
    }
}

impl HostTask for BodyTask {
    fn queued(&self) -> &AtomicBool {
        &self.queued
    }
}

impl LoopTask for BodyTask {
    fn run(self: Arc<Self>, py: Python<'_>) {
        self.queued.store(false, Ordering::Release);
        self.resolve(py, self.body.woken());
    }

    fn abort(&self, py: Python<'_>) {
        self.resolve(py, self.body.finish());
    }
}

/// A response with a plain-text body the service did not give: `(status, headers, body)`.
fn plain<'py>(
    py: Python<'py>,
    app: &Arc<Shared>,
    status: u16,
    message: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let headers = PyList::new(
        py,
        [(
            PyBytes::new(py, b"content-type"),
            PyBytes::new(py, b"text/plain; charset=utf-8"),
        )],
    )?;
    let body = Py::new(
        py,
        ResponseBody {
            inner: BodyTask::new(BodyState::text(message.as_bytes()), app),
        },
    )?;
    PyTuple::new(
        py,
        [
            status.into_pyobject(py)?.into_any(),
            headers.into_any(),
            body.into_bound(py).into_any(),
        ],
    )
}

/// The body of a response [`HttpApp::handle`] gave: what the core has produced so far, and a
/// way to wait for more.
#[pyclass(module = "ferromcp._core", frozen)]
pub struct ResponseBody {
    inner: Arc<BodyTask>,
}

#[pymethods]
impl ResponseBody {
    /// `(data, more)`: everything the core produced since the last read (possibly nothing),
    /// and whether more may come.
    fn read<'py>(&self, py: Python<'py>) -> (Bound<'py, PyBytes>, bool) {
        let inner = &self.inner;
        let w = waker(inner.clone(), &inner.app);
        let _rt = inner.app.handle.enter();
        let (data, more) = inner.body.read(&w);
        (PyBytes::new(py, &data), more)
    }

    /// Registers `future` to be resolved when more may be read; false (nothing registered)
    /// when it may be read already.
    fn wait(&self, future: Py<PyAny>) -> bool {
        self.inner.body.wait(future).is_ok()
    }

    /// Ends the body: the client went away. The core drops it (a legacy SSE session ends with
    /// its stream); a future registered with [`Self::wait`] is resolved now.
    fn close(&self, py: Python<'_>) {
        self.inner.resolve(py, self.inner.body.finish());
    }
}

/// The request that carried a message, as handlers are handed it: the host framework's ASGI
/// scope when it gave one, else an ASGI scope describing the head the core's server read;
/// `None` when no HTTP request carried it.
pub fn origin_scope<'py>(
    py: Python<'py>,
    origin: Option<&Origin>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(head) = origin.and_then(|o| o.downcast_ref::<http::request::Parts>()) else {
        return Ok(None);
    };
    if let Some(HostRequest(host)) = head.extensions.get::<HostRequest>()
        && let Some(scope) = host.downcast_ref::<Py<PyAny>>()
    {
        return Ok(Some(scope.bind(py).clone()));
    }
    let scope = PyDict::new(py);
    scope.set_item("type", "http")?;
    let asgi = PyDict::new(py);
    asgi.set_item("version", "3.0")?;
    scope.set_item("asgi", asgi)?;
    let version = match head.version {
        http::Version::HTTP_10 => "1.0",
        http::Version::HTTP_2 => "2",
        _ => "1.1",
    };
    scope.set_item("http_version", version)?;
    scope.set_item("method", head.method.as_str())?;
    scope.set_item("scheme", "http")?;
    let path = head.uri.path();
    scope.set_item("path", path)?;
    scope.set_item("raw_path", PyBytes::new(py, path.as_bytes()))?;
    scope.set_item(
        "query_string",
        PyBytes::new(py, head.uri.query().unwrap_or("").as_bytes()),
    )?;
    let root = head
        .extensions
        .get::<BasePath>()
        .map_or("", |b| b.0.as_str());
    scope.set_item("root_path", root)?;
    let headers = PyList::empty(py);
    for (name, value) in &head.headers {
        headers.append((
            PyBytes::new(py, name.as_str().as_bytes()),
            PyBytes::new(py, value.as_bytes()),
        ))?;
    }
    scope.set_item("headers", headers)?;
    let addr = |a: SocketAddr| (a.ip().to_string(), a.port());
    scope.set_item(
        "client",
        head.extensions.get::<PeerAddr>().map(|p| addr(p.0)),
    )?;
    scope.set_item(
        "server",
        head.extensions.get::<LocalAddr>().map(|l| addr(l.0)),
    )?;
    Ok(Some(scope.into_any()))
}
