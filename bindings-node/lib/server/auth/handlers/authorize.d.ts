/**
 * Whether `requested` names the registered redirect URI `registered`: the same string, or, when
 * both are loopback URIs, the same but for the port (scheme, host, path and query still equal;
 * `localhost` and `127.0.0.1` are different hosts).
 * @param {string} requested
 * @param {string} registered
 */
export function redirectUriMatches(requested: string, registered: string): boolean;
/**
 * The authorization endpoint as an Express router, to mount at its path. `rateLimit`:
 * express-rate-limit options over the default (100 requests per 15 minutes), or false.
 * @param {{provider: import("../provider.js").OAuthServerProvider, rateLimit?: object | false}} options
 */
export function authorizationHandler({ provider, rateLimit }: {
    provider: import("../provider.js").OAuthServerProvider;
    rateLimit?: object | false;
}): any;
