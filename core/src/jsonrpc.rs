//! JSON-RPC 2.0 messages: parsing with limits, classification, serialization.
//!
//! <https://www.jsonrpc.org/specification>,
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic#messages>.

pub mod codec;

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;
use std::ops::Range;

use crate::error::ErrorData;

/// A request id: a string or an integer (MCP forbids null and fractions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RequestId {
    /// A numeric id.
    Number(i64),
    /// A string id.
    String(String),
}

impl RequestId {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(Self::String(s.clone())),
            Value::Number(n) => n.as_i64().map(Self::Number),
            _ => None,
        }
    }

    /// The id as a JSON value.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Number(n) => Value::from(*n),
            Self::String(s) => Value::from(s.as_str()),
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Self::Number(n) => {
                serde_json::to_writer(&mut *out, n).expect("writing to a Vec cannot fail")
            }
            Self::String(s) => {
                serde_json::to_writer(&mut *out, s).expect("writing to a Vec cannot fail")
            }
        }
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::String(s) => write!(f, "{s:?}"),
        }
    }
}

impl From<i64> for RequestId {
    fn from(n: i64) -> Self {
        Self::Number(n)
    }
}

/// A request: expects exactly one response.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The id the response must carry.
    pub id: RequestId,
    /// The method name.
    pub method: String,
    /// The parameters, if any were sent.
    pub params: Option<Value>,
}

/// A notification: no response.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    /// The method name.
    pub method: String,
    /// The parameters, if any were sent.
    pub params: Option<Value>,
}

/// A successful result: a JSON value, or a JSON object a binding has already written as text
/// ([`ObjectWriter`]). The server checks a written object by its members, without building a
/// value from it (unless it must change it), and sends it as it is: a foreign handler's result
/// is encoded once.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A JSON value.
    Value(Value),
    /// A JSON object written as text.
    Object(JsonObject),
}

impl Reply {
    /// The answer as a JSON value (a written object is parsed).
    pub fn into_value(self) -> Result<Value, serde_json::Error> {
        match self {
            Self::Value(v) => Ok(v),
            Self::Object(o) => serde_json::from_str(&o.text),
        }
    }
}

impl From<Value> for Reply {
    fn from(v: Value) -> Self {
        Self::Value(v)
    }
}

impl PartialEq for Reply {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Object(a), Self::Object(b)) => a.text == b.text,
            (a, b) => a.clone().into_value().ok() == b.clone().into_value().ok(),
        }
    }
}

/// A JSON object as text, with where each of its members lies in it.
#[derive(Debug, Clone)]
pub struct JsonObject {
    text: String,
    /// Each member's name (between its quotes) and value, as byte ranges of `text`.
    members: Vec<(Range<usize>, Range<usize>)>,
}

impl JsonObject {
    /// The object's JSON text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The JSON text of the member named `name` (as written, so a name holding escapes is
    /// found by its escaped spelling).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.members
            .iter()
            .find(|(n, _)| &self.text[n.clone()] == name)
            .map(|(_, v)| &self.text[v.clone()])
    }
}

/// Writes a JSON object member by member, remembering where each member lies, so that the
/// server can read a binding's result without parsing it. The writer writes the braces, the
/// names and the separators; each value is written by the caller and must be one JSON value.
#[derive(Debug)]
pub struct ObjectWriter {
    out: Vec<u8>,
    members: Vec<(Range<usize>, Range<usize>)>,
    /// The member being written: its name, and where its value starts.
    open: Option<(Range<usize>, usize)>,
}

impl Default for ObjectWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl ObjectWriter {
    /// An empty object.
    pub fn new() -> Self {
        let mut out = Vec::with_capacity(128);
        out.push(b'{');
        Self {
            out,
            members: Vec::with_capacity(4),
            open: None,
        }
    }

    /// Starts the member `name`: its value goes to the returned buffer, as one JSON value.
    pub fn member(&mut self, name: &str) -> &mut Vec<u8> {
        self.close();
        if !self.members.is_empty() {
            self.out.push(b',');
        }
        let start = self.out.len() + 1;
        serde_json::to_writer(&mut self.out, name).expect("writing to a Vec cannot fail");
        let name = start..self.out.len() - 1;
        self.out.push(b':');
        self.open = Some((name, self.out.len()));
        &mut self.out
    }

    fn close(&mut self) {
        if let Some((name, start)) = self.open.take() {
            self.members.push((name, start..self.out.len()));
        }
    }

