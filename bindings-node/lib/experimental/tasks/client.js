"use strict";
// The client side of tasks, as the SDK files it.

const tasks = require("./index.js");

exports.ExperimentalClientTasks = tasks.ExperimentalClientTasks;
