"""Malformed and hostile input, sent as raw bytes to a low-level server over its real stdio pipes
(DESIGN.md §5): every bad message gets a precise answer, the same connection keeps serving, and
every request id is answered exactly once."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from peer import SERVERS
from rawwire import RawServer

V1 = SERVERS / "lowlevel_v1.py"
MAX_MESSAGE = 4 * 1024 * 1024
MAX_DEPTH = 64


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[RawServer]:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as server:
        server.initialize()
        yield server


def still_serves(raw: RawServer) -> None:
    """The connection still answers a valid tools/call."""
    r = raw.call("tools/call", {"name": "echo", "arguments": {"text": "still here"}})
    assert r.get("result") == {"content": [{"type": "text", "text": "still here"}],
                               "isError": False}, r


def note_echoed_id(raw: RawServer, m: dict, rid: object) -> None:
    """A reply that could read the id of a rejected message counts as that id's one answer."""
    assert m["id"] in (None, rid), m
    if m["id"] is not None:
        raw.sent_ids.append(rid)


def error_reply(m: object) -> dict:
    assert isinstance(m, dict) and "error" in m, m
    assert m["jsonrpc"] == "2.0"
    assert set(m) == {"jsonrpc", "id", "error"}, m
    assert isinstance(m["error"]["code"], int) and isinstance(m["error"]["message"], str)
    return m


def test_invalid_json_is_a_parse_error_with_null_id(raw: RawServer) -> None:
    for junk in (b"{not json\n", b'{"jsonrpc":"2.0","id":1,"method":"ping"\n', b"\xff\xfe\n",
                 b'{"jsonrpc":"2.0","id":2,"method":"ping"}garbage\n'):
        raw.send_bytes(junk)
        m = error_reply(raw.recv())
        assert m["id"] is None
        assert m["error"]["code"] == -32700, (junk, m)
        still_serves(raw)
    raw.assert_each_id_answered_once()


@pytest.mark.parametrize(("line", "expected_id"), [
    pytest.param(b"42", None, id="a-number"),
    pytest.param(b'"tools/list"', None, id="a-string"),
    pytest.param(b"null", None, id="null"),
    pytest.param(b"{}", None, id="empty-object"),
    pytest.param(b'{"id":5,"method":"ping"}', 5, id="missing-jsonrpc"),
    pytest.param(b'{"jsonrpc":"1.0","id":6,"method":"ping"}', 6, id="wrong-version"),
    pytest.param(b'{"jsonrpc":2.0,"id":7,"method":"ping"}', 7, id="version-not-a-string"),
    pytest.param(b'{"jsonrpc":"2.0","id":null,"method":"ping"}', None, id="id-null"),
    pytest.param(b'{"jsonrpc":"2.0","id":1.5,"method":"ping"}', None, id="id-fraction"),
    pytest.param(b'{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}', None, id="id-object"),
    pytest.param(b'{"jsonrpc":"2.0","id":8,"method":5}', 8, id="method-not-a-string"),
    pytest.param(b'{"jsonrpc":"2.0","id":9,"method":"tools/list","params":"x"}', 9,
                 id="params-a-string"),
    pytest.param(b'{"jsonrpc":"2.0","id":10,"method":"tools/list","params":3}', 10,
                 id="params-a-number"),
])
def test_not_jsonrpc_is_invalid_request(raw: RawServer, line: bytes, expected_id: object) -> None:
    raw.send_bytes(line + b"\n")
    m = error_reply(raw.recv())
    assert m["error"]["code"] == -32600, m
    # JSON-RPC 2.0 §5: the id is echoed when it can be read, null otherwise.
    assert m["id"] == expected_id, m
    if expected_id is not None:
        raw.sent_ids.append(expected_id)
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_unknown_method_is_method_not_found_with_name(raw: RawServer) -> None:
    r = raw.call("foo/bar", {})
    assert error_reply(r)["error"]["code"] == -32601
    assert r["error"]["data"] == "foo/bar"
    still_serves(raw)
    # Without params, and with a name that looks like a real method family.
    r = raw.call("tools/frobnicate")
    assert r["error"]["code"] == -32601 and r["error"]["data"] == "tools/frobnicate"
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_unknown_notification_is_ignored(raw: RawServer) -> None:
    raw.notify("notifications/whatever", {"x": 1})
    raw.notify("foo/bar")
    still_serves(raw)
    # Notifications get no reply: the only replies are to our requests.
    raw.assert_each_id_answered_once()


def test_request_before_initialize_is_an_error(tmp_path: Path) -> None:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.call("tools/list")
        error_reply(r)
        assert r["error"]["code"] in (-32600, -32602), r
        r = raw.call("tools/call", {"name": "echo", "arguments": {"text": "x"}})
        error_reply(r)
        # ping is allowed at any time.
        assert raw.call("ping") == {"jsonrpc": "2.0", "id": raw.sent_ids[-1], "result": {}}
        # The connection is not spoiled: the handshake still works afterwards.
        init = raw.initialize()
        assert init["result"]["serverInfo"]["name"] == "lowlevel-v1"
        still_serves(raw)
        raw.assert_each_id_answered_once()


