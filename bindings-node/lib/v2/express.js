"use strict";
// `@modelcontextprotocol/express` 2.x, served at `ferromcp/express`: `createMcpExpressApp`
// (1.x's: Host validation for loopback binds, then a JSON body parser) and the Express Host
// validation middleware, and the OAuth resource-server middleware (`requireBearerAuth`,
// `mcpAuthMetadataRouter`). Express is the server's own dependency, as with the SDK.

const { createMcpExpressApp } = require("../server/express.js");
const { hostHeaderValidation, localhostHostValidation } = require("../server/middleware/hostHeaderValidation.js");

const { originValidation, localhostOriginValidation } = require("./validation.js");
const { requireBearerAuthExpress, mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } = require("./auth.js");

module.exports = {
  createMcpExpressApp,
  hostHeaderValidation,
  localhostHostValidation,
  originValidation,
  localhostOriginValidation,
  requireBearerAuth: requireBearerAuthExpress,
  mcpAuthMetadataRouter,
  getOAuthProtectedResourceMetadataUrl,
};
