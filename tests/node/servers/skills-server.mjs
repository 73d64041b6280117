// A server written for `@modelcontextprotocol/server` 2.4 serving the skills extension, run
// unchanged on ferromcp (tests/node/servers/node_modules maps the name to it) and on the official
// package (a copy under tests/node/.official/). The catalog:
//   --memory        SkillsExtension.load(memorySkillFiles(record), {prefix: "acme", pageSize: 2})
//                   (a `reload` tool adds a skill and edits one, then reloads)
//   --dir <path>    loadSkills(path, {pageSize: 3, cacheHint: {ttlMs: 60000, cacheScope: "public"}})
//   --source        a SkillsExtension over a SkillSource of its own (skillEntry; an invalid
//                   entry, a mismatched one, a resource outside the base; no readDirectory)
// and the transport:
//   (default)       serveStdio(factory)
//   --connect       new StdioServerTransport() + server.connect (hand-wired, the handshake era)
//   --http          createMcpHandler(factory) on node's http, prints `listening <port>`
// Every warning the extension gives is kept; the `warnings` tool returns them.
import { createServer } from "node:http";
import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { SkillsExtension, memorySkillFiles, skillEntry } from "@modelcontextprotocol/server/ext/skills";
import { loadSkills } from "@modelcontextprotocol/server/ext/skills/node";
import { serveStdio, StdioServerTransport } from "@modelcontextprotocol/server/stdio";

const argv = process.argv.slice(2);
const warnings = [];
const onWarning = (w) => warnings.push(w);

const skillMd = (name, description, extra = "") => `---\nname: ${name}\ndescription: ${description}\n${extra}---\n# ${name}\n\nUse it well.\n`;

// Skills of the memory catalog, in no particular order; some of them are refused.
const record = {
  "pdf/SKILL.md": skillMd("pdf", "Reads and fills PDF forms", "metadata:\n  author: tests\ncompatibility: any host\n"),
  "pdf/references/FORMS.md": "# Forms\n",
  "pdf/references/deep/notes.txt": "deep\n",
  "pdf/scripts/fill.py": "print('fill')\n",
  "pdf/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]),
  "pdf/Q&A notes.md": "questions\n",
  "pdf/.hidden": "never listed\n",
  "docx/SKILL.md": skillMd("docx", "Word documents"),
  "docx/template/SKILL.md": skillMd("template", "A nested skill"),
  "docx/template/base.docx": "not really a docx",
  "alpha/SKILL.md": skillMd("alpha", "First"),
  "beta/SKILL.md": skillMd("beta", '"Second, quoted"'),
  "gamma/SKILL.md": skillMd("gamma", "|\n  Third,\n  literal"),
  "xlsx/skill.md": skillMd("xlsx", "Misnamed manifest"),
  "Bad/SKILL.md": skillMd("Bad", "Upper case"),
  "mismatch/SKILL.md": skillMd("other", "Name differs from folder"),
  "nofm/SKILL.md": "no frontmatter here\n",
  "SKILL.md": skillMd("root", "At the root"),
};

async function catalog() {
  if (argv.includes("--memory")) {
    return SkillsExtension.load(memorySkillFiles(record), { prefix: "acme", pageSize: 2, onWarning });
  }
  const dir = argv.indexOf("--dir");
  if (dir !== -1) {
    return loadSkills(argv[dir + 1], { pageSize: 3, cacheHint: { ttlMs: 60000, cacheScope: "public" }, onWarning });
  }
  return sourceExtension();
}

async function sourceExtension() {
  const report = await skillEntry("report", {
    "SKILL.md": skillMd("report", "Writes reports"),
    "assets/chart.bin": new Uint8Array([0, 159, 146, 150]),
  });
  const texts = new Map([["skill://report/SKILL.md", skillMd("report", "Writes reports")]]);
  const bytes = new Map([["skill://report/assets/chart.bin", new Uint8Array([0, 159, 146, 150])]]);
  const invalid = { ...report, uri: "skill://renamed/SKILL.md" };
  return new SkillsExtension({
    onWarning,
    source: {
      async list({ cursor }) {
        return cursor === undefined ? { skills: [report, invalid], nextCursor: "page-2" } : { skills: [invalid] };
      },
      async get(uri) {
        if (uri === "skill://report/SKILL.md") {
          return report;
        }
        if (uri === "skill://renamed/SKILL.md") {
          return invalid;
        }
        if (uri === "skill://alias/report/SKILL.md") {
          return report;
        }
        return undefined;
      },
      async read(uri) {
        if (texts.has(uri)) {
          return { text: texts.get(uri), mimeType: "text/markdown" };
        }
        if (bytes.has(uri)) {
          return { bytes: bytes.get(uri) };
        }
        return undefined;
      },
      async listResources() {
        return [
          { uri: "skill://report/SKILL.md", name: "report", mimeType: "text/markdown" },
          { uri: "file:///elsewhere.md", name: "elsewhere" },
        ];
      },
    },
  });
}

const skills = await catalog();

function makeServer() {
  const server = new McpServer({ name: "skills-server", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.registerTool("warnings", { description: "The extension's warnings so far" }, async () => ({
    content: [{ type: "text", text: JSON.stringify(warnings) }],
  }));
  server.registerTool("reload", { description: "Changes the memory catalog and reloads it" }, async () => {
    record["delta/SKILL.md"] = skillMd("delta", "Added later");
    record["alpha/SKILL.md"] = skillMd("alpha", "First, edited");
    record["pdf/references/FORMS.md"] = "# Forms, edited\n";
    const changes = await skills.reload();
    return { content: [{ type: "text", text: JSON.stringify({ changes, entries: skills.entries.map((s) => s.uri) }) }] };
  });
  skills.attach(server);
  // Again for the same server: nothing happens.
  skills.attach(server);
  return server;
}

if (argv.includes("--http")) {
  const handler = createMcpHandler(() => makeServer());
  const http = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) {
      chunks.push(c);
    }
    const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body });
    const response = await handler.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) {
      for await (const chunk of response.body) {
        res.write(chunk);
      }
    }
    res.end();
  });
  http.listen(0, "127.0.0.1", () => console.log(`listening ${http.address().port}`));
} else if (argv.includes("--connect")) {
  await makeServer().connect(new StdioServerTransport());
} else {
  serveStdio(() => makeServer());
}
