"""fastmcp's server composition: ``parent.mount(child, namespace="sub")`` (live) and, in
fastmcp 2 and 3, ``parent.import_server(child, prefix="sub")`` (a copy made once).

A fastmcp server's registry records what it registers (:class:`Recorded`). Mounting copies the
child's tools, resources, templates and prompts into the parent's registry under namespaced
keys — tool and prompt ``sub_name``, resource and template ``protocol://sub/path`` — each served
by the child's own runner (a tool or prompt is handed its own name; a resource's contents name
the URI asked for, as in fastmcp). A mount is live: what the
child registers or removes later reaches the parent at once, and a parent mounted in turn passes
it on. The parent's own components, and those of an earlier mount, win a key over a later
mount, as in fastmcp. A mounted server's lifespan runs inside the parent's.

The core serves everything from the parent's registry: a mounted call costs what any call
costs. Not carried over (fastmcp does): the child's middleware, and the child's own
visibility rules (the parent's apply to mounted components).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ferromcp import _core

__all__ = ["Mount", "Recorded"]

#: ``protocol://path``: what a namespace goes into, after the protocol.
_URI = re.compile(r"^([^:]+://)(.*?)$")


def _version(definition: dict[str, Any]) -> str | None:
    meta = definition.get("_meta")
    fastmcp = meta.get("fastmcp") if isinstance(meta, dict) else None
    version = fastmcp.get("version") if isinstance(fastmcp, dict) else None
    return version if isinstance(version, str) else None


@contextmanager
def _as_fastmcp() -> Iterator[None]:
    """A registration the core refuses as fastmcp refuses it: a ``ValueError`` with its text
    (versioned and unversioned registrations of one name mixed)."""
    try:
        yield
    except ValueError as exc:
        text = str(exc)
        prefix = "invalid configuration: "
        if text.startswith(prefix + "Cannot add "):
            raise ValueError(text[len(prefix):]) from None
        raise


class Recorded(_core.Registry):
    """The core's registry, remembering each registration (definition, runner and how it was
    made) so that a mount can serve it again under another key, and telling the mounts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        #: ``(kind, key, version)`` → ``(method, definition, runner, extra)``.
        self.entries: dict[tuple[str, str, str | None], tuple[str, Any, Any, Any]] = {}
        self.mounts: list[Mount] = []

    def _record(self, kind: str, key: str, method: str, definition: Any, runner: Any,
                extra: Any) -> None:
        entry = (method, definition, runner, extra)
        self.entries[(kind, key, _version(definition))] = entry
        for mount in self.mounts:
            mount.added(kind, key, entry)

    def add_tool(self, definition: Any, runner: Any, lax: bool = False,
                 reported_as: str | None = None) -> None:
        with _as_fastmcp():
            super().add_tool(definition, runner, lax, reported_as)
        self._record("tools", definition["name"], "add_tool", definition, runner,
                     (lax, reported_as))

    def add_tool_unchecked(self, definition: Any, runner: Any,
                           reported_as: str | None = None) -> None:
        with _as_fastmcp():
            super().add_tool_unchecked(definition, runner, reported_as)
        self._record("tools", definition["name"], "add_tool_unchecked", definition, runner,
                     (None, reported_as))

    def add_resource(self, definition: Any, runner: Any, security: Any = None) -> None:
        with _as_fastmcp():
            super().add_resource(definition, runner, security)
        template = definition.get("uriTemplate")
        kind, key = ("resourceTemplates", template) if template else ("resources",
                                                                       definition["uri"])
        self._record(kind, key, "add_resource", definition, runner, security)

    def add_prompt(self, definition: Any, runner: Any) -> None:
        with _as_fastmcp():
            super().add_prompt(definition, runner)
        self._record("prompts", definition["name"], "add_prompt", definition, runner, None)

    def remove(self, kind_name: str, key: str, version: str | None = None) -> bool:
        gone = super().remove(kind_name, key, version)
        for k in [k for k in self.entries
                  if k[0] == kind_name and k[1] == key and version in (None, k[2])]:
            del self.entries[k]
        for mount in self.mounts:
            mount.removed(kind_name, key, version)
        return gone


