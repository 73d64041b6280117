// The SDK's OAuth authorization server (`mcpAuthRouter`, its handlers and
// `ProxyOAuthServerProvider`) on ferromcp and on the official SDK: tests/node/servers/auth-server.mjs
// (an in-memory provider as an SDK user writes one, and a proxy in front of it) is run on each,
// the same HTTP exchanges are sent to both over 127.0.0.1, and the statuses, headers (Location
// with its query, Content-Type, Allow, WWW-Authenticate, CORS, Cache-Control, rate limits) and
// bodies must be the same; then the official client's `auth()` runs the whole flow (discovery,
// dynamic registration, authorization, code exchange, refresh) against both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createHash } from "node:crypto";
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { onFerromcp, onOfficial } from "./harness.mjs";

const WAIT_MS = 20_000;

/** Starts the server file; resolves with both servers' ports and a stop function. */
async function serve(file) {
  // production: Express's error pages then carry no stack trace.
  const proc = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_ENV: "production" } });
  let err = "";
  proc.stderr.on("data", (c) => (err += c));
  const timer = setTimeout(() => proc.kill(), WAIT_MS);
  try {
    let out = "";
    while (!/listening (\d+) (\d+)/.test(out)) {
      const [chunk] = await Promise.race([once(proc.stdout, "data"), once(proc, "exit").then(() => [null])]);
      if (chunk === null) {
        throw new Error(`${file} exited before listening: ${err}`);
      }
      out += chunk.toString();
    }
    const [, port, proxyPort] = out.match(/listening (\d+) (\d+)/);
    return { port, proxyPort, stop: () => proc.kill(), stderr: () => err };
  } finally {
    clearTimeout(timer);
  }
}

const HEADERS = [
  "content-type",
  "location",
  "allow",
  "www-authenticate",
  "cache-control",
  "vary",
  "access-control-allow-origin",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "ratelimit-policy",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "retry-after",
  "x-ratelimit-limit",
];

/** One HTTP exchange, redirects not followed: status, the headers above, the body (JSON parsed). */
async function send(base, method, path, { query, form, json, text, headers = {} } = {}) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(query ?? {})) {
    url.searchParams.append(name, value);
  }
  let body;
  if (form !== undefined) {
    body = new URLSearchParams(form).toString();
    headers = { "content-type": "application/x-www-form-urlencoded", ...headers };
  } else if (json !== undefined) {
    body = JSON.stringify(json);
    headers = { "content-type": "application/json", ...headers };
  } else if (text !== undefined) {
    body = text;
  }
  const res = await fetch(url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(10_000) });
  const raw = await res.text();
  let parsed = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: compared as text.
  }
  const seen = {};
  for (const name of HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) {
      seen[name] = value;
    }
  }
  if (res.status === 204) {
    seen["content-length"] = res.headers.get("content-length");
  }
  return { status: res.status, headers: seen, body: parsed };
}

const challengeOf = (verifier) => createHash("sha256").update(verifier).digest("base64url");
const VERIFIER = "a-verifier-long-enough-to-be-a-real-pkce-code-verifier-0123456789";
const PKCE = { code_challenge: challengeOf(VERIFIER), code_challenge_method: "S256" };

/** A query parameter of an answer's Location. */
const fromLocation = (answer, name) => new URL(answer.headers.location).searchParams.get(name);

/**
 * Every exchange, in order, against the server pair at `as` and `px`: name → answer. Values made
 * at random (registered clients' ids and secrets, the client's PKCE challenge) are named in
 * `secrets` (value → placeholder) for `normalize`.
 */
