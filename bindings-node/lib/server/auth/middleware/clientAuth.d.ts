/**
 * Express middleware authenticating the client of a request whose body is parsed already.
 * @param {{clientsStore: import("../clients.js").OAuthRegisteredClientsStore}} options
 */
export function authenticateClient({ clientsStore }: {
    clientsStore: import("../clients.js").OAuthRegisteredClientsStore;
}): (req: any, res: any, next: any) => Promise<void>;
