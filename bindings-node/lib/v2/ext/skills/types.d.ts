/**
 * A problem found while building or serving skills; `path` names the file, folder or URI.
 */
export type SkillWarning = {
    path: string;
    message: string;
};
/**
 * A skill file's content: text (sent as `text`) or bytes (sent as a base64 `blob`).
 */
export type SkillReadResult = {
    text: string;
    mimeType?: string;
} | {
    bytes: Uint8Array;
    mimeType?: string;
};
/**
 * A skill entry as `skills/list` and `skills/get` send it.
 */
export type Skill = {
    /**
     * the skill's `SKILL.md` URI
     */
    uri: string;
    frontmatter: {
        name: string;
        description: string;
        [key: string]: unknown;
    };
    resources: {
        uri: string;
        digest: string;
        size: number;
    }[] | "dynamic";
    _meta?: Record<string, unknown> | undefined;
};
/**
 * A resource as `resources/list` and `resources/directory/read` list it.
 */
export type SkillResource = {
    uri: string;
    name: string;
    title?: string;
    description?: string;
    mimeType?: string;
    size?: number;
    [key: string]: unknown;
};
/**
 * A catalog of your own (per user, made per request, too large to enumerate, or "dynamic").
 */
export type SkillSource = {
    /**
     *   one page of entries (an empty or partial listing is allowed)
     */
    list: (params: {
        cursor?: string;
    }, ctx: any) => Promise<{
        skills: Skill[];
        nextCursor?: string;
    }>;
    /**
     *   the entry whose `SKILL.md` is at `uri`, listed or not; undefined when none is served
     */
    get: (uri: string, ctx: any) => Promise<Skill | undefined>;
    /**
     *   a skill file's content; undefined when no such file is served
     */
    read: (uri: string, ctx: any) => Promise<SkillReadResult | undefined>;
    /**
     * the direct children of a directory resource, undefined when `uri` is none; having it
     * declares `directoryRead`
     */
    readDirectory?: ((uri: string, params: {
        cursor?: string;
    }, ctx: any) => Promise<{
        resources: SkillResource[];
        nextCursor?: string;
    } | undefined>) | undefined;
    /**
     * what `resources/list` shows (a small set, not paged); without it, nothing
     */
    listResources?: ((ctx: any) => Promise<SkillResource[]>) | undefined;
};
export type SkillsOptions = {
    /**
     * the cache fields of skills/list, skills/get, directory reads and skill files for 2026-07-28
     * clients (default `0` / `private`)
     */
    cacheHint?: {
        ttlMs?: number;
        cacheScope?: "public" | "private";
    } | undefined;
    /**
     * problems that are otherwise warnings are errors (default false)
     */
    strict?: boolean | undefined;
    /**
     * where warnings go (default: stderr)
     */
    onWarning?: ((warning: SkillWarning) => void) | undefined;
};
/**
 * `baseUri`: every URI the source serves starts with it (default `skill://`)
 */
export type SkillSourceOptions = SkillsOptions & {
    source: SkillSource;
    baseUri?: string;
};
/**
 * One child of a folder. `unsupported`: a symlink or another special file (a catalog skips the
 * skill holding one).
 */
export type SkillFileEntry = {
    name: string;
    kind: "file" | "directory" | "unsupported";
};
/**
 * The storage a catalog is built from: relative `/`-separated paths (`""` is the root).
 */
export type SkillFiles = {
    list: (dir: string) => Promise<SkillFileEntry[]>;
    read: (path: string) => Promise<Uint8Array>;
};
/**
 * `prefix`: `"acme"` serves `skill://acme/<skill>/…`; `pageSize`: entries per `skills/list`
 * and directory page, a positive integer or `Infinity` (default 100); `limits`: per skill
 * (default `SKILL_LIMITS`: 512 files, 16 MiB), beyond them a warning (an error under `strict`)
 */
export type SkillCatalogOptions = SkillsOptions & {
    prefix?: string;
    pageSize?: number;
    limits?: {
        files?: number;
        bytes?: number;
    };
};
/**
 * What a `reload()` changed (`SKILL.md` URIs). `listChanged`: a skill was added or removed, or a
 * `SKILL.md`'s name or description changed — clients were told (`resources/list_changed`).
 */
export type SkillCatalogChanges = {
    added: string[];
    removed: string[];
    changed: string[];
    listChanged: boolean;
};