async function transcript(as, px, secrets) {
  const out = {};
  const at = async (name, answer) => {
    out[name] = await answer;
    return out[name];
  };
  const register = async (name, base, metadata) => {
    const answer = await at(name, send(base, "POST", "/register", { json: metadata }));
    if (answer.status === 201) {
      secrets.set(answer.body.client_id, `<${name}.client_id>`);
      if (answer.body.client_secret) {
        secrets.set(answer.body.client_secret, `<${name}.client_secret>`);
      }
    }
    return answer.body;
  };

  // Metadata documents, CORS and methods.
  await at("as metadata", send(as, "GET", "/.well-known/oauth-authorization-server"));
  await at("resource metadata", send(as, "GET", "/.well-known/oauth-protected-resource/mcp"));
  await at("metadata preflight", send(as, "OPTIONS", "/.well-known/oauth-authorization-server", {
    headers: { origin: "https://web.example", "access-control-request-method": "GET", "access-control-request-headers": "mcp-protocol-version" },
  }));
  await at("metadata POST", send(as, "POST", "/.well-known/oauth-authorization-server", { headers: { origin: "https://web.example" } }));
  await at("metadata HEAD", send(as, "HEAD", "/.well-known/oauth-protected-resource/mcp"));
  await at("metadata below", send(as, "GET", "/.well-known/oauth-authorization-server/extra"));
  await at("metadata of the root resource", send(as, "GET", "/.well-known/oauth-protected-resource"));
  await at("metadata, other case", send(as, "GET", "/.WELL-KNOWN/OAuth-Authorization-Server"));

  // Dynamic client registration.
  const confidential = await register("register confidential", as, {
    redirect_uris: ["http://localhost:3000/cb"],
    client_name: "reg-conf",
    scope: "read write",
    grant_types: ["authorization_code", "refresh_token"],
    not_a_member: 1,
    client_id: "chosen-by-the-client",
  });
  await register("register public", as, { redirect_uris: ["http://localhost/cb"], token_endpoint_auth_method: "none", logo_uri: "" });
  await register("register javascript: URI", as, { redirect_uris: ["javascript:alert(1)"] });
  await register("register no redirect_uris", as, { client_name: "x" });
  await register("register store failure", as, { redirect_uris: ["https://x.example/cb"], client_name: "store-refuses" });
  await at("register text body", send(as, "POST", "/register", { text: "hello", headers: { "content-type": "text/plain" } }));
  await at("register malformed JSON", send(as, "POST", "/register", { text: "{nope", headers: { "content-type": "application/json" } }));
  await at("register GET", send(as, "GET", "/register", { headers: { origin: "https://web.example" } }));
  await at("register preflight", send(as, "OPTIONS", "/register", { headers: { origin: "https://web.example", "access-control-request-method": "POST" } }));

  // The authorization endpoint: refusals before the redirect URI is known, then through it.
  const good = { response_type: "code", ...PKCE, state: "st-1", scope: "read write" };
  const authorize = (name, query, method = "GET") =>
    at(name, method === "GET" ? send(as, "GET", "/authorize", { query }) : send(as, method, "/authorize", { form: query }));
  await authorize("authorize, no parameters", {});
  await authorize("authorize, unknown client", { client_id: "nobody", ...good });
  await at("authorize, repeated client_id", send(as, "GET", "/authorize?client_id=public-app&client_id=web-app"));
  await authorize("authorize, redirect_uri needed", { client_id: "web-app", ...good });
  await authorize("authorize, unregistered redirect_uri", { client_id: "web-app", redirect_uri: "https://evil.example/cb", ...good });
  await authorize("authorize, redirect_uri not a URL", { client_id: "web-app", redirect_uri: "not a url", ...good });
  await authorize("authorize, loopback on another host", { client_id: "public-app", redirect_uri: "http://127.0.0.1:8123/callback", ...good });
  await authorize("authorize, loopback on another path", { client_id: "public-app", redirect_uri: "http://localhost:8123/elsewhere", ...good });
  await authorize("authorize, no client", { redirect_uri: "http://localhost/callback", ...good });
  await authorize("authorize, client without redirect_uris", { client_id: "broken-app", ...good });
  const { code_challenge: _c, ...noChallenge } = good;
  await authorize("authorize, no code_challenge", { client_id: "public-app", ...noChallenge });
  await authorize("authorize, plain PKCE", { client_id: "public-app", ...good, code_challenge_method: "plain" });
  await authorize("authorize, response_type token", { client_id: "public-app", ...good, response_type: "token" });
  await authorize("authorize, bad resource", { client_id: "public-app", ...good, resource: "not a url" });
  await authorize("authorize, the user declines", { client_id: "public-app", ...good, scope: "read deny" });
  await authorize("authorize, a scope with an error_uri", { client_id: "public-app", ...good, scope: "forbidden", state: "" });
  await authorize("authorize, the provider throws", { client_id: "public-app", ...good, scope: "crash" });
  await authorize("authorize, PUT", { client_id: "public-app", ...good }, "PUT");
  await at("authorize, OPTIONS", send(as, "OPTIONS", "/authorize", { headers: { origin: "https://web.example" } }));
  await at("authorize, below", send(as, "GET", "/authorize/more", { query: { client_id: "public-app", ...good } }));
  const loopback = await authorize("authorize, loopback port", {
    client_id: "public-app",
    redirect_uri: "http://localhost:8123/callback",
    ...good,
    resource: `${as}mcp`,
  });
  const posted = await authorize("authorize, POST", { client_id: "web-app", redirect_uri: "https://app.example/other?x=1", ...good, scope: "read" }, "POST");
  const registered = await authorize("authorize, a registered client", { client_id: confidential.client_id, ...good, state: "st-2" });

  // The token endpoint.
  const token = (name, form, extra = {}) => at(name, send(as, "POST", "/token", { form, ...extra }));
  const publicCode = fromLocation(await loopback, "code");
  await token("token, no body", undefined);
  await token("token, unknown client", { client_id: "nobody", grant_type: "authorization_code" });
  await token("token, secret missing", { client_id: "web-app", grant_type: "authorization_code" });
  await token("token, wrong secret", { client_id: "web-app", client_secret: "guess", grant_type: "authorization_code" });
  await token("token, expired secret", { client_id: "stale-app", client_secret: "stale-secret", grant_type: "authorization_code" });
  await token("token, no grant_type", { client_id: "public-app" });
  await token("token, client_credentials", { client_id: "public-app", grant_type: "client_credentials" });
  await token("token, no verifier", { client_id: "public-app", grant_type: "authorization_code", code: publicCode });
  await token("token, wrong verifier", { client_id: "public-app", grant_type: "authorization_code", code: publicCode, code_verifier: "wrong" });
  await token("token, unknown code", { client_id: "public-app", grant_type: "authorization_code", code: "nope", code_verifier: VERIFIER });
  await token("token, bad resource", { client_id: "public-app", grant_type: "authorization_code", code: publicCode, code_verifier: VERIFIER, resource: "x" });
  await token("token, JSON body", undefined, { json: { client_id: "public-app", grant_type: "authorization_code" } });
  const tokens = await token("token, code", {
    client_id: "public-app",
    grant_type: "authorization_code",
    code: publicCode,
    code_verifier: VERIFIER,
    redirect_uri: "http://localhost:8123/callback",
  });
  await token("token, the code again", { client_id: "public-app", grant_type: "authorization_code", code: publicCode, code_verifier: VERIFIER });
  await token("token, POSTed authorization", {
    client_id: "web-app",
    client_secret: "web-secret",
    grant_type: "authorization_code",
    code: fromLocation(await posted, "code"),
    code_verifier: VERIFIER,
  });
  await token("token, registered client", {
    client_id: confidential.client_id,
    client_secret: confidential.client_secret,
    grant_type: "authorization_code",
    code: fromLocation(await registered, "code"),
    code_verifier: VERIFIER,
  });
  const refresh = tokens.body.refresh_token;
  await token("refresh, wider scope", { client_id: "public-app", grant_type: "refresh_token", refresh_token: refresh, scope: "read write admin" });
  await token("refresh, no refresh_token", { client_id: "public-app", grant_type: "refresh_token" });
  await token("refresh, unknown", { client_id: "public-app", grant_type: "refresh_token", refresh_token: "nope" });
  const refreshed = await token("refresh", { client_id: "public-app", grant_type: "refresh_token", refresh_token: refresh, scope: "read" });
  await at("token, GET", send(as, "GET", "/token", { headers: { origin: "https://web.example" } }));
  await at("token, preflight", send(as, "OPTIONS", "/token", {
    headers: { origin: "https://web.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
  }));

  // The protected resource, checked by the same provider.
  const bearer = (t) => ({ headers: { authorization: `Bearer ${t}` } });
  await at("resource, no token", send(as, "GET", "/mcp"));
  await at("resource, refreshed token", send(as, "GET", "/mcp", bearer(refreshed.body.access_token)));

  // Revocation.
  const revoke = (name, form) => at(name, send(as, "POST", "/revoke", { form }));
  await revoke("revoke, no token", { client_id: "public-app" });
  await revoke("revoke, wrong secret", { client_id: "web-app", client_secret: "guess", token: "x" });
  await revoke("revoke, the provider throws", { client_id: "public-app", token: "explode" });
  await revoke("revoke", { client_id: "public-app", token: refreshed.body.access_token, token_type_hint: "access_token", ignored: "1" });
  await at("resource, revoked token", send(as, "GET", "/mcp", bearer(refreshed.body.access_token)));
  await at("revoke, DELETE", send(as, "DELETE", "/revoke"));
  await at("revoke, preflight", send(as, "OPTIONS", "/revoke", { headers: { origin: "https://web.example" } }));

  // The proxy in front of it.
  await at("proxy metadata", send(px, "GET", "/.well-known/oauth-authorization-server"));
  await at("proxy resource metadata", send(px, "GET", "/.well-known/oauth-protected-resource/oauth/"));
  const proxied = await register("proxy register", px, { redirect_uris: ["https://proxied.example/cb"], client_name: "via-proxy" });
  await register("proxy register, invalid", px, { redirect_uris: "https://proxied.example/cb" });
  const toUpstream = await at("proxy authorize", send(px, "GET", "/authorize", { query: { client_id: proxied.client_id, ...good, resource: `${as}mcp` } }));
  const upstream = await at("proxy authorize, upstream", send(toUpstream.headers.location, "GET", ""));
  const proxiedCode = fromLocation(upstream, "code");
  const proxyToken = (name, form) => at(name, send(px, "POST", "/token", { form: { client_id: proxied.client_id, client_secret: proxied.client_secret, ...form } }));
  await proxyToken("proxy token, wrong verifier", { grant_type: "authorization_code", code: proxiedCode, code_verifier: "wrong" });
  const proxyTokens = await proxyToken("proxy token", { grant_type: "authorization_code", code: proxiedCode, code_verifier: VERIFIER });
  await proxyToken("proxy refresh, unknown", { grant_type: "refresh_token", refresh_token: "nope" });
  await proxyToken("proxy refresh", { grant_type: "refresh_token", refresh_token: proxyTokens.body.refresh_token, scope: "read" });
  await at("proxy revoke", send(px, "POST", "/revoke", { form: { client_id: proxied.client_id, client_secret: proxied.client_secret, token: "whatever" } }));
  await at("proxy token, GET", send(px, "GET", "/token"));
  for (let i = 1; i <= 4; i++) {
    // The proxy's authorization endpoint allows 4 requests a minute.
    await at(`proxy authorize, unknown client ${i}`, send(px, "GET", "/authorize", { query: { client_id: "nobody" } }));
  }
  return out;
}

/** The official client's `auth()`, the whole flow against the server at `as`. */
async function flow(as, secrets) {
  const serverUrl = `${as}mcp`;
  const client = {
    saved: {},
    get redirectUrl() {
      return "http://localhost:9876/callback";
    },
    get clientMetadata() {
      return { client_name: "auth() flow", redirect_uris: [this.redirectUrl], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], scope: "read write" };
    },
    state: () => "flow-state",
    clientInformation() {
      return this.saved.client;
    },
    saveClientInformation(info) {
      this.saved.client = info;
      secrets.set(info.client_id, "<flow.client_id>");
      if (info.client_secret) {
        secrets.set(info.client_secret, "<flow.client_secret>");
      }
    },
    tokens() {
      return this.saved.tokens;
    },
    saveTokens(tokens) {
      this.saved.tokens = tokens;
    },
    redirectToAuthorization(url) {
      this.saved.authorizationUrl = url;
    },
    saveCodeVerifier(verifier) {
      this.saved.verifier = verifier;
      secrets.set(challengeOf(verifier), "<flow.code_challenge>");
    },
    codeVerifier() {
      return this.saved.verifier;
    },
  };
  const out = {};
  out.start = await auth(client, { serverUrl });
  out.authorizationUrl = client.saved.authorizationUrl.href;
  out.registered = client.saved.client;
  const consent = await send(client.saved.authorizationUrl.href, "GET", "");
  out.consent = consent;
  out.finish = await auth(client, { serverUrl, authorizationCode: fromLocation(consent, "code") });
  out.tokens = client.saved.tokens;
  out.resource = await send(as, "GET", "/mcp", { headers: { authorization: `Bearer ${client.saved.tokens.access_token}` } });
  out.again = await auth(client, { serverUrl });
  out.refreshed = client.saved.tokens;
  out.resourceAfterRefresh = await send(as, "GET", "/mcp", { headers: { authorization: `Bearer ${client.saved.tokens.access_token}` } });
  return out;
}

