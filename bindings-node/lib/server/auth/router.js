"use strict";
// `@modelcontextprotocol/sdk/server/auth/router.js`: OAuth metadata for MCP servers, and the
// middleware a resource server mounts to publish it. (`mcpAuthRouter`, the SDK's authorization
// server, is not served.)

const { checkIssuer, metadataRouter } = require("./metadata.js");

/**
 * The authorization server metadata (RFC 8414) of an MCP authorization server with the SDK's
 * endpoints (`/authorize`, `/token`, and `/register` and `/revoke` when the provider supports
 * them) under `baseUrl` or the issuer.
 */
function createOAuthMetadata(options) {
  const issuer = options.issuerUrl;
  checkIssuer(issuer);
  const at = (path) => new URL(path, options.baseUrl || issuer).href;
  const canRegister = Boolean(options.provider.clientsStore.registerClient);
  const canRevoke = Boolean(options.provider.revokeToken);
  return {
    issuer: issuer.href,
    service_documentation: options.serviceDocumentationUrl?.href,
    authorization_endpoint: at("/authorize"),
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint: at("/token"),
    token_endpoint_auth_methods_supported: ["client_secret_post", "none"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    scopes_supported: options.scopesSupported,
    revocation_endpoint: canRevoke ? at("/revoke") : undefined,
    revocation_endpoint_auth_methods_supported: canRevoke ? ["client_secret_post"] : undefined,
    registration_endpoint: canRegister ? at("/register") : undefined,
  };
}

/**
 * Where a server's protected resource metadata lives (RFC 9728 §3.1): the well-known path with
 * the server's own path after it, e.g. https://api.example.com/mcp →
 * https://api.example.com/.well-known/oauth-protected-resource/mcp.
 */
function getOAuthProtectedResourceMetadataUrl(serverUrl) {
  const url = new URL(serverUrl.href);
  const path = url.pathname === "/" ? "" : url.pathname;
  return new URL(`/.well-known/oauth-protected-resource${path}`, url).href;
}

/**
 * Express middleware (any `(req, res, next)` host) that publishes a resource server's OAuth
 * metadata: its protected resource metadata (RFC 9728) at
 * /.well-known/oauth-protected-resource<path of resourceServerUrl>, naming the authorization
 * server, and that server's metadata (RFC 8414) at /.well-known/oauth-authorization-server.
 * Both answer GET to any origin (CORS, preflight included) and 405 to other methods.
 */
function mcpAuthMetadataRouter(options) {
  return metadataRouter(options);
}

module.exports = { createOAuthMetadata, getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter };
