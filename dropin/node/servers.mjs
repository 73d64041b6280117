// The published npm servers the Node survey runs, pinned, and what it asks each of them.
// `env`: what a server needs to start (dummy credentials: only calls that stay local are made).
// `calls`: tools/call steps after the lists; `reads`, `prompts`: resources/read and prompts/get.
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
