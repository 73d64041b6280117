"use strict";
// Bearer token checks (RFC 6750) written once for both generations: 1.x's Express
// `requireBearerAuth` (middleware/bearerAuth.js) and 2.x's `verifyBearerToken`,
// `bearerAuthChallengeResponse` and both `requireBearerAuth`s (lib/v2/auth.js). Each passes how
// its errors are built and told apart: 1.x has a class per OAuth code, 2.x one class carrying
// the code. Not a public module of either SDK.

/** A resource identifier as compared: without its fragment and one trailing slash. */
function comparable(resource) {
  return String(resource).replace(/#.*$/s, "").replace(/\/$/, "");
}

/**
 * Checks a raw `Authorization` header and returns the verifier's `AuthInfo`, or throws what
 * `fail(code, message)` builds (`code`: `invalid_token` or `insufficient_scope`).
 * @param {string | undefined} header
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], expectedResource?: URL | string}} options
 * @param {(code: string, message: string) => Error} fail
 */
async function checkBearerToken(header, { verifier, requiredScopes = [], expectedResource }, fail) {
  if (!header) {
    throw fail("invalid_token", "Missing Authorization header");
  }
  const [scheme, token] = header.split(" ");
  if (scheme.toLowerCase() !== "bearer" || !token) {
    throw fail("invalid_token", "Invalid Authorization header format, expected 'Bearer TOKEN'");
  }
  const auth = await verifier.verifyAccessToken(token);
  if (expectedResource !== undefined && (!auth.resource || comparable(auth.resource) !== comparable(expectedResource))) {
    throw fail("invalid_token", "Token was not issued for this resource");
  }
  if (!requiredScopes.every((s) => auth.scopes.includes(s))) {
    throw fail("insufficient_scope", "Insufficient scope");
  }
  if (typeof auth.expiresAt !== "number" || Number.isNaN(auth.expiresAt)) {
    throw fail("invalid_token", "Token has no expiration time");
  }
  if (auth.expiresAt < Date.now() / 1000) {
    throw fail("invalid_token", "Token has expired");
  }
  return auth;
}

/** A parameter value as it stands between quotes (1.x writes it as given). */
const asGiven = (value) => value;

/**
 * The answer to a failed check: `{status, body, challenge?}`. `kindOf(error)` names the
 * generation's view of the error — `invalid_token` (401), `insufficient_scope` (403),
 * `server_error` (500), `other` (an OAuth error: 400) or undefined (not an OAuth error: 500
 * `server_error`). The 401 and 403 carry the `WWW-Authenticate` challenge (RFC 6750 §3), naming
 * the required scopes and the resource metadata URL (RFC 9728 §5.1) when there are some.
 * @param {any} error
 * @param {(error: any) => string | undefined} kindOf
 * @param {{requiredScopes?: string[], resourceMetadataUrl?: string}} [options]
 * @param {(value: string) => string} [quote]
 */
function bearerRefusal(error, kindOf, options, quote = asGiven) {
  const { requiredScopes = [], resourceMetadataUrl } = options ?? {};
  const kind = kindOf(error);
  if (kind === undefined) {
    return { status: 500, body: { error: "server_error", error_description: "Internal Server Error" } };
  }
  const body = error.toResponseObject();
  if (kind === "invalid_token" || kind === "insufficient_scope") {
    let challenge = `Bearer error="${quote(kind)}", error_description="${quote(error.message)}"`;
    if (requiredScopes.length > 0) {
      challenge += `, scope="${quote(requiredScopes.join(" "))}"`;
    }
    if (resourceMetadataUrl) {
      challenge += `, resource_metadata="${quote(resourceMetadataUrl)}"`;
    }
    return { status: kind === "invalid_token" ? 401 : 403, body, challenge };
  }
  return { status: kind === "server_error" ? 500 : 400, body };
}

/** Sends a refusal on Express's `res`. */
function sendRefusal(res, { status, body, challenge }) {
  if (challenge !== undefined) {
    res.set("WWW-Authenticate", challenge);
  }
  res.status(status).json(body);
}

module.exports = { checkBearerToken, bearerRefusal, sendRefusal };