    /// The object written; `Err` when a value written was not UTF-8.
    pub fn finish(mut self) -> Result<JsonObject, std::string::FromUtf8Error> {
        self.close();
        self.out.push(b'}');
        Ok(JsonObject {
            text: String::from_utf8(self.out)?,
            members: self.members,
        })
    }
}

/// A successful response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The id of the request this answers.
    pub id: RequestId,
    /// The result.
    pub result: Reply,
}

/// An error response. `id` is `None` when the request's id could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    /// The id of the request this answers, if it could be read.
    pub id: Option<RequestId>,
    /// The error.
    pub error: ErrorData,
}

/// Any JSON-RPC message.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A request.
    Request(Request),
    /// A notification.
    Notification(Notification),
    /// A successful response.
    Response(Response),
    /// An error response.
    Error(ErrorResponse),
    /// Responses to a batch, sent as one JSON array.
    Batch(Vec<Message>),
}

impl Message {
    /// Serializes the message as one line of JSON (without the newline) onto `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        if let Self::Batch(items) = self {
            out.push(b'[');
            for (i, m) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                m.write_to(out);
            }
            out.push(b']');
            return;
        }
        out.extend_from_slice(b"{\"jsonrpc\":\"2.0\",");
        match self {
            Self::Request(r) => {
                out.extend_from_slice(b"\"id\":");
                r.id.write(out);
                write_method(out, &r.method, r.params.as_ref());
            }
            Self::Notification(n) => {
                out.pop();
                write_method(out, &n.method, n.params.as_ref());
            }
            Self::Response(r) => {
                out.extend_from_slice(b"\"id\":");
                r.id.write(out);
                out.extend_from_slice(b",\"result\":");
                match &r.result {
                    Reply::Value(v) => {
                        serde_json::to_writer(&mut *out, v).expect("writing to a Vec cannot fail")
                    }
                    Reply::Object(o) => out.extend_from_slice(o.text.as_bytes()),
                }
            }
            Self::Error(e) => {
                out.extend_from_slice(b"\"id\":");
                match &e.id {
                    Some(id) => id.write(out),
                    None => out.extend_from_slice(b"null"),
                }
                out.extend_from_slice(b",\"error\":");
                serde_json::to_writer(&mut *out, &e.error).expect("writing to a Vec cannot fail");
            }
            Self::Batch(_) => unreachable!("handled above"),
        }
        out.push(b'}');
    }

    /// Serializes the message to a JSON string.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(128);
        self.write_to(&mut out);
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// An error response.
    pub fn error(id: Option<RequestId>, error: ErrorData) -> Self {
        Self::Error(ErrorResponse { id, error })
    }

    /// A successful response.
    pub fn response(id: RequestId, result: impl Into<Reply>) -> Self {
        Self::Response(Response {
            id,
            result: result.into(),
        })
    }

    /// A notification.
    pub fn notification(method: impl Into<String>, params: Option<Value>) -> Self {
        Self::Notification(Notification {
            method: method.into(),
            params,
        })
    }
}

fn write_method(out: &mut Vec<u8>, method: &str, params: Option<&Value>) {
    out.extend_from_slice(b",\"method\":");
    serde_json::to_writer(&mut *out, method).expect("writing to a Vec cannot fail");
    if let Some(p) = params {
        out.extend_from_slice(b",\"params\":");
        serde_json::to_writer(&mut *out, p).expect("writing to a Vec cannot fail");
    }
}

/// Limits applied while parsing one message.
#[derive(Debug, Clone, Copy)]
pub struct ParseLimits {
    /// The deepest nesting of arrays and objects accepted inside `params`/`result`.
    pub max_depth: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self { max_depth: 64 }
    }
}

/// What one frame of input turned out to be.
#[derive(Debug)]
pub enum Parsed {
    /// One message.
    Single(Message),
    /// A JSON-RPC batch (2025-03-26): each element parsed on its own.
    Batch(Vec<Result<Message, ErrorResponse>>),
}

