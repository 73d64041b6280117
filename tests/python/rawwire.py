"""A server subprocess spoken to in raw bytes over its stdin/stdout, for what no SDK client sends.

``RawServer`` spawns a server script with ``subprocess.Popen``; a reader thread splits stdout into
lines and parses them, so every read has a bounded timeout. It remembers every request id it sent
and every response it received, so a test can check that each id was answered exactly once.
Always used as a context manager: the process is killed by its own PID on exit.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from peer import ROOT

TIMEOUT = 20.0


class RawServer:
    """One server process and its stdio wire."""

    def __init__(self, script: str | Path, *args: str, env: dict[str, str] | None = None,
                 stderr_path: Path | None = None) -> None:
        full_env = dict(os.environ)
        full_env.update(env or {})
        self._stderr = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(script), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._stderr, cwd=str(ROOT), env=full_env)
        self._lines: queue.Queue[Any] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        #: Every message received, parsed (a list for a batch reply), in order.
        self.received: list[Any] = []
        #: Ids of every request sent whose id the server can read.
        self.sent_ids: list[Any] = []
        self._next_id = 1000

    # --- process -------------------------------------------------------------------------------

    def __enter__(self) -> RawServer:  # noqa: PYI034 - Self needs Python 3.11
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Closes stdin, waits briefly for a clean exit, then kills the process by its PID."""
        try:
            if self.proc.stdin and not self.proc.stdin.closed:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self._reader.join(timeout=5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        if self._stderr is not subprocess.DEVNULL:
            self._stderr.close()  # type: ignore[union-attr]

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self._lines.put(json.loads(line))
            except ValueError:
                self._lines.put({"__unparsable__": line.decode("utf-8", "replace")})
        self._lines.put(None)

    # --- sending -------------------------------------------------------------------------------

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def send_bytes(self, data: bytes) -> None:
        """Writes ``data`` as is (add the newline yourself)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: Any) -> None:
        """Writes one JSON message (or a batch) as a line; records request ids."""
        for m in message if isinstance(message, list) else [message]:
            if isinstance(m, dict) and "method" in m and isinstance(m.get("id"), int | str):
                self.sent_ids.append(m["id"])
        self.send_bytes(json.dumps(message).encode() + b"\n")

    def request(self, method: str, params: Any = None, *, id: Any = None) -> Any:
        """Sends a request and returns its id."""
        rid = self.new_id() if id is None else id
        msg: dict[str, Any] = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    def notify(self, method: str, params: Any = None) -> None:
        msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    # --- receiving -----------------------------------------------------------------------------

    def recv(self, timeout: float = TIMEOUT) -> Any:
        """The next message (a dict, or a list for a batch reply); fails after ``timeout``."""
        try:
            m = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no message from the server within {timeout} s") from None
        if m is None:
            self._lines.put(None)
            raise AssertionError(f"the server closed stdout (exit code {self.proc.poll()})")
        self.received.append(m)
        return m

    def wait_for(self, pred: Any, timeout: float = TIMEOUT, limit: int = 10_000) -> Any:
        """Reads messages until one satisfies ``pred``; returns it."""
        deadline = time.monotonic() + timeout
        for _ in range(limit):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            m = self.recv(left)
            if pred(m):
                return m
        raise AssertionError("the expected message did not arrive")

    def response(self, rid: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Reads until the response to ``rid`` (skipping notifications and other replies)."""
        return self.wait_for(
            lambda m: isinstance(m, dict) and "method" not in m and m.get("id") == rid, timeout)

    def call(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Sends a request and returns its response."""
        return self.response(self.request(method, params), timeout)

    def initialize(self, version: str = "2025-11-25") -> dict[str, Any]:
        """The handshake; returns the ``initialize`` response."""
        r = self.call("initialize", {"protocolVersion": version, "capabilities": {},
                                     "clientInfo": {"name": "raw", "version": "0"}})
        self.notify("notifications/initialized")
        return r

    def responses(self) -> list[dict[str, Any]]:
        """Every response received so far, batch replies flattened."""
        out: list[dict[str, Any]] = []
        for m in self.received:
            for x in m if isinstance(m, list) else [m]:
                if isinstance(x, dict) and "method" not in x and ("result" in x or "error" in x):
                    out.append(x)
        return out

    def assert_each_id_answered_once(self) -> None:
        """Every request id sent got exactly one response, and no response names another id.

        Pings a final time first: responses come in order of completion, so once the ping is
        answered everything answered earlier has been read.
        """
        self.call("ping")
        answered: dict[Any, int] = {}
        for r in self.responses():
            if r.get("id") is not None:
                answered[r["id"]] = answered.get(r["id"], 0) + 1
        missing = [i for i in self.sent_ids if i not in answered]
        twice = {i: n for i, n in answered.items() if n != 1}
        unknown = [i for i in answered if i not in self.sent_ids]
        assert not missing, f"requests never answered: {missing}"
        assert not twice, f"requests answered more than once: {twice}"
        assert not unknown, f"responses to ids never sent: {unknown}"


def exchange(args: tuple[str, ...], lines: list[dict[str, Any]], *, timeout: float = 60
             ) -> dict[Any, Any]:
    """Sends each of ``lines`` to a fresh ``python *args`` (run in the repository) and, for a
    request, waits for its answer before sending the next (the official servers answer each
    before the next comes); every answer by id. An id answered twice fails; the process is
    killed after ``timeout`` seconds."""
    with subprocess.Popen([sys.executable, *args], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          cwd=str(ROOT)) as proc:
        guard = threading.Timer(timeout, proc.kill)
        guard.start()
        answers: dict[Any, Any] = {}
        try:
            assert proc.stdin is not None and proc.stdout is not None
            for m in lines:
                proc.stdin.write((json.dumps(m) + "\n").encode())
                proc.stdin.flush()
                while "id" in m and m["id"] not in answers:
                    line = proc.stdout.readline()
                    assert line, f"the server ended before answering {m['id']}"
                    got = json.loads(line)
                    if "id" in got:
                        assert got["id"] not in answers, f"{got['id']} answered twice"
                        answers[got["id"]] = got
            proc.stdin.close()
            proc.wait(timeout=30)
        finally:
            guard.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        return answers
