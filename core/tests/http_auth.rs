//! Bearer-token authorization over the built-in server, with a Rust verifier and a real HTTP
//! client on 127.0.0.1: the 401/403/500 answers and their `WWW-Authenticate`, the token reaching
//! handlers on stateful, stateless and legacy sessions, sessions bound to the principal that
//! created them, and the RFC 9728 metadata with its CORS answers.
#![cfg(feature = "http")]

#[path = "support/http.rs"]
mod support;

use bytes::Bytes;
use ferromcp_core::handler::{RequestContext, handler_fn};
use ferromcp_core::server::{Server, ServerBuilder, ServerOptions};
use ferromcp_core::transport::http::{
    AccessToken, AuthOptions, HttpOptions, ProtectedResource, VerifierError, WELL_KNOWN, Wording,
    verifier_fn,
};
use http::{Method, Request, StatusCode};
use http_body_util::Full;
use serde_json::{Value, json};
use std::sync::Arc;
use support::*;

/// A server whose one tool, `whoami`, answers with the token its session holds.
fn whoami_server() -> Arc<Server> {
    ServerBuilder::new(ServerOptions {
        name: "auth-test".into(),
        version: "1.0".into(),
        capabilities: Some(json!({"tools": {}})),
        ..ServerOptions::default()
    })
    .handler(
        "tools/call",
        handler_fn(|ctx: RequestContext, _params: Value| async move {
            let token = ctx.session.auth().map_or(Value::Null, |t| (*t).clone());
            Ok::<_, ferromcp_core::HandlerError>(json!({
                "content": [{"type": "text", "text": token.to_string()}],
                "structuredContent": token,
            }))
        }),
    )
    .build()
}

const RESOURCE: &str = "http://127.0.0.1:8000/mcp";
const METADATA: &str = "http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp";

fn token(name: &str, client: &str, subject: &str, scopes: &[&str]) -> AccessToken {
    let mut t = AccessToken::new(
        name,
        client,
        scopes.iter().map(|s| (*s).to_owned()).collect(),
    );
    t.subject = Some(subject.into());
    t.resource = Some(RESOURCE.into());
    t.claims = Some(json!({"iss": "http://127.0.0.1:9000"}));
    t
}

/// Tokens the verifier knows: `alice`, `alice-again` (same principal, other scopes), `bob`,
/// `expired`, `elsewhere` (another resource), `narrow` (no `mcp:write`); `boom` fails it.
fn options(validate_resource: bool) -> AuthOptions {
    let verifier = verifier_fn(|t: String| async move {
        let known = match t.as_str() {
            "alice" => token("alice", "app", "alice", &["mcp:read", "mcp:write"]),
            "alice-again" => token(
                "alice-again",
                "app",
                "alice",
                &["mcp:read", "mcp:write", "x"],
            ),
            "bob" => token("bob", "app", "bob", &["mcp:read", "mcp:write"]),
            "expired" => AccessToken {
                expires_at: Some(1_000),
                ..token("expired", "app", "alice", &["mcp:read", "mcp:write"])
            },
            "elsewhere" => AccessToken {
                resource: Some("http://127.0.0.1:8000/other".into()),
                ..token("elsewhere", "app", "alice", &["mcp:read", "mcp:write"])
            },
            "narrow" => token("narrow", "app", "alice", &["mcp:read"]),
            "boom" => return Err(VerifierError("the key server is down".into())),
            _ => return Ok(None),
        };
        Ok(Some(known))
    });
    let mut resource = ProtectedResource::new(RESOURCE, vec!["http://127.0.0.1:9000/".into()]);
    resource.scopes_supported = Some(vec!["mcp:read".into(), "mcp:write".into()]);
    AuthOptions {
        required_scopes: vec!["mcp:read".into(), "mcp:write".into()],
        validate_resource,
        resource: Some(resource),
        ..AuthOptions::new(verifier)
    }
}

fn http_options(validate_resource: bool) -> HttpOptions {
    HttpOptions {
        auth: Some(options(validate_resource)),
        ..HttpOptions::default()
    }
}

fn with_bearer(mut req: Request<Full<Bytes>>, authorization: Option<&str>) -> Request<Full<Bytes>> {
    if let Some(a) = authorization {
        req.headers_mut()
            .insert("authorization", a.parse().unwrap());
    }
    req
}

