"""How ``ferromcp.types`` models take their keywords (the native constructor in ``_core``)."""

from __future__ import annotations

import pytest

from ferromcp import types as t


def test_fields_come_in_field_order_under_wire_names() -> None:
    r = t.CallToolResult(is_error=True, content=[], structured_content={"a": 1})
    assert list(r.__dict__) == ["_meta", "content", "structuredContent", "isError"]
    assert r.isError is True and r.is_error is True
    assert r.structuredContent == {"a": 1}


def test_defaults_fill_what_no_keyword_gave() -> None:
    c = t.TextContent(text="hi")
    assert c.__dict__ == {"type": "text", "text": "hi", "annotations": None, "_meta": None}
    a, b = t.CallToolResult(), t.CallToolResult()
    assert a.content == [] and a.content is not b.content
    assert a.isError is False


def test_the_wire_spelling_wins_over_the_snake_case_one() -> None:
    r = t.CallToolResult(content=[], isError=True, is_error=False)
    assert r.isError is True
    assert "is_error" not in r.__dict__


def test_unknown_keywords_are_kept_after_the_fields() -> None:
    c = t.TextContent(text="hi", extra=1, another="x")
    assert list(c.__dict__)[-2:] == ["extra", "another"]
    assert c.extra == 1


def test_a_missing_required_field_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="'text'"):
        t.TextContent()
    with pytest.raises(TypeError, match="keyword arguments only"):
        t.TextContent("hi")


def test_nested_dicts_become_models() -> None:
    r = t.CallToolResult(content=[{"type": "text", "text": "x"}, t.TextContent(text="y")])
    assert [type(c) for c in r.content] == [t.TextContent, t.TextContent]
    assert [c.text for c in r.content] == ["x", "y"]
    tool = t.Tool(name="n", input_schema={}, annotations={"readOnlyHint": True})
    assert isinstance(tool.annotations, t.ToolAnnotations)
    assert tool.inputSchema == {}
