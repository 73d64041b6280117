//! The built-in server's connections served on a loop's own thread ([`LoopSockets`]): a plain
//! thread stands for the host loop (asyncio's), polls the sockets it is told are ready and the
//! connections their wakers name, and the official-style clients of the other HTTP tests talk
//! to it — sessions, SSE and JSON answers, many connections at once, and a client that hangs
//! up mid-stream.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use ferromcp_core::dispatch::Inline;
use ferromcp_core::transport::http::on_loop::{LoopConnection, LoopSockets};
use ferromcp_core::transport::http::{HttpOptions, HttpService};
use serde_json::json;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use std::time::{Duration, Instant};
use support::*;

/// One connection as the test loop keeps it.
struct Conn {
    conn: Mutex<Option<LoopConnection>>,
    woken: Arc<Mutex<Vec<Arc<Conn>>>>,
}

struct ConnWaker(Arc<Conn>);

impl Wake for ConnWaker {
    fn wake(self: Arc<Self>) {
        self.0.woken.lock().unwrap().push(self.0.clone());
    }
}

/// The stand-in loop: serves until `stop`, at most a minute.
struct Loop {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<usize>>,
}

impl Loop {
    fn start(service: Arc<HttpService>, runtime: tokio::runtime::Handle) -> Self {
        let sockets: Arc<LoopSockets<Conn>> =
            Arc::new(LoopSockets::bind("127.0.0.1:0".parse().unwrap()).unwrap());
        let addr = sockets.local_addr();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let _rt = runtime.enter();
            let woken: Arc<Mutex<Vec<Arc<Conn>>>> = Arc::default();
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut served = 0;
            while !stopping.load(Ordering::Acquire) && Instant::now() < deadline {
                let ready = sockets
                    .ready(&service, |c| {
                        served += 1;
                        Arc::new(Conn {
                            conn: Mutex::new(Some(c)),
                            woken: woken.clone(),
                        })
                    })
                    .unwrap();
                assert!(ready.accept_failed.is_none());
                let mut todo = ready.conns;
                todo.extend(std::mem::take(&mut *woken.lock().unwrap()));
                if todo.is_empty() {
                    std::thread::sleep(Duration::from_micros(200));
                }
                for c in todo {
                    let waker = Waker::from(Arc::new(ConnWaker(c.clone())));
                    let mut slot = c.conn.lock().unwrap();
                    let over = match slot.as_mut() {
                        Some(conn) => conn.poll(&mut Context::from_waker(&waker)).is_ready(),
                        None => false,
                    };
                    if over {
                        sockets.remove(slot.take().unwrap());
                    }
                }
            }
            served
        });
        Self {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    fn client(&self) -> Client {
        Client {
            addr: self.addr,
            session: None,
            version: "2025-11-25".into(),
            path: "/mcp".into(),
        }
    }

    /// Stops the loop; the number of connections it accepted.
    fn stop(mut self) -> usize {
        self.stop.store(true, Ordering::Release);
        self.thread.take().unwrap().join().unwrap()
    }
}

fn service(options: HttpOptions) -> Arc<HttpService> {
    let (server, _) = test_server();
    Arc::new(HttpService::new(Arc::new(Inline(server)), options))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_served_from_the_loop_thread() {
    let service = service(HttpOptions {
        legacy_sse: false,
        ..HttpOptions::default()
    });
    let lp = Loop::start(service, tokio::runtime::Handle::current());
    let mut c = lp.client();
    c.initialize().await;
    assert!(c.session.is_some());
    // Each call on a connection of its own, SSE answers.
    for id in 2..6 {
        let answer = c
            .call(id, "echo", json!({"text": format!("hi {id}")}))
            .await;
        assert_eq!(answer["result"]["content"][0]["text"], format!("hi {id}"));
    }
    // Many at once, each on a connection of its own.
    let joined: Vec<_> = (10..42)
        .map(|id| {
            let mut other = lp.client();
            other.session = c.session.clone();
            tokio::spawn(async move {
                (
                    id,
                    other
                        .call(id, "echo", json!({"text": id.to_string()}))
                        .await,
                )
            })
        })
        .collect();
    for j in joined {
        let (id, answer) = j.await.unwrap();
        assert_eq!(answer["result"]["content"][0]["text"], id.to_string());
    }
    assert!(lp.stop() >= 37);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_answers_and_a_client_that_hangs_up() {
    let service = service(HttpOptions {
        json_response: true,
        legacy_sse: false,
        ..HttpOptions::default()
    });
    let lp = Loop::start(service, tokio::runtime::Handle::current());
    let mut c = lp.client();
    c.initialize().await;
    // A client that opens a connection and leaves before sending anything, and one that
    // leaves halfway through a request: the loop goes on serving.
    drop(std::net::TcpStream::connect(lp.addr).unwrap());
    {
        use std::io::Write;
        let mut half = std::net::TcpStream::connect(lp.addr).unwrap();
        half.write_all(b"POST /mcp HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"jso")
            .unwrap();
    }
    let r = c
        .post(&call(7, "echo", json!({"text": "still here"})))
        .await;
    assert_eq!(content_type(r.headers()), "application/json");
    let answer = answer(r).await;
    assert_eq!(answer["result"]["content"][0]["text"], "still here");
    lp.stop();
}
