export class Server extends ServerV1 {
    _cacheHints: {} | undefined;
    _requestStateVerify: any;
    _servesSessionless: boolean;
    _unsupported(message: any): SdkError;
    /**
     * A request to the client: `(request, options)` for a spec method, `(request, resultSchema,
     * options)` with a Standard Schema for any method, as 2.x takes it.
     * @param {any} request
     * @param {any} [schemaOrOptions]
     * @param {any} [maybeOptions]
     */
    request(request: any, schemaOrOptions?: any, maybeOptions?: any): any;
    /** The wire era this instance serves. */
    _era(): "2025-11-25" | "2026-07-28";
    /** The 2026-07-28 revision has no server-to-client requests outside input-required results. */
    _assertPushAllowed(method: any): void;
    createMessage(params: any, options: any): Promise<any>;
    elicitInput(params: any, options: any): Promise<any>;
    _protocolError(code: any, message: any): ProtocolError;
    _invalidParams(message: any): ProtocolError;
    _peerError(code: any, message: any, data: any): ProtocolError;
    _timeoutError(timeout: any): SdkError;
    /** The protocol revision the client and this server speak (undefined before they agreed). */
    getNegotiatedProtocolVersion(): any;
    _coreOptions(): {
        flavor: string;
        sessionless: boolean;
        name: any;
        version: any;
        title: any;
        description: any;
        websiteUrl: any;
        icons: any;
        instructions: any;
        capabilities: any;
        validateInput: boolean;
    };
    /**
     * The multi-round-trip seam of `tools/call`, `prompts/get` and `resources/read`: a retried
     * request's `requestState` is verified by the options' `requestState.verify` before the
     * handler runs (its value is what `ctx.mcpReq.requestState()` returns); an input-required
     * result must ask for something, and on a 2025-era request the server asks the client itself
     * and calls the handler again with the answers.
     */
    _inputRequiredSeam(target: any, request: any, ctx: any, raw: any): Promise<any>;
    /**
     * A 2025-era request whose handler answered "input required": the embedded requests are sent
     * to the client (elicitation, sampling, roots), and the handler is called again with the
     * answers and the state, until it completes (at most `inputRequired.maxRounds` rounds).
     */
    _fulfilInput(target: any, request: any, ctx: any, first: any): Promise<any>;
    /** Announces a change to the open `subscriptions/listen` streams (2026-07-28). */
    _publish(kind: any, uri: any): void;
    _context(extra: any, request: any, token: any): {
        sessionId: any;
        mcpReq: {
            id: any;
            method: any;
            _meta: any;
        };
        http: undefined;
    };
    /** A log message for the request `token` serves, filtered by the level the client set. */
    _log(token: any, level: any, data: any, logger: any): Promise<void>;
    /**
     * `setRequestHandler(method, handler)` for a spec method, or `(method, {params, result},
     * handler)` for a custom one (the handler gets the parsed params).
     * @param {any} method
     * @param {any} schemasOrHandler
     * @param {any} [maybeHandler]
     */
    setRequestHandler(method: any, schemasOrHandler: any, maybeHandler?: any): void;
    /**
     * @param {any} method
     * @param {any} schemasOrHandler
     * @param {any} [maybeHandler]
     */
    setNotificationHandler(method: any, schemasOrHandler: any, maybeHandler?: any): void;
}
export const SPEC_REQUESTS: Set<string>;
/**
 * An error answered on the wire as it is (JSON-RPC error), where an error a handler throws
 * would become a tool's `isError` result: the checks the SDK makes before the handler runs.
 */
export class FerromcpWireError extends ProtocolError {
}
import { Server as ServerV1 } from "../server/index.js";
import { SdkError } from "./errors.js";
import { ProtocolError } from "./errors.js";
