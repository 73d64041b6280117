//! Runs core futures on a foreign event loop's own thread — asyncio's, Node's — where the
//! handlers of a binding must run. A request a handler answers without suspending costs no
//! thread hop: the loop reports input, the core dispatches, the handler runs, the answer is
//! queued, all on the loop's thread.
//!
//! A pending future is parked; its waker queues it and, when it fires outside an entry point,
//! asks the loop (once per burst, through [`Host::schedule`]) to call [`Driver::run_scheduled`].
//! Work from other threads (an HTTP worker handing over a request) arrives through
//! [`Driver::submit`] the same way: one wake-up of the loop for a whole burst, and the burst
//! runs in one go on the loop's thread. Entry points ([`Driver::enter`]) poll whatever they woke
//! and flush once on the way out, so the answers of one burst leave in one write.

use futures::future::BoxFuture;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::ThreadId;

use crate::jsonrpc::Message;

/// A dispatched request's future: its answer, if any, when it completes.
pub type Task = BoxFuture<'static, Option<Message>>;

/// Work handed to the loop's thread from another thread.
pub type Job = Box<dyn FnOnce() + Send>;

/// What the binding supplies: how to wake its loop, and where answers go.
pub trait Host: Send + Sync + 'static {
    /// Asks the loop to call [`Driver::run_scheduled`] soon. `on_loop` says whether this is
    /// asked from the loop's own thread (asyncio: `call_soon`, else `call_soon_threadsafe`).
    fn schedule(&self, on_loop: bool);
    /// Queues a message for the peer (a finished task's answer).
    fn emit(&self, message: Message);
    /// Writes what is queued. Called when the outermost entry point ends.
    fn flush(&self);
    /// Called after that flush, for work the binding deferred until the answers were written
    /// (freeing what answered requests left). It may wake tasks.
    fn settle(&self) {}
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The driver of one connection's futures on its loop.
pub struct Driver<H: Host> {
    tasks: Mutex<slab::Slab<Option<Task>>>,
    ready: Mutex<Vec<usize>>,
    inbox: Mutex<Vec<Job>>,
    /// Entry points on the loop thread's stack (the outermost drains and flushes).
    depth: AtomicUsize,
    /// A [`Host::schedule`] is outstanding: further wake-ups need none until it runs.
    scheduled: AtomicBool,
    loop_thread: ThreadId,
    /// Called when the last task finished after [`Self::when_idle`].
    idle: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    host: H,
}

struct TaskWaker<H: Host> {
    id: usize,
    driver: Weak<Driver<H>>,
}

impl<H: Host> Wake for TaskWaker<H> {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Some(d) = self.driver.upgrade() {
            lock(&d.ready).push(self.id);
            d.schedule();
        }
    }
}

impl<H: Host> Driver<H> {
    /// A driver for the loop running on the calling thread.
    pub fn new(host: H) -> Arc<Self> {
        Arc::new(Self {
            tasks: Mutex::new(slab::Slab::new()),
            ready: Mutex::new(Vec::new()),
            inbox: Mutex::new(Vec::new()),
            depth: AtomicUsize::new(0),
            scheduled: AtomicBool::new(false),
            loop_thread: std::thread::current().id(),
            idle: Mutex::new(None),
            host,
        })
    }

    /// The binding's side.
    pub fn host(&self) -> &H {
        &self.host
    }

    /// True on the loop's thread.
    pub fn on_loop_thread(&self) -> bool {
        std::thread::current().id() == self.loop_thread
    }

    /// True while an entry point is on the loop thread's stack (it will drain and flush).
    pub fn in_entry(&self) -> bool {
        self.on_loop_thread() && self.depth.load(Ordering::Acquire) > 0
    }

    /// True on the loop's thread outside any entry point.
    pub fn outermost(&self) -> bool {
        self.on_loop_thread() && self.depth.load(Ordering::Acquire) == 0
    }

    fn schedule(&self) {
        if self.in_entry() || self.scheduled.swap(true, Ordering::AcqRel) {
            return;
        }
        self.host.schedule(self.on_loop_thread());
    }

