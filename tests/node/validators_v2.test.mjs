// `@modelcontextprotocol/server/validators/ajv` and `/validators/cf-worker`, called with the same
// schemas and values on ferromcp and on the official package: every verdict and error message,
// each declared dialect (none, 2020-12, 2019-09, draft-07, draft-06, an unknown one), formats,
// a caller's own Ajv engine and a forced cfworker draft, as ESM and as CommonJS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as officialAjv from "@modelcontextprotocol/server/validators/ajv";
import * as officialCf from "@modelcontextprotocol/server/validators/cf-worker";
import * as oursAjv from "ferromcp/validators/ajv";
import * as oursCf from "ferromcp/validators/cf-worker";

const require = createRequire(import.meta.url);

const OBJECT = {
  type: "object",
  properties: {
    amount: { type: "integer", minimum: 1 },
    email: { type: "string", format: "email" },
    when: { type: "string", format: "date-time" },
    tags: { type: "array", items: { type: "string" }, uniqueItems: true },
  },
  required: ["amount"],
  additionalProperties: false,
};
const SCHEMAS = [
  OBJECT,
  { $schema: "https://json-schema.org/draft/2020-12/schema", ...OBJECT, prefixItems: [] },
  { $schema: "https://json-schema.org/draft/2019-09/schema#", ...OBJECT },
  { $schema: "http://json-schema.org/draft-07/schema#", ...OBJECT },
  { $schema: "http://json-schema.org/draft-06/schema", ...OBJECT },
  { $schema: "http://json-schema.org/draft-04/schema#", ...OBJECT },
  { $id: "urn:ferromcp:test:shared", type: "string", minLength: 2 },
  { $id: "urn:ferromcp:test:shared", type: "string", minLength: 2 },
];
const VALUES = [
  { amount: 2 },
  { amount: 0 },
  { amount: 1.5, email: "nope" },
  { email: "a@b.example", when: "2026-12-06T10:00:00Z" },
  { amount: 3, when: "yesterday", tags: ["a", "a"], extra: true },
  "x",
  "xy",
  null,
];

/** What a validator made for `schema` says of each value, or the error making it. */
function verdicts(validator, schema) {
  let check;
  try {
    check = validator.getValidator(structuredClone(schema));
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}` };
  }
  return VALUES.map((v) => check(structuredClone(v)));
}

function compare(makeOfficial, makeOurs) {
  const official = makeOfficial();
  const ours = makeOurs();
  for (const schema of SCHEMAS) {
    assert.deepEqual(verdicts(ours, schema), verdicts(official, schema), JSON.stringify(schema));
  }
}

test("AjvJsonSchemaValidator answers as the SDK's, per declared dialect", () => {
  compare(() => new officialAjv.AjvJsonSchemaValidator(), () => new oursAjv.AjvJsonSchemaValidator());
  // The default engine is reachable and is 2020-12 (it knows prefixItems).
  assert.equal(typeof new oursAjv.AjvJsonSchemaValidator().ajv.compile, "function");
});

test("AjvJsonSchemaValidator with the caller's own engine (Ajv and addFormats re-exported)", () => {
  const engine = (mod) => {
    const ajv = new mod.Ajv({ strict: false, validateFormats: true, validateSchema: false, allErrors: true });
    mod.addFormats(ajv);
    return new mod.AjvJsonSchemaValidator(ajv);
  };
  compare(() => engine(officialAjv), () => engine(oursAjv));
});

test("CfWorkerJsonSchemaValidator answers as the SDK's, shortcircuit or not, draft forced", () => {
  compare(() => new officialCf.CfWorkerJsonSchemaValidator(), () => new oursCf.CfWorkerJsonSchemaValidator());
  const all = { shortcircuit: false };
  compare(() => new officialCf.CfWorkerJsonSchemaValidator(all), () => new oursCf.CfWorkerJsonSchemaValidator(all));
  const forced = { draft: "7" };
  compare(() => new officialCf.CfWorkerJsonSchemaValidator(forced), () => new oursCf.CfWorkerJsonSchemaValidator(forced));
});

test("the validators load as CommonJS too", () => {
  const ajv = require("ferromcp/validators/ajv");
  const cf = require("ferromcp/validators/cf-worker");
  const check = new ajv.AjvJsonSchemaValidator().getValidator({ type: "integer" });
  assert.deepEqual(check(1), { valid: true, data: 1, errorMessage: undefined });
  assert.equal(new cf.CfWorkerJsonSchemaValidator().getValidator({ type: "integer" })("a").valid, false);
});
