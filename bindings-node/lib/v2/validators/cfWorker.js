"use strict";
// `@modelcontextprotocol/server/validators/cf-worker`: the SDK's JSON Schema validator for
// runtimes without code generation (Cloudflare Workers), on `@cfworker/json-schema`, for code
// that validates with it directly. ferromcp's own servers validate every schema in the core.

const { Validator } = require("@cfworker/json-schema");
const { declaredDialect } = require("./dialects.js");

class CfWorkerJsonSchemaValidator {
  /**
   * @param {{shortcircuit?: boolean, draft?: "4" | "7" | "2019-09" | "2020-12"}} [options]
   *   `shortcircuit` (default true): stop at the first error; `draft`: the dialect for every
   *   schema, else each schema's declared one
   */
  constructor(options) {
    this.shortcircuit = options?.shortcircuit ?? true;
    this.draft = options?.draft;
  }

  /**
   * A function checking values against `schema` (compiled anew by each call).
   * @param {Record<string, any>} schema
   * @returns {(input: unknown) => {valid: true, data: any, errorMessage: undefined} | {valid: false, data: undefined, errorMessage: string}}
   */
  getValidator(schema) {
    let draft = this.draft;
    if (draft === undefined) {
      const declared = declaredDialect(
        schema,
        "pass an explicit { draft } to CfWorkerJsonSchemaValidator to validate other dialects.",
      );
      draft = declared === "draft-7" ? "7" : declared;
    }
    const validator = new Validator(/** @type {any} */ (schema), draft, this.shortcircuit);
    return (input) => {
      const result = validator.validate(input);
      return result.valid
        ? { valid: true, data: input, errorMessage: undefined }
        : {
            valid: false,
            data: undefined,
            errorMessage: result.errors.map((e) => `${e.instanceLocation}: ${e.error}`).join("; "),
          };
    };
  }
}

module.exports = { CfWorkerJsonSchemaValidator };
