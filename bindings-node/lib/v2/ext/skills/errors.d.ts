/**
 * A catalog could not be built: storage failed (always), or skills have problems (under
 * `strict`). Every problem is in `problems`, one line each in the message. `instanceof` also
 * recognises the official package's errors of this class, by their brand.
 */
export class SkillCatalogError extends Error {
    /**
     * `value instanceof SkillCatalogError`, as a predicate called on the class.
     * @param {unknown} value
     * @returns {boolean}
     */
    static isInstance(value: unknown): boolean;
    /** @param {unknown} value */
    static [Symbol.hasInstance](value: unknown): boolean;
    /** @param {readonly import("./types.js").SkillWarning[]} problems */
    constructor(problems: readonly import("./types.js").SkillWarning[]);
    /** @type {readonly import("./types.js").SkillWarning[]} */
    problems: readonly import("./types.js").SkillWarning[];
}
/**
 * The default warning sink: stderr (stdout may be the stdio transport).
 * @param {import("./types.js").SkillWarning} warning
 */
export function warnOnStderr(warning: import("./types.js").SkillWarning): void;
