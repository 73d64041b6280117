"""The official ``mcp`` package's public surface, held against what a server gets on ferromcp.

The walk covers every public module of the installed official package (``mcp`` and, with 2.x,
``mcp_types``): the package and everything below it, skipping any module whose path has a
component starting with ``_``. A module that the official package itself cannot import here
(``mcp.cli`` without typer, ``mcp.server.fastmcp`` on 2.x, …) is listed as skipped.

The public names of a module are its ``__all__`` when it defines one. Otherwise they are the
names without a leading underscore (and that are identifiers, which leaves out pydantic's
``Model[Params]`` entries) whose value is not a module, a type variable or a logger, and that
either

* are classes or functions whose ``__module__`` is in the official package (defined there, or
  re-exported from another official module), or
* are bound by a top-level assignment in the module's own source (constants, type aliases).

So ``Any``, ``BaseModel``, ``json`` or ``anyio`` imported into an official module do not count.

Each official module is then imported the way a server imports it under
``python -m ferromcp run`` (``mcp.x.y`` through ferromcp's import alias, ``mcp_types.x`` as
``mcp.types.x``), and each name is looked up on it. A name is *served* when ferromcp provides
it, *official* when it comes from the official package's own module (the modules ferromcp
leaves to it, see ``ferromcp/_official.py``), and *missing* otherwise.

A served class must also take every count of type arguments the official one takes in an
annotation (``Context[ServerSession, None]``, ``Server[Lifespan]``): the official type
parameters have defaults, so more than one count may work; no pending list covers these.

Missing names must be listed in ``surface_pending_mcp<major>.txt`` with a reason; the test
fails on a missing name the list does not have, and on a listed name that is no longer missing,
so the list only shrinks. It prints the counts per module (``pytest -s``, or on failure).

Run as a script it does one half of the work in a fresh interpreter:
``python test_surface.py official OUT.json`` and ``python test_surface.py ferromcp IN OUT``.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import logging
import os
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TOPS = ("mcp", "mcp_types")


# --- the official surface (run in a fresh interpreter: `official OUT`) ---------------------------

def _public_modules(top: str) -> list[str]:
    spec = importlib.util.find_spec(top)
    if spec is None or spec.submodule_search_locations is None:
        return []
    names: list[str] = []

    def walk(name: str, path: list[str]) -> None:
        names.append(name)
        for info in sorted(pkgutil.iter_modules(path, name + "."), key=lambda i: i.name):
            tail = info.name.rpartition(".")[2]
            if tail.startswith("_"):
                continue
            if info.ispkg:
                walk(info.name, [os.path.join(p, tail) for p in path
                                 if os.path.isdir(os.path.join(p, tail))])
            else:
                names.append(info.name)

    walk(top, list(spec.submodule_search_locations))
    return names


def _assigned(module: Any) -> set[str]:
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        return set()
    out: set[str] = set()
    for node in tree.body:
        targets: list[Any] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        elif type(node).__name__ == "TypeAlias":  # `type X = …` (3.12+)
            targets = [node.name]  # type: ignore[attr-defined]
        out.update(t.id for t in targets if isinstance(t, ast.Name))
    return out


_NOT_NAMES = (typing.TypeVar, typing.ParamSpec, logging.Logger)


def _public_names(module: Any) -> list[str]:
    declared = getattr(module, "__all__", None)
    if declared is not None:
        return sorted({n for n in declared if n.isidentifier()})
    own = _assigned(module)
    out = []
    for name, value in vars(module).items():
        if name.startswith("_") or not name.isidentifier() or inspect.ismodule(value):
            continue
        if isinstance(value, _NOT_NAMES):
            continue
        origin = getattr(value, "__module__", None)
        if ((inspect.isclass(value) or inspect.isroutine(value)) and isinstance(origin, str)
                and origin.split(".")[0] in TOPS):
            out.append(name)
        elif name in own:
            out.append(name)
    return sorted(out)


def _arities(value: Any) -> list[int]:
    """How many type arguments (1 to 4) a class takes in an annotation (``Context[S, L]``):
    the official classes' type parameters have defaults, so several counts may work."""
    if not inspect.isclass(value):
        return []
    out = []
    for n in range(1, 5):
        try:
            value[tuple([Any] * n) if n > 1 else Any]
        except Exception:  # noqa: BLE001 - whatever the class raises, the count is refused
            continue
        out.append(n)
    return out


