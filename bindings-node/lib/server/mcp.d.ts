export class McpServer {
    /**
     * @param {any} [options]
     */
    constructor(serverInfo: any, options?: any);
    _registeredResources: {};
    _registeredResourceTemplates: {};
    _registeredTools: {};
    _registeredPrompts: {};
    _toolHandlersInitialized: boolean;
    _completionHandlerInitialized: boolean;
    _resourceHandlersInitialized: boolean;
    _promptHandlersInitialized: boolean;
    server: Server;
    _maxToolInputElements: number | undefined;
    /** The low-level server underneath (`server`). */
    _newServer(serverInfo: any, options: any): Server;
    /** A tool's schema as this generation keeps it (1.x: zod, a raw shape made an object). */
    _schema(schema: any): any;
    /** Whose answers the core gives for this server. */
    _flavor(): string;
    /** The error this generation throws (1.x: `McpError`, whose message has the code in it). */
    _error(code: any, message: any, data: any): McpError;
    /** A tool call refused before its handler runs: an `isError` result in 1.x. */
    _refusal(code: any, message: any): McpError;
    /** What the registry serves: the kinds set up so far (the SDK answers -32601 for others). */
    _kinds(): string[];
    /** The SDK's experimental APIs: `experimental.tasks.registerToolTask(...)`. */
    get experimental(): {
        tasks: import("../experimental/tasks/index.js").ExperimentalMcpServerTasks;
    };
    _experimental: {
        tasks: import("../experimental/tasks/index.js").ExperimentalMcpServerTasks;
    } | undefined;
    connect(transport: any): Promise<void>;
    close(): Promise<void>;
    isConnected(): boolean;
    _hasListCallbacks(): boolean;
    /** The core's handler number for the runner of `key` (one per element, kept across updates). */
    _index(key: any, method: any, run: any): any;
    _sync(conn: any): void;
    _putTool(conn: any, name: any): void;
    /**
     * A tool's listing in parts: `definition(listed)` its object with `listed` from
     * `schemas()` (its input and output schemas as JSON Schema), `input()` the input schema
     * alone, `checked` when the core checks its arguments (plain JSON Schema).
     */
    _toolParts(name: any): {
        checked: boolean;
        definition: (listed: any) => {
            name: any;
            title: any;
            description: any;
            inputSchema: any;
            annotations: any;
            execution: any;
            _meta: any;
            outputSchema: any;
            icons: any;
        };
        schemas: () => {
            inputSchema: any;
            outputSchema: any;
        };
        input: () => any;
    };
    /** `tools/list` answered in JS, as the registry answers it (for an author's wrapper). */
    _listTools(): {
        tools: any[];
    };
    /** `tools/call` answered in JS, as the SDK's McpServer answers it (for an author's wrapper). */
    _callToolHere(request: any, extra: any): Promise<any>;
    /**
     * Puts a tool in the core's registry: `definition(listed)` is its object, with `listed`
     * from `schemas()`. A plain JSON Schema (`checked`) is compiled and checked by the core; a
     * schema of the author's library is checked in `_callTool` and turned into JSON Schema only
     * when the tool is first listed, as the SDK turns it for `tools/list` (a failure there is
     * the listing's error) — or, before that, its input schema alone (`input()`) when a
     * 2026-07-28 call's parameter headers are checked against it.
     */
    _addTool(conn: any, i: any, checked: any, definition: any, schemas: any, input: any): void;
    _callTool(name: any, request: any, extra: any): Promise<any>;
    /** A call to a known, enabled tool, through the steps the SDK's McpServer names. */
    _runTool(tool: any, name: any, request: any, extra: any): Promise<any>;
    /** The SDK's error result for a failed tool call (a subclass may make its own). */
    createToolError(errorMessage: any): {
        content: {
            type: string;
            text: any;
        }[];
        isError: boolean;
    };
    /** The arguments `tool` is called with, checked by its schema (the SDK's step, overridable). */
    validateToolInput(tool: any, args: any, toolName: any): Promise<any>;
    /** Checks a result's structured content against `tool`'s output schema (overridable). */
    validateToolOutput(tool: any, result: any, toolName: any): Promise<any>;
    /** Calls `tool`'s handler (or its task maker) with the checked arguments (overridable). */
    executeToolHandler(tool: any, args: any, extra: any): any;
    /** A task tool called without a task: its task is created and polled until it ends. */
    handleAutomaticTaskPolling(tool: any, request: any, extra: any): Promise<any>;
    /** The arguments a tool's handler gets: checked (and shaped) by its zod schema. */
    _toolArguments(tool: any, name: any, given: any): Promise<any>;
    /** A result checked against the tool's output schema, as the SDK checks it. */
    _checkOutput(tool: any, name: any, result: any): Promise<any>;
    _putResource(conn: any, uri: any): void;
    /**
     * A disabled element stays in the core's registry, out of its listings: a call reaches the
     * handler, which says it is disabled, as the SDK does.
     */
    _listIfEnabled(conn: any, kind: any, key: any, element: any): void;
    _putTemplate(conn: any, name: any): void;
    _templateDefinition(name: any): any;
    /** Reads `uri` through the template `name` (1.x reads through one switched off). */
    _readTemplate(name: any, uri: any, variables: any, extra: any): any;
    /** `resources/templates/list` answered in JS, as the registry answers it (for an author's wrapper). */
    _listTemplates(): {
        resourceTemplates: any[];
    };
    /** `resources/read` answered in JS, as the SDK's McpServer answers it (for an author's wrapper). */
    _readResource(request: any, extra: any): Promise<any>;
    _resourceNotFound(uri: any): McpError;
    _listResources(extra: any): Promise<{
        resources: any[];
    }>;
    _putPrompt(conn: any, name: any): void;
    _promptDefinition(name: any): {
        name: any;
        title: any;
        description: any;
        arguments: {
            name: string;
            description: any;
            required: boolean;
        }[] | undefined;
    };
    /** `prompts/list` answered in JS, as the registry answers it (for an author's wrapper). */
    _listPrompts(): {
        prompts: any[];
    };
    _getPrompt(name: any, request: any, extra: any): Promise<any>;
    /** Applies a change to the live connection, if any, and tells the client its list changed. */
    _changed(kind: any, key: any): void;
    /** Whether a kind's list-changed capability is announced once it is served (1.x: always). */
    _listChanged(_kind: any): boolean;
    setToolRequestHandlers(): void;
    setResourceRequestHandlers(): void;
    setPromptRequestHandlers(): void;
    setCompletionRequestHandler(): void;
    _complete(request: any): Promise<{
        completion: {
            values: never[];
            hasMore: boolean;
        };
    } | {
        completion: {
            values: any;
            total: any;
            hasMore: boolean;
        };
    }>;
    /** Completes a prompt's argument (the SDK's step, overridable). */
    handlePromptCompletion(request: any, ref: any): Promise<{
        completion: {
            values: never[];
            hasMore: boolean;
        };
    } | {
        completion: {
            values: any;
            total: any;
            hasMore: boolean;
        };
    }>;
    /** Completes a resource template's variable (the SDK's step, overridable). */
    handleResourceCompletion(request: any, ref: any): Promise<{
        completion: {
            values: never[];
            hasMore: boolean;
        };
    } | {
        completion: {
            values: any;
            total: any;
            hasMore: boolean;
        };
    }>;
    registerTool(name: any, config: any, cb: any): {
        title: any;
        description: any;
        inputSchema: any;
        outputSchema: any;
        annotations: any;
        execution: any;
        _meta: any;
        icons: any;
        handler: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    tool(name: any, ...rest: any[]): {
        title: any;
        description: any;
        inputSchema: any;
        outputSchema: any;
        annotations: any;
        execution: any;
        _meta: any;
        icons: any;
        handler: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    _createTool(name: any, title: any, description: any, inputSchema: any, outputSchema: any, annotations: any, execution: any, _meta: any, handler: any, icons: any): {
        title: any;
        description: any;
        inputSchema: any;
        outputSchema: any;
        annotations: any;
        execution: any;
        _meta: any;
        icons: any;
        handler: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    registerResource(name: any, uriOrTemplate: any, config: any, readCallback: any): {
        name: any;
        title: any;
        metadata: any;
        readCallback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    } | {
        resourceTemplate: any;
        title: any;
        metadata: any;
        readCallback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    resource(name: any, uriOrTemplate: any, ...rest: any[]): {
        name: any;
        title: any;
        metadata: any;
        readCallback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    } | {
        resourceTemplate: any;
        title: any;
        metadata: any;
        readCallback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    _resource(name: any, uriOrTemplate: any, metadata: any, readCallback: any, title: any): {
        name: any;
        title: any;
        metadata: any;
        readCallback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    } | {
        resourceTemplate: any;
        title: any;
        metadata: any;
        readCallback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    registerPrompt(name: any, config: any, cb: any): {
        title: any;
        description: any;
        argsSchema: any;
        callback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    prompt(name: any, ...rest: any[]): {
        title: any;
        description: any;
        argsSchema: any;
        callback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    _createPrompt(name: any, title: any, description: any, argsSchema: any, callback: any): {
        title: any;
        description: any;
        argsSchema: any;
        callback: any;
        enabled: boolean;
        disable: () => void;
        enable: () => void;
        remove: () => void;
        update: (updates: any) => void;
    };
    /**
     * @param {any} [sessionId]
     */
    sendLoggingMessage(params: any, sessionId?: any): Promise<void>;
    sendResourceListChanged(): void;
    sendToolListChanged(): void;
    sendPromptListChanged(): void;
}
/** A URI template (RFC 6570, the forms MCP uses) with its list and completion callbacks. */
export class ResourceTemplate {
    constructor(uriTemplate: any, callbacks: any);
    _uriTemplate: any;
    _callbacks: any;
    get uriTemplate(): any;
    get listCallback(): any;
    completeCallback(variable: any): any;
}
/** Plain JSON Schema (a ferromcp extension: the SDK 1.x takes zod only). */
export function isJsonSchema(s: any): boolean;
import { Server } from "./index.js";
import { McpError } from "../types.js";
