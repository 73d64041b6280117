"""The guards an operator sets in the environment on a server launched unchanged (README,
"Guards"): a tool call past its timeout is cancelled and answered -32001; beyond the concurrency
cap and its queue, -32010 at once; beyond a session's rate, -32011. Every wait is bounded."""

from __future__ import annotations

from pathlib import Path

from peer import SERVERS
from rawwire import RawServer

V1 = SERVERS / "lowlevel_v1.py"


def _wait(raw: RawServer, key: str, timeout: float = 60) -> dict:
    return {"name": "wait_for", "arguments": {"key": key, "timeout": timeout}}


def test_a_tool_call_past_its_timeout_is_cancelled_and_answered(tmp_path: Path) -> None:
    with RawServer(V1, env={"FERROMCP_TOOL_TIMEOUT": "0.2"},
                   stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        r = raw.call("tools/call", _wait(raw, "never"))
        assert r["error"]["code"] == -32001
        assert r["error"]["message"] == "Tool wait_for timed out after 200 ms"
        assert r["error"]["data"] == {"timeoutMs": 200}
        # The server goes on serving.
        r = raw.call("tools/call", {"name": "release", "arguments": {"key": "never"}})
        assert "result" in r
        raw.assert_each_id_answered_once()


def test_beyond_the_cap_and_its_queue_a_request_is_refused(tmp_path: Path) -> None:
    env = {"FERROMCP_MAX_CONCURRENT": "1", "FERROMCP_MAX_QUEUED": "1"}
    with RawServer(V1, env=env, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        held, queued, refused = raw.new_id(), raw.new_id(), raw.new_id()
        # Each waits half a second for a key nobody opens, then answers on its own.
        for i in (held, queued, refused):
            raw.send({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                      "params": _wait(raw, "cap", timeout=0.5)})
        m = raw.wait_for(lambda m: isinstance(m, dict) and m.get("id") == refused, timeout=30)
        assert m["error"]["code"] == -32010
        assert m["error"]["data"]["retryAfterMs"] > 0
        # The held call ends, then the queued one runs in its slot.
        first = raw.wait_for(lambda m: isinstance(m, dict) and m.get("id") in (held, queued),
                             timeout=30)
        assert first["id"] == held
        raw.wait_for(lambda m: isinstance(m, dict) and m.get("id") == queued, timeout=30)
        raw.assert_each_id_answered_once()


def test_beyond_its_rate_a_session_is_told_when_to_come_back(tmp_path: Path) -> None:
    with RawServer(V1, env={"FERROMCP_RATE_LIMIT": "1,2"},
                   stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        ids = [raw.new_id() for _ in range(3)]
        for i in ids:
            raw.send({"jsonrpc": "2.0", "id": i, "method": "tools/list"})
        answers = [raw.wait_for(lambda m, i=i: isinstance(m, dict) and m.get("id") == i,
                                timeout=30) for i in ids]
        limited = [a for a in answers if "error" in a]
        assert [a["id"] for a in limited] == [ids[2]]
        assert limited[0]["error"]["code"] == -32011
        assert limited[0]["error"]["data"]["retryAfterMs"] > 0
        raw.assert_each_id_answered_once()


GUARDED = SERVERS / "guarded_app.py"


def test_guards_set_in_code_on_a_fastmcp_server(tmp_path: Path) -> None:
    with RawServer(GUARDED, "fastmcp", stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        tools = {t["name"]: t for t in raw.call("tools/list", {})["result"]["tools"]}
        assert tools["sleepy"]["_meta"]["io.ferromcp/timeoutMs"] == 200
        assert "_meta" not in tools["quick"]
        r = raw.call("tools/call", {"name": "sleepy", "arguments": {}})
        assert r["error"]["code"] == -32001
        assert r["error"]["message"] == "Tool sleepy timed out after 200 ms"
        assert "result" in raw.call("tools/call", {"name": "quick", "arguments": {}})
        # Burst of 4 (list, two calls, this one), then the rate (one per 1000 s) holds.
        assert "result" in raw.call("tools/call", {"name": "quick", "arguments": {}})
        r = raw.call("tools/call", {"name": "quick", "arguments": {}})
        assert r["error"]["code"] == -32011
        raw.assert_each_id_answered_once()


def test_guards_set_in_code_on_a_lowlevel_server(tmp_path: Path) -> None:
    with RawServer(GUARDED, "lowlevel", stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        assert "result" in raw.call("tools/list", {})
        assert "result" in raw.call("tools/call", {"name": "quick", "arguments": {}})
        r = raw.call("tools/call", {"name": "quick", "arguments": {}})
        assert r["error"]["code"] == -32011
        raw.assert_each_id_answered_once()


def test_set_guards_refuses_what_cannot_be_a_guard() -> None:
    import pytest

    from ferromcp import set_guards
    from ferromcp.server.fastmcp import FastMCP

    for kw in ({"tool_timeout": 0}, {"tool_timeouts": {"x": -1}}, {"max_concurrent": 0},
               {"max_queued": -1}, {"rate_limit": float("nan")},
               {"rate_limit": 1, "rate_burst": 0.5}):
        with pytest.raises(ValueError):
            set_guards(FastMCP("x"), **kw)
