"""Python type hints → JSON Schema, argument conversion and result serialisation for tools.

A decorated tool function is inspected once, at registration, by :func:`inspect_function`. The
returned :class:`FunctionSchema` holds everything a FastMCP / MCPServer style tool needs on each
call: the ``inputSchema`` and ``outputSchema`` to advertise,
:meth:`FunctionSchema.convert_arguments` (JSON arguments → the Python values the function is
called with) and
:meth:`FunctionSchema.serialize_result` (the function's return value → content blocks and
``structuredContent``). The schemas match what the official ``mcp`` SDK (1.30 ``FastMCP``, 2.3
``MCPServer``) advertises for the same function: a pydantic model titled ``<fn>Arguments`` whose
properties carry titles (``user_id`` → ``"User Id"``), defaults, ``$defs`` for enums, TypedDicts,
dataclasses and models, with pydantic's key order.

Pydantic is optional. The common annotations are handled here in pure Python: ``int``, ``float``,
``str``, ``bool``, ``bytes``, ``None``, ``Any``, ``Optional``/``Union``/``X | None``, ``Literal``,
``Enum``, ``list``/``tuple``/``set``/``frozenset``/``dict`` (and their ``typing`` /
``collections.abc`` spellings, nested), ``TypedDict``, dataclasses, ``NewType`` and ``Annotated``
with metadata pydantic ignores (``Annotated[str, "a description"]`` adds no description, exactly
as in the official SDK). Anything pydantic-specific (a ``BaseModel``, ``Field(...)``,
``annotated_types`` constraints, ``datetime``, ``UUID`` and other types only pydantic knows) makes
the whole argument schema come from pydantic, built the way the official SDK builds it, and those
parameters are converted by pydantic; the others keep the pure-Python converters. Without pydantic
installed such annotations raise :class:`InvalidSignature` at registration.

Argument coercion (what :meth:`FunctionSchema.convert_arguments` accepts)
    The official SDK validates arguments with pydantic in lax mode, after a pre-parse step; this
    module reproduces both, for the annotations it handles itself:

    * Pre-parse: for every parameter not annotated exactly ``str``, a string value that parses
      as JSON to something other than a string or number replaces the string (``'["a","b"]'`` →
      list, ``'{"k": 1}'`` → dict, ``"null"`` → ``None``, ``"true"`` stays a string for the next
      step).
    * ``int``: ints; bools (``True`` → 1); floats without a fractional part (``2.0`` → 2); strings
      holding an ASCII integer, optionally signed, with ``_`` separators, surrounding whitespace
      and a ``.0…`` suffix (``" 2 "``, ``"1_000"``, ``"2.00"``). ``"2.5"``, ``"1e3"``, ``"0x10"``
      fail.
    * ``float``: floats; ints and bools (→ ``float``); strings Python's ``float()`` reads, ASCII
      only (``"1.5"``, ``" 2 "``, ``"1e3"``, ``"inf"``, ``"nan"``).
    * ``bool``: bools; ``0``/``1`` (int or float); the strings ``0 off f false n no 1 on t true y
      yes`` in any case, unstripped.
    * ``str``: strings only (plus ``bytes`` and string-valued enum members); numbers are rejected.
    * ``Literal``: the literal values, with ``1.0``/``True`` accepted for ``1`` and ``1``/``0`` for
      ``True``/``False``; never strings for numbers.
    * ``Enum``: members or member values; for ``int``/``str``/``float`` enums the value goes
      through the ``int``/``str``/``float`` rules first (``"1"`` → ``IntEnum`` member).
    * Containers: lists for ``list``/``tuple``/``set``/``frozenset`` (tuples and sets too) →
      the annotated container; dicts for ``dict`` with keys and values converted (``dict[int,
      str]`` turns ``"1"`` keys into ``1``); TypedDicts → plain dicts holding only the declared
      keys; dataclasses → instances built from a dict. Unknown keys are dropped.
    * Unions use pydantic's "smart" rule: a member that matches exactly (same type, no coercion)
      wins; otherwise the member with the best match (more fields set, then fewer coercions);
      ties go to the first member. ``int | str`` keeps ``"3"`` a string; ``float | int`` turns
      ``3`` into ``3``, ``"3"`` into ``3.0``.
    * Missing optional arguments use the function's default; unhashable defaults are deep-copied
      per call (as pydantic does). Failures raise :class:`ArgumentError` whose text is pydantic's
      ``ValidationError`` text (``1 validation error for addArguments`` …).

    The common case, every parameter a plain ``str``/``int``/``float``/``bool`` and the argument
    already of that type, takes a precomputed fast path that only checks types.

Structured output (what :meth:`FunctionSchema.serialize_result` returns)
    ``content`` follows the official ``_convert_to_content``: a string is one text block; ``None``
    is no block; content blocks (``TextContent``, ``ImageContent``, … from ``ferromcp.types`` or
    ``mcp.types``) pass through; :class:`Image` / :class:`Audio` become image / audio blocks; a list
    or tuple gives the blocks of each item, flattened; anything else is one text block holding
    pydantic's ``to_json(value, indent=2)`` text. Text blocks are plain ``{"type": "text", "text":
    ...}`` dicts. ``structuredContent`` exists when there is an ``outputSchema``: scalars, lists,
    unions, ``None`` and ``dict[K, V]`` with non-``str`` keys are wrapped as ``{"result": value}``
    (schema title ``<fn>Output``); ``dict[str, T]`` (title ``<fn>DictOutput``), TypedDicts,
    dataclasses, annotated classes and pydantic models are objects. Bare ``dict``, bare ``list``,
    ``Any``, enums, unannotated returns and ``structured_output=False`` give no ``outputSchema``.
    The value is validated (lax, as for arguments) and dumped in JSON mode. ``generation=2``
    applies the 2.x differences: a TypedDict return publishes the TypedDict's own schema (with its
    docstring, unset optional keys left out of ``structuredContent``) and returns annotated as
    content (``TextContent``, ``list[ImageContent]``, ``Image``, …) get no ``outputSchema``.

Left to the caller
    A returned ``CallToolResult`` is best sent as it is (check :meth:`FunctionSchema.is_passthrough`
    first; :meth:`FunctionSchema.serialize_result` keeps only its content and structured content),
    and so is a 2.x ``InputRequiredResult``. 2.x ``Annotated[T, Resolve(...)]`` parameters are
    filled by the caller: pass their names in ``skip_names``.

Not reproduced
    Pydantic quirks on return values: a string-valued enum member returned from a function
    annotated ``-> int`` (or ``float``) passes pydantic unchanged and is an error here.

Differences from the official schemas
    Deliberate, each asserted in ``tests/python/test_schema.py``:

    * An unannotated parameter advertises ``{"title": "<name>"}`` (any JSON value) instead of
      ``{"title": "<name>", "type": "string"}``. The official SDK also accepts any value there
      (the annotation is ``Any``); the advertised ``"type": "string"`` is wrong, and ferromcp's core
      validates arguments against the advertised schema, so it would reject values the official
      SDK accepts.
    * ``*args`` and ``**kwargs`` are left out of the schema and never passed. The official SDK
      lists them as required properties named ``args`` / ``kwargs``, which no call can satisfy
      meaningfully.
    * ``typing.TypedDict`` parameters work on Python < 3.12. The official SDK fails to register
      such a tool (pydantic asks for ``typing_extensions.TypedDict``); ferromcp gives the schema
      a ``typing_extensions.TypedDict`` would get. If another parameter needs pydantic, the
      schema comes from pydantic and the official error is raised.
    * ``generation=1`` only: a return annotated with one of ferromcp's own content models
      (``ferromcp.types.TextContent``, ``list[ImageContent]``, …) gets no ``outputSchema``; the
      official 1.30 SDK publishes the pydantic model's schema of ``mcp.types.TextContent`` and
      echoes the blocks into ``structuredContent``. (2.x publishes none either.) Official
      ``mcp.types`` models get the official schema.
"""

from __future__ import annotations

import base64
import collections
import collections.abc as cabc
import copy
import dataclasses
import enum
import functools
import inspect
import json
import math
import os
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from ferromcp._core import PlainArguments

__all__ = [
    "ArgumentError",
    "Audio",
    "FunctionSchema",
    "Image",
    "InvalidSignature",
    "elicitation_schema",
    "inspect_function",
]

_EMPTY = inspect.Parameter.empty
_NoneType = type(None)
_UnionType = getattr(types, "UnionType", None)

# Pydantic's union "exactness": how closely a value matched a type without coercion.
_LAX, _STRICT, _EXACT = 0, 1, 2


# --- errors ------------------------------------------------------------------------------------


class InvalidSignature(Exception):
    """A function cannot be used as a tool (raised at registration)."""


class _Issue(NamedTuple):
    """One validation failure, shaped like an entry of pydantic's ``ValidationError.errors()``."""

    type: str
    loc: tuple[Any, ...]
    msg: str
    input: Any


class ArgumentError(ValueError):
    """Arguments (or a return value) that do not fit the annotations.

    ``str(err)`` is the text pydantic's ``ValidationError`` would give for the same input, so the
    tool error message (``Error executing tool add: 1 validation error for addArguments …``) is
    the official one.

    Args:
        title: what was validated (``"addArguments"``, ``"addOutput"``).
        issues: the failures, in field order.
    """

    def __init__(self, title: str, issues: Sequence[_Issue]) -> None:
        self.title = title
        self.issues = list(issues)
        super().__init__(_format_issues(title, self.issues))

    def errors(self) -> list[dict[str, Any]]:
        """The failures as dicts with ``type``, ``loc``, ``msg`` and ``input`` (as pydantic)."""
        return [i._asdict() for i in self.issues]

    def error_count(self) -> int:
        """How many failures there are."""
        return len(self.issues)


class _Invalid(Exception):
    """Raised by node validators; locations are relative to the node."""

    def __init__(self, issues: list[_Issue]) -> None:
        self.issues = issues


class _NeedsPydantic(Exception):
    """An annotation only pydantic understands."""


class _ContentModel(Exception):
    """A ferromcp content model in a return annotation."""


class _Unserializable(Exception):
    """A value with no JSON form (a default, in output schemas)."""


def _invalid(kind: str, msg: str, value: Any) -> _Invalid:
    return _Invalid([_Issue(kind, (), msg, value)])


def _prefixed(issues: Iterable[_Issue], key: Any) -> list[_Issue]:
    return [i._replace(loc=(key, *i.loc)) for i in issues]


@functools.lru_cache(maxsize=1)
def _pydantic_docs_version() -> str | None:
    """``major.minor`` of the installed pydantic, for the error-URL line pydantic prints."""
    flag = os.environ.get("PYDANTIC_ERRORS_INCLUDE_URL", "1").lower()
    if flag in ("0", "false") or "PYDANTIC_ERRORS_OMIT_URL" in os.environ:
        return None
    try:
        from importlib.metadata import version

        return ".".join(version("pydantic").split(".")[:2])
    except Exception:  # noqa: BLE001 - pydantic absent: no URL line
        return None


def _short_repr(value: Any) -> str:
    # pydantic-core shortens long reprs to their first 25 and last 24 characters.
    try:
        r = repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the validation error
        r = object.__repr__(value)
    return r if len(r) <= 50 else f"{r[:25]}...{r[-24:]}"


def _format_issues(title: str, issues: Sequence[_Issue]) -> str:
    n = len(issues)
    lines = [f"{n} validation error{'' if n == 1 else 's'} for {title}"]
    ver = _pydantic_docs_version()
    for issue in issues:
        if issue.loc:
            lines.append(".".join(_loc_text(part) for part in issue.loc))
        lines.append(
            f"  {issue.msg} [type={issue.type}, input_value={_short_repr(issue.input)}, "
            f"input_type={type(issue.input).__name__}]"
        )
        if ver is not None:
            lines.append("    For further information visit "
                         f"https://errors.pydantic.dev/{ver}/v/{issue.type}")
    return "\n".join(lines)


def _loc_text(part: Any) -> str:
    text = str(part)
    return f"`{text}`" if "." in text else text  # pydantic-core quotes dotted parts


def _expected(values: Iterable[Any]) -> str:
    reprs = [repr(v) for v in values]
    if len(reprs) <= 1:
        return "".join(reprs)
    return f"{', '.join(reprs[:-1])} or {reprs[-1]}"


# --- JSON values -------------------------------------------------------------------------------


def _pydantic_core() -> Any:
    try:
        import pydantic_core
    except ImportError:
        return None
    return pydantic_core


def _is_mcp_model(value: Any) -> bool:
    return getattr(type(value), "__mcp_model__", False) is True


