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
export function loadSkills(root: string, options?: import("./types.js").SkillCatalogOptions): Promise<import("./extension.js").SkillCatalog>;
/**
 * A `SkillFiles` adapter over the folder `root`. `list` reports symlinks and other special
 * files as `unsupported` (a catalog skips the skill holding one); `read` refuses anything but a
 * regular file, and a symlink as the last component where the platform has `O_NOFOLLOW`
 * (symlinked folders higher up a path passed to it directly are not checked). Both throw a
 * `TypeError` for a path that could leave `root`.
 * @param {string} root
 * @returns {import("./types.js").SkillFiles}
 */
export function nodeSkillFiles(root: string): import("./types.js").SkillFiles;