def official_surface() -> dict[str, Any]:
    """``{"version": "1.30.0", "modules": {name: [names]}, "skipped": {name: why},
    "arities": {module: {name: [counts]}}}``."""
    modules: dict[str, list[str]] = {}
    arities: dict[str, dict[str, list[int]]] = {}
    skipped: dict[str, str] = {}
    for top in TOPS:
        for name in _public_modules(top):
            try:
                module = importlib.import_module(name)
            except BaseException as exc:  # noqa: BLE001 - mcp.cli calls sys.exit without typer
                skipped[name] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
                continue
            modules[name] = _public_names(module)
            for n in modules[name]:
                if counts := _arities(getattr(module, n, None)):
                    arities.setdefault(name, {})[n] = counts
    return {"version": importlib.metadata.version("mcp"), "modules": modules,
            "skipped": skipped, "arities": arities}


# --- what a server gets under `python -m ferromcp run` (`ferromcp IN OUT`) ---------------------

def _aliased_name(name: str) -> str:
    """``mcp_types.x`` is ``mcp.types.x`` (2.x re-exports it); the alias maps both."""
    return "mcp.types" + name[len("mcp_types"):] if name.split(".")[0] == "mcp_types" else name


def ferromcp_surface(official: dict[str, Any]) -> dict[str, Any]:
    """Per official module: where it comes from and which of its names are served, official
    or missing."""
    from ferromcp import _official
    from ferromcp.__main__ import install_alias

    install_alias()
    private = tuple(_official.ROOTS.values())

    def from_official(value: Any) -> bool:
        origin = getattr(value, "__module__", None)
        return isinstance(origin, str) and origin.startswith(private)

    out: dict[str, Any] = {}
    for name, names in official["modules"].items():
        entry: dict[str, Any] = {"served": [], "official": [], "missing": [], "arity": []}
        wanted = official.get("arities", {}).get(name, {})
        try:
            module = importlib.import_module(_aliased_name(name))
        except ImportError as exc:
            entry.update(source="missing", error=str(exc), missing=list(names))
            out[name] = entry
            continue
        whole = module.__name__.startswith(private)
        entry["source"] = "official" if whole else "ferromcp"
        for n in names:
            try:
                value = getattr(module, n)
            except AttributeError:
                entry["missing"].append(n)
                continue
            served = not (whole or from_official(value))
            entry["served" if served else "official"].append(n)
            if served and n in wanted:
                refused = sorted(set(wanted[n]) - set(_arities(value)))
                entry["arity"] += [f"{n}[{k} type argument{'s' * (k > 1)}]" for k in refused]
        out[name] = entry
    return out


# --- the baseline of names still missing -------------------------------------------------------

def read_pending(path: Path) -> dict[str, dict[str, str]]:
    """``{module: {name or "*": reason}}`` from a pending list.

    The file holds groups: a ``[reason]`` line, then ``module: name name …`` lines (an indented
    line continues the previous one; ``module: *`` stands for a module ferromcp lacks entirely).
    ``#`` starts a comment.
    """
    out: dict[str, dict[str, str]] = {}
    reason = None
    module = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("["):
            reason, module = line.strip("[]").strip(), None
            continue
        if line[0].isspace():
            names = line.split()
        else:
            module, _, rest = line.partition(":")
            module = module.strip()
            names = rest.split()
        if reason is None or module is None:
            raise ValueError(f"{path.name}:{number}: a name outside a [reason] group")
        for n in names:
            if n in out.setdefault(module, {}):
                raise ValueError(f"{path.name}:{number}: {module}.{n} is listed twice")
            out[module][n] = reason
    return out


def compare(surface: dict[str, Any], pending: dict[str, dict[str, str]]) -> list[str]:
    """The problems: missing names not in the list, and listed names not missing."""
    problems = []
    for module, entry in surface.items():
        if entry.get("arity"):
            problems.append(f"{module}: the official package accepts, ferromcp refuses: "
                            f"{' '.join(entry['arity'])}")
        listed = pending.get(module, {})
        if entry["source"] == "missing":
            if "*" in listed or set(entry["missing"]) <= set(listed):
                continue
            problems.append(f"{module}: the module is missing ({entry.get('error')}); list it "
                            f"as `{module}: *` with a reason, or add it to ferromcp")
            continue
        if "*" in listed:
            problems.append(f"{module}: ferromcp now has this module; replace `{module}: *` in "
                            f"the pending list with the names still missing: "
                            f"{' '.join(entry['missing']) or '(none)'}")
            continue
        unlisted = [n for n in entry["missing"] if n not in listed]
        if unlisted:
            problems.append(f"{module}: missing and not in the pending list: {' '.join(unlisted)}")
        gone = [n for n in listed if n not in entry["missing"]]
        if gone:
            problems.append(f"{module}: now present, remove from the pending list: "
                            f"{' '.join(gone)}")
    for module in sorted(set(pending) - set(surface)):
        problems.append(f"{module}: listed in the pending list but not a public module of the "
                        "official package here (remove it)")
    return problems