def _key_text(key: Any) -> str:
    """A dict key as JSON text (pydantic's rules: ``1`` → ``"1"``, ``True`` → ``"true"``)."""
    if isinstance(key, str):
        return key.value if isinstance(key, enum.Enum) else str(key)
    if isinstance(key, enum.Enum):
        return _key_text(key.value)
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(int(key))
    if isinstance(key, float):
        return _float_text(key)
    if isinstance(key, tuple):
        return ",".join(_key_text(k) for k in key)
    return str(key)


def _jsonable(value: Any, *, strict: bool = False, inferred: bool = False) -> Any:
    """``value`` as JSON-compatible Python data, inferred from its runtime type.

    Mirrors ``pydantic_core.to_jsonable_python``: enums become their values, tuples and sets
    lists, dataclasses and models dicts, ``bytes`` text. Types only pydantic knows (``datetime``,
    ``UUID``, ``Decimal``, ``Path``, …) go through pydantic-core when it is installed. An unknown
    object becomes ``str(value)``, or raises :class:`_Unserializable` when ``strict``. With
    ``inferred`` (a JSON-mode dump of a value typed ``Any``), NaN and infinities become None.
    """
    t = type(value)
    if t is float and inferred and not math.isfinite(value):
        return None
    if t is str or t is int or t is float or t is bool or value is None:
        return value
    if isinstance(value, enum.Enum):
        return _jsonable(value.value, strict=strict, inferred=inferred)
    if isinstance(value, dict):
        return {_key_text(k): _jsonable(v, strict=strict, inferred=inferred)
                for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | collections.deque):
        return [_jsonable(v, strict=strict, inferred=inferred) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, bytes | bytearray):
        try:
            return bytes(value).decode()
        except UnicodeDecodeError as e:
            raise _Unserializable(str(e)) from None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name), strict=strict, inferred=inferred)
                for f in dataclasses.fields(value)}
    if _is_mcp_model(value):
        return _jsonable(value.model_dump(), strict=strict, inferred=inferred)
    core = _pydantic_core()
    if core is not None:
        try:
            if strict:
                return core.to_jsonable_python(value)
            return core.to_jsonable_python(value, fallback=str)
        except Exception as e:  # noqa: BLE001 - pydantic-core's serialisation errors vary
            raise _Unserializable(str(e)) from None
    return _jsonable_fallback(value, strict)


def _jsonable_fallback(value: Any, strict: bool) -> Any:
    """The pydantic-core forms of common standard-library types, without pydantic."""
    import datetime as dt
    import decimal
    import uuid

    if isinstance(value, dt.datetime | dt.time):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal | Path):
        return str(value)
    if strict:
        raise _Unserializable(f"Unable to serialize unknown type: {type(value)}")
    return str(value)


def _float_text(f: float) -> str:
    """A float as pydantic-core writes it: Python's repr, except ``1e-05`` → ``0.00001`` and
    ``1.5e-07`` → ``1.5e-7``."""
    if math.isnan(f):
        return "NaN"
    if f in (math.inf, -math.inf):
        return "Infinity" if f > 0 else "-Infinity"
    r = repr(f)
    if "e-" not in r:
        return r
    mantissa, exp = r.split("e-")
    e = int(exp)
    if e != 5:
        return f"{mantissa}e-{e}"
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("-").replace(".", "")
    return f"{sign}0.0000{digits}"


def _json_pretty(value: Any, indent: str = "") -> str:
    """JSON text with a two-space indent, byte-identical to ``pydantic_core.to_json(indent=2)``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, int):
        return str(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_json_pretty(v, inner)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if not value:
        return "[]"
    return "[\n" + ",\n".join(inner + _json_pretty(v, inner) for v in value) + "\n" + indent + "]"


def _to_json_text(value: Any) -> str:
    """``pydantic_core.to_json(value, fallback=str, indent=2).decode()``, without pydantic."""
    return _json_pretty(_jsonable(value))


def _hashable_json(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable_json(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable_json(v) for v in value)
    return value


def _sort_schema(value: Any, parent: str | None = None) -> Any:
    """Pydantic's key order: alphabetical, except inside ``properties`` and ``default``."""
    if isinstance(value, dict):
        keys = value.keys() if parent in ("properties", "default") else sorted(value)
        return {k: _sort_schema(value[k], k) for k in keys}
    if isinstance(value, list):
        return [_sort_schema(v, parent) for v in value]
    return value


def _title(name: str) -> str:
    return name.title().replace("_", " ").strip()


# --- annotation nodes --------------------------------------------------------------------------
#
# Each supported annotation becomes a node that knows its JSON Schema, how to validate a value
# laxly (returning the converted value and how exact the match was, for unions) and how to dump
# a validated value in JSON mode.


class _Node:
    """An annotation, compiled."""

    title_ok: ClassVar[bool] = True
    label: str = "any"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        """The node's JSON Schema (definitions go to ``gen``)."""
        return {}

    def validate(self, value: Any) -> tuple[Any, int]:
        """The converted value and its exactness; raises :class:`_Invalid`."""
        return value, _EXACT

    def dump(self, value: Any) -> Any:
        """A validated value as JSON-compatible data."""
        return _jsonable(value)

    def fields_set(self, value: Any) -> int | None:
        """For model-like nodes, how many declared fields ``value`` provides."""
        return None


class _AnyNode(_Node):
    def dump(self, value: Any) -> Any:
        return _jsonable(value, strict=True, inferred=True)


class _StrNode(_Node):
    label = "str"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"type": "string"}

    def validate(self, value: Any) -> tuple[Any, int]:
        if type(value) is str:
            return value, _EXACT
        if isinstance(value, enum.Enum):
            if isinstance(value.value, str):
                return value.value, _LAX
        elif isinstance(value, str):
            return str(value), _STRICT
        elif isinstance(value, bytes | bytearray):
            try:
                return bytes(value).decode(), _LAX
            except UnicodeDecodeError:
                raise _invalid("string_unicode", "Input should be a valid string, unable to "
                               "parse raw data as a unicode string", value) from None
        raise _invalid("string_type", "Input should be a valid string", value)

    def dump(self, value: Any) -> Any:
        return value


# pydantic-core converts floats to ints, and compares ints with literals, as 64-bit integers.
_I64_MIN, _I64_END = -(2**63), 2**63


def _too_big(value: Any) -> _Invalid:
    return _invalid("int_parsing_size", "Unable to parse input string as an integer, exceeded "
                    "maximum size", value)


_INT_PARSING = "Input should be a valid integer, unable to parse string as an integer"
_FLOAT_PARSING = "Input should be a valid number, unable to parse string as a number"


def _decoded(value: bytes, kind: str, msg: str) -> str:
    # pydantic reads bytes as text when it parses numbers and booleans.
    try:
        return value.decode()
    except UnicodeDecodeError:
        raise _invalid(kind, msg, value) from None


def _is_decimal(value: Any) -> bool:
    return type(value).__module__ in ("decimal", "_decimal") and type(value).__name__ == "Decimal"


_INT_TEXT = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?")


class _IntNode(_Node):
    label = "int"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"type": "integer"}

    def validate(self, value: Any) -> tuple[Any, int]:
        t = type(value)
        if t is int:
            return value, _EXACT
        if t is bool:
            return int(value), _LAX
        if t is str or t is bytes:
            s = (value if t is str else _decoded(value, "int_parsing", _INT_PARSING)).strip()
            if _INT_TEXT.fullmatch(s):
                return int(s.split(".", 1)[0].replace("_", "")), _LAX
            raise _invalid("int_parsing", _INT_PARSING, value)
        if _is_decimal(value):
            return self._from_decimal(value)
        if t is float:
            if not math.isfinite(value):
                raise _invalid("finite_number", "Input should be a finite number", value)
            if value.is_integer():
                if not _I64_MIN < value < _I64_END:
                    raise _too_big(value)
                return int(value), _LAX
            raise _invalid("int_from_float", "Input should be a valid integer, got a number "
                           "with a fractional part", value)
        if isinstance(value, int):
            return int(value), _LAX
        raise _invalid("int_type", "Input should be a valid integer", value)

    def _from_decimal(self, value: Any) -> tuple[Any, int]:
        if not value.is_finite():
            raise _invalid("finite_number", "Input should be a finite number", value)
        if value != value.to_integral_value():
            raise _invalid("int_from_float", "Input should be a valid integer, got a number "
                           "with a fractional part", value)
        return int(value), _LAX

    def dump(self, value: Any) -> Any:
        return value


class _FloatNode(_Node):
    label = "float"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"type": "number"}

    def validate(self, value: Any) -> tuple[Any, int]:
        t = type(value)
        if t is float:
            return value, _EXACT
        if t is int:
            try:
                return float(value), _STRICT
            except OverflowError:
                raise _invalid("float_type", "Input should be a valid number", value) from None
        if t is str or t is bytes:
            s = (value if t is str else _decoded(value, "float_parsing", _FLOAT_PARSING)).strip()
            if s.isascii():
                try:
                    return float(s), _LAX
                except ValueError:
                    pass
            raise _invalid("float_parsing", _FLOAT_PARSING, value)
        if _is_decimal(value):
            return float(value), _LAX
        if isinstance(value, int | float) and not isinstance(value, enum.Enum):
            return float(value), _LAX
        raise _invalid("float_type", "Input should be a valid number", value)

    def dump(self, value: Any) -> Any:
        return value


_BOOL_PARSING = "Input should be a valid boolean, unable to interpret input"
_TRUE_TEXT = frozenset(("1", "on", "t", "true", "y", "yes"))
_FALSE_TEXT = frozenset(("0", "off", "f", "false", "n", "no"))


class _BoolNode(_Node):
    label = "bool"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"type": "boolean"}

    def validate(self, value: Any) -> tuple[Any, int]:
        t = type(value)
        if t is bool:
            return value, _EXACT
        if t is str or t is bytes:
            low = (value if t is str else _decoded(value, "bool_parsing", _BOOL_PARSING)).lower()
            if low in _TRUE_TEXT:
                return True, _LAX
            if low in _FALSE_TEXT:
                return False, _LAX
        elif (t is int or (t is float and value.is_integer())) and _I64_MIN < value < _I64_END:
            if value in (0, 1):
                return bool(value), _LAX
        else:
            raise _invalid("bool_type", "Input should be a valid boolean", value)
        raise _invalid("bool_parsing", _BOOL_PARSING, value)

    def dump(self, value: Any) -> Any:
        return value


class _NoneNode(_Node):
    label = "none"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"type": "null"}

    def validate(self, value: Any) -> tuple[Any, int]:
        if value is None:
            return None, _EXACT
        raise _invalid("none_required", "Input should be None", value)

    def dump(self, value: Any) -> Any:
        return None


class _BytesNode(_Node):
    label = "bytes"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"format": "binary", "type": "string"}

    def validate(self, value: Any) -> tuple[Any, int]:
        if type(value) is bytes:
            return value, _EXACT
        if isinstance(value, str):
            return value.encode(), _LAX
        if isinstance(value, bytes | bytearray):
            return bytes(value), _LAX
        raise _invalid("bytes_type", "Input should be a valid bytes", value)

    def dump(self, value: Any) -> Any:
        return _jsonable(value)


class _LiteralNode(_Node):
    def __init__(self, values: Sequence[Any]) -> None:
        self.values = list(values)
        self.label = "literal[" + ",".join(repr(v) for v in self.values) + "]"
        # Lax matches try booleans before integers (pydantic-core's lookup order).
        self.lax_order = ([v for v in self.values if isinstance(v, bool)]
                          + [v for v in self.values if not isinstance(v, bool)])
        self.has_ints = any(type(v) is int for v in self.values)

    def schema(self, gen: _Gen) -> dict[str, Any]:
        expected = [_jsonable(v.value if isinstance(v, enum.Enum) else v) for v in self.values]
        out: dict[str, Any] = (
            {"const": expected[0]} if len(expected) == 1 else {"enum": expected})
        kinds = {type(e) for e in expected}
        for t, name in ((str, "string"), (int, "integer"), (float, "number"), (bool, "boolean"),
                        (list, "array"), (_NoneType, "null")):
            if kinds == {t}:
                out["type"] = name
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        for e in self.values:
            if type(value) is type(e) and value == e:
                return e, _EXACT
        t = type(value)
        if t is int and self.has_ints and not _I64_MIN <= value < _I64_END:
            raise _too_big(value)
        for e in self.lax_order:
            # Numbers match across int/float/bool; enum members only themselves (as pydantic).
            if isinstance(e, bool):
                matches = t in (int, float) and value == e
            else:
                matches = (isinstance(e, int) and not isinstance(e, enum.Enum)
                           and t in (bool, float) and value == e)
            if matches:
                return e, _LAX
        raise _Invalid([_Issue("literal_error", (), f"Input should be {_expected(self.values)}",
                               value)])

    def dump(self, value: Any) -> Any:
        return _jsonable(value)


