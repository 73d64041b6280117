/**
 * `indent`: leading spaces (a tab ends it); `text`: the line without its leading blanks
 */
export type Line = {
    no: number;
    indent: number;
    text: string;
    raw: string;
};
export class FrontmatterError extends Error {
    /**
     * @param {string} message
     * @param {number} [line] the line of `SKILL.md` (1 is the opening `---`)
     */
    constructor(message: string, line?: number);
    line: number | undefined;
}
/**
 * The frontmatter of `SKILL.md` as a JSON object, and its markdown body.
 * @param {string} markdown
 * @returns {{frontmatter: Record<string, unknown>, body: string}}
 */
export function parseSkillMarkdown(markdown: string): {
    frontmatter: Record<string, unknown>;
    body: string;
};
/**
 * `SKILL.md` cut in two: the YAML between the opening and closing `---` lines (LF line endings,
 * no byte order mark) and the markdown after them.
 * @param {string} markdown
 * @returns {{yaml: string, body: string}}
 */
export function splitFrontmatter(markdown: string): {
    yaml: string;
    body: string;
};
