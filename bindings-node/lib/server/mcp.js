"use strict";
// `McpServer` and `ResourceTemplate` of `@modelcontextprotocol/sdk/server/mcp.js`. Tools,
// resources and prompts live in the core's registry, which lists them, finds the one a request
// names (templates matched there too) and answers for unknown ones with the SDK's texts
// (`flavor: "ts-mcpserver"`). Arguments are checked with the author's own zod schemas, as the
// SDK checks them, so their defaults, transforms and messages are the author's.

const { Server } = require("./index.js");
const { McpError, ErrorCode } = require("../types.js");
const z = require("./zod-compat.js");
const { getCompleter, isCompletable } = require("./completable.js");
const { UriTemplate } = require("../shared/uriTemplate.js");
const { validateAndWarnToolName } = require("../shared/toolNameValidation.js");

const { REGISTRY_SERVED } = require("../shared/protocol.js");

/** A request handler of McpServer's own whose method the core's registry serves (while `when()`). */
function registryServed(handler, when = () => true) {
  const h = async (request, extra) => handler(request, extra);
  h[REGISTRY_SERVED] = when;
  return h;
}

const EMPTY_OBJECT_JSON_SCHEMA = { type: "object", properties: {} };
const EMPTY_COMPLETION = { completion: { values: [], hasMore: false } };
// A registered tool's `callback`, its `handler` by the SDK's older name: one getter for every
// tool (a closure per tool would keep each tool's server from young-generation collections,
// see shared/lazy.js).
const CALLBACK = {
  get() {
    return this.handler;
  },
  set(v) {
    this.handler = v;
  },
};

/** A URI template (RFC 6570, the forms MCP uses) with its list and completion callbacks. */
class ResourceTemplate {
  constructor(uriTemplate, callbacks) {
    this._uriTemplate = typeof uriTemplate === "string" ? new UriTemplate(uriTemplate) : uriTemplate;
    this._callbacks = callbacks;
  }

  get uriTemplate() {
    return this._uriTemplate;
  }

  get listCallback() {
    return this._callbacks.list;
  }

  completeCallback(variable) {
    return this._callbacks.complete?.[variable];
  }
}


/** The completion `complete` (a completer, or none) gives for the request's argument. */
async function completion(complete, request) {
  if (!complete) {
    return EMPTY_COMPLETION;
  }
  const { argument, context } = request.params;
  const values = await complete(argument.value, context);
  return { completion: { values: values.slice(0, 100), total: values.length, hasMore: values.length > 100 } };
}

class McpServer {
  /**
   * @param {any} [options]
   */
  constructor(serverInfo, options) {
    // The SDK's fields, in its order (some servers list them); ferromcp's own are hidden.
    this._registeredResources = {};
    this._registeredResourceTemplates = {};
    this._registeredTools = {};
    this._registeredPrompts = {};
    this._toolHandlersInitialized = false;
    this._completionHandlerInitialized = false;
    this._resourceHandlersInitialized = false;
    this._promptHandlersInitialized = false;
    this.server = this._newServer(serverInfo, options);
    Object.defineProperty(this, "_indices", { value: new Map(), writable: true });
    // The core's key of each resource template, by name.
    Object.defineProperty(this, "_templateKeys", { value: new Map(), writable: true });
    const serverOptions = this.server._coreOptions.bind(this.server);
    this.server._coreOptions = () => ({ ...serverOptions(), flavor: this._flavor() });
    this.server._registryKinds = () => this._kinds();
    this.server._onConnected = (conn) => this._sync(conn);
    this._maxToolInputElements = maxElements(options?.maxToolInputElements);
    // A capability declared in the options is served from the start, even with nothing in it.
    if (options?.capabilities?.tools) {
      this.setToolRequestHandlers();
    }
    if (options?.capabilities?.resources) {
      this.setResourceRequestHandlers();
    }
    if (options?.capabilities?.prompts) {
      this.setPromptRequestHandlers();
    }
  }

  /** The low-level server underneath (`server`). */
  _newServer(serverInfo, options) {
    return new Server(serverInfo, options);
  }

  /** A tool's schema as this generation keeps it (1.x: zod, a raw shape made an object). */
  _schema(schema) {
    return schemaObject(schema);
  }

  /** Whose answers the core gives for this server. */
  _flavor() {
    return "ts-mcpserver";
  }

  /** The error this generation throws (1.x: `McpError`, whose message has the code in it). */
  _error(code, message, data) {
    return new McpError(code, message, data);
  }

  /** A tool call refused before its handler runs: an `isError` result in 1.x. */
  _refusal(code, message) {
    return this._error(code, message);
  }

