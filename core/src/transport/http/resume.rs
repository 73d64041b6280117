//! Resumable SSE streams of one session, when the service has an [`EventStore`].
//!
//! Each stream (a POST's answer, the session's standalone stream) is fed by a pump: one task
//! that stores every message of the stream, in order, and writes it with the store's id to the
//! body the client holds — if it holds one. A client that loses the body loses nothing: the pump
//! keeps storing, and a `GET` with `Last-Event-ID` replays what came after that id and, while the
//! stream is live, hands the pump a new body. Replay and storing run on the same task, so no
//! event falls between the two.
//!
//! A POST's stream lives until the last answer of the POST is stored; the standalone stream
//! lives as long as the session. Stream ids are `<session>/<n>`: a session resumes only its own.

use futures::StreamExt;
use futures::channel::mpsc;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use super::events::{EventStore, StreamId};
use super::routes::Sender;
use super::sse;
use crate::FastMap;
use crate::jsonrpc::Message;
use crate::protocol::Revision;
use crate::session::Route;

/// The header a reconnecting client names its last event in.
pub const LAST_EVENT_ID: &str = "last-event-id";

/// Where a stream's events go: the body a client holds.
type Body = mpsc::UnboundedSender<Vec<u8>>;

/// The body a stream's events go to, if a client holds one.
type Slot = Arc<Mutex<Option<Body>>>;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What a pump is told besides the messages it stores.
enum Control {
    /// A client reconnecting to the live stream: replay after `after`, then follow.
    Attach {
        body: Body,
        after: String,
        prime: bool,
    },
    /// End the client's hold on the stream (after the priming event it resumes from).
    Close,
}

struct Live {
    slot: Slot,
    control: tokio::sync::mpsc::UnboundedSender<Control>,
}

/// The live streams of a session: by id, and by the routes they carry (with whether the
/// client can resume them: it got a priming event).
#[derive(Default)]
struct Streams {
    by_id: FastMap<StreamId, Live>,
    by_route: FastMap<Route, (Slot, tokio::sync::mpsc::UnboundedSender<Control>, bool)>,
}

/// The resumable streams of one session.
pub(crate) struct Resumable {
    store: Arc<dyn EventStore>,
    retry: Option<Duration>,
    session: String,
    runtime: tokio::runtime::Handle,
    live: Arc<Mutex<Streams>>,
    /// Replicas share the session ([`super::cluster`]): stream ids carry this replica's tag,
    /// the standalone stream's events travel on the bus to whichever replica holds it.
    #[cfg(feature = "redis")]
    cluster: Option<Arc<super::cluster::Cluster>>,
    /// The service's tag on the bus ([`super::cluster::Cluster::member_tag`]).
    #[cfg(feature = "redis")]
    tag: Arc<str>,
    #[cfg(feature = "redis")]
    follower: Mutex<Option<Follower>>,
}

/// The client holding the standalone stream when replicas share it: events reach it from the
/// bus, in the order of their Redis entries, none twice.
#[cfg(feature = "redis")]
struct Follower {
    body: Body,
    last: Option<(u64, u64)>,
    /// Replaying what the client missed: live events wait.
    replaying: bool,
    queued: Vec<(String, Vec<u8>)>,
}

#[cfg(feature = "redis")]
impl Follower {
    /// Sends `frame` unless an event as new was sent already.
    fn send(&mut self, id: &str, frame: Vec<u8>) {
        let entry = super::cluster::parse_event_id(id).and_then(|(_, e)| entry_order(e));
        if let (Some(e), Some(last)) = (entry, self.last)
            && e <= last
        {
            return;
        }
        if entry.is_some() {
            self.last = entry;
        }
        let _ = self.body.unbounded_send(frame);
    }
}

