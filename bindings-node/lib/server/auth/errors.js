"use strict";
// `@modelcontextprotocol/sdk/server/auth/errors.js`: OAuth 2.0 errors (RFC 6749 §5.2, RFC 6750
// §3.1, RFC 8707), each class with its `errorCode`, and the response body it becomes.

class OAuthError extends Error {
  /**
   * @param {string} message the `error_description`
   * @param {string} [errorUri] the `error_uri`
   */
  constructor(message, errorUri) {
    super(message);
    this.errorUri = errorUri;
    this.name = this.constructor.name;
  }

  /** The class's OAuth `error` value. */
  get errorCode() {
    return this.constructor.errorCode;
  }

  /** `{error, error_description, error_uri?}` as an OAuth error response carries it. */
  toResponseObject() {
    const body = { error: this.errorCode, error_description: this.message };
    if (this.errorUri) {
      body.error_uri = this.errorUri;
    }
    return body;
  }
}

/** An error with a code of the author's choosing. */
class CustomOAuthError extends OAuthError {
  /**
   * @param {string} customErrorCode the `error`
   * @param {string} message the `error_description`
   * @param {string} [errorUri] the `error_uri`
   */
  constructor(customErrorCode, message, errorUri) {
    super(message, errorUri);
    this.customErrorCode = customErrorCode;
  }

  get errorCode() {
    return this.customErrorCode;
  }
}

// Classes are written out (not made in a loop) so that each has its own name and so that
// Node's ESM loader sees every export.
class InvalidRequestError extends OAuthError {}
InvalidRequestError.errorCode = "invalid_request";
class InvalidClientError extends OAuthError {}
InvalidClientError.errorCode = "invalid_client";
class InvalidGrantError extends OAuthError {}
InvalidGrantError.errorCode = "invalid_grant";
class UnauthorizedClientError extends OAuthError {}
UnauthorizedClientError.errorCode = "unauthorized_client";
class UnsupportedGrantTypeError extends OAuthError {}
UnsupportedGrantTypeError.errorCode = "unsupported_grant_type";
class InvalidScopeError extends OAuthError {}
InvalidScopeError.errorCode = "invalid_scope";
class AccessDeniedError extends OAuthError {}
AccessDeniedError.errorCode = "access_denied";
class ServerError extends OAuthError {}
ServerError.errorCode = "server_error";
class TemporarilyUnavailableError extends OAuthError {}
TemporarilyUnavailableError.errorCode = "temporarily_unavailable";
class UnsupportedResponseTypeError extends OAuthError {}
UnsupportedResponseTypeError.errorCode = "unsupported_response_type";
class UnsupportedTokenTypeError extends OAuthError {}
UnsupportedTokenTypeError.errorCode = "unsupported_token_type";
class InvalidTokenError extends OAuthError {}
InvalidTokenError.errorCode = "invalid_token";
class MethodNotAllowedError extends OAuthError {}
MethodNotAllowedError.errorCode = "method_not_allowed";
class TooManyRequestsError extends OAuthError {}
TooManyRequestsError.errorCode = "too_many_requests";
class InvalidClientMetadataError extends OAuthError {}
InvalidClientMetadataError.errorCode = "invalid_client_metadata";
class InsufficientScopeError extends OAuthError {}
InsufficientScopeError.errorCode = "insufficient_scope";
class InvalidTargetError extends OAuthError {}
InvalidTargetError.errorCode = "invalid_target";

/** Every standard error class by its `error` value, to turn an error response back into a class. */
const OAUTH_ERRORS = {};
for (const cls of [
  InvalidRequestError,
  InvalidClientError,
  InvalidGrantError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  InvalidScopeError,
  AccessDeniedError,
  ServerError,
  TemporarilyUnavailableError,
  UnsupportedResponseTypeError,
  UnsupportedTokenTypeError,
  InvalidTokenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  InvalidClientMetadataError,
  InsufficientScopeError,
  InvalidTargetError,
]) {
  OAUTH_ERRORS[cls.errorCode] = cls;
}

module.exports = {
  OAuthError,
  CustomOAuthError,
  InvalidRequestError,
  InvalidClientError,
  InvalidGrantError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  InvalidScopeError,
  AccessDeniedError,
  ServerError,
  TemporarilyUnavailableError,
  UnsupportedResponseTypeError,
  UnsupportedTokenTypeError,
  InvalidTokenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  InvalidClientMetadataError,
  InsufficientScopeError,
  InvalidTargetError,
  OAUTH_ERRORS,
};
