/**
 * The schema of every spec type, by name (Standard Schema: `specTypeSchemas.Tool["~standard"]
 * .validate(value)`). Frozen; each schema is loaded when first read.
 * @type {Readonly<Record<string, any>>}
 */
export const specTypeSchemas: Readonly<Record<string, any>>;
/**
 * A type predicate for every spec type, by name: whether a value satisfies the type's input
 * shape (before defaults: `isSpecType.CallToolResult({})` is true).
 * @type {Readonly<Record<string, (value: unknown) => boolean>>}
 */
export const isSpecType: Readonly<Record<string, (value: unknown) => boolean>>;
/**
 * Builds every schema now rather than on first use (for runtimes that bill per request but not
 * per module load). Idempotent.
 * @returns {void}
 */
export function preloadSchemas(): void;
/**
 * A JSON-RPC message checked against the spec's schema; throws the schema's `ZodError`.
 * @param {unknown} value
 */
export function parseJSONRPCMessage(value: unknown): any;
/**
 * Whether `value` is a `CallToolResult` that has its `content` (the schema alone would default
 * a missing one).
 * @param {unknown} value
 * @returns {boolean}
 */
export function isCallToolResult(value: unknown): boolean;
/**
 * Reads a request's body as text, at most `maxBytes`: a `Content-Length` over the limit is
 * refused unread, and reading stops as soon as the limit is passed (`{tooLarge: true}`).
 * @param {Request} request
 * @param {number} [maxBytes]
 * @returns {Promise<{tooLarge: true} | {tooLarge: false, text: string}>}
 */
export function readRequestBody(request: Request, maxBytes?: number): Promise<{
    tooLarge: true;
} | {
    tooLarge: false;
    text: string;
}>;
import { getDisplayName } from "../shared/metadataUtils.js";
import { createFetchWithInit } from "../shared/transport.js";
export { getDisplayName, createFetchWithInit };
