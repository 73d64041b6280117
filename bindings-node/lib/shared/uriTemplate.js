"use strict";
// `@modelcontextprotocol/sdk/shared/uriTemplate.js`: RFC 6570 URI templates as the SDK reads
// them — `expand(variables)` to build a URI, `match(uri)` to take one apart. ferromcp's core
// matches resource templates itself when serving; this class is for servers' own code.

const MAX_LENGTH = 1000000; // template, URI, variable name or value, generated pattern
const MAX_EXPRESSIONS = 10000;
const OPERATORS = "+#./?&";

function checkLength(text, what) {
  if (text.length > MAX_LENGTH) {
    throw new Error(`${what} exceeds maximum length of ${MAX_LENGTH} characters (got ${text.length})`);
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One `{…}` expression: its operator, variable names, and whether any is exploded (`*`). */
function expression(body) {
  const operator = OPERATORS.includes(body[0]) && body.length > 0 ? body[0] : "";
  const names = body
    .slice(operator.length)
    .split(",")
    .map((n) => n.replace("*", "").trim())
    .filter((n) => n !== "");
  for (const n of names) {
    checkLength(n, "Variable name");
  }
  return { name: names[0], operator, names, exploded: body.includes("*") };
}

class UriTemplate {
  /** Whether `text` holds at least one `{…}` expression. */
  static isTemplate(text) {
    return /\{[^}\s]+\}/.test(text);
  }

  constructor(template) {
    checkLength(template, "Template");
    this.template = template;
    // Literal text (strings) and expressions, in order.
    this.parts = [];
    let literal = "";
    let expressions = 0;
    for (let i = 0; i < template.length; ) {
      if (template[i] !== "{") {
        literal += template[i++];
        continue;
      }
      if (literal) {
        this.parts.push(literal);
        literal = "";
      }
      const close = template.indexOf("}", i);
      if (close === -1) {
        throw new Error("Unclosed template expression");
      }
      if (++expressions > MAX_EXPRESSIONS) {
        throw new Error(`Template contains too many expressions (max ${MAX_EXPRESSIONS})`);
      }
      this.parts.push(expression(template.slice(i + 1, close)));
      i = close + 1;
    }
    if (literal) {
      this.parts.push(literal);
    }
  }

  /** Every variable the template names, in order. */
  get variableNames() {
    return this.parts.flatMap((p) => (typeof p === "string" ? [] : p.names));
  }

  toString() {
    return this.template;
  }

  /** The URI for `variables` (a string or an array of strings each); unset variables expand to nothing. */
  expand(variables) {
    let uri = "";
    let inQuery = false;
    for (const part of this.parts) {
      if (typeof part === "string") {
        uri += part;
        continue;
      }
      const query = part.operator === "?" || part.operator === "&";
      let text = expandExpression(part, variables);
      if (!text) {
        continue;
      }
      if (query && inQuery) {
        // A second query expression continues the query.
        text = text.replace("?", "&");
      }
      uri += text;
      inQuery = inQuery || query;
    }
    return uri;
  }

  /** The variables `uri` gives the template (exploded values with commas as arrays), or null. */
  match(uri) {
    checkLength(uri, "URI");
    let pattern = "^";
    const groups = [];
    for (const part of this.parts) {
      if (typeof part === "string") {
        pattern += escapeRegExp(part);
        continue;
      }
      for (const [source, name] of expressionPatterns(part)) {
        pattern += source;
        groups.push({ name, exploded: part.exploded });
      }
    }
    pattern += "$";
    checkLength(pattern, "Generated regex pattern");
    const found = new RegExp(pattern).exec(uri);
    if (!found) {
      return null;
    }
    const variables = {};
    groups.forEach(({ name, exploded }, i) => {
      const value = found[i + 1];
      variables[name.replace("*", "")] = exploded && value.includes(",") ? value.split(",") : value;
    });
    return variables;
  }
}

function encode(value, operator) {
  checkLength(value, "Variable value");
  // `+` and `#` keep reserved characters; the others escape them.
  return operator === "+" || operator === "#" ? encodeURI(value) : encodeURIComponent(value);
}

function expandExpression(part, variables) {
  const { operator, names } = part;
  if (operator === "?" || operator === "&") {
    const pairs = [];
    for (const name of names) {
      const value = variables[name];
      if (value === undefined) {
        continue;
      }
      const text = Array.isArray(value) ? value.map((v) => encode(v, operator)).join(",") : encode(value.toString(), operator);
      pairs.push(`${name}=${text}`);
    }
    return pairs.length === 0 ? "" : operator + pairs.join("&");
  }
  if (names.length > 1) {
    // Several variables in one simple expression: their values (an array's first), comma-joined.
    const values = names.map((n) => variables[n]).filter((v) => v !== undefined);
    return values.map((v) => (Array.isArray(v) ? v[0] : v)).join(",");
  }
  const value = variables[part.name];
  if (value === undefined) {
    return "";
  }
  const encoded = (Array.isArray(value) ? value : [value]).map((v) => encode(v, operator));
  switch (operator) {
    case "#":
      return `#${encoded.join(",")}`;
    case ".":
      return `.${encoded.join(".")}`;
    case "/":
      return `/${encoded.join("/")}`;
    default:
      return encoded.join(",");
  }
}

/** [regex source with one group, variable name] pairs for one expression. */
function expressionPatterns(part) {
  for (const n of part.names) {
    checkLength(n, "Variable name");
  }
  const { operator, exploded } = part;
  if (operator === "?" || operator === "&") {
    return part.names.map((name, i) => [`${i === 0 ? `\\${operator}` : "&"}${escapeRegExp(name)}=([^&]+)`, name]);
  }
  const segment = exploded ? "([^/,]+(?:,[^/,]+)*)" : "([^/,]+)";
  const sources = { "": segment, "+": "(.+)", "#": "(.+)", ".": "\\.([^/,]+)", "/": `/${segment}` };
  return [[sources[operator], part.name]];
}

module.exports = { UriTemplate };
