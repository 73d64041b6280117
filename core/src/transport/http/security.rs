//! Request checks before any message is read: DNS-rebinding protection (`Host`, `Origin`) and
//! the media types a request must offer and accept.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning>

use http::HeaderMap;
use http::header;
use std::net::SocketAddr;

/// DNS-rebinding protection: which `Host` and `Origin` headers a request may carry.
///
/// As the official Python SDK's `TransportSecuritySettings`: a `Host` that is not allowed is
/// answered `421 Misdirected Request`, an `Origin` that is present and not allowed
/// `403 Forbidden` (a request without `Origin` is same-origin and passes). A pattern ending in
/// `:*` allows any port (and none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DnsRebinding {
    /// `Some(true)`: on; `Some(false)`: off; `None` (default): on when the server listens on a
    /// loopback address ([`super::LocalAddr`] tells which; without it, off — as the official
    /// SDK's session manager when mounted without settings).
    pub enabled: Option<bool>,
    /// Allowed `Host` values, e.g. `"localhost:*"`, `"example.com"`. Empty (default): the
    /// loopback names, `127.0.0.1:*`, `localhost:*` and `[::1]:*`.
    pub allowed_hosts: Vec<String>,
    /// Allowed `Origin` values, e.g. `"http://localhost:*"`. Empty (default): the loopback
    /// origins, `http://127.0.0.1:*`, `http://localhost:*` and `http://[::1]:*`.
    pub allowed_origins: Vec<String>,
}

const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1:*", "localhost:*", "[::1]:*"];
const LOOPBACK_ORIGINS: [&str; 3] = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"];

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Host,
    Origin,
}

impl DnsRebinding {
    /// Whether the protection applies to a request that arrived on `local`.
    pub fn applies(&self, local: Option<SocketAddr>) -> bool {
        self.enabled
            .unwrap_or_else(|| local.is_some_and(|a| super::is_loopback(a.ip())))
    }

    pub(crate) fn check(
        &self,
        local: Option<SocketAddr>,
        headers: &HeaderMap,
    ) -> Result<(), Refusal> {
        if !self.applies(local) {
            return Ok(());
        }
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let host_ok = host.is_some_and(|h| {
            if self.allowed_hosts.is_empty() {
                LOOPBACK_HOSTS.iter().any(|p| matches(p, h))
            } else {
                self.allowed_hosts.iter().any(|p| matches(p, h))
            }
        });
        if !host_ok {
            tracing::warn!(host = host.unwrap_or(""), "refused: Host not allowed");
            return Err(Refusal::Host);
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let origin = origin.to_str().unwrap_or("");
            let ok = if self.allowed_origins.is_empty() {
                LOOPBACK_ORIGINS.iter().any(|p| matches(p, origin))
            } else {
                self.allowed_origins.iter().any(|p| matches(p, origin))
            };
            if !ok {
                tracing::warn!(origin, "refused: Origin not allowed");
                return Err(Refusal::Origin);
            }
        }
        Ok(())
    }
}

impl DnsRebinding {
    /// The TypeScript SDK's check: when enabled, `Host` must be one of the allowed hosts if
    /// any are given, and an `Origin` present one of the allowed origins if any are given,
    /// compared exactly. The refusal's text names the value.
    pub(crate) fn check_listed(&self, headers: &HeaderMap) -> Result<(), String> {
        if self.enabled != Some(true) {
            return Ok(());
        }
        let value = |h| headers.get(h).map(|v| v.to_str().unwrap_or(""));
        if !self.allowed_hosts.is_empty() {
            let host = value(header::HOST);
            if !host.is_some_and(|h| self.allowed_hosts.iter().any(|a| a == h)) {
                return Err(format!(
                    "Invalid Host header: {}",
                    host.unwrap_or("undefined")
                ));
            }
        }
        if !self.allowed_origins.is_empty()
            && let Some(origin) = value(header::ORIGIN)
            && !self.allowed_origins.iter().any(|a| a == origin)
        {
            return Err(format!("Invalid Origin header: {origin}"));
        }
        Ok(())
    }
}

