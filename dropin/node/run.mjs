// The Node drop-in survey: published npm servers, pinned, each installed twice — as published
// (on the official SDK it depends on, 1.x's `sdk` or v2's `server`) and with the SDK replaced by
// ferromcp through npm `overrides` (the recipe the README gives users) — run unmodified, driven
// by the official client over stdio, every answer compared after replacing the work directory's
// path and the fixture files' times. A server with an `http` field is also run a second time as
// `<key>-http`: started listening on 127.0.0.1 at a free port and driven over Streamable HTTP
// (or the old HTTP+SSE transport, `http.sse`), the same steps asked.
//
//   node dropin/node/run.mjs [--only key,key] [--no-install]
//
// Writes dropin/node/RESULTS.md and prints `N/M same`.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, ElicitRequestSchema, ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { SERVERS } from "./servers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const work = join(here, ".work");
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const install = !args.includes("--no-install");
// Each server with an `http` field runs twice: over stdio (`key`) and over HTTP (`key-http`), with
// `http.args` for its arguments and `http.env` over its environment.
const ALL = SERVERS.flatMap(({ http, ...s }) =>
  http ? [s, { ...s, key: `${s.key}-http`, http, args: http.args ?? s.args, env: { ...s.env, ...http.env } }] : [s],
);
const chosen = ALL.filter((s) => !only || only.includes(s.key));

/**
 * Installs the servers written for one SDK generation (`sdk`: 1 or 2) into `.work/<side>/`
 * (v2's into `.work/<side>-v2/`, so the v1 installs stay as they were); ferromcp's side
 * overrides the SDK's package names.
 */
function installSide(side, sdk) {
  const at = (name) => join(work, sdk === 2 ? `${name}-v2` : name);
  const dir = at(side);
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: `ferromcp-dropin-${side}${sdk === 2 ? "-v2" : ""}`,
    private: true,
    dependencies: Object.fromEntries(SERVERS.filter((s) => (s.sdk ?? 1) === sdk).map((s) => [s.pkg, s.version])),
  };
  if (side === "ferromcp" && sdk === 1) {
    pkg.overrides = { "@modelcontextprotocol/sdk": `file:${root}` };
  }
  if (side === "ferromcp" && sdk === 2) {
    // `@modelcontextprotocol/server` (and 1.x's sdk, for servers that import both) is ferromcp;
    // the adapters `@modelcontextprotocol/node` and `/express` are one-line packages re-exporting
    // `ferromcp/node` and `ferromcp/express` (an alias names a package, not a subpath), found
    // through the `ferromcp` dependency beside them.
    pkg.dependencies.ferromcp = `file:${root}`;
    pkg.overrides = {
      "@modelcontextprotocol/sdk": `file:${root}`,
      "@modelcontextprotocol/server": `file:${root}`,
      "@modelcontextprotocol/node": "file:./adapters/node",
      "@modelcontextprotocol/express": "file:./adapters/express",
    };
    for (const name of ["node", "express"]) {
      mkdirSync(join(dir, "adapters", name), { recursive: true });
      writeFileSync(join(dir, "adapters", name, "package.json"), JSON.stringify({ name: `@modelcontextprotocol/${name}`, version: "0.1.0", main: "index.js" }));
      writeFileSync(join(dir, "adapters", name, "index.js"), `module.exports = require("ferromcp/${name}");\n`);
    }
  }
  if (side === "ferromcp") {
    // The zod the servers import without declaring it (the SDK brings it) at the version the
    // official install hoisted (v2's servers declare theirs; the hoisted one is kept the same):
    // the servers' schemas are then the same on both sides.
    const hoisted = join(at("official"), "node_modules", "zod", "package.json");
    if (existsSync(hoisted)) {
      pkg.dependencies.zod = JSON.parse(readFileSync(hoisted, "utf8")).version;
    }
  }
  const file = join(dir, "package.json");
  const text = JSON.stringify(pkg, null, 2);
  if (install && (!existsSync(file) || readFileSync(file, "utf8") !== text || !existsSync(join(dir, "node_modules")))) {
    writeFileSync(file, text);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  }
  if (side === "ferromcp") {
    // A server on an older SDK that imports zod without declaring it finds the SDK's zod, which
    // the official install nests beside it (zod 3 under a hoisted zod 4); the override leaves no
    // such zod, so the same one is linked there.
    for (const s of SERVERS.filter((s) => (s.sdk ?? 1) === sdk)) {
      const theirs = join(at("official"), "node_modules", s.pkg, "node_modules", "zod");
      const ours = join(dir, "node_modules", s.pkg, "node_modules", "zod");
      if (existsSync(theirs) && !existsSync(ours)) {
        mkdirSync(dirname(ours), { recursive: true });
        symlinkSync(theirs, ours, "dir");
      }
    }
  }
  return dir;
}

