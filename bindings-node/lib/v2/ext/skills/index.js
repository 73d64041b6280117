"use strict";
// `@modelcontextprotocol/server/ext/skills`: the MCP skills extension (SEP-2640) — a catalog of
// skills (folders holding a `SKILL.md` and its files) served as `skills/list`, `skills/get`,
// `resources/directory/read` and `skill://` resources under the extension's capability. The
// wire constants are `@modelcontextprotocol/core`'s own, as the SDK re-exports them.

const {
  DIRECTORY_MIME_TYPE,
  RESOURCES_DIRECTORY_READ_METHOD,
  SKILLS_EXTENSION_ID,
  SKILLS_GET_METHOD,
  SKILLS_LIST_METHOD,
  SKILL_LIMITS,
} = require("@modelcontextprotocol/core/ext/skills");
const { SkillsExtension, SkillCatalog } = require("./extension.js");
const { SkillCatalogError } = require("./errors.js");
const { memorySkillFiles, splitRelativePath } = require("./catalog.js");
const { entryOf, joinUri, utf8 } = require("./entry.js");

/**
 * @typedef {import("./types.js").Skill} Skill
 * @typedef {import("./types.js").SkillWarning} SkillWarning
 * @typedef {import("./types.js").SkillReadResult} SkillReadResult
 * @typedef {import("./types.js").SkillSource} SkillSource
 * @typedef {import("./types.js").SkillsOptions} SkillsOptions
 * @typedef {import("./types.js").SkillSourceOptions} SkillSourceOptions
 * @typedef {import("./types.js").SkillFileEntry} SkillFileEntry
 * @typedef {import("./types.js").SkillFiles} SkillFiles
 * @typedef {import("./types.js").SkillCatalogOptions} SkillCatalogOptions
 * @typedef {import("./types.js").SkillCatalogChanges} SkillCatalogChanges
 */

/**
 * A valid entry — frontmatter, each file's digest and size, the rules checked — made of one
 * skill's files, keyed by their paths in its folder (`SKILL.md`, `references/GUIDE.md`): for
 * authors of a `SkillSource` who publish digests.
 * @param {string} skillPath the skill's folder (`pdf`, or `acme/pdf`)
 * @param {Record<string, string | Uint8Array>} files
 * @param {{baseUri?: string}} [options] `baseUri`: default `skill://`
 * @returns {Promise<Skill>}
 * @throws {SkillCatalogError} listing the entry's problems
 * @throws {TypeError} for a path that is empty or holds `..`
 */
async function skillEntry(skillPath, files, options = {}) {
  const folder = splitRelativePath(skillPath, "skillPath");
  const baseUri = options.baseUri ?? "skill://";
  const inputs = Object.entries(files).map(([path, content]) => ({
    uri: joinUri(baseUri, [...folder, ...splitRelativePath(path, "file path")]),
    bytes: typeof content === "string" ? utf8(content) : content,
  }));
  const { skill, problems } = entryOf(joinUri(baseUri, [...folder, "SKILL.md"]), inputs);
  if (skill === undefined || problems.length > 0) {
    throw new SkillCatalogError(problems.map((message) => ({ path: skillPath, message })));
  }
  return skill;
}

module.exports = {
  DIRECTORY_MIME_TYPE,
  RESOURCES_DIRECTORY_READ_METHOD,
  SKILLS_EXTENSION_ID,
  SKILLS_GET_METHOD,
  SKILLS_LIST_METHOD,
  SKILL_LIMITS,
  SkillCatalog,
  SkillCatalogError,
  SkillsExtension,
  memorySkillFiles,
  skillEntry,
};
