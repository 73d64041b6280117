"use strict";
// Multi-round-trip requests of the 2026-07-28 revision, as `@modelcontextprotocol/server` 2.x
// writes them: a `tools/call`, `prompts/get` or `resources/read` handler returns
// `inputRequired({inputRequests, requestState})` until the retried request carries what it
// asked for (`ctx.mcpReq.inputResponses`, `ctx.mcpReq.requestState()`). These are plain values:
// the core checks them against the client's capabilities and sends them.

const std = require("./standardSchema.js");

/** Whether `value` is an input-required result (`resultType: "input_required"`). */
function isInputRequiredResult(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.resultType === "input_required";
}

/**
 * The input-required result a handler returns: at least one of `inputRequests` (with an
 * entry) or `requestState`.
 * @param {{inputRequests?: Record<string, any>, requestState?: string}} spec
 */
function buildInputRequired(spec) {
  const asks = spec?.inputRequests !== undefined && Object.keys(spec.inputRequests).length > 0;
  if (!asks && typeof spec?.requestState !== "string") {
    throw new TypeError(
      "inputRequired() requires at least one of inputRequests (with at least one entry) or requestState (spec: every InputRequiredResult MUST include at least one of the two)",
    );
  }
  const result = { resultType: "input_required" };
  if (spec.inputRequests !== undefined) {
    result.inputRequests = spec.inputRequests;
  }
  if (spec.requestState !== undefined) {
    result.requestState = spec.requestState;
  }
  return result;
}

/** A form's schema as the wire carries it: a Standard Schema made JSON Schema, flat. */
function formSchema(schema) {
  if (!std.isStandardSchema(schema)) {
    return schema;
  }
  const plain = std.plainJsonSchema(schema);
  let json;
  try {
    json = plain ?? std.toJsonSchema(schema, "input");
  } catch (e) {
    throw new TypeError(e instanceof Error ? e.message : String(e));
  }
  const out = { type: "object", properties: json.properties ?? {} };
  for (const [key, property] of Object.entries(out.properties)) {
    const type = property?.type;
    if (!["string", "number", "integer", "boolean", "array"].includes(type)) {
      throw new TypeError(
        `Elicitation requestedSchema only supports flat primitive properties (string, number, integer, boolean, and string enums): ${key}`,
      );
    }
  }
  if (Array.isArray(json.required) && json.required.length > 0) {
    out.required = json.required;
  }
  if (typeof json.$schema === "string") {
    out.$schema = json.$schema;
  }
  return out;
}

const inputRequired = Object.assign(buildInputRequired, {
  /**
   * A form-mode elicitation to embed (`elicitation/create`); a Standard Schema
   * `requestedSchema` is sent as JSON Schema.
   * @param {any} params
   */
  elicit(params) {
    return { method: "elicitation/create", params: { ...params, mode: "form", requestedSchema: formSchema(params.requestedSchema) } };
  },
  /**
   * A URL-mode elicitation to embed.
   * @param {any} params
   */
  elicitUrl(params) {
    return { method: "elicitation/create", params: { ...params, mode: "url" } };
  },
  /**
   * A sampling request to embed (`sampling/createMessage`).
   * @param {any} params
   */
  createMessage(params) {
    return { method: "sampling/createMessage", params };
  },
  /** A roots listing to embed (`roots/list`). */
  listRoots() {
    return { method: "roots/list" };
  },
});

/**
 * What a retried request's `inputResponses` carries for `key`: an elicitation's answer, a
 * sampling result, a roots listing, or `{kind: "missing"}`. Client data, unchecked.
 * @param {any} responses
 * @param {string} key
 */
function inputResponse(responses, key) {
  if (responses === null || typeof responses !== "object") {
    return { kind: "missing" };
  }
  const entry = responses[key];
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    return { kind: "missing" };
  }
  if (["accept", "decline", "cancel"].includes(entry.action)) {
    const view = { kind: "elicit", action: entry.action };
    if (entry.content !== null && typeof entry.content === "object" && !Array.isArray(entry.content)) {
      view.content = entry.content;
    }
    return view;
  }
  if (Array.isArray(entry.roots)) {
    return { kind: "roots", roots: entry.roots };
  }
  if (typeof entry.role === "string" && entry.content !== undefined) {
    return { kind: "sampling", result: entry };
  }
  return { kind: "missing" };
}

/**
 * The content of an accepted elicitation in `responses` under `key` (checked with `schema`
 * when one is given: `undefined` when it does not match), else `undefined`.
 * @param {any} responses
 * @param {string} key
 * @param {any} [schema]
 */
function acceptedContent(responses, key, schema) {
  const view = inputResponse(responses, key);
  if (view.kind !== "elicit" || view.action !== "accept" || view.content === undefined) {
    return undefined;
  }
  if (schema === undefined) {
    return view.content;
  }
  const outcome = schema["~standard"].validate(view.content);
  if (outcome instanceof Promise) {
    throw new TypeError("acceptedContent(responses, key, schema) requires a synchronously-validating schema");
  }
  return outcome.issues === undefined ? outcome.value : undefined;
}

module.exports = { inputRequired, inputResponse, acceptedContent, isInputRequiredResult };