/// Parses one frame. An `Err` is the error response the peer must receive.
pub fn parse(bytes: &[u8], limits: ParseLimits) -> Result<Parsed, ErrorResponse> {
    // Checked once here, so that the parser need not check each string on its own.
    let text = std::str::from_utf8(bytes).map_err(|e| ErrorResponse {
        id: None,
        error: ErrorData::parse_error(format_args!("invalid UTF-8: {e}")),
    })?;
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first == Some(b'[') {
        let items: Vec<Value> = serde_json::from_str(text).map_err(parse_failure)?;
        if items.is_empty() {
            return Err(ErrorResponse {
                id: None,
                error: ErrorData::invalid_request("empty batch"),
            });
        }
        let parsed = items
            .into_iter()
            .map(|v| classify(RawMessage::from_value(v)?, limits))
            .collect();
        return Ok(Parsed::Batch(parsed));
    }
    let raw: RawMessage = serde_json::from_str(text).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            // Valid JSON, wrong shape (a number, a string, a field of the wrong type).
            ErrorResponse {
                id: None,
                error: ErrorData::invalid_request(e),
            }
        } else {
            parse_failure(e)
        }
    })?;
    classify(raw, limits).map(Parsed::Single)
}

fn parse_failure(e: serde_json::Error) -> ErrorResponse {
    ErrorResponse {
        id: None,
        error: ErrorData::parse_error(e),
    }
}

#[derive(Deserialize, Default)]
struct RawMessage {
    #[serde(default)]
    jsonrpc: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default)]
    method: Option<Value>,
    #[serde(default)]
    params: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    result: Option<Value>,
    #[serde(default)]
    error: Option<Value>,
}

impl RawMessage {
    fn from_value(v: Value) -> Result<Self, ErrorResponse> {
        if !v.is_object() {
            return Err(ErrorResponse {
                id: None,
                error: ErrorData::invalid_request("a message must be a JSON object"),
            });
        }
        serde_json::from_value(v).map_err(|e| ErrorResponse {
            id: None,
            error: ErrorData::invalid_request(e),
        })
    }
}

/// Keeps an explicit `null` as `Some(Null)` so "absent" and "null" differ.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

fn classify(raw: RawMessage, limits: ParseLimits) -> Result<Message, ErrorResponse> {
    let id = match &raw.id {
        None => None,
        Some(v) => match RequestId::from_value(v) {
            Some(id) => Some(id),
            None => {
                return Err(ErrorResponse {
                    id: None,
                    error: ErrorData::invalid_request("id must be a string or an integer"),
                });
            }
        },
    };
    let fail = |why: &str| ErrorResponse {
        id: id.clone(),
        error: ErrorData::invalid_request(why),
    };
    if raw.jsonrpc.as_ref().and_then(Value::as_str) != Some("2.0") {
        return Err(fail("jsonrpc must be \"2.0\""));
    }
    for v in [&raw.params, &raw.result, &raw.error].into_iter().flatten() {
        if exceeds_depth(v, limits.max_depth) {
            return Err(fail(&format!(
                "nesting deeper than {} levels",
                limits.max_depth
            )));
        }
    }
    if let Some(method) = raw.method {
        let Value::String(method) = method else {
            return Err(fail("method must be a string"));
        };
        if raw.result.is_some() || raw.error.is_some() {
            return Err(fail("a request cannot carry result or error"));
        }
        let params = match raw.params {
            None => None,
            Some(p @ (Value::Object(_) | Value::Array(_))) => Some(p),
            Some(Value::Null) => None,
            Some(_) => return Err(fail("params must be an object or an array")),
        };
        return Ok(match id {
            Some(id) => Message::Request(Request { id, method, params }),
            None => Message::Notification(Notification { method, params }),
        });
    }
    match (id.clone(), raw.result, raw.error) {
        (Some(id), Some(result), None) => Ok(Message::Response(Response {
            id,
            result: Reply::Value(result),
        })),
        (id, None, Some(error)) => match serde_json::from_value::<ErrorData>(error) {
            Ok(error) => Ok(Message::Error(ErrorResponse { id, error })),
            Err(_) => Err(fail("error must be an object with code and message")),
        },
        (None, Some(_), None) => Err(fail("a response needs an id")),
        _ => Err(fail("a message needs a method, a result or an error")),
    }
}

