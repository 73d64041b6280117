//! The resource-server side of MCP authorization (2025-11-25): a bearer-token hook on the MCP
//! endpoints and the RFC 9728 protected-resource metadata that tells clients where to get a
//! token.
//!
//! With [`HttpOptions::auth`](super::HttpOptions::auth) set, every request to an MCP endpoint
//! (Streamable HTTP, the legacy `/sse` stream and its message endpoint) must carry
//! `Authorization: Bearer <token>`, checked after the DNS-rebinding checks and before anything
//! else. The answers are those of the official Python SDK (`BearerAuthBackend` in front of
//! `RequireAuthMiddleware`):
//!
//! | request | answer |
//! |---|---|
//! | no bearer token; the verifier refuses it; it expired; it was issued for another resource (with [`AuthOptions::validate_resource`]) | 401 `invalid_token`, "Authentication required" |
//! | a scope of [`AuthOptions::required_scopes`] missing (the first, in order) | 403 `insufficient_scope`, "Required scope: `<scope>`" |
//! | the verifier failed | 500 |
//! | a session created under another principal (client, issuer, subject) | 404, as an unknown session |
//!
//! A 401/403 carries `WWW-Authenticate: Bearer error="…", error_description="…"` (plus
//! `resource_metadata="<url>"` when the server describes itself) and the OAuth error body
//! `{"error": "…", "error_description": "…"}`. A token that passes is recorded on the request's
//! session ([`Session::set_auth`]): handlers read it there.
//!
//! The metadata is served without authentication at the path-aware well-known URL of the
//! resource (`/.well-known/oauth-protected-resource/mcp` for `https://host/mcp`) and at the root
//! well-known URL, with the official server's CORS answers (any origin; GET and OPTIONS).
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization>,
//! <https://www.rfc-editor.org/rfc/rfc6750#section-3>, <https://www.rfc-editor.org/rfc/rfc9728>

use bytes::Bytes;
use futures::future::BoxFuture;
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::Arc;

use super::reply::{self, SESSION_ID};
use super::{Endpoint, HttpBody, HttpService, legacy, streamable};
use crate::jsonrpc::Message;
use crate::session::Session;

/// Where RFC 9728 metadata lives: this path, followed by the resource's own path.
pub const WELL_KNOWN: &str = "/.well-known/oauth-protected-resource";

/// An access token the verifier accepted: what the official SDK's `AccessToken` holds.
/// As JSON ([`Self::to_json`]) it has the same member names (`client_id`, `expires_at`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessToken {
    /// The bearer token as sent.
    pub token: String,
    /// The OAuth client the token was issued to.
    pub client_id: String,
    /// The scopes granted.
    pub scopes: Vec<String>,
    /// Expiry, in seconds since the Unix epoch (`None` or 0: never).
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// The resource the token was issued for (RFC 8707 resource indicator, its audience).
    #[serde(default)]
    pub resource: Option<String>,
    /// The resource owner (`sub`).
    #[serde(default)]
    pub subject: Option<String>,
    /// Further claims, free-form (`iss`, `act`, …).
    #[serde(default)]
    pub claims: Option<Value>,
    /// Members a verifier added beyond these; kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AccessToken {
    /// A token for `client_id` with `scopes`, with nothing else known about it.
    pub fn new(
        token: impl Into<String>,
        client_id: impl Into<String>,
        scopes: Vec<String>,
    ) -> Self {
        Self {
            token: token.into(),
            client_id: client_id.into(),
            scopes,
            expires_at: None,
            resource: None,
            subject: None,
            claims: None,
            extra: Map::new(),
        }
    }

    /// A token from its JSON (a binding's `model_dump`).
    pub fn from_json(v: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(v)
    }

    /// The token as JSON, the official `AccessToken`'s members (absent ones `null`).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Expired at `now` (seconds since the epoch). An expiry of 0 means none, as the official
    /// SDK reads it.
    pub fn is_expired(&self, now: i64) -> bool {
        matches!(self.expires_at, Some(t) if t != 0 && t < now)
    }
}

/// Who a token speaks for: the client, the issuer (`claims.iss`) and the subject. A session
/// answers only requests made for the principal that created it, as in the official SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The OAuth client.
    pub client_id: Option<String>,
    /// The `iss` claim, if the verifier gave one.
    pub issuer: Option<String>,
    /// The resource owner, if the verifier gave one.
    pub subject: Option<String>,
}

impl Principal {
    /// The principal of a token in its JSON form ([`AccessToken::to_json`]).
    pub fn of(token: &Value) -> Self {
        let text = |v: &Value| match v {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        Self {
            client_id: token.get("client_id").and_then(text),
            issuer: token.pointer("/claims/iss").and_then(text),
            subject: token.get("subject").and_then(text),
        }
    }
}

/// A verifier could not decide on a token (its own failure, not a refusal): the request is
/// answered 500.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the token verifier failed: {0}")]
pub struct VerifierError(pub String);

/// What a verifier decided: the token's facts, `None` for a token it does not accept.
pub type Verdict = Result<Option<AccessToken>, VerifierError>;

/// Checks bearer tokens: a JWT signature check, an introspection call, a lookup. Bindings
/// implement it with the author's `TokenVerifier`.
pub trait TokenVerifier: Send + Sync + 'static {
    /// Verifies `token` (the text after `Bearer `).
    fn verify(&self, token: &str) -> BoxFuture<'static, Verdict>;
}

/// A verifier made from an async closure, for Rust servers and tests.
pub struct FnVerifier<F>(pub F);

impl<F, Fut> TokenVerifier for FnVerifier<F>
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Verdict> + Send + 'static,
{
    fn verify(&self, token: &str) -> BoxFuture<'static, Verdict> {
        Box::pin((self.0)(token.to_owned()))
    }
}

