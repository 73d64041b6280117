"""The decorator API (``FastMCP`` 1.x, ``MCPServer`` 2.x, fastmcp-style ``ferromcp.FastMCP``) over
real stdio with the official client, and in process.

Each over-the-wire test runs ``tests/servers/fastmcp_features.py`` once per flavor:

* ``v1``: ``ferromcp.server.fastmcp.FastMCP``, answering as ``mcp`` 1.30 ``FastMCP`` does;
* ``v2``: ``ferromcp.server.mcpserver.MCPServer``, answering as ``mcp`` 2.3 ``MCPServer`` does;
* ``fastmcp``: ``ferromcp.FastMCP`` (bare decorators, unmasked errors unless asked, ``McpError`` as
  a JSON-RPC error).

Tests that need server → client requests (elicitation, sampling) or log notifications connect
in the handshake era (``legacy=True``): the 2026-07-28 era has neither. The others use the 2.x
client's default (auto) mode, which falls back to the handshake when the server asks it to.

Servers: ``fastmcp_features.py`` (most features), ``fastmcp_features_ctx.py`` (``Context`` in
resources and prompts under ``from __future__ import annotations``) and
``fastmcp_features_unmodified.py`` (imports ``mcp``; run through ``python -m ferromcp run``).
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import mcp.types as mt
import pytest

from ferromcp.server.fastmcp import Context
from peer import CLIENT, ROOT, SERVERS, ClientError, Peer, connect, error_of

pytestmark = pytest.mark.anyio

SCRIPT = SERVERS / "fastmcp_features.py"
FLAVORS = ["v1", "v2", "fastmcp"]
NAMES = {"v1": "features-v1", "v2": "features-v2", "fastmcp": "features-fastmcp"}


@pytest.fixture(params=FLAVORS)
def flavor(request: pytest.FixtureRequest) -> str:
    return request.param


@asynccontextmanager
async def server(flavor: str, *options: str, **kw: Any) -> AsyncIterator[Peer]:
    async with connect(SCRIPT, flavor, *options, **kw) as peer:
        yield peer


def texts(result: dict[str, Any]) -> list[str]:
    return [c["text"] for c in result["content"]]


def only_text(result: dict[str, Any]) -> str:
    (text,) = texts(result)
    return text


def untagged(flavor: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """List entries without fastmcp's ``_meta`` (checked: no tags), for assertions on the rest."""
    if flavor != "fastmcp":
        return entries
    for entry in entries:
        assert entry["_meta"] == {"fastmcp": {"tags": []}}, entry
    return [{k: v for k, v in entry.items() if k != "_meta"} for entry in entries]


def ok(result: dict[str, Any]) -> dict[str, Any]:
    assert result.get("isError") is False, result
    return result


async def wait_for(predicate: Any, what: str, limit: float = 10.0) -> None:
    """Polls ``predicate`` (bounded) for notifications that arrive around a response."""
    with anyio.move_on_after(limit):
        while not predicate():
            await anyio.sleep(0.01)
    assert predicate(), f"timed out waiting for {what}"


# --- initialize -----------------------------------------------------------------------------------

async def test_initialize_carries_name_version_instructions(flavor: str) -> None:
    async with server(flavor, legacy=True) as peer:
        init = peer.init
    if flavor == "v1" or CLIENT != "mcp2":
        assert init["protocolVersion"] == "2025-11-25"
    else:  # a 2.x client in auto mode may get the 2026-07-28 era from a 2.x-style server
        assert init["protocolVersion"] in ("2025-11-25", "2026-07-28")
    assert init["instructions"] == f"Features server ({flavor})."
    info = init["serverInfo"]
    assert info["name"] == NAMES[flavor]
    if flavor == "v2":
        assert info["version"] == "2.0.7"
        # MCPServer(description=...) is sent as serverInfo.description, as mcp 2.x does.
        assert info["description"] == "The features, 2.x style."
    elif flavor == "fastmcp":
        assert info["version"] == "4.0.1"
    else:  # 1.x FastMCP takes no version: the package version stands in
        assert isinstance(info["version"], str) and info["version"]
    caps = init["capabilities"]
    changed = flavor == "fastmcp"  # fastmcp 4 announces list changes, and logging
    assert caps["tools"] == {"listChanged": changed}
    assert caps["prompts"] == {"listChanged": changed}
    assert caps["resources"] == {"subscribe": False, "listChanged": changed}
    assert caps["completions"] == {}  # a completion handler is registered
    if flavor == "fastmcp":
        assert caps["logging"] == {} and "experimental" not in caps
    if flavor == "v1":
        assert caps["experimental"] == {}
    if flavor == "v2":
        assert "experimental" not in caps


# --- tool listing and schemas -------------------------------------------------------------------

async def test_tool_list_and_input_schemas(flavor: str) -> None:
    async with server(flavor) as peer:
        tools = {t["name"]: t for t in await peer.list_tools()}
    assert {"add", "describe", "point_sum", "area", "shout", "older", "numbers", "make_point",
            "word_lengths", "bare_dict", "no_annotation", "image", "renamed", "multiply",
            "boom", "tool_error", "rpc_fail"} <= tools.keys()
    assert "original_name" not in tools  # registered under name="renamed"
    assert "doomed" not in tools  # removed with remove_tool before run()
    assert tools["renamed"]["description"] == "A tool registered under another name."
    assert tools["titled"]["title"] == "A Titled Tool"
    assert tools["titled"]["annotations"] == {"readOnlyHint": True}
    assert tools["multiply"]["description"] == "Added with add_tool."

    add = tools["add"]
    assert add["description"] == "Add two integers."
    if flavor == "fastmcp":
        _fastmcp_input_schemas(tools)
        return
    assert add["inputSchema"] == {
        "properties": {"a": {"title": "A", "type": "integer"},
                       "b": {"title": "B", "type": "integer"}},
        "required": ["a", "b"], "title": "addArguments", "type": "object"}

    props = tools["describe"]["inputSchema"]["properties"]
    assert tools["describe"]["inputSchema"]["required"] == ["name"]
    assert props["name"] == {"title": "Name", "type": "string"}
    assert props["count"] == {"default": 1, "title": "Count", "type": "integer"}
    assert props["ratio"] == {"default": 0.5, "title": "Ratio", "type": "number"}
    assert props["flag"] == {"default": False, "title": "Flag", "type": "boolean"}
    assert props["tag"] == {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None,
                            "title": "Tag"}
    assert props["mode"] == {"default": "fast", "enum": ["fast", "slow"], "title": "Mode",
                             "type": "string"}
    assert props["color"] == {"$ref": "#/$defs/Color", "default": "red"}
    assert tools["describe"]["inputSchema"]["$defs"]["Color"] == {
        "enum": ["red", "green"], "title": "Color", "type": "string"}
    assert props["items"] == {"default": [], "items": {"type": "integer"}, "title": "Items",
                              "type": "array"}
    assert props["extra"] == {"anyOf": [{"additionalProperties": {"type": "string"},
                                         "type": "object"}, {"type": "null"}],
                              "default": None, "title": "Extra"}

    point = tools["point_sum"]["inputSchema"]
    assert point["properties"]["p"] == {"$ref": "#/$defs/Point"}
    assert point["$defs"]["Point"]["properties"] == {"x": {"title": "X", "type": "integer"},
                                                     "y": {"title": "Y", "type": "integer"}}
    box = tools["area"]["inputSchema"]
    assert box["$defs"]["Box"]["properties"] == {
        "width": {"title": "Width", "type": "number"},
        "height": {"default": 1.0, "title": "Height", "type": "number"}}
    assert box["$defs"]["Box"]["required"] == ["width"]
    assert tools["shout"]["inputSchema"]["properties"]["text"] == {
        "description": "What to shout", "maxLength": 5, "title": "Text", "type": "string"}
    user = tools["older"]["inputSchema"]["$defs"]["User"]
    assert user["properties"]["age"] == {"description": "Age in years", "minimum": 0,
                                         "title": "Age", "type": "integer"}
    assert user["required"] == ["name", "age"]


