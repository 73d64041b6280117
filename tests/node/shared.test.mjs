// The SDK's helper modules (shared/*, server/middleware, server/auth) on ferromcp: each one
// answers as the official module does, checked side by side on the same inputs.
import { test } from "node:test";
import assert from "node:assert/strict";

const sdk = (path) => import(`@modelcontextprotocol/sdk/${path}`);
const ours = (path) => import(`ferromcp/${path}`);

/** What a call did: its value, or the error's class and message. */
function attempt(f) {
  try {
    return { value: f() };
  } catch (e) {
    return { error: `${e.constructor.name}: ${e.message}` };
  }
}

test("UriTemplate expands and matches as the SDK's", async () => {
  const { UriTemplate: Official } = await sdk("shared/uriTemplate.js");
  const { UriTemplate } = await ours("shared/uriTemplate.js");
  const templates = [
    "file:///{path}",
    "users://{id}/profile",
    "users://{id}/posts/{postId}",
    "http://x/{+path}/here",
    "http://x/{#section}",
    "http://x{.ext}",
    "http://x{/seg}",
    "http://x{/seg*}",
    "http://x/{list*}",
    "search{?q,lang}",
    "search{?q}{&page}",
    "a{?x}b{?y}",
    "{a,b}",
    "no/expressions",
    "unclosed/{x",
    "weird/{ spaced , names }",
  ];
  const variables = [
    {},
    { path: "a/b c", id: "42", postId: "7", section: "intro", ext: "json", seg: "s", q: "mcp tools", lang: "en" },
    { seg: ["a", "b"], list: ["x", "y", "z"], q: ["1", "2"], page: 3, a: "A", b: ["B1", "B2"], x: "1", y: "2" },
    { path: "ü/?&#", "spaced": "s", names: "n" },
  ];
  const uris = [
    "file:///etc/hosts",
    "users://42/profile",
    "users://42/posts/7",
    "users://a/b/profile",
    "http://x/a/b/here",
    "http://x/#top",
    "http://x.json",
    "http://x/one",
    "http://x/a,b",
    "http://x/x,y,z",
    "search?q=mcp&lang=en",
    "search?q=mcp",
    "search?q=1&page=2",
    "a?x=1b?y=2",
    "1,2",
    "no/expressions",
  ];
  for (const t of templates) {
    assert.equal(UriTemplate.isTemplate(t), Official.isTemplate(t), t);
    const official = attempt(() => new Official(t));
    const mine = attempt(() => new UriTemplate(t));
    assert.deepEqual(mine.error, official.error, t);
    if (official.error) {
      continue;
    }
    assert.equal(mine.value.toString(), t);
    assert.deepEqual(mine.value.variableNames, official.value.variableNames, t);
    for (const v of variables) {
      assert.deepEqual(attempt(() => mine.value.expand(v)), attempt(() => official.value.expand(v)), `${t} ${JSON.stringify(v)}`);
    }
    for (const u of uris) {
      assert.deepEqual(mine.value.match(u), official.value.match(u), `${t} ~ ${u}`);
    }
  }
});

