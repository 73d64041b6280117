"use strict";
// The utility names of `@modelcontextprotocol/server` 2.x. The spec-type validators
// (`specTypeSchemas`, `isSpecType`, `parseJSONRPCMessage`, `isCallToolResult`) are the spec's
// own Zod schemas as the SDK publishes them for reuse, `@modelcontextprotocol/core`, loaded on
// first use: a server that never validates a spec shape in JS (the core validates the wire)
// does not pay for building them. `getDisplayName` and `createFetchWithInit` are 1.x's.

const { getDisplayName } = require("../shared/metadataUtils.js");
const { createFetchWithInit } = require("../shared/transport.js");
const { DEFAULT_MAX_REQUEST_BODY_SIZE } = require("./createMcpHandler.js");

/** @type {Record<string, any> | undefined} */
let schemas;

/** The spec's schemas (`<Type>Schema`), loaded once. */
function specSchemas() {
  if (schemas === undefined) {
    schemas = require("@modelcontextprotocol/core");
  }
  return /** @type {Record<string, any>} */ (schemas);
}

/** The spec and OAuth types the SDK validates, by name. */
const SPEC_TYPE_NAMES = `
  Annotations AudioContent BaseMetadata BlobResourceContents BooleanSchema CallToolRequest
  CallToolRequestParams CallToolResult CancelledNotification CancelledNotificationParams
  CancelTaskRequest CancelTaskResult ClientCapabilities ClientNotification ClientRequest
  ClientResult CompatibilityCallToolResult CompleteRequest CompleteRequestParams CompleteResult
  ContentBlock CreateMessageRequest CreateMessageRequestParams CreateMessageResult
  CreateMessageResultWithTools CreateTaskResult Cursor DiscoverRequest DiscoverResult
  ElicitationCompleteNotification ElicitationCompleteNotificationParams ElicitRequest
  ElicitRequestFormParams ElicitRequestParams ElicitRequestURLParams ElicitResult
  EmbeddedResource EmptyResult EnumSchema GetPromptRequest GetPromptRequestParams GetPromptResult
  GetTaskPayloadRequest GetTaskPayloadResult GetTaskRequest GetTaskResult Icon Icons ImageContent
  Implementation InitializedNotification InitializeRequest InitializeRequestParams
  InitializeResult JSONArray JSONObject JSONRPCErrorResponse JSONRPCMessage JSONRPCNotification
  JSONRPCRequest JSONRPCResponse JSONRPCResultResponse JSONValue LegacyTitledEnumSchema
  ListPromptsRequest ListPromptsResult ListResourcesRequest ListResourcesResult
  ListResourceTemplatesRequest ListResourceTemplatesResult ListRootsRequest ListRootsResult
  ListTasksRequest ListTasksResult ListToolsRequest ListToolsResult LoggingLevel
  LoggingMessageNotification LoggingMessageNotificationParams ModelHint ModelPreferences
  MultiSelectEnumSchema Notification NumberSchema PaginatedRequest PaginatedRequestParams
  PaginatedResult PingRequest PrimitiveSchemaDefinition Progress ProgressNotification
  ProgressNotificationParams ProgressToken Prompt PromptArgument PromptListChangedNotification
  PromptMessage PromptReference ReadResourceRequest ReadResourceRequestParams ReadResourceResult
  RelatedTaskMetadata Request RequestId RequestMeta Resource ResourceContents ResourceLink
  ResourceListChangedNotification ResourceRequestParams ResourceTemplate
  ResourceTemplateReference ResourceUpdatedNotification ResourceUpdatedNotificationParams
  ResultMetaObject Result Role Root RootsListChangedNotification SamplingContent SamplingMessage
  SamplingMessageContentBlock ServerCapabilities ServerNotification ServerRequest ServerResult
  SetLevelRequest SetLevelRequestParams SingleSelectEnumSchema StringSchema SubscribeRequest
  SubscribeRequestParams SubscriptionFilter SubscriptionsAcknowledgedNotification
  SubscriptionsAcknowledgedNotificationParams SubscriptionsListenRequest
  SubscriptionsListenRequestParams SubscriptionsListenResult SubscriptionsListenResultMeta
  TaskAugmentedRequestParams TaskCreationParams TaskMetadata Task TaskStatus
  TaskStatusNotification TaskStatusNotificationParams TextContent TextResourceContents
  TitledMultiSelectEnumSchema TitledSingleSelectEnumSchema Tool ToolAnnotations ToolChoice
  ToolExecution ToolListChangedNotification ToolResultContent ToolUseContent UnsubscribeRequest
  UnsubscribeRequestParams UntitledMultiSelectEnumSchema UntitledSingleSelectEnumSchema
  IdJagTokenExchangeResponse OAuthClientInformationFull OAuthClientInformation
  OAuthClientMetadata OAuthClientRegistrationError OAuthErrorResponse OAuthMetadata
  OAuthProtectedResourceMetadata OAuthTokenRevocationRequest OAuthTokens
  OpenIdProviderDiscoveryMetadata OpenIdProviderMetadata
`
  .trim()
  .split(/\s+/);

