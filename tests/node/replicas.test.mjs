// Three replicas of an SDK-style Node server (tests/node/servers/replica-server.mjs: a transport
// per session in the author's own map, `createMcpExpressApp`) sharing sessions through a real
// `redis-server`, behind `haproxy` balancing every request round robin with no stickiness,
// driven by the official TypeScript client (DESIGN.md §7, issue 18): sessions spread over the
// replicas, progress and logs in order, sampling answers reaching the replica waiting for them,
// and a replica SIGKILLed mid-call whose client resumes on another with `Last-Event-ID` and
// misses no event; many sessions sharing a few Redis connections per replica; a session ended on
// one replica leaving no transport in the others' maps; a bearer-protected server's streams
// resumed on another replica for the same principal only. The replicas get
// `FERROMCP_REDIS_URL` (and `BEARER=1`, the protected variant) and nothing else. Every process is
// stopped by its PID; every wait is bounded; everything listens on 127.0.0.1.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join, delimiter } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { onFerromcp } from "./harness.mjs";

const REPLICAS = 3;
const SERVER = onFerromcp("replica-server.mjs");

function which(program) {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  const found = dirs.map((d) => join(d, program)).find((p) => existsSync(p));
  assert.ok(found, `${program} is not installed: the replica tests need redis-server and haproxy (Debian: apt-get install redis-server haproxy; \`make test-node\` does it)`);
  return found;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) {
      return;
    }
    assert.ok(Date.now() < deadline, `timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

async function freePort() {
  const s = createServer();
  s.listen(0, "127.0.0.1");
  await once(s, "listening");
  const { port } = s.address();
  s.close();
  await once(s, "close");
  return port;
}

const reachable = (port) =>
  new Promise((resolve) => {
    const c = connect(port, "127.0.0.1");
    c.on("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.on("error", () => resolve(false));
  });

/** One Redis command on a fresh connection (RESP2): its reply, nested arrays of strings. */
function redis(port, ...args) {
  return new Promise((resolve, reject) => {
    const c = connect(port, "127.0.0.1");
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error("redis did not answer"));
    }, 5000);
    const parse = (at) => {
      const end = buf.indexOf("\r\n", at);
      if (end < 0) {
        return undefined;
      }
      const kind = String.fromCharCode(buf[at]);
      const rest = buf.subarray(at + 1, end).toString();
      if (kind === "+" || kind === ":") {
        return [rest, end + 2];
      }
      if (kind === "-") {
        return [new Error(rest), end + 2];
      }
      if (kind === "$") {
        const n = Number(rest);
        if (n < 0) {
          return [null, end + 2];
        }
        return buf.length < end + 2 + n + 2 ? undefined : [buf.subarray(end + 2, end + 2 + n).toString(), end + 2 + n + 2];
      }
      const n = Number(rest);
      const items = [];
      let pos = end + 2;
      for (let i = 0; i < n; i++) {
        const r = parse(pos);
        if (r === undefined) {
          return undefined;
        }
        items.push(r[0]);
        pos = r[1];
      }
      return [n < 0 ? null : items, pos];
    };
    c.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      const r = parse(0);
      if (r !== undefined) {
        clearTimeout(timer);
        c.end();
        r[0] instanceof Error ? reject(r[0]) : resolve(r[0]);
      }
    });
    c.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    c.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`);
  });
}

const flat = (v) => (Array.isArray(v) ? v.flatMap(flat) : typeof v === "string" ? [v] : []);

/** Every string Redis holds in any key (strings, hashes, streams). */
async function redisContents(port) {
  const keys = flat(await redis(port, "KEYS", "*"));
  const out = [];
  for (const key of keys) {
    const type = await redis(port, "TYPE", key);
    const read = { string: ["GET"], hash: ["HGETALL"], stream: ["XRANGE", "-", "+"], list: ["LRANGE", "0", "-1"] }[type];
    if (read) {
      out.push(...flat(await redis(port, read[0], key, ...read.slice(1))));
    }
  }
  return out;
}

const started = [];
function launch(command, args, options) {
  const proc = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  started.push(proc);
  return proc;
}
after(() => {
  for (const p of started) {
    if (p.exitCode === null && p.signalCode === null) {
      p.kill("SIGTERM");
    }
  }
});

/** haproxy's configuration, shared with the Python replica tests (`{port}`, `{servers}`). */
const HAPROXY = readFileSync(new URL("../haproxy-replicas.cfg", import.meta.url), "utf8");

