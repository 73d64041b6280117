"use strict";
// The validator interface (`jsonSchemaValidator`, `JsonSchemaValidatorResult`): types only.

module.exports = {};
