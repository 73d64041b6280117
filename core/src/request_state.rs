//! Sealed `requestState` (2026-07-28 input-required results). A handler that asks the client
//! for input may hand it state to echo on the retry; the client must neither read it, forge it
//! nor replay it on another call. The server seals what the handler returned in claims — the
//! method, the tool/prompt/resource, a digest of the arguments, the authenticated caller (when
//! the transport checks tokens), an expiry and an audience — and checks every claim before the
//! handler sees the retry. Any failure is one fixed -32602, so a client learns nothing about why.
//!
//! The claims go through a [`Codec`]: by default [`AesGcm`] (AES-256-GCM under keys derived
//! with HKDF-SHA256: the client can neither read nor alter the state), or one a binding supplies
//! (an author's KMS-backed codec).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{ErrorCode, ErrorData};
use crate::jsonrpc::RequestId;
use crate::session::Session;

/// Authenticated encryption of a sealed state's claims. `unseal(seal(p))` gives `p` back; any
/// token the codec did not mint unmodified is refused.
pub trait Codec: Send + Sync {
    /// An opaque, URL-safe token protecting `payload`.
    fn seal(&self, payload: &[u8]) -> Result<String, String>;
    /// The payload `token` protects; the reason (logged only) when it is not authentic.
    fn unseal(&self, token: &str) -> Result<Vec<u8>, String>;
}

/// The built-in codec: AES-256-GCM, each key stretched with HKDF-SHA256. The first key seals,
/// every key unseals (rotation); a token names its key by a short fingerprint, and its format
/// prefix and fingerprint are authenticated with it.
pub struct AesGcm {
    /// `(fingerprint, cipher)`, the sealing key first.
    ring: Vec<([u8; 4], Aes256Gcm)>,
}

const PREFIX: &str = "v2.";
const NONCE: usize = 12;

impl AesGcm {
    /// A codec over `keys` (each at least 32 bytes); with none, a random key for this process
    /// (states then survive neither a restart nor a trip to another replica).
    pub fn new(keys: Vec<Vec<u8>>) -> Result<Self, String> {
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
        let mut ring = Vec::with_capacity(keys.len());
        for secret in keys {
            let mut key = [0u8; 32];
            hkdf::Hkdf::<Sha256>::new(None, &secret)
                .expand(b"ferromcp request state key", &mut key)
                .map_err(|e| e.to_string())?;
            let mut id = [0u8; 4];
            id.copy_from_slice(&Sha256::digest([&b"ferromcp key id"[..], &key].concat())[..4]);
            if ring.iter().any(|(seen, _)| *seen == id) {
                return Err("request-state keys repeat a key".into());
            }
            ring.push((id, Aes256Gcm::new(&key.into())));
        }
        Ok(Self { ring })
    }

    fn aad(id: &[u8; 4]) -> Vec<u8> {
        [PREFIX.as_bytes(), id].concat()
    }
}

impl Codec for AesGcm {
    fn seal(&self, payload: &[u8]) -> Result<String, String> {
        let (id, cipher) = &self.ring[0];
        let mut nonce = [0u8; NONCE];
        getrandom::fill(&mut nonce).map_err(|e| format!("no randomness for a nonce: {e}"))?;
        let aad = Self::aad(id);
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: payload,
                    aad: &aad,
                },
            )
            .map_err(|_| "encryption failed".to_owned())?;
        Ok(format!(
            "{PREFIX}{}",
            B64.encode([&id[..], &nonce, &sealed].concat())
        ))
    }

    fn unseal(&self, token: &str) -> Result<Vec<u8>, String> {
        let raw = token
            .strip_prefix(PREFIX)
            .and_then(|t| B64.decode(t).ok())
            .filter(|r| r.len() >= 4 + NONCE + 16)
            .ok_or("malformed")?;
        let (id, rest) = raw.split_at(4);
        let (nonce, sealed) = rest.split_at(NONCE);
        let (id, cipher) = self
            .ring
            .iter()
            .find(|(k, _)| k[..] == *id)
            .ok_or("unknown key")?;
        let aad = Self::aad(id);
        cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| "not authentic".to_owned())
    }
}

