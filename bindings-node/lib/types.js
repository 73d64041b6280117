"use strict";
// The names `@modelcontextprotocol/sdk/types.js` exports: protocol constants, error codes,
// `McpError`, type guards, and the request/notification schemas servers pass to
// `setRequestHandler`. ferromcp validates on the wire in its core; a schema here carries what a
// server needs from it — the method it names — and parses by returning its input.

const LATEST_PROTOCOL_VERSION = "2025-11-25";
const DEFAULT_NEGOTIATED_PROTOCOL_VERSION = "2025-03-26";
const SUPPORTED_PROTOCOL_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", "2024-10-07"];
const RELATED_TASK_META_KEY = "io.modelcontextprotocol/related-task";
const JSONRPC_VERSION = "2.0";

// Names to codes and codes to names, as the SDK's numeric enum.
const ErrorCode = {
  ConnectionClosed: -32000,
  RequestTimeout: -32001,
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  UrlElicitationRequired: -32042,
  [-32000]: "ConnectionClosed",
  [-32001]: "RequestTimeout",
  [-32700]: "ParseError",
  [-32600]: "InvalidRequest",
  [-32601]: "MethodNotFound",
  [-32602]: "InvalidParams",
  [-32603]: "InternalError",
  [-32042]: "UrlElicitationRequired",
};

class McpError extends Error {
  /**
   * @param {any} [data]
   */
  constructor(code, message, data) {
    super(`MCP error ${code}: ${message}`);
    this.code = code;
    this.data = data;
    this.name = "McpError";
  }

  /**
   * @param {any} [data]
   */
  static fromError(code, message, data) {
    if (code === ErrorCode.UrlElicitationRequired && data && data.elicitations) {
      return new UrlElicitationRequiredError(data.elicitations, message);
    }
    return new McpError(code, message, data);
  }
}

class UrlElicitationRequiredError extends McpError {
  constructor(elicitations, message = `URL elicitation${elicitations.length > 1 ? "s" : ""} required`) {
    super(ErrorCode.UrlElicitationRequired, message, { elicitations });
  }

  get elicitations() {
    return this.data?.elicitations ?? [];
  }
}

// Marks ferromcp's own schemas: what they name is checked by the core, not parsed again.
const STAND_IN = Symbol("ferromcp.schema");

/**
 * A schema as servers use it: the method it names, and a parse that returns its input — for a
 * request or notification schema, a message of that method (its params an object, if any), as
 * servers that route by `XRequestSchema.safeParse(body)` rely on; what the params hold is the
 * core's to check.
 */
function schema(name, method) {
  const safeParse = method ? ofMethod(name, method) : (value) => ({ success: true, data: value });
  const parse = (value) => {
    const r = safeParse(value);
    if (!r.success) {
      throw r.error;
    }
    return r.data;
  };
  const s = {
    [STAND_IN]: true,
    description: name,
    parse,
    parseAsync: async (value) => parse(value),
    safeParse,
    safeParseAsync: async (value) => safeParse(value),
  };
  if (method) {
    s.shape = { method: { value: method, _def: { value: method } } };
  }
  return Object.freeze(s);
}

/** `safeParse` of a message of `method`: its failure zod's own error where zod is at hand. */
function ofMethod(name, method) {
  let strict;
  const failure = (value) => {
    let error;
    try {
      const z = require("./server/hostRequire.js").hostRequire("zod/v4");
      strict ??= z.object({ method: z.literal(method), params: z.optional(z.looseObject({})) });
      error = strict.safeParse(value).error;
    } catch {
      // No zod: a plain error says the same.
    }
    return { success: false, error: error ?? new Error(`${name}: not a "${method}" message`) };
  };
  return (value) =>
    isObject(value) && value.method === method && (value.params === undefined || isObject(value.params))
      ? { success: true, data: value }
      : failure(value);
}

/**
 * A schema servers build on or read from (`RequestSchema.extend(...)`, `LoggingLevelSchema.options`):
 * zod's own, made from `make(z)` with the zod the server resolves when first used beyond what
 * is given here (`known`), so that importing this module loads no zod.
 */
function zodBacked(name, known, make) {
  let real;
  const zod = () => {
    if (real === undefined) {
      let z;
      try {
        z = require("./server/hostRequire.js").hostRequire("zod/v4");
      } catch (e) {
        throw new Error(`${name} is a zod schema: install zod (^3.25 or ^4) to use it`, { cause: e });
      }
      real = make(z);
    }
    return real;
  };
  return new Proxy(Object.freeze({ description: name, ...known }), {
    get(target, key) {
      if (key in target) {
        return target[key];
      }
      const value = zod()[key];
      return typeof value === "function" ? value.bind(zod()) : value;
    },
    has: (target, key) => key in target || key in zod(),
  });
}

