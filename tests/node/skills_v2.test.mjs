// The skills extension of `@modelcontextprotocol/server` 2.4 (`/ext/skills`, `/ext/skills/node`)
// served by ferromcp. One server file (tests/node/servers/skills-server.mjs) runs on ferromcp and
// on the official package, driven by the official v2 client (`@modelcontextprotocol/client` 2.4)
// over stdio — the handshake era (hand-wired transport) and 2026-07-28 (`serveStdio`) — and HTTP
// (`createMcpHandler`): a catalog from `memorySkillFiles`, one loaded from a folder with
// `loadSkills`, and one over a `SkillSource` of its own. Every answer is compared: the declared
// capability, `resources/list` and templates, each `skills/list` page, `skills/get` (unknown
// skill, missing params), `resources/directory/read` pages, `resources/read` of every file,
// folder and unknown URI, the client's own verification (`SkillsClient`), the warnings, and a
// reload announced with `resources/list_changed`. In-process: the catalogs' entries, warnings,
// `SkillCatalogError` problems (`strict`, storage failures), option errors and `skillEntry`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { SkillsClient } from "@modelcontextprotocol/client/ext/skills";
import * as official from "@modelcontextprotocol/server/ext/skills";
import * as officialNode from "@modelcontextprotocol/server/ext/skills/node";
import * as ours from "ferromcp/ext/skills";
import * as oursNode from "ferromcp/ext/skills/node";
import * as z from "zod";
import { onFerromcpV2, onOfficial, root, within } from "./harness.mjs";

const require = createRequire(import.meta.url);
const SERVER = "skills-server.mjs";
const ANY = z.looseObject({});

/** What a call answered: its result, or the error's class, code, message and data. */
async function outcome(p) {
  try {
    return { result: await within(p, "answer") };
  } catch (e) {
    return { error: { name: e?.name, code: e?.code, message: e?.message, data: e?.data, reason: e?.reason } };
  }
}

const SKILL_MD = (name, description) => `---\nname: ${name}\ndescription: ${description}\n---\n# ${name}\n`;

/** A folder of skills for `loadSkills`: nested folders, a binary file, symlinks in and out of a skill. */
function skillsFolder() {
  const dir = mkdtempSync(join(tmpdir(), "ferromcp-skills-"));
  const put = (path, content) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  put("writing/SKILL.md", SKILL_MD("writing", "Writes prose"));
  put("writing/guides/style.md", "# Style\n");
  put("writing/guides/tone.md", "# Tone\n");
  put("writing/guides/voice.md", "# Voice\n");
  put("writing/guides/words.txt", "words\n");
  put("writing/assets/logo.bin", Buffer.from([0, 1, 2, 0xff, 0xfe]));
  put("writing/empty/.keep", "");
  put("review/SKILL.md", SKILL_MD("review", "Reviews code"));
  put("review/checklist.json", '{"items": []}\n');
  put("linked/SKILL.md", SKILL_MD("linked", "Holds a symlink"));
  symlinkSync(join(dir, "writing/guides/style.md"), join(dir, "linked/style.md"));
  symlinkSync(join(dir, "review"), join(dir, "review-link"));
  put("broken/SKILL.md", "---\nname: broken\ndescription: [unclosed\n---\n");
  return dir;
}

function client(modern) {
  return new Client(
    { name: "ferromcp-tests", version: "1.0.0" },
    { capabilities: {}, ...(modern && { versionNegotiation: { mode: { pin: "2026-07-28" } } }) },
  );
}

/** Every `skills/list` page, or every `resources/directory/read` page of `uri`. */
async function pages(c, method, params = {}) {
  const out = [];
  let cursor;
  do {
    const page = await outcome(c.request({ method, params: { ...params, ...(cursor && { cursor }) } }, ANY));
    out.push(page);
    cursor = page.result?.nextCursor;
  } while (cursor !== undefined && out.length < 20);
  return out;
}

const call = (c, method, params) => outcome(c.request({ method, params }, ANY));