  /** What the registry serves: the kinds set up so far (the SDK answers -32601 for others). */
  _kinds() {
    const kinds = [];
    if (this._toolHandlersInitialized) {
      kinds.push("tools");
    }
    if (this._resourceHandlersInitialized) {
      kinds.push("resources", "resourceTemplates");
    }
    if (this._promptHandlersInitialized) {
      kinds.push("prompts");
    }
    return kinds;
  }

  /** The SDK's experimental APIs: `experimental.tasks.registerToolTask(...)`. */
  get experimental() {
    if (!this._experimental) {
      const { ExperimentalMcpServerTasks } = require("../experimental/tasks/index.js");
      this._experimental = { tasks: new ExperimentalMcpServerTasks(this) };
    }
    return this._experimental;
  }

  async connect(transport) {
    return this.server.connect(transport);
  }

  async close() {
    await this.server.close();
  }

  isConnected() {
    return this.server.transport !== undefined;
  }

  _hasListCallbacks() {
    return Object.values(this._registeredResourceTemplates).some((t) => t.resourceTemplate.listCallback);
  }

  // --- the registry ---

  /** The core's handler number for the runner of `key` (one per element, kept across updates). */
  _index(key, method, run) {
    let i = this._indices.get(key);
    if (i === undefined) {
      i = this.server._addTarget(method, run);
      this._indices.set(key, i);
    }
    return i;
  }

  _sync(conn) {
    this._indices.clear();
    for (const name of Object.keys(this._registeredTools)) {
      this._putTool(conn, name);
    }
    for (const uri of Object.keys(this._registeredResources)) {
      this._putResource(conn, uri);
    }
    for (const name of Object.keys(this._registeredResourceTemplates)) {
      this._putTemplate(conn, name);
    }
    for (const name of Object.keys(this._registeredPrompts)) {
      this._putPrompt(conn, name);
    }
  }

  _putTool(conn, name) {
    const { checked, definition, schemas, input } = this._toolParts(name);
    const i = this._index(`tool:${name}`, "tools/call", (request, extra) => this._callTool(name, request, extra));
    this._addTool(conn, i, checked, definition, schemas, input);
    this._listIfEnabled(conn, "tools", name, this._registeredTools[name]);
  }

  /**
   * A tool's listing in parts: `definition(listed)` its object with `listed` from
   * `schemas()` (its input and output schemas as JSON Schema), `input()` the input schema
   * alone, `checked` when the core checks its arguments (plain JSON Schema).
   */
  _toolParts(name) {
    const tool = this._registeredTools[name];
    const input = () => (tool.inputSchema && z.toJsonSchema(tool.inputSchema, "input")) ?? EMPTY_OBJECT_JSON_SCHEMA;
    const schemas = () => ({
      inputSchema: input(),
      outputSchema: tool.outputSchema && z.toJsonSchema(tool.outputSchema, "output"),
    });
    const definition = (listed) => ({
      name,
      title: tool.title,
      description: tool.description,
      inputSchema: listed?.inputSchema,
      annotations: tool.annotations,
      execution: tool.execution,
      _meta: tool._meta,
      outputSchema: listed?.outputSchema,
      icons: tool.icons || undefined,
    });
    return { checked: isJsonSchema(tool.inputSchema), definition, schemas, input };
  }

  /** `tools/list` answered in JS, as the registry answers it (for an author's wrapper). */
  _listTools() {
    const tools = [];
    for (const [name, tool] of Object.entries(this._registeredTools)) {
      if (tool.enabled) {
        const { definition, schemas } = this._toolParts(name);
        tools.push(JSON.parse(JSON.stringify(definition(schemas()))));
      }
    }
    return { tools };
  }

