"use strict";
// `McpServer`'s task tools (`server.experimental.tasks`), as the SDK files them.

const tasks = require("./index.js");

exports.ExperimentalMcpServerTasks = tasks.ExperimentalMcpServerTasks;
