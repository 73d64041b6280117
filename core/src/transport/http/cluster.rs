//! Stateful sessions served by several replicas through Redis (feature `redis`).
//!
//! Any replica answers any request of any session: a session begun elsewhere is taken in from
//! its state in Redis (negotiated revision, what the client said of itself, log level,
//! subscriptions), kept there by the replica that changes it. Events of every SSE stream are
//! stored in Redis streams ([`RedisEventStore`]), so a client whose replica died resumes on
//! another with `Last-Event-ID`; a replica asked to resume a stream that runs elsewhere follows
//! it in Redis until its end. What must reach the replica holding something — the client's
//! answer to a server→client request, a cancellation, a state change, the end of a session, an
//! event of the standalone stream — travels on one pub/sub channel every replica listens to.
//!
//! A process serving many services (a Node server keeps one transport, hence one service, per
//! session) shares one [`Cluster`] between them ([`Cluster::shared`]): one connection, one
//! subscription, each bus message decoded once and handed to the services holding its
//! session. Each service is a member of its own on the bus (its tag marks what it sends, the
//! streams and server→client requests it makes), as if it were a replica of its own.
//!
//! Keys (`<prefix>` defaults to `ferromcp`): `<prefix>:s:<session>` (the state, JSON),
//! `<prefix>:ev:<stream>` (a stream's events), channel `<prefix>:bus`. Every key expires after
//! the session idle timeout without use; a stream that ended, a minute after its end.

use futures::StreamExt;
use futures::channel::mpsc;
use futures::future::BoxFuture;
use redis::AsyncCommands;
use redis::aio::ConnectionManager;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;
use tokio_util::sync::CancellationToken;

use super::events::{EventId, EventStore, Replay, StoreError, StoredEvent};
use super::sse;
use crate::FastMap;
use crate::jsonrpc::{self, Message, ParseLimits, Parsed};

/// Why the cluster could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("invalid Redis URL: {0}")]
pub struct ClusterError(String);

/// What one replica sends the others.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Bus {
    /// A message of the client for whichever replica serves what it names (an answer to a
    /// server→client request, a cancellation).
    Deliver { session: String, message: String },
    /// The session's state changed.
    State { session: String, snapshot: Value },
    /// The session ended.
    End { session: String },
    /// An event of the session's standalone stream, for the replica holding it.
    Standalone {
        session: String,
        id: EventId,
        frame: String,
    },
}

/// A service on the bus: what it does with a message for a session it holds.
pub(crate) trait Member: Send + Sync {
    /// `bus` arrived; `own`: this member sent it.
    fn on_bus(&self, own: bool, bus: Bus);
    /// Whether the member still holds `session` (else its routes are swept).
    fn holds(&self, session: &str) -> bool;
}

/// A member holding a session: its tag and itself.
type Seat = (Arc<str>, Weak<dyn Member>);

/// The Redis side of a server's replicas: the connections, the bus subscription, and the
/// services of this process on it.
pub struct Cluster {
    client: redis::Client,
    conn: OnceCell<ConnectionManager>,
    prefix: String,
    replica: String,
    ttl: Duration,
    max_events: usize,
    listening: AtomicBool,
    touched: Mutex<FastMap<String, Instant>>,
    /// The services holding each session, which its bus messages go to.
    seats: Mutex<FastMap<String, Vec<Seat>>>,
    /// Sweep `seats` of sessions no member holds once it is this large.
    sweep_at: AtomicUsize,
    /// Members made so far (their tags' numbers).
    members: AtomicU64,
    /// Cancelled when the cluster is dropped: the bus subscription ends.
    stop: CancellationToken,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

/// Sweep threshold of the session routes, at least.
const SWEEP_AT: usize = 1024;

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("prefix", &self.prefix)
            .field("replica", &self.replica)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Events kept per stream in Redis (trimmed approximately).
const MAX_EVENTS: usize = 1_000;

/// How long a stream that ended stays in Redis, for a client that lost its last events.
const ENDED_STREAM_TTL: Duration = Duration::from_secs(60);

impl Cluster {
    /// The replicas reached at `url` (`redis://host:port/db`), keys under `prefix`, kept
    /// `ttl` without use. Nothing connects until first used.
    pub fn new(url: &str, prefix: Option<&str>, ttl: Duration) -> Result<Self, ClusterError> {
        let client = redis::Client::open(url).map_err(|e| ClusterError(e.to_string()))?;
        Ok(Self {
            client,
            conn: OnceCell::new(),
            prefix: prefix.unwrap_or("ferromcp").to_owned(),
            replica: uuid::Uuid::new_v4().simple().to_string()[..8].to_owned(),
            ttl: ttl.max(Duration::from_secs(1)),
            max_events: MAX_EVENTS,
            listening: AtomicBool::new(false),
            touched: Mutex::default(),
            seats: Mutex::default(),
            sweep_at: AtomicUsize::new(SWEEP_AT),
            members: AtomicU64::new(0),
            stop: CancellationToken::new(),
        })
    }

