"""ferromcp._schema against the official SDK: the schemas, argument conversion and results that
``FastMCP`` (mcp 1.x) or ``MCPServer`` (mcp 2.x) produce for the same functions.

Every tool function below is registered on the official server installed in the environment and
inspected by ``ferromcp._schema``; schemas must be equal key for key and in the same key order.
Where ferromcp deliberately differs (listed in the module docstring of ``ferromcp._schema``), the
test asserts the difference.
"""

# The tools spell annotations every way users do (Optional, Union, typing.List, ...) on purpose.
# ruff: noqa: UP006, UP007, UP035, UP045

import asyncio
import dataclasses
import datetime
import enum
import inspect
import json
import re
import sys
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import (
    Annotated,
    Any,
    Dict,
    FrozenSet,
    List,
    Literal,
    NewType,
    Optional,
    Set,
    Tuple,
    Union,
)

import pytest

pytest.importorskip("mcp")
pydantic = pytest.importorskip("pydantic")

import mcp.types as mt
from pydantic import BaseModel, Field
from typing_extensions import NotRequired, TypedDict

from ferromcp import _schema
from ferromcp._schema import ArgumentError, Audio, Image, InvalidSignature, inspect_function

try:
    from mcp.server.fastmcp import Context as OfficialContext
    from mcp.server.fastmcp import FastMCP as OfficialServer
    from mcp.server.fastmcp import Image as OfficialImage
    from mcp.server.fastmcp.utilities.func_metadata import func_metadata

    GEN = 1
except ImportError:  # mcp 2.x: FastMCP became MCPServer
    from mcp.server.mcpserver import Context as OfficialContext  # type: ignore[no-redef]
    from mcp.server.mcpserver import Image as OfficialImage  # type: ignore[no-redef]
    from mcp.server.mcpserver import MCPServer as OfficialServer  # type: ignore[no-redef]
    from mcp.server.mcpserver.utilities.func_metadata import func_metadata  # type: ignore[no-redef]

    GEN = 2


# --- types used by the tools -------------------------------------------------------------------


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Num(enum.IntEnum):
    ONE = 1
    TWO = 2


class Documented(enum.Enum):
    """Some colours."""

    A = "a"


class Shade(str, enum.Enum):
    DARK = "dark"
    LIGHT = "light"


class TD(TypedDict):
    """A typed dict."""

    a: int
    b: NotRequired[str]


class Partial(TypedDict, total=False):
    x: int
    color: Color


class Node(TypedDict):
    name: str
    children: list["Node"]


class StdTD(typing.TypedDict):
    a: int


@dataclasses.dataclass
class DC:
    x: int
    y: str = "s"


@dataclasses.dataclass
class DCDoc:
    """Doc dc."""

    x: int
    tags: list[str] = dataclasses.field(default_factory=list)
    inner: Optional[DC] = None


class Model(BaseModel):
    """Model doc."""

    a: int
    c: Color = Color.RED


class Item(TypedDict):
    name: str


class Other:
    class Item(TypedDict):
        price: float


UserId = NewType("UserId", int)


class Plain:
    def __init__(self) -> None:
        self.x = 1


class Hinted:
    x: int
    y: str = "d"

    def __init__(self) -> None:
        self.x = 1


# --- tools (arguments) -------------------------------------------------------------------------


def scalars(text: str, count: int = 3, ratio: float = 0.5, flag: bool = False,
            nothing: None = None) -> str:
    return repr((text, count, ratio, flag, nothing))


def optionals(a: Optional[int], b: int | None = None, c: Union[int, str] = 1,
              d: Union[int, str, None] = None, e: Optional[Any] = None,
              f: Union[None, float] = None) -> str:
    return repr((a, b, c, d, e, f))


def literals(lit: Literal["a", "b"], one: Literal["x"], mixed: Literal[1, "a"],
             lb: Literal[True] = True, li: Literal[1, 2] = 2,
             le: Literal[Color.RED] = Color.RED) -> str:
    return repr((lit, one, mixed, lb, li, le))


def enums(c: Color, n: Num = Num.ONE, d: Documented = Documented.A, s: Shade = Shade.DARK,
          o: Optional[Color] = None) -> str:
    return repr((c, n, d, s, o))


def containers(a: list[int], b: tuple[int, str], c: tuple[int, ...], d: set[str],
               e: dict[str, int], f: dict[int, str], g: list, h: dict, i: tuple, j: set,
               k: frozenset[int], m: list[list[int]], n: dict[str, list[float]]) -> str:
    return repr((a, b, c, sorted(d), e, f, g, h, i, j, k, m, n))


def typing_aliases(a: List[int], b: Dict[str, int], c: Tuple[int, str], d: Sequence[str],
                   e: Mapping[str, int], f: Set[int], g: FrozenSet[str]) -> str:
    return repr((a, b, c, d, e, f, sorted(g)))


def nested(td: TD, dc: DC, dd: DCDoc, part: Partial, items: list[DC],
           opt: Optional[TD] = None) -> str:
    return repr((td, dc, dd, part, items, opt))


def annotated_plain(a: Annotated[int, "an int"], b: Annotated[str, "x", 5] = "b") -> str:
    return repr((a, b))


def with_context(ctx: OfficialContext, user_id: str) -> str:
    return user_id


def optional_context(user_id: str, ctx: Optional[OfficialContext] = None) -> str:
    return user_id


def shadowing(json: str, copy: int, schema: str = "x", model_dump: int = 1) -> str:
    return repr((json, copy, schema, model_dump))


