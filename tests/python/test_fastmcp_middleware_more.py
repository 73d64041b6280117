"""fastmcp 4's tool injection, response caching and authorization middleware
(``fastmcp.server.middleware.tool_injection``, ``.caching``, ``.authorization``,
``fastmcp.utilities.authorization``), differential: ``tests/servers/fastmcp_middleware_more.py``
runs unmodified on the real fastmcp 4.1.7 (``.venv-fastmcp``) and under
``python -m ferromcp run``, driven by the official client over stdio (authorization over
Streamable HTTP too), and the answers must be the same.

* Injected tools are listed first, take the place of a registered tool of their name, are
  called through the whole chain (an outer middleware records them).
* Caching is proved by tools, a resource and a prompt counting their runs: a second call is
  answered from the cache, a call with other arguments is not, an excluded tool, a failure and
  an answer over ``max_item_size`` are not kept, a cached ``tools/list`` does not show a tool
  registered since, and after the 1 s TTL the tool runs again. With a store of the server's
  own, what the cache asked of it is compared too; with ``key_value`` importable, ferromcp uses
  its ``MemoryStore``, without it its own.
* Authorization: over stdio nothing is checked (fastmcp's rule); over HTTP without a token the
  lists are filtered and calls, reads and prompts refused in fastmcp's words. The checks'
  verdicts and shortfalls with tokens of various scopes are compared by running the same
  script on both.

Set aside: the text of a call whose arguments do not match the tool's schema (fastmcp's is
pydantic's, ferromcp's the core's schema check); both are ``isError`` results.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_middleware_more.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90
ENV = {"FERROMCP_FASTMCP_MAJOR": "4"}

#: The public names of the three modules (fastmcp 4.1.7's), and fastmcp 2/3's injecting
#: middleware, which ferromcp serves too.
NAMES = {
    "fastmcp.server.middleware": ["AuthMiddleware"],
    "fastmcp.server.middleware.tool_injection": ["ToolInjectionMiddleware"],
    "fastmcp.server.middleware.caching": [
        "ResponseCachingMiddleware", "ResponseCachingStatistics", "SharedMethodSettings",
        "ListToolsSettings", "ListResourcesSettings", "ListPromptsSettings",
        "CallToolSettings", "ReadResourceSettings", "GetPromptSettings",
        "ONE_HOUR_IN_SECONDS", "FIVE_MINUTES_IN_SECONDS", "ONE_MB_IN_BYTES",
        "ANONYMOUS_AUTH_KEY", "DEFAULT_VERSION_CACHE_KEY"],
    "fastmcp.server.middleware.authorization": ["AuthMiddleware"],
    "fastmcp.utilities.authorization": [
        "AuthContext", "AuthCheck", "require_scopes", "require_roles", "restrict_tag",
        "run_auth_checks", "run_auth_checks_with_shortfall", "scope_requirements"],
    "fastmcp.server.auth": ["require_scopes", "restrict_tag", "require_roles",
                            "run_auth_checks", "AuthContext", "AuthCheck"],
    "fastmcp.exceptions": ["AuthorizationError", "InsufficientScopeError"],
}
FERROMCP_ONLY = {
    "fastmcp.server.middleware.tool_injection": ["PromptToolMiddleware",
                                                 "ResourceToolMiddleware"],
}

#: The checks' verdicts, with tokens of various scopes, run on both.
CHECKS = r"""
import asyncio, json
from types import SimpleNamespace
from fastmcp.tools import Tool
from fastmcp.exceptions import AuthorizationError, InsufficientScopeError
from fastmcp.server.middleware.caching import (
    ONE_HOUR_IN_SECONDS, FIVE_MINUTES_IN_SECONDS, ONE_MB_IN_BYTES, ANONYMOUS_AUTH_KEY,
    DEFAULT_VERSION_CACHE_KEY)
