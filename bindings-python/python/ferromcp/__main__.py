"""``python -m ferromcp run SCRIPT_OR_MODULE [args...]``: run an unmodified ``mcp`` server.

For this process only, every ``mcp`` / ``mcp.*`` import resolves to the matching ``ferromcp``
module, so a server written for the official SDK runs on ferromcp without edits.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import runpy
import sys
from types import ModuleType
from typing import Any

USAGE = """usage: python -m ferromcp run SCRIPT.py|MODULE [ARGS...]

Runs an MCP server written for the official `mcp` package on ferromcp, unmodified:
its `mcp.*` imports resolve to `ferromcp.*` for this process only."""


#: Official packages whose imports resolve to ferromcp (fastmcp's top level holds FastMCP).
ALIASES = ("mcp", "fastmcp")


def _target(fullname: str) -> str | None:
    for prefix in ALIASES:
        if fullname == prefix or fullname.startswith(prefix + "."):
            return "ferromcp" + fullname[len(prefix):]
    return None


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolves ``mcp.x.y`` (and ``fastmcp``) to ``ferromcp.x.y``."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None
                  ) -> importlib.machinery.ModuleSpec | None:
        target_name = _target(fullname)
        if target_name is None:
            return None
        try:
            if importlib.util.find_spec(target_name) is None:
                return None
        except ModuleNotFoundError:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(_target(spec.name) or spec.name)

    def exec_module(self, module: ModuleType) -> None:
        # The ferromcp module is already executed; the import system only records it.
        return None


def install_alias() -> None:
    """Makes ``import mcp...`` load ferromcp for the rest of this process."""
    for name in [n for n in sys.modules if _target(n) is not None]:
        del sys.modules[name]
    sys.meta_path.insert(0, _Alias())


def main(argv: list[str]) -> int:
    """Entry point; returns the exit status."""
    if len(argv) < 2 or argv[0] != "run" or argv[1] in ("-h", "--help"):
        sys.stderr.write(USAGE + "\n")
        return 0 if argv[1:2] in (["-h"], ["--help"]) else 2
    target, args = argv[1], argv[2:]
    install_alias()
    sys.argv = [target, *args]
    if target.endswith(".py") or "/" in target:
        runpy.run_path(target, run_name="__main__")
    else:
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
