import { takeResult } from "../../shared/responseMessage.js";
import { toArrayAsync } from "../../shared/responseMessage.js";
export function isTerminal(status: any): boolean;
export function assertToolsCallTaskCapability(requests: any, method: any, entityName: any): void;
export function assertClientRequestTaskCapability(requests: any, method: any, entityName: any): void;
/** The client's half is the official SDK's business; ferromcp serves servers. */
export class ExperimentalClientTasks {
}
/** `server.experimental.tasks` (the low-level `Server`'s): the task store's requests. */
export class ExperimentalServerTasks {
    constructor(server: any);
    _server: any;
    getTask(taskId: any, options: any): any;
    getTaskResult(taskId: any, resultSchema: any, options: any): any;
    listTasks(cursor: any, options: any): any;
    cancelTask(taskId: any, options: any): any;
}
/** `mcpServer.experimental.tasks`. */
export class ExperimentalMcpServerTasks {
    constructor(mcpServer: any);
    _mcpServer: any;
    registerToolTask(name: any, config: any, handler: any): any;
}
/** Tasks kept in memory, each dropped `ttl` ms after it was created or last ended. */
export class InMemoryTaskStore {
    tasks: Map<any, any>;
    cleanupTimers: Map<any, any>;
    generateTaskId(): any;
    /** A task visible to `sessionId` (a task of another session is not). */
    _find(taskId: any, sessionId: any): any;
    _expireIn(taskId: any, ttl: any): void;
    createTask(taskParams: any, requestId: any, request: any, sessionId: any): Promise<{
        taskId: any;
        status: string;
        ttl: any;
        createdAt: string;
        lastUpdatedAt: string;
        pollInterval: any;
    }>;
    getTask(taskId: any, sessionId: any): Promise<any>;
    storeTaskResult(taskId: any, status: any, result: any, sessionId: any): Promise<void>;
    getTaskResult(taskId: any, sessionId: any): Promise<any>;
    updateTaskStatus(taskId: any, status: any, statusMessage: any, sessionId: any): Promise<void>;
    /** Ten tasks a page; the cursor is the last task id of the previous page. */
    listTasks(cursor: any, sessionId: any): Promise<{
        tasks: any[];
        nextCursor: any;
    }>;
    cleanup(): void;
    getAllTasks(): any[];
}
/** Messages waiting for a task's `tasks/result`, one queue per task. */
export class InMemoryTaskMessageQueue {
    queues: Map<any, any>;
    _queue(taskId: any): any;
    enqueue(taskId: any, message: any, _sessionId: any, maxSize: any): Promise<void>;
    dequeue(taskId: any): Promise<any>;
    dequeueAll(taskId: any): Promise<any>;
}
export { takeResult, toArrayAsync, TaskCreationParamsSchema, RelatedTaskMetadataSchema, TaskSchema, CreateTaskResultSchema, TaskStatusNotificationParamsSchema, TaskStatusNotificationSchema, GetTaskRequestSchema, GetTaskResultSchema, GetTaskPayloadRequestSchema, ListTasksRequestSchema, ListTasksResultSchema, CancelTaskRequestSchema, CancelTaskResultSchema, ClientTasksCapabilitySchema, ServerTasksCapabilitySchema };
