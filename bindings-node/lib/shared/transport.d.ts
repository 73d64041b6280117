/** `HeadersInit` (a `Headers`, `[name, value]` pairs or a plain object) as a plain object. */
export function normalizeHeaders(headers: any): any;
/** A fetch that starts every call from `baseInit`; headers are merged, the call's winning. */
export function createFetchWithInit(baseFetch: typeof fetch | undefined, baseInit: any): typeof fetch;
/** Whether `to` is on `from`'s origin, or is the https form of an http origin on default ports. */
export function isWithinOrigin(from: any, to: any): boolean;
/**
 * Follows `response`'s redirect while it stays on the origin of `url` (at most five times, and
 * for a request with a body only on 307/308, which keep the method). Undefined when `response`
 * is the answer as it is.
 */
export function followWithinOrigin(baseFetch: any, url: any, init: any, response: any, followed?: number): any;
export function fetchLeavingRedirects(baseFetch: any): (url: any, init: any) => any;
/** A fetch that follows redirects only within the request's origin; others come back unfollowed. */
export function fetchWithinOrigin(baseFetch?: typeof fetch): typeof fetch | ((url: any, init: any) => Promise<any>);
/** A sentence about a redirect `fetchWithinOrigin` did not follow (its target without credentials, query or fragment). */
export function unfollowedRedirect(response: any, requestUrl: any): string | undefined;
