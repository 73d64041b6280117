"use strict";
// `Server` of `@modelcontextprotocol/sdk/server/index.js`: the low-level server. Handlers are
// registered with the SDK's schemas (or ferromcp's, or method names); the core answers with
// the SDK's rules (`flavor: "ts-server"`): thrown errors with an integer `code` are sent as
// they are, anything else is -32603, arguments are passed through unchecked.

const { Protocol, mergeCapabilities } = require("../shared/protocol.js");
const { McpError, ErrorCode } = require("../types.js");


// The server capability each method needs, as the SDK asserts it at registration.
const HANDLER_CAPABILITY = {
  "completion/complete": "completions",
  "logging/setLevel": "logging",
  "prompts/get": "prompts",
  "prompts/list": "prompts",
  "resources/list": "resources",
  "resources/templates/list": "resources",
  "resources/read": "resources",
  "tools/call": "tools",
  "tools/list": "tools",
};

const GUARDS = [
  "toolTimeout",
  "toolTimeouts",
  "toolTimeoutInListing",
  "maxConcurrent",
  "maxQueued",
  "rateLimit",
  "rateBurst",
];

function guards(given) {
  const out = {};
  for (const key of GUARDS) {
    if (given?.[key] !== undefined) {
      out[key] = given[key];
    }
  }
  return out;
}

/**
 * What is wrong with a sampling request's last two messages, as the SDK checks them: tool
 * results only answer, one for one, the tool uses of the message before.
 */
function toolResultProblem(messages) {
  if (messages.length === 0) {
    return undefined;
  }
  const contentOf = (m) => (m === undefined ? [] : Array.isArray(m.content) ? m.content : [m.content]);
  const last = contentOf(messages[messages.length - 1]);
  const previous = contentOf(messages[messages.length - 2]);
  const usesTools = previous.some((c) => c.type === "tool_use");
  if (last.some((c) => c.type === "tool_result")) {
    if (last.some((c) => c.type !== "tool_result")) {
      return "The last message must contain only tool_result content if any is present";
    }
    if (!usesTools) {
      return "tool_result blocks are not matching any tool_use from the previous message";
    }
  }
  if (usesTools) {
    const uses = new Set(previous.filter((c) => c.type === "tool_use").map((c) => c.id));
    const results = new Set(last.filter((c) => c.type === "tool_result").map((c) => c.toolUseId));
    if (uses.size !== results.size || ![...uses].every((id) => results.has(id))) {
      return "ids of tool_result blocks and tool_use blocks from previous message do not match";
    }
  }
  return undefined;
}

class Server extends Protocol {
  /**
   * @param {any} [options]
   */
  constructor(serverInfo, options) {
    super(options);
    this._serverInfo = serverInfo;
    this._capabilities = options?.capabilities ?? {};
    this._instructions = options?.instructions;
    this._clientCapabilities = undefined;
    this._clientVersion = undefined;
    this.oninitialized = undefined;
  }

  _coreOptions() {
    const info = this._serverInfo ?? {};
    return {
      name: info.name,
      version: info.version,
      title: info.title,
      description: info.description,
      websiteUrl: info.websiteUrl,
      icons: info.icons,
      instructions: this._instructions,
      capabilities: this._capabilities,
      flavor: "ts-server",
      validateInput: false,
      // ferromcp's own options (the guards: toolTimeout, toolTimeouts, maxConcurrent,
      // maxQueued, rateLimit, rateBurst); the SDK ignores the key.
      ...guards(this._options?.ferromcp),
    };
  }

  /** Throws unless the client can take `method` as a task. */
  assertTaskCapability(method) {
    const { assertClientRequestTaskCapability } = require("../experimental/tasks/index.js");
    assertClientRequestTaskCapability(this.getClientCapabilities()?.tasks?.requests, method, "Client");
  }

  /** Throws unless this server declared it runs `method` as a task. */
  assertTaskHandlerCapability(method) {
    if (!this._capabilities) {
      return;
    }
    const { assertToolsCallTaskCapability } = require("../experimental/tasks/index.js");
    assertToolsCallTaskCapability(this._capabilities.tasks?.requests, method, "Server");
  }

  /** The SDK's experimental APIs: `experimental.tasks` asks the client about its tasks. */
  get experimental() {
    if (!this._experimental) {
      const { ExperimentalServerTasks } = require("../experimental/tasks/index.js");
      this._experimental = { tasks: new ExperimentalServerTasks(this) };
    }
    return this._experimental;
  }

  _initialized() {
    return this.oninitialized?.();
  }

  registerCapabilities(capabilities) {
    if (this.transport) {
      throw new Error("Cannot register capabilities after connecting to transport");
    }
    this._capabilities = mergeCapabilities(this._capabilities, capabilities);
  }

  assertRequestHandlerCapability(method) {
    if (method === "resources/subscribe" && !this._capabilities.resources?.subscribe) {
      throw this._unsupported(`Server does not support resource subscriptions (required for ${method})`);
    }
    const needed = HANDLER_CAPABILITY[method];
    if (needed && !this._capabilities[needed]) {
      throw this._unsupported(`Server does not support ${needed} (required for ${method})`);
    }
  }