/** The script a server runs from: its first `bin`, or `script` (a path in the package) if given. */
function entry(dir, pkgName, script) {
  const pkgDir = join(dir, "node_modules", pkgName);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : Object.values(pkg.bin ?? {})[0];
  return join(pkgDir, script ?? bin ?? pkg.main ?? "index.js");
}

/** The version of the SDK package a server runs on: 1.x's `sdk`, v2's `server`. */
function sdkVersion(dir, server) {
  const name = server.sdk === 2 ? "server" : "sdk";
  for (const base of [join(dir, "node_modules", server.pkg, "node_modules"), join(dir, "node_modules")]) {
    const f = join(base, "@modelcontextprotocol", name, "package.json");
    if (existsSync(f)) {
      const p = JSON.parse(readFileSync(f, "utf8"));
      return p.name === "ferromcp" ? `ferromcp ${p.version}` : `${server.sdk === 2 ? "server " : ""}${p.version}`;
    }
  }
  return "?";
}

const fill = (v, dir, port) => JSON.parse(JSON.stringify(v).replaceAll("{work}", dir).replaceAll("{port}", String(port)));

/** A TCP port free on 127.0.0.1 now (the OS picks it; closed again before the server takes it). */
async function freePort() {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address();
  probe.close();
  await once(probe, "close");
  return port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts an HTTP server in a process group of its own (its children with it), its output drained
 * into a bounded tail (kept for the message if it never listens), and waits until 127.0.0.1:port
 * accepts a connection — at most `ms`, or until the process exits.
 */
async function startListening(command, args, options, port, ms = 30000) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const keep = (chunk) => {
    tail = (tail + chunk).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !exited) {
    const ok = await new Promise((res) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), res(true)));
      socket.once("error", () => res(false));
    });
    if (ok) {
      return { child };
    }
    await sleep(100);
  }
  await stop(child);
  return { error: `${exited ? "exited" : `not listening on 127.0.0.1:${port} after ${ms} ms`}: ${tail.trim().split("\n").slice(-3).join(" / ")}` };
}