test("ReadBuffer splits a stream into messages as the SDK's", async () => {
  const official = await sdk("shared/stdio.js");
  const mine = await ours("shared/stdio.js");
  assert.equal(mine.STDIO_DEFAULT_MAX_BUFFER_SIZE, official.STDIO_DEFAULT_MAX_BUFFER_SIZE);
  const message = { jsonrpc: "2.0", id: 1, method: "ping" };
  assert.equal(mine.serializeMessage(message), official.serializeMessage(message));

  const buffer = new mine.ReadBuffer();
  assert.equal(buffer.readMessage(), null);
  const text = '{"jsonrpc":"2.0","id":1,"method":"ping"}\r\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":2,';
  buffer.append(Buffer.from(text.slice(0, 10)));
  assert.equal(buffer.readMessage(), null);
  buffer.append(Buffer.from(text.slice(10)));
  assert.deepEqual(buffer.readMessage(), message);
  assert.deepEqual(buffer.readMessage(), { jsonrpc: "2.0", method: "notifications/initialized" });
  assert.equal(buffer.readMessage(), null);
  buffer.append(Buffer.from('"result":{}}\n'));
  assert.deepEqual(buffer.readMessage(), { jsonrpc: "2.0", id: 2, result: {} });
  buffer.clear();
  assert.equal(buffer.readMessage(), null);

  // Too much held: both refuse with the same message and drop what they held.
  for (const { ReadBuffer } of [official, mine]) {
    const small = new ReadBuffer({ maxBufferSize: 8 });
    small.append(Buffer.from("1234"));
    assert.throws(() => small.append(Buffer.from("56789")), { message: "ReadBuffer exceeded maximum size of 8 bytes" });
    assert.equal(small.readMessage(), null);
  }

  // Lines that are not JSON-RPC messages are refused by both.
  for (const line of ["not json", "[]", '{"id":1,"method":"x"}', '{"jsonrpc":"1.0","id":1,"method":"x"}', '{"jsonrpc":"2.0","id":1}']) {
    assert.ok(attempt(() => official.deserializeMessage(line)).error, line);
    assert.ok(attempt(() => mine.deserializeMessage(line)).error, line);
  }
  const error = { jsonrpc: "2.0", id: 3, error: { code: -32601, message: "Method not found" } };
  assert.deepEqual(mine.deserializeMessage(JSON.stringify(error)), error);
});

test("getDisplayName prefers title, then annotations.title, then name", async () => {
  const official = await sdk("shared/metadataUtils.js");
  const mine = await ours("shared/metadataUtils.js");
  for (const m of [
    { name: "n" },
    { name: "n", title: "T" },
    { name: "n", title: "" },
    { name: "n", annotations: { title: "A" } },
    { name: "n", title: "T", annotations: { title: "A" } },
    { name: "n", annotations: {} },
  ]) {
    assert.equal(mine.getDisplayName(m), official.getDisplayName(m), JSON.stringify(m));
  }
});

test("resource URLs, media types, tool names and response streams as the SDK's", async () => {
  const [oa, ma] = [await sdk("shared/auth-utils.js"), await ours("shared/auth-utils.js")];
  for (const u of ["https://a.example/mcp#frag", "https://a.example:8443/x?y=1#z", new URL("http://h/p#q")]) {
    assert.equal(ma.resourceUrlFromServerUrl(u).href, oa.resourceUrlFromServerUrl(u).href);
  }
  const pairs = [
    ["https://a.example/api/users", "https://a.example/api"],
    ["https://a.example/api123", "https://a.example/api"],
    ["https://a.example/api", "https://a.example/api/"],
    ["https://a.example/api/", "https://a.example/api"],
    ["https://b.example/api", "https://a.example/api"],
    ["http://a.example/api", "https://a.example/api"],
    [new URL("https://a.example/"), "https://a.example"],
  ];
  for (const [requestedResource, configuredResource] of pairs) {
    const args = { requestedResource, configuredResource };
    assert.equal(ma.checkResourceAllowed(args), oa.checkResourceAllowed(args), JSON.stringify(args));
  }

  const [om, mm] = [await sdk("shared/mediaType.js"), await ours("shared/mediaType.js")];
  for (const h of [
    "application/json",
    "Application/JSON; charset=utf-8",
    "application/json;",
    "application/json; charset=",
    "text/plain; a=application/json",
    'application/json; a="x,y"',
    "application/json; a=b, c",
    "application/json, text/plain",
    "",
    undefined,
    "application/json ; charset = utf-8",
    "  text/event-stream  ",
  ]) {
    assert.equal(mm.mediaTypeEssence(h), om.mediaTypeEssence(h), JSON.stringify(h));
    assert.equal(mm.isJsonContentType(h), om.isJsonContentType(h), JSON.stringify(h));
  }

  const [ot, mt] = [await sdk("shared/toolNameValidation.js"), await ours("shared/toolNameValidation.js")];
  for (const name of ["get_weather", "a.b-c", "", "x".repeat(129), "has space", "a,b", "-dash-", ".dot", "émoji!", "ok"]) {
    assert.deepEqual(mt.validateToolName(name), ot.validateToolName(name), name);
  }

  const [or, mr] = [await sdk("shared/responseMessage.js"), await ours("shared/responseMessage.js")];
  async function* stream(...items) {
    yield* items;
  }
  assert.deepEqual(await mr.toArrayAsync(stream(1, 2, 3)), await or.toArrayAsync(stream(1, 2, 3)));
  assert.deepEqual(await mr.takeResult(stream({ type: "taskCreated" }, { type: "result", result: { ok: 1 } })), { ok: 1 });
  await assert.rejects(mr.takeResult(stream({ type: "error", error: new Error("boom") })), { message: "boom" });
  await assert.rejects(mr.takeResult(stream()), { message: "No result in stream." });
});

