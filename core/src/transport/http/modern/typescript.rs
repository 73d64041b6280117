//! The routing-header checks of a sessionless request as the TypeScript SDK (2.x) makes them
//! for its servers: `-32020` with `Bad Request: the request headers and body disagree: …`, the
//! disagreeing pair in `data.mismatch`, each one reported (its `createMcpHandler` tells
//! `onerror`). `Mcp-Param-*` headers follow its rules: declarations at any depth of
//! `properties`, a header ignored when the body has no value for it, numbers compared as
//! numbers, and none checked when the tool's declarations are invalid.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use http::HeaderMap;
use serde_json::{Value, json};

use super::{PROTOCOL_VERSION, Refusal, refuse};
use crate::era::{self, codes};
use crate::error::ErrorData;
use crate::jsonrpc::Request;
use crate::protocol::methods;

const METHOD: &str = "mcp-method";
const NAME: &str = "mcp-name";
const PARAM_PREFIX: &str = "Mcp-Param-";

/// A header as a fetch `Headers` reads it: repeated values joined with `, `, trimmed.
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::trim)
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

fn mismatch(r: &Request, cell: &str, header: &str, body: &str) -> Box<Refusal> {
    let message = format!("Bad Request: the request headers and body disagree: {body}");
    let e = ErrorData::new(codes::HEADER_MISMATCH, message.clone())
        .with_data(json!({"mismatch": {"header": header, "body": body}}));
    Box::new(Refusal {
        response: refuse(r.id.clone(), e),
        report: Some(format!("Rejected inbound request ({cell}): {message}")),
    })
}

/// The protocol version the request's envelope names.
fn claimed_version(r: &Request) -> Option<&str> {
    r.params
        .as_ref()?
        .get("_meta")?
        .get(era::keys::PROTOCOL_VERSION)?
        .as_str()
}

/// A request claiming the revision in its body, sent without the version header.
pub(super) fn missing_version(r: &Request) -> Box<Refusal> {
    let body = match claimed_version(r) {
        Some(v) => format!(
            "the body envelope names protocol version {v} but the required MCP-Protocol-Version \
             header is absent"
        ),
        None => "the body carries a modern per-request envelope but the required \
                 MCP-Protocol-Version header is absent"
            .to_owned(),
    };
    mismatch(r, "version-header-missing", "(missing)", &body)
}

/// The envelope's presence, then the version, method and name headers against the body, then
/// a tool call's parameter headers.
pub(super) fn check_headers(
    headers: &HeaderMap,
    r: &Request,
    server: &crate::server::Server,
) -> Result<(), Box<Refusal>> {
    if let Some(e) = era::typescript_envelope_problem(r.params.as_ref()) {
        return Err(refuse(r.id.clone(), e).into());
    }
    let claimed = claimed_version(r).unwrap_or_default();
    match header(headers, PROTOCOL_VERSION) {
        None => {
            return Err(mismatch(
                r,
                "version-header-missing",
                "(missing)",
                &format!(
                    "the body envelope names protocol version {claimed} but the required \
                     MCP-Protocol-Version header is absent"
                ),
            ));
        }
        Some(v) if v != claimed => {
            return Err(mismatch(
                r,
                "header-body-version-mismatch",
                &v,
                &format!(
                    "the body envelope names protocol version {claimed} but the \
                     MCP-Protocol-Version header names {v}"
                ),
            ));
        }
        Some(_) => {}
    }
    let method = r.method.as_str();
    match header(headers, METHOD) {
        None => {
            return Err(mismatch(
                r,
                "method-header-missing",
                "(missing)",
                &format!(
                    "the body names method {method} but the required Mcp-Method header is absent"
                ),
            ));
        }
        Some(m) if m != method => {
            return Err(mismatch(
                r,
                "method-header-mismatch",
                &m,
                &format!("the body names method {method} but the Mcp-Method header names {m}"),
            ));
        }
        Some(_) => {}
    }
    check_name(headers, r)?;
    if method == methods::TOOLS_CALL
        && let Some(tool) = r.params.as_ref().and_then(|p| p["name"].as_str())
        && let Some(declared) = server.with_tool_input_schema(tool, declarations).flatten()
    {
        let arguments = r.params.as_ref().and_then(|p| p.get("arguments"));
        check_params(headers, r, &declared, arguments)?;
    }
    Ok(())
}

