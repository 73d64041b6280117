"use strict";
// `@modelcontextprotocol/sdk/server/auth/handlers/token.js`: the token endpoint (OAuth 2.1
// §3.2), POST with a form body from any origin, rate limited unless `rateLimit: false`, the
// client authenticated first (middleware/clientAuth.js). Grants: `authorization_code`, with the
// PKCE verifier checked here against the challenge the provider recorded (S256) unless the
// provider sets `skipLocalPkceValidation` (then the verifier goes to the provider), and
// `refresh_token`. Tokens are answered 200 as the provider made them; failures are OAuth error
// bodies.

const { createHash } = require("node:crypto");
const { InvalidGrantError, InvalidRequestError, ServerError, UnsupportedGrantTypeError } = require("../errors.js");
const { authenticateClient } = require("../middleware/clientAuth.js");
const { endpointRouter, sendOAuthError } = require("../serving.js");

let schemas;
/** Each grant's parameters (zod: the texts of failures are the SDK's), made on first use. */
function grantSchemas() {
  if (!schemas) {
    const z = require("zod/v4");
    schemas = {
      request: z.object({ grant_type: z.string() }),
      authorization_code: z.object({
        code: z.string(),
        code_verifier: z.string(),
        redirect_uri: z.string().optional(),
        resource: z.string().url().optional(),
      }),
      refresh_token: z.object({
        refresh_token: z.string(),
        scope: z.string().optional(),
        resource: z.string().url().optional(),
      }),
    };
  }
  return schemas;
}

/** The body parsed by `schema`, or throws `invalid_request` with zod's account of why not. */
function parse(schema, body) {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidRequestError(parsed.error.message);
  }
  return parsed.data;
}

/** RFC 7636 §4.6: S256 of the verifier, base64url without padding, equals the challenge. */
function verifierMatches(verifier, challenge) {
  return createHash("sha256").update(verifier, "utf8").digest("base64url") === challenge;
}

/** The tokens `body` (a grant, from `client`) earns from `provider`, or throws the OAuth error. */
async function grant(provider, client, body) {
  const { grant_type: grantType } = parse(grantSchemas().request, body);
  if (!client) {
    // authenticateClient ran before: not expected.
    throw new ServerError("Internal Server Error");
  }
  if (grantType === "authorization_code") {
    const { code, code_verifier: verifier, redirect_uri: redirectUri, resource } = parse(grantSchemas().authorization_code, body);
    const checkedHere = !provider.skipLocalPkceValidation;
    if (checkedHere && !verifierMatches(verifier, await provider.challengeForAuthorizationCode(client, code))) {
      throw new InvalidGrantError("code_verifier does not match the challenge");
    }
    return provider.exchangeAuthorizationCode(client, code, checkedHere ? undefined : verifier, redirectUri, resource ? new URL(resource) : undefined);
  }
  if (grantType === "refresh_token") {
    const { refresh_token: refreshToken, scope, resource } = parse(grantSchemas().refresh_token, body);
    return provider.exchangeRefreshToken(client, refreshToken, scope?.split(" "), resource ? new URL(resource) : undefined);
  }
  // client_credentials and the rest: an MCP server's authorization server issues no others.
  throw new UnsupportedGrantTypeError("The grant type is not supported by this authorization server.");
}

/**
 * The token endpoint as an Express router, to mount at its path. `rateLimit`:
 * express-rate-limit options over the default (50 requests per 15 minutes), or false.
 * @param {{provider: import("../provider.js").OAuthServerProvider, rateLimit?: object | false}} options
 */
function tokenHandler({ provider, rateLimit }) {
  const router = endpointRouter({
    cors: true,
    methods: ["POST"],
    body: "form",
    rateLimit,
    limits: { windowMs: 15 * 60 * 1000, max: 50, what: "token requests" },
  });
  router.use(authenticateClient({ clientsStore: provider.clientsStore }));
  router.post("/", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      const tokens = await grant(provider, req.client, req.body);
      res.status(200).json(tokens);
    } catch (error) {
      sendOAuthError(res, error);
    }
  });
  return router;
}

module.exports = { tokenHandler };
