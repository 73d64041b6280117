export class PerRequestHTTPServerTransport {
    /**
     * @param {{classification: any, responseMode?: "auto" | "sse" | "json", keepAliveMs?: number}} options
     */
    constructor(options: {
        classification: any;
        responseMode?: "auto" | "sse" | "json";
        keepAliveMs?: number;
    });
    _classification: any;
    _responseMode: "auto" | "sse" | "json";
    _keepAliveMs: number;
    _started: boolean;
    _used: boolean;
    _closed: boolean;
    _answered: boolean;
    _handled: boolean;
    _requestId: any;
    _deferred: {
        resolve: (value: any) => void;
        reject: (reason?: any) => void;
        settled: boolean;
    } | undefined;
    _sse: {
        controller: undefined;
        encoder: TextEncoder;
        closed: boolean;
        timer: undefined;
    } | undefined;
    _abortCleanup: (() => void) | undefined;
    onclose: any;
    onerror: any;
    onmessage: any;
    start(): Promise<void>;
    /**
     * Serves the one message and resolves with the HTTP response.
     * @param {any} message
     * @param {{request?: Request, authInfo?: any}} [extra]
     * @returns {Promise<Response>}
     */
    handleMessage(message: any, extra?: {
        request?: Request;
        authInfo?: any;
    }): Promise<Response>;
    /** Marks that a handler of the server runs for the request (its errors are in-band). */
    _handling(): void;
    send(message: any): Promise<void>;
    close(): Promise<void>;
    _settle(response: any): void;
    _openStream(): void;
    /** The stream's last frame is written: it ends, then the transport closes. */
    _endStream(): void;
    _closeStream(): void;
    _frame(text: any): void;
}
