// The published npm servers the Node survey runs, pinned, and what it asks each of them.
// `env`: what a server needs to start (dummy credentials: only calls that stay local are made).
// `calls`: tools/call steps after the lists; `reads`, `prompts`: resources/read and prompts/get.

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
];
