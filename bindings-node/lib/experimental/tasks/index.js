"use strict";
// `@modelcontextprotocol/sdk/experimental/tasks`: the SDK's experimental tasks API (MCP
// 2025-11-25 tasks) as servers use it — an in-memory task store and message queue,
// `server.experimental.tasks.registerToolTask(...)`, and the helpers and schemas the module
// exports. `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` are served from the
// store a server is given (`new McpServer(info, { taskStore })`, shared/protocol.js).

const { randomBytes } = require("node:crypto");
const types = require("../../types.js");
const { takeResult, toArrayAsync } = require("../../shared/responseMessage.js");

const isTerminal = (status) => status === "completed" || status === "failed" || status === "cancelled";

/** Tasks kept in memory, each dropped `ttl` ms after it was created or last ended. */
class InMemoryTaskStore {
  constructor() {
    this.tasks = new Map();
    this.cleanupTimers = new Map();
  }

  generateTaskId() {
    return randomBytes(16).toString("hex");
  }

  /** A task visible to `sessionId` (a task of another session is not). */
  _find(taskId, sessionId) {
    const stored = this.tasks.get(taskId);
    if (stored && sessionId !== undefined && stored.sessionId !== undefined && stored.sessionId !== sessionId) {
      return undefined;
    }
    return stored;
  }

  _expireIn(taskId, ttl) {
    clearTimeout(this.cleanupTimers.get(taskId));
    if (!ttl) {
      return;
    }
    const timer = setTimeout(() => {
      this.tasks.delete(taskId);
      this.cleanupTimers.delete(taskId);
    }, ttl);
    timer.unref?.();
    this.cleanupTimers.set(taskId, timer);
  }

  async createTask(taskParams, requestId, request, sessionId) {
    const taskId = this.generateTaskId();
    if (this.tasks.has(taskId)) {
      throw new Error(`Task with ID ${taskId} already exists`);
    }
    const now = new Date().toISOString();
    const task = {
      taskId,
      status: "working",
      ttl: taskParams.ttl ?? null,
      createdAt: now,
      lastUpdatedAt: now,
      pollInterval: taskParams.pollInterval ?? 1000,
    };
    this.tasks.set(taskId, { task, request, requestId, sessionId });
    this._expireIn(taskId, task.ttl);
    return task;
  }

  async getTask(taskId, sessionId) {
    const stored = this._find(taskId, sessionId);
    return stored ? { ...stored.task } : null;
  }

  async storeTaskResult(taskId, status, result, sessionId) {
    const stored = this._find(taskId, sessionId);
    if (!stored) {
      throw new Error(`Task with ID ${taskId} not found`);
    }
    if (isTerminal(stored.task.status)) {
      throw new Error(
        `Cannot store result for task ${taskId} in terminal status '${stored.task.status}'. Task results can only be stored once.`,
      );
    }
    stored.result = result;
    stored.task.status = status;
    stored.task.lastUpdatedAt = new Date().toISOString();
    this._expireIn(taskId, stored.task.ttl);
  }

  async getTaskResult(taskId, sessionId) {
    const stored = this._find(taskId, sessionId);
    if (!stored) {
      throw new Error(`Task with ID ${taskId} not found`);
    }
    if (!stored.result) {
      throw new Error(`Task ${taskId} has no result stored`);
    }
    return stored.result;
  }

  async updateTaskStatus(taskId, status, statusMessage, sessionId) {
    const stored = this._find(taskId, sessionId);
    if (!stored) {
      throw new Error(`Task with ID ${taskId} not found`);
    }
    if (isTerminal(stored.task.status)) {
      throw new Error(
        `Cannot update task ${taskId} from terminal status '${stored.task.status}' to '${status}'. Terminal states (completed, failed, cancelled) cannot transition to other states.`,
      );
    }
    stored.task.status = status;
    if (statusMessage) {
      stored.task.statusMessage = statusMessage;
    }
    stored.task.lastUpdatedAt = new Date().toISOString();
    if (isTerminal(status)) {
      this._expireIn(taskId, stored.task.ttl);
    }
  }

  /** Ten tasks a page; the cursor is the last task id of the previous page. */
  async listTasks(cursor, sessionId) {
    const ids = [...this.tasks.keys()].filter((id) => this._find(id, sessionId));
    let start = 0;
    if (cursor) {
      const at = ids.indexOf(cursor);
      if (at < 0) {
        throw new Error(`Invalid cursor: ${cursor}`);
      }
      start = at + 1;
    }
    const page = ids.slice(start, start + 10);
    return {
      tasks: page.map((id) => ({ ...this.tasks.get(id).task })),
      nextCursor: start + 10 < ids.length ? page[page.length - 1] : undefined,
    };
  }

  cleanup() {
    for (const timer of this.cleanupTimers.values()) {
      clearTimeout(timer);
    }
    this.cleanupTimers.clear();
    this.tasks.clear();
  }

  getAllTasks() {
    return [...this.tasks.values()].map((s) => ({ ...s.task }));
  }
}

/** Messages waiting for a task's `tasks/result`, one queue per task. */
class InMemoryTaskMessageQueue {
  constructor() {
    this.queues = new Map();
  }

