"""What a handler returns that is not JSON already, as pydantic would serialise it in JSON mode
(URLs, datetimes, UUIDs, paths, decimals, enums, bytes, sets, tuples, dataclasses, models) — the
values official servers send without a second thought. With pydantic installed its own
serialiser decides; without it the common types are handled here the same way."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import decimal
import enum
import uuid
from pathlib import PurePath
from typing import Any


def to_jsonable(value: Any) -> Any:
    """``value`` as JSON-able Python data; ``TypeError`` if neither pydantic nor this knows it."""
    try:
        from pydantic_core import to_jsonable_python
    except ImportError:
        return _fallback(value)
    try:
        return to_jsonable_python(value)
    except Exception as exc:  # pydantic's PydanticSerializationError
        raise TypeError(str(exc)) from None


def _fallback(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return _duration(value)
    if isinstance(value, uuid.UUID | PurePath | decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes | bytearray):
        try:
            return bytes(value).decode()
        except UnicodeDecodeError:
            return base64.b64encode(value).decode()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot send a {type(value).__name__} to the client; return ferromcp.types "
                    "objects, dicts, lists or scalars")


def _duration(d: datetime.timedelta) -> str:
    """ISO 8601, as pydantic writes a timedelta (``PT1H30M``, ``P1DT2S``)."""
    seconds = d.total_seconds()
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    text = f"{sign}P{int(days)}D" if days else f"{sign}P"
    return f"{text}T{rest:g}S" if rest or not days else text
