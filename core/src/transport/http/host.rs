//! What a host framework needs to poll the service's futures on its own event loop (asyncio,
//! Node): tasks woken anywhere — a timer on the runtime thread, a handler on the loop — queue
//! themselves, and the loop is told once per burst, whatever woke them. The binding says how
//! its loop is told ([`Signal`]) and what running a task means there.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::task::{Wake, Waker};

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