class Mount:
    """``child`` served by ``parent`` under ``namespace`` (tools renamed by ``tool_names``
    first)."""

    def __init__(self, parent: Any, child: Any, namespace: str | None,
                 tool_names: dict[str, str] | None) -> None:
        self.parent = parent
        self.child = child
        self.namespace = namespace
        self.tool_names = dict(tool_names or {})
        #: Keys this mount registered in the parent: ``(kind, key)``, in registration order.
        self.served: dict[tuple[str, str], None] = {}

    def key(self, kind: str, key: str) -> str:
        """What the parent calls the child's ``key``."""
        if kind == "tools" and key in self.tool_names:
            return self.tool_names[key]
        if not self.namespace:
            return key
        if kind in ("tools", "prompts"):
            return f"{self.namespace}_{key}"
        match = _URI.match(key)
        return f"{match[1]}{self.namespace}/{match[2]}" if match else key

    def child_uri(self, uri: str) -> str:
        """The URI the child serves as ``uri`` in the parent (the namespace taken out)."""
        match = _URI.match(uri)
        prefix = f"{self.namespace}/"
        if not self.namespace or not match or not match[2].startswith(prefix):
            return uri
        return f"{match[1]}{match[2][len(prefix):]}"

    def start(self) -> None:
        """Serves what the child has now, and from now on what it registers."""
        self.child._registry.mounts.append(self)
        for (kind, key, _), entry in list(self.child._registry.entries.items()):
            self.added(kind, key, entry)

    def added(self, kind: str, key: str, entry: tuple[str, Any, Any, Any]) -> None:
        method, definition, runner, extra = entry
        own = self.key(kind, key)
        registry = self.parent._registry
        if (kind, own) not in self.served and any(
                k[0] == kind and k[1] == own for k in registry.entries):
            return  # the parent's own, or an earlier mount's
        self.served[(kind, own)] = None
        field = {"tools": "name", "prompts": "name", "resources": "uri",
                 "resourceTemplates": "uriTemplate"}[kind]
        shown = {**definition, field: own}
        if kind == "tools" and key in self.child.__dict__.get("_fastmcp_named_titles", ()):
            from ferromcp._fastmcp import _title_of

            shown["title"] = _title_of(own)
            self.parent.__dict__.setdefault("_fastmcp_named_titles", set()).add(own)
        forward = _through_middleware(self.child, kind, key, self.child_uri,
                                      _forwarding(runner, field, key, own, kind))
        tags = ((definition.get("_meta") or {}).get("fastmcp") or {}).get("tags")
        if kind == "tools":
            forward = self.parent._middleware_runner(own, forward)
        self.parent._visible(shown, tags, {"tools": "tool", "prompts": "prompt",
                                           "resources": "resource",
                                           "resourceTemplates": "template"}[kind])
        if method == "add_tool":
            lax, reported = extra
            # Its failures keep the name the child gave it, as fastmcp words them.
            registry.add_tool(shown, forward, lax, reported or key)
        elif method == "add_tool_unchecked":
            registry.add_tool_unchecked(shown, forward, extra[1] or key)
        elif method == "add_resource":
            registry.add_resource(shown, forward, extra)
        else:
            registry.add_prompt(shown, forward)

    def relist(self) -> None:
        """Registers this mount's components again, after everything registered before: the
        parent lists its own components first, then each mount's in mount order (the
        child's own mounts put in order first)."""
        if not self.child.__dict__.get("_mounts_relisted"):
            self.child.__dict__["_mounts_relisted"] = True
            for link in self.child.__dict__.get("_mounts", ()):
                link.relist()
        for kind, own in list(self.served):
            self.parent._registry.remove(kind, own)
        for (kind, key, _), entry in list(self.child._registry.entries.items()):
            if (kind, self.key(kind, key)) in self.served:
                self.added(kind, key, entry)

    def removed(self, kind: str, key: str, version: str | None) -> None:
        own = self.key(kind, key)
        if (kind, own) in self.served:
            self.parent._registry.remove(kind, own, version)
            if not any(k[0] == kind and k[1] == own for k in self.parent._registry.entries):
                self.served.pop((kind, own), None)


#: The request each kind's runner answers.
_METHODS = {"tools": "tools/call", "prompts": "prompts/get", "resources": "resources/read",
            "resourceTemplates": "resources/read"}


def _through_middleware(child: Any, kind: str, key: str, child_uri: Any, runner: Any) -> Any:
    """``runner`` (the child's, for the parent) inside the child's own fastmcp middleware, as
    fastmcp runs a mounted server's middleware around what is routed to it: its hooks see the
    child's name or URI, and what the component answers or raises (a tool's failure as the
    ``ToolError`` the child raises)."""
    method = _METHODS[kind]

    async def run(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        if not child.middleware:
            await runner(slot, core_ctx, params)
            return
        from ferromcp.fastmcp._middleware import _Answer, _typed, _wire, in_process

        async def inner(asked: dict[str, Any]) -> Any:
            answer = _Answer()
            await runner(answer, core_ctx, {**params, "arguments": asked.get(
                "arguments", params.get("arguments"))})
            if answer.exc is not None:
                if kind == "tools":
                    from ferromcp.fastmcp._local import raise_tool_failure

                    raise_tool_failure(child, key, answer.exc)
                raise answer.exc
            result = answer.result
            if not isinstance(result, dict) and hasattr(result, "_wire"):
                result = _wire(method, params, result)
            return _typed(method, result)

        seen = dict(params)
        if kind in ("tools", "prompts"):
            seen["name"] = key
        else:
            seen["uri"] = child_uri(str(params.get("uri", "")))
        try:
            value = await in_process(child, method, seen, inner)
        except Exception as exc:  # noqa: BLE001 - the core answers it
            answer = getattr(exc, "__ferromcp_tool_answer__", None)
            if answer is not None:
                slot.done(answer)
            else:
                slot.raised(exc)
            return
        slot.done(_wire(method, params, value))
    flavor = getattr(runner, "__ferromcp_flavor__", None)
    if flavor is not None:
        run.__ferromcp_flavor__ = flavor  # type: ignore[attr-defined]
    return run


def _forwarding(runner: Any, field: str, original: str, own: str, kind: str) -> Any:
    """``runner`` (the child's) for the parent: a tool or prompt is handed the child's own
    name; a resource or template is read as it is (its contents name the URI asked for, as in
    fastmcp; a template's variables are those the parent's template matched)."""
    if original == own or kind in ("resources", "resourceTemplates"):
        return runner

    async def forward(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        params = dict(params or {})
        params[field] = original
        await runner(slot, core_ctx, params)
    flavor = getattr(runner, "__ferromcp_flavor__", None)
    if flavor is not None:
        forward.__ferromcp_flavor__ = flavor  # type: ignore[attr-defined]
    return forward
