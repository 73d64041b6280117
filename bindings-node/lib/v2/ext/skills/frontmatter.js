"use strict";
// The `SKILL.md` frontmatter reader of the skills extension (SEP-2640): the YAML subset skills
// are written in — block mappings and sequences, plain, quoted and block scalars, one-line flow
// collections, comments — typed by YAML 1.2's core schema. What lies outside the subset
// (anchors, tags, complex keys, multi-line quotes, indentation indicators…) is refused with a
// `FrontmatterError` naming the line, so that no skill is read one way here and another way by a
// full YAML parser. The SDK's reader accepts and refuses the same texts, with the same messages.

const MAX_DEPTH = 32;
const TAB_INDENT = "tabs cannot be used for indentation";
const UNCLOSED_QUOTE = "a quoted value must close on the same line (multi-line quoted values are not supported)";
const UNCLOSED_FLOW = "a flow collection must close on the same line";
// After `-`, `?` or `:` in a flow collection, one of these makes the character an indicator.
const FLOW_BREAKS = " \t,[]{}";

class FrontmatterError extends Error {
  /**
   * @param {string} message
   * @param {number} [line] the line of `SKILL.md` (1 is the opening `---`)
   */
  constructor(message, line) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = "FrontmatterError";
    this.line = line;
  }
}

/** @param {string} c */
const isBlank = (c) => c === " " || c === "\t";

/** Index of the first character of `text` at or after `from` that is not a space or a tab. */
function skipBlanks(text, from) {
  let at = from;
  while (isBlank(text[at])) {
    at++;
  }
  return at;
}

// YAML white space is the space and the tab only (`trim()` would also eat Unicode spaces).
/** @param {string} text */
const trimLeft = (text) => text.slice(skipBlanks(text, 0));

/** @param {string} text */
function trimRight(text) {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) {
    end--;
  }
  return text.slice(0, end);
}

/** @param {string} text */
const startsItem = (text) => text[0] === "-" && (text.length === 1 || isBlank(text[1]));

/**
 * `SKILL.md` cut in two: the YAML between the opening and closing `---` lines (LF line endings,
 * no byte order mark) and the markdown after them.
 * @param {string} markdown
 * @returns {{yaml: string, body: string}}
 */
function splitFrontmatter(markdown) {
  let text = markdown.replaceAll("\r\n", "\n");
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
  }
  if (!text.startsWith("---\n")) {
    throw new FrontmatterError('SKILL.md must begin with a "---" line', 1);
  }
  const after = text.slice(4);
  const closing = /^---[\t ]*$/m.exec(after);
  if (closing === null) {
    throw new FrontmatterError('frontmatter has no closing "---" line');
  }
  const body = after.slice(closing.index + closing[0].length);
  return { yaml: after.slice(0, closing.index), body: body.startsWith("\n") ? body.slice(1) : body };
}

/**
 * The frontmatter of `SKILL.md` as a JSON object, and its markdown body.
 * @param {string} markdown
 * @returns {{frontmatter: Record<string, unknown>, body: string}}
 */
function parseSkillMarkdown(markdown) {
  const { yaml, body } = splitFrontmatter(markdown);
  // The YAML starts on the file's second line.
  return { frontmatter: new Reader(yaml, 2).document(), body };
}

/**
 * @typedef {{no: number, indent: number, text: string, raw: string}} Line
 *   `indent`: leading spaces (a tab ends it); `text`: the line without its leading blanks
 */

class Reader {
  /**
   * @param {string} yaml
   * @param {number} firstLine
   */
  constructor(yaml, firstLine) {
    const raws = yaml.split("\n");
    if (raws[raws.length - 1] === "") {
      raws.pop();
    }
    /** @type {Line[]} */
    this.lines = raws.map((raw, i) => ({
      no: firstLine + i,
      indent: raw.length - raw.replace(/^ +/, "").length,
      text: trimLeft(raw),
      raw,
    }));
    this.at = 0;
  }

  /** @param {Line} line */
  static tabbed(line) {
    return line.raw[line.indent] === "\t";
  }

