"use strict";
// `@modelcontextprotocol/server/validators/ajv`: the SDK's Ajv-backed JSON Schema validator for
// code that validates with it directly (`getValidator(schema)(input)`), with `Ajv` (the draft-07
// class) and `addFormats` to configure one. ferromcp's own servers validate every schema in the
// core: a `jsonSchemaValidator` given to a server is accepted and not needed.

const { Ajv } = require("ajv");
const { Ajv2019 } = require("ajv/dist/2019");
const { Ajv2020 } = require("ajv/dist/2020");
/** @type {import("ajv-formats").FormatsPlugin} */
const addFormats = require("ajv-formats").default;
const { defaultEngine } = require("./ajvEngine.js");
const { declaredDialect } = require("./dialects.js");

class AjvJsonSchemaValidator {
  /** @type {any} */ #ajv;
  /** @type {any} */ #draft7;
  /** @type {any} */ #ajv2019;
  #given;

  /**
   * @param {any} [ajv] an engine used for every schema (its dialect is the caller's choice);
   *   without one, an engine per declared dialect (2020-12, 2019-09, draft-07/06), each made on
   *   first use
   */
  constructor(ajv) {
    this.#given = ajv !== undefined;
    this.#ajv = ajv;
  }

  /** The 2020-12 engine (or the one given). */
  get ajv() {
    this.#ajv ??= defaultEngine(Ajv2020);
    return this.#ajv;
  }

  /** @param {Record<string, any>} schema */
  #engineFor(schema) {
    if (this.#given) {
      return this.ajv;
    }
    const dialect = declaredDialect(
      schema,
      "pass a pre-configured Ajv instance to AjvJsonSchemaValidator(ajv) to validate other dialects.",
    );
    if (dialect === "2020-12") {
      return this.ajv;
    }
    if (dialect === "2019-09") {
      this.#ajv2019 ??= defaultEngine(Ajv2019);
      return this.#ajv2019;
    }
    this.#draft7 ??= defaultEngine(Ajv);
    return this.#draft7;
  }

  /**
   * A function checking values against `schema` (compiled once; a schema with a string `$id`
   * the engine already knows is reused).
   * @param {Record<string, any>} schema
   * @returns {(input: unknown) => {valid: true, data: any, errorMessage: undefined} | {valid: false, data: undefined, errorMessage: string}}
   */
  getValidator(schema) {
    const engine = this.#engineFor(schema);
    const check =
      typeof schema.$id === "string" ? (engine.getSchema(schema.$id) ?? engine.compile(schema)) : engine.compile(schema);
    return (input) =>
      check(input)
        ? { valid: true, data: input, errorMessage: undefined }
        : { valid: false, data: undefined, errorMessage: engine.errorsText(check.errors) };
  }
}

module.exports = { Ajv, AjvJsonSchemaValidator, addFormats };
