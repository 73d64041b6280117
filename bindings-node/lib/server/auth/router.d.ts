/**
 * The authorization server metadata (RFC 8414) of an MCP authorization server with the SDK's
 * endpoints (`/authorize`, `/token`, and `/register` and `/revoke` when the provider supports
 * them) under `baseUrl` or the issuer.
 */
export function createOAuthMetadata(options: any): {
    issuer: any;
    service_documentation: any;
    authorization_endpoint: string;
    response_types_supported: string[];
    code_challenge_methods_supported: string[];
    token_endpoint: string;
    token_endpoint_auth_methods_supported: string[];
    grant_types_supported: string[];
    scopes_supported: any;
    revocation_endpoint: string | undefined;
    revocation_endpoint_auth_methods_supported: string[] | undefined;
    registration_endpoint: string | undefined;
};
/**
 * An MCP server's OAuth authorization server over `options.provider` (an `OAuthServerProvider`),
 * as an Express router to mount at the application's root (`app.use(mcpAuthRouter(...))`):
 * `/authorize`, `/token`, `/register` when the provider's clients store can register,
 * `/revoke` when the provider can revoke, the authorization server metadata (RFC 8414) at
 * /.well-known/oauth-authorization-server naming them under `baseUrl` or `issuerUrl`, and the
 * protected resource metadata (RFC 9728) of `resourceServerUrl` (else `baseUrl`, else the
 * issuer). Every endpoint but the metadata is rate limited unless its options
 * (`authorizationOptions`, `tokenOptions`, `clientRegistrationOptions`, `revocationOptions`)
 * say `rateLimit: false`. Throws if the issuer is not https (localhost excepted) or has a query
 * or fragment.
 * @param {{provider: import("./provider.js").OAuthServerProvider, issuerUrl: URL, baseUrl?: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, resourceServerUrl?: URL, authorizationOptions?: {rateLimit?: object | false}, clientRegistrationOptions?: {clientSecretExpirySeconds?: number, rateLimit?: object | false, clientIdGeneration?: boolean}, revocationOptions?: {rateLimit?: object | false}, tokenOptions?: {rateLimit?: object | false}}} options
 */
export function mcpAuthRouter(options: {
    provider: import("./provider.js").OAuthServerProvider;
    issuerUrl: URL;
    baseUrl?: URL;
    serviceDocumentationUrl?: URL;
    scopesSupported?: string[];
    resourceName?: string;
    resourceServerUrl?: URL;
    authorizationOptions?: {
        rateLimit?: object | false;
    };
    clientRegistrationOptions?: {
        clientSecretExpirySeconds?: number;
        rateLimit?: object | false;
        clientIdGeneration?: boolean;
    };
    revocationOptions?: {
        rateLimit?: object | false;
    };
    tokenOptions?: {
        rateLimit?: object | false;
    };
}): any;
/**
 * Where a server's protected resource metadata lives (RFC 9728 §3.1): the well-known path with
 * the server's own path after it, e.g. https://api.example.com/mcp →
 * https://api.example.com/.well-known/oauth-protected-resource/mcp.
 */
export function getOAuthProtectedResourceMetadataUrl(serverUrl: any): string;
/**
 * Express middleware (any `(req, res, next)` host) that publishes a resource server's OAuth
 * metadata: its protected resource metadata (RFC 9728) at
 * /.well-known/oauth-protected-resource<path of resourceServerUrl>, naming the authorization
 * server, and that server's metadata (RFC 8414) at /.well-known/oauth-authorization-server.
 * Both answer GET to any origin (CORS, preflight included) and 405 to other methods.
 */
export function mcpAuthMetadataRouter(options: any): (req: any, res: any, next: any) => void;
