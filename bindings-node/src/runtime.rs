//! Node's side of the core's driver ([`ferromcp_core::driver`]): how the JS thread is woken
//! (a microtask from the JS thread itself, its [`Remote`] from any other), and where
//! answers go (a core [`LineWriter`] to stdout, or a JS callback for a transport the script
//! owns).
//!
//! Every native call JS makes into a connection is an entry point of its driver: the handlers it
//! reaches are called on the JS thread, synchronously, and the answers of one burst leave in
//! one write when the call returns. A request whose handler resolves its promise later is
//! answered from the microtask that follows the resolution: no thread is involved on stdio.

use napi::bindgen_prelude::{Buffer, FunctionRef};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, sys};
use std::cell::{Cell, RefCell};
use std::os::fd::{BorrowedFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::Duration;

use ferromcp_core::Message;
use ferromcp_core::driver::{Driver, Host};
use ferromcp_core::transport::lines::{FdSink, FlushError, LineWriter, Sink};

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

thread_local! {
    /// The env of the native call on this thread's stack, if any: handlers and callbacks are
    /// only ever called from inside one.
    static ENV: Cell<sys::napi_env> = const { Cell::new(std::ptr::null_mut()) };
    /// What the native calls on the stack left for the end of the outermost one.
    static DEFERRED: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// This JS thread's [`Remote`], once a connection needed it.
    static REMOTE: RefCell<Option<Arc<Remote>>> = const { RefCell::new(None) };
}

/// Work handed to the JS thread from another thread (the HTTP runtime's timers, Redis).
type RemoteWork = Box<dyn FnOnce() + Send>;

/// How other threads reach one JS thread: one threadsafe function that every connection of the
/// thread shares, running the work queued for it inside a native call. A threadsafe function
/// per connection would cost a stateless server (a connection per request) a `uv_async`
/// handle made and closed, and the loop woken to close it, on every request.
pub struct Remote {
    call: ThreadsafeFunction<(), (), (), napi::Status, false, true>,
    queue: Arc<Mutex<Vec<RemoteWork>>>,
}

impl Remote {
    /// The JS thread's own, made on its first use (on the JS thread).
    pub fn here(env: &Env) -> napi::Result<Arc<Self>> {
        if let Some(r) = REMOTE.with(|r| r.borrow().clone()) {
            return Ok(r);
        }
        let queue: Arc<Mutex<Vec<RemoteWork>>> = Arc::default();
        let work = queue.clone();
        let run = env.create_function_from_closure::<(), (), _>("ferromcpRemote", move |ctx| {
            let _scope = EnvScope::enter(ctx.env);
            // Taken out first: the work may queue more (on another thread, or this one).
            let queued = std::mem::take(&mut *lock(&work));
            for w in queued {
                w();
            }
            Ok(())
        })?;
        // Weak: waiting for another thread does not keep the process alive.
        let call = run
            .build_threadsafe_function::<()>()
            .weak::<true>()
            .callee_handled::<false>()
            .build()?;
        let remote = Arc::new(Self { call, queue });
        REMOTE.with(|r| *r.borrow_mut() = Some(remote.clone()));
        Ok(remote)
    }

    /// Runs `work` on the JS thread, inside a native call; one wake-up for what is queued
    /// before the JS thread gets to it.
    pub fn run(&self, work: impl FnOnce() + Send + 'static) {
        let first = {
            let mut q = lock(&self.queue);
            q.push(Box::new(work));
            q.len() == 1
        };
        if first {
            self.call.call((), ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

/// Marks the span of a native call: what runs inside may call JS.
pub struct EnvScope(sys::napi_env);

impl EnvScope {
    pub fn enter(env: &Env) -> Self {
        Self(ENV.with(|c| c.replace(env.raw())))
    }
}

impl Drop for EnvScope {
    fn drop(&mut self) {
        if self.0.is_null() {
            // The outermost call ends: what it deferred runs now, while JS may still be called.
            while let Some(work) = DEFERRED.with(|d| {
                let mut d = d.borrow_mut();
                (!d.is_empty()).then(|| std::mem::take(&mut *d))
            }) {
                for f in work {
                    f();
                }
            }
        }
        ENV.with(|c| c.set(self.0));
    }
}

/// Runs `work` when the outermost native call on this thread ends — after the code that asked
/// for it has let go of whatever it holds, and before JS runs again; false (and `work`
/// dropped) outside a native call.
pub fn defer(work: impl FnOnce() + 'static) -> bool {
    if ENV.with(Cell::get).is_null() {
        return false;
    }
    DEFERRED.with(|d| d.borrow_mut().push(Box::new(work)));
    true
}

/// Runs `f` with the env of the native call in progress on this thread; `None` outside one
/// (another thread, or after the call returned).
pub fn with_env<R>(f: impl FnOnce(&Env) -> R) -> Option<R> {
    let raw = ENV.with(Cell::get);
    (!raw.is_null()).then(|| f(&Env::from_raw(raw)))
}

/// Where flushed bytes go.
pub enum NodeSink {
    /// A descriptor: the process's stdout.
    Fd(FdSink),
    /// A JS function taking a `Buffer` (a transport the script owns).
    Js(FunctionRef<Buffer, ()>),
    /// Nothing is written (HTTP answers go back to each request).
    Null,
}

impl NodeSink {
    /// A sink writing to a duplicate of `fd`.
    pub fn fd(fd: RawFd) -> std::io::Result<Self> {
        // SAFETY: `fd` is open for the whole call (the process's stdout); it is only borrowed
        // to be duplicated, and the sink owns the duplicate.
        let owned = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned()?;
        Ok(Self::Fd(FdSink::new(owned)))
    }
}

impl Sink for NodeSink {
    fn write(&self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Self::Fd(f) => f.write(bytes),
            Self::Js(cb) => {
                let written = with_env(|env| {
                    cb.borrow_back(env)
                        .and_then(|f| f.call(Buffer::from(bytes.to_vec())))
                });
                match written {
                    Some(Ok(())) => Ok(bytes.len()),
                    Some(Err(e)) => Err(std::io::Error::other(e.to_string())),
                    None => Err(std::io::Error::other("written outside the JS thread")),
                }
            }
            Self::Null => Ok(bytes.len()),
        }
    }

    fn wait_writable(&self, timeout: Duration) -> std::io::Result<()> {
        match self {
            Self::Fd(f) => f.wait_writable(timeout),
            Self::Js(_) | Self::Null => Ok(()),
        }
    }
}

/// The JS thread as the core's driver sees it.
pub struct NodeHost {
    pub out: LineWriter<NodeSink>,
    /// `() => queueMicrotask(drain)`: a wake-up asked for from the JS thread itself.
    wake_local: FunctionRef<(), ()>,
    /// The same wake-up from any other thread (an HTTP worker): one per burst.
    remote: Arc<Remote>,
    /// The driver this host serves, for the remote wake-up to run.
    exec: OnceLock<Weak<Executor>>,
    /// The client closed its end of the output.
    closed: AtomicBool,
    /// Requests dropped before their handler finished: their `AbortSignal`s fire once the
    /// entry point is over.
    aborted: Mutex<Vec<u32>>,
    on_abort: FunctionRef<Vec<u32>, ()>,
}

impl NodeHost {
    pub fn new(
        out: NodeSink,
        wake_local: FunctionRef<(), ()>,
        remote: Arc<Remote>,
        on_abort: FunctionRef<Vec<u32>, ()>,
    ) -> Self {
        Self {
            out: LineWriter::new(out),
            wake_local,
            remote,
            exec: OnceLock::new(),
            closed: AtomicBool::new(false),
            aborted: Mutex::new(Vec::new()),
            on_abort,
        }
    }

    /// Whether the client stopped reading for good.
    pub fn output_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    /// A request's handler was dropped unfinished (cancelled, or the connection closed).
    pub fn aborted(&self, token: u32) {
        lock(&self.aborted).push(token);
    }
}

impl Host for NodeHost {
    fn schedule(&self, on_loop: bool) {
        let local = on_loop
            && with_env(|env| {
                self.wake_local
                    .borrow_back(env)
                    .and_then(|f| f.call(()))
                    .is_ok()
            })
            .unwrap_or(false);
        if !local {
            let exec = self.exec.get().cloned().unwrap_or_default();
            self.remote.run(move || {
                if let Some(exec) = exec.upgrade() {
                    exec.run_scheduled();
                }
            });
        }
    }

    fn emit(&self, message: Message) {
        self.out.push(&message);
    }

    fn flush(&self) {
        if let Err(FlushError::Closed(e)) = self.out.flush(&mut || false) {
            tracing::debug!("the client closed its end of the output: {e}");
            self.closed.store(true, Ordering::Release);
        }
    }

    fn settle(&self) {
        let tokens = std::mem::take(&mut *lock(&self.aborted));
        if tokens.is_empty() {
            return;
        }
        let called = with_env(|env| self.on_abort.borrow_back(env).and_then(|f| f.call(tokens)));
        if let Some(Err(e)) = called {
            tracing::warn!("aborting a handler failed: {e}");
        }
    }
}

/// A connection's driver on the JS thread.
pub type Executor = Driver<NodeHost>;

/// Builds the driver; it must be created on the JS thread.
pub fn executor(host: NodeHost) -> Arc<Executor> {
    let exec = Driver::new(host);
    let _ = exec.host().exec.set(Arc::downgrade(&exec));
    exec
}