    /// The cluster of this process for `url` and `prefix` with key lifetime `ttl`: every
    /// service asking with the same three shares it (one Redis connection and one bus
    /// subscription for all), as long as one of them holds it. `ttl` is part of the key: it is
    /// how long the sessions' state stays in Redis, which the services sharing the connections
    /// must agree on (services configured alike do).
    pub fn shared(
        url: &str,
        prefix: Option<&str>,
        ttl: Duration,
    ) -> Result<Arc<Self>, ClusterError> {
        type Key = (String, String, Duration);
        static CLUSTERS: OnceLock<Mutex<FastMap<Key, Weak<Cluster>>>> = OnceLock::new();
        let key = (url.to_owned(), prefix.unwrap_or("ferromcp").to_owned(), ttl);
        let mut clusters = lock(CLUSTERS.get_or_init(Mutex::default));
        if let Some(c) = clusters.get(&key).and_then(Weak::upgrade) {
            return Ok(c);
        }
        let c = Arc::new(Self::new(url, prefix, ttl)?);
        clusters.retain(|_, w| w.strong_count() > 0);
        clusters.insert(key, Arc::downgrade(&c));
        Ok(c)
    }

    /// Whether session `session` began under a bearer token (its every request must then be
    /// verified for that token's principal); `None` when Redis does not know the session.
    pub async fn begun_under_token(&self, session: &str) -> Option<bool> {
        let snapshot = self.load(session).await?;
        Some(snapshot.get("auth").is_some_and(|a| !a.is_null()))
    }

    /// This process's tag: each member's tag begins with it.
    pub fn replica(&self) -> &str {
        &self.replica
    }

    /// A tag for a new member (a service): request ids and stream ids it makes carry it, and
    /// what it sends on the bus.
    pub(crate) fn member_tag(&self) -> Arc<str> {
        let n = self.members.fetch_add(1, Ordering::Relaxed);
        format!("{}.{n:x}", self.replica).into()
    }

    /// `member` holds `session` from now on: the session's bus messages reach it. Starts
    /// listening to the bus (once).
    pub(crate) fn hold(self: &Arc<Self>, session: &str, tag: &Arc<str>, member: Weak<dyn Member>) {
        self.listen();
        let mut seats = lock(&self.seats);
        let seat = seats.entry(session.to_owned()).or_default();
        if !seat.iter().any(|(t, _)| t == tag) {
            seat.push((tag.clone(), member));
        }
        // Sessions their members let go of without saying so (ended idle, services gone).
        if seats.len() >= self.sweep_at.load(Ordering::Relaxed) {
            seats.retain(|s, seat| {
                seat.retain(|(_, m)| m.upgrade().is_some_and(|m| m.holds(s)));
                !seat.is_empty()
            });
            self.sweep_at
                .store((2 * seats.len()).max(SWEEP_AT), Ordering::Relaxed);
        }
    }

    /// The member tagged `tag` no longer holds `session`.
    pub(crate) fn release(&self, session: &str, tag: &str) {
        let mut seats = lock(&self.seats);
        if let Some(seat) = seats.get_mut(session) {
            seat.retain(|(t, _)| &**t != tag);
            if seat.is_empty() {
                seats.remove(session);
            }
        }
    }

