//! Protocol revisions and negotiation, logging levels, and the method names ferromcp knows.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation>

use std::fmt;

use crate::jsonrpc::Reply;

/// A protocol revision ferromcp speaks. Revisions are dates and order as they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Revision {
    /// 2024-11-05: the first revision; HTTP+SSE.
    V2024_11_05,
    /// 2025-03-26: Streamable HTTP, JSON-RPC batches, tool annotations, completions.
    V2025_03_26,
    /// 2025-06-18: titles, structured tool output, elicitation; no batches.
    V2025_06_18,
    /// 2025-11-25: icons, URL elicitation, tool execution hints.
    V2025_11_25,
    /// 2026-07-28: no `initialize` and no sessions; `server/discover`, a `_meta` envelope on
    /// every request, input-required results, cache hints ([`crate::era`]).
    V2026_07_28,
}

impl Revision {
    /// Every handshake-era revision, oldest first.
    pub const ALL: [Self; 4] = [
        Self::V2024_11_05,
        Self::V2025_03_26,
        Self::V2025_06_18,
        Self::V2025_11_25,
    ];

    /// The newest handshake-era revision; the answer when an `initialize` asks for one we do
    /// not know.
    pub const LATEST: Self = Self::V2025_11_25;

    /// The sessionless revisions, oldest first: what `server/discover` lists.
    pub const MODERN: [Self; 1] = [Self::V2026_07_28];

    /// True for a sessionless revision (2026-07-28 and later).
    pub const fn is_modern(self) -> bool {
        matches!(self, Self::V2026_07_28)
    }

    /// The revision as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2024_11_05 => "2024-11-05",
            Self::V2025_03_26 => "2025-03-26",
            Self::V2025_06_18 => "2025-06-18",
            Self::V2025_11_25 => "2025-11-25",
            Self::V2026_07_28 => "2026-07-28",
        }
    }

    /// The handshake-era revision named `s`, if ferromcp speaks it.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The revision of either era named `s`, if ferromcp speaks it.
    pub fn parse_any(s: &str) -> Option<Self> {
        Self::parse(s).or_else(|| Self::MODERN.into_iter().find(|r| r.as_str() == s))
    }
}

impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The handshake-era revisions ferromcp speaks, oldest first, as written on the wire.
pub const SUPPORTED_VERSIONS: [&str; 4] = [
    Revision::ALL[0].as_str(),
    Revision::ALL[1].as_str(),
    Revision::ALL[2].as_str(),
    Revision::ALL[3].as_str(),
];

/// The newest handshake-era revision, as written on the wire.
pub const LATEST_VERSION: &str = Revision::LATEST.as_str();

/// Picks the revision to answer an `initialize` with: the client's if supported, else the latest.
pub fn negotiate(requested: Option<&str>) -> Revision {
    requested
        .and_then(Revision::parse)
        .unwrap_or(Revision::LATEST)
}

/// Removes fields a result carries that do not exist in `version`, so older clients get the
/// shapes their schema knows (`title` and `outputSchema` came in 2025-06-18, `icons` and tool
/// `execution` in 2025-11-25, tool `annotations` in 2025-03-26).
pub fn strip_for_version(method: &str, version: Revision, result: &mut serde_json::Value) {
    use serde_json::Value;
    if !trims(method, version) {
        return;
    }
    let before_0618 = version < Revision::V2025_06_18;
    let before_0326 = version < Revision::V2025_03_26;
    let element = |v: &mut Value| {
        if let Value::Object(o) = v {
            o.remove("icons");
            o.remove("execution");
            if before_0618 {
                o.remove("title");
                o.remove("outputSchema");
            }
            if before_0326 {
                o.remove("annotations");
            }
        }
    };
    let list_key = match method {
        methods::TOOLS_LIST => "tools",
        methods::RESOURCES_LIST => "resources",
        methods::RESOURCES_TEMPLATES_LIST => "resourceTemplates",
        methods::PROMPTS_LIST => "prompts",
        methods::TOOLS_CALL => {
            if before_0618 && let Value::Object(o) = result {
                o.remove("structuredContent");
            }
            return;
        }
        methods::INITIALIZE => {
            if let Some(info) = result.get_mut("serverInfo").and_then(Value::as_object_mut) {
                info.remove("icons");
                info.remove("websiteUrl");
                info.remove("description");
                if before_0618 {
                    info.remove("title");
                }
            }
            if before_0326
                && let Some(c) = result
                    .get_mut("capabilities")
                    .and_then(Value::as_object_mut)
            {
                c.remove("completions");
            }
            return;
        }
        _ => return,
    };
    if let Some(items) = result.get_mut(list_key).and_then(Value::as_array_mut) {
        items.iter_mut().for_each(element);
    }
}

