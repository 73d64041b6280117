"""The error classes cover the core's error table exactly, and registration errors use them."""

from __future__ import annotations

import pytest

from ferromcp import _core, errors
from ferromcp.shared.exceptions import MCPError, McpError


def test_classes_cover_the_core_table() -> None:
    table = dict(_core.error_kinds())
    assert set(errors.CLASSES) | {"cancelled"} == set(table)
    for kind, cls in errors.CLASSES.items():
        err = cls("m")
        assert isinstance(err, McpError)
        assert err.code == (table[kind] if table[kind] is not None else 0)
        assert err.message == "m"
    assert issubclass(errors.SchemaError, ValueError)
    assert issubclass(errors.TransportError, OSError)


def test_both_generation_constructors() -> None:
    from ferromcp.types import INVALID_PARAMS, ErrorData

    one = McpError(ErrorData(code=INVALID_PARAMS, message="bad", data={"x": 1}))
    two = MCPError(INVALID_PARAMS, "bad", {"x": 1})
    assert one.error == two.error
    assert (two.code, two.message, two.data) == (-32602, "bad", {"x": 1})
    assert str(one) == "bad"
    assert MCPError.from_jsonrpc_error({"error": {"code": 1, "message": "m"}}).code == 1


def test_bad_tool_schema_fails_at_registration() -> None:
    registry = _core.Registry()

    async def runner(slot: object, ctx: object, params: object) -> None:
        return None

    with pytest.raises(errors.SchemaError, match="invalid schema for t inputSchema"):
        registry.add_tool({"name": "t", "inputSchema": {"type": 12}}, runner)
    with pytest.raises(ValueError):
        registry.add_tool({"name": "t", "inputSchema": {"type": "object", "minProperties": -1}},
                          runner)