    /// Hands a bus message from member `from` to the members holding its session.
    fn route(&self, from: &str, bus: Bus) {
        let session = match &bus {
            Bus::Deliver { session, .. }
            | Bus::State { session, .. }
            | Bus::End { session }
            | Bus::Standalone { session, .. } => session,
        };
        let members: Vec<(bool, Arc<dyn Member>)> = {
            let mut seats = lock(&self.seats);
            let Some(seat) = seats.get(session) else {
                return;
            };
            let found = seat
                .iter()
                .filter_map(|(t, m)| Some((&**t == from, m.upgrade()?)))
                .collect();
            // The session ended everywhere: no member holds it any more.
            if matches!(bus, Bus::End { .. }) {
                seats.remove(session);
            }
            found
        };
        match &members[..] {
            [] => {}
            [(own, m)] => m.on_bus(*own, bus),
            _ => {
                for (own, m) in members {
                    m.on_bus(own, bus.clone());
                }
            }
        }
    }

    async fn conn(&self) -> redis::RedisResult<ConnectionManager> {
        self.conn
            .get_or_try_init(|| self.client.get_connection_manager())
            .await
            .cloned()
    }

    fn session_key(&self, session: &str) -> String {
        format!("{}:s:{session}", self.prefix)
    }

    fn events_key(&self, stream: &str) -> String {
        format!("{}:ev:{stream}", self.prefix)
    }

    fn channel(&self) -> String {
        format!("{}:bus", self.prefix)
    }

    fn ttl_secs(&self) -> u64 {
        self.ttl.as_secs().max(1)
    }

    /// Keeps the session's state for the other replicas.
    pub(crate) async fn save(&self, session: &str, snapshot: &Value) {
        let r: redis::RedisResult<()> = async {
            let mut c = self.conn().await?;
            c.set_ex(
                self.session_key(session),
                snapshot.to_string(),
                self.ttl_secs(),
            )
            .await
        }
        .await;
        lock(&self.touched).insert(session.to_owned(), Instant::now());
        if let Err(e) = r {
            tracing::warn!(session, error = %e, "session state not saved in Redis");
        }
    }

    /// The state another replica saved, if the session exists.
    pub(crate) async fn load(&self, session: &str) -> Option<Value> {
        let r: redis::RedisResult<Option<String>> = async {
            let mut c = self.conn().await?;
            c.get(self.session_key(session)).await
        }
        .await;
        match r {
            Ok(text) => text.and_then(|t| serde_json::from_str(&t).ok()),
            Err(e) => {
                tracing::warn!(session, error = %e, "session state not read from Redis");
                None
            }
        }
    }

    /// Forgets the session (it ended).
    pub(crate) async fn forget(&self, session: &str) {
        lock(&self.touched).remove(session);
        let r: redis::RedisResult<()> = async {
            let mut c = self.conn().await?;
            c.del(self.session_key(session)).await
        }
        .await;
        if let Err(e) = r {
            tracing::warn!(session, error = %e, "session state not removed from Redis");
        }
    }

    /// The session is in use: its state's lifetime starts again (at most every quarter of it).
    pub(crate) fn touch(&self, session: &str) {
        let now = Instant::now();
        {
            let mut t = lock(&self.touched);
            if t.get(session)
                .is_some_and(|at| now.duration_since(*at) < self.ttl / 4)
            {
                return;
            }
            t.insert(session.to_owned(), now);
            if t.len() > 4 * 1024 && t.len().is_power_of_two() {
                t.retain(|_, at| now.duration_since(*at) < self.ttl);
            }
        }
        let key = self.session_key(session);
        let ttl = self.ttl_secs() as i64;
        let conn = self.conn.get().cloned();
        if let Some(mut c) = conn {
            tokio::spawn(async move {
                let _: redis::RedisResult<()> = c.expire(key, ttl).await;
            });
        }
    }

    /// Sends `bus` from member `from` to every replica (this one too).
    pub(crate) async fn publish(&self, from: &str, bus: Bus) {
        let text = Self::encode(from, &bus);
        let r: redis::RedisResult<()> = async {
            let mut c = self.conn().await?;
            c.publish(self.channel(), text).await
        }
        .await;
        if let Err(e) = r {
            tracing::warn!(error = %e, "message for the other replicas not published");
        }
    }

    fn encode(from: &str, bus: &Bus) -> String {
        let v = match bus {
            Bus::Deliver { session, message } => {
                json!({"k": "deliver", "s": session, "m": message})
            }
            Bus::State { session, snapshot } => {
                json!({"k": "state", "s": session, "m": snapshot})
            }
            Bus::End { session } => json!({"k": "end", "s": session}),
            Bus::Standalone { session, id, frame } => {
                json!({"k": "standalone", "s": session, "e": id, "m": frame})
            }
        };
        let mut v = v;
        v["r"] = Value::from(from);
        v.to_string()
    }

