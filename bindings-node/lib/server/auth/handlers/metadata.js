"use strict";
// `@modelcontextprotocol/sdk/server/auth/handlers/metadata.js`: one OAuth metadata document
// (authorization server, RFC 8414, or protected resource, RFC 9728) at the path it is mounted
// on: GET from any origin (CORS, preflight included), 405 with `Allow` to other methods.

const { serveDocument } = require("../metadata.js");

/**
 * Express middleware serving `metadata` as JSON at its mount point.
 * @param {object} metadata
 */
function metadataHandler(metadata) {
  return (req, res, next) => {
    const path = req.path ?? new URL(req.url, "http://host").pathname;
    serveDocument(req, res, next, path, metadata);
  };
}

module.exports = { metadataHandler };
