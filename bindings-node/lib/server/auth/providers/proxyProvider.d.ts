export class ProxyOAuthServerProvider {
    /**
     * @param {{endpoints: {authorizationUrl: string, tokenUrl: string, revocationUrl?: string, registrationUrl?: string}, verifyAccessToken: (token: string) => Promise<any>, getClient: (clientId: string) => Promise<any>, fetch?: typeof fetch}} options
     */
    constructor(options: {
        endpoints: {
            authorizationUrl: string;
            tokenUrl: string;
            revocationUrl?: string;
            registrationUrl?: string;
        };
        verifyAccessToken: (token: string) => Promise<any>;
        getClient: (clientId: string) => Promise<any>;
        fetch?: typeof fetch;
    });
    /** Upstream has the code challenge: the verifier is sent with the code. */
    skipLocalPkceValidation: boolean;
    /** @protected */
    protected _endpoints: {
        authorizationUrl: string;
        tokenUrl: string;
        revocationUrl?: string;
        registrationUrl?: string;
    };
    /** @protected */
    protected _verifyAccessToken: (token: string) => Promise<any>;
    /** @protected */
    protected _getClient: (clientId: string) => Promise<any>;
    /** @protected */
    protected _fetch: typeof fetch | undefined;
    /**
     * Forwards a revocation (RFC 7009) upstream; a refusal there is a `server_error`.
     * @type {((client: any, request: {token: string, token_type_hint?: string}) => Promise<void>) | undefined}
     */
    revokeToken: ((client: any, request: {
        token: string;
        token_type_hint?: string;
    }) => Promise<void>) | undefined;
    /** @private */
    private _post;
    /**
     * Clients as `getClient` finds them; registration forwarded upstream when it has an endpoint.
     * @returns {import("../clients.js").OAuthRegisteredClientsStore}
     */
    get clientsStore(): import("../clients.js").OAuthRegisteredClientsStore;
    /**
     * Redirects the user agent to the upstream authorization endpoint with the request's parameters.
     * @param {any} client
     * @param {import("../provider.js").AuthorizationParams} params
     * @param {any} res Express's response
     * @returns {Promise<void>}
     */
    authorize(client: any, params: import("../provider.js").AuthorizationParams, res: any): Promise<void>;
    /**
     * Upstream keeps the challenge; nothing is checked here (`skipLocalPkceValidation`).
     * @param {any} _client
     * @param {string} _authorizationCode
     * @returns {Promise<string>}
     */
    challengeForAuthorizationCode(_client: any, _authorizationCode: string): Promise<string>;
    /**
     * Forwards the code (and the verifier) to the upstream token endpoint.
     * @param {any} client
     * @param {string} authorizationCode
     * @param {string} [codeVerifier]
     * @param {string} [redirectUri]
     * @param {URL} [resource]
     * @returns {Promise<any>} the tokens
     */
    exchangeAuthorizationCode(client: any, authorizationCode: string, codeVerifier?: string, redirectUri?: string, resource?: URL): Promise<any>;
    /**
     * Forwards a refresh to the upstream token endpoint.
     * @param {any} client
     * @param {string} refreshToken
     * @param {string[]} [scopes]
     * @param {URL} [resource]
     * @returns {Promise<any>} the tokens
     */
    exchangeRefreshToken(client: any, refreshToken: string, scopes?: string[], resource?: URL): Promise<any>;
    /** @private */
    private _tokens;
    /**
     * The author's `verifyAccessToken`.
     * @param {string} token
     * @returns {Promise<any>} the token's `AuthInfo`
     */
    verifyAccessToken(token: string): Promise<any>;
}