/**
 * `value` with what differs from run to run made comparable: the ports, the values in
 * `secrets`, times (issue and expiry stamps, rate-limit resets) checked and named.
 */
function normalize(value, ports, secrets) {
  const now = Math.floor(Date.now() / 1000);
  const text = (s) => {
    let t = s;
    for (const [from, to] of ports) {
      t = t.split(from).join(to).split(encodeURIComponent(from)).join(encodeURIComponent(to));
    }
    for (const [from, to] of secrets) {
      t = t.split(from).join(to);
      t = t.split(encodeURIComponent(from)).join(to);
    }
    return t;
  };
  const walk = (v, key) => {
    if (typeof v === "string") {
      if (["ratelimit-reset", "retry-after"].includes(key)) {
        assert.match(v, /^\d+$/);
        return "<seconds>";
      }
      return text(v);
    }
    if (Array.isArray(v)) {
      return v.map((x) => walk(x));
    }
    if (v && typeof v === "object") {
      const o = {};
      for (const [k, x] of Object.entries(v)) {
        o[text(k)] = walk(x, k);
      }
      if (typeof o.client_id_issued_at === "number") {
        assert.ok(Math.abs(o.client_id_issued_at - now) < 600, "client_id_issued_at is now");
        if (typeof o.client_secret_expires_at === "number" && o.client_secret_expires_at !== 0) {
          o.client_secret_expires_at = `<issued + ${o.client_secret_expires_at - o.client_id_issued_at}>`;
        }
        o.client_id_issued_at = "<now>";
      }
      return o;
    }
    return v;
  };
  return walk(value);
}