/// Whom a sealed state is bound to: a retry by anyone else is refused.
#[derive(Clone, Default)]
pub enum Principal {
    /// Nobody: the state is not bound to a caller.
    Unbound,
    /// The caller the request's access token names (its subject, else its client id); nobody
    /// on a transport without authorization.
    #[default]
    Token,
    /// Whoever the author's function says made the request.
    Custom(Arc<dyn BindPrincipal>),
}

/// An author's principal binding (the official `bind_principal`), supplied by a binding.
pub trait BindPrincipal: Send + Sync {
    /// Who made `request`, or `None` (the state is then unbound); `Err` with the reason (logged
    /// only) when it cannot tell, and the request is refused.
    fn principal(&self, request: &PrincipalOf<'_>) -> Result<Option<String>, String>;
}

/// A request as a principal binding sees it.
pub struct PrincipalOf<'a> {
    /// The session it arrived on (its access token, the HTTP request that carried it).
    pub session: &'a Session,
    /// Its id.
    pub id: &'a RequestId,
    /// Its method.
    pub method: &'a str,
    /// Its params.
    pub params: &'a Value,
}

/// Seals and unseals `requestState` for one server.
#[derive(Clone)]
pub struct Sealer {
    codec: Arc<dyn Codec>,
    ttl: Duration,
    /// The service the states are minted for; `None` leaves them audience-free.
    audience: Option<String>,
    /// Whom a state is bound to.
    pub principal: Principal,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
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
    /// A sealer with the built-in codec over `keys` ([`AesGcm::new`]).
    pub fn new(keys: Vec<Vec<u8>>, ttl: Duration, audience: Option<&str>) -> Result<Self, String> {
        Ok(Self::with_codec(
            Arc::new(AesGcm::new(keys)?),
            ttl,
            audience,
        ))
    }

    /// A sealer whose claims go through `codec`.
    pub fn with_codec(codec: Arc<dyn Codec>, ttl: Duration, audience: Option<&str>) -> Self {
        Self {
            codec,
            ttl,
            audience: audience.map(str::to_owned),
            principal: Principal::Token,
        }
    }

    /// Who made `request`, by this sealer's [`Principal`] rule.
    pub fn principal(&self, request: &PrincipalOf<'_>) -> Result<Option<String>, String> {
        match &self.principal {
            Principal::Unbound => Ok(None),
            Principal::Token => Ok(request
                .session
                .auth()
                .and_then(|t| crate::guards::principal(&t).map(str::to_owned))),
            Principal::Custom(f) => f.principal(request),
        }
    }

    /// This sealer with its claims going through `codec` instead.
    pub fn recoded(&self, codec: Arc<dyn Codec>) -> Self {
        Self {
            codec,
            ..self.clone()
        }
    }

    /// Seals `state` for the retry of the call `binding` describes.
    pub fn seal(&self, state: &str, binding: &Binding<'_>) -> Result<String, ErrorData> {
        let exp = now() + self.ttl.as_secs_f64();
        let mut claims = json!({
            "v": 1,
            "exp": exp,
            "m": binding.method,
            "t": binding.target,
            "a": digest(binding.arguments),
            "s": state,
        });
        if let Some(aud) = &self.audience {
            claims["aud"] = Value::from(aud.as_str());
        }
        if let Some(p) = binding.principal {
            claims["p"] = Value::from(p);
        }
        self.codec
            .seal(claims.to_string().as_bytes())
            .map_err(|why| {
                tracing::warn!(reason = %why, "requestState could not be sealed");
                sealing_failed()
            })
    }

    /// The state `token` carries, if this server sealed it for this call and it has not
    /// expired; else the one error every failure gets.
    pub fn unseal(&self, token: &Value, binding: &Binding<'_>) -> Result<String, ErrorData> {
        let why = match self.open(token, binding) {
            Ok(s) => return Ok(s),
            Err(why) => why,
        };
        tracing::info!(reason = %why, "requestState refused");
        Err(invalid())
    }

    fn open(&self, token: &Value, binding: &Binding<'_>) -> Result<String, String> {
        let token = token.as_str().ok_or("not a string")?;
        let payload = self.codec.unseal(token)?;
        let claims: Value = serde_json::from_slice(&payload).map_err(|_| "malformed payload")?;
        if claims["exp"].as_f64().is_none_or(|e| e < now()) {
            return Err("expired".into());
        }
        if claims.get("aud").and_then(Value::as_str) != self.audience.as_deref()
            || claims["m"] != binding.method
            || claims["t"] != binding.target
            || claims["a"] != digest(binding.arguments).as_str()
            || claims.get("p").and_then(Value::as_str) != binding.principal
        {
            return Err("request binding".into());
        }
        claims["s"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "malformed payload".into())
    }
}

