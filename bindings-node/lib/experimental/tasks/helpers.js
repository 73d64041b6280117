"use strict";
// Task capability checks, as the SDK files them.

const tasks = require("./index.js");

exports.assertToolsCallTaskCapability = tasks.assertToolsCallTaskCapability;
exports.assertClientRequestTaskCapability = tasks.assertClientRequestTaskCapability;
