"""The official ``mcp`` package's own modules, for the names ferromcp does not serve itself.

Client code (``ClientSession``, ``stdio_client``, ``mcp.client.*``), the OAuth helpers
(``mcp.server.auth.*``), ``mcp.cli`` and the like are not a server's business, so ferromcp does not
reimplement them; when the official package is installed they come from it.

Without ``python -m ferromcp run`` that is simply ``import mcp.<name>``. Under it, ``mcp`` (and
``mcp_types``, which ``mcp`` 2.x re-exports as ``mcp.types``) are ferromcp, so the official modules
are loaded a second way: under private package names (``ferromcp._official_mcp.client.session``
…, see :data:`ROOTS`), with every ``import mcp…`` / ``import mcp_types…`` statement inside them
resolving to that same private tree. The official client code therefore keeps working with the
official (pydantic) types among itself, while the server's own ``mcp.types`` stays ferromcp's.
``python -m ferromcp run`` also registers each such module under its public ``mcp.…`` name.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Any

__all__ = ["ROOTS", "OfficialNotInstalled", "module", "attribute", "locate", "load_for",
           "fallback_attribute", "serves_itself", "private_name", "names_getattr"]

#: Official top-level package → the private name its modules load under when ``mcp`` is ferromcp.
ROOTS = {"mcp": "ferromcp._official_mcp", "mcp_types": "ferromcp._official_mcp_types",
         "fastmcp": "ferromcp._official_fastmcp"}

#: Official modules ferromcp serves itself (and their submodules): under
#: ``python -m ferromcp run`` these never fall back to the official package, even where ferromcp
#: lacks a submodule, because an official server-side piece would not work with ferromcp's
#: ``Server``. Exceptions to a prefix are listed in :data:`_OFFICIAL_INSIDE`.
_SERVED = ("mcp_types", "mcp.types", "mcp.server", "mcp.shared.exceptions", "mcp.shared.memory",
           "mcp.shared.version", "fastmcp")
#: Inside the prefixes above, the parts that still come from the official package: OAuth
#: authorization-server helpers, the WebSocket transport (its streams carry the official
#: ``SessionMessage``, which ``Server.run`` serves like the in-memory streams), the 1.x
#: experimental tasks classes, the official runner's ``Connection`` and the 2.x per-revision wire
#: validators (``mcp_types.methods``); fastmcp's client, auth providers, component providers,
#: transforms and composable lifespans.
_OFFICIAL_INSIDE = ("mcp.server.auth", "mcp.server.websocket", "mcp.server.experimental",
                    "mcp.server.lowlevel.experimental", "mcp.server.connection",
                    "mcp.types.methods", "mcp_types.methods", "fastmcp.client",
                    "fastmcp.server.auth", "fastmcp.server.providers", "fastmcp.server.openapi",
                    "fastmcp.server.transforms", "fastmcp.tools.tool_transform",
                    "fastmcp.server.lifespan")

#: Official modules ferromcp adapts once they are loaded (public name → ``"module:function"``
#: taking the loaded module): fastmcp's client learns to connect to a ferromcp server in process.
_ADAPTERS = {
    "fastmcp.client.transports": "ferromcp.fastmcp._client:adapt_transports",  # fastmcp 2
    "fastmcp.client.transports.inference": "ferromcp.fastmcp._client:adapt_transports",
}

#: Set by ``python -m ferromcp run`` (:func:`ferromcp.__main__.install_alias`): ``mcp`` is
#: ferromcp in this process, so the official package is reachable only under :data:`ROOTS`.
aliased = False


class OfficialNotInstalled(ImportError):
    """The name lives in the official ``mcp`` package, which is not installed."""


def _under(name: str, prefixes: tuple[str, ...] | Any) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _split(fullname: str) -> tuple[str, str]:
    """``"mcp.client.session"`` → ``("mcp", "client.session")``."""
    top, _, rest = fullname.partition(".")
    return top, rest


def serves_itself(fullname: str) -> bool:
    """Whether ``fullname`` (an ``mcp.…`` module name) is ferromcp's to serve, never the
    official package's."""
    return _under(fullname, _SERVED) and not _under(fullname, _OFFICIAL_INSIDE)


def private_name(fullname: str) -> str:
    """The private name the official module ``fullname`` loads under (``mcp.x`` →
    ``ferromcp._official_mcp.x``)."""
    top, rest = _split(fullname)
    return ROOTS[top] + ("." + rest if rest else "")


def module(fullname: str = "mcp") -> ModuleType:
    """The official module ``fullname`` (``"mcp"``, ``"mcp.client.session"`` …).

    Raises:
        OfficialNotInstalled: the official package is not installed.
        ImportError: the official package has no such module (or it failed to import).
    """
    top, _ = _split(fullname)
    if not aliased:
        try:
            found = importlib.import_module(fullname)
        except ModuleNotFoundError as exc:
            if exc.name == top:
                raise OfficialNotInstalled(_not_installed(fullname)) from None
            raise
        for name in _ADAPTERS:
            loaded = sys.modules.get(name)
            if loaded is not None:
                _adapt(name, loaded)
        return found
    if _root_locations(top) is None:
        raise OfficialNotInstalled(_not_installed(fullname))
    return load_for(fullname)


def attribute(name: str, module_name: str = "mcp") -> Any:
    """``getattr(module(module_name), name)``.

    Raises:
        OfficialNotInstalled: the official package is not installed.
    """
    return getattr(module(module_name), name)


