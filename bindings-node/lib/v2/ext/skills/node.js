"use strict";
// `@modelcontextprotocol/server/ext/skills/node`: skills served from a folder on disk — the
// skills extension's only module that uses Node's file system.

const { constants } = require("node:fs");
const { open, readdir } = require("node:fs/promises");
const path = require("node:path");
const { SkillsExtension } = require("./extension.js");
const { splitRelativePath } = require("./catalog.js");

/** @param {string} relative */
const leavesRoot = (relative) =>
  new TypeError(`path must be a relative path that stays inside the skills folder (got ${JSON.stringify(relative)})`);

/**
 * Where the adapter path `relative` is under `base`; a `TypeError` for a path that could leave
 * it (a `..` segment, also `..\` on Windows).
 * @param {string} base
 * @param {string} relative
 */
function insideRoot(base, relative) {
  if (relative === "") {
    return base;
  }
  const segments = splitRelativePath(relative, "path");
  if (segments.some((segment) => segment.split(path.sep).includes(".."))) {
    throw leavesRoot(relative);
  }
  const full = path.join(base, ...segments);
  const back = path.relative(base, full);
  if (back === ".." || back.startsWith(`..${path.sep}`) || path.isAbsolute(back)) {
    throw leavesRoot(relative);
  }
  return full;
}

/**
 * A `SkillFiles` adapter over the folder `root`. `list` reports symlinks and other special
 * files as `unsupported` (a catalog skips the skill holding one); `read` refuses anything but a
 * regular file, and a symlink as the last component where the platform has `O_NOFOLLOW`
 * (symlinked folders higher up a path passed to it directly are not checked). Both throw a
 * `TypeError` for a path that could leave `root`.
 * @param {string} root
 * @returns {import("./types.js").SkillFiles}
 */
function nodeSkillFiles(root) {
  const base = path.resolve(root);
  return {
    async list(dir) {
      const children = await readdir(insideRoot(base, dir), { withFileTypes: true });
      return children.map((child) => ({
        name: child.name,
        kind: child.isFile() ? "file" : child.isDirectory() ? "directory" : "unsupported",
      }));
    },
    async read(relative) {
      // O_NOFOLLOW also refuses a final symlink that appeared after the folder was listed.
      const handle = await open(insideRoot(base, relative), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      try {
        if (!(await handle.stat()).isFile()) {
          throw new Error(`${relative} is not a regular file`);
        }
        const buffer = await handle.readFile();
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Every skill under `root` (a folder of skill folders, each holding a `SKILL.md`) as a
 * `SkillCatalog`: `SkillsExtension.load(nodeSkillFiles(root), options)`.
 * @example
 *   const skills = await loadSkills("./skills");
 *   skills.attach(mcp);
 * @param {string} root
 * @param {import("./types.js").SkillCatalogOptions} [options]
 * @returns {Promise<import("./extension.js").SkillCatalog>}
 */
function loadSkills(root, options) {
  return SkillsExtension.load(nodeSkillFiles(root), options);
}

module.exports = { loadSkills, nodeSkillFiles };