def defaults(items: list[str] = ["a"], tags: set[int] = {3, 1, 2},  # noqa: B006 - under test
             pair: tuple[int, int] = (1, 2), color: Color = Color.GREEN,
             dc: DC = DC(1), mapping: dict[str, int] = {"a": 1},  # noqa: B006, B008
             small: float = 1e-5, big: int = 10**20, n: Optional[int] = 7) -> str:
    items.append("mutated")
    return repr((items, sorted(tags), pair, color, dc, mapping, small, big, n))


def union_containers(a: Union[list[int], tuple[int, ...]], b: Union[int, list[int], None] = None,
                     c: Union[TD, DC, None] = None) -> str:
    return repr((a, b, c))


def dict_keys(a: dict[Literal["x", "y"], int], b: dict[Color, str]) -> str:
    return repr((a, b))


def recursive(tree: Node) -> str:
    return repr(tree)


def collision(a: Item, b: Other.Item) -> str:
    return repr((a, b))


def stringy(a: "int", b: "list[Color]", c: "Optional[DC]" = None) -> str:
    return repr((a, b, c))


def newtype(uid: UserId, raw: bytes = b"x") -> str:
    return repr((uid, raw))


def pydantic_params(m: Model, a: Annotated[int, Field(description="An int", ge=0, le=10)],
                    c: Annotated[str, Field(min_length=2, max_length=5, pattern="^a")] = "ab",
                    color: Color = Color.RED) -> str:
    return repr((m, a, c, color))


def field_default(x: int = Field(default=5, description="fd"),
                  y: list[int] = Field(default_factory=lambda: [1])) -> str:  # noqa: B008
    return repr((x, y))


def datetimes(when: datetime.datetime, day: Optional[datetime.date] = None, n: int = 0) -> str:
    return repr((when, day, n))


async def asynchronous(text: str, times: int = 2) -> str:
    return text * times


ARG_TOOLS = [scalars, optionals, literals, enums, containers, typing_aliases, nested,
             annotated_plain, with_context, optional_context, shadowing, defaults,
             union_containers, dict_keys, recursive, collision, stringy, newtype,
             pydantic_params, field_default, datetimes, asynchronous]


# --- tools (results) ---------------------------------------------------------------------------


def o_str() -> str:
    return "hi"


def o_int() -> int:
    return "5"  # type: ignore[return-value] - validated into 5, as pydantic does


def o_float() -> float:
    return 2


def o_bool() -> bool:
    return True


def o_none() -> None:
    return None


def o_noann():
    return {"a": 1, "é": [1e-5, 1.5e-7, 1e16, None, True]}


def o_dict() -> dict:
    return {"a": 1, "nested": {"b": [1, 2]}, "empty": {}, "list": []}


def o_dictstr() -> dict[str, int]:
    return {"a": "1"}  # type: ignore[dict-item]


def o_dictint() -> dict[int, str]:
    return {1: "a"}


def o_typing_dict() -> Dict[str, int]:
    return {"a": 1}


def o_list() -> list[int]:
    return [1, 2]


def o_typing_list() -> List[int]:
    return (1, 2)  # type: ignore[return-value]


def o_opt() -> Optional[int]:
    return None


def o_union() -> int | str:
    return "x"


def o_td() -> TD:
    return {"a": "1", "zz": 2}  # type: ignore[typeddict-item]


def o_partial() -> Partial:
    return {"x": 1}


def o_dc() -> DC:
    return DC(1)


def o_dcdoc() -> DCDoc:
    return DCDoc(2, ["t"], DC(3))


def o_model() -> Model:
    return Model(a=1)


def o_model_dict() -> Model:
    return {"a": "2"}  # type: ignore[return-value]


def o_plain() -> Plain:
    return Plain()


def o_hinted() -> Hinted:
    return Hinted()


def o_any() -> Any:
    return 1


def o_ann() -> Annotated[int, Field(description="an int")]:
    return 3


def o_ann_plain() -> Annotated[int, "note"]:
    return 3


def o_lit() -> Literal["a", "b"]:
    return "a"


def o_enum() -> Color:
    return Color.RED


def o_tuple() -> tuple[int, str]:
    return (1, "a")


def o_list_td() -> list[TD]:
    return [{"a": 1, "b": "x", "zz": 3}]


def o_list_enum() -> list[Color]:
    return [Color.RED, "green"]  # type: ignore[list-item]


def o_bytes() -> bytes:
    return b"hi"


def o_set() -> set[int]:
    return {3}


def o_mixed() -> list:
    return ["a", 1, None, [2, ["b"]], {"k": 1.5}, Color.RED, DC(2), (3, 4)]


def o_text() -> mt.TextContent:
    return mt.TextContent(type="text", text="t")


def o_list_text() -> list[mt.TextContent]:
    return [mt.TextContent(type="text", text="t"), mt.TextContent(type="text", text="u")]


def o_image() -> OfficialImage:
    return OfficialImage(data=b"abc", format="png")


def o_ctr() -> mt.CallToolResult:
    return mt.CallToolResult(content=[mt.TextContent(type="text", text="c")])


def o_ctr_typed() -> Annotated[mt.CallToolResult, Model]:
    return mt.CallToolResult(content=[mt.TextContent(type="text", text="c")],
                             structuredContent={"a": 1, "c": "red"})


def o_recursive() -> Node:
    return {"name": "root", "children": [{"name": "leaf", "children": []}]}


def o_datetime() -> datetime.datetime:
    return datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)


