//! The sessionless revision, 2026-07-28: no `initialize`, a `_meta` envelope on every request
//! (protocol version, client capabilities and info, log level), `server/discover`, results that
//! say what they are (`resultType`) and who answered (`serverInfo`), cache hints on what a client
//! may keep, and input-required results instead of server→client requests.
//!
//! One server answers both eras: the first request of a connection decides (stdio), or each
//! request (HTTP). The router ([`crate::router`]) asks this module whether a request claims the
//! new era, checks its envelope and finishes its result.
//!
//! <https://modelcontextprotocol.io/specification/2026-07-28/basic>

use serde_json::{Map, Value, json};

use crate::error::{ErrorCode, ErrorData};
use crate::jsonrpc::Reply;
use crate::protocol::{LogLevel, Revision, methods};

/// The `_meta` keys of the envelope and of results.
pub mod keys {
    /// The revision a request speaks (required).
    pub const PROTOCOL_VERSION: &str = "io.modelcontextprotocol/protocolVersion";
    /// What the client can do, for this request (required; may be `{}`).
    pub const CLIENT_CAPABILITIES: &str = "io.modelcontextprotocol/clientCapabilities";
    /// Who the client is (optional).
    pub const CLIENT_INFO: &str = "io.modelcontextprotocol/clientInfo";
    /// The lowest log level the client wants for this request; no logs without it.
    pub const LOG_LEVEL: &str = "io.modelcontextprotocol/logLevel";
    /// Who answered: stamped on every result.
    pub const SERVER_INFO: &str = "io.modelcontextprotocol/serverInfo";
    /// The listen request a notification belongs to.
    pub const SUBSCRIPTION_ID: &str = "io.modelcontextprotocol/subscriptionId";
}

/// Error codes introduced with the revision.
pub mod codes {
    use crate::error::ErrorCode;
    /// An HTTP routing header disagrees with the body, or is missing.
    pub const HEADER_MISMATCH: ErrorCode = ErrorCode(-32020);
    /// The request needs a client capability its envelope does not declare.
    pub const MISSING_REQUIRED_CLIENT_CAPABILITY: ErrorCode = ErrorCode(-32021);
    /// The envelope names a revision the server does not speak.
    pub const UNSUPPORTED_PROTOCOL_VERSION: ErrorCode = ErrorCode(-32022);
}

/// The results a client may cache: they carry `ttlMs` and `cacheScope`.
pub const CACHEABLE: [&str; 6] = [
    methods::DISCOVER,
    methods::TOOLS_LIST,
    methods::RESOURCES_LIST,
    methods::RESOURCES_TEMPLATES_LIST,
    methods::PROMPTS_LIST,
    methods::RESOURCES_READ,
];

/// The methods whose handlers may answer "input required" (and get `requestState` back).
pub const INPUT_REQUIRED: [&str; 3] = [
    methods::TOOLS_CALL,
    methods::PROMPTS_GET,
    methods::RESOURCES_READ,
];

/// True when a request claims the sessionless revision: its `_meta` names a protocol version
/// (the key is the claim, whatever its value). `initialize` opens the handshake unless its
/// envelope is whole and names a sessionless revision (then it is a removed method).
pub fn claims(method: &str, params: Option<&Value>) -> bool {
    let Some(meta) = params
        .and_then(|p| p.get("_meta"))
        .and_then(Value::as_object)
        .filter(|m| m.contains_key(keys::PROTOCOL_VERSION))
    else {
        return false;
    };
    method != methods::INITIALIZE
        || (meta.contains_key(keys::CLIENT_CAPABILITIES)
            && meta[keys::PROTOCOL_VERSION]
                .as_str()
                .and_then(Revision::parse_any)
                .is_some_and(Revision::is_modern))
}

/// Methods the revision removed: answered -32601 even when a handler exists.
pub fn removed(method: &str) -> bool {
    matches!(
        method,
        methods::INITIALIZE
            | methods::PING
            | methods::LOGGING_SET_LEVEL
            | methods::RESOURCES_SUBSCRIBE
            | methods::RESOURCES_UNSUBSCRIBE
    )
}

