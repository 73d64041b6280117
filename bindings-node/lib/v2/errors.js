"use strict";
// The error classes of `@modelcontextprotocol/server` 2.x. `ProtocolError` is what a handler
// throws to answer on the JSON-RPC plane: its `code`, its `message` as given (no `MCP error
// <code>:` prefix, unlike 1.x's `McpError`) and its `data` — the core reads the three when a
// handler rejects. `instanceof` also recognises errors of the official package's classes, as
// the SDK's own brand check does across bundles.

const BRANDS = Symbol.for("mcp.sdk.errorBrands");

/** `value` carries the brand of `cls` (an error built by another copy of the classes). */
function branded(cls, value) {
  try {
    if (value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(cls, "mcpBrand")) {
      const carried = value[BRANDS];
      if (carried && typeof carried.has === "function" && carried.has(cls.mcpBrand)) {
        return true;
      }
    }
  } catch {
    // An exotic value: plain instanceof decides.
  }
  return Function.prototype[Symbol.hasInstance].call(cls, value);
}

/** Marks `instance` with the brands of `ctor` and its ancestors. */
function stamp(instance, ctor) {
  const brands = new Set();
  for (let c = ctor; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    if (Object.prototype.hasOwnProperty.call(c, "mcpBrand")) {
      brands.add(c.mcpBrand);
    }
  }
  if (brands.size > 0) {
    Object.defineProperty(instance, BRANDS, { value: brands, enumerable: false, configurable: true });
  }
}

/**
 * Names the brand instances of `cls` carry (`stamp`), recognised by every copy of the class.
 * @param {Function} cls
 * @param {string} name
 */
function brand(cls, name) {
  Object.defineProperty(cls, "mcpBrand", { value: name });
}

/** JSON-RPC error codes (a numeric enum with reverse mapping, as TypeScript emits it). */
const ProtocolErrorCode = {};
for (const [name, code] of [
  ["ParseError", -32700],
  ["InvalidRequest", -32600],
  ["MethodNotFound", -32601],
  ["InvalidParams", -32602],
  ["InternalError", -32603],
  ["ResourceNotFound", -32002],
  ["MissingRequiredClientCapability", -32021],
  ["UnsupportedProtocolVersion", -32022],
  ["UrlElicitationRequired", -32042],
]) {
  ProtocolErrorCode[(ProtocolErrorCode[name] = code)] = name;
}

/** Local failures of the SDK (never sent on the wire): string codes. */
const SdkErrorCode = {
  NotConnected: "NOT_CONNECTED",
  AlreadyConnected: "ALREADY_CONNECTED",
  NotInitialized: "NOT_INITIALIZED",
  CapabilityNotSupported: "CAPABILITY_NOT_SUPPORTED",
  RequestTimeout: "REQUEST_TIMEOUT",
  ConnectionClosed: "CONNECTION_CLOSED",
  SendFailed: "SEND_FAILED",
  InvalidResult: "INVALID_RESULT",
  UnsupportedResultType: "UNSUPPORTED_RESULT_TYPE",
  InputRequiredRoundsExceeded: "INPUT_REQUIRED_ROUNDS_EXCEEDED",
  ListPaginationExceeded: "LIST_PAGINATION_EXCEEDED",
  MethodNotSupportedByProtocolVersion: "METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION",
  EraNegotiationFailed: "ERA_NEGOTIATION_FAILED",
  ClientHttpNotImplemented: "CLIENT_HTTP_NOT_IMPLEMENTED",
  ClientHttpAuthentication: "CLIENT_HTTP_AUTHENTICATION",
  ClientHttpForbidden: "CLIENT_HTTP_FORBIDDEN",
  ClientHttpUnexpectedContent: "CLIENT_HTTP_UNEXPECTED_CONTENT",
  ClientHttpFailedToOpenStream: "CLIENT_HTTP_FAILED_TO_OPEN_STREAM",
  ClientHttpFailedToTerminateSession: "CLIENT_HTTP_FAILED_TO_TERMINATE_SESSION",
};