from fastmcp.utilities.authorization import (
    AuthContext, require_roles, require_scopes, restrict_tag, run_auth_checks,
    run_auth_checks_with_shortfall, scope_requirements)

def plain() -> str:
    return "x"

tools = {"plain": Tool.from_function(plain, name="plain"),
         "admin": Tool.from_function(plain, name="admin", tags={"admin"})}
tokens = {"none": None,
          "empty": SimpleNamespace(token="t0", scopes=[], claims={}),
          "api": SimpleNamespace(token="t1", scopes=["api"], claims={"roles": "ops"}),
          "all": SimpleNamespace(token="t2", scopes=["api", "admin", "read"],
                                 claims={"roles": ["ops", "dev"]})}

def deny(ctx):
    raise AuthorizationError("no, in my words")

def broken(ctx):
    raise RuntimeError("bug")

checks = {
    "scopes": require_scopes("api", "read"),
    "tag": restrict_tag("admin", scopes=["admin"]),
    "both": [restrict_tag("admin", scopes=["admin"]), require_scopes("api")],
    "roles": require_roles("ops", extract=lambda c: c["roles"]),
    "roles and scopes": [require_roles("dev", extract=lambda c: c["roles"]),
                         require_scopes("read")],
    "custom": [lambda ctx: ctx.component.name == "plain", require_scopes("api")],
    "async": [require_scopes("api")],
    "broken": [broken],
}

async def main():
    out = {}
    for cname, check in checks.items():
        for tname, tool in tools.items():
            for kname, token in tokens.items():
                ctx = AuthContext(token=token, component=tool)
                key = f"{cname} {tname} {kname}"
                out[key] = [await run_auth_checks(check, ctx),
                            list(await run_auth_checks_with_shortfall(check, ctx)),
                            scope_requirements(check, ctx)]
    try:
        await run_auth_checks(deny, AuthContext(token=None, component=tools["plain"]))
    except AuthorizationError as e:
        out["raised"] = [type(e).__name__, str(e)]
    e = InsufficientScopeError(["a", "b"])
    out["insufficient"] = [str(e), e.required_scopes, isinstance(e, AuthorizationError),
                           str(InsufficientScopeError([])),
                           str(InsufficientScopeError(["x"], message="m"))]
    out["tool alias"] = AuthContext(token=None, component=tools["plain"]).tool is not None
    try:
        require_roles(extract=lambda c: c)
    except ValueError as e:
        out["no roles"] = str(e)
    out["constants"] = [ONE_HOUR_IN_SECONDS, FIVE_MINUTES_IN_SECONDS, ONE_MB_IN_BYTES,
                        ANONYMOUS_AUTH_KEY, DEFAULT_VERSION_CACHE_KEY]
    print(json.dumps(out, sort_keys=True))