/** Redis, three replicas and haproxy in front of them, in a fresh directory. */
async function cluster(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), "ferromcp-replicas-"));
  const redisPort = await freePort();
  launch(which("redis-server"), ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir]);
  await waitFor(async () => (await redis(redisPort, "PING").catch(() => "")) === "PONG", 15000, "redis-server to answer PING");
  const replicas = [];
  for (let i = 0; i < REPLICAS; i++) {
    const port = await freePort();
    const env = { ...process.env, ...extraEnv, REPLICA: String(i), FERROMCP_REDIS_URL: `redis://127.0.0.1:${redisPort}/0` };
    const proc = launch(process.execPath, [SERVER, String(port)], { env });
    let err = "";
    proc.stderr.on("data", (d) => {
      err += d;
    });
    replicas.push({ index: i, port, proc, stderr: () => err });
  }
  for (const r of replicas) {
    await waitFor(() => reachable(r.port), 20000, `replica ${r.index} to listen (stderr: ${r.stderr()})`);
  }
  const port = await freePort();
  const servers = replicas.map((r) => `    server r${r.index} 127.0.0.1:${r.port}`).join("\n");
  const config = join(dir, "haproxy.cfg");
  writeFileSync(config, HAPROXY.replace("{port}", String(port)).replace("{servers}", servers));
  const haproxy = which("haproxy");
  const check = spawnSync(haproxy, ["-c", "-q", "-f", config], { timeout: 30000 });
  assert.equal(check.status, 0, `bad haproxy config: ${check.stderr}`);
  const proxy = launch(haproxy, ["-db", "-f", config]);
  let log = "";
  proxy.stdout.on("data", (d) => {
    log += d;
  });
  await waitFor(() => reachable(port), 15000, "haproxy to listen");
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    redisPort,
    replicas,
    /** Every request haproxy routed: `{server, status, method, session}`. */
    routed: () =>
      log
        .split("\n")
        .map((l) => l.split(" "))
        .filter((p) => p.length === 5 && /^-?\d+$/.test(p[1]))
        .map(([server, status, method, sent, got]) => ({ server, status: Number(status), method, session: sent.replace(/[{}]/g, "") || got.replace(/[{}]/g, "") })),
    kill(index) {
      replicas[index].proc.kill("SIGKILL");
    },
    stop() {
      for (const p of [proxy, ...replicas.map((r) => r.proc)]) {
        if (p.exitCode === null && p.signalCode === null) {
          p.kill("SIGTERM");
        }
      }
    },
  };
}

async function client(url, options = {}) {
  const c = new Client({ name: "replicas-test", version: "1.0.0" }, { capabilities: options.sampling ? { sampling: {} } : {} });
  if (options.sampling) {
    c.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
      role: "assistant",
      model: "upper",
      content: { type: "text", text: req.params.messages[0].content.text.toUpperCase() },
    }));
  }
  if (options.logs) {
    c.setNotificationHandler(LoggingMessageNotificationSchema, (n) => options.logs.push(n.params.data));
  }
  const requestInit = options.token ? { headers: { Authorization: `Bearer ${options.token}` } } : undefined;
  const transport = new StreamableHTTPClientTransport(url, { requestInit });
  await c.connect(transport);
  return { client: c, transport };
}

const textOf = (result) => {
  assert.ok(!result.isError, JSON.stringify(result));
  return result.content[0].text;
};

let shared;
async function sharedCluster() {
  shared ??= await cluster();
  return shared;
}
after(() => shared?.stop());

test("sessions spread over the replicas, each request on whichever replica the proxy picks", { timeout: 90000 }, async () => {
  const c = await sharedCluster();
  const perSession = [];
  for (let s = 0; s < 4; s++) {
    const { client: peer, transport } = await client(c.url);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      seen.push(Number(textOf(await peer.callTool({ name: "whoami", arguments: {} }))));
    }
    assert.equal(textOf(await peer.callTool({ name: "echo", arguments: { text: "still here" } })), "still here");
    const route = c.routed().filter((r) => r.session === transport.sessionId);
    assert.ok(new Set(route.map((r) => r.server)).size >= 2, `the proxy sent a whole session to one replica: ${JSON.stringify(route)}`);
    await transport.terminateSession();
    await peer.close();
    perSession.push(seen);
  }
  const replicas = new Set(perSession.flat());
  assert.deepEqual([...replicas].sort(), [0, 1, 2], `not every replica served calls: ${JSON.stringify(perSession)}`);
  for (const seen of perSession) {
    assert.ok(new Set(seen).size >= 2, `one session's calls all landed on one replica: ${seen}`);
  }
  // Sessions busy side by side.
  await Promise.all(
    ["a", "b", "c"].map(async (name) => {
      const { client: peer } = await client(c.url);
      for (let i = 0; i < 5; i++) {
        assert.equal(textOf(await peer.callTool({ name: "echo", arguments: { text: `${name} ${i}` } })), `${name} ${i}`);
      }
      await peer.close();
    }),
  );
});