def test_second_initialize_is_an_error(raw: RawServer) -> None:
    r = raw.call("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                "clientInfo": {"name": "again", "version": "0"}})
    assert error_reply(r)["error"]["code"] in (-32600, -32602)
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_line_over_the_size_limit_is_an_error(raw: RawServer) -> None:
    big = "x" * (MAX_MESSAGE + 16)
    rid = raw.new_id()
    raw.send_bytes(json.dumps({"jsonrpc": "2.0", "id": rid, "method": "tools/call",
                               "params": {"name": "echo", "arguments": {"text": big}}}).encode()
                   + b"\n")
    m = error_reply(raw.recv(timeout=60))
    assert m["error"]["code"] in (-32600, -32700), m
    note_echoed_id(raw, m, rid)
    still_serves(raw)
    # A line arriving in pieces counts as one line: an oversize one split across many writes.
    chunk = b"y" * 65536
    raw.send_bytes(b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo",'
                   b'"arguments":{"text":"')
    for _ in range(MAX_MESSAGE // len(chunk) + 2):
        raw.send_bytes(chunk)
    raw.send_bytes(b'"}}}\n')
    m = error_reply(raw.recv(timeout=60))
    assert m["error"]["code"] in (-32600, -32700), m
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_large_message_under_the_limit_is_served(raw: RawServer) -> None:
    text = "z" * (1024 * 1024)
    r = raw.call("tools/call", {"name": "echo", "arguments": {"text": text}}, timeout=60)
    assert r["result"]["content"][0]["text"] == text
    raw.assert_each_id_answered_once()


def test_nesting_deeper_than_the_limit_is_an_error(raw: RawServer) -> None:
    depth = MAX_DEPTH + 6
    deep = "[" * depth + "1" + "]" * depth
    rid = raw.new_id()
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":{rid},"method":"tools/call","params":{{"name":"echo",'
                   f'"arguments":{{"text":"a","extra":{deep}}}}}}}\n'.encode())
    m = error_reply(raw.recv())
    assert m["error"]["code"] in (-32600, -32602, -32700), m
    note_echoed_id(raw, m, rid)
    still_serves(raw)
    # Far deeper than any parser's recursion limit: still an error, never a crash.
    depth = 100_000
    rid = raw.new_id()
    nested = "[" * depth + "]" * depth
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":{rid},"method":"ping","params":{{"a":{nested}}}}}\n'
                   .encode())
    m = error_reply(raw.recv())
    assert m["error"]["code"] in (-32600, -32700), m
    note_echoed_id(raw, m, rid)
    still_serves(raw)
    # Nesting within the limit is fine.
    ok = "[" * 20 + "1" + "]" * 20
    r = raw.call("tools/call",
                 {"name": "echo", "arguments": {"text": "ok", "extra": json.loads(ok)}})
    assert r["result"]["content"][0]["text"] == "ok"
    raw.assert_each_id_answered_once()


