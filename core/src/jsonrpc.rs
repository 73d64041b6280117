//! JSON-RPC 2.0 messages: parsing with limits, classification, serialization.
//!
//! <https://www.jsonrpc.org/specification>,
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic#messages>.
//!
//! Hostile input is answered, never dropped, and costs bounded work:
//!
//! - a batch holds at most [`MAX_BATCH`] messages; a longer one gets one -32600 (id null),
//!   counted without building its members;
//! - nesting beyond [`ParseLimits::max_depth`] gets -32600 with the request's id, however deep
//!   (serde_json stops building values at 128 levels; the id is then read by skipping values,
//!   which serde_json does with a heap stack, never by recursion);
//! - numbers are kept as written (serde_json's `arbitrary_precision`): an integer beyond 64 bits
//!   reaches a handler exactly, and `1e400` as the binding's reading of it (Python: `inf`, as
//!   the official SDK reads it), instead of failing the line or losing digits.

pub mod codec;

use serde::de::{IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::error::Category;
use serde_json::value::RawValue;
use std::cell::Cell;
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

    /// Appends the member `name` whose value is the JSON text `raw` (one JSON value).
    pub fn push(&mut self, name: &str, raw: &str) {
        self.text.pop();
        if !self.members.is_empty() {
            self.text.push(',');
        }
        let start = self.text.len() + 1;
        self.text
            .push_str(&serde_json::to_string(name).expect("a string serializes"));
        let name = start..self.text.len() - 1;
        self.text.push(':');
        let value = self.text.len()..self.text.len() + raw.len();
        self.text.push_str(raw);
        self.text.push('}');
        self.members.push((name, value));
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
    /// The deepest nesting of arrays and objects accepted inside `params`/`result`. Values
    /// above [`MAX_SUPPORTED_DEPTH`] act as that: serde_json builds no deeper values.
    pub max_depth: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self { max_depth: 64 }
    }
}

/// The most messages one batch may hold. A batch is one line, so the frame length bounds it
/// only in bytes: under 4 MiB, `[1,1,…]` holds two million members, each of which would be
/// answered with its own error (hundreds of MiB of memory and output for one line). A batch
/// over this many gets a single -32600 with a null id and none of it runs. 1024 leaves room for
/// any batch a client builds on purpose while bounding the work one line can ask for.
pub const MAX_BATCH: usize = 1024;

/// The deepest nesting inside `params`/`result`/`error` that can be parsed at all: serde_json's
/// recursion limit is 128 levels for the whole message, one of which is the message object.
pub const MAX_SUPPORTED_DEPTH: usize = 126;

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
        return parse_batch(text, limits).map(Parsed::Batch);
    }
    parse_message(text, limits).map(Parsed::Single)
}

/// Parses one message (a whole frame, or one member of a batch).
fn parse_message(text: &str, limits: ParseLimits) -> Result<Message, ErrorResponse> {
    match serde_json::from_str::<RawMessage>(text) {
        Ok(raw) => classify(raw, limits),
        // Valid JSON, wrong shape (a number, a string, a member given twice).
        Err(e) if e.classify() == Category::Data => Err(ErrorResponse {
            id: None,
            error: ErrorData::invalid_request(e),
        }),
        // Invalid JSON, or JSON serde_json builds no value from (too deep, a number out of
        // range): only the second may still name its id, and finding out costs a second look.
        Err(e) if e.classify() == Category::Syntax => Err(unbuildable(text, limits)),
        Err(e) => Err(parse_failure(e)),
    }
}

