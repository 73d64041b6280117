/**
 * The registration endpoint as an Express router, to mount at its path; throws if
 * `clientsStore` cannot register. `rateLimit`: express-rate-limit options over the default (20
 * requests per hour), or false.
 * @param {{clientsStore: import("../clients.js").OAuthRegisteredClientsStore, clientSecretExpirySeconds?: number, rateLimit?: object | false, clientIdGeneration?: boolean}} options
 */
export function clientRegistrationHandler({ clientsStore, clientSecretExpirySeconds, rateLimit, clientIdGeneration }: {
    clientsStore: import("../clients.js").OAuthRegisteredClientsStore;
    clientSecretExpirySeconds?: number;
    rateLimit?: object | false;
    clientIdGeneration?: boolean;
}): any;
