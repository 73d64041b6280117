/**
 * Names the brand instances of `cls` carry (`stamp`), recognised by every copy of the class.
 * @param {Function} cls
 * @param {string} name
 */
export function brand(cls: Function, name: string): void;
/** `value` carries the brand of `cls` (an error built by another copy of the classes). */
export function branded(cls: any, value: any): boolean;
/** Marks `instance` with the brands of `ctor` and its ancestors. */
export function stamp(instance: any, ctor: any): void;
/**
 * An OAuth error as 2.x models it: one class, the `error` value in `code` (1.x has a class per
 * code). `toResponseObject()` is the body of an OAuth error response.
 */
export class OAuthError extends Error {
    /** `value instanceof this`, as a call on the class. */
    static isInstance(value: any): boolean;
    /**
     * The error an OAuth error response describes.
     * @param {{error: string, error_description?: string, error_uri?: string}} response
     */
    static fromResponse(response: {
        error: string;
        error_description?: string;
        error_uri?: string;
    }): OAuthError;
    static [Symbol.hasInstance](value: any): boolean;
    /**
     * @param {string} code
     * @param {string} message
     * @param {string} [errorUri]
     */
    constructor(code: string, message: string, errorUri?: string);
    code: string;
    errorUri: string | undefined;
    /** `{error, error_description, error_uri?}`. */
    toResponseObject(): {
        error: string;
        error_description: string;
        error_uri?: string;
    };
}
export namespace OAuthErrorCode {
    let InvalidRequest: string;
    let InvalidClient: string;
    let InvalidGrant: string;
    let UnauthorizedClient: string;
    let UnsupportedGrantType: string;
    let InvalidScope: string;
    let AccessDenied: string;
    let ServerError: string;
    let TemporarilyUnavailable: string;
    let UnsupportedResponseType: string;
    let UnsupportedTokenType: string;
    let InvalidToken: string;
    let MethodNotAllowed: string;
    let TooManyRequests: string;
    let InvalidClientMetadata: string;
    let InvalidRedirectUri: string;
    let InsufficientScope: string;
    let InvalidTarget: string;
    let InvalidDpopProof: string;
    let UseDpopNonce: string;
}
export class ProtocolError extends Error {
    static isInstance(value: any): boolean;
    /**
     * The typed error for a wire error.
     * @param {number} code
     * @param {string} message
     * @param {any} [data]
     */
    static fromError(code: number, message: string, data?: any): ProtocolError;
    static [Symbol.hasInstance](value: any): boolean;
    /**
     * @param {number} code
     * @param {string} message
     * @param {any} [data]
     */
    constructor(code: number, message: string, data?: any);
    code: number;
    data: any;
}
/** JSON-RPC error codes (a numeric enum with reverse mapping, as TypeScript emits it). */
export const ProtocolErrorCode: {};
export class SdkError extends Error {
    static isInstance(value: any): boolean;
    static [Symbol.hasInstance](value: any): boolean;
    /**
     * @param {string} code
     * @param {string} message
     * @param {any} [data]
     * @param {ErrorOptions} [options]
     */
    constructor(code: string, message: string, data?: any, options?: ErrorOptions);
    code: string;
    data: any;
}
export namespace SdkErrorCode {
    let NotConnected: string;
    let AlreadyConnected: string;
    let NotInitialized: string;
    let CapabilityNotSupported: string;
    let RequestTimeout: string;
    let ConnectionClosed: string;
    let SendFailed: string;
    let InvalidResult: string;
    let UnsupportedResultType: string;
    let InputRequiredRoundsExceeded: string;
    let ListPaginationExceeded: string;
    let MethodNotSupportedByProtocolVersion: string;
    let EraNegotiationFailed: string;
    let ClientHttpNotImplemented: string;
    let ClientHttpAuthentication: string;
    let ClientHttpForbidden: string;
    let ClientHttpUnexpectedContent: string;
    let ClientHttpFailedToOpenStream: string;
    let ClientHttpFailedToTerminateSession: string;
}
export class SdkHttpError extends SdkError {
    get status(): any;
    get statusText(): any;
}
/** An unknown resource: -32602 with the URI in `data` (SEP-2164). */
export class ResourceNotFoundError extends ProtocolError {
    /**
     * @param {string} uri
     * @param {string} [message]
     */
    constructor(uri: string, message?: string);
    get uri(): any;
}
export class UrlElicitationRequiredError extends ProtocolError {
    /**
     * @param {any[]} elicitations
     * @param {string} [message]
     */
    constructor(elicitations: any[], message?: string);
    get elicitations(): any;
}
export class UnsupportedProtocolVersionError extends ProtocolError {
    /**
     * @param {{supported: string[], requested: string}} data
     * @param {string} [message]
     */
    constructor(data: {
        supported: string[];
        requested: string;
    }, message?: string);
    get supported(): any;
    get requested(): any;
}
export class MissingRequiredClientCapabilityError extends ProtocolError {
    /**
     * @param {{requiredCapabilities: Record<string, any>}} data
     * @param {string} [message]
     */
    constructor(data: {
        requiredCapabilities: Record<string, any>;
    }, message?: string);
    get requiredCapabilities(): any;
}