test("progress and logs arrive in order, whichever replica runs the call", { timeout: 90000 }, async () => {
  const c = await sharedCluster();
  const logs = [];
  const { client: peer } = await client(c.url, { logs });
  const ran = [];
  for (let n = 0; n < REPLICAS; n++) {
    logs.length = 0;
    const progress = [];
    const done = textOf(
      await peer.callTool({ name: "progress", arguments: { steps: 5, delay: 0.02 } }, undefined, {
        onprogress: (p) => progress.push([p.progress, p.total, p.message]),
        timeout: 30000,
      }),
    );
    const replica = Number(done.replace("done on replica ", ""));
    ran.push(replica);
    assert.deepEqual(progress, [1, 2, 3, 4, 5].map((i) => [i, 5, `step ${i}`]));
    assert.deepEqual(logs, [0, 1, 2, 3, 4].map((i) => `step ${i} on replica ${replica}`));
  }
  assert.ok(new Set(ran).size >= 2, `every call ran on one replica: ${ran}`);
  // Logs sent outside any request reach the client on its GET stream, wherever it is held.
  logs.length = 0;
  const from = [];
  for (let n = 0; n < REPLICAS; n++) {
    from.push(Number(textOf(await peer.callTool({ name: "announce", arguments: { text: `news ${n}` } }))));
  }
  await waitFor(() => logs.length >= REPLICAS, 10000, `the announcements on the GET stream (got ${JSON.stringify(logs)})`);
  assert.deepEqual(logs.sort(), from.map((r, n) => `news ${n} from replica ${r}`).sort());
  await peer.close();
});

test("sampling answers reach the replica waiting for them", { timeout: 90000 }, async () => {
  const c = await sharedCluster();
  const { client: peer, transport } = await client(c.url, { sampling: true });
  const askedBy = [];
  for (let i = 0; i < 6; i++) {
    const text = textOf(await peer.callTool({ name: "sample", arguments: { prompt: `hello ${i}` } }, undefined, { timeout: 30000 }));
    const [answer, replica] = text.split(" via replica ");
    assert.equal(answer, `HELLO ${i}`);
    askedBy.push(Number(replica));
  }
  // The client's POSTs answered 202: `initialized`, then one per sampling answer. The last
  // answer's 202 may be logged after the call it resumed has returned.
  const route = () => c.routed().filter((r) => r.session === transport.sessionId);
  const answers = () => route().filter((r) => r.method === "POST" && r.status === 202).slice(1);
  await waitFor(() => answers().length >= askedBy.length, 5000, `the answers' POSTs in the proxy's log: ${JSON.stringify(route())}`);
  const answeredOn = answers().map((r) => Number(r.server.slice(1)));
  assert.equal(answeredOn.length, askedBy.length, JSON.stringify(route()));
  const crossings = askedBy.filter((a, i) => a !== answeredOn[i]).length;
  assert.ok(crossings >= 1, `no sampling answer landed on another replica: asked by ${askedBy}, answered on ${answeredOn}`);
  await peer.close();
});

test("a replica killed mid-call: the client resumes on another with Last-Event-ID and loses no event", { timeout: 120000 }, async () => {
  const c = await cluster();
  try {
    const { client: peer, transport } = await client(c.url);
    const steps = [];
    let replica;
    const abort = new AbortController();
    const call = peer
      .callTool({ name: "slow", arguments: { steps: 600, delay: 0.05 } }, undefined, {
        onprogress: (p) => {
          const m = /slow step (\d+) of \d+ on replica (\d+)/.exec(p.message ?? "");
          if (m) {
            steps.push(Number(m[1]));
            replica = Number(m[2]);
          }
        },
        signal: abort.signal,
        timeout: 110000,
      })
      .catch((e) => e);
    await waitFor(() => steps.length >= 5, 30000, "the first steps");
    c.kill(replica);
    const stored = async () => {
      const found = (await redisContents(c.redisPort)).flatMap((v) => [...v.matchAll(/slow step (\d+) of/g)].map((m) => Number(m[1])));
      return Math.max(0, ...found);
    };
    // The killed replica stored its last events in Redis; the client gets them all by resuming.
    await waitFor(async () => steps.length > 0 && steps.at(-1) >= (await stored()), 30000, "the client to resume and get every stored step");
    const last = await stored();
    await sleep(500);
    // The kill may come before the next step is stored: what counts is that every stored one
    // reached the client, in order, once.
    assert.ok(last >= 5, `only ${last} steps stored`);
    assert.deepEqual(steps, Array.from({ length: last }, (_, i) => i + 1), "steps lost or repeated");
    const resumed = c.routed().filter((r) => r.session === transport.sessionId && r.method === "GET" && r.status === 200 && r.server !== `r${replica}`);
    assert.ok(resumed.length >= 1, `no GET resumed the stream on another replica: ${JSON.stringify(c.routed())}`);
    const after = [];
    for (let i = 0; i < REPLICAS; i++) {
      after.push(Number(textOf(await peer.callTool({ name: "whoami", arguments: {} }))));
    }
    assert.ok(!after.includes(replica), `the killed replica answered: ${after}`);
    abort.abort();
    await call;
    await peer.close();
  } finally {
    c.stop();
  }
});

