"use strict";
// Catalogs built from storage (`SkillsExtension.load(files)`): the `SkillFiles` adapters'
// contract and the in-memory one, the scan that turns a folder of skill folders into entries
// (metadata only: digests, sizes, folder listings), the pages of `skills/list` and
// `resources/directory/read`, and the source that serves a scan — every file read through the
// adapter again and served only while it matches its published digest.

const { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } = require("../../errors.js");
const { SkillCatalogError } = require("./errors.js");
const {
  utf8,
  textOf,
  digestOf,
  joinUri,
  canonicalUri,
  isCanonical,
  compareUris,
  mimeTypeOf,
  entryOf,
  entryProblems,
} = require("./entry.js");

const DIRECTORY_MIME_TYPE = "inode/directory";
const NOT_FOLLOWED = "symlinks and other special files are not followed; copy the file instead";

/** @param {unknown} e */
const reasonOf = (e) => (e instanceof Error ? e.message : String(e));

/**
 * The segments of a relative `/`-separated path (empty and `.` segments dropped); a `TypeError`
 * for a path with none, or with `..`.
 * @param {string} path
 * @param {string} label what the path is, for the message
 */
function splitRelativePath(path, label) {
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0 || segments.includes("..")) {
    throw new TypeError(`${label} must be a relative path without ".." (got ${JSON.stringify(path)})`);
  }
  return segments;
}

/**
 * A `SkillFiles` adapter over a record of paths (`"pdf/SKILL.md"`) to contents (text, or bytes).
 * The record's keys are read again whenever a scan starts (`list("")`), so `reload()` sees what
 * was added or removed since; other calls use that reading. Contents are read when asked for.
 * @param {Record<string, string | Uint8Array>} files
 * @returns {import("./types.js").SkillFiles}
 */
function memorySkillFiles(files) {
  /** @type {{folders: Map<string, Map<string, import("./types.js").SkillFileEntry>>, keys: Map<string, string>} | undefined} */
  let index;
  const reindex = () => {
    const folders = new Map();
    const keys = new Map();
    for (const key of Object.keys(files)) {
      const segments = splitRelativePath(key, "file path");
      let folder = "";
      segments.forEach((name, i) => {
        if (!folders.has(folder)) {
          folders.set(folder, new Map());
        }
        folders.get(folder).set(name, { name, kind: i < segments.length - 1 ? "directory" : "file" });
        folder = folder === "" ? name : `${folder}/${name}`;
      });
      keys.set(folder, key);
    }
    index = { folders, keys };
    return index;
  };
  return {
    async list(dir) {
      const children = (dir === "" ? reindex() : (index ?? reindex())).folders.get(dir);
      if (children === undefined) {
        if (dir === "") {
          return [];
        }
        throw new Error(`no such directory: ${dir}`);
      }
      return [...children.values()].map((entry) => ({ ...entry }));
    },
    async read(path) {
      // A key written `./a/b` or `a//b` is found by its normalised path.
      const key = Object.hasOwn(files, path) ? path : (index ?? reindex()).keys.get(path);
      const content = key === undefined ? undefined : files[key];
      if (content === undefined) {
        throw new Error(`no such file: ${path}`);
      }
      return typeof content === "string" ? utf8(content) : content;
    },
  };
}

// --- scanning ---

/** @param {string} path */
const baseName = (path) => path.slice(path.lastIndexOf("/") + 1);

/** @param {string} path */
const parentOf = (path) => {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
};

/**
 * Anything but a folder named exactly `SKILL.md` marks a skill (so a symlinked one is reported).
 * @param {{path: string, kind: string}} entry
 */
const isManifest = (entry) => entry.kind !== "directory" && baseName(entry.path) === "SKILL.md";

/**
 * @template K, V
 * @param {Map<K, V[]>} lists
 * @param {K} key
 * @param {V} value
 */
function pushTo(lists, key, value) {
  const list = lists.get(key);
  if (list === undefined) {
    lists.set(key, [value]);
  } else {
    list.push(value);
  }
}

