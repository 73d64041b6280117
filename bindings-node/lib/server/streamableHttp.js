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

class StreamableHTTPServerTransport extends WebStandardStreamableHTTPServerTransport {
  /**
   * @param {any} [parsedBody]
   */
  async handleRequest(req, res, parsedBody) {
    let body;
    if (parsedBody !== undefined) {
      body = Buffer.from(JSON.stringify(parsedBody));
    } else if (req.method === "POST") {
      body = await readBody(req);
    } else {
      body = Buffer.alloc(0);
    }
    const host = req.headers?.host;
    const requestInfo = { headers: req.headers, url: host && req.url ? new URL(req.url, `http://${host}`) : undefined };
    const head = await this._exchange(req.method, req.url ?? "/", rawHeaders(req), body, { authInfo: req.auth, requestInfo });
    if (head.text !== undefined) {
      res.writeHead(head.status, head.headers).end(head.text);
      return;
    }
    // A GET opens a stream that lasts: the request is handled once it is open.
    if (req.method === "GET") {
      res.writeHead(head.status, head.headers);
      res.flushHeaders?.();
      pump(head.reader, res, () => {});
    } else {
      // An answer whole by the time its head is known leaves in one write, with its length;
      // otherwise the head leaves with the first event (as the SDK's), and the rest as it comes.
      const { data, more } = head.reader.read();
      if (!more) {
        res.writeHead(head.status, { ...head.headers, "content-length": data.length }).end(data);
      } else {
        res.writeHead(head.status, head.headers);
        if (data.length > 0) {
          res.write(data);
        }
        await new Promise((resolve) => pump(head.reader, res, resolve));
      }
    }
    await this._deleted(req.method, head.status);
    // A session another replica began that the core could not take in: this transport,
    // made for it by the author's code, serves nothing.
    if (req[ADOPT] !== undefined && this.sessionId === undefined) {
      await this.close();
    }
  }
}

module.exports = { StreamableHTTPServerTransport };
