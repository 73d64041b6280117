//! Runs core futures on the asyncio loop's own thread, so a request that a handler answers
//! without suspending costs no thread hop: the loop reports stdin readable, the core parses and
//! dispatches, the handler's task runs, and the reply is written — all on one thread.
//!
//! A pending future is parked in a slab; its waker queues it and, when woken from another thread,
//! asks the loop (once per burst) to drain the queue. Entry points from Python (`on_readable`,
//! a handler's completion) drain and flush before returning, so replies leave in one write.

use futures::future::BoxFuture;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde_json::Value;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::ThreadId;
use std::time::Duration;

use ferromcp_core::Message;

use crate::idle::LoopPoller;

type Task = BoxFuture<'static, Option<Message>>;

/// How long an idle wait may last in asyncio's debug mode ([`Executor::wait_idle`]).
pub const DEBUG_WINDOW: Duration = Duration::from_millis(2);

/// Bytes waiting to be written to the peer, and the descriptor they go to.
pub struct OutBuf {
    buf: Mutex<Vec<u8>>,
    sink: Sink,
}

/// Where flushed bytes go: a descriptor (stdio), or a Python callable taking `bytes` (a stream
/// the caller owns, such as the official SDK's in-memory streams).
pub enum Sink {
    Fd(RawFd),
    Callback(Py<PyAny>),
}

impl OutBuf {
    pub fn new(sink: Sink) -> Self {
        Self {
            buf: Mutex::new(Vec::with_capacity(16 * 1024)),
            sink,
        }
    }

    pub fn push(&self, m: &Message) {
        let mut b = self.buf.lock().unwrap_or_else(|p| p.into_inner());
        m.write_to(&mut b);
        b.push(b'\n');
    }

    /// Writes everything buffered. A peer that stopped reading makes this block, which is the
    /// back-pressure a pipe gives; a closed peer drops the bytes.
    pub fn flush(&self) {
        let mut b = self.buf.lock().unwrap_or_else(|p| p.into_inner());
        if b.is_empty() {
            return;
        }
        let fd = match &self.sink {
            Sink::Fd(fd) => *fd,
            Sink::Callback(cb) => {
                Python::attach(|py| {
                    if let Err(e) = cb.call1(py, (PyBytes::new(py, &b),)) {
                        e.display(py);
                    }
                });
                b.clear();
                return;
            }
        };
        let mut off = 0;
        while off < b.len() {
            let n = write_fd(fd, &b[off..]);
            match n {
                Ok(0) => break,
                Ok(n) => off += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => wait_writable(fd),
                Err(e) => {
                    tracing::warn!("writing to the client failed: {e}");
                    break;
                }
            }
        }
        b.clear();
    }
}

fn write_fd(fd: RawFd, bytes: &[u8]) -> std::io::Result<usize> {
    // SAFETY: the pointer and length come from a live slice; fd is owned by the driver.
    let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
    if n < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

pub fn read_fd(fd: RawFd, buf: &mut [u8]) -> std::io::Result<usize> {
    // SAFETY: the pointer and length come from a live mutable slice.
    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

fn wait_writable(fd: RawFd) {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLOUT,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut p, 1, 1000) };
}

