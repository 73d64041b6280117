"""Differential: one low-level server file (``tests/servers/lowlevel_app.py``, importing ``mcp``)
run under the official SDK and under ferromcp (``python -m ferromcp run``) must answer the same.

The environment decides the generation compared: ``mcp`` 1.30 decorators in ``.venv``, ``mcp`` 2.3
``Server(on_*=...)`` in ``.venv-mcp2`` (``FERROMCP_CLIENT=mcp2``). The 2.x server also runs on
ferromcp in both environments, checked against what official 2.3 answers (recorded below), so
the 1.x client sees the 2.x behaviour too.

Documented difference, not compared: the text of a 1.x input-validation error after its
``Input validation error: `` prefix (ferromcp words it, the official SDK quotes jsonschema).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, connect, notification_dict, plain

pytestmark = pytest.mark.anyio
APP = ROOT / "tests" / "servers" / "lowlevel_app.py"
GENERATION = "2" if CLIENT == "mcp2" else "1"

# name, arguments: a valid call, then arguments the inputSchema refuses.
CALLS: list[tuple[str, dict[str, Any] | None]] = [
    ("greet", {"name": "Ada"}),
    ("greet", {"name": 42}),
    ("greet", {}),
    ("greet", None),
]


async def _until(cond: Callable[[], bool], timeout: float = 10) -> None:
    with anyio.move_on_after(timeout):
        while not cond():
            await anyio.sleep(0.01)


async def _collect(script_args: tuple[str, ...], generation: str,
                   env: dict[str, str] | None = None) -> dict[str, Any]:
    notifications: list[dict[str, Any]] = []

    async def on_message(message: Any) -> None:
        n = notification_dict(message)
        if n is not None:
            notifications.append(n)

    def updated() -> list[str]:
        return [n["params"]["uri"] for n in notifications
                if n["method"] == "notifications/resources/updated"]

    out: dict[str, Any] = {}
    full_env = {"DIFF_APP_GENERATION": generation, **(env or {})}
    async with connect(*script_args, env=full_env, message_handler=on_message,
                       legacy=True) as peer:
        out["init"] = peer.init
        out["calls"] = [plain(await peer.call_tool(name, args)) for name, args in CALLS]
        # Never subscribed: the official servers send it all the same.
        await peer.call_tool("notify_update", {"uri": "memo://a"})
        await peer.call_tool("notify_update", {"uri": "memo://b"})
        await _until(lambda: len(updated()) >= 2)
        out["updated"] = updated()
    return out


def _strip_validation_text(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """1.x validation errors: the prefix and plane are compared, the wording is not."""
    out = []
    for r in calls:
        text = r["content"][0]["text"] if r.get("content") else ""
        if r.get("isError") and text.startswith("Input validation error: "):
            r = {**r, "content": [{"type": "text", "text": "Input validation error: …"}]}
        out.append(r)
    return out


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def official() -> dict[str, Any]:
    return await _collect((str(APP),), GENERATION)


@pytest.fixture(scope="module")
async def ferro() -> dict[str, Any]:
    return await _collect(("-m", "ferromcp", "run", str(APP)), GENERATION)


async def test_same_initialize(official: dict[str, Any], ferro: dict[str, Any]) -> None:
    # 1.x: `experimental: {}` always; 2.x: no `experimental` unless the server passes some.
    assert ferro["init"] == official["init"]


async def test_same_tool_answers(official: dict[str, Any], ferro: dict[str, Any]) -> None:
    assert _strip_validation_text(ferro["calls"]) == _strip_validation_text(official["calls"])


async def test_resource_updated_sent_without_subscription(official: dict[str, Any],
                                                          ferro: dict[str, Any]) -> None:
    assert official["updated"] == ["memo://a", "memo://b"]
    assert ferro["updated"] == official["updated"]


# --- the 2.x server on ferromcp, in either environment ------------------------------------------

#: What official mcp 2.3 answers for CALLS: the handler sees the arguments as sent.
V2_CALLS = [
    {"content": [{"type": "text", "text": "Hello Ada"}], "isError": False},
    {"content": [{"type": "text", "text": "name must be a string"}],
     "structuredContent": {"error": "bad_name", "got": 42}, "isError": True},
    {"content": [{"type": "text", "text": "name must be a string"}],
     "structuredContent": {"error": "bad_name", "got": None}, "isError": True},
    {"content": [{"type": "text", "text": "name must be a string"}],
     "structuredContent": {"error": "bad_name", "got": None}, "isError": True},
]


async def test_v2_server_answers_bad_arguments_itself() -> None:
    got = await _collect(("-m", "ferromcp", "run", str(APP)), "2")
    assert got["calls"] == V2_CALLS
    caps = got["init"]["capabilities"]
    assert "experimental" not in caps
    assert caps == {"tools": {"listChanged": False},
                    "resources": {"subscribe": False, "listChanged": False}}
    assert got["updated"] == ["memo://a", "memo://b"]


async def test_v2_server_can_opt_into_core_validation() -> None:
    got = await _collect(("-m", "ferromcp", "run", str(APP)), "2", {"FERRO_VALIDATE": "1"})
    assert got["calls"][0] == V2_CALLS[0]
    for r in got["calls"][1:]:
        assert r["isError"] is True
        assert r["content"][0]["text"].startswith("Input validation error: ")
        assert "structuredContent" not in r
