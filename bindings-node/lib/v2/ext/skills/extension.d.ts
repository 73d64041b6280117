/**
 * The skills extension (SEP-2640) for one catalog of skills. One instance serves any number of
 * servers: `attach` it to each before connecting. Made from a `SkillSource`, or by
 * `SkillsExtension.load(files)` from storage.
 */
export class SkillsExtension {
    /**
     * A catalog built from storage through a `SkillFiles` adapter (`memorySkillFiles`,
     * `nodeSkillFiles`, or your own).
     * @param {import("./types.js").SkillFiles} files
     * @param {import("./types.js").SkillCatalogOptions} [options]
     * @returns {Promise<SkillCatalog>}
     */
    static load(files: import("./types.js").SkillFiles, options?: import("./types.js").SkillCatalogOptions): Promise<SkillCatalog>;
    /**
     * @param {import("./types.js").SkillSourceOptions} options
     * @throws {RangeError} for an invalid `cacheHint`
     * @throws {TypeError} for a `baseUri` that is no `scheme://…` URI
     */
    constructor(options: import("./types.js").SkillSourceOptions);
    /**
     * The identifier declared in the server's `extensions` capability.
     * @readonly
     */
    readonly id: "io.modelcontextprotocol/skills";
    /**
     * Serves these skills on `mcp`: the skill files' resource template, the skills methods, then
     * the capability. Before connecting; again for the same server, nothing. One skills extension
     * per server: attaching a second one (or to a server already handling a skills method)
     * throws and leaves the server as it was.
     * @param {import("../../mcp.js").McpServer} mcp
     * @throws {Error} once connected, or with another skills extension attached
     */
    attach(mcp: import("../../mcp.js").McpServer): void;
    #private;
}
/**
 * A catalog ferromcp built from storage. It holds metadata only: every file read goes through
 * the adapter and is checked against the published entry.
 */
export class SkillCatalog extends SkillsExtension {
    /**
     * Made by `SkillCatalog.load` (or `SkillsExtension.load`, `loadSkills`).
     * @private
     * @param {{state: {current: import("./catalog.js").Snapshot}, files: import("./types.js").SkillFiles, scan: import("./catalog.js").ScanOptions, sourceOptions: import("./types.js").SkillSourceOptions}} init
     */
    private constructor();
    /**
     * The skills served, in URI order; frozen (deeply), as they are exactly what clients receive.
     * @returns {readonly import("./types.js").Skill[]}
     */
    get entries(): readonly import("./types.js").Skill[];
    /**
     * Scans the storage again and serves the new catalog at once — or, on failure, keeps the
     * old one. Calls made meanwhile run one after another. When what clients list changed (a
     * skill added or removed, a `SKILL.md`'s name or description), every attached server still
     * connected sends `notifications/resources/list_changed` (servers made per request by
     * `createMcpHandler` are closed by then: announce on the handler,
     * `handler.notify.resourcesChanged()`).
     * @returns {Promise<import("./types.js").SkillCatalogChanges>}
     */
    reload(): Promise<import("./types.js").SkillCatalogChanges>;
    #private;
}