  /** The next line with content (blank and comment lines passed over), without taking it. */
  next() {
    while (this.at < this.lines.length) {
      const line = this.lines[this.at];
      if (line.text !== "" && !line.text.startsWith("#")) {
        if (Reader.tabbed(line)) {
          throw new FrontmatterError(TAB_INDENT, line.no);
        }
        return line;
      }
      this.at++;
    }
    return undefined;
  }

  /** @returns {Record<string, unknown>} */
  document() {
    const first = this.next();
    if (first === undefined) {
      return {};
    }
    // YAML drops a byte order mark before content; reading it into the first key would differ.
    if (first.text.startsWith("\uFEFF")) {
      throw new FrontmatterError("a byte order mark inside the frontmatter is not supported", first.no);
    }
    if (startsItem(first.text) || splitKey(first.text, first.no) === undefined) {
      throw new FrontmatterError("frontmatter must be a mapping of keys to values", first.no);
    }
    const mapping = this.mapping(first.indent, 0);
    const left = this.next();
    if (left !== undefined) {
      throw new FrontmatterError("unexpected content", left.no);
    }
    return mapping;
  }

  /**
   * A block mapping whose keys sit at column `indent`.
   * @param {number} indent
   * @param {number} depth
   */
  mapping(indent, depth) {
    checkDepth(depth, this.lines[this.at]?.no);
    /** @type {Record<string, unknown>} */
    const out = {};
    for (let line = this.next(); line !== undefined && line.indent >= indent; line = this.next()) {
      if (line.indent > indent) {
        throw new FrontmatterError("unexpected indentation", line.no);
      }
      if (startsItem(line.text)) {
        break;
      }
      const entry = splitKey(line.text, line.no);
      if (entry === undefined) {
        throw new FrontmatterError('expected "key: value"', line.no);
      }
      if (Object.hasOwn(out, entry.key)) {
        throw new FrontmatterError(`duplicate key "${entry.key}"`, line.no);
      }
      this.at++;
      out[entry.key] = this.value(entry.rest, line, indent, depth + 1, true);
    }
    return out;
  }

  /**
   * A block sequence whose `-` sit at column `indent`.
   * @param {number} indent
   * @param {number} depth
   */
  sequence(indent, depth) {
    checkDepth(depth, this.lines[this.at]?.no);
    /** @type {unknown[]} */
    const out = [];
    for (let line = this.next(); line !== undefined && line.indent >= indent; line = this.next()) {
      if (line.indent > indent) {
        throw new FrontmatterError("unexpected indentation", line.no);
      }
      if (!startsItem(line.text)) {
        break;
      }
      const afterDash = line.text.slice(1);
      const item = trimLeft(afterDash);
      const nested = item !== "" && !item.startsWith("#") && (startsItem(item) || splitKey(item, line.no) !== undefined);
      if (!nested) {
        this.at++;
        out.push(this.value(item, line, indent, depth + 1, false));
        continue;
      }
      // `- key: value` or `- - x`: a block node starting at the item's column, read from this
      // very line (re-read as if it began there).
      if (/^ *\t/.test(afterDash)) {
        throw new FrontmatterError(TAB_INDENT, line.no);
      }
      const column = line.indent + 1 + (afterDash.length - item.length);
      this.lines[this.at] = { ...line, indent: column, text: item };
      out.push(startsItem(item) ? this.sequence(column, depth + 1) : this.mapping(column, depth + 1));
    }
    return out;
  }

