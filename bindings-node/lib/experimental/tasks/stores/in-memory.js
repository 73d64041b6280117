"use strict";
// The in-memory task store and message queue, as the SDK files them.

const tasks = require("../index.js");

exports.InMemoryTaskStore = tasks.InMemoryTaskStore;
exports.InMemoryTaskMessageQueue = tasks.InMemoryTaskMessageQueue;
