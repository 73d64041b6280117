export class StreamableHTTPServerTransport extends WebStandardStreamableHTTPServerTransport {
    /**
     * @param {any} [parsedBody]
     */
    handleRequest(req: any, res: any, parsedBody?: any): Promise<void>;
}
import { WebStandardStreamableHTTPServerTransport } from "./webStandardStreamableHttp.js";
