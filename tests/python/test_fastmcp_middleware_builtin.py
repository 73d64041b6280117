"""fastmcp's built-in middleware (``fastmcp.server.middleware.timing``, ``.logging``,
``.error_handling``, ``.rate_limiting``, ``.ping``, ``.response_limiting``), differential:
``tests/servers/fastmcp_middleware.py`` runs unmodified on the real fastmcp 4.1.7
(``.venv-fastmcp``) and under ``python -m ferromcp run``, driven by the official client over
stdio. The answers must be the same, and so must the log records the middleware wrote (the
``logs`` tool answers them), timings aside: their shape is compared, not their numbers.

Set aside: the text of a call whose arguments do not match the tool's schema (fastmcp's is
pydantic's, ferromcp's the core's schema check); its code and ``Invalid params:`` prefix are
compared.

Without ``.venv-fastmcp`` the comparisons are skipped, saying so; the import and constructor
checks run anyway (the constructor check compares with fastmcp only when it is there).
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_middleware.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

NAMES = {
    "fastmcp.server.middleware": ["Middleware", "MiddlewareContext", "CallNext",
                                  "PingMiddleware"],
    "fastmcp.server.middleware.timing": ["TimingMiddleware", "DetailedTimingMiddleware"],
    "fastmcp.server.middleware.logging": ["LoggingMiddleware", "StructuredLoggingMiddleware",
                                          "BaseLoggingMiddleware", "default_serializer"],
    "fastmcp.server.middleware.error_handling": ["ErrorHandlingMiddleware", "RetryMiddleware"],
    "fastmcp.server.middleware.rate_limiting": [
        "RateLimitingMiddleware", "SlidingWindowRateLimitingMiddleware", "RateLimitError",
        "TokenBucketRateLimiter", "SlidingWindowRateLimiter"],
    "fastmcp.server.middleware.ping": ["PingMiddleware"],
    "fastmcp.server.middleware.response_limiting": ["ResponseLimitingMiddleware"],
    "fastmcp.server.middleware.dereference": ["DereferenceRefsMiddleware"],
}

#: The middleware's settings after construction with defaults, and what bad settings raise.
SETTINGS = r"""
import json, logging
from fastmcp.server.middleware import PingMiddleware
from fastmcp.server.middleware.timing import TimingMiddleware, DetailedTimingMiddleware
from fastmcp.server.middleware.logging import LoggingMiddleware, StructuredLoggingMiddleware
from fastmcp.server.middleware.error_handling import ErrorHandlingMiddleware, RetryMiddleware
from fastmcp.server.middleware.rate_limiting import (
    RateLimitingMiddleware, SlidingWindowRateLimitingMiddleware, RateLimitError)
from fastmcp.server.middleware.response_limiting import ResponseLimitingMiddleware

def public(obj):
    out = {}
    for k, v in sorted(vars(obj).items()):
        if k.startswith("_") or k in ("limiters", "global_limiter"):
            continue
        if isinstance(v, logging.Logger):
            v = "logger " + v.name
        elif isinstance(v, (set, tuple)):
            v = sorted(map(str, v))
        elif callable(v) or not isinstance(v, (str, int, float, bool, list, dict, type(None))):
            v = repr(type(v).__name__)
        out[k] = v
    return out

def raised(make):
    try:
        make()
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return None

