// `scopeChallenge` of 2.4's `registerTool` / `registerResource` / `registerPrompt`: one server
// (tests/node/servers/scope-server.mjs) behind the bearer gate, run on the official packages and
// on ferromcp over real HTTP on 127.0.0.1 — createMcpHandler behind the fetch-style gate, and
// NodeStreamableHTTPServerTransport behind the Express one, stateless and with sessions. The same
// POSTs get the same answers: the handler runs when the token has the scopes; else 403 with
// the same `WWW-Authenticate` challenge and body; unknown, disabled and unguarded entries are
// untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import * as official from "@modelcontextprotocol/server";
import * as officialNode from "@modelcontextprotocol/node";
import * as officialExpress from "@modelcontextprotocol/express";
import * as ours from "ferromcp";
import * as oursNode from "ferromcp/node";
import * as oursExpress from "ferromcp/express";
import { serve } from "./servers/scope-server.mjs";

const LIBS = [
  ["official", { server: official, node: officialNode, express: officialExpress }],
  ["ferromcp", { server: ours, node: oursNode, express: oursExpress }],
];

const LATER = Math.floor(Date.now() / 1000) + 3600;
const TOKENS = {
  admin: { token: "admin", clientId: "c-admin", scopes: ["admin", "write"], expiresAt: LATER },
  reader: { token: "reader", clientId: "c-reader", scopes: ["read"], expiresAt: LATER },
  all: { token: "all", clientId: "c-all", scopes: ["admin", "write", "secrets", "users", "billing", "any"], expiresAt: LATER },
  // An RFC 8707 resource: the challenge's resource_metadata is derived from it (without a gate
  // option stamping one).
  resourced: { token: "resourced", clientId: "c-res", scopes: ["read"], expiresAt: LATER, resource: new URL("https://api.example/mcp") },
};

/** The verifier, throwing the package's own OAuthError for an unknown token. */
function verifier(lib) {
  return {
    async verifyAccessToken(token) {
      if (!TOKENS[token]) {
        throw new lib.OAuthError(lib.OAuthErrorCode.InvalidToken, "unknown token");
      }
      return { ...TOKENS[token] };
    },
  };
}

const call = (id, name, args = {}) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
const read = (id, uri) => ({ jsonrpc: "2.0", id, method: "resources/read", params: { uri } });
const prompt = (id, name) => ({ jsonrpc: "2.0", id, method: "prompts/get", params: { name } });

/** What a client sees of one POST: status, the auth headers, the body (its JSON-RPC messages). */
async function post(url, body, token, { version = "2025-11-25", session, headers: extra } = {}) {
  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": version,
    ...(token !== undefined && { authorization: `Bearer ${token}` }),
    ...(session !== undefined && { "mcp-session-id": session }),
    ...extra,
  };
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  const seen = { status: res.status };
  if (res.status !== 200) {
    // A refusal is compared byte for byte, with its headers.
    seen.headers = { "content-type": type, "www-authenticate": res.headers.get("www-authenticate") };
    seen.body = text;
  } else if (type.startsWith("text/event-stream")) {
    seen.messages = text
      .split("\n")
      .filter((l) => l.startsWith("data:") && l.length > 5)
      .map((l) => JSON.parse(l.slice(5)));
  } else {
    seen.messages = [].concat(JSON.parse(text));
  }
  // A batch's answers come in whatever order its requests finish: compared by id (notifications,
  // which have none, first).
  const key = (m) => (m.id === undefined ? "" : String(m.id));
  seen.messages?.sort((a, b) => key(a).localeCompare(key(b), "en", { numeric: true }));
  return { seen, session: res.headers.get("mcp-session-id") ?? undefined };
}

// The transport's own refusals come first, as in 2.4 (their JSON members are in another order:
// the status is compared).
const KNOWN = {
  "a guarded tool, not accepting SSE": (seen) => ({ status: seen.status }),
  "a guarded tool, not JSON": (seen) => ({ status: seen.status }),
};

