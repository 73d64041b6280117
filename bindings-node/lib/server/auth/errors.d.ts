export class OAuthError extends Error {
    /**
     * @param {string} message the `error_description`
     * @param {string} [errorUri] the `error_uri`
     */
    constructor(message: string, errorUri?: string);
    errorUri: string | undefined;
    /** The class's OAuth `error` value. */
    get errorCode(): any;
    /** `{error, error_description, error_uri?}` as an OAuth error response carries it. */
    toResponseObject(): {
        error: any;
        error_description: string;
    };
}
/** An error with a code of the author's choosing. */
export class CustomOAuthError extends OAuthError {
    /**
     * @param {string} customErrorCode the `error`
     * @param {string} message the `error_description`
     * @param {string} [errorUri] the `error_uri`
     */
    constructor(customErrorCode: string, message: string, errorUri?: string);
    customErrorCode: string;
    get errorCode(): string;
}
export class InvalidRequestError extends OAuthError {
}
export namespace InvalidRequestError {
    let errorCode: string;
}
export class InvalidClientError extends OAuthError {
}
export namespace InvalidClientError {
    let errorCode_1: string;
    export { errorCode_1 as errorCode };
}
export class InvalidGrantError extends OAuthError {
}
export namespace InvalidGrantError {
    let errorCode_2: string;
    export { errorCode_2 as errorCode };
}
export class UnauthorizedClientError extends OAuthError {
}
export namespace UnauthorizedClientError {
    let errorCode_3: string;
    export { errorCode_3 as errorCode };
}
export class UnsupportedGrantTypeError extends OAuthError {
}
export namespace UnsupportedGrantTypeError {
    let errorCode_4: string;
    export { errorCode_4 as errorCode };
}
export class InvalidScopeError extends OAuthError {
}
export namespace InvalidScopeError {
    let errorCode_5: string;
    export { errorCode_5 as errorCode };
}
export class AccessDeniedError extends OAuthError {
}
export namespace AccessDeniedError {
    let errorCode_6: string;
    export { errorCode_6 as errorCode };
}
export class ServerError extends OAuthError {
}
export namespace ServerError {
    let errorCode_7: string;
    export { errorCode_7 as errorCode };
}
export class TemporarilyUnavailableError extends OAuthError {
}
export namespace TemporarilyUnavailableError {
    let errorCode_8: string;
    export { errorCode_8 as errorCode };
}
export class UnsupportedResponseTypeError extends OAuthError {
}
export namespace UnsupportedResponseTypeError {
    let errorCode_9: string;
    export { errorCode_9 as errorCode };
}
export class UnsupportedTokenTypeError extends OAuthError {
}
export namespace UnsupportedTokenTypeError {
    let errorCode_10: string;
    export { errorCode_10 as errorCode };
}
export class InvalidTokenError extends OAuthError {
}
export namespace InvalidTokenError {
    let errorCode_11: string;
    export { errorCode_11 as errorCode };
}
export class MethodNotAllowedError extends OAuthError {
}
export namespace MethodNotAllowedError {
    let errorCode_12: string;
    export { errorCode_12 as errorCode };
}
export class TooManyRequestsError extends OAuthError {
}
export namespace TooManyRequestsError {
    let errorCode_13: string;
    export { errorCode_13 as errorCode };
}
export class InvalidClientMetadataError extends OAuthError {
}
export namespace InvalidClientMetadataError {
    let errorCode_14: string;
    export { errorCode_14 as errorCode };
}
export class InsufficientScopeError extends OAuthError {
}
export namespace InsufficientScopeError {
    let errorCode_15: string;
    export { errorCode_15 as errorCode };
}
export class InvalidTargetError extends OAuthError {
}
export namespace InvalidTargetError {
    let errorCode_16: string;
    export { errorCode_16 as errorCode };
}
/** Every standard error class by its `error` value, to turn an error response back into a class. */
export const OAUTH_ERRORS: {};
