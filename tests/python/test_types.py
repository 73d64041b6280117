"""How ``ferromcp.types`` models take their keywords (the native constructor in ``_core``), and the
rest of the official ``mcp.types`` names (unions, adapters, JSON-RPC envelopes, 2.x types)."""

from __future__ import annotations

import json
import subprocess
import sys

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


# --- the rest of the official mcp.types (1.30 and 2.3) ------------------------------------------

def test_capabilities_and_sampling_types_take_both_spellings() -> None:
    roots = t.RootsCapability(list_changed=True)
    assert roots.listChanged is True and roots.list_changed is True
    caps = t.ClientCapabilities(roots=roots, sampling=t.SamplingCapability(tools={}))
    assert caps.roots is roots and caps.sampling.tools == {}
    params = t.CreateMessageRequestParams(
        messages=[{"role": "user", "content": {"type": "text", "text": "hi"}}], maxTokens=5,
        tool_choice={"mode": "auto"})
    assert isinstance(params.messages[0], t.SamplingMessage)
    assert isinstance(params.messages[0].content, t.TextContent)
    assert params.max_tokens == 5 and isinstance(params.toolChoice, t.ToolChoice)
    use = t.ToolUseContent(name="add", id="1", input={"a": 1})
    assert use.model_dump(exclude_none=True) == {"type": "tool_use", "name": "add", "id": "1",
                                                 "input": {"a": 1}}
    result = t.ToolResultContent(tool_use_id="1", content=[{"type": "text", "text": "2"}])
    assert result.toolUseId == "1" and isinstance(result.content[0], t.TextContent)


def test_elicitation_and_task_types() -> None:
    url = t.ElicitRequestURLParams(message="m", url="https://x", elicitation_id="e")
    assert url.mode == "url" and url.elicitationId == "e"
    form = t.ElicitRequestFormParams(message="m", requestedSchema={"type": "object"})
    assert form.mode == "form" and form.requested_schema == {"type": "object"}
    data = t.ElicitationRequiredErrorData(elicitations=[url.model_dump()])
    assert isinstance(data.elicitations[0], t.ElicitRequestURLParams)
    task = {"taskId": "t", "status": t.TASK_STATUS_WORKING, "createdAt": "c",
            "lastUpdatedAt": "u", "ttl": None}
    created = t.CreateTaskResult(task=task)
    assert isinstance(created.task, t.Task) and created.task.task_id == "t"
    got = t.GetTaskResult(**task, _meta={"k": 1})
    assert got.status == "working" and got.meta == {"k": 1}
    assert isinstance(got, t.Result) and isinstance(got, t.Task)
    assert t.TASK_REQUIRED == "required" and t.TaskMetadata(ttl=5).ttl == 5


def test_2026_era_results_have_their_defaults() -> None:
    discover = t.DiscoverResult(supported_versions=["2026-07-28"], capabilities={})
    assert discover.ttlMs == 0 and discover.cache_scope == "private"
    assert discover.resultType == "complete"
    assert t.InputRequiredResult().result_type == "input_required"
    assert t.UnsupportedProtocolVersionErrorData(supported=["a"], requested="b").requested == "b"
    assert t.HEADER_MISMATCH == -32020 and t.UNSUPPORTED_PROTOCOL_VERSION == -32022
    assert t.PROTOCOL_VERSION_META_KEY == "io.modelcontextprotocol/protocolVersion"


def test_requests_and_notifications_carry_their_method() -> None:
    n = t.ResourceUpdatedNotification(params=t.ResourceUpdatedNotificationParams(uri="a://b"))
    assert n.method == "notifications/resources/updated"
    assert n.model_dump(exclude_none=True) == {"method": "notifications/resources/updated",
                                               "params": {"uri": "a://b"}}
    assert t.ToolListChangedNotification().method == "notifications/tools/list_changed"
    assert t.ListRootsRequest().method == "roots/list"
    assert issubclass(t.ListToolsRequest, t.PaginatedRequest)
    # The official generic spellings work in annotations.
    assert t.Request[t.RequestParams, str] is t.Request
    assert t.PaginatedRequest["tools/list"] is t.PaginatedRequest