def test_tool_handler_exception_is_an_is_error_result(raw: RawServer) -> None:
    r = raw.call("tools/call", {"name": "fail", "arguments": {}})
    assert r["result"] == {"content": [{"type": "text", "text": "kaboom"}], "isError": True}
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_non_tool_handler_exception_is_a_jsonrpc_error(raw: RawServer) -> None:
    r = raw.call("resources/read", {"uri": "nope://missing"})
    error_reply(r)
    # The official low-level server (1.x and 2.x) answers code 0 with the exception text.
    assert r["error"]["code"] == 0
    assert r["error"]["message"] == "Unknown resource: nope://missing"
    still_serves(raw)
    r = raw.call("prompts/get", {"name": "greet", "arguments": {}})
    assert error_reply(r)["error"]["message"] == "Missing required argument: name"
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_tools_call_without_name_is_invalid_params(raw: RawServer) -> None:
    for params in ({}, {"arguments": {"text": "x"}}, {"name": 5}, {"name": None}):
        r = raw.call("tools/call", params)
        assert error_reply(r)["error"]["code"] == -32602, (params, r)
        still_serves(raw)
    r = raw.call("tools/call")  # no params at all
    assert error_reply(r)["error"]["code"] == -32602, r
    r = raw.call("tools/call", {"name": "echo", "arguments": "text"})
    assert error_reply(r)["error"]["code"] == -32602, r
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_arguments_failing_the_schema_are_an_is_error_result(raw: RawServer) -> None:
    r = raw.call("tools/call", {"name": "add", "arguments": {"a": 1}})
    assert r["result"]["isError"] is True
    assert r["result"]["content"][0]["text"].startswith("Input validation error: ")
    assert "'b'" in r["result"]["content"][0]["text"] or '"b"' in r["result"]["content"][0]["text"]
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_bad_params_for_builtins_are_invalid_params(raw: RawServer) -> None:
    r = raw.call("logging/setLevel", {"level": "verbose"})
    assert error_reply(r)["error"]["code"] == -32602
    r = raw.call("resources/subscribe", {})
    assert error_reply(r)["error"]["code"] == -32602
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_batch_gets_an_array_of_responses(tmp_path: Path) -> None:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize("2025-03-26")  # the revision with JSON-RPC batching
        raw.send([
            {"jsonrpc": "2.0", "id": 20, "method": "ping"},
            {"jsonrpc": "2.0", "id": 21, "method": "tools/call",
             "params": {"name": "echo", "arguments": {"text": "in a batch"}}},
            {"jsonrpc": "2.0", "method": "notifications/whatever"},
            {"jsonrpc": "2.0", "id": 22, "method": "foo/bar"},
            {"jsonrpc": "2.0", "id": 23, "method": "tools/call",
             "params": {"name": "fail", "arguments": {}}},
        ])
        reply = raw.wait_for(lambda m: isinstance(m, list))
        by_id = {m["id"]: m for m in reply}
        assert sorted(by_id) == [20, 21, 22, 23], reply  # the notification gets no entry
        assert by_id[20]["result"] == {}
        assert by_id[21]["result"]["content"][0]["text"] == "in a batch"
        assert by_id[22]["error"]["code"] == -32601
        assert by_id[23]["result"]["isError"] is True
        still_serves(raw)
        # Invalid members are answered in place; the valid ones still run.
        raw.send_bytes(b'[5, {"jsonrpc":"2.0","id":30,"method":"ping"}]\n')
        reply = raw.wait_for(lambda m: isinstance(m, list))
        raw.sent_ids.append(30)
        assert len(reply) == 2, reply
        assert any(m.get("id") == 30 and m.get("result") == {} for m in reply)
        assert any(m.get("id") is None and m["error"]["code"] == -32600 for m in reply)
        # An empty batch is an invalid request.
        raw.send_bytes(b"[]\n")
        m = raw.recv()
        assert isinstance(m, dict) and m["error"]["code"] == -32600 and m["id"] is None, m
        # A batch of notifications only gets no reply at all.
        raw.send([{"jsonrpc": "2.0", "method": "notifications/whatever"}])
        still_serves(raw)
        raw.assert_each_id_answered_once()


def test_gauntlet_on_one_connection(raw: RawServer) -> None:
    """Every kind of bad input in a row on one connection, then the id bookkeeping."""
    bad = [b"{oops", b"42", b'{"id":1,"method":"ping"}',
           b'{"jsonrpc":"2.0","id":null,"method":"ping"}',
           b'{"jsonrpc":"2.0","id":2,"method":7}',
           b'{"jsonrpc":"2.0","id":3,"method":"x","params":"s"}',
           b'{"jsonrpc":"2.0","id":4,"method":"foo/bar"}',
           b'{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{}}',
           b'{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"fail","arguments":{}}}',
           b'{"jsonrpc":"2.0","id":7,"method":"resources/read","params":{"uri":"nope://"}}',
           b'{"jsonrpc":"2.0","id":8,"method":"ping","params":' + b'{"a":' * 300 + b"1"
           + b"}" * 300 + b"}",
           (b'{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"add",'
            b'"arguments":{"a":"1","b":2}}}')]
    for line in bad:
        raw.send_bytes(line + b"\n")
        m = raw.recv()
        assert isinstance(m, dict) and ("error" in m or m.get("result", {}).get("isError")), (
            line, m)
        if line.startswith(b'{"jsonrpc":"2.0","id":8,'):
            note_echoed_id(raw, m, 8)
        still_serves(raw)
    raw.sent_ids.extend([1, 2, 3, 4, 5, 6, 7, 9])
    raw.assert_each_id_answered_once()
    assert raw.proc.poll() is None  # still running


@pytest.mark.parametrize("rid", ["abc", "", "ünï-☃", 0, -7, 2**53 + 1, 2**63 - 1])
def test_any_string_or_integer_id_is_echoed(raw: RawServer, rid: object) -> None:
    raw.request("tools/call", {"name": "echo", "arguments": {"text": "id"}}, id=rid)
    r = raw.response(rid)
    assert r["id"] == rid and type(r["id"]) is type(rid)
    assert r["result"]["content"][0]["text"] == "id"
    raw.assert_each_id_answered_once()


