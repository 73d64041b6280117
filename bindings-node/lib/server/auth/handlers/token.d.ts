/**
 * The token endpoint as an Express router, to mount at its path. `rateLimit`:
 * express-rate-limit options over the default (50 requests per 15 minutes), or false.
 * @param {{provider: import("../provider.js").OAuthServerProvider, rateLimit?: object | false}} options
 */
export function tokenHandler({ provider, rateLimit }: {
    provider: import("../provider.js").OAuthServerProvider;
    rateLimit?: object | false;
}): any;