/** A zod enum of `values`, its values at hand without zod. */
function zodEnum(name, values) {
  return zodBacked(name, { options: values, enum: Object.fromEntries(values.map((v) => [v, v])) }, (z) => z.enum(values));
}

// `_meta` of requests and notifications (`progressToken` and the related task), loose.
const requestMeta = (z) =>
  z.looseObject({
    progressToken: z.union([z.string(), z.number().int()]).optional(),
    [RELATED_TASK_META_KEY]: z.object({ taskId: z.string() }).optional(),
  });
// A request or notification of any method, as custom ones extend it.
const message = (z) => z.object({ method: z.string(), params: z.looseObject({ _meta: requestMeta(z).optional() }).optional() });

// Every schema the official module exports, with the method it names (null: neither a request
// nor a notification). Written out one by one so that `import { X }` finds each name.
exports.ProgressTokenSchema = schema("ProgressTokenSchema", null);
exports.CursorSchema = schema("CursorSchema", null);
exports.TaskCreationParamsSchema = schema("TaskCreationParamsSchema", null);
exports.TaskMetadataSchema = schema("TaskMetadataSchema", null);
exports.RelatedTaskMetadataSchema = schema("RelatedTaskMetadataSchema", null);
exports.TaskAugmentedRequestParamsSchema = schema("TaskAugmentedRequestParamsSchema", null);
exports.RequestSchema = zodBacked("RequestSchema", {}, message);
exports.NotificationSchema = zodBacked("NotificationSchema", {}, message);
exports.ResultSchema = zodBacked("ResultSchema", {}, (z) => z.looseObject({ _meta: requestMeta(z).optional() }));
exports.RequestIdSchema = schema("RequestIdSchema", null);
exports.JSONRPCRequestSchema = schema("JSONRPCRequestSchema", null);
exports.JSONRPCNotificationSchema = schema("JSONRPCNotificationSchema", null);
exports.JSONRPCResultResponseSchema = schema("JSONRPCResultResponseSchema", null);
exports.JSONRPCErrorResponseSchema = schema("JSONRPCErrorResponseSchema", null);
exports.JSONRPCErrorSchema = schema("JSONRPCErrorSchema", null);
exports.JSONRPCMessageSchema = schema("JSONRPCMessageSchema", null);
exports.JSONRPCResponseSchema = schema("JSONRPCResponseSchema", null);
exports.EmptyResultSchema = schema("EmptyResultSchema", null);
exports.CancelledNotificationParamsSchema = schema("CancelledNotificationParamsSchema", null);
exports.CancelledNotificationSchema = schema("CancelledNotificationSchema", "notifications/cancelled");
exports.IconSchema = schema("IconSchema", null);
exports.IconsSchema = schema("IconsSchema", null);
exports.BaseMetadataSchema = schema("BaseMetadataSchema", null);
exports.ImplementationSchema = schema("ImplementationSchema", null);
exports.ClientTasksCapabilitySchema = schema("ClientTasksCapabilitySchema", null);
exports.ServerTasksCapabilitySchema = schema("ServerTasksCapabilitySchema", null);
exports.ClientCapabilitiesSchema = schema("ClientCapabilitiesSchema", null);
exports.InitializeRequestParamsSchema = schema("InitializeRequestParamsSchema", null);
exports.InitializeRequestSchema = schema("InitializeRequestSchema", "initialize");
exports.ServerCapabilitiesSchema = schema("ServerCapabilitiesSchema", null);
exports.InitializeResultSchema = schema("InitializeResultSchema", null);
exports.InitializedNotificationSchema = schema("InitializedNotificationSchema", "notifications/initialized");
exports.PingRequestSchema = schema("PingRequestSchema", "ping");
exports.ProgressSchema = schema("ProgressSchema", null);
exports.ProgressNotificationParamsSchema = schema("ProgressNotificationParamsSchema", null);
exports.ProgressNotificationSchema = schema("ProgressNotificationSchema", "notifications/progress");
exports.PaginatedRequestParamsSchema = schema("PaginatedRequestParamsSchema", null);
exports.PaginatedRequestSchema = schema("PaginatedRequestSchema", null);
exports.PaginatedResultSchema = schema("PaginatedResultSchema", null);
exports.TaskStatusSchema = zodEnum("TaskStatusSchema", ["working", "input_required", "completed", "failed", "cancelled"]);
exports.TaskSchema = schema("TaskSchema", null);
exports.CreateTaskResultSchema = schema("CreateTaskResultSchema", null);
exports.TaskStatusNotificationParamsSchema = schema("TaskStatusNotificationParamsSchema", null);
exports.TaskStatusNotificationSchema = schema("TaskStatusNotificationSchema", "notifications/tasks/status");
exports.GetTaskRequestSchema = schema("GetTaskRequestSchema", "tasks/get");
exports.GetTaskResultSchema = schema("GetTaskResultSchema", null);
exports.GetTaskPayloadRequestSchema = schema("GetTaskPayloadRequestSchema", "tasks/result");
exports.GetTaskPayloadResultSchema = schema("GetTaskPayloadResultSchema", null);
exports.ListTasksRequestSchema = schema("ListTasksRequestSchema", "tasks/list");
exports.ListTasksResultSchema = schema("ListTasksResultSchema", null);
exports.CancelTaskRequestSchema = schema("CancelTaskRequestSchema", "tasks/cancel");
exports.CancelTaskResultSchema = schema("CancelTaskResultSchema", null);
exports.ResourceContentsSchema = schema("ResourceContentsSchema", null);
exports.TextResourceContentsSchema = schema("TextResourceContentsSchema", null);
exports.BlobResourceContentsSchema = schema("BlobResourceContentsSchema", null);
exports.RoleSchema = zodEnum("RoleSchema", ["user", "assistant"]);
exports.AnnotationsSchema = schema("AnnotationsSchema", null);
exports.ResourceSchema = schema("ResourceSchema", null);
exports.ResourceTemplateSchema = schema("ResourceTemplateSchema", null);
exports.ListResourcesRequestSchema = schema("ListResourcesRequestSchema", "resources/list");
exports.ListResourcesResultSchema = schema("ListResourcesResultSchema", null);
exports.ListResourceTemplatesRequestSchema = schema("ListResourceTemplatesRequestSchema", "resources/templates/list");
exports.ListResourceTemplatesResultSchema = schema("ListResourceTemplatesResultSchema", null);
exports.ResourceRequestParamsSchema = schema("ResourceRequestParamsSchema", null);
exports.ReadResourceRequestParamsSchema = schema("ReadResourceRequestParamsSchema", null);
exports.ReadResourceRequestSchema = schema("ReadResourceRequestSchema", "resources/read");
exports.ReadResourceResultSchema = schema("ReadResourceResultSchema", null);
exports.ResourceListChangedNotificationSchema = schema("ResourceListChangedNotificationSchema", "notifications/resources/list_changed");
exports.SubscribeRequestParamsSchema = schema("SubscribeRequestParamsSchema", null);
exports.SubscribeRequestSchema = schema("SubscribeRequestSchema", "resources/subscribe");
exports.UnsubscribeRequestParamsSchema = schema("UnsubscribeRequestParamsSchema", null);
exports.UnsubscribeRequestSchema = schema("UnsubscribeRequestSchema", "resources/unsubscribe");
exports.ResourceUpdatedNotificationParamsSchema = schema("ResourceUpdatedNotificationParamsSchema", null);
exports.ResourceUpdatedNotificationSchema = schema("ResourceUpdatedNotificationSchema", "notifications/resources/updated");
exports.PromptArgumentSchema = schema("PromptArgumentSchema", null);
exports.PromptSchema = schema("PromptSchema", null);
exports.ListPromptsRequestSchema = schema("ListPromptsRequestSchema", "prompts/list");
exports.ListPromptsResultSchema = schema("ListPromptsResultSchema", null);
exports.GetPromptRequestParamsSchema = schema("GetPromptRequestParamsSchema", null);
exports.GetPromptRequestSchema = schema("GetPromptRequestSchema", "prompts/get");
exports.TextContentSchema = schema("TextContentSchema", null);
exports.ImageContentSchema = schema("ImageContentSchema", null);
exports.AudioContentSchema = schema("AudioContentSchema", null);
exports.ToolUseContentSchema = schema("ToolUseContentSchema", null);
exports.EmbeddedResourceSchema = schema("EmbeddedResourceSchema", null);
exports.ResourceLinkSchema = schema("ResourceLinkSchema", null);
exports.ContentBlockSchema = schema("ContentBlockSchema", null);
exports.PromptMessageSchema = schema("PromptMessageSchema", null);
exports.GetPromptResultSchema = schema("GetPromptResultSchema", null);
exports.PromptListChangedNotificationSchema = schema("PromptListChangedNotificationSchema", "notifications/prompts/list_changed");
exports.ToolAnnotationsSchema = schema("ToolAnnotationsSchema", null);
exports.ToolExecutionSchema = schema("ToolExecutionSchema", null);
exports.ToolSchema = schema("ToolSchema", null);
exports.ListToolsRequestSchema = schema("ListToolsRequestSchema", "tools/list");
exports.ListToolsResultSchema = schema("ListToolsResultSchema", null);
exports.CallToolResultSchema = schema("CallToolResultSchema", null);
exports.CompatibilityCallToolResultSchema = schema("CompatibilityCallToolResultSchema", null);
exports.CallToolRequestParamsSchema = schema("CallToolRequestParamsSchema", null);
exports.CallToolRequestSchema = schema("CallToolRequestSchema", "tools/call");
exports.ToolListChangedNotificationSchema = schema("ToolListChangedNotificationSchema", "notifications/tools/list_changed");
exports.ListChangedOptionsBaseSchema = schema("ListChangedOptionsBaseSchema", null);
exports.LoggingLevelSchema = zodEnum("LoggingLevelSchema", ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]);
exports.SetLevelRequestParamsSchema = schema("SetLevelRequestParamsSchema", null);
exports.SetLevelRequestSchema = schema("SetLevelRequestSchema", "logging/setLevel");
exports.LoggingMessageNotificationParamsSchema = schema("LoggingMessageNotificationParamsSchema", null);
exports.LoggingMessageNotificationSchema = schema("LoggingMessageNotificationSchema", "notifications/message");
exports.ModelHintSchema = schema("ModelHintSchema", null);
exports.ModelPreferencesSchema = schema("ModelPreferencesSchema", null);
exports.ToolChoiceSchema = schema("ToolChoiceSchema", null);
exports.ToolResultContentSchema = schema("ToolResultContentSchema", null);
exports.SamplingContentSchema = schema("SamplingContentSchema", null);
exports.SamplingMessageContentBlockSchema = schema("SamplingMessageContentBlockSchema", null);
exports.SamplingMessageSchema = schema("SamplingMessageSchema", null);
exports.CreateMessageRequestParamsSchema = schema("CreateMessageRequestParamsSchema", null);
exports.CreateMessageRequestSchema = schema("CreateMessageRequestSchema", "sampling/createMessage");
exports.CreateMessageResultSchema = schema("CreateMessageResultSchema", null);
exports.CreateMessageResultWithToolsSchema = schema("CreateMessageResultWithToolsSchema", null);
exports.BooleanSchemaSchema = schema("BooleanSchemaSchema", null);
exports.StringSchemaSchema = schema("StringSchemaSchema", null);
exports.NumberSchemaSchema = schema("NumberSchemaSchema", null);
exports.UntitledSingleSelectEnumSchemaSchema = schema("UntitledSingleSelectEnumSchemaSchema", null);
exports.TitledSingleSelectEnumSchemaSchema = schema("TitledSingleSelectEnumSchemaSchema", null);
exports.LegacyTitledEnumSchemaSchema = schema("LegacyTitledEnumSchemaSchema", null);
exports.SingleSelectEnumSchemaSchema = schema("SingleSelectEnumSchemaSchema", null);
exports.UntitledMultiSelectEnumSchemaSchema = schema("UntitledMultiSelectEnumSchemaSchema", null);
exports.TitledMultiSelectEnumSchemaSchema = schema("TitledMultiSelectEnumSchemaSchema", null);
exports.MultiSelectEnumSchemaSchema = schema("MultiSelectEnumSchemaSchema", null);
exports.EnumSchemaSchema = schema("EnumSchemaSchema", null);
exports.PrimitiveSchemaDefinitionSchema = schema("PrimitiveSchemaDefinitionSchema", null);
exports.ElicitRequestFormParamsSchema = schema("ElicitRequestFormParamsSchema", null);
exports.ElicitRequestURLParamsSchema = schema("ElicitRequestURLParamsSchema", null);
exports.ElicitRequestParamsSchema = schema("ElicitRequestParamsSchema", null);
exports.ElicitRequestSchema = schema("ElicitRequestSchema", "elicitation/create");
exports.ElicitationCompleteNotificationParamsSchema = schema("ElicitationCompleteNotificationParamsSchema", null);
exports.ElicitationCompleteNotificationSchema = schema("ElicitationCompleteNotificationSchema", "notifications/elicitation/complete");
exports.ElicitResultSchema = schema("ElicitResultSchema", null);
exports.ResourceTemplateReferenceSchema = schema("ResourceTemplateReferenceSchema", null);
exports.ResourceReferenceSchema = schema("ResourceReferenceSchema", null);
exports.PromptReferenceSchema = schema("PromptReferenceSchema", null);
exports.CompleteRequestParamsSchema = schema("CompleteRequestParamsSchema", null);
exports.CompleteRequestSchema = schema("CompleteRequestSchema", "completion/complete");
exports.CompleteResultSchema = schema("CompleteResultSchema", null);
exports.RootSchema = schema("RootSchema", null);
exports.ListRootsRequestSchema = schema("ListRootsRequestSchema", "roots/list");
exports.ListRootsResultSchema = schema("ListRootsResultSchema", null);
exports.RootsListChangedNotificationSchema = schema("RootsListChangedNotificationSchema", "notifications/roots/list_changed");
exports.ClientRequestSchema = schema("ClientRequestSchema", null);
exports.ClientNotificationSchema = schema("ClientNotificationSchema", null);
exports.ClientResultSchema = schema("ClientResultSchema", null);
exports.ServerRequestSchema = schema("ServerRequestSchema", null);
exports.ServerNotificationSchema = schema("ServerNotificationSchema", null);
exports.ServerResultSchema = schema("ServerResultSchema", null);

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const hasId = (v) => typeof v.id === "string" || (typeof v.id === "number" && Number.isInteger(v.id));
const isJSONRPCRequest = (v) => isObject(v) && v.jsonrpc === "2.0" && typeof v.method === "string" && hasId(v);
const isJSONRPCNotification = (v) => isObject(v) && v.jsonrpc === "2.0" && typeof v.method === "string" && !("id" in v);
const isJSONRPCResultResponse = (v) => isObject(v) && v.jsonrpc === "2.0" && hasId(v) && isObject(v.result);
const isJSONRPCErrorResponse = (v) => isObject(v) && v.jsonrpc === "2.0" && isObject(v.error) && typeof v.error.code === "number";
const isJSONRPCResponse = isJSONRPCResultResponse;
const isJSONRPCError = isJSONRPCErrorResponse;
// A POST taking in a session begun on another replica counts as one (server/replicas.js).
const isInitializeRequest = (v) =>
  (isObject(v) && v.method === "initialize" && isObject(v.params) && typeof v.params.protocolVersion === "string") ||
  require("./server/replicas.js").isAdopting(v);
