"use strict";
// `@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js`: Express middleware for a
// protected MCP resource server (RFC 6750). It reads `Authorization: Bearer <token>`, asks the
// author's verifier for the token's `AuthInfo`, checks resource, scopes and expiry, and puts the
// result on `req.auth`, where the Streamable HTTP transport hands it to handlers as
// `extra.authInfo`. A refusal is an OAuth error body, with a `WWW-Authenticate` challenge on
// 401 and 403.

const { InsufficientScopeError, InvalidTokenError, OAuthError, ServerError } = require("../errors.js");

/** A resource identifier as compared: without its fragment and one trailing slash. */
function comparable(resource) {
  return String(resource).replace(/#.*$/s, "").replace(/\/$/, "");
}

/**
 * `verifier.verifyAccessToken(token)` → AuthInfo; `requiredScopes`: every one must be granted;
 * `resourceMetadataUrl`: named in the challenge (RFC 9728); `expectedResource`: the token's
 * `resource` must be this server.
 */
function requireBearerAuth({ verifier, requiredScopes = [], resourceMetadataUrl, expectedResource }) {
  const challenge = (error) => {
    const parts = [`Bearer error="${error.errorCode}"`, `error_description="${error.message}"`];
    if (requiredScopes.length > 0) {
      parts.push(`scope="${requiredScopes.join(" ")}"`);
    }
    if (resourceMetadataUrl) {
      parts.push(`resource_metadata="${resourceMetadataUrl}"`);
    }
    return parts.join(", ");
  };

  return async (req, res, next) => {
    let auth;
    try {
      const header = req.headers.authorization;
      if (!header) {
        throw new InvalidTokenError("Missing Authorization header");
      }
      const [scheme, token] = header.split(" ");
      if (scheme.toLowerCase() !== "bearer" || !token) {
        throw new InvalidTokenError("Invalid Authorization header format, expected 'Bearer TOKEN'");
      }
      auth = await verifier.verifyAccessToken(token);
      if (expectedResource !== undefined && (!auth.resource || comparable(auth.resource) !== comparable(expectedResource))) {
        throw new InvalidTokenError("Token was not issued for this resource");
      }
      if (!requiredScopes.every((s) => auth.scopes.includes(s))) {
        throw new InsufficientScopeError("Insufficient scope");
      }
      if (typeof auth.expiresAt !== "number" || Number.isNaN(auth.expiresAt)) {
        throw new InvalidTokenError("Token has no expiration time");
      }
      if (auth.expiresAt < Date.now() / 1000) {
        throw new InvalidTokenError("Token has expired");
      }
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        res.set("WWW-Authenticate", challenge(error));
        res.status(401).json(error.toResponseObject());
      } else if (error instanceof InsufficientScopeError) {
        res.set("WWW-Authenticate", challenge(error));
        res.status(403).json(error.toResponseObject());
      } else if (error instanceof ServerError) {
        res.status(500).json(error.toResponseObject());
      } else if (error instanceof OAuthError) {
        res.status(400).json(error.toResponseObject());
      } else {
        res.status(500).json(new ServerError("Internal Server Error").toResponseObject());
      }
      return;
    }
    req.auth = auth;
    next();
  };
}

module.exports = { requireBearerAuth };
