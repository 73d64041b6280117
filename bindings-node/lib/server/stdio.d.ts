export class StdioServerTransport {
    constructor(stdin?: any, stdout?: any);
    _stdin: any;
    _stdout: any;
    _started: boolean;
    _buffer: string;
    onclose: any;
    onerror: any;
    onmessage: any;
    _ondata: any;
    _onerror: (e: any) => any;
    _onend: any;
    _protocol: any;
    _listen(ondata: any, onend: any): void;
    /** How a ferromcp server connects: the core takes the bytes. */
    _ferromcpAttach(make: any, protocol: any): Promise<void>;
    start(): Promise<void>;
    close(): Promise<void>;
    send(message: any): Promise<any>;
}
