"use strict";
// Which era an inbound HTTP request belongs to, as `@modelcontextprotocol/server` 2.x decides it
// at its serving entries (`classifyInboundRequest`, `isLegacyRequest`): a request whose
// `params._meta` names a protocol version claims the 2026-07-28 revision (`modern`); `initialize`,
// claim-less requests, batches, posted responses and body-less methods are 2025-era traffic
// (`legacy`); a claim that contradicts itself or its headers is rejected. Only the routing is
// decided here: the core checks and answers every modern request itself.

const { ProtocolErrorCode } = require("./errors.js");

const PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";
const CLIENT_CAPABILITIES_META_KEY = "io.modelcontextprotocol/clientCapabilities";
const CLIENT_INFO_META_KEY = "io.modelcontextprotocol/clientInfo";
const MODERN_VERSIONS = ["2026-07-28"];
const HEADER_MISMATCH = -32020;

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isModern = (version) => typeof version === "string" && version >= "2026-07-28";
const metaOf = (params) => (isObject(params) && isObject(params._meta) ? params._meta : undefined);
const claims = (params) => metaOf(params) !== undefined && PROTOCOL_VERSION_META_KEY in metaOf(params);
const isId = (id) => typeof id === "string" || (typeof id === "number" && Number.isInteger(id));
const isRequest = (m) => isObject(m) && m.jsonrpc === "2.0" && typeof m.method === "string" && isId(m.id);
const isNotification = (m) => isObject(m) && m.jsonrpc === "2.0" && typeof m.method === "string" && !("id" in m);
const isResponse = (m) => isObject(m) && m.jsonrpc === "2.0" && ("result" in m || "error" in m) && !("method" in m);

/** Whether `params` carry a whole envelope naming a 2026-07-28-era revision. */
function validModernClaim(params) {
  const meta = metaOf(params);
  return meta !== undefined && isModern(meta[PROTOCOL_VERSION_META_KEY]) && envelopeProblem(meta) === undefined;
}

/** The first problem of a 2026-07-28 envelope, or undefined. */
function envelopeProblem(meta) {
  if (meta === undefined) {
    return { key: "_meta", problem: "missing" };
  }
  for (const key of [PROTOCOL_VERSION_META_KEY, CLIENT_CAPABILITIES_META_KEY]) {
    if (!(key in meta)) {
      return { key, problem: "missing" };
    }
  }
  if (typeof meta[PROTOCOL_VERSION_META_KEY] !== "string") {
    return { key: PROTOCOL_VERSION_META_KEY, problem: "expected a protocol version string" };
  }
  if (!isObject(meta[CLIENT_CAPABILITIES_META_KEY])) {
    return { key: CLIENT_CAPABILITIES_META_KEY, problem: "expected an object" };
  }
  if (CLIENT_INFO_META_KEY in meta && !isObject(meta[CLIENT_INFO_META_KEY])) {
    return { key: CLIENT_INFO_META_KEY, problem: "expected an object" };
  }
  return undefined;
}

function rejection(cell, httpStatus, code, message, data) {
  return { kind: "reject", rung: "era-classification", cell, httpStatus, code, message, ...(data !== undefined && { data }) };
}

function mismatch(cell, header, body) {
  return rejection(cell, 400, HEADER_MISMATCH, `Bad Request: the request headers and body disagree: ${body}`, { mismatch: { header, body } });
}

function classification(version) {
  return version === undefined ? { era: "modern" } : { era: isModern(version) ? "modern" : "legacy", revision: version };
}

const trimmed = (v) => (typeof v === "string" ? v.trim() : undefined);

/**
 * Classifies one inbound HTTP request: `{kind: "legacy", reason}`, `{kind: "modern",
 * messageKind, message, classification}`, or `{kind: "reject", httpStatus, code, message}`.
 * @param {{httpMethod: string, protocolVersionHeader?: string, mcpMethodHeader?: string, mcpNameHeader?: string, body?: unknown}} request
 */