def _fastmcp_input_schemas(tools: dict[str, Any]) -> None:
    """fastmcp 4's listing (checked against fastmcp 4.2 by ``test_fastmcp_shapes.py``): no
    titles, ``$defs`` written in place, closed input schemas, every tool titled, tags in
    ``_meta``."""
    add = tools["add"]
    assert add["title"] == "Add" and add["_meta"] == {"fastmcp": {"tags": []}}
    assert add["inputSchema"] == {
        "additionalProperties": False, "required": ["a", "b"], "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}}
    props = tools["describe"]["inputSchema"]["properties"]
    assert props["color"] == {"default": "red", "enum": ["red", "green"], "type": "string"}
    assert props["tag"] == {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    assert "$defs" not in tools["describe"]["inputSchema"]
    assert tools["point_sum"]["inputSchema"]["properties"]["p"] == {
        "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
        "required": ["x", "y"], "type": "object"}
    assert tools["shout"]["inputSchema"]["properties"]["text"] == {
        "description": "What to shout", "maxLength": 5, "type": "string"}
    assert tools["titled"]["title"] == "A Titled Tool"


async def test_output_schemas(flavor: str) -> None:
    async with server(flavor) as peer:
        tools = {t["name"]: t for t in await peer.list_tools()}
    if flavor == "fastmcp":
        assert tools["add"]["outputSchema"] == {
            "properties": {"result": {"type": "integer"}}, "required": ["result"],
            "type": "object", "x-fastmcp-wrap-result": True}
        assert tools["word_lengths"]["outputSchema"] == {
            "additionalProperties": {"type": "integer"}, "type": "object"}
        # fastmcp gives a bare `dict` return structured output.
        assert tools["bare_dict"]["outputSchema"] == {"additionalProperties": True,
                                                      "type": "object"}
        for name in ("no_annotation", "image", "unstructured"):
            assert "outputSchema" not in tools[name], name
        return
    assert tools["add"]["outputSchema"] == {
        "properties": {"result": {"title": "Result", "type": "integer"}},
        "required": ["result"], "title": "addOutput", "type": "object"}
    assert tools["numbers"]["outputSchema"] == {
        "properties": {"result": {"items": {"type": "integer"}, "title": "Result",
                                  "type": "array"}},
        "required": ["result"], "title": "numbersOutput", "type": "object"}
    assert tools["word_lengths"]["outputSchema"] == {
        "additionalProperties": {"type": "integer"}, "title": "word_lengthsDictOutput",
        "type": "object"}
    older = tools["older"]["outputSchema"]
    assert older["title"] == "User" and older["type"] == "object"
    assert set(older["properties"]) == {"name", "age"}
    point = tools["make_point"]["outputSchema"]
    assert point["type"] == "object"
    assert point["properties"] == {"x": {"title": "X", "type": "integer"},
                                   "y": {"title": "Y", "type": "integer"}}
    assert point["required"] == ["x", "y"]
    assert tools["maybe"]["outputSchema"] == {
        "properties": {"result": {"anyOf": [{"type": "string"}, {"type": "null"}],
                                  "title": "Result"}},
        "required": ["result"], "title": "maybeOutput", "type": "object"}
    for name in ("bare_dict", "no_annotation", "image", "unstructured"):
        assert "outputSchema" not in tools[name], name


# --- structured output ----------------------------------------------------------------------------

async def test_scalar_results_are_wrapped(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("add", {"a": 2, "b": 3}))
        assert r["content"] == [{"type": "text", "text": "5"}]
        assert r["structuredContent"] == {"result": 5}
        r = ok(await peer.call_tool("area", {"box": {"width": 2.5}}))
        assert r["content"] == [{"type": "text", "text": "2.5"}]
        assert r["structuredContent"] == {"result": 2.5}
        r = ok(await peer.call_tool("renamed", {"x": 4}))
        assert r["structuredContent"] == {"result": 40}
        r = ok(await peer.call_tool("maybe", {"text": "x"}))
        assert r["content"] == [{"type": "text", "text": "x"}]
        assert r["structuredContent"] == {"result": "x"}
        r = ok(await peer.call_tool("maybe", {}))  # None: no content, still wrapped
        assert r["content"] == []
        assert r["structuredContent"] == {"result": None}
        r = ok(await peer.call_tool("unstructured", {"n": 2}))  # structured_output=False
        assert r["content"] == [{"type": "text", "text": "4"}]
        assert "structuredContent" not in r


async def test_list_result_is_one_content_item_per_element(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("numbers", {"n": 3}))
        if flavor == "fastmcp":  # one JSON text, and the wrapped result says so in _meta
            assert r["content"] == [{"type": "text", "text": "[0,1,2]"}]
            assert r["structuredContent"] == {"result": [0, 1, 2]}
            assert r["_meta"]["fastmcp"] == {"wrap_result": True}
            return
        assert r["content"] == [{"type": "text", "text": "0"}, {"type": "text", "text": "1"},
                                {"type": "text", "text": "2"}]
        assert r["structuredContent"] == {"result": [0, 1, 2]}
        r = ok(await peer.call_tool("numbers", {"n": 0}))
        assert r["content"] == []
        assert r["structuredContent"] == {"result": []}


async def test_object_results(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("older", {"user": {"name": "ada", "age": 36}}))
        assert r["structuredContent"] == {"name": "ada", "age": 37}
        assert json.loads(only_text(r)) == {"name": "ada", "age": 37}
        assert only_text(r) == ('{"name":"ada","age":37}' if flavor == "fastmcp" else
                                '{\n  "name": "ada",\n  "age": 37\n}')

        r = ok(await peer.call_tool("make_point", {"x": 1, "y": -2}))
        assert r["structuredContent"] == {"x": 1, "y": -2}
        assert json.loads(only_text(r)) == {"x": 1, "y": -2}

        r = ok(await peer.call_tool("word_lengths", {"words": ["ab", "abcd"]}))
        assert r["structuredContent"] == {"ab": 2, "abcd": 4}
        assert json.loads(only_text(r)) == {"ab": 2, "abcd": 4}

        r = ok(await peer.call_tool("bare_dict", {"key": "k"}))
        if flavor == "fastmcp":
            assert r["structuredContent"] == {"key": "k", "nested": {"n": 1}}
        else:
            assert "structuredContent" not in r
        assert json.loads(only_text(r)) == {"key": "k", "nested": {"n": 1}}

        r = ok(await peer.call_tool("no_annotation", {"text": "x"}))
        assert r["content"] == [{"type": "text", "text": "plain x"}]
        assert "structuredContent" not in r


async def test_image_helper(flavor: str) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("image", {}))
    assert r["content"] == [{"type": "image", "data": base64.b64encode(png).decode(),
                             "mimeType": "image/png"}]
    assert "structuredContent" not in r


# --- typed arguments -----------------------------------------------------------------------------

async def test_typed_arguments_arrive_converted(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("describe", {"name": "n"}))
        assert r["structuredContent"] == {
            "name": "n", "count": 1, "ratio": 0.5, "flag": False, "tag": None, "mode": "fast",
            "color": "red", "color_is_enum": True, "items": [], "extra": None,
            "types": ["int", "float", "bool"]}

        r = ok(await peer.call_tool("describe", {
            "name": "n", "count": 3, "ratio": 2, "flag": True, "tag": "t", "mode": "slow",
            "color": "green", "items": [1, 2], "extra": {"k": "v"}}))
        assert r["structuredContent"] == {
            "name": "n", "count": 3, "ratio": 2.0, "flag": True, "tag": "t", "mode": "slow",
            "color": "green", "color_is_enum": True, "items": [1, 2], "extra": {"k": "v"},
            "types": ["int", "float", "bool"]}

        r = ok(await peer.call_tool("point_sum", {"p": {"x": 2, "y": 3}}))
        assert r["structuredContent"] == {"result": 5}
        r = ok(await peer.call_tool("area", {"box": {"width": 2.0, "height": 3.0}}))
        assert r["structuredContent"] == {"result": 6.0}
        r = ok(await peer.call_tool("shout", {"text": "hey"}))
        assert r["structuredContent"] == {"result": "HEY"}


async def test_lax_coercion(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("add", {"a": "2", "b": "40"}))
        assert r["structuredContent"] == {"result": 42}
        r = ok(await peer.call_tool("describe", {"name": "n", "count": "7", "ratio": "1.5",
                                                 "flag": "true", "items": ["1", 2]}))
        s = r["structuredContent"]
        assert (s["count"], s["ratio"], s["flag"], s["items"]) == (7, 1.5, True, [1, 2])
        assert s["types"] == ["int", "float", "bool"]
        r = ok(await peer.call_tool("point_sum", {"p": {"x": "2", "y": 3}}))
        assert r["structuredContent"] == {"result": 5}


@pytest.mark.parametrize(("tool", "args", "field"), [
    ("add", {"a": "x", "b": 1}, "a"),
    ("add", {"a": 1}, "b"),
    ("describe", {"name": "n", "mode": "medium"}, "mode"),
    ("describe", {"name": "n", "color": "blue"}, "color"),
    ("shout", {"text": "too long"}, "text"),
    ("older", {"user": {"name": "ada", "age": -1}}, "age"),
    ("area", {"box": {"height": 2}}, "width"),
])
async def test_invalid_arguments_are_an_error_result(flavor: str, tool: str,
                                                     args: dict[str, Any], field: str) -> None:
    async with server(flavor) as peer:
        r = await peer.call_tool(tool, args)
        assert r["isError"] is True, r
        text = only_text(r)
        assert field in text, text
        assert "structuredContent" not in r
        # The session carries on.
        assert ok(await peer.call_tool("add", {"a": 1, "b": 1}))["structuredContent"] == {
            "result": 2}


# --- errors per generation ------------------------------------------------------------------------

async def test_tool_exception_texts(flavor: str) -> None:
    async with server(flavor) as peer:
        boom = await peer.call_tool("boom", {})
        told = await peer.call_tool("tool_error", {})
        unknown = await peer.call_tool("nope", {})
    assert boom["isError"] is True and told["isError"] is True
    if flavor == "v1":
        assert texts(boom) == ["Error executing tool boom: kaboom"]
    elif flavor == "v2":
        assert texts(boom) == ["Error executing tool boom"]  # masked
    else:  # fastmcp 4's texts: unmasked unless mask_error_details=True
        assert texts(boom) == ["Error calling tool 'boom': kaboom"]
    if flavor == "fastmcp":
        assert texts(told) == ["told you"]  # a ToolError's own text, as fastmcp 4 shows it
    else:
        assert texts(told) == ["Error executing tool tool_error: told you"]
    assert unknown["isError"] is True
    want = "Unknown tool: 'nope'" if flavor == "fastmcp" else "Unknown tool: nope"
    assert texts(unknown) == [want]


async def test_mcp_error_plane(flavor: str) -> None:
    async with server(flavor) as peer:
        if flavor in ("v1", "fastmcp"):
            # 1.x FastMCP and fastmcp 4 answer an MCP error from a tool as an isError result.
            r = await peer.call_tool("rpc_fail", {})
            assert r["isError"] is True
            assert texts(r) == ["Error executing tool rpc_fail: bad input" if flavor == "v1"
                                else "Error calling tool 'rpc_fail': bad input"]
        else:
            with pytest.raises(ClientError) as info:
                await peer.call_tool("rpc_fail", {})
            err = error_of(info.value)
            assert (err["code"], err["message"]) == (-32602, "bad input")
        assert ok(await peer.call_tool("add", {"a": 1, "b": 2}))["structuredContent"] == {
            "result": 3}


@pytest.mark.parametrize(("flavor", "option", "want"), [
    ("v2", "unmasked", "Error executing tool boom: kaboom"),
    ("v1", "masked", "Error executing tool boom"),
    ("fastmcp", "masked", "Error calling tool 'boom'"),
])
async def test_mask_error_details(flavor: str, option: str, want: str) -> None:
    async with server(flavor, option) as peer:
        r = await peer.call_tool("boom", {})
        told = await peer.call_tool("tool_error", {})
    assert r["isError"] is True
    assert texts(r) == [want]
    assert told["isError"] is True
    assert "told you" in only_text(told)  # ToolError text is never masked


async def test_plain_def_returning_a_coroutine(flavor: str) -> None:
    """fastmcp 4 awaits what a plain ``def`` tool returns; ``mcp`` 1.30 and 2.3 do not, and fail
    the ``-> str`` output check on the coroutine (as recorded from each)."""
    async with server(flavor) as peer:
        r = await peer.call_tool("sync_coroutine", {"text": "x"})
    if flavor == "fastmcp":
        assert r["content"] == [{"type": "text", "text": "later x"}]
        assert r["structuredContent"] == {"result": "later x"}
        assert r["isError"] is False
    elif flavor == "v1":
        assert r["isError"] is True
        assert only_text(r).startswith("Error executing tool sync_coroutine: 1 validation error "
                                       "for sync_coroutineOutput\nresult\n  Input should be a "
                                       "valid string")
    else:
        assert r["isError"] is True
        assert texts(r) == ["Error executing tool sync_coroutine"]  # masked, as 2.3


URL_ERROR = ("1 validation error for fetchArguments\nurl\n  Input should be a valid URL, "
             "relative URL without a base [type=url_parsing, input_value='not a url', "
             "input_type=str]\n")


@pytest.mark.parametrize("option", ["", "masked"])
async def test_argument_refused_by_conversion_is_a_validation_error(flavor: str,
                                                                    option: str) -> None:
    """The schema lets ``"not a url"`` through (``"format": "uri"``); converting it to ``AnyUrl``
    fails. Official 1.30 and 2.3 answer pydantic's validation error as a ``ToolError``, shown
    even where unexpected exceptions are masked (2.x by default); fastmcp 4 shows it without a
    prefix."""
    async with server(flavor, *([option] if option else [])) as peer:
        r = await peer.call_tool("fetch", {"url": "not a url"})
        good = await peer.call_tool("fetch", {"url": "http://example.org"})
    assert r["isError"] is True
    prefix = "" if flavor == "fastmcp" else "Error executing tool fetch: "
    assert only_text(r).startswith(f"{prefix}{URL_ERROR}"), only_text(r)
    assert "structuredContent" not in r
    assert ok(good)["structuredContent"] == {"result": "http://example.org/"}


#: What fastmcp 4 appends to a prompt argument annotated `str` in a module with
#: `from __future__ import annotations` (the annotation is then the string "str").
STRING_HINT = ('Provide a value matching the following JSON schema: {"type":"string"}. '
               "Encode non-string values as JSON.")


async def test_prompt_argument_descriptions(flavor: str) -> None:
    """``Field(description=...)`` describes a prompt argument. ``mcp`` 1.30 / 2.3: the docstring
    as written is the description (``""`` without one); fastmcp 4: the docstring's text before
    its sections, argument descriptions from its ``Args:`` too, and a JSON Schema hint for
    arguments that are not plain strings (each recorded from the official package, for this
    server file, which has ``from __future__ import annotations``)."""
    async with server(flavor) as peer:
        prompts = {p["name"]: p for p in untagged(flavor, await peer.list_prompts())}
        typed = await peer.get_prompt("typed_prompt", {"n": "3", "flag": "true"})
        described = await peer.get_prompt("described", {"code": "x"})
    doc = ("Review some code.\n\n    Args:\n        code: the code (from the docstring)\n"
           "        language: which language (from the docstring)\n    ")
    if sys.version_info >= (3, 13):  # the compiler strips docstrings' common indentation
        doc = ("Review some code.\n\nArgs:\n    code: the code (from the docstring)\n"
               "    language: which language (from the docstring)\n")
    if flavor == "fastmcp":
        assert prompts["described"] == {"name": "described", "description": "Review some code.",
                                        "arguments": [
            {"name": "code", "required": True, "description":
             "The code to review\n\nProvide a value matching the following JSON schema: "
             '{"description":"The code to review","type":"string"}. Encode non-string values '
             "as JSON."},
            # The server file has `from __future__ import annotations`: fastmcp tests the
            # annotation as written, and the string "str" is not `str`.
            {"name": "language", "required": False, "description":
             f"which language (from the docstring)\n\n{STRING_HINT}"}]}
        hint = ("Provide a value matching the following JSON schema: {{\"type\":\"{}\"}}. "
                "Encode non-string values as JSON.")
        assert prompts["typed_prompt"] == {"name": "typed_prompt", "arguments": [
            {"name": "n", "required": True, "description": hint.format("integer")},
            {"name": "flag", "required": False, "description": hint.format("boolean")}]}
        assert "description" not in typed
        assert described["description"] == "Review some code."
    else:
        assert prompts["described"] == {"name": "described", "description": doc, "arguments": [
            {"name": "code", "description": "The code to review", "required": True},
            {"name": "language", "required": False}]}
        assert prompts["typed_prompt"] == {"name": "typed_prompt", "description": "",
                                           "arguments": [{"name": "n", "required": True},
                                                         {"name": "flag", "required": False}]}
        assert typed["description"] == ""
        assert described["description"] == doc
    # Arguments arrive converted to the annotated types, as pydantic's validate_call does.
    assert typed["messages"][0]["content"]["text"] == "3 True"
    assert described["messages"][0]["content"]["text"] == "python: x"


# --- resources ----------------------------------------------------------------------------------

async def test_resources(flavor: str) -> None:
    async with server(flavor) as peer:
        resources = {r["uri"]: r for r in untagged(flavor, await peer.list_resources())}
        templates = untagged(flavor, await peer.list_resource_templates())
        fixed = await peer.read_resource("config://app")
        templated = await peer.read_resource("users://42/profile")
        blob = await peer.read_resource("data://blob")
        settings = await peer.read_resource("data://settings")
    assert resources.keys() == {"config://app", "data://blob", "data://settings",
                                "data://broken", "data://gone"}
    assert resources["config://app"] == {"uri": "config://app", "name": "config",
                                         "description": "The app configuration.",
                                         "mimeType": "text/plain"}
    assert resources["data://blob"]["mimeType"] == "application/octet-stream"
    assert templates == [{"uriTemplate": "users://{user_id}/profile", "name": "profile",
                          "description": "A user's profile.", "mimeType": "text/plain"}]
    assert fixed["contents"] == [{"uri": "config://app", "mimeType": "text/plain",
                                  "text": "debug=true"}]
    assert templated["contents"] == [{"uri": "users://42/profile", "mimeType": "text/plain",
                                      "text": "profile of 42"}]
    (b,) = blob["contents"]
    assert b["mimeType"] == "application/octet-stream"
    assert base64.b64decode(b["blob"]) == b"\x00\x01\x02\xff"
    assert "text" not in b
    (s,) = settings["contents"]
    assert s["mimeType"] == "application/json"
    assert json.loads(s["text"]) == {"theme": "dark", "size": 3}


async def test_unknown_resource_error(flavor: str) -> None:
    async with server(flavor) as peer:
        with pytest.raises(ClientError) as info:
            await peer.read_resource("missing://x")
        with pytest.raises(ClientError) as extra:  # a template does not match a longer URI
            await peer.read_resource("users://42/profile/extra")
    if flavor == "v1":  # 1.x: code 0, no data
        assert error_of(info.value) == {"code": 0, "message": "Unknown resource: missing://x"}
        assert error_of(extra.value) == {"code": 0, "message":
                                         "Unknown resource: users://42/profile/extra"}
    elif flavor == "fastmcp":  # fastmcp 4: -32602, its own words, the URI as data
        assert error_of(info.value) == {"code": -32602,
                                        "message": "Resource not found: 'missing://x'",
                                        "data": {"uri": "missing://x"}}
        assert error_of(extra.value)["code"] == -32602
    else:  # 2.x (SEP-2164): -32602 with the URI as data
        assert error_of(info.value) == {"code": -32602,
                                        "message": "Unknown resource: missing://x",
                                        "data": {"uri": "missing://x"}}
        assert error_of(extra.value)["code"] == -32602


@pytest.mark.parametrize("flavor", ["v1", "v2"])
async def test_resource_failures(flavor: str) -> None:
    async with server(flavor) as peer:
        with pytest.raises(ClientError) as crash:
            await peer.read_resource("data://broken")  # raises ValueError("disk on fire")
        with pytest.raises(ClientError) as told:
            await peer.read_resource("data://gone")  # raises ResourceError("gone away")
        assert (await peer.read_resource("config://app"))["contents"][0]["text"] == "debug=true"
    if flavor == "v1":
        assert error_of(crash.value) == {
            "code": 0, "message": "Error reading resource data://broken: disk on fire"}
        assert error_of(told.value) == {
            "code": 0, "message": "Error reading resource data://gone: gone away"}
    else:  # 2.x: a crash is masked; a ResourceError keeps its text; both -32603 with the URI
        assert error_of(crash.value) == {"code": -32603,
                                         "message": "Error reading resource data://broken",
                                         "data": {"uri": "data://broken"}}
        assert error_of(told.value) == {"code": -32603, "message": "gone away",
                                        "data": {"uri": "data://gone"}}


async def test_v2_template_variable_may_be_empty() -> None:
    """2.x matches templates with RFC 6570 (``UriTemplate``): ``{var}`` may be empty."""
    async with server("v2") as peer:
        r = await peer.read_resource("users:///profile")
    assert r["contents"] == [{"uri": "users:///profile", "mimeType": "text/plain",
                              "text": "profile of "}]


async def test_context_in_templated_resource_and_prompt(flavor: str) -> None:
    """A ``Context`` parameter of a resource template or prompt is injected, not a template
    variable or prompt argument, also when annotations are strings
    (``from __future__ import annotations``)."""
    async with connect(SERVERS / "fastmcp_features_ctx.py", flavor) as peer:
        templates = untagged(flavor, await peer.list_resource_templates())
        prompts = untagged(flavor, await peer.list_prompts())
        read = await peer.read_resource("ctx://abc")
        chat = await peer.get_prompt("chat", {"topic": "rust"})
    assert [t["uriTemplate"] for t in templates] == ["ctx://{name}"]
    topic: dict[str, Any] = {"name": "topic", "required": True}
    if flavor == "fastmcp":
        topic["description"] = STRING_HINT  # see test_prompt_argument_descriptions
    assert prompts == [{"name": "chat",
                        "description": "Message objects from an async prompt with a Context.",
                        "arguments": [topic]}]
    assert read["contents"] == [{"uri": "ctx://abc", "mimeType": "text/plain",
                                 "text": "abc connected"}]
    assert chat["messages"] == [
        {"role": "user", "content": {"type": "text", "text": "Tell me about rust"}},
        {"role": "assistant", "content": {"type": "text", "text": "rust (connected)"}}]


# --- prompts and completion ---------------------------------------------------------------------

async def test_prompts(flavor: str) -> None:
    async with server(flavor) as peer:
        prompts = {p["name"]: p for p in untagged(flavor, await peer.list_prompts())}
        review = await peer.get_prompt("review", {"code": "x = 1"})
        rust = await peer.get_prompt("review", {"code": "fn f() {}", "language": "rust"})
        greeting = await peer.get_prompt("greeting", {"who": "Ada"})
    arguments: list[dict[str, Any]] = [{"name": "code", "required": True},
                                       {"name": "language", "required": False}]
    if flavor == "fastmcp":  # see test_prompt_argument_descriptions
        arguments = [{**a, "description": STRING_HINT} for a in arguments]
    assert prompts["review"] == {
        "name": "review", "description": "Review some code.", "arguments": arguments}
    assert prompts["greeting"]["description"] == "Greets someone."
    assert prompts["greeting"]["arguments"] == [{**arguments[0], "name": "who"}]
    assert review["messages"] == [{"role": "user", "content": {
        "type": "text", "text": "Please review this python code:\nx = 1"}}]
    assert review["description"] == "Review some code."
    assert rust["messages"][0]["content"]["text"] == "Please review this rust code:\nfn f() {}"
    assert greeting["messages"] == [
        {"role": "user", "content": {"type": "text", "text": "Hello Ada"}},
        {"role": "assistant", "content": {"type": "text", "text": "Hi!"}}]


async def test_prompt_errors(flavor: str) -> None:
    async with server(flavor) as peer:
        with pytest.raises(ClientError) as missing:
            await peer.get_prompt("review", {"language": "go"})
        with pytest.raises(ClientError) as unknown:
            await peer.get_prompt("nope", {})
        # Still serving.
        assert (await peer.get_prompt("review", {"code": "y"}))["messages"]
    # fastmcp 4 answers both as invalid params, quoting the name; the official SDKs code 0.
    code = -32602 if flavor == "fastmcp" else 0
    assert error_of(missing.value) == {"code": code,
                                       "message": "Missing required arguments: {'code'}"}
    assert error_of(unknown.value) == {"code": code, "message": "Unknown prompt: 'nope'"
                                       if flavor == "fastmcp" else "Unknown prompt: nope"}


@pytest.mark.parametrize("flavor", ["v1", "v2"])
async def test_prompt_failure(flavor: str) -> None:
    async with server(flavor) as peer:
        with pytest.raises(ClientError) as info:
            await peer.get_prompt("bad_prompt", {})  # raises ValueError("prompt on fire")
    want = ("Error rendering prompt bad_prompt: prompt on fire" if flavor == "v1"
            else "Error rendering prompt bad_prompt")  # 2.x masks the exception text
    assert error_of(info.value) == {"code": 0, "message": want}


async def test_completion(flavor: str) -> None:
    async with server(flavor) as peer:
        langs = await peer.complete(mt.PromptReference(type="ref/prompt", name="review"),
                                    {"name": "language", "value": "r"})
        users = await peer.complete(
            mt.ResourceTemplateReference(type="ref/resource", uri="users://{user_id}/profile"),
            {"name": "user_id", "value": "4"}, context_arguments={"prefix": "u"})
        nothing = await peer.complete(mt.PromptReference(type="ref/prompt", name="review"),
                                      {"name": "code", "value": "x"})
    assert langs["completion"] == {"values": ["rust", "ruby"], "total": 4, "hasMore": False}
    assert users["completion"]["values"] == ["u41", "u42"]
    assert nothing["completion"]["values"] == []


# --- registration at run time -------------------------------------------------------------------

async def test_add_and_remove_tools_over_the_wire(flavor: str) -> None:
    async with server(flavor) as peer:
        assert ok(await peer.call_tool("multiply", {"a": 6, "b": 7}))["structuredContent"] == {
            "result": 42}
        doomed = await peer.call_tool("doomed", {})
        unknown = "Unknown tool: '{}'" if flavor == "fastmcp" else "Unknown tool: {}"
        assert doomed["isError"] is True and texts(doomed) == [unknown.format("doomed")]

        assert only_text(ok(await peer.call_tool("register_late", {}))) == "added"
        names = {t["name"] for t in await peer.list_tools()}
        assert "late" in names
        late = ok(await peer.call_tool("late", {"text": "x"}))
        assert late["structuredContent"] == {"result": "late x"}

        assert only_text(ok(await peer.call_tool("unregister_late", {}))) == "removed"
        assert "late" not in {t["name"] for t in await peer.list_tools()}
        gone = await peer.call_tool("late", {"text": "x"})
        assert gone["isError"] is True and texts(gone) == [unknown.format("late")]


# --- context -----------------------------------------------------------------------------------

async def test_lifespan_context(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("lifespan_value", {}))
    assert r["structuredContent"] == {"result": f"connected {NAMES[flavor]}"}


async def test_context_logging(flavor: str) -> None:
    logs: list[tuple[str, Any, Any]] = []

    async def on_log(params: Any) -> None:
        logs.append((params.level, params.data, params.logger))

    # Log notifications are a handshake-era feature (deprecated in 2.x).
    async with server(flavor, logging_callback=on_log, legacy=True) as peer:
        r = ok(await peer.call_tool("log_all", {}))
        assert only_text(r) == "logged"
        await wait_for(lambda: len(logs) >= 4, "four log messages")
        ok(await peer.call_tool("log_named", {}))
        await wait_for(lambda: len(logs) >= 5, "the named log message")
    # fastmcp (every major) sends its LogData: the message with its extra.
    def sent(msg: str) -> Any:
        return {"msg": msg, "extra": None} if flavor == "fastmcp" else msg

    assert [(lvl, data) for lvl, data, _ in logs[:4]] == [
        ("debug", sent("debug msg")), ("info", sent("info msg")),
        ("warning", sent("warning msg")), ("error", sent("error msg"))]
    assert logs[4] == ("warning", sent("named msg"), "my.logger")


async def test_context_progress(flavor: str) -> None:
    seen: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total, message))

    async with server(flavor) as peer:
        r = ok(await peer.call_tool("progress", {"steps": 3}, progress_callback=on_progress))
        assert only_text(r) == "done"
        await wait_for(lambda: len(seen) >= 3, "three progress notifications")
    assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


