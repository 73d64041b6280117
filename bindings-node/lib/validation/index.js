"use strict";
// `@modelcontextprotocol/sdk/validation`: the validator interface (types only; the providers are
// `validation/ajv` and `validation/cfworker`).

module.exports = {};