    /// `(sender member, message)` from a bus payload.
    fn decode(text: &str) -> Option<(String, Bus)> {
        let v: Value = serde_json::from_str(text).ok()?;
        let session = v["s"].as_str()?.to_owned();
        let s = |k: &str| v[k].as_str().map(str::to_owned);
        let bus = match v["k"].as_str()? {
            "deliver" => Bus::Deliver {
                session,
                message: s("m")?,
            },
            "state" => Bus::State {
                session,
                snapshot: v["m"].clone(),
            },
            "end" => Bus::End { session },
            "standalone" => Bus::Standalone {
                session,
                id: s("e")?,
                frame: s("m")?,
            },
            _ => return None,
        };
        Some((s("r")?, bus))
    }

    /// Listens to the bus from now on (once), handing each message to the members holding its
    /// session, until the cluster is dropped. Reconnects when Redis goes away.
    fn listen(self: &Arc<Self>) {
        if self.listening.swap(true, Ordering::AcqRel) {
            return;
        }
        let me = Arc::downgrade(self);
        let stop = self.stop.clone();
        let client = self.client.clone();
        let channel = self.channel();
        tokio::spawn(async move {
            let mut pause = Duration::from_millis(50);
            while !stop.is_cancelled() {
                let pubsub = tokio::select! {
                    p = client.get_async_pubsub() => p,
                    () = stop.cancelled() => return,
                };
                let mut pubsub = match pubsub {
                    Ok(p) => p,
                    Err(e) => {
                        tracing::warn!(error = %e, "Redis bus unreachable; retrying");
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(Duration::from_secs(5));
                        continue;
                    }
                };
                if let Err(e) = pubsub.subscribe(&channel).await {
                    tracing::warn!(error = %e, "Redis bus subscription failed; retrying");
                    tokio::time::sleep(pause).await;
                    continue;
                }
                pause = Duration::from_millis(50);
                let mut messages = pubsub.into_on_message();
                loop {
                    let m = tokio::select! {
                        m = messages.next() => m,
                        () = stop.cancelled() => return,
                    };
                    let Some(m) = m else {
                        break;
                    };
                    let Ok(text) = m.get_payload::<String>() else {
                        continue;
                    };
                    let Some((from, bus)) = Self::decode(&text) else {
                        continue;
                    };
                    let Some(cluster) = me.upgrade() else {
                        return;
                    };
                    cluster.route(&from, bus);
                }
                tracing::warn!("Redis bus connection lost; reconnecting");
            }
        });
    }

