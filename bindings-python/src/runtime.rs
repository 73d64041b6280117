//! The asyncio side of the core's driver ([`ferromcp_core::driver`]): how the loop is woken
//! (`call_soon` / `call_soon_threadsafe` of a drain callback), where answers go (a core
//! [`LineWriter`] to stdout, or a Python callable for streams the caller owns), and the
//! CPython-specific speed work around it — freeing what answered requests left only after the
//! answers are written, and waiting on the loop's own epoll while it is idle ([`crate::idle`]).
//!
//! A request that a handler answers without suspending costs no thread hop: the loop reports
//! stdin readable, the core parses and dispatches, the handler's task runs, and the reply is
//! written — all on the loop's thread.

use pyo3::exceptions::PyBrokenPipeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde_json::Value;
use std::os::fd::{OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use ferromcp_core::Message;
use ferromcp_core::driver::{Driver, Host, Task};
use ferromcp_core::transport::lines::{FdSink, FlushError, LineWriter, Sink};
use tracing_subscriber::Layer;

use crate::idle::LoopPoller;

/// How long an idle wait may last in asyncio's debug mode ([`Executor::wait_idle`]).
pub const DEBUG_WINDOW: Duration = Duration::from_millis(2);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where flushed bytes go: a descriptor (stdio), or a Python callable taking `bytes` (a stream
/// the caller owns, such as the official SDK's in-memory streams).
pub enum PySink {
    Fd(FdSink),
    Callback(Py<PyAny>),
    /// Nothing is written (HTTP answers travel back to each request, not through a stream).
    Null,
}

impl PySink {
    /// A sink writing to a duplicate of `fd`.
    pub fn fd(fd: RawFd) -> std::io::Result<Self> {
        // SAFETY: `fd` is open for the whole call (the caller's stdout); it is only borrowed to
        // be duplicated, and the duplicate is owned by the sink.
        let owned: OwnedFd =
            unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }.try_clone_to_owned()?;
        Ok(Self::Fd(FdSink::new(owned)))
    }
}

impl Sink for PySink {
    fn write(&self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Self::Fd(f) => f.write(bytes),
            Self::Callback(cb) => Python::attach(|py| {
                if let Err(e) = cb.call1(py, (PyBytes::new(py, bytes),)) {
                    e.display(py);
                }
                Ok(bytes.len())
            }),
            Self::Null => Ok(bytes.len()),
        }
    }

    fn wait_writable(&self, timeout: Duration) -> std::io::Result<()> {
        match self {
            Self::Fd(f) => f.wait_writable(timeout),
            Self::Callback(_) | Self::Null => Ok(()),
        }
    }
}

/// The objects and values of requests already answered. Freeing them costs a few µs per
/// request; done after the write, that overlaps the client reading the answer instead of
/// delaying it.
#[derive(Default)]
struct Spent {
    objects: Vec<Py<PyAny>>,
    values: Vec<Value>,
}

/// The asyncio loop as the core's driver sees it.
pub struct PyHost {
    event_loop: Py<PyAny>,
    drain_callback: Mutex<Option<Py<PyAny>>>,
    /// The `contextvars` context drains run in when woken from another thread (the serving
    /// task's, so handlers see its context variables); on the loop's thread the current one.
    context: Mutex<Option<Py<PyAny>>>,
    pub out: LineWriter<PySink>,
    /// What finished requests leave behind, released once their answers are written.
    spent: Mutex<Spent>,
    /// An exception to raise out of the current entry point: KeyboardInterrupt caught while
    /// waiting for a client that stopped reading, SystemExit raised by a handler.
    pending: Mutex<Option<PyErr>>,
    /// Resolved with BrokenPipeError when the client closes its end of the output.
    closed: Mutex<Option<Py<PyAny>>>,
    /// A signal interrupted a write to a client that was not reading, and the loop has not had
    /// its turn since.
    interrupted: AtomicBool,
    /// An eventfd the loop watches (`add_reader`) for wake-ups from other threads; without one
    /// they go through `call_soon_threadsafe`.
    wake: Option<OwnedFd>,
}

