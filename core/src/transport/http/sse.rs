//! Server-sent events: the framing of one event and the streaming body of an SSE response.
//!
//! Each message is one event, `event: message`. Without an event store it carries no `id:`, as the
//! official SDKs' events do: a client then has nothing to resume from and does not try; with a
//! store, the id the store gave the event (a resumable stream, [`super::resume`]).
//!
//! <https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation>

use bytes::Bytes;
use futures::StreamExt;
use futures::channel::mpsc;
use http_body::{Body, Frame, SizeHint};
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Interval, MissedTickBehavior};

use crate::jsonrpc::Message;

/// Writes `message` as one `message` event.
pub(crate) fn message(message: &Message, out: &mut Vec<u8>) {
    out.extend_from_slice(b"event: message\ndata: ");
    // The JSON is written compactly: it holds no newline, so one `data:` line carries it.
    message.write_to(out);
    out.extend_from_slice(b"\n\n");
}

/// Writes a stored event: `message` under the store's `id` (none when the store failed), or a
/// priming event (no message: empty data), with the client's reconnection delay if given.
pub(crate) fn stored(
    id: Option<&str>,
    message: Option<&Message>,
    retry: Option<Duration>,
    out: &mut Vec<u8>,
) {
    use std::io::Write;
    if message.is_some() {
        out.extend_from_slice(b"event: message\n");
    }
    if let Some(id) = id {
        // An id holding a line break would end the field early: such an id is not sent.
        if !id.contains(['\n', '\r']) {
            let _ = writeln!(out, "id: {id}");
        }
    }
    if let Some(r) = retry {
        let _ = writeln!(out, "retry: {}", r.as_millis());
    }
    out.extend_from_slice(b"data: ");
    if let Some(m) = message {
        m.write_to(out);
    }
    out.extend_from_slice(b"\n\n");
}

/// What an SSE body carries: messages it writes itself, or events written elsewhere.
pub(crate) trait Chunk: Send + 'static {
    /// Appends the frame's event(s) to `out`.
    fn write(self, out: &mut Vec<u8>);
}

impl Chunk for Message {
    fn write(self, out: &mut Vec<u8>) {
        message(&self, out);
    }
}

/// Events already written (a resumable stream's, with the store's ids).
impl Chunk for Vec<u8> {
    fn write(self, out: &mut Vec<u8>) {
        if out.is_empty() {
            *out = self;
        } else {
            out.extend_from_slice(&self);
        }
    }
}

/// Writes an event without an id (the legacy transport's `endpoint` event).
pub(crate) fn event(name: &str, data: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(b"event: ");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\ndata: ");
    out.extend_from_slice(data.as_bytes());
    out.extend_from_slice(b"\n\n");
}

/// Runs a closure when dropped: what a stream does once its client is gone.
pub(crate) struct OnDrop(Option<Box<dyn FnOnce() + Send + Sync>>);

impl OnDrop {
    pub(crate) fn new(f: impl FnOnce() + Send + Sync + 'static) -> Self {
        Self(Some(Box::new(f)))
    }
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        if let Some(f) = self.0.take() {
            f();
        }
    }
}

/// The body of an SSE response fed by a channel: it ends when every sender is dropped. What
/// is ready at once leaves in one frame (one write).
pub(crate) struct EventStream<T = Message> {
    // Dropped before `on_close`: the closure sees the channel closed.
    rx: mpsc::UnboundedReceiver<T>,
    head: Option<Bytes>,
    keep_alive: Option<Interval>,
    on_close: Option<OnDrop>,
}

impl<T: Chunk> EventStream<T> {
    /// A stream of the frames `rx` receives, after `head` (events already written).
    pub(crate) fn new(
        rx: mpsc::UnboundedReceiver<T>,
        head: Vec<u8>,
        keep_alive: Option<Duration>,
        on_close: Option<OnDrop>,
    ) -> Self {
        let keep_alive = keep_alive.filter(|d| !d.is_zero()).map(|d| {
            let mut i = tokio::time::interval_at(tokio::time::Instant::now() + d, d);
            i.set_missed_tick_behavior(MissedTickBehavior::Delay);
            i
        });
        Self {
            rx,
            head: (!head.is_empty()).then(|| Bytes::from(head)),
            keep_alive,
            on_close,
        }
    }
}

impl<T: Chunk> Body for EventStream<T> {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = &mut *self;
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        match this.rx.poll_next_unpin(cx) {
            Poll::Ready(Some(m)) => {
                let mut out = Vec::with_capacity(256);
                m.write(&mut out);
                while let Ok(m) = this.rx.try_recv() {
                    m.write(&mut out);
                }
                if let Some(k) = &mut this.keep_alive {
                    k.reset();
                }
                return Poll::Ready(Some(Ok(Frame::data(Bytes::from(out)))));
            }
            Poll::Ready(None) => {
                this.keep_alive = None;
                this.on_close.take();
                return Poll::Ready(None);
            }
            Poll::Pending => {}
        }
        if let Some(k) = &mut this.keep_alive
            && k.poll_tick(cx).is_ready()
        {
            // A comment line: ignored by clients, keeps proxies from closing an idle stream.
            return Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b": ping\n\n")))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_carry_no_id_without_a_store() {
        let mut out = Vec::new();
        message(
            &Message::notification("a", Some(json!({"x": "l1\nl2"}))),
            &mut out,
        );
        message(&Message::notification("b", None), &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":{\"x\":\"l1\\nl2\"}}\n\n\
             event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"b\"}\n\n"
        );
    }
}
