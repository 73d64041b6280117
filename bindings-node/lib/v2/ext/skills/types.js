"use strict";
// The types of the skills extension (declarations only: this module exports no values).

/**
 * A problem found while building or serving skills; `path` names the file, folder or URI.
 * @typedef {{path: string, message: string}} SkillWarning
 */

/**
 * A skill file's content: text (sent as `text`) or bytes (sent as a base64 `blob`).
 * @typedef {{text: string, mimeType?: string} | {bytes: Uint8Array, mimeType?: string}} SkillReadResult
 */

/**
 * A skill entry as `skills/list` and `skills/get` send it.
 * @typedef {object} Skill
 * @property {string} uri the skill's `SKILL.md` URI
 * @property {{name: string, description: string, [key: string]: unknown}} frontmatter
 * @property {{uri: string, digest: string, size: number}[] | "dynamic"} resources
 * @property {Record<string, unknown>} [_meta]
 */

/**
 * A resource as `resources/list` and `resources/directory/read` list it.
 * @typedef {{uri: string, name: string, title?: string, description?: string, mimeType?: string, size?: number, [key: string]: unknown}} SkillResource
 */

/**
 * A catalog of your own (per user, made per request, too large to enumerate, or "dynamic").
 * @typedef {object} SkillSource
 * @property {(params: {cursor?: string}, ctx: any) => Promise<{skills: Skill[], nextCursor?: string}>} list
 *   one page of entries (an empty or partial listing is allowed)
 * @property {(uri: string, ctx: any) => Promise<Skill | undefined>} get
 *   the entry whose `SKILL.md` is at `uri`, listed or not; undefined when none is served
 * @property {(uri: string, ctx: any) => Promise<SkillReadResult | undefined>} read
 *   a skill file's content; undefined when no such file is served
 * @property {(uri: string, params: {cursor?: string}, ctx: any) => Promise<{resources: SkillResource[], nextCursor?: string} | undefined>} [readDirectory]
 *   the direct children of a directory resource, undefined when `uri` is none; having it
 *   declares `directoryRead`
 * @property {(ctx: any) => Promise<SkillResource[]>} [listResources]
 *   what `resources/list` shows (a small set, not paged); without it, nothing
 */

/**
 * @typedef {object} SkillsOptions
 * @property {{ttlMs?: number, cacheScope?: "public" | "private"}} [cacheHint]
 *   the cache fields of skills/list, skills/get, directory reads and skill files for 2026-07-28
 *   clients (default `0` / `private`)
 * @property {boolean} [strict] problems that are otherwise warnings are errors (default false)
 * @property {(warning: SkillWarning) => void} [onWarning] where warnings go (default: stderr)
 */

/**
 * @typedef {SkillsOptions & {source: SkillSource, baseUri?: string}} SkillSourceOptions
 *   `baseUri`: every URI the source serves starts with it (default `skill://`)
 */

/**
 * One child of a folder. `unsupported`: a symlink or another special file (a catalog skips the
 * skill holding one).
 * @typedef {{name: string, kind: "file" | "directory" | "unsupported"}} SkillFileEntry
 */

/**
 * The storage a catalog is built from: relative `/`-separated paths (`""` is the root).
 * @typedef {object} SkillFiles
 * @property {(dir: string) => Promise<SkillFileEntry[]>} list
 * @property {(path: string) => Promise<Uint8Array>} read
 */

/**
 * @typedef {SkillsOptions & {prefix?: string, pageSize?: number, limits?: {files?: number, bytes?: number}}} SkillCatalogOptions
 *   `prefix`: `"acme"` serves `skill://acme/<skill>/…`; `pageSize`: entries per `skills/list`
 *   and directory page, a positive integer or `Infinity` (default 100); `limits`: per skill
 *   (default `SKILL_LIMITS`: 512 files, 16 MiB), beyond them a warning (an error under `strict`)
 */

/**
 * What a `reload()` changed (`SKILL.md` URIs). `listChanged`: a skill was added or removed, or a
 * `SKILL.md`'s name or description changed — clients were told (`resources/list_changed`).
 * @typedef {{added: string[], removed: string[], changed: string[], listChanged: boolean}} SkillCatalogChanges
 */

module.exports = {};
