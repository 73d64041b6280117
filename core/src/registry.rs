//! Registered tools, resources, resource templates and prompts, for servers that declare them
//! one by one (the decorator APIs). The core lists them (with cursor pagination), finds the
//! handler for a call, validates tool arguments against the schema compiled at registration,
//! and matches resource URIs against templates.
//!
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/tools>,
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/resources>,
//! <https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination>

use serde_json::{Map, Value};
use std::sync::{Arc, OnceLock, RwLock};

use crate::error::{Error, ErrorData};
use crate::handler::Handler;
use crate::schema::CompiledSchema;

/// A registered tool.
pub struct ToolEntry {
    /// The tool object as `tools/list` shows it — for a tool registered with
    /// [`Registry::add_tool_deferred`], what serving its calls needs until it is first listed.
    pub definition: Value,
    /// The whole definition a binding makes on first need ([`Registry::add_tool_deferred`]).
    deferred: Option<Deferred>,
    pub(crate) input: Option<CompiledSchema>,
    pub(crate) output: Option<CompiledSchema>,
    /// Coerce numeric and boolean strings where the schema wants numbers or booleans.
    pub(crate) lax: bool,
    pub(crate) handler: Arc<dyn Handler>,
    /// The name its failures are worded with, when not the one it is served under (a tool
    /// of a mounted server keeps its own).
    pub(crate) reported: Option<String>,
}

/// What a deferred tool's maker is asked to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefinitionPart {
    /// The tool object as `tools/list` shows it.
    Whole,
    /// Its `inputSchema` alone: what checking a 2026-07-28 call's `Mcp-Param-*` headers needs,
    /// without converting the output schema too.
    InputSchema,
}

/// Makes a tool's whole definition or its input schema, or says why it cannot (the author's
/// schema library failed).
pub type MakeDefinition = Box<dyn Fn(DefinitionPart) -> Result<Value, String> + Send + Sync>;

/// A definition made when first needed, then kept; its input schema, when needed before it.
struct Deferred {
    made: OnceLock<Value>,
    input: OnceLock<Value>,
    make: MakeDefinition,
}

impl ToolEntry {
    /// The tool as `tools/list` shows it; a deferred definition is made now if it was not yet,
    /// and a failure to make it is the listing's error (-32603, the binding's message), as the
    /// official SDKs answer when a schema fails to convert for `tools/list`.
    pub fn shown(&self) -> Result<&Value, ErrorData> {
        let Some(d) = &self.deferred else {
            return Ok(&self.definition);
        };
        if let Some(v) = d.made.get() {
            return Ok(v);
        }
        let v = (d.make)(DefinitionPart::Whole).map_err(internal)?;
        Ok(d.made.get_or_init(|| v))
    }

    /// The `inputSchema` the tool is listed with (`Null` when it has none). A deferred
    /// definition not made yet is not made for it: its maker makes the input schema alone.
    pub fn input_schema(&self) -> Result<&Value, ErrorData> {
        let Some(d) = &self.deferred else {
            return Ok(&self.definition["inputSchema"]);
        };
        if let Some(v) = d.made.get() {
            return Ok(&v["inputSchema"]);
        }
        if let Some(v) = d.input.get() {
            return Ok(v);
        }
        let v = (d.make)(DefinitionPart::InputSchema).map_err(internal)?;
        Ok(d.input.get_or_init(|| v))
    }

    /// Whether its definition is still to be made.
    fn unmade(&self) -> bool {
        self.deferred
            .as_ref()
            .is_some_and(|d| d.made.get().is_none())
    }
}

/// A maker's failure as the request's error (-32603, the binding's message).
fn internal(message: String) -> ErrorData {
    ErrorData::new(crate::ErrorCode::INTERNAL_ERROR, message)
}

/// A registered resource (fixed URI) or resource template (RFC 6570 URI template).
pub struct ResourceEntry {
    /// The object as `resources/list` or `resources/templates/list` shows it.
    pub definition: Value,
    template: Option<UriTemplate>,
    /// What the template's variables may not hold.
    safety: Option<PathSafety>,
    pub(crate) handler: Arc<dyn Handler>,
}

/// What a resource template's variables may not hold once decoded, as `mcp` 2.x's
/// `ResourceSecurity` has it (on by default there): `..` climbing above the start, an absolute
/// path (POSIX, Windows drive or UNC), a NUL. A URI whose variable fails is served by no
/// template, so a later, more permissive template does not get it either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathSafety {
    /// Refuse values whose `..` segments climb above their start.
    pub traversal: bool,
    /// Refuse absolute paths.
    pub absolute: bool,
    /// Refuse values holding NUL.
    pub null_bytes: bool,
    /// Variables not checked at all.
    pub exempt: Vec<String>,
}

impl Default for PathSafety {
    fn default() -> Self {
        Self {
            traversal: true,
            absolute: true,
            null_bytes: true,
            exempt: Vec::new(),
        }
    }
}

impl PathSafety {
    /// The first variable of `vars` whose value (or one of its values) is refused.
    pub fn refused<'a>(&self, vars: &'a Map<String, Value>) -> Option<&'a str> {
        vars.iter()
            .filter(|(name, _)| !self.exempt.iter().any(|e| e == *name))
            .find(|(_, v)| match v {
                Value::Array(items) => items.iter().any(|i| self.refuses(i)),
                v => self.refuses(v),
            })
            .map(|(name, _)| name.as_str())
    }

    fn refuses(&self, v: &Value) -> bool {
        let v = v.as_str().unwrap_or("");
        (self.null_bytes && v.contains('\0'))
            || (self.traversal && climbs_out(v))
            || (self.absolute && is_absolute_path(v))
    }
}

/// True when `path`, taken as relative, climbs above its start through `..` segments (`/` and
/// `\` both separate).
pub fn climbs_out(path: &str) -> bool {
    let mut depth = 0i64;
    for part in path.split(['/', '\\']) {
        match part {
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            "" | "." => {}
            _ => depth += 1,
        }
    }
    false
}

