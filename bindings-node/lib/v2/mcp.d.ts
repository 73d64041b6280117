export class McpServer extends McpServerV1 {
    /**
     * The scope challenge of what a JSON-RPC request reaches, as 2.4 resolves it: a tool by name,
     * a resource by URI then the first template matching it, a prompt by name; nothing for a
     * disabled or unknown one, or any other method.
     * @param {{request: any, authInfo?: any}} context
     */
    resolveScopeChallenge(context: {
        request: any;
        authInfo?: any;
    }): any;
    /** Keeps `scopeChallenge` on a registered entry: `update({scopeChallenge})` sets it, `null` drops it. */
    _challenged(entry: any, scopeChallenge: any): any;
    _scopeChallenged: boolean | undefined;
    _newServer(serverInfo: any, options: any): Server;
    _error(code: any, message: any, data: any): ProtocolError;
    /** A tool call refused before its handler runs: a JSON-RPC error in 2.x. */
    _refusal(code: any, message: any): FerromcpWireError;
    /** An enabled tool's input schema as JSON Schema; undefined for another, or one that fails. */
    toolInputSchemaJson(name: any): any;
    /** 2.x keeps what the author declared (`listChanged: false` stays so). */
    _listChanged(kind: any): any;
    _toolParts(name: any): {
        checked: boolean;
        definition: (listed: any) => {
            name: any;
            title: any;
            description: any;
            inputSchema: any;
            annotations: any;
            icons: any;
            _meta: any;
            outputSchema: any;
        };
        schemas: () => {
            inputSchema: any;
            outputSchema: any;
        };
        input: () => any;
    };
    _promptDefinition(name: any): {
        name: any;
        title: any;
        description: any;
        arguments: {
            name: string;
            description: any;
            required: any;
        }[] | undefined;
        icons: any;
        _meta: any;
    };
    _resourceNotFound(uri: any): ResourceNotFoundError;
    registerTool(name: any, config: any, cb: any): any;
    /**
     * `config.cacheHint` ({ttlMs, cacheScope}): the cache fields of this resource's reads by
     * 2026-07-28 clients, where the result sets none (field by field; the server's
     * `cacheHints["resources/read"]`, then `0`/`private`, fill the rest).
     */
    registerResource(name: any, uriOrTemplate: any, config: any, readCallback: any): any;
    registerPrompt(name: any, config: any, cb: any): any;
}
import { ResourceTemplate } from "../server/mcp.js";
import { McpServer as McpServerV1 } from "../server/mcp.js";
import { Server } from "./server.js";
import { ProtocolError } from "./errors.js";
import { FerromcpWireError } from "./server.js";
import { ResourceNotFoundError } from "./errors.js";
export { ResourceTemplate };
