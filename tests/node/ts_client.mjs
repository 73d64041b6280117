// The official TypeScript SDK's Client against a server over HTTP: `node ts_client.mjs URL
// [streamable|sse]`. Prints one JSON object with what the server answered; exits non-zero on
// any failure. Module resolution: NODE_PATH is not used by ESM, so the SDK is imported by path
// from FERROMCP_TS_SDK (a node_modules directory holding @modelcontextprotocol/sdk).
import path from "node:path";
import { pathToFileURL } from "node:url";

const [url, mode = "streamable"] = process.argv.slice(2);
const sdk = process.env.FERROMCP_TS_SDK;
const load = (sub) =>
  import(pathToFileURL(path.join(sdk, "@modelcontextprotocol/sdk/dist/esm", sub)).href);

const { Client } = await load("client/index.js");
const transport =
  mode === "sse"
    ? new (await load("client/sse.js")).SSEClientTransport(new URL(url))
    : new (await load("client/streamableHttp.js")).StreamableHTTPClientTransport(new URL(url));

const logs = [];
const client = new Client({ name: "ts-client", version: "1.0.0" }, { capabilities: {} });
const { LoggingMessageNotificationSchema } = await load("types.js");
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
  logs.push(n.params.data);
});
const timer = setTimeout(() => {
  console.error("timed out");
  process.exit(2);
}, 30000);
await client.connect(transport);
const out = {
  server: client.getServerVersion(),
  tools: (await client.listTools()).tools.map((t) => t.name).sort(),
  echo: await client.callTool({ name: "echo", arguments: { text: "from ts" } }),
  add: await client.callTool({ name: "add", arguments: { a: 2, b: 40 } }),
  fail: await client.callTool({ name: "fail", arguments: {} }),
  progress: await client.callTool({ name: "progress", arguments: { steps: 2 } }, undefined, {
    onprogress: () => {},
  }),
  resource: await client.readResource({ uri: "memo://hello" }),
  prompt: await client.getPrompt({ name: "greet", arguments: { name: "Ada" } }),
};
out.logs = logs;
await client.close();
clearTimeout(timer);
process.stdout.write(JSON.stringify(out) + "\n");
