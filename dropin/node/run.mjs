// The Node drop-in survey: published npm servers, pinned, each installed twice — as published
// (on the official SDK it depends on, 1.x's `sdk` or v2's `server`) and with the SDK replaced by
// ferromcp through npm `overrides` (the recipe the README gives users) — run unmodified, driven
// by the official client over stdio, every answer compared after replacing the work directory's
// path and the fixture files' times.
//
//   node dropin/node/run.mjs [--only key,key] [--no-install]
//
// Writes dropin/node/RESULTS.md and prints `N/M same`.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const chosen = SERVERS.filter((s) => !only || only.includes(s.key));

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
  return dir;
}

function entry(dir, pkgName) {
  const pkgDir = join(dir, "node_modules", pkgName);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : Object.values(pkg.bin ?? {})[0];
  return join(pkgDir, bin ?? pkg.main ?? "index.js");
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

const fill = (v, dir) => JSON.parse(JSON.stringify(v).replaceAll("{work}", dir));

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
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry(dir, server.pkg), ...fill(server.args ?? [], fixture)],
    env: { ...process.env, ...fill(server.env ?? {}, fixture) },
    cwd: fixture,
    stderr: "pipe",
  });
  const client = new Client({ name: "ferromcp-dropin", version: "1.0.0" }, { capabilities: {} });
  try {
    await client.connect(transport);
  } catch (e) {
    return { started: false, steps: [["initialize", { error: String(e.message ?? e) }]] };
  }
  steps.push(["initialize", { server: client.getServerVersion(), capabilities: client.getServerCapabilities(), instructions: client.getInstructions() }]);
  steps.push(["tools/list", await outcome(client.listTools())]);
  steps.push(["prompts/list", await outcome(client.listPrompts())]);
  steps.push(["resources/list", await outcome(client.listResources())]);
  steps.push(["resources/templates/list", await outcome(client.listResourceTemplates())]);
  for (const [name, a] of server.calls ?? []) {
    steps.push([`tools/call ${name}`, await outcome(client.callTool({ name, arguments: fill(a, fixture) }))]);
  }
  steps.push(["tools/call (unknown)", await outcome(client.callTool({ name: "no-such-tool", arguments: {} }))]);
  for (const uri of server.reads ?? []) {
    steps.push([`resources/read ${uri}`, await outcome(client.readResource({ uri }))]);
  }
  for (const [name, a] of server.prompts ?? []) {
    steps.push([`prompts/get ${name}`, await outcome(client.getPrompt({ name, arguments: a }))]);
  }
  steps.push(["ping", await outcome(client.ping())]);
  await client.close();
  // The fixture's path and the files' times differ between the two runs.
  const text = JSON.stringify(steps)
    .replaceAll(fixture, "{work}")
    .replace(/\w{3} \w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4} \([^)]*\)/g, "<time>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<time>");
  return { started: true, steps: JSON.parse(text) };
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
  let verdict = "same";
  let detail = `${a.steps.length} steps`;
  if (!b.started) {
    verdict = "fails to start";
    detail = b.steps[0][1].error.split("\n")[0];
  } else {
    const i = a.steps.findIndex((s, k) => !isDeepStrictEqual(s, b.steps[k]));
    if (i !== -1 || a.steps.length !== b.steps.length) {
      verdict = "differs";
      const k = i === -1 ? Math.min(a.steps.length, b.steps.length) : i;
      detail = `step ${k + 1} (${a.steps[k]?.[0] ?? b.steps[k]?.[0]})`;
      writeFileSync(join(work, `${server.key}.diff.json`), JSON.stringify({ official: a.steps[k], ferromcp: b.steps[k] }, null, 2));
    }
  }
  rows.push([server.key, `${server.pkg}@${server.version}`, sdkVersion(official, server), verdict, detail]);
  console.log(`${server.key}: ${verdict} (${detail})`);
}
const same = rows.filter((r) => r[3] === "same").length;
const table = [
  "| server | package | official SDK | on ferromcp | |",
  "|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
if (!only) {
  writeFileSync(
    join(here, "RESULTS.md"),
    `# Node drop-in survey\n\n\`node dropin/node/run.mjs\` on ${new Date().toISOString().slice(0, 10)}: **${same}/${rows.length} same**.\n\n${table}\n`,
  );
}
console.log(`${same}/${rows.length} same`);
