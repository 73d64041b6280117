//! Values cross between JS and the core as JSON text: V8's `JSON.parse`/`JSON.stringify` and
//! serde_json each do their half faster than walking objects through N-API one property at a
//! time.

use napi::{Error, Result};
use serde_json::Value;

use ferromcp_core::RequestId;

/// A request id as JSON text (a number or a string, as the client sent it).
pub fn id_json(id: &RequestId) -> String {
    match id {
        RequestId::Number(n) => n.to_string(),
        RequestId::String(s) => Value::from(s.as_str()).to_string(),
    }
}

/// Parses JSON text the script produced.
pub fn parse(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::from_reason(format!("invalid JSON: {e}")))
}

/// Parses optional JSON text (`undefined` and `null` alike are none).
pub fn parse_opt(text: Option<String>) -> Result<Option<Value>> {
    match text {
        None => Ok(None),
        Some(t) => parse(&t).map(|v| (!v.is_null()).then_some(v)),
    }
}

/// Checks `value` against the JSON Schema `schema` (both JSON text) with the core's validator:
/// none when it conforms, else the first problem found.
#[napi]
#[cfg_attr(test, allow(dead_code))] // only JS calls it
pub fn schema_problem(schema: String, value: String) -> Result<Option<String>> {
    let compiled = ferromcp_core::schema::CompiledSchema::compile(&parse(&schema)?)
        .map_err(|e| Error::from_reason(format!("invalid schema: {e}")))?;
    Ok(compiled
        .validate(&parse(&value)?)
        .err()
        .map(|i| i.to_string()))
}