/// True when `v` nests arrays/objects deeper than `max`.
fn exceeds_depth(v: &Value, max: usize) -> bool {
    fn walk(v: &Value, left: usize) -> bool {
        match v {
            Value::Array(a) => left == 0 || a.iter().any(|x| walk(x, left - 1)),
            Value::Object(o) => left == 0 || o.values().any(|x| walk(x, left - 1)),
            _ => false,
        }
    }
    walk(v, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use serde_json::json;

    fn one(s: &str) -> Result<Message, ErrorResponse> {
        match parse(s.as_bytes(), ParseLimits::default())? {
            Parsed::Single(m) => Ok(m),
            Parsed::Batch(_) => panic!("batch"),
        }
    }

    #[test]
    fn written_objects_know_their_members() {
        let mut w = ObjectWriter::new();
        w.member("a").extend_from_slice(br#"[1,{"b":"}"}]"#);
        w.member("c\"").extend_from_slice(b"true");
        w.member("d").extend_from_slice(b"null");
        let o = w.finish().unwrap();
        assert_eq!(o.as_str(), r#"{"a":[1,{"b":"}"}],"c\"":true,"d":null}"#);
        assert_eq!(o.get("a"), Some(r#"[1,{"b":"}"}]"#));
        assert_eq!(o.get(r#"c\""#), Some("true"));
        assert_eq!(o.get("d"), Some("null"));
        assert_eq!(o.get("b"), None);
        let empty = ObjectWriter::new().finish().unwrap();
        assert_eq!(empty.as_str(), "{}");
        assert_eq!(
            Reply::Object(o).into_value().unwrap(),
            json!({"a": [1, {"b": "}"}], "c\"": true, "d": null})
        );
    }

    #[test]
    fn request_and_notification() {
        let m = one(r#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#).unwrap();
        assert_eq!(
            m,
            Message::Request(Request {
                id: RequestId::Number(7),
                method: "ping".into(),
                params: None
            })
        );
        let m = one(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).unwrap();
        assert!(matches!(m, Message::Notification(_)));
        let m = one(r#"{"jsonrpc":"2.0","id":"a","method":"x","params":{"k":1}}"#).unwrap();
        let Message::Request(r) = m else { panic!() };
        assert_eq!(r.id, RequestId::String("a".into()));
        assert_eq!(r.params, Some(json!({"k":1})));
    }

    #[test]
    fn bad_input_codes() {
        let code = |s: &str| one(s).unwrap_err().error.code;
        assert_eq!(code("{not json"), ErrorCode::PARSE_ERROR);
        assert_eq!(code("42"), ErrorCode::INVALID_REQUEST);
        assert_eq!(
            code(r#"{"id":1,"method":"ping"}"#),
            ErrorCode::INVALID_REQUEST
        );
        assert_eq!(
            code(r#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#),
            ErrorCode::INVALID_REQUEST
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#),
            ErrorCode::INVALID_REQUEST
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1,"method":5}"#),
            ErrorCode::INVALID_REQUEST
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#),
            ErrorCode::INVALID_REQUEST
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1,"method":"x","params":3}"#),
            ErrorCode::INVALID_REQUEST
        );
    }

    #[test]
    fn invalid_request_keeps_a_readable_id() {
        let e = one(r#"{"jsonrpc":"2.0","id":9,"method":7}"#).unwrap_err();
        assert_eq!(e.id, Some(RequestId::Number(9)));
    }

    #[test]
    fn depth_limit() {
        let deep = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}1{}}}"#,
            "[".repeat(70),
            "]".repeat(70)
        );
        assert_eq!(
            one(&deep).unwrap_err().error.code,
            ErrorCode::INVALID_REQUEST
        );
        let ok = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{{"a":{}1{}}}}}"#,
            "[".repeat(10),
            "]".repeat(10)
        );
        assert!(one(&ok).is_ok());
    }

    #[test]
    fn serializes_compactly() {
        let m = Message::response(RequestId::Number(1), json!({}));
        assert_eq!(m.to_json(), r#"{"jsonrpc":"2.0","id":1,"result":{}}"#);
        let m = Message::error(None, ErrorData::parse_error("x"));
        assert_eq!(
            m.to_json(),
            r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: x"}}"#
        );
        let m = Message::notification("a/b", None);
        assert_eq!(m.to_json(), r#"{"jsonrpc":"2.0","method":"a/b"}"#);
    }

    #[test]
    fn batches() {
        let p = parse(
            br#"[{"jsonrpc":"2.0","id":1,"method":"ping"}, 5]"#,
            ParseLimits::default(),
        )
        .unwrap();
        let Parsed::Batch(items) = p else { panic!() };
        assert!(items[0].is_ok());
        assert!(items[1].is_err());
        assert!(parse(b"[]", ParseLimits::default()).is_err());
    }
}
