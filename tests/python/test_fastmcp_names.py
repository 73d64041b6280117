"""fastmcp names beyond ``FastMCP``, differential: ``tests/servers/fastmcp_names.py`` (fastmcp 4
middleware, ``get_context``, ``Tool.from_function``, ``ToolResult``, resource objects and
templates, ``ResourceSecurity``, ``Prompt.from_function``, ``Image.to_data_uri``) runs unmodified
on the real fastmcp 4.1.7 (``.venv-fastmcp``, made by ``make build``) and under
``python -m ferromcp run``, driven by the official client over stdio; the answers must be the
same. Set aside: ``serverInfo.version`` (the serving package's) and ``capabilities.tasks``
(ferromcp serves no tasks and announces none).

Without ``.venv-fastmcp`` (fastmcp could not be installed) the comparison is skipped, saying
so; the import checks run anyway.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from peer import CLIENT, ROOT, answer_or_error, listing, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_names.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"

#: Every name the server file imports, and a few more published servers import.
NAMES = {
    "fastmcp": ["FastMCP", "Context"],
    "fastmcp.server": ["FastMCP", "Context"],
    "fastmcp.server.context": ["Context"],
    "fastmcp.server.middleware": ["Middleware", "MiddlewareContext", "CallNext"],
    "fastmcp.server.dependencies": ["get_context", "get_http_request", "get_http_headers",
                                    "get_access_token"],
    "fastmcp.tools": ["Tool", "FunctionTool", "ToolResult"],
    "fastmcp.tools.tool": ["Tool", "ToolResult"],
    "fastmcp.resources": ["Resource", "TextResource", "FunctionResource", "ResourceTemplate",
                          "ResourceSecurity"],
    "fastmcp.prompts": ["Prompt", "Message", "PromptMessage"],
    "fastmcp.exceptions": ["ToolError", "ResourceError", "PromptError"],
    "fastmcp.utilities.types": ["Image", "Audio"],
}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_names_resolve_under_the_alias() -> None:
    lines = ["from ferromcp.__main__ import install_alias", "install_alias()",
             "import importlib"]
    for module, names in NAMES.items():
        lines.append(f"m = importlib.import_module({module!r})")
        lines.extend(f"getattr(m, {n!r})" for n in names)
    lines += [
        "from fastmcp.server.context import Context",
        "from ferromcp.server._highlevel import Context as Ours",
        "assert Context is Ours, Context",
        "from fastmcp.utilities.types import Image",
        "assert Image(data=b'x', format='png').to_data_uri() == 'data:image/png;base64,eA=='",
        "import fastmcp; assert hasattr(fastmcp.FastMCP, 'add_middleware')",
    ]
    done = subprocess.run([sys.executable, "-c", "\n".join(lines)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr


async def _collect(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    async with spawned(command, args, env) as peer:
        out = await listing(peer)
        calls = (("shout", {"text": "hi"}), ("secret", {}), ("blocked", {}), ("recovered", {}),
                 ("broken", {}), ("whoami", {}), ("rich", {"n": 4}), ("picture", {}),
                 ("times", {"a": 3}), ("times", {"a": 3, "b": 5}), ("no_such_tool", {}),
                 ("seen", {}), ("nothing_found", {}), ("remember", {"value": "x"}),
                 ("recall", {}), ("forget", {}), ("recall", {}), ("remember_unserializable", {}),
                 ("about_request", {}))
        for i, (name, args) in enumerate(calls):
            out[f"call {i} {name} {args}"] = await peer.call_tool(name, args)
        for uri in ("text://motto", "data://config", "file://docs/readme.md",
                    "git://diff/HEAD~3..HEAD", "git://diff/..", "file://docs/..",
                    "file://docs/%2Fetc%2Fpasswd", "file://docs/a%00b",
                    "file://docs/a%2F..%2F..%2Fb", "git://diff/a%2F..%2F..%2Fb"):
            out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
        out["review"] = await peer.get_prompt("review", {"code": "x = 1"})
        out["ask"] = await peer.get_prompt("ask", {"topic": "rust"})
    return out


def _fastmcp_python() -> Path:
    if not FASTMCP_PYTHON.exists():
        pytest.skip("no .venv-fastmcp with fastmcp 4.1.7 (`make build` makes it; PyPI was "
                    "not reachable?)")
    return FASTMCP_PYTHON


@pytest.mark.parametrize("security", ["default", "off"])
async def test_fastmcp4_names_answer_as_fastmcp(security: str) -> None:
    python = _fastmcp_python()
    env = {"NAMES_NO_SECURITY": "1"} if security == "off" else {}
    official = await _collect(str(python), [str(APP)], env)
    ferro = await _collect(sys.executable, ["-m", "ferromcp", "run", str(APP)],
                           {**env, "FERROMCP_FASTMCP_MAJOR": "4"})
    for key in official:
        assert ferro[key] == official[key], key


async def test_fastmcp_middleware_reads_the_http_request() -> None:
    """fastmcp middleware reading the HTTP request (``get_http_headers()``,
    ``get_http_request()``, ``context.fastmcp_context.request_context.request``) over HTTP: the
    same answers on fastmcp 4.1.7 and on ferromcp."""
    from httpproc import free_port, listening

    from peer import connect_http

    python = _fastmcp_python()
    app = ROOT / "tests" / "servers" / "fastmcp_http_headers.py"

    async def seen(command: list[str]) -> Any:
        port = free_port()
        with listening([*command, "--port", str(port)], port):
            async with connect_http(f"http://127.0.0.1:{port}/mcp",
                                    headers={"X-Tenant": "acme"}) as peer:
                result = await peer.session.call_tool("middleware_saw", {})
                return json.loads(result.content[0].text)

    ours = await seen([sys.executable, "-m", "ferromcp", "run", str(app)])
    assert ours == {"context request tenant": "acme", "has session": True, "path": "/mcp",
                    "tenant": "acme"}
    assert ours == await seen([str(python), str(app)])
