"use strict";
// An Ajv engine as the SDK configures its own: lax about unknown keywords, formats checked,
// every error reported.

/**
 * @param {new (options: any) => any} Engine the Ajv class of the dialect wanted
 */
function defaultEngine(Engine) {
  const ajv = new Engine({ strict: false, validateFormats: true, validateSchema: false, allErrors: true });
  require("ajv-formats").default(ajv);
  return ajv;
}

module.exports = { defaultEngine };
