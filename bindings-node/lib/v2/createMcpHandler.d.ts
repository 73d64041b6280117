/**
 * A fetch-style MCP endpoint over the author's server factory.
 * @param {(ctx: any) => any} factory
 * @param {{legacy?: "stateless" | "reject", onerror?: (error: Error) => void, responseMode?: "auto" | "sse" | "json", bus?: any, maxSubscriptions?: number, keepAliveMs?: number, maxRequestBodySize?: number}} [options]
 */
export function createMcpHandler(factory: (ctx: any) => any, options?: {
    legacy?: "stateless" | "reject";
    onerror?: (error: Error) => void;
    responseMode?: "auto" | "sse" | "json";
    bus?: any;
    maxSubscriptions?: number;
    keepAliveMs?: number;
    maxRequestBodySize?: number;
}): {
    fetch: (request: any, requestOptions: any) => Promise<Response>;
    close: () => Promise<void>;
    notify: {
        toolsChanged: () => any;
        promptsChanged: () => any;
        resourcesChanged: () => any;
        resourceUpdated: (uri: any) => any;
    };
    bus: any;
};
/**
 * The stateless 2025-era leg: a fresh instance and transport per POST, torn down when its
 * answer has been read.
 * @param {(ctx: any) => any} factory
 * @param {(error: Error) => void} [onerror]
 * @param {{maxRequestBodySize?: number}} [_options]
 */
export function legacyStatelessFallback(factory: (ctx: any) => any, onerror?: (error: Error) => void, _options?: {
    maxRequestBodySize?: number;
}): (request: any, options: any) => Promise<Response>;
export const DEFAULT_MAX_REQUEST_BODY_SIZE: number;
/** A `maxRequestBodySize` option as the bound it sets; anything but a positive number is refused. */
export function resolveMaxRequestBodySize(value: any): number;
export function requestBodyTooLargeMessage(max: any): string;
/** The id a request body carries, to answer a failure with it. */
export function echoableId(body: any): any;
