// The published npm servers the Node survey runs, pinned, and what it asks each of them.
// `env`: what a server needs to start (dummy credentials: only calls that stay local are made).
// `calls`: tools/call steps after the lists; `reads`, `prompts`: resources/read and prompts/get;
// `complete`: completion/complete ([ref, argument, value, context arguments?]); `subscribe`: URIs
// subscribed to and unsubscribed from; `logLevel`: logging/setLevel right after initialize;
// `tasks`: tools/call made as a task, then tasks/result and tasks/get; `client`: the sampling and
// elicitation results the client answers with (it declares those capabilities); a call's third
// element `{ progress: true }` sends a progress token.
// `http`: how the server serves HTTP, for its second run `<key>-http` (README.md): `args` instead
// of its arguments, `env` over its environment (`{port}`: the free port it is given), `script`
// (a file in the package) instead of its bin, `path` (default `/mcp`, may carry a query),
// `headers` every request sends, `sse` for the old HTTP+SSE transport.

export const SERVERS = [
  {
    key: "memory",
    pkg: "@modelcontextprotocol/server-memory",
    version: "2026.8.31",
    env: { MEMORY_FILE_PATH: "{work}/memory.jsonl" },
    calls: [
      ["create_entities", { entities: [{ name: "ferromcp", entityType: "project", observations: ["fast"] }] }],
      ["add_observations", { observations: [{ entityName: "ferromcp", contents: ["rust core"] }] }],
      ["read_graph", {}],
      ["search_nodes", { query: "rust" }],
      ["create_entities", { entities: "not a list" }],
      ["open_nodes", {}],
    ],
  },
  {
    key: "filesystem",
    pkg: "@modelcontextprotocol/server-filesystem",
    version: "2026.8.31",
    args: ["{work}"],
    files: { "hello.txt": "hello from the survey\n", "sub/inner.md": "# inner\n" },
    calls: [
      ["list_allowed_directories", {}],
      ["list_directory", { path: "{work}" }],
      ["read_text_file", { path: "{work}/hello.txt" }],
      ["read_text_file", { path: "/etc/passwd" }],
      ["get_file_info", { path: "{work}/sub/inner.md" }],
      ["directory_tree", { path: "{work}" }],
      ["search_files", { path: "{work}", pattern: "*.md" }],
      ["read_text_file", {}],
    ],
  },
  {
    key: "sequential-thinking",
    pkg: "@modelcontextprotocol/server-sequential-thinking",
    version: "2026.8.31",
    env: { DISABLE_THOUGHT_LOGGING: "true" },
    calls: [
      ["sequentialthinking", { thought: "first", thoughtNumber: 1, totalThoughts: 2, nextThoughtNeeded: true }],
      ["sequentialthinking", { thought: "second", thoughtNumber: 2, totalThoughts: 2, nextThoughtNeeded: false }],
      ["sequentialthinking", { thought: 3 }],
    ],
  },
  {
    key: "everything",
    pkg: "@modelcontextprotocol/server-everything",
    version: "2026.8.31",
    args: ["stdio"],
    http: { args: ["streamableHttp"], env: { PORT: "{port}" } },
    calls: [
      ["echo", { message: "hi" }],
      ["get-sum", { a: 2, b: 3 }],
      ["get-sum", { a: "x" }],
      ["get-tiny-image", {}],
      ["get-structured-content", { location: "New York" }],
      ["get-annotated-message", { messageType: "error", includeImage: false }],
    ],
    reads: ["demo://resource/static/document/architecture.md"],
    prompts: [["simple-prompt", {}]],
    logLevel: "info",
    complete: [
      [{ type: "ref/prompt", name: "completable-prompt" }, "department", "E"],
      [{ type: "ref/prompt", name: "completable-prompt" }, "name", "", { department: "Sales" }],
      [{ type: "ref/prompt", name: "simple-prompt" }, "x", ""],
      [{ type: "ref/resource", uri: "demo://resource/dynamic/text/{resourceId}" }, "resourceId", "12"],
      [{ type: "ref/resource", uri: "demo://nowhere/{id}" }, "id", "1"],
    ],
    subscribe: ["demo://resource/static/document/architecture.md"],
  },
  {
    // The same server for a client that declares sampling and elicitation (answered with fixed
    // results): the tools McpServer registers from `oninitialized` for such a client, a tool's
    // sampling and elicitation requests, progress notifications for a call that sent a progress
    // token, and `registerToolTask` (taskSupport "required"): a call made as a task, the task's
    // result (its elicitation asked through tasks/result) and state.
    key: "everything-client",
    pkg: "@modelcontextprotocol/server-everything",
    version: "2026.8.31",
    args: ["stdio"],
    http: { args: ["streamableHttp"], env: { PORT: "{port}" } },
    client: {
      sampling: { role: "assistant", content: { type: "text", text: "sampled" }, model: "survey-model", stopReason: "endTurn" },
      elicitation: { action: "accept", content: { name: "Survey", interpretation: "programming" } },
    },
    calls: [
      ["trigger-sampling-request", { prompt: "hello", maxTokens: 10 }],
      ["trigger-elicitation-request", {}],
      ["trigger-long-running-operation", { duration: 1, steps: 2 }, { progress: true }],
      ["simulate-research-query", { topic: "python" }],
    ],
    tasks: [["simulate-research-query", { topic: "python", ambiguous: true }]],
  },
  {
    key: "github",
    pkg: "@modelcontextprotocol/server-github",
    version: "2025.4.8",
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: "survey-dummy-token" },
    calls: [["create_issue", { owner: 1 }], ["get_file_contents", {}]],
  },
  {
    key: "brave-search",
    pkg: "@modelcontextprotocol/server-brave-search",
    version: "0.6.2",
    env: { BRAVE_API_KEY: "survey-dummy-key" },
    calls: [["brave_web_search", {}], ["brave_local_search", { count: "many" }]],
  },
  {
    key: "slack",
    pkg: "@modelcontextprotocol/server-slack",
    version: "2025.4.25",
    env: { SLACK_BOT_TOKEN: "xoxb-survey-dummy", SLACK_TEAM_ID: "T0000000" },
    calls: [["slack_post_message", {}], ["slack_get_users", { limit: "many" }]],
  },
  {
    key: "google-maps",
    pkg: "@modelcontextprotocol/server-google-maps",
    version: "0.6.2",
    env: { GOOGLE_MAPS_API_KEY: "survey-dummy-key" },
    calls: [["maps_geocode", {}], ["maps_distance_matrix", { origins: "x" }]],
  },
  {
    // McpServer.registerTool with titles, annotations and outputSchema; a `logging` capability and
    // instructions; wraps the SDK's own tools/list handler through `server._requestHandlers`.
    key: "brave",
    pkg: "@brave/brave-search-mcp-server",
    version: "2.1.4",
    env: { BRAVE_API_KEY: "survey-dummy-key" },
    http: { args: ["--transport=http", "--host=127.0.0.1", "--port={port}"] },
    calls: [
      ["brave_web_search", {}],
      ["brave_web_search", { query: "rust", count: 500 }],
      ["brave_local_search", { query: 1 }],
      ["brave_summarizer", {}],
    ],
  },
  {
    // registerTool with outputSchema and annotations, zod 3; wraps the SDK's tools/list handler
    // in `_requestHandlers`; the API is pointed at a closed local port, so a valid call fails there.
    key: "perplexity",
    pkg: "@perplexity-ai/mcp-server",
    version: "1.2.1",
    env: { PERPLEXITY_API_KEY: "survey-dummy-key", PERPLEXITY_BASE_URL: "http://127.0.0.1:9" },
    http: { script: "dist/http.js", env: { PORT: "{port}", BIND_ADDRESS: "127.0.0.1" } },
    calls: [
      ["perplexity_search", { query: "rust" }],
      ["perplexity_ask", {}],
      ["perplexity_ask", { messages: "not a list" }],
      ["perplexity_reason", { messages: [{ role: "user" }] }],
    ],
  },
  {
    // McpServer from the v1 SDK with zod 4 schemas, outputSchema and annotations; its API host is
    // a closed local port.
    key: "sentry",
    pkg: "@sentry/mcp-server",
    version: "0.39.0",
    args: ["--access-token=survey-dummy-token", "--host=127.0.0.1:9"],
    calls: [
      ["find_organizations", { query: 5 }],
      ["search_issues", {}],
      ["update_issue", { organizationSlug: "x", issueId: "1", status: "nonsense" }],
      ["get_sentry_resource", {}],
    ],
  },
  {
    // registerTool with a `zod/v3` schema from zod 4; the tool runs ESLint on fixture files.
    key: "eslint",
    pkg: "@eslint/mcp",
    version: "0.3.13",
    files: {
      "eslint.config.mjs": 'export default [{ rules: { "no-unused-vars": "error", semi: "error" } }];\n',
      "bad.js": "var unused = 1\n",
      "good.js": "console.log(1);\n",
    },
    calls: [
      ["lint-files", { filePaths: ["{work}/bad.js", "{work}/good.js"] }],
      ["lint-files", { filePaths: [] }],
      ["lint-files", { filePaths: ["{work}/missing.js"] }],
      ["lint-files", {}],
    ],
  },
  {
    // The deprecated server.tool/resource/prompt API: a static resource, a resource template
    // without a list callback, a prompt without arguments.
    key: "hello-world",
    pkg: "mcp-hello-world",
    version: "1.1.2",
    http: { script: "build/http.js", env: { PORT: "{port}" }, sse: true, path: "/sse" },
    calls: [
      ["echo", { message: "hi" }],
      ["add", { a: 2, b: 3 }],
      ["add", { a: "x" }],
      ["debug", {}],
    ],
    reads: ["hello://world", "greeting://survey"],
    prompts: [["helpful-assistant", {}]],
  },
  {
    // The low-level Server: hand-written resources, prompts with arguments, tools with
    // annotations, a tool result without content, McpError and plain errors thrown.
    key: "kubernetes",
    pkg: "mcp-server-kubernetes",
    version: "4.1.7",
    env: { KUBECONFIG: "{work}/kubeconfig" },
    http: { env: { ENABLE_UNSAFE_STREAMABLE_HTTP_TRANSPORT: "1", HOST: "127.0.0.1", PORT: "{port}" } },
    files: {
      kubeconfig: [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- {name: survey, cluster: {server: 'https://127.0.0.1:1'}}",
        "contexts:",
        "- {name: survey, context: {cluster: survey, user: survey}}",
        "current-context: survey",
        "users:",
        "- {name: survey, user: {token: survey-dummy}}",
        "",
      ].join("\n"),
    },
    calls: [
      ["ping", {}],
      ["cleanup", {}],
      ["stop_port_forward", { id: "nowhere" }],
    ],
    reads: ["k8s://namespaces", "k8s://nowhere/widgets"],
    prompts: [["k8s-diagnose", { keyword: "web" }], ["k8s-diagnose", {}]],
  },
  {
    // McpServer with its tools and prompts handlers set on `mcpServer.server`: 100+ tools with
    // zod 4 JSON schemas, prompts, a tool that sends tools/list_changed; the API is a closed port.
    key: "gitlab",
    pkg: "@zereight/mcp-gitlab",
    version: "2.1.64",
    env: { GITLAB_PERSONAL_ACCESS_TOKEN: "survey-dummy-token", GITLAB_API_URL: "http://127.0.0.1:9/api/v4" },
    http: {
      env: { STREAMABLE_HTTP: "true", HOST: "127.0.0.1", PORT: "{port}", STREAMABLE_HTTP_AUTH_TOKEN: "survey-dummy-mcp-token" },
      headers: { Authorization: "Bearer survey-dummy-mcp-token" },
    },
    calls: [
      ["discover_tools", {}],
      ["discover_tools", { category: "wiki" }],
      ["discover_tools", { category: "nonsense" }],
      ["get_project", {}],
      ["get_project", { project_id: "1" }],
    ],
    prompts: [["review_merge_request", { project_id: "1", merge_request_iid: "2" }], ["no-such-prompt", {}]],
  },
  {
    // server.tool with z.enum; the tool runs code locally and rejects with a string, not an Error.
    key: "code-runner",
    pkg: "mcp-server-code-runner",
    version: "0.1.8",
    env: { TMPDIR: "{work}" },
    http: { args: ["--transport", "http", "--port", "{port}"] },
    calls: [
      ["run-code", { code: "console.log(6 * 7)", languageId: "javascript" }],
      ["run-code", { code: "process.stderr.write('boom')", languageId: "javascript" }],
      ["run-code", { code: "x", languageId: "cobol" }],
      ["run-code", {}],
    ],
  },
  {
    // The low-level Server loaded with require() (CommonJS); zod 4 schemas turned to JSON Schema by
    // the server itself, annotations, McpError thrown from tools/call; the chart service is a
    // closed local port.
    key: "chart",
    pkg: "@antv/mcp-server-chart",
    version: "0.9.10",
    env: { VIS_REQUEST_SERVER: "http://127.0.0.1:9/api/gpt-vis" },
    http: { args: ["--transport=streamable", "--host=127.0.0.1", "--port={port}"] },
    calls: [
      ["generate_bar_chart", {}],
      ["generate_pie_chart", { data: "x" }],
      ["generate_line_chart", { data: [{ time: "2025", value: "high" }] }],
    ],
  },
  {
    // registerTool with titles and annotations, an `Implementation.description`.
    key: "figma",
    pkg: "figma-developer-mcp",
    version: "0.13.2",
    args: ["--stdio"],
    env: { FIGMA_API_KEY: "survey-dummy-key", FRAMELINK_TELEMETRY: "off", DO_NOT_TRACK: "1", IMAGE_DIR: "{work}" },
    http: { args: ["--host=127.0.0.1", "--port={port}"] },
    calls: [
      ["get_figma_data", {}],
      ["get_figma_data", { fileKey: 5 }],
      ["download_figma_images", { fileKey: "abc" }],
    ],
  },
  {
    // fastmcp 4 (on the low-level Server): tools with standard-schema parameters, outputSchema and
    // annotations; instructions; `logging` and `completions` capabilities with fastmcp's own
    // logging/setLevel and completion/complete handlers; a tool's `log.info` sent as
    // notifications/message. Over HTTP: stateless, through mcp-proxy. The API is a closed port.
    key: "firecrawl",
    pkg: "firecrawl-mcp",
    version: "3.26.0",
    env: { FIRECRAWL_API_KEY: "fc-survey-dummy", FIRECRAWL_API_URL: "http://127.0.0.1:9" },
    http: { env: { HTTP_STREAMABLE_SERVER: "true", HOST: "127.0.0.1", PORT: "{port}" }, headers: { Authorization: "Bearer fc-survey-dummy" } },
    logLevel: "debug",
    calls: [
      ["firecrawl_scrape", { url: "https://example.com" }],
      ["firecrawl_scrape", {}],
      ["firecrawl_search", { query: 5 }],
      ["firecrawl_map", { url: "https://example.com" }],
      ["firecrawl_monitor_list", {}],
    ],
    complete: [[{ type: "ref/prompt", name: "no-such-prompt" }, "x", ""]],
  },
  {
    // McpServer with icons, declared `completions` and `logging` capabilities, a completion/complete
    // and prompts handlers set on `server.server`; logging messages sent as soon as it connects;
    // 29 tools with zod 4 output schemas (turf geometry computed locally, the API a closed port);
    // MCP Apps' `registerAppResource` (@modelcontextprotocol/ext-apps), resource templates.
    key: "mapbox",
    pkg: "@mapbox/mcp-server",
    version: "0.14.0",
    env: {
      MAPBOX_ACCESS_TOKEN: "pk.eyJ1Ijoic3VydmV5IiwiYSI6ImR1bW15In0.c3VydmV5",
      MAPBOX_API_ENDPOINT: "http://127.0.0.1:9/",
      OTEL_TRACING_ENABLED: "false",
      OTEL_SDK_DISABLED: "true",
    },
    logLevel: "debug",
    calls: [
      ["distance_tool", { from: { longitude: 2.35, latitude: 48.85 }, to: { longitude: -0.12, latitude: 51.5 } }],
      ["bearing_tool", { from: { longitude: 2.35, latitude: 48.85 }, to: { longitude: -0.12, latitude: 51.5 } }],
      ["area_tool", { geometry: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }],
      ["distance_tool", { from: { longitude: 500, latitude: 0 } }],
      ["search_and_geocode_tool", { q: "Paris" }],
    ],
    reads: ["mapbox://version", "mapbox://categories", "mapbox://temp/nothing"],
    prompts: [["get-directions", { from: "Paris", to: "London" }], ["no-such-prompt", {}]],
    complete: [[{ type: "ref/prompt", name: "get-directions" }, "mode", "dr"], [{ type: "ref/resource", uri: "mapbox://temp/{id}" }, "id", "x"]],
  },
  {
    // @cyanheads/mcp-ts-core (McpServer): tools with zod 4 input and output schemas, a prompt with
    // an enum argument, a resource, `logging` and list-changed capabilities. NCBI is not asked:
    // only calls its own validation refuses. (Its HTTP transport needs Node 22.)
    key: "pubmed",
    pkg: "@cyanheads/pubmed-mcp-server",
    version: "2.7.4",
    env: { OTEL_ENABLED: "false", STORAGE_PROVIDER_TYPE: "in-memory", NCBI_ADMIN_EMAIL: "survey@example.com" },
    logLevel: "debug",
    calls: [
      ["pubmed_format_citations", {}],
      ["pubmed_format_citations", { pmids: ["not-a-pmid"], format: "chicago" }],
      ["pubmed_convert_ids", { ids: [] }],
    ],
    prompts: [
      ["research_plan", { title: "Survey", goal: "compare", keywords: "mcp, rust", includeAgentPrompts: "true" }],
      ["research_plan", { title: "Survey" }],
    ],
    complete: [[{ type: "ref/prompt", name: "research_plan" }, "includeAgentPrompts", "t"]],
  },
  {
    // McpServer with `server.tool(name, description, { params: schema.optional() }, annotations, h)`
    // (zod 3), list-changed capabilities. Over HTTP it connects its one McpServer to a new
    // stateless transport per POST, which SDK 1.32 refuses ("Already connected"), as ferromcp does.
    key: "circleci",
    pkg: "@circleci/mcp-server-circleci",
    version: "0.20.0",
    env: { CIRCLECI_TOKEN: "survey-dummy-token", CIRCLECI_BASE_URL: "http://127.0.0.1:9", DISABLE_TELEMETRY: "true" },
    http: { env: { start: "remote", port: "{port}", MCP_BIND_HOST: "127.0.0.1" }, headers: { Authorization: "Bearer survey-dummy-token" } },
    calls: [
      ["config_helper", { params: { configFile: "version: 2.1\n" } }],
      ["get_build_failure_logs", { params: {} }],
      ["list_followed_projects", {}],
      ["run_pipeline", { params: 5 }],
    ],
  },
  {
    // The low-level Server (CommonJS) over a local SQLite (sql.js) database of n8n's nodes: tools
    // with outputSchema, MCP Apps `ui://` resources; it also imports the SDK's client modules.
    key: "n8n",
    pkg: "n8n-mcp",
    version: "2.87.0",
    env: { N8N_MCP_TELEMETRY_DISABLED: "true", HOME: "{work}" },
    http: {
      script: "dist/mcp/index.js",
      env: { MCP_MODE: "http", HOST: "127.0.0.1", PORT: "{port}", AUTH_TOKEN: "survey-dummy-auth-token-0123456789abcdef" },
      headers: { Authorization: "Bearer survey-dummy-auth-token-0123456789abcdef" },
    },
    calls: [
      ["search_nodes", { query: "slack", limit: 2 }],
      ["get_node", { nodeType: "nodes-base.set", detail: "minimal" }],
      ["validate_node", { nodeType: "nodes-base.set", config: {}, mode: "minimal" }],
      ["search_nodes", {}],
      ["tools_documentation", { topic: "search_nodes" }],
    ],
    reads: ["ui://n8n-mcp/validation-summary", "ui://n8n-mcp/nowhere"],
  },
  {
    // The low-level Server with outputSchema in tools/list (zod 4 `toJSONSchema`), custom errors
    // carrying a JSON-RPC code; over HTTP a new Server and stateless transport per POST on Express,
    // GET and DELETE answered 405. Only calls its validation refuses (the API is not asked).
    key: "lara",
    pkg: "@translated/lara-mcp",
    version: "1.0.6",
    env: { LARA_ACCESS_KEY_ID: "survey-dummy-id", LARA_ACCESS_KEY_SECRET: "survey-dummy-secret" },
    http: {
      env: { TRANSPORT: "http", HOST: "127.0.0.1", PORT: "{port}" },
      path: "/v1",
      headers: { "X-Lara-Access-Key-Id": "survey-dummy-id", "X-Lara-Access-Key-Secret": "survey-dummy-secret" },
    },
    calls: [["translate", {}], ["detect_language", { text: 5 }], ["create_memory", { name: 1 }]],
    reads: ["nowhere://x"],
  },
  {
    // The low-level Server declaring `resources: { subscribe: true, listChanged: true }` without
    // subscribe handlers; resources from files (a fixture), read as blobs; zod 3 checks in the tool.
    key: "fetch",
    pkg: "@kazuph/mcp-fetch",
    version: "1.6.3",
    env: { HOME: "{work}" },
    files: { "Downloads/mcp-fetch/2025-01-01/merged_survey.jpg": "not really a jpeg\n" },
    calls: [["imageFetch", { url: "http://127.0.0.1:9/" }], ["imageFetch", {}]],
    reads: ["file://{work}/Downloads/mcp-fetch/2025-01-01/merged_survey.jpg", "file:///nowhere.jpg"],
    subscribe: ["file://{work}/Downloads/mcp-fetch/2025-01-01/merged_survey.jpg"],
  },
  {
    // The low-level Server building its tools' input schemas on `ToolSchema.shape.inputSchema`
    // from the SDK's types; the API is a closed local port.
    key: "hubspot",
    pkg: "@hubspot/mcp-server",
    version: "0.4.0",
    env: { PRIVATE_APP_ACCESS_TOKEN: "survey-dummy-token", BASE_URL_OVERRIDE: "http://127.0.0.1:9" },
    calls: [
      ["hubspot-get-user-details", {}],
      ["hubspot-list-objects", { objectType: 5 }],
      ["hubspot-get-link", {}],
    ],
  },
  {
    // McpServer of SDK 1.13.2 (`server.tool` with zod 3 shapes, the SDK's own zod); the cluster is
    // a closed local port.
    key: "elasticsearch",
    pkg: "@elastic/mcp-server-elasticsearch",
    version: "0.3.1",
    env: { ES_URL: "http://127.0.0.1:9", ES_API_KEY: "survey-dummy-key", OTEL_SDK_DISABLED: "true" },
    calls: [["list_indices", { indexPattern: "*" }], ["search", {}], ["get_shards", { index: 5 }]],
  },
  {
    // The low-level Server of SDK 1.0.1 whose resources/list and tools ask a PostgreSQL at a
    // closed local port: errors thrown from both.
    key: "postgres",
    pkg: "@modelcontextprotocol/server-postgres",
    version: "0.6.2",
    args: ["postgresql://survey:dummy@127.0.0.1:9/survey"],
    calls: [["query", { sql: "SELECT 1" }], ["query", {}]],
    reads: ["postgres://127.0.0.1:9/users/schema"],
  },
  // Servers written for v2 (`@modelcontextprotocol/server` 2.x and its adapters), `sdk: 2`:
  // installed apart, in `.work/official-v2/` and `.work/ferromcp-v2/` (README.md).
  {
    // McpServer (server 2.0.0, pinned) served by `serveStdio(factory, {transport})`; Server info
    // with icons, websiteUrl and description, capabilities with `listChanged: false`, instructions;
    // registerTool with a `z.preprocess` object schema (argument aliases), titles, annotations;
    // `ctx.mcpReq.envelope`. The API is a closed local port; its OpenTelemetry is off.
    key: "context7",
    sdk: 2,
    pkg: "@upstash/context7-mcp",
    version: "4.1.1",
    env: { CONTEXT7_API_URL: "http://127.0.0.1:9/api", CONTEXT7_API_KEY: "ctx7sk-survey-dummy", OTEL_SDK_DISABLED: "true" },
    http: { args: ["--transport", "http", "--port", "{port}"], headers: { "X-Context7-API-Key": "ctx7sk-survey-dummy" } },
    calls: [
      ["resolve-library-id", { query: "routing", libraryName: "next.js" }],
      ["resolve-library-id", { question: "routing", libraryName: "next.js" }],
      ["resolve-library-id", {}],
      ["query-docs", { libraryId: "/vercel/next.js", query: "routing" }],
      ["query-docs", { libraryName: "/vercel/next.js", query: 5 }],
    ],
    reads: ["context7://nowhere"],
    prompts: [["no-such-prompt", {}]],
  },
  {
    // McpServer per connection from `serveStdio(factory)` with `cacheHints` for tools/list;
    // registerTool with zod 4 objects, built-in and TOML-configured tools (integer parameter);
    // the source is a lazy PostgreSQL at a closed local port, so a valid call fails there.
    key: "dbhub",
    sdk: 2,
    pkg: "@bytebase/dbhub",
    version: "1.4.0",
    args: ["--config={work}/dbhub.toml"],
    http: { args: ["--config={work}/dbhub.toml", "--transport=http", "--host=127.0.0.1", "--port={port}"] },
    files: {
      "dbhub.toml": [
        "[[sources]]",
        'id = "pg"',
        'dsn = "postgres://survey:dummy@127.0.0.1:9/survey"',
        "lazy = true",
        "",
        "[[tools]]",
        'name = "execute_sql"',
        'source = "pg"',
        "",
        "[[tools]]",
        'name = "search_objects"',
        'source = "pg"',
        "",
        "[[tools]]",
        'name = "find_user"',
        'source = "pg"',
        'description = "Find a user by id"',
        'statement = "SELECT * FROM users WHERE id = $1"',
        "[[tools.parameters]]",
        'name = "id"',
        'type = "integer"',
        'description = "The user\'s id"',
        "",
      ].join("\n"),
    },
    calls: [
      ["execute_sql", { sql: "SELECT 1" }],
      ["execute_sql", {}],
      ["search_objects", { object_type: "table" }],
      ["search_objects", { object_type: "nonsense" }],
      ["find_user", { id: "x" }],
      ["find_user", { id: 1 }],
    ],
  },
  {
    // McpServer per connection from `serveStdio(factory)`, wrapped by the server's own classes:
    // `registerCapabilities` (logging, resources with `subscribe`), resources and a template, the
    // 2.x `tools/call` handler taken from `server._requestHandlers` and wrapped by
    // `setRequestHandler("tools/call", …)`; tools that need a connection. The Atlas and assistant
    // APIs are a closed local port; telemetry is off.
    key: "mongodb",
    sdk: 2,
    pkg: "mongodb-mcp-server",
    version: "3.0.4",
    env: {
      MDB_MCP_TELEMETRY: "disabled",
      DO_NOT_TRACK: "1",
      MDB_MCP_LOG_PATH: "{work}/logs",
      MDB_MCP_EXPORTS_PATH: "{work}/exports",
      MDB_MCP_API_BASE_URL: "http://127.0.0.1:9/",
      MDB_MCP_ASSISTANT_BASE_URL: "http://127.0.0.1:9/api/v1/",
    },
    http: { args: ["--transport", "http", "--httpHost", "127.0.0.1", "--httpPort", "{port}"] },
    calls: [
      ["list-databases", {}],
      ["list-databases", { connectionId: "nowhere" }],
      ["find", { database: "db" }],
      ["connect", { connectionString: 5 }],
      ["connect", { connectionString: "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=500" }],
      ["search-knowledge", { query: "aggregation" }],
      ["list-knowledge-sources", {}],
    ],
    reads: ["config://config", "debug://mongodb", "exported-data://nothing", "config://nowhere"],
  },
  {
    // The low-level 2.x Server (from @supabase/mcp-utils) per connection from `serveStdio(factory)`:
    // handlers set by method name, zod 4 schemas turned to draft-7 JSON Schema by the server,
    // `oninitialized` reading the client's info, tool errors as results. The Management API is a
    // closed local port.
    key: "supabase",
    sdk: 2,
    pkg: "@supabase/mcp-server-supabase",
    version: "0.13.0",
    args: [
      "--access-token=survey-dummy-token",
      "--api-url=http://127.0.0.1:9",
      "--content-api-url=http://127.0.0.1:9/graphql",
      "--features=account,database,debugging,development,functions,branching,storage",
    ],
    // Over HTTP the token is the client's bearer token and the features a query parameter; a
    // custom --api-url needs a --secret-url-template.
    http: {
      args: ["--http", "--port={port}", "--api-url=http://127.0.0.1:9", "--content-api-url=http://127.0.0.1:9/graphql", "--secret-url-template=http://127.0.0.1:9/secrets/{ref}/{name}"],
      path: "/mcp?features=account,database,debugging,development,functions,branching,storage",
      headers: { Authorization: "Bearer survey-dummy-token" },
    },
    calls: [
      ["list_organizations", {}],
      ["get_organization", {}],
      ["get_organization", { id: "org", extra: 1 }],
      ["execute_sql", { project_id: "p", query: "select 1" }],
      ["apply_migration", { project_id: "p", name: "m", query: "create table t ()" }],
      ["get_cost", { type: "project", organization_id: "o" }],
    ],
  },
  {
    // The same server with its docs tool only: tools/list asks the (closed) content API for its
    // GraphQL schema and the handler throws.
    key: "supabase-docs",
    sdk: 2,
    pkg: "@supabase/mcp-server-supabase",
    version: "0.13.0",
    args: ["--access-token=survey-dummy-token", "--api-url=http://127.0.0.1:9", "--content-api-url=http://127.0.0.1:9/graphql", "--features=docs"],
    http: {
      args: ["--http", "--port={port}", "--api-url=http://127.0.0.1:9", "--content-api-url=http://127.0.0.1:9/graphql", "--secret-url-template=http://127.0.0.1:9/secrets/{ref}/{name}"],
      path: "/mcp?features=docs",
      headers: { Authorization: "Bearer survey-dummy-token" },
    },
    calls: [["search_docs", { graphql_query: "{ x }" }]],
  },
];
