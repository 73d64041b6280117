"use strict";
// `@modelcontextprotocol/sdk/validation/ajv`: 1.x's Ajv-backed JSON Schema validator — one
// engine for every schema, draft-07 unless the author passes their own (2.x's picks the engine
// by the schema's declared dialect).

const { Ajv } = require("ajv");
const { AjvJsonSchemaValidator: ByDialect } = require("../v2/validators/ajv.js");
const { defaultEngine } = require("../v2/validators/ajvEngine.js");

class AjvJsonSchemaValidator extends ByDialect {
  /** @param {any} [ajv] the engine to use; a draft-07 one configured as the SDK's when absent */
  constructor(ajv) {
    super(ajv ?? defaultEngine(Ajv));
  }
}

module.exports = { AjvJsonSchemaValidator };
