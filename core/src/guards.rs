//! The guards an operator puts around a server's handlers, off unless set: a timeout on tool
//! calls (the handler is cancelled, the client told), a cap on requests running at once with a
//! bounded queue behind it (beyond both, "server overloaded" at once — never an unbounded
//! backlog), and a rate limit per client (a token bucket: the session's, or, when the transport
//! authenticated the client, its token's subject's, shared by its sessions). They hold for every
//! binding: the core applies them around whatever handler it calls.
//!
//! Timers run on one thread of the core's own, so a guard works the same whether the handlers
//! run on tokio, asyncio or Node's loop: a timer that fires wakes its task like any other waker.

use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::error::{ErrorCode, ErrorData};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// -32010: more requests than the server runs and queues; `data.retryAfterMs` says when to retry.
pub const SERVER_OVERLOADED: ErrorCode = ErrorCode(-32010);
/// -32011: the session sends faster than its rate limit; `data.retryAfterMs` says when to retry.
pub const RATE_LIMITED: ErrorCode = ErrorCode(-32011);

/// The guards' settings ([`crate::ServerOptions::guards`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guards {
    /// Longest a `tools/call` handler may run; then it is cancelled and the client gets -32001.
    pub tool_timeout: Option<Duration>,
    /// Per-tool timeouts, overriding [`Self::tool_timeout`].
    pub tool_timeouts: Vec<(String, Duration)>,
    /// Most requests whose handlers run at once (the server's, across sessions).
    pub max_concurrent: Option<usize>,
    /// Requests that may wait for a slot beyond [`Self::max_concurrent`]; more are refused.
    pub max_queued: usize,
    /// Requests per second a session may send, and the burst it may save up.
    pub rate_limit: Option<(f64, f64)>,
    /// Show each tool's timeout in `tools/list`, as `_meta["io.ferromcp/timeoutMs"]` (off: a
    /// client sees no trace of the guard unless the author asks).
    pub timeout_in_listing: bool,
}

/// The `_meta` key a tool's timeout is listed under when [`Guards::timeout_in_listing`] is on.
pub const TIMEOUT_META_KEY: &str = "io.ferromcp/timeoutMs";

impl Guards {
    /// Adds each tool's timeout to a `tools/list` result, when the author asked for it.
    pub fn annotate_listing(&self, result: &mut serde_json::Value) {
        if !self.timeout_in_listing {
            return;
        }
        let Some(tools) = result
            .get_mut("tools")
            .and_then(serde_json::Value::as_array_mut)
        else {
            return;
        };
        for tool in tools {
            let Some(name) = tool.get("name").and_then(serde_json::Value::as_str) else {
                continue;
            };
            let Some(after) = self.timeout_for(name) else {
                continue;
            };
            let ms = after.as_millis() as u64;
            if let Some(o) = tool.as_object_mut() {
                let meta = o.entry("_meta").or_insert_with(|| json!({}));
                if let Some(m) = meta.as_object_mut() {
                    m.insert(TIMEOUT_META_KEY.into(), json!(ms));
                }
            }
        }
    }

    /// The timeout of tool `name`, if any.
    pub fn timeout_for(&self, name: &str) -> Option<Duration> {
        self.tool_timeouts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| *d)
            .or(self.tool_timeout)
    }
}

// --- timers ----------------------------------------------------------------------------------

struct Timer {
    at: Instant,
    seq: u64,
    waker: Waker,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    // Earliest first in a max-heap.
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (o.at, o.seq).cmp(&(self.at, self.seq))
    }
}

struct Clock {
    timers: Mutex<BinaryHeap<Timer>>,
    changed: Condvar,
    seq: AtomicU64,
}

fn clock() -> &'static Clock {
    static CLOCK: OnceLock<&'static Clock> = OnceLock::new();
    CLOCK.get_or_init(|| {
        let c: &'static Clock = Box::leak(Box::new(Clock {
            timers: Mutex::new(BinaryHeap::new()),
            changed: Condvar::new(),
            seq: AtomicU64::new(0),
        }));
        std::thread::Builder::new()
            .name("ferromcp-timers".into())
            .spawn(move || {
                let mut timers = lock(&c.timers);
                loop {
                    let now = Instant::now();
                    while timers.peek().is_some_and(|t| t.at <= now) {
                        if let Some(t) = timers.pop() {
                            t.waker.wake();
                        }
                    }
                    timers = match timers.peek().map(|t| t.at - now) {
                        Some(wait) => c
                            .changed
                            .wait_timeout(timers, wait)
                            .map_or_else(|p| p.into_inner().0, |r| r.0),
                        None => c.changed.wait(timers).unwrap_or_else(|p| p.into_inner()),
                    };
                }
            })
            .expect("the timer thread starts");
        c
    })
}

