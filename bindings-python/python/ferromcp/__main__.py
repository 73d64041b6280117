"""``python -m ferromcp run SCRIPT_OR_MODULE [args...]``: run an unmodified ``mcp`` server.

For this process only, every ``mcp`` / ``mcp.*`` import resolves to the matching ``ferromcp``
module, so a server written for the official SDK runs on ferromcp without edits. Modules that
are not the server's business (the client ``mcp.client.*``, ``mcp.server.auth.*``, ``mcp.cli`` …;
see :mod:`ferromcp._official`) resolve to the official package's own modules when it is installed,
loaded so that they keep using the official ``mcp.types`` among themselves.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import runpy
import sys
from types import ModuleType
from typing import Any

from ferromcp import _official

USAGE = """usage: python -m ferromcp run SCRIPT.py|[-m] MODULE|MODULE:FUNCTION|COMMAND [ARGS...]

Runs an MCP server written for the official `mcp` package on ferromcp, unmodified:
its `mcp.*` imports resolve to `ferromcp.*` for this process only. COMMAND is the name of an
installed console script (`mcp-server-time`), as a desktop client's config would start it."""


#: Official packages whose imports resolve to ferromcp (``mcp_types`` is what ``mcp`` 2.x
#: re-exports as ``mcp.types``; fastmcp's tree is mirrored by :mod:`ferromcp.fastmcp`).
ALIASES = {"mcp": "ferromcp", "mcp_types": "ferromcp.types", "fastmcp": "ferromcp.fastmcp"}

#: Where a name an alias's own tree does not hold is looked up next: ``fastmcp.X`` that
#: :mod:`ferromcp.fastmcp` does not mirror resolves to ``ferromcp.X``, as it always did.
FALLBACKS = {"fastmcp": "ferromcp"}

#: Official packages whose modules ferromcp mirrors in part: one found in neither of its trees
#: above (``fastmcp.utilities.logging``, ``fastmcp.server.http`` …) is the installed package's.
OFFICIAL_REST = frozenset({"fastmcp"})


def _targets(fullname: str) -> list[str]:
    """The ferromcp modules ``fullname`` may resolve to, in order."""
    for prefix, target in ALIASES.items():
        if fullname == prefix or fullname.startswith(prefix + "."):
            rest = fullname[len(prefix):]
            out = [target + rest]
            if rest and prefix in FALLBACKS:
                out.append(FALLBACKS[prefix] + rest)
            return out
    return []


def _target(fullname: str) -> str | None:
    found = _targets(fullname)
    return found[0] if found else None


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolves ``mcp.x.y`` (and ``fastmcp``) to ``ferromcp.x.y``; an ``mcp.x.y`` ferromcp does
    not serve (``_official.serves_itself``) to the official package's module."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None
                  ) -> importlib.machinery.ModuleSpec | None:
        for target_name in _targets(fullname):
            try:
                found = importlib.util.find_spec(target_name)
            except ModuleNotFoundError:
                found = None
            if found is not None:
                return self._spec(fullname, found, official=False, target=target_name)
        top = fullname.split(".")[0]
        if top in _official.ROOTS and (top in OFFICIAL_REST
                                       or not _official.serves_itself(fullname)):
            official = _official.locate(fullname)
            if official is not None:
                return self._spec(fullname, official, official=True)
        return None

    def _spec(self, fullname: str, found: importlib.machinery.ModuleSpec, official: bool,
              target: str | None = None) -> importlib.machinery.ModuleSpec:
        spec = importlib.machinery.ModuleSpec(
            fullname, self, is_package=found.submodule_search_locations is not None)
        spec.loader_state = {"official": official, "target": target}
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        if spec.loader_state["official"]:
            module = _official.load_for(spec.name)
        else:
            module = importlib.import_module(spec.loader_state["target"] or spec.name)
        spec.loader_state["own_spec"] = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The module is already executed; the import system only records it under its `mcp`
        # name. It keeps its own spec (the import system set the alias's on it).
        spec = module.__spec__
        if spec is not None and spec.loader is self and spec.loader_state:
            module.__spec__ = spec.loader_state["own_spec"]


def install_alias() -> None:
    """Makes ``import mcp...`` load ferromcp for the rest of this process."""
    for name in [n for n in sys.modules if _target(n) is not None]:
        del sys.modules[name]
    _official.aliased = True
    sys.meta_path.insert(0, _Alias())


def main(argv: list[str]) -> int:
    """Entry point; returns the exit status."""
    if len(argv) < 2 or argv[0] != "run" or argv[1] in ("-h", "--help"):
        sys.stderr.write(USAGE + "\n")
        return 0 if argv[1:2] in (["-h"], ["--help"]) else 2
    target, args = argv[1], argv[2:]
    if target == "-m" and args:
        target, args = args[0], args[1:]
    install_alias()
    sys.argv = [target, *args]
    if target.endswith(".py") or "/" in target:
        # As `python server.py`: the script's directory first on the path (its sibling modules
        # import), not the working directory `-m` put there.
        if os.path.isfile(target):
            sys.path[0] = os.path.dirname(os.path.abspath(target))
        runpy.run_path(target, run_name="__main__")
        return 0
    entry = _entry_point(target)
    if entry is not None:
        result = entry()
        return result if isinstance(result, int) else 0
    runpy.run_module(target, run_name="__main__", alter_sys=True)
    return 0


def _entry_point(target: str) -> Any:
    """The callable behind ``module:function`` or an installed console script's name."""
    if ":" in target:
        module, _, attr = target.partition(":")
        obj: Any = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
        return obj
    if importlib.util.find_spec(target.replace("-", "_")) is not None and "-" not in target:
        return None  # a module: run as `python -m` would
    from importlib.metadata import entry_points

    for ep in entry_points(group="console_scripts"):
        if ep.name == target:
            return ep.load()
    return None


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
