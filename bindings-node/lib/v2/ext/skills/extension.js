"use strict";
// `SkillsExtension` and `SkillCatalog`: the skills extension (SEP-2640) installed on a 2.x
// `McpServer`. `attach(mcp)` registers what the extension serves with the server's own hooks —
// a resource template `<baseUri>{+path}` for skill files (its list: the source's
// `listResources`), request handlers for `skills/list`, `skills/get` and (with a source that
// reads folders) `resources/directory/read`, and the `extensions` capability — so the core
// routes and answers them as it does any registration of the author's.

const skillsWire = require("@modelcontextprotocol/core/ext/skills");
const { ResourceTemplate } = require("../../mcp.js");
const { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } = require("../../errors.js");
const { warnOnStderr } = require("./errors.js");
const { base64, canonicalUri, joinUri, offeredEntryProblems, withoutTrailingSlashes } = require("./entry.js");
const { checkedPageSize, scanCatalog, snapshotSource, splitRelativePath, trustedSources } = require("./catalog.js");

const {
  SKILLS_EXTENSION_ID,
  SKILLS_LIST_METHOD,
  SKILLS_GET_METHOD,
  RESOURCES_DIRECTORY_READ_METHOD,
  SKILL_LIMITS,
  ListSkillsRequestParamsSchema,
  GetSkillRequestParamsSchema,
  ReadResourceDirectoryRequestParamsSchema,
} = skillsWire;

const PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";
const FIRST_MODERN_PROTOCOL_VERSION = "2026-07-28";
const SCHEME_URI = /^[a-z][\d+.a-z-]*:\/\//i;
const ONE_PER_SERVER =
  "another skills extension is already attached to this server; attach one per server " +
  "(to serve several folders or sources, combine them behind one SkillFiles adapter or SkillSource)";

// Servers with a skills extension attached (one each: a server declares an extension once).
const serversWithSkills = new WeakSet();
// What an extension does after attaching (a catalog remembers the server, to announce
// reloads): kept out of the class, so that no subclass can reach it.
const onAttach = new WeakMap();

/**
 * Whether the request `ctx` serves was sent for the 2026-07-28 revision or later (its envelope
 * names the revision), where skills results carry cache fields.
 * @param {any} ctx
 */
function isModernRequest(ctx) {
  const version = ctx?.mcpReq?.envelope?.[PROTOCOL_VERSION_META_KEY];
  return typeof version === "string" && version >= FIRST_MODERN_PROTOCOL_VERSION;
}

/**
 * @param {any} hint
 * @param {string} what
 */
function checkCacheHint(hint, what) {
  if (hint.ttlMs !== undefined && !(typeof hint.ttlMs === "number" && Number.isSafeInteger(hint.ttlMs) && hint.ttlMs >= 0)) {
    throw new RangeError(`Invalid cache hint for ${what}: ttlMs must be a non-negative safe integer (got ${String(hint.ttlMs)})`);
  }
  if (hint.cacheScope !== undefined && hint.cacheScope !== "public" && hint.cacheScope !== "private") {
    throw new RangeError(`Invalid cache hint for ${what}: cacheScope must be 'public' or 'private' (got ${String(hint.cacheScope)})`);
  }
}

/** @param {unknown} value */
function nameOfEntry(value) {
  const uri = /** @type {any} */ (value)?.uri;
  return typeof uri === "string" ? uri : "(entry without a uri)";
}

/**
 * A skill file as a `resources/read` content.
 * @param {string} uri
 * @param {import("./types.js").SkillReadResult} result
 */
function contentOf(uri, result) {
  const typed = result.mimeType === undefined ? {} : { mimeType: result.mimeType };
  return "text" in result ? { uri, ...typed, text: result.text } : { uri, ...typed, blob: base64(result.bytes) };
}

/**
 * The skills extension (SEP-2640) for one catalog of skills. One instance serves any number of
 * servers: `attach` it to each before connecting. Made from a `SkillSource`, or by
 * `SkillsExtension.load(files)` from storage.
 */
class SkillsExtension {
  /**
   * The identifier declared in the server's `extensions` capability.
   * @readonly
   */
  id = SKILLS_EXTENSION_ID;
  /** @type {import("./types.js").SkillSource} */ #source;
  /** @type {boolean} */ #trusted;
  /** @type {string} */ #baseRoot;
  /** @type {any} */ #cacheHint;
  /** @type {{ttlMs: number, cacheScope: "public" | "private"}} */ #cache;
  /** @type {boolean} */ #strict;
  /** @type {(warning: import("./types.js").SkillWarning) => void} */ #warn;
  #attached = new WeakSet();

