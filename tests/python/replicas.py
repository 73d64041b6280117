"""Several replicas of one server behind a real proxy, sharing a real Redis, for
tests/python/test_replicas.py (DESIGN.md §7, Scale-out).

``cluster()`` starts a ``redis-server`` on a free 127.0.0.1 port, N replicas of
``tests/servers/replica_app.py`` (env ``FERROMCP_REDIS_URL`` and ``REPLICA=<i>``), and ``haproxy``
balancing every request round-robin over them with no stickiness, so consecutive requests of one
session land on different replicas. ``cluster(shared=False)`` is the harness's self-check: stateless
replicas and no Redis. Every wait is bounded, every process is stopped by its PID, everything
listens on 127.0.0.1 only.

Also here: a raw Streamable HTTP session (``RawSession``) whose SSE responses are read event by
event as they arrive, and a tiny RESP client (``Resp``) to see what Redis holds.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from httpproc import await_listening, free_port, listening, stop

from peer import ROOT

APP = ROOT / "tests" / "servers" / "replica_app.py"
PROTOCOL = "2025-11-25"
ACCEPT = "application/json, text/event-stream"
#: Where Debian puts haproxy; not on every user's PATH.
SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")


def require(program: str) -> str:
    """The path of ``program``; fails the test, saying how to get it, when it is not installed."""
    found = shutil.which(program, path=os.pathsep.join([os.environ.get("PATH", ""), *SBIN]))
    if found is None:
        pytest.fail(f"{program} is not installed: the replica tests need redis-server and haproxy "
                    "(Debian: apt-get install redis-server haproxy; `make test-python` does it)",
                    pytrace=False)
    return found


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Polls ``check`` until it holds; raises after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


# --- Redis -------------------------------------------------------------------------------------


class RedisError(Exception):
    """An error reply from Redis."""


class Resp:
    """A minimal RESP2 client over one connection: enough to ping and to read every key."""

    def __init__(self, port: int, timeout: float = 5) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.reader = self.sock.makefile("rb")

    def close(self) -> None:
        """Closes the connection."""
        self.reader.close()
        self.sock.close()

    def __call__(self, *args: str | bytes) -> Any:
        """Sends one command and returns its reply (bytes, int, str, list or None).

        Raises:
            RedisError: Redis answered with an error.
        """
        parts = [a.encode() if isinstance(a, str) else a for a in args]
        wire = b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)
        self.sock.sendall(wire)
        return self._reply()

    def _reply(self) -> Any:
        line = self.reader.readline()
        if not line.endswith(b"\r\n"):
            raise ConnectionError("redis closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RedisError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self.reader.read(size + 2)[:-2]
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self._reply() for _ in range(size)]
        raise ConnectionError(f"unexpected RESP reply {line!r}")


#: How to read a key of each Redis type whole.
_READ = {"string": ("GET",), "list": ("LRANGE", "0", "-1"), "hash": ("HGETALL",),
         "set": ("SMEMBERS",), "zset": ("ZRANGE", "0", "-1"), "stream": ("XRANGE", "-", "+")}


def _flat(reply: Any) -> list[bytes]:
    """Every byte string in a (nested) reply."""
    if isinstance(reply, bytes):
        return [reply]
    if isinstance(reply, list):
        return [b for item in reply for b in _flat(item)]
    return []


@dataclass
class Redis:
    """A running ``redis-server``."""

    port: int
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self, *args: str) -> Any:
        """One command on a fresh connection."""
        client = Resp(self.port)
        try:
            return client(*args)
        finally:
            client.close()

    def contents(self) -> dict[str, list[bytes]]:
        """Every key (any layout) and the byte strings it holds: what the replicas stored."""
        client = Resp(self.port)
        try:
            keys: list[bytes] = []
            cursor = b"0"
            while True:
                cursor, batch = client("SCAN", cursor, "COUNT", "1000")
                keys += batch
                if cursor == b"0":
                    break
            out: dict[str, list[bytes]] = {}
            for key in keys:
                kind = client("TYPE", key)
                if kind in _READ:
                    read, *rest = _READ[kind]
                    out[key.decode(errors="replace")] = _flat(client(read, key, *rest))
            return out
        finally:
            client.close()


def _pong(port: int) -> bool:
    try:
        client = Resp(port, timeout=1)
    except OSError:
        return False
    try:
        return client("PING") == "PONG"
    except (OSError, RedisError):
        return False  # still loading
    finally:
        client.close()


@contextmanager
def redis_server(workdir: Path) -> Iterator[Redis]:
    """A ``redis-server`` on a free port, no persistence, its files in ``workdir``; stopped by
    its PID when the block ends."""
    program = require("redis-server")
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(workdir),
               "--logfile", str(workdir / "redis.log")]
    with listening(command, port) as proc:
        wait_for(lambda: _pong(port), 15, "redis-server to answer PING")
        yield Redis(port, proc)


# --- replicas and the proxy --------------------------------------------------------------------


@dataclass
class Replica:
    """One server process: ``index`` is its ``REPLICA`` and its name in the proxy (``r<i>``)."""

    index: int
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def kill(self) -> None:
        """SIGKILL, by its PID: no clean shutdown, as when a machine dies."""
        self.proc.kill()
        self.proc.wait(timeout=10)


def _replica_env(index: int, redis_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FERROMCP_REDIS_URL"}
    env["REPLICA"] = str(index)
    if redis_url is not None:
        env["FERROMCP_REDIS_URL"] = redis_url
    return env


@contextmanager
def replicas(count: int, workdir: Path, *, redis_url: str | None,
             stateless: bool = False) -> Iterator[list[Replica]]:
    """``count`` replicas of ``replica_app.py``, started together, each on a free port with its
    stderr in ``workdir/replica-<i>.log``; each stopped by its PID when the block ends."""
    started: list[Replica] = []
    try:
        for index in range(count):
            port = free_port()
            log = workdir / f"replica-{index}.log"
            command = [sys.executable, str(APP), "--port", str(port)]
            if stateless:
                command.append("--stateless")
            with open(log, "wb") as err:
                proc = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=err, cwd=str(ROOT),
                                        env=_replica_env(index, redis_url))
            started.append(Replica(index, port, proc, log))
        for replica in started:
            try:
                await_listening(replica.proc, replica.port, f"replica {replica.index}")
            except AssertionError as exc:
                tail = replica.log.read_text(errors="replace")[-2000:]
                raise AssertionError(f"{exc}; its stderr ends:\n{tail}") from None
        yield started
    finally:
        for replica in started:
            stop(replica.proc)


#: haproxy's configuration, shared with the Node replica tests: ``{port}`` and ``{servers}``
#: are filled in.
HAPROXY_CONFIG = (ROOT / "tests" / "haproxy-replicas.cfg").read_text()


@dataclass
class Routed:
    """One request as the proxy logged it."""

    server: str
    status: int
    method: str
    session: str

    @property
    def replica(self) -> int | None:
        """The replica that answered (None when no replica did)."""
        return int(self.server[1:]) if self.server.startswith("r") else None


def _routed(line: str) -> Routed | None:
    parts = line.split(" ")
    if len(parts) != 5 or not parts[1].lstrip("-").isdigit():
        return None
    sent, got = parts[3].strip("{}"), parts[4].strip("{}")
    return Routed(parts[0], int(parts[1]), parts[2], sent or got)


@dataclass
class Proxy:
    """A running haproxy in front of the replicas."""

    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"

    def routed(self) -> list[Routed]:
        """Every request so far, in the order their answers started."""
        lines = self.log.read_text(errors="replace").splitlines()
        return [r for r in map(_routed, lines) if r is not None]

    def routed_for(self, session: str) -> list[Routed]:
        """The requests of one session (its ``Mcp-Session-Id``)."""
        return [r for r in self.routed() if r.session == session]


@contextmanager
def haproxy(backends: list[Replica], workdir: Path) -> Iterator[Proxy]:
    """haproxy on a free port, round-robin over ``backends``, in the foreground with its config
    and log in ``workdir``; stopped by its PID when the block ends."""
    program = require("haproxy")
    port = free_port()
    servers = "\n".join(f"    server r{r.index} 127.0.0.1:{r.port}" for r in backends)
    config = workdir / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(port=port, servers=servers))
    log = workdir / "haproxy.log"
    check = subprocess.run([program, "-c", "-q", "-f", str(config)], capture_output=True,
                           timeout=30)
    assert check.returncode == 0, f"bad haproxy config: {check.stderr.decode()}"
    with open(log, "wb") as out:
        proc = subprocess.Popen([program, "-db", "-f", str(config)], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, cwd=str(workdir))
    try:
        await_listening(proc, port, "haproxy")
        yield Proxy(port, proc, log)
    finally:
        stop(proc)


@dataclass
class Cluster:
    """Replicas behind a proxy, and the Redis they share (None for the stateless self-check)."""

    replicas: list[Replica]
    proxy: Proxy
    redis: Redis | None
    workdir: Path
    killed: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.proxy.url

    def kill(self, index: int) -> None:
        """SIGKILLs replica ``index``; the proxy skips it from then on."""
        self.replicas[index].kill()
        self.killed.append(index)

    def diagnostics(self) -> str:
        """Where the logs are, for a failure message."""
        return f"logs (replicas, haproxy, redis) in {self.workdir}"


@contextmanager
def cluster(workdir: Path, count: int = 3, *, shared: bool = True) -> Iterator[Cluster]:
    """``count`` replicas behind haproxy: sharing sessions through a fresh ``redis-server``
    (``shared``), or stateless without Redis."""
    require("haproxy")
    with ExitStack() as stack:
        redis = stack.enter_context(redis_server(workdir / "redis")) if shared else None
        backends = stack.enter_context(replicas(
            count, workdir, redis_url=redis.url if redis else None, stateless=not shared))
        proxy = stack.enter_context(haproxy(backends, workdir))
        yield Cluster(backends, proxy, redis, workdir)


# --- raw Streamable HTTP -----------------------------------------------------------------------


def parse_event(block: list[str]) -> dict[str, str]:
    """One SSE event's fields (``data`` lines joined with newlines)."""
    fields: dict[str, str] = {}
    for line in block:
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        fields[name] = fields[name] + "\n" + value if name == "data" and name in fields else value
    return fields


