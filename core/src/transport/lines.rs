//! The writing half of newline-delimited JSON, without I/O of its own: messages are queued as
//! lines and written in bursts to a [`Sink`] — one write for everything ready at once. A peer
//! that stops reading makes the writer wait (the back-pressure a pipe gives) without ever
//! stopping the caller from noticing a signal; a peer that closed its end stops the writer for
//! good, and the caller is told.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio>

use std::io;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::jsonrpc::Message;

/// Where written bytes go.
pub trait Sink: Send + Sync {
    /// Writes some of `bytes`, returning how many; [`io::ErrorKind::WouldBlock`] when the peer
    /// is not reading.
    fn write(&self, bytes: &[u8]) -> io::Result<usize>;

    /// Waits up to `timeout` for the sink to accept bytes again.
    /// [`io::ErrorKind::Interrupted`] when a signal arrived meanwhile.
    fn wait_writable(&self, timeout: Duration) -> io::Result<()> {
        std::thread::sleep(timeout.min(Duration::from_millis(1)));
        Ok(())
    }
}

/// Why a flush stopped before everything was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FlushError {
    /// The peer closed its end: nothing written from now on can reach it.
    #[error("the client closed its end of the output: {0}")]
    Closed(io::Error),
    /// The caller asked to stop waiting (a signal is pending); the rest stays queued.
    #[error("writing to the client was interrupted")]
    Interrupted,
}

/// Queued lines and the sink they go to.
pub struct LineWriter<S: Sink> {
    buf: Mutex<Vec<u8>>,
    sink: S,
    closed: std::sync::atomic::AtomicBool,
}

/// How long one wait for a peer that stopped reading lasts before the caller is asked again
/// whether to go on waiting.
const WAIT_SLICE: Duration = Duration::from_millis(200);

impl<S: Sink> LineWriter<S> {
    /// A writer to `sink`. Its buffer grows with the first lines and keeps its size: a
    /// connection that never writes here (HTTP, a transport the script carries) costs nothing.
    pub fn new(sink: S) -> Self {
        Self {
            buf: Mutex::new(Vec::new()),
            sink,
            closed: Default::default(),
        }
    }

    fn buf(&self) -> MutexGuard<'_, Vec<u8>> {
        self.buf.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The sink.
    pub fn sink(&self) -> &S {
        &self.sink
    }

    /// Queues `m` as one line.
    pub fn push(&self, m: &Message) {
        if self.is_closed() {
            return;
        }
        let mut b = self.buf();
        m.write_to(&mut b);
        b.push(b'\n');
    }

    /// Drops what is queued (a server stopping while its client does not read).
    pub fn discard(&self) {
        self.buf().clear();
    }

    /// Bytes queued and not yet written.
    pub fn queued(&self) -> usize {
        self.buf().len()
    }

