"use strict";
// `McpServer` of `@modelcontextprotocol/server` 2.x: the 1.x `McpServer` (tools, resources and
// prompts in the core's registry) with 2.x's schemas and answers. Schemas are Standard Schema
// (zod >= 4.2 objects passed as they are, ArkType, Valibot, `fromJsonSchema(...)`), listed as
// JSON Schema 2020-12 and checked with the author's library; plain JSON Schema (a ferromcp
// extension, as in 1.x) is checked by the core. Errors are `ProtocolError`s (no `MCP error`
// prefix), unknown tools a JSON-RPC error (`flavor: "ts-mcpserver-v2"`), handlers get `ctx`.
// A `scopeChallenge` (`requireScopes(...)`) is checked by the HTTP transports before the core
// sees a POST, as 2.4's are: `connect` gives them `resolveScopeChallenge`.

const { McpServer: McpServerV1, ResourceTemplate, isJsonSchema } = require("../server/mcp.js");
const { Server, FerromcpWireError } = require("./server.js");
const { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } = require("./errors.js");
const std = require("./standardSchema.js");

const EMPTY_OBJECT_JSON_SCHEMA = { type: "object", properties: {} };

/** Whether the core checks arguments against `schema` (plain JSON Schema, given as it is). */
function coreChecked(schema) {
  return isJsonSchema(schema);
}

/** `schema` as `tools/list` and `prompts/list` show it. */
function listed(schema, io) {
  const plain = std.plainJsonSchema(schema) ?? (isJsonSchema(schema) ? schema : undefined);
  return plain ?? std.toJsonSchema(schema, io);
}

const isZodV4 = (v) => typeof v === "object" && v !== null && v._zod !== undefined;
const isZodV3 = (v) => typeof v === "object" && v !== null && v._def !== undefined && v._zod === undefined;

/** A registration's schema: Standard Schema as given, a raw zod shape made `z.object(shape)`. */
function normalize(schema) {
  if (schema === undefined) {
    return undefined;
  }
  if (std.isStandardSchema(schema) || isJsonSchema(schema)) {
    return schema;
  }
  if (typeof schema === "object" && schema !== null) {
    const values = Object.values(schema);
    if (values.some(isZodV3)) {
      throw new TypeError(
        "Raw-shape inputSchema/outputSchema/argsSchema fields must be Zod v4 schemas. Got a Zod v3 field schema. Import from `zod/v4` (or upgrade your zod import), or wrap with `z.object({...})` yourself.",
      );
    }
    if (values.length === 0 || values.every(isZodV4)) {
      return require("zod/v4").object(schema);
    }
  }
  throw new TypeError(
    "inputSchema/outputSchema/argsSchema must be a Standard Schema (e.g. z.object({...})) or a raw Zod shape ({ field: z.string() }).",
  );
}

class McpServer extends McpServerV1 {
  async connect(transport) {
    if (typeof transport?.setScopeChallengeResolver === "function") {
      const resolve = (context) => this.resolveScopeChallenge(context);
      // ferromcp's transports parse a POST for the check only once some entry has a challenge.
      resolve.armed = () => this._scopeChallenged === true;
      transport.setScopeChallengeResolver(resolve);
    }
    return super.connect(transport);
  }

