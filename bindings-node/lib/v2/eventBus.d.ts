export class InMemoryServerEventBus {
    /**
     * @param {(error: Error) => void} [onerror] errors thrown by listeners
     */
    constructor(onerror?: (error: Error) => void);
    onerror: ((error: Error) => void) | undefined;
    _listeners: Set<any>;
    /** Delivers `event` to every listener now; one that throws does not stop the others. */
    publish(event: any): void;
    /** Adds `listener`; returns the function that removes it (idempotent). */
    subscribe(listener: any): () => void;
    get listenerCount(): number;
}
/** `handler.notify`: one method per change event. */
export function createServerNotifier(bus: any): {
    toolsChanged: () => any;
    promptsChanged: () => any;
    resourcesChanged: () => any;
    resourceUpdated: (uri: any) => any;
};
/** The core's name for an event's change (`Connection.publish`), or undefined. */
export function changeOf(event: any): any[] | undefined;
