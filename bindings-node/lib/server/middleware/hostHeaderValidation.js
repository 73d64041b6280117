"use strict";
// `@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js`: Express middleware
// against DNS rebinding. A request whose Host header names a host outside the allowed list
// (ports ignored) is refused with 403 and a JSON-RPC error body; others pass to `next()`.

function refuse(res, message) {
  res.status(403).json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null });
}

/**
 * Allows only `allowedHostnames` (without ports; IPv6 in brackets, as `[::1]`). The hostname is
 * read from the Host header as a URL parser reads it, so case and IPv6 forms are normalised.
 */
function hostHeaderValidation(allowedHostnames) {
  return (req, res, next) => {
    const host = req.headers.host;
    if (!host) {
      refuse(res, "Missing Host header");
      return;
    }
    let hostname;
    try {
      hostname = new URL(`http://${host}`).hostname;
    } catch {
      refuse(res, `Invalid Host header: ${host}`);
      return;
    }
    if (!allowedHostnames.includes(hostname)) {
      refuse(res, `Invalid Host: ${hostname}`);
      return;
    }
    next();
  };
}

/** `hostHeaderValidation` for a server on the loopback interface: localhost, 127.0.0.1 and [::1]. */
function localhostHostValidation() {
  return hostHeaderValidation(["localhost", "127.0.0.1", "[::1]"]);
}

module.exports = { hostHeaderValidation, localhostHostValidation };