/** The transcript and the `auth()` flow on one server file, normalized. */
async function run(file) {
  const server = await serve(file);
  try {
    const as = `http://127.0.0.1:${server.port}/`;
    const px = `http://127.0.0.1:${server.proxyPort}/`;
    const secrets = new Map();
    const exchanges = await transcript(as, px, secrets);
    const authFlow = await flow(as, secrets);
    const ports = [
      [`127.0.0.1:${server.port}`, "127.0.0.1:<as>"],
      [`127.0.0.1:${server.proxyPort}`, "127.0.0.1:<proxy>"],
    ];
    return { exchanges: normalize(exchanges, ports, secrets), flow: normalize(authFlow, ports, secrets), stderr: server.stderr() };
  } finally {
    server.stop();
  }
}

test("mcpAuthRouter, its handlers and ProxyOAuthServerProvider answer as the official SDK's", async () => {
  const official = await run(onOfficial("auth-server.mjs"));
  const ours = await run(onFerromcp("auth-server.mjs"));
  // Each exchange on its own, so that a difference names its request.
  assert.deepStrictEqual(Object.keys(ours.exchanges), Object.keys(official.exchanges));
  for (const name of Object.keys(official.exchanges)) {
    assert.deepStrictEqual(ours.exchanges[name], official.exchanges[name], name);
  }
  assert.deepStrictEqual(ours.flow, official.flow);
  assert.equal(ours.stderr, official.stderr);

  // What the exchanges must show, beyond being the same.
  const e = official.exchanges;
  assert.equal(e["as metadata"].status, 200);
  assert.equal(e["register confidential"].status, 201);
  assert.equal(e["authorize, loopback port"].status, 302);
  assert.match(e["authorize, loopback port"].headers.location, /^http:\/\/localhost:8123\/callback\?code=code-\d+&state=st-1$/);
  assert.equal(e["authorize, the user declines"].headers.location.includes("error=access_denied"), true);
  assert.equal(e["token, code"].status, 200);
  assert.equal(e["token, wrong verifier"].body.error, "invalid_grant");
  assert.equal(e["revoke"].status, 200);
  assert.equal(e["resource, revoked token"].status, 401);
  assert.equal(e["proxy token"].status, 200);
  assert.equal(e["proxy authorize, unknown client 4"].status, 429);
  assert.equal(official.flow.finish, "AUTHORIZED");
  assert.equal(official.flow.resourceAfterRefresh.status, 200);
});

