//! Where a session's outgoing messages go over HTTP: each [`Route`] names a stream the client
//! holds open (a POST's SSE answer, the GET stream), registered while it is open.
//!
//! A message for a request whose stream is gone — the client disconnected, or the request was
//! answered as plain JSON — goes to the standalone stream if one is open, since a disconnect is
//! not a cancellation and the request keeps running. A response is never sent there (the spec
//! forbids responses on the GET stream); with no open stream a message is dropped. With an event
//! store ([`super::resume`]) every stream is resumable: a request's messages stay on its stream
//! while it runs, held or not, and the standalone stream is stored even when no client holds it.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server>

use futures::channel::mpsc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::resume::Resumable;
use crate::FastMap;
use crate::jsonrpc::Message;
use crate::session::{Outbound, Route};

/// A stream's channel: futures' rather than tokio's, whose first block (32 messages, 4 KiB)
/// would be allocated for every POST.
pub(crate) type Sender = mpsc::UnboundedSender<Message>;

/// The open streams of one session.
#[derive(Debug)]
pub(crate) struct Streams {
    routes: Mutex<FastMap<Route, Sender>>,
    /// Legacy HTTP+SSE: one stream carries everything.
    pub(crate) legacy: bool,
    next_stream: AtomicU64,
    /// Set when the service keeps events: the session's streams are resumable.
    resume: OnceLock<Resumable>,
}

impl Streams {
    pub(crate) fn new(legacy: bool) -> Arc<Self> {
        Arc::new(Self {
            routes: Mutex::default(),
            legacy,
            next_stream: AtomicU64::new(0),
            resume: OnceLock::new(),
        })
    }

    /// Makes the session's streams resumable.
    pub(crate) fn set_resumable(&self, r: Resumable) {
        let _ = self.resume.set(r);
    }

    /// The session's resumable streams, if the service keeps events.
    pub(crate) fn resumable(&self) -> Option<&Resumable> {
        self.resume.get()
    }

    /// Starts the resumable standalone stream unless it runs.
    pub(crate) fn ensure_standalone(&self) {
        if let Some(r) = self.resume.get() {
            Self::standalone_in(r, &mut self.map());
        }
    }

    fn standalone_in(r: &Resumable, map: &mut FastMap<Route, Sender>) {
        if map.get(&Route::Standalone).is_none_or(|t| t.is_closed()) {
            map.insert(Route::Standalone, r.standalone());
        }
    }

    fn map(&self) -> MutexGuard<'_, FastMap<Route, Sender>> {
        self.routes.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A number for a new stream of the session (event ids are unique within it).
    pub(crate) fn stream_number(&self) -> u64 {
        self.next_stream.fetch_add(1, Ordering::Relaxed)
    }

    /// Registers `tx` for `route`. False when an open stream holds the route already.
    pub(crate) fn open(&self, route: Route, tx: &Sender) -> bool {
        use std::collections::hash_map::Entry;
        match self.map().entry(route) {
            Entry::Occupied(mut o) => {
                if !o.get().is_closed() {
                    return false;
                }
                o.insert(tx.clone());
                true
            }
            Entry::Vacant(v) => {
                v.insert(tx.clone());
                true
            }
        }
    }

    /// Unregisters `route` if `tx` holds it.
    pub(crate) fn close(&self, route: &Route, tx: &Sender) {
        let mut map = self.map();
        if map.get(route).is_some_and(|t| t.same_receiver(tx)) {
            map.remove(route);
        }
    }

    /// Unregisters `route` if its client is gone.
    pub(crate) fn prune(&self, route: &Route) {
        let mut map = self.map();
        if map.get(route).is_some_and(Sender::is_closed) {
            map.remove(route);
        }
    }

    /// Ends every stream (the session ended).
    pub(crate) fn close_all(&self) {
        let all: Vec<Sender> = self.map().drain().map(|(_, tx)| tx).collect();
        drop(all);
    }

