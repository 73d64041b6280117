import { OAuthError } from "./errors.js";
import { OAuthErrorCode } from "./errors.js";
/**
 * Checks a raw `Authorization` header value and returns the verified `AuthInfo` (with the
 * option's `resourceMetadataUrl` when the verifier set none); throws an `OAuthError`.
 * @param {string | undefined} authorizationHeader
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL | string}} options
 */
export function verifyBearerToken(authorizationHeader: string | undefined, options: {
    verifier: {
        verifyAccessToken(token: string): Promise<any>;
    };
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
    expectedResource?: URL | string;
}): Promise<any>;
/**
 * The HTTP answer to a failed bearer check: 401 (`invalid_token`) and 403
 * (`insufficient_scope`) with a `WWW-Authenticate: Bearer …` challenge, 500 for `server_error`
 * or anything not an `OAuthError`, 400 for other OAuth errors; the body is the OAuth error JSON.
 * @param {unknown} error
 * @param {{requiredScopes?: string[], resourceMetadataUrl?: string}} [options]
 */
export function bearerAuthChallengeResponse(error: unknown, options?: {
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
}): Response;
/**
 * A gate for web-standard requests: resolves to the verified `AuthInfo`, or to the challenge
 * `Response` to return instead.
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL | string}} options
 * @returns {(request: Request) => Promise<any>}
 */
export function requireBearerAuth(options: {
    verifier: {
        verifyAccessToken(token: string): Promise<any>;
    };
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
    expectedResource?: URL | string;
}): (request: Request) => Promise<any>;
/**
 * Express middleware requiring a valid bearer token; the `AuthInfo` goes on `req.auth`, where
 * the transports hand it to handlers (`ctx.http.authInfo`).
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL | string}} options
 */
export function requireBearerAuthExpress(options: {
    verifier: {
        verifyAccessToken(token: string): Promise<any>;
    };
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
    expectedResource?: URL | string;
}): (req: any, res: any, next: any) => Promise<void>;
/**
 * The protected resource metadata document (RFC 9728) of `options`, after checking the
 * authorization server's issuer (https outside localhost unless
 * `dangerouslyAllowInsecureIssuerUrl`).
 * @param {{oauthMetadata: {issuer: string}, resourceServerUrl: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, dangerouslyAllowInsecureIssuerUrl?: boolean}} options
 */
export function buildOAuthProtectedResourceMetadata(options: {
    oauthMetadata: {
        issuer: string;
    };
    resourceServerUrl: URL;
    serviceDocumentationUrl?: URL;
    scopesSupported?: string[];
    resourceName?: string;
    dangerouslyAllowInsecureIssuerUrl?: boolean;
}): {
    resource: any;
    authorization_servers: any[];
    scopes_supported: any;
    resource_name: any;
    resource_documentation: any;
};
/**
 * Where a server's protected resource metadata lives: the URL with the well-known path inserted
 * ahead of its own (a trailing slash and the fragment dropped, the query kept).
 * @param {URL} serverUrl
 */
export function getOAuthProtectedResourceMetadataUrl(serverUrl: URL): string;
/**
 * Answers the two discovery documents of a resource server from a fetch handler — the
 * protected resource metadata at its path-aware well-known URL and the authorization server's
 * metadata at /.well-known/oauth-authorization-server — or undefined for any other path.
 * @param {Request} request
 * @param {{oauthMetadata: {issuer: string}, resourceServerUrl: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, dangerouslyAllowInsecureIssuerUrl?: boolean}} options
 * @returns {Response | undefined}
 */
export function oauthMetadataResponse(request: Request, options: {
    oauthMetadata: {
        issuer: string;
    };
    resourceServerUrl: URL;
    serviceDocumentationUrl?: URL;
    scopesSupported?: string[];
    resourceName?: string;
    dangerouslyAllowInsecureIssuerUrl?: boolean;
}): Response | undefined;
/**
 * Express middleware publishing the two discovery documents (1.x's router with 2.x's
 * `dangerouslyAllowInsecureIssuerUrl`, which the environment variable also sets).
 * @param {{oauthMetadata: {issuer: string}, resourceServerUrl: URL, serviceDocumentationUrl?: URL, scopesSupported?: string[], resourceName?: string, dangerouslyAllowInsecureIssuerUrl?: boolean}} options
 */
export function mcpAuthMetadataRouter(options: {
    oauthMetadata: {
        issuer: string;
    };
    resourceServerUrl: URL;
    serviceDocumentationUrl?: URL;
    scopesSupported?: string[];
    resourceName?: string;
    dangerouslyAllowInsecureIssuerUrl?: boolean;
}): (req: any, res: any, next: any) => void;
/**
 * A scope-challenge handler (`scopeChallenge` of a tool, resource or prompt) requiring every
 * scope given: it answers `{scopes}` when the request's verified token lacks one, and nothing
 * for an unauthenticated request (the authentication gate's business).
 * @param {...string} scopes
 * @returns {(context: {authInfo?: {scopes: string[]}}) => {scopes: string[]} | undefined}
 */
export function requireScopes(...scopes: string[]): (context: {
    authInfo?: {
        scopes: string[];
    };
}) => {
    scopes: string[];
} | undefined;
/**
 * 2.4's scope check of one POST: `resolve` (the server's `resolveScopeChallenge`) runs over
 * its JSON-RPC requests in order, and the first challenge is answered 403 `insufficient_scope`
 * with the challenge's scopes (and `resource_metadata`); undefined when none is raised. A
 * handler that throws or returns a malformed challenge rejects (the transport answers 500).
 * @param {any[]} requests
 * @param {any} authInfo
 * @param {(context: {request: any, authInfo?: any}) => any} resolve
 * @returns {Promise<Response | undefined>}
 */
export function scopeChallengeResponse(requests: any[], authInfo: any, resolve: (context: {
    request: any;
    authInfo?: any;
}) => any): Promise<Response | undefined>;
import { resourceUrlFromServerUrl } from "../shared/auth-utils.js";
import { checkResourceAllowed } from "../shared/auth-utils.js";
export { OAuthError, OAuthErrorCode, resourceUrlFromServerUrl, checkResourceAllowed };
