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
    /// Lax coercion, as pydantic's lax mode does for tool arguments: where the schema wants an
    /// integer, a number or a boolean and the instance holds a string that reads as one
    /// (`"2"`, `"1.5"`, `"true"`), the string is replaced. Returns whether anything changed.
    pub fn coerce_lax(&self, instance: &mut Value) -> bool {
        use jsonschema::JsonType;
        use jsonschema::error::{TypeKind, ValidationErrorKind};
        let fixes: Vec<(String, Value)> = self
            .validator
            .iter_errors(instance)
            .filter_map(|e| {
                let ValidationErrorKind::Type { kind } = e.kind() else {
                    return None;
                };
                let Value::String(s) = e.instance().as_ref() else {
                    return None;
                };
                let wants = |t: JsonType| match kind {
                    TypeKind::Single(x) => *x == t,
                    TypeKind::Multiple(set) => set.contains(t),
                };
                let s = s.trim();
                let new = if wants(JsonType::Integer)
                    && let Ok(n) = s.parse::<i64>()
                {
                    Some(Value::from(n))
                } else if wants(JsonType::Number)
                    && let Ok(f) = s.parse::<f64>()
                {
                    serde_json::Number::from_f64(f).map(Value::Number)
                } else if wants(JsonType::Boolean) {
                    match s.to_ascii_lowercase().as_str() {
                        "true" | "1" | "yes" | "on" | "t" | "y" => Some(Value::Bool(true)),
                        "false" | "0" | "no" | "off" | "f" | "n" => Some(Value::Bool(false)),
                        _ => None,
                    }
                } else {
                    None
                };
                new.map(|v| (e.instance_path().to_string(), v))
            })
            .collect();
        let changed = !fixes.is_empty();
        for (path, v) in fixes {
            if let Some(slot) = instance.pointer_mut(&path) {
                *slot = v;
            }
        }
        changed
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
