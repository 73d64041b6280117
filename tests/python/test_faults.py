"""Faults an operator meets: progress that must arrive while a handler still works, handlers
that exit the process, a client that closes its end of stdout, SIGINT while the server waits for
a client that stopped reading. Each drives a real server process over real pipes; every wait is
bounded."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Any

from peer import ROOT
from rawwire import RawServer

SERVER = ROOT / "tests" / "servers" / "faults.py"
INIT = {"protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "faults", "version": "0"}}


def _line(method: str, params: dict[str, Any], rid: int | None = None) -> bytes:
    msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
    if rid is not None:
        msg["id"] = rid
    return json.dumps(msg).encode() + b"\n"


def _spawn(stderr: Any = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(SERVER)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=stderr, cwd=str(ROOT))


def _initialize(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(_line("initialize", INIT, 0))
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["id"] == 0
    proc.stdin.write(_line("notifications/initialized", {}))
    proc.stdin.flush()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            try:
                pipe.close()
            except OSError:
                pass


def test_a_log_reaches_the_client_while_the_handler_still_works(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    with RawServer(SERVER) as srv:
        srv.initialize()
        srv.send({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                  "params": {"name": "log_until_gate", "arguments": {"gate": str(gate)}}})
        # The handler holds the loop until the gate exists (or for 60 s): the first log must be
        # on the wire before that, or this read times out.
        first = srv.recv(timeout=10)
        assert first["method"] == "notifications/message"
        assert first["params"]["data"] == "before the gate"
        gate.touch()
        second = srv.recv()
        assert second["params"]["data"] == "after the gate"
        answer = srv.recv()
        assert answer["id"] == 7
        assert answer["result"]["content"][0]["text"] == "done"


def test_failures_reach_stderr_through_logging(tmp_path: Path) -> None:
    err = tmp_path / "stderr.txt"
    with RawServer(SERVER, stderr_path=err) as srv:
        srv.initialize()
        reply = srv.call("tools/call", {"name": "fail", "arguments": {"text": "boom"}})
        assert reply["result"]["isError"] is True
        srv.send_bytes(b"{not json\n")
        assert srv.recv()["error"]["code"] == -32700
        srv.call("ping")
    text = err.read_text()
    assert "Error handling tools/call" in text
    assert "Traceback" in text and "ValueError: boom" in text
    assert "Parse error" in text


def test_system_exit_from_a_handler_exits_with_its_code() -> None:
    with RawServer(SERVER) as srv:
        srv.initialize()
        srv.send({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                  "params": {"name": "exit_with", "arguments": {"code": 3}}})
        assert srv.proc.wait(timeout=10) == 3


def test_keyboard_interrupt_from_a_handler_stops_the_server() -> None:
    with RawServer(SERVER) as srv:
        srv.initialize()
        srv.send({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                  "params": {"name": "interrupt", "arguments": {}}})
        assert srv.proc.wait(timeout=10) != 0


def test_a_closed_stdout_stops_the_server_with_an_error(tmp_path: Path) -> None:
    err = tmp_path / "stderr.txt"
    with open(err, "wb") as stderr:
        proc = _spawn(stderr)
    try:
        _initialize(proc)
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdout.close()
        for i in range(50):
            try:
                proc.stdin.write(_line("ping", {}, 100 + i))
                proc.stdin.flush()
            except BrokenPipeError:
                break
        assert proc.wait(timeout=10) != 0
        assert "closed its end of the output" in err.read_text()
    finally:
        _stop(proc)


def test_sigint_stops_a_server_blocked_on_a_client_that_stopped_reading() -> None:
    proc = _spawn()
    try:
        _initialize(proc)
        assert proc.stdin is not None
        # Far more than a pipe holds, and nobody reads: the server blocks writing.
        calls = b"".join(_line("tools/call", {"name": "big", "arguments": {"size": 200_000}}, i)
                         for i in range(1, 9))
        writer = threading.Thread(target=_write_quietly, args=(proc, calls), daemon=True)
        writer.start()
        # Once the pipe to us is full, the server is blocked writing the rest.
        assert proc.stdout is not None
        deadline = time.monotonic() + 10
        while _unread(proc.stdout.fileno()) < 65536 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _unread(proc.stdout.fileno()) >= 65536
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) != 0
    finally:
        _stop(proc)


def _unread(fd: int) -> int:
    """Bytes waiting in a pipe we have not read."""
    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]


def _write_quietly(proc: subprocess.Popen[bytes], data: bytes) -> None:
    assert proc.stdin is not None
    try:
        proc.stdin.write(data)
        proc.stdin.flush()
    except (BrokenPipeError, ValueError, OSError):
        pass


if os.name != "posix":  # pragma: no cover - signals and pipes as on Linux
    import pytest

    pytest.skip("POSIX pipes and signals", allow_module_level=True)