/// Resolves once `at` has passed.
pub struct Sleep {
    at: Instant,
    armed: bool,
}

/// A future that resolves after `d`.
pub fn sleep(d: Duration) -> Sleep {
    Sleep {
        at: Instant::now() + d,
        armed: false,
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.at {
            return Poll::Ready(());
        }
        // Registered once: the task is polled again when it fires (or woken earlier by its
        // other work, which finds the time not yet come).
        if !self.armed {
            self.armed = true;
            let c = clock();
            let seq = c.seq.fetch_add(1, Ordering::Relaxed);
            lock(&c.timers).push(Timer {
                at: self.at,
                seq,
                waker: cx.waker().clone(),
            });
            c.changed.notify_one();
        }
        Poll::Pending
    }
}

/// The answer to a tool call that ran out of time.
pub fn timed_out(tool: &str, after: Duration) -> ErrorData {
    let ms = after.as_millis() as u64;
    ErrorData::new(
        ErrorCode::REQUEST_TIMEOUT,
        format!("Tool {tool} timed out after {ms} ms"),
    )
    .with_data(json!({"timeoutMs": ms}))
}

// --- the concurrency cap ---------------------------------------------------------------------

/// Slots for running handlers, and the queue of those waiting for one.
pub struct Gate {
    cap: usize,
    queue: usize,
    state: Mutex<GateState>,
}

#[derive(Default)]
struct GateState {
    running: usize,
    waiting: VecDeque<(u64, Waker)>,
    next: u64,
}

impl Gate {
    /// A gate running `cap` at once with `queue` waiting.
    pub fn new(cap: usize, queue: usize) -> Arc<Self> {
        Arc::new(Self {
            cap: cap.max(1),
            queue,
            state: Mutex::new(GateState::default()),
        })
    }

    /// A slot now, a place in the queue, or the refusal when both are full.
    pub fn enter(self: &Arc<Self>) -> Result<Entry, ErrorData> {
        let mut s = lock(&self.state);
        if s.running < self.cap && s.waiting.is_empty() {
            s.running += 1;
            return Ok(Entry {
                gate: self.clone(),
                ticket: None,
                holding: true,
            });
        }
        if s.waiting.len() >= self.queue {
            return Err(
                ErrorData::new(SERVER_OVERLOADED, "Server overloaded").with_data(
                    json!({"retryAfterMs": 1000, "running": s.running, "queued": s.waiting.len()}),
                ),
            );
        }
        let ticket = s.next;
        s.next += 1;
        s.waiting.push_back((ticket, Waker::noop().clone()));
        Ok(Entry {
            gate: self.clone(),
            ticket: Some(ticket),
            holding: false,
        })
    }

    fn release(&self) {
        let mut s = lock(&self.state);
        s.running -= 1;
        if let Some((_, w)) = s.waiting.front() {
            w.wake_by_ref();
        }
    }
}

/// A place at the gate: a future resolving once it holds a slot, which it gives back on drop.
pub struct Entry {
    gate: Arc<Gate>,
    ticket: Option<u64>,
    holding: bool,
}

impl Future for Entry {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.holding {
            return Poll::Ready(());
        }
        let gate = self.gate.clone();
        let mut s = lock(&gate.state);
        let ticket = self.ticket;
        let first = s.waiting.front().map(|(t, _)| Some(*t)) == Some(ticket);
        if first && s.running < gate.cap {
            s.waiting.pop_front();
            s.running += 1;
            // The next in line may fit too.
            if s.running < gate.cap
                && let Some((_, w)) = s.waiting.front()
            {
                w.wake_by_ref();
            }
            drop(s);
            self.holding = true;
            self.ticket = None;
            return Poll::Ready(());
        }
        if let Some(slot) = s.waiting.iter_mut().find(|(t, _)| Some(*t) == ticket) {
            slot.1 = cx.waker().clone();
        }
        Poll::Pending
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        if self.holding {
            self.gate.release();
        } else if let Some(t) = self.ticket {
            let mut s = lock(&self.gate.state);
            let was_first = s.waiting.front().map(|(x, _)| *x) == Some(t);
            s.waiting.retain(|(x, _)| *x != t);
            if was_first
                && s.running < self.gate.cap
                && let Some((_, w)) = s.waiting.front()
            {
                w.wake_by_ref();
            }
        }
    }
}

// --- the rate limit --------------------------------------------------------------------------

/// A session's token bucket.
#[derive(Debug)]
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket of `burst` tokens.
    pub fn full(burst: f64) -> Self {
        Self {
            tokens: burst,
            last: Instant::now(),
        }
    }

    /// Takes a token, refilled at `rate` per second up to `burst`; the refusal says when the
    /// next one will be there.
    pub fn take(&mut self, rate: f64, burst: f64) -> Result<(), ErrorData> {
        let now = Instant::now();
        let refill = now.duration_since(self.last).as_secs_f64() * rate;
        self.tokens = (self.tokens + refill).min(burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        let wait_ms = ((1.0 - self.tokens) / rate * 1000.0).ceil() as u64;
        Err(ErrorData::new(RATE_LIMITED, "Rate limit exceeded")
            .with_data(json!({"retryAfterMs": wait_ms})))
    }
}

/// The buckets of authenticated clients, by principal (the token's subject, else its client
/// id), one set per process: a client's sessions share its bucket even where each session has
/// a server of its own (the TypeScript SDK's pattern). Bounded: beyond [`Buckets::MAX`]
/// principals, full buckets are dropped (a full bucket is what a new one would be).
#[derive(Debug, Default)]
pub struct Buckets(Mutex<crate::FastMap<String, Bucket>>);

impl Buckets {
    /// The process's buckets.
    pub fn shared() -> &'static Self {
        static BUCKETS: OnceLock<Buckets> = OnceLock::new();
        BUCKETS.get_or_init(Self::default)
    }

    /// Principals tracked before full buckets are swept.
    pub const MAX: usize = 10_000;

    /// Takes a token from `principal`'s bucket.
    pub fn take(&self, principal: &str, rate: f64, burst: f64) -> Result<(), ErrorData> {
        let mut map = lock(&self.0);
        if map.len() >= Self::MAX && !map.contains_key(principal) {
            let now = Instant::now();
            map.retain(|_, b| b.tokens + now.duration_since(b.last).as_secs_f64() * rate < burst);
        }
        map.entry(principal.to_owned())
            .or_insert_with(|| Bucket::full(burst))
            .take(rate, burst)
    }
}

/// Who an access token (as the transport keeps it on the session) names: its subject, else the
/// client it was issued to.
pub fn principal(token: &serde_json::Value) -> Option<&str> {
    ["subject", "client_id"]
        .into_iter()
        .find_map(|k| token.get(k).and_then(serde_json::Value::as_str))
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleep_ends_after_its_time() {
        let started = Instant::now();
        futures::executor::block_on(sleep(Duration::from_millis(30)));
        assert!(started.elapsed() >= Duration::from_millis(30));
    }

    #[test]
    fn the_gate_runs_its_cap_queues_the_next_and_refuses_the_rest() {
        let gate = Gate::new(1, 1);
        let first = gate.enter().unwrap();
        let mut second = Box::pin(gate.enter().unwrap());
        let refused = gate.enter().err().unwrap();
        assert_eq!(refused.code, SERVER_OVERLOADED);
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        assert!(second.as_mut().poll(&mut cx).is_pending());
        drop(first);
        assert!(second.as_mut().poll(&mut cx).is_ready());
        drop(second);
        assert!(gate.enter().is_ok());
    }

    #[test]
    fn the_bucket_refuses_beyond_its_burst_and_refills() {
        let mut b = Bucket::full(2.0);
        assert!(b.take(1000.0, 2.0).is_ok());
        assert!(b.take(1000.0, 2.0).is_ok());
        let e = b.take(1.0, 2.0).unwrap_err();
        assert_eq!(e.code, RATE_LIMITED);
        assert!(e.data.unwrap()["retryAfterMs"].as_u64().unwrap() > 0);
        std::thread::sleep(Duration::from_millis(5));
        assert!(b.take(1000.0, 2.0).is_ok());
    }

    #[test]
    fn the_listing_shows_timeouts_only_when_asked() {
        let mut g = Guards {
            tool_timeouts: vec![("slow".into(), Duration::from_millis(1500))],
            ..Guards::default()
        };
        let list = json!({"tools": [{"name": "slow"}, {"name": "other", "_meta": {"a": 1}}]});
        let mut shown = list.clone();
        g.annotate_listing(&mut shown);
        assert_eq!(shown, list);
        g.timeout_in_listing = true;
        g.annotate_listing(&mut shown);
        assert_eq!(shown["tools"][0]["_meta"][TIMEOUT_META_KEY], 1500);
        assert_eq!(shown["tools"][1]["_meta"], json!({"a": 1}));
    }

    #[test]
    fn per_tool_timeouts_override_the_server_wide_one() {
        let g = Guards {
            tool_timeout: Some(Duration::from_secs(30)),
            tool_timeouts: vec![("slow".into(), Duration::from_secs(120))],
            ..Guards::default()
        };
        assert_eq!(g.timeout_for("slow"), Some(Duration::from_secs(120)));
        assert_eq!(g.timeout_for("other"), Some(Duration::from_secs(30)));
    }
}
