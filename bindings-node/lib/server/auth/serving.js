"use strict";
// What the OAuth endpoints share (the metadata documents of metadata.js and the authorization
// server's handlers under handlers/): answers that work on Express's `res` and on a bare node
// response, CORS for any origin, refusals as OAuth error bodies, and the SDK's rate limiter.
// Not a public module of the SDK.

const { MethodNotAllowedError, OAuthError, ServerError, TooManyRequestsError } = require("./errors.js");
const { hostRequire } = require("../hostRequire.js");

/** The Express the server uses (for routers and body parsers). */
function hostExpress() {
  return hostRequire("express");
}

/** A JSON answer: Express's own (content type, ETag, conditional requests) where it is Express. */
function reply(res, status, body, headers = {}) {
  if (typeof res.status === "function" && typeof res.json === "function") {
    res.set(headers).status(status).json(body);
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** Adds `field` to the response's `Vary` unless it is there already (or `*`). */
function vary(res, field) {
  const current = res.getHeader("Vary");
  if (current === undefined || current === "") {
    res.setHeader("Vary", field);
    return;
  }
  const listed = String(current)
    .split(",")
    .map((f) => f.trim().toLowerCase());
  if (!listed.includes("*") && !listed.includes(field.toLowerCase())) {
    res.setHeader("Vary", `${current}, ${field}`);
  }
}

/**
 * CORS for any origin, as the `cors` package's defaults answer (the SDK mounts `cors()` on its
 * metadata, token, registration and revocation endpoints): every answer allows any origin, and
 * an OPTIONS request is a preflight answered here, 204, any method and the headers asked for.
 * Returns true when it answered.
 */
function anyOrigin(req, res) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  if (req.method !== "OPTIONS") {
    return false;
  }
  res.setHeader("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
  vary(res, "Access-Control-Request-Headers");
  const asked = req.headers["access-control-request-headers"];
  if (asked) {
    res.setHeader("Access-Control-Allow-Headers", asked);
  }
  res.statusCode = 204;
  res.setHeader("Content-Length", "0");
  res.end();
  return true;
}

/** `anyOrigin` as Express middleware. */
function anyOriginMiddleware() {
  return (req, res, next) => {
    if (!anyOrigin(req, res)) {
      next();
    }
  };
}

/** The 405 answer for a method not in `methods`, with `Allow`. */
function refuseMethod(req, res, methods) {
  const error = new MethodNotAllowedError(`The method ${req.method} is not allowed for this endpoint`);
  reply(res, 405, error.toResponseObject(), { Allow: methods.join(", ") });
}

/**
 * An error thrown while serving a request, as its OAuth error body: 400, or 500 for a
 * `ServerError`; anything that is not an OAuth error is a 500 `server_error` that says nothing
 * of its cause.
 */
function sendOAuthError(res, error) {
  if (error instanceof OAuthError) {
    reply(res, error instanceof ServerError ? 500 : 400, error.toResponseObject());
  } else {
    reply(res, 500, new ServerError("Internal Server Error").toResponseObject());
  }
}

/**
 * The SDK's rate limit for an endpoint (express-rate-limit, with the standard `RateLimit-*`
 * headers and a `too_many_requests` body naming `what`), `config` overriding any of it; none
 * when `config` is false.
 * @param {object | false | undefined} config
 * @param {{windowMs: number, max: number, what: string}} defaults
 */
function rateLimiter(config, { windowMs, max, what }) {
  if (config === false) {
    return undefined;
  }
  const { rateLimit } = require("express-rate-limit");
  return rateLimit({
    windowMs,
    max,
    standardHeaders: true,
    legacyHeaders: false,
    message: new TooManyRequestsError(`You have exceeded the rate limit for ${what}`).toResponseObject(),
    ...config,
  });
}

/**
 * An endpoint's router as the SDK's endpoints build theirs: any origin (`cors`), only `methods`,
 * the body parsed (`"json"` or `"form"`), then the rate limit (`rateLimit` over `limits`, or
 * none when false); the caller adds the rest.
 * @param {{cors: boolean, methods: string[], body: "json" | "form", rateLimit?: object | false, limits: {windowMs: number, max: number, what: string}}} options
 */
function endpointRouter({ cors, methods, body, rateLimit, limits }) {
  // Required here: allowedMethods.js requires this module.
  const { allowedMethods } = require("./middleware/allowedMethods.js");
  const express = hostExpress();
  const router = express.Router();
  if (cors) {
    router.use(anyOriginMiddleware());
  }
  router.use(allowedMethods(methods));
  router.use(body === "json" ? express.json() : express.urlencoded({ extended: false }));
  const limiter = rateLimiter(rateLimit, limits);
  if (limiter) {
    router.use(limiter);
  }
  return router;
}

module.exports = { hostExpress, reply, anyOrigin, anyOriginMiddleware, refuseMethod, sendOAuthError, rateLimiter, endpointRouter };
