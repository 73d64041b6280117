"use strict";
// `@modelcontextprotocol/sdk/server/zod-json-schema-compat.js`: JSON Schema from zod v3 or v4
// schemas, a request schema's method, and parse-or-throw — helpers some servers import from the
// SDK. zod (and zod-to-json-schema for v3 schemas) are loaded only when these are called.

const { getObjectShape, getLiteralValue, isZ4Schema, safeParse } = require("./zod-compat.js");

/**
 * JSON Schema for a zod schema. `opts.target`: draft-7 (`jsonSchema7`, the default) or
 * 2020-12 (`draft-2020-12`, `jsonSchema2019-09`) for zod v4; `opts.pipeStrategy`: describe a
 * pipe's `input` (default) or `output`; `opts.strictUnions` (v3, default true).
 */
function toJsonSchemaCompat(schema, opts) {
  const io = opts?.pipeStrategy ?? "input";
  if (isZ4Schema(schema)) {
    const modern = opts?.target === "draft-2020-12" || opts?.target === "jsonSchema2019-09";
    return require("zod/v4-mini").toJSONSchema(schema, { target: modern ? "draft-2020-12" : "draft-7", io });
  }
  return require("zod-to-json-schema").zodToJsonSchema(schema, { strictUnions: opts?.strictUnions ?? true, pipeStrategy: io });
}

/** The `method` literal of a request or notification schema; throws when there is none. */
function getMethodLiteral(schema) {
  const method = getObjectShape(schema)?.method;
  if (!method) {
    throw new Error("Schema is missing a method literal");
  }
  const value = getLiteralValue(method);
  if (typeof value !== "string") {
    throw new Error("Schema method literal must be a string");
  }
  return value;
}

/** `data` parsed by `schema`; the zod error is thrown when it does not parse. */
function parseWithCompat(schema, data) {
  const result = safeParse(schema, data);
  if (!result.success) {
    throw result.error;
  }
  return result.data;
}

module.exports = { toJsonSchemaCompat, getMethodLiteral, parseWithCompat };
