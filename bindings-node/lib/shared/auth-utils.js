"use strict";
// `@modelcontextprotocol/sdk/shared/auth-utils.js`: resource URLs as OAuth uses them (RFC 8707).

/** The server's URL as a resource indicator: the same URL without its fragment. */
function resourceUrlFromServerUrl(url) {
  const resource = new URL(typeof url === "string" ? url : url.href);
  resource.hash = "";
  return resource;
}

/**
 * Whether `requestedResource` lies within `configuredResource`: same origin, and the requested
 * path is the configured one or below it (path segments compared whole, so `/api` does not
 * cover `/api2`).
 */
function checkResourceAllowed({ requestedResource, configuredResource }) {
  const requested = new URL(typeof requestedResource === "string" ? requestedResource : requestedResource.href);
  const configured = new URL(typeof configuredResource === "string" ? configuredResource : configuredResource.href);
  if (requested.origin !== configured.origin) {
    return false;
  }
  if (requested.pathname.length < configured.pathname.length) {
    return false;
  }
  const withSlash = (p) => (p.endsWith("/") ? p : `${p}/`);
  return withSlash(requested.pathname).startsWith(withSlash(configured.pathname));
}

module.exports = { resourceUrlFromServerUrl, checkResourceAllowed };
