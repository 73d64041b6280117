//! The built-in server's connections served on a host loop's own thread (asyncio, say): every
//! socket is registered with one poller (epoll, through mio) whose descriptor the loop
//! watches; when it is readable the binding asks [`LoopSockets::ready`] what is, and polls
//! those connections — hyper's HTTP/1.1 futures over the service — on the loop's thread,
//! all in one go. A request is read, its handler runs, and its answer is written on one
//! thread, as over stdio, and a burst of requests on many connections costs the loop one
//! wake-up.

use hyper::server::conn::http1;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll as Poller, Token};
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, RawFd};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use super::HttpService;
use super::server::hyper_service;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

const LISTENER: Token = Token(usize::MAX);

/// The events one [`LoopSockets::ready`] takes; more wait for the next call (the poller's
/// descriptor stays readable).
const EVENTS: usize = 1024;

/// The listening socket and the connections of a server served on a host loop, registered
/// with one poller. `T` is the binding's task for a connection (it owns the
/// [`LoopConnection`]).
pub struct LoopSockets<T> {
    poller: Mutex<(Poller, Events)>,
    listener: TcpListener,
    local: SocketAddr,
    conns: Mutex<slab::Slab<Arc<T>>>,
}

impl<T> std::fmt::Debug for LoopSockets<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoopSockets")
            .field("local", &self.local)
            .field("connections", &lock(&self.conns).len())
            .finish_non_exhaustive()
    }
}

/// What [`LoopSockets::ready`] found.
pub struct Ready<T> {
    /// Connections with something to do (new ones included): poll each.
    pub conns: Vec<Arc<T>>,
    /// Accepting failed (out of descriptors, say): call [`LoopSockets::accept`] again after a
    /// pause, or the connections waiting are not taken until the next one arrives.
    pub accept_failed: Option<io::Error>,
}

impl<T> LoopSockets<T> {
    /// Binds `addr` (port 0 picks a free one).
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        let poller = Poller::new()?;
        let mut listener = TcpListener::bind(addr)?;
        poller
            .registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let local = listener.local_addr()?;
        Ok(Self {
            poller: Mutex::new((poller, Events::with_capacity(EVENTS))),
            listener,
            local,
            conns: Mutex::new(slab::Slab::new()),
        })
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// The descriptor the loop watches for readability: then call [`Self::ready`].
    pub fn fd(&self) -> RawFd {
        lock(&self.poller).0.as_raw_fd()
    }

    /// What became ready since the last call, without waiting: connections to poll, those
    /// accepted now among them, each made into the binding's task by `task`.
    pub fn ready(
        &self,
        service: &Arc<HttpService>,
        task: impl FnMut(LoopConnection) -> Arc<T>,
    ) -> io::Result<Ready<T>> {
        let mut accept = false;
        let mut tokens = Vec::new();
        {
            let (poller, events) = &mut *lock(&self.poller);
            poller.poll(events, Some(Duration::ZERO))?;
            for e in events.iter() {
                match e.token() {
                    LISTENER => accept = true,
                    t => tokens.push(t.0),
                }
            }
        }
        let mut ready: Vec<Arc<T>> = {
            let conns = lock(&self.conns);
            tokens
                .iter()
                .filter_map(|t| conns.get(*t).cloned())
                .collect()
        };
        let mut accept_failed = None;
        if accept {
            let (new, failed) = self.accept(service, task);
            ready.extend(new);
            accept_failed = failed;
        }
        Ok(Ready {
            conns: ready,
            accept_failed,
        })
    }

    /// Accepts every connection waiting, each registered and made into the binding's task by
    /// `task`; an error other than "none left" comes back with those accepted before it.
    pub fn accept(
        &self,
        service: &Arc<HttpService>,
        mut task: impl FnMut(LoopConnection) -> Arc<T>,
    ) -> (Vec<Arc<T>>, Option<io::Error>) {
        let mut accepted = Vec::new();
        loop {
            let (mut stream, peer) = match self.listener.accept() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return (accepted, None),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return (accepted, Some(e)),
            };
            let mut conns = lock(&self.conns);
            let entry = conns.vacant_entry();
            let token = Token(entry.key());
            let registered = lock(&self.poller).0.registry().register(
                &mut stream,
                token,
                Interest::READABLE | Interest::WRITABLE,
            );
            if let Err(e) = registered {
                tracing::debug!(%peer, "connection dropped: {e}");
                continue;
            }
            let conn = LoopConnection::new(stream, token, peer, self.local, service);
            let t = task(conn);
            entry.insert(t.clone());
            accepted.push(t);
        }
    }

    /// Forgets a connection that is over: its socket leaves the poller, then closes (with
    /// `conn`).
    pub fn remove(&self, conn: LoopConnection) {
        let _ = lock(&self.poller)
            .0
            .registry()
            .deregister(&mut mio::unix::SourceFd(&conn.fd));
        lock(&self.conns).try_remove(conn.token.0);
        drop(conn);
    }

    /// Every connection's task, for closing.
    pub fn all(&self) -> Vec<Arc<T>> {
        lock(&self.conns).iter().map(|(_, t)| t.clone()).collect()
    }
}