def o_unicode() -> dict[str, Any]:
    return {"text": "é\u2028\x1f\"\\", "path": Path("/a"), "when": datetime.date(2020, 1, 2)}


async def o_async() -> list[str]:
    return ["x", "y"]


RESULT_TOOLS = [o_str, o_int, o_float, o_bool, o_none, o_noann, o_dict, o_dictstr, o_dictint,
                o_typing_dict, o_list, o_typing_list, o_opt, o_union, o_td, o_partial, o_dc,
                o_dcdoc, o_model, o_model_dict, o_plain, o_hinted, o_any, o_ann, o_ann_plain,
                o_lit, o_enum, o_tuple, o_list_td, o_list_enum, o_bytes, o_set, o_mixed, o_text,
                o_list_text, o_image, o_ctr, o_ctr_typed, o_recursive, o_datetime, o_unicode,
                o_async]


# --- the official side -------------------------------------------------------------------------


def _run(coro: Any) -> Any:
    return asyncio.run(coro)


def _attr(obj: Any, camel: str, snake: str) -> Any:
    return getattr(obj, snake) if GEN >= 2 else getattr(obj, camel)


def official_schemas(fn: Any, **kw: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    server = OfficialServer()
    server.add_tool(fn, **kw)
    tool = _run(server.list_tools())[0]
    return _attr(tool, "inputSchema", "input_schema"), _attr(tool, "outputSchema", "output_schema")


def _dump_block(block: Any) -> dict[str, Any]:
    if isinstance(block, dict):
        return block
    if isinstance(block, BaseModel):
        return block.model_dump(by_alias=True, exclude_none=True, mode="json")
    return block.model_dump(by_alias=True, exclude_none=True)  # a ferromcp.types model


def official_call(fn: Any, args: dict[str, Any]) -> tuple[Any, ...]:
    """(``"ok"``, content, structured) or (``"error"``, message, cause message)."""
    server = OfficialServer()
    server.add_tool(fn)
    try:
        result = _run(server.call_tool(fn.__name__, args))
    except Exception as e:  # noqa: BLE001 - the official errors are what we compare
        return "error", str(e), str(e.__cause__)
    if GEN >= 2:
        return "ok", [_dump_block(c) for c in result.content], result.structured_content
    if isinstance(result, tuple):
        return "ok", [_dump_block(c) for c in result[0]], result[1]
    if isinstance(result, mt.CallToolResult):
        return "ok", [_dump_block(c) for c in result.content], result.structuredContent
    return "ok", [_dump_block(c) for c in result], None


def ferro_call(fn: Any, args: dict[str, Any]) -> tuple[Any, ...]:
    """The same, computed with ferromcp._schema (the tool-error text as FastMCP words it)."""
    fs = inspect_function(fn, generation=GEN)
    try:
        kwargs = fs.convert_arguments(args)
        if fs.context_param:
            kwargs[fs.context_param] = None
        result = fn(**kwargs)
        if inspect.isawaitable(result):
            result = _run(result)
        content, structured = fs.serialize_result(result)
    except Exception as e:  # noqa: BLE001 - compared with the official error
        message = f"Error executing tool {fs.name}: {e}"
        return "error", message, str(e)
    return "ok", [_dump_block(c) for c in content], structured


def ferro_schemas(fn: Any, **kw: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    fs = inspect_function(fn, generation=GEN, **kw)
    return fs.input_schema, fs.output_schema


def _no_addresses(value: Any) -> Any:
    # Default reprs of objects built on each call differ only in their address.
    return json.loads(re.sub(r" at 0x[0-9a-f]+", "", json.dumps(value)))


def _same(ours: Any, theirs: Any) -> None:
    # Equal, and with the same key order (what a byte-level comparison of tools/list sees).
    assert ours == theirs
    assert json.dumps(ours) == json.dumps(theirs)


# --- schemas -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", ARG_TOOLS + RESULT_TOOLS, ids=lambda f: f.__name__)
def test_schemas_match_official(fn: Any) -> None:
    ours_in, ours_out = ferro_schemas(fn)
    theirs_in, theirs_out = official_schemas(fn)
    _same(ours_in, theirs_in)
    _same(ours_out, theirs_out)


@pytest.mark.parametrize("fn", [o_str, o_list, o_td, o_model, o_noann], ids=lambda f: f.__name__)
def test_structured_output_false_matches_official(fn: Any) -> None:
    _same(ferro_schemas(fn, structured_output=False),
          official_schemas(fn, structured_output=False))


@pytest.mark.parametrize("fn", [o_noann, o_plain, o_enum, o_dict], ids=lambda f: f.__name__)
def test_structured_output_true_needs_a_serialisable_return(fn: Any) -> None:
    with pytest.raises(Exception) as official:
        official_schemas(fn, structured_output=True)
    with pytest.raises(InvalidSignature) as ours:
        ferro_schemas(fn, structured_output=True)
    assert str(ours.value) == str(official.value)


def test_call_tool_result_in_a_union_is_rejected() -> None:
    def f() -> Optional[mt.CallToolResult]:
        return None

    with pytest.raises(Exception) as official:
        official_schemas(f)
    with pytest.raises(InvalidSignature) as ours:
        ferro_schemas(f)
    assert str(ours.value) == str(official.value)


def test_parameters_starting_with_underscore_are_rejected() -> None:
    def f(_hidden: int) -> int:
        return _hidden

    with pytest.raises(Exception) as official:
        official_schemas(f)
    with pytest.raises(InvalidSignature) as ours:
        ferro_schemas(f)
    assert str(ours.value) == str(official.value)


def test_titles_use_the_function_name_not_the_tool_name() -> None:
    fs = inspect_function(o_list, name="renamed")
    assert fs.name == "renamed"
    assert fs.input_schema["title"] == "o_listArguments"
    assert fs.output_schema is not None and fs.output_schema["title"] == "o_listOutput"


# --- deliberate differences --------------------------------------------------------------------


def unannotated(a, b: Any, c: Any = None, d=3) -> str:
    return repr((a, b, c, d))


def test_unannotated_parameters_advertise_any_value() -> None:
    ours, _ = ferro_schemas(unannotated)
    theirs, _ = official_schemas(unannotated)
    # The official schema claims "type": "string" while accepting anything.
    expected = json.loads(json.dumps(theirs))
    for name in ("a", "d"):
        assert expected["properties"][name].pop("type") == "string"
    _same(ours, expected)
    # Both pass non-string values through untouched.
    args = {"a": [1, 2], "b": {"k": 1}, "d": "[3]"}
    assert ferro_call(unannotated, args) == official_call(unannotated, args)


def variadic(a: int, *args: int, **kwargs: str) -> str:
    return repr((a, args, kwargs))


def test_var_positional_and_keyword_parameters_are_left_out() -> None:
    ours, _ = ferro_schemas(variadic)
    theirs, _ = official_schemas(variadic)
    assert list(theirs["properties"]) == ["a", "args", "kwargs"]
    assert theirs["required"] == ["a", "args", "kwargs"]
    assert list(ours["properties"]) == ["a"]
    assert ours["required"] == ["a"]
    assert ours["properties"]["a"] == theirs["properties"]["a"]
    assert inspect_function(variadic).convert_arguments({"a": "1", "args": 2}) == {"a": 1}


def std_typed_dict(td: StdTD) -> str:
    return repr(td)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="pydantic accepts typing.TypedDict there")
def test_typing_typeddict_parameters_work_before_python_3_12() -> None:
    with pytest.raises(Exception, match="typing_extensions.TypedDict"):
        official_schemas(std_typed_dict)
    ours, _ = ferro_schemas(std_typed_dict)
    assert ours["$defs"] == {"StdTD": {"properties": {"a": {"title": "A", "type": "integer"}},
                                       "required": ["a"], "title": "StdTD", "type": "object"}}
    assert ours["properties"] == {"td": {"$ref": "#/$defs/StdTD"}}
    assert inspect_function(std_typed_dict).convert_arguments({"td": {"a": "2"}}) == {
        "td": {"a": 2}}


def test_ferromcp_content_models_in_return_annotations() -> None:
    from ferromcp import types as ft

    def text() -> ft.TextContent:
        return ft.TextContent(text="t")

    def blocks() -> list[ft.ImageContent]:
        return []

    for fn in (text, blocks):
        fs = inspect_function(fn)
        assert fs.output_schema is None  # official 1.30: the mcp.types model's schema
    content, structured = inspect_function(text).serialize_result(text())
    assert [_dump_block(c) for c in content] == [{"type": "text", "text": "t"}]
    assert structured is None


# --- calls -------------------------------------------------------------------------------------

CALLS: list[tuple[Any, dict[str, Any]]] = [
    (scalars, {"text": "hi"}),
    (scalars, {"text": "hi", "count": 7, "ratio": 2, "flag": True, "nothing": None}),
    (scalars, {"text": "hi", "count": "2", "ratio": "1.5", "flag": "true"}),
    (scalars, {"text": "hi", "count": " 2 ", "ratio": " 2 ", "flag": "OFF"}),
    (scalars, {"text": "hi", "count": 2.0, "ratio": True, "flag": 1}),
    (scalars, {"text": "hi", "count": "1_000", "ratio": "inf", "flag": "y"}),
    (scalars, {"text": "hi", "count": "2.00", "ratio": "1e3", "flag": 0.0}),
    (scalars, {"text": "hi", "extra": "ignored"}),
    (scalars, {"text": 5}),
    (scalars, {"count": 1}),
    (scalars, {}),
    (scalars, {"text": "a", "count": "2.5"}),
    (scalars, {"text": "a", "count": 1.5, "ratio": "x", "flag": "maybe"}),
    (scalars, {"text": "a", "count": "x" * 80}),
    (scalars, {"text": "a", "count": None, "flag": 2}),
    (scalars, {"text": "a", "count": "null"}),
    (scalars, {"text": "a", "nothing": "null"}),
    (optionals, {"a": None}),
    (optionals, {"a": "3", "b": "4", "c": "5", "d": 6, "e": [1], "f": 2}),
    (optionals, {"a": 1, "c": 3.0, "d": True, "f": "2.5"}),
    (optionals, {"a": "null", "c": [1]}),
    (optionals, {"a": "x", "c": None}),
    (literals, {"lit": "a", "one": "x", "mixed": 1}),
    (literals, {"lit": "b", "one": "x", "mixed": "a", "lb": 1, "li": 1.0, "le": "red"}),
    (literals, {"lit": "c", "one": "y", "mixed": "1", "lb": "true", "li": 3}),
    (enums, {"c": "red"}),
    (enums, {"c": "green", "n": "2", "d": "a", "s": "light", "o": "red"}),
    (enums, {"c": "RED", "n": 3, "s": "DARK"}),
    (enums, {"c": "red", "n": 2.0, "o": None}),
    (containers, {"a": [1, "2"], "b": [1, "x"], "c": [], "d": ["a", "b", "a"], "e": {"k": "1"},
                  "f": {"1": "a"}, "g": [1, "x"], "h": {"x": [1]}, "i": [1, 2], "j": [1, 1],
                  "k": [3, 3], "m": [[1], ["2"]], "n": {"k": [1, "2.5"]}}),
    (containers, {"a": "[1, 2]", "b": '[1, "x"]', "c": "[3]", "d": '["z"]', "e": '{"k": 1}',
                  "f": '{"2": "b"}', "g": "[]", "h": "{}", "i": "[]", "j": "[]", "k": "[]",
                  "m": "[[1]]", "n": "{}"}),
    (containers, {"a": ["x"], "b": [1], "c": "x", "d": "x", "e": [], "f": {"x": "a"},
                  "g": {}, "h": [], "i": {}, "j": {}, "k": 1, "m": [[1, "y"]], "n": {"k": ["z"]}}),
    (containers, {"a": [], "b": [1, "a", 2], "c": [], "d": [], "e": {}, "f": {}, "g": [],
                  "h": {}, "i": [], "j": [], "k": [], "m": [], "n": {}}),
    (typing_aliases, {"a": [1], "b": {"x": "2"}, "c": [3, "c"], "d": ["s"], "e": {"k": 1},
                      "f": [1, 2], "g": ["a"]}),
    (nested, {"td": {"a": "1", "b": "x", "zz": 1}, "dc": {"x": "2"}, "dd": {"x": 1,
              "inner": {"x": 5, "y": "t"}}, "part": {"color": "green"},
              "items": [{"x": 1}, {"x": "2", "y": "z"}], "opt": {"a": 3}}),
    (nested, {"td": {"b": 1}, "dc": {"y": 1}, "dd": 5, "part": [], "items": [{}]}),
    (nested, {"td": '{"a": 1}', "dc": '{"x": 1}', "dd": '{"x": 1}', "part": "{}",
              "items": "[]", "opt": "null"}),
    (annotated_plain, {"a": "1"}),
    (with_context, {"user_id": "u1"}),
    (optional_context, {"user_id": "u1", "ctx": "ignored"}),
    (shadowing, {"json": "j", "copy": "2", "schema": "s", "model_dump": 3}),
    (shadowing, {"json": 1, "copy": "x"}),
    (defaults, {}),
    (defaults, {"items": ["z"], "tags": [5, 5], "pair": ["1", 2], "color": "red",
                "dc": {"x": 9}, "mapping": {}, "small": 1, "big": "3", "n": None}),
    (union_containers, {"a": [1, 2]}),
    (union_containers, {"a": ["1"], "b": ["2"], "c": {"a": 1}}),
    (union_containers, {"a": "x", "b": "y", "c": {"x": 1}}),
    (union_containers, {"a": [1], "b": 5, "c": {"q": 1}}),
    (dict_keys, {"a": {"x": 1, "y": "2"}, "b": {"red": "r"}}),
    (dict_keys, {"a": {"z": 1}, "b": {"blue": 1}}),
    (recursive, {"tree": {"name": "r", "children": [{"name": "c", "children": []}]}}),
    (recursive, {"tree": {"name": "r", "children": [{"name": 1}]}}),
    (collision, {"a": {"name": "n"}, "b": {"price": "1.5"}}),
    (stringy, {"a": "1", "b": ["red"], "c": {"x": 1}}),
    (newtype, {"uid": "7", "raw": "bytes"}),
    (pydantic_params, {"m": {"a": "1"}, "a": "3"}),
    (pydantic_params, {"m": {"a": 1, "c": "green"}, "a": 3, "c": "abc", "color": "green"}),
    (pydantic_params, {"m": {"b": 1}, "a": 11, "c": "zz", "color": "blue"}),
    (pydantic_params, {"m": '{"a": 2}', "a": "5"}),
    (field_default, {}),
    (field_default, {"x": "6", "y": ["2"]}),
    (field_default, {"x": "six"}),
    (datetimes, {"when": "2020-01-02T03:04:05Z", "day": "2020-01-02", "n": "4"}),
    (datetimes, {"when": "yesterday", "n": "x"}),
    (asynchronous, {"text": "ab", "times": "3"}),
]


@pytest.mark.parametrize(("fn", "args"), CALLS,
                         ids=[f"{fn.__name__}-{i}" for i, (fn, _) in enumerate(CALLS)])
def test_calls_match_official(fn: Any, args: dict[str, Any]) -> None:
    ours = ferro_call(fn, args)
    theirs = official_call(fn, args)
    if theirs[0] == "error":
        assert ours[:2] == theirs[:2], f"\nours:   {ours[1]}\ntheirs: {theirs[1]}"
    else:
        assert ours == theirs


@pytest.mark.parametrize("fn", RESULT_TOOLS, ids=lambda f: f.__name__)
def test_results_match_official(fn: Any) -> None:
    ours = _no_addresses(ferro_call(fn, {}))
    theirs = _no_addresses(official_call(fn, {}))
    assert ours == theirs


def o_bad_int() -> int:
    return "five"  # type: ignore[return-value]


def o_bad_td() -> list[TD]:
    return [{"b": "x"}]


def o_bad_model() -> Model:
    return {"c": "red"}  # type: ignore[return-value]


def o_bad_ctr() -> Annotated[mt.CallToolResult, Model]:
    return mt.CallToolResult(content=[], structuredContent={"a": "x"})


@pytest.mark.parametrize("fn", [o_bad_int, o_bad_td, o_bad_model, o_bad_ctr],
                         ids=lambda f: f.__name__)
def test_result_validation_errors_match_official(fn: Any) -> None:
    ours = ferro_call(fn, {})
    theirs = official_call(fn, {})
    assert ours[0] == theirs[0] == "error"
    # 1.x words the failure as the tool error; 2.x masks it and keeps the cause.
    assert ours[2] == (theirs[1].split(": ", 1)[1] if GEN == 1 else theirs[2])


# --- the module's own behaviour ----------------------------------------------------------------


def fast(text: str, count: int = 3, ratio: float = 0.5, flag: bool = False) -> str:
    return text


def test_fast_path_converts_only_what_needs_converting() -> None:
    fs = inspect_function(fast)
    assert fs._fast is not None  # every parameter a plain scalar
    args = {"text": "t", "count": 2, "ratio": 1, "flag": False}
    out = fs.convert_arguments(args)
    assert out == {"text": "t", "count": 2, "ratio": 1.0, "flag": False}
    assert type(out["ratio"]) is float
    assert out is not args
    assert inspect_function(containers)._fast is None


def test_mutable_defaults_are_copied_per_call() -> None:
    fs = inspect_function(defaults)
    first = fs.convert_arguments({})
    first["items"].append("x")
    assert fs.convert_arguments({})["items"] == ["a"]
    assert defaults.__defaults__[0] == ["a"]


def test_argument_error_shape() -> None:
    fs = inspect_function(scalars)
    with pytest.raises(ArgumentError) as err:
        fs.convert_arguments({"count": "x"})
    assert isinstance(err.value, ValueError)
    assert err.value.title == "scalarsArguments"
    assert [(e["type"], e["loc"]) for e in err.value.errors()] == [
        ("missing", ("text",)), ("int_parsing", ("count",))]
    assert str(err.value).startswith("2 validation errors for scalarsArguments\ntext\n")


def test_context_parameters() -> None:
    class MyContext(OfficialContext):  # type: ignore[misc, valid-type]
        pass

    def sub(x: int, c: MyContext) -> int:
        return x

    def generic(x: int, c: OfficialContext[Any, Any]) -> int:  # type: ignore[type-arg]
        return x

    def hooked(x: int, c: bytes) -> int:
        return x

    assert inspect_function(with_context).context_param == "ctx"
    assert inspect_function(optional_context).context_param == "ctx"
    assert inspect_function(sub).context_param == "c"
    assert inspect_function(generic).context_param == "c"
    assert inspect_function(scalars).context_param is None
    fs = inspect_function(hooked, is_context=lambda ann: ann is bytes)
    assert fs.context_param == "c"
    assert list(fs.input_schema["properties"]) == ["x"]
    # Recognised by name and package (ferromcp's own Context lives in ferromcp.server...).
    ferro_context = type("Context", (), {"__module__": "ferromcp.server.fastmcp"})
    user_context = type("Context", (), {"__module__": "myapp.models"})

    def ferro(x: int, ctx: ferro_context) -> int:  # type: ignore[valid-type]
        return x

    def mine(x: int, ctx: user_context) -> int:  # type: ignore[valid-type]
        return x

    assert inspect_function(ferro).context_param == "ctx"
    with pytest.raises(InvalidSignature):  # a user's own class named Context is data
        inspect_function(mine)


def test_is_async_and_description() -> None:
    def documented(x: int) -> int:
        """Adds nothing.

        Indented lines stay as written, as fn.__doc__ gives them.
        """
        return x

    assert inspect_function(asynchronous).is_async
    assert not inspect_function(scalars).is_async
    assert inspect_function(documented).description == documented.__doc__
    assert inspect_function(scalars).description == ""


def test_image_and_audio_helpers(tmp_path: Path) -> None:
    png = tmp_path / "pic.JPG"
    png.write_bytes(b"\x89PNG")
    ours = Image(path=png).to_image_content()
    theirs = OfficialImage(path=png).to_image_content()
    assert _dump_block(ours) == _dump_block(theirs)
    assert _dump_block(Image(data=b"x", format="GIF").to_image_content()) == {
        "type": "image", "data": "eA==", "mimeType": "image/gif"}
    wav = tmp_path / "a.m4a"
    wav.write_bytes(b"aud")
    assert _dump_block(Audio(path=wav).to_audio_content()) == {
        "type": "audio", "data": "YXVk", "mimeType": "audio/mp4"}
    assert Audio(data=b"x").to_audio_content().mimeType == "audio/wav"
    assert Image(path=tmp_path / "x.bmp")._mime_type == "application/octet-stream"
    with pytest.raises(ValueError, match="Either path or data"):
        Image()
    with pytest.raises(ValueError, match="Only one of path or data"):
        Image(path=png, data=b"x")
    with pytest.raises(ValueError, match="Either path or data"):
        Audio(path=wav, data=b"x")

    def pic() -> Image:
        return Image(data=b"abc")

    fs = inspect_function(pic)
    assert fs.output_schema is None
    assert [_dump_block(c) for c in fs.serialize_result([pic(), "t", None])[0]] == [
        {"type": "image", "data": "YWJj", "mimeType": "image/png"}, {"type": "text", "text": "t"}]


def test_works_without_pydantic(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pydantic(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("pydantic", "pydantic_core"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pydantic)
    monkeypatch.setattr(_schema, "_pydantic_docs_version", lambda: None)
    fs = inspect_function(nested)
    assert fs.convert_arguments({"td": {"a": "1"}, "dc": {"x": 1}, "dd": {"x": 2},
                                 "part": {}, "items": []})["dc"] == DC(1)
    content, structured = inspect_function(o_unicode).serialize_result(o_unicode())
    assert json.loads(content[0]["text"]) == {"text": "é\u2028\x1f\"\\", "path": "/a",
                                              "when": "2020-01-02"}
    assert structured == {"text": "é\u2028\x1f\"\\", "path": "/a", "when": "2020-01-02"}
    with pytest.raises(ArgumentError) as err:
        fs.convert_arguments({})
    assert "For further information" not in str(err.value)
    with pytest.raises(InvalidSignature, match="needs pydantic"):
        inspect_function(datetimes)


def test_elicitation_schema() -> None:
    @dataclasses.dataclass
    class Booking:
        """A booking."""

        date: str
        guests: int = 2
        notes: Optional[str] = None

    class BookingModel(BaseModel):
        date: str
        guests: int = 2

    schema, build = _schema.elicitation_schema(Booking)
    assert schema == {"description": "A booking.", "properties": {
        "date": {"title": "Date", "type": "string"},
        "guests": {"default": 2, "title": "Guests", "type": "integer"},
        "notes": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None,
                  "title": "Notes"}}, "required": ["date"], "title": "Booking", "type": "object"}
    assert schema == pydantic.TypeAdapter(Booking).json_schema()
    assert build({"date": "d", "guests": "3"}) == Booking("d", 3)
    schema, build = _schema.elicitation_schema(BookingModel)
    assert schema == BookingModel.model_json_schema()
    assert build({"date": "d"}) == BookingModel(date="d")
    with pytest.raises(TypeError, match="primitive type"):
        _schema.elicitation_schema(nested_shape())


def nested_shape() -> type:
    @dataclasses.dataclass
    class Nested:
        inner: DC

    return Nested


# --- matrices: annotation × value, against the official func_metadata directly -----------------
#
# The official tool pipeline is `func_metadata(fn)`: `pre_parse_json` + `arg_model.model_validate`
# for arguments, `convert_result` for return values, `arg_model.model_json_schema()` and
# `output_schema` for the schemas. Each annotation below is checked against it for every value.

MATRIX_TYPES: list[Any] = [
    int, float, bool, str, bytes, None, Any, Optional[int], Optional[str], Union[int, str],
    Union[str, int], Union[float, int], Union[int, float], Union[bool, int], Union[int, bool],
    Union[str, bool], Union[bool, str], Union[Color, str], Union[str, Color], Union[Num, int],
    Union[int, Num], Literal["a", "b"], Literal[1, 2], Literal[True, "x"], Literal[0, False], Color,
    Num, Shade, list[int], list[str], list[Any], tuple[int, str], tuple[int, ...], tuple[()],
    set[int], frozenset[str], dict[str, int], dict[int, str], dict[str, Any],
    Union[list[int], list[str]], Union[list[str], list[int]], Union[TD, DC], Union[DC, TD], TD, DC,
    Partial, Optional[DC], Union[int, list[int], None], Union[float, str, None],
    Union[Literal["a"], int], list[Optional[int]], dict[str, Union[int, str]],
    Union[dict[str, int], list[int]], Union[int, Color], UserId, Union[bytes, str],
    Union[str, bytes], Sequence[int], Mapping[str, Color], list[TD], Optional[Node],
]
MATRIX_VALUES: list[Any] = [
    0, 1, 2, -1, 1.0, 1.5, 0.0, True, False, None, "", "0", "1", "2", " 3 ", "1.5", "2.0", "x",
    "true", "False", "yes", "off", "red", "RED", "green", "a", "b", "dark", "null", "[]", "[1, 2]",
    '["a"]', "{}", '{"a": 1}', '{"x": 1}', [], [1], [1, "2"], ["a"], [1, "a"], [[1]], [None], {},
    {"a": 1}, {"a": "1"}, {"x": 1}, {"x": "2", "y": 3}, {"1": "a"}, {"a": 1, "b": "x", "zz": 0},
    10**20, 2**63, 1e300, 9.2e18, "inf", "nan", "1e3", "1_000", "\uff11", "2.", [1.0, 2.5],
    ["x", "x"], {"color": "red"}, {"name": "n", "children": [{"name": 1}]}, {1: "x", "x": 1},
]
RESULT_TYPES: list[Any] = [
    int, float, bool, str, bytes, None, Optional[int], Union[int, str], Union[str, int],
    Union[float, int], list[int], list[Any], tuple[int, str], tuple[int, ...], set[int],
    dict[str, int], dict[int, str], dict[str, Any], Dict[str, Any], list[Color], Literal["a", "b"],
    Optional[Color], list[TD], TD, Partial, DC, DCDoc, Optional[DC], list[DC], Union[TD, DC],
    Hinted, dict[str, list[DC]], list[Optional[str]], Any, list, dict, Model, list[Model],
    Union[int, list[int], None], Node,
]
RESULT_VALUES: list[Any] = [
    0, 1, 2.5, 1.0, True, None, "", "x", "3", b"b", [], [1, "2"], (1, "a"), {3}, {}, {"a": 1},
    {"a": "1"}, {1: "x"}, {"x": 1}, {"x": 1, "y": "z", "extra": 1}, {"a": 1, "b": "q"}, [{"a": 1}],
    "red", DC(1), DCDoc(2, ["t"], DC(3)), [DC(1), DC(2, "q")], {"k": [DC(1)]}, Model(a=1),
    [Model(a=2)], datetime.date(2020, 1, 2), 1e-5, 1.5e-7, 1e16, 2**70, float("inf"),
    {"when": datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone.utc)}, {"é": "\u2028"},
    [[1, [2]], None, "s"], {"a": float("nan")}, object, ("t", 1), Plain(),
    {"name": "r", "children": [{"name": "c", "children": []}]},
]


def _typed(annotations: dict[str, Any]) -> Any:
    def f(x=None):  # annotated below
        return x

    f.__annotations__ = annotations
    return f


def _issues(errors: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(e["type"], tuple(e["loc"]), e["msg"]) for e in errors]


@pytest.mark.parametrize("tp", MATRIX_TYPES, ids=str)
def test_argument_matrix(tp: Any) -> None:
    fn = _typed({"x": tp})
    meta = func_metadata(fn)
    fs = inspect_function(fn)
    assert fs.input_schema == meta.arg_model.model_json_schema(by_alias=True)
    mismatches = []
    for value in MATRIX_VALUES:
        try:
            model = meta.arg_model.model_validate(meta.pre_parse_json({"x": value}))
            theirs: Any = ("ok", repr(model.model_dump_one_level()["x"]))
        except pydantic.ValidationError as e:
            theirs = ("error", _issues(e.errors()))
        try:
            ours: Any = ("ok", repr(fs.convert_arguments({"x": value})["x"]))
        except ArgumentError as e:
            ours = ("error", _issues(e.errors()))
        if ours != theirs:
            mismatches.append((value, ours, theirs))
    assert mismatches == []


def _official_result(meta: Any, value: Any) -> tuple[Any, ...]:
    try:
        result = meta.convert_result(value)
    except Exception as e:  # noqa: BLE001 - compared with ours
        return "error", str(e).split("\n")[1:]
    if GEN >= 2:
        return "ok", [_dump_block(c) for c in result.content], result.structured_content
    if isinstance(result, tuple):
        return "ok", [_dump_block(c) for c in result[0]], result[1]
    return "ok", [_dump_block(c) for c in result], None


def _our_result(fs: Any, value: Any) -> tuple[Any, ...]:
    try:
        content, structured = fs.serialize_result(value)
    except Exception as e:  # noqa: BLE001 - compared with the official error
        return "error", str(e).split("\n")[1:]
    return "ok", [_dump_block(c) for c in content], structured


# pydantic lets a str-valued enum member through int validation; ferromcp rejects it.
_PYDANTIC_QUIRKS = {(int, "red"), (Optional[int], "red"), (Union[float, int], "red"),
                    (Union[int, list[int], None], "red")}


@pytest.mark.parametrize("tp", RESULT_TYPES, ids=str)
def test_result_matrix(tp: Any) -> None:
    fn = _typed({"return": tp})
    meta = func_metadata(fn)
    fs = inspect_function(fn, generation=GEN)
    assert fs.output_schema == meta.output_schema
    assert fs.wrap_output == meta.wrap_output
    mismatches = []
    for value in [*RESULT_VALUES, Color.RED]:
        if (tp, getattr(value, "value", None)) in _PYDANTIC_QUIRKS:
            continue
        ours = _no_addresses(_our_result(fs, value))
        theirs = _no_addresses(_official_result(meta, value))
        if ours != theirs:
            mismatches.append((value, ours, theirs))
    assert mismatches == []


def test_passthrough_results() -> None:
    fs = inspect_function(o_ctr_typed)
    good = o_ctr_typed()
    assert fs.is_passthrough(good)
    assert not fs.is_passthrough({"content": []})
    fs.check_passthrough(good)
    with pytest.raises(ArgumentError, match="1 validation error for Model"):
        fs.check_passthrough(o_bad_ctr())
    failed = mt.CallToolResult(content=[], isError=True)
    fs.check_passthrough(failed)  # error results are not checked
    from ferromcp import types as ft

    assert fs.is_passthrough(ft.CallToolResult(content=[]))


def test_elicitation_models_render_as_the_specs_primitive_shapes() -> None:
    """As mcp 2.x renders them: optional fields flattened, None defaults dropped, enums (titled,
    legacy, multi-select) kept; anything else refused."""
    from typing import Literal

    from pydantic import BaseModel, Field

    from ferromcp._schema import elicitation_schema

    class Choices(BaseModel):
        status: Literal["a", "b"] = Field(default="a", description="pick")
        single: Literal["x", "y"] | None = None
        titled: str | None = Field(default=None, json_schema_extra={
            "oneOf": [{"const": "v1", "title": "One"}, {"const": "v2", "title": "Two"}]})
        multi: list[Literal["p", "q"]] | None = Field(default=None, min_length=1)
        count: int = 3

    schema, build = elicitation_schema(Choices)
    props = schema["properties"]
    assert props["status"] == {"default": "a", "description": "pick", "enum": ["a", "b"],
                               "title": "Status", "type": "string"}
    assert props["single"] == {"enum": ["x", "y"], "title": "Single", "type": "string"}
    assert props["titled"]["type"] == "string" and len(props["titled"]["oneOf"]) == 2
    assert props["multi"]["type"] == "array" and props["multi"]["items"]["enum"] == ["p", "q"]
    assert "anyOf" not in str(schema) and "$defs" not in schema
    assert build({"status": "b", "count": 1}).status == "b"

    class Nested(BaseModel):
        inner: Choices

    with pytest.raises(TypeError, match="PrimitiveSchemaDefinition"):
        elicitation_schema(Nested)