/// True when `path` is absolute on a common platform: `/x`, `\\x`, `C:` and `C:\\x`.
pub fn is_absolute_path(path: &str) -> bool {
    let b = path.as_bytes();
    match b {
        [] => false,
        [b'/' | b'\\', ..] => true,
        [d, b':', ..] => d.is_ascii_alphabetic(),
        _ => false,
    }
}

/// A registered prompt.
pub struct PromptEntry {
    /// The prompt object as `prompts/list` shows it.
    pub definition: Value,
    pub(crate) handler: Arc<dyn Handler>,
}

/// One tool, resource, template or prompt: its registration, or each of its versions.
struct Element<T> {
    key: String,
    /// Ascending by version (see [`crate::versions`]); one registration when unversioned.
    versions: Vec<Registered<T>>,
}

struct Registered<T> {
    version: Option<String>,
    /// The key visibility rules name it by: `key`, or `key@version` for a version.
    shown_as: String,
    entry: Arc<T>,
}

#[derive(Default)]
struct Items {
    tools: Vec<Element<ToolEntry>>,
    resources: Vec<Element<ResourceEntry>>,
    templates: Vec<Element<ResourceEntry>>,
    prompts: Vec<Element<PromptEntry>>,
}

/// Which kind of element a list request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `tools/list`.
    Tools,
    /// `resources/list`.
    Resources,
    /// `resources/templates/list`.
    ResourceTemplates,
    /// `prompts/list`.
    Prompts,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Self::Tools => "tools",
            Self::Resources => "resources",
            Self::ResourceTemplates => "resourceTemplates",
            Self::Prompts => "prompts",
        }
    }

    /// What registration errors call an element of this kind.
    fn singular(self) -> &'static str {
        match self {
            Self::Tools => "tool",
            Self::Resources => "resource",
            Self::ResourceTemplates => "resourcetemplate",
            Self::Prompts => "prompt",
        }
    }
}

/// Which elements a session sees otherwise than the server decides (see
/// [`Registry::set_hidden`]): `(kind, key) → shown`.
pub type Visibility = std::collections::HashMap<(Kind, String), bool>;

/// The registry. Elements may be added and removed while serving; lists keep registration order.
#[derive(Default)]
pub struct Registry {
    items: RwLock<Items>,
    /// Elements registered but not shown: not listed, and unknown to calls.
    hidden: RwLock<std::collections::HashSet<(Kind, String)>>,
    /// Elements served but not listed (see [`Registry::set_listed`]).
    unlisted: RwLock<std::collections::HashSet<(Kind, String)>>,
    page_size: Option<usize>,
    empty_variables: bool,
    /// The kinds whose methods the registry answers; None: every kind.
    served: Option<Vec<Kind>>,
    /// The `_meta` entry naming versions (see [`Registry::with_versions`]).
    version_meta: Option<String>,
}

/// A tool definition's name.
fn tool_name(definition: &Value) -> Result<String, Error> {
    definition
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::Config("a tool needs a string name".into()))
}

/// Adds `entry` as `key` (at `version`), replacing a registration of the same key and version.
/// An element is versioned throughout or not at all.
fn upsert<T>(
    v: &mut Vec<Element<T>>,
    kind: Kind,
    key: String,
    version: Option<String>,
    entry: T,
) -> Result<(), Error> {
    let shown_as = match &version {
        Some(at) => format!("{key}@{at}"),
        None => key.clone(),
    };
    let registered = Registered {
        version,
        shown_as,
        entry: Arc::new(entry),
    };
    let Some(element) = v.iter_mut().find(|e| e.key == key) else {
        v.push(Element {
            key,
            versions: vec![registered],
        });
        return Ok(());
    };
    let what = kind.singular();
    match (&registered.version, element.versions[0].version.as_deref()) {
        (Some(at), None) => {
            return Err(Error::Config(format!(
                "Cannot add versioned {what} '{key}' (version='{at}'): an unversioned {what} \
                 with this name already exists. Either version all components or none."
            )));
        }
        (None, Some(at)) => {
            return Err(Error::Config(format!(
                "Cannot add unversioned {what} '{key}': versioned {what}s with this name \
                 already exist (e.g., version='{at}'). Either version all components or none."
            )));
        }
        _ => {}
    }
    let versions = &mut element.versions;
    match versions
        .iter_mut()
        .find(|r| r.version == registered.version)
    {
        Some(slot) => *slot = registered,
        None => {
            versions.push(registered);
            versions.sort_by(|a, b| {
                crate::versions::compare(a.version.as_deref(), b.version.as_deref())
            });
        }
    }
    Ok(())
}

impl Registry {
    /// An empty registry; list results are split into pages of `page_size` when given.
    pub fn new(page_size: Option<usize>) -> Self {
        Self {
            items: RwLock::default(),
            hidden: RwLock::default(),
            unlisted: RwLock::default(),
            page_size: page_size.filter(|n| *n > 0),
            empty_variables: false,
            served: None,
            version_meta: None,
        }
    }

    /// Serves several versions of an element (fastmcp's `@mcp.tool(version=...)`): a
    /// registration's version is the one its definition gives at `_meta.<namespace>.version`.
    /// Lists show each element's highest version shown, with every version shown at
    /// `_meta.<namespace>.versions` (highest first); a call, read or prompt naming a version
    /// at `_meta.<namespace>.version` of its params gets that version (an unknown one answers
    /// as an unknown element), else the highest.
    #[must_use]
    pub fn with_versions(mut self, namespace: &str) -> Self {
        self.version_meta = Some(namespace.to_owned());
        self
    }

    /// The version a definition registers, when the registry serves versions.
    fn version_of(&self, definition: &Value) -> Option<String> {
        let ns = self.version_meta.as_deref()?;
        definition
            .get("_meta")?
            .get(ns)?
            .get("version")?
            .as_str()
            .map(str::to_owned)
    }