  _queue(taskId) {
    let q = this.queues.get(taskId);
    if (!q) {
      q = [];
      this.queues.set(taskId, q);
    }
    return q;
  }

  async enqueue(taskId, message, _sessionId, maxSize) {
    const q = this._queue(taskId);
    if (maxSize !== undefined && q.length >= maxSize) {
      throw new Error(`Task message queue overflow: queue size (${q.length}) exceeds maximum (${maxSize})`);
    }
    q.push(message);
  }

  async dequeue(taskId) {
    return this._queue(taskId).shift();
  }

  async dequeueAll(taskId) {
    const q = this.queues.get(taskId) ?? [];
    this.queues.delete(taskId);
    return q;
  }
}

/** `mcpServer.experimental.tasks`. */
class ExperimentalMcpServerTasks {
  constructor(mcpServer) {
    this._mcpServer = mcpServer;
  }

  registerToolTask(name, config, handler) {
    const execution = { taskSupport: "required", ...config.execution };
    if (execution.taskSupport === "forbidden") {
      throw new Error(`Cannot register task-based tool '${name}' with taskSupport 'forbidden'. Use registerTool() instead.`);
    }
    return this._mcpServer._createTool(
      name,
      config.title,
      config.description,
      config.inputSchema,
      config.outputSchema,
      config.annotations,
      execution,
      config._meta,
      handler,
    );
  }
}

/** `server.experimental.tasks` (the low-level `Server`'s): the task store's requests. */
class ExperimentalServerTasks {
  constructor(server) {
    this._server = server;
  }

  getTask(taskId, options) {
    return this._server._request({ method: "tasks/get", params: { taskId } }, undefined, options);
  }

  getTaskResult(taskId, resultSchema, options) {
    return this._server._request({ method: "tasks/result", params: { taskId } }, resultSchema, options);
  }

  listTasks(cursor, options) {
    return this._server._request({ method: "tasks/list", params: cursor ? { cursor } : undefined }, undefined, options);
  }

  cancelTask(taskId, options) {
    return this._server._request({ method: "tasks/cancel", params: { taskId } }, undefined, options);
  }
}

/** The client's half is the official SDK's business; ferromcp serves servers. */
class ExperimentalClientTasks {
  constructor() {
    throw new Error("ferromcp serves MCP servers: use the official SDK's Client for client tasks");
  }
}

function assertToolsCallTaskCapability(requests, method, entityName) {
  if (!requests) {
    throw new Error(`${entityName} does not support task creation (required for ${method})`);
  }
  if (method === "tools/call" && !requests.tools?.call) {
    throw new Error(`${entityName} does not support task creation for tools/call (required for ${method})`);
  }
}

function assertClientRequestTaskCapability(requests, method, entityName) {
  if (!requests) {
    throw new Error(`${entityName} does not support task creation (required for ${method})`);
  }
  if (method === "sampling/createMessage" && !requests.sampling?.createMessage) {
    throw new Error(`${entityName} does not support task creation for sampling/createMessage (required for ${method})`);
  }
  if (method === "elicitation/create" && !requests.elicitation?.create) {
    throw new Error(`${entityName} does not support task creation for elicitation/create (required for ${method})`);
  }
}

exports.takeResult = takeResult;
exports.toArrayAsync = toArrayAsync;
exports.TaskCreationParamsSchema = types.TaskCreationParamsSchema;
exports.RelatedTaskMetadataSchema = types.RelatedTaskMetadataSchema;
exports.TaskSchema = types.TaskSchema;
exports.CreateTaskResultSchema = types.CreateTaskResultSchema;
exports.TaskStatusNotificationParamsSchema = types.TaskStatusNotificationParamsSchema;
exports.TaskStatusNotificationSchema = types.TaskStatusNotificationSchema;
exports.GetTaskRequestSchema = types.GetTaskRequestSchema;
exports.GetTaskResultSchema = types.GetTaskResultSchema;
exports.GetTaskPayloadRequestSchema = types.GetTaskPayloadRequestSchema;
exports.ListTasksRequestSchema = types.ListTasksRequestSchema;
exports.ListTasksResultSchema = types.ListTasksResultSchema;
exports.CancelTaskRequestSchema = types.CancelTaskRequestSchema;
exports.CancelTaskResultSchema = types.CancelTaskResultSchema;
exports.ClientTasksCapabilitySchema = types.ClientTasksCapabilitySchema;
exports.ServerTasksCapabilitySchema = types.ServerTasksCapabilitySchema;
exports.isTerminal = isTerminal;
exports.assertToolsCallTaskCapability = assertToolsCallTaskCapability;
exports.assertClientRequestTaskCapability = assertClientRequestTaskCapability;
exports.ExperimentalClientTasks = ExperimentalClientTasks;
exports.ExperimentalServerTasks = ExperimentalServerTasks;
exports.ExperimentalMcpServerTasks = ExperimentalMcpServerTasks;
exports.InMemoryTaskStore = InMemoryTaskStore;
exports.InMemoryTaskMessageQueue = InMemoryTaskMessageQueue;