def test_unions_wrap_like_1x_and_check_like_2x() -> None:
    result = t.CallToolResult(content=[t.TextContent(text="x")])
    wrapped = t.ServerResult(result)
    assert wrapped.root is result and wrapped.content == result.content
    assert wrapped.model_dump(exclude_none=True) == {"content": [{"type": "text", "text": "x"}],
                                                     "isError": False}
    assert isinstance(result, t.ServerResult) and isinstance(wrapped, t.ServerResult)
    assert not isinstance(result, t.ClientResult)
    assert wrapped == t.ServerResult(t.CallToolResult(content=[t.TextContent(text="x")]))
    # Built from a dict, the member is picked by method or by the fields it has.
    request = t.ClientRequest.model_validate({"method": "tools/call", "params": {"name": "a"}})
    assert type(request.root) is t.CallToolRequest
    assert type(t.ServerResult.model_validate({"tools": []}).root) is t.ListToolsResult
    assert type(t.ServerResult.model_validate({"content": []}).root) is t.CallToolResult
    assert type(t.ServerResult.model_validate({}).root) is t.EmptyResult
    assert type(t.ServerResult.model_validate({"resultType": "input_required"}).root) is (
        t.InputRequiredResult)
    with pytest.raises(ValueError, match="unknown method"):
        t.ClientRequest.model_validate({"method": "nope"})


def test_jsonrpc_messages_and_adapters() -> None:
    line = b'{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
    message = t.JSONRPCMessage.model_validate_json(line)
    assert type(message.root) is t.JSONRPCRequest and message.root.id == 1
    assert type(t.jsonrpc_message_adapter.validate_json(line)) is t.JSONRPCRequest
    error = t.jsonrpc_message_adapter.validate_python(
        {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "bad"}})
    assert type(error) is t.JSONRPCError and isinstance(error.error, t.ErrorData)
    note = t.server_notification_adapter.validate_python(
        {"method": "notifications/message", "params": {"level": "info", "data": "x"}})
    assert type(note) is t.LoggingMessageNotification
    assert t.server_result_adapter.dump_python(t.EmptyResult()) == {}
    assert json.loads(t.client_result_adapter.dump_json(t.ListRootsResult(roots=[]))) == {
        "roots": []}
    response = t.JSONRPCResponse(id=2, result={})
    assert json.loads(response.model_dump_json()) == {"jsonrpc": "2.0", "id": 2, "result": {}}


def test_version_and_jsonrpc_submodules() -> None:
    from ferromcp.types import jsonrpc, version

    assert version.HANDSHAKE_PROTOCOL_VERSIONS[-1] == version.LATEST_HANDSHAKE_VERSION
    assert version.LATEST_PROTOCOL_VERSION == t.LATEST_PROTOCOL_VERSION == "2025-11-25"
    assert version.LATEST_MODERN_VERSION == "2026-07-28"
    assert version.is_version_at_least("2025-11-25", "2025-03-26")
    assert not version.is_version_at_least("zzz", "2025-03-26")
    with pytest.raises(ValueError, match="known protocol version"):
        version.is_version_at_least("2025-11-25", "1999-01-01")
    assert jsonrpc.JSONRPCRequest is t.JSONRPCRequest and jsonrpc.PARSE_ERROR == -32700
    assert t.version is version


def test_the_rarer_types_load_only_when_used() -> None:
    code = ("import sys, ferromcp, ferromcp.types as t; "
            "assert 'ferromcp.types._extra' not in sys.modules; t.Task; "
            "assert 'ferromcp.types._extra' in sys.modules; assert 'Task' in vars(t); "
            "assert 'Task' in t.__all__ and 're' not in t.__all__; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "ok"

