//! Sealed `requestState` (2026-07-28 input-required results). A handler that asks the client
//! for input may hand it state to echo on the retry; the client must not be able to forge it or
//! replay it on another call. The server seals what the handler returned — signed with
//! HMAC-SHA256 and bound to the method, the tool/prompt/resource, a digest of the arguments,
//! the authenticated caller (when the transport checks tokens), an expiry and an audience — and unseals it before the handler sees the retry. Any failure is
//! one fixed -32602, so a client learns nothing about why.
//!
//! The state is signed, not encrypted: the client can read it. Keep secrets server-side.
//!
//! Token: `v1.<base64url(payload JSON)>.<base64url(mac)>`; the first key signs, every key
//! verifies (rotation).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{ErrorCode, ErrorData};

type HmacSha256 = Hmac<Sha256>;

/// Seals and unseals `requestState` for one server.
#[derive(Clone)]
pub struct Sealer {
    keys: Vec<Vec<u8>>,
    ttl: Duration,
    audience: String,
    /// Whether a state is bound to the caller its request was authorized for.
    pub bind_principal: bool,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("keys", &self.keys.len())
            .field("ttl", &self.ttl)
            .field("audience", &self.audience)
            .finish()
    }
}

/// What a sealed state is bound to.
#[derive(Debug, Clone)]
pub struct Binding<'a> {
    /// The method (`tools/call`, `prompts/get`, `resources/read`).
    pub method: &'a str,
    /// The tool or prompt name, or the resource URI.
    pub target: &'a str,
    /// The call's arguments (`null` when none).
    pub arguments: &'a Value,
    /// The authenticated caller, when the transport checks tokens.
    pub principal: Option<&'a str>,
}

impl Sealer {
    /// A sealer signing with `keys[0]` and accepting any of `keys` (each at least 32 bytes);
    /// with no keys, a random key for this process (state then does not survive a restart or
    /// reach another replica).
    pub fn new(keys: Vec<Vec<u8>>, ttl: Duration, audience: &str) -> Result<Self, String> {
        if keys.iter().any(|k| k.len() < 32) {
            return Err("request-state keys must be at least 32 bytes".into());
        }
        let keys = if keys.is_empty() {
            let mut k = vec![0u8; 32];
            getrandom::fill(&mut k).map_err(|e| format!("no randomness for a key: {e}"))?;
            vec![k]
        } else {
            keys
        };
        Ok(Self {
            keys,
            ttl,
            audience: audience.to_owned(),
            bind_principal: true,
        })
    }

    /// Seals `state` for the retry of the call `binding` describes.
    pub fn seal(&self, state: &str, binding: &Binding<'_>) -> String {
        let exp = now() + self.ttl.as_secs_f64();
        let mut payload = json!({
            "v": 1,
            "exp": exp,
            "m": binding.method,
            "t": binding.target,
            "a": digest(binding.arguments),
            "aud": self.audience,
            "s": state,
        });
        if let Some(p) = binding.principal.filter(|_| self.bind_principal) {
            payload["p"] = Value::from(p);
        }
        let body = B64.encode(payload.to_string());
        let signed = format!("v1.{body}");
        let mac = self.mac(&self.keys[0], signed.as_bytes());
        format!("{signed}.{}", B64.encode(mac))
    }

    /// The state `token` carries, if this server sealed it for this call and it has not
    /// expired; else the one error every failure gets.
    pub fn unseal(&self, token: &Value, binding: &Binding<'_>) -> Result<String, ErrorData> {
        let why = match self.open(token, binding) {
            Ok(s) => return Ok(s),
            Err(why) => why,
        };
        tracing::info!(reason = why, "requestState refused");
        Err(invalid())
    }