/// `value` against `pattern`: equal (ASCII case-insensitively), or `base:*` and `value` is
/// `base` with or without a port.
fn matches(pattern: &str, value: &str) -> bool {
    if pattern.eq_ignore_ascii_case(value) {
        return true;
    }
    let Some(base) = pattern.strip_suffix(":*") else {
        return false;
    };
    let Some(head) = value.get(..base.len()) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(base) {
        return false;
    }
    match &value[base.len()..] {
        "" => true,
        rest => rest
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())),
    }
}

/// Whether the `Accept` header allows JSON and SSE answers, wildcards included (RFC 9110
/// §12.5.1), as the official servers read it.
pub(crate) fn accepts(headers: &HeaderMap) -> (bool, bool) {
    let (mut json, mut sse) = (false, false);
    for v in headers.get_all(header::ACCEPT) {
        let Ok(v) = v.to_str() else { continue };
        for item in v.split(',') {
            let media = item.split(';').next().unwrap_or("").trim();
            let is = |m: &str| media.eq_ignore_ascii_case(m);
            if is("*/*") {
                return (true, true);
            }
            json |= is("application/json") || is("application/*");
            sse |= is("text/event-stream") || is("text/*");
        }
    }
    (json, sse)
}

/// Whether the body is declared as JSON (`application/json`, parameters allowed).
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn port_patterns() {
        assert!(matches("localhost:*", "localhost:8080"));
        assert!(matches("localhost:*", "LOCALHOST"));
        assert!(matches("[::1]:*", "[::1]:1"));
        assert!(!matches("localhost:*", "localhost.evil.com"));
        assert!(!matches("localhost:*", "localhost:80x"));
        assert!(!matches("localhost:*", "localhost:"));
        assert!(matches("http://127.0.0.1:*", "http://127.0.0.1:3000"));
        assert!(!matches("http://127.0.0.1:*", "https://127.0.0.1:3000"));
        assert!(matches("example.com", "example.com"));
        assert!(!matches("example.com", "example.com:1"));
    }

    #[test]
    fn loopback_defaults_when_on() {
        let d = DnsRebinding::default();
        let local: SocketAddr = "127.0.0.1:9".parse().unwrap();
        let public: SocketAddr = "0.0.0.0:9".parse().unwrap();
        let evil = headers(&[("host", "evil.example.com")]);
        assert_eq!(d.check(Some(local), &evil), Err(Refusal::Host));
        assert_eq!(d.check(Some(public), &evil), Ok(()));
        assert_eq!(d.check(None, &evil), Ok(()));
        let ok = headers(&[("host", "localhost:9"), ("origin", "http://localhost:9")]);
        assert_eq!(d.check(Some(local), &ok), Ok(()));
        let bad_origin = headers(&[
            ("host", "localhost:9"),
            ("origin", "http://evil.example.com"),
        ]);
        assert_eq!(d.check(Some(local), &bad_origin), Err(Refusal::Origin));
        let listed = DnsRebinding {
            enabled: Some(true),
            allowed_hosts: vec!["mcp.example.com".into()],
            allowed_origins: vec![],
        };
        let h = headers(&[("host", "mcp.example.com")]);
        assert_eq!(listed.check(Some(public), &h), Ok(()));
        assert_eq!(
            listed.check(Some(public), &headers(&[])),
            Err(Refusal::Host)
        );
    }

    #[test]
    fn accept_and_content_type() {
        assert_eq!(accepts(&headers(&[("accept", "*/*")])), (true, true));
        assert_eq!(
            accepts(&headers(&[(
                "accept",
                "application/json, text/event-stream;q=0.9"
            )])),
            (true, true)
        );
        assert_eq!(
            accepts(&headers(&[("accept", "application/*")])),
            (true, false)
        );
        assert_eq!(
            accepts(&headers(&[("accept", "text/html")])),
            (false, false)
        );
        assert_eq!(accepts(&headers(&[])), (false, false));
        assert!(is_json(&headers(&[(
            "content-type",
            "application/json; charset=utf-8"
        )])));
        assert!(!is_json(&headers(&[("content-type", "text/plain")])));
        assert!(!is_json(&headers(&[])));
    }
}
