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
use crate::session::Outbound;

struct ChannelOutbound(mpsc::UnboundedSender<Message>);

impl Outbound for ChannelOutbound {
    fn send(&self, message: Message) {
        // The writer is gone only after the peer closed; nothing can be delivered then.
        let _ = self.0.send(message);
    }
}

/// Serves `server` on the process's stdin and stdout until stdin closes.
pub async fn serve_stdio(server: Arc<Server>) -> std::io::Result<()> {
    serve(server, tokio::io::stdin(), tokio::io::stdout()).await
}

/// Serves one connection over any byte streams until `input` reaches end of file.
/// Requests run concurrently as tasks on the current runtime and are answered as they finish.
pub async fn serve<R, W>(server: Arc<Server>, mut input: R, mut output: W) -> std::io::Result<()>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    let mut conn = Connection::new(server, Box::new(ChannelOutbound(tx.clone())));
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
            break;
        }
        conn.feed(&chunk[..n], &mut dispatches);
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
    }
    // Let requests already read finish, as a client closing stdin after its last request
    // still expects the answers.
    while tasks.join_next().await.is_some() {}
    conn.close();
    drop(conn);
    drop(tx);
    writer.await.map_err(std::io::Error::other)?
}
