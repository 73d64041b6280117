//! A configured server: its options, handlers and registry. [`ServerBuilder`] makes one; the
//! router ([`crate::router`]) answers messages with it; [`crate::lifecycle`] negotiates, the
//! tools pipeline ([`crate::tools`]) validates and finishes tool calls, and [`crate::policy`]
//! decides how failures are answered.

use serde_json::Value;
use std::sync::{Arc, RwLock};

use crate::FastMap;
use crate::capabilities::derive_capabilities;
use crate::handler::{Handler, NotificationHandler};
use crate::intercept::Interceptor;
use crate::policy::Policy;
use crate::protocol::methods;
use crate::registry::Registry;
use crate::tools::LearnedTool;

pub use crate::options::{ListChanged, ServerOptions};

/// A request handler as registered: its method name (shared with every request's context),
/// the handler, and the answer rules for its failures.
pub(crate) struct Registered {
    pub(crate) method: Arc<str>,
    pub(crate) handler: Arc<dyn Handler>,
    pub(crate) policy: Policy,
}

/// Builds a [`Server`] from options and handlers.
#[derive(Default)]
pub struct ServerBuilder {
    options: ServerOptions,
    registry: Option<Arc<Registry>>,
    handlers: FastMap<String, (Arc<dyn Handler>, Option<Policy>)>,
    notifications: FastMap<String, Arc<dyn NotificationHandler>>,
    interceptor: Option<Arc<dyn Interceptor>>,
}

impl ServerBuilder {
    /// A builder with `options`.
    pub fn new(options: ServerOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// Serves requests for `method` with `handler` (replacing an earlier one); its failures
    /// are answered by the server's policy.
    pub fn handler(mut self, method: impl Into<String>, handler: Arc<dyn Handler>) -> Self {
        self.handlers.insert(method.into(), (handler, None));
        self
    }

    /// Like [`Self::handler`], with the answer rules of the generation the handler was written
    /// for (a low-level server may mix 1.x decorators and 2.x handlers).
    pub fn handler_with(
        mut self,
        method: impl Into<String>,
        handler: Arc<dyn Handler>,
        policy: Policy,
    ) -> Self {
        self.handlers.insert(method.into(), (handler, Some(policy)));
        self
    }

    /// Calls `handler` for notifications named `method`.
    pub fn notification(
        mut self,
        method: impl Into<String>,
        handler: Arc<dyn NotificationHandler>,
    ) -> Self {
        self.notifications.insert(method.into(), handler);
        self
    }

    /// Runs every inbound message through `interceptor` (middleware) first.
    pub fn interceptor(mut self, interceptor: Arc<dyn Interceptor>) -> Self {
        self.interceptor = Some(interceptor);
        self
    }

    /// Serves the tools, resources and prompts in `registry` (for methods without a handler).
    pub fn registry(mut self, registry: Arc<Registry>) -> Self {
        self.registry = Some(registry);
        self
    }

    /// Finishes the server.
    pub fn build(self) -> Arc<Server> {
        let default = self.options.policy;
        let handlers: FastMap<String, Registered> = self
            .handlers
            .into_iter()
            .map(|(m, (handler, policy))| {
                let r = Registered {
                    method: Arc::from(m.as_str()),
                    handler,
                    policy: policy.unwrap_or(default),
                };
                (m, r)
            })
            .collect();
        let announced = |pointer: &str| {
            self.options
                .capabilities
                .as_ref()
                .and_then(|c| c.pointer(pointer))
        };
        let logging = handlers.contains_key(methods::LOGGING_SET_LEVEL)
            || announced("/logging").is_some_and(|l| !l.is_null());
        let subscriptions = handlers.contains_key(methods::RESOURCES_SUBSCRIBE)
            || announced("/resources/subscribe").and_then(Value::as_bool) == Some(true);
        let gate = self
            .options
            .guards
            .max_concurrent
            .map(|cap| crate::guards::Gate::new(cap, self.options.guards.max_queued));
        let stamp = crate::era::Stamp::new(crate::capabilities::server_info(&self.options));
        Arc::new(Server {
            gate,
            stamp,
            listeners: Arc::default(),
            logging,
            subscriptions,
            options: self.options,
            handlers,
            notifications: self.notifications,
            registry: self.registry,
            interceptor: self.interceptor,
            tools: RwLock::new(FastMap::default()),
        })
    }
}

/// A configured server: answers messages for any number of sessions.
pub struct Server {
    pub(crate) options: ServerOptions,
    pub(crate) handlers: FastMap<String, Registered>,
    pub(crate) notifications: FastMap<String, Arc<dyn NotificationHandler>>,
    pub(crate) registry: Option<Arc<Registry>>,
    /// Middleware every inbound message goes through, if any.
    pub(crate) interceptor: Option<Arc<dyn Interceptor>>,
    /// Whether `logging/setLevel` is served: the capabilities announce `logging` or a handler
    /// for it is registered.
    pub(crate) logging: bool,
    /// Whether `resources/(un)subscribe` are served: a handler is registered or the capabilities
    /// announce `resources.subscribe`.
    pub(crate) subscriptions: bool,
    /// Tool schemas learned from `tools/list` results, compiled once per distinct schema.
    pub(crate) tools: RwLock<FastMap<String, Arc<LearnedTool>>>,
    /// The concurrency cap, when one is set ([`crate::guards`]).
    pub(crate) gate: Option<Arc<crate::guards::Gate>>,
    /// `serverInfo`, stamped on every sessionless result.
    pub(crate) stamp: crate::era::Stamp,
    /// The open `subscriptions/listen` requests.
    pub(crate) listeners: Arc<crate::listen::Listeners>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// The options the server was built with.
    pub fn options(&self) -> &ServerOptions {
        &self.options
    }

    /// True when a handler or the registry serves `method`.
    pub fn has_handler(&self, method: &str) -> bool {
        self.handlers.contains_key(method)
            || self
                .registry
                .as_ref()
                .is_some_and(|r| Registry::kind_of(method).is_some_and(|k| r.serves(k)))
    }

    /// Announces `change` to every open `subscriptions/listen` (2026-07-28); changes a
    /// request's handler announces through its session reach them too.
    pub fn publish(&self, change: &crate::listen::Change) {
        self.listeners.publish(change);
    }

    /// Ends every open `subscriptions/listen` gracefully, each with its final result.
    pub fn close_listens(&self) {
        self.listeners.close();
    }

    /// The registry, if the server has one.
    pub fn registry(&self) -> Option<&Arc<Registry>> {
        self.registry.as_ref()
    }

    /// The capabilities announced in `initialize`: as given in the options, else derived from
    /// what the server serves.
    pub fn capabilities(&self) -> Value {
        match &self.options.capabilities {
            Some(c) => c.clone(),
            None => derive_capabilities(
                |m| self.has_handler(m),
                self.options.list_changed,
                self.options.experimental.as_ref(),
            ),
        }
    }
}