/**
 * Every entry below the root that is not hidden (a name starting with `.`), depth first, each
 * folder's children in code-unit order. An adapter that cannot list a folder fails the scan.
 * @param {import("./types.js").SkillFiles} files
 */
async function scanTree(files) {
  /** @type {{path: string, kind: string}[]} */
  const tree = [];
  /** @param {string} dir */
  const visit = async (dir) => {
    let children;
    try {
      children = await files.list(dir);
    } catch (e) {
      throw new SkillCatalogError([{ path: dir === "" ? "." : dir, message: `cannot be listed: ${reasonOf(e)}` }]);
    }
    for (const child of [...children].sort((a, b) => compareUris(a.name, b.name))) {
      if (child.name.startsWith(".")) {
        continue;
      }
      const path = dir === "" ? child.name : `${dir}/${child.name}`;
      tree.push({ path, kind: child.kind });
      if (child.kind === "directory") {
        await visit(path);
      }
    }
  };
  await visit("");
  return tree;
}

/**
 * @param {import("./types.js").SkillFiles} files
 * @param {string} path
 */
async function readForScan(files, path) {
  try {
    return await files.read(path);
  } catch (e) {
    throw new SkillCatalogError([{ path, message: `cannot be read: ${reasonOf(e)}` }]);
  }
}

/**
 * @typedef {object} ScanOptions
 * @property {readonly string[]} prefix
 * @property {{files: number, bytes: number}} limits
 * @property {boolean} strict
 * @property {(warning: import("./types.js").SkillWarning) => void} warn
 *
 * @typedef {{path: string, uri: string, size: number, digest: string, mimeType: string}} CatalogFile
 *
 * @typedef {object} Snapshot what a catalog serves, made once per load or reload
 * @property {readonly any[]} ordered the entries, frozen, in URI order
 * @property {ReadonlyMap<string, any>} skills entries by `SKILL.md` URI
 * @property {ReadonlyMap<string, CatalogFile>} files published files by URI
 * @property {ReadonlyMap<string, readonly any[]>} dirs each published folder's children, by URI
 * @property {readonly any[]} listed what `resources/list` shows: each skill's `SKILL.md`
 */

/**
 * Scans storage into a snapshot. Problems with a skill skip it with a warning (`strict`:
 * collected and thrown together as a `SkillCatalogError`); storage failures always throw.
 * @param {import("./types.js").SkillFiles} files
 * @param {ScanOptions} options
 * @returns {Promise<Snapshot>}
 */
async function scanCatalog(files, options) {
  const tree = await scanTree(files);
  /** @type {import("./types.js").SkillWarning[]} */
  const problems = [];
  const report = (/** @type {import("./types.js").SkillWarning} */ warning) =>
    options.strict ? problems.push(warning) : options.warn(warning);
  const uriOf = (/** @type {string} */ path) => joinUri("skill://", [...options.prefix, ...path.split("/")]);

  for (const entry of tree) {
    const name = baseName(entry.path);
    if (entry.kind === "file" && name !== "SKILL.md" && name.toLowerCase() === "skill.md") {
      options.warn({ path: entry.path, message: "did you mean SKILL.md? File names are case-sensitive" });
    }
  }

  // What each skill folder holds (nested skills' entries included); a special file outside
  // every skill is reported here, as nothing else would mention it.
  const skillDirs = new Set(tree.filter(isManifest).map((entry) => parentOf(entry.path)));
  /** @type {Map<string, {path: string, kind: string}[]>} */
  const contents = new Map();
  for (const entry of tree) {
    let inSkill = false;
    for (let dir = parentOf(entry.path); dir !== ""; dir = parentOf(dir)) {
      if (skillDirs.has(dir)) {
        inSkill = true;
        pushTo(contents, dir, entry);
      }
    }
    if (!inSkill && entry.kind === "unsupported" && !isManifest(entry)) {
      report({ path: entry.path, message: `${NOT_FOLLOWED} (skipped)` });
    }
  }

  const built = [];
  /** @type {Map<string, {digest: string, size: number}>} */
  const hashed = new Map();
  // Innermost skills first, so that a file in nested skills is read and hashed once.
  const depth = (/** @type {string} */ path) => path.split("/").length;
  const manifests = tree.filter(isManifest).sort((a, b) => depth(b.path) - depth(a.path));
  for (const manifest of manifests) {
    const dir = parentOf(manifest.path);
    if (dir === "") {
      report({
        path: manifest.path,
        message: "a SKILL.md at the root has no skill path; point loadSkills (or your adapter) at its parent folder (skipped)",
      });
      continue;
    }
    const skill = await scanSkill(files, contents.get(dir) ?? [], dir, uriOf, options, report, hashed);
    if (skill !== undefined) {
      built.push(skill);
    }
  }
  if (problems.length > 0) {
    throw new SkillCatalogError(problems);
  }
  if (built.length === 0) {
    options.warn({ path: ".", message: "no skills found (a skill is a folder containing SKILL.md)" });
  }
  return snapshotOf(built, tree, uriOf);
}

