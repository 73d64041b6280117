"""`python -m ferromcp run`: a server that imports `mcp` runs on ferromcp without edits."""

from __future__ import annotations

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
