"use strict";
// `@modelcontextprotocol/sdk/server/auth/providers/proxyProvider.js`: an `OAuthServerProvider`
// that hands the OAuth work to another authorization server. `/authorize` redirects there, token
// requests and revocations are forwarded as form POSTs (with the client's id and secret), a
// registration as a JSON POST when a `registrationUrl` is given, and the upstream server checks
// PKCE (`skipLocalPkceValidation`). Clients and access tokens are looked up through the
// author's `getClient` and `verifyAccessToken`.

const { ServerError } = require("../errors.js");

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

let schemas;
/** Upstream answers, read as the SDK reads them (zod, loaded on first use). */
function upstreamSchemas() {
  if (!schemas) {
    const { OAuthClientInformationFullSchema, OAuthTokensSchema } = require("../../../shared/auth.js");
    // `issuer` is what a client records beside a stored value, never an upstream member.
    schemas = {
      tokens: OAuthTokensSchema.omit({ issuer: true }),
      client: OAuthClientInformationFullSchema.omit({ issuer: true }),
    };
  }
  return schemas;
}

/** A form body: every `required` member, then each `optional` one that has a value. */
function form(required, optional) {
  const out = new URLSearchParams(required);
  for (const [name, value] of Object.entries(optional)) {
    if (value) {
      out.set(name, value);
    }
  }
  return out;
}

class ProxyOAuthServerProvider {
  /**
   * @param {{endpoints: {authorizationUrl: string, tokenUrl: string, revocationUrl?: string, registrationUrl?: string}, verifyAccessToken: (token: string) => Promise<any>, getClient: (clientId: string) => Promise<any>, fetch?: typeof fetch}} options
   */
  constructor(options) {
    /** Upstream has the code challenge: the verifier is sent with the code. */
    this.skipLocalPkceValidation = true;
    /** @protected */
    this._endpoints = options.endpoints;
    /** @protected */
    this._verifyAccessToken = options.verifyAccessToken;
    /** @protected */
    this._getClient = options.getClient;
    /** @protected */
    this._fetch = options.fetch;
    if (options.endpoints?.revocationUrl) {
      /**
       * Forwards a revocation (RFC 7009) upstream; a refusal there is a `server_error`.
       * @type {((client: any, request: {token: string, token_type_hint?: string}) => Promise<void>) | undefined}
       */
      this.revokeToken = async (client, request) => {
        const url = this._endpoints.revocationUrl;
        if (!url) {
          throw new Error("No revocation endpoint configured");
        }
        const body = form(
          { token: request.token, client_id: client.client_id },
          { client_secret: client.client_secret, token_type_hint: request.token_type_hint },
        );
        const response = await this._post(url, FORM, body.toString());
        await response.body?.cancel();
        if (!response.ok) {
          throw new ServerError(`Token revocation failed: ${response.status}`);
        }
      };
    }
  }

  /** @private */
  _post(url, headers, body) {
    return (this._fetch ?? fetch)(url, { method: "POST", headers, body });
  }

  /**
   * Clients as `getClient` finds them; registration forwarded upstream when it has an endpoint.
   * @returns {import("../clients.js").OAuthRegisteredClientsStore}
   */
  get clientsStore() {
    const registrationUrl = this._endpoints.registrationUrl;
    const store = { getClient: this._getClient };
    if (registrationUrl) {
      store.registerClient = async (client) => {
        const response = await this._post(registrationUrl, { "Content-Type": "application/json" }, JSON.stringify(client));
        if (!response.ok) {
          await response.body?.cancel();
          throw new ServerError(`Client registration failed: ${response.status}`);
        }
        return upstreamSchemas().client.parse(await response.json());
      };
    }
    return store;
  }

  /**
   * Redirects the user agent to the upstream authorization endpoint with the request's parameters.
   * @param {any} client
   * @param {import("../provider.js").AuthorizationParams} params
   * @param {any} res Express's response
   * @returns {Promise<void>}
   */
  async authorize(client, params, res) {
    const target = new URL(this._endpoints.authorizationUrl);
    const query = new URLSearchParams({
      client_id: client.client_id,
      response_type: "code",
      redirect_uri: params.redirectUri,
      code_challenge: params.codeChallenge,
      code_challenge_method: "S256",
    });
    if (params.state) {
      query.set("state", params.state);
    }
    if (params.scopes?.length) {
      query.set("scope", params.scopes.join(" "));
    }
    if (params.resource) {
      query.set("resource", params.resource.href);
    }
    target.search = query.toString();
    res.redirect(target.toString());
  }

  /**
   * Upstream keeps the challenge; nothing is checked here (`skipLocalPkceValidation`).
   * @param {any} _client
   * @param {string} _authorizationCode
   * @returns {Promise<string>}
   */
  async challengeForAuthorizationCode(_client, _authorizationCode) {
    return "";
  }

  /**
   * Forwards the code (and the verifier) to the upstream token endpoint.
   * @param {any} client
   * @param {string} authorizationCode
   * @param {string} [codeVerifier]
   * @param {string} [redirectUri]
   * @param {URL} [resource]
   * @returns {Promise<any>} the tokens
   */
  async exchangeAuthorizationCode(client, authorizationCode, codeVerifier, redirectUri, resource) {
    const body = form(
      { grant_type: "authorization_code", client_id: client.client_id, code: authorizationCode },
      { client_secret: client.client_secret, code_verifier: codeVerifier, redirect_uri: redirectUri, resource: resource?.href },
    );
    return this._tokens(body, "Token exchange failed");
  }

  /**
   * Forwards a refresh to the upstream token endpoint.
   * @param {any} client
   * @param {string} refreshToken
   * @param {string[]} [scopes]
   * @param {URL} [resource]
   * @returns {Promise<any>} the tokens
   */
  async exchangeRefreshToken(client, refreshToken, scopes, resource) {
    const body = form(
      { grant_type: "refresh_token", client_id: client.client_id, refresh_token: refreshToken },
      { client_secret: client.client_secret, scope: scopes?.length ? scopes.join(" ") : undefined, resource: resource?.href },
    );
    return this._tokens(body, "Token refresh failed");
  }

  /** @private */
  async _tokens(body, failure) {
    const response = await this._post(this._endpoints.tokenUrl, FORM, body.toString());
    if (!response.ok) {
      await response.body?.cancel();
      throw new ServerError(`${failure}: ${response.status}`);
    }
    return upstreamSchemas().tokens.parse(await response.json());
  }

  /**
   * The author's `verifyAccessToken`.
   * @param {string} token
   * @returns {Promise<any>} the token's `AuthInfo`
   */
  async verifyAccessToken(token) {
    return this._verifyAccessToken(token);
  }
}

module.exports = { ProxyOAuthServerProvider };