test("fetch helpers merge headers and follow redirects only within the origin", async () => {
  const mine = await ours("shared/transport.js");
  assert.deepEqual(mine.normalizeHeaders(new Headers({ A: "1" })), { a: "1" });
  assert.deepEqual(mine.normalizeHeaders([["b", "2"]]), { b: "2" });
  assert.deepEqual(mine.normalizeHeaders(undefined), {});

  const calls = [];
  const fake = async (url, init) => {
    calls.push([String(url), init]);
    const u = new URL(url);
    if (u.pathname === "/moved") {
      return new Response(null, { status: 307, headers: { location: "/here" } });
    }
    if (u.pathname === "/away") {
      return new Response(null, { status: 302, headers: { location: "https://elsewhere.example/x?q=1" } });
    }
    return new Response("ok", { status: 200 });
  };
  const withInit = mine.createFetchWithInit(fake, { headers: { a: "1" }, credentials: "include" });
  await withInit("https://h.example/", { headers: { b: "2" } });
  assert.deepEqual(calls.pop()[1], { credentials: "include", headers: { a: "1", b: "2" } });
  assert.equal(mine.createFetchWithInit(fake), fake);

  const within = mine.fetchWithinOrigin(fake);
  const r1 = await within("https://h.example/moved", { method: "POST" });
  assert.equal(r1.status, 200);
  assert.equal(calls.at(-1)[0], "https://h.example/here");
  const r2 = await within("https://h.example/away");
  assert.equal(r2.status, 302);
  assert.equal(mine.unfollowedRedirect(r2, "https://h.example/away"), "Redirect to https://elsewhere.example/x not followed");
  assert.equal(mine.isWithinOrigin(new URL("http://h.example/"), new URL("https://h.example/")), true);
  assert.equal(mine.isWithinOrigin(new URL("http://h.example:8080/"), new URL("https://h.example/")), false);
  const leaving = mine.fetchLeavingRedirects(fake);
  assert.equal(mine.fetchWithinOrigin(leaving), leaving);
});

/** A stand-in for Express's `res`: what was set, the status and the JSON body. */
function response() {
  const r = { headers: {}, statusCode: undefined, body: undefined };
  r.set = (k, v) => {
    r.headers[k] = v;
    return r;
  };
  r.status = (s) => {
    r.statusCode = s;
    return r;
  };
  r.json = (b) => {
    r.body = b;
    return r;
  };
  return r;
}

/** Runs one middleware on a request: the response, whether `next` was called, and `req.auth`. */
async function run(middleware, headers) {
  const req = { headers };
  const res = response();
  let passed = false;
  await middleware(req, res, () => {
    passed = true;
  });
  return { res: { headers: res.headers, status: res.statusCode, body: res.body }, passed, auth: req.auth };
}