/// A Redis entry id (`<ms>-<seq>`) as an ordered pair.
#[cfg(feature = "redis")]
fn entry_order(entry: &str) -> Option<(u64, u64)> {
    let (ms, seq) = entry.split_once('-')?;
    Some((ms.parse().ok()?, seq.parse().ok()?))
}

impl std::fmt::Debug for Resumable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resumable")
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

/// Priming events (an id before any message) go to clients of 2025-11-25 and later: older
/// clients fail on an event without data.
pub(crate) fn primes(revision: Option<Revision>) -> bool {
    revision.is_some_and(|r| r >= Revision::V2025_11_25)
}

impl Resumable {
    /// The streams of session `session`, stored in `store`. Called on the service's runtime.
    pub(crate) fn new(
        store: Arc<dyn EventStore>,
        retry: Option<Duration>,
        session: &str,
    ) -> Option<Self> {
        Some(Self {
            store,
            retry,
            session: session.to_owned(),
            runtime: tokio::runtime::Handle::try_current().ok()?,
            live: Arc::default(),
            #[cfg(feature = "redis")]
            cluster: None,
            #[cfg(feature = "redis")]
            tag: Arc::from(""),
            #[cfg(feature = "redis")]
            follower: Mutex::new(None),
        })
    }

    /// The streams of a session replicas share through `cluster`, served by the service
    /// tagged `tag`.
    #[cfg(feature = "redis")]
    pub(crate) fn shared(mut self, cluster: Arc<super::cluster::Cluster>, tag: Arc<str>) -> Self {
        self.cluster = Some(cluster);
        self.tag = tag;
        self
    }

    /// The id of the session's stream number `n` (made by this replica).
    pub(crate) fn stream_id(&self, n: u64) -> StreamId {
        #[cfg(feature = "redis")]
        if self.cluster.is_some() {
            return format!("{}/{}-{n}", self.session, self.tag);
        }
        format!("{}/{n}", self.session)
    }

    /// The id of the session's standalone stream.
    fn standalone_id(&self) -> StreamId {
        format!("{}/get", self.session)
    }

    /// Starts the pump of stream `stream`, carrying the messages of `routes`, fed by `input`
    /// until every sender is dropped; the receiver of the body its events go to. With `prime`,
    /// a priming event goes first.
    pub(crate) fn pump(
        &self,
        stream: StreamId,
        routes: Vec<Route>,
        input: mpsc::UnboundedReceiver<Message>,
        prime: bool,
    ) -> mpsc::UnboundedReceiver<Vec<u8>> {
        let (body, rx) = mpsc::unbounded();
        self.start(stream, routes, input, Some(body), prime);
        rx
    }

    /// The sender feeding the standalone stream's pump, which it starts: for the session to
    /// register on its standalone route. No client holds the stream until a GET attaches one.
    pub(crate) fn standalone(&self) -> Sender {
        let (tx, input) = mpsc::unbounded();
        self.start(
            self.standalone_id(),
            vec![Route::Standalone],
            input,
            None,
            false,
        );
        tx
    }