/// What one request's envelope says.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// The revision the request speaks.
    pub revision: Revision,
    /// The client's capabilities for this request.
    pub capabilities: Value,
    /// The client's `Implementation`, `null` when not given.
    pub client_info: Value,
    /// The lowest log level the client wants; none wanted when `None`.
    pub log_level: Option<LogLevel>,
}

/// The envelope's members, or -32602 when `_meta` or a required key is missing.
pub fn present(params: Option<&Value>) -> Result<&Map<String, Value>, ErrorData> {
    let Some(meta) = params
        .and_then(|p| p.get("_meta"))
        .and_then(Value::as_object)
    else {
        return Err(ErrorData::new(
            ErrorCode::INVALID_PARAMS,
            format!(
                "params._meta must be an object carrying the required '{}' and '{}' envelope keys",
                keys::PROTOCOL_VERSION,
                keys::CLIENT_CAPABILITIES
            ),
        )
        .with_data(json!({"envelope": {"missing": ["_meta"]}})));
    };
    let missing: Vec<&str> = [keys::PROTOCOL_VERSION, keys::CLIENT_CAPABILITIES]
        .into_iter()
        .filter(|k| !meta.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        return Err(ErrorData::new(
            ErrorCode::INVALID_PARAMS,
            format!(
                "params._meta is missing the required envelope key(s): {}",
                missing.join(", ")
            ),
        )
        .with_data(json!({"envelope": {"missing": missing}})));
    }
    Ok(meta)
}

/// -32022 naming what the server speaks and what the client asked for.
pub fn unsupported(requested: Option<&str>, message: &str) -> ErrorData {
    let supported: Vec<&str> = Revision::MODERN.iter().map(|r| r.as_str()).collect();
    let mut data = json!({ "supported": supported });
    if let Some(r) = requested {
        data["requested"] = Value::from(r);
    }
    ErrorData::new(codes::UNSUPPORTED_PROTOCOL_VERSION, message).with_data(data)
}

/// The TypeScript SDK's (2.x) refusal of an envelope that is absent or malformed: the first
/// problem, by key, in its words; `None` when the keys it checks are there and well typed.
pub fn typescript_envelope_problem(params: Option<&Value>) -> Option<ErrorData> {
    let Some(meta) = params
        .and_then(|p| p.get("_meta"))
        .and_then(Value::as_object)
    else {
        return Some(ErrorData::new(
            ErrorCode::INVALID_PARAMS,
            format!(
                "Request is missing the required _meta envelope for protocol revision {} ({}, {})",
                Revision::MODERN[0].as_str(),
                keys::PROTOCOL_VERSION,
                keys::CLIENT_CAPABILITIES
            ),
        ));
    };
    let revision = Revision::MODERN[0].as_str();
    // A key missing is named with its data; a value of the wrong type is what its schema
    // library (zod) says of each.
    for key in [keys::PROTOCOL_VERSION, keys::CLIENT_CAPABILITIES] {
        if !meta.contains_key(key) {
            return Some(
                ErrorData::new(
                    ErrorCode::INVALID_PARAMS,
                    format!(
                        "Invalid _meta envelope for protocol revision {revision}: {key}: missing"
                    ),
                )
                .with_data(json!({"envelope": {"key": key, "problem": "missing"}})),
            );
        }
    }
    let expected = [
        (keys::PROTOCOL_VERSION, "string"),
        (keys::CLIENT_CAPABILITIES, "object"),
        (keys::CLIENT_INFO, "object"),
    ];
    let issues: Vec<String> = expected
        .into_iter()
        .filter_map(|(key, wanted)| {
            let v = meta.get(key)?;
            let got = js_type(v);
            (got != wanted).then(|| format!("Invalid input: expected {wanted}, received {got}"))
        })
        .collect();
    (!issues.is_empty()).then(|| {
        ErrorData::new(
            ErrorCode::INVALID_PARAMS,
            format!(
                "Invalid _meta envelope for protocol revision {revision}: {}",
                issues.join("; ")
            ),
        )
    })
}

