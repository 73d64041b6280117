"use strict";
// `@modelcontextprotocol/sdk/experimental`: the experimental features; tasks (2025-11-25).

module.exports = require("./tasks/index.js");