/**
 * The schema of every spec type, by name (Standard Schema: `specTypeSchemas.Tool["~standard"]
 * .validate(value)`). Frozen; each schema is loaded when first read.
 * @type {Readonly<Record<string, any>>}
 */
const specTypeSchemas = {};
/**
 * A type predicate for every spec type, by name: whether a value satisfies the type's input
 * shape (before defaults: `isSpecType.CallToolResult({})` is true).
 * @type {Readonly<Record<string, (value: unknown) => boolean>>}
 */
const isSpecType = {};
for (const name of SPEC_TYPE_NAMES) {
  Object.defineProperty(specTypeSchemas, name, { enumerable: true, get: () => specSchemas()[`${name}Schema`] });
  Object.defineProperty(isSpecType, name, { enumerable: true, value: (value) => specSchemas()[`${name}Schema`].safeParse(value).success });
}
Object.freeze(specTypeSchemas);
Object.freeze(isSpecType);

/**
 * Builds every schema now rather than on first use (for runtimes that bill per request but not
 * per module load). Idempotent.
 * @returns {void}
 */
function preloadSchemas() {
  specSchemas();
}

/**
 * A JSON-RPC message checked against the spec's schema; throws the schema's `ZodError`.
 * @param {unknown} value
 */
function parseJSONRPCMessage(value) {
  return specSchemas().JSONRPCMessageSchema.parse(value);
}

/**
 * Whether `value` is a `CallToolResult` that has its `content` (the schema alone would default
 * a missing one).
 * @param {unknown} value
 * @returns {boolean}
 */
function isCallToolResult(value) {
  if (value === null || typeof value !== "object" || /** @type {any} */ (value).content === undefined) {
    return false;
  }
  return specSchemas().CallToolResultSchema.safeParse(value).success;
}

/**
 * Reads a request's body as text, at most `maxBytes`: a `Content-Length` over the limit is
 * refused unread, and reading stops as soon as the limit is passed (`{tooLarge: true}`).
 * @param {Request} request
 * @param {number} [maxBytes]
 * @returns {Promise<{tooLarge: true} | {tooLarge: false, text: string}>}
 */
async function readRequestBody(request, maxBytes = DEFAULT_MAX_REQUEST_BODY_SIZE) {
  if (Number(request.headers.get("content-length")) > maxBytes) {
    return { tooLarge: true };
  }
  if (request.body === null) {
    return { tooLarge: false, text: "" };
  }
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  const parts = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      size += value.byteLength;
      if (size > maxBytes) {
        return { tooLarge: true };
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
  parts.push(decoder.decode());
  return { tooLarge: false, text: parts.join("") };
}

module.exports = {
  specTypeSchemas,
  isSpecType,
  preloadSchemas,
  parseJSONRPCMessage,
  isCallToolResult,
  readRequestBody,
  getDisplayName,
  createFetchWithInit,
};
