/**
 * Where an authorization server keeps its registered OAuth clients; without `registerClient`,
 * `mcpAuthRouter` offers no dynamic registration (`/register`).
 */
export type OAuthRegisteredClientsStore = {
    /**
     * the client's information, or undefined
     */
    getClient: (clientId: string) => any;
    /**
     * stores a new client (its id made already,
     * unless the registration handler's `clientIdGeneration` is false) and returns what was stored
     */
    registerClient?: ((client: any) => any) | undefined;
};