    /// True once the peer closed its end.
    pub fn is_closed(&self) -> bool {
        self.closed.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Writes everything queued. While the peer is not reading, waits in slices and asks
    /// `stop` between them (and after a signal) whether to give up; the unwritten rest then
    /// stays queued for the next flush.
    pub fn flush(&self, stop: &mut dyn FnMut() -> bool) -> Result<(), FlushError> {
        let mut b = self.buf();
        let mut off = 0;
        let result = loop {
            if off == b.len() {
                break Ok(());
            }
            match self.sink.write(&b[off..]) {
                Ok(0) => {
                    break Err(FlushError::Closed(io::ErrorKind::WriteZero.into()));
                }
                Ok(n) => {
                    off += n;
                    // A short write to a blocking descriptor is how a signal shows there.
                    if off < b.len() && stop() {
                        break Err(FlushError::Interrupted);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    if stop() {
                        break Err(FlushError::Interrupted);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    match self.sink.wait_writable(WAIT_SLICE) {
                        Err(e) if e.kind() != io::ErrorKind::Interrupted => {
                            break Err(FlushError::Closed(e));
                        }
                        _ if stop() => break Err(FlushError::Interrupted),
                        _ => {}
                    }
                }
                Err(e) => break Err(FlushError::Closed(e)),
            }
        };
        match &result {
            Err(FlushError::Closed(_)) => {
                self.closed
                    .store(true, std::sync::atomic::Ordering::Release);
                b.clear();
            }
            _ => {
                b.drain(..off);
            }
        }
        result
    }
}

/// A descriptor (a pipe or a file), written with `write(2)` and waited on with `poll(2)`.
#[cfg(unix)]
pub struct FdSink(std::os::fd::OwnedFd);

#[cfg(unix)]
impl FdSink {
    /// Writes to `fd` (usually a duplicate of the process's stdout).
    pub fn new(fd: std::os::fd::OwnedFd) -> Self {
        Self(fd)
    }
}

#[cfg(unix)]
impl Sink for FdSink {
    fn write(&self, bytes: &[u8]) -> io::Result<usize> {
        rustix::io::write(&self.0, bytes).map_err(io::Error::from)
    }

    fn wait_writable(&self, timeout: Duration) -> io::Result<()> {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let mut fds = [PollFd::new(&self.0, PollFlags::OUT)];
        let t = Timespec {
            tv_sec: timeout.as_secs() as _,
            tv_nsec: timeout.subsec_nanos() as _,
        };
        poll(&mut fds, Some(&t)).map_err(io::Error::from)?;
        let events = fds[0].revents();
        if events.contains(PollFlags::ERR) && !events.contains(PollFlags::OUT) {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::RequestId;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Accepts `per_write` bytes at a time, would-block every other call, then breaks.
    struct Trickle {
        out: Mutex<Vec<u8>>,
        calls: AtomicUsize,
        per_write: usize,
        break_after: usize,
    }

    impl Sink for Trickle {
        fn write(&self, bytes: &[u8]) -> io::Result<usize> {
            let call = self.calls.fetch_add(1, Ordering::Relaxed);
            if call >= self.break_after {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            if call % 2 == 1 {
                return Err(io::ErrorKind::WouldBlock.into());
            }
            let n = bytes.len().min(self.per_write);
            self.out.lock().unwrap().extend_from_slice(&bytes[..n]);
            Ok(n)
        }
        fn wait_writable(&self, _: Duration) -> io::Result<()> {
            Ok(())
        }
    }

    fn message(n: i64) -> Message {
        Message::response(RequestId::Number(n), serde_json::json!({"n": n}))
    }

    #[test]
    fn a_slow_reader_gets_every_line_in_order() {
        let w = LineWriter::new(Trickle {
            out: Mutex::default(),
            calls: AtomicUsize::new(0),
            per_write: 7,
            break_after: usize::MAX,
        });
        for n in 0..3 {
            w.push(&message(n));
        }
        w.flush(&mut || false).unwrap();
        let out = String::from_utf8(w.sink().out.lock().unwrap().clone()).unwrap();
        assert_eq!(out.lines().count(), 3);
        assert!(out.starts_with(r#"{"jsonrpc":"2.0","id":0"#));
        assert_eq!(w.queued(), 0);
    }

    #[test]
    fn a_stop_request_keeps_the_rest_queued() {
        let w = LineWriter::new(Trickle {
            out: Mutex::default(),
            calls: AtomicUsize::new(0),
            per_write: 5,
            break_after: usize::MAX,
        });
        w.push(&message(1));
        let total = w.queued();
        assert!(matches!(
            w.flush(&mut || true),
            Err(FlushError::Interrupted)
        ));
        assert_eq!(w.queued(), total - 5);
        w.flush(&mut || false).unwrap();
        assert_eq!(w.queued(), 0);
    }

    #[test]
    fn a_closed_peer_stops_the_writer() {
        let w = LineWriter::new(Trickle {
            out: Mutex::default(),
            calls: AtomicUsize::new(0),
            per_write: 1000,
            break_after: 1,
        });
        w.push(&message(1));
        w.flush(&mut || false).unwrap();
        w.push(&message(2));
        assert!(matches!(w.flush(&mut || false), Err(FlushError::Closed(_))));
        assert!(w.is_closed());
        w.push(&message(3));
        assert_eq!(w.queued(), 0);
    }
}