    /// The version a request's params ask for (`_meta.<namespace>.version`, non-empty text).
    pub fn wanted<'a>(&self, params: &'a Value) -> Option<&'a str> {
        let ns = self.version_meta.as_deref()?;
        params
            .get("_meta")?
            .get(ns)?
            .get("version")?
            .as_str()
            .filter(|v| !v.is_empty())
    }

    /// Answers only the methods of `kinds` (`tools/list` and `tools/call` for
    /// [`Kind::Tools`], …); the others are left to handlers, or answered -32601 — as the
    /// TypeScript SDK's `McpServer` answers for a kind it never set up.
    #[must_use]
    pub fn serving(mut self, kinds: Vec<Kind>) -> Self {
        self.served = Some(kinds);
        self
    }

    /// Whether the registry answers the methods of `kind`.
    pub fn serves(&self, kind: Kind) -> bool {
        self.served.as_ref().is_none_or(|k| k.contains(&kind))
    }

    /// The kind whose registry method `method` is, if it is one.
    pub fn kind_of(method: &str) -> Option<Kind> {
        use crate::protocol::methods;
        Some(match method {
            methods::TOOLS_LIST | methods::TOOLS_CALL => Kind::Tools,
            methods::RESOURCES_LIST | methods::RESOURCES_READ => Kind::Resources,
            methods::RESOURCES_TEMPLATES_LIST => Kind::ResourceTemplates,
            methods::PROMPTS_LIST | methods::PROMPTS_GET => Kind::Prompts,
            _ => return None,
        })
    }

    /// Lets a template variable match empty text, as RFC 6570 reads `{var}` (`users:///profile`
    /// matches `users://{id}/profile` with `id = ""`). Off by default: a variable needs a value.
    #[must_use]
    pub fn with_empty_variables(mut self, on: bool) -> Self {
        self.empty_variables = on;
        self
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Items> {
        self.items.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Items> {
        self.items.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers (or replaces) a tool. Its schemas are compiled now, so a bad schema fails here.
    pub fn add_tool(
        &self,
        definition: Value,
        lax: bool,
        handler: Arc<dyn Handler>,
    ) -> Result<(), Error> {
        self.add_tool_reported(definition, lax, handler, None)
    }

    /// [`Self::add_tool`], its failures worded with `reported` as the tool's name.
    pub fn add_tool_reported(
        &self,
        definition: Value,
        lax: bool,
        handler: Arc<dyn Handler>,
        reported: Option<String>,
    ) -> Result<(), Error> {
        let name = tool_name(&definition)?;
        let compile =
            |key: &str| -> Result<Option<CompiledSchema>, Error> {
                match definition.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(s) => CompiledSchema::compile(s).map(Some).map_err(|message| {
                        Error::SchemaInvalid {
                            name: format!("{name} {key}"),
                            message,
                        }
                    }),
                }
            };
        let entry = ToolEntry {
            input: compile("inputSchema")?,
            output: compile("outputSchema")?,
            definition,
            deferred: None,
            lax,
            handler,
            reported,
        };
        let version = self.version_of(&entry.definition);
        upsert(&mut self.write().tools, Kind::Tools, name, version, entry)
    }

    /// Registers a tool whose arguments and results its binding checks with the schema library
    /// the author used (zod in Node): its schemas are listed as given, not compiled here.
    pub fn add_tool_unchecked(
        &self,
        definition: Value,
        handler: Arc<dyn Handler>,
    ) -> Result<(), Error> {
        self.add_tool_unchecked_reported(definition, handler, None)
    }

    /// [`Self::add_tool_unchecked`], its failures worded with `reported` as the tool's name.
    pub fn add_tool_unchecked_reported(
        &self,
        definition: Value,
        handler: Arc<dyn Handler>,
        reported: Option<String>,
    ) -> Result<(), Error> {
        self.add_unchecked(definition, handler, reported, None)
    }

    /// [`Self::add_tool_unchecked`] for a tool whose listed definition is made when first
    /// needed: `definition` holds what serving its calls needs (its name, `_meta`, `execution`),
    /// `make` the whole tool object. A binding whose authors write schemas in a library turns
    /// them into JSON Schema then, as the official SDKs do for `tools/list`, rather than for
    /// every connection a server makes (a stateless HTTP server makes one per request).
    pub fn add_tool_deferred(
        &self,
        definition: Value,
        handler: Arc<dyn Handler>,
        make: MakeDefinition,
    ) -> Result<(), Error> {
        let deferred = Deferred {
            made: OnceLock::new(),
            input: OnceLock::new(),
            make,
        };
        self.add_unchecked(definition, handler, None, Some(deferred))
    }

    fn add_unchecked(
        &self,
        definition: Value,
        handler: Arc<dyn Handler>,
        reported: Option<String>,
        deferred: Option<Deferred>,
    ) -> Result<(), Error> {
        let name = tool_name(&definition)?;
        let entry = ToolEntry {
            input: None,
            output: None,
            definition,
            deferred,
            lax: false,
            handler,
            reported,
        };
        let version = self.version_of(&entry.definition);
        upsert(&mut self.write().tools, Kind::Tools, name, version, entry)
    }

    /// Registers a resource (a fixed `uri`) or, when the definition has `uriTemplate`, a template.
    pub fn add_resource(&self, definition: Value, handler: Arc<dyn Handler>) -> Result<(), Error> {
        self.add_guarded_resource(definition, handler, None)
    }

    /// [`Self::add_resource`], a template's variables held to `safety`.
    pub fn add_guarded_resource(
        &self,
        definition: Value,
        handler: Arc<dyn Handler>,
        safety: Option<PathSafety>,
    ) -> Result<(), Error> {
        if let Some(t) = definition.get("uriTemplate").and_then(Value::as_str) {
            let template = UriTemplate::parse(t).map_err(Error::Config)?;
            let key = t.to_owned();
            let version = self.version_of(&definition);
            let entry = ResourceEntry {
                definition,
                template: Some(template),
                safety,
                handler,
            };
            return upsert(
                &mut self.write().templates,
                Kind::ResourceTemplates,
                key,
                version,
                entry,
            );
        }
        let uri = definition
            .get("uri")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Config("a resource needs a uri or a uriTemplate".into()))?
            .to_owned();
        let version = self.version_of(&definition);
        upsert(
            &mut self.write().resources,
            Kind::Resources,
            uri,
            version,
            ResourceEntry {
                definition,
                template: None,
                safety: None,
                handler,
            },
        )
    }

    /// Registers (or replaces) a prompt.
    pub fn add_prompt(&self, definition: Value, handler: Arc<dyn Handler>) -> Result<(), Error> {
        let name = definition
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Config("a prompt needs a string name".into()))?
            .to_owned();
        let version = self.version_of(&definition);
        upsert(
            &mut self.write().prompts,
            Kind::Prompts,
            name,
            version,
            PromptEntry {
                definition,
                handler,
            },
        )
    }

    /// Removes an element by kind and key (tool or prompt name, resource URI, template),
    /// every version of it. Returns whether it existed.
    pub fn remove(&self, kind: Kind, key: &str) -> bool {
        self.remove_version(kind, key, None)
    }

    /// Removes one version of an element (`None`: all of them). Returns whether it existed.
    pub fn remove_version(&self, kind: Kind, key: &str, version: Option<&str>) -> bool {
        if version.is_none() {
            self.set_listed(kind, key, true);
        }
        let mut items = self.write();
        fn take<T>(v: &mut Vec<Element<T>>, key: &str, version: Option<&str>) -> bool {
            let Some(at) = v.iter().position(|e| e.key == key) else {
                return false;
            };
            let Some(version) = version else {
                v.remove(at);
                return true;
            };
            let versions = &mut v[at].versions;
            let before = versions.len();
            versions.retain(|r| r.version.as_deref() != Some(version));
            let gone = versions.len() != before;
            if versions.is_empty() {
                v.remove(at);
            }
            gone
        }
        match kind {
            Kind::Tools => take(&mut items.tools, key, version),
            Kind::Resources => take(&mut items.resources, key, version),
            Kind::ResourceTemplates => take(&mut items.templates, key, version),
            Kind::Prompts => take(&mut items.prompts, key, version),
        }
    }

    /// True when anything of `kind` is registered.
    pub fn has(&self, kind: Kind) -> bool {
        let items = self.read();
        match kind {
            Kind::Tools => !items.tools.is_empty(),
            Kind::Resources => !items.resources.is_empty(),
            Kind::ResourceTemplates => !items.templates.is_empty(),
            Kind::Prompts => !items.prompts.is_empty(),
        }
    }

    /// Hides the elements of `kind` named by `keys` (tool or prompt names, resource URIs,
    /// templates) from every session, replacing those hidden before: they stay registered but
    /// are not listed, and calls answer as for an unknown one. A session's own
    /// [`Visibility`] overrides this.
    pub fn set_hidden(&self, kind: Kind, keys: impl IntoIterator<Item = String>) {
        let mut hidden = self.hidden.write().unwrap_or_else(|p| p.into_inner());
        hidden.retain(|(k, _)| *k != kind);
        hidden.extend(keys.into_iter().map(|key| (kind, key)));
    }

    /// Lists element `key` of `kind` again, or stops listing it while calls still reach its
    /// handler, which answers for it (a tool its author disabled in the TypeScript SDK says
    /// so, where an unknown one is not found).
    pub fn set_listed(&self, kind: Kind, key: &str, listed: bool) {
        let mut unlisted = self.unlisted.write().unwrap_or_else(|p| p.into_inner());
        if listed {
            unlisted.remove(&(kind, key.to_owned()));
        } else {
            unlisted.insert((kind, key.to_owned()));
        }
    }

    /// Whether a session seeing `own` sees element `key` of `kind`.
    fn shown(&self, kind: Kind, key: &str, own: Option<&Visibility>) -> bool {
        if let Some(shown) = own.and_then(|v| v.get(&(kind, key.to_owned()))) {
            return *shown;
        }
        let hidden = self.hidden.read().unwrap_or_else(|p| p.into_inner());
        hidden.is_empty() || !hidden.contains(&(kind, key.to_owned()))
    }

    /// The version of `element` a session seeing `own` gets when it asks for `wanted`: the
    /// highest shown matching it (an unversioned element matches any).
    fn pick<'a, T>(
        &self,
        kind: Kind,
        element: &'a Element<T>,
        own: Option<&Visibility>,
        wanted: Option<&str>,
    ) -> Option<&'a Registered<T>> {
        element.versions.iter().rev().find(|r| {
            self.shown(kind, &r.shown_as, own)
                && match (wanted, r.version.as_deref()) {
                    (Some(w), Some(v)) => crate::versions::same(v, w),
                    _ => true,
                }
        })
    }

    pub(crate) fn tool(
        &self,
        name: &str,
        own: Option<&Visibility>,
        wanted: Option<&str>,
    ) -> Option<Arc<ToolEntry>> {
        let items = self.read();
        let element = items.tools.iter().find(|e| e.key == name)?;
        self.pick(Kind::Tools, element, own, wanted)
            .map(|r| r.entry.clone())
    }

    pub(crate) fn prompt(
        &self,
        name: &str,
        own: Option<&Visibility>,
        wanted: Option<&str>,
    ) -> Option<Arc<PromptEntry>> {
        let items = self.read();
        let element = items.prompts.iter().find(|e| e.key == name)?;
        self.pick(Kind::Prompts, element, own, wanted)
            .map(|r| r.entry.clone())
    }

    /// The resource serving `uri`: an exact resource first, then the first matching template
    /// with the values of its variables.
    pub(crate) fn resource(
        &self,
        uri: &str,
        own: Option<&Visibility>,
        wanted: Option<&str>,
    ) -> Option<(Arc<ResourceEntry>, Map<String, Value>)> {
        self.serving_uri(uri, own, wanted)
            .map(|(_, e, vars)| (e, vars))
    }

    /// The key (URI or URI template) of the element serving `uri`, with template variables.
    pub fn resolve(&self, uri: &str) -> Option<(String, Map<String, Value>)> {
        self.serving_uri(uri, None, None)
            .map(|(k, _, vars)| (k, vars))
    }

    /// An exact resource first, then the first template matching; a match whose variables
    /// its [`PathSafety`] refuses ends the search with none. Hidden elements, and those
    /// without the version wanted, are passed over.
    fn serving_uri(
        &self,
        uri: &str,
        own: Option<&Visibility>,
        wanted: Option<&str>,
    ) -> Option<(String, Arc<ResourceEntry>, Map<String, Value>)> {
        let items = self.read();
        if let Some(r) = items
            .resources
            .iter()
            .find(|e| e.key == uri)
            .and_then(|e| self.pick(Kind::Resources, e, own, wanted))
        {
            return Some((uri.to_owned(), r.entry.clone(), Map::new()));
        }
        for element in &items.templates {
            let Some(r) = self.pick(Kind::ResourceTemplates, element, own, wanted) else {
                continue;
            };
            let Some(vars) = r
                .entry
                .template
                .as_ref()
                .and_then(|t| t.matches(uri, self.empty_variables))
            else {
                continue;
            };
            let k = &element.key;
            if let Some(name) = r.entry.safety.as_ref().and_then(|s| s.refused(&vars)) {
                tracing::info!(template = %k, variable = name, "resource URI refused by path safety");
                return None;
            }
            return Some((k.clone(), r.entry.clone(), vars));
        }
        None
    }

    /// One page of a list result. The cursor is the position to continue from.
    pub fn list(&self, kind: Kind, cursor: Option<&str>) -> Result<Value, ErrorData> {
        self.list_for(kind, cursor, None)
    }

    /// One page of a list result for a session seeing `own`: what it does not see is left out.
    pub fn list_for(
        &self,
        kind: Kind,
        cursor: Option<&str>,
        own: Option<&Visibility>,
    ) -> Result<Value, ErrorData> {
        if kind == Kind::Tools {
            // Deferred definitions run the binding's code: made before the listing takes the
            // lock, so that code may register tools. One that fails is tried again below, and
            // fails the listing only if this session is shown its tool.
            let unmade: Vec<Arc<ToolEntry>> = self
                .read()
                .tools
                .iter()
                .flat_map(|e| &e.versions)
                .filter(|r| r.entry.unmade())
                .map(|r| r.entry.clone())
                .collect();
            for entry in unmade {
                let _ = entry.shown();
            }
        }
        let items = self.read();
        let defs: Vec<std::borrow::Cow<'_, Value>> = match kind {
            Kind::Tools => self.listed(kind, &items.tools, own, ToolEntry::shown)?,
            Kind::Resources => self.listed(kind, &items.resources, own, |e| Ok(&e.definition))?,
            Kind::ResourceTemplates => {
                self.listed(kind, &items.templates, own, |e| Ok(&e.definition))?
            }
            Kind::Prompts => self.listed(kind, &items.prompts, own, |e| Ok(&e.definition))?,
        };
        let start = match cursor {
            None => 0,
            Some(c) => c
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= defs.len())
                .ok_or_else(|| ErrorData::invalid_params(format!("invalid cursor {c:?}")))?,
        };
        let end = match self.page_size {
            Some(n) => (start + n).min(defs.len()),
            None => defs.len(),
        };
        let mut out = Map::new();
        out.insert(
            kind.key().into(),
            defs[start..end]
                .iter()
                .map(|v| v.clone().into_owned())
                .collect(),
        );
        if end < defs.len() {
            out.insert("nextCursor".into(), Value::from(end.to_string()));
        }
        Ok(Value::Object(out))
    }

    /// What a session seeing `own` is shown of `elements`: each one's highest version shown,
    /// with the versions shown written into its `_meta` when it has any.
    fn listed<'a, T>(
        &self,
        kind: Kind,
        elements: &'a [Element<T>],
        own: Option<&Visibility>,
        def: impl Fn(&'a T) -> Result<&'a Value, ErrorData>,
    ) -> Result<Vec<std::borrow::Cow<'a, Value>>, ErrorData> {
        use std::borrow::Cow;
        let mut out = Vec::with_capacity(elements.len());
        let unlisted = self.unlisted.read().unwrap_or_else(|p| p.into_inner());
        for element in elements {
            if !unlisted.is_empty() && unlisted.contains(&(kind, element.key.clone())) {
                continue;
            }
            if let [only] = element.versions.as_slice() {
                if only.version.is_none() || self.version_meta.is_none() {
                    if self.shown(kind, &only.shown_as, own) {
                        out.push(Cow::Borrowed(def(&only.entry)?));
                    }
                    continue;
                }
            }
            let shown: Vec<&Registered<T>> = element
                .versions
                .iter()
                .filter(|r| self.shown(kind, &r.shown_as, own))
                .collect();
            let Some(top) = shown.last() else { continue };
            let (Some(ns), Some(_)) = (self.version_meta.as_deref(), top.version.as_deref()) else {
                out.push(Cow::Borrowed(def(&top.entry)?));
                continue;
            };
            let versions: Vec<Value> = shown
                .iter()
                .rev()
                .filter_map(|r| r.version.clone().map(Value::from))
                .collect();
            let mut definition = def(&top.entry)?.clone();
            if let Some(meta) = definition
                .as_object_mut()
                .map(|d| {
                    d.entry("_meta")
                        .or_insert_with(|| Value::Object(Map::new()))
                })
                .and_then(Value::as_object_mut)
                .map(|m| m.entry(ns).or_insert_with(|| Value::Object(Map::new())))
                .and_then(Value::as_object_mut)
            {
                meta.insert("versions".into(), Value::Array(versions));
            }
            out.push(Cow::Owned(definition));
        }
        Ok(out)
    }
}