/** Redis's clients but the connection asking. */
async function redisClients(port) {
  const list = await redis(port, "CLIENT", "LIST");
  return list.split("\n").filter((l) => l.trim() !== "" && !/ cmd=client\b/.test(l));
}

/** `held` on every replica (called until each answered): the sessions each one's map holds. */
async function heldEverywhere(peer) {
  const seen = new Map();
  for (let i = 0; i < 30 && seen.size < REPLICAS; i++) {
    const { replica, held } = JSON.parse(textOf(await peer.callTool({ name: "held", arguments: {} })));
    seen.set(replica, held);
  }
  assert.equal(seen.size, REPLICAS, "not every replica answered");
  return seen;
}

test("many sessions on every replica share a few Redis connections per replica", { timeout: 120000 }, async () => {
  const c = await cluster();
  try {
    const before = (await redisClients(c.redisPort)).length;
    const peers = [];
    for (let s = 0; s < 20; s++) {
      const { client: peer } = await client(c.url);
      for (let i = 0; i < 3; i++) {
        textOf(await peer.callTool({ name: "whoami", arguments: {} }));
      }
      peers.push(peer);
    }
    // Every replica serves most sessions (a transport each in its map), all open.
    const held = await heldEverywhere(peers[0]);
    for (const [replica, ids] of held) {
      assert.ok(ids.length >= 10, `replica ${replica} holds only ${ids.length} sessions`);
    }
    const clients = await redisClients(c.redisPort);
    assert.ok(
      clients.length - before <= REPLICAS * 4,
      `${clients.length - before} Redis connections for ${REPLICAS} replicas serving 20 sessions:\n${clients.join("\n")}`,
    );
    await Promise.all(peers.map((p) => p.close()));
  } finally {
    c.stop();
  }
});

test("a session ended on one replica leaves no transport in the others' maps", { timeout: 90000 }, async () => {
  const c = await sharedCluster();
  const { client: peer, transport } = await client(c.url);
  const id = transport.sessionId;
  for (let i = 0; i < 6; i++) {
    textOf(await peer.callTool({ name: "whoami", arguments: {} }));
  }
  const { client: watcher } = await client(c.url);
  const holding = [...(await heldEverywhere(watcher))].filter(([, ids]) => ids.includes(id));
  assert.ok(holding.length >= 2, `the session reached ${holding.length} replica(s)`);
  await transport.terminateSession();
  await peer.close();
  await waitFor(
    async () => [...(await heldEverywhere(watcher)).values()].every((ids) => !ids.includes(id)),
    15000,
    "every replica's map to let go of the ended session",
  );
  await watcher.close();
});

