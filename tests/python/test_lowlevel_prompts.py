"""Prompts and completion on the 1.x decorator-style low-level server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import mcp.types as mt
import pytest

from peer import SERVERS, ClientError, Peer, connect, error_of, plain

pytestmark = pytest.mark.anyio
V1 = SERVERS / "lowlevel_v1.py"


@pytest.fixture
async def peer() -> AsyncIterator[Peer]:
    async with connect(V1) as p:
        yield p


def prompt_ref(name: str) -> Any:
    return mt.PromptReference(type="ref/prompt", name=name)


def template_ref(uri: str) -> Any:
    return mt.ResourceTemplateReference(type="ref/resource", uri=uri)


async def test_list_prompts(peer: Peer) -> None:
    prompts = await peer.list_prompts()
    assert prompts == [
        {"name": "greet", "description": "Greets someone", "arguments": [
            {"name": "name", "description": "Who to greet", "required": True},
            {"name": "style", "description": "How", "required": False},
        ]},
        {"name": "plain", "description": "No arguments"},
    ]


async def test_get_prompt_with_arguments(peer: Peer) -> None:
    r = plain(await peer.get_prompt("greet", {"name": "Ada", "style": "formal"}))
    assert r == {
        "description": "A formal greeting",
        "messages": [
            {"role": "user", "content": {"type": "text", "text": "Greet Ada in a formal way."}},
            {"role": "assistant", "content": {"type": "text", "text": "Sure."}},
        ],
    }


async def test_get_prompt_without_arguments(peer: Peer) -> None:
    r = plain(await peer.get_prompt("plain"))
    assert r == {"messages": [{"role": "user",
                               "content": {"type": "text", "text": "plain prompt"}}]}


async def test_get_prompt_errors_are_jsonrpc_errors(peer: Peer) -> None:
    with pytest.raises(ClientError) as info:
        await peer.get_prompt("greet", {"style": "formal"})
    assert error_of(info.value) == {"code": 0, "message": "Missing required argument: name"}
    with pytest.raises(ClientError) as info:
        await peer.get_prompt("nope", {})
    assert error_of(info.value) == {"code": 0, "message": "Unknown prompt: nope"}
    assert plain(await peer.get_prompt("plain"))["messages"][0]["content"]["text"] == (
        "plain prompt")


async def test_completion_for_a_prompt_argument(peer: Peer) -> None:
    r = plain(await peer.complete(prompt_ref("greet"), {"name": "style", "value": "fu"}))
    assert r == {"completion": {"values": ["funny"], "total": 1, "hasMore": False}}
    r = plain(await peer.complete(prompt_ref("greet"), {"name": "style", "value": "f"}))
    assert r["completion"]["values"] == ["formal", "friendly", "funny"]
    r = plain(await peer.complete(prompt_ref("greet"), {"name": "style", "value": "x"}))
    assert r["completion"]["values"] == []


async def test_completion_sees_the_context_arguments(peer: Peer) -> None:
    r = plain(await peer.complete(prompt_ref("greet"), {"name": "name", "value": "Ada"},
                                  context_arguments={"style": "formal"}))
    assert r["completion"]["values"] == ["formal-Ada"]
    r = plain(await peer.complete(prompt_ref("greet"), {"name": "name", "value": "Ada"}))
    assert r["completion"]["values"] == ["Ada"]


async def test_completion_for_a_resource_template(peer: Peer) -> None:
    r = plain(await peer.complete(template_ref("users://{id}/profile"),
                                  {"name": "id", "value": "4"}))
    assert r["completion"]["values"] == ["42"]


async def test_completion_handler_returning_none_gives_no_values(peer: Peer) -> None:
    r = plain(await peer.complete(prompt_ref("plain"), {"name": "x", "value": ""}))
    assert r == {"completion": {"values": []}}