    /// Follows stream `stream` from after entry `after` until its end: its events as SSE
    /// frames. For a client resuming here a stream that runs on another replica.
    pub(crate) fn follow(
        self: &Arc<Self>,
        stream: &str,
        after: &str,
    ) -> mpsc::UnboundedReceiver<Vec<u8>> {
        let (tx, rx) = mpsc::unbounded();
        let key = self.events_key(stream);
        let stream = stream.to_owned();
        let mut last = after.to_owned();
        let client = self.client.clone();
        let ttl = self.ttl;
        tokio::spawn(async move {
            // A connection of its own: a blocking read holds its connection.
            let Ok(mut c) = client.get_multiplexed_async_connection().await else {
                return;
            };
            let started = Instant::now();
            while !tx.is_closed() && started.elapsed() < ttl {
                let r: redis::RedisResult<Option<redis::streams::StreamReadReply>> =
                    redis::cmd("XREAD")
                        .arg("COUNT")
                        .arg(100)
                        .arg("BLOCK")
                        .arg(5_000)
                        .arg("STREAMS")
                        .arg(&key)
                        .arg(&last)
                        .query_async(&mut c)
                        .await;
                let reply = match r {
                    Ok(Some(reply)) => reply,
                    Ok(None) => continue,
                    Err(e) => {
                        tracing::warn!(error = %e, "following a stream in Redis failed");
                        return;
                    }
                };
                let mut out = Vec::new();
                let mut ended = false;
                for entry in reply.keys.into_iter().flat_map(|k| k.ids) {
                    last.clone_from(&entry.id);
                    match Entry::of(&entry) {
                        Entry::End => ended = true,
                        Entry::Priming => {}
                        Entry::Message(m) => {
                            sse::stored(
                                Some(&event_id(&stream, &entry.id)),
                                Some(&m),
                                None,
                                &mut out,
                            );
                        }
                    }
                }
                if !out.is_empty() && tx.unbounded_send(out).is_err() {
                    return;
                }
                if ended {
                    return;
                }
            }
        });
        rx
    }
}

/// What a Redis stream entry holds.
enum Entry {
    Message(Message),
    Priming,
    End,
}

impl Entry {
    fn of(e: &redis::streams::StreamId) -> Self {
        if e.contains_key("end") {
            return Self::End;
        }
        match e.get::<String>("m") {
            Some(text) => match jsonrpc::parse(text.as_bytes(), ParseLimits::default()) {
                Ok(Parsed::Single(m)) => Self::Message(m),
                _ => Self::Priming,
            },
            None => Self::Priming,
        }
    }
}

/// An event's id: its stream and Redis entry.
fn event_id(stream: &str, entry: &str) -> EventId {
    format!("{stream}#{entry}")
}

/// The stream and Redis entry an event id names.
pub(crate) fn parse_event_id(id: &str) -> Option<(&str, &str)> {
    id.rsplit_once('#')
}

/// An [`EventStore`] in Redis streams, shared by the replicas.
#[derive(Debug, Clone)]
pub struct RedisEventStore(pub Arc<Cluster>);

impl EventStore for RedisEventStore {
    fn store(
        &self,
        stream: &str,
        message: Option<&Message>,
    ) -> BoxFuture<'static, Result<EventId, StoreError>> {
        let cluster = self.0.clone();
        let stream = stream.to_owned();
        let field = match message {
            Some(m) => {
                let mut out = Vec::with_capacity(256);
                m.write_to(&mut out);
                ("m", out)
            }
            None => ("p", Vec::new()),
        };
        Box::pin(async move {
            let key = cluster.events_key(&stream);
            let mut c = cluster
                .conn()
                .await
                .map_err(|e| StoreError(e.to_string()))?;
            let (entry,): (String,) = redis::pipe()
                .cmd("XADD")
                .arg(&key)
                .arg("MAXLEN")
                .arg("~")
                .arg(cluster.max_events)
                .arg("*")
                .arg(field.0)
                .arg(field.1)
                .cmd("EXPIRE")
                .arg(&key)
                .arg(cluster.ttl_secs())
                .ignore()
                .query_async(&mut c)
                .await
                .map_err(|e| StoreError(e.to_string()))?;
            Ok(event_id(&stream, &entry))
        })
    }

