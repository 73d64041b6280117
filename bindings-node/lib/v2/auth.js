"use strict";
// The OAuth resource-server helpers of `@modelcontextprotocol/server` 2.x and of
// `@modelcontextprotocol/express` 2.x. The token checks and the refusals are the core's, as for
// 1.x (lib/server/auth/bearer.js), the metadata documents 1.x's code (metadata.js); what differs
// is 2.x's shape: one `OAuthError` class carrying its code, fetch-style gates answering with a
// `Response`, challenge parameters quoted as HTTP quoted-strings (the core's `escaped`
// quoting), a verified `AuthInfo` stamped with the metadata URL, and the scope-challenge
// handler `requireScopes`.

const { OAuthError, OAuthErrorCode } = require("./errors.js");
const { bearerPolicy, checkBearerToken, bearerRefusal, sendRefusal, refusalResponse } = require("../server/auth/bearer.js");
const { metadataRouter, protectedResourceMetadata, insecureIssuerAllowed } = require("../server/auth/metadata.js");
const { resourceUrlFromServerUrl, checkResourceAllowed } = require("../shared/auth-utils.js");
const { authenticated, bearerRouteMade } = require("../server/replicas.js");

/** 2.x's view of an error: the code an `OAuthError` carries. */
function kindOf(error) {
  if (!(error instanceof OAuthError)) {
    return undefined;
  }
  switch (error.code) {
    case OAuthErrorCode.InvalidToken:
    case OAuthErrorCode.InsufficientScope:
    case OAuthErrorCode.ServerError:
      return error.code;
    default:
      return "other";
  }
}

const fail = (code, message) => new OAuthError(code, message);

const codeOf = (error) => error.code;

/** The core's policy for 2.x's options: challenge values written as quoted-strings. */
const policyOf = (options) => bearerPolicy(options, "escaped");

/**
 * Checks a raw `Authorization` header value and returns the verified `AuthInfo` (with the
 * option's `resourceMetadataUrl` when the verifier set none); throws an `OAuthError`.
 * @param {string | undefined} authorizationHeader
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL | string}} options
 */
async function verifyBearerToken(authorizationHeader, options) {
  return verifyWith(authorizationHeader, options, policyOf(options));
}

/** `verifyBearerToken` with the options' policy made once. */
async function verifyWith(authorizationHeader, options, policy) {
  const auth = await checkBearerToken(authorizationHeader, options, fail, policy);
  if (options.resourceMetadataUrl !== undefined && auth.resourceMetadataUrl === undefined) {
    return { ...auth, resourceMetadataUrl: options.resourceMetadataUrl };
  }
  return auth;
}

/**
 * The HTTP answer to a failed bearer check: 401 (`invalid_token`) and 403
 * (`insufficient_scope`) with a `WWW-Authenticate: Bearer …` challenge, 500 for `server_error`
 * or anything not an `OAuthError`, 400 for other OAuth errors; the body is the OAuth error JSON.
 * @param {unknown} error
 * @param {{requiredScopes?: string[], resourceMetadataUrl?: string}} [options]
 */
function bearerAuthChallengeResponse(error, options) {
  return refusalResponse(bearerRefusal(error, kindOf, policyOf(options), codeOf));
}

/** The options both gates resolve once, and the core's policy for them. */
function resolved({ verifier, requiredScopes = [], resourceMetadataUrl, expectedResource }) {
  const opts = { verifier, requiredScopes, resourceMetadataUrl, expectedResource };
  return { opts, policy: policyOf(opts) };
}

/**
 * A gate for web-standard requests: resolves to the verified `AuthInfo`, or to the challenge
 * `Response` to return instead.
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL | string}} options
 * @returns {(request: Request) => Promise<any>}
 */
function requireBearerAuth(options) {
  const { opts, policy } = resolved(options);
  return async (request) => {
    // Repeated Authorization headers reach a `Request` joined with ", ": the first one counts.
    const [first] = (request.headers.get("authorization") ?? "").split(",");
    try {
      return await verifyWith(first || undefined, opts, policy);
    } catch (error) {
      return refusalResponse(bearerRefusal(error, kindOf, policy, codeOf));
    }
  };
}

/**
 * Express middleware requiring a valid bearer token; the `AuthInfo` goes on `req.auth`, where
 * the transports hand it to handlers (`ctx.http.authInfo`).
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL | string}} options
 */
