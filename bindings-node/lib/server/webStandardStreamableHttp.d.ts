export class WebStandardStreamableHTTPServerTransport {
    constructor(options?: {});
    _options: {};
    sessionIdGenerator: any;
    sessionId: string | undefined;
    _conn: any;
    _protocol: any;
    _started: boolean;
    _scopeChallengeResolver: any;
    _hasHandledRequest: boolean;
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
        sessionIdleTimeout: number | null;
        retryInterval: any;
        redisUrl: any;
        redisPrefix: any;
        keepAlive: any;
        responseMode: any;
    };
    /** How a ferromcp server connects: the core answers this transport's requests. */
    _ferromcpAttach(make: any, protocol: any): Promise<void>;
    _unlink: (() => void) | undefined;
    start(): Promise<void>;
    /**
     * Hands one request to the core; `onHead` is called with the answer's head: `{ status,
     * headers }` (an object, a repeated header as an array), `first`, the body's first bytes, and
     * `reader`, the rest of the body as the core produces it (null when `first` is all of it).
     * With `withFirst`, the head waits for the body's first bytes (node's `res` sends it with
     * them). Returns 0 when `onHead` was called already, else the number `httpAbandon` takes to
     * give the answer up. `inbound` is what handlers see of the request (`authInfo`,
     * `requestInfo`).
     */
    _exchange(method: any, url: any, rawHeaders: any, body: any, inbound: any, withFirst: any, onHead: any): any;
    /**
     * The author's `sessionIdGenerator`, asked (as the SDK asks it) for the session a POST may
     * begin, while this transport has none; the core uses it if that POST is an `initialize`.
     */
    _chosenSessionId(method: any): string | undefined;
    /**
     * The core ended this transport's session (`why`: "elsewhere", another replica's DELETE;
     * "idle"): the transport closes, so that `onclose` lets the author's map forget it — after
     * `onsessionclosed`, as for a DELETE, when the client ended it. The DELETE this transport
     * answered ("deleted") is seen through below, once its answer is out.
     */
    _ended(sessionId: any, why: any): void;
    /** After a DELETE the core answered: the session is over, and so is this transport. */
    _deleted(method: any, status: any): Promise<void>;
    /**
     * Takes one request: a stateless transport serves one, as the SDK's does (it refuses a second,
     * whose ids could mix with the first's).
     */
    _claim(): void;
    /**
     * @param {any} [options]
     */
    handleRequest(req: any, options?: any): Promise<Response>;
    /** Gives up the answer `held` (its client left); a transport closed meanwhile has none. */
    _abandon(held: any): void;
    /** The 2.x protocol layer's hooks (the core checks `MCP-Protocol-Version` itself). */
    setSupportedProtocolVersions(_versions: any): void;
    /**
     * 2.4's scope challenges: `resolver` (the v2 `McpServer` installs its
     * `resolveScopeChallenge` on `connect`) is asked about each JSON-RPC request of a POST, with
     * the verified `authInfo`, once the core's own checks passed and before it dispatches them;
     * a challenge is answered 403 `insufficient_scope` instead of running the handler.
     */
    setScopeChallengeResolver(resolver: any): void;
    /**
     * The core's authorization hook for one request, while the resolver has challenges to raise:
     * the core calls it with the POST's JSON-RPC requests once its own checks passed (where 2.4
     * checks), and it settles `reply` with the answer to give instead — the challenge's 403, or
     * 500 when the resolver failed — or `null` to go on.
     */
    _scopeCheck(inbound: any): ((_kind: any, requests: any, reply: any) => void) | undefined;
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