    fn replay_after(&self, last: &str) -> BoxFuture<'static, Result<Option<Replay>, StoreError>> {
        let cluster = self.0.clone();
        let last = last.to_owned();
        Box::pin(async move {
            let Some((stream, entry)) = parse_event_id(&last) else {
                return Ok(None);
            };
            let key = cluster.events_key(stream);
            let mut c = cluster
                .conn()
                .await
                .map_err(|e| StoreError(e.to_string()))?;
            let r: redis::streams::StreamRangeReply = redis::cmd("XRANGE")
                .arg(&key)
                .arg(entry)
                .arg("+")
                .query_async(&mut c)
                .await
                .map_err(|e| StoreError(e.to_string()))?;
            // The event named must still be there: else what followed it may be gone too.
            if r.ids.first().is_none_or(|e| e.id != entry) {
                return Ok(None);
            }
            let events = r
                .ids
                .iter()
                .skip(1)
                .filter_map(|e| match Entry::of(e) {
                    Entry::Message(m) => Some(StoredEvent {
                        id: event_id(stream, &e.id),
                        message: m,
                    }),
                    _ => None,
                })
                .collect();
            Ok(Some(Replay {
                stream: stream.to_owned(),
                events,
            }))
        })
    }

    fn store_batch(
        &self,
        stream: &str,
        prime: bool,
        messages: &[Message],
        end: bool,
    ) -> Option<BoxFuture<'static, Result<Vec<EventId>, StoreError>>> {
        let cluster = self.0.clone();
        let stream = stream.to_owned();
        let key = cluster.events_key(&stream);
        let mut pipe = redis::pipe();
        let mut add = |field: &str, value: &[u8]| {
            pipe.cmd("XADD")
                .arg(&key)
                .arg("MAXLEN")
                .arg("~")
                .arg(cluster.max_events)
                .arg("*")
                .arg(field)
                .arg(value);
        };
        if prime {
            add("p", b"");
        }
        let mut out = Vec::with_capacity(256);
        for m in messages {
            out.clear();
            m.write_to(&mut out);
            add("m", &out);
        }
        let keep = if end {
            pipe.cmd("XADD")
                .arg(&key)
                .arg("*")
                .arg("end")
                .arg("")
                .ignore();
            cluster.ttl_secs().min(ENDED_STREAM_TTL.as_secs())
        } else {
            cluster.ttl_secs()
        };
        pipe.cmd("EXPIRE").arg(&key).arg(keep).ignore();
        Some(Box::pin(async move {
            let mut c = cluster
                .conn()
                .await
                .map_err(|e| StoreError(e.to_string()))?;
            let entries: Vec<String> = pipe
                .query_async(&mut c)
                .await
                .map_err(|e| StoreError(e.to_string()))?;
            Ok(entries.iter().map(|e| event_id(&stream, e)).collect())
        }))
    }

    fn end(&self, stream: &str) -> BoxFuture<'static, ()> {
        let cluster = self.0.clone();
        let key = cluster.events_key(stream);
        Box::pin(async move {
            // An ended stream is kept only for clients that lost its end: a reconnect window,
            // not the session's lifetime.
            let keep = cluster.ttl_secs().min(ENDED_STREAM_TTL.as_secs());
            let r: redis::RedisResult<()> = async {
                let mut c = cluster.conn().await?;
                redis::pipe()
                    .cmd("XADD")
                    .arg(&key)
                    .arg("*")
                    .arg("end")
                    .arg("")
                    .ignore()
                    .cmd("EXPIRE")
                    .arg(&key)
                    .arg(keep)
                    .ignore()
                    .query_async::<()>(&mut c)
                    .await
            }
            .await;
            if let Err(e) = r {
                tracing::warn!(error = %e, "end of stream not stored in Redis");
            }
        })
    }
}

/// What replicas keep of a session: its state, and the token it was begun with (the principal
/// every later request must be made for).
fn shared_state(session: &crate::session::Session) -> Value {
    let mut v = session.snapshot();
    if let Some(t) = session.auth() {
        v["auth"] = (*t).clone();
    }
    v
}

/// A service on the bus: the sessions it serves, their streams, and whom to tell when one ends
/// because another replica ended it.
pub(crate) struct Replica {
    pub(crate) tag: Arc<str>,
    sessions: Arc<crate::sessions::SessionManager>,
    links: Arc<Mutex<FastMap<String, Weak<super::Streams>>>>,
    dispatcher: Arc<dyn crate::dispatch::Dispatcher>,
    limits: ParseLimits,
    ended: super::EndedHook,
}

impl Replica {
    pub(crate) fn new(service: &super::HttpService, cluster: &Cluster) -> Arc<Self> {
        Arc::new(Self {
            tag: cluster.member_tag(),
            sessions: service.sessions.clone(),
            links: service.links.clone(),
            dispatcher: service.dispatcher.clone(),
            limits: service.limits,
            ended: service.ended.clone(),
        })
    }
}

impl Member for Replica {
    fn holds(&self, session: &str) -> bool {
        self.sessions.get(session).is_some()
    }

    fn on_bus(&self, own: bool, bus: Bus) {
        let links = &self.links;
        let streams = |id: &str| lock(links).get(id).and_then(Weak::upgrade);
        match bus {
            Bus::Deliver { session, message } if !own => {
                let Some(s) = self.sessions.get(&session) else {
                    return;
                };
                let Ok(Parsed::Single(m)) = jsonrpc::parse(message.as_bytes(), self.limits) else {
                    return;
                };
                if let Message::Response(r) = &m
                    && !s.awaits(&r.id)
                {
                    return;
                }
                if let Message::Error(e) = &m
                    && e.id.as_ref().is_none_or(|id| !s.awaits(id))
                {
                    return;
                }
                tokio::spawn(self.dispatcher.dispatch(s, m));
            }
            Bus::State { session, snapshot } if !own => {
                if let Some(s) = self.sessions.get(&session) {
                    s.restore(&snapshot);
                }
            }
            Bus::End { session } if !own => {
                let held = self.sessions.remove(&session);
                if let Some(st) = streams(&session) {
                    st.close_all();
                }
                lock(links).remove(&session);
                if held {
                    self.sessions.retire();
                    if let Some(f) = self.ended.get() {
                        f(&session, super::SessionEnd::EndedElsewhere);
                    }
                }
            }
            Bus::Standalone { session, id, frame } => {
                if let Some(st) = streams(&session)
                    && let Some(r) = st.resumable()
                {
                    r.standalone_event(&id, frame.into_bytes());
                }
            }
            _ => {}
        }
    }
}