/// Wraps an async closure as a [`TokenVerifier`].
///
/// ```
/// use ferromcp_core::transport::http::{AccessToken, verifier_fn};
///
/// let verifier = verifier_fn(|token: String| async move {
///     Ok((token == "let-me-in").then(|| AccessToken::new(token, "client", vec![])))
/// });
/// # drop(verifier);
/// ```
pub fn verifier_fn<F, Fut>(f: F) -> Arc<dyn TokenVerifier>
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Verdict> + Send + 'static,
{
    Arc::new(FnVerifier(f))
}

/// How the server describes itself as an OAuth protected resource (RFC 9728 §2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedResource {
    /// The resource server's URL, its identifier (`resource`), e.g. `https://host/mcp`.
    pub url: String,
    /// The authorization servers that issue tokens for it.
    pub authorization_servers: Vec<String>,
    /// The scopes it knows (`scopes_supported`; the official servers give the required ones).
    pub scopes_supported: Option<Vec<String>>,
    /// A human-readable name (`resource_name`).
    pub name: Option<String>,
    /// Its documentation (`resource_documentation`).
    pub documentation: Option<String>,
    /// Where the metadata is served and what `WWW-Authenticate` names (default: the path-aware
    /// well-known URL of [`Self::url`]).
    pub metadata_url: Option<String>,
    /// Serve the metadata at the root well-known path too, as the official servers do
    /// (fastmcp serves only the resource's own).
    pub at_root: bool,
}

impl ProtectedResource {
    /// The resource at `url`, whose tokens come from `authorization_servers`.
    pub fn new(url: impl Into<String>, authorization_servers: Vec<String>) -> Self {
        Self {
            url: url.into(),
            authorization_servers,
            scopes_supported: None,
            name: None,
            documentation: None,
            metadata_url: None,
            at_root: true,
        }
    }

    /// The resource as a binding describes it ([`AuthOptions::from_json`]'s members
    /// `resourceServerUrl`, `authorizationServers`, `scopesSupported`, `resourceName`,
    /// `resourceDocumentation`, `resourceMetadataUrl`); `None` without `resourceServerUrl`.
    pub fn from_json(v: &Value) -> Option<Self> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Some(Self {
            url: s("resourceServerUrl")?,
            authorization_servers: strings(v, "authorizationServers").unwrap_or_default(),
            scopes_supported: strings(v, "scopesSupported"),
            name: s("resourceName"),
            documentation: s("resourceDocumentation"),
            metadata_url: s("resourceMetadataUrl"),
            at_root: v
                .get("metadataAtRoot")
                .and_then(Value::as_bool)
                .unwrap_or(true),
        })
    }

    /// The metadata's URL: the one given, else `WELL_KNOWN` inserted between the resource's
    /// origin and its path (RFC 9728 §3.1).
    pub fn metadata_url(&self) -> String {
        if let Some(u) = &self.metadata_url {
            return u.clone();
        }
        let (origin, path) = split_url(&self.url);
        let path = if path == "/" { "" } else { path };
        format!("{origin}{WELL_KNOWN}{path}")
    }

    /// The paths the metadata is served at: the metadata URL's, and (with [`Self::at_root`])
    /// the root well-known path.
    pub fn paths(&self) -> Vec<String> {
        let own = split_url(&self.metadata_url()).1.to_owned();
        let mut paths = vec![own];
        if self.at_root && paths[0] != WELL_KNOWN {
            paths.push(WELL_KNOWN.to_owned());
        }
        paths
    }

    /// The metadata document, members in the official order, absent ones left out.
    pub fn document(&self) -> Value {
        let mut m = Map::new();
        m.insert("resource".into(), Value::from(self.url.as_str()));
        m.insert(
            "authorization_servers".into(),
            Value::from(self.authorization_servers.clone()),
        );
        if let Some(s) = &self.scopes_supported {
            m.insert("scopes_supported".into(), Value::from(s.clone()));
        }
        // MCP accepts tokens in the header only.
        m.insert(
            "bearer_methods_supported".into(),
            Value::from(vec!["header"]),
        );
        if let Some(n) = &self.name {
            m.insert("resource_name".into(), Value::from(n.as_str()));
        }
        if let Some(d) = &self.documentation {
            m.insert("resource_documentation".into(), Value::from(d.as_str()));
        }
        Value::Object(m)
    }

    /// The answer to a request for `path` when it is one of [`Self::paths`]: the document, a
    /// CORS preflight answer, or 405; `None` for other paths.
    pub fn answer(
        &self,
        method: &Method,
        path: &str,
        headers: &HeaderMap,
    ) -> Option<Response<Bytes>> {
        let path = path.trim_end_matches('/');
        if !self.paths().iter().any(|p| p.trim_end_matches('/') == path) {
            return None;
        }
        let origin = headers.contains_key(header::ORIGIN);
        if *method == Method::OPTIONS
            && origin
            && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
        {
            return Some(preflight(headers));
        }
        if ![Method::GET, Method::HEAD, Method::OPTIONS].contains(method) {
            let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
            r.headers_mut().insert(
                header::ALLOW,
                HeaderValue::from_static("GET, HEAD, OPTIONS"),
            );
            return Some(r);
        }
        let body = if *method == Method::HEAD {
            Bytes::new()
        } else {
            Bytes::from(self.document().to_string())
        };
        let mut r = Response::new(body);
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, reply::JSON);
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
        if origin {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        Some(r)
    }
}

/// The methods and request headers a browser may use on the metadata (Starlette's safelisted
/// headers plus `mcp-protocol-version`, as the official routes allow).
const CORS_METHODS: [&str; 2] = ["GET", "OPTIONS"];
const CORS_HEADERS: &str =
    "Accept, Accept-Language, Content-Language, Content-Type, mcp-protocol-version";