  /**
   * A catalog built from storage through a `SkillFiles` adapter (`memorySkillFiles`,
   * `nodeSkillFiles`, or your own).
   * @param {import("./types.js").SkillFiles} files
   * @param {import("./types.js").SkillCatalogOptions} [options]
   * @returns {Promise<SkillCatalog>}
   */
  static load(files, options) {
    return SkillCatalog.load(files, options);
  }

  /**
   * @param {import("./types.js").SkillSourceOptions} options
   * @throws {RangeError} for an invalid `cacheHint`
   * @throws {TypeError} for a `baseUri` that is no `scheme://…` URI
   */
  constructor(options) {
    if (options.cacheHint !== undefined) {
      checkCacheHint(options.cacheHint, "skills cacheHint");
    }
    const baseUri = options.baseUri ?? "skill://";
    // Canonical, as the URIs of requests are when matched against it.
    const canonical = SCHEME_URI.test(baseUri) ? canonicalUri(baseUri) : undefined;
    if (canonical === undefined) {
      throw new TypeError(`baseUri must be a "scheme://…" URI (got ${JSON.stringify(baseUri)})`);
    }
    this.#baseRoot = canonical.endsWith("://") ? canonical : `${withoutTrailingSlashes(canonical)}/`;
    this.#source = options.source;
    this.#trusted = trustedSources.has(options.source);
    this.#cacheHint = options.cacheHint;
    this.#cache = { ttlMs: options.cacheHint?.ttlMs ?? 0, cacheScope: options.cacheHint?.cacheScope ?? "private" };
    this.#strict = options.strict ?? false;
    this.#warn = options.onWarning ?? warnOnStderr;
  }

  /**
   * Serves these skills on `mcp`: the skill files' resource template, the skills methods, then
   * the capability. Before connecting; again for the same server, nothing. One skills extension
   * per server: attaching a second one (or to a server already handling a skills method)
   * throws and leaves the server as it was.
   * @param {import("../../mcp.js").McpServer} mcp
   * @throws {Error} once connected, or with another skills extension attached
   */
  attach(mcp) {
    if (this.#attached.has(mcp)) {
      return;
    }
    if (mcp.isConnected()) {
      throw new Error("attach skills before connecting the server");
    }
    if (serversWithSkills.has(mcp)) {
      throw new Error(ONE_PER_SERVER);
    }
    const server = mcp.server;
    const readsFolders = this.#source.readDirectory !== undefined;
    server.assertCanSetRequestHandler(SKILLS_LIST_METHOD);
    server.assertCanSetRequestHandler(SKILLS_GET_METHOD);
    if (readsFolders) {
      server.assertCanSetRequestHandler(RESOURCES_DIRECTORY_READ_METHOD);
    }
    // Everything is checked before anything changes; the capability comes last, so a server
    // never declares skills it does not serve.
    const list = this.#source.listResources === undefined ? undefined : (/** @type {any} */ ctx) => this.#listResources(ctx);
    mcp.registerResource(
      SKILLS_EXTENSION_ID,
      new ResourceTemplate(`${this.#baseRoot}{+path}`, { list }),
      this.#cacheHint === undefined ? {} : { cacheHint: this.#cacheHint },
      (/** @type {URL} */ uri, /** @type {any} */ _variables, /** @type {any} */ ctx) => this.#read(uri, ctx),
    );
    server.setRequestHandler(SKILLS_LIST_METHOD, { params: ListSkillsRequestParamsSchema }, (/** @type {any} */ params, /** @type {any} */ ctx) =>
      this.#list(params.cursor, ctx),
    );
    server.setRequestHandler(SKILLS_GET_METHOD, { params: GetSkillRequestParamsSchema }, (/** @type {any} */ params, /** @type {any} */ ctx) =>
      this.#get(params.uri, ctx),
    );
    if (readsFolders) {
      server.setRequestHandler(
        RESOURCES_DIRECTORY_READ_METHOD,
        { params: ReadResourceDirectoryRequestParamsSchema },
        (/** @type {any} */ params, /** @type {any} */ ctx) => this.#readDirectory(params.uri, params.cursor, ctx),
      );
    }
    server.registerCapabilities({ extensions: { [SKILLS_EXTENSION_ID]: readsFolders ? { directoryRead: true } : {} } });
    this.#attached.add(mcp);
    serversWithSkills.add(mcp);
    onAttach.get(this)?.(mcp);
  }

  /** @param {any} ctx */
  #cacheFields(ctx) {
    return isModernRequest(ctx) ? { ...this.#cache } : {};
  }