/** What a call did: its value, or the error's class and message. */
async function attempt(f) {
  try {
    return { value: await f() };
  } catch (e) {
    return { error: `${e.constructor.name}: ${e.message}` };
  }
}

const sdk = (path) => import(`@modelcontextprotocol/sdk/server/auth/${path}`);
const ours = (path) => import(`ferromcp/server/auth/${path}`);

test("redirect URI matching, option checks and refusals at construction as the SDK's", async () => {
  const [oa, ma] = [await sdk("handlers/authorize.js"), await ours("handlers/authorize.js")];
  const uris = [
    "http://localhost/cb",
    "http://localhost:8080/cb",
    "http://localhost:8080/cb?x=1",
    "http://127.0.0.1:9/cb",
    "http://[::1]:7/cb",
    "https://localhost:1/cb",
    "https://app.example/cb",
    "https://app.example:444/cb",
    "not a url",
    "",
  ];
  for (const requested of uris) {
    for (const registered of uris) {
      assert.equal(ma.redirectUriMatches(requested, registered), oa.redirectUriMatches(requested, registered), `${requested} ~ ${registered}`);
    }
  }

  const [or, mr] = [await sdk("router.js"), await ours("router.js")];
  const provider = { clientsStore: { getClient: async () => undefined } };
  for (const issuer of ["https://auth.example", "http://auth.example", "http://localhost:1", "https://auth.example/?q=1", "https://auth.example/#f"]) {
    const made = async (lib) => attempt(() => typeof lib.mcpAuthRouter({ provider, issuerUrl: new URL(issuer) }));
    assert.deepEqual(await made(mr), await made(or), issuer);
  }
  const [og, mg] = [await sdk("handlers/register.js"), await ours("handlers/register.js")];
  assert.deepEqual(await attempt(() => mg.clientRegistrationHandler({ clientsStore: {} })), await attempt(() => og.clientRegistrationHandler({ clientsStore: {} })));
  const [ov, mv] = [await sdk("handlers/revoke.js"), await ours("handlers/revoke.js")];
  assert.deepEqual(await attempt(() => mv.revocationHandler({ provider })), await attempt(() => ov.revocationHandler({ provider })));
});