class SdkError extends Error {
  static [Symbol.hasInstance](value) {
    return branded(this, value);
  }

  static isInstance(value) {
    return branded(this, value);
  }

  /**
   * @param {string} code
   * @param {string} message
   * @param {any} [data]
   * @param {ErrorOptions} [options]
   */
  constructor(code, message, data, options) {
    super(message, options);
    this.code = code;
    this.data = data;
    this.name = "SdkError";
    stamp(this, new.target);
  }
}
brand(SdkError, "mcp.SdkError");

class SdkHttpError extends SdkError {
  /**
   * @param {string} code
   * @param {string} message
   * @param {any} [data]
   * @param {ErrorOptions} [options]
   */
  constructor(code, message, data, options) {
    super(code, message, data, options);
    this.name = "SdkHttpError";
  }

  get status() {
    return this.data?.status;
  }

  get statusText() {
    return this.data?.statusText;
  }
}
brand(SdkHttpError, "mcp.SdkHttpError");

class ProtocolError extends Error {
  static [Symbol.hasInstance](value) {
    return branded(this, value);
  }

  static isInstance(value) {
    return branded(this, value);
  }

  /**
   * @param {number} code
   * @param {string} message
   * @param {any} [data]
   */
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
    this.name = "ProtocolError";
    stamp(this, new.target);
  }

  /**
   * The typed error for a wire error.
   * @param {number} code
   * @param {string} message
   * @param {any} [data]
   */
  static fromError(code, message, data) {
    if (code === ProtocolErrorCode.UrlElicitationRequired && data?.elicitations) {
      return new UrlElicitationRequiredError(data.elicitations, message);
    }
    if (code === ProtocolErrorCode.UnsupportedProtocolVersion && Array.isArray(data?.supported) && typeof data.requested === "string") {
      return new UnsupportedProtocolVersionError({ supported: data.supported, requested: data.requested }, message);
    }
    if (
      (code === ProtocolErrorCode.InvalidParams || code === ProtocolErrorCode.ResourceNotFound) &&
      typeof data?.uri === "string" &&
      (code === ProtocolErrorCode.ResourceNotFound || Object.keys(data).length === 1)
    ) {
      return new ResourceNotFoundError(data.uri, message);
    }
    const caps = data?.requiredCapabilities;
    if (code === ProtocolErrorCode.MissingRequiredClientCapability && caps !== null && typeof caps === "object" && !Array.isArray(caps)) {
      return new MissingRequiredClientCapabilityError({ requiredCapabilities: caps }, message);
    }
    return new ProtocolError(code, message, data);
  }
}
brand(ProtocolError, "mcp.ProtocolError");

/** An unknown resource: -32602 with the URI in `data` (SEP-2164). */
class ResourceNotFoundError extends ProtocolError {
  /**
   * @param {string} uri
   * @param {string} [message]
   */
  constructor(uri, message = `Resource not found: ${uri}`) {
    super(ProtocolErrorCode.InvalidParams, message, { uri });
  }

  get uri() {
    return this.data.uri;
  }
}
brand(ResourceNotFoundError, "mcp.ResourceNotFoundError");

class UrlElicitationRequiredError extends ProtocolError {
  /**
   * @param {any[]} elicitations
   * @param {string} [message]
   */
  constructor(elicitations, message = `URL elicitation${elicitations.length > 1 ? "s" : ""} required`) {
    super(ProtocolErrorCode.UrlElicitationRequired, message, { elicitations });
  }

  get elicitations() {
    return this.data?.elicitations ?? [];
  }
}
brand(UrlElicitationRequiredError, "mcp.UrlElicitationRequiredError");