  /**
   * The value after a key's `:` or an item's `-` (`rest`, maybe empty: then the value is on
   * the lines below, or null).
   * @param {string} rest
   * @param {Line} line
   * @param {number} parentIndent
   * @param {number} depth
   * @param {boolean} compactSequence whether `key:` may be followed by `- …` at its own column
   * @returns {unknown}
   */
  value(rest, line, parentIndent, depth, compactSequence) {
    if (rest === "" || rest.startsWith("#")) {
      const below = this.next();
      if (below !== undefined && below.indent > parentIndent) {
        return this.indented(parentIndent, depth);
      }
      if (compactSequence && below !== undefined && below.indent === parentIndent && startsItem(below.text)) {
        return this.sequence(parentIndent, depth);
      }
      return null;
    }
    const c = rest[0];
    switch (c) {
      case "|":
      case ">":
        return this.blockScalar(rest, line, parentIndent);
      case '"':
      case "'": {
        const quoted = readQuoted(rest, 0, line.no);
        onlyCommentAfter(rest.slice(quoted.end), line.no);
        return quoted.value;
      }
      case "[":
      case "{": {
        const flow = readFlow(rest, 0, line.no, depth);
        onlyCommentAfter(rest.slice(flow.end), line.no);
        return flow.value;
      }
      case "&":
      case "*":
      case "!":
        throw new FrontmatterError("anchors, aliases and tags are not supported", line.no);
      default:
        break;
    }
    if ("%@`,]}".includes(c)) {
      throw new FrontmatterError(`"${c}" cannot start a plain value; quote it`, line.no);
    }
    if (startsItem(rest) || (c === "?" && (rest.length === 1 || isBlank(rest[1])))) {
      throw new FrontmatterError("a nested collection must start on its own line", line.no);
    }
    return this.plain(rest, line, parentIndent);
  }

  /**
   * A value on the lines below its key, indented more than `parentIndent`.
   * @param {number} parentIndent
   * @param {number} depth
   */
  indented(parentIndent, depth) {
    const line = /** @type {Line} */ (this.next());
    if (startsItem(line.text)) {
      return this.sequence(line.indent, depth);
    }
    if (splitKey(line.text, line.no) !== undefined) {
      return this.mapping(line.indent, depth);
    }
    this.at++;
    return this.value(line.text, line, parentIndent, depth, false);
  }

  /**
   * A plain scalar, continued on the following lines indented more than `parentIndent` (a
   * line break folds into a space, blank lines into line breaks).
   * @param {string} first
   * @param {Line} line
   * @param {number} parentIndent
   */
  plain(first, line, parentIndent) {
    let text = withoutComment(first);
    checkPlain(text, line.no);
    let endedByComment = COMMENT.test(first);
    let blanks = 0;
    for (; this.at < this.lines.length; this.at++) {
      const more = this.lines[this.at];
      if (more.text === "") {
        blanks++;
        continue;
      }
      if (more.indent <= parentIndent || more.text.startsWith("#")) {
        break;
      }
      if (Reader.tabbed(more)) {
        throw new FrontmatterError(TAB_INDENT, more.no);
      }
      if (endedByComment) {
        throw new FrontmatterError("a comment ends a plain value; quote a value that continues past it", more.no);
      }
      const part = withoutComment(more.text);
      checkPlain(part, more.no);
      endedByComment = COMMENT.test(more.text);
      text += (blanks > 0 ? "\n".repeat(blanks) : " ") + part;
      blanks = 0;
    }
    return typed(text, line.no);
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar with an optional chomping indicator; its
   * indentation is the first content line's.
   * @param {string} header
   * @param {Line} line
   * @param {number} parentIndent
   */
  blockScalar(header, line, parentIndent) {
    const head = /^([>|])([+-]?)(?:[\t ]+#.*)?[\t ]*$/.exec(header);
    if (head === null) {
      const reason = /^[>|][+-]?\d/.test(header)
        ? "block scalar indentation indicators are not supported"
        : "invalid block scalar header";
      throw new FrontmatterError(reason, line.no);
    }
    /** @type {string[]} */
    const kept = [];
    let width = -1;
    let widestLeadingBlank = 0;
    for (; this.at < this.lines.length; this.at++) {
      const more = this.lines[this.at];
      const onlySpaces = more.indent === more.raw.length;
      if (width === -1 && !onlySpaces && more.indent > parentIndent) {
        width = more.indent;
        if (widestLeadingBlank > width) {
          throw new FrontmatterError("a leading blank line is indented more than the block scalar content", more.no);
        }
      }
      if (width !== -1 && more.indent >= width) {
        kept.push(more.raw.slice(width));
      } else if (onlySpaces) {
        if (width === -1) {
          widestLeadingBlank = Math.max(widestLeadingBlank, more.indent);
        }
        kept.push("");
      } else if (Reader.tabbed(more)) {
        throw new FrontmatterError(TAB_INDENT, more.no);
      } else {
        break;
      }
    }
    return joinBlock(kept, head[1] === ">", head[2]);
  }
}

/**
 * @param {number} depth
 * @param {number | undefined} no
 */
function checkDepth(depth, no) {
  if (depth > MAX_DEPTH) {
    throw new FrontmatterError(`nesting deeper than ${MAX_DEPTH} levels is not supported`, no);
  }
}

/**
 * A block mapping's `key: rest` (quoted or plain key), or undefined when `text` is no key.
 * @param {string} text
 * @param {number} no
 * @returns {{key: string, rest: string} | undefined}
 */
function splitKey(text, no) {
  const c = text[0];
  if (c === '"' || c === "'") {
    const quoted = readQuoted(text, 0, no);
    const after = text.slice(quoted.end);
    if (after[0] === ":" && (after.length === 1 || isBlank(after[1]))) {
      return { key: allowedKey(quoted.value, no), rest: trimLeft(after.slice(1)) };
    }
    return undefined;
  }
  if (c === "?") {
    throw new FrontmatterError('complex keys ("?") are not supported', no);
  }
  if (c === undefined || "[]{}&*!|>%@`#,".includes(c)) {
    return undefined;
  }
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "#" && isBlank(text[i - 1])) {
      return undefined;
    }
    if (text[i] === ":" && (i + 1 === text.length || isBlank(text[i + 1]))) {
      const key = trimRight(text.slice(0, i));
      return key === "" ? undefined : { key: plainKey(key, no), rest: trimLeft(text.slice(i + 1)) };
    }
  }
  return undefined;
}

