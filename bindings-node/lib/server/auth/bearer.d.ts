/**
 * Checks a raw `Authorization` header and returns the verifier's `AuthInfo`, or throws what
 * `fail(code, message)` builds (`code`: `invalid_token` or `insufficient_scope`).
 * @param {string | undefined} header
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], expectedResource?: URL | string}} options
 * @param {(code: string, message: string) => Error} fail
 */
export function checkBearerToken(header: string | undefined, { verifier, requiredScopes, expectedResource }: {
    verifier: {
        verifyAccessToken(token: string): Promise<any>;
    };
    requiredScopes?: string[];
    expectedResource?: URL | string;
}, fail: (code: string, message: string) => Error): Promise<any>;
/**
 * The answer to a failed check: `{status, body, challenge?}`. `kindOf(error)` names the
 * generation's view of the error — `invalid_token` (401), `insufficient_scope` (403),
 * `server_error` (500), `other` (an OAuth error: 400) or undefined (not an OAuth error: 500
 * `server_error`). The 401 and 403 carry the `WWW-Authenticate` challenge (RFC 6750 §3), naming
 * the required scopes and the resource metadata URL (RFC 9728 §5.1) when there are some.
 * @param {any} error
 * @param {(error: any) => string | undefined} kindOf
 * @param {{requiredScopes?: string[], resourceMetadataUrl?: string}} [options]
 * @param {(value: string) => string} [quote]
 */
export function bearerRefusal(error: any, kindOf: (error: any) => string | undefined, options?: {
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
}, quote?: (value: string) => string): {
    status: number;
    body: any;
    challenge: string;
} | {
    status: number;
    body: any;
    challenge?: undefined;
};
/** Sends a refusal on Express's `res`. */
export function sendRefusal(res: any, { status, body, challenge }: {
    status: any;
    body: any;
    challenge: any;
}): void;
