// What a TypeScript server writes against ferromcp's declarations (generated from the package's
// JavaScript): `tsc -p tests/node/types` must accept it.
import { Server } from "ferromcp/server/index.js";
import { McpServer, ResourceTemplate } from "ferromcp/server/mcp.js";
import { StdioServerTransport } from "ferromcp/server/stdio.js";
import { StreamableHTTPServerTransport } from "ferromcp/server/streamableHttp.js";
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from "ferromcp/types.js";
import { z } from "zod";
import { McpServer as McpServerV2 } from "ferromcp";
import { SKILLS_EXTENSION_ID, SkillsExtension, memorySkillFiles, skillEntry, type Skill, type SkillWarning } from "ferromcp/ext/skills";
import { loadSkills } from "ferromcp/ext/skills/node";
import { mcpAuthRouter } from "ferromcp/server/auth/router.js";
import type { AuthorizationParams, OAuthServerProvider } from "ferromcp/server/auth/provider.js";
import type { OAuthRegisteredClientsStore } from "ferromcp/server/auth/clients.js";
import { ProxyOAuthServerProvider } from "ferromcp/server/auth/providers/proxyProvider.js";
import { InvalidGrantError } from "ferromcp/server/auth/errors.js";
import { AjvJsonSchemaValidator, addFormats, Ajv } from "ferromcp/validators/ajv";
import { AjvJsonSchemaValidator as AjvV1 } from "ferromcp/validation/ajv";
import { CfWorkerJsonSchemaValidator } from "ferromcp/validation/cfworker";
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from "ferromcp/experimental/tasks";

const low = new Server({ name: "typed", version: "1.0.0" }, { capabilities: { tools: {} } });
low.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
low.setRequestHandler(CallToolRequestSchema, async (request: { params: { name: string } }) => {
  throw new McpError(ErrorCode.MethodNotFound, `Unknown tool: ${request.params.name}`);
});

const server = new McpServer({ name: "typed", version: "1.0.0" });
server.registerTool("add", { inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }: { a: number; b: number }) => ({
  content: [{ type: "text", text: String(a + b) }],
}));
server.registerResource(
  "user",
  new ResourceTemplate("users://{id}", { list: undefined }),
  {},
  async (uri: URL) => ({ contents: [{ uri: uri.href, text: "x" }] }),
);
server.tool("ping", async () => ({ content: [] }));
await server.server.sendLoggingMessage({ level: "info", data: "hi" });
await server.connect(new StdioServerTransport());
const http = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await low.connect(http);

// The skills extension on a 2.x McpServer: a catalog from memory, one from a folder, a source.
const warnings: SkillWarning[] = [];
const catalog = await SkillsExtension.load(memorySkillFiles({ "pdf/SKILL.md": "---\nname: pdf\ndescription: PDFs\n---\n" }), {
  pageSize: 10,
  onWarning: (w) => warnings.push(w),
});
const first: Skill | undefined = catalog.entries[0];
catalog.attach(new McpServerV2({ name: "skills", version: "1.0.0" }));
const changes = await catalog.reload();
const listChanged: boolean = changes.listChanged;
(await loadSkills("./skills", { prefix: "acme" })).attach(new McpServerV2({ name: "skills", version: "1.0.0" }));
const entry = await skillEntry("pdf", { "SKILL.md": "---\nname: pdf\ndescription: PDFs\n---\n" });
new SkillsExtension({
  source: {
    list: async () => ({ skills: [entry] }),
    get: async (uri) => (uri === entry.uri ? entry : undefined),
    read: async () => ({ text: "x", mimeType: "text/markdown" }),
  },
}).attach(new McpServerV2({ name: "skills", version: "1.0.0" }));
const id: string = SKILLS_EXTENSION_ID;
void [first, listChanged, id];

// An authorization server: an author's provider and the SDK's proxy, both behind mcpAuthRouter.
class MemoryProvider implements OAuthServerProvider {
  readonly clientsStore: OAuthRegisteredClientsStore = { getClient: (id: string) => undefined, registerClient: (c: unknown) => c };
  async authorize(_client: unknown, params: AuthorizationParams, res: { redirect(url: string): void }) {
    res.redirect(`${params.redirectUri}?code=c&state=${params.state ?? ""}`);
  }
  async challengeForAuthorizationCode(_client: unknown, code: string): Promise<string> {
    throw new InvalidGrantError(`unknown code ${code}`);
  }
  async exchangeAuthorizationCode() {
    return { access_token: "a", token_type: "bearer" };
  }
  async exchangeRefreshToken(_client: unknown, _refreshToken: string, scopes?: string[]) {
    return { access_token: "a", token_type: "bearer", scope: scopes?.join(" ") };
  }
  async verifyAccessToken(token: string) {
    return { token, clientId: "c", scopes: [] };
  }
}
const proxy: OAuthServerProvider = new ProxyOAuthServerProvider({
  endpoints: { authorizationUrl: "https://up.example/authorize", tokenUrl: "https://up.example/token" },
  verifyAccessToken: async (token: string) => ({ token, clientId: "c", scopes: [] }),
  getClient: async () => undefined,
});
void [
  mcpAuthRouter({ provider: new MemoryProvider(), issuerUrl: new URL("https://auth.example"), tokenOptions: { rateLimit: false } }),
  mcpAuthRouter({ provider: proxy, issuerUrl: new URL("https://auth.example"), clientRegistrationOptions: { clientIdGeneration: false } }),
];

// Validators and task stores as a server configures them.
const engine = new Ajv();
addFormats(engine);
const validators = [new AjvJsonSchemaValidator(engine), new AjvV1(), new CfWorkerJsonSchemaValidator({ draft: "7" })];
const tasked = new Server(
  { name: "typed-tasks", version: "1.0.0" },
  { capabilities: { tasks: {} }, taskStore: new InMemoryTaskStore(), taskMessageQueue: new InMemoryTaskMessageQueue(), jsonSchemaValidator: validators[1] },
);
void tasked;