/** The POSTs, each with the token it carries. */
const CASES = [
  ["admin tool, token with the scope", call(1, "admin_tool"), "admin"],
  ["admin tool, token without it", call(2, "admin_tool"), "reader"],
  ["admin tool, no token", call(3, "admin_tool"), undefined],
  ["two scopes, both granted", call(4, "echo_admin", { say: "hi" }), "admin"],
  ["two scopes, one missing", call(5, "echo_admin", { say: "hi" }), "all"],
  ["two scopes, none granted", call(6, "echo_admin", { say: "hi" }), "reader"],
  ["a challenge with a description", call(7, "described"), "reader"],
  ["resource_metadata from the token's resource", call(8, "admin_tool"), "resourced"],
  ["a malformed challenge", call(9, "broken"), "reader"],
  ["a challenge handler that throws", call(10, "throws"), "reader"],
  ["a disabled tool", call(11, "disabled_tool"), "reader"],
  ["a challenge lifted by update", call(12, "lifted"), "reader"],
  ["a challenge added by update", call(13, "added_later"), "reader"],
  ["an unknown tool", call(14, "nope"), "reader"],
  ["a tool without a challenge", call(15, "open_tool"), "reader"],
  ["a guarded resource, refused", read(16, "config://secret"), "reader"],
  ["a guarded resource, granted", read(17, "config://secret"), "all"],
  ["an unguarded resource", read(18, "config://public"), "reader"],
  ["a guarded template, refused", read(19, "users://7/private"), "reader"],
  ["a guarded template, granted", read(20, "users://7/private"), "all"],
  ["an unknown resource", read(21, "config://nope"), "reader"],
  ["a guarded prompt, refused", prompt(22, "admin_prompt"), "reader"],
  ["a guarded prompt, granted", prompt(23, "admin_prompt"), "admin"],
  ["an unguarded prompt", prompt(24, "open_prompt"), "reader"],
  ["an unknown prompt", prompt(25, "nope"), "reader"],
  ["a notification", { jsonrpc: "2.0", method: "notifications/initialized" }, "reader"],
  ["a guarded tool, not accepting SSE", call(26, "admin_tool"), "reader", { accept: "application/json" }],
  ["a guarded tool, not JSON", call(27, "admin_tool"), "reader", { "content-type": "text/plain" }],
];

/** A batch (2025-03-26): the first guarded request in it refuses the whole POST. */
const BATCHES = [
  ["a batch with a guarded request", [call(30, "open_tool"), call(31, "admin_tool"), read(32, "config://secret")], "reader"],
  ["a batch whose requests are all allowed", [call(33, "open_tool"), prompt(34, "open_prompt")], "reader"],
];

async function transcript(libs, mode, options = {}) {
  const running = await serve(libs, { verifier: verifier(libs.server), mode, ...options });
  try {
    const out = {};
    let session;
    if (mode === "session") {
      const init = {
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      };
      const r = await post(running.url, init, "reader");
      assert.equal(r.seen.status, 200, JSON.stringify(r.seen));
      session = r.session;
      await post(running.url, { jsonrpc: "2.0", method: "notifications/initialized" }, "reader", { session });
    }
    for (const [name, body, token, headers] of CASES) {
      const { seen } = await post(running.url, body, token, { session, headers });
      out[name] = KNOWN[name]?.(seen) ?? seen;
    }
    if (mode !== "session") {
      for (const [name, body, token] of BATCHES) {
        out[name] = (await post(running.url, body, token, { version: "2025-03-26" })).seen;
      }
    }
    return out;
  } finally {
    await running.close();
  }
}

for (const [mode, options] of [
  ["handler", { resourceMetadataUrl: "https://api.example/.well-known/oauth-protected-resource/mcp" }],
  ["node", {}],
  ["session", {}],
]) {
  test(`scopeChallenge over ${mode}: the same answers on ferromcp as on 2.4`, { timeout: 60_000 }, async () => {
    const results = {};
    for (const [name, libs] of LIBS) {
      results[name] = await transcript(libs, mode, options);
    }
    const theirs = results.official;
    const mine = results.ferromcp;
    const differing = Object.keys(theirs).filter((name) => !isDeepStrictEqual(mine[name], theirs[name]));
    assert.deepEqual(
      Object.fromEntries(differing.map((name) => [name, mine[name]])),
      Object.fromEntries(differing.map((name) => [name, theirs[name]])),
    );
    // What the official package answers, as expected of it.
    assert.equal(theirs["admin tool, token without it"].status, 403);
    assert.match(theirs["admin tool, token without it"].headers["www-authenticate"], /error="insufficient_scope".*scope="admin"/);
    assert.equal(theirs["admin tool, token with the scope"].messages.at(-1).result.content[0].text, "admin ran for c-admin");
    assert.equal(theirs["a guarded template, refused"].status, 403);
    assert.equal(theirs["a guarded prompt, refused"].status, 403);
    assert.equal(theirs["a tool without a challenge"].status, 200);
    assert.ok(theirs["an unknown tool"].messages[0].error);
    assert.equal(theirs["a guarded tool, not accepting SSE"].status, 406);
    assert.equal(theirs["a guarded tool, not JSON"].status, 415);
  });
}

test("a scopeChallenge is kept on the registered entry, as 2.4 keeps it", () => {
  for (const lib of [official, ours]) {
    const server = new lib.McpServer({ name: "s", version: "1" });
    const admin = lib.requireScopes("admin");
    const tool = server.registerTool("t", { scopeChallenge: admin }, async () => ({ content: [] }));
    assert.equal(tool.scopeChallenge, admin);
    tool.update({ scopeChallenge: null });
    assert.equal(tool.scopeChallenge, undefined);
    const resource = server.registerResource("r", "res://r", { scopeChallenge: admin }, async () => ({ contents: [] }));
    assert.equal(resource.scopeChallenge, admin);
    assert.equal(resource.metadata?.scopeChallenge, undefined);
    const p = server.registerPrompt("p", { scopeChallenge: admin }, async () => ({ messages: [] }));
    assert.equal(p.scopeChallenge, admin);
  }
});