/**
 * @param {string} key
 * @param {number} no
 */
function allowedKey(key, no) {
  if (key === "__proto__") {
    throw new FrontmatterError('the key "__proto__" is not supported', no);
  }
  return key;
}

/**
 * A plain key must read as a string (`1:` or `true:` would be a number or a boolean).
 * @param {string} raw
 * @param {number} no
 */
function plainKey(raw, no) {
  if (typeof typed(raw, no) !== "string") {
    throw new FrontmatterError(`key "${raw}" must be a string; quote it`, no);
  }
  return allowedKey(raw, no);
}

const COMMENT = /[\t ]#/;

/** @param {string} text */
function withoutComment(text) {
  const hash = COMMENT.exec(text);
  return trimRight(hash === null ? text : text.slice(0, hash.index));
}

/**
 * @param {string} text
 * @param {number} no
 */
function checkPlain(text, no) {
  if (/:(?:[\t ]|$)/.test(text)) {
    throw new FrontmatterError('a plain value cannot contain ": "; quote the value', no);
  }
}

/**
 * @param {string} after
 * @param {number} no
 */
function onlyCommentAfter(after, no) {
  if (trimLeft(after) !== "" && !/^[\t ]+#/.test(after)) {
    throw new FrontmatterError("unexpected text after the value", no);
  }
}

/**
 * A plain scalar as YAML 1.2's core schema types it: null, booleans, numbers (decimal,
 * `0o` octal, `0x` hexadecimal), else the string itself. Infinities and NaN have no JSON form.
 * @param {string} text
 * @param {number} no
 * @returns {unknown}
 */
