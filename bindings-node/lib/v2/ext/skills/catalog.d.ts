export type ScanOptions = {
    prefix: readonly string[];
    limits: {
        files: number;
        bytes: number;
    };
    strict: boolean;
    warn: (warning: import("./types.js").SkillWarning) => void;
};
export type CatalogFile = {
    path: string;
    uri: string;
    size: number;
    digest: string;
    mimeType: string;
};
/**
 * what a catalog serves, made once per load or reload
 */
export type Snapshot = {
    /**
     * the entries, frozen, in URI order
     */
    ordered: readonly any[];
    /**
     * entries by `SKILL.md` URI
     */
    skills: ReadonlyMap<string, any>;
    /**
     * published files by URI
     */
    files: ReadonlyMap<string, CatalogFile>;
    /**
     * each published folder's children, by URI
     */
    dirs: ReadonlyMap<string, readonly any[]>;
    /**
     * what `resources/list` shows: each skill's `SKILL.md`
     */
    listed: readonly any[];
};
export const DIRECTORY_MIME_TYPE: "inode/directory";
/**
 * The segments of a relative `/`-separated path (empty and `.` segments dropped); a `TypeError`
 * for a path with none, or with `..`.
 * @param {string} path
 * @param {string} label what the path is, for the message
 */
export function splitRelativePath(path: string, label: string): string[];
/**
 * A `SkillFiles` adapter over a record of paths (`"pdf/SKILL.md"`) to contents (text, or bytes).
 * The record's keys are read again whenever a scan starts (`list("")`), so `reload()` sees what
 * was added or removed since; other calls use that reading. Contents are read when asked for.
 * @param {Record<string, string | Uint8Array>} files
 * @returns {import("./types.js").SkillFiles}
 */
export function memorySkillFiles(files: Record<string, string | Uint8Array>): import("./types.js").SkillFiles;
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
export function scanCatalog(files: import("./types.js").SkillFiles, options: ScanOptions): Promise<Snapshot>;
/** @param {number | undefined} pageSize */
export function checkedPageSize(pageSize: number | undefined): number;
/**
 * The `SkillSource` of a catalog: `state.current` is the snapshot served (a reload swaps it).
 * @param {{current: Snapshot}} state
 * @param {import("./types.js").SkillFiles} files
 * @param {number} pageSize
 * @param {(warning: import("./types.js").SkillWarning) => void} warn
 * @returns {import("./types.js").SkillSource}
 */
export function snapshotSource(state: {
    current: Snapshot;
}, files: import("./types.js").SkillFiles, pageSize: number, warn: (warning: import("./types.js").SkillWarning) => void): import("./types.js").SkillSource;
export const trustedSources: WeakSet<object>;
