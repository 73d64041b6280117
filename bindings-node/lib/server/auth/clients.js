"use strict";
// `@modelcontextprotocol/sdk/server/auth/clients.js` has types only, no runtime names:
//
//   OAuthRegisteredClientsStore { getClient(clientId); registerClient?(client) }
//       where an authorization server keeps its registered OAuth clients.

module.exports = {};
