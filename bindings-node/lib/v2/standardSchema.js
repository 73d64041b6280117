"use strict";
// Standard Schema (https://standardschema.dev) as `@modelcontextprotocol/server` 2.x uses it:
// an author's schema (zod >= 4.2, ArkType, Valibot, or `fromJsonSchema(...)`) is turned into
// JSON Schema once (a tool's when it is first listed, a prompt's arguments when it is put in
// the registry), and its `~standard.validate` checks
// arguments with the author's own library. A `fromJsonSchema` schema is checked by the validator
// it was made with (ajv unless the author chose another), as 2.x checks it.

const TARGET = "draft-2020-12";
// The JSON Schema a `fromJsonSchema` schema was made of.
const JSON_SCHEMA = Symbol("ferromcp.jsonSchema");

/** Whether `schema` implements Standard Schema. */
function isStandardSchema(schema) {
  if (schema === null || (typeof schema !== "object" && typeof schema !== "function")) {
    return false;
  }
  return "~standard" in schema && typeof schema["~standard"]?.validate === "function";
}

/** The plain JSON Schema behind a `fromJsonSchema` schema, if `schema` is one. */
function plainJsonSchema(schema) {
  return schema?.[JSON_SCHEMA];
}

/**
 * `schema` as JSON Schema 2020-12, `type: "object"` first for inputs (MCP wants object roots),
 * as the SDK lists it.
 * @param {any} schema
 * @param {"input" | "output"} io
 */
function toJsonSchema(schema, io = "input") {
  const std = schema["~standard"];
  let result;
  if (std.jsonSchema) {
    result = std.jsonSchema[io]({ target: TARGET });
  } else if (std.vendor === "zod" && "_zod" in schema) {
    result = require("zod/v4").toJSONSchema(schema, { target: TARGET, io });
  } else if (std.vendor === "zod") {
    throw new Error(
      "Schema appears to be from zod 3, which the SDK cannot convert to JSON Schema. Upgrade to zod >=4.2.0, or wrap your JSON Schema with fromJsonSchema().",
    );
  } else {
    throw new Error(
      `Schema library "${std.vendor}" does not implement StandardJSONSchemaV1 (\`~standard.jsonSchema\`). Upgrade to a version that does, or wrap your JSON Schema with fromJsonSchema().`,
    );
  }
  if (io === "output") {
    return result.type !== undefined || !objectShaped(result) ? result : { type: "object", ...result };
  }
  if (result.type !== undefined && result.type !== "object") {
    throw new Error(
      `MCP tool and prompt schemas must describe objects (got type: ${JSON.stringify(result.type)}). Wrap your schema in z.object({...}) or equivalent.`,
    );
  }
  return { type: "object", ...result };
}

function objectShaped(schema) {
  if (["properties", "patternProperties", "additionalProperties", "required"].some((k) => k in schema)) {
    return true;
  }
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    const members = schema[key];
    if (Array.isArray(members) && members.length > 0) {
      return members.every((m) => m !== null && typeof m === "object" && (m.type === "object" || objectShaped(m)));
    }
  }
  return false;
}

/** One issue as the SDK words it: `path.to.field: message`. */
function formatIssue(issue) {
  if (!issue.path?.length) {
    return issue.message;
  }
  return `${issue.path.map((p) => String(typeof p === "object" ? p.key : p)).join(".")}: ${issue.message}`;
}

/** Validates `data`: `{success, data}` or `{success: false, error}` (the issues, worded). */
async function validate(schema, data) {
  const result = await schema["~standard"].validate(data);
  if (result.issues && result.issues.length > 0) {
    return { success: false, error: result.issues.map(formatIssue).join(", ") };
  }
  return { success: true, data: result.value };
}

/** Prompt arguments (`prompts/list`) from an args schema's JSON Schema. */
function promptArguments(schema) {
  const json = toJsonSchema(schema, "input");
  const required = json.required ?? [];
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    description: prop?.description,
    required: required.includes(name),
  }));
}

let defaultValidator;

/**
 * A Standard Schema over plain JSON Schema, checked by `validator` (the SDK's ajv or cf-worker
 * provider, or the author's own); without one by ajv, as 2.x's `fromJsonSchema` does on Node,
 * so a failure is worded as the SDK words it.
 * @param {any} schema
 * @param {any} [validator]
 */
function fromJsonSchema(schema, validator) {
  if (validator === undefined) {
    const { AjvJsonSchemaValidator } = require("./validators/ajv.js");
    defaultValidator ??= new AjvJsonSchemaValidator();
    validator = defaultValidator;
  }
  const check = validator.getValidator(schema);
  const standard = {
    "~standard": {
      version: 1,
      vendor: "mcp",
      jsonSchema: { input: () => schema, output: () => schema },
      validate: (data) => {
        const r = check(data);
        return r.valid ? { value: r.data } : { issues: [{ message: r.errorMessage }] };
      },
    },
  };
  Object.defineProperty(standard, JSON_SCHEMA, { value: schema });
  return standard;
}

module.exports = { isStandardSchema, plainJsonSchema, toJsonSchema, validate, promptArguments, fromJsonSchema, formatIssue };
