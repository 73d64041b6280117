"use strict";
// `@modelcontextprotocol/server` 2.x: the package root ferromcp serves at `"."`, so that a
// server whose package.json maps `"@modelcontextprotocol/server": "npm:ferromcp@…"` runs on
// the core unchanged. 1.x's classes serve where 2.x behaves the same; tests/node/
// surface_pending.txt lists what 2.4's root exports that ferromcp does not serve yet.

const { Server } = require("./server.js");
const { McpServer, ResourceTemplate } = require("./mcp.js");
const errors = require("./errors.js");
const { fromJsonSchema } = require("./standardSchema.js");
const { createMcpHandler, legacyStatelessFallback, DEFAULT_MAX_REQUEST_BODY_SIZE } = require("./createMcpHandler.js");
const { WebStandardStreamableHTTPServerTransport } = require("../server/webStandardStreamableHttp.js");
const { completable, isCompletable } = require("../server/completable.js");
const { InMemoryTransport } = require("../inMemory.js");
const { Protocol, mergeCapabilities, DEFAULT_REQUEST_TIMEOUT_MSEC } = require("../shared/protocol.js");
const { UriTemplate } = require("../shared/uriTemplate.js");
const { ReadBuffer, STDIO_DEFAULT_MAX_BUFFER_SIZE, deserializeMessage, serializeMessage } = require("../shared/stdio.js");
const types = require("../types.js");
const { inputRequired, inputResponse, acceptedContent, isInputRequiredResult } = require("./inputRequired.js");
const { createRequestStateCodec } = require("./requestState.js");
const { classifyInboundRequest, isLegacyRequest } = require("./classify.js");
const { InMemoryServerEventBus } = require("./eventBus.js");
const validation = require("./validation.js");

exports.Server = Server;
exports.McpServer = McpServer;
exports.ResourceTemplate = ResourceTemplate;
exports.completable = completable;
exports.isCompletable = isCompletable;
exports.fromJsonSchema = fromJsonSchema;
exports.createMcpHandler = createMcpHandler;
exports.legacyStatelessFallback = legacyStatelessFallback;
exports.inputRequired = inputRequired;
exports.inputResponse = inputResponse;
exports.acceptedContent = acceptedContent;
exports.isInputRequiredResult = isInputRequiredResult;
exports.createRequestStateCodec = createRequestStateCodec;
exports.classifyInboundRequest = classifyInboundRequest;
exports.isLegacyRequest = isLegacyRequest;
exports.InMemoryServerEventBus = InMemoryServerEventBus;
exports.validateHostHeader = validation.validateHostHeader;
exports.validateOriginHeader = validation.validateOriginHeader;
exports.hostHeaderValidationResponse = validation.hostHeaderValidationResponse;
exports.originValidationResponse = validation.originValidationResponse;
exports.localhostAllowedHostnames = validation.localhostAllowedHostnames;
exports.localhostAllowedOrigins = validation.localhostAllowedOrigins;
exports.isJsonContentType = validation.isJsonContentType;
exports.WebStandardStreamableHTTPServerTransport = WebStandardStreamableHTTPServerTransport;
exports.InMemoryTransport = InMemoryTransport;
exports.Protocol = Protocol;
exports.mergeCapabilities = mergeCapabilities;
exports.UriTemplate = UriTemplate;
exports.ReadBuffer = ReadBuffer;
exports.serializeMessage = serializeMessage;
exports.deserializeMessage = deserializeMessage;

exports.ProtocolError = errors.ProtocolError;
exports.ProtocolErrorCode = errors.ProtocolErrorCode;
exports.SdkError = errors.SdkError;
exports.SdkErrorCode = errors.SdkErrorCode;
exports.SdkHttpError = errors.SdkHttpError;
exports.ResourceNotFoundError = errors.ResourceNotFoundError;
exports.UrlElicitationRequiredError = errors.UrlElicitationRequiredError;
exports.UnsupportedProtocolVersionError = errors.UnsupportedProtocolVersionError;
exports.MissingRequiredClientCapabilityError = errors.MissingRequiredClientCapabilityError;

exports.isInitializeRequest = types.isInitializeRequest;
exports.isInitializedNotification = types.isInitializedNotification;
exports.isJSONRPCRequest = types.isJSONRPCRequest;
exports.isJSONRPCNotification = types.isJSONRPCNotification;
exports.isJSONRPCResponse = types.isJSONRPCResponse;
exports.isJSONRPCResultResponse = types.isJSONRPCResultResponse;
exports.isJSONRPCErrorResponse = types.isJSONRPCErrorResponse;
exports.isTaskAugmentedRequestParams = types.isTaskAugmentedRequestParams;
exports.assertCompleteRequestPrompt = types.assertCompleteRequestPrompt;
exports.assertCompleteRequestResourceTemplate = types.assertCompleteRequestResourceTemplate;

exports.LATEST_PROTOCOL_VERSION = types.LATEST_PROTOCOL_VERSION;
exports.SUPPORTED_PROTOCOL_VERSIONS = types.SUPPORTED_PROTOCOL_VERSIONS;
exports.DEFAULT_NEGOTIATED_PROTOCOL_VERSION = types.DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
exports.JSONRPC_VERSION = types.JSONRPC_VERSION;
exports.RELATED_TASK_META_KEY = types.RELATED_TASK_META_KEY;
exports.DEFAULT_REQUEST_TIMEOUT_MSEC = DEFAULT_REQUEST_TIMEOUT_MSEC;
exports.DEFAULT_MAX_REQUEST_BODY_SIZE = DEFAULT_MAX_REQUEST_BODY_SIZE;
exports.STDIO_DEFAULT_MAX_BUFFER_SIZE = STDIO_DEFAULT_MAX_BUFFER_SIZE;
exports.PARSE_ERROR = -32700;
exports.INVALID_REQUEST = -32600;
exports.METHOD_NOT_FOUND = -32601;
exports.INVALID_PARAMS = -32602;
exports.INTERNAL_ERROR = -32603;
exports.PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";
exports.CLIENT_INFO_META_KEY = "io.modelcontextprotocol/clientInfo";
exports.CLIENT_CAPABILITIES_META_KEY = "io.modelcontextprotocol/clientCapabilities";
exports.SERVER_INFO_META_KEY = "io.modelcontextprotocol/serverInfo";
exports.LOG_LEVEL_META_KEY = "io.modelcontextprotocol/logLevel";
exports.SUBSCRIPTION_ID_META_KEY = "io.modelcontextprotocol/subscriptionId";
exports.TRACEPARENT_META_KEY = "traceparent";
exports.TRACESTATE_META_KEY = "tracestate";
exports.BAGGAGE_META_KEY = "baggage";
