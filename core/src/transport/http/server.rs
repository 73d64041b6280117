//! The built-in server: hyper's HTTP/1.1 with keep-alive on a tokio listener the caller binds,
//! `TCP_NODELAY` on every connection (an SSE event or a small answer leaves at once instead of
//! waiting for the peer's delayed ACK), and graceful shutdown.

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, ToSocketAddrs};

use http::{Request, Response};
use hyper::body::Incoming;

use super::{HttpBody, HttpService, LocalAddr, PeerAddr};

/// How long answers in progress may take to finish once shutdown begins.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Binds a listener; returns it with the address it got (port 0 picks a free one).
pub async fn bind(addr: impl ToSocketAddrs) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}

/// The service answering one connection's requests, which learn the addresses at both ends.
pub(super) fn hyper_service(
    service: Arc<HttpService>,
    local: SocketAddr,
    peer: SocketAddr,
) -> impl hyper::service::Service<
    Request<Incoming>,
    Response = Response<HttpBody>,
    Error = Infallible,
    Future = impl Future<Output = Result<Response<HttpBody>, Infallible>> + Send,
> + Send {
    hyper::service::service_fn(move |mut req: Request<Incoming>| {
        let svc = service.clone();
        req.extensions_mut().insert(LocalAddr(local));
        req.extensions_mut().insert(PeerAddr(peer));
        async move { Ok::<_, Infallible>(svc.handle(req).await) }
    })
}

/// True for an address only this machine can reach (127.0.0.0/8, `::1`, and `::ffff:127.x`):
/// DNS-rebinding protection is on by default for a server bound to one.
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => v.is_loopback(),
        IpAddr::V6(v) => v.is_loopback() || v.to_ipv4_mapped().is_some_and(|m| m.is_loopback()),
    }
}

/// Serves `service` on `listener` until `shutdown` completes, then stops accepting, ends the
/// long-lived streams, lets answers in progress finish (at most [`SHUTDOWN_GRACE`]) and ends
/// every session. Runs on the caller's tokio runtime; connections are tasks on it.
pub async fn serve(
    listener: TcpListener,
    service: Arc<HttpService>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let local = listener.local_addr()?;
    tracing::info!(%local, "serving MCP over HTTP");
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let reap_every = service.options().reap_interval();
    let mut reaper = tokio::time::interval(reap_every.unwrap_or(Duration::from_secs(3600)));
    reaper.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    if let Err(e) = stream.set_nodelay(true) {
                        tracing::debug!(%peer, "TCP_NODELAY not set: {e}");
                    }
                    let conn = http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), hyper_service(service.clone(), local, peer));
                    let conn = graceful.watch(conn);
                    tokio::spawn(async move {
                        if let Err(e) = conn.await {
                            tracing::debug!(%peer, "connection ended: {e}");
                        }
                    });
                }
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: keep serving,
                    // without spinning.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = reaper.tick(), if reap_every.is_some() => {
                let n = service.reap_idle();
                if n > 0 {
                    tracing::debug!(sessions = n, "idle sessions ended");
                }
            }
        }
    }
    drop(listener);
    service.end_streams();
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period");
    }
    service.close();
    Ok(())
}