/// What the service does for replicas sharing its sessions.
impl super::HttpService {
    fn cluster(&self) -> Option<&Arc<Cluster>> {
        self.options.cluster.as_ref()
    }

    /// This service's tag on the bus, in the request and stream ids it makes.
    pub(super) fn member_tag(&self) -> Option<&Arc<str>> {
        self.replica.as_ref().map(|r| &r.tag)
    }

    /// Session `id` is served here from now on: the other replicas' messages for it reach
    /// this service.
    fn hold(&self, id: &str) {
        if let (Some(c), Some(r)) = (self.cluster(), &self.replica) {
            let member: Arc<dyn Member> = r.clone();
            c.hold(id, &r.tag, Arc::downgrade(&member));
        }
    }

    /// Session `id` is no longer served here.
    pub(super) fn unhold(&self, id: &str) {
        if let (Some(c), Some(r)) = (self.cluster(), &self.replica) {
            c.release(id, &r.tag);
        }
    }

    // Redis calls are boxed here: their futures are large, and without replicas a POST's
    // future must not carry them.
    async fn publish(&self, bus: Bus) {
        if let (Some(c), Some(tag)) = (self.cluster(), self.member_tag()) {
            Box::pin(c.publish(tag, bus)).await;
        }
    }

    /// Session `id`, begun on another replica, taken in from its state in Redis. Behind OAuth
    /// (or when it began under a token a host verified), only for the principal that began it
    /// (`token`: the request's).
    pub(super) async fn adopt(
        &self,
        id: &str,
        token: Option<Arc<Value>>,
    ) -> Option<(Arc<crate::session::Session>, Arc<super::Streams>)> {
        let c = self.cluster()?.clone();
        let snapshot = c.load(id).await?;
        let owner = snapshot.get("auth").filter(|a| !a.is_null());
        // A session begun under a token (checked here, or by the host's own middleware) is
        // taken in only for a request made for the same principal.
        if self.options.auth.is_some() || owner.is_some() {
            let ours = token.as_deref().map(super::Principal::of);
            if ours.is_none() || ours != owner.map(super::Principal::of) {
                tracing::warn!(
                    session = id,
                    "request refused: its token is not the session creator's"
                );
                return None;
            }
        }
        let streams = super::Streams::new(false);
        let outbound = Box::new(super::HttpOutbound(streams.clone()));
        let (session, fresh) = self.sessions.adopt(id, outbound).ok()?;
        if !fresh {
            // Taken in meanwhile by another request.
            return self.lookup(id);
        }
        session.restore(&snapshot);
        session.set_auth(token.or_else(|| owner.map(|o| Arc::new(o.clone()))));
        if let Some(tag) = self.member_tag() {
            session.set_request_prefix(&format!("{tag}-"));
        }
        if let Some(r) = self.resumable(id) {
            streams.set_resumable(r);
        }
        self.link(id, &streams);
        self.hold(id);
        tracing::debug!(session = id, "session taken in from another replica");
        Some((session, streams))
    }

    /// Session `id` began here: the other replicas can serve it from now on.
    pub(super) async fn shared_begun(&self, id: &str, session: &crate::session::Session) {
        if let Some(c) = self.cluster() {
            self.hold(id);
            Box::pin(c.save(id, &shared_state(session))).await;
        }
    }

