//! The one error table of ferromcp: wire error codes, the error object sent to peers, and the
//! kinds every binding maps to its own exception classes.
//!
//! See <https://www.jsonrpc.org/specification#error_object> and
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic#responses>.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A JSON-RPC error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ErrorCode(pub i64);

impl ErrorCode {
    /// Invalid JSON was received.
    pub const PARSE_ERROR: Self = Self(-32700);
    /// The JSON sent is not a valid request object.
    pub const INVALID_REQUEST: Self = Self(-32600);
    /// The method does not exist or is not available.
    pub const METHOD_NOT_FOUND: Self = Self(-32601);
    /// Invalid method parameters.
    pub const INVALID_PARAMS: Self = Self(-32602);
    /// Internal error while handling the request.
    pub const INTERNAL_ERROR: Self = Self(-32603);
    /// The connection closed before the request was answered.
    pub const CONNECTION_CLOSED: Self = Self(-32000);
    /// The request timed out.
    pub const REQUEST_TIMEOUT: Self = Self(-32001);
    /// A resource was not found (before 2026-07-28).
    pub const RESOURCE_NOT_FOUND: Self = Self(-32002);
    /// A URL-mode elicitation is required before the request can proceed.
    pub const URL_ELICITATION_REQUIRED: Self = Self(-32042);
    /// The request needs a client capability the client did not declare (2026-07-28).
    pub const MISSING_REQUIRED_CLIENT_CAPABILITY: Self = Self(-32021);
}

/// The error object of a JSON-RPC error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorData {
    /// The error code.
    pub code: ErrorCode,
    /// A short description of the error.
    pub message: String,
    /// Additional information about the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl ErrorData {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    /// Attaches `data` to the error.
    #[must_use]
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// -32700: the bytes received are not JSON.
    pub fn parse_error(detail: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::PARSE_ERROR, format!("Parse error: {detail}"))
    }

    /// -32600: JSON that is not a JSON-RPC 2.0 message.
    pub fn invalid_request(detail: impl std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::INVALID_REQUEST,
            format!("Invalid request: {detail}"),
        )
    }

    /// -32601 with the method name in `data`.
    pub fn method_not_found(method: &str) -> Self {
        Self::new(ErrorCode::METHOD_NOT_FOUND, "Method not found").with_data(Value::from(method))
    }

    /// -32602: the method's parameters are malformed.
    pub fn invalid_params(detail: impl std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::INVALID_PARAMS,
            format!("Invalid params: {detail}"),
        )
    }

    /// -32603: the server failed while handling the request.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(
            ErrorCode::INTERNAL_ERROR,
            format!("Internal error: {detail}"),
        )
    }
}

/// Which plane an error kind lives on (see the style guide's error-mapping scheme).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plane {
    /// Sent to the peer as a JSON-RPC error object.
    Protocol,
    /// Raised locally; never sent on the wire.
    Local,
}

/// Every error ferromcp can report, by kind. Bindings derive their exception classes from this
/// table and a test in each binding checks that it covers the table exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Invalid JSON.
    ParseError,
    /// Not a JSON-RPC 2.0 message.
    InvalidRequest,
    /// Unknown method.
    MethodNotFound,
    /// Malformed parameters.
    InvalidParams,
    /// The server failed.
    InternalError,
    /// A resource does not exist.
    ResourceNotFound,
    /// A schema given at registration does not compile.
    SchemaInvalid,
    /// Transport I/O failed.
    Transport,
    /// The request was cancelled.
    Cancelled,
}

impl ErrorKind {
    /// Every kind, in table order.
    pub const ALL: [ErrorKind; 9] = [
        Self::ParseError,
        Self::InvalidRequest,
        Self::MethodNotFound,
        Self::InvalidParams,
        Self::InternalError,
        Self::ResourceNotFound,
        Self::SchemaInvalid,
        Self::Transport,
        Self::Cancelled,
    ];

    /// The snake_case name bindings use.
    pub fn name(self) -> &'static str {
        match self {
            Self::ParseError => "parse_error",
            Self::InvalidRequest => "invalid_request",
            Self::MethodNotFound => "method_not_found",
            Self::InvalidParams => "invalid_params",
            Self::InternalError => "internal_error",
            Self::ResourceNotFound => "resource_not_found",
            Self::SchemaInvalid => "schema_invalid",
            Self::Transport => "transport",
            Self::Cancelled => "cancelled",
        }
    }

    /// The JSON-RPC code, for kinds that travel on the wire.
    pub fn code(self) -> Option<ErrorCode> {
        match self {
            Self::ParseError => Some(ErrorCode::PARSE_ERROR),
            Self::InvalidRequest => Some(ErrorCode::INVALID_REQUEST),
            Self::MethodNotFound => Some(ErrorCode::METHOD_NOT_FOUND),
            Self::InvalidParams => Some(ErrorCode::INVALID_PARAMS),
            Self::InternalError => Some(ErrorCode::INTERNAL_ERROR),
            Self::ResourceNotFound => Some(ErrorCode::RESOURCE_NOT_FOUND),
            Self::SchemaInvalid | Self::Transport | Self::Cancelled => None,
        }
    }

    /// The plane the kind lives on.
    pub fn plane(self) -> Plane {
        if self.code().is_some() {
            Plane::Protocol
        } else {
            Plane::Local
        }
    }
}

/// A local error: registration, schema compilation, transport I/O.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A schema given at registration is not a valid JSON Schema.
    #[error("invalid schema for {name}: {message}")]
    SchemaInvalid {
        /// The tool or element the schema belongs to.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// Transport I/O failed.
    #[error("transport failed: {0}")]
    Transport(#[from] std::io::Error),
    /// Configuration given to the server is not usable.
    #[error("invalid configuration: {0}")]
    Config(String),
}

impl Error {
    /// The kind of this error in the error table.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::SchemaInvalid { .. } | Self::Config(_) => ErrorKind::SchemaInvalid,
            Self::Transport(_) => ErrorKind::Transport,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_not_found_names_the_method() {
        let e = ErrorData::method_not_found("foo/bar");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": -32601, "message": "Method not found", "data": "foo/bar"})
        );
    }

    #[test]
    fn table_planes() {
        assert_eq!(ErrorKind::ParseError.plane(), Plane::Protocol);
        assert_eq!(ErrorKind::Transport.plane(), Plane::Local);
        let names: std::collections::HashSet<_> = ErrorKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
    }
}
