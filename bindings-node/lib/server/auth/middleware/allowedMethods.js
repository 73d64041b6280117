"use strict";
// `@modelcontextprotocol/sdk/server/auth/middleware/allowedMethods.js`: an endpoint's method
// check. Any other method is answered 405 with an `Allow` header and a `method_not_allowed`
// OAuth error body.

const { refuseMethod } = require("../serving.js");

/**
 * Express middleware passing only `methods` (upper-case names, e.g. `["GET", "POST"]`).
 * @param {string[]} methods
 */
function allowedMethods(methods) {
  return (req, res, next) => {
    if (methods.includes(req.method)) {
      next();
    } else {
      refuseMethod(req, res, methods);
    }
  };
}

module.exports = { allowedMethods };