  assertCapabilityForMethod(method) {
    const caps = this.getClientCapabilities();
    const need = {
      "sampling/createMessage": ["sampling", "sampling"],
      "elicitation/create": ["elicitation", "elicitation"],
      "roots/list": ["roots", "listing roots"],
    }[method];
    if (need && !caps?.[need[0]]) {
      throw this._unsupported(`Client does not support ${need[1]} (required for ${method})`);
    }
  }

  assertNotificationCapability(method) {
    if (method === "notifications/message" && !this._capabilities.logging) {
      throw this._unsupported(`Server does not support logging (required for ${method})`);
    }
  }

  _client() {
    if (!this._conn) {
      return {};
    }
    return JSON.parse(this._conn.client(this._transport?.sessionId));
  }

  getClientCapabilities() {
    const caps = this._client().capabilities ?? this._clientCapabilities;
    // A bare `elicitation: {}` (from before elicitation had modes) means forms, as the SDK reads it.
    const e = caps?.elicitation;
    if (e && typeof e === "object" && !Array.isArray(e) && Object.keys(e).length === 0) {
      return { ...caps, elicitation: { form: {} } };
    }
    return caps;
  }

  getClientVersion() {
    return this._client().clientInfo ?? this._clientVersion;
  }

  getCapabilities() {
    return this._capabilities;
  }

  async ping() {
    return this._request({ method: "ping" });
  }

  /**
   * @param {any} [options]
   */
  async createMessage(params, options) {
    if ((params.tools || params.toolChoice) && !this.getClientCapabilities()?.sampling?.tools) {
      throw this._unsupported("Client does not support sampling tools capability.");
    }
    const problem = toolResultProblem(params.messages ?? []);
    if (problem) {
      throw this._invalidParams(problem);
    }
    return this._request({ method: "sampling/createMessage", params }, undefined, options);
  }

  /**
   * @param {any} [options]
   */
  async elicitInput(params, options) {
    const mode = params.mode ?? "form";
    const supported = this.getClientCapabilities()?.elicitation;
    if (mode === "url") {
      if (!supported?.url) {
        throw this._unsupported("Client does not support url elicitation.");
      }
      return this._request({ method: "elicitation/create", params }, undefined, options);
    }
    if (!supported?.form) {
      throw this._unsupported("Client does not support form elicitation.");
    }
    const form = { ...params, mode };
    const result = await this._request({ method: "elicitation/create", params: form }, undefined, options);
    // An accepted form is checked against the schema the server asked with.
    if (result.action === "accept" && result.content && form.requestedSchema) {
      let check;
      try {
        check = this._formValidator().getValidator(form.requestedSchema)(result.content);
      } catch (e) {
        throw this._protocolError(ErrorCode.InternalError, `Error validating elicitation response: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!check.valid) {
        throw this._protocolError(
          ErrorCode.InvalidParams,
          `Elicitation response content does not match requested schema: ${check.errorMessage}`,
        );
      }
    }
    return result;
  }

  /** What checks accepted forms: the server's `jsonSchemaValidator`, else the SDK's default. */
  _formValidator() {
    this._jsonSchemaValidator ??= this._options?.jsonSchemaValidator ?? this._defaultJsonSchemaValidator();
    return this._jsonSchemaValidator;
  }

  /** 1.x's default: one draft-07 ajv engine. */
  _defaultJsonSchemaValidator() {
    const { AjvJsonSchemaValidator } = require("../validation/ajv-provider.js");
    return new AjvJsonSchemaValidator();
  }

  /** The error for a capability the client or the server did not declare. */
  _unsupported(message) {
    return new Error(message);
  }

  _protocolError(code, message) {
    return new McpError(code, message);
  }

  /** A request the server was about to send that breaks the protocol's rules (1.x: an `Error`). */
  _invalidParams(message) {
    return new Error(message);
  }

  /**
   * @param {any} [params]
   * @param {any} [options]
   */
  async listRoots(params, options) {
    return this._request({ method: "roots/list", params }, undefined, options);
  }

  /**
   * Sends a log message unless the client's level filters it (the core keeps the level).
   * @param {any} [_sessionId]
   */
  async sendLoggingMessage(params, _sessionId) {
    if (!this._capabilities.logging || !this._conn) {
      return;
    }
    this._conn.log(
      undefined,
      params.level,
      JSON.stringify(params.data ?? null),
      params.logger,
      this._transport?.sessionId,
    );
  }

  async sendResourceUpdated(params) {
    return this.notification({ method: "notifications/resources/updated", params });
  }

  async sendResourceListChanged() {
    return this.notification({ method: "notifications/resources/list_changed" });
  }

  async sendToolListChanged() {
    return this.notification({ method: "notifications/tools/list_changed" });
  }

  async sendPromptListChanged() {
    return this.notification({ method: "notifications/prompts/list_changed" });
  }

  /**
   * @param {any} [options]
   */
  createElicitationCompletionNotifier(elicitationId, options) {
    return () =>
      this.notification({ method: "notifications/elicitation/complete", params: { elicitationId } }, options);
  }
}

module.exports = { Server };