/// True when [`strip_for_version`] may remove something from a `method` result for `version`
/// (for `tools/call`, only its `structuredContent`).
fn trims(method: &str, version: Revision) -> bool {
    match method {
        methods::TOOLS_CALL => version < Revision::V2025_06_18,
        methods::TOOLS_LIST
        | methods::RESOURCES_LIST
        | methods::RESOURCES_TEMPLATES_LIST
        | methods::PROMPTS_LIST
        | methods::INITIALIZE => version < Revision::LATEST,
        _ => false,
    }
}

/// The member a spec method's result must hold as an array (`tools/call` → `content`, …).
fn required_array(method: &str) -> Option<&'static str> {
    Some(match method {
        methods::TOOLS_CALL => "content",
        methods::TOOLS_LIST => "tools",
        methods::RESOURCES_LIST => "resources",
        methods::RESOURCES_TEMPLATES_LIST => "resourceTemplates",
        methods::RESOURCES_READ => "contents",
        methods::PROMPTS_LIST => "prompts",
        methods::PROMPTS_GET => "messages",
        _ => return None,
    })
}

/// Checks the shape of a handler's result for a spec method: an object holding the fields
/// clients need (`tools/call` → `content` array, `tools/list` → `tools` of named tools with an
/// object `inputSchema`, …). Sending anything else would leave the client unable to read the
/// answer, so the request gets -32603 instead.
pub fn check_result(method: &str, result: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    let Value::Object(o) = result else {
        return Err(format!("expected an object, got {}", kind(result)));
    };
    if method == methods::COMPLETION_COMPLETE {
        return match o.get("completion") {
            Some(Value::Object(c)) if c.get("values").is_some_and(Value::is_array) => Ok(()),
            _ => Err("`completion.values` must be an array".into()),
        };
    }
    // A task-augmented `tools/call` answers with the task it created (2025-11-25 tasks).
    if method == methods::TOOLS_CALL && o.get("task").is_some_and(Value::is_object) {
        return Ok(());
    }
    let Some(key) = required_array(method) else {
        return Ok(());
    };
    let items = match o.get(key) {
        Some(Value::Array(a)) => a,
        Some(v) => return Err(format!("`{key}` must be an array, got {}", kind(v))),
        None => return Err(format!("`{key}` is missing")),
    };
    if method == methods::TOOLS_LIST {
        for tool in items {
            if tool.get("name").and_then(Value::as_str).is_none() {
                return Err("a tool needs a string `name`".into());
            }
            if !tool.get("inputSchema").is_some_and(Value::is_object) {
                return Err("a tool needs an object `inputSchema`".into());
            }
        }
    }
    Ok(())
}

/// A handler's result made ready to send for `method` on a session speaking `version`: checked
/// ([`check_result`]) and trimmed ([`strip_for_version`]). A written object is only read, unless
/// it must change or its check looks deeper than its members; then it becomes a value.
pub fn finish_result(
    method: &str,
    version: Option<Revision>,
    result: Reply,
) -> Result<Reply, String> {
    // A sessionless client may be asked for input instead of getting the result.
    if version.is_some_and(Revision::is_modern) {
        let asks = match &result {
            Reply::Value(v) => crate::era::is_input_required(v),
            Reply::Object(o) => o.get("resultType") == Some("\"input_required\""),
        };
        if asks {
            return Ok(result);
        }
    }
    let object = match result {
        Reply::Value(mut v) => {
            check_result(method, &v)?;
            if let Some(version) = version {
                strip_for_version(method, version, &mut v);
            }
            return Ok(Reply::Value(v));
        }
        Reply::Object(o) => o,
    };
    let edits = version.is_some_and(|v| trims(method, v))
        && (method != methods::TOOLS_CALL || object.get("structuredContent").is_some());
    if edits || matches!(method, methods::TOOLS_LIST | methods::COMPLETION_COMPLETE) {
        let v = Reply::Object(object)
            .into_value()
            .map_err(|e| e.to_string())?;
        return finish_result(method, version, Reply::Value(v));
    }
    let created_task =
        method == methods::TOOLS_CALL && object.get("task").is_some_and(|t| t.starts_with('{'));
    if let Some(key) = required_array(method).filter(|_| !created_task) {
        match object.get(key) {
            Some(raw) if raw.starts_with('[') => {}
            Some(raw) => {
                let got = serde_json::from_str(raw).map_or("invalid JSON", |v| kind(&v));
                return Err(format!("`{key}` must be an array, got {got}"));
            }
            None => return Err(format!("`{key}` is missing")),
        }
    }
    Ok(Reply::Object(object))
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Severity of a log message, ordered as RFC 5424 orders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogLevel {
    /// Detailed debugging information.
    Debug,
    /// Informational messages.
    Info,
    /// Normal but significant events.
    Notice,
    /// Warning conditions.
    Warning,
    /// Error conditions.
    Error,
    /// Critical conditions.
    Critical,
    /// Action must be taken immediately.
    Alert,
    /// The system is unusable.
    Emergency,
}

impl LogLevel {
    /// Parses a level name as sent on the wire.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "debug" => Self::Debug,
            "info" => Self::Info,
            "notice" => Self::Notice,
            "warning" => Self::Warning,
            "error" => Self::Error,
            "critical" => Self::Critical,
            "alert" => Self::Alert,
            "emergency" => Self::Emergency,
            _ => return None,
        })
    }

    /// The level as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Debug => "debug",
            Self::Info => "info",
            Self::Notice => "notice",
            Self::Warning => "warning",
            Self::Error => "error",
            Self::Critical => "critical",
            Self::Alert => "alert",
            Self::Emergency => "emergency",
        }
    }
}

