export class Server extends Protocol {
    /**
     * @param {any} [options]
     */
    constructor(serverInfo: any, options?: any);
    _serverInfo: any;
    _capabilities: any;
    _instructions: any;
    _clientCapabilities: any;
    _clientVersion: any;
    oninitialized: any;
    _coreOptions(): {
        name: any;
        version: any;
        title: any;
        description: any;
        websiteUrl: any;
        icons: any;
        instructions: any;
        capabilities: any;
        flavor: string;
        validateInput: boolean;
    };
    /** Throws unless the client can take `method` as a task. */
    assertTaskCapability(method: any): void;
    /** Throws unless this server declared it runs `method` as a task. */
    assertTaskHandlerCapability(method: any): void;
    /** The SDK's experimental APIs: `experimental.tasks` asks the client about its tasks. */
    get experimental(): {
        tasks: import("../experimental/tasks/index.js").ExperimentalServerTasks;
    };
    _experimental: {
        tasks: import("../experimental/tasks/index.js").ExperimentalServerTasks;
    } | undefined;
    _initialized(): any;
    registerCapabilities(capabilities: any): void;
    _client(): any;
    getClientCapabilities(): any;
    getClientVersion(): any;
    getCapabilities(): any;
    ping(): Promise<any>;
    /**
     * @param {any} [options]
     */
    createMessage(params: any, options?: any): Promise<any>;
    /**
     * @param {any} [options]
     */
    elicitInput(params: any, options?: any): Promise<any>;
    /** What checks accepted forms: the server's `jsonSchemaValidator`, else the SDK's default. */
    _formValidator(): any;
    /** 1.x's default: one draft-07 ajv engine. */
    _defaultJsonSchemaValidator(): import("../validation/ajv-provider.js").AjvJsonSchemaValidator;
    /** The error for a capability the client or the server did not declare. */
    _unsupported(message: any): Error;
    _protocolError(code: any, message: any): McpError;
    /** A request the server was about to send that breaks the protocol's rules (1.x: an `Error`). */
    _invalidParams(message: any): Error;
    /**
     * @param {any} [params]
     * @param {any} [options]
     */
    listRoots(params?: any, options?: any): Promise<any>;
    /**
     * Sends a log message unless the client's level filters it (the core keeps the level).
     * @param {any} [_sessionId]
     */
    sendLoggingMessage(params: any, _sessionId?: any): Promise<void>;
    sendResourceUpdated(params: any): Promise<void>;
    sendResourceListChanged(): Promise<void>;
    sendToolListChanged(): Promise<void>;
    sendPromptListChanged(): Promise<void>;
    /**
     * @param {any} [options]
     */
    createElicitationCompletionNotifier(elicitationId: any, options?: any): () => Promise<void>;
}
import { Protocol } from "../shared/protocol.js";
import { McpError } from "../types.js";