/** Everything the client sees of the server, call by call. */
async function transcript(c) {
  const capabilities = c.getServerCapabilities();
  const out = {
    version: c.getNegotiatedProtocolVersion(),
    capabilities,
    resources: await outcome(c.listResources()),
    templates: await outcome(c.listResourceTemplates()),
    list: await pages(c, "skills/list"),
    badCursor: await call(c, "skills/list", { cursor: "not-a-cursor" }),
  };
  const entries = out.list.flatMap((p) => p.result?.skills ?? []);
  out.get = {};
  for (const uri of [...entries.map((s) => s.uri), "skill://nope/SKILL.md", "skill://renamed/SKILL.md", "skill://alias/report/SKILL.md", "not a uri"]) {
    out.get[uri] = await call(c, "skills/get", { uri });
  }
  out.getNoUri = await call(c, "skills/get", {});
  out.read = {};
  const uris = new Set();
  for (const skill of entries) {
    const root = skill.uri.slice(0, -"SKILL.md".length);
    uris.add(root.slice(0, -1));
    for (const r of skill.resources === "dynamic" ? [] : skill.resources) {
      uris.add(r.uri);
    }
    uris.add(`${root}missing.md`);
    uris.add(`${root}references`);
  }
  uris.add("skill://acme/pdf/Q%26A%20notes.md");
  uris.add("skill://elsewhere/x.md");
  for (const uri of uris) {
    out.read[uri] = await outcome(c.readResource({ uri }));
  }
  out.dirs = {};
  if (capabilities.extensions?.["io.modelcontextprotocol/skills"]?.directoryRead) {
    const folders = new Set(entries.map((s) => s.uri.slice(0, -"/SKILL.md".length)));
    for (const uri of [...folders]) {
      const listed = await pages(c, "resources/directory/read", { uri });
      out.dirs[uri] = listed;
      for (const child of listed.flatMap((p) => p.result?.resources ?? [])) {
        if (child.mimeType === "inode/directory") {
          out.dirs[child.uri] = await pages(c, "resources/directory/read", { uri: child.uri });
        }
      }
    }
    out.dirs.unknown = await call(c, "resources/directory/read", { uri: "skill://nope" });
    out.dirs.file = await call(c, "resources/directory/read", { uri: entries[0]?.uri });
    out.dirs.badCursor = await call(c, "resources/directory/read", { uri: [...folders][0], cursor: "%%%" });
  } else {
    out.dirs.unsupported = await call(c, "resources/directory/read", { uri: "skill://report" });
  }
  // The client's own checks: every entry valid, each file's size and digest as published.
  const skills = new SkillsClient(c, { skipInvalid: true });
  out.client = { supported: skills.supported, directoryRead: skills.directoryRead };
  const listing = await outcome(skills.list());
  out.client.list = listing;
  out.client.files = {};
  for (const skill of listing.result?.skills ?? []) {
    out.client.files[skill.uri] = await outcome(skills.get(skill.uri));
    for (const r of skill.resources === "dynamic" ? [] : skill.resources) {
      const read = await outcome(skills.read(skill, r.uri));
      out.client.files[r.uri] = read.result ? { ...read.result, bytes: Buffer.from(read.result.bytes).toString("hex") } : read;
    }
  }
  out.warnings = JSON.parse((await c.callTool({ name: "warnings", arguments: {} })).content[0].text);
  return out;
}

async function overStdio(file, args, modern) {
  const c = client(modern);
  await within(c.connect(new StdioClientTransport({ command: process.execPath, args: [file, ...args], stderr: "pipe" })), "connect");
  try {
    return await transcript(c);
  } finally {
    await c.close();
  }
}

