"use strict";
// `@modelcontextprotocol/sdk/validation/cfworker`: 1.x's validator on @cfworker/json-schema,
// 2020-12 unless `draft` says otherwise (2.x's reads each schema's declared dialect).

const { CfWorkerJsonSchemaValidator: ByDialect } = require("../v2/validators/cfWorker.js");

class CfWorkerJsonSchemaValidator extends ByDialect {
  /** @param {{shortcircuit?: boolean, draft?: "4" | "7" | "2019-09" | "2020-12"}} [options] */
  constructor(options) {
    super({ ...options, draft: options?.draft ?? "2020-12" });
  }
}

module.exports = { CfWorkerJsonSchemaValidator };
