//! JSON Schema: compiled and meta-validated once, at registration; validated per call.
//!
//! A schema without `$schema` is read as draft 2020-12 (the MCP default since 2025-11-25);
//! `$schema` selects another draft such as draft-07.
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic#json-schema-usage>

use serde_json::Value;
use std::fmt;

/// One way an instance fails its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// JSON Pointer to the failing part of the instance (`""` for the whole of it).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{} (at {})", self.message, self.path)
        }
    }
}

/// A schema compiled for repeated validation.
pub struct CompiledSchema {
    validator: jsonschema::Validator,
    source: Value,
}

impl fmt::Debug for CompiledSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CompiledSchema")
            .field("source", &self.source)
            .finish()
    }
}

impl CompiledSchema {
    /// Compiles `schema`, checking it against its meta-schema.
    pub fn compile(schema: &Value) -> Result<Self, String> {
        let validator = jsonschema::options()
            .build(schema)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            validator,
            source: schema.clone(),
        })
    }

    /// The schema this was compiled from.
    pub fn source(&self) -> &Value {
        &self.source
    }

    /// Validates `instance`; on failure returns the first issue found.
    pub fn validate(&self, instance: &Value) -> Result<(), Issue> {
        if self.validator.is_valid(instance) {
            return Ok(());
        }
        let e = self.validator.iter_errors(instance).next().map(|e| Issue {
            path: e.instance_path().to_string(),
            message: e.to_string(),
        });
        Err(e.unwrap_or_else(|| Issue {
            path: String::new(),
            message: "invalid".into(),
        }))
    }
}

impl CompiledSchema {
    /// Lax coercion of tool arguments, as pydantic's lax mode (and so the official decorator
    /// APIs) accepts them. Where the schema wants:
    ///
    /// * an integer: a string holding one (`"2"`, `"1_000"`, `"2.00"`), or a boolean;
    /// * a number: a string holding one (`"1.5"`, `"1e3"`), or a boolean;
    /// * a boolean: `"true"/"false"`, `"yes"/"no"`, `"on"/"off"`, `"t"/"f"`, `"y"/"n"`, `"1"/"0"`
    ///   (any case, no surrounding spaces), or the numbers 0 and 1;
    /// * an array or an object: a string holding that JSON (some clients send them so).
    ///
    /// The instance is changed in place; returns whether anything changed.
    pub fn coerce_lax(&self, instance: &mut Value) -> bool {
        let mut changed = false;
        // A JSON string turned into an array may hold values that need coercing in turn.
        for _ in 0..4 {
            let fixes = self.lax_fixes(instance);
            if fixes.is_empty() {
                break;
            }
            changed = true;
            for (path, v) in fixes {
                if let Some(slot) = instance.pointer_mut(&path) {
                    *slot = v;
                }
            }
        }
        changed
    }

    fn lax_fixes(&self, instance: &Value) -> Vec<(String, Value)> {
        use jsonschema::JsonType;
        use jsonschema::error::{TypeKind, ValidationErrorKind};
        self.validator
            .iter_errors(instance)
            .filter_map(|e| {
                let ValidationErrorKind::Type { kind } = e.kind() else {
                    return None;
                };
                let wants = |t: JsonType| match kind {
                    TypeKind::Single(x) => *x == t,
                    TypeKind::Multiple(set) => set.contains(t),
                };
                let new = match e.instance().as_ref() {
                    Value::String(s) => {
                        if wants(JsonType::Integer)
                            && let Some(n) = lax_int(s)
                        {
                            Some(Value::from(n))
                        } else if wants(JsonType::Number)
                            && let Ok(f) = s.trim().parse::<f64>()
                            && f.is_finite()
                        {
                            serde_json::Number::from_f64(f).map(Value::Number)
                        } else if wants(JsonType::Boolean) {
                            lax_bool(s).map(Value::Bool)
                        } else if wants(JsonType::Array) || wants(JsonType::Object) {
                            serde_json::from_str::<Value>(s).ok().filter(|v| {
                                (v.is_array() && wants(JsonType::Array))
                                    || (v.is_object() && wants(JsonType::Object))
                            })
                        } else {
                            None
                        }
                    }
                    Value::Bool(b) if wants(JsonType::Integer) || wants(JsonType::Number) => {
                        Some(Value::from(u8::from(*b)))
                    }
                    Value::Number(n) if wants(JsonType::Boolean) => match n.as_f64() {
                        Some(0.0) => Some(Value::Bool(false)),
                        Some(1.0) => Some(Value::Bool(true)),
                        _ => None,
                    },
                    _ => None,
                };
                new.map(|v| (e.instance_path().to_string(), v))
            })
            .collect()
    }
}

