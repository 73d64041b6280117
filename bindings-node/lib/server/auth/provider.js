"use strict";
// `@modelcontextprotocol/sdk/server/auth/provider.js` has types only, no runtime names:
//
//   OAuthTokenVerifier { verifyAccessToken(token: string): Promise<AuthInfo> }
//       what a resource server needs (`requireBearerAuth({ verifier })`);
//   OAuthServerProvider, AuthorizationParams
//       what an authorization server implements (authorize, token exchange, revocation).

module.exports = {};
