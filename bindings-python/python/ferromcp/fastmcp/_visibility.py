"""fastmcp's component visibility: ``server.enable(...)`` / ``server.disable(...)`` (fastmcp 3
and 4), the ``include_tags`` / ``exclude_tags`` of fastmcp 2's constructor, and the
per-session ``ctx.enable_components(...)`` / ``ctx.disable_components(...)`` /
``ctx.reset_visibility()``.

Rules are kept in order and the last one matching a component decides, session rules after the
server's (fastmcp's ``Visibility`` transforms). What they decide is handed to the core as data:
the server's hidden components (``Registry.set_hidden``: not listed, unknown to calls) and, per
session, the components it sees otherwise (``Session.set_visibility``). The core never calls
back here while serving.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: fastmcp's component types, and the core registry's kinds they live in.
KINDS = {"tool": "tools", "resource": "resources", "template": "resourceTemplates",
         "prompt": "prompts"}


@dataclass(frozen=True)
class Component:
    """What a rule may match on: fastmcp's type, the registry key (name, URI or URI
    template), the component's name and tags."""

    type: str
    key: str
    name: str
    tags: frozenset[str]
    version: str | None = None

    @property
    def registry_key(self) -> str:
        """The key the core's registry shows or hides it by: ``key``, ``key@version`` for
        one version of several."""
        return self.key if self.version is None else f"{self.key}@{self.version}"

    @property
    def fastmcp_key(self) -> str:
        """fastmcp's ``component.key``: ``tool:name@``, ``resource:uri@`` …"""
        return f"{self.type}:{self.key}@{self.version or ''}"


@dataclass(frozen=True)
class Rule:
    """One ``Visibility(enabled, ...)`` mark: every criterion given must match; none given
    matches nothing unless ``match_all``."""

    enabled: bool
    names: frozenset[str] | None = None
    keys: frozenset[str] | None = None
    version: Any = None
    tags: frozenset[str] | None = None
    components: frozenset[str] | None = None
    match_all: bool = False

    @classmethod
    def of(cls, enabled: bool, *, names: Any = None, keys: Any = None, version: Any = None,
           tags: Any = None, components: Any = None, match_all: bool = False) -> Rule:
        def s(v: Any) -> frozenset[str] | None:
            return None if v is None else frozenset(v)
        return cls(enabled, s(names), s(keys), version, s(tags), s(components), match_all)

    def matches(self, c: Component) -> bool:
        if self.match_all:
            return True
        if (self.names is None and self.keys is None and self.version is None
                and self.components is None and self.tags is None):
            return False
        if self.components is not None and c.type not in self.components:
            return False
        if self.keys is not None and c.fastmcp_key not in self.keys:
            return False
        if self.names is not None and c.name not in self.names and c.key not in self.names:
            return False
        if self.version is not None:
            matches = getattr(self.version, "matches", None)
            # An unversioned component never matches a version spec.
            if c.version is None or matches is None or not matches(c.version, match_none=False):
                return False
        return self.tags is None or bool(c.tags & self.tags)


def shown(rules: list[Rule], c: Component) -> bool:
    """Whether ``c`` is shown after ``rules`` (shown when none matches)."""
    state = True
    for r in rules:
        if r.matches(c):
            state = r.enabled
    return state


class Visibility:
    """A server's rules, the components they apply to, and each session's own rules."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.components: dict[tuple[str, str, str | None], Component] = {}
        self.hidden: dict[str, set[str]] = {}
        self.sessions: dict[str, list[Rule]] = {}

    def add_component(self, registry: Any, c: Component) -> None:
        """Records a component being registered; hides it at once when the rules say so."""
        self.components[(c.type, c.key, c.version)] = c
        if not self.rules or registry is None:
            return
        kind = KINDS[c.type]
        hidden = self.hidden.setdefault(kind, set())
        if shown(self.rules, c) == (c.registry_key not in hidden):
            return
        if shown(self.rules, c):
            hidden.discard(c.registry_key)
        else:
            hidden.add(c.registry_key)
        registry.set_hidden(kind, sorted(hidden))

    def add_rule(self, registry: Any, rule: Rule) -> None:
        """Adds a server rule and hides or shows what it changes."""
        self.rules.append(rule)
        self.apply(registry)

    def apply(self, registry: Any) -> None:
        hidden: dict[str, set[str]] = {kind: set() for kind in KINDS.values()}
        for c in self.components.values():
            if not shown(self.rules, c):
                hidden[KINDS[c.type]].add(c.registry_key)
        for kind, keys in hidden.items():
            if keys != self.hidden.get(kind, set()):
                registry.set_hidden(kind, sorted(keys))
        self.hidden = hidden

    def session_entries(self, session_id: str) -> list[tuple[str, str, bool]] | None:
        """What session ``session_id`` sees otherwise than the server decides."""
        own = self.sessions.get(session_id)
        if not own:
            return None
        rules = self.rules + own
        out = []
        for c in self.components.values():
            mine, server = shown(rules, c), shown(self.rules, c)
            if mine != server:
                out.append((KINDS[c.type], c.registry_key, mine))
        return out


def component_of(definition: dict[str, Any], tags: Any, kind: str | None = None,
                 version: str | None = None) -> Component:
    """The rule-matching view of a registered definition (``kind``: fastmcp's type; from the
    definition's keys when not given)."""
    if kind is None:
        kind = ("template" if "uriTemplate" in definition else
                "resource" if "uri" in definition else "prompt")
    key = (definition.get("uriTemplate") or definition.get("uri") or definition.get("name")
           or "")
    return Component(kind, str(key), str(definition.get("name") or key),
                     frozenset(tags or ()), version)