/// An RFC 6570 URI template, matched in reverse: `{var}` matches one path segment, `{+var}` and
/// `{#var}` any text, `{/var}` a `/`-prefixed segment, `{?a,b}` a query string; `{var*}` (no
/// operator, exploded) several segments — fastmcp's wildcard (`docs://{path*}` matches
/// `docs://a/b.md`), which the official SDKs refuse to match.
#[derive(Debug, Clone)]
pub struct UriTemplate {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Literal(String),
    Var {
        op: Option<char>,
        names: Vec<String>,
        /// A single variable with the explode modifier (`{path*}`).
        explode: bool,
    },
}

impl UriTemplate {
    /// Parses a template.
    pub fn parse(t: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_owned()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("unclosed '{{' in {t:?}"))?;
            let expr = &rest[open + 1..open + close];
            let (op, body) = match expr.chars().next() {
                Some(c @ ('+' | '#' | '/' | '?' | '&' | '.' | ';')) => (Some(c), &expr[1..]),
                _ => (None, expr),
            };
            let names: Vec<String> = body
                .split(',')
                .map(|n| {
                    n.trim_end_matches('*')
                        .split(':')
                        .next()
                        .unwrap_or("")
                        .to_owned()
                })
                .collect();
            if names.iter().any(String::is_empty) {
                return Err(format!("empty variable in {t:?}"));
            }
            let explode = names.len() == 1 && body.ends_with('*');
            parts.push(Part::Var { op, names, explode });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(Self { parts })
    }

    /// The variables' values when `uri` matches the template; `allow_empty` lets a variable
    /// match empty text.
    pub fn matches(&self, uri: &str, allow_empty: bool) -> Option<Map<String, Value>> {
        let mut vars = Map::new();
        let mut pos = 0;
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Part::Literal(l) => {
                    if !uri[pos..].starts_with(l.as_str()) {
                        return None;
                    }
                    pos += l.len();
                }
                Part::Var { op, names, explode } => {
                    let rest = &uri[pos..];
                    // A variable ends where the next literal starts (or at the end).
                    let next_literal = self.parts[i + 1..].iter().find_map(|p| match p {
                        Part::Literal(l) => Some(l.as_str()),
                        Part::Var { .. } => None,
                    });
                    let stop = |c: char| match op {
                        None if *explode => matches!(c, '?' | '#'),
                        None | Some('/') | Some('.') => matches!(c, '/' | '?' | '#'),
                        Some('?') | Some('&') => c == '#',
                        _ => false,
                    };
                    let limit = rest.find(stop).unwrap_or(rest.len());
                    let end = match next_literal {
                        Some(l) => rest[..limit].find(l).unwrap_or(limit),
                        None => limit,
                    };
                    let mut value = &rest[..end];
                    pos += end;
                    match op {
                        Some('?') | Some('&') => {
                            value = value.trim_start_matches(['?', '&']);
                            for pair in value.split('&').filter(|p| !p.is_empty()) {
                                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                                if names.iter().any(|n| n == k) {
                                    vars.insert(k.to_owned(), Value::from(decode(v)));
                                }
                            }
                        }
                        _ => {
                            if let Some(p) = op.filter(|c| matches!(c, '/' | '.' | '#')) {
                                value = value.strip_prefix(p).unwrap_or(value);
                            }
                            if value.is_empty() && !allow_empty {
                                return None;
                            }
                            if names.len() == 1 {
                                vars.insert(names[0].clone(), Value::from(decode(value)));
                            } else {
                                for (n, v) in names.iter().zip(value.split(',')) {
                                    vars.insert(n.clone(), Value::from(decode(v)));
                                }
                            }
                        }
                    }
                }
            }
        }
        (pos == uri.len()).then_some(vars)
    }
}

