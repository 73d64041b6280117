"""Differential: one decorator-API server file, run under the official `mcp` package and under
ferromcp (`python -m ferromcp run`), must answer the same — except for these documented choices:

* sync (`def`) tools run on a worker thread, never on the event loop (official 1.x runs them on
  the loop, blocking every other request meanwhile; 2.x uses a worker thread, as ferromcp does);
* input-validation failures name the failing path in ferromcp's words (not asserted here: every
  call below is valid).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from peer import CLIENT, ROOT, connect

pytestmark = pytest.mark.anyio
APP = ROOT / "tests" / "servers" / "fastmcp_app.py"

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("add", {"a": 1, "b": 2}),
    ("add", {"a": "2", "b": "3"}),  # lax numeric strings, as pydantic coerces them
    ("echo", {"text": "héllo"}),
    ("describe", {"name": "n"}),
    ("describe", {"name": "n", "count": 3, "ratio": 2, "flag": True, "tag": "t", "mode": "slow",
                  "color": "green", "items": [1, 2], "extra": {"k": "v"}, "label": "lbl"}),
    ("point_sum", {"p": {"x": 2, "y": 3}}),
    ("area", {"box": {"width": 2.5}}),
    ("greet", {"user": {"name": "ada", "age": 36}}),
    ("numbers", {"n": 3}),
    ("numbers", {"n": 0}),
    ("plain", {"text": "x"}),
    ("boom", {}),
    ("tool_error", {}),
    ("async_boom", {"text": "x"}),
    ("async_tool_error", {}),
    ("nap", {"text": "zz"}),
    ("half", {"x": 3}),
    ("half", {"x": 3.5, "exact": True}),
    ("count_words", {"text": "one two three"}),
    ("tags", {"names": ["b", "a"]}),
    ("echo", {"text": "a \"quoted\"\n line"}),
    ("thread_name", {}),
    ("uses_context", {"steps": 2}),
    ("read_own", {}),
    ("nope", {}),
    ("fetch", {"url": "http://example.org"}),
    ("fetch", {"url": "not a url"}),  # a validation error naming the argument, never masked
    ("sync_coroutine", {"text": "x"}),  # not awaited: the output check fails on the coroutine
]


def _normalise_result(r: dict[str, Any]) -> dict[str, Any]:
    r = dict(r)
    r.pop("resultType", None)
    r.pop("_meta", None)
    # An object's repr (`<coroutine object _later at 0x7f…>`) differs from run to run.
    r["content"] = [{**c, "text": re.sub(r" at 0x[0-9a-f]+>", " at 0x…>", c["text"])}
                    if c.get("type") == "text" else c for c in r.get("content", [])]
    return r


async def _collect(script_args: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    logs: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append(getattr(params, "data", None))

    env = {"DIFF_APP_GENERATION": "2" if CLIENT == "mcp2" else "1"}
    async with connect(*script_args, env=env, logging_callback=on_log, legacy=True) as peer:
        out["tools"] = {t["name"]: t for t in await peer.list_tools()}
        out["calls"] = []
        for name, args in CALLS:
            try:
                out["calls"].append(_normalise_result(await peer.call_tool(name, args)))
            except Exception as exc:  # noqa: BLE001 - the client raises JSON-RPC errors
                err = getattr(exc, "error", None)
                out["calls"].append({"error": getattr(err, "code", None),
                                     "message": getattr(err, "message", str(exc))})
        out["resources"] = sorted(await peer.list_resources(), key=lambda r: r["uri"])
        out["templates"] = await peer.list_resource_templates()
        out["reads"] = []
        for uri in ("config://app", "users://42/profile", "data://blob", "missing://x"):
            try:
                out["reads"].append(await peer.read_resource(uri))
            except Exception as exc:  # noqa: BLE001
                err = getattr(exc, "error", None)
                out["reads"].append({"error": getattr(err, "code", None),
                                     "message": getattr(err, "message", str(exc))})
        out["prompts"] = await peer.list_prompts()
        out["prompt"] = await peer.get_prompt("review", {"code": "x = 1"})
        # A described argument and a multi-line docstring; arguments converted to int / bool.
        out["prompt_described"] = await peer.get_prompt("described", {"code": "x"})
        out["prompt_typed"] = await peer.get_prompt("typed_prompt", {"n": "3", "flag": "true"})
        try:
            await peer.get_prompt("nope", {})
        except Exception as exc:  # noqa: BLE001
            err = getattr(exc, "error", None)
            out["unknown_prompt"] = (getattr(err, "code", None), getattr(err, "message", ""))
        try:
            rpc = await peer.call_tool("rpc_error", {})
            out["rpc_error"] = _normalise_result(rpc)
        except Exception as exc:  # noqa: BLE001
            err = getattr(exc, "error", None)
            out["rpc_error"] = {"error": getattr(err, "code", None),
                                "message": getattr(err, "message", "")}
        out["init"] = peer.init
    out["logs"] = logs
    return out


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def official() -> dict[str, Any]:
    return await _collect((str(APP),))


@pytest.fixture(scope="module")
async def ferro() -> dict[str, Any]:
    return await _collect(("-m", "ferromcp", "run", str(APP)))


async def test_same_tool_list(official: dict[str, Any], ferro: dict[str, Any]) -> None:
    assert ferro["tools"].keys() == official["tools"].keys()
    for name, tool in official["tools"].items():
        assert ferro["tools"][name] == tool, name


async def test_same_call_results(official: dict[str, Any], ferro: dict[str, Any]) -> None:
    for (name, args), want, got in zip(CALLS, official["calls"], ferro["calls"], strict=True):
        if name == "thread_name":
            assert got["content"] == [{"type": "text", "text": "worker"}]
            continue
        assert got == want, (name, args)


async def test_same_resources_and_prompts(official: dict[str, Any],
                                          ferro: dict[str, Any]) -> None:
    assert ferro["resources"] == official["resources"]
    assert ferro["templates"] == official["templates"]
    assert ferro["reads"] == official["reads"]
    assert ferro["prompts"] == official["prompts"]
    assert ferro["prompt"] == official["prompt"]
    assert ferro["prompt_described"] == official["prompt_described"]
    assert ferro["prompt_typed"] == official["prompt_typed"]
    assert ferro["unknown_prompt"] == official["unknown_prompt"]


async def test_same_error_planes(official: dict[str, Any], ferro: dict[str, Any]) -> None:
    assert ferro["rpc_error"] == official["rpc_error"]
    assert ferro["logs"] == official["logs"]


async def test_same_initialize(official: dict[str, Any], ferro: dict[str, Any]) -> None:
    want, got = dict(official["init"]), dict(ferro["init"])
    # serverInfo.version defaults to the installed package's version in each implementation.
    want["serverInfo"].pop("version")
    got["serverInfo"].pop("version")
    assert got == want
