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
    /// fastmcp-style decorator servers (`from ferromcp import FastMCP`): fastmcp 4's texts,
    /// `Error calling tool '<name>': …`, unmasked by default.
    FastMcp,
    /// `@modelcontextprotocol/sdk` 1.x low-level `Server`: a thrown error with an integer `code`
    /// is sent with its code and message, anything else is -32603 — tool calls included.
    TsServer,
    /// `@modelcontextprotocol/sdk` 1.x `McpServer`: a tool's thrown error is an `isError` result
    /// with its message; unknown tools, resources and prompts are `MCP error -32602: … not found`.
    TsMcpServer,
}

impl Flavor {
    /// The flavor named as the Python layer names it (`"spec"`, `"lowlevel1"`, `"lowlevel2"`,
    /// `"fastmcp1"`, `"mcpserver2"`, `"fastmcp"`).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "spec" => Self::Spec,
            "lowlevel1" => Self::LowLevelV1,
            "lowlevel2" => Self::LowLevelV2,
            "fastmcp1" => Self::FastMcpV1,
            "mcpserver2" => Self::McpServerV2,
            "fastmcp" => Self::FastMcp,
            "ts-server" => Self::TsServer,
            "ts-mcpserver" => Self::TsMcpServer,
            _ => return None,
        })
    }

    fn decorator_api(self) -> bool {
        matches!(self, Self::FastMcpV1 | Self::McpServerV2 | Self::FastMcp)
    }

    /// The TypeScript SDK's rules beyond failures: requests before `initialize` are served, a
    /// second `initialize` is answered again, an unknown method's error carries no data, and
    /// results keep every field whatever revision was negotiated.
    pub fn typescript_sdk(self) -> bool {
        matches!(self, Self::TsServer | Self::TsMcpServer)
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
            Flavor::TsServer => Err(Self::thrown(*r)),
            Flavor::TsMcpServer => match r.error {
                Some(e) if e.code == ErrorCode::URL_ELICITATION_REQUIRED => Err(e),
                _ => Ok(is_error_result(r.message)),
            },
            // fastmcp 4: its own errors (ToolError …) show their text; anything else, MCP errors
            // too, is `Error calling tool '<name>'` (masked) or `…: <text>`; only a missing
            // client capability (-32021) stays a JSON-RPC error.
            Flavor::FastMcp => match r.error {
                Some(e) if e.code == ErrorCode::MISSING_REQUIRED_CLIENT_CAPABILITY => Err(e),
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
            Flavor::McpServerV2 | Flavor::FastMcp => {
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
        match r.error {
            Some(e) if r.native => e,
            _ if r.is("MissingArguments") => code0(r.message),
            _ if self.mask => code0(format!("Error rendering prompt {prompt}")),
            _ => code0(format!("Error rendering prompt {prompt}: {}", r.message)),
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
            Flavor::TsServer | Flavor::TsMcpServer => Self::thrown(r),
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

    /// `tools/call` of a tool nothing registered (fastmcp quotes the name).
    pub fn unknown_tool(&self, tool: &str) -> Value {
        match self.flavor {
            Flavor::FastMcp => is_error_result(format!("Unknown tool: '{tool}'")),
            Flavor::TsMcpServer => {
                is_error_result(format!("MCP error -32602: Tool {tool} not found"))
            }
            _ => is_error_result(format!("Unknown tool: {tool}")),
        }
    }

    /// `resources/read` of a URI nothing registered serves: -32002 with the URI per the
    /// specification, code 0 in `mcp` 1.x, -32602 with the URI in 2.x.
    pub fn unknown_resource(&self, uri: &str) -> ErrorData {
        let message = format!("Unknown resource: {uri}");
        match self.flavor {
            Flavor::TsServer | Flavor::TsMcpServer => ErrorData::new(
                ErrorCode::INVALID_PARAMS,
                format!("MCP error -32602: Resource {uri} not found"),
            ),
            Flavor::FastMcpV1 => code0(message),
            Flavor::McpServerV2 | Flavor::FastMcp => {
                ErrorData::new(ErrorCode::INVALID_PARAMS, message).with_data(json!({"uri": uri}))
            }
            _ => ErrorData::new(ErrorCode::RESOURCE_NOT_FOUND, message)
                .with_data(json!({"uri": uri})),
        }
    }

    /// `prompts/get` of a prompt nothing registered: code 0 in the decorator APIs, -32602 else.
    pub fn unknown_prompt(&self, prompt: &str) -> ErrorData {
        let message = format!("Unknown prompt: {prompt}");
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
        assert_eq!(text(&fast.unknown_tool("x")), "Unknown tool: 'x'");
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
            Policy::new(Flavor::FastMcp).unknown_prompt("p").code,
            ErrorCode(0)
        );
        assert_eq!(
            Policy::default().unknown_prompt("p").code,
            ErrorCode::INVALID_PARAMS
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
        assert_eq!(text(&high.tool_failure("t", mcp()).unwrap()), text_of);
        assert_eq!(
            text(&high.unknown_tool("nope")),
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
}
