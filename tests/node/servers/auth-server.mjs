// An OAuth authorization server as an SDK user writes one: `mcpAuthRouter` over an in-memory
// provider (dynamic client registration, authorization codes with PKCE, refresh tokens,
// revocation) at the root of an Express app, with a bearer-protected /mcp route checked by the
// same provider; and a second app whose `ProxyOAuthServerProvider` forwards everything to the
// first. Codes and tokens are numbered, so two runs given the same requests answer the same.
// Prints `listening <port> <proxy port>`.
import express from "express";
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { ProxyOAuthServerProvider } from "@modelcontextprotocol/sdk/server/auth/providers/proxyProvider.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import {
  AccessDeniedError,
  InvalidGrantError,
  InvalidScopeError,
  InvalidTokenError,
  ServerError,
} from "@modelcontextprotocol/sdk/server/auth/errors.js";

/** Registered clients, in memory; a few known ones besides those registered over HTTP. */
class MemoryClientsStore {
  clients = new Map();

  async getClient(clientId) {
    return this.clients.get(clientId);
  }

  async registerClient(client) {
    if (client.client_name === "store-refuses") {
      throw new ServerError("registration store is read-only today");
    }
    this.clients.set(client.client_id, client);
    return client;
  }
}

/** The demo authorization server: every user consents at once, unless the scopes say otherwise. */
class DemoProvider {
  clientsStore = new MemoryClientsStore();
  codes = new Map();
  tokens = new Map();
  count = 0;

  async authorize(client, params, res) {
    if (params.scopes.includes("deny")) {
      throw new AccessDeniedError("the user declined");
    }
    if (params.scopes.includes("forbidden")) {
      throw new InvalidScopeError("scope forbidden is not offered", "https://docs.example/scopes");
    }
    if (params.scopes.includes("crash")) {
      throw new Error("consent screen crashed");
    }
    const code = `code-${++this.count}`;
    this.codes.set(code, { clientId: client.client_id, params });
    const target = new URL(params.redirectUri);
    target.searchParams.set("code", code);
    if (params.state !== undefined) {
      target.searchParams.set("state", params.state);
    }
    res.redirect(target.href);
  }

  async challengeForAuthorizationCode(client, code) {
    return this.codeFor(client, code).params.codeChallenge;
  }

  codeFor(client, code) {
    const entry = this.codes.get(code);
    if (!entry) {
      throw new InvalidGrantError("Invalid authorization code");
    }
    if (entry.clientId !== client.client_id) {
      throw new InvalidGrantError("Authorization code was not issued to this client");
    }
    return entry;
  }

  async exchangeAuthorizationCode(client, code, _codeVerifier, redirectUri, resource) {
    const { params } = this.codeFor(client, code);
    if (redirectUri !== undefined && redirectUri !== params.redirectUri) {
      throw new InvalidGrantError("redirect_uri does not match the authorization request");
    }
    this.codes.delete(code);
    return this.issue(client.client_id, params.scopes, resource ?? params.resource);
  }

  async exchangeRefreshToken(client, refreshToken, scopes, resource) {
    const entry = this.tokens.get(refreshToken);
    if (!entry || entry.kind !== "refresh" || entry.clientId !== client.client_id) {
      throw new InvalidGrantError("Invalid refresh token");
    }
    const granted = scopes ?? entry.scopes;
    if (granted.some((s) => !entry.scopes.includes(s))) {
      throw new InvalidScopeError(`cannot widen the grant to ${granted.join(" ")}`);
    }
    this.tokens.delete(refreshToken);
    return this.issue(client.client_id, granted, resource ?? entry.resource);
  }

  issue(clientId, scopes, resource) {
    const n = ++this.count;
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    this.tokens.set(`access-${n}`, { kind: "access", clientId, scopes, resource, expiresAt });
    this.tokens.set(`refresh-${n}`, { kind: "refresh", clientId, scopes, resource });
    return { access_token: `access-${n}`, token_type: "bearer", expires_in: 3600, scope: scopes.join(" "), refresh_token: `refresh-${n}` };
  }

  async verifyAccessToken(token) {
    const entry = this.tokens.get(token);
    if (!entry || entry.kind !== "access") {
      throw new InvalidTokenError("Invalid or expired token");
    }
    return { token, clientId: entry.clientId, scopes: entry.scopes, expiresAt: entry.expiresAt, resource: entry.resource };
  }

  async revokeToken(client, request) {
    if (request.token === "explode") {
      throw new Error("revocation store down");
    }
    const entry = this.tokens.get(request.token);
    if (entry && entry.clientId === client.client_id) {
      this.tokens.delete(request.token);
    }
  }
}

const listen = (app) =>
  new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });

const provider = new DemoProvider();
const app = express();
const port = await listen(app);
const base = `http://127.0.0.1:${port}`;

provider.clientsStore.clients.set("public-app", {
  client_id: "public-app",
  client_name: "a native app",
  redirect_uris: ["http://localhost/callback"],
  token_endpoint_auth_method: "none",
});
provider.clientsStore.clients.set("web-app", {
  client_id: "web-app",
  client_secret: "web-secret",
  client_secret_expires_at: 0,
  redirect_uris: ["https://app.example/cb", "https://app.example/other?x=1"],
});
provider.clientsStore.clients.set("stale-app", {
  client_id: "stale-app",
  client_secret: "stale-secret",
  client_secret_expires_at: 1,
  redirect_uris: ["https://stale.example/cb"],
});
provider.clientsStore.clients.set("broken-app", { client_id: "broken-app" });

app.use(
  mcpAuthRouter({
    provider,
    issuerUrl: new URL(`${base}/`),
    serviceDocumentationUrl: new URL("https://docs.example/oauth"),
    scopesSupported: ["read", "write"],
    resourceName: "Demo MCP server",
    resourceServerUrl: new URL(`${base}/mcp`),
  }),
);
app.get(
  "/mcp",
  requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(`${base}/mcp`)) }),
  (req, res) => {
    res.json({ clientId: req.auth.clientId, scopes: req.auth.scopes, resource: req.auth.resource?.href });
  },
);

// The proxy: its own issuer, everything forwarded to the first server.
const proxyApp = express();
const proxyPort = await listen(proxyApp);
const proxyBase = `http://127.0.0.1:${proxyPort}`;
const proxy = new ProxyOAuthServerProvider({
  endpoints: {
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    revocationUrl: `${base}/revoke`,
    registrationUrl: `${base}/register`,
  },
  verifyAccessToken: (token) => provider.verifyAccessToken(token),
  getClient: (clientId) => provider.clientsStore.getClient(clientId),
});
proxyApp.use(
  mcpAuthRouter({
    provider: proxy,
    issuerUrl: new URL(`${proxyBase}/`),
    baseUrl: new URL(`${proxyBase}/oauth/`),
    authorizationOptions: { rateLimit: { max: 4, windowMs: 60_000 } },
    tokenOptions: { rateLimit: false },
    clientRegistrationOptions: { clientIdGeneration: false, clientSecretExpirySeconds: 0 },
  }),
);

console.log(`listening ${port} ${proxyPort}`);
