/**
 * RFC 8414 §2: an issuer is an https URL (localhost excepted, and anything when `allowInsecure`)
 * with no query or fragment.
 */
export function checkIssuer(issuer: any, allowInsecure?: boolean): void;
/**
 * A resource server's protected resource metadata (RFC 9728 §2), after checking the
 * authorization server's issuer (`allowInsecure`: an http issuer is accepted).
 */
export function protectedResourceMetadata(options: any, allowInsecure: any): {
    resource: any;
    authorization_servers: any[];
    scopes_supported: any;
    resource_name: any;
    resource_documentation: any;
};
/**
 * Express middleware (any `(req, res, next)` host) that publishes a resource server's OAuth
 * metadata: its protected resource metadata (RFC 9728) at
 * /.well-known/oauth-protected-resource<path of resourceServerUrl>, naming the authorization
 * server, and that server's metadata (RFC 8414) at /.well-known/oauth-authorization-server.
 * Both answer GET to any origin (CORS, preflight included) and 405 to other methods.
 * `allowInsecure` is 2.x's `dangerouslyAllowInsecureIssuerUrl` (1.x: the environment only).
 */
declare function mcpAuthMetadataRouter(options: any, allowInsecure?: boolean): (req: any, res: any, next: any) => void;
/**
 * One metadata document at its mount point (`rest`: the request's path below it): GET from any
 * origin (CORS, preflight included), 405 to other methods, and nothing below the mount point.
 */
export function serveDocument(req: any, res: any, next: any, rest: any, document: any): void;
export const insecureIssuerAllowed: boolean;
export { mcpAuthMetadataRouter as metadataRouter };
