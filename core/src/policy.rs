//! What the client sees when a handler fails, or asks for something nothing serves — per the
//! API generation a server is written for. The official SDK generations answer the same failure
//! on different planes (a tool that raises: an `isError` result in every generation, but an
//! `McpError` from a 2.x tool is a JSON-RPC error; an unknown resource: -32002, 0 or -32602), and
//! a drop-in server must answer as the one its author wrote for. Bindings report what a handler
//! raised ([`Raised`]); [`Policy`] decides the answer, here and nowhere else.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling>

use serde_json::{Value, json};

use crate::error::{ErrorCode, ErrorData};
use crate::handler::HandlerError;

/// The API generation whose answers a server (or one of its handlers) gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Flavor {
    /// The specification's rules, for Rust handlers: a tool failure is an `isError` result, any
    /// other failure -32603, an MCP error is sent as raised.
    #[default]
    Spec,
    /// `mcp` 1.x low-level `Server` decorators: a tool's exception is an `isError` result with
    /// its text (URL elicitation's own error aside); other handlers answer code 0.
    LowLevelV1,
    /// `mcp` 2.x low-level `Server(on_*=...)`: every exception is a JSON-RPC error, code 0
    /// unless it is an MCP error.
    LowLevelV2,
    /// `mcp` 1.x `FastMCP`: `Error executing tool <name>: <text>`, even for MCP errors.
    FastMcpV1,
    /// `mcp` 2.x `MCPServer`: MCP errors are JSON-RPC errors; unexpected exceptions masked.
    McpServerV2,
    /// fastmcp 4.x servers (`from ferromcp import FastMCP`, on `mcp` 2.x): `Error calling tool
    /// '<name>': …` (unmasked by default); resources and prompts fail with -32603, unknown ones
    /// are -32602.
    FastMcp,
    /// fastmcp 2.x servers (on `mcp` 1.x): tool failures as 4.x; resource and prompt failures
    /// code 0; unknown names unquoted except a resource's.
    FastMcpV2,
    /// fastmcp 3.x servers (on `mcp` 1.x): tool failures as 4.x; resource and prompt failures
    /// code 0; an unknown resource -32002.
    FastMcpV3,
    /// `@modelcontextprotocol/sdk` 1.x low-level `Server`: a thrown error with an integer `code`
    /// is sent with its code and message, anything else is -32603 — tool calls included.
    TsServer,
    /// `@modelcontextprotocol/sdk` 1.x `McpServer`: a tool's thrown error is an `isError` result
    /// with its message; unknown tools, resources and prompts are `MCP error -32602: … not found`.
    TsMcpServer,
    /// `@modelcontextprotocol/server` 2.x low-level `Server`: as [`Flavor::TsServer`] (a
    /// `ProtocolError` carries no `MCP error <code>:` prefix, so its message goes as thrown).
    TsServerV2,
    /// `@modelcontextprotocol/server` 2.x `McpServer`: a tool's thrown error is an `isError`
    /// result as in 1.x, but an unknown tool is a JSON-RPC error `-32602 Tool x not found`, an
    /// unknown resource `-32602 Resource not found: <uri>` with the URI in `data` (SEP-2164), an
    /// unknown prompt `-32602 Prompt x not found`.
    TsMcpServerV2,
}

impl Flavor {
    /// The flavor named as the Python layer names it (`"spec"`, `"lowlevel1"`, `"lowlevel2"`,
    /// `"fastmcp1"`, `"mcpserver2"`, `"fastmcp2"`, `"fastmcp3"`, `"fastmcp"` for fastmcp 4.x)
    /// or the Node layer (`"ts-server"`, `"ts-mcpserver"`; `"ts-server-v2"`, `"ts-mcpserver-v2"`).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "spec" => Self::Spec,
            "lowlevel1" => Self::LowLevelV1,
            "lowlevel2" => Self::LowLevelV2,
            "fastmcp1" => Self::FastMcpV1,
            "mcpserver2" => Self::McpServerV2,
            "fastmcp" | "fastmcp4" => Self::FastMcp,
            "fastmcp2" => Self::FastMcpV2,
            "fastmcp3" => Self::FastMcpV3,
            "ts-server" => Self::TsServer,
            "ts-mcpserver" => Self::TsMcpServer,
            "ts-server-v2" => Self::TsServerV2,
            "ts-mcpserver-v2" => Self::TsMcpServerV2,
            _ => return None,
        })
    }

    /// True for the generations that serve the sessionless revision (2026-07-28): ferromcp's
    /// own, `mcp` 2.x, fastmcp 4 and `@modelcontextprotocol/server` 2.x. The others answer as
    /// their SDK does, so newer clients fall back to `initialize`.
    pub fn sessionless(self) -> bool {
        matches!(
            self,
            Self::Spec
                | Self::LowLevelV2
                | Self::McpServerV2
                | Self::FastMcp
                | Self::TsServerV2
                | Self::TsMcpServerV2
        )
    }

    fn decorator_api(self) -> bool {
        matches!(self, Self::FastMcpV1 | Self::McpServerV2) || self.fastmcp_major().is_some()
    }

    /// The fastmcp major version whose answers these are, for the fastmcp flavors.
    fn fastmcp_major(self) -> Option<u8> {
        match self {
            Self::FastMcpV2 => Some(2),
            Self::FastMcpV3 => Some(3),
            Self::FastMcp => Some(4),
            _ => None,
        }
    }

    /// The TypeScript SDK's rules beyond failures: requests before `initialize` are served, a
    /// second `initialize` is answered again, an unknown method's error carries no data, and
    /// results keep every field whatever revision was negotiated.
    pub fn typescript_sdk(self) -> bool {
        matches!(
            self,
            Self::TsServer | Self::TsMcpServer | Self::TsServerV2 | Self::TsMcpServerV2
        )
    }
}