def test_known_method_without_a_handler_is_method_not_found(tmp_path: Path) -> None:
    """The seed's file server registers tools only. Methods of capabilities it does not announce
    are not served: -32601, as both official SDK generations answer (none of them reaches a
    handler, and a setLevel or subscribe that "succeeds" would promise what the server does not
    do)."""
    from peer import ROOT

    with RawServer(ROOT / "examples" / "file_server.py",
                   stderr_path=tmp_path / "stderr.log") as raw:
        caps = raw.initialize()["result"]["capabilities"]
        assert set(caps) - {"experimental"} == {"tools"}
        for method, params in (
                ("prompts/list", {}), ("prompts/get", {"name": "x"}), ("resources/list", {}),
                ("resources/templates/list", {}), ("resources/read", {"uri": "file:///x"}),
                ("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"},
                                         "argument": {"name": "a", "value": ""}}),
                ("logging/setLevel", {"level": "info"}),
                ("resources/subscribe", {"uri": "file:///x"}),
                ("resources/unsubscribe", {"uri": "file:///x"})):
            r = raw.call(method, params)
            assert "error" in r, (method, r)
            assert r["error"]["code"] == -32601, (method, r)
            assert r["error"].get("data") in (None, method)
        r = raw.call("tools/list")
        assert r["result"]["tools"][0]["name"] == "read_file"
        raw.assert_each_id_answered_once()


def test_stray_responses_from_the_client_are_ignored(raw: RawServer) -> None:
    """Responses and errors naming no request the server sent get no reply of their own."""
    raw.send({"jsonrpc": "2.0", "id": 99, "result": {}})
    raw.send({"jsonrpc": "2.0", "id": 98, "error": {"code": -1, "message": "client says no"}})
    raw.send({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "Parse error"}})
    still_serves(raw)
    assert all(r.get("id") not in (98, 99) for r in raw.responses())
    raw.assert_each_id_answered_once()


def test_flood_beyond_the_in_flight_limit_answers_every_id(raw: RawServer) -> None:
    """More requests in flight than the session allows (default 4096): the excess is refused
    with an error at once, nothing is dropped, and the held ones finish normally."""
    limit, extra = 4096, 5
    ids = [raw.new_id() for _ in range(limit + extra)]
    payload = b"".join(
        json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                    "params": {"name": "wait_for", "arguments": {"key": "flood",
                                                                 "timeout": 60}}}).encode()
        + b"\n" for i in ids)
    raw.sent_ids.extend(ids)
    raw.send_bytes(payload)
    refused = [raw.wait_for(lambda m: isinstance(m, dict) and "error" in m, timeout=60)
               for _ in range(extra)]
    assert sorted(m["id"] for m in refused) == ids[limit:]
    assert all(m["error"]["code"] < 0 and m["error"]["message"] for m in refused)
    # Cancel one held request to free a slot, then open the gate (retrying while the slot is
    # being freed), and every held request completes.
    raw.notify("notifications/cancelled", {"requestId": ids[0]})
    raw.sent_ids.remove(ids[0])
    for _ in range(100):
        r = raw.call("tools/call", {"name": "release", "arguments": {"key": "flood"}})
        if "result" in r:
            break
        time.sleep(0.02)  # refused again (the slot is not free yet): that was its one answer
    assert r["result"]["content"] == [{"type": "text", "text": "ok"}]
    released = set()
    for _ in range(limit - 1):
        m = raw.wait_for(lambda m: isinstance(m, dict) and m.get("id") in ids, timeout=60)
        assert m["result"]["content"] == [{"type": "text", "text": "released flood"}], m
        released.add(m["id"])
    assert released == set(ids[1:limit])
    raw.assert_each_id_answered_once()


def test_the_in_flight_limit_is_set_from_the_environment(tmp_path: Path) -> None:
    """`FERROMCP_MAX_IN_FLIGHT` bounds a server launched unchanged (README, limits)."""
    with RawServer(SERVERS / "lowlevel_v1.py", env={"FERROMCP_MAX_IN_FLIGHT": "3"},
                   stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        ids = [raw.new_id() for _ in range(4)]
        for i in ids:
            raw.send({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                      "params": {"name": "wait_for", "arguments": {"key": "env", "timeout": 60}}})
        refused = raw.wait_for(lambda m: isinstance(m, dict) and "error" in m, timeout=30)
        assert refused["id"] == ids[3]
        assert "limit 3" in refused["error"]["message"]
        raw.notify("notifications/cancelled", {"requestId": ids[0]})
        raw.sent_ids.remove(ids[0])
        for _ in range(100):
            r = raw.call("tools/call", {"name": "release", "arguments": {"key": "env"}})
            if "result" in r:
                break
            time.sleep(0.02)  # refused again while the slot is freed: that was its one answer
        for _ in ids[1:3]:
            raw.wait_for(lambda m: isinstance(m, dict) and m.get("id") in ids[1:3], timeout=30)
        raw.assert_each_id_answered_once()
