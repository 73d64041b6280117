"""A server process listening on a free 127.0.0.1 port, for the HTTP suites: started with the
port on its command line, waited for until it accepts connections (bounded), stopped by its PID."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peer import ROOT


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if the process does not end in time."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def await_listening(proc: subprocess.Popen[bytes], port: int, what: str,
                    timeout: float = 30) -> None:
    """Returns once something accepts connections on ``port``; raises if ``proc`` ends first or
    ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{what} did not start listening") from None
            time.sleep(0.05)


@contextmanager
def listening(command: list[str], port: int, *, stderr: Path | None = None,
              started: list[subprocess.Popen[bytes]] | None = None,
              timeout: float = 30, env: dict[str, str] | None = None,
              ) -> Iterator[subprocess.Popen[bytes]]:
    """Runs ``command`` (which listens on ``port``) until the block ends; ``env`` is added to
    this process's environment."""
    err = open(stderr, "wb") if stderr else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=err, cwd=str(ROOT),
                            env={**os.environ, **env} if env is not None else None)
    if started is not None:
        started.append(proc)
    try:
        await_listening(proc, port, str(command[1:3]), timeout)
        yield proc
    finally:
        stop(proc)
        if err is not subprocess.DEVNULL:
            err.close()  # type: ignore[union-attr]