async def test_progress_without_token_is_a_no_op(flavor: str) -> None:
    notes: list[str] = []

    async def on_message(message: Any) -> None:
        method = getattr(getattr(message, "root", message), "method", None)
        if method is not None:
            notes.append(method)

    async with server(flavor, message_handler=on_message, legacy=True) as peer:
        r = ok(await peer.call_tool("progress", {"steps": 2}))
        assert only_text(r) == "done"
        # The handler does see notifications (a log message), just no progress.
        ok(await peer.call_tool("log_named", {}))
        await wait_for(lambda: "notifications/message" in notes, "the log notification")
    assert "notifications/progress" not in notes


async def test_context_read_resource(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("read_config", {}))
    assert r["structuredContent"] == {"result": "debug=true|profile of 7"}


async def test_request_id_and_session(flavor: str) -> None:
    async with server(flavor) as peer:
        first = ok(await peer.call_tool("whoami", {}))["structuredContent"]
        second = ok(await peer.call_tool("whoami", {}))["structuredContent"]
    for who in (first, second):
        assert who["request_id_type"] == "str"
        assert who["request_id"].isdigit(), who
        assert who["has_session"] is True
        assert who["same_as_request_context"] is True
    assert int(second["request_id"]) > int(first["request_id"])


@pytest.mark.parametrize(("kind", "content", "typename", "data"), [
    ("model", {"name": "Ada", "subscribe": True}, "Contact", {"name": "Ada", "subscribe": True}),
    ("model", {"name": "Bob"}, "Contact", {"name": "Bob", "subscribe": False}),
    ("dataclass", {"width": 3}, "Size", {"width": 3, "unit": "cm"}),
])
async def test_elicit_accepted(flavor: str, kind: str, content: dict[str, Any], typename: str,
                               data: dict[str, Any]) -> None:
    requests: list[dict[str, Any]] = []

    async def elicit(context: Any, params: Any) -> Any:
        requests.append(params.model_dump(by_alias=True, exclude_none=True, mode="json"))
        return mt.ElicitResult(action="accept", content=content)

    async with server(flavor, elicitation_callback=elicit, legacy=True) as peer:
        r = ok(await peer.call_tool("ask", {"kind": kind}))
    assert r["structuredContent"] == {"action": "accept", "type": typename, "data": data}
    (params,) = requests
    assert params["message"] == f"Please fill in a {typename}"
    schema = params["requestedSchema"]
    assert schema["type"] == "object"
    if kind == "model":
        assert schema["properties"]["name"]["type"] == "string"
        assert schema["properties"]["subscribe"]["type"] == "boolean"
        assert schema["required"] == ["name"]
    else:
        assert schema["properties"]["width"]["type"] == "integer"
        assert schema["properties"]["unit"]["type"] == "string"
        assert schema["required"] == ["width"]


