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
