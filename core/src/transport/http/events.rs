//! Resumable streams: what an event store keeps, and the in-memory store.
//!
//! With an [`EventStore`] in [`super::HttpOptions::event_store`], every message the server sends
//! on a Streamable HTTP SSE stream is stored before it leaves, under an id the store chooses, and
//! a client that lost its stream reconnects with `GET` + `Last-Event-ID` to get what came after
//! that id — then, while the stream is still live, what comes next. The interface is the official
//! SDKs' `EventStore` (store an event, replay after an id), so a binding can hand the author's own
//! store to the core.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery>

use futures::future::BoxFuture;
use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use crate::FastMap;
use crate::jsonrpc::Message;

/// An event's id, as the store made it: the `id:` of its SSE event, what `Last-Event-ID` names.
pub type EventId = String;

/// The stream an event belongs to: one per POST answered as SSE, one per session for the
/// standalone (GET) stream. The service makes them unique across sessions.
pub type StreamId = String;

/// An event as replayed: its id and message.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// The event's id.
    pub id: EventId,
    /// The message it carried.
    pub message: Message,
}

/// What a store replays after an event id: that event's stream and the messages stored in it
/// after the event, in order. Priming events (stored without a message) are not replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The stream the event belongs to.
    pub stream: StreamId,
    /// The events after it.
    pub events: Vec<StoredEvent>,
}

/// A store failed; the message says why. The event then leaves without an id (it cannot be
/// replayed), and a replay is answered 500.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

/// Keeps the events of SSE streams so that a client can resume one.
///
/// Calls for one stream come one at a time, in the order its events leave.
pub trait EventStore: Send + Sync + std::fmt::Debug + 'static {
    /// Stores `message` as the next event of `stream` and returns its id. `None` is a priming
    /// event: an id the client can resume from before any message was sent.
    fn store(
        &self,
        stream: &str,
        message: Option<&Message>,
    ) -> BoxFuture<'static, Result<EventId, StoreError>>;

    /// The events stored after `last` in its stream; `None` when the store does not know `last`
    /// (never stored, or dropped to stay within its bounds).
    fn replay_after(&self, last: &str) -> BoxFuture<'static, Result<Option<Replay>, StoreError>>;

    /// Stream `stream` ended: nothing more will be stored in it (a store shared by replicas
    /// tells those following the stream).
    fn end(&self, _stream: &str) -> BoxFuture<'static, ()> {
        Box::pin(std::future::ready(()))
    }

    /// Stores at once, in order, a priming event (when `prime`), `messages`, and the end of
    /// the stream (when `end`), returning the ids of the events (the priming event's first):
    /// what [`Self::store`] and [`Self::end`] would do one by one, in one round trip for a
    /// store across the network. `None` when the store does not batch (the service then makes
    /// the calls one by one).
    fn store_batch(
        &self,
        _stream: &str,
        _prime: bool,
        _messages: &[Message],
        _end: bool,
    ) -> Option<BoxFuture<'static, Result<Vec<EventId>, StoreError>>> {
        None
    }
}

/// An [`EventStore`] in memory, bounded: at most `max_events_per_stream` events per stream
/// (oldest dropped first) and `max_streams` streams (the oldest stream dropped first).
///
/// Event ids are `<stream>/<n>`, `n` counting up across the store.
#[derive(Debug)]
pub struct MemoryEventStore {
    inner: Mutex<Memory>,
    max_events_per_stream: usize,
    max_streams: usize,
}

#[derive(Debug, Default)]
struct Memory {
    next: u64,
    streams: FastMap<StreamId, VecDeque<(u64, Option<Message>)>>,
    /// Streams in the order they were first stored to.
    order: VecDeque<StreamId>,
}

impl MemoryEventStore {
    /// Events kept per stream by default.
    pub const DEFAULT_EVENTS_PER_STREAM: usize = 1_000;
    /// Streams kept by default.
    pub const DEFAULT_STREAMS: usize = 10_000;

    /// A store keeping at most `max_events_per_stream` events of each of `max_streams` streams
    /// (each at least 1).
    pub fn new(max_events_per_stream: usize, max_streams: usize) -> Self {
        Self {
            inner: Mutex::default(),
            max_events_per_stream: max_events_per_stream.max(1),
            max_streams: max_streams.max(1),
        }
    }

