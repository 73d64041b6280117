//! Everything configurable about a server: what it announces, the answer rules it follows and
//! the limits that protect it.

use serde_json::Value;

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
}

/// The environment variables an operator sets limits with, and what each sets.
pub const LIMIT_VARIABLES: [(&str, &str); 3] = [
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
        self
    }
}

impl ServerOptions {
    /// Options as a binding passes them, one JSON object with the official SDKs' spellings:
    /// `name`, `version`, `title`, `description`, `websiteUrl`, `icons`, `instructions`, `capabilities`,
    /// `experimental`, `toolsChanged`/`resourcesChanged`/`promptsChanged`, `validateInput`,
    /// `maxMessageSize`, `maxDepth`, `maxInFlight`, `flavor` and `maskErrorDetails`. Missing
    /// members keep their defaults; limits set in the environment apply.
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
            list_changed: ListChanged::default(),
            validate_input: true,
            policy: Policy::default(),
            max_message_size: 4 * 1024 * 1024,
            max_depth: 64,
            max_in_flight: 4096,
        }
    }
}