/// Parses a batch: its members are counted while only skipping over them (no values built),
/// so an oversized batch costs no more than reading [`MAX_BATCH`] members.
fn parse_batch(
    text: &str,
    limits: ParseLimits,
) -> Result<Vec<Result<Message, ErrorResponse>>, ErrorResponse> {
    let over = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let members = de
        .deserialize_seq(BatchMembers {
            max: MAX_BATCH,
            over: &over,
        })
        .and_then(|m| de.end().map(|()| m));
    let members = match members {
        Ok(m) => m,
        Err(_) if over.get() => {
            return Err(ErrorResponse {
                id: None,
                error: ErrorData::invalid_request(format_args!(
                    "a batch holds at most {MAX_BATCH} messages"
                )),
            });
        }
        Err(e) => return Err(parse_failure(e)),
    };
    if members.is_empty() {
        return Err(ErrorResponse {
            id: None,
            error: ErrorData::invalid_request("empty batch"),
        });
    }
    Ok(members
        .into_iter()
        .map(|m| {
            // A raw value starts at its first byte: `{` is the only start of a message.
            if m.get().starts_with('{') {
                parse_message(m.get(), limits)
            } else {
                Err(ErrorResponse {
                    id: None,
                    error: ErrorData::invalid_request("a message must be a JSON object"),
                })
            }
        })
        .collect())
}

/// Collects a batch's members as raw text, failing once there are more than `max`.
struct BatchMembers<'a> {
    max: usize,
    over: &'a Cell<bool>,
}

impl<'de> Visitor<'de> for BatchMembers<'_> {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(m) = seq.next_element::<&'de RawValue>()? {
            if members.len() == self.max {
                self.over.set(true);
                return Err(serde::de::Error::custom("too many batch members"));
            }
            members.push(m);
        }
        Ok(members)
    }
}

fn parse_failure(e: serde_json::Error) -> ErrorResponse {
    ErrorResponse {
        id: None,
        error: ErrorData::parse_error(e),
    }
}

/// A message's members as raw text: reading it only skips over values, which serde_json does
/// without recursion and without converting numbers, so it succeeds on any valid JSON object.
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(default, borrow, deserialize_with = "present_raw")]
    jsonrpc: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present_raw")]
    id: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present_raw")]
    method: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present_raw")]
    params: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present_raw")]
    result: Option<&'a RawValue>,
    #[serde(default, borrow, deserialize_with = "present_raw")]
    error: Option<&'a RawValue>,
}

/// Keeps an explicit `null` as `Some("null")`, like [`present`].
fn present_raw<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<&'a RawValue>, D::Error> {
    <&'de RawValue>::deserialize(d).map(Some)
}