class _RefNode(_Node):
    """A node published in ``$defs`` (enums, TypedDicts, dataclasses)."""

    title_ok = False
    cls: Any

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return gen.ref(self)

    def definition(self, gen: _Gen) -> dict[str, Any]:
        """The schema stored under ``$defs``."""
        raise NotImplementedError


def _class_description(cls: type, *, dataclass: bool = False) -> str | None:
    doc = cls.__doc__
    if not doc or (dataclass and doc.startswith(f"{cls.__name__}(")):
        return None
    return inspect.cleandoc(doc)


class _EnumNode(_RefNode):
    def __init__(self, cls: type[enum.Enum]) -> None:
        self.cls = cls
        self.members = list(cls)
        self.by_value: dict[Any, enum.Enum] = {}
        for m in self.members:
            try:
                self.by_value.setdefault(m.value, m)
            except TypeError:  # an unhashable value: only reachable by identity
                pass
        self.coerce: _Node | None = None
        self.label = f"enum[{cls.__name__}]"
        for base, node in ((int, _IntNode()), (str, _StrNode()), (float, _FloatNode())):
            if issubclass(cls, base):
                self.coerce = node
                self.label = f"{base.__name__}-enum[{cls.__name__}]"
                break
        # An enum with its own _missing_ hook may accept more than its values.
        missing = getattr(cls, "_missing_", None)
        self.custom_missing = getattr(missing, "__func__", None) is not getattr(
            enum.Enum._missing_, "__func__", None)

    def definition(self, gen: _Gen) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.cls.__name__}
        desc = _class_description(self.cls)
        if desc is not None and desc != "An enumeration.":
            out["description"] = desc
        expected = [_jsonable(m.value) for m in self.members]
        out["enum"] = expected
        kinds = {type(e) for e in expected}
        for t, name in ((str, "string"), (int, "integer"), (float, "number"), (bool, "boolean"),
                        (list, "array")):
            if kinds == {t}:
                out["type"] = name
                break
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        if isinstance(value, self.cls):
            return value, _EXACT
        probe = value
        if self.coerce is not None:
            try:
                probe, _ = self.coerce.validate(value)
            except _Invalid:
                probe = _EMPTY
            if type(probe) is int and not _I64_MIN <= probe < _I64_END:
                raise _too_big(value)
        try:
            member = self.by_value.get(probe)
        except TypeError:
            member = None
        if member is None and self.custom_missing:
            try:
                member = self.cls(value)
            except Exception:  # noqa: BLE001 - _missing_ said no
                member = None
        if member is not None:
            return member, _LAX
        raise _Invalid([_Issue("enum", (), "Input should be "
                               f"{_expected(m.value for m in self.members)}", value)])

    def dump(self, value: Any) -> Any:
        return _jsonable(value.value)


_SEQUENCE_INPUTS = (list, tuple, set, frozenset, collections.deque, type({}.keys()),
                    type({}.values()), types.GeneratorType)


def _as_sequence(value: Any, exact: type, kind: str, msg: str) -> tuple[Any, int]:
    if type(value) is exact:
        return value, _EXACT
    if isinstance(value, _SEQUENCE_INPUTS):
        return value, _LAX
    # Lax mode takes any other iterable too, except text and mappings.
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes | bytearray | Mapping):
        return list(value), _LAX
    raise _invalid(kind, msg, value)


def _validate_items(node: _Node, items: Iterable[Any], exactness: int) -> tuple[list[Any], int]:
    out: list[Any] = []
    issues: list[_Issue] = []
    for i, item in enumerate(items):
        try:
            v, e = node.validate(item)
        except _Invalid as err:
            issues.extend(_prefixed(err.issues, i))
            continue
        exactness = min(exactness, e)
        out.append(v)
    if issues:
        raise _Invalid(issues)
    return out, exactness


class _ListNode(_Node):
    def __init__(self, item: _Node) -> None:
        self.item = item
        self.label = f"list[{item.label}]"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"items": self.item.schema(gen), "type": "array"}

    def validate(self, value: Any) -> tuple[Any, int]:
        seq, exactness = _as_sequence(value, list, "list_type", "Input should be a valid list")
        return _validate_items(self.item, seq, exactness)

    def dump(self, value: Any) -> Any:
        return [self.item.dump(v) for v in value]


class _SequenceNode(_ListNode):
    """``collections.abc.Sequence[T]``: any sequence but text; tuples stay tuples."""

    def __init__(self, item: _Node) -> None:
        super().__init__(item)
        self.label = (f"json-or-python[json=list[{item.label}],python=chain[is-instance[Sequence],"
                      "function-wrap[sequence_validator()]]]")

    def validate(self, value: Any) -> tuple[Any, int]:
        if isinstance(value, str | bytes):
            raise _Invalid([_Issue("sequence_str", (), f"'{type(value).__name__}' instances are "
                                   "not allowed as a Sequence value", value)])
        if not isinstance(value, cabc.Sequence):
            raise _invalid("is_instance_of", "Input should be an instance of Sequence", value)
        out, exactness = _validate_items(self.item, value, _EXACT)
        return (tuple(out) if isinstance(value, tuple) else out), exactness


class _TupleNode(_Node):
    def __init__(self, items: Sequence[_Node] | None, variadic: _Node | None) -> None:
        self.items = list(items or ())
        self.variadic = variadic
        if variadic is not None:
            self.label = f"tuple[{variadic.label}, ...]"
        else:
            self.label = f"tuple[{', '.join(n.label for n in self.items)}]"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        if self.variadic is not None:
            return {"items": self.variadic.schema(gen), "type": "array"}
        out: dict[str, Any] = {"type": "array"}
        if self.items:
            out["prefixItems"] = [n.schema(gen) for n in self.items]
        out["minItems"] = out["maxItems"] = len(self.items)
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        seq, exactness = _as_sequence(value, tuple, "tuple_type", "Input should be a valid tuple")
        if self.variadic is not None:
            out, exactness = _validate_items(self.variadic, seq, exactness)
            return tuple(out), exactness
        seq = list(seq)
        n = len(self.items)
        if len(seq) > n:
            raise _invalid("too_long", f"Tuple should have at most {n} item"
                           f"{'' if n == 1 else 's'} after validation, not {len(seq)}", value)
        out = []
        issues: list[_Issue] = []
        for i, node in enumerate(self.items):
            if i >= len(seq):
                issues.append(_Issue("missing", (i,), "Field required", value))
                continue
            try:
                v, e = node.validate(seq[i])
            except _Invalid as err:
                issues.extend(_prefixed(err.issues, i))
                continue
            exactness = min(exactness, e)
            out.append(v)
        if issues:
            raise _Invalid(issues)
        return tuple(out), exactness

    def dump(self, value: Any) -> Any:
        if self.variadic is not None:
            return [self.variadic.dump(v) for v in value]
        return [n.dump(v) for n, v in zip(self.items, value, strict=False)]


class _SetNode(_Node):
    def __init__(self, item: _Node, frozen: bool) -> None:
        self.item = item
        self.frozen = frozen
        self.label = f"{'frozenset' if frozen else 'set'}[{item.label}]"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        return {"items": self.item.schema(gen), "type": "array", "uniqueItems": True}

    def validate(self, value: Any) -> tuple[Any, int]:
        if self.frozen:
            seq, exactness = _as_sequence(value, frozenset, "frozen_set_type",
                                          "Input should be a valid frozenset")
        else:
            seq, exactness = _as_sequence(value, set, "set_type", "Input should be a valid set")
        out, exactness = _validate_items(self.item, seq, exactness)
        try:
            return (frozenset(out) if self.frozen else set(out)), exactness
        except TypeError:
            raise _invalid("set_item_not_hashable", "Set items should be hashable",
                           value) from None

    def dump(self, value: Any) -> Any:
        return [self.item.dump(v) for v in value]


class _DictNode(_Node):
    def __init__(self, key: _Node, value: _Node) -> None:
        self.key = key
        self.value = value
        self.label = f"dict[{key.label},{value.label}]"
        self.plain_keys = isinstance(key, _AnyNode | _StrNode)

    def schema(self, gen: _Gen) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object"}
        keys = dict(self.key.schema(gen))
        pattern = None
        if "$ref" not in keys:
            pattern = keys.pop("pattern", None)
            keys.pop("title", None)
        values = dict(self.value.schema(gen))
        values.pop("title", None)
        if values or pattern is not None:
            if pattern is None:
                out["additionalProperties"] = values
            else:
                out["patternProperties"] = {pattern: values}
        else:
            out["additionalProperties"] = True
        if (keys.get("type") == "string" and len(keys) > 1) or "$ref" in keys:
            keys.pop("type", None)
            out["propertyNames"] = keys
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        if type(value) is dict:
            exactness = _EXACT
        elif isinstance(value, Mapping):
            exactness = _LAX
        else:
            raise _invalid("dict_type", "Input should be a valid dictionary", value)
        out: dict[Any, Any] = {}
        issues: list[_Issue] = []
        for k, v in value.items():
            k2, key_ok = k, True
            if not self.plain_keys or type(k) is not str:
                try:
                    k2, e = self.key.validate(k)
                    exactness = min(exactness, e)
                except _Invalid as err:
                    issues.extend(_prefixed(_prefixed(err.issues, "[key]"), k))
                    key_ok = False
            try:
                v2, e = self.value.validate(v)
            except _Invalid as err:
                issues.extend(_prefixed(err.issues, k))
                continue
            exactness = min(exactness, e)
            if key_ok:
                out[k2] = v2
        if issues:
            raise _Invalid(issues)
        return out, exactness

    def dump(self, value: Any) -> Any:
        return {_key_text(self.key.dump(k)): self.value.dump(v) for k, v in value.items()}