/// A JSON value's type as zod names what it received.
fn js_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// [`envelope`] as the TypeScript SDK (2.x) words its refusals.
pub fn typescript_envelope(params: Option<&Value>) -> Result<Envelope, ErrorData> {
    if let Some(e) = typescript_envelope_problem(params) {
        return Err(e);
    }
    envelope(params).map_err(|e| {
        if e.code == codes::UNSUPPORTED_PROTOCOL_VERSION {
            let requested = e.data.as_ref().and_then(|d| d["requested"].as_str());
            let message = format!(
                "Unsupported protocol version: {}",
                requested.unwrap_or("unknown")
            );
            ErrorData { message, ..e }
        } else {
            e
        }
    })
}

/// Reads and checks a request's envelope: -32602 when it is incomplete or malformed, -32022
/// when it names a revision the server does not speak.
pub fn envelope(params: Option<&Value>) -> Result<Envelope, ErrorData> {
    let meta = present(params)?;
    let Some(requested) = meta[keys::PROTOCOL_VERSION].as_str() else {
        return Err(ErrorData::new(
            ErrorCode::INVALID_PARAMS,
            "the protocol-version envelope value must be a string",
        ));
    };
    let revision = Revision::parse_any(requested)
        .filter(|r| r.is_modern())
        .ok_or_else(|| unsupported(Some(requested), "Unsupported protocol version"))?;
    let capabilities = meta[keys::CLIENT_CAPABILITIES].clone();
    if !capabilities.is_object() {
        return Err(ErrorData::new(
            ErrorCode::INVALID_PARAMS,
            "the client-capabilities envelope value must be an object",
        ));
    }
    let log_level = match meta.get(keys::LOG_LEVEL) {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_str().and_then(LogLevel::parse).ok_or_else(|| {
            ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                "the log-level envelope value must be one of debug, info, notice, warning, \
                 error, critical, alert, emergency",
            )
        })?),
    };
    Ok(Envelope {
        revision,
        capabilities,
        client_info: meta.get(keys::CLIENT_INFO).cloned().unwrap_or(Value::Null),
        log_level,
    })
}

/// The HTTP status a sessionless request's error is answered with.
pub fn http_status(code: ErrorCode) -> u16 {
    match code {
        ErrorCode::PARSE_ERROR
        | ErrorCode::INVALID_REQUEST
        | ErrorCode::INVALID_PARAMS
        | codes::HEADER_MISMATCH
        | codes::MISSING_REQUIRED_CLIENT_CAPABILITY
        | codes::UNSUPPORTED_PROTOCOL_VERSION => 400,
        ErrorCode::METHOD_NOT_FOUND => 404,
        _ => 200,
    }
}

/// What a client may do with a cacheable result: keep it `ttl_ms` milliseconds, and share it
/// between users (`public`) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheHint {
    /// How long the result stays fresh, in milliseconds.
    pub ttl_ms: u64,
    /// Whether caches shared between users may keep it.
    pub public: bool,
}

impl CacheHint {
    fn scope(self) -> &'static str {
        if self.public { "public" } else { "private" }
    }
}

/// The server's own members of every sessionless result.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// `serverInfo`, as JSON text (for results handlers wrote as text).
    server_info: String,
    /// The same, as a value (for results handlers built as values).
    server_info_value: Value,
}

impl Stamp {
    /// The stamp of a server whose `serverInfo` is `info`.
    pub fn new(info: Value) -> Self {
        Self {
            server_info: info.to_string(),
            server_info_value: info,
        }
    }
}