function classifyInboundRequest(request) {
  const header = trimmed(request.protocolVersionHeader);
  const methodHeader = trimmed(request.mcpMethodHeader);
  if (String(request.httpMethod).toUpperCase() !== "POST") {
    return { kind: "legacy", reason: "http-method" };
  }
  const body = request.body;
  if (Array.isArray(body)) {
    if (body.length === 0) {
      return rejection("empty-batch", 400, ProtocolErrorCode.InvalidRequest, "Bad Request: empty JSON-RPC batch");
    }
    if (body.some((m) => claims(m?.params))) {
      return rejection(
        "batch-with-modern-element",
        400,
        ProtocolErrorCode.InvalidRequest,
        "Bad Request: JSON-RPC batches may not contain requests for protocol revision 2026-07-28 or later",
      );
    }
    return { kind: "legacy", reason: "batch" };
  }
  if (isResponse(body)) {
    return { kind: "legacy", reason: "response" };
  }
  const request_ = isRequest(body);
  if (!request_ && !isNotification(body)) {
    return rejection("invalid-json-rpc-body", 400, ProtocolErrorCode.InvalidRequest, "Bad Request: the request body is not a valid JSON-RPC message");
  }
  const params = body.params;
  const meta = metaOf(params);
  const version = typeof meta?.[PROTOCOL_VERSION_META_KEY] === "string" ? meta[PROTOCOL_VERSION_META_KEY] : undefined;
  const headerModern = isModern(header);
  const messageKind = request_ ? "request" : "notification";
  if (request_ && body.method === "initialize" && !validModernClaim(params)) {
    if (headerModern) {
      return mismatch("initialize-with-modern-header", header, "an initialize request (legacy handshake) was sent with a modern MCP-Protocol-Version header");
    }
    const requestedVersion = typeof params?.protocolVersion === "string" ? params.protocolVersion : undefined;
    return { kind: "legacy", reason: "initialize", ...(requestedVersion !== undefined && { requestedVersion }) };
  }
  if (claims(params)) {
    const problem = request_ ? envelopeProblem(meta) : version === undefined ? envelopeProblem(meta) : undefined;
    if (problem) {
      return rejection(
        "envelope-invalid",
        400,
        ProtocolErrorCode.InvalidParams,
        `Invalid _meta envelope for protocol revision 2026-07-28: ${problem.key}: ${problem.problem}`,
        { envelope: problem },
      );
    }
    if (header !== undefined && header !== version) {
      return mismatch("header-body-version-mismatch", header, `the body envelope names protocol version ${version} but the MCP-Protocol-Version header names ${header}`);
    }
    if (methodHeader !== undefined && methodHeader !== body.method) {
      return mismatch("method-header-mismatch", methodHeader, `the body names method ${body.method} but the Mcp-Method header names ${methodHeader}`);
    }
    return { kind: "modern", messageKind, message: body, classification: classification(version) };
  }
  if (headerModern) {
    if (!request_) {
      return { kind: "modern", messageKind, message: body, classification: { era: "modern", revision: header } };
    }
    const missing = meta === undefined ? ["_meta"] : [PROTOCOL_VERSION_META_KEY];
    return rejection(
      "modern-header-without-claim",
      400,
      ProtocolErrorCode.InvalidParams,
      `Invalid params: the MCP-Protocol-Version header names protocol revision ${header}, but the request is missing the required per-request envelope key(s): ${missing.join(", ")}`,
      { envelope: { missing } },
    );
  }
  return {
    kind: "legacy",
    reason: request_ ? "no-claim" : "notification",
    ...(header !== undefined && { requestedVersion: header }),
  };
}

/**
 * What a modern-only endpoint (`legacy: 'reject'`) answers a legacy-classified request with;
 * undefined for a notification (accepted with 202 and dropped).
 */
function modernOnlyRejection(route) {
  switch (route.reason) {
    case "http-method":
      return rejection("modern-only-method-not-allowed", 405, -32000, "Method not allowed.");
    case "batch":
      return rejection("modern-only-batch-not-supported", 400, ProtocolErrorCode.InvalidRequest, "Bad Request: JSON-RPC batches are not supported by this endpoint");
    case "response":
      return rejection("modern-only-response-post", 400, ProtocolErrorCode.InvalidRequest, "Bad Request: JSON-RPC responses cannot be posted to this endpoint");
    case "notification":
      return undefined;
    default: {
      const requested = route.requestedVersion;
      return rejection(
        "modern-only-missing-envelope",
        400,
        ProtocolErrorCode.UnsupportedProtocolVersion,
        requested === undefined
          ? "Unsupported protocol version: the request did not name a protocol version"
          : `Unsupported protocol version: ${requested}`,
        { supported: [...MODERN_VERSIONS], ...(requested !== undefined && { requested }) },
      );
    }
  }
}

/** A JSON body, or undefined when it is empty or not JSON. */
async function readJson(request) {
  try {
    const text = await request.text();
    return text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The headers of a Web `Request` the classification reads. */
function inboundOf(request, body) {
  return {
    httpMethod: request.method,
    protocolVersionHeader: request.headers.get("mcp-protocol-version") ?? undefined,
    mcpMethodHeader: request.headers.get("mcp-method") ?? undefined,
    mcpNameHeader: request.headers.get("mcp-name") ?? undefined,
    body,
  };
}

/**
 * Whether `createMcpHandler` routes this request to its 2025-era serving: true for claim-less
 * traffic (and bodies that are empty or not JSON), false for everything the modern path answers.
 * @param {Request} request
 * @param {unknown} [parsedBody]
 * @param {{maxRequestBodySize?: number}} [_options]
 */
async function isLegacyRequest(request, parsedBody, _options) {
  if (request.method.toUpperCase() !== "POST") {
    return true;
  }
  const body = parsedBody !== undefined ? parsedBody : await readJson(request.clone());
  if (body === undefined) {
    return true;
  }
  return classifyInboundRequest(inboundOf(request, body)).kind === "legacy";
}

module.exports = { classifyInboundRequest, isLegacyRequest, modernOnlyRejection, validModernClaim, inboundOf, readJson, MODERN_VERSIONS };
