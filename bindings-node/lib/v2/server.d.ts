export class Server extends ServerV1 {
    _context(extra: any, request: any, token: any): {
        sessionId: any;
        mcpReq: {
            id: any;
            method: any;
            _meta: any;
            requestState: () => undefined;
            signal: undefined;
            send: (r: any, schemaOrOptions: any, maybeOptions: any) => any;
            notify: (notification: any) => any;
            log: (level: any, data: any, logger: any) => any;
            elicitInput: (params: any, options: any) => any;
            requestSampling: (params: any, options: any) => any;
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
import { Server as ServerV1 } from "../server/index.js";