const isInitializedNotification = (v) => isObject(v) && v.method === "notifications/initialized";
const isTaskAugmentedRequestParams = (v) => isObject(v) && isObject(v.task);

function assertCompleteRequestPrompt(request) {
  if (request.params.ref.type !== "ref/prompt") {
    throw new TypeError(`Expected CompleteRequestPrompt, but got ${request.params.ref.type}`);
  }
}

function assertCompleteRequestResourceTemplate(request) {
  if (request.params.ref.type !== "ref/resource") {
    throw new TypeError(`Expected CompleteRequestResourceTemplate, but got ${request.params.ref.type}`);
  }
}

exports.LATEST_PROTOCOL_VERSION = LATEST_PROTOCOL_VERSION;
exports.DEFAULT_NEGOTIATED_PROTOCOL_VERSION = DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
exports.SUPPORTED_PROTOCOL_VERSIONS = SUPPORTED_PROTOCOL_VERSIONS;
exports.RELATED_TASK_META_KEY = RELATED_TASK_META_KEY;
exports.JSONRPC_VERSION = JSONRPC_VERSION;
Object.defineProperty(exports, "STAND_IN", { value: STAND_IN });
exports.ErrorCode = ErrorCode;
exports.McpError = McpError;
exports.UrlElicitationRequiredError = UrlElicitationRequiredError;
exports.isJSONRPCRequest = isJSONRPCRequest;
exports.isJSONRPCNotification = isJSONRPCNotification;
exports.isJSONRPCResultResponse = isJSONRPCResultResponse;
exports.isJSONRPCResponse = isJSONRPCResponse;
exports.isJSONRPCErrorResponse = isJSONRPCErrorResponse;
exports.isJSONRPCError = isJSONRPCError;
exports.isInitializeRequest = isInitializeRequest;
exports.isInitializedNotification = isInitializedNotification;
exports.isTaskAugmentedRequestParams = isTaskAugmentedRequestParams;
exports.assertCompleteRequestPrompt = assertCompleteRequestPrompt;
exports.assertCompleteRequestResourceTemplate = assertCompleteRequestResourceTemplate;
