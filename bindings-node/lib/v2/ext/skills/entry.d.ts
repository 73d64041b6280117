/** @param {string} text */
export function utf8(text: string): Uint8Array<ArrayBuffer>;
/**
 * The text `bytes` hold when they are valid UTF-8 (a byte order mark kept), else undefined.
 * @param {Uint8Array} bytes
 */
export function textOf(bytes: Uint8Array): string | undefined;
/** @param {Uint8Array} bytes */
export function base64(bytes: Uint8Array): any;
/**
 * `sha256:` and the lowercase hex SHA-256 of `bytes`.
 * @param {Uint8Array} bytes
 */
export function digestOf(bytes: Uint8Array): string;
/**
 * `base` and the escaped segments, `/`-joined. A `scheme://` base takes the first segment as its
 * authority (escaped as a URI component).
 * @param {string} base
 * @param {readonly string[]} segments
 */
export function joinUri(base: string, segments: readonly string[]): string;
/**
 * The WHATWG serialisation of `uri`, or undefined when it is no URL.
 * @param {string} uri
 */
export function canonicalUri(uri: string): string | undefined;
/** @param {string} uri */
export function isCanonical(uri: string): boolean;
/**
 * `text` without the `/`s it ends with.
 * @param {string} text
 */
export function withoutTrailingSlashes(text: string): string;
/**
 * Code-unit order: the one order of entries, folder children and cursors.
 * @param {string} a
 * @param {string} b
 */
export function compareUris(a: string, b: string): 1 | -1 | 0;
/**
 * A file's MIME type by its extension; `application/octet-stream` for others (and for names
 * without one, or starting with their only dot).
 * @param {string} fileName
 */
export function mimeTypeOf(fileName: string): string;
/**
 * What is wrong with an entry by the spec's and Agent Skills' rules (none: valid).
 * @param {any} skill an entry whose shape is already checked
 * @returns {string[]}
 */
export function entryProblems(skill: any): string[];
/**
 * What is wrong with a value offered as an entry (by a `SkillSource`): its shape, then the rules.
 * @param {unknown} value
 * @returns {string[]}
 */
export function offeredEntryProblems(value: unknown): string[];
/**
 * An entry made of a skill's files (`SKILL.md` among them): frontmatter read, each file's digest
 * and size listed in URI order, then checked.
 * @param {string} skillMdUri
 * @param {readonly {uri: string, bytes: Uint8Array}[]} files
 * @returns {{skill?: any, problems: string[]}}
 */
export function entryOf(skillMdUri: string, files: readonly {
    uri: string;
    bytes: Uint8Array;
}[]): {
    skill?: any;
    problems: string[];
};
