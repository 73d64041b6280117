"use strict";
// `@modelcontextprotocol/sdk/server/auth/provider.js` has types only, no runtime names:
//
//   OAuthTokenVerifier { verifyAccessToken(token: string): Promise<AuthInfo> }
//       what a resource server needs (`requireBearerAuth({ verifier })`);
//   OAuthServerProvider, AuthorizationParams
//       what an authorization server implements (authorize, token exchange, revocation) for
//       `mcpAuthRouter` (router.js); providers/proxyProvider.js is one.

/**
 * What `/authorize` hands the provider once the request is valid.
 * @typedef {object} AuthorizationParams
 * @property {string} [state]
 * @property {string[]} [scopes]
 * @property {string} codeChallenge the PKCE S256 challenge, for `challengeForAuthorizationCode`
 * @property {string} redirectUri
 * @property {URL} [resource] the resource the client asks a token for (RFC 8707)
 */

/**
 * An end-to-end OAuth authorization server, as `mcpAuthRouter` uses it. `authorize` must end in
 * a redirect to `params.redirectUri` with `code` and `state`, or with `error`.
 * `revokeToken` is optional (no `/revoke` without it); with `skipLocalPkceValidation` the token
 * endpoint passes the PKCE verifier to `exchangeAuthorizationCode` instead of checking it.
 * @typedef {object} OAuthServerProvider
 * @property {import("./clients.js").OAuthRegisteredClientsStore} clientsStore
 * @property {(client: any, params: AuthorizationParams, res: any) => Promise<void>} authorize
 * @property {(client: any, authorizationCode: string) => Promise<string>} challengeForAuthorizationCode
 * @property {(client: any, authorizationCode: string, codeVerifier?: string, redirectUri?: string, resource?: URL) => Promise<any>} exchangeAuthorizationCode
 * @property {(client: any, refreshToken: string, scopes?: string[], resource?: URL) => Promise<any>} exchangeRefreshToken
 * @property {(token: string) => Promise<any>} verifyAccessToken
 * @property {(client: any, request: {token: string, token_type_hint?: string}) => Promise<void>} [revokeToken]
 * @property {boolean} [skipLocalPkceValidation]
 */

/**
 * What a resource server needs to check a bearer token.
 * @typedef {object} OAuthTokenVerifier
 * @property {(token: string) => Promise<any>} verifyAccessToken
 */

module.exports = {};
