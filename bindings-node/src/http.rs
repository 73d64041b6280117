//! The core's HTTP service ([`ferromcp_core::transport::http`]) for a Node host server: the
//! script's `http` (or Express) server owns the connections and hands each request to
//! [`Connection::http_handle`]; the service's futures are polled on the JS thread, and the
//! answer comes back as its head and a [`ResponseBody`] the script pumps into the response.
//! Handlers run through the connection's driver, as over stdio. Timers (SSE keep-alives, the
//! idle-session reaper) run on one runtime thread shared by every connection; what they wake
//! reaches the JS thread through a threadsafe function, once per burst.

use bytes::Bytes;
use futures::future::BoxFuture;
use http_body_util::Full;
use napi::bindgen_prelude::{Buffer, Either, FnArgs, Function, FunctionRef};
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi::{Env, Error, Result};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use ferromcp_core::dispatch::OnLoop;
use ferromcp_core::transport::http::host::{
    self, BodyState, HeadState, HostTask, SHUTTING_DOWN, Signal, WakeQueue,
};
use ferromcp_core::transport::http::{
    Authorize, ChosenSessionId, Cluster, HttpOptions, HttpService, SessionEnd, StoreError, Verified,
};

use crate::convert::parse;
use crate::events::{NodeEventStore, StoreReply};
use crate::runtime::{EnvScope, Executor, Remote, defer, lock, with_env};
use crate::server::{Connection, Open};

/// The one runtime thread every HTTP connection's timers and spawned tasks run on.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ferromcp-http")
            .enable_all()
            .build()
            .expect("the HTTP runtime starts")
    })
}

/// `(status, headers as "name\0value\0name\0value…", first bytes of the body, the rest)`: no
/// rest when the body was whole. The headers cross as one string (no header holds a NUL).
type HeadFn = FunctionRef<FnArgs<(u32, String, Buffer, Option<ResponseBody>)>, ()>;

/// `ended(sessionId, why)`.
type EndedFn = FunctionRef<FnArgs<(String, String)>, ()>;

/// A future of the service polled on the JS thread: a response's head, or its body.
pub(crate) trait LoopTask: HostTask {
    fn run(self: Arc<Self>);
    /// The service is closing: whoever waits is answered now.
    fn abort(&self);
}

/// Wakes the JS thread: on it, inside a native call (a handler's answer completing there), the
/// woken tasks run as that call ends; from any other thread (the runtime's timers), through
/// the JS thread's [`Remote`].
struct JsWake {
    queue: Weak<Shared>,
    exec: Weak<Executor>,
    remote: Arc<Remote>,
}

impl Signal for JsWake {
    fn signal(&self) {
        let (queue, exec) = (self.queue.clone(), self.exec.clone());
        let run = move || {
            if let (Some(queue), Some(exec)) = (queue.upgrade(), exec.upgrade()) {
                run_woken(&queue, &exec);
            }
        };
        if with_env(|_| ()).is_some() {
            defer(run);
        } else {
            self.remote.run(run);
        }
    }
}

/// Runs the tasks woken since the last run.
fn run_woken(queue: &Shared, exec: &Arc<Executor>) {
    let tasks = queue.take();
    if !tasks.is_empty() {
        exec.enter(|| {
            for t in tasks {
                t.run();
            }
        });
    }
}

/// What a connection's HTTP tasks share: the JS thread's wake-ups, and every task that may
/// still have someone waiting on it.
pub type Shared = WakeQueue<dyn LoopTask>;

fn waker(task: Arc<dyn LoopTask>, shared: &Arc<Shared>) -> std::task::Waker {
    host::waker(task, shared)
}

/// A connection's HTTP side.
pub struct Http {
    pub service: Arc<HttpService>,
    shared: Arc<Shared>,
    held: Arc<Held>,
}

/// Answers whose head waits for their body's first bytes, by the number `httpHandle` gave the
/// script, so that they can be given up when the client leaves first.
#[derive(Default)]
struct Held {
    tasks: Mutex<HashMap<u32, Weak<HeadTask>>>,
    next: AtomicU32,
}

impl Held {
    fn hold(&self, task: &Arc<HeadTask>) -> u32 {
        let mut n = self.next.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        if n == 0 {
            n = self.next.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        }
        lock(&self.tasks).insert(n, Arc::downgrade(task));
        task.held.store(n, Ordering::Release);
        n
    }
}

/// The service's answer to one request, polled until its head is there.
struct HeadTask {
    queued: AtomicBool,
    head: HeadState<HeadFn>,
    shared: Arc<Shared>,
    /// The head waits for the body's first bytes (node's `res` sends it with them anyway).
    with_first: bool,
    /// Its number in `holder` while it waits there; 0 otherwise.
    held: AtomicU32,
    holder: Arc<Held>,
}

fn deliver(
    head: &HeadFn,
    status: u16,
    headers: String,
    first: Vec<u8>,
    rest: Option<ResponseBody>,
) {
    let called = with_env(|env| {
        head.borrow_back(env)
            .and_then(|f| f.call((u32::from(status), headers, first.into(), rest).into()))
    });
    if let Some(Err(e)) = called {
        tracing::warn!("delivering an HTTP answer failed: {e}");
    }
}

fn header_list(headers: &http::HeaderMap) -> String {
    let mut flat = String::with_capacity(headers.len() * 32);
    for (name, value) in headers {
        if !flat.is_empty() {
            flat.push('\0');
        }
        flat.push_str(name.as_str());
        flat.push('\0');
        flat.push_str(&String::from_utf8_lossy(value.as_bytes()));
    }
    flat
}

impl HeadTask {
    fn poll(self: &Arc<Self>) {
        self.queued.store(false, Ordering::Release);
        let w = waker(self.clone(), &self.shared);
        let _rt = runtime().enter();
        let Some(head) = self.head.poll_head(&w, self.with_first) else {
            return;
        };
        self.unhold();
        let rest = head.more.then(|| ResponseBody {
            inner: BodyTask::new(BodyState::new(head.body), &self.shared),
        });
        let status = head.parts.status.as_u16();
        deliver(
            &head.awaiting,
            status,
            header_list(&head.parts.headers),
            head.first,
            rest,
        );
    }

    /// Answered (or given up): no longer held.
    fn unhold(&self) {
        let n = self.held.swap(0, Ordering::AcqRel);
        if n != 0 {
            lock(&self.holder.tasks).remove(&n);
        }
    }
}

impl HostTask for HeadTask {
    fn queued(&self) -> &AtomicBool {
        &self.queued
    }
}

impl LoopTask for HeadTask {
    fn run(self: Arc<Self>) {
        self.poll();
    }

    fn abort(&self) {
        self.unhold();
        let Some(head) = self.head.abandon() else {
            return;
        };
        let headers = "content-type\0text/plain; charset=utf-8".to_owned();
        deliver(&head, 503, headers, SHUTTING_DOWN.as_bytes().to_vec(), None);
    }
}

/// A response body, read on the JS thread as the core produces it; `then` is called when more
/// may be read.
struct BodyTask {
    queued: AtomicBool,
    body: BodyState<FunctionRef<(), ()>>,
    shared: Arc<Shared>,
}

impl BodyTask {
    fn new(body: BodyState<FunctionRef<(), ()>>, shared: &Arc<Shared>) -> Arc<Self> {
        let task = Arc::new(Self {
            queued: AtomicBool::new(false),
            body,
            shared: shared.clone(),
        });
        let as_task: Arc<dyn LoopTask> = task.clone();
        shared.track(&as_task);
        task
    }

    fn notify(then: Option<FunctionRef<(), ()>>) {
        if let Some(f) = then {
            let called = with_env(|env| f.borrow_back(env).and_then(|f| f.call(())));
            if let Some(Err(e)) = called {
                tracing::warn!("resuming an HTTP body failed: {e}");
            }
        }
    }
}

impl HostTask for BodyTask {
    fn queued(&self) -> &AtomicBool {
        &self.queued
    }
}

impl LoopTask for BodyTask {
    fn run(self: Arc<Self>) {
        self.queued.store(false, Ordering::Release);
        Self::notify(self.body.woken());
    }

    fn abort(&self) {
        Self::notify(self.body.finish());
    }
}

