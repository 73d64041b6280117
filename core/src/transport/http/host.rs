//! What a host framework needs to poll the service's futures on its own event loop (asyncio,
//! Node): tasks woken anywhere — a timer on the runtime thread, a handler on the loop — queue
//! themselves, and the loop is told once per burst, whatever woke them. The binding says how
//! its loop is told ([`Signal`]) and what running a task means there.

use bytes::Bytes;
use futures::future::BoxFuture;
use http::Response;
use http_body_util::{BodyExt, Full};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::task::{Context, Poll, Wake, Waker};

use super::{HttpBody, read_ready};

/// The text of the answer to a request still unanswered when the host closes.
pub const SHUTTING_DOWN: &str = "Service Unavailable: the server is shutting down";

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A task of the host loop: a future of the service (a response's head, its body) that runs
/// when woken.
pub trait HostTask: Send + Sync + 'static {
    /// Set while the task waits in the queue: one entry per burst of wakes.
    fn queued(&self) -> &AtomicBool;
}

/// Tells the host loop that tasks wait (once, when the queue stops being empty). It must not
/// block, and may be called from any thread.
pub trait Signal: Send + Sync + 'static {
    /// Wakes the loop.
    fn signal(&self);
}

/// The tasks woken since the loop last ran them, and every task someone may still wait on.
pub struct WakeQueue<T: ?Sized> {
    queue: Mutex<Vec<Arc<T>>>,
    live: Mutex<Vec<Weak<T>>>,
    signal: Box<dyn Signal>,
}

impl<T: ?Sized> std::fmt::Debug for WakeQueue<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WakeQueue")
            .field("queued", &lock(&self.queue).len())
            .finish_non_exhaustive()
    }
}

impl<T: ?Sized + HostTask> WakeQueue<T> {
    /// A queue telling its loop with `signal`.
    pub fn new(signal: impl Signal) -> Self {
        Self {
            queue: Mutex::new(Vec::new()),
            live: Mutex::new(Vec::new()),
            signal: Box::new(signal),
        }
    }

    /// Queues `task` unless it waits already; the loop is told when it is the first.
    pub fn push(&self, task: Arc<T>) {
        if task.queued().swap(true, Ordering::AcqRel) {
            return;
        }
        let first = {
            let mut q = lock(&self.queue);
            q.push(task);
            q.len() == 1
        };
        if first {
            self.signal.signal();
        }
    }

    /// The tasks to run now (each clears its own flag when it runs).
    pub fn take(&self) -> Vec<Arc<T>> {
        std::mem::take(&mut *lock(&self.queue))
    }

    /// Keeps track of `task` until it is gone, for [`Self::abandon`].
    pub fn track(&self, task: &Arc<T>) {
        let mut live = lock(&self.live);
        if live.len() >= 64 && live.len().is_power_of_two() {
            live.retain(|w| w.strong_count() > 0);
        }
        live.push(Arc::downgrade(task));
    }

    /// Every tracked task still alive, forgotten from now on (the host is closing: each is
    /// told to answer whoever waits).
    pub fn abandon(&self) -> Vec<Arc<T>> {
        std::mem::take(&mut *lock(&self.live))
            .iter()
            .filter_map(Weak::upgrade)
            .collect()
    }
}

struct TaskWaker<T: ?Sized> {
    task: Arc<T>,
    queue: Arc<WakeQueue<T>>,
}

impl<T: ?Sized + HostTask> Wake for TaskWaker<T> {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.queue.push(self.task.clone());
    }
}

/// A waker that queues `task` on `queue`.
pub fn waker<T: ?Sized + HostTask>(task: Arc<T>, queue: &Arc<WakeQueue<T>>) -> Waker {
    Waker::from(Arc::new(TaskWaker {
        task,
        queue: queue.clone(),
    }))
}

/// The service's answer to one request until its head is there, and who awaits it (`H`: an
/// asyncio future, a JS callback).
pub struct HeadState<H> {
    state: Mutex<Phase<H>>,
}