/// Wakes the loop through its eventfd (the counter only needs to be non-zero).
fn wake(fd: &OwnedFd) {
    use std::os::fd::AsRawFd;
    let one = 1u64.to_ne_bytes();
    // SAFETY: an 8-byte buffer, written to an eventfd this host owns.
    let n = unsafe { libc::write(fd.as_raw_fd(), one.as_ptr().cast(), one.len()) };
    if n < 0 {
        // EAGAIN: the counter is saturated, so the loop is awake anyway.
        tracing::debug!("eventfd wake-up: {}", std::io::Error::last_os_error());
    }
}

/// Empties the eventfd's counter (the loop is running the drain it asked for).
fn clear_wake(fd: &OwnedFd) {
    use std::os::fd::AsRawFd;
    let mut buf = [0u8; 8];
    // SAFETY: an 8-byte buffer read from a non-blocking eventfd this host owns.
    let _ = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
}

/// A non-blocking eventfd for [`PyHost::wake`].
fn new_eventfd() -> std::io::Result<OwnedFd> {
    use std::os::fd::FromRawFd;
    // SAFETY: eventfd returns a new descriptor or -1; the OwnedFd takes it over.
    let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

impl Host for PyHost {
    fn schedule(&self, on_loop: bool) {
        // From another thread (an HTTP worker), with a wake-up descriptor the loop watches:
        // one write, no GIL, no Python thread state on that thread.
        if !on_loop && let Some(fd) = &self.wake {
            wake(fd);
            return;
        }
        Python::attach(|py| {
            let cb = lock(&self.drain_callback).as_ref().map(|c| c.clone_ref(py));
            let Some(cb) = cb else { return };
            let method = if on_loop {
                intern!(py, "call_soon")
            } else {
                intern!(py, "call_soon_threadsafe")
            };
            let kwargs = lock(&self.context).as_ref().map(|c| {
                let d = pyo3::types::PyDict::new(py);
                let _ = d.set_item(intern!(py, "context"), c.bind(py));
                d
            });
            let scheduled = self
                .event_loop
                .bind(py)
                .call_method(method, (cb,), kwargs.as_ref());
            if let Err(e) = scheduled {
                // The loop is closed: nothing will ever poll again.
                tracing::debug!("could not schedule a drain: {e}");
            }
        });
    }

    fn emit(&self, message: Message) {
        self.out.push(&message);
    }

    fn flush(&self) {
        // Only a signal interrupts a blocking write: its Python handler runs now; then the loop
        // gets a turn (asyncio's SIGINT handler only cancels the main task) and a drain comes
        // back to write the rest.
        let mut stop = || {
            Python::attach(|py| {
                if let Err(e) = py.check_signals() {
                    self.raise_later(e);
                } else {
                    self.interrupted.store(true, Ordering::Release);
                    self.schedule(true);
                }
            });
            true
        };
        if self.interrupted.load(Ordering::Acquire) {
            // Until the loop had its turn (the drain scheduled below runs), nothing blocks on
            // this client again: what the signal's handler asked for (asyncio cancels the main
            // task on SIGINT) must happen first.
            return;
        }
        match self.out.flush(&mut stop) {
            Ok(()) | Err(FlushError::Interrupted) => {}
            Err(FlushError::Closed(e)) => self.output_closed(e),
            Err(e) => tracing::warn!("writing to the client failed: {e}"),
        }
    }

    fn settle(&self) {
        let mut taken = {
            let mut spent = lock(&self.spent);
            if spent.objects.is_empty() && spent.values.is_empty() {
                return;
            }
            std::mem::take(&mut *spent)
        };
        // Freeing may run Python code, so it happens outside the lock; the emptied buffers go
        // back for reuse.
        taken.values.clear();
        taken.objects.clear();
        let mut spent = lock(&self.spent);
        if spent.objects.is_empty() && spent.values.is_empty() {
            *spent = taken;
        }
    }
}

impl PyHost {
    fn raise_later(&self, e: PyErr) {
        let mut p = lock(&self.pending);
        if p.is_none() {
            *p = Some(e);
        }
    }

    /// The client closed its end of the output: serving is over, and the server says why.
    fn output_closed(&self, e: std::io::Error) {
        tracing::error!("the client closed its end of the output ({e}); stopping");
        let closed = lock(&self.closed).take();
        if let Some(fut) = closed {
            Python::attach(|py| {
                let f = fut.bind(py);
                if f.call_method0(intern!(py, "done"))
                    .and_then(|d| d.is_truthy())
                    .unwrap_or(true)
                {
                    return;
                }
                let err = PyBrokenPipeError::new_err(format!(
                    "the client closed its end of the output: {e}"
                ));
                let _ = f.call_method1(intern!(py, "set_exception"), (err.value(py),));
            });
        }
    }
}

thread_local! {
    static CURRENT: std::cell::RefCell<Vec<Arc<Executor>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The executor whose entry point is running on this thread (handlers are only ever called from
/// inside one).
pub fn current() -> Option<Arc<Executor>> {
    CURRENT.with(|c| c.borrow().last().cloned())
}

/// One connection's driver on the asyncio loop, with the loop's idle poller.
pub struct Executor {
    driver: Arc<Driver<PyHost>>,
    /// Present when the loop is asyncio's own epoll loop ([`Self::wait_idle`]).
    poller: Option<LoopPoller>,
    /// With middleware: what each request's handler raised, so `call_next` raises the same
    /// exception object to the middleware, as the official runner does.
    raised: Option<Mutex<std::collections::HashMap<ferromcp_core::RequestId, Py<PyAny>>>>,
}

impl Executor {
    /// `wait_idle` is enabled for a connection whose input the loop watches (`idle_waits`);
    /// `closed` is the future failed with BrokenPipeError when the client stops reading for good.
    pub fn new(
        event_loop: Py<PyAny>,
        sink: PySink,
        idle_waits: bool,
        closed: Py<PyAny>,
    ) -> Arc<Self> {
        Self::build(event_loop, sink, idle_waits, closed, false, false)
    }

    /// [`Self::new`] for a server with middleware (`keep_raised`) and/or one whose requests
    /// arrive on other threads (`cross_thread`: wake-ups through an eventfd the loop watches,
    /// [`Self::wake_fd`]).
    pub fn build(
        event_loop: Py<PyAny>,
        sink: PySink,
        idle_waits: bool,
        closed: Py<PyAny>,
        keep_raised: bool,
        cross_thread: bool,
    ) -> Arc<Self> {
        let poller = if idle_waits {
            Python::attach(|py| LoopPoller::for_loop(event_loop.bind(py)))
        } else {
            None
        };
        let host = PyHost {
            event_loop,
            drain_callback: Mutex::new(None),
            context: Mutex::new(None),
            out: LineWriter::new(sink),
            spent: Mutex::new(Spent::default()),
            pending: Mutex::new(None),
            closed: Mutex::new(Some(closed)),
            interrupted: AtomicBool::new(false),
            wake: cross_thread.then(new_eventfd).and_then(|r| {
                r.map_err(|e| tracing::warn!("no eventfd, waking through Python: {e}"))
                    .ok()
            }),
        };
        Arc::new(Self {
            driver: Driver::new(host),
            poller,
            raised: keep_raised.then(Mutex::default),
        })
    }

    fn host(&self) -> &PyHost {
        self.driver.host()
    }

    /// The Python callable the loop runs to drain after a wake from outside an entry point.
    pub fn set_drain_callback(&self, cb: Py<PyAny>) {
        *lock(&self.host().drain_callback) = Some(cb);
    }

    pub fn event_loop(&self) -> &Py<PyAny> {
        &self.host().event_loop
    }

    /// The eventfd the loop should watch (`loop.add_reader(fd, drain)`), if the executor has one.
    pub fn wake_fd(&self) -> Option<RawFd> {
        use std::os::fd::AsRawFd;
        self.host().wake.as_ref().map(AsRawFd::as_raw_fd)
    }

    /// The `contextvars` context drains woken from other threads run in.
    pub fn set_context(&self, context: Py<PyAny>) {
        *lock(&self.host().context) = Some(context);
    }

    /// The core driver, for dispatchers on other threads ([`ferromcp_core::dispatch::OnLoop`]).
    pub fn driver(&self) -> &Arc<Driver<PyHost>> {
        &self.driver
    }

    /// True while an entry point is on the stack of the loop thread (it will drain and flush).
    pub fn in_entry(&self) -> bool {
        self.driver.in_entry()
    }

    /// Queues an answer; it leaves with the entry point's flush.
    pub fn push(&self, m: &Message) {
        self.host().out.push(m);
    }

    /// Sends what a running handler emits (notifications, requests to the client): written at
    /// once, so progress is progress.
    pub fn send(&self, m: Message) {
        self.driver.send(m);
    }

    /// True once the client closed its end of the output.
    pub fn output_closed(&self) -> bool {
        self.host().out.is_closed()
    }

    /// Runs `f` as an entry point: everything it wakes is polled, and output flushed, before
    /// returning. Handlers called meanwhile find this executor with [`current`].
    pub fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        CURRENT.with(|c| c.borrow_mut().push(self.clone()));
        let r = self.driver.enter(f);
        CURRENT.with(|c| c.borrow_mut().pop());
        r
    }

    /// The exception an entry point must raise, if one is waiting (see [`PyHost`]).
    pub fn take_pending(&self) -> PyResult<()> {
        match lock(&self.host().pending).take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Keeps a SystemExit or KeyboardInterrupt a handler raised, for the entry point to raise.
    pub fn raise_later(&self, e: PyErr) {
        self.host().raise_later(e);
    }

    /// With middleware, remembers what request `id`'s handler raised (see [`Self::take_raised`]).
    pub fn keep_raised(&self, id: &ferromcp_core::RequestId, exc: &Bound<'_, PyAny>) {
        if let Some(map) = &self.raised {
            lock(map).insert(id.clone(), exc.clone().unbind());
        }
    }

    /// What request `id`'s handler raised, if it did and the server has middleware.
    pub fn take_raised(&self, id: &ferromcp_core::RequestId) -> Option<Py<PyAny>> {
        self.raised.as_ref().and_then(|m| lock(m).remove(id))
    }

    /// Keeps `objects` alive until the answers being produced are written (see [`Spent`]).
    pub fn release_later<const N: usize>(&self, objects: [Py<PyAny>; N]) {
        lock(&self.host().spent).objects.extend(objects);
    }

    /// Keeps `v` until the answers being produced are written (see [`Spent`]).
    pub fn drop_later(&self, v: Value) {
        lock(&self.host().spent).values.push(v);
    }

    /// A handler reporting its outcome: an entry point and, when it finished in a loop iteration
    /// of its own (it had suspended), a precise wait for the loop's next timer if it is due
    /// within a millisecond. (Holding answers back to share one write with other handlers
    /// finishing in the same iteration measured slower: it costs them a loop iteration.)
    pub fn complete<R>(self: &Arc<Self>, py: Python<'_>, f: impl FnOnce() -> R) -> PyResult<R> {
        let outermost = self.driver.outermost();
        let r = self.enter(f);
        self.take_pending()?;
        if outermost {
            self.wait_idle(py, None, Some(Duration::ZERO))?;
        }
        Ok(r)
    }

    /// Waits on the loop's own epoll while the loop is idle (nothing ready, not stopping),
    /// holding no GIL: for up to `window` (`None`: as long as the loop itself would, that is
    /// until its next timer) for `input` to become readable, or — when the loop's next timer is
    /// due in under a millisecond — exactly until that timer, which the selector would
    /// otherwise round up to a whole millisecond. True when `input` is the only thing that
    /// became ready, for the caller to read at once; anything else (another descriptor, a call
    /// from another thread, a signal, a timer, the window passing) returns to the loop, which
    /// finds the same events waiting (epoll is level-triggered there).
    ///
    /// Not arming a kernel timer that is not needed matters: on a virtual machine that costs a
    /// µs or more of CPU per request. In asyncio's debug mode the wait is capped at
    /// [`DEBUG_WINDOW`], so that slow-callback warnings keep measuring callbacks, not idleness.
    pub fn wait_idle<'py>(
        &self,
        py: Python<'py>,
        input: Option<RawFd>,
        window: Option<Duration>,
    ) -> PyResult<bool> {
        let Some(poller) = &self.poller else {
            return Ok(false);
        };
        let lp = self.event_loop().bind(py);
        // The loop's own attributes, read from its __dict__ (the poller exists only for
        // asyncio's epoll loop, which keeps them there).
        let attr = |name: &Bound<'py, PyString>| -> PyResult<Bound<'py, PyAny>> {
            match poller.loop_dict(py).get_item(name)? {
                Some(v) => Ok(v),
                None => lp.getattr(name),
            }
        };
        if attr(intern!(py, "_ready"))?.len()? > 0 || attr(intern!(py, "_stopping"))?.is_truthy()? {
            return Ok(false);
        }
        let mut timeout = match window {
            None if attr(intern!(py, "_debug"))?.is_truthy()? => Some(DEBUG_WINDOW),
            w => w,
        };
        let timers = attr(intern!(py, "_scheduled"))?;
        if timers.len()? > 0 {
            let when: f64 = timers
                .get_item(0)?
                .getattr(intern!(py, "_when"))?
                .extract()?;
            let now: f64 = lp.call_method0(intern!(py, "time"))?.extract()?;
            if when <= now {
                return Ok(false);
            }
            let due = Duration::from_secs_f64(when - now);
            timeout = Some(match timeout {
                _ if due < Duration::from_millis(1) => due,
                Some(w) => w.min(due),
                None => due,
            });
        }
        if timeout.is_some_and(|t| t.is_zero()) {
            return Ok(false);
        }
        // A signal that arrived while the core was busy only set Python's flag; its handler
        // (KeyboardInterrupt) runs now rather than after the next input.
        py.check_signals()?;
        match py.detach(|| poller.wait(input, timeout)) {
            Ok(input_ready) => Ok(input_ready),
            Err(_) => {
                // Interrupted by a signal: let its Python handler run (KeyboardInterrupt).
                py.check_signals()?;
                Ok(false)
            }
        }
    }

    /// Drain callback for the loop after a wake from outside an entry point.
    /// Then, like a handler's completion, waits precisely for a timer due within a millisecond.
    pub fn scheduled_drain(self: &Arc<Self>, py: Python<'_>) -> PyResult<()> {
        self.host().interrupted.store(false, Ordering::Release);
        if let Some(fd) = &self.host().wake {
            clear_wake(fd);
        }
        let outermost = self.driver.outermost();
        CURRENT.with(|c| c.borrow_mut().push(self.clone()));
        self.driver.run_scheduled();
        CURRENT.with(|c| c.borrow_mut().pop());
        self.take_pending()?;
        if outermost {
            self.wait_idle(py, None, Some(Duration::ZERO))?;
        }
        Ok(())
    }

    /// Polls a new task once; parks it if it is not done.
    pub fn spawn(self: &Arc<Self>, task: Task) {
        self.driver.spawn(task);
    }

    /// [`Self::spawn`] for the last request of a read: an answer it gives at once is written
    /// before anything else happens.
    pub fn spawn_last(self: &Arc<Self>, task: Task) {
        self.driver.spawn_last(task);
    }

    /// Runs `f` once no task is left (at once if none is).
    pub fn when_idle(self: &Arc<Self>, f: Box<dyn FnOnce() + Send>) {
        CURRENT.with(|c| c.borrow_mut().push(self.clone()));
        self.driver.when_idle(f);
        CURRENT.with(|c| c.borrow_mut().pop());
    }

    /// Gives the loop thread back the timer slack it had before serving (call on that thread).
    pub fn restore_timer_slack(&self) {
        if let Some(p) = self
            .poller
            .as_ref()
            .filter(|_| self.driver.on_loop_thread())
        {
            p.restore_timer_slack();
        }
    }

    /// Drops every parked task (their handlers' asyncio tasks are cancelled on drop).
    pub fn clear(&self) {
        self.driver.clear();
    }

    /// Stopping must not wait for a client that does not read: if a signal interrupted writing
    /// to it, what was left to write is dropped.
    pub fn abandon_unwritten(&self) {
        if self.host().interrupted.load(Ordering::Acquire) {
            self.host().out.discard();
        }
    }
}

/// Reads what `fd` has into `buf`.
pub fn read_fd(fd: RawFd, buf: &mut [u8]) -> std::io::Result<usize> {
    // SAFETY: the pointer and length come from a live mutable slice.
    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// Forwards the core's `tracing` events (warnings and errors: unparsable input, invalid
/// results, panics) to Python's `logging`, under the logger named after the event's module
/// (`ferromcp.router`, …), so a server's own logging configuration applies and, unconfigured,
/// they reach stderr. Nothing is ever written to stdout.
pub struct LogBridge;

struct Fields {
    message: String,
    rest: String,
}

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        use std::fmt::Write;
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.rest, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            self.rest.push_str(&format!(" {}={value}", field.name()));
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for LogBridge {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let meta = event.metadata();
        let level = match *meta.level() {
            tracing::Level::ERROR => 40,
            tracing::Level::WARN => 30,
            tracing::Level::INFO => 20,
            _ => 10,
        };
        let mut f = Fields {
            message: String::new(),
            rest: String::new(),
        };
        event.record(&mut f);
        let name = format!(
            "ferromcp.{}",
            meta.target()
                .trim_start_matches("ferromcp_core::")
                .trim_start_matches("_core::")
                .replace("::", ".")
        );
        Python::attach(|py| {
            let logged = py
                .import(intern!(py, "logging"))
                .and_then(|m| m.call_method1(intern!(py, "getLogger"), (name,)))
                .and_then(|l| l.call_method1(intern!(py, "log"), (level, f.message + &f.rest)));
            if let Err(e) = logged {
                e.display(py);
            }
        });
    }
}

/// Installs [`LogBridge`] as the process's `tracing` subscriber (once; warnings and errors),
/// unless the host program installed one of its own.
pub fn install_log_bridge() {
    use tracing_subscriber::layer::SubscriberExt;
    let subscriber = tracing_subscriber::registry()
        .with(LogBridge.with_filter(tracing_subscriber::filter::LevelFilter::WARN));
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// Resolves a Rust future with a Python future's outcome: the done callback of a
/// `concurrent.futures.Future`.
#[pyclass(module = "ferromcp._core", frozen)]
struct Done(Mutex<Option<futures::channel::oneshot::Sender<PyResult<Py<PyAny>>>>>);

#[pymethods]
impl Done {
    fn __call__(&self, fut: &Bound<'_, PyAny>) {
        // `result()` raises what the coroutine raised, or `CancelledError`.
        let r = fut
            .call_method0(pyo3::intern!(fut.py(), "result"))
            .map(Bound::unbind);
        if let Some(tx) = lock(&self.0).take() {
            let _ = tx.send(r);
        }
    }
}

/// Runs `coro` on `event_loop` from any thread (its own included, without blocking it): the
/// author's coroutines the core awaits (token verifiers, event stores). The receiver gets the
/// coroutine's result; a coroutine the loop will not run (it is closed) is closed here.
pub fn on_loop(
    event_loop: &Bound<'_, PyAny>,
    coro: Bound<'_, PyAny>,
) -> PyResult<futures::channel::oneshot::Receiver<PyResult<Py<PyAny>>>> {
    static RUN: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let py = event_loop.py();
    let run = RUN.import(py, "asyncio", "run_coroutine_threadsafe")?;
    let fut = match run.call1((&coro, event_loop)) {
        Ok(f) => f,
        Err(e) => {
            let _ = coro.call_method0(pyo3::intern!(py, "close"));
            return Err(e);
        }
    };
    let (tx, rx) = futures::channel::oneshot::channel();
    fut.call_method1(
        pyo3::intern!(py, "add_done_callback"),
        (Done(Mutex::new(Some(tx))),),
    )?;
    Ok(rx)
}
