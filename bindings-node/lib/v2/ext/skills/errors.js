"use strict";
// `SkillCatalogError` of the skills extension, and where warnings go by default.

const { brand, branded, stamp } = require("../../errors.js");

/**
 * A catalog could not be built: storage failed (always), or skills have problems (under
 * `strict`). Every problem is in `problems`, one line each in the message. `instanceof` also
 * recognises the official package's errors of this class, by their brand.
 */
class SkillCatalogError extends Error {
  /** @param {unknown} value */
  static [Symbol.hasInstance](value) {
    return branded(this, value);
  }

  /**
   * `value instanceof SkillCatalogError`, as a predicate called on the class.
   * @param {unknown} value
   * @returns {boolean}
   */
  static isInstance(value) {
    if (typeof this !== "function") {
      throw new TypeError(
        "isInstance must be called on the class (e.g. `SkillCatalogError.isInstance(value)`); for callbacks use `v => SkillCatalogError.isInstance(v)`",
      );
    }
    return branded(this, value);
  }

  /** @param {readonly import("./types.js").SkillWarning[]} problems */
  constructor(problems) {
    const lines = problems.map((p) => `  ${p.path}: ${p.message}`);
    super(`${problems.length} skill problem${problems.length === 1 ? "" : "s"}:\n${lines.join("\n")}`);
    this.name = "SkillCatalogError";
    /** @type {readonly import("./types.js").SkillWarning[]} */
    this.problems = problems;
    stamp(this, new.target);
  }
}
brand(SkillCatalogError, "mcp.SkillCatalogError");

/**
 * The default warning sink: stderr (stdout may be the stdio transport).
 * @param {import("./types.js").SkillWarning} warning
 */
function warnOnStderr(warning) {
  console.warn(`[mcp-sdk] skills: ${warning.path}: ${warning.message}`);
}

module.exports = { SkillCatalogError, warnOnStderr };