enum Phase<H> {
    Answer(BoxFuture<'static, Response<HttpBody>>, H),
    /// The head is known and held until the body has bytes, or ended.
    Body(http::response::Parts, HttpBody, H),
    Done,
}

/// An answer's head with what its body had ready.
pub struct Head<H> {
    /// Status and headers.
    pub parts: http::response::Parts,
    /// The rest of the body, when `more`.
    pub body: HttpBody,
    /// What the body had ready.
    pub first: Vec<u8>,
    /// Whether more may follow in `body`.
    pub more: bool,
    /// Who awaits the answer.
    pub awaiting: H,
}

impl<H> HeadState<H> {
    /// `answer`, awaited by `awaiting`.
    pub fn new(answer: BoxFuture<'static, Response<HttpBody>>, awaiting: H) -> Self {
        Self {
            state: Mutex::new(Phase::Answer(answer, awaiting)),
        }
    }

    /// Polls the answer once (with `waker`): the response and who awaits it, once it is there.
    pub fn poll(&self, waker: &Waker) -> Option<(Response<HttpBody>, H)> {
        let mut state = lock(&self.state);
        Self::poll_answer(&mut state, waker)
    }

    fn poll_answer(state: &mut Phase<H>, waker: &Waker) -> Option<(Response<HttpBody>, H)> {
        let Phase::Answer(fut, _) = state else {
            return None;
        };
        let Poll::Ready(response) = fut.as_mut().poll(&mut Context::from_waker(waker)) else {
            return None;
        };
        match std::mem::replace(state, Phase::Done) {
            Phase::Answer(_, h) => Some((response, h)),
            _ => None,
        }
    }

    /// Polls the answer once (with `waker`) and gives its head; with `hold`, the head waits
    /// for the body's first bytes or its end, and comes with them. A host whose server sends
    /// the head with the first bytes anyway (node's `res`) then writes a short answer whole,
    /// without reading the body again.
    pub fn poll_head(&self, waker: &Waker, hold: bool) -> Option<Head<H>> {
        let mut state = lock(&self.state);
        if let Some((response, awaiting)) = Self::poll_answer(&mut state, waker) {
            let (parts, body) = response.into_parts();
            if !hold {
                return Some(Head {
                    parts,
                    body,
                    first: Vec::new(),
                    more: true,
                    awaiting,
                });
            }
            *state = Phase::Body(parts, body, awaiting);
        }
        let Phase::Body(_, body, _) = &mut *state else {
            return None;
        };
        let (first, more) = read_ready(body, &mut Context::from_waker(waker));
        if first.is_empty() && more {
            return None;
        }
        let Phase::Body(parts, body, awaiting) = std::mem::replace(&mut *state, Phase::Done) else {
            return None;
        };
        Some(Head {
            parts,
            body,
            first,
            more,
            awaiting,
        })
    }

    /// Whether the head was delivered (or given up).
    pub fn answered(&self) -> bool {
        matches!(*lock(&self.state), Phase::Done)
    }

    /// Gives up the answer (the host is closing, or the client left before the head): who
    /// awaited it, if it was not answered.
    pub fn abandon(&self) -> Option<H> {
        match std::mem::replace(&mut *lock(&self.state), Phase::Done) {
            Phase::Answer(_, h) | Phase::Body(_, _, h) => Some(h),
            Phase::Done => None,
        }
    }
}

/// A response body as a host loop reads it: what is ready at each read, and who waits for
/// more (`W`: an asyncio future, a JS callback).
pub struct BodyState<W> {
    /// None once the body ended, or the host closed it.
    body: Mutex<Option<HttpBody>>,
    waiting: Mutex<Waiting<W>>,
}

struct Waiting<W> {
    then: Option<W>,
    /// Woken since the last read, with nobody waiting yet.
    woken: bool,
}

impl<W> BodyState<W> {
    /// The state of `body`.
    pub fn new(body: HttpBody) -> Self {
        Self {
            body: Mutex::new(Some(body)),
            waiting: Mutex::new(Waiting {
                then: None,
                woken: false,
            }),
        }
    }

    /// A whole body of `text`.
    pub fn text(text: &[u8]) -> Self {
        Self::new(
            Full::new(Bytes::copy_from_slice(text))
                .map_err(|never| match never {})
                .boxed(),
        )
    }

    /// Everything ready now (the body polled with `waker`), and whether more may come.
    pub fn read(&self, waker: &Waker) -> (Vec<u8>, bool) {
        lock(&self.waiting).woken = false;
        let mut slot = lock(&self.body);
        let Some(body) = slot.as_mut() else {
            return (Vec::new(), false);
        };
        let (data, more) = read_ready(body, &mut Context::from_waker(waker));
        if !more {
            *slot = None;
        }
        (data, more)
    }