/// The answer to a message serde_json could not build: invalid JSON (-32700), or valid JSON
/// nesting deeper than serde_json goes or holding a number beyond `f64`, answered like any
/// other invalid message, with its id when the id can be read. Only reached on that error, so
/// the parse of a good message pays nothing for it; every step here is linear in the text and
/// nothing recurses with the input's depth.
fn unbuildable(text: &str, limits: ParseLimits) -> ErrorResponse {
    let env: RawEnvelope<'_> = match serde_json::from_str(text) {
        Ok(env) => env,
        Err(e) if e.classify() == Category::Eof => return parse_failure(e),
        // Not an object with distinct members: valid JSON of the wrong shape, or not JSON.
        Err(e) => {
            return match serde_json::from_str::<IgnoredAny>(text) {
                Err(e) => parse_failure(e),
                Ok(_) if text.trim_start().starts_with('{') => ErrorResponse {
                    id: None,
                    error: ErrorData::invalid_request(e),
                },
                Ok(_) => ErrorResponse {
                    id: None,
                    error: ErrorData::invalid_request("a message must be a JSON object"),
                },
            };
        }
    };
    let value = |raw: &RawValue| serde_json::from_str::<Value>(raw.get());
    let id = match env.id.map(value) {
        None => None,
        Some(v) => match v.ok().as_ref().and_then(RequestId::from_value) {
            Some(id) => Some(id),
            None => {
                return ErrorResponse {
                    id: None,
                    error: ErrorData::invalid_request("id must be a string or an integer"),
                };
            }
        },
    };
    let fail = |error: ErrorData| ErrorResponse {
        id: id.clone(),
        error,
    };
    let version = env.jsonrpc.map(value).and_then(Result::ok);
    if version.as_ref().and_then(Value::as_str) != Some("2.0") {
        return fail(ErrorData::invalid_request("jsonrpc must be \"2.0\""));
    }
    let max_depth = limits.max_depth.min(MAX_SUPPORTED_DEPTH);
    for raw in [env.params, env.result, env.error].into_iter().flatten() {
        if raw_depth(raw.get()) > max_depth {
            return fail(ErrorData::invalid_request(too_deep(limits)));
        }
    }
    // Within the depth limit, a member serde_json cannot build holds a number beyond f64.
    const OUT_OF_RANGE: &str = "a number is beyond the range of a 64-bit float";
    let Ok(method) = env.method.map(value).transpose() else {
        return fail(ErrorData::invalid_request("method must be a string"));
    };
    let Ok(params) = env.params.map(value).transpose() else {
        return fail(ErrorData::invalid_params(format_args!(
            "params: {OUT_OF_RANGE}"
        )));
    };
    let Ok(result) = env.result.map(value).transpose() else {
        return fail(ErrorData::invalid_request(format_args!(
            "result: {OUT_OF_RANGE}"
        )));
    };
    let Ok(error) = env.error.map(value).transpose() else {
        return fail(ErrorData::invalid_request(format_args!(
            "error: {OUT_OF_RANGE}"
        )));
    };
    // Every member built on its own (each is one level shallower alone than inside the
    // message): classify them as usual. Should they make a valid message, it is still refused,
    // since the message as sent is more than the parser builds.
    let raw = RawMessage {
        jsonrpc: version,
        id: id.clone().map(RawId::Valid),
        method,
        params,
        result,
        error,
    };
    match classify(raw, limits) {
        Err(e) => e,
        Ok(_) => fail(ErrorData::invalid_request(too_deep(limits))),
    }
}

fn too_deep(limits: ParseLimits) -> String {
    format!(
        "nesting deeper than {} levels",
        limits.max_depth.min(MAX_SUPPORTED_DEPTH)
    )
}

/// The deepest nesting of arrays and objects in `json` (valid JSON), counted without recursion.
fn raw_depth(json: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in json.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(default)]
    jsonrpc: Option<Value>,
    #[serde(default, deserialize_with = "present_id")]
    id: Option<RawId>,
    #[serde(default)]
    method: Option<Value>,
    #[serde(default)]
    params: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    result: Option<Value>,
    #[serde(default)]
    error: Option<Value>,
}

/// An explicit `null` id is `Some(Invalid)`, not absent.
fn present_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RawId>, D::Error> {
    RawId::deserialize(d).map(Some)
}

/// Keeps an explicit `null` as `Some(Null)` so "absent" and "null" differ.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A message's `id` member, read straight into a [`RequestId`]: numbers kept as written cost
/// an allocation each, and the id of every request is one.
enum RawId {
    Valid(RequestId),
    /// `null`, a fraction, a bool, an integer beyond `i64`, an array or an object.
    Invalid,
}

