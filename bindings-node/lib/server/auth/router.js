"use strict";
// `@modelcontextprotocol/sdk/server/auth/router.js`: an MCP server's OAuth authorization server
// (`mcpAuthRouter`), OAuth metadata for MCP servers, and the middleware a resource server mounts
// to publish it.

const { checkIssuer, metadataRouter } = require("./metadata.js");
const { hostExpress } = require("./serving.js");

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
 * An MCP server's OAuth authorization server over `options.provider` (an `OAuthServerProvider`),
 * as an Express router to mount at the application's root (`app.use(mcpAuthRouter(...))`):
 * `/authorize`, `/token`, `/register` when the provider's clients store can register,
 * `/revoke` when the provider can revoke, the authorization server metadata (RFC 8414) at
 * /.well-known/oauth-authorization-server naming them under `baseUrl` or `issuerUrl`, and the
 * protected resource metadata (RFC 9728) of `resourceServerUrl` (else `baseUrl`, else the
 * issuer). Every endpoint but the metadata is rate limited unless its options
 * (`authorizationOptions`, `tokenOptions`, `clientRegistrationOptions`, `revocationOptions`)
 * say `rateLimit: false`. Throws if the issuer is not https (localhost excepted) or has a query
 * or fragment.
 * @param {{provider: import("./provider.js").OAuthServerProvider, issuerUrl: URL, baseUrl?: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, resourceServerUrl?: URL, authorizationOptions?: {rateLimit?: object | false}, clientRegistrationOptions?: {clientSecretExpirySeconds?: number, rateLimit?: object | false, clientIdGeneration?: boolean}, revocationOptions?: {rateLimit?: object | false}, tokenOptions?: {rateLimit?: object | false}}} options
 */
function mcpAuthRouter(options) {
  const metadata = createOAuthMetadata(options);
  // The handlers (and zod, express-rate-limit) load only for an authorization server.
  const { authorizationHandler } = require("./handlers/authorize.js");
  const { tokenHandler } = require("./handlers/token.js");
  const { clientRegistrationHandler } = require("./handlers/register.js");
  const { revocationHandler } = require("./handlers/revoke.js");
  const { provider } = options;
  const pathOf = (endpoint) => new URL(endpoint).pathname;
  const router = hostExpress().Router();
  router.use(pathOf(metadata.authorization_endpoint), authorizationHandler({ provider, ...options.authorizationOptions }));
  router.use(pathOf(metadata.token_endpoint), tokenHandler({ provider, ...options.tokenOptions }));
  router.use(
    metadataRouter({
      oauthMetadata: metadata,
      resourceServerUrl: options.resourceServerUrl ?? options.baseUrl ?? new URL(metadata.issuer),
      serviceDocumentationUrl: options.serviceDocumentationUrl,
      scopesSupported: options.scopesSupported,
      resourceName: options.resourceName,
    }),
  );
  if (metadata.registration_endpoint) {
    const registration = { clientsStore: provider.clientsStore, ...options.clientRegistrationOptions };
    router.use(pathOf(metadata.registration_endpoint), clientRegistrationHandler(registration));
  }
  if (metadata.revocation_endpoint) {
    router.use(pathOf(metadata.revocation_endpoint), revocationHandler({ provider, ...options.revocationOptions }));
  }
  return router;
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

module.exports = { createOAuthMetadata, mcpAuthRouter, getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter };
