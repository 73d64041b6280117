//! Everything configurable about a server: what it announces, the answer rules it follows and
//! the limits that protect it.

use serde_json::Value;

use crate::guards::Guards;
use crate::policy::{Flavor, Policy};

/// Which list-changed notifications the server announces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListChanged {
    /// `tools.listChanged`.
    pub tools: bool,
    /// `resources.listChanged`.
    pub resources: bool,
    /// `prompts.listChanged`.
    pub prompts: bool,
}

/// Everything configurable about a server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// `serverInfo.name`.
    pub name: String,
    /// `serverInfo.version`.
    pub version: String,
    /// `serverInfo.title`.
    pub title: Option<String>,
    /// `serverInfo.description` (2025-11-25; `mcp` 2.x sends what `description=` gave it).
    pub description: Option<String>,
    /// `serverInfo.websiteUrl`.
    pub website_url: Option<String>,
    /// `serverInfo.icons`.
    pub icons: Option<Value>,
    /// `instructions` in the `initialize` result.
    pub instructions: Option<String>,
    /// Capabilities to announce as given; when `None` they are derived from the handlers.
    pub capabilities: Option<Value>,
    /// `capabilities.experimental` when capabilities are derived.
    pub experimental: Option<Value>,
    /// `capabilities.extensions` (identifier → settings, SEP-2133) when capabilities are
    /// derived: announced to 2026-07-28 clients (`server/discover`).
    pub extensions: Option<Value>,
    /// List-changed announcements when capabilities are derived.
    pub list_changed: ListChanged,
    /// Whether `tools/call` arguments are validated against the tool's `inputSchema`.
    pub validate_input: bool,
    /// The answer rules for failures and unknown tools, resources and prompts of the registry,
    /// and of handlers registered without their own ([`crate::policy`]).
    pub policy: Policy,
    /// Longest accepted message in bytes.
    pub max_message_size: usize,
    /// Deepest accepted JSON nesting.
    pub max_depth: usize,
    /// Most requests a session may have in flight at once.
    pub max_in_flight: usize,
    /// Tool timeouts, the concurrency cap and the rate limit ([`crate::guards`]); off unless set.
    pub guards: Guards,
    /// How sessionless (2026-07-28) requests are served ([`crate::era`]).
    pub modern: Modern,
}

/// The sessionless revision's server options.
#[derive(Debug, Clone)]
pub struct Modern {
    /// Whether sessionless requests are served at all; by default as the server's generation
    /// does ([`crate::Flavor::sessionless`]).
    pub enabled: Option<bool>,
    /// Whether `subscriptions/listen` is served (then list changes are announced).
    pub listen: bool,
    /// How many listens may be open at once (default 1024, as `mcp` 2.x's); beyond it a
    /// listen is refused with -32603.
    pub max_listens: usize,
    /// Cache hints per cacheable method; a method without one gets `ttlMs: 0`, `private`.
    pub cache_hints: Vec<(String, crate::era::CacheHint)>,
    /// Seals `requestState` of input-required results when set.
    pub sealer: Option<std::sync::Arc<crate::request_state::Sealer>>,
}

impl Default for Modern {
    fn default() -> Self {
        Self {
            enabled: None,
            listen: true,
            max_listens: 1024,
            cache_hints: Vec::new(),
            sealer: None,
        }
    }
}

impl Modern {
    /// The cache hint configured for `method`.
    pub fn hint(&self, method: &str) -> Option<crate::era::CacheHint> {
        self.cache_hints
            .iter()
            .find(|(m, _)| m == method)
            .map(|(_, h)| *h)
    }
}

/// The environment variables an operator sets limits with, and what each sets.
pub const LIMIT_VARIABLES: [(&str, &str); 8] = [
    (
        "FERROMCP_MAX_IN_FLIGHT",
        "requests a session may have in flight (default 4096)",
    ),
    (
        "FERROMCP_MAX_MESSAGE_SIZE",
        "longest accepted message in bytes (default 4 MiB)",
    ),
    (
        "FERROMCP_MAX_DEPTH",
        "deepest accepted JSON nesting (default 64)",
    ),
    (
        "FERROMCP_TOOL_TIMEOUT",
        "seconds a tool call may run before it is cancelled (default: no limit)",
    ),
    (
        "FERROMCP_TOOL_TIMEOUT_IN_LISTING",
        "1: show each tool's timeout in tools/list as _meta[\"io.ferromcp/timeoutMs\"]",
    ),
    (
        "FERROMCP_MAX_CONCURRENT",
        "requests whose handlers run at once, across sessions (default: no limit)",
    ),
    (
        "FERROMCP_MAX_QUEUED",
        "requests that may wait for one of those slots; more are refused (default 0)",
    ),
    (
        "FERROMCP_RATE_LIMIT",
        "requests per second a session may send, optionally `,burst` (default: no limit)",
    ),
];

impl ServerOptions {
    /// These options with the limits an operator set in the environment ([`LIMIT_VARIABLES`]):
    /// a server launched by a desktop client can be bounded without changing its code. A value
    /// that is not a positive integer is ignored, with a warning.
    #[must_use]
    pub fn with_env_limits(mut self) -> Self {
        let read = |name: &str| -> Option<usize> {
            let raw = std::env::var(name).ok()?;
            match raw.trim().parse::<usize>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    tracing::warn!("{name}={raw:?} is not a positive integer; ignored");
                    None
                }
            }
        };
        if let Some(n) = read("FERROMCP_MAX_IN_FLIGHT") {
            self.max_in_flight = n;
        }
        if let Some(n) = read("FERROMCP_MAX_MESSAGE_SIZE") {
            self.max_message_size = n;
        }
        if let Some(n) = read("FERROMCP_MAX_DEPTH") {
            self.max_depth = n;
        }
        let seconds = |name: &str| -> Option<f64> {
            let raw = std::env::var(name).ok()?;
            match raw.trim().parse::<f64>() {
                Ok(x) if x > 0.0 && x.is_finite() => Some(x),
                _ => {
                    tracing::warn!("{name}={raw:?} is not a positive number; ignored");
                    None
                }
            }
        };
        if let Some(s) = seconds("FERROMCP_TOOL_TIMEOUT") {
            self.guards.tool_timeout = Some(std::time::Duration::from_secs_f64(s));
        }
        if std::env::var("FERROMCP_TOOL_TIMEOUT_IN_LISTING").is_ok_and(|v| v.trim() == "1") {
            self.guards.timeout_in_listing = true;
        }
        if let Some(n) = read("FERROMCP_MAX_CONCURRENT") {
            self.guards.max_concurrent = Some(n);
        }
        if let Some(n) = read("FERROMCP_MAX_QUEUED") {
            self.guards.max_queued = n;
        }
        if let Ok(raw) = std::env::var("FERROMCP_RATE_LIMIT") {
            let mut parts = raw.split(',').map(|p| p.trim().parse::<f64>());
            match (parts.next(), parts.next()) {
                (Some(Ok(rate)), burst) if rate > 0.0 => {
                    let burst = burst
                        .and_then(Result::ok)
                        .filter(|b| *b >= 1.0)
                        .unwrap_or(rate.max(1.0));
                    self.guards.rate_limit = Some((rate, burst));
                }
                _ => tracing::warn!(
                    "FERROMCP_RATE_LIMIT={raw:?} is not `rate` or `rate,burst`; ignored"
                ),
            }
        }
        self
    }
}

