export class SSEServerTransport {
    /**
     * @param {any} [options]
     */
    constructor(endpoint: any, res: any, options?: any);
    _endpoint: any;
    res: any;
    _sessionId: any;
    _options: any;
    _sseResponse: any;
    _conn: any;
    _protocol: any;
    onclose: any;
    onerror: any;
    onmessage: any;
    get sessionId(): any;
    validateRequestHeaders(req: any): string | undefined;
    /** How a ferromcp server connects: answers go from the core's connection to the stream. */
    _ferromcpAttach(make: any, protocol: any): Promise<void>;
    start(): Promise<void>;
    /**
     * @param {any} [parsedBody]
     */
    handlePostMessage(req: any, res: any, parsedBody?: any): Promise<void>;
    /**
     * A client message, however it arrived.
     * @param {any} [extra]
     */
    handleMessage(message: any, extra?: any): Promise<void>;
    close(): Promise<void>;
    send(message: any): Promise<void>;
}