/// Percent-decodes a template variable's value (invalid escapes are kept as they are).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) =
                u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or(""), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_safety_refuses_climbing_absolute_and_nul() {
        for (v, out) in [
            ("a/b/c", false),
            ("../etc", true),
            ("a/../../b", true),
            ("a/../b", false),
            ("1.0..2.0", false),
            ("..", true),
            ("a\\..\\..\\b", true),
        ] {
            assert_eq!(climbs_out(v), out, "{v}");
        }
        for (v, out) in [
            ("relative/path", false),
            ("/etc/passwd", true),
            ("\\\\server\\share", true),
            ("C:\\Windows", true),
            ("c:foo", true),
            ("1:x", false),
            ("", false),
        ] {
            assert_eq!(is_absolute_path(v), out, "{v}");
        }
        let safety = PathSafety {
            exempt: vec!["range".into()],
            ..PathSafety::default()
        };
        let vars = |v: Value| v.as_object().unwrap().clone();
        assert_eq!(safety.refused(&vars(json!({"path": "a/b"}))), None);
        assert_eq!(
            safety.refused(&vars(json!({"path": "a\u{0}b"}))),
            Some("path")
        );
        assert_eq!(safety.refused(&vars(json!({"range": "a..b/../.."}))), None);
        assert_eq!(
            safety.refused(&vars(json!({"parts": ["a", "/etc"]}))),
            Some("parts")
        );

        let reg = Registry::default();
        let h: Arc<dyn Handler> = crate::handler::handler_fn(|_, _| async {
            Ok::<_, crate::handler::HandlerError>(json!({}))
        });
        reg.add_guarded_resource(
            json!({"name": "doc", "uriTemplate": "file://docs/{+path}"}),
            h.clone(),
            Some(PathSafety::default()),
        )
        .unwrap();
        reg.add_resource(json!({"name": "any", "uriTemplate": "file://{+rest}"}), h)
            .unwrap();
        assert!(reg.resolve("file://docs/a/b.txt").is_some());
        // Refused by the first template: not handed on to the permissive one.
        assert!(
            reg.resolve("file://docs/%2E%2E/%2E%2E/etc/passwd")
                .is_none()
        );
        assert!(reg.resolve("file://docs//etc/passwd").is_none());
    }

    #[test]
    fn an_unlisted_element_is_served_but_not_listed_until_listed_or_removed() {
        let reg = Registry::new(None);
        let noop = || -> Arc<dyn Handler> {
            crate::handler::handler_fn(|_, _| async {
                Ok::<_, crate::handler::HandlerError>(json!({}))
            })
        };
        let names = |reg: &Registry| -> Vec<String> {
            reg.list(Kind::Tools, None).unwrap()["tools"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_owned())
                .collect()
        };
        for name in ["a", "b"] {
            reg.add_tool_unchecked(
                json!({"name": name, "inputSchema": {"type": "object"}}),
                noop(),
            )
            .unwrap();
        }
        reg.set_listed(Kind::Tools, "a", false);
        assert_eq!(names(&reg), ["b"]);
        assert!(reg.tool("a", None, None).is_some());
        reg.set_listed(Kind::Tools, "a", true);
        assert_eq!(names(&reg), ["a", "b"]);
        // Removing forgets the mark: the same name registered again is listed.
        reg.set_listed(Kind::Tools, "a", false);
        reg.remove(Kind::Tools, "a");
        reg.add_tool_unchecked(
            json!({"name": "a", "inputSchema": {"type": "object"}}),
            noop(),
        )
        .unwrap();
        assert_eq!(names(&reg), ["b", "a"]);
    }

    #[test]
    fn hidden_elements_are_neither_listed_nor_found_unless_a_session_shows_them() {
        let reg = Registry::new(Some(2));
        let h: Arc<dyn Handler> = crate::handler::handler_fn(|_, _| async {
            Ok::<_, crate::handler::HandlerError>(json!({}))
        });
        for name in ["a", "b", "c"] {
            reg.add_tool(
                json!({"name": name, "inputSchema": {"type": "object"}}),
                false,
                h.clone(),
            )
            .unwrap();
        }
        reg.add_resource(json!({"name": "t", "uriTemplate": "x://{id}"}), h.clone())
            .unwrap();
        let names = |v: Value| -> Vec<String> {
            v["tools"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_owned())
                .collect()
        };
        reg.set_hidden(Kind::Tools, ["a".to_owned()]);
        reg.set_hidden(Kind::ResourceTemplates, ["x://{id}".to_owned()]);
        // Pages are of what is shown.
        let first = reg.list(Kind::Tools, None).unwrap();
        assert_eq!(names(first.clone()), ["b", "c"]);
        assert!(first.get("nextCursor").is_none());
        assert!(reg.tool("a", None, None).is_none() && reg.tool("b", None, None).is_some());
        assert!(reg.resource("x://1", None, None).is_none());
        // A session's own view overrides the server's, both ways.
        let own: Visibility = [
            ((Kind::Tools, "a".to_owned()), true),
            ((Kind::Tools, "c".to_owned()), false),
            ((Kind::ResourceTemplates, "x://{id}".to_owned()), true),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            names(reg.list_for(Kind::Tools, None, Some(&own)).unwrap()),
            ["a", "b"]
        );
        assert!(
            reg.tool("a", Some(&own), None).is_some() && reg.tool("c", Some(&own), None).is_none()
        );
        assert!(reg.resource("x://1", Some(&own), None).is_some());
        // Replacing a kind's hidden set leaves the others'.
        reg.set_hidden(Kind::Tools, []);
        assert_eq!(names(reg.list(Kind::Tools, None).unwrap()), ["a", "b"]);
        assert!(reg.resource("x://1", None, None).is_none());
    }

    #[test]
    fn templates_match_segments_and_queries() {
        let t = UriTemplate::parse("users://{id}/profile").unwrap();
        assert_eq!(
            Value::Object(t.matches("users://42/profile", false).unwrap()),
            json!({"id": "42"})
        );
        assert!(t.matches("users://42/other", false).is_none());
        assert!(t.matches("users:///profile", false).is_none());
        assert_eq!(
            Value::Object(t.matches("users:///profile", true).unwrap()),
            json!({"id": ""})
        );
        let t = UriTemplate::parse("file:///{+path}").unwrap();
        assert_eq!(
            Value::Object(t.matches("file:///a/b%20c.txt", false).unwrap()),
            json!({"path": "a/b c.txt"})
        );
        let t = UriTemplate::parse("search://items{?q,limit}").unwrap();
        assert_eq!(
            Value::Object(t.matches("search://items?q=x&limit=5", false).unwrap()),
            json!({"q": "x", "limit": "5"})
        );
        let t = UriTemplate::parse("weather://{city}/{day}").unwrap();
        assert_eq!(
            Value::Object(t.matches("weather://paris/monday", false).unwrap()),
            json!({"city": "paris", "day": "monday"})
        );
        // fastmcp's wildcard spans segments, up to a query; a plain variable does not.
        let t = UriTemplate::parse("docs://{path*}{?fmt}").unwrap();
        assert_eq!(
            Value::Object(t.matches("docs://a/b/c.md?fmt=x", false).unwrap()),
            json!({"path": "a/b/c.md", "fmt": "x"})
        );
        let t = UriTemplate::parse("repo://{owner}/{path*}/raw").unwrap();
        assert_eq!(
            Value::Object(t.matches("repo://me/src/lib.rs/raw", false).unwrap()),
            json!({"owner": "me", "path": "src/lib.rs"})
        );
        assert!(
            UriTemplate::parse("docs://{path}")
                .unwrap()
                .matches("docs://a/b", false)
                .is_none()
        );
        assert!(UriTemplate::parse("x://{").is_err());
    }

    #[test]
    fn pagination() {
        let r = Registry::new(Some(2));
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        for n in ["a", "b", "c"] {
            r.add_prompt(json!({"name": n}), h.clone()).unwrap();
        }
        let p1 = r.list(Kind::Prompts, None).unwrap();
        assert_eq!(
            p1,
            json!({"prompts": [{"name": "a"}, {"name": "b"}], "nextCursor": "2"})
        );
        let p2 = r.list(Kind::Prompts, Some("2")).unwrap();
        assert_eq!(p2, json!({"prompts": [{"name": "c"}]}));
        assert!(r.list(Kind::Prompts, Some("zz")).is_err());
        assert!(r.remove(Kind::Prompts, "b"));
        assert!(!r.remove(Kind::Prompts, "b"));
    }

    #[test]
    fn a_deferred_definition_is_made_when_first_listed_and_its_failure_is_the_listings_error() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let reg = Registry::new(None);
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        let made = Arc::new(AtomicUsize::new(0));
        let count = made.clone();
        reg.add_tool_deferred(
            json!({"name": "echo"}),
            h.clone(),
            Box::new(move |_| {
                count.fetch_add(1, Ordering::Relaxed);
                Ok(json!({"name": "echo", "inputSchema": {"type": "object"}}))
            }),
        )
        .unwrap();
        // A call finds it without its definition being made.
        assert!(reg.tool("echo", None, None).is_some());
        assert_eq!(made.load(Ordering::Relaxed), 0);
        for _ in 0..2 {
            let listed = reg.list(Kind::Tools, None).unwrap();
            assert_eq!(listed["tools"][0]["inputSchema"], json!({"type": "object"}));
        }
        assert_eq!(made.load(Ordering::Relaxed), 1);

        reg.add_tool_deferred(
            json!({"name": "broken"}),
            h,
            Box::new(|_| Err("this schema cannot be JSON Schema".into())),
        )
        .unwrap();
        let e = reg.list(Kind::Tools, None).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::INTERNAL_ERROR);
        assert_eq!(e.message, "this schema cannot be JSON Schema");
    }

    #[test]
    fn a_deferred_tools_input_schema_is_made_alone_until_the_whole_is_made() {
        use std::sync::Mutex;
        let reg = Registry::new(None);
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        let asked = Arc::new(Mutex::new(Vec::new()));
        let seen = asked.clone();
        let input = json!({"type": "object", "properties": {"region": {"type": "string"}}});
        let whole =
            json!({"name": "deploy", "inputSchema": input, "outputSchema": {"type": "object"}});
        reg.add_tool_deferred(
            json!({"name": "deploy"}),
            h,
            Box::new(move |part| {
                seen.lock().unwrap().push(part);
                Ok(match part {
                    DefinitionPart::Whole => whole.clone(),
                    DefinitionPart::InputSchema => whole["inputSchema"].clone(),
                })
            }),
        )
        .unwrap();
        let entry = reg.tool("deploy", None, None).unwrap();
        for _ in 0..2 {
            assert_eq!(entry.input_schema().unwrap(), &input);
        }
        assert_eq!(*asked.lock().unwrap(), [DefinitionPart::InputSchema]);
        let listed = reg.list(Kind::Tools, None).unwrap();
        assert_eq!(
            listed["tools"][0]["outputSchema"],
            json!({"type": "object"})
        );
        assert_eq!(entry.input_schema().unwrap(), &input);
        assert_eq!(
            *asked.lock().unwrap(),
            [DefinitionPart::InputSchema, DefinitionPart::Whole]
        );

        // A tool given whole answers from its definition; one without a schema with null.
        let plain = Registry::new(None);
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        plain
            .add_tool_unchecked(json!({"name": "bare"}), h)
            .unwrap();
        assert_eq!(
            plain
                .tool("bare", None, None)
                .unwrap()
                .input_schema()
                .unwrap(),
            &Value::Null
        );
    }

    #[test]
    fn a_deferred_definition_may_register_tools_while_it_is_made() {
        let reg = Arc::new(Registry::new(None));
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        let (inner, handler) = (Arc::downgrade(&reg), h.clone());
        reg.add_tool_deferred(
            json!({"name": "first"}),
            h,
            Box::new(move |_| {
                // The author's schema library, calling back into the server it serves.
                if let Some(reg) = inner.upgrade() {
                    reg.add_tool_unchecked(json!({"name": "second"}), handler.clone())
                        .map_err(|e| e.to_string())?;
                }
                Ok(json!({"name": "first", "inputSchema": {"type": "object"}}))
            }),
        )
        .unwrap();
        let listed = reg.list(Kind::Tools, None).unwrap();
        let names: Vec<&str> = listed["tools"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t["name"].as_str())
            .collect();
        assert_eq!(names, ["first", "second"]);
    }

    #[test]
    fn bad_schemas_fail_at_registration() {
        let r = Registry::new(None);
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        let e = r.add_tool(json!({"name": "t", "inputSchema": {"type": 5}}), false, h);
        assert!(matches!(e, Err(Error::SchemaInvalid { .. })));
    }

    #[test]
    fn versions_list_the_highest_and_serve_the_one_asked_for() {
        let r = Registry::new(None).with_versions("fastmcp");
        let tool = |v: &str, field: &str| {
            json!({"name": "convert", "_meta": {"fastmcp": {"version": v}},
                   "inputSchema": {"type": "object", "properties": {field: {"type": "integer"}},
                                   "required": [field]}})
        };
        let h = crate::handler::handler_fn(|_c, _p| async { Ok(json!({})) });
        r.add_tool(tool("2.0", "b"), false, h.clone()).unwrap();
        r.add_tool(tool("1.0", "a"), false, h.clone()).unwrap();
        r.add_tool(tool("v10", "c"), false, h.clone()).unwrap();
        let listed = r.list(Kind::Tools, None).unwrap();
        let only = &listed["tools"][0];
        assert_eq!(listed["tools"].as_array().unwrap().len(), 1);
        assert_eq!(only["_meta"]["fastmcp"]["version"], "v10");
        assert_eq!(
            only["_meta"]["fastmcp"]["versions"],
            json!(["v10", "2.0", "1.0"])
        );
        let required = |e: Arc<ToolEntry>| e.definition["inputSchema"]["required"][0].clone();
        assert_eq!(required(r.tool("convert", None, None).unwrap()), "c");
        assert_eq!(required(r.tool("convert", None, Some("1")).unwrap()), "a");
        assert_eq!(required(r.tool("convert", None, Some("v2")).unwrap()), "b");
        assert!(r.tool("convert", None, Some("3")).is_none());
        let params = json!({"name": "convert", "_meta": {"fastmcp": {"version": "1.0"}}});
        assert_eq!(r.wanted(&params), Some("1.0"));
        assert_eq!(
            r.wanted(&json!({"_meta": {"fastmcp": {"version": ""}}})),
            None
        );
        assert_eq!(
            r.wanted(&json!({"_meta": {"fastmcp": {"version": 1}}})),
            None
        );

        // A hidden version is neither listed nor served; the next one takes its place.
        r.set_hidden(Kind::Tools, ["convert@v10".to_owned()]);
        let listed = r.list(Kind::Tools, None).unwrap();
        assert_eq!(
            listed["tools"][0]["_meta"]["fastmcp"]["versions"],
            json!(["2.0", "1.0"])
        );
        assert!(r.tool("convert", None, Some("10")).is_none());
        assert_eq!(required(r.tool("convert", None, None).unwrap()), "b");

        // Versioned and unversioned registrations of one name do not mix.
        let plain = json!({"name": "convert"});
        let e = r.add_tool(plain, false, h.clone()).unwrap_err().to_string();
        assert!(e.contains("Cannot add unversioned tool 'convert'"), "{e}");
        assert!(r.remove_version(Kind::Tools, "convert", Some("2.0")));
        assert!(!r.remove_version(Kind::Tools, "convert", Some("2.0")));
        assert!(r.remove(Kind::Tools, "convert"));
        assert!(!r.has(Kind::Tools));
    }
}