function typed(text, no) {
  if (text === "" || /^(?:~|null|Null|NULL)$/.test(text)) {
    return null;
  }
  if (/^(?:true|True|TRUE)$/.test(text)) {
    return true;
  }
  if (/^(?:false|False|FALSE)$/.test(text)) {
    return false;
  }
  let number;
  if (/^[+-]?\d+$/.test(text) || /^[+-]?(?:\.\d+|\d+(?:\.\d*)?)(?:[Ee][+-]?\d+)?$/.test(text)) {
    number = Number(text);
  } else if (/^0o[0-7]+$/.test(text)) {
    number = Number.parseInt(text.slice(2), 8);
  } else if (/^0x[\dA-Fa-f]+$/.test(text)) {
    number = Number.parseInt(text.slice(2), 16);
  } else if (/^(?:[+-]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(text)) {
    number = Number.NaN;
  } else {
    return text;
  }
  if (!Number.isFinite(number)) {
    throw new FrontmatterError(`"${text}" cannot be represented in JSON; quote it`, no);
  }
  return number;
}

/** The one-character escapes of double-quoted YAML. */
const ESCAPED = new Map([
  ["0", "\0"],
  ["a", "\x07"],
  ["b", "\b"],
  ["t", "\t"],
  ["\t", "\t"],
  ["n", "\n"],
  ["v", "\v"],
  ["f", "\f"],
  ["r", "\r"],
  ["e", "\x1B"],
  [" ", " "],
  ['"', '"'],
  ["/", "/"],
  ["\\", "\\"],
  ["N", "\x85"],
  ["_", "\xA0"],
  ["L", "\u2028"],
  ["P", "\u2029"],
]);
const HEX_DIGITS = new Map([
  ["x", 2],
  ["u", 4],
  ["U", 8],
]);

/**
 * A single- or double-quoted scalar starting at `start`, closed on the same line.
 * @param {string} text
 * @param {number} start
 * @param {number} no
 * @returns {{value: string, end: number}} `end`: just past the closing quote
 */
function readQuoted(text, start, no) {
  const quote = text[start];
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (quote === '"' && c === "\\") {
      const code = text[i + 1];
      if (code === undefined) {
        throw new FrontmatterError(UNCLOSED_QUOTE, no);
      }
      const simple = ESCAPED.get(code);
      if (simple !== undefined) {
        value += simple;
        i += 2;
        continue;
      }
      const digits = HEX_DIGITS.get(code);
      if (digits === undefined) {
        throw new FrontmatterError(`unknown escape "\\${code}"`, no);
      }
      const hex = text.slice(i + 2, i + 2 + digits);
      const point = /^[\dA-Fa-f]+$/.test(hex) && hex.length === digits ? Number.parseInt(hex, 16) : -1;
      if (point < 0 || point > 0x10ffff) {
        throw new FrontmatterError(`invalid escape "\\${code}${hex}"`, no);
      }
      value += String.fromCodePoint(point);
      i += 2 + digits;
      continue;
    }
    value += c;
    i++;
  }
  throw new FrontmatterError(UNCLOSED_QUOTE, no);
}

/**
 * A flow sequence (`[a, b]`) or mapping (`{k: v}`) starting at `start`, closed on the same line.
 * @param {string} text
 * @param {number} start
 * @param {number} no
 * @param {number} depth
 * @returns {{value: unknown, end: number}}
 */
function readFlow(text, start, no, depth) {
  checkDepth(depth, no);
  const isList = text[start] === "[";
  const close = isList ? "]" : "}";
  /** @type {unknown[]} */
  const list = [];
  /** @type {Record<string, unknown>} */
  const map = {};
  const done = (/** @type {number} */ at) => ({ value: isList ? list : map, end: at + 1 });
  let i = skipBlanks(text, start + 1);
  if (text[i] === close) {
    return done(i);
  }
  for (;;) {
    if (isList) {
      const item = flowValue(text, i, no, depth);
      list.push(item.value);
      i = skipBlanks(text, item.end);
    } else {
      const key = flowKey(text, i, no);
      const item = flowValue(text, key.end + 1, no, depth);
      if (Object.hasOwn(map, key.key)) {
        throw new FrontmatterError(`duplicate key "${key.key}"`, no);
      }
      map[key.key] = item.value;
      i = skipBlanks(text, item.end);
    }
    const c = text[i];
    if (c === ",") {
      i = skipBlanks(text, i + 1);
      if (text[i] === close) {
        return done(i);
      }
    } else if (c === close) {
      return done(i);
    } else if (c === undefined) {
      throw new FrontmatterError(UNCLOSED_FLOW, no);
    } else {
      throw new FrontmatterError(`unexpected "${c}" in a flow collection`, no);
    }
  }
}

/**
 * A flow mapping's key; `end` is the index of its `:`.
 * @param {string} text
 * @param {number} from
 * @param {number} no
 * @returns {{key: string, end: number}}
 */