/** Stops a server started by `startListening`: SIGTERM to its process group, SIGKILL after 5 s. */
async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const gone = once(child, "exit");
  const signal = (s) => {
    try {
      process.kill(-child.pid, s);
    } catch {
      // the group is gone already
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await gone;
  clearTimeout(timer);
}

async function outcome(p) {
  try {
    return { result: await p };
  } catch (e) {
    return { error: { code: e.code, message: e.message } };
  }
}

/** Every answer of one run, in order: [step, answer]. */
async function transcript(server, side, dir) {
  const fixture = join(work, `${side}-fixture-${server.key}`);
  rmSync(fixture, { recursive: true, force: true });
  mkdirSync(fixture, { recursive: true });
  for (const [name, text] of Object.entries(server.files ?? {})) {
    mkdirSync(dirname(join(fixture, name)), { recursive: true });
    writeFileSync(join(fixture, name), text);
  }
  const steps = [];
  const http = server.http;
  let transport;
  let child;
  if (http) {
    const port = await freePort();
    const started = await startListening(
      process.execPath,
      [entry(dir, server.pkg, http.script), ...fill(server.args ?? [], fixture, port)],
      { env: { ...process.env, ...fill(server.env ?? {}, fixture, port) }, cwd: fixture },
      port,
    );
    if (started.error) {
      return { started: false, steps: [["initialize", { error: started.error }]] };
    }
    child = started.child;
    const url = new URL(fill(http.path ?? "/mcp", fixture, port), `http://127.0.0.1:${port}`);
    const requestInit = { headers: http.headers ?? {} };
    transport = http.sse ? new SSEClientTransport(url, { requestInit }) : new StreamableHTTPClientTransport(url, { requestInit });
  } else {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [entry(dir, server.pkg), ...fill(server.args ?? [], fixture)],
      env: { ...process.env, ...fill(server.env ?? {}, fixture) },
      cwd: fixture,
      stderr: "pipe",
    });
  }
  // `client`: the sampling and elicitation the client declares, each answered with the result
  // given (the server's requests are kept as notifications are).
  const answers = server.client ?? {};
  const capabilities = Object.fromEntries(Object.keys(answers).map((k) => [k, {}]));
  const client = new Client({ name: "ferromcp-dropin", version: "1.0.0" }, { capabilities });
  // The notifications the server sends (logging messages, list changes, resource updates, task
  // status) are kept with the step during which they arrived, progress too (below, in `ask`).
  const notes = [];
  client.fallbackNotificationHandler = async (n) => {
    notes.push(n);
  };
  for (const [kind, schema] of [["sampling", CreateMessageRequestSchema], ["elicitation", ElicitRequestSchema]]) {
    if (answers[kind]) {
      client.setRequestHandler(schema, async (request) => {
        notes.push({ request });
        return answers[kind];
      });
    }
  }
  // Over HTTP a notification not tied to a request comes on the GET stream, racing the answer on
  // the POST's: a step's answer is recorded 50 ms after it came, so that what the server sent
  // before answering is kept with that step.
  const record = async (step, answer) => {
    if (http) {
      await sleep(50);
    }
    steps.push([step, notes.length ? { ...answer, notifications: notes.splice(0) } : answer]);
  };
  let session;
  const tasks = [];
  try {
    try {
      await client.connect(transport);
    } catch (e) {
      return { started: false, steps: [["initialize", { error: String(e.message ?? e) }]] };
    }
    // A server may put its session's id into what it says (everything's subscribe log).
    session = transport.sessionId;
    if (!http) {
      // Over stdio a notification read in the same chunk as the answer reaches its handler after
      // the answer (handlers run a microtask late), so a call's last progress may miss its
      // `onprogress`: progress is taken off the transport instead, as it comes.
      const deliver = transport.onmessage;
      transport.onmessage = (message, extra) => {
        if (message.method === "notifications/progress") {
          const { progressToken, ...progress } = message.params;
          notes.push({ progress });
        }
        deliver(message, extra);
      };
    }
    await ask(client, transport, server, fixture, record, notes, tasks);
  } finally {
    await client.close().catch(() => {});
    if (child) {
      await stop(child);
    }
  }
  // The fixture's path, the files' times and the HTTP session's id differ between the two runs.
  const text = JSON.stringify(steps)
    .replaceAll(fixture, "{work}")
    .replaceAll(session ?? "{session}", "{session}")
    .replace(tasks.length ? new RegExp(tasks.join("|"), "g") : /$^/, "{task}")
    .replace(/\w{3} \w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4} \([^)]*\)/g, "<time>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<time>");
  return { started: true, steps: JSON.parse(text) };
}

/**
 * The steps asked of every server, each answer handed to `record(step, answer)`; `notes` takes
 * progress notifications, `tasks` the ids of the tasks the server made (they differ per run).
 */