/// A refusal's status, `WWW-Authenticate` and body text.
async fn refusal(r: http::Response<hyper::body::Incoming>) -> (StatusCode, String, String) {
    let status = r.status();
    let challenge = r
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = read_all(r.into_body()).await;
    (status, challenge, String::from_utf8(body.to_vec()).unwrap())
}

fn challenge(error: &str, description: &str) -> String {
    format!(
        "Bearer error=\"{error}\", error_description=\"{description}\", resource_metadata=\"{METADATA}\""
    )
}

fn body(error: &str, description: &str) -> String {
    format!("{{\"error\": \"{error}\", \"error_description\": \"{description}\"}}")
}

#[tokio::test]
async fn requests_without_a_good_token_are_refused_as_the_official_sdk_refuses_them() {
    let running = start(whoami_server(), http_options(true)).await;
    let c = running.client("2025-11-25");
    let unauthorized = (
        StatusCode::UNAUTHORIZED,
        challenge("invalid_token", "Authentication required"),
        body("invalid_token", "Authentication required"),
    );
    for authorization in [
        None,
        Some("Basic YWxpY2U6c2VjcmV0"),
        Some("Bearer"),
        Some("Bearer nobody"),
        Some("Bearer expired"),
        Some("Bearer elsewhere"),
        Some("Bearer  alice"),
    ] {
        let req = with_bearer(c.post_request(&initialize("2025-11-25")), authorization);
        let r = send(running.addr, req).await;
        assert_eq!(r.headers()["content-type"], "application/json");
        assert_eq!(refusal(r).await, unauthorized, "{authorization:?}");
    }
    let req = with_bearer(
        c.post_request(&initialize("2025-11-25")),
        Some("Bearer narrow"),
    );
    assert_eq!(
        refusal(send(running.addr, req).await).await,
        (
            StatusCode::FORBIDDEN,
            challenge("insufficient_scope", "Required scope: mcp:write"),
            body("insufficient_scope", "Required scope: mcp:write"),
        )
    );
    let req = with_bearer(
        c.post_request(&initialize("2025-11-25")),
        Some("Bearer boom"),
    );
    let r = send(running.addr, req).await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    // Every method of the endpoint is protected, GET and DELETE too.
    for method in [Method::GET, Method::DELETE] {
        let req = request(running.addr, method, "/mcp")
            .body(Full::<Bytes>::default())
            .unwrap();
        assert_eq!(
            send(running.addr, req).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    running.stop().await;
}

#[tokio::test]
async fn fastmcp_wording_refuses_as_fastmcp_does() {
    // fastmcp (RFC 6750 §3.1 read strictly): no credentials, a bare challenge without an
    // error and no body; `scope` in every challenge, before `resource_metadata`; the metadata
    // at the resource's own well-known path only.
    let mut auth = options(false);
    auth.wording = Wording::FastMcp {
        challenge_scopes: vec!["mcp:read".into()],
    };
    if let Some(r) = auth.resource.as_mut() {
        r.at_root = false;
    }
    let options = HttpOptions {
        auth: Some(auth),
        ..HttpOptions::default()
    };
    let running = start(whoami_server(), options).await;
    let c = running.client("2025-11-25");
    for authorization in [None, Some("Basic YWxpY2U6c2VjcmV0")] {
        let req = with_bearer(c.post_request(&initialize("2025-11-25")), authorization);
        let r = send(running.addr, req).await;
        assert!(r.headers().get("content-type").is_none());
        assert_eq!(
            refusal(r).await,
            (
                StatusCode::UNAUTHORIZED,
                format!("Bearer scope=\"mcp:read\", resource_metadata=\"{METADATA}\""),
                String::new(),
            ),
            "{authorization:?}"
        );
    }
    let refused = "Authentication failed. The provided bearer token is invalid, expired, or no \
        longer recognized by the server. To resolve: clear authentication tokens in your MCP \
        client and reconnect. Your client should automatically re-register and obtain new tokens.";
    let scoped = |error: &str, description: &str| {
        format!(
            "Bearer error=\"{error}\", error_description=\"{description}\", scope=\"mcp:read\", \
             resource_metadata=\"{METADATA}\""
        )
    };
    for (authorization, status, error, description) in [
        (
            "Bearer nobody",
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            refused,
        ),
        (
            "Bearer expired",
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            refused,
        ),
        (
            "Bearer narrow",
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            "Required scope: mcp:write",
        ),
    ] {
        let req = with_bearer(
            c.post_request(&initialize("2025-11-25")),
            Some(authorization),
        );
        assert_eq!(
            refusal(send(running.addr, req).await).await,
            (status, scoped(error, description), body(error, description)),
            "{authorization}"
        );
    }
    let at = |path: &str| {
        request(running.addr, Method::GET, path)
            .body(Full::<Bytes>::default())
            .unwrap()
    };
    let own = format!("{WELL_KNOWN}/mcp");
    assert_eq!(send(running.addr, at(&own)).await.status(), StatusCode::OK);
    let root = send(running.addr, at(WELL_KNOWN)).await;
    assert_eq!(root.status(), StatusCode::NOT_FOUND);
    assert_eq!(read_all(root.into_body()).await.as_ref(), b"Not Found");
    running.stop().await;
}

#[tokio::test]
async fn other_checks_keep_their_place_around_authorization() {
    let running = start(whoami_server(), http_options(true)).await;
    // An unknown path is not an endpoint: 404 without a token.
    let req = request(running.addr, Method::GET, "/nowhere")
        .body(Full::<Bytes>::default())
        .unwrap();
    assert_eq!(
        send(running.addr, req).await.status(),
        StatusCode::NOT_FOUND
    );
    // DNS-rebinding protection answers first.
    let c = running.client("2025-11-25");
    let mut req = c.post_request(&initialize("2025-11-25"));
    req.headers_mut()
        .insert("host", "evil.example".parse().unwrap());
    assert_eq!(
        send(running.addr, req).await.status(),
        StatusCode::MISDIRECTED_REQUEST
    );
    running.stop().await;
}

/// The token `whoami` answered with (from its text: older revisions have no structured content).
fn seen(answer: &Value) -> Value {
    serde_json::from_str(answer["result"]["content"][0]["text"].as_str().unwrap()).unwrap()
}

/// `initialize` with `authorization`, keeping the session; then `initialized`.
async fn open(c: &mut Client, authorization: &str) {
    let req = with_bearer(
        c.post_request(&initialize("2025-11-25")),
        Some(authorization),
    );
    let r = send(c.addr, req).await;
    assert_eq!(r.status(), StatusCode::OK);
    c.session = Some(r.headers()["mcp-session-id"].to_str().unwrap().to_owned());
    answer(r).await;
    let req = with_bearer(
        c.post_request(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"})),
        Some(authorization),
    );
    assert_eq!(send(c.addr, req).await.status(), StatusCode::ACCEPTED);
}

async fn whoami(c: &Client, id: i64, authorization: &str) -> http::Response<hyper::body::Incoming> {
    let req = with_bearer(
        c.post_request(&call(id, "whoami", json!({}))),
        Some(authorization),
    );
    send(c.addr, req).await
}

#[tokio::test]
async fn handlers_see_the_token_and_sessions_stay_with_their_principal() {
    let running = start(whoami_server(), http_options(true)).await;
    let mut c = running.client("2025-11-25");
    open(&mut c, "Bearer alice").await;
    let v = answer(whoami(&c, 1, "Bearer alice").await).await;
    let token = seen(&v);
    assert_eq!(token["token"], "alice");
    assert_eq!(token["client_id"], "app");
    assert_eq!(token["subject"], "alice");
    assert_eq!(token["scopes"], json!(["mcp:read", "mcp:write"]));
    assert_eq!(token["claims"]["iss"], "http://127.0.0.1:9000");
    // Another principal's token on this session: answered as an unknown session.
    let r = whoami(&c, 2, "Bearer bob").await;
    let (status, error) = refused(r).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error["error"]["message"], "Session not found");
    // The same principal with a refreshed token: the handler sees the new one.
    let v = answer(whoami(&c, 3, "Bearer alice-again").await).await;
    assert_eq!(seen(&v)["token"], "alice-again");
    // Bob's own session works.
    let mut b = running.client("2025-11-25");
    open(&mut b, "Bearer bob").await;
    let v = answer(whoami(&b, 1, "Bearer bob").await).await;
    assert_eq!(seen(&v)["subject"], "bob");
    running.stop().await;
}

#[tokio::test]
async fn a_stateless_request_carries_its_own_token() {
    let options = HttpOptions {
        stateless: true,
        json_response: true,
        ..http_options(true)
    };
    let running = start(whoami_server(), options).await;
    let c = running.client("2025-11-25");
    for (id, who) in [(1, "alice"), (2, "bob")] {
        let v = answer(whoami(&c, id, &format!("Bearer {who}")).await).await;
        assert_eq!(seen(&v)["subject"], who);
    }
    let r = send(running.addr, c.post_request(&call(3, "whoami", json!({})))).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    running.stop().await;
}

#[tokio::test]
async fn without_resource_validation_the_audience_is_the_verifiers_business() {
    let running = start(whoami_server(), http_options(false)).await;
    let mut c = running.client("2025-11-25");
    open(&mut c, "Bearer elsewhere").await;
    let v = answer(whoami(&c, 1, "Bearer elsewhere").await).await;
    assert_eq!(seen(&v)["token"], "elsewhere");
    running.stop().await;
}

#[tokio::test]
async fn the_legacy_transport_is_protected_and_bound_the_same_way() {
    let running = start(whoami_server(), http_options(true)).await;
    let get = |authorization: Option<&str>| {
        with_bearer(
            request(running.addr, Method::GET, "/sse")
                .header("accept", "text/event-stream")
                .body(Full::<Bytes>::default())
                .unwrap(),
            authorization,
        )
    };
    let (status, header, _) = refusal(send(running.addr, get(None)).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        header,
        challenge("invalid_token", "Authentication required")
    );
    let r = send(running.addr, get(Some("Bearer alice"))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut events = Sse::new(r.into_body());
    let endpoint = events.next().await.unwrap();
    assert_eq!(endpoint.event, "endpoint");
    let post = |message: Value, authorization: Option<&str>| {
        with_bearer(
            request(running.addr, Method::POST, &endpoint.data)
                .header("content-type", "application/json")
                .body(support::body(&message))
                .unwrap(),
            authorization,
        )
    };
    let r = send(running.addr, post(initialize("2024-11-05"), None)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = send(
        running.addr,
        post(initialize("2024-11-05"), Some("Bearer bob")),
    )
    .await;
    let (status, error) = refused(r).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error["error"]["message"], "Could not find session");
    for m in [
        initialize("2024-11-05"),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        call(1, "whoami", json!({})),
    ] {
        let r = send(running.addr, post(m, Some("Bearer alice-again"))).await;
        assert_eq!(r.status(), StatusCode::ACCEPTED);
    }
    let _init = events.next().await.unwrap();
    let v = events.next().await.unwrap().json();
    assert_eq!(seen(&v)["token"], "alice-again");
    running.stop().await;
}

#[tokio::test]
async fn the_protected_resource_metadata_is_public_with_the_official_cors_answers() {
    let running = start(whoami_server(), http_options(true)).await;
    let document = json!({
        "resource": RESOURCE,
        "authorization_servers": ["http://127.0.0.1:9000/"],
        "scopes_supported": ["mcp:read", "mcp:write"],
        "bearer_methods_supported": ["header"],
    });
    for path in [
        "/.well-known/oauth-protected-resource/mcp",
        "/.well-known/oauth-protected-resource",
    ] {
        let req = request(running.addr, Method::GET, path)
            .body(Full::<Bytes>::default())
            .unwrap();
        let r = send(running.addr, req).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/json");
        assert_eq!(r.headers()["cache-control"], "public, max-age=3600");
        assert_eq!(r.headers()["vary"], "Origin");
        assert!(r.headers().get("access-control-allow-origin").is_none());
        let text = read_all(r.into_body()).await;
        // Compact, in the official member order.
        assert_eq!(text, document.to_string().as_bytes());
    }
    let path = "/.well-known/oauth-protected-resource/mcp";
    let req = request(running.addr, Method::GET, path)
        .header("origin", "https://app.example")
        .body(Full::<Bytes>::default())
        .unwrap();
    let r = send(running.addr, req).await;
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let preflight = |method: &str, headers: &str| {
        request(running.addr, Method::OPTIONS, path)
            .header("origin", "https://app.example")
            .header("access-control-request-method", method)
            .header("access-control-request-headers", headers)
            .body(Full::<Bytes>::default())
            .unwrap()
    };
    let r = send(running.addr, preflight("GET", "MCP-Protocol-Version")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-methods"], "GET, OPTIONS");
    assert_eq!(h["access-control-max-age"], "600");
    assert_eq!(
        h["access-control-allow-headers"],
        "Accept, Accept-Language, Content-Language, Content-Type, mcp-protocol-version"
    );
    assert_eq!(read_all(r.into_body()).await, "OK");
    let r = send(running.addr, preflight("DELETE", "x-other")).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        read_all(r.into_body()).await,
        "Disallowed CORS method, headers"
    );
    let req = request(running.addr, Method::POST, path)
        .body(Full::<Bytes>::default())
        .unwrap();
    let r = send(running.addr, req).await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    running.stop().await;
}

#[tokio::test]
async fn the_rate_limit_follows_the_token_subject_across_sessions() {
    let server = {
        let s = whoami_server();
        let mut options = s.options().clone();
        // Two calls, then (practically) no refill within the test.
        options.guards.rate_limit = Some((0.001, 2.0));
        let builder = ServerBuilder::new(options);
        builder
            .handler(
                "tools/call",
                handler_fn(|_ctx: RequestContext, _params: Value| async move {
                    Ok::<_, ferromcp_core::HandlerError>(json!({"content": []}))
                }),
            )
            .build()
    };
    let running = start(server, http_options(true)).await;
    let mut first = running.client("2025-11-25");
    open(&mut first, "Bearer alice").await;
    let mut second = running.client("2025-11-25");
    open(&mut second, "Bearer alice-again").await;
    let mut bob = running.client("2025-11-25");
    open(&mut bob, "Bearer bob").await;

    assert!(answer(whoami(&first, 1, "Bearer alice").await).await["result"].is_object());
    assert!(answer(whoami(&second, 1, "Bearer alice-again").await).await["result"].is_object());
    // Alice's third call, on either session, is beyond her rate.
    let limited = answer(whoami(&first, 2, "Bearer alice").await).await;
    assert_eq!(
        limited["error"]["code"],
        ferromcp_core::guards::RATE_LIMITED.0
    );
    // Bob has his own bucket.
    assert!(answer(whoami(&bob, 1, "Bearer bob").await).await["result"].is_object());
    running.stop().await;
}

/// A host's authorization hook (`Authorize`, what Node's scope challenges use) sees a POST's
/// requests once the endpoint's own checks passed, and its answer replaces the dispatch.
#[tokio::test]
async fn a_hosts_authorization_hook_answers_after_the_endpoints_checks() {
    use ferromcp_core::transport::http::Authorize;
    use futures::FutureExt;

    let (server, _probes) = test_server();
    let options = HttpOptions {
        stateless: true,
        ..HttpOptions::default()
    };
    let running = start(server, options).await;
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    let hook = Authorize(Arc::new(move |requests: String| {
        let record = record.clone();
        async move {
            let requests: Value = serde_json::from_str(&requests).unwrap();
            let refuse = requests[0]["params"]["name"] == "echo";
            record.lock().unwrap().push(requests);
            refuse.then(|| {
                http::Response::builder()
                    .status(StatusCode::FORBIDDEN)
                    .body(Bytes::from_static(b"no"))
                    .unwrap()
            })
        }
        .boxed()
    }));
    let post = |message: Value, content_type: &str| {
        let mut req = request(running.addr, Method::POST, "/mcp")
            .header("content-type", content_type)
            .header("mcp-protocol-version", "2025-11-25")
            .body(support::body(&message))
            .unwrap();
        req.extensions_mut().insert(hook.clone());
        req
    };
    let refused = running
        .service
        .handle(post(
            call(1, "echo", json!({"text": "x"})),
            "application/json",
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let allowed = running
        .service
        .handle(post(call(2, "steps", json!({})), "application/json"))
        .await;
    assert_eq!(allowed.status(), StatusCode::OK);
    // The endpoint's own refusal comes first: the hook never sees that POST.
    let wrong_type = running
        .service
        .handle(post(call(3, "echo", json!({"text": "x"})), "text/plain"))
        .await;
    assert_eq!(wrong_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let names: Vec<Value> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| r[0]["params"]["name"].clone())
        .collect();
    assert_eq!(names, [json!("echo"), json!("steps")]);
    running.stop().await;
}