/// A handler's result made ready for a sessionless client: `resultType` (`"complete"` unless
/// the handler said otherwise), `_meta.serverInfo` merged into the handler's `_meta`, and for
/// cacheable methods `ttlMs`/`cacheScope` where the handler set none. An input-required result
/// gets no cache hints.
pub fn finish(method: &str, result: Reply, stamp: &Stamp, hint: Option<CacheHint>) -> Reply {
    let cacheable = CACHEABLE.contains(&method);
    match result {
        Reply::Object(mut o) if o.get("_meta").is_none() && o.get("resultType").is_none() => {
            o.push("resultType", "\"complete\"");
            if cacheable {
                let h = hint.unwrap_or_default();
                if o.get("ttlMs").is_none() {
                    o.push("ttlMs", &h.ttl_ms.to_string());
                }
                if o.get("cacheScope").is_none() {
                    o.push("cacheScope", &format!("\"{}\"", h.scope()));
                }
            }
            o.push(
                "_meta",
                &format!("{{\"{}\":{}}}", keys::SERVER_INFO, stamp.server_info),
            );
            Reply::Object(o)
        }
        other => {
            let mut v = match other.into_value() {
                Ok(Value::Object(m)) => m,
                Ok(other) => return Reply::Value(other),
                Err(e) => return Reply::Value(json!({"error": e.to_string()})),
            };
            let kind = v
                .entry("resultType")
                .or_insert_with(|| Value::from("complete"))
                .clone();
            if cacheable && kind == "complete" {
                let h = hint.unwrap_or_default();
                v.entry("ttlMs").or_insert_with(|| Value::from(h.ttl_ms));
                v.entry("cacheScope")
                    .or_insert_with(|| Value::from(h.scope()));
            }
            let meta = v
                .entry("_meta")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = meta
                && m.get(keys::SERVER_INFO).is_none_or(Value::is_null)
            {
                m.insert(keys::SERVER_INFO.into(), stamp.server_info_value.clone());
            }
            Reply::Value(Value::Object(v))
        }
    }
}

/// The `Mcp-Param-*` headers a tool's calls carry: `(<Name>, argument)` for each property of
/// its `inputSchema` annotated `"x-mcp-header": "<Name>"` (the header is `Mcp-Param-<Name>`).
pub fn param_headers(input_schema: &Value) -> Vec<(String, String)> {
    input_schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(property, schema)| {
            let name = schema.get("x-mcp-header")?.as_str()?;
            Some((name.to_owned(), property.clone()))
        })
        .collect()
}

/// Whether the header value `sent` (decoded) carries the argument `value`: strings as they
/// are, numbers by value, booleans as `true`/`false`.
pub fn param_matches(sent: &str, value: &Value) -> bool {
    match value {
        Value::String(s) => s == sent,
        Value::Number(n) => match (n.as_f64(), sent.trim().parse::<f64>()) {
            (Some(a), Ok(b)) => a == b,
            _ => false,
        },
        Value::Bool(b) => sent == if *b { "true" } else { "false" },
        other => serde_json::to_string(other).is_ok_and(|text| text == sent),
    }
}

/// True when a result asks the client for input.
pub fn is_input_required(result: &Value) -> bool {
    result.get("resultType").and_then(Value::as_str) == Some("input_required")
}

/// The capabilities an input-required result needs that `declared` lacks, as the
/// `requiredCapabilities` object of a -32021 error; `None` when the client declared them all.
pub fn missing_capabilities(result: &Value, declared: &Value) -> Option<Value> {
    let requests = result.get("inputRequests")?.as_object()?;
    let mut missing = Map::new();
    for r in requests.values() {
        needs(r, declared, &mut missing);
    }
    (!missing.is_empty()).then_some(Value::Object(missing))
}

/// The capabilities one server→client request (`{"method", "params"}`: elicitation, sampling or
/// roots) needs that `declared` lacks, as a `requiredCapabilities` object; `None` when the
/// client declared them all. The same rule answers an input-required result (2026-07-28) and
/// a request sent mid-call (2025-11-25).
pub fn missing_request_capabilities(request: &Value, declared: &Value) -> Option<Value> {
    let mut missing = Map::new();
    needs(request, declared, &mut missing);
    (!missing.is_empty()).then_some(Value::Object(missing))
}

