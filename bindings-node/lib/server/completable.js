"use strict";
// `completable` of `@modelcontextprotocol/sdk/server/completable.js`: marks a zod schema (a
// prompt argument) with a completion callback, under the SDK's own registry symbol.

const COMPLETABLE_SYMBOL = Symbol.for("mcp.completable");

function completable(schema, complete) {
  Object.defineProperty(schema, COMPLETABLE_SYMBOL, {
    value: { complete },
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return schema;
}

const isCompletable = (schema) => !!schema && typeof schema === "object" && COMPLETABLE_SYMBOL in schema;
const getCompleter = (schema) => schema[COMPLETABLE_SYMBOL]?.complete;
const unwrapCompletable = (schema) => schema;

const McpZodTypeKind = { Completable: "McpCompletable" };

module.exports = { COMPLETABLE_SYMBOL, McpZodTypeKind, completable, isCompletable, getCompleter, unwrapCompletable };
