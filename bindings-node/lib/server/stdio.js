"use strict";
// `StdioServerTransport` of `@modelcontextprotocol/sdk/server/stdio.js`. Connected to a
// ferromcp server, the core reads the bytes and writes the answers itself (straight to the
// process's stdout when the transport uses it); used alone, it is the SDK's line transport.

class StdioServerTransport {
  constructor(stdin = process.stdin, stdout = process.stdout) {
    this._stdin = stdin;
    this._stdout = stdout;
    this._started = false;
    this._buffer = "";
    this.onclose = undefined;
    this.onerror = undefined;
    this.onmessage = undefined;
    this._ondata = undefined;
    this._onerror = (e) => this.onerror?.(e);
    this._onend = undefined;
    this._protocol = undefined;
  }

  _listen(ondata, onend) {
    if (this._started) {
      throw new Error(
        "StdioServerTransport already started! If using Server class, note that connect() calls start() automatically.",
      );
    }
    this._started = true;
    this._ondata = ondata;
    this._onend = onend;
    this._stdin.on("data", ondata);
    this._stdin.on("error", this._onerror);
    if (onend) {
      this._stdin.on("end", onend);
    }
  }

  /** How a ferromcp server connects: the core takes the bytes. */
  async _ferromcpAttach(make, protocol) {
    const own = this._stdout === process.stdout && typeof process.stdout.fd === "number";
    const conn = own ? make(undefined, process.stdout.fd) : make((buf) => this._stdout.write(buf));
    this._protocol = protocol;
    this._listen(
      (chunk) => conn.feed(chunk),
      () => conn.end(),
    );
  }

  async start() {
    this._listen((chunk) => {
      this._buffer += chunk.toString("utf8");
      let i = this._buffer.indexOf("\n");
      while (i !== -1) {
        const line = this._buffer.slice(0, i).replace(/\r$/, "");
        this._buffer = this._buffer.slice(i + 1);
        if (line) {
          try {
            this.onmessage?.(JSON.parse(line));
          } catch (e) {
            this.onerror?.(e);
          }
        }
        i = this._buffer.indexOf("\n");
      }
    });
  }

  async close() {
    if (this._ondata) {
      this._stdin.off("data", this._ondata);
      this._stdin.off("error", this._onerror);
      if (this._onend) {
        this._stdin.off("end", this._onend);
      }
    }
    if (this._stdin.listenerCount("data") === 0) {
      this._stdin.pause();
    }
    this._buffer = "";
    this._protocol?._closed();
    this.onclose?.();
  }

  send(message) {
    return new Promise((resolve) => {
      if (this._stdout.write(JSON.stringify(message) + "\n")) {
        resolve();
      } else {
        this._stdout.once("drain", resolve);
      }
    });
  }
}

module.exports = { StdioServerTransport };