    fn start(
        &self,
        stream: StreamId,
        routes: Vec<Route>,
        mut input: mpsc::UnboundedReceiver<Message>,
        body: Option<Body>,
        prime: bool,
    ) {
        let slot: Slot = Arc::new(Mutex::new(body));
        let (control, mut controls) = tokio::sync::mpsc::unbounded_channel::<Control>();
        {
            let mut live = lock(&self.live);
            // The standalone stream is resumed by a GET, primed or not.
            let resumable = prime || routes == [Route::Standalone];
            for r in &routes {
                live.by_route
                    .insert(r.clone(), (slot.clone(), control.clone(), resumable));
            }
            live.by_id.insert(
                stream.clone(),
                Live {
                    slot: slot.clone(),
                    control,
                },
            );
        }
        let store = self.store.clone();
        let retry = self.retry;
        let live = Arc::downgrade(&self.live);
        #[cfg(feature = "redis")]
        let relay = self
            .cluster
            .clone()
            .filter(|_| routes == [Route::Standalone])
            .map(|c| (c, self.session.clone(), self.tag.clone()));
        self.runtime.spawn(async move {
            let pump = Pump {
                stream,
                routes,
                store,
                retry,
                slot,
                #[cfg(feature = "redis")]
                relay,
            };
            // A handler that answered at once has its answer waiting already: the priming
            // event, the answer and the end are then stored together.
            if prime && pump.flush(true, None, &mut input).await {
                pump.end(&live);
                return;
            }
            loop {
                tokio::select! {
                    biased;
                    Some(c) = controls.recv() => match c {
                        Control::Attach { body, after, prime } => {
                            pump.attach(body, &after, prime).await
                        }
                        Control::Close => {
                            lock(&pump.slot).take();
                        }
                    },
                    m = input.next() => match m {
                        Some(m) => {
                            if pump.flush(false, Some(m), &mut input).await {
                                break;
                            }
                        }
                        None => {
                            pump.store.end(&pump.stream).await;
                            break;
                        }
                    },
                }
            }
            pump.end(&live);
        });
    }

    /// Whether a client holds the standalone stream now.
    pub(crate) fn standalone_held(&self) -> bool {
        #[cfg(feature = "redis")]
        if self.cluster.is_some() {
            return lock(&self.follower)
                .as_ref()
                .is_some_and(|f| !f.body.is_closed());
        }
        lock(&self.live)
            .by_id
            .get(&self.standalone_id())
            .is_some_and(|l| lock(&l.slot).as_ref().is_some_and(|b| !b.is_closed()))
    }

    /// Whether the client can resume the stream carrying `route` once it is closed.
    pub(crate) fn can_close(&self, route: &Route) -> bool {
        lock(&self.live)
            .by_route
            .get(route)
            .is_some_and(|(_, _, resumable)| *resumable)
    }

    /// Ends the client's hold on the stream carrying `route` (it reconnects with
    /// `Last-Event-ID`); the stream goes on being stored. Whether it could.
    pub(crate) fn close(&self, route: &Route) -> bool {
        // Through the pump: its priming event is out before the client is let go.
        match lock(&self.live).by_route.get(route) {
            Some((_, control, true)) => control.send(Control::Close).is_ok(),
            _ => false,
        }
    }

    /// Hands the standalone stream to a new body (a GET without `Last-Event-ID`): what it
    /// carries from now on. False when the stream is not running.
    pub(crate) fn hold_standalone(&self, body: Body) -> bool {
        #[cfg(feature = "redis")]
        if self.cluster.is_some() {
            *lock(&self.follower) = Some(Follower {
                body,
                last: None,
                replaying: false,
                queued: Vec::new(),
            });
            return true;
        }
        match lock(&self.live).by_id.get(&self.standalone_id()) {
            Some(l) => {
                *lock(&l.slot) = Some(body);
                true
            }
            None => false,
        }
    }

    /// What a client reconnecting after event `last` gets: the events the store replays, then —
    /// while the stream is live — what the stream carries next. `None` when the store does not
    /// know the event or it belongs to another session.
    pub(crate) async fn resume(
        &self,
        last: &str,
        revision: Option<Revision>,
    ) -> Result<Option<mpsc::UnboundedReceiver<Vec<u8>>>, super::events::StoreError> {
        let Some(replay) = self.store.replay_after(last).await? else {
            return Ok(None);
        };
        if replay.stream.split_once('/').map(|(s, _)| s) != Some(self.session.as_str()) {
            tracing::debug!("Last-Event-ID names another session's event; not replayed");
            return Ok(None);
        }
        let (body, rx) = mpsc::unbounded();
        #[cfg(feature = "redis")]
        if let Some(c) = &self.cluster {
            if replay.stream == self.standalone_id() {
                self.follow_standalone(body, last, replay.events);
                return Ok(Some(rx));
            }
            let local = lock(&self.live).by_id.contains_key(&replay.stream);
            if !local && let Some((_, entry)) = super::cluster::parse_event_id(last) {
                // The stream runs, or ran, on another replica: follow it in Redis.
                return Ok(Some(c.follow(&replay.stream, entry)));
            }
        }
        let control = lock(&self.live)
            .by_id
            .get(&replay.stream)
            .map(|l| l.control.clone());
        let handed = control.is_some_and(|c| {
            c.send(Control::Attach {
                body: body.clone(),
                after: last.to_owned(),
                prime: primes(revision),
            })
            .is_ok()
        });
        if !handed {
            // The stream ended: what was stored is all there is.
            let mut out = Vec::new();
            for e in &replay.events {
                sse::stored(Some(&e.id), Some(&e.message), None, &mut out);
            }
            if !out.is_empty() {
                let _ = body.unbounded_send(out);
            }
        }
        Ok(Some(rx))
    }
}

