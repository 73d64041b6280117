"use strict";
// `@modelcontextprotocol/sdk/shared/mediaType.js`: the media type of a `Content-Type` header,
// compared as parsed (RFC 9110 §8.3), never as a substring of the raw value.

// RFC 9110 token characters, and one `; name=value` parameter (value: a token or a quoted string).
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);
const PARAMETER = new RegExp(`^ *; *${TOKEN} *= *(?:"(?:[\\x0b\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\x0b\\x20-\\xff])*"|${TOKEN}) *`);

/** `type/subtype` when the whole header parses as an RFC 9110 media-type; else undefined. */
function strictEssence(header) {
  const semi = header.indexOf(";");
  const head = (semi === -1 ? header : header.slice(0, semi)).trim();
  if (!TYPE.test(head)) {
    return undefined;
  }
  let rest = semi === -1 ? "" : header.slice(semi);
  while (rest.length > 0) {
    const m = PARAMETER.exec(rest);
    if (!m) {
      return undefined;
    }
    rest = rest.slice(m[0].length);
  }
  return head.toLowerCase();
}

/**
 * The media type (`type/subtype`, lowercased, without parameters) of a `Content-Type` value, or
 * undefined when there is none. A value whose parameters do not parse still has the media type
 * before its first `;`, as browsers read it — unless a comma after it shows two headers joined.
 */
function mediaTypeEssence(header) {
  if (!header) {
    return undefined;
  }
  const strict = strictEssence(header);
  if (strict !== undefined) {
    return strict;
  }
  const essence = header.split(";", 1)[0].trim().toLowerCase();
  if (essence === "" || header.slice(essence.length).includes(",")) {
    return undefined;
  }
  return essence;
}

/** Whether a `Content-Type` value is `application/json` (parameters such as charset ignored). */
function isJsonContentType(header) {
  return header === "application/json" || mediaTypeEssence(header) === "application/json";
}

module.exports = { mediaTypeEssence, isJsonContentType };