thread_local! {
    static CURRENT: std::cell::RefCell<Vec<Arc<Executor>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The executor whose entry point is running on this thread (handlers are only ever called from
/// inside one).
pub fn current() -> Option<Arc<Executor>> {
    CURRENT.with(|c| c.borrow().last().cloned())
}

/// The executor state shared by wakers and the loop thread.
pub struct Executor {
    tasks: Mutex<slab::Slab<Option<Task>>>,
    ready: Mutex<Vec<usize>>,
    /// Entry points from Python currently on the stack (they drain before returning).
    depth: AtomicUsize,
    scheduled: AtomicBool,
    loop_thread: ThreadId,
    event_loop: Py<PyAny>,
    drain_callback: Mutex<Option<Py<PyAny>>>,
    pub out: Arc<OutBuf>,
    /// Called when the last task finished after the input ended.
    idle: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    /// Present when the loop is asyncio's own epoll loop ([`Self::wait_idle`]).
    poller: Option<LoopPoller>,
    /// What finished requests leave behind, released once their answers are written.
    spent: Mutex<Spent>,
}

/// The objects and values of requests already answered. Freeing them costs a few µs per
/// request; done after the write, that overlaps the client reading the answer instead of
/// delaying it.
#[derive(Default)]
struct Spent {
    objects: Vec<Py<PyAny>>,
    values: Vec<Value>,
}

struct TaskWaker {
    id: usize,
    exec: Weak<Executor>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Some(exec) = self.exec.upgrade() {
            exec.ready
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(self.id);
            exec.schedule();
        }
    }
}

impl Executor {
    /// `wait_idle` is enabled for a connection whose input the loop watches (`idle_waits`).
    pub fn new(event_loop: Py<PyAny>, out: Arc<OutBuf>, idle_waits: bool) -> Arc<Self> {
        let poller = if idle_waits {
            Python::attach(|py| LoopPoller::for_loop(event_loop.bind(py)))
        } else {
            None
        };
        Arc::new(Self {
            tasks: Mutex::new(slab::Slab::new()),
            ready: Mutex::new(Vec::new()),
            depth: AtomicUsize::new(0),
            scheduled: AtomicBool::new(false),
            loop_thread: std::thread::current().id(),
            event_loop,
            drain_callback: Mutex::new(None),
            out,
            idle: Mutex::new(None),
            poller,
            spent: Mutex::new(Spent::default()),
        })
    }

    /// The Python callable the loop runs to drain after a wake from outside an entry point.
    pub fn set_drain_callback(&self, cb: Py<PyAny>) {
        *self
            .drain_callback
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(cb);
    }

    pub fn event_loop(&self) -> &Py<PyAny> {
        &self.event_loop
    }

    fn on_loop_thread(&self) -> bool {
        std::thread::current().id() == self.loop_thread
    }

    /// True while an entry point is on the stack of the loop thread (it will drain and flush).
    pub fn in_entry(&self) -> bool {
        self.on_loop_thread() && self.depth.load(Ordering::Acquire) > 0
    }

    fn schedule(&self) {
        if self.in_entry() || self.scheduled.swap(true, Ordering::AcqRel) {
            return;
        }
        let on_loop = self.on_loop_thread();
        Python::attach(|py| {
            let cb = self
                .drain_callback
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
                .map(|c| c.clone_ref(py));
            let Some(cb) = cb else { return };
            let method = if on_loop {
                intern!(py, "call_soon")
            } else {
                intern!(py, "call_soon_threadsafe")
            };
            if let Err(e) = self.event_loop.call_method1(py, method, (cb,)) {
                // The loop is closed: nothing will ever poll again.
                tracing::debug!("could not schedule a drain: {e}");
            }
        });
    }

    /// Runs `f` as an entry point: everything it wakes is polled, and output flushed, before
    /// returning. Handlers called meanwhile find this executor with [`current`].
    pub fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        self.depth.fetch_add(1, Ordering::AcqRel);
        CURRENT.with(|c| c.borrow_mut().push(self.clone()));
        let r = f();
        self.drain();
        CURRENT.with(|c| c.borrow_mut().pop());
        let last = self.depth.fetch_sub(1, Ordering::AcqRel) == 1;
        if last {
            self.out.flush();
            if self.release_spent() {
                // Something released had a task waiting on it (a slot dropped unanswered).
                self.settle();
            }
        }
        r
    }

    /// An entry point doing nothing but drain and flush.
    fn settle(self: &Arc<Self>) {
        self.enter(|| ());
    }

    /// Keeps `objects` alive until the answers being produced are written (see [`Spent`]).
    pub fn release_later<const N: usize>(&self, objects: [Py<PyAny>; N]) {
        self.spent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .objects
            .extend(objects);
    }

    /// Keeps `v` until the answers being produced are written (see [`Spent`]).
    pub fn drop_later(&self, v: Value) {
        self.spent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values
            .push(v);
    }

    /// Frees what answered requests left; true when that woke a task. (Freeing may run Python
    /// code, so it happens outside the lock; the emptied buffers go back for reuse.)
    fn release_spent(self: &Arc<Self>) -> bool {
        let mut taken = {
            let mut spent = self.spent.lock().unwrap_or_else(|p| p.into_inner());
            if spent.objects.is_empty() && spent.values.is_empty() {
                return false;
            }
            std::mem::take(&mut *spent)
        };
        taken.values.clear();
        taken.objects.clear();
        let mut spent = self.spent.lock().unwrap_or_else(|p| p.into_inner());
        if spent.objects.is_empty() && spent.values.is_empty() {
            *spent = taken;
        }
        drop(spent);
        !self
            .ready
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_empty()
    }

    /// A handler reporting its outcome: an entry point and, when it finished in a loop iteration
    /// of its own (it had suspended), a precise wait for the loop's next timer if it is due
    /// within a millisecond. (Holding answers back to share one write with other handlers
    /// finishing in the same iteration measured slower: it costs them a loop iteration.)
    pub fn complete<R>(self: &Arc<Self>, py: Python<'_>, f: impl FnOnce() -> R) -> PyResult<R> {
        let outermost = self.on_loop_thread() && self.depth.load(Ordering::Acquire) == 0;
        let r = self.enter(f);
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
        let lp = self.event_loop.bind(py);
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
        self.scheduled.store(false, Ordering::Release);
        self.complete(py, || ())
    }

    /// Polls a new task once; parks it if it is not done.
    pub fn spawn(self: &Arc<Self>, task: Task) {
        self.start(task, false);
    }

    /// [`Self::spawn`] for the last request of a read: an answer it gives at once is written
    /// before anything else happens.
    pub fn spawn_last(self: &Arc<Self>, task: Task) {
        self.start(task, true);
    }

    fn start(self: &Arc<Self>, mut task: Task, write_now: bool) {
        let id = {
            let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
            tasks.insert(None)
        };
        match self.poll(id, &mut task) {
            Poll::Ready(out) => {
                self.emit(out);
                if write_now {
                    self.out.flush();
                }
                self.tasks
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(id);
            }
            Poll::Pending => {
                if let Some(slot) = self
                    .tasks
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get_mut(id)
                {
                    *slot = Some(task);
                }
            }
        }
    }

    fn poll(self: &Arc<Self>, id: usize, task: &mut Task) -> Poll<Option<Message>> {
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            exec: Arc::downgrade(self),
        }));
        let mut cx = Context::from_waker(&waker);
        task.as_mut().poll(&mut cx)
    }

    fn emit(&self, out: Option<Message>) {
        if let Some(m) = out {
            self.out.push(&m);
        }
    }

    /// Polls every woken task until none is ready.
    fn drain(self: &Arc<Self>) {
        loop {
            let batch = std::mem::take(&mut *self.ready.lock().unwrap_or_else(|p| p.into_inner()));
            if batch.is_empty() {
                break;
            }
            for id in batch {
                let task = {
                    let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
                    tasks.get_mut(id).and_then(Option::take)
                };
                let Some(mut task) = task else { continue };
                match self.poll(id, &mut task) {
                    Poll::Ready(out) => {
                        self.tasks
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .remove(id);
                        self.emit(out);
                    }
                    Poll::Pending => {
                        if let Some(slot) = self
                            .tasks
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .get_mut(id)
                        {
                            *slot = Some(task);
                        }
                    }
                }
            }
        }
        if self
            .tasks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_empty()
        {
            let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some(f) = idle {
                f();
            }
        }
    }

    /// Runs `f` once no task is left (at once if none is).
    pub fn when_idle(self: &Arc<Self>, f: Box<dyn FnOnce() + Send>) {
        *self.idle.lock().unwrap_or_else(|p| p.into_inner()) = Some(f);
        self.enter(|| ());
    }

    /// Gives the loop thread back the timer slack it had before serving (call on that thread).
    pub fn restore_timer_slack(&self) {
        if let Some(p) = self.poller.as_ref().filter(|_| self.on_loop_thread()) {
            p.restore_timer_slack();
        }
    }

    /// Drops every parked task (their handlers' asyncio tasks are cancelled on drop).
    pub fn clear(&self) {
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap_or_else(|p| p.into_inner()));
        drop(tasks);
    }
}
