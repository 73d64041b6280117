//! stdio: newline-delimited JSON on stdin/stdout, for Rust and Node hosts on a tokio runtime.
//! Replies are written in bursts: one write for everything ready at once.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio>

use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::connection::{Connection, Dispatch};
use crate::jsonrpc::Message;
use crate::server::Server;
use crate::session::{Outbound, Route};

/// How long requests still running when input ends may take before they are cancelled.
pub const EOF_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

struct ChannelOutbound(mpsc::UnboundedSender<Message>);

impl Outbound for ChannelOutbound {
    fn send(&self, message: Message, _route: &Route) {
        // The writer is gone only after the peer closed; nothing can be delivered then.
        let _ = self.0.send(message);
    }
}

/// Serves `server` on the process's stdin and stdout until stdin closes.
///
/// When both are pipes or sockets (how clients spawn servers) they are read and written
/// non-blocking from the runtime's own threads; otherwise through tokio's blocking stdio.
pub async fn serve_stdio(server: Arc<Server>) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let (Some(input), Some(output)) = (
            pipe::Pipe::new(std::io::stdin().as_fd())?,
            pipe::Pipe::new(std::io::stdout().as_fd())?,
        ) {
            return serve(server, input, output).await;
        }
    }
    serve(server, tokio::io::stdin(), tokio::io::stdout()).await
}

#[cfg(unix)]
mod pipe {
    //! A pipe or socket end driven by the runtime's reactor instead of a blocking thread.

    use rustix::fs::{FileType, OFlags};
    use std::fs::File;
    use std::io::{self, Read, Write};
    use std::os::fd::BorrowedFd;
    use std::pin::Pin;
    use std::task::{Context, Poll, ready};
    use tokio::io::unix::AsyncFd;
    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

    pub struct Pipe(AsyncFd<File>);

    impl Pipe {
        /// A non-blocking duplicate of `fd` when it is a FIFO or a socket.
        pub fn new(fd: BorrowedFd<'_>) -> io::Result<Option<Self>> {
            let kind = FileType::from_raw_mode(rustix::fs::fstat(fd)?.st_mode);
            if !matches!(kind, FileType::Fifo | FileType::Socket) {
                return Ok(None);
            }
            let owned = fd.try_clone_to_owned()?;
            let flags = rustix::fs::fcntl_getfl(&owned)?;
            rustix::fs::fcntl_setfl(&owned, flags | OFlags::NONBLOCK)?;
            // The File owns its duplicate descriptor, which is what makes `new` sound here (its
            // deprecation targets types that do not own their fd; `register` is `unsafe`).
            #[allow(deprecated)]
            let fd = AsyncFd::new(File::from(owned))?;
            Ok(Some(Self(fd)))
        }
    }

    impl AsyncRead for Pipe {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            loop {
                let mut guard = ready!(self.0.poll_read_ready(cx))?;
                let unfilled = buf.initialize_unfilled();
                match guard.try_io(|f| f.get_ref().read(unfilled)) {
                    Ok(Ok(n)) => {
                        buf.advance(n);
                        return Poll::Ready(Ok(()));
                    }
                    Ok(Err(e)) => return Poll::Ready(Err(e)),
                    Err(_would_block) => continue,
                }
            }
        }
    }

    impl AsyncWrite for Pipe {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            data: &[u8],
        ) -> Poll<io::Result<usize>> {
            loop {
                let mut guard = ready!(self.0.poll_write_ready(cx))?;
                match guard.try_io(|f| f.get_ref().write(data)) {
                    Ok(r) => return Poll::Ready(r),
                    Err(_would_block) => continue,
                }
            }
        }

        fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }
}

/// Serves one connection over any byte streams until `input` reaches end of file.
/// Requests run concurrently as tasks on the current runtime and are answered as they finish.
pub async fn serve<R, W>(server: Arc<Server>, mut input: R, mut output: W) -> std::io::Result<()>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    let conn = Connection::new(server, Box::new(ChannelOutbound(tx.clone())));
    let writer = tokio::spawn(async move {
        let mut buf = Vec::with_capacity(8192);
        while let Some(m) = rx.recv().await {
            buf.clear();
            m.write_to(&mut buf);
            buf.push(b'\n');
            while let Ok(m) = rx.try_recv() {
                m.write_to(&mut buf);
                buf.push(b'\n');
            }
            output.write_all(&buf).await?;
            output.flush().await?;
        }
        Ok::<_, std::io::Error>(())
    });
    let mut chunk = vec![0u8; 64 * 1024];
    let mut dispatches = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let n = input.read(&mut chunk).await?;
        if n == 0 {
            conn.finish(&mut dispatches);
        } else {
            conn.feed(&chunk[..n], &mut dispatches);
        }
        for d in dispatches.drain(..) {
            match d {
                Dispatch::Done(Some(m)) => {
                    let _ = tx.send(m);
                }
                Dispatch::Done(None) => {}
                Dispatch::Pending(f) => {
                    let tx = tx.clone();
                    tasks.spawn(async move {
                        if let Some(m) = f.await {
                            let _ = tx.send(m);
                        }
                    });
                }
            }
        }
        while tasks.try_join_next().is_some() {}
        if n == 0 {
            break;
        }
    }
    // Requests already read may finish for a short grace period (a client that closes stdin
    // right after its last request still reads the answers); then they are cancelled, since a
    // client closing stdin is asking the server to exit.
    let drain = async { while tasks.join_next().await.is_some() {} };
    if tokio::time::timeout(EOF_GRACE, drain).await.is_err() {
        tasks.abort_all();
    }
    conn.close();
    drop(conn);
    drop(tx);
    writer.await.map_err(std::io::Error::other)?
}
