export class WebStandardStreamableHTTPServerTransport {
    constructor(options?: {});
    _options: {};
    sessionIdGenerator: any;
    sessionId: string | undefined;
    _conn: any;
    _protocol: any;
    _started: boolean;
    onclose: any;
    onerror: any;
    onmessage: any;
    /** The core's HTTP options: one session (none, stateless) at one path, the SDK's answers. */
    _httpOptions(): {
        path: string;
        legacySse: boolean;
        stateless: boolean;
        jsonResponse: boolean;
        dialect: string;
        dnsRebindingProtection: boolean;
        allowedHosts: any;
        allowedOrigins: any;
        sessionIdleTimeout: null;
        retryInterval: any;
        keepAlive: any;
        responseMode: any;
    };
    /** How a ferromcp server connects: the core answers this transport's requests. */
    _ferromcpAttach(make: any, protocol: any): Promise<void>;
    start(): Promise<void>;
    /**
     * Hands one request to the core; resolves with the answer's head: `{ status, headers }` (an
     * object, a repeated header as an array) and `reader`, the body as the core produces it.
     * `inbound` is what handlers see of the request (`authInfo`, `requestInfo`).
     */
    _exchange(method: any, url: any, rawHeaders: any, body: any, inbound: any): Promise<any>;
    /** After a DELETE the core answered: the session is over, and so is this transport. */
    _deleted(method: any, status: any): Promise<void>;
    /**
     * @param {any} [options]
     */
    handleRequest(req: any, options?: any): Promise<Response>;
    /** The 2.x protocol layer's hooks (the core checks `MCP-Protocol-Version` itself). */
    setSupportedProtocolVersions(_versions: any): void;
    setScopeChallengeResolver(_resolver: any): void;
    close(): Promise<void>;
    /** Sends a message outside any request (the SDK's `Transport.send`). */
    send(message: any): Promise<void>;
    /**
     * Ends the client's connection to the SSE stream of request `requestId`, which goes on: the
     * client reconnects with `Last-Event-ID` and misses nothing (needs an `eventStore`).
     */
    closeSSEStream(requestId: any): void;
    /** Ends the client's connection to the standalone (GET) stream; its events are kept. */
    closeStandaloneSSEStream(): void;
}
