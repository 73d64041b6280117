//! Everything configurable about a server: what it announces, the answer rules it follows and
//! the limits that protect it.

use serde_json::Value;

use crate::policy::Policy;

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

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            name: "ferromcp".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            title: None,
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
