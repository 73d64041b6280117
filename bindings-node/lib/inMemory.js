"use strict";
// `@modelcontextprotocol/sdk/inMemory.js`: two transports joined back to back in one process,
// for tests and for embedding a server next to its client. A ferromcp server connects to one
// half like to any SDK-style transport; the official `Client` takes the other.

class InMemoryTransport {
  constructor() {
    this._peer = undefined;
    // Messages that arrived before anyone listened, delivered by `start()`.
    this._early = [];
    this._closed = false;
    this.onmessage = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
    this.sessionId = undefined;
  }

  /** Two transports wired to each other: `[clientSide, serverSide]`. */
  static createLinkedPair() {
    const clientSide = new InMemoryTransport();
    const serverSide = new InMemoryTransport();
    clientSide._peer = serverSide;
    serverSide._peer = clientSide;
    return [clientSide, serverSide];
  }

  async start() {
    while (this._early.length > 0) {
      const [message, extra] = this._early.shift();
      this.onmessage?.(message, extra);
    }
  }

  /** Hands `message` to the other half; `options.authInfo` reaches it as `extra.authInfo`. */
  async send(message, options) {
    const peer = this._peer;
    if (!peer) {
      throw new Error("Not connected");
    }
    const extra = { authInfo: options?.authInfo };
    if (peer.onmessage) {
      peer.onmessage(message, extra);
    } else {
      peer._early.push([message, extra]);
    }
  }

  /** Closes both halves; each one's `onclose` runs once (the SDK's runs twice on the half closed first). */
  async close() {
    if (this._closed) {
      return;
    }
    this._closed = true;
    const peer = this._peer;
    this._peer = undefined;
    if (peer) {
      await peer.close();
    }
    this.onclose?.();
  }
}

module.exports = { InMemoryTransport };
