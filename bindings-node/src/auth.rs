//! The bearer check of the official TypeScript SDK's `requireBearerAuth` (1.x and 2.x), for the
//! JS middleware: the core reads the `Authorization` header, holds what the author's verifier
//! said of the token against the options, and builds every refusal
//! ([`ferromcp_core::transport::http::BearerPolicy`]). The script only calls the verifier (an
//! async JS method) and tells which OAuth error an exception is (the SDK's classes).

use napi::{Error, Result};

use ferromcp_core::transport::http::{BearerFailure, BearerPolicy, FailureKind};

use crate::convert::parse;

/// A refusal of the check, as the script turns it into its generation's error class.
#[napi(object)]
pub struct Failure {
    /// `invalid_token`, `insufficient_scope`, or `internal` (not an OAuth error: 500).
    pub code: String,
    pub message: String,
}

/// The answer to a refused request.
#[napi(object)]
pub struct RefusalAnswer {
    pub status: u32,
    /// `(name, value)` pairs: `WWW-Authenticate` on 401 and 403, and `Content-Type`.
    pub headers: Vec<Vec<String>>,
    /// The JSON body.
    pub body: String,
}

/// What [`JsBearerPolicy::token`] read.
#[napi(object)]
pub struct TokenRead {
    pub token: Option<String>,
    pub failure: Option<Failure>,
}

fn failure(f: BearerFailure) -> Failure {
    let code = match f.kind {
        FailureKind::Internal => "internal".to_owned(),
        _ => f.code.unwrap_or_default(),
    };
    Failure {
        code,
        message: f.description,
    }
}

/// One middleware's options: required scopes, expected resource, metadata URL, quoting.
#[napi(js_name = "BearerPolicy")]
pub struct JsBearerPolicy {
    inner: BearerPolicy,
}

#[napi]
impl JsBearerPolicy {
    /// The policy of `options` (JSON: `requiredScopes`, `expectedResource`,
    /// `resourceMetadataUrl`, `quoting`: `"escaped"` for 2.x).
    #[napi(constructor)]
    pub fn new(options: String) -> Result<Self> {
        Ok(Self {
            inner: BearerPolicy::from_json(&parse(&options)?),
        })
    }

    /// The bearer token of an `Authorization` header value, or why there is none.
    #[napi]
    pub fn token(&self, header: Option<String>) -> TokenRead {
        match self.inner.token(header.as_deref()) {
            Ok(t) => TokenRead {
                token: Some(t.to_owned()),
                failure: None,
            },
            Err(f) => TokenRead {
                token: None,
                failure: Some(failure(f)),
            },
        }
    }

    /// What the verifier said of the token (`resource` as text, `scopes` if a list,
    /// `expiresAt` if a number), held against the policy: why it fails, or nothing.
    #[napi]
    pub fn check(
        &self,
        resource: Option<String>,
        scopes: Option<Vec<String>>,
        expires_at: Option<f64>,
    ) -> Option<Failure> {
        self.inner
            .check(resource.as_deref(), scopes.as_deref(), expires_at)
            .err()
            .map(failure)
    }

    /// The answer to a failure: `kind` is `invalid_token`, `insufficient_scope`,
    /// `server_error`, `other` (another OAuth error) or `internal` (no OAuth error); `code`,
    /// `message` and `uri` are the OAuth error's.
    #[napi]
    pub fn refusal(
        &self,
        kind: String,
        code: Option<String>,
        message: String,
        uri: Option<String>,
    ) -> Result<RefusalAnswer> {
        let kind = FailureKind::from_name(&kind)
            .ok_or_else(|| Error::from_reason(format!("unknown failure kind {kind}")))?;
        let r = self.inner.refusal(&BearerFailure {
            kind,
            code,
            description: message,
            uri,
        });
        // The challenge first, as the SDK sets it before the body.
        let mut headers = Vec::with_capacity(2);
        if let Some(c) = r.challenge {
            headers.push(vec!["WWW-Authenticate".to_owned(), c]);
        }
        headers.push(vec![
            "Content-Type".to_owned(),
            "application/json".to_owned(),
        ]);
        Ok(RefusalAnswer {
            status: u32::from(r.status),
            headers,
            body: r.body,
        })
    }
}
