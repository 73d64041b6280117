// Elicitation from an `McpServer` tool (1.x): the client's capabilities checked first, then an
// accepted form checked against the schema it was asked with by the server's
// `jsonSchemaValidator` — ajv by default, or (argument `ajv` / `cfworker`) one from
// `validation/ajv` or `validation/cfworker`. Run unchanged on ferromcp and on the official SDK
// by tests/node/elicitation.test.mjs.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { z } from "zod";

const validators = { ajv: () => new AjvJsonSchemaValidator(), cfworker: () => new CfWorkerJsonSchemaValidator() };
const chosen = validators[process.argv[2]];
const server = new McpServer({ name: "elicit-server", version: "1.0.0" }, chosen ? { jsonSchemaValidator: chosen() } : {});

const NIGHTS = {
  type: "object",
  properties: { nights: { type: "integer", minimum: 1 }, note: { type: "string", maxLength: 5 } },
  required: ["nights"],
};

server.registerTool("book", { inputSchema: { mode: z.enum(["form", "url"]) } }, async ({ mode }) => {
  const answer =
    mode === "url"
      ? await server.server.elicitInput({ mode: "url", message: "Pay here", url: "https://example.com/pay", elicitationId: "e1" })
      : await server.server.elicitInput({ message: "How many nights?", requestedSchema: NIGHTS });
  return { content: [{ type: "text", text: JSON.stringify(answer) }] };
});

await server.connect(new StdioServerTransport());
