/** The Express the server uses (for routers and body parsers). */
export function hostExpress(): any;
/** A JSON answer: Express's own (content type, ETag, conditional requests) where it is Express. */
export function reply(res: any, status: any, body: any, headers?: {}): void;
/**
 * CORS for any origin, as the `cors` package's defaults answer (the SDK mounts `cors()` on its
 * metadata, token, registration and revocation endpoints): every answer allows any origin, and
 * an OPTIONS request is a preflight answered here, 204, any method and the headers asked for.
 * Returns true when it answered.
 */
export function anyOrigin(req: any, res: any): boolean;
/** `anyOrigin` as Express middleware. */
export function anyOriginMiddleware(): (req: any, res: any, next: any) => void;
/** The 405 answer for a method not in `methods`, with `Allow`. */
export function refuseMethod(req: any, res: any, methods: any): void;
/**
 * An error thrown while serving a request, as its OAuth error body: 400, or 500 for a
 * `ServerError`; anything that is not an OAuth error is a 500 `server_error` that says nothing
 * of its cause.
 */
export function sendOAuthError(res: any, error: any): void;
/**
 * The SDK's rate limit for an endpoint (express-rate-limit, with the standard `RateLimit-*`
 * headers and a `too_many_requests` body naming `what`), `config` overriding any of it; none
 * when `config` is false.
 * @param {object | false | undefined} config
 * @param {{windowMs: number, max: number, what: string}} defaults
 */
export function rateLimiter(config: object | false | undefined, { windowMs, max, what }: {
    windowMs: number;
    max: number;
    what: string;
}): any;
/**
 * An endpoint's router as the SDK's endpoints build theirs: any origin (`cors`), only `methods`,
 * the body parsed (`"json"` or `"form"`), then the rate limit (`rateLimit` over `limits`, or
 * none when false); the caller adds the rest.
 * @param {{cors: boolean, methods: string[], body: "json" | "form", rateLimit?: object | false, limits: {windowMs: number, max: number, what: string}}} options
 */
export function endpointRouter({ cors, methods, body, rateLimit, limits }: {
    cors: boolean;
    methods: string[];
    body: "json" | "form";
    rateLimit?: object | false;
    limits: {
        windowMs: number;
        max: number;
        what: string;
    };
}): any;