function requireBearerAuthExpress(options) {
  const { opts, policy } = resolved(options);
  bearerRouteMade();
  return async (req, res, next) => {
    try {
      req.auth = await verifyWith(req.headers.authorization, opts, policy);
    } catch (error) {
      sendRefusal(res, bearerRefusal(error, kindOf, policy, codeOf));
      return;
    }
    // A GET or DELETE of a session begun on another replica is served now (server/replicas.js).
    authenticated(req, res, next);
  };
}

/**
 * The protected resource metadata document (RFC 9728) of `options`, after checking the
 * authorization server's issuer (https outside localhost unless
 * `dangerouslyAllowInsecureIssuerUrl`).
 * @param {{oauthMetadata: {issuer: string}, resourceServerUrl: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, dangerouslyAllowInsecureIssuerUrl?: boolean}} options
 */
function buildOAuthProtectedResourceMetadata(options) {
  return protectedResourceMetadata(options, Boolean(options.dangerouslyAllowInsecureIssuerUrl));
}

/** A path without one trailing slash (the root stays `/`). */
const trimSlash = (path) => (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path);

/** RFC 9728 §3.1: the well-known path followed by the resource's own path. */
const metadataPath = (resourceServerUrl) => {
  const path = trimSlash(resourceServerUrl.pathname);
  return `/.well-known/oauth-protected-resource${path === "/" ? "" : path}`;
};

/**
 * Where a server's protected resource metadata lives: the URL with the well-known path inserted
 * ahead of its own (a trailing slash and the fragment dropped, the query kept).
 * @param {URL} serverUrl
 */
function getOAuthProtectedResourceMetadataUrl(serverUrl) {
  const url = new URL(serverUrl);
  // The path is read from the argument itself, as 2.4 reads it: a string has none (TypeError).
  url.pathname = metadataPath(serverUrl);
  url.hash = "";
  return url.href;
}

const ALLOWED = "GET, HEAD, OPTIONS";

/** One metadata document as a `Response`: CORS for all, preflight, GET and HEAD; 405 otherwise. */
function documentResponse(request, document) {
  if (request.method === "OPTIONS") {
    const asked = request.headers.get("access-control-request-headers");
    const headers = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": ALLOWED };
    if (asked !== null) {
      Object.assign(headers, { "Access-Control-Allow-Headers": asked, Vary: "Access-Control-Request-Headers" });
    }
    return new Response(null, { status: 204, headers });
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    const error = new OAuthError(OAuthErrorCode.MethodNotAllowed, `The method ${request.method} is not allowed for this endpoint`);
    return Response.json(error.toResponseObject(), { status: 405, headers: { Allow: ALLOWED, "Access-Control-Allow-Origin": "*" } });
  }
  const response = Response.json(document, { headers: { "Access-Control-Allow-Origin": "*" } });
  return request.method === "HEAD" ? new Response(null, { status: response.status, headers: response.headers }) : response;
}

/**
 * Answers the two discovery documents of a resource server from a fetch handler — the
 * protected resource metadata at its path-aware well-known URL and the authorization server's
 * metadata at /.well-known/oauth-authorization-server — or undefined for any other path.
 * @param {Request} request
 * @param {{oauthMetadata: {issuer: string}, resourceServerUrl: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, dangerouslyAllowInsecureIssuerUrl?: boolean}} options
 * @returns {Response | undefined}
 */
function oauthMetadataResponse(request, options) {
  const path = trimSlash(new URL(request.url).pathname);
  if (path === metadataPath(options.resourceServerUrl)) {
    return documentResponse(request, buildOAuthProtectedResourceMetadata(options));
  }
  if (path === "/.well-known/oauth-authorization-server") {
    // The issuer is checked on this route too.
    buildOAuthProtectedResourceMetadata(options);
    return documentResponse(request, options.oauthMetadata);
  }
  return undefined;
}

/**
 * Express middleware publishing the two discovery documents (1.x's router with 2.x's
 * `dangerouslyAllowInsecureIssuerUrl`, which the environment variable also sets).
 * @param {{oauthMetadata: {issuer: string}, resourceServerUrl: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, dangerouslyAllowInsecureIssuerUrl?: boolean}} options
 */
function mcpAuthMetadataRouter(options) {
  if (options.dangerouslyAllowInsecureIssuerUrl && !insecureIssuerAllowed) {
    console.warn("dangerouslyAllowInsecureIssuerUrl is enabled - HTTP issuer URLs are allowed. Do not use in production.");
  }
  return metadataRouter(options, insecureIssuerAllowed || Boolean(options.dangerouslyAllowInsecureIssuerUrl));
}