async function ask(client, transport, server, fixture, record, notes, tasks) {
  await record("initialize", { server: client.getServerVersion(), capabilities: client.getServerCapabilities(), instructions: client.getInstructions() });
  if (server.http && !server.http.sse) {
    // Whether the server keeps a session (its id itself differs from run to run) and the version
    // the client sends in MCP-Protocol-Version.
    await record("http session", { session: transport.sessionId !== undefined, protocolVersion: transport.protocolVersion });
  }
  if (server.logLevel) {
    await record(`logging/setLevel ${server.logLevel}`, await outcome(client.setLoggingLevel(server.logLevel)));
  }
  await record("tools/list", await outcome(client.listTools()));
  await record("prompts/list", await outcome(client.listPrompts()));
  await record("resources/list", await outcome(client.listResources()));
  await record("resources/templates/list", await outcome(client.listResourceTemplates()));
  // A call's options: `progress` asks for progress notifications (a progress token is sent);
  // over HTTP what reaches `onprogress` is kept (over stdio the transport's, above).
  for (const [name, a, options] of server.calls ?? []) {
    const onprogress = options?.progress ? (progress) => server.http && notes.push({ progress }) : undefined;
    await record(`tools/call ${name}`, await outcome(client.callTool({ name, arguments: fill(a, fixture) }, undefined, { onprogress })));
  }
  // `tasks`: tools called as tasks, then the task's result and its state once done.
  for (const [name, a] of server.tasks ?? []) {
    const params = { name, arguments: fill(a, fixture), task: { ttl: 60000 } };
    const created = await outcome(client.request({ method: "tools/call", params }, ResultSchema));
    await record(`tools/call ${name} (task)`, created);
    const taskId = created.result?.task?.taskId;
    if (taskId) {
      tasks.push(taskId);
      await record("tasks/result", await outcome(client.request({ method: "tasks/result", params: { taskId } }, ResultSchema)));
      await record("tasks/get", await outcome(client.request({ method: "tasks/get", params: { taskId } }, ResultSchema)));
    }
  }
  await record("tools/call (unknown)", await outcome(client.callTool({ name: "no-such-tool", arguments: {} })));
  for (const uri of fill(server.reads ?? [], fixture)) {
    await record(`resources/read ${uri}`, await outcome(client.readResource({ uri })));
  }
  for (const [name, a] of server.prompts ?? []) {
    await record(`prompts/get ${name}`, await outcome(client.getPrompt({ name, arguments: a })));
  }
  // `complete`: [ref, argument name, value, context arguments?]; `subscribe`: resource URIs.
  for (const [ref, name, value, context] of server.complete ?? []) {
    const params = { ref, argument: { name, value }, ...(context && { context: { arguments: context } }) };
    await record(`completion/complete ${ref.name ?? ref.uri} ${name}`, await outcome(client.complete(params)));
  }
  for (const uri of fill(server.subscribe ?? [], fixture)) {
    await record(`resources/subscribe ${uri}`, await outcome(client.subscribeResource({ uri })));
    await record(`resources/unsubscribe ${uri}`, await outcome(client.unsubscribeResource({ uri })));
  }
  await record("ping", await outcome(client.ping()));
  if (server.http && !server.http.sse) {
    // DELETE with the session id (nothing is sent without one); 405 is an accepted answer.
    await record("http DELETE session", await outcome(transport.terminateSession()));
  }
}

const installs = {};
for (const sdk of new Set(chosen.map((s) => s.sdk ?? 1))) {
  installs[sdk] = { official: installSide("official", sdk), ferromcp: installSide("ferromcp", sdk) };
}
const rows = [];
for (const server of chosen) {
  const { official, ferromcp: ours } = installs[server.sdk ?? 1];
  const a = await transcript(server, "official", official);
  const b = await transcript(server, "ferromcp", ours);
  writeFileSync(join(work, `${server.key}.official.json`), JSON.stringify(a.steps, null, 2));
  writeFileSync(join(work, `${server.key}.ferromcp.json`), JSON.stringify(b.steps, null, 2));
  const diffFile = join(work, `${server.key}.diff.json`);
  rmSync(diffFile, { force: true });
  let verdict = "same";
  let detail = `${a.steps.length} steps`;
  if (a.started && !b.started) {
    verdict = "fails to start";
    detail = b.steps[0][1].error.split("\n")[0];
  } else {
    const differ = [...Array(Math.max(a.steps.length, b.steps.length)).keys()].filter((k) => !isDeepStrictEqual(a.steps[k], b.steps[k]));
    if (differ.length) {
      verdict = "differs";
      const k = differ[0];
      detail = `step ${k + 1} (${a.steps[k]?.[0] ?? b.steps[k]?.[0]})`;
      // The first answer that differs, and the names of the other steps that do.
      const also = differ.slice(1).map((j) => `${j + 1} ${a.steps[j]?.[0] ?? b.steps[j]?.[0]}`);
      writeFileSync(diffFile, JSON.stringify({ official: a.steps[k], ferromcp: b.steps[k], also }, null, 2));
    }
  }
  const transport = server.http ? (server.http.sse ? "HTTP+SSE" : "Streamable HTTP") : "stdio";
  rows.push([server.key, `${server.pkg}@${server.version}`, transport, sdkVersion(official, server), verdict, detail]);
  console.log(`${server.key}: ${verdict} (${detail})`);
}
const same = rows.filter((r) => r[4] === "same").length;
const table = [
  "| server | package | transport | official SDK | on ferromcp | |",
  "|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
if (!only) {
  writeFileSync(
    join(here, "RESULTS.md"),
    `# Node drop-in survey\n\n\`node dropin/node/run.mjs\` on ${new Date().toISOString().slice(0, 10)}: **${same}/${rows.length} same**.\n\n${table}\n`,
  );
}
console.log(`${same}/${rows.length} same`);