@pytest.mark.parametrize("action", ["decline", "cancel"])
@pytest.mark.parametrize("kind", ["model", "dataclass"])
async def test_elicit_declined_or_cancelled(flavor: str, kind: str, action: str) -> None:
    async def elicit(context: Any, params: Any) -> Any:
        return mt.ElicitResult(action=action)

    async with server(flavor, elicitation_callback=elicit, legacy=True) as peer:
        r = ok(await peer.call_tool("ask", {"kind": kind}))
    assert r["structuredContent"] == {"action": action}


async def test_sampling_through_the_session(flavor: str) -> None:
    requests: list[Any] = []

    async def sampling(context: Any, params: Any) -> Any:
        requests.append(params.model_dump(by_alias=True, exclude_none=True, mode="json"))
        return mt.CreateMessageResult(role="assistant", model="test-model",
                                      content=mt.TextContent(type="text", text="sampled!"),
                                      stopReason="endTurn")

    async with server(flavor, sampling_callback=sampling, legacy=True) as peer:
        r = ok(await peer.call_tool("sample", {"prompt": "Say hi"}))
    assert r["structuredContent"] == {"result": "test-model: sampled!"}
    (params,) = requests
    assert params["messages"] == [{"role": "user",
                                   "content": {"type": "text", "text": "Say hi"}}]
    assert params["maxTokens"] == 50
    assert params["systemPrompt"] == "Be brief."


