//! The lifecycle: `initialize` (version negotiation, what the client declares, what the server
//! announces), `notifications/initialized`, and cancellation of requests in flight.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle>,
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation>

use serde_json::{Map, Value, json};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use crate::capabilities::server_info;
use crate::error::ErrorData;
use crate::jsonrpc::{Notification, RequestId};
use crate::protocol::{self, methods};
use crate::server::Server;
use crate::session::{Phase, Session};

impl Server {
    /// Answers `initialize`: negotiates the revision and records what the client declared.
    pub(crate) fn initialize(
        &self,
        session: &Session,
        params: Option<Value>,
    ) -> Result<Value, ErrorData> {
        if session.phase() != Phase::New && !self.options.policy.flavor.typescript_sdk() {
            return Err(ErrorData::invalid_request(
                "initialize was already received",
            ));
        }
        let params = params.unwrap_or_default();
        let Some(requested) = params.get("protocolVersion").and_then(Value::as_str) else {
            return Err(ErrorData::invalid_params(
                "protocolVersion must be a string",
            ));
        };
        let version = protocol::negotiate(Some(requested));
        session.initialize(
            version,
            params.get("clientInfo").cloned().unwrap_or(Value::Null),
            params
                .get("capabilities")
                .cloned()
                .unwrap_or_else(|| json!({})),
        );
        let mut result = Map::new();
        result.insert("protocolVersion".into(), Value::from(version.as_str()));
        result.insert("capabilities".into(), self.capabilities());
        result.insert("serverInfo".into(), server_info(&self.options));
        if let Some(i) = &self.options.instructions {
            result.insert("instructions".into(), Value::from(i.as_str()));
        }
        let mut result = Value::Object(result);
        if !self.options.policy.flavor.typescript_sdk() {
            protocol::strip_for_version(methods::INITIALIZE, version, &mut result);
        }
        Ok(result)
    }

    /// Handles a notification: the lifecycle's own, then the author's handler for it, if any.
    pub(crate) fn handle_notification(&self, session: &Arc<Session>, n: Notification) {
        match n.method.as_str() {
            methods::INITIALIZED if session.phase() == Phase::Initializing => {
                session.set_phase(Phase::Ready);
            }
            methods::CANCELLED => {
                let id = n.params.as_ref().and_then(|p| p.get("requestId"));
                match id.and_then(|v| match v {
                    Value::String(s) => Some(RequestId::String(s.clone())),
                    Value::Number(x) => x.as_i64().map(RequestId::Number),
                    _ => None,
                }) {
                    Some(id) => {
                        if !session.cancel(&id) {
                            tracing::debug!(%id, "cancellation for a request not in flight");
                        }
                    }
                    None => tracing::warn!("notifications/cancelled without a usable requestId"),
                }
            }
            _ => {}
        }
        if let Some(h) = self.notifications.get(n.method.as_str()) {
            let params = n.params.unwrap_or_else(|| Value::Object(Map::new()));
            if std::panic::catch_unwind(AssertUnwindSafe(|| h.notify(session.clone(), params)))
                .is_err()
            {
                tracing::error!(method = %n.method, "notification handler panicked");
            }
        }
    }
}
