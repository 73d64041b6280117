"use strict";
// The OAuth metadata a resource server publishes, written once for both generations: 1.x's
// `mcpAuthMetadataRouter` (router.js) and 2.x's `buildOAuthProtectedResourceMetadata`,
// `oauthMetadataResponse` and Express `mcpAuthMetadataRouter` (lib/v2/auth.js). Not a public
// module of either SDK.

const { anyOrigin, refuseMethod, reply } = require("./serving.js");

// Plain http issuers are refused except on localhost, unless this is set (development only).
const insecureIssuerAllowed = ["true", "1"].includes(process.env.MCP_DANGEROUSLY_ALLOW_INSECURE_ISSUER_URL);
if (insecureIssuerAllowed) {
  console.warn("MCP_DANGEROUSLY_ALLOW_INSECURE_ISSUER_URL is enabled - HTTP issuer URLs are allowed. Do not use in production.");
}

/**
 * RFC 8414 §2: an issuer is an https URL (localhost excepted, and anything when `allowInsecure`)
 * with no query or fragment.
 */
function checkIssuer(issuer, allowInsecure = insecureIssuerAllowed) {
  const local = issuer.hostname === "localhost" || issuer.hostname === "127.0.0.1";
  if (issuer.protocol !== "https:" && !local && !allowInsecure) {
    throw new Error("Issuer URL must be HTTPS");
  }
  if (issuer.hash) {
    throw new Error(`Issuer URL must not have a fragment: ${issuer}`);
  }
  if (issuer.search) {
    throw new Error(`Issuer URL must not have a query string: ${issuer}`);
  }
}

/** What is left of `path` below `mount` (case-insensitive, whole segments), or undefined. */
function below(path, mount) {
  const p = path.toLowerCase();
  const m = mount.toLowerCase();
  if (p === m || p.startsWith(`${m}/`)) {
    return path.slice(mount.length);
  }
  return undefined;
}

/**
 * A resource server's protected resource metadata (RFC 9728 §2), after checking the
 * authorization server's issuer (`allowInsecure`: an http issuer is accepted).
 */
function protectedResourceMetadata(options, allowInsecure) {
  checkIssuer(new URL(options.oauthMetadata.issuer), allowInsecure);
  return {
    resource: options.resourceServerUrl.href,
    authorization_servers: [options.oauthMetadata.issuer],
    scopes_supported: options.scopesSupported,
    resource_name: options.resourceName,
    resource_documentation: options.serviceDocumentationUrl?.href,
  };
}

/**
 * Express middleware (any `(req, res, next)` host) that publishes a resource server's OAuth
 * metadata: its protected resource metadata (RFC 9728) at
 * /.well-known/oauth-protected-resource<path of resourceServerUrl>, naming the authorization
 * server, and that server's metadata (RFC 8414) at /.well-known/oauth-authorization-server.
 * Both answer GET to any origin (CORS, preflight included) and 405 to other methods.
 * `allowInsecure` is 2.x's `dangerouslyAllowInsecureIssuerUrl` (1.x: the environment only).
 */
function mcpAuthMetadataRouter(options, allowInsecure = insecureIssuerAllowed) {
  const resourceMetadata = protectedResourceMetadata(options, allowInsecure);
  const resourcePath = new URL(options.resourceServerUrl.href).pathname;
  const documents = [
    [`/.well-known/oauth-protected-resource${resourcePath === "/" ? "" : resourcePath}`, resourceMetadata],
    ["/.well-known/oauth-authorization-server", options.oauthMetadata],
  ];
  return (req, res, next) => {
    const path = req.path ?? new URL(req.url, "http://host").pathname;
    for (const [mount, document] of documents) {
      const rest = below(path, mount);
      if (rest !== undefined) {
        serveDocument(req, res, next, rest, document);
        return;
      }
    }
    next();
  };
}

/**
 * One metadata document at its mount point (`rest`: the request's path below it): GET from any
 * origin (CORS, preflight included), 405 to other methods, and nothing below the mount point.
 */
function serveDocument(req, res, next, rest, document) {
  if (anyOrigin(req, res)) {
    return;
  }
  if (req.method !== "GET") {
    refuseMethod(req, res, ["GET", "OPTIONS"]);
    return;
  }
  if (rest === "" || rest === "/") {
    reply(res, 200, document);
    return;
  }
  next();
}

module.exports = { checkIssuer, protectedResourceMetadata, metadataRouter: mcpAuthMetadataRouter, serveDocument, insecureIssuerAllowed };