/// The answer to a CORS preflight of the metadata: 200, or 400 naming what is not allowed.
fn preflight(headers: &HeaderMap) -> Response<Bytes> {
    let get = |name: &str| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()))
    };
    let mut failures = Vec::new();
    let method = get("access-control-request-method").unwrap_or_default();
    if !CORS_METHODS.contains(&method.as_ref()) {
        failures.push("method");
    }
    if let Some(requested) = get("access-control-request-headers") {
        let allowed: Vec<String> = CORS_HEADERS.split(", ").map(str::to_lowercase).collect();
        if requested
            .split(',')
            .any(|h| !allowed.contains(&h.trim().to_lowercase()))
        {
            failures.push("headers");
        }
    }
    if headers.contains_key("access-control-request-private-network") {
        failures.push("private-network");
    }
    let mut r = if failures.is_empty() {
        plain(StatusCode::OK, "OK")
    } else {
        plain(
            StatusCode::BAD_REQUEST,
            &format!("Disallowed CORS {}", failures.join(", ")),
        )
    };
    let h = r.headers_mut();
    h.insert(
        header::VARY,
        HeaderValue::from_static(
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, \
             Access-Control-Request-Private-Network",
        ),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(CORS_HEADERS),
    );
    r
}

pub(super) fn plain(status: StatusCode, text: &str) -> Response<Bytes> {
    let mut r = Response::new(Bytes::copy_from_slice(text.as_bytes()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// Bearer-token authorization of the MCP endpoints ([`super::HttpOptions::auth`]), answered as
/// the official Python SDK answers: 401 `invalid_token` ("Authentication required") for a missing,
/// refused, expired or (with [`Self::validate_resource`]) foreign token; 403 `insufficient_scope`
/// ("Required scope: …") for the first required scope missing; 500 when the verifier fails; 404
/// for a session created under another [`Principal`]. 401 and 403 carry `WWW-Authenticate`
/// (with `resource_metadata` when [`Self::resource`] is set) and the OAuth error body.
///
/// ```
/// use ferromcp_core::transport::http::{
///     AccessToken, AuthOptions, HttpOptions, ProtectedResource, verifier_fn,
/// };
///
/// let verifier = verifier_fn(|token: String| async move {
///     Ok((token == "let-me-in").then(|| AccessToken::new(token, "client", vec!["read".into()])))
/// });
/// let options = HttpOptions {
///     auth: Some(AuthOptions {
///         required_scopes: vec!["read".into()],
///         resource: Some(ProtectedResource::new(
///             "https://mcp.example.com/mcp",
///             vec!["https://auth.example.com".into()],
///         )),
///         ..AuthOptions::new(verifier)
///     }),
///     ..HttpOptions::default()
/// };
/// # drop(options);
/// ```
#[derive(Clone)]
pub struct AuthOptions {
    /// Decides on each token.
    pub verifier: Arc<dyn TokenVerifier>,
    /// Scopes every token must carry (403 otherwise).
    pub required_scopes: Vec<String>,
    /// Refuse a token whose `resource` is not [`ProtectedResource::url`] (compared as URLs, a
    /// trailing `/` aside): the official `AuthSettings.validate_token_resource`. Without it,
    /// checking the audience is the verifier's business.
    pub validate_resource: bool,
    /// The server as a protected resource: its metadata is served and named in refusals.
    pub resource: Option<ProtectedResource>,
    /// How refusals are worded.
    pub wording: Wording,
}

/// How bearer refusals are worded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Wording {
    /// The official Python SDK's `RequireAuthMiddleware` (see [`AuthOptions`]).
    #[default]
    Official,
    /// fastmcp's (RFC 6750 §3.1 read strictly): a request without bearer credentials gets a
    /// bare 401, `WWW-Authenticate: Bearer` with no error and no body; a refused token's
    /// description tells the client to get a new one; every challenge names `scope` (these
    /// scopes, when there are any) before `resource_metadata`.
    FastMcp {
        /// The scopes a challenge asks clients to request (fastmcp's `challenge_scopes`).
        challenge_scopes: Vec<String>,
    },
}

/// fastmcp's description of a refused bearer token.
const FASTMCP_REFUSED: &str = "Authentication failed. The provided bearer token is invalid, \
expired, or no longer recognized by the server. To resolve: clear authentication tokens in your \
MCP client and reconnect. Your client should automatically re-register and obtain new tokens.";

impl std::fmt::Debug for AuthOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthOptions")
            .field("required_scopes", &self.required_scopes)
            .field("validate_resource", &self.validate_resource)
            .field("resource", &self.resource)
            .finish_non_exhaustive()
    }
}

impl AuthOptions {
    /// Tokens checked by `verifier`, no scope required, no metadata.
    pub fn new(verifier: Arc<dyn TokenVerifier>) -> Self {
        Self {
            verifier,
            required_scopes: Vec::new(),
            validate_resource: false,
            resource: None,
            wording: Wording::Official,
        }
    }

    /// Options as a binding passes them beside its verifier, one JSON object with camelCase
    /// names: `requiredScopes`, `validateResource`, `resourceServerUrl` (no metadata without
    /// it), `authorizationServers`, `scopesSupported`, `resourceName`, `resourceDocumentation`,
    /// `resourceMetadataUrl`; `wording: "fastmcp"` with `challengeScopes` for fastmcp's
    /// refusals.
    pub fn from_json(verifier: Arc<dyn TokenVerifier>, v: &Value) -> Self {
        Self {
            verifier,
            required_scopes: strings(v, "requiredScopes").unwrap_or_default(),
            validate_resource: v
                .get("validateResource")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            resource: ProtectedResource::from_json(v),
            wording: match v.get("wording").and_then(Value::as_str) {
                Some("fastmcp") => Wording::FastMcp {
                    challenge_scopes: strings(v, "challengeScopes")
                        .or_else(|| strings(v, "requiredScopes"))
                        .unwrap_or_default(),
                },
                _ => Wording::Official,
            },
        }
    }

