// Every public name of the official SDK's server-side modules, held against ferromcp's.
//
// For each module a server imports from `@modelcontextprotocol/sdk` 1.x (the `./server` entry
// and every `server/…`, `shared/…`, `types.js` and `inMemory.js` file the `./*` wildcard
// reaches, except those listed in EXCLUDED), the official module is loaded with `import()` and
// `require()`, and so is `ferromcp/<subpath>`. A name is served when ferromcp has it both ways
// and with the same kind (class, function, object, or a constant of the same type).
//
// tests/node/surface_pending.txt lists what is not served yet, one `subpath name` per line
// (`subpath *`: the module itself is missing). The test fails on anything missing that the
// file does not list, and on anything listed that is now served: the list only shrinks.
// `UPDATE_SURFACE=1 node --test tests/node/surface.test.mjs` rewrites it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const BASELINE = join(here, "surface_pending.txt");
const SDK = "@modelcontextprotocol/sdk";

// Modules the wildcard reaches that are not a server's surface, and why.
const EXCLUDED = new Map([
  // Internals of the SDK's own HTTP transports; ferromcp's core does this work.
  ["server/requestBody.js", "HTTP transport internals"],
  ["server/sseKeepAlive.js", "HTTP transport internals"],
]);

/**
 * The subpaths compared: the named ones a server imports (`server`, `validation`, its providers,
 * `experimental`), then every module file under server/, shared/, validation/ and experimental/,
 * types.js, inMemory.js.
 */
function subpaths() {
  const esm = dirname(fileURLToPath(import.meta.resolve(`${SDK}/types.js`)));
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (entry.name.endsWith(".js")) {
        files.push(relative(esm, path).split("\\").join("/"));
      }
    }
  };
  for (const dir of ["server", "shared", "validation", "experimental"]) {
    walk(join(esm, dir));
  }
  files.push("types.js", "inMemory.js");
  const named = ["server", "validation", "validation/ajv", "validation/cfworker", "experimental", "experimental/tasks"];
  return [...named, ...files.filter((f) => !EXCLUDED.has(f)).sort()];
}

/** class, function, object, or `constant <type>`. */
function kindOf(value) {
  if (typeof value === "function") {
    return /^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function";
  }
  if (value !== null && typeof value === "object") {
    return "object";
  }
  return `constant ${value === null ? "null" : typeof value}`;
}

/** name → kind, for a namespace from `import()` or an exports object from `require()`. */
function names(namespace) {
  const out = new Map();
  for (const name of Object.keys(namespace)) {
    if (name !== "default" && name !== "__esModule" && name !== "module.exports") {
      out.set(name, kindOf(namespace[name]));
    }
  }
  return out;
}

/** Both ways of loading `specifier`: { esm, cjs } name maps. */
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

/** What ferromcp lacks for one subpath: [name, why] pairs, and the number of official names. */
async function compare(subpath) {
  const official = await load(`${SDK}/${subpath}`);
  const expected = new Map([...official.cjs, ...official.esm]);
  if (!exists(`ferromcp/${subpath}`)) {
    return { total: expected.size, missing: [["*", "no such module"], ...[...expected.keys()].map((n) => [n, "missing"])] };
  }
  const ours = await load(`ferromcp/${subpath}`);
  const missing = [];
  for (const [name, kind] of expected) {
    const esm = ours.esm.get(name);
    const cjs = ours.cjs.get(name);
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

/** "subpath name" → the line's comment (after `#`), for every entry of the baseline. */
function readBaseline() {
  const listed = new Map();
  for (const raw of readFileSync(BASELINE, "utf8").split("\n")) {
    const hash = raw.indexOf("#");
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (line) {
      const [subpath, name] = line.split(/\s+/);
      listed.set(`${subpath} ${name}`, hash === -1 ? "" : raw.slice(hash + 1).trim());
    }
  }
  return listed;
}

test("ferromcp serves every public name of the SDK's server-side modules, as in the baseline", async (t) => {
  const rows = [];
  const missing = new Map(); // "subpath name" → why
  for (const subpath of subpaths()) {
    const r = await compare(subpath);
    for (const [name, why] of r.missing) {
      missing.set(`${subpath} ${name}`, why);
    }
    const pending = r.missing.filter(([n]) => n !== "*").length;
    rows.push([subpath, r.total, r.total - pending, pending]);
  }

  const width = Math.max(...rows.map((r) => r[0].length));
  const table = [`${"subpath".padEnd(width)}  official  served  pending`];
  for (const [subpath, total, served, pending] of rows) {
    table.push(`${subpath.padEnd(width)}  ${String(total).padStart(8)}  ${String(served).padStart(6)}  ${String(pending).padStart(7)}`);
  }
  const sum = (i) => rows.reduce((a, r) => a + r[i], 0);
  table.push(`${"total".padEnd(width)}  ${String(sum(1)).padStart(8)}  ${String(sum(2)).padStart(6)}  ${String(sum(3)).padStart(7)}`);
  for (const line of table) {
    t.diagnostic(line);
  }

  if (process.env.UPDATE_SURFACE) {
    // Entries still missing keep their comments (who is to add them, and why).
    const comments = readBaseline();
    const header = [
      "# Names of the official SDK's server-side modules that ferromcp does not serve yet:",
      "# `subpath name` (`subpath *`: the module is missing). Held by tests/node/surface.test.mjs;",
      "# the list only shrinks (UPDATE_SURFACE=1 rewrites it).",
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
  assert.deepEqual(unlisted, [], "missing from ferromcp and not in tests/node/surface_pending.txt");
  assert.deepEqual(served, [], "served now: remove these lines from tests/node/surface_pending.txt");
});