  /** `tools/call` answered in JS, as the SDK's McpServer answers it (for an author's wrapper). */
  async _callToolHere(request, extra) {
    const name = request.params.name;
    const tool = this._registeredTools[name];
    if (!tool || !tool.enabled) {
      // 1.x answers these as tool errors; 2.x as protocol errors.
      const why = this._error(ErrorCode.InvalidParams, `Tool ${name} ${tool ? "disabled" : "not found"}`);
      if (this._flavor() !== "ts-mcpserver") {
        throw why;
      }
      return this.createToolError(why.message);
    }
    try {
      return await this._runTool(tool, name, request, extra);
    } catch (error) {
      if (error?.code === ErrorCode.UrlElicitationRequired && error instanceof Error && "data" in error) {
        throw error;
      }
      return this.createToolError(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Puts a tool in the core's registry: `definition(listed)` is its object, with `listed`
   * from `schemas()`. A plain JSON Schema (`checked`) is compiled and checked by the core; a
   * schema of the author's library is checked in `_callTool` and turned into JSON Schema only
   * when the tool is first listed, as the SDK turns it for `tools/list` (a failure there is
   * the listing's error) — or, before that, its input schema alone (`input()`) when a
   * 2026-07-28 call's parameter headers are checked against it.
   */
  _addTool(conn, i, checked, definition, schemas, input) {
    if (checked) {
      conn.addTool(JSON.stringify(definition(schemas())), i, true);
      return;
    }
    const complete = (part) => {
      try {
        return JSON.stringify({ ok: part === "inputSchema" ? input() : definition(schemas()) });
      } catch (e) {
        return JSON.stringify({ error: String(e?.message ?? e) });
      }
    };
    conn.addTool(JSON.stringify(definition(undefined)), i, false, complete);
  }

  _callTool(name, request, extra) {
    const tool = this._registeredTools[name];
    if (!tool) {
      throw this._error(ErrorCode.InvalidParams, `Tool ${name} not found`);
    }
    if (!tool.enabled) {
      throw this._refusal(ErrorCode.InvalidParams, `Tool ${name} disabled`);
    }
    // A failure becomes the SDK's `isError` result in the core.
    return this._runTool(tool, name, request, extra);
  }

  /** A call to a known, enabled tool, through the steps the SDK's McpServer names. */
  async _runTool(tool, name, request, extra) {
    const isTaskRequest = !!request.params.task;
    const taskSupport = tool.execution?.taskSupport;
    const isTaskHandler = typeof tool.handler === "object" && tool.handler !== null && "createTask" in tool.handler;
    if ((taskSupport === "required" || taskSupport === "optional") && !isTaskHandler) {
      throw this._error(
        ErrorCode.InternalError,
        `Tool ${name} has taskSupport '${taskSupport}' but was not registered with registerToolTask`,
      );
    }
    if (taskSupport === "required" && !isTaskRequest) {
      throw this._error(ErrorCode.MethodNotFound, `Tool ${name} requires task augmentation (taskSupport: 'required')`);
    }
    if (taskSupport === "optional" && !isTaskRequest) {
      return this.handleAutomaticTaskPolling(tool, request, extra);
    }
    const args = await this.validateToolInput(tool, request.params.arguments, name);
    const result = await this.executeToolHandler(tool, args, extra);
    if (isTaskRequest) {
      return result;
    }
    await this.validateToolOutput(tool, result, name);
    return result;
  }

  /** The SDK's error result for a failed tool call (a subclass may make its own). */
  createToolError(errorMessage) {
    return { content: [{ type: "text", text: errorMessage }], isError: true };
  }

  // The SDK's steps below return what they hand on (a promise where the SDK's are async), so
  // that a call awaits no more than it did before they could be overridden.

  /** The arguments `tool` is called with, checked by its schema (the SDK's step, overridable). */
  validateToolInput(tool, args, toolName) {
    return this._toolArguments(tool, toolName, args);
  }

  /** Checks a result's structured content against `tool`'s output schema (overridable). */
  validateToolOutput(tool, result, toolName) {
    return this._checkOutput(tool, toolName, result);
  }

  /** Calls `tool`'s handler (or its task maker) with the checked arguments (overridable). */
  executeToolHandler(tool, args, extra) {
    const handler = tool.handler;
    if (typeof handler === "object" && handler !== null && "createTask" in handler) {
      if (!extra.taskStore) {
        throw new Error("No task store provided.");
      }
      return tool.inputSchema ? handler.createTask(args, extra) : handler.createTask(extra);
    }
    return tool.inputSchema ? handler(args, extra) : handler(extra);
  }

  /** A task tool called without a task: its task is created and polled until it ends. */
  async handleAutomaticTaskPolling(tool, request, extra) {
    if (!extra.taskStore) {
      throw new Error("No task store provided for task-capable tool.");
    }
    const name = request.params.name;
    const args = await this.validateToolInput(tool, request.params.arguments, name);
    const created = tool.inputSchema ? await tool.handler.createTask(args, extra) : await tool.handler.createTask(extra);
    const taskId = created.task.taskId;
    let task = created.task;
    const interval = task.pollInterval ?? 5000;
    while (task.status !== "completed" && task.status !== "failed" && task.status !== "cancelled") {
      await new Promise((resolve) => setTimeout(resolve, interval));
      task = await extra.taskStore.getTask(taskId);
      if (!task) {
        throw this._error(ErrorCode.InternalError, `Task ${taskId} not found during polling`);
      }
    }
    return extra.taskStore.getTaskResult(taskId);
  }

  /** The arguments a tool's handler gets: checked (and shaped) by its zod schema. */
  async _toolArguments(tool, name, given) {
    if (this._maxToolInputElements !== undefined && countElements(given, this._maxToolInputElements) > this._maxToolInputElements) {
      throw this._error(
        ErrorCode.InvalidParams,
        `Invalid arguments for tool ${name}: arguments contain more than the maximum of ${this._maxToolInputElements} elements`,
      );
    }
    if (!tool.inputSchema) {
      return undefined;
    }
    if (isJsonSchema(tool.inputSchema)) {
      return given ?? {};
    }
    const schema = z.normalizeObjectSchema(tool.inputSchema) ?? tool.inputSchema;
    const parsed = await z.safeParseAsync(schema, given ?? {});
    if (!parsed.success) {
      const message = z.getParseErrorMessage(parsed.error);
      throw this._error(ErrorCode.InvalidParams, `Input validation error: Invalid arguments for tool ${name}: ${message}`);
    }
    return parsed.data;
  }

  /** A result checked against the tool's output schema, as the SDK checks it. */
  async _checkOutput(tool, name, result) {
    const output = z.normalizeObjectSchema(tool.outputSchema);
    // A result without `content` (a task created) is not checked.
    if (output && !result?.isError && (typeof result !== "object" || result === null || "content" in result)) {
      if (!result?.structuredContent) {
        throw this._error(
          ErrorCode.InvalidParams,
          `Output validation error: Tool ${name} has an output schema but no structured content was provided`,
        );
      }
      const parsed = await z.safeParseAsync(output, result.structuredContent);
      if (!parsed.success) {
        const message = z.getParseErrorMessage(parsed.error);
        throw this._error(ErrorCode.InvalidParams, `Output validation error: Invalid structured content for tool ${name}: ${message}`);
      }
    }
    return result;
  }

  _putResource(conn, uri) {
    const r = this._registeredResources[uri];
    const i = this._index(`resource:${uri}`, "resources/read", async (request, extra) => {
      const current = this._registeredResources[uri];
      if (!current?.enabled) {
        throw this._error(ErrorCode.InvalidParams, `Resource ${uri} disabled`);
      }
      return current.readCallback(new URL(request.params.uri), extra);
    });
    conn.addResource(JSON.stringify({ uri, name: r.name, ...r.metadata }), i);
    this._listIfEnabled(conn, "resources", uri, r);
  }

  /**
   * A disabled element stays in the core's registry, out of its listings: a call reaches the
   * handler, which says it is disabled, as the SDK does.
   */
  _listIfEnabled(conn, kind, key, element) {
    if (!element.enabled) {
      conn.setListed(kind, key, false);
    }
  }

  _putTemplate(conn, name) {
    // Listed and read switched off too, as the SDK lists and reads them.
    const i = this._index(`template:${name}`, "resources/read", (request, extra) =>
      this._readTemplate(name, new URL(request.params.uri), request.params.arguments ?? {}, extra),
    );
    conn.addResource(JSON.stringify(this._templateDefinition(name)), i);
  }

  _templateDefinition(name) {
    const t = this._registeredResourceTemplates[name];
    return { name, uriTemplate: t.resourceTemplate.uriTemplate.toString(), ...t.metadata };
  }

  /** Reads `uri` through the template `name` (1.x reads through one switched off). */
  _readTemplate(name, uri, variables, extra) {
    return this._registeredResourceTemplates[name].readCallback(uri, variables, extra);
  }

  /** `resources/templates/list` answered in JS, as the registry answers it (for an author's wrapper). */
  _listTemplates() {
    return { resourceTemplates: Object.keys(this._registeredResourceTemplates).map((name) => this._templateDefinition(name)) };
  }

  /** `resources/read` answered in JS, as the SDK's McpServer answers it (for an author's wrapper). */
  async _readResource(request, extra) {
    const uri = new URL(request.params.uri);
    const resource = this._registeredResources[uri.toString()];
    if (resource) {
      if (!resource.enabled) {
        throw this._error(ErrorCode.InvalidParams, `Resource ${uri} disabled`);
      }
      return resource.readCallback(uri, extra);
    }
    for (const [name, t] of Object.entries(this._registeredResourceTemplates)) {
      const variables = t.resourceTemplate.uriTemplate.match(uri.toString());
      if (variables) {
        return this._readTemplate(name, uri, variables, extra);
      }
    }
    throw this._resourceNotFound(request.params.uri);
  }

  _resourceNotFound(uri) {
    return this._error(ErrorCode.InvalidParams, `Resource ${new URL(uri)} not found`);
  }

  async _listResources(extra) {
    const resources = Object.entries(this._registeredResources)
      .filter(([, r]) => r.enabled)
      .map(([uri, r]) => ({ uri, name: r.name, ...r.metadata }));
    for (const t of Object.values(this._registeredResourceTemplates)) {
      if (!t.resourceTemplate.listCallback) {
        continue;
      }
      const result = await t.resourceTemplate.listCallback(extra);
      for (const resource of result.resources) {
        resources.push({ ...t.metadata, ...resource });
      }
    }
    return { resources };
  }

  _putPrompt(conn, name) {
    const i = this._index(`prompt:${name}`, "prompts/get", (request, extra) => this._getPrompt(name, request, extra));
    conn.addPrompt(JSON.stringify(this._promptDefinition(name)), i);
    this._listIfEnabled(conn, "prompts", name, this._registeredPrompts[name]);
  }

  _promptDefinition(name) {
    const p = this._registeredPrompts[name];
    return {
      name,
      title: p.title,
      description: p.description,
      arguments: p.argsSchema ? promptArguments(p.argsSchema) : undefined,
    };
  }

  /** `prompts/list` answered in JS, as the registry answers it (for an author's wrapper). */
  _listPrompts() {
    const prompts = [];
    for (const [name, p] of Object.entries(this._registeredPrompts)) {
      if (p.enabled) {
        prompts.push(JSON.parse(JSON.stringify(this._promptDefinition(name))));
      }
    }
    return { prompts };
  }

  async _getPrompt(name, request, extra) {
    const prompt = this._registeredPrompts[name];
    if (!prompt) {
      throw this._error(ErrorCode.InvalidParams, `Prompt ${name} not found`);
    }
    if (!prompt.enabled) {
      throw this._error(ErrorCode.InvalidParams, `Prompt ${name} disabled`);
    }
    if (prompt.argsSchema) {
      const schema = z.normalizeObjectSchema(prompt.argsSchema);
      const parsed = await z.safeParseAsync(schema, request.params.arguments);
      if (!parsed.success) {
        const message = z.getParseErrorMessage(parsed.error);
        throw this._error(ErrorCode.InvalidParams, `Invalid arguments for prompt ${name}: ${message}`);
      }
      return prompt.callback(parsed.data, extra);
    }
    return prompt.callback(extra);
  }

  /** Applies a change to the live connection, if any, and tells the client its list changed. */
  _changed(kind, key) {
    const conn = this.server._conn;
    if (!conn) {
      return;
    }
    const [coreKind, put, notify] = {
      tool: ["tools", () => this._putTool(conn, key), () => this.sendToolListChanged()],
      resource: ["resources", () => this._putResource(conn, key), () => this.sendResourceListChanged()],
      template: ["resourceTemplates", () => this._putTemplate(conn, key), () => this.sendResourceListChanged()],
      prompt: ["prompts", () => this._putPrompt(conn, key), () => this.sendPromptListChanged()],
    }[kind];
    const element = {
      tool: this._registeredTools,
      resource: this._registeredResources,
      template: this._registeredResourceTemplates,
      prompt: this._registeredPrompts,
    }[kind][key];
    const coreKey = kind === "template" ? this._templateKeys.get(key) : key;
    if (coreKey !== undefined) {
      conn.remove(coreKind, coreKey);
    }
    if (element) {
      put();
    }
    notify();
  }

  // --- capabilities and the handlers the registry does not cover ---

  /** Whether a kind's list-changed capability is announced once it is served (1.x: always). */
  _listChanged(_kind) {
    return true;
  }

  setToolRequestHandlers() {
    if (this._toolHandlersInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler("tools/list");
    this.server.assertCanSetRequestHandler("tools/call");
    this.server.registerCapabilities({ tools: { listChanged: this._listChanged("tools") } });
    // The core's registry answers both; the handlers are there, as the SDK's are, for an
    // author who wraps or calls them (`server._requestHandlers.get("tools/list")`).
    // An author's own `createToolError` makes every failed call's result: the calls are then
    // answered here.
    const ownErrors = () => this.createToolError === McpServer.prototype.createToolError;
    this.server._requestHandlers.set("tools/list", registryServed(() => this._listTools()));
    this.server._requestHandlers.set("tools/call", registryServed((request, extra) => this._callToolHere(request, extra), ownErrors));
    this._toolHandlersInitialized = true;
  }

  setResourceRequestHandlers() {
    if (this._resourceHandlersInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler("resources/list");
    this.server.assertCanSetRequestHandler("resources/templates/list");
    this.server.assertCanSetRequestHandler("resources/read");
    this.server.registerCapabilities({ resources: { listChanged: this._listChanged("resources") } });
    // Resource listings with templates' list callbacks are answered here (the registry lists
    // what it holds).
    const listed = () => !this._hasListCallbacks();
    this.server._requestHandlers.set("resources/list", registryServed((request, extra) => this._listResources(extra), listed));
    this.server._requestHandlers.set("resources/templates/list", registryServed(() => this._listTemplates()));
    this.server._requestHandlers.set("resources/read", registryServed((request, extra) => this._readResource(request, extra)));
    this._resourceHandlersInitialized = true;
  }

  setPromptRequestHandlers() {
    if (this._promptHandlersInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler("prompts/list");
    this.server.assertCanSetRequestHandler("prompts/get");
    this.server.registerCapabilities({ prompts: { listChanged: this._listChanged("prompts") } });
    this.server._requestHandlers.set("prompts/list", registryServed(() => this._listPrompts()));
    this.server._requestHandlers.set("prompts/get", registryServed((request, extra) => this._getPrompt(request.params.name, request, extra)));
    this._promptHandlersInitialized = true;
  }

  setCompletionRequestHandler() {
    if (this._completionHandlerInitialized) {
      return;
    }
    this.server.assertCanSetRequestHandler("completion/complete");
    this.server.registerCapabilities({ completions: {} });
    this.server.setRequestHandler("completion/complete", (request) => this._complete(request));
    this._completionHandlerInitialized = true;
  }

  async _complete(request) {
    const { ref } = request.params;
    if (ref.type === "ref/prompt") {
      return this.handlePromptCompletion(request, ref);
    }
    if (ref.type === "ref/resource") {
      return this.handleResourceCompletion(request, ref);
    }
    throw this._error(ErrorCode.InvalidParams, `Invalid completion reference: ${ref}`);
  }

  /** Completes a prompt's argument (the SDK's step, overridable). */
  async handlePromptCompletion(request, ref) {
    const prompt = this._registeredPrompts[ref.name];
    if (!prompt) {
      throw this._error(ErrorCode.InvalidParams, `Prompt ${ref.name} not found`);
    }
    if (!prompt.enabled) {
      throw this._error(ErrorCode.InvalidParams, `Prompt ${ref.name} disabled`);
    }
    const field = z.getObjectShape(z.normalizeObjectSchema(prompt.argsSchema))?.[request.params.argument.name];
    return completion(field && isCompletable(field) ? getCompleter(field) : undefined, request);
  }

  /** Completes a resource template's variable (the SDK's step, overridable). */
  async handleResourceCompletion(request, ref) {
    const t = Object.values(this._registeredResourceTemplates).find((x) => x.resourceTemplate.uriTemplate.toString() === ref.uri);
    if (!t) {
      if (Object.values(this._registeredResources).some((r) => r.enabled) && this._registeredResources[ref.uri]) {
        return EMPTY_COMPLETION;
      }
      throw this._error(ErrorCode.InvalidParams, `Resource template ${ref.uri} not found`);
    }
    return completion(t.resourceTemplate.completeCallback(request.params.argument.name), request);
  }

  // --- registration ---

  registerTool(name, config, cb) {
    if (this._registeredTools[name]) {
      throw new Error(`Tool ${name} is already registered`);
    }
    const { title, description, inputSchema, outputSchema, annotations, _meta, icons } = config;
    return this._createTool(name, title, description, inputSchema, outputSchema, annotations, { taskSupport: "forbidden" }, _meta, cb, icons);
  }

  tool(name, ...rest) {
    if (this._registeredTools[name]) {
      throw new Error(`Tool ${name} is already registered`);
    }
    let description;
    let inputSchema;
    let annotations;
    if (typeof rest[0] === "string") {
      description = rest.shift();
    }
    if (rest.length > 1) {
      const first = rest[0];
      if (isShape(first)) {
        inputSchema = rest.shift();
        if (rest.length > 1 && typeof rest[0] === "object" && rest[0] !== null && !isShape(rest[0])) {
          annotations = rest.shift();
        }
      } else if (typeof first === "object" && first !== null) {
        annotations = rest.shift();
      }
    }
    const cb = rest[0];
    return this._createTool(name, undefined, description, inputSchema, undefined, annotations, { taskSupport: "forbidden" }, undefined, cb);
  }

  _createTool(name, title, description, inputSchema, outputSchema, annotations, execution, _meta, handler, icons) {
    validateAndWarnToolName(name);
    const tool = {
      title,
      description,
      inputSchema: this._schema(inputSchema),
      outputSchema: this._schema(outputSchema),
      annotations,
      execution,
      _meta,
      icons,
      handler,
      enabled: true,
      disable: () => tool.update({ enabled: false }),
      enable: () => tool.update({ enabled: true }),
      remove: () => tool.update({ name: null }),
      update: (updates) => {
        if (updates.name !== undefined && updates.name !== name) {
          delete this._registeredTools[name];
          this._changed("tool", name);
          if (updates.name) {
            name = updates.name;
            this._registeredTools[name] = tool;
          } else {
            return;
          }
        }
        for (const key of ["title", "description", "annotations", "_meta", "enabled"]) {
          if (updates[key] !== undefined) {
            tool[key] = updates[key];
          }
        }
        if (updates.paramsSchema !== undefined) {
          tool.inputSchema = this._schema(updates.paramsSchema);
        }
        if (updates.outputSchema !== undefined) {
          tool.outputSchema = this._schema(updates.outputSchema);
        }
        if (updates.callback !== undefined) {
          tool.handler = updates.callback;
        }
        this._changed("tool", name);
      },
    };
    Object.defineProperty(tool, "callback", CALLBACK);
    this._registeredTools[name] = tool;
    this.setToolRequestHandlers();
    this._changed("tool", name);
    return tool;
  }

  registerResource(name, uriOrTemplate, config, readCallback) {
    return this._resource(name, uriOrTemplate, config, readCallback, config?.title);
  }

  resource(name, uriOrTemplate, ...rest) {
    const metadata = typeof rest[0] === "object" ? rest.shift() : undefined;
    return this._resource(name, uriOrTemplate, metadata, rest[0]);
  }

  _resource(name, uriOrTemplate, metadata, readCallback, title) {
    const meta = metadata ? { ...metadata } : undefined;
    if (typeof uriOrTemplate === "string") {
      if (this._registeredResources[uriOrTemplate]) {
        throw new Error(`Resource ${uriOrTemplate} is already registered`);
      }
      let uri = uriOrTemplate;
      const r = {
        name,
        title,
        metadata: meta,
        readCallback,
        enabled: true,
        disable: () => r.update({ enabled: false }),
        enable: () => r.update({ enabled: true }),
        remove: () => r.update({ uri: null }),
        update: (updates) => {
          if (updates.uri !== undefined && updates.uri !== uri) {
            delete this._registeredResources[uri];
            this._changed("resource", uri);
            if (!updates.uri) {
              return;
            }
            uri = updates.uri;
            this._registeredResources[uri] = r;
          }
          for (const key of ["name", "title", "metadata", "enabled"]) {
            if (updates[key] !== undefined) {
              r[key] = updates[key];
            }
          }
          if (updates.callback !== undefined) {
            r.readCallback = updates.callback;
          }
          this._changed("resource", uri);
        },
      };
      this._registeredResources[uri] = r;
      this.setResourceRequestHandlers();
      this._changed("resource", uri);
      return r;
    }
    if (this._registeredResourceTemplates[name]) {
      throw new Error(`Resource template ${name} is already registered`);
    }
    const t = {
      resourceTemplate: uriOrTemplate,
      title,
      metadata: meta,
      readCallback,
      enabled: true,
      disable: () => t.update({ enabled: false }),
      enable: () => t.update({ enabled: true }),
      remove: () => t.update({ name: null }),
      update: (updates) => {
        if (updates.name !== undefined && updates.name !== name) {
          delete this._registeredResourceTemplates[name];
          this._changed("template", name);
          if (!updates.name) {
            return;
          }
          name = updates.name;
          this._registeredResourceTemplates[name] = t;
        }
        for (const key of ["title", "metadata", "enabled"]) {
          if (updates[key] !== undefined) {
            t[key] = updates[key];
          }
        }
        if (updates.template !== undefined) {
          t.resourceTemplate = updates.template;
        }
        if (updates.callback !== undefined) {
          t.readCallback = updates.callback;
        }
        this._changed("template", name);
      },
    };
    this._registeredResourceTemplates[name] = t;
    this._templateKeys.set(name, uriOrTemplate.uriTemplate.toString());
    this.setResourceRequestHandlers();
    if (uriOrTemplate._callbacks?.complete) {
      this.setCompletionRequestHandler();
    }
    this._changed("template", name);
    return t;
  }

  registerPrompt(name, config, cb) {
    if (this._registeredPrompts[name]) {
      throw new Error(`Prompt ${name} is already registered`);
    }
    const { title, description, argsSchema } = config;
    return this._createPrompt(name, title, description, argsSchema, cb);
  }

  prompt(name, ...rest) {
    if (this._registeredPrompts[name]) {
      throw new Error(`Prompt ${name} is already registered`);
    }
    const description = typeof rest[0] === "string" ? rest.shift() : undefined;
    const argsSchema = rest.length > 1 ? rest.shift() : undefined;
    return this._createPrompt(name, undefined, description, argsSchema, rest[0]);
  }

  _createPrompt(name, title, description, argsSchema, callback) {
    const p = {
      title,
      description,
      argsSchema,
      callback,
      enabled: true,
      disable: () => p.update({ enabled: false }),
      enable: () => p.update({ enabled: true }),
      remove: () => p.update({ name: null }),
      update: (updates) => {
        if (updates.name !== undefined && updates.name !== name) {
          delete this._registeredPrompts[name];
          this._changed("prompt", name);
          if (!updates.name) {
            return;
          }
          name = updates.name;
          this._registeredPrompts[name] = p;
        }
        for (const key of ["title", "description", "enabled"]) {
          if (updates[key] !== undefined) {
            p[key] = updates[key];
          }
        }
        if (updates.argsSchema !== undefined) {
          p.argsSchema = updates.argsSchema;
        }
        if (updates.callback !== undefined) {
          p.callback = updates.callback;
        }
        this._changed("prompt", name);
      },
    };
    this._registeredPrompts[name] = p;
    this.setPromptRequestHandlers();
    const shape = argsSchema ? z.getObjectShape(z.normalizeObjectSchema(argsSchema)) : undefined;
    if (shape && Object.values(shape).some(isCompletable)) {
      this.setCompletionRequestHandler();
    }
    this._changed("prompt", name);
    return p;
  }

  // --- notifications ---

  /**
   * @param {any} [sessionId]
   */
  async sendLoggingMessage(params, sessionId) {
    return this.server.sendLoggingMessage(params, sessionId);
  }

  sendResourceListChanged() {
    if (this.isConnected()) {
      this.server.sendResourceListChanged();
    }
  }

  sendToolListChanged() {
    if (this.isConnected()) {
      this.server.sendToolListChanged();
    }
  }

  sendPromptListChanged() {
    if (this.isConnected()) {
      this.server.sendPromptListChanged();
    }
  }
}

function isShape(v) {
  if (typeof v !== "object" || v === null || v._def || v._zod) {
    return false;
  }
  const values = Object.values(v);
  return values.length === 0 || values.some((x) => typeof x === "object" && x !== null && (x._def || x._zod || typeof x.parse === "function"));
}

const isZodLike = (v) => typeof v === "object" && v !== null && (v._def !== undefined || v._zod !== undefined);

/** Plain JSON Schema (a ferromcp extension: the SDK 1.x takes zod only). */
function isJsonSchema(s) {
  return (
    typeof s === "object" &&
    s !== null &&
    !isZodLike(s) &&
    Object.keys(s).length > 0 &&
    ("type" in s || "properties" in s || "$schema" in s) &&
    !Object.values(s).some(isZodLike)
  );
}

/** A tool's schema as the SDK keeps it: a raw shape (even empty) made a zod object. */
function schemaObject(schema) {
  if (!schema) {
    return undefined;
  }
  if (isJsonSchema(schema) || isZodLike(schema)) {
    return schema;
  }
  if (typeof schema === "object" && (Object.keys(schema).length === 0 || Object.values(schema).some(isZodLike))) {
    return z.objectFromShape(schema);
  }
  throw new Error("inputSchema must be a Zod schema or raw shape, received an unrecognized object");
}

function maxElements(value) {
  if (value === undefined || value === Infinity) {
    return undefined;
  }
  if (typeof value !== "number" || Number.isNaN(value) || value < 1) {
    throw new RangeError(`maxToolInputElements must be a number of at least 1, or Infinity, got ${String(value)}`);
  }
  return value;
}

/** Array elements and object members in `value`, counted up to just past `max`. */
function countElements(value, max) {
  let count = 0;
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") {
      continue;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (++count > max) {
        return count;
      }
      if (child !== null && typeof child === "object") {
        stack.push(child);
      }
    }
  }
  return count;
}

function promptArguments(argsSchema) {
  const shape = z.getObjectShape(z.normalizeObjectSchema(argsSchema)) ?? {};
  return Object.entries(shape).map(([name, field]) => ({
    name,
    description: z.getSchemaDescription(field),
    required: !z.isSchemaOptional(field),
  }));
}


module.exports = { McpServer, ResourceTemplate, isJsonSchema };
