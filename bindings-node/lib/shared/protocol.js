"use strict";
// What `Server` shares with the official SDK's `Protocol`: handler registration, `connect`,
// notifications and requests to the peer. The protocol itself — framing, lifecycle, dispatch,
// cancellation, limits — runs in ferromcp's core; this class hands it the handlers and calls
// them when the core asks.

const { Connection } = require("../native/index.js");
const { McpError, ErrorCode, RELATED_TASK_META_KEY, STAND_IN } = require("../types.js");
const { safeParse } = require("../server/zod-compat.js");
const { lazy } = require("./lazy.js");

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

const DEFAULT_REQUEST_TIMEOUT_MSEC = 60000;

// Answered by the core itself; a handler the author registers for them is not called.
const CORE_METHODS = new Set(["initialize", "ping"]);
// Marks a handler in `_requestHandlers` that stands for what the core's registry serves: a
// function saying whether its method is left to the registry (not when the author replaced it).
const REGISTRY_SERVED = Symbol("ferromcp.registryServed");

/** `base` with `additional`'s capabilities added (one level deep, as the SDK merges them). */
function mergeCapabilities(base, additional) {
  const result = { ...base };
  for (const key in additional) {
    const v = additional[key];
    const existing = result[key];
    if (v === undefined) {
      continue;
    }
    result[key] =
      existing && typeof existing === "object" && typeof v === "object" && !Array.isArray(v)
        ? { ...existing, ...v }
        : v;
  }
  return result;
}

/** The method a schema names: ferromcp's, or the official SDK's zod v3/v4 schemas, or a string. */
function methodOf(schema) {
  if (typeof schema === "string") {
    return schema;
  }
  const shape = schema?.shape ?? schema?._zod?.def?.shape ?? schema?._def?.shape?.();
  const m = shape?.method;
  const value = m?.value ?? m?._zod?.def?.values?.[0] ?? m?._def?.value ?? m?._def?.values?.[0];
  if (typeof value !== "string") {
    throw new Error("Schema is missing a method literal");
  }
  return value;
}

/**
 * What a handler set with `schema` gets: the message parsed by the author's zod schema, as the
 * SDK parses it (a failure is the handler's error); none for ferromcp's own schemas, whose
 * messages the core has checked.
 */
function parserOf(schema) {
  if (typeof schema !== "object" || schema === null || schema[STAND_IN] || (!schema._zod && !schema._def)) {
    return undefined;
  }
  return (message) => {
    const parsed = safeParse(schema, message);
    if (!parsed.success) {
      throw parsed.error;
    }
    return parsed.data;
  };
}

/** A handler that gets its message parsed by `schema` first, when that is the author's zod. */
function parsing(schema, handler) {
  const parse = parserOf(schema);
  return parse ? async (message, extra) => handler(parse(message), extra) : handler;
}

/** The names of an error's prototype chain, most derived first. */
function classesOf(e) {
  const names = [];
  if (e !== null && (typeof e === "object" || typeof e === "function")) {
    for (let p = Object.getPrototypeOf(e); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      const name = p.constructor?.name;
      if (name) {
        names.push(name);
      }
    }
  }
  return names;
}

/** Reports what a handler threw: an error with an integer `code` is forwarded as the SDK does. */
function reject(conn, token, e) {
  const message = e instanceof Error ? e.message : String(e);
  const code = e !== null && typeof e === "object" && Number.isSafeInteger(e.code) ? e.code : null;
  let data = null;
  if (code !== null && e.data !== undefined) {
    try {
      data = JSON.stringify(e.data);
    } catch {
      data = null;
    }
  }
  conn.reject(token, classesOf(e), message || "Internal error", code, data);
}

function resolve(conn, token, value) {
  let text;
  try {
    text = JSON.stringify(value === undefined || value === null ? {} : value);
  } catch (e) {
    reject(conn, token, e);
    return;
  }
  conn.resolve(token, text);
}

/**
 * Calls `target.run(request, extra)` and reports its value or what it threw, now or when its
 * promise settles; the request's abort controller goes then.
 */