test("hostHeaderValidation refuses other hosts as the SDK's", async () => {
  const official = await sdk("server/middleware/hostHeaderValidation.js");
  const mine = await ours("server/middleware/hostHeaderValidation.js");
  for (const host of [undefined, "localhost", "localhost:3000", "127.0.0.1:80", "[::1]:8080", "LOCALHOST", "evil.example", "a b", "[::2]"]) {
    const headers = host === undefined ? {} : { host };
    assert.deepEqual(await run(mine.localhostHostValidation(), headers), await run(official.localhostHostValidation(), headers), host);
    assert.deepEqual(
      await run(mine.hostHeaderValidation(["evil.example"]), headers),
      await run(official.hostHeaderValidation(["evil.example"]), headers),
      host,
    );
  }
});

test("OAuth errors and requireBearerAuth answer as the SDK's", async () => {
  const oe = await sdk("server/auth/errors.js");
  const me = await ours("server/auth/errors.js");
  assert.deepEqual(Object.keys(me.OAUTH_ERRORS).sort(), Object.keys(oe.OAUTH_ERRORS).sort());
  for (const [code, cls] of Object.entries(me.OAUTH_ERRORS)) {
    const e = new cls("why", "https://docs.example/e");
    assert.ok(e instanceof me.OAuthError && e instanceof Error);
    assert.equal(e.name, oe.OAUTH_ERRORS[code].name);
    assert.deepEqual(e.toResponseObject(), new oe.OAUTH_ERRORS[code]("why", "https://docs.example/e").toResponseObject());
  }
  assert.deepEqual(new me.CustomOAuthError("mine", "m").toResponseObject(), { error: "mine", error_description: "m" });

  const ob = await sdk("server/auth/middleware/bearerAuth.js");
  const mb = await ours("server/auth/middleware/bearerAuth.js");
  const later = Date.now() / 1000 + 3600;
  const tokens = {
    good: { token: "good", clientId: "c", scopes: ["read", "write"], expiresAt: later, resource: new URL("https://api.example/mcp") },
    readonly: { token: "readonly", clientId: "c", scopes: ["read"], expiresAt: later },
    expired: { token: "expired", clientId: "c", scopes: ["read", "write"], expiresAt: 1 },
    forever: { token: "forever", clientId: "c", scopes: ["read", "write"] },
    elsewhere: { token: "elsewhere", clientId: "c", scopes: ["read", "write"], expiresAt: later, resource: new URL("https://other.example/mcp") },
    nan: { token: "nan", clientId: "c", scopes: ["read", "write"], expiresAt: Number.NaN },
    noscopes: { token: "noscopes", clientId: "c", expiresAt: later },
  };
  const verifier = (errors) => ({
    async verifyAccessToken(token) {
      if (token === "uri-bad") {
        throw new errors.InvalidTokenError('bad "token" é', "https://docs.example/e");
      }
      if (token === "oauth-bad") {
        throw new errors.InvalidClientError("no such client");
      }
      if (token === "server-bad") {
        throw new errors.ServerError("down");
      }
      if (token === "crash") {
        throw new TypeError("oops");
      }
      if (!tokens[token]) {
        throw new errors.InvalidTokenError("unknown token");
      }
      return tokens[token];
    },
  });
  const optionSets = [
    {},
    { requiredScopes: ["read", "write"], resourceMetadataUrl: "https://api.example/.well-known/oauth-protected-resource/mcp" },
    { expectedResource: new URL("https://api.example/mcp/") },
  ];
  const headerSets = [
    {},
    { authorization: "Basic abc" },
    { authorization: "Bearer" },
    { authorization: "bearer good" },
    { authorization: "Bearer  good" },
    { authorization: "Bearer good extra" },
    ...["good", "readonly", "expired", "forever", "elsewhere", "nan", "noscopes", "unknown", "uri-bad", "oauth-bad", "server-bad", "crash"].map((t) => ({
      authorization: `Bearer ${t}`,
    })),
  ];
  for (const options of optionSets) {
    for (const headers of headerSets) {
      assert.deepEqual(
        await run(mb.requireBearerAuth({ verifier: verifier(me), ...options }), headers),
        await run(ob.requireBearerAuth({ verifier: verifier(oe), ...options }), headers),
        `${JSON.stringify(options)} ${JSON.stringify(headers)}`,
      );
    }
  }
});

