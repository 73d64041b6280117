"""The JSON-RPC envelopes and error codes, as ``mcp.types.jsonrpc`` (``mcp_types.jsonrpc``, mcp
2.x) groups them; the same objects as in ``ferromcp.types``."""

from ferromcp.types import (
    CONNECTION_CLOSED,
    HEADER_MISMATCH,
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    JSONRPC_VERSION,
    METHOD_NOT_FOUND,
    MISSING_REQUIRED_CLIENT_CAPABILITY,
    PARSE_ERROR,
    REQUEST_TIMEOUT,
    UNSUPPORTED_PROTOCOL_VERSION,
    URL_ELICITATION_REQUIRED,
    ErrorData,
    JSONRPCError,
    JSONRPCMessage,
    JSONRPCNotification,
    JSONRPCRequest,
    JSONRPCResponse,
    RequestId,
    jsonrpc_message_adapter,
)

__all__ = ["CONNECTION_CLOSED", "HEADER_MISMATCH", "INTERNAL_ERROR", "INVALID_PARAMS",
           "INVALID_REQUEST", "JSONRPC_VERSION", "METHOD_NOT_FOUND",
           "MISSING_REQUIRED_CLIENT_CAPABILITY", "PARSE_ERROR", "REQUEST_TIMEOUT",
           "UNSUPPORTED_PROTOCOL_VERSION", "URL_ELICITATION_REQUIRED", "ErrorData", "JSONRPCError",
           "JSONRPCMessage", "JSONRPCNotification", "JSONRPCRequest", "JSONRPCResponse",
           "RequestId", "jsonrpc_message_adapter"]