# --- sync tools do not block the loop -----------------------------------------------------------

async def test_sync_tool_runs_on_a_worker_thread(flavor: str) -> None:
    async with server(flavor) as peer:
        r = ok(await peer.call_tool("thread_kind", {}))
    assert only_text(r) == "worker"


async def test_sync_tool_does_not_block_other_requests(flavor: str) -> None:
    """A sync tool blocked on a threading.Event (bounded at 20 s) is in flight while async tools
    answer; then one of them releases it."""
    slow: dict[str, Any] = {}

    async with server(flavor) as peer:
        async def run_slow() -> None:
            slow["result"] = await peer.call_tool("slow_sync", {"timeout": 20})

        with anyio.fail_after(60):
            async with anyio.create_task_group() as tg:
                tg.start_soon(run_slow)
                started = ok(await peer.call_tool("wait_started", {"timeout": 15}))
                assert started["structuredContent"] == {"result": True}
                quick = ok(await peer.call_tool("quick", {"text": "hi"}))
                assert only_text(quick) == "quick hi"
                assert "result" not in slow  # still blocked while the others answered
                ok(await peer.call_tool("release", {}))
    assert only_text(ok(slow["result"])) == "released"


# --- decorator rules (in process) ----------------------------------------------------------------

def _classes() -> dict[str, Any]:
    from ferromcp import FastMCP as StyleFastMCP
    from ferromcp.server.fastmcp import FastMCP
    from ferromcp.server.mcpserver import MCPServer

    return {"v1": FastMCP, "v2": MCPServer, "fastmcp": StyleFastMCP}


