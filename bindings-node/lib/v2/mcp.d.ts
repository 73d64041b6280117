export class McpServer extends McpServerV1 {
    _newServer(serverInfo: any, options: any): Server;
    _error(code: any, message: any, data: any): ProtocolError;
}
import { ResourceTemplate } from "../server/mcp.js";
import { McpServer as McpServerV1 } from "../server/mcp.js";
import { Server } from "./server.js";
import { ProtocolError } from "./errors.js";
export { ResourceTemplate };
