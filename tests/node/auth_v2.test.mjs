// The OAuth resource-server names of `@modelcontextprotocol/server` 2.4 and
// `@modelcontextprotocol/express` 2.0, called with the same inputs on ferromcp and on the
// official packages: the values, the errors thrown (class and message), and over real HTTP on
// 127.0.0.1 (node `http` for the fetch-style helpers, Express for the middleware) the statuses,
// headers and bodies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import express from "express";
import * as official from "@modelcontextprotocol/server";
import * as officialExpress from "@modelcontextprotocol/express";
import * as ours from "ferromcp";
import * as oursExpress from "ferromcp/express";

const LIBS = [
  ["official", official, officialExpress],
  ["ferromcp", ours, oursExpress],
];

/** What a call did: its value, or the error's name and message. */
async function attempt(f) {
  try {
    return { value: await f() };
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}`, ...(e?.code !== undefined && { code: e.code }) };
  }
}

/** A `Response` as compared: status, the headers named, the body text. */
async function seen(response, names = []) {
  if (response === undefined || !(response instanceof Response)) {
    return { value: response };
  }
  return { status: response.status, headers: Object.fromEntries(names.map((h) => [h, response.headers.get(h)])), body: await response.text() };
}

const HEADERS = [
  "content-type",
  "www-authenticate",
  "allow",
  "vary",
  "access-control-allow-origin",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "content-length",
];

const LATER = Math.floor(Date.now() / 1000) + 3600;
const TOKENS = {
  good: { token: "good", clientId: "c", scopes: ["read", "write"], expiresAt: LATER, resource: new URL("https://api.example/mcp") },
  readonly: { token: "readonly", clientId: "c", scopes: ["read"], expiresAt: LATER },
  expired: { token: "expired", clientId: "c", scopes: ["read", "write"], expiresAt: 1 },
  forever: { token: "forever", clientId: "c", scopes: ["read", "write"] },
  stamped: { token: "stamped", clientId: "c", scopes: ["read", "write"], expiresAt: LATER, resourceMetadataUrl: "https://own.example/meta" },
};

/** A verifier throwing each package's own OAuthError (and other things). */
function verifier(lib) {
  return {
    async verifyAccessToken(token) {
      switch (token) {
        case "client-bad":
          throw new lib.OAuthError(lib.OAuthErrorCode.InvalidClient, "no such client", "https://docs.example/e");
        case "server-bad":
          throw new lib.OAuthError(lib.OAuthErrorCode.ServerError, "down");
        case "scope-bad":
          throw new lib.OAuthError(lib.OAuthErrorCode.InsufficientScope, 'needs "admin"\n\\now');
        case "crash":
          throw new TypeError("oops");
        default:
          if (!TOKENS[token]) {
            throw new lib.OAuthError(lib.OAuthErrorCode.InvalidToken, "unknown token");
          }
          return TOKENS[token];
      }
    },
  };
}

const OPTION_SETS = [
  {},
  { requiredScopes: ["read", "write"], resourceMetadataUrl: "https://api.example/.well-known/oauth-protected-resource/mcp" },
  { expectedResource: new URL("https://api.example/mcp/"), resourceMetadataUrl: 'https://api.example/"odd"' },
  { expectedResource: "https://other.example/" },
];
const AUTH_HEADERS = [
  undefined,
  "",
  "Basic abc",
  "Bearer",
  "bearer good",
  "Bearer good extra",
  ...["good", "readonly", "expired", "forever", "stamped", "unknown", "client-bad", "server-bad", "scope-bad", "crash"].map((t) => `Bearer ${t}`),
];

test("OAuthError and OAuthErrorCode are 2.4's", () => {
  assert.deepEqual({ ...ours.OAuthErrorCode }, { ...official.OAuthErrorCode });
  for (const [, lib] of LIBS) {
    const e = new lib.OAuthError(lib.OAuthErrorCode.InvalidTarget, "bad target", "https://docs.example/t");
    assert.equal(e.name, "OAuthError");
    assert.ok(e instanceof Error && e instanceof lib.OAuthError && lib.OAuthError.isInstance(e));
    const isInstance = lib.OAuthError.isInstance;
    assert.throws(() => isInstance(e), TypeError);
  }
  const build = (lib) => {
    const e = new lib.OAuthError("x", "m");
    const r = lib.OAuthError.fromResponse({ error: "invalid_grant", error_uri: "u" });
    return [
      { ...e },
      e.message,
      e.toResponseObject(),
      new lib.OAuthError("x", "m", "https://u").toResponseObject(),
      { ...r },
      r.message,
      r.toResponseObject(),
    ];
  };
  assert.deepEqual(build(ours), build(official));
  // Errors of either package are recognised by the other's class, as the SDK's brand check does.
  assert.ok(new official.OAuthError("x", "m") instanceof ours.OAuthError);
  assert.ok(new ours.OAuthError("x", "m") instanceof official.OAuthError);
  assert.ok(!(new ours.ProtocolError(-1, "m") instanceof ours.OAuthError));
});

test("verifyBearerToken and bearerAuthChallengeResponse answer as 2.4's", async () => {
  for (const options of OPTION_SETS) {
    for (const header of AUTH_HEADERS) {
      const run = async (lib) => {
        const opts = { verifier: verifier(lib), ...options };
        const verified = await attempt(() => lib.verifyBearerToken(header, opts));
        let challenge;
        try {
          await lib.verifyBearerToken(header, opts);
        } catch (e) {
          challenge = await seen(lib.bearerAuthChallengeResponse(e, opts), HEADERS);
        }
        return { verified, challenge };
      };
      assert.deepEqual(await run(ours), await run(official), `${JSON.stringify(options)} ${header}`);
    }
  }
  // Errors not thrown by a verifier: any code, a foreign error, nothing, no options.
  const probe = async (lib) => [
    await seen(lib.bearerAuthChallengeResponse(new lib.OAuthError("too_many_requests", "slow down")), HEADERS),
    await seen(lib.bearerAuthChallengeResponse(new lib.OAuthError("invalid_token", "x"), { requiredScopes: ["a b", "ç"] }), HEADERS),
    await seen(lib.bearerAuthChallengeResponse(new Error("plain")), HEADERS),
    await seen(lib.bearerAuthChallengeResponse(undefined), HEADERS),
  ];
  assert.deepEqual(await probe(ours), await probe(official));
});

test("requireBearerAuth (fetch gate) answers as 2.4's", async () => {
  for (const options of OPTION_SETS) {
    for (const header of [...AUTH_HEADERS, "Bearer good, Bearer crash", "Bearer crash, Bearer good"]) {
      const run = async (lib) => {
        const gate = lib.requireBearerAuth({ verifier: verifier(lib), ...options });
        const request = new Request("https://api.example/mcp", { headers: header === undefined ? {} : { authorization: header } });
        return seen(await gate(request), HEADERS);
      };
      assert.deepEqual(await run(ours), await run(official), `${JSON.stringify(options)} ${header}`);
    }
  }
});

/** Serves `handle(request)` (fetch style) on node `http`; resolves with the base URL and a close. */
async function serveFetch(handle) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) {
      chunks.push(c);
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body });
    let response;
    try {
      response = (await handle(request)) ?? new Response("fell through", { status: 404 });
    } catch (e) {
      response = new Response(`threw ${e.message}`, { status: 599 });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

async function fetchSeen(url, init) {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  return { status: r.status, headers: Object.fromEntries(HEADERS.filter((h) => h !== "content-length").map((h) => [h, r.headers.get(h)])), body: await r.text() };
}

const METADATA = {
  oauthMetadata: {
    issuer: "https://auth.example/",
    authorization_endpoint: "https://auth.example/authorize",
    token_endpoint: "https://auth.example/token",
    response_types_supported: ["code"],
  },
  resourceServerUrl: new URL("https://api.example/mcp"),
  scopesSupported: ["read"],
  resourceName: "Example",
  serviceDocumentationUrl: new URL("https://docs.example/"),
};
const INSECURE = { ...METADATA, oauthMetadata: { ...METADATA.oauthMetadata, issuer: "http://auth.example" } };

test("the metadata helpers give 2.4's documents, URLs and refusals", async () => {
  const urls = ["https://api.example.com/mcp", "https://api.example.com/mcp/", "https://api.example.com/", "http://localhost:3000/a/b?x=1#f", "not a url"];
  for (const u of urls) {
    for (const arg of [u, URL.canParse(u) ? new URL(u) : u]) {
      assert.deepEqual(await attempt(() => ours.getOAuthProtectedResourceMetadataUrl(arg)), await attempt(() => official.getOAuthProtectedResourceMetadataUrl(arg)), u);
    }
    assert.deepEqual(
      await attempt(() => oursExpress.getOAuthProtectedResourceMetadataUrl(new URL(u))),
      await attempt(() => officialExpress.getOAuthProtectedResourceMetadataUrl(new URL(u))),
      u,
    );
  }
  const issuers = ["https://auth.example/", "http://localhost:9000", "http://127.0.0.1", "http://auth.example", "https://auth.example/#f", "https://auth.example/?q", "nope"];
  for (const issuer of issuers) {
    for (const dangerouslyAllowInsecureIssuerUrl of [undefined, true]) {
      const options = { ...METADATA, oauthMetadata: { ...METADATA.oauthMetadata, issuer }, dangerouslyAllowInsecureIssuerUrl };
      assert.deepEqual(
        await attempt(() => ours.buildOAuthProtectedResourceMetadata(options)),
        await attempt(() => official.buildOAuthProtectedResourceMetadata(options)),
        issuer,
      );
    }
  }
  const minimal = { oauthMetadata: { issuer: "https://a.example" }, resourceServerUrl: new URL("https://r.example") };
  assert.deepEqual(ours.buildOAuthProtectedResourceMetadata(minimal), official.buildOAuthProtectedResourceMetadata(minimal));
});

test("oauthMetadataResponse answers as 2.4's, over node http", async () => {
  const optionSets = [METADATA, { ...METADATA, resourceServerUrl: new URL("https://api.example/") }, { ...METADATA, resourceServerUrl: new URL("https://api.example/a/b/") }];
  const requests = [
    ["GET", "/.well-known/oauth-protected-resource/mcp"],
    ["GET", "/.well-known/oauth-protected-resource/mcp/"],
    ["GET", "/.well-known/oauth-protected-resource"],
    ["GET", "/.well-known/oauth-protected-resource/a/b"],
    ["GET", "/.well-known/OAuth-Protected-Resource/mcp"],
    ["GET", "/.well-known/oauth-authorization-server"],
    ["HEAD", "/.well-known/oauth-authorization-server"],
    ["POST", "/.well-known/oauth-protected-resource/mcp"],
    ["DELETE", "/.well-known/oauth-authorization-server"],
    ["OPTIONS", "/.well-known/oauth-authorization-server", { "access-control-request-headers": "authorization" }],
    ["OPTIONS", "/.well-known/oauth-protected-resource/mcp"],
    ["GET", "/mcp"],
  ];
  for (const options of [...optionSets, INSECURE]) {
    const servers = await Promise.all(LIBS.map(([, lib]) => serveFetch((request) => lib.oauthMetadataResponse(request, options))));
    try {
      for (const [method, path, extra] of requests) {
        const [a, b] = await Promise.all(servers.map((s) => fetchSeen(`${s.url}${path}`, { method, headers: { origin: "https://app.example", ...extra } })));
        assert.deepEqual(b, a, `${options.resourceServerUrl} ${method} ${path}`);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }
});

/** An Express app with `middleware` in front of a route echoing `req.auth`; a base URL and a close. */
async function serveExpress(...middleware) {
  const app = express();
  app.use(...middleware);
  app.all("/{*rest}", (req, res) => res.status(200).json({ passed: true, auth: req.auth ?? null }));
  const server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

test("Express requireBearerAuth answers as @modelcontextprotocol/express's, over HTTP", async () => {
  for (const options of OPTION_SETS) {
    const servers = await Promise.all(LIBS.map(([, lib, ex]) => serveExpress(ex.requireBearerAuth({ verifier: verifier(lib), ...options }))));
    try {
      for (const header of AUTH_HEADERS) {
        const [a, b] = await Promise.all(servers.map((s) => fetchSeen(`${s.url}/mcp`, { headers: header === undefined ? {} : { authorization: header } })));
        assert.deepEqual(b, a, `${JSON.stringify(options)} ${header}`);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }
});

test("Express mcpAuthMetadataRouter publishes as @modelcontextprotocol/express's, over HTTP", async () => {
  for (const options of [INSECURE, { ...INSECURE, dangerouslyAllowInsecureIssuerUrl: false }]) {
    assert.deepEqual(await attempt(() => typeof oursExpress.mcpAuthMetadataRouter(options)), await attempt(() => typeof officialExpress.mcpAuthMetadataRouter(options)));
  }
  const warned = [];
  const warn = console.warn;
  console.warn = (...args) => warned.push(args.join(" "));
  let insecureRouters;
  try {
    insecureRouters = LIBS.map(([, , ex]) => ex.mcpAuthMetadataRouter({ ...INSECURE, dangerouslyAllowInsecureIssuerUrl: true }));
  } finally {
    console.warn = warn;
  }
  assert.equal(warned.length, 2);
  assert.equal(warned[0], warned[1]);
  const requests = [
    ["GET", "/.well-known/oauth-protected-resource/mcp"],
    ["GET", "/.well-known/oauth-protected-resource/mcp/"],
    ["GET", "/.well-known/OAuth-Protected-Resource/mcp"],
    ["GET", "/.well-known/oauth-protected-resource"],
    ["GET", "/.well-known/oauth-protected-resource/mcp/deeper"],
    ["GET", "/.well-known/oauth-authorization-server"],
    ["POST", "/.well-known/oauth-authorization-server"],
    ["HEAD", "/.well-known/oauth-authorization-server"],
    ["OPTIONS", "/.well-known/oauth-authorization-server", { "access-control-request-headers": "authorization" }],
    ["OPTIONS", "/.well-known/oauth-protected-resource/mcp"],
    ["GET", "/elsewhere"],
  ];
  const routerSets = [
    LIBS.map(([, , ex]) => ex.mcpAuthMetadataRouter(METADATA)),
    LIBS.map(([, , ex]) => ex.mcpAuthMetadataRouter({ ...METADATA, resourceServerUrl: new URL("https://api.example/") })),
    insecureRouters,
  ];
  for (const routers of routerSets) {
    const servers = await Promise.all(routers.map((router) => serveExpress(router)));
    try {
      for (const [method, path, extra] of requests) {
        const [a, b] = await Promise.all(servers.map((s) => fetchSeen(`${s.url}${path}`, { method, headers: { origin: "https://app.example", ...extra } })));
        assert.deepEqual(b, a, `${method} ${path}`);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }
});

test("requireScopes, resourceUrlFromServerUrl and checkResourceAllowed are 2.4's", async () => {
  for (const scopes of [[], ["read"], ["read", "write"], ["bad scope"], ['q"'], [5]]) {
    const made = await Promise.all(LIBS.map(([, lib]) => attempt(() => typeof lib.requireScopes(...scopes))));
    assert.deepEqual(made[1], made[0], JSON.stringify(scopes));
  }
  const contexts = [{}, { authInfo: { scopes: [] } }, { authInfo: { scopes: ["read"] } }, { authInfo: { scopes: ["write", "read", "x"] } }];
  for (const context of contexts) {
    assert.deepEqual(ours.requireScopes("read", "write")(context), official.requireScopes("read", "write")(context));
  }
  for (const u of ["https://a.example/mcp#frag", "https://a.example:8443/x?y=1", new URL("http://localhost/#"), "nope"]) {
    assert.deepEqual(await attempt(() => String(ours.resourceUrlFromServerUrl(u))), await attempt(() => String(official.resourceUrlFromServerUrl(u))));
  }
  const pairs = [
    ["https://a.example/mcp", "https://a.example/mcp"],
    ["https://a.example/mcp/x", "https://a.example/mcp"],
    ["https://a.example/mcp2", "https://a.example/mcp"],
    ["https://a.example/", "https://a.example/mcp"],
    ["http://a.example/mcp", "https://a.example/mcp"],
    [new URL("https://a.example/mcp/"), new URL("https://a.example/mcp")],
  ];
  for (const [requestedResource, configuredResource] of pairs) {
    assert.equal(ours.checkResourceAllowed({ requestedResource, configuredResource }), official.checkResourceAllowed({ requestedResource, configuredResource }));
  }
});
