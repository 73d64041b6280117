"use strict";
// `@modelcontextprotocol/sdk/server/auth/router.js`: OAuth metadata for MCP servers.
// The routers themselves (`mcpAuthRouter`, `mcpAuthMetadataRouter`) are not served yet.

// Plain http issuers are refused except on localhost, unless this is set (development only).
const insecureIssuerAllowed = ["true", "1"].includes(process.env.MCP_DANGEROUSLY_ALLOW_INSECURE_ISSUER_URL);
if (insecureIssuerAllowed) {
  console.warn("MCP_DANGEROUSLY_ALLOW_INSECURE_ISSUER_URL is enabled - HTTP issuer URLs are allowed. Do not use in production.");
}

/** RFC 8414 §2: an issuer is an https URL (localhost excepted) with no query or fragment. */
function checkIssuer(issuer) {
  const local = issuer.hostname === "localhost" || issuer.hostname === "127.0.0.1";
  if (issuer.protocol !== "https:" && !local && !insecureIssuerAllowed) {
    throw new Error("Issuer URL must be HTTPS");
  }
  if (issuer.hash) {
    throw new Error(`Issuer URL must not have a fragment: ${issuer}`);
  }
  if (issuer.search) {
    throw new Error(`Issuer URL must not have a query string: ${issuer}`);
  }
}

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

module.exports = { createOAuthMetadata, getOAuthProtectedResourceMetadataUrl };
