"use strict";
// Packages the server itself depends on (Express above all): the SDK depends on Express and its
// server files use the SDK's copy; a server on ferromcp has its own, found from its entry
// script, so that the app, its routers and its body parsers come from the same Express. Not a
// public module of the SDK.

const { createRequire } = require("node:module");
const { resolve } = require("node:path");

/** `name` as the server's entry script resolves it, else as ferromcp does (throws if neither can). */
function hostRequire(name) {
  const entry = process.argv[1];
  if (entry) {
    try {
      return createRequire(resolve(entry))(name);
    } catch {
      // Not resolvable from the script: ferromcp's own.
    }
  }
  return require(name);
}

module.exports = { hostRequire };
