//! A connection without I/O: bytes or frames in, dispatches out. Every transport (the tokio
//! stdio transport, a binding's own event-loop driver, HTTP) goes through this type, so framing
//! limits and error answers are the same everywhere.

use futures::future::BoxFuture;
use std::sync::{Arc, Mutex};

use crate::error::ErrorData;
use crate::jsonrpc::codec::{Frame, LineDecoder};
use crate::jsonrpc::{self, Message, ParseLimits, Parsed};
use crate::server::Server;
use crate::session::{Outbound, Session};

/// What handling one message produced.
pub enum Dispatch {
    /// Answered at once: the message to send, if any.
    Done(Option<Message>),
    /// Answered by a future; poll it to completion and send its output, if any. It may complete
    /// on the first poll.
    Pending(BoxFuture<'static, Option<Message>>),
}

impl std::fmt::Debug for Dispatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Done(m) => f.debug_tuple("Done").field(m).finish(),
            Self::Pending(_) => f.write_str("Pending(..)"),
        }
    }
}

/// One client connection: a session on a server plus the stream framing state.
pub struct Connection {
    server: Arc<Server>,
    session: Arc<Session>,
    decoder: Mutex<LineDecoder>,
    limits: ParseLimits,
}

impl Connection {
    /// A new connection to `server` whose outgoing messages go to `outbound`.
    pub fn new(server: Arc<Server>, outbound: Box<dyn Outbound>) -> Self {
        let o = server.options();
        let decoder = Mutex::new(LineDecoder::new(o.max_message_size));
        let limits = ParseLimits {
            max_depth: o.max_depth,
        };
        Self {
            server,
            session: Arc::new(Session::new(outbound)),
            decoder,
            limits,
        }
    }

    /// The connection's session.
    pub fn session(&self) -> &Arc<Session> {
        &self.session
    }

    /// Feeds bytes of a newline-delimited stream; one dispatch per complete frame. Handlers
    /// may start while this runs (no lock is held then).
    pub fn feed(&self, bytes: &[u8], out: &mut Vec<Dispatch>) {
        let mut frames = Vec::new();
        self.decoder().feed(bytes, &mut frames);
        out.extend(frames.into_iter().map(|f| self.frame(f)));
    }

    /// The input ended: a last message that had no newline is handled like any other.
    pub fn finish(&self, out: &mut Vec<Dispatch>) {
        let mut frames = Vec::new();
        self.decoder().finish(&mut frames);
        out.extend(frames.into_iter().map(|f| self.frame(f)));
    }

    fn decoder(&self) -> std::sync::MutexGuard<'_, LineDecoder> {
        self.decoder.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn frame(&self, f: Frame) -> Dispatch {
        match f {
            Frame::Line(line) => self.receive(&line),
            Frame::Oversize => {
                let limit = self.server.options().max_message_size;
                tracing::warn!("a message over {limit} bytes was dropped");
                Dispatch::Done(Some(Message::error(
                    None,
                    ErrorData::invalid_request(format!("message exceeds {limit} bytes")),
                )))
            }
        }
    }

    /// Handles one complete frame (a line, or an HTTP body).
    pub fn receive(&self, frame: &[u8]) -> Dispatch {
        match jsonrpc::parse(frame, self.limits) {
            Err(e) => {
                tracing::warn!(code = e.error.code.0, "{}", e.error.message);
                Dispatch::Done(Some(Message::Error(e)))
            }
            Ok(Parsed::Single(m)) => self.server.handle(&self.session, m),
            Ok(Parsed::Batch(items)) => self.batch(items),
        }
    }

    fn batch(&self, items: Vec<Result<Message, jsonrpc::ErrorResponse>>) -> Dispatch {
        let mut done = Vec::new();
        let mut pending = Vec::new();
        for item in items {
            match item {
                Err(e) => done.push(Message::Error(e)),
                Ok(m) => match self.server.handle(&self.session, m) {
                    Dispatch::Done(Some(r)) => done.push(r),
                    Dispatch::Done(None) => {}
                    Dispatch::Pending(f) => pending.push(f),
                },
            }
        }
        let finish = |all: Vec<Message>| (!all.is_empty()).then_some(Message::Batch(all));
        if pending.is_empty() {
            return Dispatch::Done(finish(done));
        }
        Dispatch::Pending(Box::pin(async move {
            let rest = futures::future::join_all(pending).await;
            done.extend(rest.into_iter().flatten());
            finish(done)
        }))
    }

    /// True when the peer closed in the middle of a line.
    pub fn has_partial_frame(&self) -> bool {
        self.decoder().has_partial()
    }

    /// Closes the session: requests in flight are cancelled.
    pub fn close(&self) {
        self.session.close();
    }
}
