/**
 * The revocation endpoint as an Express router, to mount at its path; throws if the provider
 * cannot revoke. `rateLimit`: express-rate-limit options over the default (50 requests per 15
 * minutes), or false.
 * @param {{provider: import("../provider.js").OAuthServerProvider, rateLimit?: object | false}} options
 */
export function revocationHandler({ provider, rateLimit }: {
    provider: import("../provider.js").OAuthServerProvider;
    rateLimit?: object | false;
}): any;