/// `Mcp-Name` against the body's `name`, `uri` or `taskId`, for the methods that carry one.
fn check_name(headers: &HeaderMap, r: &Request) -> Result<(), Box<Refusal>> {
    let field = match r.method.as_str() {
        methods::TOOLS_CALL | methods::PROMPTS_GET => "name",
        methods::RESOURCES_READ => "uri",
        "tasks/get" | "tasks/update" | "tasks/cancel" => "taskId",
        _ => return Ok(()),
    };
    let body = r
        .params
        .as_ref()
        .and_then(|p| p.get(field))
        .and_then(Value::as_str);
    let Some(sent) = header(headers, NAME) else {
        return match body {
            None => Ok(()),
            Some(b) => Err(mismatch(
                r,
                "name-header-missing",
                "(missing)",
                &format!(
                    "the body carries params.{field}=\"{b}\" but the required Mcp-Name header is absent"
                ),
            )),
        };
    };
    let Some(decoded) = decode(&sent) else {
        return Err(mismatch(
            r,
            "name-header-invalid-encoding",
            &sent,
            "the Mcp-Name header carries an invalid Base64 sentinel value",
        ));
    };
    match body {
        Some(b) if b != decoded => Err(mismatch(
            r,
            "name-header-mismatch",
            &sent,
            &format!(
                "the body carries params.{field}=\"{b}\" but the Mcp-Name header names \"{decoded}\""
            ),
        )),
        _ => Ok(()),
    }
}

/// One `x-mcp-header` declaration: where the argument is, the header's name, its type.
struct Declared {
    path: Vec<String>,
    name: String,
    kind: Option<String>,
}

/// Subschema keywords an `x-mcp-header` may not sit under.
const UNREACHABLE: &[&str] = &[
    "items",
    "prefixItems",
    "contains",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "patternProperties",
    "dependentSchemas",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "if",
    "then",
    "else",
    "$defs",
    "definitions",
];
const BY_NAME: &[&str] = &[
    "patternProperties",
    "dependentSchemas",
    "$defs",
    "definitions",
];

/// The schema's declarations, or none to check when they are invalid (a `number`-typed one,
/// invalid but still checked, aside).
fn declarations(schema: &Value) -> Option<Vec<Declared>> {
    let mut found = Vec::new();
    let mut number_only = false;
    let mut seen: Vec<String> = Vec::new();
    let valid = visit(
        schema,
        &mut Vec::new(),
        true,
        &mut found,
        &mut seen,
        &mut number_only,
    );
    (valid || number_only).then_some(found)
}

fn visit(
    node: &Value,
    path: &mut Vec<String>,
    reachable: bool,
    found: &mut Vec<Declared>,
    seen: &mut Vec<String>,
    number_only: &mut bool,
) -> bool {
    let Some(schema) = node.as_object() else {
        return true;
    };
    if let Some(raw) = schema.get("x-mcp-header") {
        let Some(name) = raw.as_str().filter(|n| !n.is_empty() && is_token(n)) else {
            return false;
        };
        if !reachable || path.is_empty() {
            return false;
        }
        let kind = schema.get("type").and_then(Value::as_str);
        if !matches!(kind, Some("string" | "integer" | "boolean")) {
            if kind != Some("number") {
                return false;
            }
            *number_only = true;
        }
        let lower = name.to_ascii_lowercase();
        if seen.contains(&lower) {
            return false;
        }
        seen.push(lower);
        found.push(Declared {
            path: path.clone(),
            name: name.to_owned(),
            kind: kind.map(str::to_owned),
        });
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (key, child) in properties {
            path.push(key.clone());
            let ok = visit(child, path, reachable, found, seen, number_only);
            path.pop();
            if !ok {
                return false;
            }
        }
    }
    for k in UNREACHABLE {
        let Some(sub) = schema.get(*k) else { continue };
        let branches: Vec<&Value> = match sub {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) if BY_NAME.contains(k) => o.values().collect(),
            other => vec![other],
        };
        for b in branches {
            path.push(format!("<{k}>"));
            let ok = visit(b, path, false, found, seen, number_only);
            path.pop();
            if !ok {
                return false;
            }
        }
    }
    true
}

/// An RFC 9110 token.
fn is_token(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A primitive argument as its header carries it; none for anything else.
fn as_header_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => {
            let f = n.as_f64()?;
            if !f.is_finite() || (f.fract() == 0.0 && f.abs() > 9_007_199_254_740_991.0) {
                return None;
            }
            Some(js_number(f))
        }
        _ => None,
    }
}

/// A number as JavaScript's `String(n)` writes it (integers without a fraction).
fn js_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// A primitive as `JSON.stringify` writes it.
fn js_json(v: &Value) -> String {
    match v.as_f64() {
        Some(f) if v.is_number() => js_number(f),
        _ => v.to_string(),
    }
}