function settle(protocol, conn, token, target, request, extra) {
  let r;
  try {
    r = target.run(request, extra);
  } catch (e) {
    reject(conn, token, e);
    protocol._finished(token);
    return;
  }
  if (r !== null && typeof r === "object" && typeof r.then === "function") {
    r.then(
      (v) => {
        resolve(conn, token, v);
        protocol._finished(token);
      },
      (e) => {
        reject(conn, token, e);
        protocol._finished(token);
      },
    );
  } else {
    resolve(conn, token, r);
    protocol._finished(token);
  }
}

/**
 * The task a request belongs to (its `_meta` names it), as send options. What `tasks/*`
 * handlers send is what a task queued, delivered as it is.
 */
function inTask(request) {
  if (request.method?.startsWith("tasks/")) {
    return undefined;
  }
  const taskId = request.params?._meta?.[RELATED_TASK_META_KEY]?.taskId;
  return taskId === undefined ? undefined : { relatedTask: { taskId } };
}

/** `message` with its params' `_meta` naming `relatedTask`. */
function withRelatedTask(message, relatedTask) {
  const params = message.params ?? {};
  return { ...message, params: { ...params, _meta: { ...params._meta, [RELATED_TASK_META_KEY]: relatedTask } } };
}

/**
 * The `extra` a request handler receives (the SDK's `RequestHandlerExtra`): a plain object, so
 * that handlers may spread it as they do with the SDK's.
 */
function requestExtra(protocol, token, request, requestId) {
  // What the closures keep is small: they are made for every request.
  const related = inTask(request);
  const extra = {
    requestId,
    _meta: request.params._meta,
    sessionId: protocol._transport?.sessionId,
    // What the transport knew of the message (the bearer token's info, the HTTP request).
    authInfo: protocol._inbound?.authInfo,
    requestInfo: protocol._inbound?.requestInfo,
    sendNotification: (notification) => protocol._notify(notification, token, related),
    sendRequest: (r, resultSchema, options) => protocol._requestFromHandler(r, resultSchema, options, token, related),
  };
  // Made on first use (most handlers never look).
  lazy(extra, "signal", () => protocol._signal(token), true);
  // With an event store, a handler may end the client's hold on its stream (SSE polling).
  const conn = protocol._conn;
  if (protocol._transport?._options?.eventStore && conn?.canCloseStream(token, false)) {
    extra.closeSSEStream = () => conn.closeStream(token, false);
    extra.closeStandaloneSSEStream = () => conn.closeStream(token, true);
  }
  if (protocol._taskStore) {
    extra.taskStore = protocol.requestTaskStore({ id: requestId, ...request }, extra.sessionId);
    extra.taskId = request.params._meta?.[RELATED_TASK_META_KEY]?.taskId;
    extra.taskRequestedTtl = request.params.task?.ttl;
  }
  return extra;
}

/**
 * The functions a connection's core calls, reaching the protocol, its connection and its
 * transport only through `link`, which closing empties.
 */
function coreCalls(link) {
  const drain = () => link.conn?.drain();
  return {
    invoke: (i, token, params, id) => link.protocol?._invoke(link.conn, link.protocol._targets[i], token, params, id),
    notify: (i, method, params) => link.protocol?._notification(method, params),
    wake: () => queueMicrotask(drain),
    abort: (tokens) => link.protocol?._abort(tokens),
    reply: (id, ok, json) => link.protocol?._reply(id, ok, json),
    // Answers for a transport of the SDK's `Transport` interface: whole messages.
    write: (buf) => {
      const to = link.transport;
      for (const line of to ? buf.toString("utf8").split("\n") : []) {
        if (line) {
          Promise.resolve(to.send(JSON.parse(line))).catch((e) => link.protocol?._error(e));
        }
      }
    },
  };
}