    /// Checks the bearer token of a request: the token (as JSON) when it passes, else the
    /// refusal to send.
    pub async fn check(&self, headers: &HeaderMap) -> Result<Arc<Value>, Response<Bytes>> {
        // The first Authorization header, read as Latin-1 as HTTP headers are.
        let bearer = headers
            .get(header::AUTHORIZATION)
            .map(|v| {
                v.as_bytes()
                    .iter()
                    .map(|&b| char::from(b))
                    .collect::<String>()
            })
            .filter(|v| {
                v.get(..7)
                    .is_some_and(|p| p.eq_ignore_ascii_case("bearer "))
            });
        let Some(bearer) = bearer else {
            return Err(self.missing());
        };
        let token = match self.verifier.verify(&bearer[7..]).await {
            Ok(Some(t)) => t,
            Ok(None) => return Err(self.unauthorized()),
            Err(e) => {
                tracing::error!("{e}");
                return Err(plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal Server Error",
                ));
            }
        };
        if token.is_expired(now()) {
            return Err(self.unauthorized());
        }
        if self.validate_resource
            && let Some(resource) = &self.resource
            && !same_resource(token.resource.as_deref(), &resource.url)
        {
            tracing::warn!(
                token_resource = ?token.resource,
                "bearer token refused: issued for another resource than {}",
                resource.url
            );
            return Err(self.unauthorized());
        }
        if let Some(missing) = self
            .required_scopes
            .iter()
            .find(|s| !token.scopes.contains(s))
        {
            return Err(self.refusal(
                StatusCode::FORBIDDEN,
                "insufficient_scope",
                &format!("Required scope: {missing}"),
            ));
        }
        Ok(Arc::new(token.to_json()))
    }

    fn unauthorized(&self) -> Response<Bytes> {
        let description = match self.wording {
            Wording::Official => "Authentication required",
            Wording::FastMcp { .. } => FASTMCP_REFUSED,
        };
        self.refusal(StatusCode::UNAUTHORIZED, "invalid_token", description)
    }

    /// The answer to a request without bearer credentials.
    fn missing(&self) -> Response<Bytes> {
        let Wording::FastMcp { challenge_scopes } = &self.wording else {
            return self.unauthorized();
        };
        let mut parts = Vec::new();
        if !challenge_scopes.is_empty() {
            parts.push(format!("scope=\"{}\"", challenge_scopes.join(" ")));
        }
        if let Some(resource) = &self.resource {
            parts.push(format!("resource_metadata=\"{}\"", resource.metadata_url()));
        }
        let challenge = if parts.is_empty() {
            "Bearer".to_owned()
        } else {
            format!("Bearer {}", parts.join(", "))
        };
        let mut r = Response::new(Bytes::new());
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        if let Ok(v) = HeaderValue::from_str(&challenge) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        r
    }

    /// A 401/403 with `WWW-Authenticate` (RFC 6750 §3) and the OAuth error body, as the
    /// official `RequireAuthMiddleware` writes them.
    fn refusal(&self, status: StatusCode, error: &str, description: &str) -> Response<Bytes> {
        tracing::debug!(
            status = status.as_u16(),
            error,
            description,
            "request refused"
        );
        let metadata_url = self.resource.as_ref().map(ProtectedResource::metadata_url);
        let scope = match &self.wording {
            Wording::FastMcp { challenge_scopes } if !challenge_scopes.is_empty() => {
                Some(challenge_scopes.join(" "))
            }
            _ => None,
        };
        let challenge = challenge(
            error,
            description,
            scope.as_deref(),
            metadata_url.as_deref(),
            Quoting::AsGiven,
        );
        let body = format!(
            "{{\"error\": {}, \"error_description\": {}}}",
            py_json_string(error),
            py_json_string(description)
        );
        Refusal {
            status: status.as_u16(),
            challenge: Some(challenge),
            body,
        }
        .to_response()
    }
}

/// Why a bearer check refused a request, as the official TypeScript SDK's error classes tell
/// it: the kind decides the status of the answer (RFC 6750 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// `invalid_token`: 401 with a challenge.
    InvalidToken,
    /// `insufficient_scope`: 403 with a challenge.
    InsufficientScope,
    /// `server_error`: 500.
    ServerError,
    /// Another OAuth error: 400.
    Other,
    /// Not an OAuth error at all (the verifier failed): 500 `server_error`, the error hidden.
    Internal,
}

impl FailureKind {
    /// The kind named by its OAuth code (`invalid_token`, …), `other` for another OAuth error,
    /// `None` for a name that is none of these.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "invalid_token" => Self::InvalidToken,
            "insufficient_scope" => Self::InsufficientScope,
            "server_error" => Self::ServerError,
            "other" => Self::Other,
            "internal" => Self::Internal,
            _ => return None,
        })
    }

    /// The OAuth code of a challenge of this kind (only the two that carry one).
    fn challenge_code(self) -> Option<&'static str> {
        match self {
            Self::InvalidToken => Some("invalid_token"),
            Self::InsufficientScope => Some("insufficient_scope"),
            _ => None,
        }
    }
}

/// An OAuth error refusing a request: its kind, and the members of its error body (`error`,
/// `error_description`, `error_uri`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BearerFailure {
    /// What decides the status.
    pub kind: FailureKind,
    /// The OAuth `error` code (absent from the body when `None`).
    pub code: Option<String>,
    /// `error_description`, the error's message.
    pub description: String,
    /// `error_uri`, when there is one (an empty one is left out).
    pub uri: Option<String>,
}

impl BearerFailure {
    fn new(kind: FailureKind, code: &str, description: &str) -> Self {
        Self {
            kind,
            code: Some(code.to_owned()),
            description: description.to_owned(),
            uri: None,
        }
    }

