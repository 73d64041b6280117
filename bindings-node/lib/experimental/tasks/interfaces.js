"use strict";
// What task stores and queues share, as the SDK files it.

const tasks = require("./index.js");

exports.isTerminal = tasks.isTerminal;