async function overHttp(file, args) {
  const proc = spawn(process.execPath, [file, ...args, "--http"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    let text = "";
    while (!/listening (\d+)/.test(text)) {
      const [chunk] = await within(once(proc.stdout, "data"), "listening line");
      text += chunk.toString();
    }
    const c = client(true);
    await within(c.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${text.match(/listening (\d+)/)[1]}/mcp`))), "connect");
    try {
      return await transcript(c);
    } finally {
      await c.close();
    }
  } finally {
    proc.kill();
  }
}

/** The same run on ferromcp and on the official package, compared. */
async function both(run) {
  const theirs = await run(onOfficial(SERVER));
  const mine = await run(onFerromcpV2(SERVER));
  assert.deepEqual(mine, theirs);
  return mine;
}

test("a memorySkillFiles catalog over stdio (handshake era): the same answers as @modelcontextprotocol/server 2.4", async () => {
  const out = await both((file) => overStdio(file, ["--memory", "--connect"], false));
  // What the comparison covers, spelled out.
  assert.equal(out.version, "2025-11-25");
  assert.deepEqual(out.capabilities.extensions, { "io.modelcontextprotocol/skills": { directoryRead: true } });
  assert.equal(out.list.length, 3);
  assert.ok(out.list[0].result.nextCursor);
  assert.equal(out.list[0].result.ttlMs, undefined);
  assert.deepEqual(
    out.list.flatMap((p) => p.result.skills.map((s) => s.uri)),
    ["skill://acme/alpha/SKILL.md", "skill://acme/beta/SKILL.md", "skill://acme/docx/SKILL.md", "skill://acme/docx/template/SKILL.md", "skill://acme/gamma/SKILL.md", "skill://acme/pdf/SKILL.md"],
  );
  assert.equal(out.badCursor.error.code, -32602);
  assert.equal(out.get["skill://nope/SKILL.md"].error.message, "No skill is served at skill://nope/SKILL.md");
  assert.equal(out.getNoUri.error.code, -32602);
  assert.ok(out.read["skill://acme/pdf/logo.png"].result.contents[0].blob);
  assert.match(out.read["skill://acme/pdf"].error.message, /is a directory; use resources\/directory\/read/);
  assert.equal(out.read["skill://acme/pdf/missing.md"].error.code, -32602);
  assert.equal(out.client.list.result.skills.length, 6);
  assert.equal(out.client.files["skill://acme/pdf/logo.png"].verified, true);
  assert.ok(out.warnings.some((w) => w.path === "xlsx/skill.md"));
});

test("reloading a catalog announces resources/list_changed and serves the new files, as the SDK does", async () => {
  const run = async (file) => {
    const c = client(false);
    let heard;
    const changed = new Promise((resolve) => {
      heard = resolve;
    });
    c.setNotificationHandler("notifications/resources/list_changed", (n) => heard(n.method));
    await within(c.connect(new StdioClientTransport({ command: process.execPath, args: [file, "--memory", "--connect"], stderr: "pipe" })), "connect");
    try {
      const before = await call(c, "skills/get", { uri: "skill://acme/alpha/SKILL.md" });
      const reload = JSON.parse((await within(c.callTool({ name: "reload", arguments: {} }), "reload")).content[0].text);
      const notification = await within(changed, "resources/list_changed");
      return {
        before,
        reload,
        notification,
        after: await call(c, "skills/get", { uri: "skill://acme/alpha/SKILL.md" }),
        forms: await outcome(c.readResource({ uri: "skill://acme/pdf/references/FORMS.md" })),
        list: await pages(c, "skills/list"),
      };
    } finally {
      await c.close();
    }
  };
  const out = await both(run);
  assert.equal(out.notification, "notifications/resources/list_changed");
  assert.deepEqual(out.reload.changes.added, ["skill://acme/delta/SKILL.md"]);
  assert.equal(out.reload.changes.listChanged, true);
  assert.equal(out.forms.result.contents[0].text, "# Forms, edited\n");
});

test("a loadSkills folder over stdio on 2026-07-28 (serveStdio): the same answers, with cache fields", async () => {
  const dir = skillsFolder();
  try {
    const out = await both((file) => overStdio(file, ["--dir", dir], true));
    assert.equal(out.version, "2026-07-28");
    assert.equal(out.list[0].result.ttlMs, 60000);
    assert.equal(out.list[0].result.cacheScope, "public");
    assert.deepEqual(
      out.list.flatMap((p) => p.result.skills.map((s) => s.uri)),
      ["skill://review/SKILL.md", "skill://writing/SKILL.md"],
    );
    assert.ok(out.dirs["skill://writing/guides"].length > 1);
    assert.ok(out.warnings.some((w) => w.path === "linked/style.md"));
    assert.ok(out.warnings.some((w) => w.path === "review-link"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a loadSkills folder in the handshake era, and a SkillSource of its own: the same answers", async () => {
  const dir = skillsFolder();
  try {
    await both((file) => overStdio(file, ["--dir", dir, "--connect"], false));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = await both((file) => overStdio(file, ["--source"], true));
  assert.deepEqual(out.capabilities.extensions, { "io.modelcontextprotocol/skills": {} });
  assert.equal(out.dirs.unsupported.error.code, -32601);
  assert.equal(out.get["skill://renamed/SKILL.md"].error.code, -32603);
  assert.equal(out.list[0].result.skills.length, 1);
  assert.ok(out.warnings.some((w) => w.path === "file:///elsewhere.md"));
});

test("a memory catalog over HTTP (createMcpHandler, a server per request): the same answers", async () => {
  await both((file) => overHttp(file, ["--memory"]));
});

// --- in process ---

/** What loading `files` gives: entries and warnings, or the error's class, message and problems. */
async function load(sdk, files, options = {}) {
  const warnings = [];
  try {
    const catalog = await sdk.SkillsExtension.load(files, { onWarning: (w) => warnings.push(w), ...options });
    return { entries: structuredClone(catalog.entries), warnings, id: catalog.id };
  } catch (e) {
    return {
      error: { name: e.name, message: e.message, problems: e.problems, official: e instanceof official.SkillCatalogError, ours: e instanceof ours.SkillCatalogError },
      warnings,
    };
  }
}

const RECORD = {
  "a/SKILL.md": SKILL_MD("a", "A"),
  "a/x.md": "x",
  "a/Skill.md": "typo",
  "b/SKILL.md": SKILL_MD("wrong", "B"),
  "c/SKILL.md": "---\nname: c\n",
  "SKILL.md": SKILL_MD("root", "R"),
  "big/SKILL.md": SKILL_MD("big", "Big"),
  "big/1.txt": "1",
  "big/2.txt": "2",
};

test("catalogs, warnings and SkillCatalogError problems in process: as the SDK's", async () => {
  const cases = [
    [RECORD, {}],
    [RECORD, { strict: true }],
    [RECORD, { limits: { files: 2 } }],
    [RECORD, { limits: { files: 2 }, strict: true }],
    [RECORD, { prefix: "org/team" }],
    [{}, {}],
    [{ "only/readme.md": "x" }, {}],
  ];
  for (const [record, options] of cases) {
    const theirs = await load(official, official.memorySkillFiles(record), options);
    const mine = await load(ours, ours.memorySkillFiles(record), options);
    assert.deepEqual(mine, theirs, JSON.stringify(options));
  }
  const strict = await load(ours, ours.memorySkillFiles(RECORD), { strict: true });
  assert.equal(strict.error.name, "SkillCatalogError");
  assert.equal(strict.error.official, true, "the official class recognises ferromcp's error by its brand");
  // Storage failures always throw.
  const failing = () => ({
    async list(dir) {
      if (dir === "") {
        return [{ name: "s", kind: "directory" }];
      }
      if (dir === "s") {
        return [{ name: "SKILL.md", kind: "file" }];
      }
      throw new Error("gone");
    },
    async read() {
      throw new Error("unreadable");
    },
  });
  const storage = await load(ours, failing());
  assert.deepEqual(storage, await load(official, failing()));
  assert.deepEqual(storage.error.problems, [{ path: "s/SKILL.md", message: "cannot be read: unreadable" }]);
  // A folder: symlinks are not followed.
  const dir = skillsFolder();
  try {
    const theirs = await load(official, officialNode.nodeSkillFiles(dir));
    const mine = await load(ours, oursNode.nodeSkillFiles(dir));
    assert.deepEqual(mine, theirs);
    const files = oursNode.nodeSkillFiles(dir);
    await assert.rejects(files.read("../etc/passwd"), { name: "TypeError" });
    await assert.rejects(files.read("linked/style.md"));
    const catalog = await oursNode.loadSkills(dir, { onWarning: () => {} });
    assert.ok(catalog instanceof ours.SkillCatalog);
    assert.ok(catalog instanceof ours.SkillsExtension);
    assert.throws(() => {
      catalog.entries[0].frontmatter.name = "x";
    }, TypeError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("options refused, skillEntry and reload changes in process: as the SDK's", async () => {
  const thrown = async (f) => {
    try {
      await f();
      return "no error";
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  };
  const files = { "a/SKILL.md": SKILL_MD("a", "A") };
  const quiet = { onWarning: () => {} };
  const attempts = [
    (s) => s.SkillsExtension.load(s.memorySkillFiles(files), { ...quiet, pageSize: 0 }),
    (s) => s.SkillsExtension.load(s.memorySkillFiles(files), { ...quiet, pageSize: 1.5 }),
    (s) => s.SkillsExtension.load(s.memorySkillFiles(files), { ...quiet, limits: { bytes: -1 } }),
    (s) => s.SkillsExtension.load(s.memorySkillFiles(files), { ...quiet, prefix: "../up" }),
    (s) => s.SkillsExtension.load(s.memorySkillFiles(files), { ...quiet, cacheHint: { ttlMs: -5 } }),
    (s) => s.SkillsExtension.load(s.memorySkillFiles(files), { ...quiet, cacheHint: { cacheScope: "shared" } }),
    (s) => s.SkillsExtension.load(s.memorySkillFiles({ "../x/SKILL.md": "" }), quiet),
    async (s) => new s.SkillsExtension({ source: {}, baseUri: "relative/path" }),
    async (s) => new s.SkillsExtension({ source: {}, baseUri: "https://x.example/skills//" }).id,
    (s) => s.skillEntry("..", files),
    (s) => s.skillEntry("a", { "SKILL.md": SKILL_MD("b", "B") }),
    (s) => s.skillEntry("a", { "SKILL.md": "\uFEFF---\r\nname: a\r\ndescription: crlf\r\n---\r\n" }),
    (s) => s.skillEntry("a", { "SKILL.md": new Uint8Array([0xff]) }),
  ];
  for (const attempt of attempts) {
    assert.equal(await thrown(() => attempt(ours)), await thrown(() => attempt(official)), attempt.toString());
  }
  const entry = (s) => s.skillEntry("team/a", { "SKILL.md": SKILL_MD("a", "A"), "docs/x y.md": "x", "bin": new Uint8Array([1, 2]) }, { baseUri: "https://x.example/s/" });
  assert.deepEqual(await entry(ours), await entry(official));
  // Reload: what changed.
  const changes = async (s) => {
    const record = { "a/SKILL.md": SKILL_MD("a", "A"), "b/SKILL.md": SKILL_MD("b", "B"), "b/x.md": "x" };
    const catalog = await s.SkillsExtension.load(s.memorySkillFiles(record), quiet);
    record["c/SKILL.md"] = SKILL_MD("c", "C");
    delete record["a/SKILL.md"];
    record["b/x.md"] = "changed";
    const first = await catalog.reload();
    record["b/x.md"] = "changed again";
    const second = await catalog.reload();
    record["d/SKILL.md"] = "broken";
    const strictFailure = await thrown(() => s.SkillsExtension.load(s.memorySkillFiles(record), { strict: true, ...quiet }));
    return { first, second, strictFailure, entries: catalog.entries.map((e) => e.uri) };
  };
  assert.deepEqual(await changes(ours), await changes(official));
  // attach: after connecting, and a second extension on one server, are refused as the SDK refuses them.
  const { McpServer } = require("ferromcp");
  const mcp = new McpServer({ name: "s", version: "1" });
  const one = await ours.SkillsExtension.load(ours.memorySkillFiles(files), quiet);
  const two = await ours.SkillsExtension.load(ours.memorySkillFiles(files), quiet);
  one.attach(mcp);
  one.attach(mcp);
  assert.throws(() => two.attach(mcp), /another skills extension is already attached to this server/);
});

test("the skills entries load as CommonJS too", () => {
  const skills = require("ferromcp/ext/skills");
  const node = require("ferromcp/ext/skills/node");
  assert.equal(skills.SKILLS_EXTENSION_ID, official.SKILLS_EXTENSION_ID);
  assert.deepEqual(skills.SKILL_LIMITS, official.SKILL_LIMITS);
  assert.ok(Object.isFrozen(skills.SKILL_LIMITS));
  assert.equal(typeof node.loadSkills, "function");
  assert.equal(skills.SkillCatalog, ours.SkillCatalog);
});