  /**
   * The scope challenge of what a JSON-RPC request reaches, as 2.4 resolves it: a tool by name,
   * a resource by URI then the first template matching it, a prompt by name; nothing for a
   * disabled or unknown one, or any other method.
   * @param {{request: any, authInfo?: any}} context
   */
  resolveScopeChallenge(context) {
    const params = context.request.params;
    switch (context.request.method) {
      case "tools/call": {
        const tool = typeof params?.name === "string" ? this._registeredTools[params.name] : undefined;
        return tool?.enabled ? tool.scopeChallenge?.(context) : undefined;
      }
      case "resources/read": {
        if (typeof params?.uri !== "string") {
          return undefined;
        }
        let uri;
        try {
          uri = new URL(params.uri).toString();
        } catch {
          return undefined;
        }
        const resource = this._registeredResources[uri];
        if (resource !== undefined) {
          return resource.enabled ? resource.scopeChallenge?.(context) : undefined;
        }
        for (const template of Object.values(this._registeredResourceTemplates)) {
          if (template.resourceTemplate.uriTemplate.match(uri)) {
            return template.enabled ? template.scopeChallenge?.(context) : undefined;
          }
        }
        return undefined;
      }
      case "prompts/get": {
        const prompt = typeof params?.name === "string" ? this._registeredPrompts[params.name] : undefined;
        return prompt?.enabled ? prompt.scopeChallenge?.(context) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Keeps `scopeChallenge` on a registered entry: `update({scopeChallenge})` sets it, `null` drops it. */
  _challenged(entry, scopeChallenge) {
    const arm = (challenge) => {
      entry.scopeChallenge = challenge;
      if (challenge !== undefined) {
        this._scopeChallenged = true;
      }
    };
    arm(scopeChallenge);
    const update = entry.update;
    entry.update = (updates) => {
      if (updates.scopeChallenge !== undefined) {
        arm(updates.scopeChallenge ?? undefined);
      }
      return update(updates);
    };
    return entry;
  }

  _newServer(serverInfo, options) {
    return new Server(serverInfo, options);
  }

  _flavor() {
    return "ts-mcpserver-v2";
  }

  _error(code, message, data) {
    return new ProtocolError(code, message, data);
  }

  /** A tool call refused before its handler runs: a JSON-RPC error in 2.x. */
  _refusal(code, message) {
    return new FerromcpWireError(code, message);
  }

  _schema(schema) {
    return normalize(schema);
  }

  /** An enabled tool's input schema as JSON Schema; undefined for another, or one that fails. */
  toolInputSchemaJson(name) {
    const tool = this._registeredTools[name];
    if (tool === undefined || !tool.enabled) {
      return undefined;
    }
    try {
      return this._toolParts(name).input();
    } catch {
      return undefined;
    }
  }

  /** 2.x keeps what the author declared (`listChanged: false` stays so). */
  _listChanged(kind) {
    return this.server.getCapabilities()[kind]?.listChanged ?? true;
  }

  _toolParts(name) {
    const tool = this._registeredTools[name];
    const input = () => (tool.inputSchema ? listed(tool.inputSchema, "input") : EMPTY_OBJECT_JSON_SCHEMA);
    const schemas = () => ({
      inputSchema: input(),
      outputSchema: tool.outputSchema ? listed(tool.outputSchema, "output") : undefined,
    });
    const definition = (listed) => ({
      name,
      title: tool.title,
      description: tool.description,
      inputSchema: listed?.inputSchema,
      annotations: tool.annotations,
      icons: tool.icons,
      _meta: tool._meta,
      outputSchema: listed?.outputSchema,
    });
    return { checked: coreChecked(tool.inputSchema), definition, schemas, input };
  }

  async _toolArguments(tool, name, given) {
    // The element cap (`maxToolInputElements`), as 1.x checks it.
    await super._toolArguments({}, name, given);
    if (!tool.inputSchema) {
      return undefined;
    }
    if (coreChecked(tool.inputSchema)) {
      return given ?? {};
    }
    const parsed = await std.validate(tool.inputSchema, given ?? {});
    if (!parsed.success) {
      throw this._error(ProtocolErrorCode.InvalidParams, `Input validation error: Invalid arguments for tool ${name}: ${parsed.error}`);
    }
    return parsed.data;
  }

  async _checkOutput(tool, name, result) {
    if (!tool.outputSchema || result?.isError) {
      return result;
    }
    if (result?.structuredContent === undefined) {
      throw this._error(
        ProtocolErrorCode.InvalidParams,
        `Output validation error: Tool ${name} has an output schema but no structured content was provided`,
      );
    }
    const schema = isJsonSchema(tool.outputSchema) ? std.fromJsonSchema(tool.outputSchema) : tool.outputSchema;
    const parsed = await std.validate(schema, result.structuredContent);
    if (!parsed.success) {
      throw this._error(ProtocolErrorCode.InvalidParams, `Output validation error: Invalid structured content for tool ${name}: ${parsed.error}`);
    }
    return result;
  }

  _promptDefinition(name) {
    const p = this._registeredPrompts[name];
    return {
      name,
      title: p.title,
      description: p.description,
      arguments: p.argsSchema ? std.promptArguments(p.argsSchema) : undefined,
      icons: p.icons,
      _meta: p._meta,
    };
  }

  /** 2.x reads nothing through a template switched off. */
  _readTemplate(name, uri, variables, ctx) {
    const t = this._registeredResourceTemplates[name];
    if (!t.enabled) {
      throw this._error(ProtocolErrorCode.InvalidParams, `Resource template ${t.resourceTemplate.uriTemplate} disabled`);
    }
    return super._readTemplate(name, uri, variables, ctx);
  }

  _resourceNotFound(uri) {
    return new ResourceNotFoundError(uri);
  }

  async _getPrompt(name, request, ctx) {
    const prompt = this._registeredPrompts[name];
    if (!prompt) {
      throw this._error(ProtocolErrorCode.InvalidParams, `Prompt ${name} not found`);
    }
    if (!prompt.enabled) {
      throw this._error(ProtocolErrorCode.InvalidParams, `Prompt ${name} disabled`);
    }
    if (!prompt.argsSchema) {
      return prompt.callback(ctx);
    }
    const parsed = await std.validate(prompt.argsSchema, request.params.arguments ?? {});
    if (!parsed.success) {
      throw this._error(ProtocolErrorCode.InvalidParams, `Invalid arguments for prompt ${name}: ${parsed.error}`);
    }
    return prompt.callback(parsed.data, ctx);
  }

  registerTool(name, config, cb) {
    if (this._registeredTools[name]) {
      throw new Error(`Tool ${name} is already registered`);
    }
    const { title, description, inputSchema, outputSchema, annotations, icons, scopeChallenge, _meta } = config;
    const tool = this._createTool(name, title, description, inputSchema, outputSchema, annotations, undefined, _meta, cb, icons);
    return this._challenged(tool, scopeChallenge);
  }

  /**
   * `config.cacheHint` ({ttlMs, cacheScope}): the cache fields of this resource's reads by
   * 2026-07-28 clients, where the result sets none (field by field; the server's
   * `cacheHints["resources/read"]`, then `0`/`private`, fill the rest).
   */
  registerResource(name, uriOrTemplate, config, readCallback) {
    const { cacheHint, scopeChallenge, ...metadata } = config ?? {};
    if (cacheHint === undefined || typeof readCallback !== "function") {
      return this._challenged(super.registerResource(name, uriOrTemplate, metadata, readCallback), scopeChallenge);
    }
    if (cacheHint.ttlMs !== undefined && !(Number.isSafeInteger(cacheHint.ttlMs) && cacheHint.ttlMs >= 0)) {
      throw new RangeError(`cacheHint.ttlMs must be a non-negative safe integer (got ${cacheHint.ttlMs})`);
    }
    if (cacheHint.cacheScope !== undefined && cacheHint.cacheScope !== "public" && cacheHint.cacheScope !== "private") {
      throw new RangeError(`cacheHint.cacheScope must be 'public' or 'private' (got ${cacheHint.cacheScope})`);
    }
    const read = async (...args) => {
      const result = await readCallback(...args);
      const ctx = args[args.length - 1];
      if (ctx?.mcpReq?.envelope === undefined || result === null || typeof result !== "object" || result.resultType === "input_required") {
        return result;
      }
      const hinted = { ...result };
      if (hinted.ttlMs === undefined && cacheHint.ttlMs !== undefined) {
        hinted.ttlMs = cacheHint.ttlMs;
      }
      if (hinted.cacheScope === undefined && cacheHint.cacheScope !== undefined) {
        hinted.cacheScope = cacheHint.cacheScope;
      }
      return hinted;
    };
    return this._challenged(super.registerResource(name, uriOrTemplate, metadata, read), scopeChallenge);
  }

  registerPrompt(name, config, cb) {
    if (this._registeredPrompts[name]) {
      throw new Error(`Prompt ${name} is already registered`);
    }
    const { title, description, argsSchema, icons, scopeChallenge, _meta } = config;
    const p = this._createPrompt(name, title, description, normalize(argsSchema), cb);
    if (icons !== undefined || _meta !== undefined) {
      p.icons = icons;
      p._meta = _meta;
      this._changed("prompt", name);
    }
    return this._challenged(p, scopeChallenge);
  }
}

// 1.x's `tool()`, `resource()` and `prompt()` are gone in 2.x.
for (const removed of ["tool", "resource", "prompt"]) {
  Object.defineProperty(McpServer.prototype, removed, { value: undefined, writable: true, configurable: true });
}

module.exports = { McpServer, ResourceTemplate };
