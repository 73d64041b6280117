"""Differential: what a tool handler sees of its asyncio task — one Task for the whole call,
``asyncio.timeout``, ``TaskGroup``, anyio, self-cancellation, done callbacks, a
task kept past its call — is the same under the official SDK and under ferromcp. ferromcp
starts handlers without a Task until one is needed (Python 3.11) or eagerly (3.12+); this checks
that neither shows."""

from __future__ import annotations

from typing import Any

import pytest

from peer import CLIENT, ROOT, connect

pytestmark = pytest.mark.anyio
APP = ROOT / "tests" / "servers" / "task_semantics.py"

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("no_suspend", {}),
    ("across_suspension", {}),
    ("timeout_expires", {}),
    ("timeout_not_reached", {}),
    ("task_group", {}),
    ("anyio_scopes", {}),
    ("cancel_self", {}),
    ("done_callback", {"tag": "a"}),
    ("done_callback", {"tag": "b"}),
    ("done_calls_seen", {}),
    ("keep_task", {}),
    ("kept_task_state", {}),
    ("no_suspend", {}),
]


async def _collect(script_args: tuple[str, ...]) -> list[Any]:
    env = {"DIFF_APP_GENERATION": "2" if CLIENT == "mcp2" else "1"}
    out = []
    async with connect(*script_args, env=env, legacy=True) as peer:
        for name, args in CALLS:
            r = await peer.call_tool(name, args)
            out.append((name, r.get("isError"), r.get("structuredContent"),
                        [c.get("text") for c in r["content"]]))
    return out


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def official() -> list[Any]:
    return await _collect((str(APP),))


@pytest.fixture(scope="module")
async def ferro() -> list[Any]:
    return await _collect(("-m", "ferromcp", "run", str(APP)))


async def test_handlers_see_the_same_task_semantics(official: list[Any],
                                                     ferro: list[Any]) -> None:
    for want, got in zip(official, ferro, strict=True):
        assert got == want


async def test_the_observations_are_the_expected_ones(ferro: list[Any]) -> None:
    by_name = {name: structured for name, _, structured, _ in ferro}
    assert all(not is_error for _, is_error, _, _ in ferro), ferro
    first = by_name["no_suspend"]
    assert first == {"is_task": True, "done": False, "cancelled": False, "cancelling": 0,
                     "same_again": True, "anyio_sees_it": True, "named": True,
                     "loop_is_running_loop": True, "repr_ok": True, "coro_ok": True}
    assert by_name["across_suspension"] == {"same": True, "listed": True, "done": False}
    assert by_name["timeout_expires"] == {"result": "timed out, cancelling=0"}
    assert by_name["task_group"] == {"result": [1, 4, 9, -1]}
    assert by_name["anyio_scopes"] == {"moved_on": True, "cancelled_at_once": True,
                                       "values": [0, 1, 2]}
    assert by_name["cancel_self"] == {"result": "recovered, cancelling=0"}
    assert by_name["done_calls_seen"] == {"result": ["a:True", "b:True"]}
    assert by_name["kept_task_state"] == {
        "done": True, "cancelled": False, "cancel": False, "exception": "None",
        "callback_saw_done": [True], "stack": [], "not_current": True}