  /**
   * The entries of a page that keep the rules; the others are dropped with a warning (under
   * `strict`, the request fails).
   * @param {readonly any[]} skills
   */
  #valid(skills) {
    if (this.#trusted) {
      return [...skills];
    }
    const kept = [];
    for (const skill of skills) {
      const problems = offeredEntryProblems(skill);
      if (problems.length === 0) {
        kept.push(skill);
        continue;
      }
      const message = `invalid skill entry from the source: ${problems.join("; ")}`;
      if (this.#strict) {
        throw new ProtocolError(ProtocolErrorCode.InternalError, `${nameOfEntry(skill)}: ${message}`);
      }
      this.#warn({ path: nameOfEntry(skill), message: `${message} (dropped from skills/list)` });
    }
    return kept;
  }

  /**
   * @param {string | undefined} cursor
   * @param {any} ctx
   */
  async #list(cursor, ctx) {
    const page = await this.#source.list(cursor === undefined ? {} : { cursor }, ctx);
    return {
      skills: this.#valid(page.skills),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      ...this.#cacheFields(ctx),
    };
  }

  /**
   * @param {string} uri
   * @param {any} ctx
   */
  async #get(uri, ctx) {
    const skill = await this.#source.get(uri, ctx);
    if (skill === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No skill is served at ${uri}`);
    }
    if (!this.#trusted) {
      const problems = offeredEntryProblems(skill);
      if (problems.length > 0) {
        const message = `invalid skill entry from the source: ${problems.join("; ")}`;
        this.#warn({ path: uri, message });
        throw new ProtocolError(ProtocolErrorCode.InternalError, message);
      }
    }
    if (canonicalUri(skill.uri) !== canonicalUri(uri)) {
      throw new ProtocolError(ProtocolErrorCode.InternalError, `the skill source returned ${skill.uri} for ${uri}`);
    }
    return { skill, ...this.#cacheFields(ctx) };
  }

  /**
   * @param {URL} uri
   * @param {any} ctx
   */
  async #read(uri, ctx) {
    const result = await this.#source.read(uri.href, ctx);
    if (result === undefined) {
      throw new ResourceNotFoundError(uri.href);
    }
    return { contents: [contentOf(uri.href, result)] };
  }

  /**
   * @param {string} uri
   * @param {string | undefined} cursor
   * @param {any} ctx
   */
  async #readDirectory(uri, cursor, ctx) {
    const read = /** @type {NonNullable<import("./types.js").SkillSource["readDirectory"]>} */ (this.#source.readDirectory);
    const page = await read(uri, cursor === undefined ? {} : { cursor }, ctx);
    if (page === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${uri} is not a directory resource`);
    }
    return {
      resources: page.resources,
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      ...this.#cacheFields(ctx),
    };
  }

  /** @param {any} ctx */
  async #listResources(ctx) {
    const listResources = /** @type {NonNullable<import("./types.js").SkillSource["listResources"]>} */ (this.#source.listResources);
    const kept = [];
    for (const resource of await listResources(ctx)) {
      if (canonicalUri(resource.uri)?.startsWith(this.#baseRoot)) {
        kept.push(resource);
      } else {
        this.#warn({ path: resource.uri, message: `listResources returned a URI outside ${this.#baseRoot}; dropped from resources/list` });
      }
    }
    return { resources: kept };
  }
}

// Servers tracked by a catalog before it drops those collected (then again at twice the rest).
const PRUNE_AT = 1024;

/** @param {{files?: number, bytes?: number} | undefined} limits */
function checkedLimits(limits) {
  const checked = { files: limits?.files ?? SKILL_LIMITS.files, bytes: limits?.bytes ?? SKILL_LIMITS.bytes };
  for (const [name, value] of Object.entries(checked)) {
    if (value !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(value) && value > 0)) {
      throw new RangeError(`limits.${name} must be a positive integer or Infinity (got ${value})`);
    }
  }
  return checked;
}

/**
 * What clients list of a snapshot (`resources/list_changed` is about it): which skills, and each
 * one's name and description.
 * @param {import("./catalog.js").Snapshot} snapshot
 */
const listingOf = (snapshot) => JSON.stringify(snapshot.listed.map((r) => [r.uri, r.name, r.description]));

/**
 * @param {import("./catalog.js").Snapshot} before
 * @param {import("./catalog.js").Snapshot} after
 */
function changesBetween(before, after) {
  const uris = (/** @type {import("./catalog.js").Snapshot} */ s) => [...s.skills.keys()];
  const same = (/** @type {string} */ uri) => JSON.stringify(before.skills.get(uri)) === JSON.stringify(after.skills.get(uri));
  return {
    added: uris(after).filter((uri) => !before.skills.has(uri)),
    removed: uris(before).filter((uri) => !after.skills.has(uri)),
    changed: uris(after).filter((uri) => before.skills.has(uri) && !same(uri)),
  };
}

/**
 * A catalog ferromcp built from storage. It holds metadata only: every file read goes through
 * the adapter and is checked against the published entry.
 */
class SkillCatalog extends SkillsExtension {
  /** @type {{current: import("./catalog.js").Snapshot}} */ #state;
  /** @type {import("./types.js").SkillFiles} */ #files;
  /** @type {import("./catalog.js").ScanOptions} */ #scan;
  /** @type {Set<WeakRef<any>>} */ #servers = new Set();
  #pruneAt = PRUNE_AT;
  /** @type {Promise<unknown>} */ #queue = Promise.resolve();