/** Raw Streamable HTTP to one replica, with `token` as bearer. */
async function raw(port, method, { token, session, body, lastEventId } = {}) {
  const headers = { accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  if (session) {
    headers["mcp-session-id"] = session;
  }
  if (lastEventId) {
    headers["last-event-id"] = lastEventId;
  }
  if (body) {
    headers["content-type"] = "application/json";
  }
  const r = await fetch(`http://127.0.0.1:${port}/mcp`, {
    method,
    headers,
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(20000),
  });
  return { status: r.status, session: r.headers.get("mcp-session-id"), text: await r.text() };
}

test("behind requireBearerAuth, a stream resumes on another replica for its principal only", { timeout: 120000 }, async () => {
  const c = await cluster({ BEARER: "1" });
  try {
    // Through the proxy: the client's GET stream lands on any replica, with its token.
    const logs = [];
    const { client: peer, transport } = await client(c.url, { token: "alice", logs });
    // The GET stream opens beside the first calls: what is sent outside any request before it
    // is held goes nowhere.
    await waitFor(() => c.routed().some((r) => r.session === transport.sessionId && r.method === "GET"), 10000, "the GET stream");
    for (let i = 0; i < REPLICAS; i++) {
      textOf(await peer.callTool({ name: "whoami", arguments: {} }));
    }
    const from = [];
    for (let n = 0; n < REPLICAS; n++) {
      from.push(Number(textOf(await peer.callTool({ name: "announce", arguments: { text: `news ${n}` } }))));
    }
    await waitFor(() => logs.length >= REPLICAS, 10000, `the announcements on the GET stream (got ${JSON.stringify(logs)}; routed ${JSON.stringify(c.routed())})`);
    const gets = c.routed().filter((r) => r.session === transport.sessionId && r.method === "GET");
    assert.ok(gets.length >= 1 && gets.every((r) => r.status === 200), JSON.stringify(gets));
    await transport.terminateSession();
    await peer.close();

    // A session begun and a call run on replica 0; its stream resumed on replica 1, which never
    // saw the session.
    const [r0, r1] = c.replicas;
    const init = await raw(r0.port, "POST", {
      token: "alice",
      body: { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } },
    });
    assert.equal(init.status, 200, init.text);
    const session = init.session;
    assert.equal((await raw(r0.port, "POST", { token: "alice", session, body: { jsonrpc: "2.0", method: "notifications/initialized" } })).status, 202);
    const call = await raw(r0.port, "POST", {
      token: "alice",
      session,
      body: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "progress", arguments: { steps: 3, delay: 0.01 }, _meta: { progressToken: 1 } } },
    });
    assert.equal(call.status, 200, call.text);
    assert.match(call.text, /done on replica 0/);
    const first = /^id: (.+)$/m.exec(call.text)?.[1];
    assert.ok(first, call.text);
    const resume = (token) => raw(r1.port, "GET", { token, session, lastEventId: first });
    assert.equal((await resume(undefined)).status, 401);
    const bob = await resume("bob");
    assert.equal(bob.status, 404, bob.text);
    const alice = await resume("alice");
    assert.equal(alice.status, 200, alice.text);
    assert.match(alice.text, /step 0 on replica 0/);
    assert.match(alice.text, /done on replica 0/);
    // DELETE there too: refused to another principal, done for the session's.
    assert.equal((await raw(r1.port, "DELETE", { token: "bob", session })).status, 404);
    assert.equal((await raw(r1.port, "DELETE", { token: "alice", session })).status, 200);
    assert.equal((await raw(r0.port, "POST", { token: "alice", session, body: { jsonrpc: "2.0", id: 2, method: "tools/list" } })).status, 404);
  } finally {
    c.stop();
  }
});

test("a process whose other routes take bearer tokens: an open route's stream resumes on another replica", { timeout: 120000 }, async () => {
  const c = await cluster({ BEARER: "admin" });
  try {
    const [r0, r1, r2] = c.replicas;
    const init = await raw(r0.port, "POST", {
      body: { jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } } },
    });
    assert.equal(init.status, 200, init.text);
    const session = init.session;
    assert.equal((await raw(r0.port, "POST", { session, body: { jsonrpc: "2.0", method: "notifications/initialized" } })).status, 202);
    const call = await raw(r0.port, "POST", {
      session,
      body: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "progress", arguments: { steps: 3, delay: 0.01 }, _meta: { progressToken: 1 } } },
    });
    assert.equal(call.status, 200, call.text);
    const first = /^id: (.+)$/m.exec(call.text)?.[1];
    assert.ok(first, call.text);
    // The session began without a token: replica 1 serves its resumed stream at once (the
    // bearer check of /admin is not on this route, and nothing waits for it).
    const resumed = await raw(r1.port, "GET", { session, lastEventId: first });
    assert.equal(resumed.status, 200, resumed.text);
    assert.match(resumed.text, /step 0 on replica 0/);
    assert.match(resumed.text, /done on replica 0/);
    assert.equal((await raw(r2.port, "DELETE", { session })).status, 200);
    assert.equal((await raw(r0.port, "POST", { session, body: { jsonrpc: "2.0", id: 2, method: "tools/list" } })).status, 404);
    // The protected route still takes tokens.
    const admin = await fetch(`http://127.0.0.1:${r1.port}/admin`, { signal: AbortSignal.timeout(20000) });
    assert.equal(admin.status, 401);
  } finally {
    c.stop();
  }
});