    /// `invalid_token` with `description`.
    pub fn invalid_token(description: &str) -> Self {
        Self::new(FailureKind::InvalidToken, "invalid_token", description)
    }

    /// `insufficient_scope` with `description`.
    pub fn insufficient_scope(description: &str) -> Self {
        Self::new(
            FailureKind::InsufficientScope,
            "insufficient_scope",
            description,
        )
    }
}

/// How challenge parameter values are written: as given (the TypeScript SDK 1.x), or as HTTP
/// quoted-strings, `\` and `"` escaped and anything but printable ASCII blanked (2.x).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quoting {
    /// The value between the quotes unchanged.
    #[default]
    AsGiven,
    /// RFC 9110 quoted-string content.
    Escaped,
}

impl Quoting {
    fn apply(self, value: &str) -> String {
        match self {
            Self::AsGiven => value.to_owned(),
            Self::Escaped => {
                let mut out = String::with_capacity(value.len());
                for c in value.chars() {
                    match c {
                        '\\' | '"' => {
                            out.push('\\');
                            out.push(c);
                        }
                        ' '..='~' => out.push(c),
                        // A character outside the BMP is two UTF-16 units in JS: two blanks.
                        c => out.push_str(if c.len_utf16() == 2 { "  " } else { " " }),
                    }
                }
                out
            }
        }
    }
}

/// An answer refusing a request, whatever serves it: status, `WWW-Authenticate` challenge if
/// any, and the JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// The `WWW-Authenticate` value (RFC 6750 §3), on 401 and 403.
    pub challenge: Option<String>,
    /// The body, JSON (`Content-Type: application/json`).
    pub body: String,
}

impl Refusal {
    /// The refusal as a response: its status, `Content-Type`, challenge and body.
    pub fn to_response(&self) -> Response<Bytes> {
        let mut r = Response::new(Bytes::from(self.body.clone()));
        *r.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, reply::JSON);
        // A value that cannot be a header (a scope with control characters) is left out.
        if let Some(c) = &self.challenge
            && let Ok(v) = HeaderValue::from_bytes(c.as_bytes())
        {
            h.insert(header::WWW_AUTHENTICATE, v);
        }
        r
    }
}

/// `Bearer error="…", error_description="…"[, scope="…"][, resource_metadata="…"]`, each value
/// written by `quote` (RFC 6750 §3, RFC 9728 §5.1).
fn challenge(
    error: &str,
    description: &str,
    scope: Option<&str>,
    metadata_url: Option<&str>,
    quote: Quoting,
) -> String {
    let q = |v: &str| quote.apply(v);
    let mut c = format!(
        "Bearer error=\"{}\", error_description=\"{}\"",
        q(error),
        q(description)
    );
    if let Some(s) = scope {
        c.push_str(&format!(", scope=\"{}\"", q(s)));
    }
    if let Some(u) = metadata_url {
        c.push_str(&format!(", resource_metadata=\"{}\"", q(u)));
    }
    c
}

/// The bearer check of the official TypeScript SDK's `requireBearerAuth` (1.x's Express
/// middleware; 2.x's `verifyBearerToken` and gates), for a host that calls the author's
/// verifier itself: [`Self::token`] reads the `Authorization` header, the host verifies the
/// token, [`Self::check`] holds what the verifier said against the policy, and
/// [`Self::refusal`] is the answer to any failure — the verifier's own errors included.
///
/// | request | answer |
/// |---|---|
/// | no `Authorization` header | 401 `invalid_token` "Missing Authorization header" |
/// | not `Bearer <token>` | 401 `invalid_token` "Invalid Authorization header format, expected 'Bearer TOKEN'" |
/// | the token's `resource` is not [`Self::expected_resource`] | 401 `invalid_token` "Token was not issued for this resource" |
/// | a scope of [`Self::required_scopes`] missing | 403 `insufficient_scope` "Insufficient scope" |
/// | no expiry (not a number) | 401 `invalid_token` "Token has no expiration time" |
/// | expired | 401 `invalid_token` "Token has expired" |
///
/// ```
/// use ferromcp_core::transport::http::{BearerPolicy, FailureKind};
///
/// let policy = BearerPolicy {
///     required_scopes: vec!["read".into()],
///     resource_metadata_url: Some("https://h/.well-known/oauth-protected-resource/mcp".into()),
///     ..BearerPolicy::default()
/// };
/// assert_eq!(policy.token(Some("Bearer abc")), Ok("abc"));
/// let failure = policy.check(None, Some(&["write".into()]), Some(f64::MAX)).unwrap_err();
/// assert_eq!(failure.kind, FailureKind::InsufficientScope);
/// let refusal = policy.refusal(&failure);
/// assert_eq!(refusal.status, 403);
/// assert_eq!(refusal.body, r#"{"error":"insufficient_scope","error_description":"Insufficient scope"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BearerPolicy {
    /// Scopes every token must carry (403 otherwise); named in challenges.
    pub required_scopes: Vec<String>,
    /// The resource every token must be issued for (compared without fragment and one trailing
    /// `/`); `None`: not checked.
    pub expected_resource: Option<String>,
    /// Named in challenges as `resource_metadata` (RFC 9728 §5.1).
    pub resource_metadata_url: Option<String>,
    /// How challenge values are written.
    pub quoting: Quoting,
}

impl BearerPolicy {
    /// The policy as a binding passes it, one JSON object: `requiredScopes`,
    /// `expectedResource`, `resourceMetadataUrl` (strings), `quoting` (`"escaped"` for 2.x).
    pub fn from_json(v: &Value) -> Self {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Self {
            required_scopes: strings(v, "requiredScopes").unwrap_or_default(),
            expected_resource: s("expectedResource"),
            resource_metadata_url: s("resourceMetadataUrl").filter(|u| !u.is_empty()),
            quoting: match v.get("quoting").and_then(Value::as_str) {
                Some("escaped") => Quoting::Escaped,
                _ => Quoting::AsGiven,
            },
        }
    }

