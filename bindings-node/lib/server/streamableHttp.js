"use strict";
// `StreamableHTTPServerTransport` of `@modelcontextprotocol/sdk/server/streamableHttp.js`:
// Streamable HTTP on node's `http` (or Express). `handleRequest(req, res, parsedBody)` hands the
// request to the core's HTTP service (webStandardStreamableHttp.js) and copies its answer into
// `res` as the core produces it.

const { WebStandardStreamableHTTPServerTransport } = require("./webStandardStreamableHttp.js");
const { ADOPT } = require("./replicas.js");

/** Copies a core answer body into `res`; `done` once it ended (or the client went away). */
function pump(reader, res, done) {
  let ended = false;
  const finish = () => {
    if (!ended) {
      ended = true;
      done();
    }
  };
  const onclose = () => {
    if (!ended) {
      reader.close();
      finish();
    }
  };
  res.on("close", onclose);
  const step = () => {
    while (!ended) {
      const { data, more } = reader.read();
      if (data.length > 0) {
        res.write(data);
      }
      if (!more) {
        res.off("close", onclose);
        res.end();
        finish();
        return;
      }
      if (reader.wait(step)) {
        return;
      }
    }
  };
  step();
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Node's `rawHeaders` (name, value, …), or a headers object flattened the same way. */
function rawHeaders(req) {
  if (Array.isArray(req.rawHeaders)) {
    return req.rawHeaders;
  }
  const flat = req[ADOPT] === undefined ? [] : ["mcp-session-id", req[ADOPT]];
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined) {
        flat.push(name, String(v));
      }
    }
  }
  return flat;
}

// A Host header of a name or address and a port: nothing in it ends or escapes the authority.
const PLAIN_HOST = /^[A-Za-z0-9.:[\]-]+$/;
// A path that stays one: not `//` nor `/\` (which name another host), tabs and line breaks
// between included (a URL parser drops those).
const PLAIN_PATH = /^\/(?![/\\\t\n\r])/;

/**
 * The request's URL as `new URL(url, \`http://${host}\`)` makes it: a plain path under a plain
 * host is parsed as one string, half the cost.
 */
function requestUrl(url, host) {
  if (PLAIN_PATH.test(url) && PLAIN_HOST.test(host)) {
    return new URL(`http://${host}${url}`);
  }
  return new URL(url, `http://${host}`);
}

// Answers that become ready during one turn of node's event loop are written together as it
// ends (`setImmediate`), not each as it comes: a client's process, idle while it waits, is then
// woken once for the burst rather than once for every answer — those wake-ups were a sixth of a
// loaded server's CPU (bench/ANALYSIS-http.md).
let ready = [];

function writeReady() {
  const batch = ready;
  ready = [];
  for (const [transport, req, res, head, done] of batch) {
    if (res.destroyed) {
      // The client left since: nothing will read the rest.
      head.reader?.close();
      done();
      continue;
    }
    try {
      respond(req, res, head, done);
    } catch (e) {
      // What one `res` throws stays with its own request.
      res.destroy?.();
      done();
      transport.onerror?.(e);
    }
  }
}

/** Writes an answer into `res` at the end of this turn of the event loop. */
function respondSoon(transport, req, res, head, done) {
  if (ready.length === 0) {
    setImmediate(writeReady);
  }
  ready.push([transport, req, res, head, done]);
}

/** Writes an answer's head and body into `res`; `done` once it is handled. */
function respond(req, res, head, done) {
  const { status, headers, first, reader } = head;
  if (reader === null) {
    res.writeHead(status, { ...headers, "content-length": first.length }).end(first);
    done();
    return;
  }
  res.writeHead(status, headers);
  // A GET opens a stream that lasts: the request is handled once it is open.
  const stream = req.method === "GET";
  if (stream) {
    res.flushHeaders?.();
  }
  if (first.length > 0) {
    res.write(first);
  }
  pump(reader, res, stream ? () => {} : done);
  if (stream) {
    done();
  }
}

class StreamableHTTPServerTransport extends WebStandardStreamableHTTPServerTransport {
  /**
   * @param {any} [parsedBody]
   */
  async handleRequest(req, res, parsedBody) {
    try {
      this._claim();
    } catch {
      // Node's adapter of the SDK answers a transport's refusal with an empty 500.
      if (!res.headersSent) {
        res.writeHead(500).end();
      }
      return;
    }
    let body;
    if (parsedBody !== undefined) {
      body = JSON.stringify(parsedBody);
    } else if (req.method === "POST") {
      body = await readBody(req);
    } else {
      body = Buffer.alloc(0);
    }
    await this._serveNode(req, res, body, undefined);
  }

  /**
   * Serves one request of node's whose body is `body` (read already) into `res`; resolves once
   * the answer is out (or the client left). `forward`, when given, makes the Web `Request` a
   * 2.x handler sees as `ctx.http.req`.
   */
  async _serveNode(req, res, body, forward) {
    const host = req.headers?.host;
    const requestInfo = { headers: req.headers, url: host && req.url ? requestUrl(req.url, host) : undefined };
    const inbound = { authInfo: req.auth, requestInfo, forward };
    let status = 0;
    await new Promise((resolve) => {
      let onclose;
      // The head of an answer (but a GET's stream) leaves with its first bytes: a short answer
      // is written whole, once.
      const withFirst = req.method !== "GET";
      const held = this._exchange(req.method, req.url ?? "/", rawHeaders(req), body, inbound, withFirst, (head) => {
        if (onclose !== undefined) {
          res.off("close", onclose);
        }
        status = head.status;
        respondSoon(this, req, res, head, resolve);
      });
      if (held !== 0 && status === 0) {
        // The client left before anything was ready: the answer is given up, and what the
        // request sends from now on goes where it goes when its stream is gone.
        onclose = () => {
          this._abandon(held);
          resolve();
        };
        res.once("close", onclose);
      }
    });
    await this._deleted(req.method, status);
    // A session another replica began that the core could not take in: this transport,
    // made for it by the author's code, serves nothing.
    if (req[ADOPT] !== undefined && this.sessionId === undefined) {
      await this.close();
    }
  }
}

module.exports = { StreamableHTTPServerTransport };