test("OAuth metadata and the protected-resource metadata URL as the SDK's", async () => {
  const official = await sdk("server/auth/router.js");
  const mine = await ours("server/auth/router.js");
  for (const u of ["https://api.example.com/mcp", "https://api.example.com/", "https://api.example.com", "http://localhost:3000/a/b?x=1"]) {
    assert.equal(mine.getOAuthProtectedResourceMetadataUrl(new URL(u)), official.getOAuthProtectedResourceMetadataUrl(new URL(u)));
  }
  const providers = [{ clientsStore: {} }, { clientsStore: { registerClient() {} }, revokeToken() {} }];
  for (const issuer of ["https://auth.example/", "http://localhost:9000", "http://auth.example", "https://auth.example/#f", "https://auth.example/?q"]) {
    for (const provider of providers) {
      const options = {
        issuerUrl: new URL(issuer),
        baseUrl: issuer.startsWith("https://auth") ? new URL("https://base.example/oauth/") : undefined,
        serviceDocumentationUrl: new URL("https://docs.example"),
        scopesSupported: ["read"],
        provider,
      };
      assert.deepEqual(attempt(() => mine.createOAuthMetadata(options)), attempt(() => official.createOAuthMetadata(options)), issuer);
    }
  }
});

test("zod helpers: JSON Schema, method literals and parsing as the SDK's, for zod v4 and v3", async () => {
  const { z } = await import("zod");
  const z3 = await import("zod/v3");
  const types = await sdk("types.js");
  const [oj, mj] = [await sdk("server/zod-json-schema-compat.js"), await ours("server/zod-json-schema-compat.js")];
  const [oc, mc] = [await sdk("server/zod-compat.js"), await ours("server/zod-compat.js")];
  const schemas = [
    z.object({ a: z.string().describe("A"), b: z.number().default(2) }),
    z3.object({ a: z3.string().optional(), n: z3.union([z3.string(), z3.number()]) }),
    z.string().transform((s) => s.length).pipe(z.number()),
  ];
  for (const s of schemas) {
    for (const opts of [undefined, { target: "draft-2020-12" }, { pipeStrategy: "output" }, { strictUnions: false }]) {
      assert.deepEqual(mj.toJsonSchemaCompat(s, opts), oj.toJsonSchemaCompat(s, opts));
    }
  }
  for (const s of [
    types.CallToolRequestSchema,
    types.InitializedNotificationSchema,
    z.object({ method: z.literal("x/y") }),
    z3.object({ method: z3.literal("v3") }),
    z.object({}),
    z.object({ method: z.literal(5) }),
  ]) {
    assert.deepEqual(attempt(() => mj.getMethodLiteral(s)), attempt(() => oj.getMethodLiteral(s)));
  }
  for (const s of [z.literal("a"), z3.literal("b"), z.enum(["c", "d"]), z3.enum(["e"]), z.string(), z3.string()]) {
    assert.equal(mc.getLiteralValue(s), oc.getLiteralValue(s));
  }
  for (const [s, v] of [
    [z.object({ a: z.number().default(1) }), {}],
    [z3.object({ a: z3.number() }), { a: 1 }],
    [z.number(), "1"],
  ]) {
    assert.deepEqual(mc.safeParse(s, v).success, oc.safeParse(s, v).success);
    assert.deepEqual(attempt(() => mj.parseWithCompat(s, v)), attempt(() => oj.parseWithCompat(s, v)));
  }
});