/// -32603 "Internal error": a state could not be sealed (the reason is logged, as the
/// official SDK does, never sent).
pub fn sealing_failed() -> ErrorData {
    ErrorData::new(ErrorCode::INTERNAL_ERROR, "Internal error")
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
        let s = Sealer::new(vec![], Duration::from_secs(60), Some("srv")).unwrap();
        let args = Value::Null;
        let alice = Binding {
            principal: Some("alice"),
            ..call(&args)
        };
        let token = Value::from(s.seal("x", &alice).unwrap());
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
        let s = Sealer::new(vec![], Duration::from_secs(60), Some("srv")).unwrap();
        let args = json!({"b": 1, "a": [1, {"y": 2, "x": 1}]});
        let token = s.seal("round-1", &call(&args)).unwrap();
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
        let elsewhere = Sealer::new(vec![], Duration::from_secs(60), Some("srv")).unwrap();
        assert!(elsewhere.unseal(&Value::from(token), &call(&args)).is_err());
        assert!(s.unseal(&json!(5), &call(&args)).is_err());
    }

    #[test]
    fn every_key_opens_and_the_first_seals() {
        let old = vec![7u8; 32];
        let new = vec![9u8; 32];
        let before = Sealer::new(vec![old.clone()], Duration::from_secs(60), Some("a")).unwrap();
        let after = Sealer::new(vec![new, old], Duration::from_secs(60), Some("a")).unwrap();
        let args = Value::Null;
        let token = before.seal("s", &call(&args)).unwrap();
        assert_eq!(
            after.unseal(&Value::from(token), &call(&args)).unwrap(),
            "s"
        );
        assert!(Sealer::new(vec![vec![1; 8]], Duration::from_secs(1), Some("a")).is_err());
        let expired = Sealer::new(vec![], Duration::ZERO, Some("a")).unwrap();
        let token = expired.seal("s", &call(&args)).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        assert!(expired.unseal(&Value::from(token), &call(&args)).is_err());
    }

    #[test]
    fn the_client_cannot_read_a_sealed_state() {
        let s = Sealer::new(vec![b"k".repeat(32)], Duration::from_secs(60), Some("srv")).unwrap();
        let args = Value::Null;
        let token = s.seal("the-secret-step", &call(&args)).unwrap();
        assert!(token.starts_with("v2."));
        let raw = B64.decode(&token[3..]).unwrap();
        assert!(!String::from_utf8_lossy(&raw).contains("the-secret-step"));
        assert!(!token.contains("tools/call"));
        // Another process with the same key opens it; a flipped byte does not.
        let replica =
            Sealer::new(vec![b"k".repeat(32)], Duration::from_secs(60), Some("srv")).unwrap();
        assert_eq!(
            replica
                .unseal(&Value::from(token.clone()), &call(&args))
                .unwrap(),
            "the-secret-step"
        );
        let mut bytes = raw.clone();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let flipped = Value::from(format!("v2.{}", B64.encode(bytes)));
        assert!(replica.unseal(&flipped, &call(&args)).is_err());
        assert!(AesGcm::new(vec![b"k".repeat(32), b"k".repeat(32)]).is_err());
    }

    /// A codec of the author's: reversible, and the claims still checked around it.
    struct Reversed;

    impl Codec for Reversed {
        fn seal(&self, payload: &[u8]) -> Result<String, String> {
            Ok(B64.encode(payload.iter().rev().copied().collect::<Vec<_>>()))
        }
        fn unseal(&self, token: &str) -> Result<Vec<u8>, String> {
            let raw = B64.decode(token).map_err(|e| e.to_string())?;
            Ok(raw.into_iter().rev().collect())
        }
    }

    #[test]
    fn an_authors_codec_carries_the_claims() {
        let s = Sealer::with_codec(Arc::new(Reversed), Duration::from_secs(60), Some("srv"));
        let args = json!({"x": 1});
        let token = Value::from(s.seal("st", &call(&args)).unwrap());
        assert_eq!(s.unseal(&token, &call(&args)).unwrap(), "st");
        assert!(s.unseal(&token, &call(&json!({"x": 2}))).is_err());
    }
}