impl Resumable {
    /// Hands the standalone stream to `body` after replaying `missed` (the events after
    /// `last`); what arrives from the bus meanwhile follows them.
    #[cfg(feature = "redis")]
    fn follow_standalone(&self, body: Body, last: &str, missed: Vec<super::events::StoredEvent>) {
        let start = super::cluster::parse_event_id(last).and_then(|(_, e)| entry_order(e));
        *lock(&self.follower) = Some(Follower {
            body,
            last: start,
            replaying: true,
            queued: Vec::new(),
        });
        let mut f = lock(&self.follower);
        let Some(f) = f.as_mut() else {
            return;
        };
        for e in &missed {
            let mut out = Vec::new();
            sse::stored(Some(&e.id), Some(&e.message), None, &mut out);
            f.send(&e.id, out);
        }
        f.replaying = false;
        for (id, frame) in std::mem::take(&mut f.queued) {
            f.send(&id, frame);
        }
    }

    /// An event of the standalone stream from the bus: to the client holding it here, if any.
    #[cfg(feature = "redis")]
    pub(crate) fn standalone_event(&self, id: &str, frame: Vec<u8>) {
        let mut f = lock(&self.follower);
        let Some(follower) = f.as_mut() else {
            return;
        };
        if follower.body.is_closed() {
            *f = None;
            return;
        }
        if follower.replaying {
            follower.queued.push((id.to_owned(), frame));
        } else {
            follower.send(id, frame);
        }
    }
}

/// The task behind one stream.
struct Pump {
    stream: StreamId,
    routes: Vec<Route>,
    store: Arc<dyn EventStore>,
    retry: Option<Duration>,
    slot: Slot,
    /// The standalone stream of a session replicas share: its events go out on the bus.
    #[cfg(feature = "redis")]
    relay: Option<(Arc<super::cluster::Cluster>, String, Arc<str>)>,
}

impl Pump {
    /// Stores and writes, in order, the priming event (when `prime`), `first` and every message
    /// already waiting, and the stream's end when its input is over — in one round trip when
    /// the store batches ([`EventStore::store_batch`]), else one call each. Whether the stream
    /// ended.
    async fn flush(
        &self,
        prime: bool,
        first: Option<Message>,
        input: &mut mpsc::UnboundedReceiver<Message>,
    ) -> bool {
        let mut messages: Vec<Message> = first.into_iter().collect();
        let ended = loop {
            match input.try_recv() {
                Ok(m) => messages.push(m),
                Err(mpsc::TryRecvError::Empty) => break false,
                Err(mpsc::TryRecvError::Closed) => break true,
            }
        };
        #[cfg(feature = "redis")]
        let relayed = self.relay.is_some();
        #[cfg(not(feature = "redis"))]
        let relayed = false;
        let batch = (!relayed)
            .then(|| {
                self.store
                    .store_batch(&self.stream, prime, &messages, ended)
            })
            .flatten();
        let Some(batch) = batch else {
            if prime {
                self.prime(None).await;
            }
            for m in messages {
                self.send(m).await;
            }
            if ended {
                self.store.end(&self.stream).await;
            }
            return ended;
        };
        let mut out = Vec::with_capacity(256);
        match batch.await {
            Ok(ids) => {
                let mut ids = ids.iter();
                if prime && let Some(id) = ids.next() {
                    sse::stored(Some(id), None, self.retry, &mut out);
                }
                for m in &messages {
                    sse::stored(ids.next().map(String::as_str), Some(m), None, &mut out);
                }
            }
            Err(e) => {
                tracing::warn!(stream = %self.stream, error = %e, "events not stored; they cannot be replayed");
                for m in &messages {
                    sse::stored(None, Some(m), None, &mut out);
                }
            }
        }
        if !out.is_empty() {
            self.write(out);
        }
        ended
    }

