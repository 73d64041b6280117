//! `subscriptions/listen` (2026-07-28): a request that stays open and carries the change
//! notifications its filter asks for — tool, prompt and resource list changes, updates of named
//! resources — each tagged with the listen request's id. Changes published by any request of
//! any connection reach every open listen of the server.
//!
//! <https://modelcontextprotocol.io/specification/2026-07-28/basic/utilities/subscriptions>

use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, Weak};
use tokio_util::sync::CancellationToken;

use crate::era::keys;
use crate::error::ErrorData;
use crate::jsonrpc::{Message, RequestId};
use crate::protocol::methods;
use crate::session::{Route, Session};

/// A change a listen may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The tool list changed.
    Tools,
    /// The prompt list changed.
    Prompts,
    /// The resource list changed.
    Resources,
    /// The resource with this URI changed.
    Resource(String),
}

impl Change {
    /// The change a notification announces, if it is one a listen carries.
    pub fn of(method: &str, params: Option<&Value>) -> Option<Self> {
        Some(match method {
            methods::TOOLS_LIST_CHANGED => Self::Tools,
            methods::PROMPTS_LIST_CHANGED => Self::Prompts,
            methods::RESOURCES_LIST_CHANGED => Self::Resources,
            methods::RESOURCES_UPDATED => Self::Resource(params?.get("uri")?.as_str()?.to_owned()),
            _ => return None,
        })
    }

    fn method(&self) -> &'static str {
        match self {
            Self::Tools => methods::TOOLS_LIST_CHANGED,
            Self::Prompts => methods::PROMPTS_LIST_CHANGED,
            Self::Resources => methods::RESOURCES_LIST_CHANGED,
            Self::Resource(_) => methods::RESOURCES_UPDATED,
        }
    }
}

/// What one listen asked for and the server honours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    tools: bool,
    prompts: bool,
    resources: bool,
    uris: HashSet<String>,
    /// The URIs in the order the client named them, for the acknowledgement.
    listed: Vec<String>,
}

impl Filter {
    /// The filter of a listen's `params.notifications`; -32602 when it is missing.
    pub fn parse(params: &Value) -> Result<Self, ErrorData> {
        let Some(n) = params.get("notifications").and_then(Value::as_object) else {
            return Err(ErrorData::invalid_params(
                "subscriptions/listen needs a `notifications` object",
            ));
        };
        let on = |k: &str| n.get(k).and_then(Value::as_bool) == Some(true);
        let mut f = Self {
            tools: on("toolsListChanged"),
            prompts: on("promptsListChanged"),
            resources: on("resourcesListChanged"),
            ..Self::default()
        };
        for uri in n
            .get("resourceSubscriptions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if f.uris.insert(uri.to_owned()) {
                f.listed.push(uri.to_owned());
            }
        }
        Ok(f)
    }

    /// The honoured subset, as the acknowledgement echoes it.
    pub fn honoured(&self) -> Value {
        let mut m = Map::new();
        if self.tools {
            m.insert("toolsListChanged".into(), Value::Bool(true));
        }
        if self.prompts {
            m.insert("promptsListChanged".into(), Value::Bool(true));
        }
        if self.resources {
            m.insert("resourcesListChanged".into(), Value::Bool(true));
        }
        if !self.listed.is_empty() {
            m.insert("resourceSubscriptions".into(), json!(self.listed));
        }
        Value::Object(m)
    }

    fn wants(&self, c: &Change) -> bool {
        match c {
            Change::Tools => self.tools,
            Change::Prompts => self.prompts,
            Change::Resources => self.resources,
            Change::Resource(uri) => self.uris.contains(uri),
        }
    }
}

struct Listener {
    session: Weak<Session>,
    id: RequestId,
    filter: Filter,
    /// Fired when the server ends the listen gracefully ([`Listeners::close`]).
    closing: CancellationToken,
}

/// The open listens of one server.
#[derive(Default)]
pub struct Listeners {
    open: Mutex<slab::Slab<Listener>>,
}

impl Listeners {
    fn open(&self) -> std::sync::MutexGuard<'_, slab::Slab<Listener>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens a listen: sends its acknowledgement on the request's stream and returns the key
    /// that removes it and the token that fires when the server closes it; `None` when `limit`
    /// listens are open already.
    pub(crate) fn add(
        &self,
        session: &Arc<Session>,
        id: &RequestId,
        filter: Filter,
        limit: usize,
    ) -> Option<(usize, CancellationToken)> {
        let closing = CancellationToken::new();
        let honoured = filter.honoured();
        let key = {
            let mut open = self.open();
            if open.len() >= limit {
                return None;
            }
            open.insert(Listener {
                session: Arc::downgrade(session),
                id: id.clone(),
                filter,
                closing: closing.clone(),
            })
        };
        let params = json!({
            "notifications": honoured,
            "_meta": { keys::SUBSCRIPTION_ID: id.to_value() },
        });
        session.send(
            Message::notification(methods::SUBSCRIPTIONS_ACKNOWLEDGED, Some(params)),
            &Route::Request(id.clone()),
        );
        Some((key, closing))
    }

    /// Ends every open listen gracefully: each answers its final result, telling its client
    /// the stream ended on purpose (the client listens again to go on).
    pub fn close(&self) {
        for (_, l) in self.open().iter() {
            l.closing.cancel();
        }
    }

    pub(crate) fn remove(&self, key: usize) {
        self.open().try_remove(key);
    }

    /// How many listens are open.
    pub fn len(&self) -> usize {
        self.open().len()
    }

    /// True when no listen is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sends `change` to every open listen that asked for it.
    pub fn publish(&self, change: &Change) {
        let targets: Vec<(Arc<Session>, RequestId)> = self
            .open()
            .iter()
            .filter(|(_, l)| l.filter.wants(change))
            .filter_map(|(_, l)| Some((l.session.upgrade()?, l.id.clone())))
            .collect();
        for (session, id) in targets {
            let mut params = Map::new();
            params.insert(
                "_meta".into(),
                json!({ keys::SUBSCRIPTION_ID: id.to_value() }),
            );
            if let Change::Resource(uri) = change {
                params.insert("uri".into(), Value::from(uri.as_str()));
            }
            session.send(
                Message::notification(change.method(), Some(Value::Object(params))),
                &Route::Request(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_honours_what_it_knows() {
        let f = Filter::parse(&json!({"notifications": {"toolsListChanged": true,
            "promptsListChanged": false, "resourceSubscriptions": ["a", "a", "b"],
            "taskIds": ["x"]}}))
        .unwrap();
        assert_eq!(
            f.honoured(),
            json!({"toolsListChanged": true, "resourceSubscriptions": ["a", "b"]})
        );
        assert!(f.wants(&Change::Tools));
        assert!(!f.wants(&Change::Prompts));
        assert!(f.wants(&Change::Resource("b".into())));
        assert!(!f.wants(&Change::Resource("c".into())));
        assert!(Filter::parse(&json!({})).is_err());
    }
}
