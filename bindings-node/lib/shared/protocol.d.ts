export class Protocol {
    /**
     * @param {any} [options]
     */
    constructor(options?: any);
    _options: any;
    _requestHandlers: Map<any, any>;
    _notificationHandlers: Map<any, any>;
    _conn: Connection | undefined;
    _transport: any;
    _controllers: Map<any, any>;
    _inFlight: Map<any, any>;
    _replies: Map<any, any>;
    _nextReply: number;
    _debounced: Set<any>;
    _targets: any[];
    _inbound: any;
    onclose: any;
    onerror: any;
    fallbackRequestHandler: any;
    fallbackNotificationHandler: any;
    _taskStore: any;
    _taskMessageQueue: any;
    /** `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` from the task store. */
    _serveTasks(): void;
    /**
     * Sends what is queued for a task on the stream of the `tasks/result` serving it: its
     * notifications, and its requests, whose answers go to the code that asked.
     */
    _deliverQueued(taskId: any, extra: any): Promise<void>;
    /** Empties a task's queue; a request still waiting in it fails. */
    _clearTaskQueue(taskId: any, sessionId: any): Promise<void>;
    /** Queues `message` for the `tasks/result` of `taskId`. */
    _enqueueTaskMessage(taskId: any, message: any, sessionId: any): Promise<void>;
    /** Waits a task's poll interval (or until the request is cancelled). */
    _waitForTask(task: any, signal: any): Promise<any>;
    /**
     * The task store as a request's handler sees it: bound to the request and its session, and
     * telling the client of every status change (`notifications/tasks/status`).
     */
    requestTaskStore(request: any, sessionId: any): {
        createTask: (params: any) => any;
        getTask: (taskId: any) => Promise<any>;
        storeTaskResult: (taskId: any, status: any, result: any) => Promise<void>;
        getTaskResult: (taskId: any) => any;
        updateTaskStatus: (taskId: any, status: any, statusMessage: any) => Promise<void>;
        listTasks: (cursor: any) => any;
    };
    get transport(): any;
    setRequestHandler(schema: any, handler: any): void;
    removeRequestHandler(method: any): void;
    assertCanSetRequestHandler(method: any): void;
    setNotificationHandler(schema: any, handler: any): void;
    removeNotificationHandler(method: any): void;
    assertRequestHandlerCapability(_method: any): void;
    assertCapabilityForMethod(_method: any): void;
    assertNotificationCapability(_method: any): void;
    /** The options the core serves with (subclasses add theirs). */
    _coreOptions(): {};
    /** The kinds the core's registry serves (`McpServer`: those it set up), or undefined. */
    _registryKinds(): undefined;
    _onConnected(_conn: any): void;
    /**
     * What a handler receives besides the request: the SDK 1.x `extra` here; the 2.x `Server`
     * makes its `ctx` of it. Called while the core dispatches (the transport's `_inbound` is set).
     */
    _context(extra: any, _request: any, _token: any): any;
    connect(transport: any): Promise<void>;
    _unlink: (() => void) | undefined;
    close(): Promise<void>;
    /** Hands one message to the core with what the transport knew of it. */
    _receive(conn: any, text: any, extra: any): void;
    /** Called by transports when the connection ends. */
    _closed(): void;
    _error(e: any): void;
    /** Numbers `run(request, extra)` for the core (a registry entry's handler). */
    _addTarget(method: any, run: any): number;
    _invoke(conn: any, target: any, token: any, params: any, id: any): void;
    /** Notes that request `id` (its JSON) is handled under `token`; returns the id. */
    _track(token: any, id: any): any;
    /** A request's handler is done. */
    _finished(token: any): void;
    /** The token of the request being handled whose id is `options.relatedRequestId`, if any. */
    _related(options: any): any;
    _notification(method: any, params: any): void;
    _signal(token: any): any;
    _abort(tokens: any): void;
    _reply(id: any, ok: any, json: any): void;
    /** The error a request to the peer rejects with when it is not answered in time. */
    _timeoutError(timeout: any): McpError;
    /** The error a request to the peer rejects with when the peer answered an error. */
    _peerError(code: any, message: any, data: any): McpError;
    _requireConnection(): Connection;
    /** Sends a notification (`token`: the request it belongs to, if any). */
    _notify(notification: any, token: any, options: any): Promise<void>;
    /**
     * @param {any} [options]
     */
    notification(notification: any, options?: any): Promise<void>;
    /**
     * Sends a request to the peer and resolves with its result; one about a task waits in the
     * task's queue for its `tasks/result`.
     */
    _request(request: any, resultSchema: any, options: any, token: any): Promise<any>;
    /**
     * A handler's request to the peer: made within a task (the handler's request names one, or
     * `options.relatedTask` does), it marks the task `input_required` and waits in its queue.
     */
    _requestFromHandler(r: any, resultSchema: any, options: any, token: any, related: any): Promise<any>;
    /**
     * @param {any} [resultSchema]
     * @param {any} [options]
     */
    request(request: any, resultSchema?: any, options?: any): Promise<any>;
    /**
     * A request whose outcome is yielded as `{type: 'result' | 'error'}` (with a `task` option
     * the SDK streams a task's progress; ferromcp's server side yields the outcome alone).
     * @param {any} [resultSchema]
     * @param {any} [options]
     */
    requestStream(request: any, resultSchema?: any, options?: any): AsyncGenerator<{
        type: string;
        result: any;
        error?: undefined;
    } | {
        type: string;
        error: McpError;
        result?: undefined;
    }, void, unknown>;
    /** The peer's task `params.taskId` (`tasks/get`). @param {any} [options] */
    getTask(params: any, options?: any): Promise<any>;
    /** @param {any} [resultSchema] @param {any} [options] */
    getTaskResult(params: any, resultSchema?: any, options?: any): Promise<any>;
    /** @param {any} [params] @param {any} [options] */
    listTasks(params?: any, options?: any): Promise<any>;
    /** @param {any} [options] */
    cancelTask(params: any, options?: any): Promise<any>;
}
export const DEFAULT_REQUEST_TIMEOUT_MSEC: 60000;
/** `base` with `additional`'s capabilities added (one level deep, as the SDK merges them). */
export function mergeCapabilities(base: any, additional: any): any;
/** The method a schema names: ferromcp's, or the official SDK's zod v3/v4 schemas, or a string. */
export function methodOf(schema: any): string;
/**
 * Calls `target.run(request, extra)` and reports its value or what it threw, now or when its
 * promise settles; the request's abort controller goes then.
 */
export function settle(protocol: any, conn: any, token: any, target: any, request: any, extra: any): void;
/**
 * The `extra` a request handler receives (the SDK's `RequestHandlerExtra`): a plain object, so
 * that handlers may spread it as they do with the SDK's.
 */
export function requestExtra(protocol: any, token: any, request: any, requestId: any): {
    requestId: any;
    _meta: any;
    sessionId: any;
    authInfo: any;
    requestInfo: any;
    sendNotification: (notification: any) => any;
    sendRequest: (r: any, resultSchema: any, options: any) => any;
};
export const REGISTRY_SERVED: unique symbol;
import { Connection } from "../native/index.js";
import { McpError } from "../types.js";
