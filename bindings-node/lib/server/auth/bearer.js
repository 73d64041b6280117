"use strict";
// Bearer token checks (RFC 6750) for both generations: 1.x's Express `requireBearerAuth`
// (middleware/bearerAuth.js) and 2.x's `verifyBearerToken`, `bearerAuthChallengeResponse` and
// both `requireBearerAuth`s (lib/v2/auth.js). The core reads the header, holds the verified
// token against the options and builds every refusal (native `BearerPolicy`); this file calls
// the author's verifier and turns failures into each generation's error classes, which it is
// given: 1.x has a class per OAuth code, 2.x one class carrying the code. Not a public module
// of either SDK.

const { BearerPolicy } = require("../../native/index.js");

/**
 * The core's policy for `options`; `quoting`: `"escaped"` writes challenge values as HTTP
 * quoted-strings (2.x), else as given (1.x).
 * @param {{requiredScopes?: string[], expectedResource?: URL | string, resourceMetadataUrl?: string}} [options]
 * @param {"as-given" | "escaped"} [quoting]
 */
function bearerPolicy(options, quoting = "as-given") {
  const { requiredScopes = [], expectedResource, resourceMetadataUrl } = options ?? {};
  return new BearerPolicy(
    JSON.stringify({
      requiredScopes,
      expectedResource: expectedResource === undefined ? undefined : String(expectedResource),
      resourceMetadataUrl: resourceMetadataUrl === undefined ? undefined : String(resourceMetadataUrl),
      quoting,
    }),
  );
}

/** A failure the core found, as the error `fail(code, message)` builds (an Error otherwise). */
function raise(failure, fail) {
  return failure.code === "internal" ? new Error(failure.message) : fail(failure.code, failure.message);
}

/**
 * Checks a raw `Authorization` header and returns the verifier's `AuthInfo`, or throws what
 * `fail(code, message)` builds (`code`: `invalid_token` or `insufficient_scope`).
 * @param {string | undefined} header
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}}} options
 * @param {(code: string, message: string) => Error} fail
 * @param {any} policy the core's policy for `options` (bearerPolicy)
 */
async function checkBearerToken(header, { verifier }, fail, policy) {
  const read = policy.token(typeof header === "string" ? header : undefined);
  if (read.failure) {
    throw raise(read.failure, fail);
  }
  const auth = await verifier.verifyAccessToken(read.token);
  const failure = policy.check(
    auth.resource ? String(auth.resource) : undefined,
    Array.isArray(auth.scopes) ? auth.scopes.filter((s) => typeof s === "string") : undefined,
    typeof auth.expiresAt === "number" ? auth.expiresAt : undefined,
  );
  if (failure) {
    throw raise(failure, fail);
  }
  return auth;
}

/**
 * The answer to a failed check: `{status, headers, body}` (`headers`: `[name, value]` pairs,
 * `body`: JSON text). `kindOf(error)` names the generation's view of the error —
 * `invalid_token`, `insufficient_scope`, `server_error`, `other` (another OAuth error) or
 * undefined (not an OAuth error); the core decides the status and the challenge.
 * @param {any} error
 * @param {(error: any) => string | undefined} kindOf
 * @param {any} policy the core's policy (bearerPolicy)
 * @param {(error: any) => string | undefined} codeOf the OAuth code the error's body carries
 */
function bearerRefusal(error, kindOf, policy, codeOf) {
  const kind = kindOf(error);
  if (kind === undefined) {
    return policy.refusal("internal", undefined, "", undefined);
  }
  const code = codeOf(error);
  const uri = error.errorUri ? String(error.errorUri) : undefined;
  return policy.refusal(kind, code === undefined ? undefined : String(code), String(error.message), uri);
}

/** Sends a refusal on Express's `res`: its body through `res.json`, which sets the type. */
function sendRefusal(res, { status, headers, body }) {
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "content-type") {
      res.set(name, value);
    }
  }
  res.status(status).json(JSON.parse(body));
}

/** A refusal as a fetch `Response`. */
function refusalResponse({ status, headers, body }) {
  return new Response(body, { status, headers });
}

module.exports = { bearerPolicy, checkBearerToken, bearerRefusal, sendRefusal, refusalResponse };
