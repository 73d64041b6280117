export class NodeStreamableHTTPServerTransport extends StreamableHTTPServerTransport {
}
/**
 * Serves a fetch-style handler (`{fetch(request, options)}`) on node's `(req, res, parsedBody?)`.
 * A handler of ferromcp's `createMcpHandler` is handed node's req/res as they are: the Web
 * `Request` its factory or tools may look at is made only if they do.
 * @param {{fetch: (request: Request, options?: any) => Promise<Response>}} handler
 * @param {{onerror?: (error: Error) => void, maxRequestBodySize?: number}} [opts]
 */
export function toNodeHandler(handler: {
    fetch: (request: Request, options?: any) => Promise<Response>;
}, opts?: {
    onerror?: (error: Error) => void;
    maxRequestBodySize?: number;
}): (req: any, res: any, parsedBody: any) => Promise<void>;
/**
 * Node's request as a Web `Request` (the body read here unless `parsedBody` is given).
 * @param {any} req
 * @param {any} [parsedBody]
 * @param {{signal?: AbortSignal, maxRequestBodySize?: number}} [options]
 */
export function toWebRequest(req: any, parsedBody?: any, options?: {
    signal?: AbortSignal;
    maxRequestBodySize?: number;
}): Promise<Request>;
import { hostHeaderValidation } from "./validation.js";
import { localhostHostValidation } from "./validation.js";
import { originValidation } from "./validation.js";
import { localhostOriginValidation } from "./validation.js";
import { StreamableHTTPServerTransport } from "../server/streamableHttp.js";
export { hostHeaderValidation, localhostHostValidation, originValidation, localhostOriginValidation };