    /// The token of an `Authorization` header value, read as the TypeScript SDK reads it:
    /// split on spaces, the first part `Bearer` in any case, the second the token.
    pub fn token<'a>(&self, header: Option<&'a str>) -> Result<&'a str, BearerFailure> {
        let Some(header) = header.filter(|h| !h.is_empty()) else {
            return Err(BearerFailure::invalid_token("Missing Authorization header"));
        };
        let mut parts = header.split(' ');
        let scheme = parts.next().unwrap_or("");
        match parts.next() {
            Some(token) if !token.is_empty() && scheme.to_lowercase() == "bearer" => Ok(token),
            _ => Err(BearerFailure::invalid_token(
                "Invalid Authorization header format, expected 'Bearer TOKEN'",
            )),
        }
    }

    /// Holds what the verifier said of a token against the policy, in the SDK's order:
    /// `resource` (its text; empty or `None` for none), `scopes` (`None` when the verifier gave
    /// no list: a failure of the verifier once a scope is required), `expires_at` in seconds
    /// since the epoch (`None` when it is not a number).
    pub fn check(
        &self,
        resource: Option<&str>,
        scopes: Option<&[String]>,
        expires_at: Option<f64>,
    ) -> Result<(), BearerFailure> {
        if let Some(expected) = &self.expected_resource {
            let given = resource.filter(|r| !r.is_empty());
            if given.is_none_or(|r| comparable(r) != comparable(expected)) {
                return Err(BearerFailure::invalid_token(
                    "Token was not issued for this resource",
                ));
            }
        }
        if !self.required_scopes.is_empty() {
            let Some(scopes) = scopes else {
                return Err(BearerFailure {
                    kind: FailureKind::Internal,
                    code: None,
                    description: "the verifier gave no scopes".into(),
                    uri: None,
                });
            };
            if !self.required_scopes.iter().all(|s| scopes.contains(s)) {
                return Err(BearerFailure::insufficient_scope("Insufficient scope"));
            }
        }
        let Some(expires_at) = expires_at.filter(|t| !t.is_nan()) else {
            return Err(BearerFailure::invalid_token("Token has no expiration time"));
        };
        if expires_at < now_millis() as f64 / 1000.0 {
            return Err(BearerFailure::invalid_token("Token has expired"));
        }
        Ok(())
    }

    /// The answer to `failure`: 401 `invalid_token` and 403 `insufficient_scope` with the
    /// challenge (naming the required scopes and the metadata URL when there are some), 500 for
    /// `server_error` and for what is no OAuth error (its text hidden), 400 for other OAuth
    /// errors; the body is the OAuth error JSON.
    pub fn refusal(&self, failure: &BearerFailure) -> Refusal {
        if failure.kind == FailureKind::Internal {
            return Refusal {
                status: 500,
                challenge: None,
                body: r#"{"error":"server_error","error_description":"Internal Server Error"}"#
                    .into(),
            };
        }
        let mut body = Vec::with_capacity(3);
        if let Some(code) = &failure.code {
            body.push(("error", code.as_str()));
        }
        body.push(("error_description", failure.description.as_str()));
        if let Some(uri) = failure.uri.as_deref().filter(|u| !u.is_empty()) {
            body.push(("error_uri", uri));
        }
        let body = json_object(&body);
        let status = match failure.kind {
            FailureKind::InvalidToken => 401,
            FailureKind::InsufficientScope => 403,
            FailureKind::ServerError | FailureKind::Internal => 500,
            FailureKind::Other => 400,
        };
        let scope = self.required_scopes.join(" ");
        let challenge = failure.kind.challenge_code().map(|code| {
            challenge(
                code,
                &failure.description,
                (!scope.is_empty()).then_some(scope.as_str()),
                self.resource_metadata_url.as_deref(),
                self.quoting,
            )
        });
        Refusal {
            status,
            challenge,
            body,
        }
    }
}

/// A resource identifier as the TypeScript SDK compares it: without its fragment and one
/// trailing `/`.
fn comparable(resource: &str) -> &str {
    let r = resource.split('#').next().unwrap_or("");
    r.strip_suffix('/').unwrap_or(r)
}

/// An object of strings as `JSON.stringify` writes it, members in the order given.
fn json_object(members: &[(&str, &str)]) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(*k).to_string());
        out.push(':');
        out.push_str(&Value::from(*v).to_string());
    }
    out.push('}');
    out
}

/// Milliseconds since the Unix epoch (JavaScript's `Date.now()`).
fn now_millis() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

/// The token a request was authorized with, as a request extension: the endpoints record it on
/// the sessions they create ([`attach`]).
#[derive(Debug, Clone)]
pub struct Verified(pub Arc<Value>);

/// A host's authorization of what one POST asks (the official TypeScript SDK 2.x's scope
/// challenges), as a request extension: called with the POST's JSON-RPC requests (a JSON array)
/// once the endpoint's own checks passed and before any of them is dispatched. An answer
/// replaces the dispatch; `None` lets the requests through.
#[derive(Clone)]
pub struct Authorize(pub Arc<AuthorizeFn>);

/// What [`Authorize`] calls.
pub type AuthorizeFn = dyn Fn(String) -> BoxFuture<'static, Option<Response<Bytes>>> + Send + Sync;

impl Authorize {
    /// The host's answer to the requests among `messages`, if it refuses them.
    pub(super) async fn refusal(&self, messages: &[Message]) -> Option<Response<HttpBody>> {
        let requests: Vec<String> = messages
            .iter()
            .filter(|m| matches!(m, Message::Request(_)))
            .map(Message::to_json)
            .collect();
        if requests.is_empty() {
            return None;
        }
        let answer = (self.0)(format!("[{}]", requests.join(","))).await?;
        Some(answer.map(reply::full))
    }
}