/**
 * One skill folder: every name must have a URI form and nothing in it may be special; its files
 * are hashed, `SKILL.md` is read, and the entry listing them all is checked.
 * @param {import("./types.js").SkillFiles} files
 * @param {readonly {path: string, kind: string}[]} inside
 * @param {string} dir
 * @param {(path: string) => string} uriOf
 * @param {ScanOptions} options
 * @param {(warning: import("./types.js").SkillWarning) => void} report
 * @param {Map<string, {digest: string, size: number}>} hashed
 */
async function scanSkill(files, inside, dir, uriOf, options, report, hashed) {
  const special = inside.find((entry) => entry.kind === "unsupported");
  if (special !== undefined) {
    report({ path: special.path, message: `${NOT_FOLLOWED} (skill skipped)` });
    return undefined;
  }
  const manifestPath = `${dir}/SKILL.md`;
  /** @type {{uri: string, bytes: Uint8Array}[]} */
  const manifest = [];
  /** @type {CatalogFile[]} */
  const published = [];
  for (const entry of inside) {
    // Folders too: an empty folder's name appears in its parent's listing.
    let uri;
    try {
      uri = uriOf(entry.path);
    } catch (e) {
      if (!(e instanceof URIError)) {
        throw e;
      }
    }
    if (uri === undefined || !isCanonical(uri)) {
      report({ path: entry.path, message: "this name cannot be represented in a URI (skill skipped)" });
      return undefined;
    }
    if (entry.kind !== "file") {
      continue;
    }
    const own = entry.path === manifestPath;
    let hash = own ? undefined : hashed.get(entry.path);
    if (hash === undefined) {
      const bytes = await readForScan(files, entry.path);
      if (own) {
        manifest.push({ uri, bytes });
      }
      hash = { digest: digestOf(bytes), size: bytes.byteLength };
      hashed.set(entry.path, hash);
    }
    published.push({ path: entry.path, uri, ...hash, mimeType: mimeTypeOf(baseName(entry.path)) });
  }
  // `SKILL.md` read on its own; then the entry listing every file is what is checked.
  const parsed = entryOf(uriOf(manifestPath), manifest);
  const resources = published
    .map(({ uri, digest, size }) => ({ uri, digest, size }))
    .sort((a, b) => compareUris(a.uri, b.uri));
  const skill = parsed.skill === undefined ? undefined : { ...parsed.skill, resources };
  const problems = skill === undefined ? parsed.problems : entryProblems(skill);
  if (skill === undefined || problems.length > 0) {
    for (const message of problems) {
      report({ path: manifestPath, message: `${message} (skill skipped)` });
    }
    return undefined;
  }
  const bytes = published.reduce((sum, file) => sum + file.size, 0);
  if (published.length > options.limits.files || bytes > options.limits.bytes) {
    const remedy = options.strict ? "Raise limits to allow it" : "Set strict: true to fail instead, or raise limits";
    report({
      path: dir,
      message:
        `${published.length} files / ${bytes} bytes exceeds the limit of ${options.limits.files} files / ` +
        `${options.limits.bytes} bytes; some hosts may decline it. ${remedy}`,
    });
  }
  const manifestSize = published.find((file) => file.path === manifestPath)?.size ?? 0;
  return { dir, skill, files: published, manifestSize, inside };
}

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
function freezeDeep(value) {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      freezeDeep(child);
    }
  }
  return value;
}