@pytest.mark.parametrize("flavor", ["v1", "v2"])
def test_bare_decorators_are_a_type_error(flavor: str) -> None:
    mcp = _classes()[flavor]("t")

    def f(x: int) -> int:
        return x

    with pytest.raises(TypeError, match=r"@tool\(\)"):
        mcp.tool(f)
    with pytest.raises(TypeError):
        mcp.prompt(f)
    with pytest.raises(TypeError):
        mcp.resource(f)


async def test_bare_decorators_allowed_fastmcp_style() -> None:
    from ferromcp import FastMCP

    mcp = FastMCP("t")

    @mcp.tool
    def bare(x: int) -> int:
        return x + 1

    @mcp.tool("named")
    def other(x: int) -> int:
        return x + 2

    @mcp.tool(name="kw")
    def third(x: int) -> int:
        return x + 3

    @mcp.prompt
    def hello(who: str) -> str:
        return f"hello {who}"

    assert bare(1) == 2  # the decorator hands the function back
    assert {t.name for t in await mcp.list_tools()} == {"bare", "named", "kw"}
    assert {p.name for p in await mcp.list_prompts()} == {"hello"}


class Opaque:
    """A class pydantic has no JSON Schema for."""


@pytest.mark.parametrize("flavor", FLAVORS)
async def test_bad_signatures_fail_at_decoration(flavor: str) -> None:
    mcp = _classes()[flavor]("t")

    with pytest.raises(Exception, match="Parameter _x of private cannot start with '_'"):
        @mcp.tool()
        def private(_x: int) -> int:
            return 1

    with pytest.raises(Exception, match="Unable to evaluate type annotations for callable "
                                        "'unresolvable'"):
        @mcp.tool()
        def unresolvable(x: NoSuchType) -> int:  # type: ignore[name-defined]  # noqa: F821
            return 1

    with pytest.raises(Exception, match="Cannot generate a JsonSchema"):
        @mcp.tool()
        def opaque_arg(x: Opaque) -> int:
            return 1

    with pytest.raises(Exception, match="not serializable for structured output"):
        @mcp.tool(structured_output=True)
        def opaque_result() -> Opaque:
            return Opaque()

    with pytest.raises(ValueError, match="You must provide a name for lambda functions"):
        mcp.add_tool(lambda x: x)

    with pytest.raises(ValueError, match="Mismatch between URI parameters"):
        @mcp.resource("items://{item_id}")
        def item(other: str) -> str:
            return other

    # Nothing was half-registered.
    assert await mcp.list_tools() == []
    assert await mcp.list_resource_templates() == []


