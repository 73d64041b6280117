"use strict";
// The change events `subscriptions/listen` streams carry (2026-07-28), as
// `@modelcontextprotocol/server` 2.x names them: a `ServerEventBus` (`publish(event)`,
// `subscribe(listener) → unsubscribe`) and its in-process `InMemoryServerEventBus`.
// `createMcpHandler` subscribes once and hands every event to the core, which sends it on each
// open listen that asked for it, tagged with that listen's id.

class InMemoryServerEventBus {
  /**
   * @param {(error: Error) => void} [onerror] errors thrown by listeners
   */
  constructor(onerror) {
    this.onerror = onerror;
    this._listeners = new Set();
  }

  /** Delivers `event` to every listener now; one that throws does not stop the others. */
  publish(event) {
    for (const listener of [...this._listeners]) {
      try {
        listener(event);
      } catch (e) {
        this.onerror?.(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  /** Adds `listener`; returns the function that removes it (idempotent). */
  subscribe(listener) {
    const entry = (event) => listener(event);
    this._listeners.add(entry);
    return () => {
      this._listeners.delete(entry);
    };
  }

  get listenerCount() {
    return this._listeners.size;
  }
}

/** `handler.notify`: one method per change event. */
function createServerNotifier(bus) {
  return {
    toolsChanged: () => bus.publish({ kind: "tools_list_changed" }),
    promptsChanged: () => bus.publish({ kind: "prompts_list_changed" }),
    resourcesChanged: () => bus.publish({ kind: "resources_list_changed" }),
    resourceUpdated: (uri) => bus.publish({ kind: "resource_updated", uri }),
  };
}

/** The core's name for an event's change (`Connection.publish`), or undefined. */
function changeOf(event) {
  switch (event?.kind) {
    case "tools_list_changed":
      return ["tools", undefined];
    case "prompts_list_changed":
      return ["prompts", undefined];
    case "resources_list_changed":
      return ["resources", undefined];
    case "resource_updated":
      return typeof event.uri === "string" ? ["resource", event.uri] : undefined;
    default:
      return undefined;
  }
}

module.exports = { InMemoryServerEventBus, createServerNotifier, changeOf };
