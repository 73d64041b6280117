"""Server → client requests from inside a tool (both generations): sampling
(``session.create_message``) and elicitation (``session.elicit``), answered by the official
client's callbacks; and what the handler sees when the client declines or errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import mcp.types as mt
import pytest

from peer import SERVERS, connect

pytestmark = pytest.mark.anyio

SCRIPTS = [pytest.param(SERVERS / "lowlevel_v1.py", id="v1"),
           pytest.param(SERVERS / "lowlevel_v2.py", id="v2")]


def text_of(params: Any) -> list[str]:
    out = []
    for m in params.messages:
        content = m.content
        for c in content if isinstance(content, list) else [content]:
            out.append(c.text)
    return out


@pytest.mark.parametrize("script", SCRIPTS)
async def test_sampling_round_trip(script: Path) -> None:
    requests: list[Any] = []

    async def sampling(context: Any, params: Any) -> Any:
        requests.append(params)
        return mt.CreateMessageResult(role="assistant", model="test-model",
                                      content=mt.TextContent(type="text", text="sampled!"),
                                      stopReason="endTurn")

    async with connect(script, sampling_callback=sampling, legacy=True) as peer:
        r = await peer.call_tool("sample", {"prompt": "Say hi"})
        assert r["isError"] is False, r
        assert r["content"] == [{"type": "text", "text": "test-model: sampled!"}]
    (params,) = requests
    assert text_of(params) == ["Say hi"]
    assert params.messages[0].role == "user"
    dumped = params.model_dump(by_alias=True, exclude_none=True, mode="json")
    assert dumped["maxTokens"] == 64
    assert dumped["systemPrompt"] == "Be brief."


@pytest.mark.parametrize("script", SCRIPTS)
async def test_sampling_error_reaches_the_handler(script: Path) -> None:
    async def sampling(context: Any, params: Any) -> Any:
        return mt.ErrorData(code=-1, message="User rejected sampling")

    async with connect(script, sampling_callback=sampling, legacy=True) as peer:
        try:
            r = await peer.call_tool("sample", {"prompt": "Say hi"})
        except Exception as exc:  # noqa: BLE001 - 2.x: the handler's exception is an error reply
            assert "User rejected sampling" in str(getattr(exc, "error", exc))
        else:
            # 1.x: the tool's exception (the client's error) becomes an isError result.
            assert r["isError"] is True
            assert "User rejected sampling" in r["content"][0]["text"]
        # The session keeps working.
        assert (await peer.call_tool("echo", {"text": "ok"}))["content"][0]["text"] == "ok"


@pytest.mark.parametrize("script", SCRIPTS)
async def test_elicitation_accept(script: Path) -> None:
    requests: list[Any] = []

    async def elicit(context: Any, params: Any) -> Any:
        requests.append(params.model_dump(by_alias=True, exclude_none=True, mode="json"))
        return mt.ElicitResult(action="accept", content={"name": "Ada"})

    async with connect(script, elicitation_callback=elicit, legacy=True) as peer:
        r = await peer.call_tool("elicit", {})
        assert r["isError"] is False, r
        assert json.loads(r["content"][0]["text"]) == {"action": "accept",
                                                       "content": {"name": "Ada"}}
    (params,) = requests
    assert params["message"] == "What is your name?"
    assert params["requestedSchema"]["properties"] == {"name": {"type": "string"}}
    assert params["requestedSchema"]["required"] == ["name"]


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("action", ["decline", "cancel"])
async def test_elicitation_decline_and_cancel(script: Path, action: str) -> None:
    async def elicit(context: Any, params: Any) -> Any:
        return mt.ElicitResult(action=action)

    async with connect(script, elicitation_callback=elicit, legacy=True) as peer:
        r = await peer.call_tool("elicit", {})
        assert r["isError"] is False, r
        assert json.loads(r["content"][0]["text"]) == {"action": action, "content": None}


@pytest.mark.parametrize("script", SCRIPTS)
async def test_concurrent_server_requests(script: Path) -> None:
    """Several tools each waiting on the client at once all get their own answer."""
    async def sampling(context: Any, params: Any) -> Any:
        return mt.CreateMessageResult(role="assistant", model="m",
                                      content=mt.TextContent(type="text",
                                                             text=text_of(params)[0].upper()))

    results: dict[int, str] = {}
    async with connect(script, sampling_callback=sampling, legacy=True) as peer:
        async def one(i: int) -> None:
            r = await peer.call_tool("sample", {"prompt": f"p{i}"})
            results[i] = r["content"][0]["text"]

        with anyio.fail_after(30):
            async with anyio.create_task_group() as tg:
                for i in range(5):
                    tg.start_soon(one, i)
    assert results == {i: f"m: P{i}" for i in range(5)}


@pytest.mark.parametrize("script", SCRIPTS)
async def test_list_roots(script: Path) -> None:
    async def roots(context: Any) -> Any:
        return mt.ListRootsResult(roots=[mt.Root(uri="file:///work/project", name="project"),
                                         mt.Root(uri="file:///tmp")])

    async with connect(script, list_roots_callback=roots, legacy=True) as peer:
        r = await peer.call_tool("roots", {})
        assert r["isError"] is False, r
        assert json.loads(r["content"][0]["text"]) == [
            {"uri": "file:///work/project", "name": "project"},
            {"uri": "file:///tmp", "name": None}]


@pytest.mark.parametrize("script", SCRIPTS)
async def test_server_request_to_a_client_without_the_capability(script: Path) -> None:
    """No sampling callback: the client answers the request with an error, and the tool sees
    it as an exception (1.x: isError result; 2.x: JSON-RPC error)."""
    async with connect(script, legacy=True) as peer:
        try:
            r = await peer.call_tool("sample", {"prompt": "hi"})
        except Exception as exc:  # noqa: BLE001 - 2.x reports the tool's exception as an error
            assert getattr(exc, "error", None) is not None
        else:
            assert r["isError"] is True
        assert (await peer.call_tool("echo", {"text": "ok"}))["content"][0]["text"] == "ok"
