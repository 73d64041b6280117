import { StdioServerTransport } from "../server/stdio.js";
/**
 * Serves MCP over stdio from a server factory: one instance for the connection.
 * @param {(ctx: {era: "legacy" | "modern"}) => any} factory
 * @param {{legacy?: "serve" | "reject", transport?: any, onerror?: (error: Error) => void, maxSubscriptions?: number}} [options]
 * @returns {{close(): Promise<void>}}
 */
export function serveStdio(factory: (ctx: {
    era: "legacy" | "modern";
}) => any, options?: {
    legacy?: "serve" | "reject";
    transport?: any;
    onerror?: (error: Error) => void;
    maxSubscriptions?: number;
}): {
    close(): Promise<void>;
};
export { StdioServerTransport };