/**
 * @param {readonly {dir: string, skill: any, files: readonly CatalogFile[], manifestSize: number, inside: readonly {path: string, kind: string}[]}[]} built
 * @param {readonly {path: string, kind: string}[]} tree
 * @param {(path: string) => string} uriOf
 * @returns {Snapshot}
 */
function snapshotOf(built, tree, uriOf) {
  // Frozen: entries are served as they are and handed out by `entries`; an edit must throw.
  const ordered = Object.freeze(built.map((b) => freezeDeep(b.skill)).sort((a, b) => compareUris(a.uri, b.uri)));
  /** @type {Map<string, CatalogFile>} */
  const files = new Map();
  const folders = new Set();
  for (const b of built) {
    for (const file of b.files) {
      files.set(file.uri, file);
    }
    folders.add(b.dir);
    for (const entry of b.inside) {
      if (entry.kind === "directory") {
        folders.add(entry.path);
      }
    }
  }
  /** @type {Map<string, {path: string, kind: string}[]>} */
  const childrenOf = new Map();
  for (const entry of tree) {
    pushTo(childrenOf, parentOf(entry.path), entry);
  }
  const dirs = new Map();
  for (const folder of folders) {
    const children = [];
    for (const entry of childrenOf.get(folder) ?? []) {
      if (entry.kind === "directory") {
        children.push({ uri: uriOf(entry.path), name: baseName(entry.path), mimeType: DIRECTORY_MIME_TYPE });
        continue;
      }
      const file = entry.kind === "file" ? files.get(uriOf(entry.path)) : undefined;
      if (file !== undefined) {
        children.push({ uri: file.uri, name: baseName(entry.path), mimeType: file.mimeType, size: file.size });
      }
    }
    dirs.set(uriOf(folder), children.sort((a, b) => compareUris(a.uri, b.uri)));
  }
  const listed = built
    .map((b) => ({
      uri: b.skill.uri,
      name: b.skill.frontmatter.name,
      description: b.skill.frontmatter.description,
      mimeType: "text/markdown",
      size: b.manifestSize,
    }))
    .sort((a, b) => compareUris(a.uri, b.uri));
  return { ordered, skills: new Map(ordered.map((skill) => [skill.uri, skill])), files, dirs, listed };
}

// --- pages ---

const CURSOR_PREFIX = "after:";

/**
 * The cursor of the page after `uri`: opaque, URL-safe (the SDK's own spelling).
 * @param {string} uri
 */
const cursorAfter = (uri) => Buffer.from(CURSOR_PREFIX + uri, "utf8").toString("base64url");

/**
 * The URI a cursor of ours points after; undefined for anything else.
 * @param {string} cursor
 */
function afterOf(cursor) {
  const standard = cursor.replaceAll("-", "+").replaceAll("_", "/");
  let binary;
  try {
    // `atob`, as strict as the SDK's decoding: a cursor it refuses is no cursor of ours.
    binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4));
  } catch {
    return undefined;
  }
  const text = textOf(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  return text?.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : undefined;
}

/**
 * The page of URI-sorted `items` after `cursor`. A cursor names the last URI served, so entries
 * added or removed meanwhile never shift a page boundary.
 * @template T
 * @param {readonly T[]} items
 * @param {string | undefined} cursor
 * @param {number} pageSize
 * @param {(item: T) => string} uriOf
 * @returns {{items: T[], nextCursor?: string}}
 */
function pageOf(items, cursor, pageSize, uriOf) {
  let start = 0;
  if (cursor !== undefined) {
    const after = afterOf(cursor);
    if (after === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, "Invalid cursor");
    }
    start = items.findIndex((item) => compareUris(uriOf(item), after) > 0);
    if (start === -1) {
      start = items.length;
    }
  }
  const end = Math.min(items.length, start + pageSize);
  const page = items.slice(start, end);
  return end < items.length && page.length > 0 ? { items: page, nextCursor: cursorAfter(uriOf(page[page.length - 1])) } : { items: page };
}