/// What a handler raised, as a binding reports it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Raised {
    /// The exception's class names, most derived first (its MRO or prototype chain).
    pub classes: Vec<String>,
    /// Its text (`str(exc)`, `err.message`).
    pub message: String,
    /// The JSON-RPC error an MCP error (`McpError`, `MCPError`) carried.
    pub error: Option<ErrorData>,
    /// Whether that MCP error is the framework's own class rather than one of an official SDK
    /// installed beside it (1.x `FastMCP` answers them differently).
    pub native: bool,
}

impl Raised {
    /// Whether one of the exception's classes is named `class`.
    pub fn is(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }
}

/// The answer rules of one flavor; `mask` hides the text of unexpected exceptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Policy {
    /// Whose rules.
    pub flavor: Flavor,
    /// Hide the text of unexpected exceptions (2.x `MCPServer`'s default).
    pub mask: bool,
}

/// An `isError` tool result with one text block.
pub fn is_error_result(text: impl Into<String>) -> Value {
    json!({"content": [{"type": "text", "text": text.into()}], "isError": true})
}

/// What zod calls a JSON value's type in "expected string, received number".
fn zod_type(v: Option<&Value>) -> &'static str {
    match v {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

/// The issues zod finds in `tools/call` params against the TypeScript SDK 2.x's schema, in the
/// order it reports them (`task`, `name`, `arguments`); `None` when there are none.
fn zod_call_issues(params: &Value) -> Option<Value> {
    let issue = |expected: &str, path: &[&str], got: Option<&Value>| {
        let mut at = vec!["params"];
        at.extend_from_slice(path);
        json!({
            "expected": expected,
            "code": "invalid_type",
            "path": at,
            "message": format!("Invalid input: expected {expected}, received {}", zod_type(got)),
        })
    };
    let Value::Object(p) = params else {
        return Some(json!([issue(
            "object",
            &[],
            Some(params).filter(|v| !v.is_null())
        )]));
    };
    let mut issues = Vec::new();
    match p.get("task") {
        None | Some(Value::Object(_)) => {}
        got => issues.push(issue("object", &["task"], got)),
    }
    if let Some(ttl) = p.get("task").and_then(|t| t.get("ttl")) {
        if !ttl.is_number() {
            issues.push(issue("number", &["task", "ttl"], Some(ttl)));
        }
    }
    if !p.get("name").is_some_and(Value::is_string) {
        issues.push(issue("string", &["name"], p.get("name")));
    }
    match p.get("arguments") {
        None | Some(Value::Object(_)) => {}
        got => issues.push(issue("record", &["arguments"], got)),
    }
    (!issues.is_empty()).then(|| Value::Array(issues))
}

fn code0(message: impl Into<String>) -> ErrorData {
    ErrorData::new(ErrorCode(0), message)
}

impl Policy {
    /// A policy for `flavor`, masking as that generation does by default.
    pub fn new(flavor: Flavor) -> Self {
        Self {
            flavor,
            mask: flavor == Flavor::McpServerV2,
        }
    }

    /// The same policy with masking set explicitly.
    #[must_use]
    pub fn masked(mut self, mask: bool) -> Self {
        self.mask = mask;
        self
    }

    /// The rules of the low-level server beneath a TypeScript `McpServer`, for a handler the
    /// author set on that server (`mcpServer.server.setRequestHandler(...)`): the SDK serves it
    /// as the low-level server does, a thrown error from `tools/call` included.
    #[must_use]
    pub fn low_level(self) -> Self {
        let flavor = match self.flavor {
            Flavor::TsMcpServer => Flavor::TsServer,
            Flavor::TsMcpServerV2 => Flavor::TsServerV2,
            f => f,
        };
        Self { flavor, ..self }
    }

    /// A `tools/call` handler for `tool` failed: an `isError` result, or a JSON-RPC error.
    pub fn tool_failure(&self, tool: &str, e: HandlerError) -> Result<Value, ErrorData> {
        let r = match e {
            HandlerError::Rpc(e) => return Err(e),
            HandlerError::Failed(m) => return Ok(is_error_result(m)),
            HandlerError::Raised(r) => r,
        };
        match self.flavor {
            Flavor::Spec => match r.error {
                Some(e) => Err(e),
                None => Ok(is_error_result(r.message)),
            },
            Flavor::LowLevelV1 => match r.error {
                Some(e) if r.is("UrlElicitationRequiredError") => Err(e),
                _ => Ok(is_error_result(r.message)),
            },
            Flavor::LowLevelV2 => Err(Self::rpc(*r)),
            Flavor::TsServer | Flavor::TsServerV2 => Err(Self::thrown(*r)),
            Flavor::TsMcpServer | Flavor::TsMcpServerV2 => match r.error {
                Some(e) if e.code == ErrorCode::URL_ELICITATION_REQUIRED => Err(e),
                _ => Ok(is_error_result(r.message)),
            },
            // fastmcp: its own errors (ToolError …) show their text; anything else, MCP errors
            // too, is `Error calling tool '<name>'` (masked) or `…: <text>`. Only 4.x keeps a
            // missing client capability (-32021) a JSON-RPC error.
            Flavor::FastMcp | Flavor::FastMcpV2 | Flavor::FastMcpV3 => match r.error {
                Some(e)
                    if self.flavor == Flavor::FastMcp
                        && e.code == ErrorCode::MISSING_REQUIRED_CLIENT_CAPABILITY =>
                {
                    Err(e)
                }
                _ if r.is("FastMCPError") || r.is("ToolError") => Ok(is_error_result(r.message)),
                _ if self.mask => Ok(is_error_result(format!("Error calling tool '{tool}'"))),
                _ => Ok(is_error_result(format!(
                    "Error calling tool '{tool}': {}",
                    r.message
                ))),
            },
            Flavor::FastMcpV1 | Flavor::McpServerV2 => match r.error {
                Some(e) if self.flavor != Flavor::FastMcpV1 => Err(e),
                _ if r.is("ToolError") || !self.mask => Ok(is_error_result(format!(
                    "Error executing tool {tool}: {}",
                    r.message
                ))),
                _ => Ok(is_error_result(format!("Error executing tool {tool}"))),
            },
        }
    }

    /// A `resources/read` handler for `uri` failed.
    pub fn resource_failure(&self, uri: &str, e: HandlerError) -> ErrorData {
        let r = match self.early(e) {
            Ok(r) => r,
            Err(e) => return e,
        };
        match self.flavor {
            Flavor::FastMcpV1 => match r.error {
                Some(e) if r.native => e,
                _ => code0(format!("Error reading resource {uri}: {}", r.message)),
            },
            Flavor::FastMcp | Flavor::FastMcpV2 | Flavor::FastMcpV3 => self.fastmcp_failure(
                *r,
                &format!("Error reading resource '{uri}'"),
                "ResourceError",
            ),
            Flavor::McpServerV2 => {
                if let Some(e) = r.error {
                    return e;
                }
                let message = if r.is("ResourceError") {
                    r.message
                } else if self.mask {
                    format!("Error reading resource {uri}")
                } else {
                    format!("Error reading resource {uri}: {}", r.message)
                };
                ErrorData::new(ErrorCode::INTERNAL_ERROR, message).with_data(json!({"uri": uri}))
            }
            _ => self.other(*r),
        }
    }

    /// A `prompts/get` handler for `prompt` failed.
    pub fn prompt_failure(&self, prompt: &str, e: HandlerError) -> ErrorData {
        let r = match self.early(e) {
            Ok(r) => r,
            Err(e) => return e,
        };
        if !self.flavor.decorator_api() {
            return self.other(*r);
        }
        if self.flavor == Flavor::FastMcpV2 {
            // 2.x renders a prompt inside one catch-all: every failure but missing arguments
            // (checked before it) is this one text, masked or not.
            if !r.is("MissingArguments") {
                return code0(format!("Error rendering prompt {prompt}."));
            }
        }
        if self.flavor.fastmcp_major().is_some() {
            if self.flavor == Flavor::FastMcp && r.is("MissingArguments") {
                return ErrorData::new(ErrorCode::INVALID_PARAMS, r.message);
            }
            return self.fastmcp_failure(
                *r,
                &format!("Error rendering prompt '{prompt}'"),
                "PromptError",
            );
        }
        match r.error {
            Some(e) if r.native => e,
            _ if r.is("MissingArguments") => code0(r.message),
            _ if self.mask => code0(format!("Error rendering prompt {prompt}")),
            _ => code0(format!("Error rendering prompt {prompt}: {}", r.message)),
        }
    }

    /// A fastmcp resource or prompt failure: fastmcp's own errors (`kind`, any `FastMCPError`)
    /// keep their text, others are `<context>` (masked) or `<context>: <text>`; -32603 in 4.x
    /// (on `mcp` 2.x), code 0 before. An MCP error is sent as raised, except by 2.x, which
    /// wraps it like any other.
    fn fastmcp_failure(&self, r: Raised, context: &str, kind: &str) -> ErrorData {
        let code = match self.flavor {
            // 4.x sends its own validation errors (missing prompt arguments …) as invalid params.
            Flavor::FastMcp if r.is("ValidationError") && r.is("FastMCPError") => {
                ErrorCode::INVALID_PARAMS
            }
            Flavor::FastMcp => ErrorCode::INTERNAL_ERROR,
            _ => ErrorCode(0),
        };
        let own = r.is(kind) || r.is("FastMCPError");
        match r.error {
            Some(e) if self.flavor != Flavor::FastMcpV2 => e,
            _ if own => ErrorData::new(code, r.message),
            _ if self.mask => ErrorData::new(code, context),
            _ => ErrorData::new(code, format!("{context}: {}", r.message)),
        }
    }

    /// Any other handler failed, serving a request of the era `modern` says: at 2026-07-28 the
    /// official 2.x servers send an MCP error as raised and anything else as -32603 "Internal
    /// server error", so that a handler's internals never reach the wire.
    pub fn failure_in(&self, e: HandlerError, modern: bool) -> ErrorData {
        if !(modern && matches!(self.flavor, Flavor::LowLevelV2 | Flavor::McpServerV2)) {
            return self.failure(e);
        }
        match self.early(e) {
            Ok(r) => r.error.unwrap_or_else(|| {
                tracing::warn!(classes = ?r.classes, message = %r.message, "handler raised");
                ErrorData::new(ErrorCode::INTERNAL_ERROR, "Internal server error")
            }),
            Err(e) => e,
        }
    }

    /// Any other handler failed.
    pub fn failure(&self, e: HandlerError) -> ErrorData {
        match self.early(e) {
            Ok(r) => self.other(*r),
            Err(e) => e,
        }
    }

    /// Failures every flavor answers alike: an explicit error, or the binding's own failure.
    fn early(&self, e: HandlerError) -> Result<Box<Raised>, ErrorData> {
        match e {
            HandlerError::Rpc(e) => Err(e),
            HandlerError::Failed(m) => Err(ErrorData::new(ErrorCode::INTERNAL_ERROR, m)),
            HandlerError::Raised(r) => Ok(r),
        }
    }

    fn other(&self, r: Raised) -> ErrorData {
        match self.flavor {
            Flavor::Spec => r
                .error
                .unwrap_or_else(|| ErrorData::new(ErrorCode::INTERNAL_ERROR, r.message)),
            Flavor::TsServer | Flavor::TsMcpServer | Flavor::TsServerV2 | Flavor::TsMcpServerV2 => {
                Self::thrown(r)
            }
            _ => Self::rpc(r),
        }
    }

    /// The TypeScript SDK's rule: an error with an integer code as thrown, else -32603.
    fn thrown(r: Raised) -> ErrorData {
        r.error
            .unwrap_or_else(|| ErrorData::new(ErrorCode::INTERNAL_ERROR, r.message))
    }

    /// The official low-level servers' rule: an MCP error as raised, anything else code 0.
    fn rpc(r: Raised) -> ErrorData {
        r.error.unwrap_or_else(|| code0(r.message))
    }

    /// A `tools/call` whose params are not the method's shape: -32602, worded as the
    /// generation words it (the TypeScript SDK 2.x lists every problem as zod reports it).
    pub fn malformed_tool_call(&self, params: &Value) -> Option<ErrorData> {
        if matches!(self.flavor, Flavor::TsServerV2 | Flavor::TsMcpServerV2) {
            return zod_call_issues(params).map(|issues| {
                let listed = serde_json::to_string_pretty(&issues).unwrap_or_default();
                ErrorData::new(
                    ErrorCode::INVALID_PARAMS,
                    format!("Invalid tools/call request: {listed}"),
                )
            });
        }
        if !params.get("name").is_some_and(Value::is_string) {
            return Some(ErrorData::invalid_params("name must be a string"));
        }
        match params.get("arguments") {
            None | Some(Value::Null | Value::Object(_)) => None,
            Some(_) => Some(ErrorData::invalid_params("arguments must be an object")),
        }
    }

    /// `tools/call` of a tool nothing registered: an `isError` result (fastmcp 3.x and 4.x
    /// quote the name), or a JSON-RPC error in the TypeScript SDK 2.x.
    pub fn unknown_tool(&self, tool: &str) -> Result<Value, ErrorData> {
        Ok(match self.flavor {
            Flavor::FastMcp | Flavor::FastMcpV3 => {
                is_error_result(format!("Unknown tool: '{tool}'"))
            }
            Flavor::TsMcpServer => {
                is_error_result(format!("MCP error -32602: Tool {tool} not found"))
            }
            Flavor::TsServerV2 | Flavor::TsMcpServerV2 => {
                return Err(ErrorData::new(
                    ErrorCode::INVALID_PARAMS,
                    format!("Tool {tool} not found"),
                ));
            }
            _ => is_error_result(format!("Unknown tool: {tool}")),
        })
    }

    /// `resources/read` of a URI nothing registered serves: -32002 with the URI per the
    /// specification, code 0 in `mcp` 1.x, -32602 with the URI in 2.x; fastmcp quotes it.
    pub fn unknown_resource(&self, uri: &str) -> ErrorData {
        let message = format!("Unknown resource: {uri}");
        match self.flavor {
            Flavor::FastMcpV2 => code0(format!("Unknown resource: '{uri}'")),
            Flavor::FastMcpV3 => ErrorData::new(
                ErrorCode::RESOURCE_NOT_FOUND,
                format!("Resource not found: Unknown resource: '{uri}'"),
            ),
            Flavor::FastMcp => ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("Resource not found: '{uri}'"),
            )
            .with_data(json!({"uri": uri})),
            Flavor::TsServer | Flavor::TsMcpServer => ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("MCP error -32602: Resource {uri} not found"),
            ),
            Flavor::FastMcpV1 => code0(message),
            Flavor::TsServerV2 | Flavor::TsMcpServerV2 => ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("Resource not found: {uri}"),
            )
            .with_data(json!({"uri": uri})),
            Flavor::McpServerV2 => {
                ErrorData::new(ErrorCode::INVALID_PARAMS, message).with_data(json!({"uri": uri}))
            }
            _ => ErrorData::new(ErrorCode::RESOURCE_NOT_FOUND, message)
                .with_data(json!({"uri": uri})),
        }
    }

    /// `prompts/get` of a prompt nothing registered: code 0 in the decorator APIs, -32602 else;
    /// fastmcp 3.x and 4.x quote the name, and 4.x answers -32602.
    pub fn unknown_prompt(&self, prompt: &str) -> ErrorData {
        match self.flavor {
            Flavor::FastMcpV3 => return code0(format!("Unknown prompt: '{prompt}'")),
            Flavor::FastMcp => {
                return ErrorData::new(
                    ErrorCode::INVALID_PARAMS,
                    format!("Unknown prompt: '{prompt}'"),
                );
            }
            _ => {}
        }
        let message = format!("Unknown prompt: {prompt}");
        if matches!(self.flavor, Flavor::TsServerV2 | Flavor::TsMcpServerV2) {
            return ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("Prompt {prompt} not found"),
            );
        }
        if self.flavor.typescript_sdk() {
            return ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("MCP error -32602: Prompt {prompt} not found"),
            );
        }
        if self.flavor.decorator_api() {
            code0(message)
        } else {
            ErrorData::new(ErrorCode::INVALID_PARAMS, message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_tool_call_is_worded_by_generation() {
        let spec = Policy::new(Flavor::Spec);
        let v2 = Policy::new(Flavor::TsMcpServerV2);
        let message = |p: &Policy, params: Value| p.malformed_tool_call(&params).map(|e| e.message);
        assert_eq!(
            message(&spec, json!({"name": "t", "arguments": null})),
            None
        );
        assert_eq!(
            message(&spec, json!({"arguments": 5})).as_deref(),
            Some("Invalid params: name must be a string")
        );
        assert_eq!(
            message(&spec, json!({"name": "t", "arguments": [1]})).as_deref(),
            Some("Invalid params: arguments must be an object")
        );
        // 2.x: every problem, as zod lists them (`null` arguments are not a record there).
        assert_eq!(message(&v2, json!({"name": "t", "arguments": {}})), None);
        let listed = message(&v2, json!({"arguments": null, "name": 7})).unwrap();
        let issues: Value =
            serde_json::from_str(listed.strip_prefix("Invalid tools/call request: ").unwrap())
                .unwrap();
        let said: Vec<&str> = issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["message"].as_str().unwrap())
            .collect();
        assert_eq!(
            said,
            [
                "Invalid input: expected string, received number",
                "Invalid input: expected record, received null"
            ]
        );
    }

    fn raised(classes: &[&str], message: &str, error: Option<ErrorData>) -> HandlerError {
        HandlerError::Raised(Box::new(Raised {
            classes: classes.iter().map(|c| (*c).to_owned()).collect(),
            message: message.into(),
            error,
            native: true,
        }))
    }

    fn text(v: &Value) -> &str {
        v["content"][0]["text"].as_str().unwrap()
    }

    #[test]
    fn a_2026_request_hides_what_a_2x_handler_raised() {
        let boom = || raised(&["ValueError", "Exception"], "secret detail", None);
        let p = Policy::new(Flavor::LowLevelV2);
        let e = p.failure_in(boom(), true);
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::INTERNAL_ERROR, "Internal server error")
        );
        assert_eq!(p.failure_in(boom(), false).code, ErrorCode(0));
        let own = ErrorData::new(ErrorCode(-32042), "mine");
        let mcp = raised(&["MCPError", "Exception"], "mine", Some(own.clone()));
        assert_eq!(p.failure_in(mcp, true), own);
        // Generations without the 2026 era keep their rule.
        let v1 = Policy::new(Flavor::LowLevelV1).failure_in(boom(), true);
        assert_eq!(v1.message, "secret detail");
    }

    #[test]
    fn tool_failures_follow_the_generation() {
        let boom = || raised(&["ValueError", "Exception"], "boom", None);
        let mcp = || {
            raised(
                &["McpError", "Exception"],
                "no",
                Some(ErrorData::new(ErrorCode(-1), "no")),
            )
        };
        let v1 = Policy::new(Flavor::LowLevelV1);
        assert_eq!(text(&v1.tool_failure("t", boom()).unwrap()), "boom");
        assert_eq!(text(&v1.tool_failure("t", mcp()).unwrap()), "no");
        let v2 = Policy::new(Flavor::LowLevelV2);
        assert_eq!(v2.tool_failure("t", boom()).unwrap_err().code, ErrorCode(0));
        assert_eq!(v2.tool_failure("t", mcp()).unwrap_err().code, ErrorCode(-1));
        let fast1 = Policy::new(Flavor::FastMcpV1);
        assert_eq!(
            text(&fast1.tool_failure("t", mcp()).unwrap()),
            "Error executing tool t: no"
        );
        let server2 = Policy::new(Flavor::McpServerV2);
        assert_eq!(
            text(&server2.tool_failure("t", boom()).unwrap()),
            "Error executing tool t"
        );
        let tool_error = raised(&["ToolError", "Exception"], "bad", None);
        assert_eq!(
            text(&server2.tool_failure("t", tool_error).unwrap()),
            "Error executing tool t: bad"
        );
        assert!(server2.tool_failure("t", mcp()).is_err());
        assert_eq!(
            text(&server2.masked(false).tool_failure("t", boom()).unwrap()),
            "Error executing tool t: boom"
        );
        let spec = Policy::default();
        assert_eq!(text(&spec.tool_failure("t", boom()).unwrap()), "boom");
        let fast = Policy::new(Flavor::FastMcp);
        assert_eq!(
            text(&fast.tool_failure("t", boom()).unwrap()),
            "Error calling tool 't': boom"
        );
        assert_eq!(
            text(&fast.tool_failure("t", mcp()).unwrap()),
            "Error calling tool 't': no"
        );
        let told = raised(&["ToolError", "FastMCPError", "Exception"], "told", None);
        assert_eq!(text(&fast.tool_failure("t", told).unwrap()), "told");
        assert_eq!(
            text(&fast.masked(true).tool_failure("t", boom()).unwrap()),
            "Error calling tool 't'"
        );
        let missing = raised(
            &["McpError"],
            "needs sampling",
            Some(ErrorData::new(ErrorCode(-32021), "needs sampling")),
        );
        assert!(fast.tool_failure("t", missing).is_err());
        assert_eq!(text(&fast.unknown_tool("x").unwrap()), "Unknown tool: 'x'");
    }

    #[test]
    fn resource_and_prompt_failures() {
        let boom = || raised(&["ValueError"], "boom", None);
        let e = Policy::new(Flavor::FastMcpV1).resource_failure("r://x", boom());
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode(0), "Error reading resource r://x: boom")
        );
        let e = Policy::new(Flavor::McpServerV2).resource_failure("r://x", boom());
        assert_eq!(e.code, ErrorCode::INTERNAL_ERROR);
        assert_eq!(e.message, "Error reading resource r://x");
        assert_eq!(e.data, Some(json!({"uri": "r://x"})));
        let e = Policy::new(Flavor::FastMcp)
            .resource_failure("r://x", raised(&["ResourceError"], "gone", None));
        assert_eq!(e.message, "gone");
        let e = Policy::new(Flavor::McpServerV2).prompt_failure("p", boom());
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode(0), "Error rendering prompt p")
        );
        let e = Policy::new(Flavor::FastMcp)
            .prompt_failure("p", raised(&["MissingArguments"], "need a", None));
        assert_eq!(e.message, "need a");
        assert_eq!(
            Policy::default().failure(boom()).code,
            ErrorCode::INTERNAL_ERROR
        );
        assert_eq!(
            Policy::new(Flavor::LowLevelV1).failure(boom()).code,
            ErrorCode(0)
        );
    }

    #[test]
    fn unknown_elements() {
        assert_eq!(
            Policy::new(Flavor::FastMcpV1).unknown_resource("u").code,
            ErrorCode(0)
        );
        assert_eq!(
            Policy::new(Flavor::McpServerV2).unknown_resource("u").code,
            ErrorCode::INVALID_PARAMS
        );
        assert_eq!(
            Policy::default().unknown_resource("u").code,
            ErrorCode::RESOURCE_NOT_FOUND
        );
        assert_eq!(
            Policy::new(Flavor::FastMcpV2).unknown_prompt("p").code,
            ErrorCode(0)
        );
        assert_eq!(
            Policy::default().unknown_prompt("p").code,
            ErrorCode::INVALID_PARAMS
        );
    }

    /// The answers of fastmcp 2.14, 3.4 and 4.2 (read off the wire of the real packages).
    #[test]
    fn fastmcp_versions_answer_as_their_own() {
        let [v2, v3, v4] = [Flavor::FastMcpV2, Flavor::FastMcpV3, Flavor::FastMcp].map(Policy::new);
        let wire = |e: ErrorData| (e.code.0, e.message, e.data);
        for (name, flavor) in [("fastmcp2", v2), ("fastmcp3", v3), ("fastmcp", v4)] {
            assert_eq!(Flavor::parse(name), Some(flavor.flavor));
        }
        assert_eq!(Flavor::parse("fastmcp4"), Some(Flavor::FastMcp));

        assert_eq!(text(&v2.unknown_tool("x").unwrap()), "Unknown tool: x");
        assert_eq!(text(&v3.unknown_tool("x").unwrap()), "Unknown tool: 'x'");
        assert_eq!(text(&v4.unknown_tool("x").unwrap()), "Unknown tool: 'x'");
        assert_eq!(
            wire(v2.unknown_resource("u://x")),
            (0, "Unknown resource: 'u://x'".into(), None)
        );
        assert_eq!(
            wire(v3.unknown_resource("u://x")),
            (
                -32002,
                "Resource not found: Unknown resource: 'u://x'".into(),
                None
            )
        );
        assert_eq!(
            wire(v4.unknown_resource("u://x")),
            (
                -32602,
                "Resource not found: 'u://x'".into(),
                Some(json!({"uri": "u://x"}))
            )
        );
        assert_eq!(
            wire(v2.unknown_prompt("p")),
            (0, "Unknown prompt: p".into(), None)
        );
        assert_eq!(
            wire(v3.unknown_prompt("p")),
            (0, "Unknown prompt: 'p'".into(), None)
        );
        assert_eq!(
            wire(v4.unknown_prompt("p")),
            (-32602, "Unknown prompt: 'p'".into(), None)
        );

        let boom = || raised(&["ValueError", "Exception"], "boom", None);
        let told = |class: &str| raised(&[class, "FastMCPError", "Exception"], "told", None);
        let mcp = || {
            raised(
                &["McpError", "Exception"],
                "no",
                Some(ErrorData::new(ErrorCode(-32099), "no")),
            )
        };
        let missing = || {
            raised(
                &["MissingArguments", "ValueError"],
                "Missing required arguments: {'a'}",
                None,
            )
        };
        for p in [v2, v3, v4] {
            assert_eq!(
                text(&p.tool_failure("t", boom()).unwrap()),
                "Error calling tool 't': boom"
            );
            assert_eq!(
                text(&p.tool_failure("t", mcp()).unwrap()),
                "Error calling tool 't': no"
            );
            assert_eq!(
                text(&p.tool_failure("t", told("ToolError")).unwrap()),
                "told"
            );
        }
        let needs_sampling = || {
            raised(
                &["McpError"],
                "needs sampling",
                Some(ErrorData::new(ErrorCode(-32021), "needs sampling")),
            )
        };
        assert!(v4.tool_failure("t", needs_sampling()).is_err());
        assert!(v3.tool_failure("t", needs_sampling()).is_ok());

        let read = |p: Policy, e| wire(p.resource_failure("r://x", e));
        let crash = "Error reading resource 'r://x': boom".to_owned();
        assert_eq!(read(v2, boom()), (0, crash.clone(), None));
        assert_eq!(read(v3, boom()), (0, crash.clone(), None));
        assert_eq!(read(v4, boom()), (-32603, crash, None));
        assert_eq!(
            read(v4.masked(true), boom()),
            (-32603, "Error reading resource 'r://x'".into(), None)
        );
        assert_eq!(read(v3, told("ResourceError")), (0, "told".into(), None));
        assert_eq!(
            read(v4, told("ResourceError")),
            (-32603, "told".into(), None)
        );
        assert_eq!(
            read(v2, mcp()),
            (0, "Error reading resource 'r://x': no".into(), None)
        );
        assert_eq!(read(v3, mcp()), (-32099, "no".into(), None));
        assert_eq!(read(v4, mcp()), (-32099, "no".into(), None));

        let render = |p: Policy, e| wire(p.prompt_failure("p", e));
        assert_eq!(
            render(v2, boom()),
            (0, "Error rendering prompt p.".into(), None)
        );
        assert_eq!(
            render(v2, told("PromptError")),
            (0, "Error rendering prompt p.".into(), None)
        );
        let crash = "Error rendering prompt 'p': boom".to_owned();
        assert_eq!(render(v3, boom()), (0, crash.clone(), None));
        assert_eq!(render(v4, boom()), (-32603, crash, None));
        assert_eq!(render(v3, told("PromptError")), (0, "told".into(), None));
        assert_eq!(
            render(v4, told("PromptError")),
            (-32603, "told".into(), None)
        );
        let wrapped = "Error rendering prompt 'p': Missing required arguments: {'a'}".to_owned();
        assert_eq!(render(v2, missing()), (0, wrapped.clone(), None));
        assert_eq!(render(v3, missing()), (0, wrapped, None));
        assert_eq!(
            render(v4, missing()),
            (-32602, "Missing required arguments: {'a'}".into(), None)
        );
    }

    #[test]
    fn typescript_sdk_rules() {
        let thrown = || raised(&["Error"], "plain boom", None);
        let text_of = "MCP error -32601: Unknown tool: nope";
        let mcp = || {
            raised(
                &["McpError", "Error"],
                text_of,
                Some(ErrorData::new(ErrorCode(-32601), text_of)),
            )
        };
        let server = Policy::new(Flavor::TsServer);
        let e = server.tool_failure("t", thrown()).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (ErrorCode::INTERNAL_ERROR, "plain boom")
        );
        let e = server.tool_failure("t", mcp()).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (ErrorCode(-32601), text_of));
        let high = Policy::new(Flavor::TsMcpServer);
        assert_eq!(
            text(&high.tool_failure("t", thrown()).unwrap()),
            "plain boom"
        );
        // A handler the author set on McpServer's low-level server answers as that server.
        let beneath = high.low_level().tool_failure("t", thrown()).unwrap_err();
        assert_eq!(beneath.message, "plain boom");
        assert_eq!(text(&high.tool_failure("t", mcp()).unwrap()), text_of);
        assert_eq!(
            text(&high.unknown_tool("nope").unwrap()),
            "MCP error -32602: Tool nope not found"
        );
        assert_eq!(
            high.unknown_resource("file:///x").message,
            "MCP error -32602: Resource file:///x not found"
        );
        assert_eq!(
            high.unknown_prompt("p").message,
            "MCP error -32602: Prompt p not found"
        );
        assert_eq!(high.failure(thrown()).code, ErrorCode::INTERNAL_ERROR);
        assert!(Flavor::TsServer.typescript_sdk() && !Flavor::LowLevelV1.typescript_sdk());
    }

    /// `@modelcontextprotocol/server` 2.4: no `MCP error` prefixes, an unknown tool on the
    /// JSON-RPC plane, an unknown resource with its URI in `data`.
    #[test]
    fn typescript_sdk_v2_rules() {
        let wire = |e: ErrorData| (e.code.0, e.message, e.data);
        for (name, flavor) in [
            ("ts-server-v2", Flavor::TsServerV2),
            ("ts-mcpserver-v2", Flavor::TsMcpServerV2),
        ] {
            assert_eq!(Flavor::parse(name), Some(flavor));
            assert!(flavor.typescript_sdk());
        }
        let high = Policy::new(Flavor::TsMcpServerV2);
        let thrown = raised(
            &["ProtocolError", "Error"],
            "told",
            Some(ErrorData::new(ErrorCode(-32602), "told")),
        );
        assert_eq!(text(&high.tool_failure("t", thrown).unwrap()), "told");
        assert_eq!(
            wire(high.unknown_tool("nope").unwrap_err()),
            (-32602, "Tool nope not found".into(), None)
        );
        assert_eq!(
            wire(high.unknown_resource("file:///x")),
            (
                -32602,
                "Resource not found: file:///x".into(),
                Some(json!({"uri": "file:///x"}))
            )
        );
        assert_eq!(
            wire(high.unknown_prompt("p")),
            (-32602, "Prompt p not found".into(), None)
        );
        let low = Policy::new(Flavor::TsServerV2);
        let e = low
            .tool_failure("t", raised(&["Error"], "plain boom", None))
            .unwrap_err();
        assert_eq!(wire(e), (-32603, "plain boom".into(), None));
    }
}