@pytest.mark.parametrize("flavor", FLAVORS)
async def test_context_parameter_with_string_annotations_in_process(flavor: str) -> None:
    """This module uses ``from __future__ import annotations``: ``ctx: Context`` is the string
    ``"Context"`` until resolved, and must still be recognised in resources and prompts."""
    mcp = _classes()[flavor]("t")

    @mcp.resource("ctx://{name}")
    async def templated(name: str, ctx: Context) -> str:
        return name

    @mcp.prompt()
    def chat(topic: str, ctx: Context) -> str:
        return topic

    assert [t.name for t in await mcp.list_resource_templates()] == ["templated"]
    (prompt,) = await mcp.list_prompts()
    assert [a.name for a in prompt.arguments] == ["topic"]


@pytest.mark.parametrize("flavor", ["v1", "v2"])
def test_invalid_signature_is_the_sdk_exception(flavor: str) -> None:
    """``InvalidSignature`` lives in ``mcp.server.fastmcp.exceptions`` (1.30) and
    ``mcp.server.mcpserver.exceptions`` (2.3); code catching it must find it in ferromcp too."""
    import importlib

    module = importlib.import_module("ferromcp.server.fastmcp.exceptions" if flavor == "v1"
                                     else "ferromcp.server.mcpserver.exceptions")
    invalid = getattr(module, "InvalidSignature", None)
    assert invalid is not None, f"{module.__name__} has no InvalidSignature"
    mcp = _classes()[flavor]("t")
    with pytest.raises(invalid):
        @mcp.tool()
        def private(_x: int) -> int:
            return 1


