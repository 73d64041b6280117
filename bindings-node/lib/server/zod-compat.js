"use strict";
// Zod v3 and v4 schemas as McpServer meets them: raw shapes made into objects, parsing, the
// texts of parse failures, and JSON Schema for listings (a tool's made when it is first
// listed). zod is an optional peer: only servers that pass zod schemas load it.

const { hostRequire } = require("./hostRequire.js");

/**
 * A zod module as the server itself resolves it (from its entry script), else as ferromcp does:
 * the server's schemas are then converted and parsed by the zod that made them, as the SDK
 * installed beside the server would do it.
 */
const load = hostRequire;

let z4;
let z3;
function zod4() {
  if (z4 === undefined) {
    z4 = load("zod/v4-mini");
    // The SDK's own zod makes its protocol schemas with classic zod, which gives that copy
    // English messages unless the server chose a locale: this copy (which may not be the one
    // an ES module server imported) gets them the same way.
    load("zod/v4").string();
  }
  return z4;
}
const zod3 = () => (z3 ??= load("zod/v3"));

const isZ4Schema = (s) => !!s?._zod;
const isSchema = (v) =>
  typeof v === "object" && v !== null && (v._def !== undefined || v._zod !== undefined || typeof v.parse === "function");

function objectFromShape(shape) {
  const values = Object.values(shape);
  if (values.length === 0 || values.every(isZ4Schema)) {
    return zod4().object(shape);
  }
  if (values.every((s) => !isZ4Schema(s))) {
    return zod3().object(shape);
  }
  throw new Error("Mixed Zod versions detected in object shape.");
}

/** A zod object schema for a raw shape or schema; undefined for none or plain JSON Schema. */
function normalizeObjectSchema(schema) {
  if (!schema || typeof schema !== "object") {
    return undefined;
  }
  if (!schema._def && !schema._zod) {
    const values = Object.values(schema);
    return values.length > 0 && values.every(isSchema) ? objectFromShape(schema) : undefined;
  }
  return schema;
}

function getObjectShape(schema) {
  if (!schema) {
    return undefined;
  }
  if (isZ4Schema(schema)) {
    return schema._zod?.def?.shape;
  }
  return typeof schema.shape === "function" ? schema.shape() : (schema.shape ?? schema._def?.shape?.());
}

function safeParse(schema, data) {
  return isZ4Schema(schema) ? zod4().safeParse(schema, data) : schema.safeParse(data);
}

async function safeParseAsync(schema, data) {
  return isZ4Schema(schema) ? zod4().safeParseAsync(schema, data) : schema.safeParseAsync(data);
}

function dotPath(path) {
  if (path.length === 0) {
    return "object root";
  }
  return path.reduce((acc, seg, i) => (i === 0 ? String(seg) : typeof seg === "number" ? `${acc}[${seg}]` : `${acc}.${seg}`), "");
}

/** The SDK's text for a failed parse: each issue, with where it is. */
function getParseErrorMessage(error) {
  if (error && typeof error === "object") {
    if (Array.isArray(error.issues) && error.issues.length > 0) {
      return error.issues.map((i) => (i.path?.length ? `${i.message} at ${dotPath(i.path)}` : i.message)).join("\n");
    }
    if (typeof error.message === "string") {
      return error.message;
    }
  }
  return String(error);
}

const getSchemaDescription = (schema) => schema.description;

function isSchemaOptional(schema) {
  if (isZ4Schema(schema)) {
    return schema._zod?.def?.type === "optional";
  }
  if (typeof schema.isOptional === "function") {
    return schema.isOptional();
  }
  return schema._def?.typeName === "ZodOptional";
}

/** The value of a literal schema (`z.literal('x')`, v3 or v4); undefined for anything else. */
function getLiteralValue(schema) {
  const defs = isZ4Schema(schema) ? [schema._zod?.def, schema._def] : [schema._def];
  for (const def of defs) {
    if (def?.value !== undefined) {
      return def.value;
    }
    if (Array.isArray(def?.values) && def.values.length > 0) {
      return def.values[0];
    }
  }
  return schema.value;
}

/** JSON Schema for a listing: zod converted as the SDK converts it, plain JSON Schema as given. */
function toJsonSchema(schema, io) {
  const obj = normalizeObjectSchema(schema);
  if (!obj) {
    return schema && typeof schema === "object" && !schema._def && !schema._zod ? schema : undefined;
  }
  if (isZ4Schema(obj)) {
    return zod4().toJSONSchema(obj, { target: "draft-7", io });
  }
  return load("zod-to-json-schema").zodToJsonSchema(obj, { strictUnions: true, pipeStrategy: io });
}

module.exports = {
  isZ4Schema,
  objectFromShape,
  normalizeObjectSchema,
  getObjectShape,
  safeParse,
  safeParseAsync,
  getParseErrorMessage,
  getSchemaDescription,
  isSchemaOptional,
  getLiteralValue,
  toJsonSchema,
};