test("OAuth schemas accept, strip and refuse as the SDK's", async () => {
  const z = await import("zod/v4");
  const official = await sdk("shared/auth.js");
  const mine = await ours("shared/auth.js");
  const good = "https://as.example/authorize";
  const samples = [
    undefined,
    "",
    "https://ok.example/x",
    "javascript:alert(1)",
    "data:text/html,hi",
    "not a url",
    { resource: "https://api.example/mcp", authorization_servers: ["https://as.example"], extra: 1 },
    { resource: "https://api.example/mcp", authorization_servers: ["vbscript:x"] },
    { issuer: "https://as.example", authorization_endpoint: good, token_endpoint: good, response_types_supported: ["code"], x: true },
    { issuer: "https://as.example", authorization_endpoint: "javascript:x", token_endpoint: good, response_types_supported: ["code"] },
    {
      issuer: "https://op.example",
      authorization_endpoint: good,
      token_endpoint: good,
      jwks_uri: "https://op.example/jwks",
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      vendor: "kept or dropped",
    },
    { access_token: "a", token_type: "Bearer", expires_in: "3600", issuer: 5, other: 1 },
    { access_token: "a", token_type: "Bearer", expires_in: "soon" },
    { error: "invalid_request", error_description: "d", error_uri: "u" },
    { redirect_uris: ["https://c.example/cb"], logo_uri: "", tos_uri: "https://c.example/tos", client_name: "c", extra: 1 },
    { redirect_uris: ["javascript:x"], client_id: "id", client_secret: "s", client_id_issued_at: 1 },
    { redirect_uris: ["https://c.example/cb"], client_id: "id", issuer: "https://as.example" },
    { token: "t", token_type_hint: "access_token", extra: 1 },
    { token: 5 },
  ];
  const outcome = (schema, value) => {
    const r = schema.safeParse(value);
    return r.success ? { data: r.data } : { issues: r.error.issues.map((i) => [i.code, i.path.join("."), i.message]) };
  };
  for (const name of Object.keys(official)) {
    for (const value of samples) {
      assert.deepEqual(outcome(mine[name], value), outcome(official[name], value), `${name} ${JSON.stringify(value)}`);
    }
    const json = (s) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
    assert.deepEqual(json(mine[name]), json(official[name]), name);
  }
});

test("mcpAuthMetadataRouter publishes the metadata as the SDK's, in an Express app", async () => {
  const { default: express } = await import("express");
  const official = await sdk("server/auth/router.js");
  const mine = await ours("server/auth/router.js");
  const options = {
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
  assert.deepEqual(
    attempt(() => mine.mcpAuthMetadataRouter({ ...options, oauthMetadata: { ...options.oauthMetadata, issuer: "http://auth.example" } })),
    attempt(() => official.mcpAuthMetadataRouter({ ...options, oauthMetadata: { ...options.oauthMetadata, issuer: "http://auth.example" } })),
  );
  const serve = (router) =>
    new Promise((resolve) => {
      const app = express();
      app.use(router);
      app.use((req, res) => res.status(404).json({ fell: "through" }));
      const server = app.listen(0, "127.0.0.1", () => resolve(server));
    });
  const servers = [await serve(official.mcpAuthMetadataRouter(options)), await serve(mine.mcpAuthMetadataRouter(options))];
  try {
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
    const headers = ["content-type", "allow", "vary", "access-control-allow-origin", "access-control-allow-methods", "access-control-allow-headers", "etag"];
    for (const [method, path, extra] of requests) {
      const [a, b] = await Promise.all(
        servers.map(async (s) => {
          const r = await fetch(`http://127.0.0.1:${s.address().port}${path}`, { method, headers: { origin: "https://app.example", ...extra } });
          return { status: r.status, headers: headers.map((h) => r.headers.get(h)), body: await r.text() };
        }),
      );
      assert.deepEqual(b, a, `${method} ${path}`);
    }
  } finally {
    for (const s of servers) {
      s.close();
    }
  }
});
