//! How a transport gets a message answered, wherever the handlers must run. A transport that
//! owns its thread (HTTP workers on tokio) hands each message to a [`Dispatcher`] and awaits the
//! answer: [`Inline`] runs Rust handlers right there; [`OnLoop`] hands the message to the
//! [`Driver`] of a foreign event loop (asyncio, Node), where a binding's handlers must run —
//! one wake-up of that loop per burst of messages.

use futures::channel::oneshot;
use futures::future::BoxFuture;
use std::sync::{Arc, Weak};

use crate::connection::Dispatch;
use crate::driver::{Driver, Host};
use crate::error::ErrorData;
use crate::jsonrpc::Message;
use crate::server::Server;
use crate::session::Session;

/// Answers messages of a session; the future resolves with the answer, if any.
pub trait Dispatcher: Send + Sync + 'static {
    /// Handles `message` from `session`.
    fn dispatch(
        &self,
        session: Arc<Session>,
        message: Message,
    ) -> BoxFuture<'static, Option<Message>>;

    /// The server answering.
    fn server(&self) -> &Arc<Server>;

    /// Runs `task` beside the handlers when the caller is on their thread (a foreign loop's,
    /// see [`OnLoop`]): what waits for an answer then wakes no other thread. Gives `task` back
    /// otherwise, for the caller's runtime.
    fn spawn_here(&self, task: BoxFuture<'static, ()>) -> Option<BoxFuture<'static, ()>> {
        Some(task)
    }
}

/// Runs handlers on the caller's thread (Rust handlers).
pub struct Inline(pub Arc<Server>);

impl Dispatcher for Inline {
    fn dispatch(
        &self,
        session: Arc<Session>,
        message: Message,
    ) -> BoxFuture<'static, Option<Message>> {
        match self.0.handle(&session, message) {
            Dispatch::Done(m) => Box::pin(std::future::ready(m)),
            Dispatch::Pending(f) => f,
        }
    }

    fn server(&self) -> &Arc<Server> {
        &self.0
    }
}

/// Runs handlers on a foreign loop's thread through its driver.
pub struct OnLoop<H: Host> {
    server: Arc<Server>,
    driver: Weak<Driver<H>>,
}

impl<H: Host> OnLoop<H> {
    /// Dispatches to `server` on the loop `driver` runs on.
    pub fn new(server: Arc<Server>, driver: &Arc<Driver<H>>) -> Self {
        Self {
            server,
            driver: Arc::downgrade(driver),
        }
    }
}

fn loop_gone(message: &Message) -> Option<Message> {
    match message {
        Message::Request(r) => Some(Message::error(
            Some(r.id.clone()),
            ErrorData::internal("the server is shutting down"),
        )),
        _ => None,
    }
}

impl<H: Host> Dispatcher for OnLoop<H> {
    fn dispatch(
        &self,
        session: Arc<Session>,
        message: Message,
    ) -> BoxFuture<'static, Option<Message>> {
        let Some(driver) = self.driver.upgrade() else {
            return Box::pin(std::future::ready(loop_gone(&message)));
        };
        let gone = loop_gone(&message);
        let (tx, rx) = oneshot::channel();
        let server = self.server.clone();
        let on_loop = driver.clone();
        driver.submit(Box::new(move || match server.handle(&session, message) {
            Dispatch::Done(m) => {
                let _ = tx.send(m);
            }
            Dispatch::Pending(f) => on_loop.spawn(Box::pin(async move {
                let _ = tx.send(f.await);
                None
            })),
        }));
        // A loop that stops before answering drops the job: the request still gets an answer.
        Box::pin(async move { rx.await.unwrap_or(gone) })
    }

    fn server(&self) -> &Arc<Server> {
        &self.server
    }

    fn spawn_here(&self, task: BoxFuture<'static, ()>) -> Option<BoxFuture<'static, ()>> {
        match self.driver.upgrade() {
            Some(d) if d.on_loop_thread() => {
                d.spawn(Box::pin(async move {
                    task.await;
                    None
                }));
                None
            }
            _ => Some(task),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handler::{HandlerError, handler_fn};
    use crate::jsonrpc::{Request, RequestId};
    use crate::protocol::Revision;
    use crate::server::{ServerBuilder, ServerOptions};
    use crate::session::{Outbound, Route};
    use std::sync::Mutex;
    use std::sync::mpsc;

    struct Nowhere;
    impl Outbound for Nowhere {
        fn send(&self, _: Message, _: &Route) {}
    }

    /// A loop that only runs what it is woken for.
    struct Wakes(Mutex<mpsc::Sender<()>>);
    impl Host for Wakes {
        fn schedule(&self, _: bool) {
            let _ = self.0.lock().unwrap().send(());
        }
        fn emit(&self, _: Message) {}
        fn flush(&self) {}
    }

    #[test]
    fn requests_from_another_thread_run_on_the_loop_thread() {
        let (wake_tx, wake_rx) = mpsc::channel();
        let (driver_tx, driver_rx) = mpsc::channel();
        let loop_thread = std::thread::spawn(move || {
            let driver = Driver::new(Wakes(Mutex::new(wake_tx)));
            driver_tx.send(driver.clone()).unwrap();
            // One wake-up: the handler answers at once.
            wake_rx
                .recv_timeout(std::time::Duration::from_secs(10))
                .unwrap();
            driver.run_scheduled();
            std::thread::current().id()
        });
        let driver = driver_rx.recv().unwrap();
        let ran_on = Arc::new(Mutex::new(None));
        let seen = ran_on.clone();
        let server = ServerBuilder::new(ServerOptions::default())
            .handler(
                "where",
                handler_fn(move |_, _| {
                    *seen.lock().unwrap() = Some(std::thread::current().id());
                    async { Ok::<_, HandlerError>(serde_json::json!({})) }
                }),
            )
            .build();
        let dispatcher = OnLoop::new(server, &driver);
        drop(driver);
        let session = Arc::new(Session::initialized(Box::new(Nowhere), Revision::LATEST));
        let answer = futures::executor::block_on(dispatcher.dispatch(
            session,
            Message::Request(Request {
                id: RequestId::Number(1),
                method: "where".into(),
                params: None,
            }),
        ));
        assert!(matches!(answer, Some(Message::Response(_))));
        let loop_id = loop_thread.join().unwrap();
        assert_eq!(*ran_on.lock().unwrap(), Some(loop_id));
    }
}