  /**
   * Made by `SkillCatalog.load` (or `SkillsExtension.load`, `loadSkills`).
   * @private
   * @param {{state: {current: import("./catalog.js").Snapshot}, files: import("./types.js").SkillFiles, scan: import("./catalog.js").ScanOptions, sourceOptions: import("./types.js").SkillSourceOptions}} init
   */
  constructor(init) {
    super(init.sourceOptions);
    this.#state = init.state;
    this.#files = init.files;
    this.#scan = init.scan;
    onAttach.set(this, (/** @type {any} */ mcp) => this.#track(mcp));
  }

  /**
   * @param {import("./types.js").SkillFiles} files
   * @param {import("./types.js").SkillCatalogOptions} [options]
   * @returns {Promise<SkillCatalog>}
   * @throws {SkillCatalogError} when storage fails, or (under `strict`) a skill has a problem
   * @throws {RangeError | TypeError} for invalid options
   */
  static async load(files, options = {}) {
    const pageSize = checkedPageSize(options.pageSize);
    /** @type {import("./catalog.js").ScanOptions} */
    const scan = {
      prefix: options.prefix === undefined ? [] : splitRelativePath(options.prefix, "prefix"),
      limits: checkedLimits(options.limits),
      strict: options.strict ?? false,
      warn: options.onWarning ?? warnOnStderr,
    };
    const state = { current: await scanCatalog(files, scan) };
    return new SkillCatalog({
      state,
      files,
      scan,
      sourceOptions: {
        source: snapshotSource(state, files, pageSize, scan.warn),
        baseUri: scan.prefix.length === 0 ? "skill://" : joinUri("skill://", scan.prefix),
        cacheHint: options.cacheHint,
        strict: options.strict,
        onWarning: scan.warn,
      },
    });
  }

  /**
   * The skills served, in URI order; frozen (deeply), as they are exactly what clients receive.
   * @returns {readonly import("./types.js").Skill[]}
   */
  get entries() {
    return this.#state.current.ordered;
  }

  /**
   * Scans the storage again and serves the new catalog at once — or, on failure, keeps the
   * old one. Calls made meanwhile run one after another. When what clients list changed (a
   * skill added or removed, a `SKILL.md`'s name or description), every attached server still
   * connected sends `notifications/resources/list_changed` (servers made per request by
   * `createMcpHandler` are closed by then: announce on the handler,
   * `handler.notify.resourcesChanged()`).
   * @returns {Promise<import("./types.js").SkillCatalogChanges>}
   */
  reload() {
    const run = this.#queue.then(() => this.#reloadNow());
    this.#queue = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /** @param {any} mcp */
  #track(mcp) {
    // Without WeakRef, holding servers would keep per-request ones alive: track none.
    if (typeof WeakRef !== "function") {
      return;
    }
    if (this.#servers.size >= this.#pruneAt) {
      for (const ref of this.#servers) {
        if (ref.deref() === undefined) {
          this.#servers.delete(ref);
        }
      }
      this.#pruneAt = Math.max(PRUNE_AT, 2 * this.#servers.size);
    }
    this.#servers.add(new WeakRef(mcp));
  }

  async #reloadNow() {
    const before = this.#state.current;
    const after = await scanCatalog(this.#files, this.#scan);
    this.#state.current = after;
    const listChanged = listingOf(before) !== listingOf(after);
    if (listChanged) {
      this.#announce();
    }
    return { ...changesBetween(before, after), listChanged };
  }

  // A send that fails is a warning: never an unhandled rejection, never a reason to skip the
  // other servers.
  #announce() {
    for (const ref of this.#servers) {
      const mcp = ref.deref();
      if (mcp === undefined) {
        this.#servers.delete(ref);
        continue;
      }
      if (!mcp.isConnected()) {
        continue;
      }
      const sessionId = mcp.server.transport?.sessionId;
      try {
        Promise.resolve(mcp.server.sendResourceListChanged()).catch((e) => this.#announceFailed(sessionId, e));
      } catch (e) {
        this.#announceFailed(sessionId, e);
      }
    }
  }

  /**
   * @param {string | undefined} sessionId
   * @param {unknown} error
   */
  #announceFailed(sessionId, error) {
    const to = sessionId === undefined ? "" : ` to session ${sessionId}`;
    const reason = error instanceof Error ? error.message : String(error);
    try {
      this.#scan.warn({ path: "resources/list_changed", message: `could not be sent${to}: ${reason}` });
    } catch {
      // An `onWarning` that throws must not reject reload() or go unhandled either.
    }
  }
}

module.exports = { SkillsExtension, SkillCatalog };
