export type Skill = import("./types.js").Skill;
export type SkillWarning = import("./types.js").SkillWarning;
export type SkillReadResult = import("./types.js").SkillReadResult;
export type SkillSource = import("./types.js").SkillSource;
export type SkillsOptions = import("./types.js").SkillsOptions;
export type SkillSourceOptions = import("./types.js").SkillSourceOptions;
export type SkillFileEntry = import("./types.js").SkillFileEntry;
export type SkillFiles = import("./types.js").SkillFiles;
export type SkillCatalogOptions = import("./types.js").SkillCatalogOptions;
export type SkillCatalogChanges = import("./types.js").SkillCatalogChanges;
import { DIRECTORY_MIME_TYPE } from "@modelcontextprotocol/core/ext/skills";
import { RESOURCES_DIRECTORY_READ_METHOD } from "@modelcontextprotocol/core/ext/skills";
import { SKILLS_EXTENSION_ID } from "@modelcontextprotocol/core/ext/skills";
import { SKILLS_GET_METHOD } from "@modelcontextprotocol/core/ext/skills";
import { SKILLS_LIST_METHOD } from "@modelcontextprotocol/core/ext/skills";
import { SKILL_LIMITS } from "@modelcontextprotocol/core/ext/skills";
import { SkillCatalog } from "./extension.js";
import { SkillCatalogError } from "./errors.js";
import { SkillsExtension } from "./extension.js";
import { memorySkillFiles } from "./catalog.js";
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
export function skillEntry(skillPath: string, files: Record<string, string | Uint8Array>, options?: {
    baseUri?: string;
}): Promise<Skill>;
export { DIRECTORY_MIME_TYPE, RESOURCES_DIRECTORY_READ_METHOD, SKILLS_EXTENSION_ID, SKILLS_GET_METHOD, SKILLS_LIST_METHOD, SKILL_LIMITS, SkillCatalog, SkillCatalogError, SkillsExtension, memorySkillFiles };