impl ServerOptions {
    /// Options as a binding passes them, one JSON object with the official SDKs' spellings:
    /// `name`, `version`, `title`, `description`, `websiteUrl`, `icons`, `instructions`, `capabilities`,
    /// `experimental`, `toolsChanged`/`resourcesChanged`/`promptsChanged`, `validateInput`,
    /// `maxMessageSize`, `maxDepth`, `maxInFlight`, `flavor` and `maskErrorDetails`, and the
    /// guards: `toolTimeout` (seconds), `toolTimeouts` (tool → seconds), `toolTimeoutInListing`,
    /// `maxConcurrent`,
    /// `maxQueued`, `rateLimit` (per second) and `rateBurst`. Missing members keep their
    /// defaults; limits set in the environment apply.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let b = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
        let given = |k: &str| v.get(k).filter(|x| !x.is_null()).cloned();
        let size = |k: &str| v.get(k).and_then(Value::as_u64).map(|x| x as usize);
        let mut o = Self::default().with_env_limits();
        if let Some(n) = s("name") {
            o.name = n;
        }
        if let Some(n) = s("version") {
            o.version = n;
        }
        o.title = s("title");
        o.description = s("description");
        o.website_url = s("websiteUrl");
        o.icons = given("icons");
        o.instructions = s("instructions");
        o.capabilities = given("capabilities");
        o.experimental = given("experimental");
        o.extensions = given("extensions").filter(|e| e.as_object().is_some_and(|m| !m.is_empty()));
        o.list_changed = ListChanged {
            tools: b("toolsChanged"),
            resources: b("resourcesChanged"),
            prompts: b("promptsChanged"),
        };
        if let Some(x) = v.get("validateInput").and_then(Value::as_bool) {
            o.validate_input = x;
        }
        o.max_message_size = size("maxMessageSize").unwrap_or(o.max_message_size);
        o.max_depth = size("maxDepth").unwrap_or(o.max_depth);
        o.max_in_flight = size("maxInFlight").unwrap_or(o.max_in_flight);
        let secs = |x: &Value| {
            x.as_f64()
                .filter(|s| *s > 0.0)
                .map(std::time::Duration::from_secs_f64)
        };
        if let Some(d) = v.get("toolTimeout").and_then(secs) {
            o.guards.tool_timeout = Some(d);
        }
        if let Some(Value::Object(per)) = v.get("toolTimeouts") {
            o.guards.tool_timeouts = per
                .iter()
                .filter_map(|(k, x)| secs(x).map(|d| (k.clone(), d)))
                .collect();
        }
        if let Some(on) = v.get("toolTimeoutInListing").and_then(Value::as_bool) {
            o.guards.timeout_in_listing = on;
        }
        if let Some(n) = size("maxConcurrent") {
            o.guards.max_concurrent = Some(n);
        }
        if let Some(n) = size("maxQueued") {
            o.guards.max_queued = n;
        }
        if let Some(r) = v
            .get("rateLimit")
            .and_then(Value::as_f64)
            .filter(|r| *r > 0.0)
        {
            let burst = v
                .get("rateBurst")
                .and_then(Value::as_f64)
                .filter(|b| *b >= 1.0);
            o.guards.rate_limit = Some((r, burst.unwrap_or(r.max(1.0))));
        }
        if let Some(on) = v.get("sessionless").and_then(Value::as_bool) {
            o.modern.enabled = Some(on);
        }
        if let Some(on) = v.get("subscriptions").and_then(Value::as_bool) {
            o.modern.listen = on;
        }
        if let Some(n) = v.get("maxSubscriptions").and_then(Value::as_u64) {
            o.modern.max_listens = usize::try_from(n).unwrap_or(usize::MAX);
        }
        if let Some(Value::Object(hints)) = v.get("cacheHints") {
            for (method, h) in hints {
                if !crate::era::CACHEABLE.contains(&method.as_str()) {
                    return Err(format!("{method} results are not cacheable"));
                }
                let hint = crate::era::CacheHint {
                    ttl_ms: h.get("ttlMs").and_then(Value::as_u64).unwrap_or(0),
                    public: h.get("scope").and_then(Value::as_str) == Some("public"),
                };
                o.modern.cache_hints.push((method.clone(), hint));
            }
        }
        if let Some(rs) = v.get("requestState").filter(|x| x.is_object()) {
            use base64::Engine;
            let keys = rs
                .get("keys")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|k| {
                    k.as_str()
                        .and_then(|k| base64::engine::general_purpose::STANDARD.decode(k).ok())
                        .ok_or_else(|| "request-state keys are base64 strings".to_owned())
                })
                .collect::<Result<Vec<_>, _>>()?;
            let ttl = rs.get("ttl").and_then(Value::as_f64).unwrap_or(600.0);
            // Absent: the server's name; null: states without an audience.
            let audience = match rs.get("audience") {
                None => Some(o.name.as_str()),
                Some(a) => a.as_str(),
            };
            let mut sealer = crate::request_state::Sealer::new(
                keys,
                std::time::Duration::from_secs_f64(ttl.max(0.0)),
                audience,
            )?;
            if rs.get("bindPrincipal").and_then(Value::as_bool) == Some(false) {
                sealer.principal = crate::request_state::Principal::Unbound;
            }
            o.modern.sealer = Some(std::sync::Arc::new(sealer));
        }
        if let Some(f) = s("flavor") {
            let flavor = Flavor::parse(&f).ok_or_else(|| format!("unknown answer flavor {f:?}"))?;
            let p = Policy::new(flavor);
            o.policy = match v.get("maskErrorDetails").and_then(Value::as_bool) {
                Some(m) => p.masked(m),
                None => p,
            };
        }
        Ok(o)
    }
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            name: "ferromcp".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            title: None,
            description: None,
            website_url: None,
            icons: None,
            instructions: None,
            capabilities: None,
            experimental: None,
            extensions: None,
            list_changed: ListChanged::default(),
            validate_input: true,
            policy: Policy::default(),
            max_message_size: 4 * 1024 * 1024,
            max_depth: 64,
            max_in_flight: 4096,
            guards: Guards::default(),
            modern: Modern::default(),
        }
    }
}
