export class StreamableHTTPServerTransport extends WebStandardStreamableHTTPServerTransport {
    /**
     * @param {any} [parsedBody]
     */
    handleRequest(req: any, res: any, parsedBody?: any): Promise<void>;
    /**
     * Serves one request of node's whose body is `body` (read already) into `res`; resolves once
     * the answer is out (or the client left). `forward`, when given, makes the Web `Request` a
     * 2.x handler sees as `ctx.http.req`.
     */
    _serveNode(req: any, res: any, body: any, forward: any): Promise<void>;
}
import { WebStandardStreamableHTTPServerTransport } from "./webStandardStreamableHttp.js";