/// Method names of the protocol.
pub mod methods {
    #![allow(missing_docs)]
    pub const INITIALIZE: &str = "initialize";
    pub const PING: &str = "ping";
    pub const DISCOVER: &str = "server/discover";
    pub const SUBSCRIPTIONS_LISTEN: &str = "subscriptions/listen";
    pub const SUBSCRIPTIONS_ACKNOWLEDGED: &str = "notifications/subscriptions/acknowledged";
    pub const TOOLS_LIST: &str = "tools/list";
    pub const TOOLS_CALL: &str = "tools/call";
    pub const RESOURCES_LIST: &str = "resources/list";
    pub const RESOURCES_TEMPLATES_LIST: &str = "resources/templates/list";
    pub const RESOURCES_READ: &str = "resources/read";
    pub const RESOURCES_SUBSCRIBE: &str = "resources/subscribe";
    pub const RESOURCES_UNSUBSCRIBE: &str = "resources/unsubscribe";
    pub const PROMPTS_LIST: &str = "prompts/list";
    pub const PROMPTS_GET: &str = "prompts/get";
    pub const COMPLETION_COMPLETE: &str = "completion/complete";
    pub const LOGGING_SET_LEVEL: &str = "logging/setLevel";
    pub const INITIALIZED: &str = "notifications/initialized";
    pub const CANCELLED: &str = "notifications/cancelled";
    pub const PROGRESS: &str = "notifications/progress";
    pub const MESSAGE: &str = "notifications/message";
    pub const RESOURCES_UPDATED: &str = "notifications/resources/updated";
    pub const RESOURCES_LIST_CHANGED: &str = "notifications/resources/list_changed";
    pub const TOOLS_LIST_CHANGED: &str = "notifications/tools/list_changed";
    pub const PROMPTS_LIST_CHANGED: &str = "notifications/prompts/list_changed";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_echoes_known_and_falls_back() {
        assert_eq!(negotiate(Some("2024-11-05")), Revision::V2024_11_05);
        assert_eq!(negotiate(Some("2025-06-18")), Revision::V2025_06_18);
        assert_eq!(negotiate(Some("1999-01-01")), Revision::LATEST);
        assert_eq!(negotiate(None), Revision::LATEST);
        assert_eq!(LATEST_VERSION, "2025-11-25");
        assert!(Revision::V2024_11_05 < Revision::V2025_03_26);
        assert_eq!(
            Revision::parse("2025-03-26").map(Revision::as_str),
            Some("2025-03-26")
        );
    }

    #[test]
    fn older_revisions_lose_newer_fields() {
        use serde_json::json;
        let tools = json!({"tools": [{"name": "t", "title": "T", "icons": [], "inputSchema": {},
            "outputSchema": {}, "annotations": {}}]});
        let mut v = tools.clone();
        strip_for_version(methods::TOOLS_LIST, Revision::V2025_11_25, &mut v);
        assert_eq!(v, tools);
        strip_for_version(methods::TOOLS_LIST, Revision::V2025_06_18, &mut v);
        assert_eq!(v["tools"][0].get("icons"), None);
        assert!(v["tools"][0].get("title").is_some());
        strip_for_version(methods::TOOLS_LIST, Revision::V2024_11_05, &mut v);
        assert_eq!(v, json!({"tools": [{"name": "t", "inputSchema": {}}]}));
        let mut r = json!({"content": [], "structuredContent": {"a": 1}});
        strip_for_version(methods::TOOLS_CALL, Revision::V2025_03_26, &mut r);
        assert_eq!(r, json!({"content": []}));
    }

    #[test]
    fn levels_order() {
        assert!(LogLevel::parse("debug").unwrap() < LogLevel::parse("error").unwrap());
        assert!(LogLevel::parse("verbose").is_none());
    }

    #[test]
    fn a_created_task_answers_a_tool_call() {
        let task = serde_json::json!({"task": {"taskId": "t", "status": "working"}});
        assert!(check_result(methods::TOOLS_CALL, &task).is_ok());
        assert!(check_result(methods::TOOLS_CALL, &serde_json::json!({"task": 1})).is_err());
        let written = crate::jsonrpc::Reply::Value(task);
        assert!(finish_result(methods::TOOLS_CALL, Some(Revision::LATEST), written).is_ok());
    }
}