    /// Stores `message` and writes it to the body, if one is held.
    async fn send(&self, message: Message) {
        let id = match self.store.store(&self.stream, Some(&message)).await {
            Ok(id) => Some(id),
            Err(e) => {
                tracing::warn!(stream = %self.stream, error = %e, "event not stored; it cannot be replayed");
                None
            }
        };
        let mut out = Vec::with_capacity(256);
        sse::stored(id.as_deref(), Some(&message), None, &mut out);
        #[cfg(feature = "redis")]
        if let (Some((cluster, session, tag)), Some(id)) = (&self.relay, &id) {
            let frame = String::from_utf8_lossy(&out).into_owned();
            cluster
                .publish(
                    tag,
                    super::cluster::Bus::Standalone {
                        session: session.clone(),
                        id: id.clone(),
                        frame,
                    },
                )
                .await;
            return;
        }
        self.write(out);
    }

    /// Stores a priming event and writes it to `to`, else to the body held.
    async fn prime(&self, to: Option<&Body>) {
        match self.store.store(&self.stream, None).await {
            Ok(id) => {
                let mut out = Vec::new();
                sse::stored(Some(&id), None, self.retry, &mut out);
                match to {
                    Some(b) => {
                        let _ = b.unbounded_send(out);
                    }
                    None => self.write(out),
                }
            }
            Err(e) => {
                tracing::warn!(stream = %self.stream, error = %e, "priming event not stored")
            }
        }
    }

    fn write(&self, out: Vec<u8>) {
        let mut slot = lock(&self.slot);
        if let Some(b) = slot.as_ref()
            && b.unbounded_send(out).is_err()
        {
            // The client left; events are still stored for when it comes back.
            *slot = None;
        }
    }

    /// Replays after `after` to the new body, then makes it the stream's body.
    async fn attach(&self, body: Body, after: &str, prime: bool) {
        match self.store.replay_after(after).await {
            Ok(Some(replay)) if replay.stream == self.stream => {
                let mut out = Vec::new();
                for e in &replay.events {
                    sse::stored(Some(&e.id), Some(&e.message), None, &mut out);
                }
                if !out.is_empty() {
                    let _ = body.unbounded_send(out);
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(stream = %self.stream, error = %e, "replay failed"),
        }
        if prime {
            self.prime(Some(&body)).await;
        }
        // The body held before (if any) ends: one client follows a stream.
        *lock(&self.slot) = Some(body);
    }

    /// The stream is over: its body ends, and it can no longer be followed (only replayed).
    fn end(&self, live: &Weak<Mutex<Streams>>) {
        lock(&self.slot).take();
        if let Some(live) = live.upgrade() {
            let mut live = lock(&live);
            live.by_id.remove(&self.stream);
            for r in &self.routes {
                if live
                    .by_route
                    .get(r)
                    .is_some_and(|(s, _, _)| Arc::ptr_eq(s, &self.slot))
                {
                    live.by_route.remove(r);
                }
            }
        }
    }
}