    /// Before a POST's messages are dispatched here: the client's answers to requests another
    /// replica made, and its cancellations, go to the other replicas too. Whether the POST
    /// changes the session's state.
    pub(super) async fn shared_inbound(
        &self,
        id: &str,
        session: &crate::session::Session,
        inbox: &super::Inbox,
    ) -> bool {
        use crate::protocol::methods;
        if self.cluster().is_none() {
            return false;
        }
        let mut changes = false;
        for m in &inbox.messages {
            let foreign = match m {
                Message::Response(r) => !session.awaits(&r.id),
                Message::Error(e) => e.id.as_ref().is_some_and(|id| !session.awaits(id)),
                Message::Notification(n) => {
                    changes |= n.method == methods::INITIALIZED;
                    n.method == methods::CANCELLED
                }
                Message::Request(r) => {
                    changes |= matches!(
                        r.method.as_str(),
                        methods::LOGGING_SET_LEVEL
                            | methods::RESOURCES_SUBSCRIBE
                            | methods::RESOURCES_UNSUBSCRIBE
                    );
                    false
                }
                Message::Batch(_) => false,
            };
            if foreign {
                let mut out = Vec::with_capacity(128);
                m.write_to(&mut out);
                self.publish(Bus::Deliver {
                    session: id.to_owned(),
                    message: String::from_utf8_lossy(&out).into_owned(),
                })
                .await;
            }
        }
        changes
    }

    /// The session's state changed here: the other replicas take it.
    pub(super) async fn shared_changed(&self, id: &str, session: &crate::session::Session) {
        if let Some(c) = self.cluster() {
            let snapshot = shared_state(session);
            Box::pin(c.save(id, &snapshot)).await;
            self.publish(Bus::State {
                session: id.to_owned(),
                snapshot,
            })
            .await;
        }
    }

    /// The client ended the session here: every replica forgets it.
    pub(super) async fn shared_ended(&self, id: &str) {
        if let Some(c) = self.cluster() {
            self.unhold(id);
            Box::pin(c.forget(id)).await;
            self.publish(Bus::End {
                session: id.to_owned(),
            })
            .await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bus_messages_round_trip() {
        for bus in [
            Bus::Deliver {
                session: "s".into(),
                message: "{}".into(),
            },
            Bus::State {
                session: "s".into(),
                snapshot: json!({"phase": "ready"}),
            },
            Bus::End {
                session: "s".into(),
            },
            Bus::Standalone {
                session: "s".into(),
                id: "s/get#1-0".into(),
                frame: "data: x\n\n".into(),
            },
        ] {
            let (from, back) = Cluster::decode(&Cluster::encode("r.1", &bus)).unwrap();
            assert_eq!(from, "r.1");
            assert_eq!(back, bus);
        }
        assert_eq!(parse_event_id("a/b#1-2"), Some(("a/b", "1-2")));
    }

    /// A member recording what reaches it.
    #[derive(Default)]
    struct Probe {
        got: Mutex<Vec<(bool, Bus)>>,
        holds: AtomicBool,
    }

    impl Member for Probe {
        fn on_bus(&self, own: bool, bus: Bus) {
            lock(&self.got).push((own, bus));
        }
        fn holds(&self, _: &str) -> bool {
            self.holds.load(Ordering::Relaxed)
        }
    }

    #[tokio::test]
    async fn bus_messages_reach_the_members_holding_their_session() {
        // Nothing listens there: only the routing is tested.
        let c =
            Arc::new(Cluster::new("redis://127.0.0.1:1/", None, Duration::from_secs(60)).unwrap());
        let (a, b, other) = (c.member_tag(), c.member_tag(), c.member_tag());
        assert_ne!(a, b);
        let probe = || Arc::new(Probe::default());
        let (pa, pb, po) = (probe(), probe(), probe());
        let weak = |p: &Arc<Probe>| {
            let m: Arc<dyn Member> = p.clone();
            Arc::downgrade(&m)
        };
        c.hold("s", &a, weak(&pa));
        c.hold("s", &b, weak(&pb));
        c.hold("s", &b, weak(&pb));
        c.hold("t", &other, weak(&po));
        let deliver = Bus::Deliver {
            session: "s".into(),
            message: "{}".into(),
        };
        c.route(&a, deliver.clone());
        assert_eq!(*lock(&pa.got), [(true, deliver.clone())]);
        assert_eq!(*lock(&pb.got), [(false, deliver.clone())]);
        assert!(lock(&po.got).is_empty());
        // A member gone gets nothing; one that let go neither.
        drop(pb);
        c.release("s", &a);
        c.route(&other, deliver.clone());
        assert_eq!(lock(&pa.got).len(), 1);
        // The end of a session ends its routes.
        let end = Bus::End {
            session: "t".into(),
        };
        c.route(&a, end.clone());
        assert_eq!(*lock(&po.got), [(false, end)]);
        assert!(!lock(&c.seats).contains_key("t"));
    }
}
