// Runs one server file on ferromcp and on the official SDK, driven by the official client.
// tests/node/servers/node_modules/@modelcontextprotocol/sdk is ferromcp (the package alias a
// user sets); a copy of the file under tests/node/.official/ resolves the official SDK from
// the repository's node_modules.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdirSync, symlinkSync, existsSync, lstatSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");

/** A v2 server file as ferromcp runs it: `@modelcontextprotocol/server` is ferromcp. */
export function onFerromcpV2(name) {
  const link = join(here, "servers/node_modules/@modelcontextprotocol/server");
  mkdirSync(dirname(link), { recursive: true });
  if (!existsSync(link) && !lstatSync(link, { throwIfNoEntry: false })) {
    symlinkSync(root, link, "dir");
  }
  return join(here, "servers", name);
}

/** `promise`, or a failure naming `what` after `ms`: a test that hears nothing fails, not hangs. */
export function within(promise, what, ms = 15_000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The server file as ferromcp runs it (the alias in place). */
export function onFerromcp(name) {
  const modules = join(here, "servers/node_modules/@modelcontextprotocol");
  mkdirSync(modules, { recursive: true });
  const link = join(modules, "sdk");
  if (!existsSync(link) && !lstatSync(link, { throwIfNoEntry: false })) {
    symlinkSync(root, link, "dir");
  }
  return join(here, "servers", name);
}

/**
 * Starts a server file with `--http` (and `flags`); it prints `listening <port>`. `use(url)`
 * runs against its `/mcp` endpoint; the process is stopped after.
 */
export async function withHttp(file, flags, use) {
  const proc = spawn(process.execPath, [file, "--http", ...flags], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    let text = "";
    while (!/listening (\d+)/.test(text)) {
      const [chunk] = await within(once(proc.stdout, "data"), `${file} listening`);
      text += chunk.toString();
    }
    return await use(new URL(`http://127.0.0.1:${text.match(/listening (\d+)/)[1]}/mcp`));
  } finally {
    proc.kill();
  }
}

/** The same file where it resolves the official SDK. */
export function onOfficial(name) {
  const dir = join(here, ".official");
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, name);
  copyFileSync(join(here, "servers", name), copy);
  return copy;
}

export async function connect(file, capabilities = {}) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [file], stderr: "pipe" });
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities });
  await client.connect(transport);
  return client;
}

/** What a call answered: its result, or the error's code and message. */
export async function outcome(p) {
  try {
    return { result: await p };
  } catch (e) {
    return { error: { code: e.code, message: e.message } };
  }
}
