"use strict";
// `Server`'s task requests (`server.experimental.tasks`), as the SDK files them.

const tasks = require("./index.js");

exports.ExperimentalServerTasks = tasks.ExperimentalServerTasks;