    fn open(&self, token: &Value, binding: &Binding<'_>) -> Result<String, &'static str> {
        let token = token.as_str().ok_or("not a string")?;
        let (signed, mac) = token.rsplit_once('.').ok_or("malformed")?;
        let body = signed.strip_prefix("v1.").ok_or("unknown version")?;
        let mac = B64.decode(mac).map_err(|_| "malformed mac")?;
        if !self.keys.iter().any(|k| {
            let mut m = HmacSha256::new_from_slice(k).expect("any key length");
            m.update(signed.as_bytes());
            m.verify_slice(&mac).is_ok()
        }) {
            return Err("seal");
        }
        let payload: Value = B64
            .decode(body)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or("malformed payload")?;
        if payload["exp"].as_f64().is_none_or(|e| e < now()) {
            return Err("expired");
        }
        if payload["aud"] != self.audience.as_str()
            || payload["m"] != binding.method
            || payload["t"] != binding.target
            || payload["a"] != digest(binding.arguments).as_str()
            || payload.get("p").and_then(Value::as_str)
                != binding.principal.filter(|_| self.bind_principal)
        {
            return Err("request binding");
        }
        payload["s"]
            .as_str()
            .map(str::to_owned)
            .ok_or("malformed payload")
    }

    fn mac(&self, key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = HmacSha256::new_from_slice(key).expect("any key length");
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
}

/// -32602 "Invalid or expired requestState".
pub fn invalid() -> ErrorData {
    ErrorData::new(ErrorCode::INVALID_PARAMS, "Invalid or expired requestState")
        .with_data(json!({"reason": "invalid_request_state"}))
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// A short digest of `v` that does not depend on the order of object members.
fn digest(v: &Value) -> String {
    fn canonical(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(k.as_str()).to_string());
                    out.push(':');
                    canonical(&m[k], out);
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    canonical(x, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut text = String::new();
    canonical(v, &mut text);
    B64.encode(&Sha256::digest(text.as_bytes())[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call<'a>(args: &'a Value) -> Binding<'a> {
        Binding {
            method: "tools/call",
            target: "t",
            arguments: args,
            principal: None,
        }
    }

    #[test]
    fn a_state_stays_with_its_caller() {
        let s = Sealer::new(vec![], Duration::from_secs(60), "srv").unwrap();
        let args = Value::Null;
        let alice = Binding {
            principal: Some("alice"),
            ..call(&args)
        };
        let token = Value::from(s.seal("x", &alice));
        assert_eq!(s.unseal(&token, &alice).unwrap(), "x");
        let bob = Binding {
            principal: Some("bob"),
            ..call(&args)
        };
        assert!(s.unseal(&token, &bob).is_err());
        assert!(s.unseal(&token, &call(&args)).is_err());
    }

    #[test]
    fn a_sealed_state_opens_only_for_its_call() {
        let s = Sealer::new(vec![], Duration::from_secs(60), "srv").unwrap();
        let args = json!({"b": 1, "a": [1, {"y": 2, "x": 1}]});
        let token = s.seal("round-1", &call(&args));
        let reordered = json!({"a": [1, {"x": 1, "y": 2}], "b": 1});
        assert_eq!(
            s.unseal(&Value::from(token.clone()), &call(&reordered))
                .unwrap(),
            "round-1"
        );
        let tampered = Value::from(format!("{token}-TAMPERED"));
        assert_eq!(s.unseal(&tampered, &call(&args)).unwrap_err(), invalid());
        let other = json!({"b": 2});
        assert!(
            s.unseal(&Value::from(token.clone()), &call(&other))
                .is_err()
        );
        let elsewhere = Sealer::new(vec![], Duration::from_secs(60), "srv").unwrap();
        assert!(elsewhere.unseal(&Value::from(token), &call(&args)).is_err());
        assert!(s.unseal(&json!(5), &call(&args)).is_err());
    }

    #[test]
    fn every_key_opens_and_the_first_seals() {
        let old = vec![7u8; 32];
        let new = vec![9u8; 32];
        let before = Sealer::new(vec![old.clone()], Duration::from_secs(60), "a").unwrap();
        let after = Sealer::new(vec![new, old], Duration::from_secs(60), "a").unwrap();
        let args = Value::Null;
        let token = before.seal("s", &call(&args));
        assert_eq!(
            after.unseal(&Value::from(token), &call(&args)).unwrap(),
            "s"
        );
        assert!(Sealer::new(vec![vec![1; 8]], Duration::from_secs(1), "a").is_err());
        let expired = Sealer::new(vec![], Duration::ZERO, "a").unwrap();
        let token = expired.seal("s", &call(&args));
        std::thread::sleep(Duration::from_millis(5));
        assert!(expired.unseal(&Value::from(token), &call(&args)).is_err());
    }
}