/// The socket as hyper reads and writes it. Registered edge-triggered: after a read or write
/// that would block, the poller reports the socket when it is ready again.
struct ReadyIo {
    stream: TcpStream,
}

/// The most one read takes.
const READ_CHUNK: usize = 64 * 1024;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl hyper::rt::Read for ReadyIo {
    fn poll_read(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        mut buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        // Through a buffer of the loop thread's (the core has no unsafe code to write hyper's in
        // place; one buffer for every connection keeps an idle one small).
        let want = buf.remaining().min(READ_CHUNK);
        SCRATCH.with_borrow_mut(|scratch| {
            if scratch.len() < want {
                scratch.resize(want, 0);
            }
            loop {
                match (&self.stream).read(&mut scratch[..want]) {
                    Ok(n) => {
                        buf.put_slice(&scratch[..n]);
                        return Poll::Ready(Ok(()));
                    }
                    // The poller reports the socket when it is readable.
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Poll::Pending,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Poll::Ready(Err(e)),
                }
            }
        })
    }
}

fn written(r: io::Result<usize>) -> Poll<io::Result<usize>> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Poll::Pending,
        r => Poll::Ready(r),
    }
}

impl hyper::rt::Write for ReadyIo {
    fn poll_write(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        written((&self.stream).write(buf))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        written((&self.stream).write_vectored(bufs))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let _ = self.stream.shutdown(std::net::Shutdown::Write);
        Poll::Ready(Ok(()))
    }
}

/// hyper's connection future, named by what this module needs of it.
trait Connection: Future<Output = hyper::Result<()>> + Send {
    fn graceful_shutdown(self: Pin<&mut Self>);
}

impl<S> Connection for http1::Connection<ReadyIo, S>
where
    S: hyper::service::HttpService<hyper::body::Incoming> + Send,
    S::Future: Send,
    S::ResBody: 'static + Send,
    <S::ResBody as http_body::Body>::Data: Send,
    <S::ResBody as http_body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn graceful_shutdown(self: Pin<&mut Self>) {
        http1::Connection::graceful_shutdown(self);
    }
}

/// One accepted connection: hyper's HTTP/1.1 with keep-alive over a non-blocking socket with
/// `TCP_NODELAY`, answering with the service.
pub struct LoopConnection {
    conn: Pin<Box<dyn Connection>>,
    token: Token,
    fd: RawFd,
    peer: SocketAddr,
}

impl std::fmt::Debug for LoopConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoopConnection")
            .field("peer", &self.peer)
            .finish_non_exhaustive()
    }
}

impl LoopConnection {
    fn new(
        stream: TcpStream,
        token: Token,
        peer: SocketAddr,
        local: SocketAddr,
        service: &Arc<HttpService>,
    ) -> Self {
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(%peer, "TCP_NODELAY not set: {e}");
        }
        let fd = stream.as_raw_fd();
        let conn = http1::Builder::new().keep_alive(true).serve_connection(
            ReadyIo { stream },
            hyper_service(service.clone(), local, peer),
        );
        Self {
            conn: Box::pin(conn),
            token,
            fd,
            peer,
        }
    }

    /// The client's address.
    pub fn peer(&self) -> SocketAddr {
        self.peer
    }

    /// Serves what the socket and the service have ready; `Ready` when the connection is over
    /// (then hand it to [`LoopSockets::remove`]). Poll it on the loop's thread with the
    /// service's runtime entered (its timers and spawned tasks).
    pub fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        match self.conn.as_mut().poll(cx) {
            Poll::Ready(Err(e)) => {
                tracing::debug!(peer = %self.peer, "connection ended: {e}");
                Poll::Ready(())
            }
            Poll::Ready(Ok(())) => Poll::Ready(()),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Ends the connection once the answer in progress, if any, is written; poll it after.
    pub fn shut_down(&mut self) {
        self.conn.as_mut().graceful_shutdown();
    }
}