function flowKey(text, from, no) {
  const i = skipBlanks(text, from);
  const c = text[i];
  if (c === undefined) {
    throw new FrontmatterError(UNCLOSED_FLOW, no);
  }
  if (c === '"' || c === "'") {
    const quoted = readQuoted(text, i, no);
    const colon = skipBlanks(text, quoted.end);
    if (text[colon] !== ":") {
      throw new FrontmatterError('expected ": " after a key in a flow mapping', no);
    }
    return { key: allowedKey(quoted.value, no), end: colon };
  }
  if (c === "[" || c === "{") {
    throw new FrontmatterError("complex keys (flow collections as keys) are not supported", no);
  }
  checkFlowPlainStart(text, i, no);
  const end = flowPlainEnd(text, i);
  const raw = trimRight(text.slice(i, end));
  if (raw === "" || text[end] !== ":" || !isBlank(text[end + 1])) {
    throw new FrontmatterError('expected "key: value" in a flow mapping', no);
  }
  return { key: plainKey(raw, no), end };
}

/**
 * @param {string} text
 * @param {number} i
 * @param {number} no
 */
function checkFlowPlainStart(text, i, no) {
  const c = text[i];
  if ("&*!".includes(c)) {
    throw new FrontmatterError("anchors, aliases and tags are not supported", no);
  }
  if ("|>%@`#".includes(c) || ("-?:".includes(c) && FLOW_BREAKS.includes(text[i + 1] ?? " "))) {
    throw new FrontmatterError(`"${c}" cannot start a plain value in a flow collection; quote it`, no);
  }
}

/**
 * Where a plain scalar in a flow collection ends: at a flow indicator, a comment, or a `:`
 * indicator.
 * @param {string} text
 * @param {number} from
 */
function flowPlainEnd(text, from) {
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i];
    if (",[]{}".includes(c) || (c === "#" && isBlank(text[i - 1])) || (c === ":" && FLOW_BREAKS.includes(text[i + 1] ?? " "))) {
      break;
    }
  }
  return i;
}

/**
 * @param {string} text
 * @param {number} from
 * @param {number} no
 * @param {number} depth
 * @returns {{value: unknown, end: number}}
 */
function flowValue(text, from, no, depth) {
  const i = skipBlanks(text, from);
  const c = text[i];
  if (c === undefined) {
    throw new FrontmatterError(UNCLOSED_FLOW, no);
  }
  if (c === "[" || c === "{") {
    return readFlow(text, i, no, depth + 1);
  }
  if (c === '"' || c === "'") {
    return readQuoted(text, i, no);
  }
  checkFlowPlainStart(text, i, no);
  const end = flowPlainEnd(text, i);
  if (text[end] === ":") {
    throw new FrontmatterError("mappings inside flow collections are not supported; quote the value", no);
  }
  const raw = trimRight(text.slice(i, end));
  if (raw === "") {
    throw new FrontmatterError("empty value in a flow collection", no);
  }
  return { value: typed(raw, no), end };
}

/**
 * A block scalar's lines (indentation removed; "" for a blank line) joined as YAML joins them:
 * literal keeps every break; folded turns a single break between two lines of text into a
 * space, except around more-indented lines. Chomping: "" keeps one final break, "-" none, "+"
 * all.
 * @param {readonly string[]} lines
 * @param {boolean} folded
 * @param {string} chomping
 */
function joinBlock(lines, folded, chomping) {
  let out = "";
  let blanks = 0;
  let started = false;
  let inMoreIndented = false;
  for (const line of lines) {
    if (line === "") {
      blanks++;
      continue;
    }
    const breaks = started ? blanks + 1 : blanks;
    if (!folded) {
      out += "\n".repeat(breaks);
    } else if (isBlank(line[0])) {
      inMoreIndented = true;
      out += "\n".repeat(breaks);
    } else if (inMoreIndented) {
      inMoreIndented = false;
      out += "\n".repeat(blanks + 1);
    } else if (blanks > 0) {
      out += "\n".repeat(blanks);
    } else if (started) {
      out += " ";
    }
    out += line;
    started = true;
    blanks = 0;
  }
  if (chomping === "+") {
    out += "\n".repeat(started ? blanks + 1 : blanks);
  } else if (chomping === "" && started) {
    out += "\n";
  }
  return out;
}

module.exports = { FrontmatterError, parseSkillMarkdown, splitFrontmatter };
