"""fastmcp server composition (``mount``), differential: ``tests/servers/fastmcp_mount.py``
runs unmodified on the real fastmcp 4.1.7 (``.venv-fastmcp``) and under
``python -m ferromcp run``, driven by the official client over stdio: every list (order
included), every call, read and prompt through the parent — namespaced, renamed, nested,
registered after the mount, shadowed by the parent's own — and unknown names, compared (the
wording of an argument-validation error aside, as everywhere).
"""

from __future__ import annotations

import sys
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_mount.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

CALLS = [
    ("weather_forecast", {"city": "Paris", "days": 2}),
    ("weather_forecast", {"city": "Paris", "days": "x"}),
    ("weather_alert", {"city": "Paris"}),
    ("weather_alert", {"city": "Oslo"}),
    ("weather_deep_depth", {}),
    ("weather_later", {}),
    ("yell", {"text": "hi"}),
    ("shout", {"text": "hi"}),
    ("hello", {}),
    ("events", {}),
    ("forecast", {"city": "Paris"}),
]
READS = ["weather://weather/stations", "weather://weather/station/Lyon/today",
         "deep://weather/deep/core", "weather://stations", "deep://core"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _collect(command: str, args: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command, args, {"FERROMCP_FASTMCP_MAJOR": "4"}) as peer:
            out["tools"] = await peer.list_tools()
            out["resources"] = await peer.list_resources()
            out["templates"] = await peer.list_resource_templates()
            out["prompts"] = await peer.list_prompts()
            for name, args_ in CALLS:
                out[f"call {name} {args_}"] = await answer_or_error(peer.call_tool(name, args_))
            for uri in READS:
                out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
            for name in ("weather_ask", "ask"):
                out[f"prompt {name}"] = await answer_or_error(
                    peer.get_prompt(name, {"city": "Nice"}))
    return out


async def test_mount_as_fastmcp() -> None:
    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    official = await _collect(str(FASTMCP_PYTHON), [str(APP)])
    ferro = await _collect(sys.executable, ["-m", "ferromcp", "run", str(APP)])
    # What mounting does, spelled out on fastmcp's answers, then everything compared.
    names = [t["name"] for t in official["tools"]]
    assert names[:2] == ["hello", "events"] and "weather_later" in names and "yell" in names
    assert official["call hello {}"]["result"]["content"][0]["text"] == "hello from main"
    assert "weather up" in official["call events {}"]["result"]["content"][0]["text"]
    # The wording of an argument-validation error is set aside (pydantic's in fastmcp, the
    # core's schema check here): both are isError results.
    bad = "call weather_forecast {'city': 'Paris', 'days': 'x'}"
    assert official[bad]["result"]["isError"] is ferro[bad]["result"]["isError"] is True
    for key in official:
        if key != bad:
            assert ferro[key] == official[key], key
