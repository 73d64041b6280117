"use strict";
// `createMcpExpressApp` of `@modelcontextprotocol/sdk/server/express.js`: an Express app with
// the SDK's defaults — Host validation for loopback binds (or the hosts given), then a JSON body
// parser — and, with a Redis URL (`redisUrl`, else `FERROMCP_REDIS_URL`), `replicaSessions()`,
// which lets a per-session transport map serve sessions begun on other replicas
// (replicas.js). Express is the server's own dependency, found from the server's entry script.

const { hostRequire } = require("./hostRequire.js");
const { hostHeaderValidation, localhostHostValidation } = require("./middleware/hostHeaderValidation.js");
const { redisUrl, replicaSessions } = require("./replicas.js");

function createMcpExpressApp(options = {}) {
  const { host = "127.0.0.1", allowedHosts } = options;
  const expressModule = hostRequire("express");
  const app = expressModule();
  if (allowedHosts) {
    app.use(hostHeaderValidation(allowedHosts));
  } else if (["127.0.0.1", "localhost", "::1"].includes(host)) {
    app.use(localhostHostValidation());
  } else if (host === "0.0.0.0" || host === "::") {
    console.warn(
      `Warning: Server is binding to ${host} without DNS rebinding protection. ` +
        "Consider using the allowedHosts option to restrict allowed hosts, " +
        "or use authentication to protect your server.",
    );
  }
  app.use(expressModule.json());
  // Replicas sharing sessions through Redis: sessions begun on another replica are taken in.
  if (redisUrl(options)) {
    app.use(replicaSessions(options));
  }
  return app;
}

module.exports = { createMcpExpressApp, replicaSessions };