impl<'de> Deserialize<'de> for RawId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl<'de> Visitor<'de> for IdVisitor {
            type Value = RawId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a request id")
            }
            fn visit_i64<E>(self, n: i64) -> Result<RawId, E> {
                Ok(RawId::Valid(RequestId::Number(n)))
            }
            fn visit_u64<E>(self, n: u64) -> Result<RawId, E> {
                Ok(i64::try_from(n).map_or(RawId::Invalid, |n| RawId::Valid(RequestId::Number(n))))
            }
            fn visit_str<E>(self, s: &str) -> Result<RawId, E> {
                Ok(RawId::Valid(RequestId::String(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<RawId, E> {
                Ok(RawId::Valid(RequestId::String(s)))
            }
            fn visit_f64<E>(self, _: f64) -> Result<RawId, E> {
                Ok(RawId::Invalid)
            }
            fn visit_bool<E>(self, _: bool) -> Result<RawId, E> {
                Ok(RawId::Invalid)
            }
            fn visit_unit<E>(self) -> Result<RawId, E> {
                Ok(RawId::Invalid)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawId, A::Error> {
                Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawId::Invalid)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawId, A::Error> {
                // An object, or a number kept as written that was no i64 (serde_json hands
                // those over as a map).
                let v = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RequestId::from_value(&v).map_or(RawId::Invalid, RawId::Valid))
            }
        }
        d.deserialize_any(IdVisitor)
    }
}

fn classify(raw: RawMessage, limits: ParseLimits) -> Result<Message, ErrorResponse> {
    let id = match raw.id {
        None => None,
        Some(RawId::Valid(id)) => Some(id),
        Some(RawId::Invalid) => {
            return Err(ErrorResponse {
                id: None,
                error: ErrorData::invalid_request("id must be a string or an integer"),
            });
        }
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

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn a_batch_over_the_limit_is_one_invalid_request() {
        let ping = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
        let full = format!("[{}]", vec![ping; MAX_BATCH].join(","));
        let Parsed::Batch(items) = parse(full.as_bytes(), ParseLimits::default()).unwrap() else {
            panic!("not a batch");
        };
        assert_eq!(items.len(), MAX_BATCH);
        assert!(items.iter().all(Result::is_ok));
        let over = format!("[{}]", vec![ping; MAX_BATCH + 1].join(","));
        let e = parse(over.as_bytes(), ParseLimits::default()).unwrap_err();
        assert_eq!(e.id, None);
        assert_eq!(e.error.code, ErrorCode::INVALID_REQUEST);
        assert!(e.error.message.contains(&MAX_BATCH.to_string()), "{e:?}");
        // Two million members in under 4 MiB: still one error.
        let huge = format!("[{}1]", "1,".repeat(2_000_000));
        let e = parse(huge.as_bytes(), ParseLimits::default()).unwrap_err();
        assert_eq!((e.id, e.error.code), (None, ErrorCode::INVALID_REQUEST));
    }

    #[test]
    fn batch_members_are_parsed_like_single_messages() {
        let deep = nested(100_000);
        let text = format!(
            r#"[{{"jsonrpc":"2.0","id":1,"method":"ping"}},7,[1],{{"jsonrpc":"2.0","id":2,"method":"x","params":{deep}}},{{"jsonrpc":"2.0","id":3,"method":"x","params":[1e400]}}]"#
        );
        let Parsed::Batch(items) = parse(text.as_bytes(), ParseLimits::default()).unwrap() else {
            panic!("not a batch");
        };
        assert!(items[0].is_ok());
        for item in &items[1..3] {
            let e = item.as_ref().unwrap_err();
            assert_eq!((&e.id, e.error.code), (&None, ErrorCode::INVALID_REQUEST));
        }
        let e = items[3].as_ref().unwrap_err();
        assert_eq!(
            (&e.id, e.error.code),
            (&Some(RequestId::Number(2)), ErrorCode::INVALID_REQUEST)
        );
        // A number beyond f64 is kept as written.
        assert!(items[4].is_ok());
        // Invalid JSON anywhere in a batch is one parse error.
        let bad = format!(
            r#"[{{"jsonrpc":"2.0","id":1,"method":"ping"}},{}"#,
            nested(200)
        );
        let e = parse(bad.as_bytes(), ParseLimits::default()).unwrap_err();
        assert_eq!((e.id, e.error.code), (None, ErrorCode::PARSE_ERROR));
    }

    #[test]
    fn nesting_past_the_parser_keeps_the_id() {
        for depth in [65, 126, 127, 128, 1_000, 100_000] {
            for (id, text) in [
                (
                    RequestId::Number(5),
                    format!(
                        r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{{"a":{}}}}}"#,
                        nested(depth)
                    ),
                ),
                (
                    RequestId::String("late [ { \" ".into()),
                    format!(
                        r#"{{"jsonrpc":"2.0","method":"x","params":{},"id":"late [ {{ \" "}}"#,
                        nested(depth)
                    ),
                ),
            ] {
                let e = one(&text).unwrap_err();
                assert_eq!(e.id, Some(id), "depth {depth}");
                assert_eq!(e.error.code, ErrorCode::INVALID_REQUEST, "depth {depth}");
                assert!(
                    e.error.message.contains("nesting deeper than 64 levels"),
                    "{e:?}"
                );
            }
        }
        // A notification has no id to name; a deep id is no id.
        let note = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":{}}}"#,
            nested(500)
        );
        let e = one(&note).unwrap_err();
        assert_eq!((e.id, e.error.code), (None, ErrorCode::INVALID_REQUEST));
        let deep_id = format!(r#"{{"jsonrpc":"2.0","id":{},"method":"x"}}"#, nested(500));
        let e = one(&deep_id).unwrap_err();
        assert_eq!((e.id, e.error.code), (None, ErrorCode::INVALID_REQUEST));
        // The envelope is checked first, as for any message.
        let old = format!(
            r#"{{"jsonrpc":"1.0","id":4,"method":"x","params":{}}}"#,
            nested(500)
        );
        let e = one(&old).unwrap_err();
        assert_eq!(e.id, Some(RequestId::Number(4)));
        assert!(e.error.message.contains("jsonrpc"), "{e:?}");
        // Deep and broken is still invalid JSON.
        for broken in [
            format!(
                r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{}"#,
                nested(500)
            ),
            format!(
                r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{}}}"#,
                "[".repeat(500)
            ),
            format!(
                r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{},tru}}"#,
                nested(500)
            ),
        ] {
            let e = one(&broken).unwrap_err();
            assert_eq!((e.id, e.error.code), (None, ErrorCode::PARSE_ERROR));
        }
        // A configured limit beyond what the parser builds is named as the parser's.
        let limits = ParseLimits { max_depth: 1_000 };
        let text = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}}}"#,
            nested(127)
        );
        let Err(e) = parse(text.as_bytes(), limits) else {
            panic!("accepted");
        };
        assert_eq!(e.id, Some(RequestId::Number(1)));
        assert!(e.error.message.contains("deeper than 126 levels"), "{e:?}");
        let text = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"x","params":{}}}"#,
            nested(126)
        );
        assert!(parse(text.as_bytes(), limits).is_ok());
    }

    #[test]
    fn numbers_beyond_64_bits_are_kept_as_written() {
        let big = format!("1{}", "0".repeat(400));
        for n in ["1e400", "-1e400", "18446744073709551617", big.as_str()] {
            let text = format!(
                r#"{{"jsonrpc":"2.0","id":"n","method":"tools/call","params":{{"name":"add","arguments":{{"a":{n},"b":1}}}}}}"#
            );
            let Message::Request(r) = one(&text).unwrap() else {
                panic!("{n}: not a request");
            };
            let a = &r.params.unwrap()["arguments"]["a"];
            assert!(a.is_number(), "{n}");
            if !n.contains('e') {
                assert_eq!(a.to_string(), n);
            }
        }
        // Written back out exactly as well.
        let m = Message::response(RequestId::Number(1), json!({"n": 18446744073709551617u128}));
        assert!(m.to_json().contains("18446744073709551617"));
        // A number as the id is not a usable id.
        let e = one(r#"{"jsonrpc":"2.0","id":1e400,"method":"ping"}"#).unwrap_err();
        assert_eq!((e.id, e.error.code), (None, ErrorCode::INVALID_REQUEST));
        // Alone, it is valid JSON but not a message.
        let e = one("1e400").unwrap_err();
        assert_eq!((e.id, e.error.code), (None, ErrorCode::INVALID_REQUEST));
    }

    #[test]
    fn raw_depth_skips_strings() {
        assert_eq!(raw_depth("1"), 0);
        assert_eq!(raw_depth(r#"[{"a":[]},[]]"#), 3);
        assert_eq!(raw_depth(r#"["[[[\"[[", {"}}}": "\\"}]"#), 2);
    }
}
