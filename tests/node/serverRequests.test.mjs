// The server's requests to the client on a 1.x server (tests/node/servers/requests-server.mjs)
// on ferromcp and on the official SDK 1.32, driven by the official client: which client
// capabilities allow an elicitation form or a URL, how an accepted form that does not match its
// schema is refused — by the default validator and by those of `validation/ajv` and
// `validation/cfworker` — and sampling and roots sent to a client that did not declare them
// (answered by the client) or refused first under `enforceStrictCapabilities`, with the SDK's
// checks of a sampling request's tool results. Transcripts compared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { onFerromcp, onOfficial, outcome, within } from "./harness.mjs";

const SERVER = "requests-server.mjs";
const CAPABILITIES = { empty: {}, form: { form: {} }, url: { url: {} }, none: undefined };
const ANSWERS = {
  fits: { action: "accept", content: { nights: 2, note: "ok" } },
  tooFew: { action: "accept", content: { nights: 0 } },
  twoWrong: { action: "accept", content: { nights: "x", note: "far too long" } },
  missing: { action: "accept", content: {} },
  declined: { action: "decline" },
};

async function transcript(file, validator) {
  const out = {};
  for (const [caps, elicitation] of Object.entries(CAPABILITIES)) {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: elicitation ? { elicitation } : {} });
    let answer;
    if (elicitation) {
      client.setRequestHandler(ElicitRequestSchema, async () => answer);
    }
    const args = validator ? [file, validator] : [file];
    await client.connect(new StdioClientTransport({ command: process.execPath, args, stderr: "pipe" }));
    try {
      for (const [name, a] of Object.entries(ANSWERS)) {
        answer = a;
        out[`${caps} ${name}`] = await outcome(client.callTool({ name: "book", arguments: { mode: "form" } }));
        out[`${caps} ${name} narrowed`] = await outcome(client.callTool({ name: "narrow", arguments: {} }));
      }
      answer = { action: "accept" };
      out[`${caps} url`] = await outcome(client.callTool({ name: "book", arguments: { mode: "url" } }));
      for (const what of ["plain", "tools", "strayResult", "unmatched", "roots"]) {
        out[`${caps} ${what}`] = await outcome(client.callTool({ name: "ask", arguments: { what } }));
      }
    } finally {
      await client.close();
    }
  }
  return out;
}

for (const validator of [undefined, "ajv", "cfworker", "strict"]) {
  test(`the server's requests, ${validator ?? "by default"}: the same answers on ferromcp and on the SDK`, async () => {
    const ours = await within(transcript(onFerromcp(SERVER), validator), "ferromcp's transcript", 30_000);
    const theirs = await within(transcript(onOfficial(SERVER), validator), "the SDK's transcript", 30_000);
    assert.deepEqual(ours, theirs);
    assert.deepEqual(JSON.parse(ours["form fits"].result.content[0].text), ANSWERS.fits);
    assert.equal(ours["form tooFew"].result.isError, true);
    assert.deepEqual(JSON.parse(ours["form fits narrowed"].result.content[0].text), { action: "accept" });
    assert.match(ours["form declined narrowed"].result.content[0].text, /ZodError: /);
  });
}
