/** The loopback hostnames, for a server bound to 127.0.0.1. */
export function localhostAllowedHostnames(): string[];
/** The loopback origin hostnames. */
export function localhostAllowedOrigins(): string[];
/**
 * Whether the Host header names an allowed hostname (its port ignored).
 * @param {string | null | undefined} hostHeader
 * @param {string[]} allowedHostnames
 */
export function validateHostHeader(hostHeader: string | null | undefined, allowedHostnames: string[]): {
    ok: boolean;
    errorCode: string;
    message: string;
    hostHeader?: undefined;
    hostname?: undefined;
} | {
    ok: boolean;
    errorCode: string;
    message: string;
    hostHeader: string;
    hostname?: undefined;
} | {
    ok: boolean;
    errorCode: string;
    message: string;
    hostHeader: string;
    hostname: string;
} | {
    ok: boolean;
    hostname: string;
    errorCode?: undefined;
    message?: undefined;
    hostHeader?: undefined;
};
/**
 * Whether the Origin header names an allowed hostname: no Origin passes (clients other than
 * browsers send none); one that does not parse, `null` included, is refused. `<scheme>://*`
 * allows every origin of a scheme other than http(s) (browser extensions).
 * @param {string | null | undefined} originHeader
 * @param {string[]} allowedOriginHostnames
 */
export function validateOriginHeader(originHeader: string | null | undefined, allowedOriginHostnames: string[]): {
    ok: boolean;
    errorCode?: undefined;
    message?: undefined;
    originHeader?: undefined;
    hostname?: undefined;
    origin?: undefined;
} | {
    ok: boolean;
    errorCode: string;
    message: string;
    originHeader: string;
    hostname?: undefined;
    origin?: undefined;
} | {
    ok: boolean;
    errorCode: string;
    message: string;
    originHeader: string;
    hostname: string;
    origin?: undefined;
} | {
    ok: boolean;
    origin: string;
    hostname: string;
    errorCode?: undefined;
    message?: undefined;
    originHeader?: undefined;
};
/**
 * A 403 answer when the request's Host is not allowed, else undefined.
 * @param {Request} req
 * @param {string[]} allowedHostnames
 */
export function hostHeaderValidationResponse(req: Request, allowedHostnames: string[]): Response | undefined;
/**
 * A 403 answer when the request's Origin is not allowed, else undefined.
 * @param {Request} req
 * @param {string[]} allowedOriginHostnames
 */
export function originValidationResponse(req: Request, allowedOriginHostnames: string[]): Response | undefined;
export namespace nodeGuards {
    function hostHeaderValidation(allowedHostnames: string[]): (req: any, res: any) => boolean;
    function localhostHostValidation(): (req: any, res: any) => boolean;
    function originValidation(allowedOriginHostnames: string[]): (req: any, res: any) => boolean;
    function localhostOriginValidation(): (req: any, res: any) => boolean;
}
/** Express middleware: 403 when the Origin is not allowed, else `next()`. */
export function originValidation(allowedOriginHostnames: any): (req: any, res: any, next: any) => void;
export function localhostOriginValidation(): (req: any, res: any, next: any) => void;
import { isJsonContentType } from "../shared/mediaType.js";
export { isJsonContentType };
