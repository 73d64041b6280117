"""fastmcp 2.x, 3.x and 4.x wire shapes, differential: ``tests/servers/fastmcp_shapes.py``
(``import fastmcp``) runs on the real fastmcp of each major version — the drop-in survey's venvs
(``dropin/.venvs/{analyzer,simple-time,motherduck}``, made by ``make dropin``; skipped without
them) — and under ``python -m ferromcp run`` told that version (``FERROMCP_FASTMCP_MAJOR``), and
must list and answer the same: capabilities, ``_meta`` tags, schemas, titles, descriptions from
docstrings, wrapped results, failing tools, resources and prompts, and unknown ones. Set aside,
as in the survey: ``serverInfo.version`` (the serving package's) and ``capabilities.tasks``
(ferromcp serves no tasks and announces none)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from peer import CLIENT, ROOT, answer_or_error, listing, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_shapes.py"
VENVS = {2: "analyzer", 3: "simple-time", 4: "motherduck"}


def _venv_python(major: int) -> Path | None:
    python = ROOT / "dropin" / ".venvs" / VENVS[major] / "bin" / "python"
    return python if python.exists() else None


async def _collect(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    async with spawned(command, args, env) as peer:
        out = await listing(peer)
        out["calls"] = [await peer.call_tool(name, args) for name, args in (
            ("add", {"a": 1}), ("shout", {"text": "hi"}), ("point_sum", {"p": {"x": 1}}),
            ("numbers", {"n": 3}), ("model_result", {"x": 1}))]
        out["reads"] = [await peer.read_resource(u) for u in ("data://config",
                                                              "data://items/7")]
        out["prompt"] = await peer.get_prompt("review", {"code": "x = 1"})
        out["failed calls"] = [await peer.call_tool(name, {}) for name in (
            "crash", "refuse", "no_such_tool")]
        out["failed reads"] = [await answer_or_error(peer.read_resource(u)) for u in (
            "data://broken", "data://gone", "data://no/such/resource")]
        out["failed prompts"] = [
            await answer_or_error(peer.get_prompt(name, args)) for name, args in (
                ("bad_prompt", {}), ("refused_prompt", {}), ("review", {}), ("no_such_prompt", {}))]
    return out


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize("major", [2, 3, 4])
async def test_fastmcp_servers_answer_as_their_version(major: int) -> None:
    python = _venv_python(major)
    if python is None:
        pytest.skip(f"no fastmcp {major}.x venv (dropin/.venvs/{VENVS[major]}; `make dropin`)")
    official = await _collect(str(python), [str(APP)], {})
    ferro = await _collect(sys.executable, ["-m", "ferromcp", "run", str(APP)],
                           {"FERROMCP_FASTMCP_MAJOR": str(major)})
    for key in official:
        assert ferro[key] == official[key], key
