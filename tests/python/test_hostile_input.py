"""Hostile input at the parser's edges, as raw bytes over a low-level server's real stdio pipes
(DESIGN.md §5): a batch line holding millions of members, nesting past any parser's recursion
limit, numbers beyond a double, and a last request without its newline. Each is answered once,
with the request's id wherever it can be read, and the connection keeps serving."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from peer import SERVERS
from rawwire import RawServer

V1 = SERVERS / "lowlevel_v1.py"
MAX_MESSAGE = 4 * 1024 * 1024
MAX_BATCH = 1024  # core/src/jsonrpc.rs MAX_BATCH


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[RawServer]:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as server:
        server.initialize("2025-03-26")  # the revision with JSON-RPC batching
        yield server


def still_serves(raw: RawServer) -> None:
    r = raw.call("tools/call", {"name": "echo", "arguments": {"text": "still here"}})
    assert r.get("result") == {"content": [{"type": "text", "text": "still here"}],
                               "isError": False}, r


def error_reply(m: object, code: int) -> dict:
    assert isinstance(m, dict) and set(m) == {"jsonrpc", "id", "error"}, m
    assert m["error"]["code"] == code, m
    return m


def test_a_batch_of_two_million_members_is_one_error(raw: RawServer) -> None:
    line = b"[" + b"1," * 2_000_000 + b"1]\n"
    assert len(line) < MAX_MESSAGE
    raw.send_bytes(line)
    m = error_reply(raw.recv(timeout=60), -32600)
    assert m["id"] is None
    assert str(MAX_BATCH) in m["error"]["message"], m
    still_serves(raw)
    raw.assert_each_id_answered_once()
    # One answer for the line, not one per member: nothing else arrived.
    assert sum(isinstance(x, list) or x.get("id") is None for x in raw.received) == 1


def test_a_batch_over_the_limit_runs_none_of_its_members(raw: RawServer) -> None:
    over = [{"jsonrpc": "2.0", "id": f"over-{i}", "method": "ping"} for i in range(MAX_BATCH + 1)]
    raw.send_bytes(json.dumps(over).encode() + b"\n")  # not recorded: none of these is answered
    m = error_reply(raw.recv(), -32600)
    assert m["id"] is None
    # At the limit, every member is answered.
    full = [{"jsonrpc": "2.0", "id": f"full-{i}", "method": "ping"} for i in range(MAX_BATCH)]
    raw.send(full)
    reply = raw.wait_for(lambda m: isinstance(m, list))
    assert sorted(r["id"] for r in reply) == sorted(f"full-{i}" for i in range(MAX_BATCH))
    raw.assert_each_id_answered_once()


@pytest.mark.parametrize("depth", [65, 126, 127, 128, 1_000, 100_000])
def test_nesting_at_any_depth_is_invalid_request_with_the_id(raw: RawServer, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    rid = raw.new_id()
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":{rid},"method":"tools/call","params":{{"name":"echo",'
                   f'"arguments":{{"text":"a","extra":{nested}}}}}}}\n'.encode())
    raw.sent_ids.append(rid)
    m = error_reply(raw.response(rid), -32600)
    assert "nesting deeper than" in m["error"]["message"], m
    # The id may come after the deep member, and be a string.
    raw.send_bytes(f'{{"jsonrpc":"2.0","method":"ping","params":{{"a":{nested}}},"id":"late"}}\n'
                   .encode())
    raw.sent_ids.append("late")
    error_reply(raw.response("late"), -32600)
    # Deep and not JSON at all is still a parse error.
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":1,"method":"ping","params":{"[" * depth}}}\n'.encode())
    m = error_reply(raw.recv(), -32700)
    assert m["id"] is None
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_deep_members_of_a_batch_keep_their_ids(raw: RawServer) -> None:
    nested = "[" * 5_000 + "]" * 5_000
    raw.send_bytes(f'[{{"jsonrpc":"2.0","id":"b1","method":"ping"}},'
                   f'{{"jsonrpc":"2.0","id":"b2","method":"ping","params":{{"x":{nested}}}}}]\n'
                   .encode())
    raw.sent_ids.extend(["b1", "b2"])
    reply = raw.wait_for(lambda m: isinstance(m, list))
    by_id = {r["id"]: r for r in reply}
    assert by_id["b1"]["result"] == {}
    assert by_id["b2"]["error"]["code"] == -32600
    raw.assert_each_id_answered_once()


@pytest.mark.parametrize("number", ["1e400", "-1e400"])
def test_a_number_beyond_a_double_is_answered_with_the_id(raw: RawServer, number: str) -> None:
    """The official SDKs read 1e400 as infinity and answer the request: so does ferromcp (an
    integer schema then refuses it, as jsonschema does in official 1.x)."""
    rid = raw.new_id()
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":{rid},"method":"tools/call","params":{{"name":"add",'
                   f'"arguments":{{"a":{number},"b":1}}}}}}\n'.encode())
    raw.sent_ids.append(rid)
    result = raw.response(rid)["result"]
    assert result["isError"] is True
    assert "Input validation error" in result["content"][0]["text"]
    rid = raw.new_id()
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":{rid},"method":"ping","params":{{"_meta":{{"n":{number}'
                   f'}}}}}}\n'.encode())
    raw.sent_ids.append(rid)
    assert raw.response(rid)["result"] == {}
    still_serves(raw)
    raw.assert_each_id_answered_once()


@pytest.mark.parametrize("a", [2**64 + 1, 10**400, -(2**70)])
def test_integers_beyond_64_bits_stay_exact_both_ways(raw: RawServer, a: int) -> None:
    """Both official SDKs keep big integers exact, in arguments and in results."""
    rid = raw.new_id()
    raw.send_bytes(f'{{"jsonrpc":"2.0","id":{rid},"method":"tools/call","params":{{"name":'
                   f'"structured","arguments":{{"a":{a},"b":1}}}}}}\n'.encode())
    raw.sent_ids.append(rid)
    result = raw.response(rid)["result"]
    # (2025-03-26 has no structuredContent: the 1.x text block carries the same dict.)
    assert json.loads(result["content"][0]["text"]) == {"sum": a + 1}
    still_serves(raw)
    raw.assert_each_id_answered_once()


def test_a_last_request_without_a_newline_is_answered(tmp_path: Path) -> None:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        raw.send_bytes(b'{"jsonrpc":"2.0","id":"last","method":"ping"}')
        assert raw.proc.stdin is not None
        raw.proc.stdin.close()
        assert raw.response("last") == {"jsonrpc": "2.0", "id": "last", "result": {}}