test("ProxyOAuthServerProvider forwards to the upstream server as the SDK's", async () => {
  const [op, mp] = [await sdk("providers/proxyProvider.js"), await ours("providers/proxyProvider.js")];
  const [oe, me] = [await sdk("errors.js"), await ours("errors.js")];

  /** Everything one provider sends upstream, and what each call gave. */
  async function drive({ ProxyOAuthServerProvider }, errors) {
    const sent = [];
    const upstream = async (url, init) => {
      sent.push({ url: String(url), method: init.method, headers: init.headers, body: init.body });
      const body = String(init.body);
      if (body.includes("fail")) {
        return new Response("no", { status: 503 });
      }
      if (String(url).endsWith("/register")) {
        return Response.json({ ...JSON.parse(body), client_id: "up-1", issuer: "dropped" });
      }
      return Response.json({ access_token: "a", token_type: "bearer", expires_in: "60", extra: 1, issuer: "dropped" });
    };
    const client = { client_id: "c", client_secret: "s", redirect_uris: ["https://c.example/cb"] };
    const full = new ProxyOAuthServerProvider({
      endpoints: {
        authorizationUrl: "https://up.example/authorize?tenant=1",
        tokenUrl: "https://up.example/token",
        revocationUrl: "https://up.example/revoke",
        registrationUrl: "https://up.example/register",
      },
      verifyAccessToken: async (token) => ({ token, clientId: "c", scopes: [] }),
      getClient: async (id) => (id === "c" ? client : undefined),
      fetch: upstream,
    });
    const bare = new ProxyOAuthServerProvider({
      endpoints: { authorizationUrl: "https://up.example/authorize", tokenUrl: "https://up.example/token" },
      verifyAccessToken: async () => {
        throw new errors.InvalidTokenError("nope");
      },
      getClient: async () => undefined,
      fetch: upstream,
    });
    const redirected = [];
    const res = { redirect: (...args) => redirected.push(args) };
    const publicClient = { client_id: "p", redirect_uris: [] };
    const out = {
      skip: [full.skipLocalPkceValidation, bare.skipLocalPkceValidation],
      stores: [Object.keys(full.clientsStore).sort(), Object.keys(bare.clientsStore).sort(), typeof bare.revokeToken],
      getClient: await attempt(() => full.clientsStore.getClient("c")),
      register: await attempt(() => full.clientsStore.registerClient({ redirect_uris: ["https://n.example/cb"], client_name: "n" })),
      registerFails: await attempt(() => full.clientsStore.registerClient({ redirect_uris: ["https://n.example/cb"], client_name: "fail" })),
      authorize: await attempt(() => full.authorize(client, { codeChallenge: "ch", redirectUri: "https://c.example/cb", state: "s1", scopes: ["a", "b"], resource: new URL("https://r.example/mcp") }, res)),
      authorizeBare: await attempt(() => full.authorize(publicClient, { codeChallenge: "ch", redirectUri: "https://c.example/cb", scopes: [] }, res)),
      challenge: await attempt(() => full.challengeForAuthorizationCode(client, "code")),
      exchange: await attempt(() => full.exchangeAuthorizationCode(client, "code", "verifier", "https://c.example/cb", new URL("https://r.example/mcp"))),
      exchangePublic: await attempt(() => full.exchangeAuthorizationCode(publicClient, "code")),
      exchangeFails: await attempt(() => full.exchangeAuthorizationCode(client, "fail")),
      refresh: await attempt(() => full.exchangeRefreshToken(client, "r", ["a", "b"], new URL("https://r.example/"))),
      refreshNoScopes: await attempt(() => full.exchangeRefreshToken(publicClient, "r", [])),
      refreshFails: await attempt(() => full.exchangeRefreshToken(client, "fail")),
      revoke: await attempt(() => full.revokeToken(client, { token: "t", token_type_hint: "refresh_token" })),
      revokePublic: await attempt(() => full.revokeToken(publicClient, { token: "" })),
      revokeFails: await attempt(() => full.revokeToken(client, { token: "fail" })),
      verify: await attempt(() => full.verifyAccessToken("tok")),
      verifyFails: await attempt(() => bare.verifyAccessToken("tok")),
    };
    return { out, sent, redirected };
  }

  assert.deepStrictEqual(await drive(mp, me), await drive(op, oe));
});
