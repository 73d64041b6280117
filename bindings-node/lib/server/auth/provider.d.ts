/**
 * What `/authorize` hands the provider once the request is valid.
 */
export type AuthorizationParams = {
    state?: string | undefined;
    scopes?: string[] | undefined;
    /**
     * the PKCE S256 challenge, for `challengeForAuthorizationCode`
     */
    codeChallenge: string;
    redirectUri: string;
    /**
     * the resource the client asks a token for (RFC 8707)
     */
    resource?: URL | undefined;
};
/**
 * An end-to-end OAuth authorization server, as `mcpAuthRouter` uses it. `authorize` must end in
 * a redirect to `params.redirectUri` with `code` and `state`, or with `error`.
 * `revokeToken` is optional (no `/revoke` without it); with `skipLocalPkceValidation` the token
 * endpoint passes the PKCE verifier to `exchangeAuthorizationCode` instead of checking it.
 */
export type OAuthServerProvider = {
    clientsStore: import("./clients.js").OAuthRegisteredClientsStore;
    authorize: (client: any, params: AuthorizationParams, res: any) => Promise<void>;
    challengeForAuthorizationCode: (client: any, authorizationCode: string) => Promise<string>;
    exchangeAuthorizationCode: (client: any, authorizationCode: string, codeVerifier?: string, redirectUri?: string, resource?: URL) => Promise<any>;
    exchangeRefreshToken: (client: any, refreshToken: string, scopes?: string[], resource?: URL) => Promise<any>;
    verifyAccessToken: (token: string) => Promise<any>;
    revokeToken?: ((client: any, request: {
        token: string;
        token_type_hint?: string;
    }) => Promise<void>) | undefined;
    skipLocalPkceValidation?: boolean | undefined;
};
/**
 * What a resource server needs to check a bearer token.
 */
export type OAuthTokenVerifier = {
    verifyAccessToken: (token: string) => Promise<any>;
};