e = RateLimitError()
print(json.dumps({
    "timing": public(TimingMiddleware()), "detailed": public(DetailedTimingMiddleware()),
    "logging": public(LoggingMiddleware()), "structured": public(StructuredLoggingMiddleware()),
    "errors": public(ErrorHandlingMiddleware()), "retry": public(RetryMiddleware()),
    "rate": public(RateLimitingMiddleware()),
    "rate_slow": public(RateLimitingMiddleware(max_requests_per_second=0.2)),
    "rate_global": public(RateLimitingMiddleware(5, 3, global_limit=True)),
    "window": public(SlidingWindowRateLimitingMiddleware(10, 2)),
    "ping": public(PingMiddleware()), "limit": public(ResponseLimitingMiddleware()),
    "rate_error": [e.error.code, e.error.message, str(e)],
    "bad_ping": raised(lambda: PingMiddleware(interval_ms=0)),
    "bad_limit": raised(lambda: ResponseLimitingMiddleware(max_size=0)),
    "retry_delays": [RetryMiddleware(base_delay=0.5, max_delay=3)._calculate_delay(n)
                     for n in range(5)],
}, sort_keys=True))
"""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _under_ferromcp(code: str) -> list[str]:
    return [sys.executable, "-c",
            "from ferromcp.__main__ import install_alias\ninstall_alias()\n" + code]


def test_names_resolve_under_the_alias() -> None:
    lines = ["import importlib"]
    for module, names in NAMES.items():
        lines.append(f"m = importlib.import_module({module!r})")
        lines.extend(f"getattr(m, {n!r})" for n in names)
    lines += [
        "from fastmcp.server.middleware import PingMiddleware",
        "from fastmcp.server.middleware.ping import PingMiddleware as P",
        "assert PingMiddleware is P",
        "from fastmcp.server.middleware.rate_limiting import RateLimitError",
        "from mcp import MCPError",
        "assert issubclass(RateLimitError, MCPError)",
    ]
    done = subprocess.run(_under_ferromcp("\n".join(lines)), capture_output=True, text=True,
                          timeout=BOUND, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_settings_and_defaults_as_fastmcp() -> None:
    done = subprocess.run(_under_ferromcp(SETTINGS), capture_output=True, text=True,
                          timeout=BOUND, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    ours = json.loads(done.stdout)
    assert ours["rate"]["burst_capacity"] == 20
    assert ours["rate_error"] == [-32000, "Rate limit exceeded", "Rate limit exceeded"]
    assert ours["bad_ping"] == "ValueError: interval_ms must be positive"
    if not FASTMCP_PYTHON.exists():
        return
    done = subprocess.run([str(FASTMCP_PYTHON), "-c", SETTINGS], capture_output=True,
                          text=True, timeout=BOUND, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    for key in theirs:
        assert ours[key] == theirs[key], key


def _fastmcp_python() -> Path:
    if not FASTMCP_PYTHON.exists():
        pytest.skip("no .venv-fastmcp with fastmcp 4.1.7 (`make build` makes it; PyPI was "
                    "not reachable?)")
    return FASTMCP_PYTHON


def _text(result: dict[str, Any]) -> str:
    return "".join(c.get("text", "") for c in result["result"]["content"])


#: A duration: ``12.34ms`` in timing lines, ``duration_ms`` in logging lines.
_DURATION = re.compile(r"\d+\.\d+ms|(?<=duration_ms=)\d+(\.\d+)?|(?<=\"duration_ms\": )"
                       r"\d+(\.\d+)?")


def _shape(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Log records with their durations replaced by ``<t>`` (each must have been a number)."""
    return [{**r, "message": _DURATION.sub("<t>", r["message"])} for r in records]


CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("add", "add", {"a": 1, "b": 2}), ("bad_value", "bad_value", {"x": "q"}),
    ("missing", "missing", {}), ("denied", "denied", {}), ("slow_out", "slow_out", {}),
    ("boom", "boom", {}), ("flaky", "flaky", {}), ("always_down", "always_down", {}),
    ("big", "big", {}), ("big_typed", "big_typed", {}), ("nope", "nope", {}),
]


async def _collect_chain(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command, args, {**env, "MW_MODE": "chain"}) as peer:
            out["tools"] = await peer.list_tools()
            for key, name, arguments in CALLS:
                out[f"call {key}"] = await answer_or_error(peer.call_tool(name, arguments))
            out["logs"] = _shape(json.loads(_text(await answer_or_error(
                peer.call_tool("logs", {})))))
            out["errors_seen"] = await answer_or_error(peer.call_tool("errors_seen", {}))
            for uri in ("data://config", "data://item/k", "data://none"):
                out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
            out["prompt"] = await answer_or_error(peer.get_prompt("review", {"code": "x"}))
            out["prompt nope"] = await answer_or_error(peer.get_prompt("nope", {}))
            out["logs after"] = _shape(json.loads(_text(await answer_or_error(
                peer.call_tool("logs", {})))))
            bad = await answer_or_error(peer.call_tool("add", {"a": "x"}))
            out["bad arguments"] = (bad.get("code"), bad.get("message", "")[:16])
    return out


async def test_builtin_middleware_answer_and_log_as_fastmcp() -> None:
    python = _fastmcp_python()
    env = {"FERROMCP_FASTMCP_MAJOR": "4"}
    official = await _collect_chain(str(python), [str(APP)], env)
    ferro = await _collect_chain(sys.executable, ["-m", "ferromcp", "run", str(APP)], env)
    # What the chain does, spelled out, then everything compared with fastmcp.
    assert official["call bad_value"] == {
        "code": -32602, "message": "Invalid params: Error calling tool 'bad_value': bad q"}
    assert official["call flaky"]["result"]["structuredContent"]["result"].startswith(
        "ok after 3 in request ")
    assert official["call big"]["result"]["content"][0]["text"].endswith(" [cut]")
    assert official["bad arguments"] == (-32602, "Invalid params: ")
    assert any("Retrying in" in r["message"] for r in official["logs"])
    for key in official:
        assert ferro[key] == official[key], key


