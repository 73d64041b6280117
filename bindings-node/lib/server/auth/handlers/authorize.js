"use strict";
// `@modelcontextprotocol/sdk/server/auth/handlers/authorize.js`: the authorization endpoint
// (OAuth 2.1 §4.1.1; the code flow with PKCE, S256 only), GET (query) or POST (form), rate
// limited unless `rateLimit: false`. It establishes the client and its redirect URI first; a
// failure there is answered directly as an OAuth error body, since there is nowhere safe to
// redirect. Once they are known, everything else is reported to the client through a 302 to its
// redirect URI carrying `error`, `error_description` (`error_uri`) and `state`, and a good
// request is handed to the provider's `authorize`, which answers (usually with a redirect).

const { InvalidClientError, InvalidRequestError, OAuthError, ServerError } = require("../errors.js");
const { endpointRouter, sendOAuthError } = require("../serving.js");

// RFC 8252 §7.3: a native client's loopback redirect URI may name any port.
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether `requested` names the registered redirect URI `registered`: the same string, or, when
 * both are loopback URIs, the same but for the port (scheme, host, path and query still equal;
 * `localhost` and `127.0.0.1` are different hosts).
 * @param {string} requested
 * @param {string} registered
 */
function redirectUriMatches(requested, registered) {
  if (requested === registered) {
    return true;
  }
  if (!URL.canParse(requested) || !URL.canParse(registered)) {
    return false;
  }
  const asked = new URL(requested);
  const known = new URL(registered);
  if (!LOOPBACK_HOSTS.has(asked.hostname) || !LOOPBACK_HOSTS.has(known.hostname)) {
    return false;
  }
  return ["protocol", "hostname", "pathname", "search"].every((part) => asked[part] === known[part]);
}

let schemas;
/** The two stages' parameters (zod: the texts of failures are the SDK's), made on first use. */
function parameterSchemas() {
  if (!schemas) {
    const z = require("zod/v4");
    schemas = {
      // What must hold before anything may be sent to the redirect URI.
      client: z.object({
        client_id: z.string(),
        redirect_uri: z
          .string()
          .optional()
          .refine((uri) => uri === undefined || URL.canParse(uri), { message: "redirect_uri must be a valid URL" }),
      }),
      // The rest of the request; a failure here goes back through the redirect URI.
      request: z.object({
        response_type: z.literal("code"),
        code_challenge: z.string(),
        code_challenge_method: z.literal("S256"),
        scope: z.string().optional(),
        state: z.string().optional(),
        resource: z.string().url().optional(),
      }),
    };
  }
  return schemas;
}

/** The registered client and the redirect URI to answer on, or throws the OAuth error to answer. */
async function establishClient(provider, params) {
  const parsed = parameterSchemas().client.safeParse(params);
  if (!parsed.success) {
    throw new InvalidRequestError(parsed.error.message);
  }
  const { client_id: clientId, redirect_uri: requested } = parsed.data;
  const client = await provider.clientsStore.getClient(clientId);
  if (!client) {
    throw new InvalidClientError("Invalid client_id");
  }
  const registered = client.redirect_uris;
  if (requested !== undefined) {
    if (!registered.some((uri) => redirectUriMatches(requested, uri))) {
      throw new InvalidRequestError("Unregistered redirect_uri");
    }
    return { client, redirectUri: requested };
  }
  if (registered.length !== 1) {
    throw new InvalidRequestError("redirect_uri must be specified when client has multiple registered URIs");
  }
  return { client, redirectUri: registered[0] };
}

/** `redirectUri` with the error's `error`, `error_description`, `error_uri` and the `state` set. */
function errorRedirect(redirectUri, error, state) {
  const url = new URL(redirectUri);
  url.searchParams.set("error", error.errorCode);
  url.searchParams.set("error_description", error.message);
  if (error.errorUri) {
    url.searchParams.set("error_uri", error.errorUri);
  }
  if (state) {
    url.searchParams.set("state", state);
  }
  return url.href;
}

/**
 * The authorization endpoint as an Express router, to mount at its path. `rateLimit`:
 * express-rate-limit options over the default (100 requests per 15 minutes), or false.
 * @param {{provider: import("../provider.js").OAuthServerProvider, rateLimit?: object | false}} options
 */
function authorizationHandler({ provider, rateLimit }) {
  const router = endpointRouter({
    cors: false,
    methods: ["GET", "POST"],
    body: "form",
    rateLimit,
    limits: { windowMs: 15 * 60 * 1000, max: 100, what: "authorization requests" },
  });
  router.all("/", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const params = req.method === "POST" ? req.body : req.query;
    let client;
    let redirectUri;
    try {
      ({ client, redirectUri } = await establishClient(provider, params));
    } catch (error) {
      sendOAuthError(res, error);
      return;
    }
    // `state` is echoed only once the request has parsed.
    let state;
    try {
      const parsed = parameterSchemas().request.safeParse(params);
      if (!parsed.success) {
        throw new InvalidRequestError(parsed.error.message);
      }
      const { scope, code_challenge: codeChallenge, resource } = parsed.data;
      state = parsed.data.state;
      const scopes = scope === undefined ? [] : scope.split(" ");
      await provider.authorize(client, { state, scopes, redirectUri, codeChallenge, resource: resource ? new URL(resource) : undefined }, res);
    } catch (error) {
      const reported = error instanceof OAuthError ? error : new ServerError("Internal Server Error");
      res.redirect(302, errorRedirect(redirectUri, reported, state));
    }
  });
  return router;
}

module.exports = { redirectUriMatches, authorizationHandler };
