"use strict";
// `@modelcontextprotocol/sdk/server/auth/middleware/clientAuth.js`: client authentication at
// the token and revocation endpoints, by `client_id` and `client_secret` in the (form) body
// (`client_secret_post`; a client registered without a secret is public and sends its id
// alone). The client found is put on `req.client`; a failure is an OAuth error body
// (`invalid_request` for a malformed body, `invalid_client` otherwise).

const { timingSafeEqual } = require("node:crypto");
const { InvalidClientError, InvalidRequestError } = require("../errors.js");
const { sendOAuthError } = require("../serving.js");

let credentials;
/** The body's client credentials (zod is loaded on first use). */
function credentialsSchema() {
  const z = require("zod/v4");
  credentials ??= z.object({ client_id: z.string(), client_secret: z.string().optional() });
  return credentials;
}

/** Whether two secrets are the same, in time independent of where they differ. */
function sameSecret(given, expected) {
  const a = Buffer.from(given);
  const b = Buffer.from(String(expected));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The registered client the body's credentials prove, or throws the OAuth error to answer. */
async function authenticate(clientsStore, body) {
  const parsed = credentialsSchema().safeParse(body);
  if (!parsed.success) {
    throw new InvalidRequestError(String(parsed.error));
  }
  const { client_id: clientId, client_secret: secret } = parsed.data;
  const client = await clientsStore.getClient(clientId);
  if (!client) {
    throw new InvalidClientError("Invalid client_id");
  }
  if (client.client_secret) {
    if (!secret) {
      throw new InvalidClientError("Client secret is required");
    }
    if (!sameSecret(secret, client.client_secret)) {
      throw new InvalidClientError("Invalid client_secret");
    }
    const expiresAt = client.client_secret_expires_at;
    if (expiresAt && expiresAt < Math.floor(Date.now() / 1000)) {
      throw new InvalidClientError("Client secret has expired");
    }
  }
  return client;
}

/**
 * Express middleware authenticating the client of a request whose body is parsed already.
 * @param {{clientsStore: import("../clients.js").OAuthRegisteredClientsStore}} options
 */
function authenticateClient({ clientsStore }) {
  return async (req, res, next) => {
    try {
      req.client = await authenticate(clientsStore, req.body);
    } catch (error) {
      sendOAuthError(res, error);
      return;
    }
    next();
  };
}

module.exports = { authenticateClient };