def message_of(event: dict[str, str]) -> Any:
    """The JSON-RPC message an event carries, or None (a priming event)."""
    data = event.get("data", "")
    return json.loads(data) if data.strip() else None


class EventStream:
    """An open SSE response, read one event at a time as the server writes them; every read is
    bounded by the connection's timeout."""

    def __init__(self, conn: http.client.HTTPConnection,
                 response: http.client.HTTPResponse) -> None:
        self.conn = conn
        self.response = response
        self.status = response.status
        self.headers = {k.lower(): v for k, v in response.getheaders()}

    def next(self, timeout: float | None = None) -> dict[str, str] | None:
        """The next event; None once the stream ends.

        Raises:
            TimeoutError: nothing came for ``timeout`` (or the connection's) seconds.
        """
        if timeout is not None and self.conn.sock is not None:
            self.conn.sock.settimeout(timeout)
        block: list[str] = []
        while True:
            raw = self.response.readline()
            if not raw:
                return parse_event(block) if block else None
            line = raw.decode().rstrip("\r\n")
            if line:
                block.append(line)
            elif block:
                return parse_event(block)

    def close(self) -> None:
        """Drops the connection (the server sees the client go)."""
        self.conn.close()


class RawSession:
    """A Streamable HTTP session spoken in raw HTTP through the proxy, protocol ``2025-11-25``."""

    def __init__(self, port: int, timeout: float = 20) -> None:
        self.port = port
        self.timeout = timeout
        self.session_id: str | None = None
        self.version: str | None = None
        self._next_id = 1

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The session's headers for a request."""
        h = {"Accept": ACCEPT, "Content-Type": "application/json"}
        if self.session_id is not None:
            h["Mcp-Session-Id"] = self.session_id
        if self.version is not None:
            h["MCP-Protocol-Version"] = self.version
        return h | (extra or {})

    def open(self, method: str, body: Any = None,
             headers: dict[str, str] | None = None) -> EventStream:
        """Sends one request and returns its response, unread."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        conn.request(method, "/mcp", body=None if body is None else json.dumps(body),
                     headers=self.headers(headers))
        return EventStream(conn, conn.getresponse())

    def request(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """A JSON-RPC request with a fresh id."""
        self._next_id += 1
        return {"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params}

    def send(self, message: dict[str, Any]) -> tuple[int, Any]:
        """POSTs ``message``; returns the status and the answer to it (None when there is none:
        a notification, or an error status)."""
        stream = self.open("POST", message)
        self.session_id = self.session_id or stream.headers.get("mcp-session-id")
        try:
            if stream.status != 200 or "id" not in message:
                stream.response.read()
                return stream.status, None
            if stream.headers.get("content-type", "").startswith("application/json"):
                return stream.status, json.loads(stream.response.read())
            while (event := stream.next()) is not None:
                answer = message_of(event)
                if answer is not None and answer.get("id") == message["id"]:
                    return stream.status, answer
            raise AssertionError(f"the stream ended without an answer to {message}")
        finally:
            stream.close()

    def initialize(self) -> None:
        """The handshake: ``initialize`` (keeping the session id), then ``initialized``."""
        status, answer = self.send(self.request("initialize", {
            "protocolVersion": PROTOCOL, "capabilities": {},
            "clientInfo": {"name": "raw-replicas", "version": "0"}}))
        assert status == 200 and answer is not None and "result" in answer, (status, answer)
        self.version = answer["result"]["protocolVersion"]
        status, _ = self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        assert status == 202, status

    def call(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """``tools/call``; the result (fails on an error or an error status)."""
        status, answer = self.send(self.request("tools/call",
                                                {"name": tool, "arguments": arguments}))
        assert status == 200 and answer is not None and "result" in answer, (status, answer)
        return answer["result"]