/// An integer written as a string: digits with optional sign, `_` between digits, or a
/// decimal whose fraction is zero.
fn lax_int(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    let bytes = t.as_bytes();
    let underscores_ok = t.contains('_')
        && !t.starts_with('_')
        && !t.ends_with('_')
        && !t.contains("__")
        && bytes
            .windows(2)
            .all(|w| w[0] != b'_' || w[1].is_ascii_digit());
    if underscores_ok && let Ok(n) = t.replace('_', "").parse::<i64>() {
        return Some(n);
    }
    let (whole, frac) = t.split_once('.')?;
    if !frac.is_empty() && frac.bytes().all(|b| b == b'0') {
        return whole.parse::<i64>().ok();
    }
    None
}

fn lax_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_the_failing_path() {
        let s = CompiledSchema::compile(&json!({
            "type": "object",
            "properties": {"n": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}},
            "required": ["n"]
        }))
        .unwrap();
        assert!(s.validate(&json!({"n": 1})).is_ok());
        let e = s.validate(&json!({})).unwrap_err();
        assert_eq!(e.path, "");
        assert!(e.message.contains("\"n\" is a required property"), "{e}");
        let e = s.validate(&json!({"n": 1, "tags": ["a", 2]})).unwrap_err();
        assert_eq!(e.path, "/tags/1");
    }

    #[test]
    fn lax_coercion() {
        let s = CompiledSchema::compile(&json!({
            "type": "object",
            "properties": {"n": {"type": "integer"}, "x": {"type": "number"},
                "b": {"type": "boolean"}, "s": {"type": "string"}}
        }))
        .unwrap();
        let mut v = json!({"n": "2", "x": " 1.5", "b": "true", "s": "3"});
        assert!(s.coerce_lax(&mut v));
        assert_eq!(v, json!({"n": 2, "x": 1.5, "b": true, "s": "3"}));
        for (raw, want) in [
            ("1_000", json!(1000)),
            ("2.00", json!(2)),
            ("-7", json!(-7)),
        ] {
            let mut v = json!({"n": raw});
            s.coerce_lax(&mut v);
            assert_eq!(v["n"], want, "{raw}");
        }
        let mut v = json!({"n": true, "b": 1});
        s.coerce_lax(&mut v);
        assert_eq!(v, json!({"n": 1, "b": true}));
        let mut v = json!({"b": " true"});
        assert!(!s.coerce_lax(&mut v));
        let arr = CompiledSchema::compile(&json!({"type": "object", "properties":
            {"xs": {"type": "array", "items": {"type": "integer"}}}}))
        .unwrap();
        let mut v = json!({"xs": "[1, \"2\"]"});
        assert!(arr.coerce_lax(&mut v));
        assert_eq!(v, json!({"xs": [1, 2]}));
        let mut v = json!({"n": "two"});
        assert!(!s.coerce_lax(&mut v));
        assert!(s.validate(&v).is_err());
    }

    #[test]
    fn draft07_and_bad_schemas() {
        let s = CompiledSchema::compile(&json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object", "properties": {"a": {"type": "string"}}
        }))
        .unwrap();
        assert!(s.validate(&json!({"a": 3})).is_err());
        assert!(CompiledSchema::compile(&json!({"type": 12})).is_err());
    }
}