@pytest.mark.parametrize("mode", ["plain", "late", "bucket", "global", "window"])
async def test_error_handling_and_rate_limits_as_fastmcp(mode: str) -> None:
    python = _fastmcp_python()

    async def collect(command: str, args: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        env = {"MW_MODE": mode, "FERROMCP_FASTMCP_MAJOR": "4"}
        with anyio.fail_after(BOUND):
            async with spawned(command, args, env) as peer:
                if mode in ("plain", "late"):
                    out["tools"] = await peer.list_tools()
                    for key, name, arguments in CALLS:
                        out[key] = await answer_or_error(peer.call_tool(name, arguments))
                    for uri in ("data://item/k", "data://none"):
                        out[uri] = await answer_or_error(peer.read_resource(uri))
                    out["logs"] = json.loads(_text(await answer_or_error(
                        peer.call_tool("logs", {}))))
                else:
                    # A burst: the bucket (or window) admits the first few, refuses the rest.
                    for i in range(7):
                        out[f"call {i}"] = await answer_or_error(
                            peer.call_tool("add", {"a": i, "b": 1}))
        return out

    official = await collect(str(python), [str(APP)])
    ferro = await collect(sys.executable, ["-m", "ferromcp", "run", str(APP)])
    if mode == "late":
        assert official["bad_value"]["code"] == -32602, official
    if mode not in ("plain", "late"):
        refused = [v for v in official.values() if "code" in v]
        assert refused and all(v["code"] == -32000 for v in refused), official
    assert ferro == official


def _pings(command: list[str]) -> list[dict[str, Any]]:
    """The server-to-client requests a ``ping``-mode server sends in its first second after
    ``initialize`` (answering each, as a client does)."""
    env = {**os.environ, "MW_MODE": "ping", "FERROMCP_FASTMCP_MAJOR": "4"}
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    seen: list[dict[str, Any]] = []
    try:
        def send(message: dict[str, Any]) -> None:
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(message).encode() + b"\n")
            proc.stdin.flush()
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"}}})
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        buffer = b""
        deadline = time.monotonic() + BOUND
        first_ping: float | None = None
        while time.monotonic() < deadline:
            if first_ping is not None and time.monotonic() > first_ping + 1:
                break
            ready, _, _ = select.select([proc.stdout], [], [], 0.1)
            if not ready:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                message = json.loads(line)
                if message.get("method") is None:
                    continue
                seen.append({k: v for k, v in message.items() if k != "id"})
                if first_ping is None:
                    first_ping = time.monotonic()
                send({"jsonrpc": "2.0", "id": message["id"], "result": {}})
    finally:
        proc.kill()
        proc.wait(timeout=BOUND)
        proc.stdin.close()
        proc.stdout.close()
    return seen


def test_ping_middleware_pings_as_fastmcp() -> None:
    python = _fastmcp_python()
    official = _pings([str(python), str(APP)])
    ours = _pings([sys.executable, "-m", "ferromcp", "run", str(APP)])
    assert official and all(m == {"jsonrpc": "2.0", "method": "ping"} for m in official)
    assert ours and all(m == official[0] for m in ours)
    assert abs(len(ours) - len(official)) <= 2, (ours, official)


DEREFERENCE_APP = """
from pydantic import BaseModel
from fastmcp import FastMCP
from fastmcp.server.middleware.dereference import DereferenceRefsMiddleware

class Point(BaseModel):
    x: int
    y: int = 0

class Segment(BaseModel):
    start: Point
    end: Point

mcp = FastMCP("deref", dereference_schemas=False)
mcp.add_middleware(DereferenceRefsMiddleware())

@mcp.tool
def length(segment: Segment) -> Segment:
    return segment

@mcp.tool
def plain(n: int) -> int:
    return n

if __name__ == "__main__":
    mcp.run()
"""


async def test_dereference_middleware_lists_as_fastmcp(tmp_path: Path) -> None:
    python = _fastmcp_python()
    app = tmp_path / "deref_server.py"
    app.write_text(DEREFERENCE_APP)
    env = {"FERROMCP_FASTMCP_MAJOR": "4"}

    async def collect(command: str, args: list[str]) -> dict[str, Any]:
        with anyio.fail_after(BOUND):
            async with spawned(command, args, env) as peer:
                tools = await peer.list_tools()
                call = await answer_or_error(peer.call_tool(
                    "length", {"segment": {"start": {"x": 1}, "end": {"x": 2, "y": 3}}}))
                return {"tools": tools, "call": call}

    official = await collect(str(python), [str(app)])
    ferro = await collect(sys.executable, ["-m", "ferromcp", "run", str(app)])
    schema = json.dumps(official["tools"])
    assert "$ref" not in schema and "$defs" not in schema
    assert ferro == official