    /// Registers `then` to be told when more may be read; gives it back when that is so
    /// already (woken since the last read, or ended).
    pub fn wait(&self, then: W) -> Result<(), W> {
        if lock(&self.body).is_none() {
            return Err(then);
        }
        let mut w = lock(&self.waiting);
        if w.woken {
            return Err(then);
        }
        w.then = Some(then);
        Ok(())
    }

    /// The body was woken: who waits, to be told.
    pub fn woken(&self) -> Option<W> {
        let mut w = lock(&self.waiting);
        w.woken = true;
        w.then.take()
    }

    /// Ends the body (the client went away, or the host closes): who waits, to be told.
    pub fn finish(&self) -> Option<W> {
        let body = lock(&self.body).take();
        drop(body);
        lock(&self.waiting).then.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    struct Count(Arc<AtomicUsize>);
    impl Signal for Count {
        fn signal(&self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[derive(Default)]
    struct Task(AtomicBool);
    impl HostTask for Task {
        fn queued(&self) -> &AtomicBool {
            &self.0
        }
    }

    fn noop_waker() -> Waker {
        struct Noop;
        impl Wake for Noop {
            fn wake(self: Arc<Self>) {}
        }
        Waker::from(Arc::new(Noop))
    }

    /// A body streaming what is sent on the channel.
    fn channel_body() -> (tokio::sync::mpsc::UnboundedSender<Bytes>, HttpBody) {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Bytes>();
        let body = http_body_util::StreamBody::new(futures::stream::poll_fn(move |cx| {
            rx.poll_recv(cx)
                .map(|b| b.map(|b| Ok::<_, std::convert::Infallible>(http_body::Frame::data(b))))
        }))
        .boxed();
        (tx, body)
    }

    #[test]
    fn a_held_head_waits_for_the_first_bytes_then_gives_what_is_ready() {
        let (tx, body) = channel_body();
        let head = HeadState::new(Box::pin(async move { Response::new(body) }), "awaiting");
        let w = noop_waker();
        assert!(head.poll_head(&w, true).is_none(), "nothing to send yet");
        assert!(!head.answered());
        tx.send(Bytes::from_static(b"event one\n\n")).unwrap();
        tx.send(Bytes::from_static(b"event two\n\n")).unwrap();
        let h = head
            .poll_head(&w, true)
            .expect("the head, with what is ready");
        assert_eq!(h.first, b"event one\n\nevent two\n\n");
        assert!(h.more);
        assert_eq!(h.awaiting, "awaiting");
        assert!(head.answered());
        assert!(head.poll_head(&w, true).is_none() && head.abandon().is_none());

        // A body that ends before the head is read is whole.
        let whole = BodyState::<()>::text(b"all of it");
        let body = whole.body.lock().unwrap().take().unwrap();
        let head = HeadState::new(Box::pin(async move { Response::new(body) }), ());
        let h = head.poll_head(&w, true).expect("whole");
        assert_eq!((h.first.as_slice(), h.more), (&b"all of it"[..], false));

        // Given up while held: who awaited it is handed back, once.
        let (_tx, body) = channel_body();
        let head = HeadState::new(Box::pin(async move { Response::new(body) }), 7);
        assert!(head.poll_head(&w, true).is_none());
        assert_eq!(head.abandon(), Some(7));
        assert_eq!(head.abandon(), None);
    }

    #[test]
    fn a_burst_of_wakes_tells_the_loop_once() {
        let signals = Arc::new(AtomicUsize::new(0));
        let q: Arc<WakeQueue<Task>> = Arc::new(WakeQueue::new(Count(signals.clone())));
        let (a, b) = (Arc::new(Task::default()), Arc::new(Task::default()));
        let w = waker(a.clone(), &q);
        w.wake_by_ref();
        w.wake_by_ref();
        waker(b.clone(), &q).wake();
        assert_eq!(signals.load(Ordering::SeqCst), 1);
        assert_eq!(q.take().len(), 2);
        a.0.store(false, Ordering::SeqCst);
        w.wake();
        assert_eq!(signals.load(Ordering::SeqCst), 2);
        q.track(&a);
        drop(b);
        assert_eq!(q.abandon().len(), 1);
    }
}
