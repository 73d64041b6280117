"""The stdio connection shares the asyncio loop fairly: while a client keeps it busy with
back-to-back requests (which the connection serves from its reader callback while the loop is
otherwise idle), the loop's timers, calls from other threads and other descriptors keep running,
a signal still interrupts the server, and ``loop.stop()`` still stops it. The loop thread's timer
slack is 1 µs while serving and its own again afterwards."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest

from peer import ROOT
from rawwire import RawServer

SERVER = ROOT / "tests" / "servers" / "loop_sharing.py"


def _stats(srv: RawServer) -> dict[str, int]:
    reply = srv.call("tools/call", {"name": "stats", "arguments": {}})
    return reply["result"]["structuredContent"]


def test_timers_threads_and_other_descriptors_run_while_requests_stream() -> None:
    with RawServer(SERVER) as srv:
        srv.initialize()
        before = _stats(srv)
        started = time.monotonic()
        calls = 0
        # Strictly sequential requests for at least 0.3 s (bounded in count).
        while time.monotonic() - started < 0.3 and calls < 20_000:
            reply = srv.call("tools/call", {"name": "echo", "arguments": {"text": str(calls)}})
            assert reply["result"]["content"][0]["text"] == str(calls)
            calls += 1
        after = _stats(srv)
        srv.assert_each_id_answered_once()
    # Each source fires about every millisecond; a starved one would not move at all.
    for key in ("ticks", "thread_calls", "pipe_reads"):
        assert after[key] - before[key] >= 10, (key, before, after)


def test_sigint_interrupts_a_busy_server() -> None:
    with RawServer(SERVER) as srv:
        srv.initialize()
        for i in range(50):
            srv.call("tools/call", {"name": "echo", "arguments": {"text": str(i)}})
        srv.proc.send_signal(signal.SIGINT)
        assert srv.proc.wait(timeout=10) != 0


def test_loop_stop_from_a_handler_stops_the_server() -> None:
    with RawServer(SERVER) as srv:
        srv.initialize()
        reply = srv.call("tools/call", {"name": "stop_loop", "arguments": {}})
        assert reply["result"]["content"][0]["text"] == "stopping"
        assert srv.proc.wait(timeout=10) == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="timer slack is a Linux setting")
def test_timer_slack_is_fine_while_serving_and_restored_after(tmp_path: Path) -> None:
    stderr = tmp_path / "stderr.txt"
    with RawServer(SERVER, stderr_path=stderr) as srv:
        srv.initialize()
        reply = srv.call("tools/call", {"name": "timer_slack", "arguments": {}})
        assert reply["result"]["structuredContent"] == {"ns": 1000}
    # stdin closed: the connection ended and the thread has its own slack back.
    line = next(x for x in stderr.read_text().splitlines() if x.startswith("timer slack"))
    _, _, _, before, _, after = line.split()
    assert before == after and int(before) != 1000
