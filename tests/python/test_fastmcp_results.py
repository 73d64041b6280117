"""What fastmcp tools answer, differential: one script runs on the real fastmcp 4.1.7 and under
``python -m ferromcp run``, drives its server in process with fastmcp's ``Client`` and prints
every listing and answer: ``output_schema=`` given (an object schema, one wrapping the result,
``None``), structured content without an output schema (a dict is, a list is not), ``File`` /
``Image`` results, ``ctx.read_resource`` (fastmcp's ``ResourceResult``), a template with query
parameters, a prompt answering ``Message``s. The wording of an argument-validation error is set
aside, as everywhere. A second script asks the client with ``ctx.elicit`` in each of fastmcp's
``response_type`` forms (scalars, choices, ``Literal``, a dataclass, a decline, ``None``) and
reads ``ctx``'s request facts and session state. A third composes lifespans
(``fastmcp.server.lifespan``) and gives tools a ``timeout`` (one answering well inside it, one
sleeping twenty times past it). A fourth serves fastmcp's resource classes (``FileResource``,
``TextResource``, ``DirectoryResource``), a wildcard template (``docs://{path*}``), a resource
answering a ``ResourceResult`` of several contents, one taking the ``Context``, and a prompt
answering a ``PromptResult``. A fifth is a fastmcp 2 server, compared with fastmcp 2.14.7:
``exclude_args``, ``enabled=False``, ``on_duplicate_tools="error"``, a bare ``-> list``,
``ctx.sample``, ``ctx.list_roots`` and logging with ``extra``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peer import CLIENT, fastmcp_python, script_answers

pytestmark = pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")

SCRIPT = r'''
import asyncio, json
from typing import Annotated
from pydantic import Field
from fastmcp import FastMCP, Context, Client
from fastmcp.utilities.types import Image, File

mcp = FastMCP("results")

@mcp.tool(annotations={"readOnlyHint": True}, meta={"x": 1}, tags={"a"})
def annotated(n: Annotated[int, Field(description="A number", ge=0)] = 1) -> dict:
    """Doc line."""
    return {"n": n}

@mcp.tool(output_schema={"type": "object", "properties": {"v": {"type": "integer"}}})
def explicit() -> dict:
    return {"v": 2}

@mcp.tool(output_schema=None)
def no_schema() -> dict:
    return {"v": 3}

@mcp.tool(output_schema=None)
def no_schema_int() -> int:
    return 3

@mcp.tool(output_schema={"type": "object", "properties": {"result": {"type": "integer"}},
                         "x-fastmcp-wrap-result": True})
def wrapped() -> int:
    return 4

@mcp.tool
def unannotated():
    return {"v": 1}

@mcp.tool
def unannotated_list():
    return [1, 2]

@mcp.tool
def image() -> Image:
    return Image(data=b"\x89PNG....", format="png")

@mcp.tool
def text_file() -> File:
    return File(data=b"hello", format="txt", name="hello")

@mcp.tool
def binary_file() -> File:
    return File(data=b"\x00\x01", format="pdf")

@mcp.tool
async def reader(ctx: Context) -> str:
    return repr(await ctx.read_resource("data://bin"))

@mcp.resource("data://bin", mime_type="application/octet-stream")
def binary() -> bytes:
    return b"\x00\x01"

@mcp.resource("data://item/{id}{?fmt,lang}")
def item(id: str, fmt: str = "json", lang: str = "en") -> str:
    return f"{id}/{fmt}/{lang}"

@mcp.prompt
def multi(topic: str) -> list:
    from fastmcp.prompts import Message
    return [Message(f"About {topic}"), Message("Sure.", role="assistant")]

def dump(v):
    if hasattr(v, "model_dump"):
        out = v.model_dump(mode="json", exclude_none=True, by_alias=True)
        if isinstance(out, dict):
            out.pop("_meta", None)  # serverInfo names the serving package's version
        return out
    if isinstance(v, list):
        return [dump(x) for x in v]
    return repr(v)

async def attempt(f):
    try:
        return dump(await f())
    except Exception as e:
        return {"raised": type(e).__name__, "text": str(e)[:300]}

async def session(mode):
    out = {}
    async with Client(mcp, mode=mode) as c:
        out["tools"] = [dump(t) for t in await c.list_tools()]
        for name in ["annotated", "explicit", "no_schema", "no_schema_int", "wrapped",
                     "unannotated", "unannotated_list", "image", "text_file", "binary_file",
                     "reader"]:
            out[f"call {name}"] = await attempt(lambda: c.call_tool_mcp(name, {}))
        out["call annotated bad"] = await attempt(lambda: c.call_tool_mcp("annotated", {"n": -1}))
        out["templates"] = [dump(t) for t in await c.list_resource_templates()]
        for uri in ["data://bin", "data://item/7", "data://item/7?fmt=xml",
                    "data://item/7?lang=fr&fmt=csv"]:
            out[f"read {uri}"] = await attempt(lambda: c.read_resource_mcp(uri))
        out["prompt"] = await attempt(lambda: c.get_prompt_mcp("multi", {"topic": "x"}))
    return out

async def main():
    print(json.dumps({m: await session(m) for m in ("legacy", "auto")}, sort_keys=True))

asyncio.run(main())
'''


def test_tool_results_as_fastmcp(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "results.py"
    script.write_text(SCRIPT)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    legacy = official["legacy"]
    assert legacy["call no_schema"]["structuredContent"] == {"v": 3}
    assert "structuredContent" not in legacy["call no_schema_int"]
    assert legacy["call text_file"]["content"][0]["resource"]["uri"] == "file:///hello.txt"
    assert legacy["call reader"]["structuredContent"]["result"].startswith("ResourceResult(")
    for mode in official:
        bad = official[mode].pop("call annotated bad")
        other = ferro[mode].pop("call annotated bad")
        assert bad["isError"] is other["isError"] is True
        for key in official[mode]:
            assert ferro[mode][key] == official[mode][key], (mode, key)


ELICIT = r'''
import asyncio, json
from dataclasses import dataclass
from typing import Literal
from fastmcp import FastMCP, Context, Client

mcp = FastMCP("p4")

@dataclass
class Person:
    name: str
    age: int

@mcp.tool
async def ask(kind: str, ctx: Context) -> str:
    types = {"str": str, "int": int, "bool": bool, "choices": ["red", "blue"], "person": Person,
             "none": None, "literal": Literal["a", "b"]}
    r = await ctx.elicit(f"Give {kind}", response_type=types[kind])
    return f"{type(r).__name__} {r.action} {getattr(r, 'data', None)!r}"

@mcp.tool
async def info(ctx: Context) -> dict:
    return {"session": ctx.session_id is not None, "request": ctx.request_id,
            "client": ctx.client_id, "transport": ctx.transport}

@mcp.tool
async def state(ctx: Context) -> str:
    await ctx.set_state("k", {"a": 1})
    return repr(await ctx.get_state("k"))

async def main():
    seen = []
    answers = {"str": "hi", "int": 5, "bool": True, "choices": "blue",
               "person": {"name": "A", "age": 3}, "none": {}, "literal": "b"}
    async def handler(message, response_type, params, context):
        seen.append([message, params.requested_schema])
        kind = message.split()[-1]
        if kind == "int":
            from fastmcp.client.elicitation import ElicitResult
            return ElicitResult(action="decline")
        value = answers[kind]
        if kind == "person":
            return response_type(**value)
        return value
    out = {}
    async with Client(mcp, mode="legacy", elicitation_handler=handler) as c:
        for kind in ["str", "int", "bool", "choices", "person", "none", "literal"]:
            try:
                out[kind] = (await c.call_tool("ask", {"kind": kind})).data
            except Exception as e:
                out[kind] = f"raised {type(e).__name__}: {e}"
        out["info"] = (await c.call_tool("info", {})).data
        out["state"] = (await c.call_tool("state", {})).data
    out["seen"] = seen
    print(json.dumps(out, sort_keys=True, default=str))
asyncio.run(main())
'''


def test_elicitation_forms_as_fastmcp(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "elicit.py"
    script.write_text(ELICIT)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    assert official["choices"] == "AcceptedElicitation[Any] accept 'blue'"
    assert official["int"] == "DeclinedElicitation decline None"
    assert ferro == official


LIFESPAN_TIMEOUT = r'''
import asyncio, json
from fastmcp import FastMCP, Context, Client
from fastmcp.server.lifespan import lifespan

@lifespan
async def db(server):
    yield {"db": "conn"}

@lifespan
async def cache(server):
    yield {"cache": "c"}

mcp = FastMCP("p5", lifespan=db | cache)

@mcp.tool(timeout=1.0)
async def slow(ctx: Context) -> str:
    await asyncio.sleep(0.01)
    return repr(ctx.lifespan_context)

@mcp.tool(timeout=0.05)
async def too_slow() -> str:
    await asyncio.sleep(1)
    return "late"

async def main():
    out = {}
    async with Client(mcp, mode="legacy") as c:
        for n in ["slow", "too_slow"]:
            r = await c.call_tool_mcp(n, {})
            d = r.model_dump(mode="json", exclude_none=True, by_alias=True); d.pop("_meta", None)
            out[n] = d
    print(json.dumps(out, sort_keys=True))
asyncio.run(main())
'''


def test_lifespans_and_timeouts_as_fastmcp(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "lifespan_timeout.py"
    script.write_text(LIFESPAN_TIMEOUT)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    assert official["too_slow"]["isError"] is True
    assert ferro == official


RESOURCES = r'''
import asyncio, json
from pathlib import Path
from fastmcp import FastMCP, Context, Client
from fastmcp.resources import FileResource, TextResource, DirectoryResource, HttpResource
from fastmcp.resources import ResourceResult, ResourceContent
from fastmcp.prompts import PromptResult, Message

HERE = Path(__file__).parent
mcp = FastMCP("p7")
mcp.add_resource(FileResource(uri="file:///a", path=HERE / "files" / "a.txt", name="a"))
mcp.add_resource(TextResource(uri="text://x", text="X!", name="x"))
mcp.add_resource(DirectoryResource(uri="dir://files", path=HERE / "files", name="files"))

@mcp.resource("docs://{path*}")
def docs(path: str) -> str:
    return f"doc {path}"

@mcp.resource("rich://r")
def rich() -> ResourceResult:
    return ResourceResult([ResourceContent("one", mime_type="text/markdown"),
                           ResourceContent(b"\x01")])

@mcp.resource("ctx://c")
async def with_ctx(ctx: Context) -> str:
    return f"req {ctx.request_id is not None}"

@mcp.prompt
def pr(topic: str) -> PromptResult:
    return PromptResult(messages=[Message(f"on {topic}")], description="custom desc")

def dump(v):
    if hasattr(v, "model_dump"):
        d = v.model_dump(mode="json", exclude_none=True, by_alias=True)
        if isinstance(d, dict): d.pop("_meta", None)
        return d
    if isinstance(v, list): return [dump(x) for x in v]
    return repr(v)

async def attempt(f):
    try: return dump(await f())
    except Exception as e: return {"raised": type(e).__name__, "text": str(e)[:300]}

async def main():
    out = {}
    async with Client(mcp, mode="legacy") as c:
        out["resources"] = [dump(r) for r in await c.list_resources()]
        out["templates"] = [dump(r) for r in await c.list_resource_templates()]
        for u in ["file:///a", "text://x", "dir://files", "docs://a/b/c.md", "rich://r", "ctx://c"]:
            out[u] = await attempt(lambda: c.read_resource_mcp(u))
        out["prompt"] = await attempt(lambda: c.get_prompt_mcp("pr", {"topic": "t"}))
    print(json.dumps(out, sort_keys=True))
asyncio.run(main())
'''


def test_resource_kinds_as_fastmcp(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.txt").write_text("hello file\n")
    script = tmp_path / "resources.py"
    script.write_text(RESOURCES)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    assert official["docs://a/b/c.md"]["contents"][0]["text"] == "doc a/b/c.md"
    assert len(official["rich://r"]["contents"]) == 2
    assert ferro == official


FASTMCP2 = r'''
import asyncio, json
from fastmcp import FastMCP, Context, Client
from mcp.types import SamplingMessage, TextContent

mcp = FastMCP("p8", on_duplicate_tools="error")

@mcp.tool
def bare() -> list:
    return [1, (2, 3)]


@mcp.tool(exclude_args=["secret"])
def hidden_arg(x: int, secret: str = "s") -> str:
    return f"{x} {secret}"

@mcp.tool(enabled=False)
def off() -> str:
    return "off"

@mcp.tool
async def sample(ctx: Context) -> str:
    r = await ctx.sample("Say hi", system_prompt="be nice", max_tokens=5)
    return f"{type(r).__name__}: {getattr(r, 'text', r)}"

@mcp.tool
async def roots(ctx: Context) -> list:
    return [str(r.uri) for r in await ctx.list_roots()]

@mcp.tool
async def logs(ctx: Context) -> str:
    await ctx.debug("d"); await ctx.warning("w", extra={"k": 1})
    await ctx.report_progress(1, 2)
    return "ok"

async def main():
    out = {}
    seen = []
    async def sampling_handler(messages, params, context):
        seen.append(["sample", [m.content.text for m in messages], params.systemPrompt,
                     params.maxTokens])
        return "hello!"
    async def log_handler(m):
        seen.append(["log", m.level, m.data])
    async with Client(mcp, sampling_handler=sampling_handler, roots=["file:///tmp/a"],
                      log_handler=log_handler) as c:
        out["tools"] = [[t.name, t.inputSchema] for t in await c.list_tools()]
        for n, a in [("hidden_arg", {"x": 1}), ("hidden_arg", {"x": 1, "secret": "z"}),
                     ("off", {}), ("bare", {}), ("sample", {}), ("roots", {}), ("logs", {})]:
            try:
                r = await c.call_tool_mcp(n, a)
                d = r.model_dump(mode="json", exclude_none=True, by_alias=True)
                d.pop("_meta", None)
                out[f"{n} {a}"] = d
            except Exception as e: out[f"{n} {a}"] = f"raised {type(e).__name__}: {e}"
    out["seen"] = seen
    try:
        @mcp.tool(name="logs")
        def dup() -> str: return "x"
        out["dup"] = "no error"
    except Exception as e: out["dup"] = f"{type(e).__name__}: {e}"
    print(json.dumps(out, sort_keys=True))
asyncio.run(main())
'''


def test_fastmcp2_tools_and_context(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True, major=2)
    script = tmp_path / "fastmcp2.py"
    script.write_text(FASTMCP2)
    official = script_answers([python], script, 2)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script, 2)
    assert official["dup"] == "ValueError: Tool already exists: logs"
    assert official["sample {}"]["structuredContent"] == {"result": "SamplingResult: hello!"}
    # A client naming an excluded parameter: fastmcp 2 passes it on, ferromcp does not.
    named = "hidden_arg {'x': 1, 'secret': 'z'}"
    assert official.pop(named)["structuredContent"] == {"result": "1 z"}
    assert ferro.pop(named)["structuredContent"] == {"result": "1 s"}
    assert ferro == official