/// The authorization hook a request carries, if any.
pub(super) fn authorizer<B>(req: &Request<B>) -> Option<Authorize> {
    req.extensions().get::<Authorize>().cloned()
}

/// What `authorize` says of `messages`: `None` without a hook.
pub(super) async fn refused(
    authorize: Option<&Authorize>,
    messages: &[Message],
) -> Option<Response<HttpBody>> {
    match authorize {
        Some(a) => a.refusal(messages).await,
        None => None,
    }
}

/// The token `req` was authorized with, if any.
pub(super) fn verified<B>(req: &Request<B>) -> Option<Arc<Value>> {
    req.extensions().get::<Verified>().map(|v| v.0.clone())
}

/// Records on `session` the token `req` was authorized with (nothing without authorization).
pub(super) fn attach<B>(req: &Request<B>, session: &Session) {
    if let Some(token) = verified(req) {
        session.set_auth(Some(token));
    }
}

impl HttpService {
    /// Authorizes a request to an MCP endpoint: its token is checked, and a request on an
    /// existing session must be made for the principal that created it (else the session is
    /// answered as unknown, as the official SDK does). The token is recorded on that session and
    /// on the request ([`Verified`]).
    pub(super) async fn authorize<B>(
        &self,
        auth: &AuthOptions,
        endpoint: &Endpoint,
        req: &mut Request<B>,
    ) -> Result<(), Response<HttpBody>> {
        let token = auth
            .check(req.headers())
            .await
            .map_err(|r| r.map(reply::full))?;
        let session = match endpoint {
            Endpoint::Streamable => req
                .headers()
                .get(SESSION_ID)
                .and_then(|v| v.to_str().ok())
                .and_then(|id| self.sessions.get(id)),
            Endpoint::LegacyMessages => legacy::session_param(req.uri().query().unwrap_or(""))
                .and_then(|id| self.sessions.get(&id)),
            Endpoint::LegacyStream => None,
        };
        if let Some(session) = session {
            let owner = session.auth().map(|t| Principal::of(&t));
            if owner != Some(Principal::of(&token)) {
                tracing::warn!("request refused: its token is not the session creator's");
                return Err(match endpoint {
                    Endpoint::LegacyMessages => legacy::unknown_session(),
                    _ => streamable::session_not_found(self.options.dialect),
                });
            }
            session.set_auth(Some(token.clone()));
        }
        req.extensions_mut().insert(Verified(token));
        Ok(())
    }
}

/// The strings of the array `v[key]`, if it is one.
fn strings(v: &Value, key: &str) -> Option<Vec<String>> {
    v.get(key).and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    })
}

/// Seconds since the Unix epoch.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `(scheme://authority, path)` of a URL; the path without query or fragment.
fn split_url(url: &str) -> (&str, &str) {
    let start = url.find("://").map_or(0, |i| i + 3);
    let authority_end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let rest = &url[authority_end..];
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    (&url[..authority_end], &rest[..path_end])
}

/// A token's resource is this server's: both are http(s) URLs and equal once normalized
/// (scheme and host case, default port, an empty path), a trailing `/` aside.
fn same_resource(token: Option<&str>, ours: &str) -> bool {
    match (token.and_then(normalize_url), normalize_url(ours)) {
        (Some(a), Some(b)) => {
            a.strip_suffix('/').unwrap_or(&a) == b.strip_suffix('/').unwrap_or(&b)
        }
        _ => false,
    }
}

fn normalize_url(url: &str) -> Option<String> {
    let (url, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (url, None),
    };
    let uri: http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let authority = uri.authority()?;
    let host = authority.host().to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    let userinfo = authority
        .as_str()
        .rsplit_once('@')
        .map_or(String::new(), |(u, _)| format!("{u}@"));
    let port = match authority.port_u16() {
        Some(p) if p != default_port => format!(":{p}"),
        _ => String::new(),
    };
    let path = match uri.path() {
        "" => "/",
        p => p,
    };
    let query = uri.query().map_or(String::new(), |q| format!("?{q}"));
    let fragment = fragment.map_or(String::new(), |f| format!("#{f}"));
    Some(format!(
        "{scheme}://{userinfo}{host}{port}{path}{query}{fragment}"
    ))
}

