"use strict";
// `@modelcontextprotocol/sdk/shared/responseMessage.js`: helpers over the streams of
// `{type: 'result' | 'error' | …}` messages the SDK's task-aware request methods yield.

/** Every item of an async iterable, in an array. */
async function toArrayAsync(iterable) {
  const items = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

/** The first `result` message's result; the first `error` message's error is thrown. */
async function takeResult(iterable) {
  for await (const message of iterable) {
    if (message.type === "result") {
      return message.result;
    }
    if (message.type === "error") {
      throw message.error;
    }
  }
  throw new Error("No result in stream.");
}

module.exports = { toArrayAsync, takeResult };