/** @param {number | undefined} pageSize */
function checkedPageSize(pageSize) {
  if (pageSize === undefined) {
    return 100;
  }
  if (pageSize === Number.POSITIVE_INFINITY || (Number.isSafeInteger(pageSize) && pageSize > 0)) {
    return pageSize;
  }
  throw new RangeError(`pageSize must be a positive integer or Infinity (got ${pageSize})`);
}

// --- serving a scan ---

// Sources whose entries ferromcp built and checked itself: not checked again per request.
const trustedSources = new WeakSet();

/**
 * The `SkillSource` of a catalog: `state.current` is the snapshot served (a reload swaps it).
 * @param {{current: Snapshot}} state
 * @param {import("./types.js").SkillFiles} files
 * @param {number} pageSize
 * @param {(warning: import("./types.js").SkillWarning) => void} warn
 * @returns {import("./types.js").SkillSource}
 */
function snapshotSource(state, files, pageSize, warn) {
  /** @param {string} uri */
  const lookup = (uri) => canonicalUri(uri);
  /** @type {import("./types.js").SkillSource} */
  const source = {
    async list({ cursor }) {
      const page = pageOf(state.current.ordered, cursor, pageSize, (skill) => skill.uri);
      return page.nextCursor === undefined ? { skills: page.items } : { skills: page.items, nextCursor: page.nextCursor };
    },
    async get(uri) {
      const key = lookup(uri);
      return key === undefined ? undefined : state.current.skills.get(key);
    },
    read: (uri) => readPublished(state.current, files, uri, warn),
    async readDirectory(uri, { cursor }) {
      const key = lookup(uri);
      const children = key === undefined ? undefined : state.current.dirs.get(key);
      if (children === undefined) {
        return undefined;
      }
      const page = pageOf(children, cursor, pageSize, (child) => child.uri);
      return page.nextCursor === undefined ? { resources: page.items } : { resources: page.items, nextCursor: page.nextCursor };
    },
    async listResources() {
      return [...state.current.listed];
    },
  };
  trustedSources.add(source);
  return source;
}

/**
 * A published file, read through the adapter and served only if it still has the size and
 * digest its entry lists: `text` when its bytes are UTF-8 (whatever the MIME type), else bytes.
 * @param {Snapshot} snapshot
 * @param {import("./types.js").SkillFiles} files
 * @param {string} uri
 * @param {(warning: import("./types.js").SkillWarning) => void} warn
 * @returns {Promise<import("./types.js").SkillReadResult | undefined>}
 */
async function readPublished(snapshot, files, uri, warn) {
  const key = canonicalUri(uri);
  const file = key === undefined ? undefined : snapshot.files.get(key);
  if (file === undefined) {
    if (key !== undefined && snapshot.dirs.has(key)) {
      throw new ResourceNotFoundError(uri, `${uri} is a directory; use resources/directory/read`);
    }
    return undefined;
  }
  let bytes;
  try {
    bytes = await files.read(file.path);
  } catch (e) {
    warn({ path: file.path, message: `could not be read: ${reasonOf(e)}` });
    throw new ProtocolError(ProtocolErrorCode.InternalError, `${uri} could not be read`);
  }
  if (bytes.byteLength !== file.size || digestOf(bytes) !== file.digest) {
    warn({ path: file.path, message: "changed since the catalog was loaded; call reload()" });
    throw new ProtocolError(ProtocolErrorCode.InternalError, `${uri} changed since the skills catalog was loaded`);
  }
  const text = textOf(bytes);
  return text === undefined ? { bytes, mimeType: file.mimeType } : { text, mimeType: file.mimeType };
}

module.exports = {
  DIRECTORY_MIME_TYPE,
  splitRelativePath,
  memorySkillFiles,
  scanCatalog,
  checkedPageSize,
  snapshotSource,
  trustedSources,
};
