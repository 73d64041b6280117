/** Collects chunks of a stream and hands back one message per complete line. */
export class ReadBuffer {
    constructor(options: any);
    _maxBufferSize: any;
    _buffer: any;
    /** Adds a chunk; throws (and drops what was held) when more than the maximum would be held. */
    append(chunk: any): void;
    /** The next whole message, or null until a newline arrives; throws on a line that is not one. */
    readMessage(): any;
    clear(): void;
}
/** The most a `ReadBuffer` holds before it gives up: 10 MiB. */
export const STDIO_DEFAULT_MAX_BUFFER_SIZE: number;
/** Parses one line into a JSON-RPC message; throws if it is not JSON or not JSON-RPC 2.0. */
export function deserializeMessage(line: any): any;
/** One message as a line of JSON, newline included. */
export function serializeMessage(message: any): string;