/// The script's answer to an authorization check: `None` to go on. A check that could not
/// complete (the server closing) refuses with 500 rather than let the requests through.
#[allow(clippy::needless_pass_by_value)]
fn host_answer(settled: std::result::Result<Value, StoreError>) -> Option<http::Response<Bytes>> {
    let v = match settled {
        Ok(Value::Null) => return None,
        Ok(v) => v,
        Err(e) => {
            tracing::warn!("the authorization check failed: {}", e.0);
            serde_json::json!({
                "status": 500,
                "headers": [["content-type", "application/json"]],
                "body": r#"{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal server error"},"id":null}"#,
            })
        }
    };
    let status = v["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(500);
    let mut builder = http::Response::builder().status(status);
    for pair in v["headers"].as_array().into_iter().flatten() {
        if let (Some(name), Some(value)) = (pair[0].as_str(), pair[1].as_str()) {
            builder = builder.header(name, value);
        }
    }
    let body = Bytes::copy_from_slice(v["body"].as_str().unwrap_or("").as_bytes());
    // An answer that is not one (a header that cannot be sent) still refuses.
    Some(builder.body(body).unwrap_or_else(|_| {
        let mut r = http::Response::new(Bytes::new());
        *r.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
        r
    }))
}

/// What `ResponseBody.read()` gives.
#[napi(object)]
pub struct Chunk {
    pub data: Buffer,
    pub more: bool,
}

/// The body of an HTTP answer: what the core has produced so far, and a way to wait for more.
#[napi]
pub struct ResponseBody {
    inner: Arc<BodyTask>,
}

#[napi]
impl ResponseBody {
    /// Everything produced since the last read (possibly nothing), and whether more may come.
    #[napi]
    pub fn read(&self, env: Env) -> Chunk {
        let _scope = EnvScope::enter(&env);
        let inner = &self.inner;
        let w = waker(inner.clone(), &inner.shared);
        let _rt = runtime().enter();
        let (data, more) = inner.body.read(&w);
        Chunk {
            data: data.into(),
            more,
        }
    }

    /// Calls `then` when more may be read; false (and nothing registered) when it may be read
    /// already.
    #[napi]
    pub fn wait(&self, then: Function<(), ()>) -> Result<bool> {
        Ok(self.inner.body.wait(then.create_ref()?).is_ok())
    }

    /// The client went away: the core drops the body (a stream ends with it).
    #[napi]
    pub fn close(&self, env: Env) {
        let _scope = EnvScope::enter(&env);
        BodyTask::notify(self.inner.body.finish());
    }
}

/// Asks the replicas' Redis (`redisUrl`, `redisPrefix`) whether session `sessionId` began
/// under a bearer token: `done(true)` if so, `done(false)` if not, `done(null)` when Redis does
/// not know it. The replica middleware sends a session's GET or DELETE past the route's bearer
/// check only when it began under a token.
#[napi]
#[cfg_attr(test, allow(dead_code))] // only JS calls it
pub fn replica_session_begun_under_token(
    redis_url: String,
    redis_prefix: Option<String>,
    session_id: String,
    done: Function<Option<bool>, ()>,
) -> Result<()> {
    // The transports' default key lifetime: the lookup shares their connections.
    let cluster = Cluster::shared(&redis_url, redis_prefix.as_deref(), DEFAULT_SESSION_TTL)
        .map_err(|e| Error::from_reason(e.to_string()))?;
    let done = done
        .build_threadsafe_function::<Option<bool>>()
        .callee_handled::<false>()
        .build()?;
    runtime().spawn(async move {
        let begun = cluster.begun_under_token(&session_id).await;
        done.call(begun, ThreadsafeFunctionCallMode::NonBlocking);
    });
    Ok(())
}

/// How long a session's state stays in Redis without use when the transport sets no idle
/// timeout.
const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(3600);

#[napi]
impl Connection {
    /// Serves this connection's server over HTTP from now on, as `options` (JSON, see
    /// [`HttpOptions::from_json`]) says; what the runtime thread's timers wake runs on the JS
    /// thread through its [`Remote`]. `storeOp`, if
    /// given, calls the author's event store (see [`crate::events::StoreFn`]): streams are then
    /// resumable. With `redisUrl` (and `redisPrefix`) in `options`, the service shares its
    /// sessions and streams with the other replicas through Redis: every service of the process
    /// with the same URL and prefix shares one connection set and one bus subscription
    /// ([`ferromcp_core::transport::http::Cluster::shared`]). `ended(sessionId, why)`, if given,
    /// is called when a session ends other than by `httpClose()`: `why` is `"deleted"` (the
    /// client's DELETE, answered here), `"elsewhere"` (another replica ended it), `"idle"` (the
    /// `sessionIdleTimeout` passed) or `"closed"` (a legacy SSE stream closed). `rejected(report)`,
    /// if given, is told of each request the dialect's SDK reports refusing before dispatch
    /// ([`HttpService::on_rejected`]).
    #[napi]
    #[allow(clippy::type_complexity)] // spelled out: the declaration generator reads it
    pub fn serve_http(
        &self,
        env: Env,
        options: String,
        store_op: Option<Function<FnArgs<(String, String, StoreReply)>, ()>>,
        ended: Option<Function<FnArgs<(String, String)>, ()>>,
        rejected: Option<Function<String, ()>>,
    ) -> Result<()> {
        let o = self.live()?;
        let options = parse(&options)?;
        let mut options = {
            let s = |k: &str| options.get(k).and_then(Value::as_str).map(str::to_owned);
            let mut http = HttpOptions::from_json(&options);
            // Replicas sharing sessions: `redisUrl` (the transport's option, else
            // `FERROMCP_REDIS_URL`, as the script resolves it) and `redisPrefix`.
            if let Some(url) = s("redisUrl") {
                let ttl = http.sessions.idle_timeout.unwrap_or(DEFAULT_SESSION_TTL);
                let cluster = Cluster::shared(&url, s("redisPrefix").as_deref(), ttl)
                    .map_err(|e| Error::from_reason(e.to_string()))?;
                http.cluster = Some(cluster);
            }
            http
        };
        let remote = Remote::here(&env)?;
        let exec = Arc::downgrade(&o.exec);
        let shared: Arc<Shared> = Arc::new_cyclic(|queue| {
            WakeQueue::new(JsWake {
                queue: queue.clone(),
                exec,
                remote: remote.clone(),
            })
        });
        if let Some(f) = store_op {
            options.event_store = Some(Arc::new(NodeEventStore::new(
                f.create_ref()?,
                shared.clone(),
            )));
        }
        let dispatcher = Arc::new(OnLoop::new(o.server.clone(), &o.exec));
        let service = {
            let _rt = runtime().enter();
            Arc::new(HttpService::new(dispatcher, options))
        };
        if let Some(f) = ended {
            // Called on the JS thread, from whichever thread the session ended on.
            let ended: Arc<EndedFn> = Arc::new(f.create_ref()?);
            let remote = remote.clone();
            service.on_session_end(move |id, why| {
                let why = match why {
                    SessionEnd::Deleted => "deleted",
                    SessionEnd::EndedElsewhere => "elsewhere",
                    SessionEnd::Idle => "idle",
                    SessionEnd::StreamClosed => "closed",
                    _ => "ended",
                };
                let (ended, id) = (ended.clone(), id.to_owned());
                remote.run(move || {
                    let called = with_env(|env| {
                        ended
                            .borrow_back(env)
                            .and_then(|f| f.call((id, why.to_owned()).into()))
                    });
                    if let Some(Err(e)) = called {
                        tracing::warn!("telling the script a session ended failed: {e}");
                    }
                });
            });
        }
        if let Some(f) = rejected {
            let rejected: Arc<FunctionRef<String, ()>> = Arc::new(f.create_ref()?);
            let remote = remote.clone();
            service.on_rejected(move |report| {
                let (rejected, report) = (rejected.clone(), report.to_owned());
                let tell = move || {
                    let called =
                        with_env(|env| rejected.borrow_back(env).and_then(|f| f.call(report)));
                    if let Some(Err(e)) = called {
                        tracing::warn!("telling the script of a refused request failed: {e}");
                    }
                };
                // Told as the native call that refused it ends, before its answer is read.
                if with_env(|_| ()).is_some() {
                    defer(tell);
                } else {
                    remote.run(tell);
                }
            });
        }
        if let Some(reaper) = service.reaper() {
            runtime().spawn(reaper);
        }
        let http = Http {
            service,
            shared,
            held: Arc::default(),
        };
        o.http
            .set(http)
            .map_err(|_| Error::from_reason("this connection already serves HTTP"))
    }

    /// Answers one request: `head(status, headers, first, rest)` is called once its head is
    /// known — with `withFirst`, once its body also has its first bytes (`first`) or ended
    /// (`rest` is then null; else the rest is read from it). Returns 0 when `head` was called
    /// already, else the number `httpAbandon` takes. `headers`, both ways, are name, value,
    /// name, value… (as Node's `rawHeaders`) joined by NUL (no header may hold one): one string
    /// crosses rather than one per field. `body`: the bytes read, or the text of a body the
    /// script parsed already (no `Buffer` made for it in JS). `auth`: the access token the
    /// script's bearer middleware verified (JSON, the core's `AccessToken` fields), recorded on
    /// the session (the rate limit then follows its subject). `authorize`, if given, is the
    /// script's check of a POST's JSON-RPC requests once the core's own checks passed (see
    /// [`Authorize`]): called `("authorize", requests JSON, reply)`, it settles `reply` with
    /// `null` to go on or `{status, headers: [[name, value]…], body}` to answer instead.
    /// `session_id`: the id the script's `sessionIdGenerator` gave, for the session this
    /// request begins if it is an `initialize`.
    #[napi]
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    pub fn http_handle(
        &self,
        env: Env,
        method: String,
        uri: String,
        headers: String,
        body: Either<String, Buffer>,
        head: Function<FnArgs<(u32, String, Buffer, Option<ResponseBody>)>, ()>,
        auth: Option<String>,
        authorize: Option<Function<FnArgs<(String, String, StoreReply)>, ()>>,
        session_id: Option<String>,
        with_first: bool,
    ) -> Result<u32> {
        let _scope = EnvScope::enter(&env);
        let o = self.live()?;
        let http = o.http()?;
        let mut builder = http::Request::builder().method(method.as_str()).uri(uri);
        let mut fields = headers.split('\0');
        while let (Some(name), Some(value)) = (fields.next(), fields.next()) {
            builder = builder.header(name, value);
        }
        let head = head.create_ref()?;
        if let Some(token) = auth {
            builder = builder.extension(Verified(Arc::new(parse(&token)?)));
        }
        if let Some(id) = session_id {
            builder = builder.extension(ChosenSessionId(id));
        }
        if let Some(f) = authorize {
            let op = NodeEventStore::new(f.create_ref()?, http.shared.clone());
            let hook =
                move |requests: String| -> BoxFuture<'static, Option<http::Response<Bytes>>> {
                    let answer = op.call("authorize", requests);
                    Box::pin(async move { host_answer(answer.await) })
                };
            builder = builder.extension(Authorize(Arc::new(hook)));
        }
        let body = match body {
            Either::A(text) => Bytes::from(text.into_bytes()),
            Either::B(bytes) => Bytes::copy_from_slice(&bytes),
        };
        let req = match builder.body(Full::new(body)) {
            Ok(r) => r,
            Err(e) => {
                deliver(
                    &head,
                    400,
                    String::new(),
                    format!("Bad Request: {e}").into_bytes(),
                    None,
                );
                return Ok(0);
            }
        };
        let service = http.service.clone();
        let task = Arc::new(HeadTask {
            queued: AtomicBool::new(false),
            head: HeadState::new(Box::pin(async move { service.handle(req).await }), head),
            shared: http.shared.clone(),
            with_first,
            held: AtomicU32::new(0),
            holder: http.held.clone(),
        });
        let as_task: Arc<dyn LoopTask> = task.clone();
        http.shared.track(&as_task);
        o.exec.enter(|| task.poll());
        Ok(if task.head.answered() {
            0
        } else {
            http.held.hold(&task)
        })
    }

    /// The client left before the head of answer `held` (what `httpHandle` returned) was
    /// delivered: it never will be, and what the request sends from now on goes where a
    /// request's messages go when its stream is gone.
    #[napi]
    pub fn http_abandon(&self, env: Env, held: u32) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return Ok(()) };
        let http = o.http()?;
        let task = lock(&http.held.tasks)
            .remove(&held)
            .and_then(|t| t.upgrade());
        if let Some(task) = task {
            task.held.store(0, Ordering::Release);
            let _rt = runtime().enter();
            drop(task.head.abandon());
        }
        Ok(())
    }

    /// Runs what was woken since the last call.
    #[napi]
    pub fn http_wake(&self, env: Env) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return Ok(()) };
        run_woken(&o.http()?.shared, &o.exec);
        Ok(())
    }

    /// Ends every session and every answer still awaited or streaming.
    #[napi]
    pub fn http_close(&self, env: Env) -> Result<()> {
        let _scope = EnvScope::enter(&env);
        let Some(o) = self.open() else { return Ok(()) };
        let http = o.http()?;
        {
            let _rt = runtime().enter();
            http.service.close();
        }
        let live = http.shared.abandon();
        o.exec.enter(|| {
            for t in live {
                t.abort();
            }
        });
        o.exec.clear();
        Ok(())
    }
}

impl Open {
    fn http(&self) -> Result<&Http> {
        self.http
            .get()
            .ok_or_else(|| Error::from_reason("this connection does not serve HTTP"))
    }
}