def _union_of_schemas(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    members: list[dict[str, Any]] = []
    for s in schemas:
        if len(s) == 1 and "anyOf" in s:
            members.extend(s["anyOf"])
        else:
            members.append(s)
    unique = list({_hashable_json(m): m for m in members}.values())
    return unique[0] if len(unique) == 1 else {"anyOf": unique}


class _NullableNode(_Node):
    def __init__(self, inner: _Node) -> None:
        self.inner = inner
        self.title_ok = inner.title_ok  # type: ignore[misc]
        self.label = f"nullable[{inner.label}]"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        inner = self.inner.schema(gen)
        if inner == {"type": "null"}:
            return inner
        return _union_of_schemas([inner, {"type": "null"}])

    def validate(self, value: Any) -> tuple[Any, int]:
        if value is None:
            return None, _EXACT
        return self.inner.validate(value)

    def dump(self, value: Any) -> Any:
        return None if value is None else self.inner.dump(value)

    def fields_set(self, value: Any) -> int | None:
        return None if value is None else self.inner.fields_set(value)


class _UnionNode(_Node):
    def __init__(self, choices: Sequence[_Node]) -> None:
        self.choices = list(choices)
        self.label = "union[" + ",".join(c.label for c in self.choices) + "]"

    def schema(self, gen: _Gen) -> dict[str, Any]:
        generated = [c.schema(gen) for c in self.choices]
        return generated[0] if len(generated) == 1 else _union_of_schemas(generated)

    def validate(self, value: Any) -> tuple[Any, int]:
        best: tuple[Any, int, int | None, _Node] | None = None
        issues: list[_Issue] = []
        for choice in self.choices:
            try:
                v, e = choice.validate(value)
            except _Invalid as err:
                if best is None:
                    issues.extend(_prefixed(err.issues, choice.label))
                continue
            fs = choice.fields_set(value)
            if e == _EXACT and fs is None:
                return v, e
            if best is None:
                better = True
            elif best[2] is not None and fs is not None and best[2] != fs:
                better = best[2] < fs
            else:
                better = best[1] < e
            if better:
                best = (v, e, fs, choice)
        if best is None:
            raise _Invalid(issues)
        return best[0], best[1]

    def dump(self, value: Any) -> Any:
        # Serialise with the first member the value exactly is, else the first it fits.
        fallback: tuple[_Node, Any] | None = None
        for choice in self.choices:
            try:
                v, e = choice.validate(value)
            except _Invalid:
                continue
            if e == _EXACT:
                return choice.dump(v)
            if fallback is None:
                fallback = (choice, v)
        if fallback is not None:
            return fallback[0].dump(fallback[1])
        return _jsonable(value, strict=True, inferred=True)


def _field_schema(gen: _Gen, node: _Node, name: str, default: Any = _EMPTY) -> dict[str, Any]:
    """A property's schema: the node's, plus ``default`` and a title from the field name."""
    out = dict(node.schema(gen))
    if default is not _EMPTY:
        try:
            out["default"] = _encode_default(default)
        except _Unserializable:
            if gen.strict:
                raise
    if "title" not in out and node.title_ok:
        out["title"] = _title(name)
    return out


def _encode_default(default: Any) -> Any:
    if isinstance(default, set | frozenset) and len(default) > 1:
        try:
            default = sorted(default)
        except TypeError:
            pass
    return _jsonable(default, strict=True)


class _Field(NamedTuple):
    name: str
    node: _Node
    required: bool
    default: Any  # _EMPTY when none (or a factory)


def _object_schema(gen: _Gen, fields: Sequence[_Field]) -> dict[str, Any]:
    props = {f.name: _field_schema(gen, f.node, f.name, f.default) for f in fields}
    out: dict[str, Any] = {"properties": props}
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    out["type"] = "object"
    return out


class _TypedDictNode(_RefNode):
    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.label = cls.__name__
        self.fields: list[_Field] = []

    def definition(self, gen: _Gen) -> dict[str, Any]:
        out = _object_schema(gen, self.fields)
        out["title"] = self.cls.__name__
        desc = _class_description(self.cls)
        if desc is not None:
            out["description"] = desc
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        if not isinstance(value, Mapping):
            raise _invalid("dict_type", "Input should be a valid dictionary", value)
        out: dict[str, Any] = {}
        issues: list[_Issue] = []
        exactness = _EXACT
        for f in self.fields:
            if f.name in value:
                try:
                    v, e = f.node.validate(value[f.name])
                except _Invalid as err:
                    issues.extend(_prefixed(err.issues, f.name))
                    continue
                exactness = min(exactness, e)
                out[f.name] = v
            elif f.required:
                issues.append(_Issue("missing", (f.name,), "Field required", value))
        if issues:
            raise _Invalid(issues)
        return out, exactness

    def fields_set(self, value: Any) -> int | None:
        if not isinstance(value, Mapping):
            return None
        return sum(1 for f in self.fields if f.name in value)

    def dump(self, value: Any) -> Any:
        return {f.name: f.node.dump(value[f.name]) for f in self.fields if f.name in value}


class _DataclassNode(_RefNode):
    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.label = cls.__name__
        self.fields: list[_Field] = []

    def definition(self, gen: _Gen) -> dict[str, Any]:
        out = _object_schema(gen, self.fields)
        out["title"] = self.cls.__name__
        desc = _class_description(self.cls, dataclass=True)
        if desc is not None:
            out["description"] = desc
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        if isinstance(value, self.cls):
            return value, _EXACT
        if not isinstance(value, Mapping):
            raise _invalid("dataclass_type", "Input should be a dictionary or an instance of "
                           f"{self.cls.__name__}", value)
        kwargs: dict[str, Any] = {}
        issues: list[_Issue] = []
        for f in self.fields:
            if f.name in value:
                try:
                    kwargs[f.name], _ = f.node.validate(value[f.name])
                except _Invalid as err:
                    issues.extend(_prefixed(err.issues, f.name))
            elif f.required:
                issues.append(_Issue("missing", (f.name,), "Field required", value))
        issues.extend(_Issue("invalid_key", (k,), "Keys should be strings", k)
                      for k in value if not isinstance(k, str))
        if issues:
            raise _Invalid(issues)
        return self.cls(**kwargs), _LAX

    def fields_set(self, value: Any) -> int | None:
        if not isinstance(value, Mapping):
            return None
        return sum(1 for f in self.fields if f.name in value)

    def dump(self, value: Any) -> Any:
        return {f.name: f.node.dump(getattr(value, f.name)) for f in self.fields}


class _ModelNode(_Node):
    """The model 1.x builds for a TypedDict or annotated-class return type: every field is
    dumped, defaults (``None`` for optional TypedDict keys) included."""

    def __init__(self, title: str, fields: list[_Field], from_attributes: bool) -> None:
        self.title = title
        self.fields = fields
        self.from_attributes = from_attributes

    def schema(self, gen: _Gen) -> dict[str, Any]:
        out = _object_schema(gen, self.fields)
        out["title"] = self.title
        return out

    def validate(self, value: Any) -> tuple[Any, int]:
        if isinstance(value, Mapping):
            get = value.get
            has: Callable[[str], bool] = value.__contains__
        elif not self.from_attributes:
            raise _invalid("model_type", "Input should be a valid dictionary or instance of "
                           f"{self.title}", value)
        elif type(value).__module__ in ("builtins", "datetime", "collections"):
            # pydantic-core reads attributes only from objects of non-builtin types.
            raise _invalid("model_attributes_type", "Input should be a valid dictionary or "
                           "object to extract fields from", value)
        else:
            def get(name: str, _v: Any = value) -> Any:
                return getattr(_v, name)

            def has(name: str, _v: Any = value) -> bool:
                return hasattr(_v, name)
        out: dict[str, tuple[Any, bool]] = {}
        issues: list[_Issue] = []
        for f in self.fields:
            if has(f.name):
                try:
                    out[f.name] = (f.node.validate(get(f.name))[0], True)
                except _Invalid as err:
                    issues.extend(_prefixed(err.issues, f.name))
            elif f.required:
                issues.append(_Issue("missing", (f.name,), "Field required", value))
            else:
                out[f.name] = (copy.deepcopy(f.default), False)
        if issues:
            raise _Invalid(issues)
        return out, _LAX

    def dump(self, value: Any) -> Any:
        return {f.name: (f.node.dump(value[f.name][0]) if value[f.name][1]
                         else _jsonable(value[f.name][0])) for f in self.fields}


# --- schema generation -------------------------------------------------------------------------


def _normalize_name(name: str) -> str:
    return re.sub(r"[^a-zA-Z0-9.\-_]", "_", name).replace(".", "__")


class _Gen:
    """Collects ``$defs`` while nodes render, then names them the way pydantic does."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict  # output schemas: an unserialisable default fails the schema
        self.keys: dict[Any, str] = {}
        self.defs: dict[str, Any] = {}
        self.owners: dict[str, Any] = {}

    def ref(self, node: _RefNode) -> dict[str, Any]:
        key = self.keys.get(node.cls)
        if key is None:
            key = f"\x00{len(self.keys)}"
            self.keys[node.cls] = key
            self.owners[key] = node.cls
            self.defs[key] = None  # reserved: recursive references find the key
            self.defs[key] = node.definition(self)
        return {"$ref": "#/$defs/" + key}

    def _names(self) -> dict[str, str]:
        # Pydantic's choices: the short name, then module-qualified, then with an occurrence
        # counter; the first one whose users all share one schema wins.
        counter: collections.Counter[str] = collections.Counter()
        choices: dict[str, list[str]] = {}
        for key, cls in self.owners.items():
            short = _normalize_name(cls.__qualname__.rsplit(".", 1)[-1])
            qual = _normalize_name(f"{cls.__module__}.{cls.__qualname__}")
            counter[qual] += 1
            choices[key] = [short, qual, f"{qual}__{counter[qual]}"]
        users: dict[str, set[Any]] = collections.defaultdict(set)
        for key, alts in choices.items():
            for alt in alts:
                users[alt].add(_hashable_json(self.defs[key]))
        return {key: next(a for a in alts if len(users[a]) == 1) for key, alts in choices.items()}

    def finish(self, root: dict[str, Any]) -> dict[str, Any]:
        """The complete schema: ``root`` with named ``$defs``, sorted as pydantic sorts."""
        if self.defs:
            names = self._names()

            def rename(v: Any) -> Any:
                if isinstance(v, dict):
                    return {k: ("#/$defs/" + names[x[8:]] if k == "$ref" and isinstance(x, str)
                                and x.startswith("#/$defs/\x00") else rename(x))
                            for k, x in v.items()}
                if isinstance(v, list):
                    return [rename(x) for x in v]
                return v

            root = rename(root)
            root["$defs"] = {names[k]: rename(s) for k, s in self.defs.items()}
        return _sort_schema(root)

    def finish_root_ref(self, root_ref: dict[str, Any]) -> dict[str, Any]:
        """Like :meth:`finish` for a root that is itself a definition: the definition is inlined
        at the root and stays in ``$defs`` only if something else refers to it."""
        key = root_ref["$ref"][8:]
        refs = json.dumps(self.defs).count(json.dumps(root_ref["$ref"]))
        if refs == 0:
            definition = self.defs.pop(key)
            del self.owners[key]
            return self.finish(definition)
        full = self.finish(dict(root_ref))
        # As the official `_inline_root_ref`: the definition's keys, then `$defs`.
        return {**full["$defs"][full["$ref"][8:]], "$defs": full["$defs"]}


# --- annotations → nodes -----------------------------------------------------------------------


def _origin_name(tp: Any) -> str | None:
    origin = typing.get_origin(tp)
    return getattr(origin, "_name", None) if origin is not None else None


def _is_union(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    return origin is typing.Union or (_UnionType is not None and origin is _UnionType)


def _is_typeddict(tp: Any) -> bool:
    return (isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")
            and hasattr(tp, "__total__"))


def _is_base_model(tp: Any) -> bool:
    return isinstance(tp, type) and any(
        c.__name__ == "BaseModel" and c.__module__.startswith("pydantic") for c in tp.__mro__)


def _pydantic_metadata(meta: Any) -> bool:
    module = type(meta).__module__ or ""
    return (module.split(".")[0] in ("pydantic", "annotated_types", "pydantic_core")
            or hasattr(meta, "__get_pydantic_core_schema__")
            or hasattr(meta, "__get_pydantic_json_schema__"))


_QUALIFIERS = frozenset(("Required", "NotRequired", "ReadOnly"))
_DICT_ORIGINS = (dict, cabc.Mapping, cabc.MutableMapping)


class _Builder:
    """Turns annotations into nodes; raises :class:`_NeedsPydantic` for what it cannot model."""

    def __init__(self, globalns: dict[str, Any] | None = None) -> None:
        self.globalns = globalns or {}
        self.memo: dict[Any, _Node] = {}

    def build(self, tp: Any, globalns: dict[str, Any] | None = None) -> _Node:
        """The node for ``tp``."""
        if isinstance(tp, str | typing.ForwardRef):
            text = tp if isinstance(tp, str) else tp.__forward_arg__
            try:
                tp = eval(text, globalns or self.globalns)
            except Exception as e:
                raise InvalidSignature(f"cannot resolve the annotation {text!r}: {e}") from e
        if tp is Any or tp is object or tp is _EMPTY:
            return _AnyNode()
        if tp is None or tp is _NoneType:
            return _NoneNode()
        if tp is bool:
            return _BoolNode()
        if tp is int:
            return _IntNode()
        if tp is float:
            return _FloatNode()
        if tp is str:
            return _StrNode()
        if tp is bytes:
            return _BytesNode()
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated:
            for meta in tp.__metadata__:
                if _pydantic_metadata(meta):
                    raise _NeedsPydantic(tp)
            return self.build(args[0], globalns)
        if origin is not None and getattr(origin, "_name", None) in _QUALIFIERS:
            return self.build(args[0], globalns)
        if _is_union(tp):
            non_null = [a for a in args if a is not _NoneType]
            inner = (self.build(non_null[0], globalns) if len(non_null) == 1
                     else _UnionNode([self.build(a, globalns) for a in non_null]))
            return _NullableNode(inner) if len(non_null) < len(args) else inner
        if origin is typing.Literal or _origin_name(tp) == "Literal":
            return _LiteralNode(_flatten_literal(args))
        if isinstance(tp, typing.NewType):
            return self.build(tp.__supertype__, globalns)
        if origin is not None:
            return self._generic(tp, origin, args, globalns)
        if isinstance(tp, type):
            return self._class(tp)
        raise _NeedsPydantic(tp)

    def _generic(self, tp: Any, origin: Any, args: tuple[Any, ...],
                 globalns: dict[str, Any] | None) -> _Node:
        if origin is list:
            return _ListNode(self.build(args[0], globalns) if args else _AnyNode())
        if origin is cabc.Sequence:
            return _SequenceNode(self.build(args[0], globalns) if args else _AnyNode())
        if origin is tuple:
            if tp is typing.Tuple:  # noqa: UP006 - the bare typing alias, not an annotation
                return _TupleNode(None, _AnyNode())
            if not args or args == ((),):  # tuple[()]: spelled ((),) before Python 3.11
                return _TupleNode([], None)
            if len(args) == 2 and args[1] is Ellipsis:
                return _TupleNode(None, self.build(args[0], globalns))
            return _TupleNode([self.build(a, globalns) for a in args], None)
        if origin is set or origin is frozenset:
            item = self.build(args[0], globalns) if args else _AnyNode()
            return _SetNode(item, frozen=origin is frozenset)
        if origin in _DICT_ORIGINS:
            if not args:
                return _DictNode(_AnyNode(), _AnyNode())
            return _DictNode(self.build(args[0], globalns), self.build(args[1], globalns))
        raise _NeedsPydantic(tp)

    def _class(self, cls: type) -> _Node:
        if cls in self.memo:
            return self.memo[cls]
        if cls is list:
            return _ListNode(_AnyNode())
        if cls is tuple:
            return _TupleNode(None, _AnyNode())
        if cls is set or cls is frozenset:
            return _SetNode(_AnyNode(), frozen=cls is frozenset)
        if cls is dict:
            return _DictNode(_AnyNode(), _AnyNode())
        if getattr(cls, "__mcp_model__", False) is True:
            raise _ContentModel(cls)
        if hasattr(cls, "__get_pydantic_core_schema__") or _is_base_model(cls):
            raise _NeedsPydantic(cls)
        if issubclass(cls, enum.Enum):
            node: _Node = _EnumNode(cls)
            self.memo[cls] = node
            return node
        if _is_typeddict(cls):
            td = _TypedDictNode(cls)
            self.memo[cls] = td
            td.fields = self._typeddict_fields(cls)
            return td
        if dataclasses.is_dataclass(cls) and not hasattr(cls, "__pydantic_fields__"):
            dc = _DataclassNode(cls)
            self.memo[cls] = dc
            dc.fields = self._dataclass_fields(cls)
            return dc
        raise _NeedsPydantic(cls)

    def _hints(self, cls: type) -> dict[str, Any]:
        try:
            return typing.get_type_hints(cls, include_extras=True)
        except Exception as e:
            raise InvalidSignature(f"cannot resolve the annotations of {cls.__name__}: {e}") from e

    def _typeddict_fields(self, cls: type) -> list[_Field]:
        required_keys: frozenset[str] = cls.__required_keys__  # type: ignore[attr-defined]
        fields = []
        for name, hint in self._hints(cls).items():
            required = name in required_keys
            # An explicit qualifier wins over what an older TypedDict computed.
            tp = hint
            while typing.get_origin(tp) is not None and _origin_name(tp) in _QUALIFIERS:
                required = {"Required": True, "NotRequired": False}.get(
                    _origin_name(tp) or "", required)
                tp = typing.get_args(tp)[0]
            fields.append(_Field(name, self.build(tp), required, _EMPTY))
        return fields

    def _dataclass_fields(self, cls: type) -> list[_Field]:
        hints = self._hints(cls)
        fields = []
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            node = self.build(hints.get(f.name, Any))
            has_factory = f.default_factory is not dataclasses.MISSING
            default = _EMPTY if f.default is dataclasses.MISSING else f.default
            if default is not _EMPTY and _pydantic_metadata(default):
                raise _NeedsPydantic(cls)
            fields.append(_Field(f.name, node, default is _EMPTY and not has_factory, default))
        return fields


def _flatten_literal(args: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for a in args:
        if typing.get_origin(a) is typing.Literal or _origin_name(a) == "Literal":
            out.extend(_flatten_literal(typing.get_args(a)))
        elif not any(type(a) is type(o) and a == o for o in out):
            out.append(a)
    return out


def _strip_annotated(tp: Any) -> tuple[Any, list[Any]]:
    """``Annotated[T, m1, m2]`` → ``(T, [m1, m2])`` (nested ``Annotated`` flattened)."""
    metadata: list[Any] = []
    while typing.get_origin(tp) is typing.Annotated:
        metadata = [*tp.__metadata__, *metadata]
        tp = typing.get_args(tp)[0]
    return tp, metadata


# --- context parameters ------------------------------------------------------------------------

_SDK_ROOTS = frozenset(("mcp", "mcp_types", "ferromcp", "fastmcp"))


def _is_context_class(tp: Any) -> bool:
    if not isinstance(tp, type):
        return False
    if getattr(tp, "__mcp_context__", False) is True:
        return True
    return any(c.__name__ == "Context" and (c.__module__ or "").split(".")[0] in _SDK_ROOTS
               for c in tp.__mro__)


def _default_is_context(annotation: Any) -> bool:
    """Whether a parameter annotated ``annotation`` receives the request ``Context``:
    ``Context``, a subclass, ``Context[...]`` or a union holding one (``Context | None``)."""
    tp, _ = _strip_annotated(annotation)
    if _is_context_class(tp):
        return True
    origin = typing.get_origin(tp)
    if origin is not None and _is_context_class(origin):
        return True
    return _is_union(tp) and any(_default_is_context(a) for a in typing.get_args(tp))


# --- parameters --------------------------------------------------------------------------------


def _needs_preparse(annotation: Any) -> bool:
    # The official pre-parse skips fields whose annotation (Annotated stripped) is exactly str.
    return _strip_annotated(annotation)[0] is not str


def _is_hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _Param:
    """One argument: how to convert it and what to do when it is missing."""

    __slots__ = ("annotation", "convert", "copy_default", "default", "fill", "name", "node",
                 "preparse", "required")

    def __init__(self, name: str, annotation: Any, default: Any) -> None:
        self.name = name
        self.annotation = annotation
        self.default = default
        self.required = default is _EMPTY
        self.node: _Node | None = None
        self.preparse = _needs_preparse(annotation)
        # Pydantic deep-copies unhashable defaults for every call.
        self.copy_default = default is not _EMPTY and not _is_hashable(default)
        self.fill: Callable[[], Any] | None = None  # a default only pydantic can produce
        self.convert: Callable[[Any], Any] = lambda v: v


def _pure_converter(node: _Node) -> Callable[[Any], Any]:
    validate = node.validate

    def convert(value: Any) -> Any:
        return validate(value)[0]

    return convert


def _preparse(value: str) -> Any:
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return value
    return value if isinstance(parsed, str | int | float) else parsed


# --- pydantic, where it is needed --------------------------------------------------------------


def _import_pydantic(what: str) -> Any:
    try:
        import pydantic
    except ImportError:
        raise InvalidSignature(f"{what} needs pydantic, which is not installed") from None
    return pydantic


def _issues_from_pydantic(err: Any) -> list[_Issue]:
    return [_Issue(e["type"], tuple(e["loc"]), e["msg"], e.get("input"))
            for e in err.errors(include_url=False)]


@functools.cache
def arg_model_base() -> Any:
    """The base of argument models (``ArgModelBase`` of the official SDKs): a pydantic model
    allowing arbitrary types, whose ``model_dump_one_level()`` gives the keyword arguments."""
    from pydantic import BaseModel, ConfigDict

    class ArgModelBase(BaseModel):
        """The arguments of a tool function, as a pydantic model."""

        model_config = ConfigDict(arbitrary_types_allowed=True)

        def model_dump_one_level(self) -> dict[str, Any]:
            """The fields by argument name (the alias when there is one), values as they are
            (sub-models stay models)."""
            return {info.alias or name: getattr(self, name)
                    for name, info in type(self).model_fields.items()}

    return ArgModelBase


def _model_specs(params: list[_Param]) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """``create_model`` field specs for ``params``, as the official SDK builds them, and each
    parameter's ``(field name, argument name)``."""
    from pydantic import BaseModel, Field, WithJsonSchema

    specs: dict[str, Any] = {}
    keys: dict[str, tuple[str, str]] = {}
    for p in params:
        annotation = Any if p.annotation is _EMPTY else p.annotation
        metadata: list[Any] = []
        if p.annotation is _EMPTY:
            metadata.append(WithJsonSchema({"title": p.name}))
        field_name, kwargs = p.name, {}
        if hasattr(BaseModel, field_name) and callable(getattr(BaseModel, field_name)):
            kwargs["alias"] = field_name
            field_name = f"field_{field_name}"
        spec = typing.Annotated[(annotation, *metadata, Field(**kwargs))]  # type: ignore
        specs[field_name] = spec if p.default is _EMPTY else (spec, p.default)
        keys[p.name] = (field_name, p.name)
    return specs, keys


def _argument_model(fn_name: str, params: list[_Param]) -> Any:
    """The pydantic model of a function's arguments (``<fn>Arguments``)."""
    _import_pydantic(f"the argument model of {fn_name}")
    from pydantic import create_model

    specs, _ = _model_specs(params)
    return create_model(f"{fn_name}Arguments", __base__=arg_model_base(), **specs)


def _pydantic_arguments(fn_name: str, params: list[_Param]) -> dict[str, Any]:
    """The official SDK's argument model, for the schema; wires pydantic converters into the
    parameters that need them (those without a pure-Python node)."""
    pydantic = _import_pydantic(f"a parameter of {fn_name}")
    from pydantic import create_model

    ArgModelBase = arg_model_base()  # noqa: N806 - a class
    specs, keys = _model_specs(params)
    try:
        model = create_model(f"{fn_name}Arguments", __base__=ArgModelBase, **specs)
        schema = model.model_json_schema(by_alias=True)
    except pydantic.PydanticUserError as e:
        raise InvalidSignature(str(e)) from e

    for p in params:
        if p.node is not None:
            continue
        field_name, key = keys[p.name]
        one = create_model(f"{fn_name}Arguments", __base__=ArgModelBase,
                           **{field_name: specs[field_name]})
        field = one.model_fields[field_name]
        p.required = field.is_required()
        if isinstance(p.default, pydantic.fields.FieldInfo) or p.default is _EMPTY:
            p.copy_default = False
            p.fill = (lambda _m=one, _f=field_name: getattr(_m.model_validate({}), _f))
        p.convert = _pydantic_converter(one, field_name, key)
    return schema


def _pydantic_converter(model: Any, field_name: str, key: str) -> Callable[[Any], Any]:
    from pydantic import ValidationError

    def convert(value: Any) -> Any:
        try:
            return getattr(model.model_validate({key: value}), field_name)
        except ValidationError as e:
            # Locations are relative to the parameter, as for pure nodes.
            raise _Invalid([i._replace(loc=i.loc[1:]) for i in _issues_from_pydantic(e)]) from None

    return convert


# --- output ------------------------------------------------------------------------------------


_CONTENT_NAMES = frozenset(("TextContent", "ImageContent", "AudioContent", "EmbeddedResource",
                            "ResourceLink"))


def _is_content_class(tp: Any) -> bool:
    if not isinstance(tp, type):
        return False
    if tp is Image or tp is Audio or tp is File:
        return True
    return any(c.__name__ in _CONTENT_NAMES or (c.__name__ in ("Image", "Audio", "File") and (
        c.__module__ or "").split(".")[0] in _SDK_ROOTS) for c in tp.__mro__)


def _returns_content(tp: Any) -> bool:
    """2.x: whether a return annotation declares content blocks (bare, in a list/tuple/Sequence
    or in a union), which then carry no structured output."""
    origin = typing.get_origin(tp)
    if origin is None:
        return _is_content_class(tp)
    if origin is typing.Annotated:
        return _returns_content(typing.get_args(tp)[0])
    if _is_union(tp) or origin in (list, tuple, cabc.Sequence):
        return any(_returns_content(a) for a in typing.get_args(tp))
    return False


def _is_call_tool_result_class(tp: Any) -> bool:
    return isinstance(tp, type) and any(
        c.__name__ == "CallToolResult" and (c.__module__ or "").split(".")[0] in _SDK_ROOTS
        for c in tp.__mro__)


class _Output(NamedTuple):
    schema: dict[str, Any]
    wrap: bool
    structure: Callable[[Any], Any]
    scalar: type | None = None  # a wrapped str/int/float/bool: values of exactly it need no work


_PRIMITIVE_RETURNS = (str, int, float, bool, bytes, _NoneType)


def _output_plan(fn_name: str, annotation: Any,
                 structured_output: bool | None, generation: int,
                 globalns: dict[str, Any]) -> _Output | None:
    """The official rules (``func_metadata``'s return-type half), in pure Python where possible."""
    if structured_output is False:
        return None
    if annotation is _EMPTY and structured_output is True:
        raise InvalidSignature(f"Function {fn_name}: return annotation required for structured "
                               "output")
    type_expr, metadata = _strip_annotated(annotation)
    if typing.get_origin(type_expr) is typing.ClassVar or _origin_name(type_expr) in (
            "Final", "ClassVar", "Required", "NotRequired", "ReadOnly", "InitVar"):
        raise InvalidSignature(f"Function {fn_name}: return annotation contains an invalid "
                               "type qualifier")
    if _is_union(type_expr):
        args = typing.get_args(type_expr)
        members = args
        if generation >= 2:
            # 2.x: InputRequiredResult arms are control flow; the rest is the return type.
            members = tuple(a for a in args if not _is_input_required(a))
            if not members:
                return None
            if len(members) != len(args):
                annotation = members[0] if len(members) == 1 else _union_of(members)
                type_expr, metadata = _strip_annotated(annotation)
        if (generation < 2 or len(members) > 1) and any(
                _is_call_tool_result_class(a) for a in members if a is not _NoneType):
            raise InvalidSignature(f"Function {fn_name}: CallToolResult cannot be used in Union "
                                   "or Optional types. To return empty results, use: "
                                   "CallToolResult(content=[])")
    if generation >= 2 and _is_input_required(type_expr):
        return None
    if getattr(type_expr, "__ferromcp_tool_result__", False):
        return None  # fastmcp's ToolResult: the tool says what it answers
    original: Any = annotation
    if _is_call_tool_result_class(type_expr):
        if not metadata:
            return None
        type_expr = metadata[0]
        rest = metadata[1:]
        original = typing.Annotated[(type_expr, *rest)] if rest else type_expr
    if generation >= 2 and structured_output is None and _returns_content(type_expr):
        return None
    try:
        plan = _pure_output(fn_name, original, type_expr, generation, globalns)
    except _NeedsPydantic:
        plan = _pydantic_output(fn_name, original, type_expr, generation)
    except _ContentModel:
        plan = None
    except _Unserializable:
        plan = None
    if plan is None and structured_output is True:
        raise InvalidSignature(f"Function {fn_name}: return type {type_expr} is not serializable "
                               "for structured output")
    return plan


def _union_of(members: tuple[Any, ...]) -> Any:
    return typing.Union[members]  # noqa: UP007 - a runtime tuple has no `|` spelling


def _is_input_required(tp: Any) -> bool:
    return isinstance(tp, type) and any(c.__name__ == "InputRequiredResult" for c in tp.__mro__)


def _validator(title: str, node: _Node) -> Callable[[Any], Any]:
    validate, dump = node.validate, node.dump

    def structure(value: Any) -> Any:
        try:
            return dump(validate(value)[0])
        except _Invalid as err:
            raise ArgumentError(title, err.issues) from None
        except _Unserializable as err:
            raise ValueError(str(err)) from None

    return structure


def _pure_output(fn_name: str, original: Any, type_expr: Any, generation: int,
                 globalns: dict[str, Any]) -> _Output | None:
    builder = _Builder(globalns)
    gen = _Gen(strict=True)

    def wrapped() -> _Output:
        title = f"{fn_name}Output"
        node = builder.build(original)
        model = _ModelNode(title, [_Field("result", node, True, _EMPTY)], from_attributes=False)
        return _Output(gen.finish(model.schema(gen)), True, _validator(title, model),
                       _FAST_TYPES.get(type(node)))

    if type_expr is None:
        return wrapped()
    if isinstance(type_expr, types.GenericAlias):
        args = typing.get_args(type_expr)
        if typing.get_origin(type_expr) is dict and len(args) == 2 and args[0] is str:
            node = builder.build(type_expr)
            schema = dict(node.schema(gen))
            schema["title"] = f"{fn_name}DictOutput"
            # Errors carry the validator's name: 1.x's RootModel class, 2.x's TypeAdapter type.
            title = "DictModel" if generation < 2 else node.label
            return _Output(gen.finish(schema), False, _validator(title, node))
        return wrapped()
    if not isinstance(type_expr, type):
        return wrapped()
    if _is_base_model(type_expr):
        raise _NeedsPydantic(type_expr)
    if getattr(type_expr, "__mcp_model__", False) is True:
        raise _ContentModel(type_expr)
    if _is_typeddict(type_expr):
        if generation >= 2:
            node = builder.build(type_expr)
            assert isinstance(node, _TypedDictNode)
            schema = gen.finish_root_ref(gen.ref(node))
            return _Output(schema, False, _validator(type_expr.__name__, node))
        td = builder.build(type_expr)
        assert isinstance(td, _TypedDictNode)
        fields = [f if f.required else f._replace(default=None) for f in td.fields]
        model = _ModelNode(type_expr.__name__, fields, from_attributes=False)
        return _Output(gen.finish(model.schema(gen)), False,
                       _validator(type_expr.__name__, model))
    if type_expr in _PRIMITIVE_RETURNS:
        return wrapped()
    try:
        hints = typing.get_type_hints(type_expr, include_extras=True)
    except Exception as e:
        raise InvalidSignature(
            f"cannot resolve the annotations of {type_expr.__name__}: {e}") from e
    if not hints:
        return None  # a class without annotations has no structured form
    fields = []
    for name, hint in hints.items():
        if name.startswith("_") or typing.get_origin(hint) is ClassVar or hint is ClassVar:
            continue
        default = getattr(type_expr, name, _EMPTY)
        if default is not _EMPTY and _pydantic_metadata(default):
            raise _NeedsPydantic(type_expr)
        fields.append(_Field(name, builder.build(hint), default is _EMPTY, default))
    model = _ModelNode(type_expr.__name__, fields, from_attributes=True)
    return _Output(gen.finish(model.schema(gen)), False, _validator(type_expr.__name__, model))


def _pydantic_output(fn_name: str, original: Any, type_expr: Any,
                     generation: int) -> _Output | None:
    """The official construction, for return types only pydantic can model."""
    pydantic = _import_pydantic(f"the return type of {fn_name}")
    import pydantic_core
    from pydantic import BaseModel, ConfigDict, Field, RootModel, TypeAdapter, create_model
    from pydantic.json_schema import GenerateJsonSchema

    class StrictJsonSchema(GenerateJsonSchema):
        def emit_warning(self, kind: Any, detail: str) -> None:
            raise ValueError(f"JSON schema warning: {kind} - {detail}")

    wrap = False
    target: Any = None
    if type_expr is None:
        target, wrap = create_model(f"{fn_name}Output", result=original), True
    elif isinstance(type_expr, types.GenericAlias):
        args = typing.get_args(type_expr)
        if typing.get_origin(type_expr) is dict and len(args) == 2 and args[0] is str:
            if generation >= 2:
                target = typing.Annotated[type_expr, Field(title=f"{fn_name}DictOutput")]
            else:
                class DictModel(RootModel[type_expr]):  # type: ignore[valid-type]
                    pass

                DictModel.__name__ = DictModel.__qualname__ = f"{fn_name}DictOutput"
                target = DictModel
        else:
            target, wrap = create_model(f"{fn_name}Output", result=original), True
    elif isinstance(type_expr, type):
        if issubclass(type_expr, BaseModel):
            target = type_expr
        elif _is_typeddict(type_expr):
            hints = typing.get_type_hints(type_expr)
            if generation >= 2:
                target = type_expr
            else:
                required = type_expr.__required_keys__  # type: ignore[attr-defined]
                target = create_model(type_expr.__name__, **{
                    k: (v if k in required else (v, None)) for k, v in hints.items()})
        elif type_expr in _PRIMITIVE_RETURNS:
            target, wrap = create_model(f"{fn_name}Output", result=original), True
        else:
            hints = typing.get_type_hints(type_expr)
            if not hints:
                return None
            fields: dict[str, Any] = {}
            for name, hint in hints.items():
                if name.startswith("_"):
                    continue
                default = getattr(type_expr, name, _EMPTY)
                fields[name] = hint if default is _EMPTY else (hint, default)
            target = create_model(type_expr.__name__,
                                  __config__=ConfigDict(from_attributes=True), **fields)
    else:
        target, wrap = create_model(f"{fn_name}Output", result=original), True

    is_model = isinstance(target, type) and issubclass(target, BaseModel)
    adapter: Any = None if is_model else TypeAdapter(target)
    try:
        if is_model:
            schema = target.model_json_schema(schema_generator=StrictJsonSchema)
        else:
            schema = adapter.json_schema(schema_generator=StrictJsonSchema)
    except (pydantic.PydanticUserError, TypeError, ValueError, RuntimeError,
            pydantic_core.SchemaError, pydantic_core.ValidationError):
        return None
    schema = _inline_root_ref(schema)

    def structure(value: Any) -> Any:
        try:
            if is_model:
                return target.model_validate(value).model_dump(mode="json", by_alias=True)
            validated = adapter.validate_python(value)
            return adapter.dump_python(validated, mode="json", by_alias=True)
        except pydantic.ValidationError as e:
            raise ArgumentError(e.title, _issues_from_pydantic(e)) from None

    return _Output(schema, wrap, structure)


def _inline_root_ref(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return schema
    definition = schema["$defs"][ref.removeprefix("#/$defs/")]
    return {**definition, **{k: v for k, v in schema.items() if k != "$ref"}}


# --- content -----------------------------------------------------------------------------------


# Module-level, not class attributes: the helpers carry no annotations, so a return annotated
# `-> Image` gets no output schema (as in the official SDK).
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                ".gif": "image/gif", ".webp": "image/webp"}
_AUDIO_TYPES = {".wav": "audio/wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
                ".flac": "audio/flac", ".aac": "audio/aac", ".m4a": "audio/mp4"}


class Image:
    """An image a tool returns; becomes an ``ImageContent`` block.

    Args:
        path: a file to read (its suffix gives the MIME type).
        data: the raw bytes (MIME type ``image/png`` unless ``format`` is given).
        format: the image format (``"png"``, ``"jpeg"``, …), giving ``image/<format>``.

    Raises:
        ValueError: neither or both of ``path`` and ``data`` were given.
    """

    def __init__(self, path: str | Path | None = None, data: bytes | None = None,
                 format: str | None = None) -> None:
        if path is None and data is None:
            raise ValueError("Either path or data must be provided")
        if path is not None and data is not None:
            raise ValueError("Only one of path or data can be provided")
        self.path = Path(path) if path else None
        self.data = data
        self._format = format
        self._mime_type = self._get_mime_type()

    def _get_mime_type(self) -> str:
        if self._format:
            return f"image/{self._format.lower()}"
        if self.path:
            return _IMAGE_TYPES.get(self.path.suffix.lower(), "application/octet-stream")
        return "image/png"

    def to_image_content(self) -> Any:
        """The image as an ``ImageContent`` block (base64 data)."""
        from ferromcp.types import ImageContent

        return ImageContent(type="image", data=_read_b64(self.path, self.data, "image"),
                            mimeType=self._mime_type)

    def to_data_uri(self, mime_type: str | None = None) -> str:
        """The image as a ``data:`` URI (fastmcp's spelling, used for server icons)."""
        data = _read_b64(self.path, self.data, "image")
        return f"data:{mime_type or self._mime_type};base64,{data}"


class Audio:
    """Audio a tool returns; becomes an ``AudioContent`` block.

    Args:
        path: a file to read (its suffix gives the MIME type).
        data: the raw bytes (MIME type ``audio/wav`` unless ``format`` is given).
        format: the audio format (``"wav"``, ``"mpeg"``, …), giving ``audio/<format>``.

    Raises:
        ValueError: neither or both of ``path`` and ``data`` were given.
    """

    def __init__(self, path: str | Path | None = None, data: bytes | None = None,
                 format: str | None = None) -> None:
        if not bool(path) ^ bool(data):
            raise ValueError("Either path or data can be provided")
        self.path = Path(path) if path else None
        self.data = data
        self._format = format
        self._mime_type = self._get_mime_type()

    def _get_mime_type(self) -> str:
        if self._format:
            return f"audio/{self._format.lower()}"
        if self.path:
            return _AUDIO_TYPES.get(self.path.suffix.lower(), "application/octet-stream")
        return "audio/wav"

    def to_audio_content(self) -> Any:
        """The audio as an ``AudioContent`` block (base64 data)."""
        from ferromcp.types import AudioContent

        return AudioContent(type="audio", data=_read_b64(self.path, self.data, "audio"),
                            mimeType=self._mime_type)


class File:
    """A file a tool returns (fastmcp); becomes an embedded ``resource`` block: text for a
    ``text/*`` type, else base64.

    Args:
        path: a file to read (its suffix gives the MIME type; its URI is the file's).
        data: the raw bytes (named ``name`` with the format's suffix in a ``file:///`` URI).
        format: the format (``"txt"``, ``"csv"``, ``"pdf"`` …): ``text/*`` for the text ones,
            else ``application/<format>``.
        name: the file's name in its URI when made from ``data``.

    Raises:
        ValueError: neither or both of ``path`` and ``data`` were given.
    """

    _TEXT = {"plain": "text/plain", "txt": "text/plain", "text": "text/plain",
             "csv": "text/csv", "html": "text/html", "htm": "text/html",
             "md": "text/markdown", "markdown": "text/markdown"}

    def __init__(self, path: str | Path | None = None, data: bytes | None = None,
                 format: str | None = None, name: str | None = None,
                 annotations: Any = None) -> None:
        if path is None and data is None:
            raise ValueError("Either path or data must be provided")
        if path is not None and data is not None:
            raise ValueError("Only one of path or data can be provided")
        import os

        self.path = Path(os.path.expandvars(str(path))).expanduser() if path else None
        self.data = data
        self._format = format
        self._name = name
        self.annotations = annotations
        self._mime_type = self._get_mime_type()

    def _get_mime_type(self) -> str:
        if self._format:
            fmt = self._format.lower()
            return self._TEXT.get(fmt, f"application/{fmt}")
        if self.path:
            import mimetypes

            guessed, _ = mimetypes.guess_type(self.path)
            if guessed:
                return guessed
        return "application/octet-stream"

    def to_resource_content(self, mime_type: str | None = None, annotations: Any = None
                            ) -> Any:
        """The file as an ``EmbeddedResource`` block."""
        from urllib.parse import quote

        from ferromcp.types import BlobResourceContents, EmbeddedResource, TextResourceContents

        if self.path:
            raw = self.path.read_bytes()
            uri = self.path.resolve().as_uri()
        else:
            raw = self.data or b""
            suffix = (f".{self._format.lower()}" if self._format
                      else f".{self._mime_type.split('/')[1]}")
            if self._name:
                uri = "file:///" + quote(self._name if Path(self._name).suffix
                                         else self._name + suffix)
            else:
                uri = f"file:///resource{suffix}"
        mime = mime_type or self._mime_type
        if mime.startswith("text/"):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            resource: Any = TextResourceContents(uri=uri, mimeType=mime, text=text)
        else:
            resource = BlobResourceContents(uri=uri, mimeType=mime,
                                            blob=base64.b64encode(raw).decode())
        return EmbeddedResource(type="resource", resource=resource,
                                annotations=annotations or self.annotations)


def _read_b64(path: Path | None, data: bytes | None, what: str) -> str:
    if path:
        return base64.b64encode(path.read_bytes()).decode()
    if data is not None:
        return base64.b64encode(data).decode()
    raise ValueError(f"No {what} data available")


def _is_content_block(value: Any) -> bool:
    return type(value).__name__ in _CONTENT_NAMES and getattr(value, "type", None) in (
        "text", "image", "audio", "resource", "resource_link")


def _to_content(result: Any, compact: bool = False) -> list[Any]:
    """The official ``_convert_to_content``: text blocks are ``{"type": "text", ...}`` dicts;
    ``compact`` writes other values as compact JSON, as fastmcp does."""
    if result is None:
        return []
    if isinstance(result, str):
        return [{"type": "text", "text": result}]
    if _is_content_block(result):
        return [result]
    to_image = getattr(result, "to_image_content", None)
    if to_image is not None and type(result).__name__ == "Image":
        return [to_image()]
    to_audio = getattr(result, "to_audio_content", None)
    if to_audio is not None and type(result).__name__ == "Audio":
        return [to_audio()]
    to_resource = getattr(result, "to_resource_content", None)
    if to_resource is not None and type(result).__name__ == "File":
        return [to_resource()]
    if isinstance(result, list | tuple):
        if compact and not result:
            return []  # fastmcp: an empty list is an empty list of content blocks
        if compact and not any(_is_content_block(i)
                               or type(i).__name__ in ("Image", "Audio", "File")
                               for i in result):
            # fastmcp: a list of plain values is one JSON text.
            return [{"type": "text", "text": json.dumps(_jsonable(result), ensure_ascii=False,
                                                        separators=(",", ":"))}]
        out: list[Any] = []
        for item in result:
            out.extend(_to_content(item, compact))
        return out
    if compact:
        return [{"type": "text", "text": json.dumps(_jsonable(result), ensure_ascii=False,
                                                    separators=(",", ":"))}]
    return [{"type": "text", "text": _to_json_text(result)}]


def _field(obj: Any, camel: str, snake: str) -> Any:
    value = getattr(obj, camel, None)
    return getattr(obj, snake, None) if value is None else value


# What a tool's return type is, decided once per type (results are checked on every call):
# 1 a CallToolResult, 2 a 2.x InputRequiredResult, 3 fastmcp's ToolResult, 0 anything else.
# Bounded, for classes made on the fly.
_RESULT_KINDS: dict[type, int] = {}


def _result_kind(tp: type) -> int:
    kind = _RESULT_KINDS.get(tp)
    if kind is None:
        kind = 1 if _is_call_tool_result_class(tp) else 2 if _is_input_required(tp) else (
            3 if getattr(tp, "__ferromcp_tool_result__", False) else 0)
        if len(_RESULT_KINDS) < 1024:
            _RESULT_KINDS[tp] = kind
    return kind


def _is_call_tool_result(value: Any) -> bool:
    return _result_kind(type(value)) == 1


# --- the function ------------------------------------------------------------------------------


def _is_async_callable(obj: Any) -> bool:
    while isinstance(obj, functools.partial):
        obj = obj.func
    return inspect.iscoroutinefunction(obj) or (
        callable(obj) and inspect.iscoroutinefunction(getattr(obj, "__call__", None)))  # noqa: B004


class FunctionSchema:
    """What a tool needs from its function, computed once by :func:`inspect_function`.

    Attributes:
        name: the tool name (``name=`` or the function's name).
        fn_name: the function's ``__name__`` (schema titles use it, as the official SDK does).
        description: ``fn.__doc__`` or ``""``, as the official SDK describes a tool.
        input_schema: JSON Schema of the arguments (``<fn>Arguments``).
        output_schema: JSON Schema of ``structuredContent``, or None.
        wrap_output: whether the return value is published as ``{"result": value}``.
        context_param: the parameter receiving the request ``Context``, or None.
        is_async: whether calling the function returns an awaitable.
        parameters: the argument names, in signature order (context excluded).
    """

    __slots__ = ("_arg_model", "_fast", "_model", "_output", "_params", "compact_json",
                 "context_param", "description", "fn_name", "input_schema", "is_async", "name",
                 "output_schema", "parameters", "plain_arguments", "scalar_output",
                 "wrap_output")

    def __init__(self, *, name: str, fn_name: str, description: str,
                 input_schema: dict[str, Any], output: _Output | None,
                 context_param: str | None, is_async: bool, params: list[_Param]) -> None:
        self.name = name
        self.fn_name = fn_name
        self.description = description
        self.input_schema = input_schema
        self._output = output
        self.output_schema = output.schema if output is not None else None
        self.wrap_output = output.wrap if output is not None else False
        self.context_param = context_param
        self.is_async = is_async
        self._params = params
        self.parameters = tuple(p.name for p in params)
        fast = all(isinstance(p.node, _StrNode | _IntNode | _FloatNode | _BoolNode)
                   and not p.copy_default and p.fill is None for p in params)
        self._fast: tuple[tuple[str, type, bool], ...] | None = tuple(
            (p.name, _FAST_TYPES[type(p.node)], p.required) for p in params) if fast else None
        #: ``plain_arguments(args)``: whether ``args`` already are the keyword arguments, as is
        #: (only parameters of the function, each exactly of its simple type); ``fn(**args)``
        #: then skips :meth:`convert_arguments`. Always False for other signatures.
        self.plain_arguments: Callable[[Any], bool] = (
            PlainArguments(list(self._fast)) if self._fast is not None else _never)
        #: The ``str``/``int``/``float``/``bool`` return type published as ``{"result": value}``,
        #: if that is the output: a value of exactly this type serialises without other checks.
        self.scalar_output: type | None = output.scalar if output is not None else None
        self._arg_model: Any = None
        #: Whether a returned value is written as compact JSON text (fastmcp) rather than
        #: indented (the official SDKs).
        self.compact_json = False
        #: The model a server put in place of :attr:`arg_model`; it then converts arguments.
        self._model: Any = None

    def __repr__(self) -> str:
        return f"FunctionSchema(name={self.name!r}, parameters={self.parameters!r})"

    # --- the official ``FuncMetadata`` surface (``tool.fn_metadata``) ---------------------------

    @property
    def arg_model(self) -> Any:
        """The pydantic model of the arguments (``<fn>Arguments``), as ``FuncMetadata.arg_model``
        of the official SDKs; built on first use (pydantic is needed then, not before).

        Arguments are converted by ferromcp's own converters, which answer as this model
        would. Assign another model (a subclass of this one, say) and it converts the
        arguments of later calls instead: ``model_validate`` of the pre-parsed arguments, then
        ``model_dump_one_level()``, as the official SDKs call it.
        """
        if self._arg_model is None:
            self._arg_model = _argument_model(self.fn_name, self._params)
        return self._arg_model

    @arg_model.setter
    def arg_model(self, model: Any) -> None:
        self._arg_model = model
        self._model = model
        self._fast = None
        self.plain_arguments = _never

    @property
    def arg_model_replaced(self) -> bool:
        """Whether a server assigned :attr:`arg_model` (its model then converts arguments)."""
        return self._model is not None

    def pre_parse_json(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """``data`` with JSON text parsed where a non-``str`` field got a string holding a JSON
        array, object, ``true``/``false`` or ``null`` (clients send lists as text)."""
        fields: dict[str, Any] = {}
        for name, info in self.arg_model.model_fields.items():
            fields[name] = info
            if info.alias:
                fields[info.alias] = info
        out = dict(data)
        for key, value in data.items():
            info = fields.get(key)
            if info is not None and isinstance(value, str) and info.annotation is not str:
                out[key] = _preparse(value)
        return out

    def validate_arguments(self, arguments: Mapping[str, Any]) -> dict[str, Any]:
        """The keyword arguments for ``arguments`` (:meth:`convert_arguments`; the official
        ``FuncMetadata.validate_arguments``)."""
        return self.convert_arguments(arguments)

    def _model_arguments(self, args: Mapping[str, Any]) -> dict[str, Any]:
        from pydantic import ValidationError

        try:
            parsed = self._model.model_validate(self.pre_parse_json(args))
        except ValidationError as e:
            raise ArgumentError(e.title, _issues_from_pydantic(e)) from None
        return dict(parsed.model_dump_one_level())

    @staticmethod
    def is_passthrough(value: Any) -> bool:
        """Whether a return value is a complete result to send as it is: a ``CallToolResult``
        (``ferromcp.types`` or ``mcp.types``), a 2.x ``InputRequiredResult`` or fastmcp's
        ``ToolResult``."""
        return _result_kind(type(value)) != 0

    def check_passthrough(self, value: Any) -> None:
        """Validates a returned ``CallToolResult``'s structured content against the output type,
        as the official SDK does before sending it (skipped for ``isError`` results).

        Args:
            value: the ``CallToolResult`` the function returned.

        Raises:
            ArgumentError: the structured content does not fit the return annotation.
        """
        if (self._output is not None and _is_call_tool_result(value)
                and not _field(value, "isError", "is_error")):
            self._output.structure(_field(value, "structuredContent", "structured_content"))

    def convert_arguments(self, args: Mapping[str, Any]) -> dict[str, Any]:
        """The keyword arguments to call the function with.

        ``args`` are the tool call's JSON arguments (normally already valid against
        :attr:`input_schema`). Unknown keys are dropped; the context parameter is not filled.

        Args:
            args: the ``arguments`` of a ``tools/call``.

        Returns:
            Python values by parameter name.

        Raises:
            ArgumentError: an argument is missing or cannot be converted.
        """
        fast = self._fast
        if fast is not None:
            out: dict[str, Any] = {}
            for name, tp, required in fast:
                if name in args:
                    value = args[name]
                    if type(value) is not tp:
                        if tp is float and type(value) is int:
                            value = float(value)
                        else:
                            return self._convert(args)
                    out[name] = value
                elif required:
                    return self._convert(args)
            return out
        return self._convert(args)

    def _convert(self, args: Mapping[str, Any]) -> dict[str, Any]:
        if self._model is not None:
            return self._model_arguments(args)
        parsed = dict(args)
        for p in self._params:
            if p.preparse and type(parsed.get(p.name)) is str:
                parsed[p.name] = _preparse(parsed[p.name])
        out: dict[str, Any] = {}
        issues: list[_Issue] = []
        for p in self._params:
            if p.name in parsed:
                try:
                    out[p.name] = p.convert(parsed[p.name])
                except _Invalid as err:
                    issues.extend(_prefixed(err.issues, p.name))
            elif p.required:
                issues.append(_Issue("missing", (p.name,), "Field required", parsed))
            elif p.fill is not None:
                out[p.name] = p.fill()
            elif p.copy_default:
                out[p.name] = copy.deepcopy(p.default)
        if issues:
            raise ArgumentError(f"{self.fn_name}Arguments", issues)
        return out

    async def call_fn_with_arg_validation(self, fn: Callable[..., Any], fn_is_async: bool,
                                          arguments_to_validate: Mapping[str, Any],
                                          arguments_to_pass_directly: Mapping[str, Any] | None
                                          ) -> Any:
        """Calls ``fn`` with ``arguments_to_validate`` converted (:meth:`convert_arguments`) and
        ``arguments_to_pass_directly`` as they are (the official ``FuncMetadata`` method).

        Raises:
            ArgumentError: an argument is missing or cannot be converted.
        """
        kwargs = self.convert_arguments(arguments_to_validate)
        kwargs.update(arguments_to_pass_directly or {})
        result = fn(**kwargs)
        return await result if fn_is_async or inspect.isawaitable(result) else result

    def convert_result(self, result: Any) -> Any:
        """The function's return value as the official low-level tool handler takes it: the
        content blocks, or ``(content, structured)`` when the function has an output schema.
        A ``CallToolResult`` is returned as it is."""
        if _is_call_tool_result(result):
            return result
        content, structured = self.serialize_result(result)
        return content if self._output is None else (content, structured)

    def serialize_result(self, value: Any) -> tuple[list[Any], dict[str, Any] | None]:
        """The tool result for the function's return value.

        A ``CallToolResult`` gives its own content and structured content (checked against the
        output type when there is one); to keep its ``isError`` / ``_meta``, test
        :meth:`is_passthrough` first and send it as it is after :meth:`check_passthrough`.

        Args:
            value: what the function returned.

        Returns:
            ``(content, structured)``: content blocks (``{"type": "text", ...}`` dicts and block
            objects) and the ``structuredContent`` object, or None without an output schema.

        Raises:
            ArgumentError: the value does not fit the return annotation.
        """
        if _is_call_tool_result(value):
            self.check_passthrough(value)
            # 1.x models name fields in camelCase, 2.x (mcp_types) in snake_case.
            return list(value.content), _field(value, "structuredContent", "structured_content")
        output = self._output
        if output is not None and type(value) is output.scalar:
            return _scalar_content(value)
        content = _to_content(value, self.compact_json)
        if output is None:
            return content, self._bare_structure(value) if self.compact_json else None
        return content, output.structure({"result": value} if output.wrap else value)

    @staticmethod
    def _bare_structure(value: Any) -> Any:
        """fastmcp: without an output schema, a value that serialises to an object (a dict, a
        model, a dataclass) is also the ``structuredContent``; content blocks are not."""
        if _is_content_block(value) or type(value).__name__ in ("Image", "Audio", "File"):
            return None
        try:
            structured = _jsonable(value)
        except Exception:  # noqa: BLE001 - then there is no structured form
            return None
        return structured if isinstance(structured, dict) else None


_FAST_TYPES: dict[type, type] = {_StrNode: str, _IntNode: int, _FloatNode: float, _BoolNode: bool}


def _never(_: Any) -> bool:
    return False


def _scalar_content(value: Any) -> tuple[list[Any], dict[str, Any]]:
    text = value if type(value) is str else _json_pretty(value)
    return [{"type": "text", "text": text}], {"result": value}


def scalar_result(value: Any) -> dict[str, Any]:
    """The ``tools/call`` result for a value of :attr:`FunctionSchema.scalar_output`'s type."""
    content, structured = _scalar_content(value)
    return {"content": content, "structuredContent": structured, "isError": False}


def inspect_function(fn: Callable[..., Any], *, name: str | None = None,
                     structured_output: bool | None = None, generation: int = 1,
                     skip_names: Sequence[str] = (),
                     is_context: Callable[[Any], bool] | None = None,
                     bare_dict_output: bool = False) -> FunctionSchema:
    """Derives a tool's schemas and converters from ``fn``'s signature.

    Args:
        fn: the tool function (sync or async; a callable object works too).
        name: the tool name (default: ``fn.__name__``). Schema titles always use
            ``fn.__name__``, as the official SDK does.
        structured_output: None derives structured output from the return annotation; True
            requires it; False turns it off.
        generation: the official SDK generation whose output rules to follow: 1 (``mcp`` 1.x
            ``FastMCP``) or 2 (``mcp`` 2.x ``MCPServer``, which publishes TypedDict returns as they
            are and gives content-block returns no output schema).
        skip_names: parameters the caller fills itself (left out of the schema).
        is_context: decides whether a parameter annotation is the request ``Context``; the
            default recognises ``Context`` classes of ferromcp, ``mcp`` and ``fastmcp``, their
            subclasses, ``Context[...]`` and ``Context | None``.
        bare_dict_output: read a bare ``dict`` return annotation as ``dict[str, Any]`` (fastmcp
            gives such a tool structured output; the official SDKs give it none).

    Returns:
        The :class:`FunctionSchema`.

    Raises:
        InvalidSignature: the signature cannot be used (unresolvable annotations, a parameter
            starting with ``_``, an annotation needing pydantic without pydantic installed,
            ``structured_output=True`` with an unserialisable return type, ...).
    """
    fn_name = getattr(fn, "__name__", None) or type(fn).__name__
    try:
        sig = inspect.signature(fn, eval_str=True)
    except NameError as e:
        raise InvalidSignature(
            f"Unable to evaluate type annotations for callable {fn_name!r}") from e
    target = inspect.unwrap(fn) if callable(fn) else fn
    globalns: dict[str, Any] = getattr(target, "__globals__", None) or getattr(
        sys.modules.get(getattr(target, "__module__", "") or ""), "__dict__", {})
    context_check = is_context or _default_is_context

    context_param: str | None = None
    params: list[_Param] = []
    for p in sig.parameters.values():
        if p.name.startswith("_"):
            raise InvalidSignature(f"Parameter {p.name} of {fn_name} cannot start with '_'")
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue  # a difference from the official schema: see the module docstring
        if context_param is None and p.annotation is not _EMPTY and context_check(p.annotation):
            context_param = p.name
            continue
        if p.name in skip_names:
            continue
        params.append(_Param(p.name, p.annotation, p.default))

    input_schema = _input_schema(fn_name, params, globalns)
    returns = sig.return_annotation
    if bare_dict_output and returns is dict:
        returns = dict[str, Any]
    output = _output_plan(fn_name, returns, structured_output, generation, globalns)
    return FunctionSchema(name=name or fn_name, fn_name=fn_name,
                          description=getattr(fn, "__doc__", None) or "",
                          input_schema=input_schema, output=output, context_param=context_param,
                          is_async=_is_async_callable(fn), params=params)


def _input_schema(fn_name: str, params: list[_Param], globalns: dict[str, Any]) -> dict[str, Any]:
    builder = _Builder(globalns)
    needs_pydantic = False
    for p in params:
        try:
            if p.default is not _EMPTY and _pydantic_metadata(p.default):
                raise _NeedsPydantic(p.default)
            p.node = builder.build(p.annotation)
        except _NeedsPydantic:
            needs_pydantic = True
            continue
        except _ContentModel as e:
            raise InvalidSignature(f"Parameter {p.name} of {fn_name}: {e.args[0].__name__} is "
                                   "not supported as an argument type") from None
        p.convert = _pure_converter(p.node)
    if needs_pydantic:
        return _pydantic_arguments(fn_name, params)
    gen = _Gen()
    props = {}
    for p in params:
        assert p.node is not None
        if p.annotation is _EMPTY:
            # Any JSON value; the official SDK advertises "type": "string" here.
            prop = {"title": p.name}
            if p.default is not _EMPTY:
                try:
                    prop["default"] = _encode_default(p.default)
                except _Unserializable:
                    pass
            props[p.name] = prop
        else:
            props[p.name] = _field_schema(gen, p.node, p.name, p.default)
    root: dict[str, Any] = {"properties": props}
    required = [p.name for p in params if p.required]
    if required:
        root["required"] = required
    root["title"] = f"{fn_name}Arguments"
    root["type"] = "object"
    return gen.finish(root)


# --- elicitation -------------------------------------------------------------------------------

_ELICITATION_PRIMITIVES = (str, int, float, bool)


def _elicitation_field_ok(annotation: Any) -> bool:
    if annotation is None or annotation is _NoneType or annotation in _ELICITATION_PRIMITIVES:
        return True
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if _is_union(annotation):
        return all(a is _NoneType or a in _ELICITATION_PRIMITIVES or _string_sequence(a)
                   for a in args)
    return _string_sequence(annotation) if origin is not None else False


def _string_sequence(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    try:
        return (origin is not None and issubclass(origin, cabc.Sequence)
                and typing.get_args(annotation) == (str,))
    except TypeError:
        return False


def elicitation_schema(shape: Any) -> tuple[dict[str, Any], Callable[[dict[str, Any]], Any]]:
    """The ``requestedSchema`` for ``ctx.elicit`` and a builder for the accepted content.

    The official SDK takes a pydantic model; a dataclass or TypedDict works here too (without
    pydantic). Fields must be primitives (``str``, ``int``, ``float``, ``bool``), sequences of
    strings, or optional ones of those.

    Args:
        shape: a pydantic ``BaseModel`` subclass, a dataclass or a TypedDict.

    Returns:
        ``(schema, build)``: the JSON Schema, and a function turning the client's ``content``
        into an instance of ``shape`` (``ArgumentError`` or pydantic's ``ValidationError`` if it
        does not fit).

    Raises:
        TypeError: ``shape`` is not one of those, or has a field of another type.
    """
    if _is_base_model(shape):
        return _render_elicitation_model(shape), shape.model_validate
    if not (_is_typeddict(shape) or (dataclasses.is_dataclass(shape) and isinstance(shape, type))):
        raise TypeError(f"elicitation schema must be a pydantic model, a dataclass or a "
                        f"TypedDict, not {shape!r}")
    for field_name, hint in typing.get_type_hints(shape).items():
        if not _elicitation_field_ok(hint):
            raise TypeError(_elicitation_error(field_name))
    try:
        node = _Builder().build(shape)
    except _NeedsPydantic as e:
        raise TypeError(f"elicitation schema {shape.__name__}: unsupported field type "
                        f"{e.args[0]!r}") from None
    assert isinstance(node, _RefNode)
    gen = _Gen()
    schema = gen.finish_root_ref(gen.ref(node))
    validate = node.validate

    def build(content: dict[str, Any]) -> Any:
        try:
            return validate(content)[0]
        except _Invalid as err:
            raise ArgumentError(shape.__name__, err.issues) from None

    return schema, build


def _render_elicitation_model(shape: Any) -> dict[str, Any]:
    """A pydantic model as the spec's ``requestedSchema``, as ``mcp`` 2.x renders it: ``T | None``
    flattened to ``T`` (an optional field is one left out of ``required``), ``None`` defaults
    dropped, enum classes inlined, and every property checked against the spec's
    ``PrimitiveSchemaDefinition`` (strings, numbers, booleans, single- and multi-select enums,
    titled or not)."""
    schema = shape.model_json_schema()
    defs = schema.pop("$defs", {})
    props = schema.get("properties", {})
    for name, prop in list(props.items()):
        prop = _inline_ref(prop, defs)
        any_of = prop.get("anyOf")
        if isinstance(any_of, list):
            branches = [b for b in any_of if b != {"type": "null"}]
            if len(branches) == 1 and len(branches) < len(any_of):
                flat = dict(_inline_ref(branches[0], defs))
                flat.update((k, v) for k, v in prop.items() if k != "anyOf")
                prop = flat
        if "default" in prop and prop["default"] is None:
            del prop["default"]
        if isinstance(prop.get("items"), dict):
            prop["items"] = _inline_ref(prop["items"], defs)
        if not _primitive_property(prop):
            raise TypeError(f"Elicitation schema field {name!r} rendered as {prop!r}, which is "
                            "not a valid PrimitiveSchemaDefinition")
        props[name] = prop
    return schema


def _inline_ref(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return prop
    out = dict(defs.get(ref.rsplit("/", 1)[-1], {}))
    out.update((k, v) for k, v in prop.items() if k != "$ref")
    return out


def _primitive_property(prop: dict[str, Any]) -> bool:
    """Whether ``prop`` is one of the spec's primitive schema shapes."""
    kind = prop.get("type")
    if kind in ("string", "number", "integer", "boolean"):
        return True
    if kind is None and isinstance(prop.get("enum"), list):
        return all(isinstance(v, str) for v in prop["enum"])
    if kind == "array":
        items = prop.get("items")
        if not isinstance(items, dict):
            return False
        if isinstance(items.get("enum"), list):
            return True
        choices = items.get("anyOf") or items.get("oneOf")
        return isinstance(choices, list) and all(
            isinstance(c, dict) and "const" in c for c in choices)
    return False


def _elicitation_error(field_name: str) -> str:
    return (f"Elicitation schema field '{field_name}' must be a primitive type "
            f"{_ELICITATION_PRIMITIVES}, a sequence of strings (list[str], etc.), or Optional of "
            "these types. Nested models and complex types are not allowed.")
