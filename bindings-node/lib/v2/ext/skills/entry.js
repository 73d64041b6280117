"use strict";
// Skill entries of the skills extension (SEP-2640): the `skill://` URIs a catalog serves, the
// digests and sizes it publishes, the MIME types it gives files, and the rules an entry must
// keep (the spec's and Agent Skills'), with the SDK's problem texts.

const { createHash } = require("node:crypto");
const { parseSkillMarkdown, FrontmatterError } = require("./frontmatter.js");

// --- bytes ---

const encoder = new TextEncoder();

/** @param {string} text */
const utf8 = (text) => encoder.encode(text);

/**
 * The text `bytes` hold when they are valid UTF-8 (a byte order mark kept), else undefined.
 * @param {Uint8Array} bytes
 */
function textOf(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** @param {Uint8Array} bytes */
const base64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

/**
 * `sha256:` and the lowercase hex SHA-256 of `bytes`.
 * @param {Uint8Array} bytes
 */
const digestOf = (bytes) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

// --- URIs ---

// What a path segment may hold unescaped: WHATWG URL's path set leaves these as they are; `%`,
// `/`, `\` and `^` (which Node 20 and 22 leave raw) are escaped too, so that a name is one segment.
const SEGMENT_SAFE = /[\w!$&'()*+,.:;=@[\]|~-]/;

/**
 * `text` with every character outside the segment-safe set percent-encoded as UTF-8 (a lone
 * surrogate throws `URIError`).
 * @param {string} text
 */
function escapeSegmentText(text) {
  let out = "";
  for (const c of text) {
    out += SEGMENT_SAFE.test(c) ? c : encodeURIComponent(c);
  }
  return out;
}

/**
 * One path segment for a URI: escaped, `.` and `..` spelled `%2E` so that they stay names.
 * @param {string} segment
 */
function segmentOf(segment) {
  return segment === "." || segment === ".." ? "%2E".repeat(segment.length) : escapeSegmentText(segment);
}

/**
 * `text` without the `/`s it ends with.
 * @param {string} text
 */
function withoutTrailingSlashes(text) {
  let end = text.length;
  while (end > 0 && text[end - 1] === "/") {
    end--;
  }
  return text.slice(0, end);
}

/**
 * `base` and the escaped segments, `/`-joined. A `scheme://` base takes the first segment as its
 * authority (escaped as a URI component).
 * @param {string} base
 * @param {readonly string[]} segments
 */
function joinUri(base, segments) {
  if (!base.endsWith("://")) {
    return `${withoutTrailingSlashes(base)}/${segments.map(segmentOf).join("/")}`;
  }
  if (segments.length === 0) {
    return base;
  }
  const [authority, ...path] = segments;
  return [base + encodeURIComponent(authority), ...path.map(segmentOf)].join("/");
}

/**
 * The WHATWG serialisation of `uri`, or undefined when it is no URL.
 * @param {string} uri
 */
function canonicalUri(uri) {
  try {
    return new URL(uri).href;
  } catch {
    return undefined;
  }
}

/** @param {string} uri */
const isCanonical = (uri) => canonicalUri(uri) === uri;

/**
 * The folder URI of a skill (no trailing slash), from its `…/SKILL.md` URI; undefined when the
 * URI names no folder.
 * @param {string} skillMdUri
 */
function skillRootOf(skillMdUri) {
  const canonical = canonicalUri(skillMdUri);
  const suffix = "/SKILL.md";
  if (canonical === undefined || !canonical.endsWith(suffix)) {
    return undefined;
  }
  const root = canonical.slice(0, -suffix.length);
  return root.endsWith("/") ? undefined : root;
}

/** @param {string} text */
function decodedOrSame(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The decoded name of the folder `rootUri` names: its last path segment, or its authority.
 * @param {string} rootUri
 */
function folderName(rootUri) {
  const url = new URL(rootUri);
  const path = url.pathname;
  return decodedOrSame(path === "" || path === "/" ? url.host : path.slice(path.lastIndexOf("/") + 1));
}

/**
 * Whether `uri` lies strictly below `rootUri`, each segment a real name (not empty, `.`, `..`,
 * and holding no `/` or NUL once decoded).
 * @param {string} rootUri
 * @param {string} uri
 */
function isBelow(rootUri, uri) {
  const canonical = canonicalUri(uri);
  if (canonical === undefined || !canonical.startsWith(`${rootUri}/`)) {
    return false;
  }
  for (const segment of canonical.slice(rootUri.length + 1).split("/")) {
    const name = decodedOrSame(segment);
    if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
      return false;
    }
  }
  return true;
}

/**
 * How many bytes a UTF-8 sequence starting with `lead` has.
 * @param {number} lead
 */
const sequenceLength = (lead) => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/**
 * One segment in the spelling every way of writing it shares: escapes that form UTF-8 are
 * decoded, the rest stand for a literal `%`, and the whole is escaped again.
 * @param {string} segment
 */
function segmentKey(segment) {
  let decoded = "";
  let i = 0;
  while (i < segment.length) {
    if (segment[i] !== "%" || !/^[\dA-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) {
      decoded += segment[i];
      i++;
      continue;
    }
    const size = 3 * sequenceLength(Number.parseInt(segment.slice(i + 1, i + 3), 16));
    const run = segment.slice(i, i + size);
    let chars;
    if (/^(?:%[\dA-Fa-f]{2})+$/.test(run) && run.length === size) {
      try {
        chars = decodeURIComponent(run);
      } catch {
        chars = undefined;
      }
    }
    if (chars === undefined) {
      decoded += "%";
      i += 1;
    } else {
      decoded += chars;
      i += size;
    }
  }
  return escapeSegmentText(decoded);
}

/**
 * The key two spellings of one file's URI below `rootUri` share (`Q&A.md`, `Q%26A.md`, with or
 * without a fragment); undefined when `uri` is no URL.
 * @param {string} rootUri
 * @param {string} uri
 */
function fileKey(rootUri, uri) {
  let url;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  url.hash = "";
  const canonical = url.href;
  if (canonical.includes("?") || !canonical.startsWith(`${rootUri}/`)) {
    return canonical;
  }
  return `${rootUri}/${canonical.slice(rootUri.length + 1).split("/").map(segmentKey).join("/")}`;
}

/**
 * Code-unit order: the one order of entries, folder children and cursors.
 * @param {string} a
 * @param {string} b
 */
const compareUris = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// --- MIME types ---

const MIME_TYPES = new Map(
  Object.entries({
    md: "text/markdown",
    markdown: "text/markdown",
    txt: "text/plain",
    json: "application/json",
    yaml: "application/yaml",
    yml: "application/yaml",
    py: "text/x-python",
    sh: "application/x-sh",
    bash: "application/x-sh",
    js: "text/javascript",
    mjs: "text/javascript",
    ts: "text/typescript",
    html: "text/html",
    css: "text/css",
    csv: "text/csv",
    xml: "application/xml",
    svg: "image/svg+xml",
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    gif: "image/gif",
    webp: "image/webp",
    pdf: "application/pdf",
  }),
);

/**
 * A file's MIME type by its extension; `application/octet-stream` for others (and for names
 * without one, or starting with their only dot).
 * @param {string} fileName
 */
function mimeTypeOf(fileName) {
  const dot = fileName.lastIndexOf(".");
  return (dot > 0 && MIME_TYPES.get(fileName.slice(dot + 1).toLowerCase())) || "application/octet-stream";
}

// --- entries ---

/** Agent Skills' name rule: lowercase letters and digits in runs joined by single hyphens. */
const SKILL_NAME = /^[\da-z]+(?:-[\da-z]+)*$/;

/**
 * Characters (code points) in `text`: the unit of Agent Skills' length limits.
 * @param {string} text
 */
const characters = (text) => [...text].length;

/** @param {unknown} value */
const isStringMap = (value) =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === "string");

/**
 * What is wrong with an entry by the spec's and Agent Skills' rules (none: valid).
 * @param {any} skill an entry whose shape is already checked
 * @returns {string[]}
 */
function entryProblems(skill) {
  const root = skillRootOf(skill.uri);
  if (root === undefined) {
    return [`uri "${skill.uri}" must be a URI ending in /SKILL.md inside a named directory`];
  }
  const problems = [];
  const frontmatter = skill.frontmatter;
  const { name, description, compatibility, metadata } = frontmatter;
  if (name.length === 0 || name.length > 64 || !SKILL_NAME.test(name)) {
    problems.push(`frontmatter name "${name}" must be 1-64 lowercase letters, digits and single hyphens`);
  } else if (folderName(root) !== name) {
    problems.push(`frontmatter name "${name}" must match the last path segment "${folderName(root)}"`);
  }
  if (description === "" || characters(description) > 1024) {
    problems.push("frontmatter description must be 1-1024 characters");
  }
  if (compatibility !== undefined && (typeof compatibility !== "string" || compatibility === "" || characters(compatibility) > 500)) {
    problems.push("frontmatter compatibility must be a string of 1-500 characters");
  }
  if (metadata !== undefined && !isStringMap(metadata)) {
    problems.push("frontmatter metadata must map strings to strings");
  }
  if (skill.resources === "dynamic") {
    return problems;
  }
  const self = canonicalUri(skill.uri);
  const keys = new Set();
  let listsSelf = false;
  for (const { uri } of skill.resources) {
    const canonical = canonicalUri(uri);
    if (canonical === undefined) {
      problems.push(`resource "${uri}" is not a valid URI`);
      continue;
    }
    // In a canonical URI a raw `?` or `#` can only start a query or a fragment.
    if (canonical.includes("?") || canonical.includes("#")) {
      problems.push(`resource "${uri}" must not have a query or fragment`);
      continue;
    }
    const key = fileKey(root, canonical) ?? canonical;
    if (keys.has(key)) {
      problems.push(`resource "${uri}" is listed more than once`);
    }
    keys.add(key);
    if (canonical === self) {
      listsSelf = true;
    } else if (!isBelow(root, uri)) {
      problems.push(`resource "${uri}" is outside the skill directory ${root}`);
    }
  }
  if (!listsSelf) {
    problems.push(`resources must include ${skill.uri}`);
  }
  return problems;
}

/** The wire schema of an entry (the SDK's, from `@modelcontextprotocol/core`), loaded on first use. */
let skillSchema;

/**
 * What is wrong with a value offered as an entry (by a `SkillSource`): its shape, then the rules.
 * @param {unknown} value
 * @returns {string[]}
 */
function offeredEntryProblems(value) {
  skillSchema ??= require("@modelcontextprotocol/core/ext/skills").SkillSchema;
  const parsed = skillSchema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.map((/** @type {any} */ issue) => `${issue.path.join(".") || "(entry)"}: ${issue.message}`);
  }
  return entryProblems(parsed.data);
}

/**
 * An entry made of a skill's files (`SKILL.md` among them): frontmatter read, each file's digest
 * and size listed in URI order, then checked.
 * @param {string} skillMdUri
 * @param {readonly {uri: string, bytes: Uint8Array}[]} files
 * @returns {{skill?: any, problems: string[]}}
 */
function entryOf(skillMdUri, files) {
  const manifest = files.find((file) => file.uri === skillMdUri);
  if (manifest === undefined) {
    return { problems: ["SKILL.md is missing"] };
  }
  const text = textOf(manifest.bytes);
  if (text === undefined) {
    return { problems: ["SKILL.md is not valid UTF-8"] };
  }
  let frontmatter;
  try {
    frontmatter = parseSkillMarkdown(text).frontmatter;
  } catch (e) {
    if (e instanceof FrontmatterError) {
      return { problems: [`SKILL.md frontmatter: ${e.message}`] };
    }
    throw e;
  }
  if (typeof frontmatter.name !== "string" || typeof frontmatter.description !== "string") {
    return { problems: ['SKILL.md frontmatter must contain string "name" and "description"'] };
  }
  const resources = files
    .map((file) => ({ uri: file.uri, digest: digestOf(file.bytes), size: file.bytes.byteLength }))
    .sort((a, b) => compareUris(a.uri, b.uri));
  const skill = { uri: skillMdUri, frontmatter, resources };
  return { skill, problems: entryProblems(skill) };
}

module.exports = {
  utf8,
  textOf,
  base64,
  digestOf,
  joinUri,
  canonicalUri,
  isCanonical,
  withoutTrailingSlashes,
  compareUris,
  mimeTypeOf,
  entryProblems,
  offeredEntryProblems,
  entryOf,
};