fn needs(r: &Value, declared: &Value, missing: &mut Map<String, Value>) {
    let has = |k: &str| declared.get(k).is_some_and(|v| !v.is_null());
    match r.get("method").and_then(Value::as_str) {
        Some("elicitation/create") => {
            let url = r.pointer("/params/mode").and_then(Value::as_str) == Some("url");
            let mode = if url { "url" } else { "form" };
            let elicitation = declared.get("elicitation");
            // A bare `elicitation: {}` declares form support.
            let ok = match elicitation.and_then(Value::as_object) {
                None => false,
                Some(e) if e.is_empty() => !url,
                Some(e) => e.get(mode).is_some_and(|v| !v.is_null()),
            };
            if !ok {
                missing.insert("elicitation".into(), json!({ mode: {} }));
            }
        }
        Some("sampling/createMessage") => {
            // A request with `tools` or a `toolChoice` is in tools mode: it needs `sampling.tools`.
            let params = r.get("params");
            let offers = |k: &str| params.and_then(|p| p.get(k)).is_some_and(|v| !v.is_null());
            let tools = offers("tools") || offers("toolChoice");
            let declared_tools = declared
                .pointer("/sampling/tools")
                .is_some_and(|v| !v.is_null());
            if !has("sampling") || (tools && !declared_tools) {
                let need = if tools {
                    json!({"tools": {}})
                } else {
                    json!({})
                };
                missing.insert("sampling".into(), need);
            }
        }
        Some("roots/list") if !has("roots") => {
            missing.insert("roots".into(), json!({}));
        }
        _ => {}
    }
}

