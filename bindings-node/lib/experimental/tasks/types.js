"use strict";
// The task schemas, as the SDK files them.

const tasks = require("./index.js");

exports.TaskCreationParamsSchema = tasks.TaskCreationParamsSchema;
exports.RelatedTaskMetadataSchema = tasks.RelatedTaskMetadataSchema;
exports.TaskSchema = tasks.TaskSchema;
exports.CreateTaskResultSchema = tasks.CreateTaskResultSchema;
exports.TaskStatusNotificationParamsSchema = tasks.TaskStatusNotificationParamsSchema;
exports.TaskStatusNotificationSchema = tasks.TaskStatusNotificationSchema;
exports.GetTaskRequestSchema = tasks.GetTaskRequestSchema;
exports.GetTaskResultSchema = tasks.GetTaskResultSchema;
exports.GetTaskPayloadRequestSchema = tasks.GetTaskPayloadRequestSchema;
exports.ListTasksRequestSchema = tasks.ListTasksRequestSchema;
exports.ListTasksResultSchema = tasks.ListTasksResultSchema;
exports.CancelTaskRequestSchema = tasks.CancelTaskRequestSchema;
exports.CancelTaskResultSchema = tasks.CancelTaskResultSchema;
exports.ClientTasksCapabilitySchema = tasks.ClientTasksCapabilitySchema;
exports.ServerTasksCapabilitySchema = tasks.ServerTasksCapabilitySchema;