/// A decimal as the TypeScript SDK recognises one to compare numerically.
fn is_canonical_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn check_params(
    headers: &HeaderMap,
    r: &Request,
    declared: &[Declared],
    arguments: Option<&Value>,
) -> Result<(), Box<Refusal>> {
    for d in declared {
        let shown = format!("{PARAM_PREFIX}{}", d.name);
        let mut body = arguments;
        for key in &d.path {
            body = body.and_then(|v| v.as_object()).and_then(|o| o.get(key));
        }
        let Some(raw) = body.filter(|v| !v.is_null()) else {
            continue;
        };
        let Some(text) = as_header_text(raw) else {
            continue;
        };
        let path = d.path.join(".");
        let Some(sent) = header(headers, &shown.to_ascii_lowercase()) else {
            return Err(mismatch(
                r,
                "param-header-missing",
                &shown,
                &format!(
                    "the body carries {path}={} but the {shown} header is absent",
                    js_json(raw)
                ),
            ));
        };
        let Some(decoded) = decode(&sent) else {
            return Err(mismatch(
                r,
                "param-header-invalid-encoding",
                &shown,
                &format!("the {shown} header carries an invalid Base64 sentinel value"),
            ));
        };
        let numeric = matches!(d.kind.as_deref(), Some("integer" | "number"))
            && is_canonical_decimal(&decoded)
            && raw.is_number();
        let equal = if numeric {
            decoded.parse::<f64>().ok() == raw.as_f64()
        } else {
            decoded == text
        };
        if !equal {
            return Err(mismatch(
                r,
                "param-header-mismatch",
                &shown,
                &format!(
                    "the {shown} header decodes to {} but the body carries {path}={}",
                    Value::from(decoded.as_str()),
                    js_json(raw)
                ),
            ));
        }
    }
    Ok(())
}

/// Base64 as the TypeScript SDK takes a sentinel's payload: padded to whole quanta, the unused
/// bits of its last character not looked at.
const SENTINEL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

/// A header value as sent, or the UTF-8 its `=?base64?…?=` sentinel carries; none when the
/// sentinel's payload is not that.
fn decode(v: &str) -> Option<String> {
    let Some(b64) = v
        .strip_prefix("=?base64?")
        .and_then(|x| x.strip_suffix("?="))
    else {
        return Some(v.to_owned());
    };
    String::from_utf8(SENTINEL.decode(b64).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found_at_any_depth_and_invalid_ones_check_nothing() {
        let s = json!({"type": "object", "properties": {
            "region": {"type": "string", "x-mcp-header": "Region"},
            "target": {"type": "object", "properties": {"zone": {"type": "integer", "x-mcp-header": "Zone"}}}
        }});
        let d = declarations(&s).unwrap();
        let names: Vec<(String, String)> = d
            .iter()
            .map(|d| (d.path.join("."), d.name.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("region".into(), "Region".into()),
                ("target.zone".into(), "Zone".into())
            ]
        );
        let under_items = json!({"properties": {"xs": {"type": "array", "items": {"type": "string", "x-mcp-header": "X"}}}});
        assert!(declarations(&under_items).is_none());
        let twice = json!({"properties": {"a": {"type": "string", "x-mcp-header": "A"}, "b": {"type": "string", "x-mcp-header": "a"}}});
        assert!(declarations(&twice).is_none());
        let number = json!({"properties": {"n": {"type": "number", "x-mcp-header": "N"}}});
        assert_eq!(declarations(&number).unwrap().len(), 1);
    }

    #[test]
    fn values_and_sentinels_read_as_the_typescript_sdk_reads_them() {
        assert_eq!(as_header_text(&json!(3)).as_deref(), Some("3"));
        assert_eq!(as_header_text(&json!(3.0)).as_deref(), Some("3"));
        assert_eq!(as_header_text(&json!(2.5)).as_deref(), Some("2.5"));
        assert_eq!(as_header_text(&json!(true)).as_deref(), Some("true"));
        assert_eq!(as_header_text(&json!({"a": 1})), None);
        assert!(
            is_canonical_decimal("-12.50")
                && !is_canonical_decimal("1e3")
                && !is_canonical_decimal("1.")
        );
        assert_eq!(decode("=?base64?ZXU=?=").as_deref(), Some("eu"));
        assert_eq!(decode("=?base64?ZXU?="), None);
        assert_eq!(
            decode("=?base64?ZXV=?=").as_deref(),
            Some("eu"),
            "unused bits not looked at"
        );
        assert_eq!(decode("=?base64?!!?="), None);
        assert_eq!(decode("plain").as_deref(), Some("plain"));
    }
}