/// `s` as Python's `json.dumps` writes a string (ASCII only, `\uXXXX` escapes): the official
/// error bodies are made that way.
fn py_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (' '..='~').contains(&c) => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_metadata_url_is_path_aware() {
        let r = ProtectedResource::new("http://127.0.0.1:8000/mcp", vec![]);
        assert_eq!(
            r.metadata_url(),
            "http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp"
        );
        assert_eq!(
            r.paths(),
            ["/.well-known/oauth-protected-resource/mcp", WELL_KNOWN]
        );
        for root in ["https://example.com", "https://example.com/"] {
            let r = ProtectedResource::new(root, vec![]);
            assert_eq!(
                r.metadata_url(),
                "https://example.com/.well-known/oauth-protected-resource"
            );
            assert_eq!(r.paths(), [WELL_KNOWN]);
        }
        let r = ProtectedResource::new("https://h/a/b?x=1", vec![]);
        assert_eq!(
            r.metadata_url(),
            "https://h/.well-known/oauth-protected-resource/a/b"
        );
    }

    #[test]
    fn resources_compare_as_urls() {
        let ours = "http://127.0.0.1:8000/mcp";
        for same in [
            "http://127.0.0.1:8000/mcp",
            "http://127.0.0.1:8000/mcp/",
            "HTTP://127.0.0.1:8000/mcp",
        ] {
            assert!(same_resource(Some(same), ours), "{same}");
        }
        assert!(same_resource(
            Some("https://Example.com:443"),
            "https://example.com/"
        ));
        for other in [
            "http://127.0.0.1:8001/mcp",
            "http://127.0.0.1:8000/other",
            "ftp://127.0.0.1:8000/mcp",
            "not a url",
            "",
        ] {
            assert!(!same_resource(Some(other), ours), "{other}");
        }
        assert!(!same_resource(None, ours));
    }

    #[test]
    fn error_text_is_written_as_python_writes_it() {
        assert_eq!(
            py_json_string("Required scope: a\"b"),
            "\"Required scope: a\\\"b\""
        );
        assert_eq!(py_json_string("é😀"), "\"\\u00e9\\ud83d\\ude00\"");
    }

    #[test]
    fn the_typescript_bearer_check_reads_the_header_as_the_sdk() {
        let p = BearerPolicy::default();
        let invalid = "Invalid Authorization header format, expected 'Bearer TOKEN'";
        assert_eq!(p.token(Some("Bearer abc")), Ok("abc"));
        assert_eq!(p.token(Some("bEaReR abc extra")), Ok("abc"));
        for bad in ["Bearer", "Bearer ", "Bearer  abc", "Basic abc", "Bearerabc"] {
            assert_eq!(
                p.token(Some(bad)).unwrap_err().description,
                invalid,
                "{bad}"
            );
        }
        for missing in [None, Some("")] {
            let f = p.token(missing).unwrap_err();
            assert_eq!(f.description, "Missing Authorization header");
            assert_eq!(f.kind, FailureKind::InvalidToken);
        }
    }

    #[test]
    fn the_typescript_bearer_check_holds_the_token_in_the_sdk_order() {
        let p = BearerPolicy {
            required_scopes: vec!["read".into()],
            expected_resource: Some("https://h/mcp/".into()),
            ..BearerPolicy::default()
        };
        let later = Some(now_millis() as f64 / 1000.0 + 60.0);
        let read = ["read".to_owned()];
        let desc = |r: Result<(), BearerFailure>| r.unwrap_err().description;
        assert_eq!(p.check(Some("https://h/mcp#x"), Some(&read), later), Ok(()));
        assert_eq!(
            desc(p.check(Some("https://h/other"), Some(&[]), None)),
            "Token was not issued for this resource"
        );
        assert_eq!(
            desc(p.check(Some(""), Some(&read), later)),
            "Token was not issued for this resource"
        );
        assert_eq!(
            desc(p.check(Some("https://h/mcp"), Some(&[]), None)),
            "Insufficient scope"
        );
        assert_eq!(
            p.check(Some("https://h/mcp"), None, later)
                .unwrap_err()
                .kind,
            FailureKind::Internal
        );
        assert_eq!(
            desc(p.check(Some("https://h/mcp"), Some(&read), Some(f64::NAN))),
            "Token has no expiration time"
        );
        assert_eq!(
            desc(p.check(Some("https://h/mcp"), Some(&read), Some(1.0))),
            "Token has expired"
        );
        let free = BearerPolicy::default();
        assert_eq!(free.check(None, None, Some(f64::INFINITY)), Ok(()));
    }

    #[test]
    fn the_typescript_refusals_are_the_sdk_answers() {
        let mut p = BearerPolicy {
            required_scopes: vec!["a".into(), "b".into()],
            resource_metadata_url: Some("https://h/.well-known/oauth-protected-resource".into()),
            ..BearerPolicy::default()
        };
        let r = p.refusal(&BearerFailure::invalid_token("Say \"é\""));
        assert_eq!(r.status, 401);
        assert_eq!(
            r.body,
            r#"{"error":"invalid_token","error_description":"Say \"é\""}"#
        );
        assert_eq!(
            r.challenge.as_deref(),
            Some(
                "Bearer error=\"invalid_token\", error_description=\"Say \"é\"\", \
                 scope=\"a b\", resource_metadata=\"https://h/.well-known/oauth-protected-resource\""
            )
        );
        p.quoting = Quoting::Escaped;
        let r = p.refusal(&BearerFailure::insufficient_scope("Say \"é😀\""));
        assert_eq!(r.status, 403);
        assert!(
            r.challenge
                .unwrap()
                .contains(r#"error_description="Say \"   \"", scope="a b""#)
        );
        let other = BearerFailure {
            kind: FailureKind::Other,
            code: None,
            description: "odd".into(),
            uri: Some("https://e".into()),
        };
        let r = p.refusal(&other);
        assert_eq!((r.status, r.challenge), (400, None));
        assert_eq!(
            r.body,
            r#"{"error_description":"odd","error_uri":"https://e"}"#
        );
        let r = p.refusal(&BearerFailure {
            kind: FailureKind::Internal,
            ..other
        });
        assert_eq!(r.status, 500);
        assert_eq!(
            r.body,
            r#"{"error":"server_error","error_description":"Internal Server Error"}"#
        );
    }

    #[test]
    fn a_token_round_trips_through_json_and_names_its_principal() {
        let v = json!({"token": "t", "client_id": "c", "scopes": ["a"], "expires_at": null,
            "resource": null, "subject": "s", "claims": {"iss": "https://as"}, "extra": 1});
        let t = AccessToken::from_json(v.clone()).unwrap();
        assert_eq!(t.subject.as_deref(), Some("s"));
        assert_eq!(t.to_json(), v);
        assert_eq!(
            Principal::of(&v),
            Principal {
                client_id: Some("c".into()),
                issuer: Some("https://as".into()),
                subject: Some("s".into())
            }
        );
        assert!(!t.is_expired(now()));
        let old = AccessToken {
            expires_at: Some(1),
            ..t.clone()
        };
        assert!(old.is_expired(now()));
        let never = AccessToken {
            expires_at: Some(0),
            ..t
        };
        assert!(!never.is_expired(now()));
    }
}
