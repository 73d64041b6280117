"use strict";
// `createRequestStateCodec` of `@modelcontextprotocol/server` 2.x: signs the `requestState` a
// multi-round-trip handler hands the client, so that the state coming back can be trusted.
// `mint(payload, ctx?)` makes the token; `verify(token, ctx?)` gives the payload back, or throws
// when the token was altered, has expired, or was minted for another binding. Put `verify` in
// the server's options (`requestState: {verify: codec.verify}`): ferromcp runs it before the
// handler of a retried request, which then reads the payload with `ctx.mcpReq.requestState()`.
//
// Token: `v1.` base64url(JSON `{p: payload, exp: seconds, b?: bind tag}`) `.` base64url(HMAC-SHA256
// of everything before the last dot). Signed, not encrypted: the client can read the payload.

const { createHmac, timingSafeEqual } = require("node:crypto");

const PREFIX = "v1.";
const BIND = "mcp.requestState.bind:";

/**
 * @param {{key: string | Uint8Array, ttlSeconds?: number, bind?: (ctx: any) => string}} options
 */
function createRequestStateCodec(options) {
  const key = typeof options?.key === "string" ? Buffer.from(options.key, "utf8") : Buffer.from(options?.key ?? []);
  if (key.byteLength < 32) {
    throw new RangeError(`createRequestStateCodec: key must be at least 32 bytes (got ${key.byteLength})`);
  }
  const ttl = options.ttlSeconds ?? 600;
  if (!Number.isFinite(ttl)) {
    throw new RangeError("createRequestStateCodec: ttlSeconds must be a finite number");
  }
  const bind = options.bind;
  const mac = (text) => createHmac("sha256", key).update(text, "utf8").digest();
  const tag = (ctx) => mac(BIND + bind(ctx)).subarray(0, 16).toString("base64url");
  const now = () => Math.floor(Date.now() / 1000);
  return {
    /**
     * @param {any} payload
     * @param {any} [ctx]
     */
    async mint(payload, ctx) {
      const envelope = { p: payload, exp: now() + ttl };
      if (bind !== undefined) {
        if (ctx === undefined) {
          throw new TypeError("createRequestStateCodec: mint() requires ctx when a bind callback is configured");
        }
        envelope.b = tag(ctx);
      }
      const signed = PREFIX + Buffer.from(JSON.stringify(envelope), "utf8").toString("base64url");
      return `${signed}.${mac(signed).toString("base64url")}`;
    },
    /**
     * @param {string} state
     * @param {any} [ctx]
     */
    async verify(state, ctx) {
      const dot = typeof state === "string" ? state.lastIndexOf(".") : -1;
      if (!state.startsWith(PREFIX) || dot <= PREFIX.length) {
        throw new Error("malformed");
      }
      const given = Buffer.from(state.slice(dot + 1), "base64url");
      const expected = mac(state.slice(0, dot));
      if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
        throw new Error("mac");
      }
      let envelope;
      try {
        envelope = JSON.parse(Buffer.from(state.slice(PREFIX.length, dot), "base64url").toString("utf8"));
      } catch {
        throw new Error("malformed");
      }
      if (typeof envelope?.exp !== "number" || envelope.exp < now()) {
        throw new Error("expired");
      }
      if (bind !== undefined) {
        const want = Buffer.from(tag(ctx));
        const got = Buffer.from(typeof envelope.b === "string" ? envelope.b : "");
        if (got.byteLength !== want.byteLength || !timingSafeEqual(got, want)) {
          throw new Error("bind");
        }
      } else if (envelope.b !== undefined) {
        throw new Error("bind");
      }
      return envelope.p;
    },
  };
}

module.exports = { createRequestStateCodec };
