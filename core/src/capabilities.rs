//! The capabilities and `serverInfo` a server announces, derived in one place from what it
//! serves.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#capability-negotiation>

use serde_json::{Map, Value, json};

use crate::options::{ListChanged, ServerOptions};
use crate::protocol::methods;

/// Derives the capabilities object from which methods have handlers.
pub fn derive_capabilities(
    has: impl Fn(&str) -> bool,
    list_changed: ListChanged,
    experimental: Option<&Value>,
) -> Value {
    let mut caps = Map::new();
    if let Some(e) = experimental {
        caps.insert("experimental".into(), e.clone());
    }
    if has(methods::LOGGING_SET_LEVEL) {
        caps.insert("logging".into(), json!({}));
    }
    if has(methods::COMPLETION_COMPLETE) {
        caps.insert("completions".into(), json!({}));
    }
    if has(methods::PROMPTS_LIST) || has(methods::PROMPTS_GET) {
        caps.insert(
            "prompts".into(),
            json!({"listChanged": list_changed.prompts}),
        );
    }
    if has(methods::RESOURCES_LIST)
        || has(methods::RESOURCES_READ)
        || has(methods::RESOURCES_TEMPLATES_LIST)
    {
        caps.insert(
            "resources".into(),
            json!({
                "subscribe": has(methods::RESOURCES_SUBSCRIBE),
                "listChanged": list_changed.resources,
            }),
        );
    }
    if has(methods::TOOLS_LIST) || has(methods::TOOLS_CALL) {
        caps.insert("tools".into(), json!({"listChanged": list_changed.tools}));
    }
    Value::Object(caps)
}

/// The `serverInfo` object of the `initialize` result.
pub fn server_info(o: &ServerOptions) -> Value {
    let mut info = Map::new();
    info.insert("name".into(), Value::from(o.name.as_str()));
    info.insert("version".into(), Value::from(o.version.as_str()));
    if let Some(t) = &o.title {
        info.insert("title".into(), Value::from(t.as_str()));
    }
    if let Some(d) = &o.description {
        info.insert("description".into(), Value::from(d.as_str()));
    }
    if let Some(w) = &o.website_url {
        info.insert("websiteUrl".into(), Value::from(w.as_str()));
    }
    if let Some(i) = &o.icons {
        info.insert("icons".into(), i.clone());
    }
    Value::Object(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registry_announces_every_kind() {
        let registry = |m: &str| {
            matches!(
                m,
                methods::TOOLS_LIST
                    | methods::TOOLS_CALL
                    | methods::RESOURCES_LIST
                    | methods::RESOURCES_READ
                    | methods::RESOURCES_TEMPLATES_LIST
                    | methods::PROMPTS_LIST
                    | methods::PROMPTS_GET
            )
        };
        let caps = derive_capabilities(registry, ListChanged::default(), Some(&json!({})));
        assert_eq!(
            caps,
            json!({"experimental": {}, "prompts": {"listChanged": false},
                   "resources": {"subscribe": false, "listChanged": false},
                   "tools": {"listChanged": false}})
        );
        let caps = derive_capabilities(
            |m| m == methods::LOGGING_SET_LEVEL,
            ListChanged::default(),
            None,
        );
        assert_eq!(caps, json!({"logging": {}}));
    }

    #[test]
    fn server_info_carries_the_description_when_set() {
        let mut o = ServerOptions::from_json(&json!({"name": "s", "version": "1"})).unwrap();
        assert_eq!(server_info(&o), json!({"name": "s", "version": "1"}));
        o = ServerOptions::from_json(&json!({"name": "s", "version": "1", "title": "S",
                                             "description": "Does things."}))
        .unwrap();
        assert_eq!(
            server_info(&o),
            json!({"name": "s", "version": "1", "title": "S", "description": "Does things."})
        );
    }
}