# --- in-process list_tools / call_tool / add_tool / remove_tool ---------------------------------

def _in_process_server(flavor: str) -> Any:
    from ferromcp.server.fastmcp.exceptions import ToolError as V1ToolError
    from ferromcp.server.mcpserver.exceptions import ToolError as V2ToolError

    tool_error = V1ToolError if flavor == "v1" else V2ToolError
    mcp = _classes()[flavor]("t")

    @mcp.tool()
    def add(a: int, b: int) -> int:
        """Add."""
        return a + b

    @mcp.tool()
    def boom() -> str:
        raise ValueError("kaboom")

    @mcp.tool()
    def told() -> str:
        raise tool_error("told you")

    def echo(text: str) -> str:
        return text

    mcp.add_tool(echo, description="Echo it.")
    return mcp


@pytest.mark.parametrize("flavor", FLAVORS)
async def test_in_process_add_list_remove(flavor: str) -> None:
    from ferromcp.server.fastmcp.exceptions import ToolError as V1ToolError
    from ferromcp.server.mcpserver.exceptions import ToolError as V2ToolError

    ToolError = V1ToolError if flavor == "v1" else V2ToolError
    mcp = _in_process_server(flavor)
    tools = {t.name: t for t in await mcp.list_tools()}
    assert tools.keys() == {"add", "boom", "told", "echo"}
    assert tools["echo"].description == "Echo it."
    # fastmcp 3/4 list their own component objects in process (test_fastmcp_in_process.py).
    schema = {"v1": lambda x: x.inputSchema, "fastmcp": lambda x: x.parameters}.get(
        flavor, lambda x: x.input_schema)(tools["add"])
    assert schema["required"] == ["a", "b"]

    mcp.remove_tool("echo")
    assert {t.name for t in await mcp.list_tools()} == {"add", "boom", "told"}
    with pytest.raises(ToolError, match="Unknown tool: echo"):
        mcp.remove_tool("echo")


async def test_in_process_call_tool_v1() -> None:
    from ferromcp.server.fastmcp.exceptions import ToolError

    mcp = _in_process_server("v1")
    content, structured = await mcp.call_tool("add", {"a": 1, "b": "2"})
    assert [c.text for c in content] == ["3"]
    assert structured == {"result": 3}
    with pytest.raises(ToolError, match="^Error executing tool boom: kaboom$"):
        await mcp.call_tool("boom", {})
    with pytest.raises(ToolError, match="^Error executing tool told: told you$"):
        await mcp.call_tool("told", {})
    with pytest.raises(ToolError, match="Unknown tool: nope"):
        await mcp.call_tool("nope", {})


async def test_in_process_call_tool_v2() -> None:
    from ferromcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError

    mcp = _in_process_server("v2")
    r = await mcp.call_tool("add", {"a": 1, "b": "2"})
    assert [c.text for c in r.content] == ["3"]
    assert r.structured_content == {"result": 3}
    assert not r.is_error
    # 2.3: a crash is raised as UnexpectedToolError with the masked text; unknown tools as
    # ToolError (the server turns both into isError results on the wire).
    with pytest.raises(UnexpectedToolError, match="^Error executing tool boom$"):
        await mcp.call_tool("boom", {})
    with pytest.raises(ToolError, match="^Error executing tool told: told you$") as told:
        await mcp.call_tool("told", {})
    assert not isinstance(told.value, UnexpectedToolError)
    with pytest.raises(ToolError, match="Unknown tool: nope"):
        await mcp.call_tool("nope", {})


# --- python -m ferromcp run --------------------------------------------------------------------

async def test_unmodified_mcp_server_runs_under_ferromcp() -> None:
    """``python -m ferromcp run`` of a file importing ``mcp.server.fastmcp``. (In the 2.x
    environment the official package has no such module; through the alias it still runs.)"""
    script = SERVERS / "fastmcp_features_unmodified.py"
    logs: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append(params.data)

    async with connect("-m", "ferromcp", "run", str(script), logging_callback=on_log) as peer:
        assert peer.init["serverInfo"]["name"] == "unmodified"
        r = ok(await peer.call_tool("whoami", {}))
        await wait_for(lambda: logs, "the log message")
        sums = ok(await peer.call_tool("add", {"a": 2, "b": "3"}))
        conf = await peer.read_resource("config://unmodified")
    # The tool reports which package actually serves it: ferromcp, not the official mcp.
    module = r["structuredContent"]["result"]
    assert module.startswith("ferromcp.server.fastmcp"), module
    assert logs == [f"served by {module}"]
    assert sums["structuredContent"] == {"result": 5}
    assert conf["contents"][0]["text"] == "unmodified"


def test_unmodified_script_really_imports_mcp() -> None:
    """The same file under plain Python uses the official package (only on 1.x, where
    ``mcp.server.fastmcp`` exists) — so the test above proves the aliasing, not a typo."""
    if CLIENT == "mcp2":
        pytest.skip("mcp.server.fastmcp is the 1.x import")
    script = SERVERS / "fastmcp_features_unmodified.py"
    code = ("import runpy, sys; sys.argv = ['x', '--module-only']; "
            f"g = runpy.run_path({str(script)!r}); print(g['FastMCP'].__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(ROOT), timeout=60, check=True)
    assert out.stdout.strip() == "mcp.server.fastmcp.server"

