"use strict";
// `@modelcontextprotocol/sdk/shared/stdio.js`: newline-delimited JSON-RPC framing, for code that
// carries messages over a byte stream itself. ferromcp's own stdio transport frames in the core.

const { isJSONRPCRequest, isJSONRPCNotification, isJSONRPCResultResponse, isJSONRPCErrorResponse } = require("../types.js");

/** The most a `ReadBuffer` holds before it gives up: 10 MiB. */
const STDIO_DEFAULT_MAX_BUFFER_SIZE = 10 * 1024 * 1024;

/** Collects chunks of a stream and hands back one message per complete line. */
class ReadBuffer {
  constructor(options) {
    this._maxBufferSize = options?.maxBufferSize ?? STDIO_DEFAULT_MAX_BUFFER_SIZE;
    this._buffer = undefined;
  }

  /** Adds a chunk; throws (and drops what was held) when more than the maximum would be held. */
  append(chunk) {
    const size = (this._buffer ? this._buffer.length : 0) + chunk.length;
    if (size > this._maxBufferSize) {
      this.clear();
      throw new Error(`ReadBuffer exceeded maximum size of ${this._maxBufferSize} bytes`);
    }
    this._buffer = this._buffer ? Buffer.concat([this._buffer, chunk]) : chunk;
  }

  /** The next whole message, or null until a newline arrives; throws on a line that is not one. */
  readMessage() {
    if (!this._buffer) {
      return null;
    }
    const end = this._buffer.indexOf(0x0a);
    if (end === -1) {
      return null;
    }
    let line = this._buffer.toString("utf8", 0, end);
    this._buffer = this._buffer.subarray(end + 1);
    if (line.endsWith("\r")) {
      line = line.slice(0, -1);
    }
    return deserializeMessage(line);
  }

  clear() {
    this._buffer = undefined;
  }
}

/** Parses one line into a JSON-RPC message; throws if it is not JSON or not JSON-RPC 2.0. */
function deserializeMessage(line) {
  const message = JSON.parse(line);
  if (
    !isJSONRPCRequest(message) &&
    !isJSONRPCNotification(message) &&
    !isJSONRPCResultResponse(message) &&
    !isJSONRPCErrorResponse(message)
  ) {
    throw new Error(`Not a JSON-RPC 2.0 message: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
  }
  return message;
}

/** One message as a line of JSON, newline included. */
function serializeMessage(message) {
  return `${JSON.stringify(message)}\n`;
}

module.exports = { ReadBuffer, STDIO_DEFAULT_MAX_BUFFER_SIZE, deserializeMessage, serializeMessage };
