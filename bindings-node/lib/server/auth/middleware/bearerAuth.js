"use strict";
// `@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js`: Express middleware for a
// protected MCP resource server (RFC 6750). It reads `Authorization: Bearer <token>`, asks the
// author's verifier for the token's `AuthInfo`, checks resource, scopes and expiry, and puts the
// result on `req.auth`, where the Streamable HTTP transport hands it to handlers as
// `extra.authInfo`. A refusal is an OAuth error body, with a `WWW-Authenticate` challenge on
// 401 and 403.
//
// The checks and the refusal are the core's (../bearer.js, shared with 2.x's helpers); here,
// 1.x's error classes.

const { InsufficientScopeError, InvalidTokenError, OAuthError, ServerError } = require("../errors.js");
const { bearerPolicy, checkBearerToken, bearerRefusal, sendRefusal } = require("../bearer.js");
const { authenticated, bearerRouteMade } = require("../../replicas.js");

/** 1.x's classes: one per code; an OAuth error of another class is answered 400. */
function kindOf1x(error) {
  if (error instanceof InvalidTokenError) {
    return "invalid_token";
  }
  if (error instanceof InsufficientScopeError) {
    return "insufficient_scope";
  }
  if (error instanceof ServerError) {
    return "server_error";
  }
  return error instanceof OAuthError ? "other" : undefined;
}

const codeOf1x = (error) => error.errorCode;

const fail1x = (code, message) => (code === "invalid_token" ? new InvalidTokenError(message) : new InsufficientScopeError(message));

/**
 * `verifier.verifyAccessToken(token)` → AuthInfo; `requiredScopes`: every one must be granted;
 * `resourceMetadataUrl`: named in the challenge (RFC 9728); `expectedResource`: the token's
 * `resource` must be this server.
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL}} options
 */
function requireBearerAuth(options) {
  const policy = bearerPolicy(options);
  bearerRouteMade();
  return async (req, res, next) => {
    let auth;
    try {
      auth = await checkBearerToken(req.headers.authorization, options, fail1x, policy);
    } catch (error) {
      sendRefusal(res, bearerRefusal(error, kindOf1x, policy, codeOf1x));
      return;
    }
    req.auth = auth;
    // A GET or DELETE of a session begun on another replica is served now (replicas.js).
    authenticated(req, res, next);
  };
}

module.exports = { requireBearerAuth };
