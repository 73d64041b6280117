"""`python -m ferromcp run`: a server that imports `mcp` runs on ferromcp without edits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from peer import ROOT, connect

pytestmark = pytest.mark.anyio
SEED = Path("/work/shared/seed-tutorial.md")


def _unmodified_file_server(tmp_path: Path) -> Path:
    """The seed's file server exactly as the tutorial prints it (importing `mcp`)."""
    source = (ROOT / "examples" / "file_server.py").read_text(encoding="utf-8")
    original = re.sub(r"\bferromcp\b", "mcp", source)
    path = tmp_path / "file_server.py"
    path.write_text(original, encoding="utf-8")
    return path


async def test_run_resolves_mcp_imports_to_ferromcp(tmp_path: Path) -> None:
    script = _unmodified_file_server(tmp_path)
    probe = tmp_path / "probe.txt"
    probe.write_text("probe", encoding="utf-8")
    wrapper = tmp_path / "wrapper.py"
    # The wrapper proves which package served: ferromcp's types carry __mcp_model__.
    wrapper.write_text(
        "import runpy, sys\n"
        "sys.argv = ['ferromcp', 'run', sys.argv[1]]\n"
        "runpy.run_module('ferromcp', run_name='__main__')\n", encoding="utf-8")
    async with connect(wrapper, str(script)) as peer:
        r = await peer.call_tool("read_file", {"path": str(probe)})
        assert r["content"][0]["text"] == "probe"
        r = await peer.call_tool("read_file", {})
        # Input validation message text is ferromcp's (the official one differs).
        assert r["content"][0]["text"] == 'Input validation error: "path" is a required property'


