"use strict";
// `@modelcontextprotocol/sdk/server/auth/types.js` has types only, no runtime names:
//
//   AuthInfo { token: string; clientId: string; scopes: string[]; expiresAt?: number (seconds
//              since the epoch); resource?: URL; extra?: Record<string, unknown> }
//
// A transport puts the verified `AuthInfo` on `req.auth` (see middleware/bearerAuth.js); a
// handler reads it as `extra.authInfo`.

module.exports = {};