def counts_table(official: dict[str, Any], surface: dict[str, Any]) -> str:
    """One line per module: names served / official / missing, and the totals."""
    rows = [f"official mcp {official['version']}: {len(surface)} modules "
            f"({len(official['skipped'])} not importable here: "
            f"{', '.join(sorted(official['skipped'])) or 'none'})",
            f"{'module':58} {'source':9} {'names':>5} {'served':>6} {'offic.':>6} {'miss.':>5}"]
    total = {"names": 0, "served": 0, "official": 0, "missing": 0}
    by_source: dict[str, int] = {}
    for module, entry in sorted(surface.items()):
        n = {k: len(entry[k]) for k in ("served", "official", "missing")}
        names = sum(n.values())
        rows.append(f"{module:58} {entry['source']:9} {names:5} {n['served']:6} "
                    f"{n['official']:6} {n['missing']:5}")
        total["names"] += names
        for k, v in n.items():
            total[k] += v
        by_source[entry["source"]] = by_source.get(entry["source"], 0) + 1
    rows.append(f"{'total':58} {'':9} {total['names']:5} {total['served']:6} "
                f"{total['official']:6} {total['missing']:5}")
    rows.append("modules by source: " + ", ".join(f"{k} {v}" for k, v in sorted(
        by_source.items())))
    return "\n".join(rows)


def _run(*args: str) -> None:
    # A fresh interpreter each: the official walk imports every official module (and mcp.cli
    # exits without typer); the ferromcp half must import `mcp` through the alias.
    subprocess.run([sys.executable, __file__, *args], check=True, timeout=300,
                   stdout=subprocess.DEVNULL)


def test_official_surface_is_served_or_pending(tmp_path: Path) -> None:
    official_json, surface_json = tmp_path / "official.json", tmp_path / "surface.json"
    _run("official", str(official_json))
    _run("ferromcp", str(official_json), str(surface_json))
    official = json.loads(official_json.read_text(encoding="utf-8"))
    surface = json.loads(surface_json.read_text(encoding="utf-8"))
    major = official["version"].split(".")[0]
    pending_file = HERE / f"surface_pending_mcp{major}.txt"
    sys.stdout.write(counts_table(official, surface) + "\n")
    problems = compare(surface, read_pending(pending_file))
    assert not problems, f"{pending_file.name}:\n" + "\n".join(problems)


def test_pending_list_reader(tmp_path: Path) -> None:
    path = tmp_path / "pending.txt"
    path.write_text("# comment\n[why]\nmcp.a: X Y  # trailing\n  Z\nmcp.b: *\n[other]\n"
                    "mcp.c: W\n", encoding="utf-8")
    assert read_pending(path) == {"mcp.a": {"X": "why", "Y": "why", "Z": "why"},
                                  "mcp.b": {"*": "why"}, "mcp.c": {"W": "other"}}
    surface = {"mcp.a": {"source": "ferromcp", "missing": ["X", "Y"]},
               "mcp.b": {"source": "missing", "missing": ["Q"]},
               "mcp.c": {"source": "ferromcp", "missing": ["W", "V"]}}
    problems = compare(surface, read_pending(path))
    assert problems == ["mcp.a: now present, remove from the pending list: Z",
                        "mcp.c: missing and not in the pending list: V"]


def _main(argv: list[str]) -> None:
    if argv[0] == "official":
        data = official_surface()
        Path(argv[1]).write_text(json.dumps(data, indent=1), encoding="utf-8")
    elif argv[0] == "ferromcp":
        official = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        Path(argv[2]).write_text(json.dumps(ferromcp_surface(official), indent=1),
                                 encoding="utf-8")
    else:
        raise SystemExit(f"usage: {argv and argv[0]} official OUT | ferromcp IN OUT")


if __name__ == "__main__":
    _main(sys.argv[1:])