class UnsupportedProtocolVersionError extends ProtocolError {
  /**
   * @param {{supported: string[], requested: string}} data
   * @param {string} [message]
   */
  constructor(data, message = `Unsupported protocol version: ${data.requested}`) {
    super(ProtocolErrorCode.UnsupportedProtocolVersion, message, data);
  }

  get supported() {
    return this.data.supported;
  }

  get requested() {
    return this.data.requested;
  }
}
brand(UnsupportedProtocolVersionError, "mcp.UnsupportedProtocolVersionError");

class MissingRequiredClientCapabilityError extends ProtocolError {
  /**
   * @param {{requiredCapabilities: Record<string, any>}} data
   * @param {string} [message]
   */
  constructor(data, message = `Missing required client capabilities: ${Object.keys(data.requiredCapabilities).join(", ")}`) {
    super(ProtocolErrorCode.MissingRequiredClientCapability, message, data);
  }

  get requiredCapabilities() {
    return this.data.requiredCapabilities;
  }
}
brand(MissingRequiredClientCapabilityError, "mcp.MissingRequiredClientCapabilityError");

/** The OAuth `error` values (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591, RFC 8707, RFC 9449). */
const OAuthErrorCode = {
  InvalidRequest: "invalid_request",
  InvalidClient: "invalid_client",
  InvalidGrant: "invalid_grant",
  UnauthorizedClient: "unauthorized_client",
  UnsupportedGrantType: "unsupported_grant_type",
  InvalidScope: "invalid_scope",
  AccessDenied: "access_denied",
  ServerError: "server_error",
  TemporarilyUnavailable: "temporarily_unavailable",
  UnsupportedResponseType: "unsupported_response_type",
  UnsupportedTokenType: "unsupported_token_type",
  InvalidToken: "invalid_token",
  MethodNotAllowed: "method_not_allowed",
  TooManyRequests: "too_many_requests",
  InvalidClientMetadata: "invalid_client_metadata",
  InvalidRedirectUri: "invalid_redirect_uri",
  InsufficientScope: "insufficient_scope",
  InvalidTarget: "invalid_target",
  InvalidDpopProof: "invalid_dpop_proof",
  UseDpopNonce: "use_dpop_nonce",
};

/**
 * An OAuth error as 2.x models it: one class, the `error` value in `code` (1.x has a class per
 * code). `toResponseObject()` is the body of an OAuth error response.
 */
class OAuthError extends Error {
  static [Symbol.hasInstance](value) {
    return branded(this, value);
  }

  /** `value instanceof this`, as a call on the class. */
  static isInstance(value) {
    if (typeof this !== "function") {
      throw new TypeError(
        "isInstance must be called on the class (e.g. `SdkError.isInstance(value)`); for callbacks use `v => SdkError.isInstance(v)`",
      );
    }
    return branded(this, value);
  }

  /**
   * @param {string} code
   * @param {string} message
   * @param {string} [errorUri]
   */
  constructor(code, message, errorUri) {
    super(message);
    this.code = code;
    this.errorUri = errorUri;
    this.name = "OAuthError";
    stamp(this, new.target);
  }

  /** `{error, error_description, error_uri?}`. */
  toResponseObject() {
    /** @type {{error: string, error_description: string, error_uri?: string}} */
    const body = { error: this.code, error_description: this.message };
    if (this.errorUri) {
      body.error_uri = this.errorUri;
    }
    return body;
  }

  /**
   * The error an OAuth error response describes.
   * @param {{error: string, error_description?: string, error_uri?: string}} response
   */
  static fromResponse(response) {
    return new OAuthError(response.error, response.error_description ?? response.error, response.error_uri);
  }
}
brand(OAuthError, "mcp.OAuthError");

module.exports = {
  // For the error classes of other modules (the skills extension's `SkillCatalogError`).
  brand,
  branded,
  stamp,
  OAuthError,
  OAuthErrorCode,
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  ResourceNotFoundError,
  UrlElicitationRequiredError,
  UnsupportedProtocolVersionError,
  MissingRequiredClientCapabilityError,
};