    /// Ends the standalone stream (the server is shutting down).
    pub(crate) fn close_standalone(&self) {
        let tx = self.map().remove(&Route::Standalone);
        drop(tx);
    }

    /// Sends `message` on the stream `route` names, else on the standalone stream.
    pub(crate) fn deliver(&self, message: Message, route: &Route) {
        let route = if self.legacy {
            &Route::Standalone
        } else {
            route
        };
        let mut map = self.map();
        let response = matches!(message, Message::Response(_) | Message::Error(_));
        if !response && let Some(r) = self.resume.get() {
            Self::standalone_in(r, &mut map);
        }
        let mut message = message;
        if let Some(tx) = map.get(route) {
            match tx.unbounded_send(message) {
                Ok(()) => return,
                Err(e) => {
                    message = e.into_inner();
                    map.remove(route);
                }
            }
        }
        if *route != Route::Standalone
            && !response
            && let Some(tx) = map.get(&Route::Standalone)
        {
            match tx.unbounded_send(message) {
                Ok(()) => return,
                Err(_) => {
                    map.remove(&Route::Standalone);
                }
            }
        }
        tracing::debug!(?route, "no open stream for an outgoing message; dropped");
    }
}

/// A session's [`Outbound`] over HTTP.
pub(crate) struct HttpOutbound(pub(crate) Arc<Streams>);

impl Outbound for HttpOutbound {
    fn send(&self, message: Message, route: &Route) {
        self.0.deliver(message, route);
    }

    fn close_stream(&self, route: &Route) -> bool {
        self.0.resume.get().is_some_and(|r| r.close(route))
    }

    fn can_close_stream(&self, route: &Route) -> bool {
        self.0.resume.get().is_some_and(|r| r.can_close(route))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::RequestId;

    fn note(n: i64) -> Message {
        Message::notification("n", Some(serde_json::json!({"n": n})))
    }

    #[test]
    fn messages_follow_their_request_then_fall_back_to_the_standalone_stream() {
        let s = Streams::new(false);
        let req = Route::Request(RequestId::Number(1));
        let (post, mut post_rx) = mpsc::unbounded();
        let (get, mut get_rx) = mpsc::unbounded();
        assert!(s.open(req.clone(), &post));
        assert!(s.open(Route::Standalone, &get));
        // A second stream for the same route is refused while the first is open.
        assert!(!s.open(Route::Standalone, &post));

        s.deliver(note(1), &req);
        assert_eq!(post_rx.try_recv().unwrap(), note(1));

        // The client of the POST stream is gone: its messages go to the GET stream, but a
        // response does not.
        drop(post_rx);
        s.deliver(note(2), &req);
        assert_eq!(get_rx.try_recv().unwrap(), note(2));
        s.deliver(
            Message::response(RequestId::Number(1), serde_json::json!({})),
            &req,
        );
        assert!(get_rx.try_recv().is_err());

        // Standalone messages with no GET stream are dropped.
        drop(get_rx);
        s.deliver(note(3), &Route::Standalone);
        s.prune(&Route::Standalone);
        let (again, mut again_rx) = mpsc::unbounded();
        assert!(s.open(Route::Standalone, &again));
        s.deliver(note(4), &Route::Standalone);
        assert_eq!(again_rx.try_recv().unwrap(), note(4));
        s.close(&Route::Standalone, &post);
        s.close(&Route::Standalone, &again);
        s.deliver(note(5), &Route::Standalone);
        assert!(again_rx.try_recv().is_err());
    }

    #[test]
    fn a_legacy_session_sends_everything_on_its_one_stream() {
        let s = Streams::new(true);
        let (tx, mut rx) = mpsc::unbounded();
        assert!(s.open(Route::Standalone, &tx));
        let answer = Message::response(RequestId::Number(7), serde_json::json!({}));
        s.deliver(answer.clone(), &Route::Request(RequestId::Number(7)));
        assert_eq!(rx.try_recv().unwrap(), answer);
    }
}
