/**
 * The core's policy for `options`; `quoting`: `"escaped"` writes challenge values as HTTP
 * quoted-strings (2.x), else as given (1.x).
 * @param {{requiredScopes?: string[], expectedResource?: URL | string, resourceMetadataUrl?: string}} [options]
 * @param {"as-given" | "escaped"} [quoting]
 */
export function bearerPolicy(options?: {
    requiredScopes?: string[];
    expectedResource?: URL | string;
    resourceMetadataUrl?: string;
}, quoting?: "as-given" | "escaped"): BearerPolicy;
/**
 * Checks a raw `Authorization` header and returns the verifier's `AuthInfo`, or throws what
 * `fail(code, message)` builds (`code`: `invalid_token` or `insufficient_scope`).
 * @param {string | undefined} header
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}}} options
 * @param {(code: string, message: string) => Error} fail
 * @param {any} policy the core's policy for `options` (bearerPolicy)
 */
export function checkBearerToken(header: string | undefined, { verifier }: {
    verifier: {
        verifyAccessToken(token: string): Promise<any>;
    };
}, fail: (code: string, message: string) => Error, policy: any): Promise<any>;
/**
 * The answer to a failed check: `{status, headers, body}` (`headers`: `[name, value]` pairs,
 * `body`: JSON text). `kindOf(error)` names the generation's view of the error —
 * `invalid_token`, `insufficient_scope`, `server_error`, `other` (another OAuth error) or
 * undefined (not an OAuth error); the core decides the status and the challenge.
 * @param {any} error
 * @param {(error: any) => string | undefined} kindOf
 * @param {any} policy the core's policy (bearerPolicy)
 * @param {(error: any) => string | undefined} codeOf the OAuth code the error's body carries
 */
export function bearerRefusal(error: any, kindOf: (error: any) => string | undefined, policy: any, codeOf: (error: any) => string | undefined): any;
/** Sends a refusal on Express's `res`: its body through `res.json`, which sets the type. */
export function sendRefusal(res: any, { status, headers, body }: {
    status: any;
    headers: any;
    body: any;
}): void;
/** A refusal as a fetch `Response`. */
export function refusalResponse({ status, headers, body }: {
    status: any;
    headers: any;
    body: any;
}): Response;
import { BearerPolicy } from "../../native/index.js";