    fn memory(&self) -> MutexGuard<'_, Memory> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stores at once (what [`EventStore::store`] does).
    pub fn store_now(&self, stream: &str, message: Option<&Message>) -> EventId {
        let mut m = self.memory();
        let n = m.next;
        m.next += 1;
        if !m.streams.contains_key(stream) {
            if m.order.len() >= self.max_streams
                && let Some(oldest) = m.order.pop_front()
            {
                m.streams.remove(&oldest);
            }
            m.order.push_back(stream.to_owned());
            m.streams.insert(stream.to_owned(), VecDeque::new());
        }
        let events = m.streams.get_mut(stream).expect("inserted above");
        if events.len() >= self.max_events_per_stream {
            events.pop_front();
        }
        events.push_back((n, message.cloned()));
        format!("{stream}/{n}")
    }

    /// Replays at once (what [`EventStore::replay_after`] does).
    pub fn replay_now(&self, last: &str) -> Option<Replay> {
        let (stream, n) = last.rsplit_once('/')?;
        let n: u64 = n.parse().ok()?;
        let m = self.memory();
        let events = m.streams.get(stream)?;
        // An id older than everything kept was dropped: what followed it may be gone too.
        if events.front().is_none_or(|(first, _)| *first > n) {
            return None;
        }
        Some(Replay {
            stream: stream.to_owned(),
            events: events
                .iter()
                .filter(|(k, _)| *k > n)
                .filter_map(|(k, message)| {
                    Some(StoredEvent {
                        id: format!("{stream}/{k}"),
                        message: message.clone()?,
                    })
                })
                .collect(),
        })
    }
}

impl Default for MemoryEventStore {
    fn default() -> Self {
        Self::new(Self::DEFAULT_EVENTS_PER_STREAM, Self::DEFAULT_STREAMS)
    }
}

impl EventStore for MemoryEventStore {
    fn store(
        &self,
        stream: &str,
        message: Option<&Message>,
    ) -> BoxFuture<'static, Result<EventId, StoreError>> {
        Box::pin(std::future::ready(Ok(self.store_now(stream, message))))
    }

    fn replay_after(&self, last: &str) -> BoxFuture<'static, Result<Option<Replay>, StoreError>> {
        Box::pin(std::future::ready(Ok(self.replay_now(last))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(n: i64) -> Message {
        Message::notification("n", Some(serde_json::json!({"n": n})))
    }

    #[test]
    fn replays_what_came_after_an_id_in_its_own_stream() {
        let s = MemoryEventStore::default();
        let prime = s.store_now("a/0", None);
        let a1 = s.store_now("a/0", Some(&note(1)));
        s.store_now("b/0", Some(&note(9)));
        let a2 = s.store_now("a/0", Some(&note(2)));
        let r = s.replay_now(&prime).unwrap();
        assert_eq!(r.stream, "a/0");
        assert_eq!(
            r.events,
            vec![
                StoredEvent {
                    id: a1.clone(),
                    message: note(1)
                },
                StoredEvent {
                    id: a2.clone(),
                    message: note(2)
                },
            ]
        );
        assert_eq!(s.replay_now(&a2).unwrap().events, vec![]);
        assert_eq!(s.replay_now("a/0/999").unwrap().events, vec![]);
        assert!(s.replay_now("nope/1").is_none());
        assert!(s.replay_now("garbage").is_none());
    }

    #[test]
    fn stays_within_its_bounds() {
        let s = MemoryEventStore::new(2, 2);
        let first = s.store_now("a", Some(&note(1)));
        s.store_now("a", Some(&note(2)));
        s.store_now("a", Some(&note(3)));
        // The first event was dropped: resuming from it cannot be complete.
        assert!(s.replay_now(&first).is_none());
        s.store_now("b", Some(&note(4)));
        s.store_now("c", Some(&note(5)));
        // Three streams: the oldest went.
        assert!(s.replay_now("a/1").is_none());
        assert_eq!(s.replay_now("b/3").unwrap().events, vec![]);
    }
}