def test_run_aliases_modules() -> None:
    code = ("import sys; from ferromcp.__main__ import install_alias; install_alias();"
            "import mcp.types, mcp.server.stdio; from mcp.server import Server;"
            "import ferromcp.types, ferromcp.server.stdio;"
            "assert mcp.types is ferromcp.types; assert mcp.server.stdio is ferromcp.server.stdio;"
            "assert Server.__module__.startswith('ferromcp'); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "ok"


def test_run_usage() -> None:
    out = subprocess.run([sys.executable, "-m", "ferromcp"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2
    assert "usage: python -m ferromcp run" in out.stderr


# --- names that are the client's business come from the official package -----------------------

async def test_client_side_imports_come_from_the_official_package() -> None:
    """An unmodified server importing ``ClientSession``, ``stdio_client``, the in-memory helper
    and the OAuth settings runs, and uses the client pieces for real: an in-memory session with
    a second server, and a stdio client to another server process."""
    script = ROOT / "tests" / "servers" / "client_imports_unmodified.py"
    echo = ROOT / "examples" / "quickstart.py"
    async with connect("-m", "ferromcp", "run", str(script), str(echo)) as peer:
        origins = (await peer.call_tool("origins", {}))["structuredContent"]
        added = await peer.call_tool("in_memory", {"a": 2, "b": 3})
        echoed = await peer.call_tool("proxy", {"text": "héllo"})
    official = "ferromcp._official_mcp."
    assert origins == {
        "FastMCP": "ferromcp.server.fastmcp.server", "types": "ferromcp.types",
        "ClientSession": official + "client.session", "stdio_client": official + "client.stdio",
        "AuthSettings": official + "server.auth.settings",
        "create_connected_server_and_client_session": "ferromcp.shared.memory"}
    assert added["content"][0]["text"] == "['add'] 5"
    assert echoed["content"][0]["text"] == "héllo"


def test_official_modules_keep_the_official_types() -> None:
    """Under the alias, the server's ``mcp.types`` is ferromcp's, while the official modules
    loaded for it see the official types among themselves; modules ferromcp keeps for itself do
    not fall back."""
    code = "\n".join([
        "import sys, importlib",
        "from ferromcp.__main__ import install_alias",
        "install_alias()",
        "import ferromcp.types, mcp.types, mcp_types, mcp.client.session as cs",
        "assert mcp.types is ferromcp.types and mcp_types is ferromcp.types",
        "assert cs.__name__ == 'ferromcp._official_mcp.client.session'",
        "assert sys.modules['mcp.client.session'] is cs",
        "assert cs.ClientSession.__module__ == cs.__name__",
        "official_types = sys.modules['ferromcp._official_mcp.types']",
        "assert official_types is not ferromcp.types",
        "assert hasattr(official_types.Tool, 'model_validate_json')",
        "assert cs.__spec__.name == cs.__name__",
        "from mcp import ClientSession, StdioServerParameters, ServerSession",
        "assert ClientSession is cs.ClientSession",
        "assert ServerSession.__module__ == 'ferromcp.server.session'",
        "import mcp.server.sse as sse",
        "assert sse.__name__ == 'ferromcp.server.sse'",
        # Server-side plumbing ferromcp leaves to the official package loads as the official
        # module; a server-side feature ferromcp does not apply yet (2.x) does not fall back.
        "from ferromcp import _official",
        "for name in ('mcp.server.websocket', 'mcp.server.experimental.task_scope'):",
        "    if _official.locate(name) is not None:",
        "        module = importlib.import_module(name)",
        "        assert module.__name__.startswith('ferromcp._official_mcp.'), module",
        "assert importlib.import_module('mcp.server.request_state').__name__ == "
        "    'ferromcp.server.request_state'",
        "assert importlib.import_module('mcp.server.runner').__name__ == "
        "    'ferromcp.server.runner'",
        "print('ok')"])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_client_names_without_the_official_package(tmp_path: Path) -> None:
    """Without the official package, the client names say where they come from."""
    hide = tmp_path / "hide"
    hide.mkdir()
    # A sitecustomize that makes `import mcp` fail, as if the package were not installed.
    (hide / "sitecustomize.py").write_text(
        "import sys\n"
        "class _NoMcp:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mcp' or name.startswith('mcp.'):\n"
        "            raise ModuleNotFoundError(\"No module named 'mcp'\", name='mcp')\n"
        "sys.meta_path.insert(0, _NoMcp())\n", encoding="utf-8")
    code = ("import ferromcp\n"
            "try:\n"
            "    ferromcp.ClientSession\n"
            "except ImportError as e:\n"
            "    print(type(e).__name__, 'pip install mcp' in str(e))\n")
    env = {**os.environ, "PYTHONPATH": str(hide)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, env=env)
    assert out.stdout.strip() == "OfficialNotInstalled True", out.stderr


def test_run_starts_modules_entry_points_and_console_scripts(tmp_path: Path) -> None:
    """`run -m module`, `run module:function` and `run <console script>` start the server the
    way a desktop client's config names it."""
    import json as _json

    pkg = tmp_path / "entry_demo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "from mcp.server.fastmcp import FastMCP\n"
        "mcp = FastMCP('entry-demo')\n"
        "@mcp.tool()\n"
        "def hello() -> str:\n"
        "    return 'hi'\n"
        "def main():\n"
        "    mcp.run()\n")
    (pkg / "__main__.py").write_text("from entry_demo import main\nmain()\n")
    init = _json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "t", "version": "0"}}}) + "\n"
    for target in (["-m", "entry_demo"], ["entry_demo:main"], ["entry_demo"]):
        done = subprocess.run([sys.executable, "-m", "ferromcp", "run", *target],
                              input=init.encode(), capture_output=True, timeout=30,
                              env={**os.environ, "PYTHONPATH": str(tmp_path)},
                              check=False)
        first = done.stdout.decode().splitlines()[0]
        assert _json.loads(first)["result"]["serverInfo"]["name"] == "entry-demo", target


def test_decorator_servers_are_generic_like_the_official_ones() -> None:
    """`FastMCP[Any]` (fastmcp, 1.x) and `MCPServer[Any]` (2.x) are subscriptable."""
    from typing import Any

    from ferromcp import FastMCP as FastMCP4
    from ferromcp.server.fastmcp import FastMCP
    from ferromcp.server.mcpserver import MCPServer
    from ferromcp.utilities.types import Image

    for cls in (FastMCP, MCPServer, FastMCP4):
        assert cls[Any] is not None
    assert Image(data=b"\x89PNG").to_data_uri() == "data:image/png;base64,iVBORw=="


def test_run_puts_the_scripts_directory_first_on_the_path(tmp_path: Path) -> None:
    """A server file importing a module beside it starts under `run` as under `python file`,
    from any working directory."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "helpers.py").write_text("GREETING = 'hi from a sibling'\n", encoding="utf-8")
    (app / "server.py").write_text(
        "import sys\n"
        "from helpers import GREETING\n"
        "print(GREETING, sys.path[0] == __file__.rsplit('/', 1)[0])\n", encoding="utf-8")
    for command in ([sys.executable, str(app / "server.py")],
                    [sys.executable, "-m", "ferromcp", "run", str(app / "server.py")]):
        out = subprocess.run(command, capture_output=True, text=True, timeout=60,
                             cwd=str(tmp_path))
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "hi from a sibling True", command
