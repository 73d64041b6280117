"use strict";
// `@modelcontextprotocol/sdk/server/auth/handlers/revoke.js`: token revocation (RFC 7009), POST
// with a form body from any origin, rate limited unless `rateLimit: false`, the client
// authenticated first (middleware/clientAuth.js). The provider's `revokeToken` gets `{token,
// token_type_hint?}`; success is 200 `{}`, failures OAuth error bodies.

const { InvalidRequestError, ServerError } = require("../errors.js");
const { authenticateClient } = require("../middleware/clientAuth.js");
const { endpointRouter, sendOAuthError } = require("../serving.js");

/**
 * The revocation endpoint as an Express router, to mount at its path; throws if the provider
 * cannot revoke. `rateLimit`: express-rate-limit options over the default (50 requests per 15
 * minutes), or false.
 * @param {{provider: import("../provider.js").OAuthServerProvider, rateLimit?: object | false}} options
 */
function revocationHandler({ provider, rateLimit }) {
  if (!provider.revokeToken) {
    throw new Error("Auth provider does not support revoking tokens");
  }
  const { OAuthTokenRevocationRequestSchema } = require("../../../shared/auth.js");
  const router = endpointRouter({
    cors: true,
    methods: ["POST"],
    body: "form",
    rateLimit,
    limits: { windowMs: 15 * 60 * 1000, max: 50, what: "token revocation requests" },
  });
  router.use(authenticateClient({ clientsStore: provider.clientsStore }));
  router.post("/", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      const parsed = OAuthTokenRevocationRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        throw new InvalidRequestError(parsed.error.message);
      }
      if (!req.client) {
        // authenticateClient ran before: not expected.
        throw new ServerError("Internal Server Error");
      }
      await provider.revokeToken(req.client, parsed.data);
      res.status(200).json({});
    } catch (error) {
      sendOAuthError(res, error);
    }
  });
  return router;
}

module.exports = { revocationHandler };