class Protocol {
  /**
   * @param {any} [options]
   */
  constructor(options) {
    this._options = options;
    this._requestHandlers = new Map();
    this._notificationHandlers = new Map();
    this._conn = undefined;
    this._transport = undefined;
    this._controllers = new Map();
    // The id of each request being handled, by token (`relatedRequestId` names a request by id).
    this._inFlight = new Map();
    this._replies = new Map();
    this._nextReply = 0;
    // Notifications of `debouncedNotificationMethods` waiting for the end of the tick.
    this._debounced = new Set();
    // What the core calls by number: the request handlers, then registry runners.
    this._targets = [];
    // The transport's `extra` for the message being handed to the core (handlers are called
    // while it is: the core dispatches synchronously).
    this._inbound = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
    this.fallbackRequestHandler = undefined;
    this.fallbackNotificationHandler = undefined;
    // Tasks (the SDK's experimental API): served from the author's store when one is given.
    this._taskStore = options?.taskStore;
    this._taskMessageQueue = options?.taskMessageQueue;
    if (this._taskStore) {
      this._serveTasks();
    }
  }

  /** `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` from the task store. */
  _serveTasks() {
    const store = this._taskStore;
    const notFound = (id) => new McpError(ErrorCode.InvalidParams, `Task not found: ${id}`);
    this._requestHandlers.set("tasks/get", async (request, extra) => {
      const task = await store.getTask(request.params.taskId, extra.sessionId);
      if (!task) {
        throw new McpError(ErrorCode.InvalidParams, "Failed to retrieve task: Task not found");
      }
      return { ...task };
    });
    this._requestHandlers.set("tasks/result", async (request, extra) => {
      const { taskId } = request.params;
      for (;;) {
        const task = await store.getTask(taskId, extra.sessionId);
        if (!task) {
          throw notFound(taskId);
        }
        await this._deliverQueued(taskId, extra);
        if (TERMINAL.has(task.status)) {
          const result = await store.getTaskResult(taskId, extra.sessionId);
          await this._clearTaskQueue(taskId, extra.sessionId);
          return { ...result, _meta: { ...result._meta, [RELATED_TASK_META_KEY]: { taskId } } };
        }
        await this._waitForTask(task, extra.signal);
      }
    });
    this._requestHandlers.set("tasks/list", async (request, extra) => {
      try {
        const { tasks, nextCursor } = await store.listTasks(request.params?.cursor, extra.sessionId);
        return { tasks, nextCursor, _meta: {} };
      } catch (e) {
        throw new McpError(ErrorCode.InvalidParams, `Failed to list tasks: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    this._requestHandlers.set("tasks/cancel", async (request, extra) => {
      const { taskId } = request.params;
      const task = await store.getTask(taskId, extra.sessionId);
      if (!task) {
        throw notFound(taskId);
      }
      if (TERMINAL.has(task.status)) {
        throw new McpError(ErrorCode.InvalidParams, `Cannot cancel task in terminal status: ${task.status}`);
      }
      await store.updateTaskStatus(taskId, "cancelled", "Client cancelled task execution.", extra.sessionId);
      await this._clearTaskQueue(taskId, extra.sessionId);
      const cancelled = await store.getTask(taskId, extra.sessionId);
      if (!cancelled) {
        throw new McpError(ErrorCode.InvalidParams, `Task not found after cancellation: ${taskId}`);
      }
      return { _meta: {}, ...cancelled };
    });
  }

  /**
   * Sends what is queued for a task on the stream of the `tasks/result` serving it: its
   * notifications, and its requests, whose answers go to the code that asked.
   */
  async _deliverQueued(taskId, extra) {
    const queue = this._taskMessageQueue;
    if (!queue) {
      return;
    }
    for (let m = await queue.dequeue(taskId, extra.sessionId); m; m = await queue.dequeue(taskId, extra.sessionId)) {
      const waiting = this._replies.get(m.message.id);
      if (m.type === "notification") {
        await extra.sendNotification(m.message);
      } else if (m.type === "request") {
        if (!waiting) {
          this._error(new Error(`Response handler missing for side-channeled request ${m.message.id}`));
          continue;
        }
        const { method, params } = m.message;
        extra.sendRequest({ method, params }, undefined, { timeout: waiting.timeout }).then(waiting.resolve, waiting.reject);
      } else if (waiting) {
        this._replies.delete(m.message.id);
        const e = m.message.error;
        m.type === "response" ? waiting.resolve(m.message.result) : waiting.reject(this._peerError(e.code, e.message, e.data));
      } else {
        const kind = m.type === "response" ? "Response" : "Error";
        this._error(new Error(`${kind} handler missing for request ${m.message.id}`));
      }
    }
  }

  /** Empties a task's queue; a request still waiting in it fails. */
  async _clearTaskQueue(taskId, sessionId) {
    const messages = (await this._taskMessageQueue?.dequeueAll?.(taskId, sessionId)) ?? [];
    for (const m of messages) {
      if (m.type !== "request") {
        continue;
      }
      const waiting = this._replies.get(m.message.id);
      if (waiting) {
        this._replies.delete(m.message.id);
        waiting.reject(this._peerError(ErrorCode.InternalError, "Task cancelled or completed"));
      } else {
        this._error(new Error(`Resolver missing for request ${m.message.id} during task ${taskId} cleanup`));
      }
    }
  }

  /** Queues `message` for the `tasks/result` of `taskId`. */
  async _enqueueTaskMessage(taskId, message, sessionId) {
    if (!this._taskStore || !this._taskMessageQueue) {
      throw new Error("Cannot enqueue task message: taskStore and taskMessageQueue are not configured");
    }
    const session = sessionId ?? this._transport?.sessionId;
    await this._taskMessageQueue.enqueue(taskId, message, session, this._options?.maxTaskQueueSize);
  }

  /** Waits a task's poll interval (or until the request is cancelled). */
  _waitForTask(task, signal) {
    const interval = task.pollInterval ?? this._options?.defaultTaskPollInterval ?? 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, interval);
      signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(new McpError(ErrorCode.InvalidRequest, "Request cancelled"));
        },
        { once: true },
      );
    });
  }

  /**
   * The task store as a request's handler sees it: bound to the request and its session, and
   * telling the client of every status change (`notifications/tasks/status`).
   */
  requestTaskStore(request, sessionId) {
    const store = this._taskStore;
    if (!store) {
      throw new Error("No task store configured");
    }
    const announce = async (taskId) => {
      const task = await store.getTask(taskId, sessionId);
      if (task) {
        await this.notification({ method: "notifications/tasks/status", params: task });
      }
    };
    return {
      createTask: (params) => store.createTask(params, request.id, { method: request.method, params: request.params }, sessionId),
      getTask: async (taskId) => {
        const task = await store.getTask(taskId, sessionId);
        if (!task) {
          throw new McpError(ErrorCode.InvalidParams, "Failed to retrieve task: Task not found");
        }
        return task;
      },
      storeTaskResult: async (taskId, status, result) => {
        await store.storeTaskResult(taskId, status, result, sessionId);
        await announce(taskId);
      },
      getTaskResult: (taskId) => store.getTaskResult(taskId, sessionId),
      updateTaskStatus: async (taskId, status, statusMessage) => {
        const task = await store.getTask(taskId, sessionId);
        if (!task) {
          throw new McpError(ErrorCode.InvalidParams, `Task "${taskId}" not found - it may have been cleaned up`);
        }
        if (TERMINAL.has(task.status)) {
          throw new McpError(
            ErrorCode.InvalidParams,
            `Cannot update task "${taskId}" from terminal status "${task.status}" to "${status}". Terminal states (completed, failed, cancelled) cannot transition to other states.`,
          );
        }
        await store.updateTaskStatus(taskId, status, statusMessage, sessionId);
        await announce(taskId);
      },
      listTasks: (cursor) => store.listTasks(cursor, sessionId),
    };
  }

  get transport() {
    return this._transport;
  }

  setRequestHandler(schema, handler) {
    const method = methodOf(schema);
    this.assertRequestHandlerCapability(method);
    this._requestHandlers.set(method, parsing(schema, handler));
  }

  removeRequestHandler(method) {
    this._requestHandlers.delete(method);
  }

  assertCanSetRequestHandler(method) {
    if (this._requestHandlers.has(method)) {
      throw new Error(`A request handler for ${method} already exists, which would be overridden`);
    }
  }

  setNotificationHandler(schema, handler) {
    this._notificationHandlers.set(methodOf(schema), parsing(schema, handler));
  }

  removeNotificationHandler(method) {
    this._notificationHandlers.delete(method);
  }

  assertRequestHandlerCapability(_method) {}

  assertCapabilityForMethod(_method) {}

  assertNotificationCapability(_method) {}

  /** The options the core serves with (subclasses add theirs). */
  _coreOptions() {
    return {};
  }

  /** The kinds the core's registry serves (`McpServer`: those it set up), or undefined. */
  _registryKinds() {
    return undefined;
  }

  _onConnected(_conn) {}

  /**
   * What a handler receives besides the request: the SDK 1.x `extra` here; the 2.x `Server`
   * makes its `ctx` of it. Called while the core dispatches (the transport's `_inbound` is set).
   */
  _context(extra, _request, _token) {
    return extra;
  }

  async connect(transport) {
    if (this._transport) {
      throw new Error(
        "Already connected to a transport. Call close() before connecting to a new transport, or use a separate Protocol instance per connection.",
      );
    }
    this._transport = transport;
    const methods = [];
    this._targets = [];
    for (const [method, handler] of this._requestHandlers) {
      if (!CORE_METHODS.has(method) && !handler[REGISTRY_SERVED]?.()) {
        methods.push(method);
        this._targets.push({
          method,
          run: (request, extra) => (this._requestHandlers.get(method) ?? this.fallbackRequestHandler)(request, extra),
        });
      }
    }
    const notifications = [...this._notificationHandlers.keys()];
    if (!this._notificationHandlers.has("notifications/initialized")) {
      notifications.push("notifications/initialized");
    }
    // The functions the core holds reach this server and its connection only through `link`
    // (made outside this method: a closure made here would keep `this` in its scope): what
    // native code holds is never collected while it holds it, so closing cuts the link, and
    // the server, its handlers and the connection are freed once the script lets go.
    const link = { protocol: this, conn: undefined, transport };
    this._unlink = () => {
      link.protocol = undefined;
      link.conn = undefined;
      link.transport = undefined;
    };
    const calls = coreCalls(link);
    const make = (write, fd) => {
      const conn = new Connection(
        JSON.stringify(this._coreOptions()),
        methods,
        notifications,
        this._registryKinds(),
        calls.invoke,
        calls.notify,
        calls.wake,
        calls.abort,
        calls.reply,
        write,
        fd ?? -1,
      );
      link.conn = conn;
      this._conn = conn;
      this._onConnected(conn);
      return conn;
    };
    if (typeof transport._ferromcpAttach === "function") {
      await transport._ferromcpAttach(make, this);
      return;
    }
    // Any other transport (the SDK's `Transport` interface): whole messages both ways.
    const conn = make(calls.write);
    const onclose = transport.onclose;
    transport.onclose = () => {
      onclose?.();
      this._closed();
    };
    transport.onerror = (e) => this._error(e);
    transport.onmessage = (message, extra) => this._receive(conn, JSON.stringify(message), extra);
    await transport.start();
  }

  async close() {
    await this._transport?.close();
  }

  /** Hands one message to the core with what the transport knew of it. */
  _receive(conn, text, extra) {
    this._inbound = extra;
    try {
      conn.receive(text);
    } finally {
      this._inbound = undefined;
    }
  }

  /** Called by transports when the connection ends. */
  _closed() {
    if (!this._transport) {
      return;
    }
    this._conn?.close();
    this._unlink?.();
    this._transport = undefined;
    this._conn = undefined;
    if (this._replies.size > 0) {
      // Made only when some request awaits it: an error's stack costs every per-request server.
      const gone = new McpError(ErrorCode.ConnectionClosed, "Connection closed");
      for (const p of this._replies.values()) {
        p.reject(gone);
      }
      this._replies.clear();
    }
    this.onclose?.();
  }

  _error(e) {
    this.onerror?.(e instanceof Error ? e : new Error(String(e)));
  }

  /** Numbers `run(request, extra)` for the core (a registry entry's handler). */
  _addTarget(method, run) {
    this._targets.push({ method, run });
    return this._targets.length - 1;
  }

  _invoke(conn, target, token, params, id) {
    // A per-request transport answers a handler's errors in-band.
    this._transport?._handling?.();
    const request = { method: target.method, params: JSON.parse(params) };
    const requestId = this._track(token, id);
    const extra = this._context(requestExtra(this, token, request, requestId), request, token);
    settle(this, conn, token, target, request, extra);
  }

  /** Notes that request `id` (its JSON) is handled under `token`; returns the id. */
  _track(token, id) {
    const requestId = JSON.parse(id);
    this._inFlight.set(token, requestId);
    return requestId;
  }

  /** A request's handler is done. */
  _finished(token) {
    this._controllers.delete(token);
    this._inFlight.delete(token);
  }

  /** The token of the request being handled whose id is `options.relatedRequestId`, if any. */
  _related(options) {
    const id = options?.relatedRequestId;
    if (id !== undefined) {
      for (const [token, requestId] of this._inFlight) {
        if (requestId === id) {
          return token;
        }
      }
    }
    return undefined;
  }

  _notification(method, params) {
    const handler = this._notificationHandlers.get(method) ?? this.fallbackNotificationHandler;
    const report = (e) => this._error(new Error(`Uncaught error in notification handler: ${e}`));
    if (method === "notifications/initialized") {
      // `oninitialized` is the SDK's handler of this notification: what it throws or rejects
      // with is reported as a handler's is.
      try {
        Promise.resolve(this._initialized?.()).catch(report);
      } catch (e) {
        report(e);
      }
    }
    if (handler) {
      Promise.resolve()
        .then(() => handler({ method, params: JSON.parse(params) }))
        .catch(report);
    }
  }

  _signal(token) {
    let c = this._controllers.get(token);
    if (!c) {
      c = new AbortController();
      this._controllers.set(token, c);
    }
    return c.signal;
  }

  _abort(tokens) {
    for (const t of tokens) {
      // A handler that has not looked at its signal yet finds it aborted when it does; the
      // entry goes when the handler settles.
      let c = this._controllers.get(t);
      if (!c) {
        c = new AbortController();
        this._controllers.set(t, c);
      }
      c.abort("Request cancelled");
    }
  }

  _reply(id, ok, json) {
    const p = this._replies.get(id);
    if (!p) {
      return;
    }
    this._replies.delete(id);
    const v = JSON.parse(json);
    if (ok) {
      p.resolve(v);
    } else {
      p.reject(this._peerError(v.code, v.message, v.data));
    }
  }

  /** The error a request to the peer rejects with when it is not answered in time. */
  _timeoutError(timeout) {
    return new McpError(ErrorCode.RequestTimeout, "Request timed out", { timeout });
  }

  /** The error a request to the peer rejects with when the peer answered an error. */
  _peerError(code, message, data) {
    return McpError.fromError(code, message, data);
  }

  _requireConnection() {
    if (!this._conn) {
      throw new Error("Not connected");
    }
    return this._conn;
  }

  /** Sends a notification (`token`: the request it belongs to, if any). */
  async _notify(notification, token, options) {
    const conn = this._requireConnection();
    this.assertNotificationCapability(notification.method);
    const relatedTask = options?.relatedTask;
    if (relatedTask?.taskId) {
      // Delivered on the stream of the task's `tasks/result`.
      const message = withRelatedTask({ ...notification, jsonrpc: "2.0" }, relatedTask);
      await this._enqueueTaskMessage(relatedTask.taskId, { type: "notification", message, timestamp: Date.now() });
      return;
    }
    const { method } = notification;
    if (
      notification.params === undefined &&
      token === undefined &&
      options?.relatedRequestId === undefined &&
      this._options?.debouncedNotificationMethods?.includes(method)
    ) {
      // One of a burst sent in the same tick is enough (the SDK's `debouncedNotificationMethods`).
      if (!this._debounced.has(method)) {
        this._debounced.add(method);
        queueMicrotask(() => {
          this._debounced.delete(method);
          this._conn?.notify(undefined, method, undefined, this._transport?.sessionId);
        });
      }
      return;
    }
    const params = notification.params === undefined ? undefined : JSON.stringify(notification.params);
    conn.notify(token, method, params, this._transport?.sessionId);
  }

  /**
   * @param {any} [options]
   */
  notification(notification, options) {
    // `relatedRequestId`: on that request's stream, as the SDK sends it.
    return this._notify(notification, this._related(options), options);
  }

  /**
   * Sends a request to the peer and resolves with its result; one about a task waits in the
   * task's queue for its `tasks/result`.
   */
  _request(request, resultSchema, options, token) {
    return new Promise((resolve, reject) => {
      const conn = this._requireConnection();
      // As the SDK: the peer's capabilities are checked first only when the author asks.
      if (this._options?.enforceStrictCapabilities === true) {
        this.assertCapabilityForMethod(request.method);
      }
      const id = ++this._nextReply;
      const timeout = options?.timeout ?? DEFAULT_REQUEST_TIMEOUT_MSEC;
      const timer = setTimeout(() => {
        this._replies.delete(id);
        reject(this._timeoutError(timeout));
      }, timeout);
      timer.unref?.();
      const done = (f) => (v) => {
        clearTimeout(timer);
        f(v);
      };
      // The result parsed by the author's schema, as the SDK parses it (a zod one; ferromcp's
      // own schemas return their input).
      const parsed = (v) => {
        if (typeof resultSchema?.safeParse !== "function" && resultSchema?._zod === undefined) {
          resolve(v);
          return;
        }
        const r = safeParse(resultSchema, v);
        r.success ? resolve(r.data) : reject(r.error);
      };
      this._replies.set(id, { resolve: done(parsed), reject: done(reject), timeout });
      options?.signal?.addEventListener("abort", () => {
        this._replies.delete(id);
        clearTimeout(timer);
        reject(options.signal.reason);
      });
      const relatedTask = options?.relatedTask;
      if (relatedTask?.taskId) {
        const message = { ...withRelatedTask(request, relatedTask), jsonrpc: "2.0", id };
        this._enqueueTaskMessage(relatedTask.taskId, { type: "request", message, timestamp: Date.now() }).catch((e) => {
          this._replies.delete(id);
          done(reject)(e);
        });
        return;
      }
      const params = request.params === undefined ? undefined : JSON.stringify(request.params);
      conn.request(token, id, request.method, params, this._transport?.sessionId);
    });
  }

  /**
   * A handler's request to the peer: made within a task (the handler's request names one, or
   * `options.relatedTask` does), it marks the task `input_required` and waits in its queue.
   */
  async _requestFromHandler(r, resultSchema, options, token, related) {
    const opts = related && !options?.relatedTask ? { ...options, ...related } : options;
    const taskId = opts?.relatedTask?.taskId;
    if (taskId && this._taskStore) {
      await this.requestTaskStore(undefined, this._transport?.sessionId).updateTaskStatus(taskId, "input_required");
    }
    return this._request(r, resultSchema, opts, token);
  }

  /**
   * @param {any} [resultSchema]
   * @param {any} [options]
   */
  request(request, resultSchema, options) {
    return this._request(request, resultSchema, options, this._related(options));
  }

  /**
   * A request whose outcome is yielded as `{type: 'result' | 'error'}` (with a `task` option
   * the SDK streams a task's progress; ferromcp's server side yields the outcome alone).
   * @param {any} [resultSchema]
   * @param {any} [options]
   */
  async *requestStream(request, resultSchema, options) {
    try {
      yield { type: "result", result: await this.request(request, resultSchema, options) };
    } catch (error) {
      yield { type: "error", error: error instanceof McpError ? error : new McpError(ErrorCode.InternalError, String(error)) };
    }
  }

  /** The peer's task `params.taskId` (`tasks/get`). @param {any} [options] */
  async getTask(params, options) {
    return this.request({ method: "tasks/get", params }, undefined, options);
  }

  /** @param {any} [resultSchema] @param {any} [options] */
  async getTaskResult(params, resultSchema, options) {
    return this.request({ method: "tasks/result", params }, resultSchema, options);
  }

  /** @param {any} [params] @param {any} [options] */
  async listTasks(params, options) {
    return this.request({ method: "tasks/list", params }, undefined, options);
  }

  /** @param {any} [options] */
  async cancelTask(params, options) {
    return this.request({ method: "tasks/cancel", params }, undefined, options);
  }
}

module.exports = { Protocol, DEFAULT_REQUEST_TIMEOUT_MSEC, mergeCapabilities, methodOf, settle, requestExtra, REGISTRY_SERVED };