    /// Runs `f` as an entry point: everything it wakes is polled, and output flushed, before
    /// the outermost entry returns.
    pub fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        self.depth.fetch_add(1, Ordering::AcqRel);
        let r = f();
        self.leave();
        r
    }

    fn leave(self: &Arc<Self>) {
        loop {
            self.drain();
            if self.depth.fetch_sub(1, Ordering::AcqRel) != 1 {
                return;
            }
            self.host.flush();
            self.host.settle();
            // Settling may have woken a task (a request dropped unanswered): another round.
            if lock(&self.ready).is_empty() {
                return;
            }
            self.depth.fetch_add(1, Ordering::AcqRel);
        }
    }

    /// What the loop calls after [`Host::schedule`]: runs what was submitted and woken.
    pub fn run_scheduled(self: &Arc<Self>) {
        self.scheduled.store(false, Ordering::Release);
        self.enter(|| ());
    }

    /// Hands `job` to the loop's thread; callable from any thread. A burst of jobs costs one
    /// wake-up of the loop, and runs in one go there.
    pub fn submit(&self, job: Job) {
        lock(&self.inbox).push(job);
        self.schedule();
    }

    /// Sends a message the handler produced while it runs (a notification, a request to the
    /// client): queued, and written at once, so progress reaches the client as it is made.
    pub fn send(&self, message: Message) {
        self.host.emit(message);
        self.host.flush();
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
        let id = lock(&self.tasks).insert(None);
        match self.poll(id, &mut task) {
            Poll::Ready(out) => {
                if let Some(m) = out {
                    self.host.emit(m);
                }
                if write_now {
                    self.host.flush();
                }
                lock(&self.tasks).remove(id);
            }
            Poll::Pending => self.park(id, task),
        }
    }

    fn park(&self, id: usize, task: Task) {
        if let Some(slot) = lock(&self.tasks).get_mut(id) {
            *slot = Some(task);
        }
    }

    fn poll(self: &Arc<Self>, id: usize, task: &mut Task) -> Poll<Option<Message>> {
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            driver: Arc::downgrade(self),
        }));
        task.as_mut().poll(&mut Context::from_waker(&waker))
    }

    /// Runs submitted jobs and polls woken tasks until neither is left.
    fn drain(self: &Arc<Self>) {
        loop {
            let jobs = std::mem::take(&mut *lock(&self.inbox));
            let woken = std::mem::take(&mut *lock(&self.ready));
            if jobs.is_empty() && woken.is_empty() {
                break;
            }
            for job in jobs {
                job();
            }
            for id in woken {
                let Some(mut task) = lock(&self.tasks).get_mut(id).and_then(Option::take) else {
                    continue;
                };
                match self.poll(id, &mut task) {
                    Poll::Ready(out) => {
                        lock(&self.tasks).remove(id);
                        if let Some(m) = out {
                            self.host.emit(m);
                        }
                    }
                    Poll::Pending => self.park(id, task),
                }
            }
        }
        if lock(&self.tasks).is_empty() {
            let idle = lock(&self.idle).take();
            if let Some(f) = idle {
                f();
            }
        }
    }

    /// Runs `f` once no task is left (at once if none is).
    pub fn when_idle(self: &Arc<Self>, f: Box<dyn FnOnce() + Send>) {
        *lock(&self.idle) = Some(f);
        self.enter(|| ());
    }

    /// Number of parked tasks.
    pub fn pending(&self) -> usize {
        lock(&self.tasks).len()
    }

    /// Drops every parked task (what a task owns is released, so its handler is cancelled).
    pub fn clear(&self) {
        let tasks = std::mem::take(&mut *lock(&self.tasks));
        drop(tasks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::RequestId;
    use std::sync::mpsc;

    /// A loop on its own thread: runs what `schedule` asks for, counts the wake-ups.
    struct TestHost {
        wake: Mutex<mpsc::Sender<()>>,
        wakes: AtomicUsize,
        out: Mutex<Vec<Message>>,
        flushes: AtomicUsize,
    }

    impl Host for TestHost {
        fn schedule(&self, _on_loop: bool) {
            self.wakes.fetch_add(1, Ordering::Relaxed);
            let _ = lock(&self.wake).send(());
        }
        fn emit(&self, message: Message) {
            lock(&self.out).push(message);
        }
        fn flush(&self) {
            self.flushes.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn answer(n: i64) -> Option<Message> {
        Some(Message::response(
            RequestId::Number(n),
            serde_json::json!({}),
        ))
    }

    #[test]
    fn a_task_that_finishes_at_once_is_answered_in_the_entry() {
        let (tx, _rx) = mpsc::channel();
        let d = Driver::new(host(tx));
        d.enter(|| {
            d.spawn(Box::pin(async { answer(1) }));
            d.spawn(Box::pin(async { answer(2) }));
        });
        assert_eq!(lock(&d.host().out).len(), 2);
        assert_eq!(d.host().flushes.load(Ordering::Relaxed), 1);
        assert_eq!(d.host().wakes.load(Ordering::Relaxed), 0);
        assert_eq!(d.pending(), 0);
    }

    fn host(tx: mpsc::Sender<()>) -> TestHost {
        TestHost {
            wake: Mutex::new(tx),
            wakes: AtomicUsize::new(0),
            out: Mutex::new(Vec::new()),
            flushes: AtomicUsize::new(0),
        }
    }

    #[test]
    fn a_burst_from_another_thread_is_one_wake_up_and_one_write() {
        let (tx, rx) = mpsc::channel::<()>();
        let d = Driver::new(host(tx));
        let remote = d.clone();
        std::thread::spawn(move || {
            for i in 0..100 {
                let inner = remote.clone();
                remote.submit(Box::new(move || {
                    inner.spawn(Box::pin(async move { answer(i) }));
                }));
            }
        })
        .join()
        .unwrap();
        assert_eq!(d.host().wakes.load(Ordering::Relaxed), 1);
        rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap();
        d.run_scheduled();
        assert_eq!(lock(&d.host().out).len(), 100);
        assert_eq!(d.host().flushes.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn concurrent_submitters_never_wake_the_loop_twice_for_one_drain() {
        let (tx, rx) = mpsc::channel::<()>();
        let (ready_tx, ready_rx) = mpsc::channel();
        let all_sent = Arc::new(AtomicBool::new(false));
        let sent = all_sent.clone();
        let loop_thread = std::thread::spawn(move || {
            let d = Driver::new(host(tx));
            ready_tx.send(d.clone()).unwrap();
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            let mut runs = 0;
            let finished = |d: &Arc<Driver<TestHost>>| {
                sent.load(Ordering::Acquire) && lock(&d.host().out).len() == 2000
            };
            while !finished(&d) && std::time::Instant::now() < deadline {
                if rx
                    .recv_timeout(std::time::Duration::from_millis(10))
                    .is_ok()
                {
                    runs += 1;
                    d.run_scheduled();
                }
            }
            // Every submit happened before `all_sent`: its wake-up, if any, is queued by now.
            while rx.try_recv().is_ok() {
                runs += 1;
                d.run_scheduled();
            }
            (d, runs)
        });
        let d = ready_rx.recv().unwrap();
        let senders: Vec<_> = (0..4)
            .map(|t| {
                let d = d.clone();
                std::thread::spawn(move || {
                    for i in 0..500 {
                        let inner = d.clone();
                        d.submit(Box::new(move || {
                            inner.spawn(Box::pin(async move { answer(t * 1000 + i) }));
                        }));
                    }
                })
            })
            .collect();
        for s in senders {
            s.join().unwrap();
        }
        all_sent.store(true, Ordering::Release);
        drop(d);
        let (d, runs) = loop_thread.join().unwrap();
        assert_eq!(lock(&d.host().out).len(), 2000);
        assert_eq!(d.host().wakes.load(Ordering::Relaxed), runs);
        assert!(d.host().flushes.load(Ordering::Relaxed) <= runs);
    }

    #[test]
    fn a_suspended_task_is_woken_from_another_thread() {
        let (tx, rx) = mpsc::channel::<()>();
        let d = Driver::new(host(tx));
        let (done_tx, done_rx) = futures::channel::oneshot::channel::<i64>();
        d.enter(|| {
            d.spawn(Box::pin(async move { answer(done_rx.await.unwrap_or(-1)) }));
        });
        assert_eq!(d.pending(), 1);
        std::thread::spawn(move || done_tx.send(7).unwrap())
            .join()
            .unwrap();
        rx.recv_timeout(std::time::Duration::from_secs(5)).unwrap();
        d.run_scheduled();
        assert_eq!(d.pending(), 0);
        assert_eq!(lock(&d.host().out).len(), 1);
        assert_eq!(d.host().wakes.load(Ordering::Relaxed), 1);
    }
}
