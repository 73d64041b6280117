"use strict";
// `@modelcontextprotocol/sdk/server/auth/clients.js` has types only, no runtime names:
//
//   OAuthRegisteredClientsStore { getClient(clientId); registerClient?(client) }
//       where an authorization server keeps its registered OAuth clients.

/**
 * Where an authorization server keeps its registered OAuth clients; without `registerClient`,
 * `mcpAuthRouter` offers no dynamic registration (`/register`).
 * @typedef {object} OAuthRegisteredClientsStore
 * @property {(clientId: string) => any} getClient the client's information, or undefined
 * @property {(client: any) => any} [registerClient] stores a new client (its id made already,
 *   unless the registration handler's `clientIdGeneration` is false) and returns what was stored
 */

module.exports = {};
