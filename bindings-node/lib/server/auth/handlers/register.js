"use strict";
// `@modelcontextprotocol/sdk/server/auth/handlers/register.js`: dynamic client registration
// (RFC 7591), POST with a JSON body from any origin, rate limited more strictly than the other
// endpoints unless `rateLimit: false`. The metadata is checked (`OAuthClientMetadataSchema`,
// unknown members dropped); a confidential client gets a random secret expiring after
// `clientSecretExpirySeconds` (30 days by default; 0: never, written as 0), a public one
// (`token_endpoint_auth_method: "none"`) none; a client id is made here unless
// `clientIdGeneration: false` leaves it to the store. The store's record is answered 201.

const { randomBytes, randomUUID } = require("node:crypto");
const { InvalidClientMetadataError } = require("../errors.js");
const { endpointRouter, sendOAuthError } = require("../serving.js");

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/** What is registered for `metadata` (checked already), before the store sees it. */
function newClient(metadata, secretLifetime, makeId) {
  const publicClient = metadata.token_endpoint_auth_method === "none";
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = secretLifetime > 0 ? issuedAt + secretLifetime : 0;
  const client = {
    ...metadata,
    client_secret: publicClient ? undefined : randomBytes(32).toString("hex"),
    client_secret_expires_at: publicClient ? undefined : expiresAt,
  };
  if (makeId) {
    client.client_id = randomUUID();
    client.client_id_issued_at = issuedAt;
  }
  return client;
}

/**
 * The registration endpoint as an Express router, to mount at its path; throws if
 * `clientsStore` cannot register. `rateLimit`: express-rate-limit options over the default (20
 * requests per hour), or false.
 * @param {{clientsStore: import("../clients.js").OAuthRegisteredClientsStore, clientSecretExpirySeconds?: number, rateLimit?: object | false, clientIdGeneration?: boolean}} options
 */
function clientRegistrationHandler({ clientsStore, clientSecretExpirySeconds = THIRTY_DAYS, rateLimit, clientIdGeneration = true }) {
  if (!clientsStore.registerClient) {
    throw new Error("Client registration store does not support registering clients");
  }
  const { OAuthClientMetadataSchema } = require("../../../shared/auth.js");
  const router = endpointRouter({
    cors: true,
    methods: ["POST"],
    body: "json",
    rateLimit,
    limits: { windowMs: 60 * 60 * 1000, max: 20, what: "client registration requests" },
  });
  router.post("/", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      const parsed = OAuthClientMetadataSchema.safeParse(req.body);
      if (!parsed.success) {
        throw new InvalidClientMetadataError(parsed.error.message);
      }
      const client = await clientsStore.registerClient(newClient(parsed.data, clientSecretExpirySeconds, clientIdGeneration));
      res.status(201).json(client);
    } catch (error) {
      sendOAuthError(res, error);
    }
  });
  return router;
}

module.exports = { clientRegistrationHandler };