asyncio.run(main())
"""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _fastmcp_python() -> Path:
    if not FASTMCP_PYTHON.exists():
        pytest.skip("no .venv-fastmcp with fastmcp 4.1.7 (`make build` makes it; PyPI was "
                    "not reachable?)")
    return FASTMCP_PYTHON


def _under_ferromcp(code: str) -> list[str]:
    return [sys.executable, "-c",
            "from ferromcp.__main__ import install_alias\ninstall_alias()\n" + code]


def _imports(names: dict[str, list[str]]) -> str:
    lines = ["import importlib"]
    for module, listed in names.items():
        lines.append(f"m = importlib.import_module({module!r})")
        lines.extend(f"getattr(m, {n!r})" for n in listed)
    return "\n".join(lines)


def test_names_resolve_under_the_alias() -> None:
    code = _imports({**NAMES, **FERROMCP_ONLY}) + "\n" + "\n".join([
        "from fastmcp.server.middleware import AuthMiddleware",
        "from fastmcp.server.middleware.authorization import AuthMiddleware as A",
        "assert AuthMiddleware is A",
        "from fastmcp.exceptions import AuthorizationError, FastMCPError",
        "assert issubclass(AuthorizationError, FastMCPError)",
    ])
    done = subprocess.run(_under_ferromcp(code), capture_output=True, text=True,
                          timeout=BOUND, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    if FASTMCP_PYTHON.exists():
        # The names are fastmcp's own.
        done = subprocess.run([str(FASTMCP_PYTHON), "-c", _imports(NAMES)],
                              capture_output=True, text=True, timeout=BOUND, cwd=ROOT)
        assert done.returncode == 0, done.stderr


def test_auth_checks_decide_as_fastmcp() -> None:
    done = subprocess.run(_under_ferromcp(CHECKS), capture_output=True, text=True,
                          timeout=BOUND, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    ours = json.loads(done.stdout)
    # Spelled out: the shortfall is named only when scope checks alone refused.
    assert ours["both admin api"] == [False, [False, ["admin"]], ["admin"]]
    assert ours["custom admin api"] == [False, [False, []], None]
    assert ours["scopes plain none"] == [False, [False, []], []]
    assert ours["broken plain all"] == [False, [False, []], None]
    done = subprocess.run([str(_fastmcp_python()), "-c", CHECKS], capture_output=True,
                          text=True, timeout=BOUND, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    for key in theirs:
        assert ours[key] == theirs[key], key


def _servers(extra: dict[str, str] | None = None) -> list[tuple[str, list[str], dict[str, str]]]:
    return [(str(_fastmcp_python()), [str(APP)], {}),
            (sys.executable, ["-m", "ferromcp", "run", str(APP)], extra or {})]


def _text(result: dict[str, Any]) -> str:
    return "".join(c.get("text", "") for c in result["result"]["content"])


async def test_injected_tools_list_and_answer_as_fastmcp() -> None:
    async def collect(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        with anyio.fail_after(BOUND):
            async with spawned(command, args, {**ENV, **env, "MW_MODE": "inject"}) as peer:
                out["tools"] = await peer.list_tools()
                for name, arguments in (("multiply", {"a": 3, "b": 4}),
                                        ("add", {"a": 5, "b": 1}), ("shout", {"text": "hi"}),
                                        ("count", {})):
                    out[f"call {name}"] = await answer_or_error(peer.call_tool(name, arguments))
                bad = await answer_or_error(peer.call_tool("multiply", {"a": "x"}))
                out["bad arguments"] = bad["result"]["isError"]
                out["seen"] = json.loads(_text(await answer_or_error(
                    peer.call_tool("seen", {}))))
        return out

    official, ours = [await collect(*s) for s in _servers()]
    names = [t["name"] for t in official["tools"]]
    # Injected first, in their order; the registered `add` gives way to the injected one.
    assert names[:3] == ["multiply", "add", "shout"] and names.count("add") == 1
    assert _text(official["call add"]) == "injected 4"
    assert official["seen"] == ["multiply", "add", "shout", "count", "multiply", "seen"]
    assert official["bad arguments"] is True
    for key in official:
        assert ours[key] == official[key], key


async def _collect_cache(command: str, args: list[str], env: dict[str, str], mode: str
                         ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command, args, {**ENV, **env, "MW_MODE": mode}) as peer:
            out["tools"] = [t["name"] for t in await peer.list_tools()]
            for key, name, arguments in (
                    ("count", "count", {}), ("count again", "count", {}),
                    ("count step 2", "count", {"step": 2}),
                    ("count step 2 again", "count", {"step": 2}),
                    ("uncached", "uncached", {}), ("uncached again", "uncached", {}),
                    ("fails", "fails", {}), ("fails again", "fails", {}),
                    ("big", "big", {}), ("big again", "big", {}), ("grow", "grow", {})):
                out[key] = await answer_or_error(peer.call_tool(name, arguments))
            for i in range(2):
                out[f"read {i}"] = await answer_or_error(peer.read_resource("data://counter"))
                out[f"prompt {i}"] = await answer_or_error(
                    peer.get_prompt("counted", {"topic": "t"}))
            out["tools after grow"] = [t["name"] for t in await peer.list_tools()]
            out["report"] = json.loads(_text(await answer_or_error(
                peer.call_tool("cache_report", {}))))
            # The TTL (1 s) passes: the tool, the resource and the prompt run again.
            await anyio.sleep(1.3)
            out["count after ttl"] = await answer_or_error(peer.call_tool("count", {}))
            out["read after ttl"] = await answer_or_error(peer.read_resource("data://counter"))
            out["prompt after ttl"] = await answer_or_error(
                peer.get_prompt("counted", {"topic": "t"}))
            out["report after ttl"] = json.loads(_text(await answer_or_error(
                peer.call_tool("cache_report", {}))))
    return out


def _counted(result: dict[str, Any]) -> Any:
    return result["result"]["structuredContent"]


@pytest.mark.parametrize("mode", ["cache", "cache-store"])
async def test_response_caching_as_fastmcp(mode: str) -> None:
    official, ours = [await _collect_cache(*s, mode) for s in _servers()]
    # What the cache does, spelled out, then everything compared with fastmcp.
    assert _counted(official["count"]) == _counted(official["count again"]) == {"runs": 1}
    assert _counted(official["count step 2 again"]) == {"runs": 3}
    assert _counted(official["count after ttl"]) == {"runs": 4}
    assert _text(official["uncached again"]) == "2"
    assert _text(official["fails again"]).endswith("failure 2")
    assert _text(official["big again"]).startswith("2 ")
    assert official["read 1"] == official["read 0"] != official["read after ttl"]
    assert official["prompt 1"] == official["prompt 0"] != official["prompt after ttl"]
    assert official["tools after grow"] == official["tools"]
    store = "__main__" if mode == "cache-store" else "key_value"
    assert official["report"]["store"] == store
    for key in official:
        if key.startswith("report"):
            continue
        assert ours[key] == official[key], key
    for key in ("report", "report after ttl"):
        theirs, mine = official[key], ours[key]
        assert mine["log"] == theirs["log"], key
        assert mine["calls"] == theirs["calls"], key
        assert mine["store"] == (store if mode == "cache-store" else "ferromcp")


def _key_value_path(tmp_path: Path) -> Path:
    """A directory holding (links to) ``key_value`` and what it imports, from .venv-fastmcp."""
    site = next((_fastmcp_python().parent.parent / "lib").glob("python3*/site-packages"))
    if not (site / "key_value").is_dir():
        pytest.skip("no key_value in .venv-fastmcp")
    for package in ("key_value", "beartype", "cachetools"):
        if (site / package).exists():
            (tmp_path / package).symlink_to(site / package)
    return tmp_path


async def test_response_caching_uses_key_value_when_installed(tmp_path: Path) -> None:
    path = _key_value_path(tmp_path)
    extra = {"PYTHONPATH": os.pathsep.join(
        p for p in (str(path), os.environ.get("PYTHONPATH", "")) if p)}
    official, ours = [await _collect_cache(*s, "cache") for s in _servers(extra)]
    assert ours["report"]["store"] == "key_value"
    for key in official:
        assert ours[key] == official[key], key


async def _collect_auth(peer: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "tools": [t["name"] for t in await peer.list_tools()],
        "resources": [r["uri"] for r in await peer.list_resources()],
        "templates": [r["uriTemplate"] for r in await peer.list_resource_templates()],
        "prompts": [p["name"] for p in await peer.list_prompts()]}
    for name, arguments in (("wipe", {}), ("add", {"a": 1, "b": 2}),
                            ("multiply", {"a": 2, "b": 2}), ("nope", {})):
        out[f"call {name}"] = await answer_or_error(peer.call_tool(name, arguments))
    for uri in ("data://secret", "data://counter", "data://item/a", "data://none"):
        out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
    for name, arguments in (("audit", {}), ("counted", {"topic": "x"}), ("nope", {})):
        out[f"prompt {name}"] = await answer_or_error(peer.get_prompt(name, arguments))
    return out


async def test_authorization_checks_nothing_over_stdio_as_fastmcp() -> None:
    async def collect(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
        with anyio.fail_after(BOUND):
            async with spawned(command, args, {**ENV, **env, "MW_MODE": "auth"}) as peer:
                return await _collect_auth(peer)

    official, ours = [await collect(*s) for s in _servers()]
    assert "wipe" in official["tools"] and "data://secret" in official["resources"]
    assert _text(official["call wipe"]) == "wiped"
    for key in official:
        assert ours[key] == official[key], key


@pytest.mark.parametrize("mode", ["auth", "auth-tag"])
async def test_authorization_over_http_as_fastmcp(mode: str) -> None:
    from httpproc import free_port, listening

    from peer import connect_http

    async def collect(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
        port = free_port()
        with listening([command, *args, "--port", str(port)], port,
                       env={**ENV, **env, "MW_MODE": mode}):
            with anyio.fail_after(BOUND):
                async with connect_http(f"http://127.0.0.1:{port}/mcp") as peer:
                    return await _collect_auth(peer)

    official, ours = [await collect(*s) for s in _servers()]
    # No token: `require_scopes` refuses everything, `restrict_tag` what is tagged "admin".
    if mode == "auth":
        assert official["tools"] == [] and official["prompts"] == []
        assert _text(official["call add"]) == (
            "Authorization failed for tool 'add': insufficient permissions")
    else:
        assert "wipe" not in official["tools"] and "add" in official["tools"]
        assert official["read data://secret"] == {
            "code": -32603,
            "message": "Authorization failed for resource 'data://secret': insufficient "
                       "permissions"}
    assert _text(official["call nope"]) == (
        "Authorization failed for tool 'nope': not found or not authorized")
    for key in official:
        assert ours[key] == official[key], key


PROMPT_TOOLS_APP = """
from fastmcp import FastMCP
from fastmcp.server.middleware.tool_injection import (
    PromptToolMiddleware, ResourceToolMiddleware)

