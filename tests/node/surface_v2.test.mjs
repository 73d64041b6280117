// Every public name of the official v2 server packages, held against ferromcp's.
//
// `@modelcontextprotocol/server` 2.4 (its root and every subpath its package.json exports, but
// `./_shims`, a runtime shim) is what `"@modelcontextprotocol/server": "npm:ferromcp@…"` makes
// ferromcp serve: `ferromcp` and `ferromcp/<subpath>`. The adapters `@modelcontextprotocol/node`
// and `@modelcontextprotocol/express` are served at `ferromcp/node` and `ferromcp/express`.
// Each is loaded with `import()` and `require()`; a name is served when ferromcp has it both ways
// with the same kind (class, function, object, or a constant of the same type).
//
// tests/node/surface_v2_pending.txt lists what is not served yet (`entry name`; `entry *`: the
// module is missing). The test fails on anything missing that the file does not list, and on
// anything listed that is now served: the list only shrinks.
// `UPDATE_SURFACE=1 node --test tests/node/surface_v2.test.mjs` rewrites it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const BASELINE = join(here, "surface_v2_pending.txt");
const SERVER = "@modelcontextprotocol/server";

/** [official specifier, ferromcp specifier], from the installed package's own exports. */
function entries() {
  // The package exports no `./package.json`: found from its main file.
  let dir = dirname(require.resolve(SERVER));
  while (!existsSync(join(dir, "package.json"))) {
    dir = dirname(dir);
  }
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const out = [];
  for (const key of Object.keys(manifest.exports)) {
    if (key === "./_shims" || key === "./package.json") {
      continue;
    }
    const sub = key === "." ? "" : key.slice(1);
    out.push([`${SERVER}${sub}`, `ferromcp${sub}`]);
  }
  out.push(["@modelcontextprotocol/node", "ferromcp/node"], ["@modelcontextprotocol/express", "ferromcp/express"]);
  return out;
}

function kindOf(value) {
  if (typeof value === "function") {
    return /^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function";
  }
  if (value !== null && typeof value === "object") {
    return "object";
  }
  return `constant ${value === null ? "null" : typeof value}`;
}

function names(namespace) {
  const out = new Map();
  for (const name of Object.keys(namespace)) {
    if (name !== "default" && name !== "__esModule" && name !== "module.exports") {
      out.set(name, kindOf(namespace[name]));
    }
  }
  return out;
}

async function load(specifier) {
  return { esm: names(await import(specifier)), cjs: names(require(specifier)) };
}

function exists(specifier) {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

async function compare(official, ours) {
  const theirs = await load(official);
  const expected = new Map([...theirs.cjs, ...theirs.esm]);
  if (!exists(ours)) {
    return { total: expected.size, missing: [["*", "no such module"], ...[...expected.keys()].map((n) => [n, "missing"])] };
  }
  const have = await load(ours);
  const missing = [];
  for (const [name, kind] of expected) {
    const esm = have.esm.get(name);
    const cjs = have.cjs.get(name);
    if (esm === undefined && cjs === undefined) {
      missing.push([name, "missing"]);
    } else if (esm === undefined || cjs === undefined) {
      missing.push([name, `missing from ${esm === undefined ? "import()" : "require()"}`]);
    } else if (esm !== kind || cjs !== kind) {
      missing.push([name, `kind: ${esm}, official: ${kind}`]);
    }
  }
  return { total: expected.size, missing };
}

function readBaseline() {
  const listed = new Map();
  for (const raw of readFileSync(BASELINE, "utf8").split("\n")) {
    const hash = raw.indexOf("#");
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (line) {
      const [entry, name] = line.split(/\s+/);
      listed.set(`${entry} ${name}`, hash === -1 ? "" : raw.slice(hash + 1).trim());
    }
  }
  return listed;
}

test("ferromcp serves every public name of the v2 server packages, as in the baseline", async (t) => {
  const rows = [];
  const missing = new Map();
  for (const [official, ours] of entries()) {
    const r = await compare(official, ours);
    for (const [name, why] of r.missing) {
      missing.set(`${official} ${name}`, why);
    }
    const pending = r.missing.filter(([n]) => n !== "*").length;
    rows.push([official, r.total, r.total - pending, pending]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  t.diagnostic(`${"entry".padEnd(width)}  official  served  pending`);
  for (const [entry, total, served, pending] of rows) {
    t.diagnostic(`${entry.padEnd(width)}  ${String(total).padStart(8)}  ${String(served).padStart(6)}  ${String(pending).padStart(7)}`);
  }
  const sum = (i) => rows.reduce((a, r) => a + r[i], 0);
  t.diagnostic(`${"total".padEnd(width)}  ${String(sum(1)).padStart(8)}  ${String(sum(2)).padStart(6)}  ${String(sum(3)).padStart(7)}`);

  if (process.env.UPDATE_SURFACE) {
    const comments = readBaseline();
    const header = [
      "# Names of the official v2 server packages that ferromcp does not serve yet: `entry name`",
      "# (`entry *`: the module is missing). Held by tests/node/surface_v2.test.mjs; the list only",
      "# shrinks (UPDATE_SURFACE=1 rewrites it).",
    ];
    const body = [...missing].map(([key, why]) => {
      const comment = comments.get(key) || (why === "missing" ? "" : why);
      return comment ? `${key}  # ${comment}` : key;
    });
    writeFileSync(BASELINE, [...header, ...body, ""].join("\n"));
  }

  const listed = readBaseline();
  const unlisted = [...missing].filter(([key]) => !listed.has(key)).map(([key, why]) => `${key} (${why})`);
  const served = [...listed.keys()].filter((key) => !missing.has(key));
  assert.deepEqual(unlisted, [], "missing from ferromcp and not in tests/node/surface_v2_pending.txt");
  assert.deepEqual(served, [], "served now: remove these lines from tests/node/surface_v2_pending.txt");
});
