//! What a JS handler threw, as the core's policy reads it ([`ferromcp_core::policy`]): the
//! error's prototype chain, its message, and the JSON-RPC error an error with an integer
//! `code` carries (`McpError`, or any error the SDK would forward).

use ferromcp_core::handler::HandlerError;
use ferromcp_core::{ErrorCode, ErrorData, Raised};
use serde_json::Value;

/// A thrown value as reported by the script: `classes` most derived first, `code` when the
/// error has an integer one.
pub fn raised(
    classes: Vec<String>,
    message: String,
    code: Option<i64>,
    data: Option<Value>,
) -> HandlerError {
    // An error the JS layer answers on the wire as it is, whatever the API generation's rule
    // for handler errors (a check the SDK makes before the author's handler runs).
    if classes.first().is_some_and(|c| c == "FerromcpWireError")
        && let Some(c) = code
    {
        let e = ErrorData::new(ErrorCode(c), message);
        return HandlerError::Rpc(match data {
            Some(d) => e.with_data(d),
            None => e,
        });
    }
    let error = code.map(|c| {
        let e = ErrorData::new(ErrorCode(c), message.clone());
        match data {
            Some(d) => e.with_data(d),
            None => e,
        }
    });
    HandlerError::Raised(Box::new(Raised {
        classes,
        message,
        error,
        native: true,
    }))
}
