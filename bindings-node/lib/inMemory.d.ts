export class InMemoryTransport {
    /** Two transports wired to each other: `[clientSide, serverSide]`. */
    static createLinkedPair(): InMemoryTransport[];
    _peer: any;
    _early: any[];
    _closed: boolean;
    onmessage: any;
    onclose: any;
    onerror: any;
    sessionId: any;
    start(): Promise<void>;
    /** Hands `message` to the other half; `options.authInfo` reaches it as `extra.authInfo`. */
    send(message: any, options: any): Promise<void>;
    /** Closes both halves; each one's `onclose` runs once (the SDK's runs twice on the half closed first). */
    close(): Promise<void>;
}