def locate(fullname: str) -> importlib.machinery.ModuleSpec | None:
    """The official package's spec (file location) of ``fullname`` (``mcp.x.y``), found without
    importing anything, or None when the official package is absent or has no such module."""
    top, rest = _split(fullname)
    search = _root_locations(top)
    if not search:
        return None
    if not rest:
        return importlib.machinery.PathFinder.find_spec(top)
    spec = None
    for part in rest.split("."):
        spec = importlib.machinery.PathFinder.find_spec(part, search)
        if spec is None:
            return None
        # A plain module has nothing below it.
        search = spec.submodule_search_locations or []
    return spec


def load_for(fullname: str) -> ModuleType:
    """The official module ``fullname`` (``mcp.x.y``), imported under its private name."""
    _install()
    return importlib.import_module(private_name(fullname))


def fallback_attribute(module_name: str, name: str) -> Any:
    """``name`` of the official module ``module_name`` (a fastmcp module ferromcp mirrors in
    part), for the names ferromcp's own does not hold.

    Raises:
        AttributeError: neither holds ``name`` (or the official package is not installed).
    """
    if not name.startswith("__"):
        try:
            return getattr(module(module_name), name)
        except (ImportError, AttributeError):
            pass
    raise AttributeError(f"module {module_name!r} has no attribute {name!r}")


def names_getattr(module_name: str, names: Any, elsewhere: Any = None) -> Any:
    """A module ``__getattr__`` for ``ferromcp.x.y`` that finds ``names`` on the official module
    ``mcp.x.y`` (loaded on first use) and each ``elsewhere`` entry (name → ``ferromcp`` module
    holding it) there.

    ``mcp_types`` names come as ``ferromcp.types``; a name neither lists raises AttributeError.
    """
    official_name = "mcp" + module_name[len("ferromcp"):]
    own = dict(elsewhere or {})
    names = frozenset(names)

    def __getattr__(name: str) -> Any:
        if name in own:
            return getattr(importlib.import_module(own[name]), name)
        if name in names:
            return attribute(name, official_name)
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")

    return __getattr__


def _not_installed(what: str) -> str:
    top = _split(what)[0]
    if top == "fastmcp":
        return (f"{what} comes from the `fastmcp` package, which is not installed (ferromcp "
                "serves fastmcp's server API itself, not its auth providers): pip install "
                "fastmcp")
    return (f"{what} comes from the official `mcp` package, which is not installed "
            "(ferromcp serves only the server side itself): pip install mcp")


# --- loading the official trees under private names --------------------------------------------

_locations: dict[str, list[str] | None] = {}


def _root_locations(top: str) -> list[str] | None:
    """Where the official package ``top`` lives (its ``__path__``), found on ``sys.path``
    without the import hooks that map ``mcp`` to ferromcp."""
    if top not in _locations:
        spec = importlib.machinery.PathFinder.find_spec(top)
        locations = None if spec is None else spec.submodule_search_locations
        _locations[top] = list(locations) if locations else None
    return _locations[top]


_real_import = builtins.__import__


def _import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (),
            level: int = 0) -> Any:
    """``__import__`` for official modules: ``mcp…`` / ``mcp_types…`` mean the private trees."""
    if level == 0:
        top, rest = _split(name)
        root = ROOTS.get(top)
        if root is not None:
            found = _real_import(root + ("." + rest if rest else ""), globals, locals, fromlist,
                                 level)
            # `import mcp.x` binds the top package: here the private root, not `ferromcp`.
            return found if fromlist else sys.modules[root]
    return _real_import(name, globals, locals, fromlist, level)


_BUILTINS = dict(builtins.__dict__, __import__=_import)


class _Loader(importlib.machinery.SourceFileLoader):
    """Runs an official source file with :func:`_import` as its ``__import__``."""

    def exec_module(self, module: ModuleType) -> None:
        module.__dict__["__builtins__"] = _BUILTINS
        super().exec_module(module)
        for top, root in ROOTS.items():
            if module.__name__.startswith(root + "."):
                _adapt(top + module.__name__[len(root):], module)


def _adapt(name: str, module: ModuleType) -> None:
    """Runs the adapter :data:`_ADAPTERS` names for the official module ``name``, once."""
    adapter = _ADAPTERS.get(name)
    if adapter is None or module.__dict__.get("__ferromcp_adapted__"):
        return
    module.__dict__["__ferromcp_adapted__"] = True
    where, _, function = adapter.partition(":")
    getattr(importlib.import_module(where), function)(module)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds ``ferromcp._official_mcp.x.y`` as the official ``mcp/x/y.py`` (and the same for
    ``mcp_types``)."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None
                  ) -> importlib.machinery.ModuleSpec | None:
        for top, root in ROOTS.items():
            if fullname == root:
                spec = importlib.machinery.PathFinder.find_spec(top)
                break
            if fullname.startswith(root + "."):
                parent = sys.modules.get(fullname.rpartition(".")[0])
                search = getattr(parent, "__path__", None)
                spec = importlib.machinery.PathFinder.find_spec(fullname, list(search or ()))
                break
        else:
            return None
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            return None
        return importlib.util.spec_from_file_location(
            fullname, spec.origin, loader=_Loader(fullname, spec.origin),
            submodule_search_locations=spec.submodule_search_locations)


_finder: _Finder | None = None


def _install() -> None:
    global _finder
    if _finder is None:
        _finder = _Finder()
        # Ahead of the path finder, which would otherwise load the files with plain imports.
        sys.meta_path.insert(0, _finder)