/// The -32021 error for `required`.
pub fn missing_capability_error(required: Value) -> ErrorData {
    let names: Vec<&str> = required
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    ErrorData::new(
        codes::MISSING_REQUIRED_CLIENT_CAPABILITY,
        format!(
            "The request needs client capabilities it does not declare: {}",
            names.join(", ")
        ),
    )
    .with_data(json!({ "requiredCapabilities": required }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonrpc::ObjectWriter;

    fn env(v: &str) -> Value {
        json!({"_meta": {keys::PROTOCOL_VERSION: v, keys::CLIENT_CAPABILITIES: {}}})
    }

    #[test]
    fn the_version_key_is_the_claim() {
        assert!(claims("tools/list", Some(&env("2026-07-28"))));
        assert!(claims("tools/list", Some(&env("2099-01-01"))));
        // `initialize` claims the revision only with a whole envelope naming it.
        assert!(claims("initialize", Some(&env("2026-07-28"))));
        assert!(!claims("initialize", Some(&env("2025-11-25"))));
        assert!(!claims(
            "initialize",
            Some(&json!({"_meta": {keys::PROTOCOL_VERSION: "2026-07-28"}}))
        ));
        assert!(!claims(
            "tools/list",
            Some(&json!({"_meta": {"progressToken": 1}}))
        ));
        assert!(!claims("server/discover", None));
    }

    #[test]
    fn envelopes_are_checked_in_order() {
        let e = envelope(Some(&json!({}))).unwrap_err();
        assert_eq!(e.code, ErrorCode::INVALID_PARAMS);
        let half = json!({"_meta": {keys::PROTOCOL_VERSION: "2026-07-28"}});
        let e = envelope(Some(&half)).unwrap_err();
        assert_eq!(e.code, ErrorCode::INVALID_PARAMS);
        assert_eq!(
            e.data,
            Some(json!({"envelope": {"missing": [keys::CLIENT_CAPABILITIES]}}))
        );
        let e = envelope(Some(&env("2025-11-25"))).unwrap_err();
        assert_eq!(e.code, codes::UNSUPPORTED_PROTOCOL_VERSION);
        assert_eq!(
            e.data,
            Some(json!({"supported": ["2026-07-28"], "requested": "2025-11-25"}))
        );
        let ok = envelope(Some(&env("2026-07-28"))).unwrap();
        assert_eq!(ok.revision, Revision::V2026_07_28);
        assert_eq!(ok.log_level, None);
    }

    #[test]
    fn results_are_stamped_and_hinted_once() {
        let stamp = Stamp::new(json!({"name": "s", "version": "1"}));
        let mut w = ObjectWriter::new();
        w.member("tools").extend_from_slice(b"[]");
        let written = Reply::Object(w.finish().unwrap());
        let hint = CacheHint {
            ttl_ms: 5,
            public: true,
        };
        let v = finish("tools/list", written, &stamp, Some(hint))
            .into_value()
            .unwrap();
        assert_eq!(
            v,
            json!({"tools": [], "resultType": "complete", "ttlMs": 5, "cacheScope": "public",
                   "_meta": {keys::SERVER_INFO: {"name": "s", "version": "1"}}})
        );
        let own = json!({"contents": [], "ttlMs": 9, "_meta": {"k": 1}});
        let v = finish("resources/read", Reply::Value(own), &stamp, Some(hint))
            .into_value()
            .unwrap();
        assert_eq!(v["ttlMs"], 9);
        assert_eq!(v["cacheScope"], "public");
        assert_eq!(v["_meta"]["k"], 1);
        let asking = json!({"resultType": "input_required", "inputRequests": {}});
        let v = finish("tools/call", Reply::Value(asking), &stamp, None)
            .into_value()
            .unwrap();
        assert_eq!(v["resultType"], "input_required");
        assert!(v.get("ttlMs").is_none());
    }

    #[test]
    fn param_headers_follow_the_annotations() {
        let schema = json!({"properties": {"region": {"type": "string", "x-mcp-header": "Region"},
                                           "n": {"type": "integer"}}});
        assert_eq!(
            param_headers(&schema),
            [("Region".to_owned(), "region".to_owned())]
        );
        assert!(param_matches("42", &json!(42.0)));
        assert!(param_matches("true", &json!(true)));
        assert!(!param_matches("eu", &json!("us")));
    }

    #[test]
    fn input_requests_need_declared_capabilities() {
        let r = json!({"resultType": "input_required", "inputRequests": {
            "a": {"method": "elicitation/create", "params": {"message": "?"}},
            "b": {"method": "sampling/createMessage", "params": {}},
            "c": {"method": "roots/list"}}});
        assert_eq!(
            missing_capabilities(&r, &json!({"sampling": {}})),
            Some(json!({"elicitation": {"form": {}}, "roots": {}}))
        );
        let all = json!({"sampling": {}, "elicitation": {}, "roots": {"listChanged": true}});
        assert_eq!(missing_capabilities(&r, &all), None);
    }

    #[test]
    fn one_request_needs_its_capability() {
        let ask = json!({"method": "elicitation/create", "params": {"mode": "form"}});
        assert_eq!(
            missing_request_capabilities(&ask, &json!({"elicitation": {}})),
            None
        );
        assert_eq!(
            missing_request_capabilities(&ask, &json!({"elicitation": {"url": {}}})),
            Some(json!({"elicitation": {"form": {}}}))
        );
        let tools = json!({"method": "sampling/createMessage", "params": {"tools": []}});
        assert_eq!(
            missing_request_capabilities(&tools, &json!({"sampling": {}})),
            Some(json!({"sampling": {"tools": {}}}))
        );
        assert_eq!(
            missing_request_capabilities(&tools, &json!({"sampling": {"tools": {}}})),
            None
        );
        let plain = json!({"method": "sampling/createMessage", "params": {}});
        assert_eq!(
            missing_request_capabilities(&plain, &json!({})),
            Some(json!({"sampling": {}}))
        );
        let roots = json!({"method": "roots/list"});
        assert_eq!(
            missing_request_capabilities(&roots, &json!({})),
            Some(json!({"roots": {}}))
        );
    }
}