/** An OAuth scope token (RFC 6749 §3.3). */
const SCOPE_TOKEN = /^[\u0021\u0023-\u005B\u005D-\u007E]+$/;
/** An `error_description` value (RFC 6750 §3). */
const ERROR_DESCRIPTION = /^[\u0020-\u0021\u0023-\u005B\u005D-\u007E]+$/;

function assertScope(scope, where) {
  if (typeof scope !== "string" || !SCOPE_TOKEN.test(scope)) {
    throw new TypeError(`${where} must satisfy the OAuth scope-token grammar`);
  }
}

/**
 * A scope-challenge handler (`scopeChallenge` of a tool, resource or prompt) requiring every
 * scope given: it answers `{scopes}` when the request's verified token lacks one, and nothing
 * for an unauthenticated request (the authentication gate's business).
 * @param {...string} scopes
 * @returns {(context: {authInfo?: {scopes: string[]}}) => {scopes: string[]} | undefined}
 */
function requireScopes(...scopes) {
  if (scopes.length === 0) {
    throw new TypeError("requireScopes must contain at least one scope");
  }
  scopes.forEach((scope, i) => assertScope(scope, `requireScopes scope[${i}]`));
  const required = [...scopes];
  return ({ authInfo }) => {
    if (authInfo === undefined) {
      return undefined;
    }
    const granted = new Set(authInfo.scopes);
    return required.every((s) => granted.has(s)) ? undefined : { scopes: required };
  };
}

/** A challenge a `scopeChallenge` handler returned, held to 2.4's grammar (else a TypeError). */
function checkedChallenge(challenge) {
  if (challenge === null || typeof challenge !== "object" || !Array.isArray(challenge.scopes) || challenge.scopes.length === 0) {
    throw new TypeError("scope challenge must contain at least one scope");
  }
  challenge.scopes.forEach((scope, i) => assertScope(scope, `scope challenge scopes[${i}]`));
  const description = challenge.errorDescription;
  if (description !== undefined && typeof description !== "string") {
    throw new TypeError("scope challenge errorDescription must be a string");
  }
  if (description !== undefined && !ERROR_DESCRIPTION.test(description)) {
    throw new TypeError("scope challenge errorDescription must satisfy the RFC 6750 error-description grammar");
  }
  return challenge;
}

/**
 * The `resource_metadata` of a scope challenge: the URL the bearer gate stamped on the verified
 * token, else the well-known URL of an http(s) `resource`, else none.
 */
function challengeMetadataUrl(authInfo) {
  if (authInfo?.resourceMetadataUrl !== undefined) {
    return authInfo.resourceMetadataUrl;
  }
  const protocol = authInfo?.resource?.protocol;
  return protocol === "https:" || protocol === "http:" ? getOAuthProtectedResourceMetadataUrl(authInfo.resource) : undefined;
}

/**
 * 2.4's scope check of one POST: `resolve` (the server's `resolveScopeChallenge`) runs over
 * its JSON-RPC requests in order, and the first challenge is answered 403 `insufficient_scope`
 * with the challenge's scopes (and `resource_metadata`); undefined when none is raised. A
 * handler that throws or returns a malformed challenge rejects (the transport answers 500).
 * @param {any[]} requests
 * @param {any} authInfo
 * @param {(context: {request: any, authInfo?: any}) => any} resolve
 * @returns {Promise<Response | undefined>}
 */
async function scopeChallengeResponse(requests, authInfo, resolve) {
  for (const request of requests) {
    const challenge = await resolve({ request, ...(authInfo !== undefined && { authInfo }) });
    if (challenge !== undefined) {
      const { scopes, errorDescription } = checkedChallenge(challenge);
      const error = new OAuthError(OAuthErrorCode.InsufficientScope, errorDescription ?? "Insufficient scope");
      return bearerAuthChallengeResponse(error, { requiredScopes: [...scopes], resourceMetadataUrl: challengeMetadataUrl(authInfo) });
    }
  }
  return undefined;
}

module.exports = {
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
  bearerAuthChallengeResponse,
  requireBearerAuth,
  requireBearerAuthExpress,
  buildOAuthProtectedResourceMetadata,
  getOAuthProtectedResourceMetadataUrl,
  oauthMetadataResponse,
  mcpAuthMetadataRouter,
  requireScopes,
  scopeChallengeResponse,
  resourceUrlFromServerUrl,
  checkResourceAllowed,
};