mcp = FastMCP("prompt-tools", middleware=[PromptToolMiddleware(), ResourceToolMiddleware()])

@mcp.prompt
def review(code: str) -> str:
    return f"Review: {code}"

@mcp.resource("data://config")
def config() -> str:
    return "cfg"

if __name__ == "__main__":
    mcp.run()
"""


async def test_prompt_and_resource_tools(tmp_path: Path) -> None:
    """fastmcp 2/3's ``PromptToolMiddleware`` and ``ResourceToolMiddleware`` (not in fastmcp
    4.1.7, so ferromcp only): the server's prompts and resources as tools."""
    app = tmp_path / "prompt_tools.py"
    app.write_text(PROMPT_TOOLS_APP)
    with anyio.fail_after(BOUND):
        async with spawned(sys.executable, ["-m", "ferromcp", "run", str(app)], ENV) as peer:
            names = [t["name"] for t in await peer.list_tools()]
            prompts = await answer_or_error(peer.call_tool("list_prompts", {}))
            rendered = await answer_or_error(peer.call_tool(
                "get_prompt", {"name": "review", "arguments": {"code": "x"}}))
            resources = await answer_or_error(peer.call_tool("list_resources", {}))
            read = await answer_or_error(peer.call_tool("read_resource",
                                                        {"uri": "data://config"}))
    assert names == ["list_prompts", "get_prompt", "list_resources", "read_resource"]
    assert [p["name"] for p in prompts["result"]["structuredContent"]["result"]] == ["review"]
    assert rendered["result"]["structuredContent"]["messages"][0]["content"]["text"] == (
        "Review: x")
    assert [r["uri"] for r in resources["result"]["structuredContent"]["result"]] == [
        "data://config"]
    assert read["result"]["structuredContent"]["result"] == [
        {"uri": "data://config", "mimeType": "text/plain", "text": "cfg"}]
