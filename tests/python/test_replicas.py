"""Stateful Streamable HTTP sessions served by three replicas sharing a real Redis, behind haproxy
balancing every request round-robin with no stickiness (DESIGN.md §7, issue 18), driven by the
official clients: sessions spread over the replicas, progress and logs in order, a server→client
request (sampling) whose answer reaches another replica, and a replica SIGKILLed mid-call whose
client resumes on another replica with ``Last-Event-ID`` and misses no event.

The replicas get ``FERROMCP_REDIS_URL`` and nothing else. The same harness with stateless
replicas and no Redis (``stateless``) checks the harness itself: requests spread, SSE streams
through the proxy unbuffered, a dead replica is skipped. A summary of the transcripts goes to
``tests/python/.replicas-summary-<client>.json``."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from replicas import PROTOCOL, Cluster, RawSession, cluster, message_of, wait_for

from peer import CLIENT, connect_http

pytestmark = pytest.mark.anyio

REPLICAS = 3
#: One file per client generation: the two legs run side by side.
SUMMARY = Path(__file__).with_name(f".replicas-summary-{CLIENT}.json")
SLOW_STEP = re.compile(rb"slow step (\d+) of \d+ on replica (\d+)")


def record(section: str, data: Any) -> None:
    """Adds ``data`` to the transcript summary, under this client generation and ``section``."""
    try:
        summary = json.loads(SUMMARY.read_text())
    except (OSError, ValueError):
        summary = {}
    summary.setdefault(CLIENT, {})[section] = data
    SUMMARY.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")


def require_shared_sessions(c: Cluster) -> None:
    """Fails at once, saying why, when a session begun on one replica is unknown to the others
    (the replicas do not share sessions), rather than letting every scenario time out."""
    raw = RawSession(c.proxy.port)
    status, _ = raw.send(raw.request("initialize", {
        "protocolVersion": PROTOCOL, "capabilities": {},
        "clientInfo": {"name": "precheck", "version": "0"}}))
    assert status == 200 and raw.session_id, f"initialize: HTTP {status}, no Mcp-Session-Id"
    raw.version = PROTOCOL
    statuses = [raw.send({"jsonrpc": "2.0", "method": "notifications/initialized"})[0]]
    statuses += [raw.send(raw.request("ping", {}))[0] for _ in range(REPLICAS)]
    if statuses != [202] + [200] * REPLICAS:
        assert c.redis is not None
        route = [f"{r.method} {r.server} {r.status}" for r in c.proxy.routed_for(raw.session_id)]
        clients = len(c.redis.command("CLIENT", "LIST").splitlines()) - 1  # this one
        pytest.fail(f"the requests of one session, spread round-robin over {REPLICAS} replicas, "
                    f"got {route}: the replicas do not share sessions through Redis (each was "
                    f"started with FERROMCP_REDIS_URL={c.redis.url}; issue 18; redis-server has "
                    f"{clients} other client connections); {c.diagnostics()}", pytrace=False)


@pytest.fixture(scope="module")
def stateless(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Stateless replicas, no Redis: what any load balancer can serve today."""
    with cluster(tmp_path_factory.mktemp("stateless"), REPLICAS, shared=False) as c:
        yield c


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Stateful replicas sharing sessions through one Redis."""
    with cluster(tmp_path_factory.mktemp("shared"), REPLICAS) as c:
        require_shared_sessions(c)
        yield c


@pytest.fixture
def replicated(request: pytest.FixtureRequest) -> Cluster:
    """``stateless`` or ``shared``, by parameter."""
    return request.getfixturevalue(request.param)


def text_of(result: dict[str, Any]) -> str:
    """The text of a successful tool result."""
    assert not result.get("isError"), result
    return result["content"][0]["text"]


def known_sessions(c: Cluster) -> set[str]:
    """Every session id the proxy has seen so far."""
    return {r.session for r in c.proxy.routed() if r.session}


# --- sessions spread ---------------------------------------------------------------------------


async def one_session(c: Cluster, calls: int) -> list[int]:
    """An official client session making ``calls`` ``whoami`` calls in a row (round robin sends
    each to the next replica), then an ``echo``; returns the replicas that answered."""
    async with connect_http(c.url) as peer:
        seen = [int(text_of(await peer.call_tool("whoami", {}))) for _ in range(calls)]
        assert text_of(await peer.call_tool("echo", {"text": "still here"})) == "still here"
    return seen


async def busy_session(c: Cluster, name: str, calls: int) -> None:
    """A session making ``calls`` echo calls while others do the same."""
    async with connect_http(c.url) as peer:
        for i in range(calls):
            text = f"{name} call {i}"
            assert text_of(await peer.call_tool("echo", {"text": text})) == text


@pytest.mark.parametrize("replicated", ["stateless", "shared"], indirect=True)
async def test_sessions_spread_over_the_replicas(replicated: Cluster) -> None:
    c = replicated
    per_session: list[list[int]] = []
    routes: list[list[str]] = []
    with anyio.fail_after(60):
        for _ in range(4):
            before = known_sessions(c)
            per_session.append(await one_session(c, calls=4))
            for session in known_sessions(c) - before:  # none when stateless
                routes.append([r.server for r in c.proxy.routed_for(session)])
        async with anyio.create_task_group() as tg:
            for name in ("a", "b", "c"):
                tg.start_soon(busy_session, c, name, 5)
    calls = Counter(r for seen in per_session for r in seen)
    assert sorted(calls) == list(range(REPLICAS)), f"not every replica served calls: {calls}"
    for seen in per_session:
        assert len(set(seen)) >= 2, f"one session's calls all landed on one replica: {seen}"
    for route in routes:
        assert len(set(route)) >= 2, f"the proxy sent a whole session to one replica: {route}"
    record(f"spread_{'shared' if c.redis else 'stateless'}", {
        "whoami_per_session": per_session,
        "calls_per_replica": {str(r): n for r, n in sorted(calls.items())},
        "sessions_per_replica": {str(r): sum(r in seen for seen in per_session)
                                 for r in range(REPLICAS)},
        "proxy_route_per_session": routes})


# --- progress and logs -------------------------------------------------------------------------


class Notes:
    """What the client is told along one call: progress and log messages, in arrival order."""

    def __init__(self) -> None:
        self.progress: list[tuple[float, float | None, str | None]] = []
        self.logs: list[Any] = []

    async def on_progress(self, p: float, total: float | None, message: str | None) -> None:
        self.progress.append((p, total, message))

    async def on_log(self, params: Any) -> None:
        self.logs.append(params.data)


@pytest.mark.parametrize("replicated", ["stateless", "shared"], indirect=True)
async def test_progress_and_logs_arrive_in_order(replicated: Cluster) -> None:
    notes = Notes()
    ran: list[int] = []
    with anyio.fail_after(60):
        async with connect_http(replicated.url, logging_callback=notes.on_log) as peer:
            for _ in range(REPLICAS):  # round robin: each call starts on another replica
                notes.progress.clear()
                notes.logs.clear()
                done = text_of(await peer.call_tool("progress", {"steps": 5, "delay": 0.02},
                                                    progress_callback=notes.on_progress))
                replica = int(done.removeprefix("done on replica "))
                ran.append(replica)
                assert notes.progress == [(i, 5, f"step {i}") for i in range(1, 6)]
                assert notes.logs == [f"step {i} on replica {replica}" for i in range(5)]
    record(f"progress_{'shared' if replicated.redis else 'stateless'}", {"ran_on": ran})


# --- sampling across replicas ------------------------------------------------------------------


async def upper_model(_ctx: Any, params: Any) -> Any:
    """The client's "model": answers with the prompt in capitals."""
    import mcp.types as mt

    prompt = params.messages[0].content.text
    return mt.CreateMessageResult(role="assistant", model="upper",
                                  content=mt.TextContent(type="text", text=prompt.upper()))


async def test_sampling_answers_reach_the_replica_waiting_for_them(shared: Cluster) -> None:
    asked_by: list[int] = []
    before = known_sessions(shared)
    with anyio.fail_after(60):
        async with connect_http(shared.url, sampling_callback=upper_model) as peer:
            for i in range(6):
                text = text_of(await peer.call_tool("sample", {"prompt": f"hello {i}"}))
                answer, _, replica = text.partition(" via replica ")
                assert answer == f"HELLO {i}"
                asked_by.append(int(replica))
    (session,) = known_sessions(shared) - before
    route = shared.proxy.routed_for(session)
    # The client's POSTs answered 202: `initialized`, then one per sampling answer.
    answered_on = [r.replica for r in route if r.method == "POST" and r.status == 202][1:]
    assert len(answered_on) == len(asked_by), [f"{r.method} {r.server} {r.status}" for r in route]
    crossings = sum(a != b for a, b in zip(asked_by, answered_on, strict=True))
    assert crossings >= 1, f"no sampling answer landed on another replica: {asked_by}"
    record("sampling", {"asked_by": asked_by, "answer_posted_to": answered_on,
                        "crossings": crossings})


# --- a replica killed mid-call -----------------------------------------------------------------


def slow_call(raw: RawSession) -> dict[str, Any]:
    """A ``slow`` call asking for progress (one numbered message per step), lasting a minute:
    longer than any read waits, so its events reach the client only if they stream."""
    return raw.request("tools/call", {"name": "slow", "arguments": {"steps": 600, "delay": 0.1},
                                      "_meta": {"progressToken": "slow"}})


def step_of(event: dict[str, str]) -> tuple[int, int] | None:
    """(step, replica) of a ``slow`` progress event; None for any other event."""
    message = message_of(event)
    if not message or message.get("method") != "notifications/progress":
        return None
    found = SLOW_STEP.search(message["params"].get("message", "").encode())
    return (int(found[1]), int(found[2])) if found else None


def stored_steps(c: Cluster) -> set[int]:
    """The ``slow`` steps Redis holds anywhere (any key layout), read as text."""
    assert c.redis is not None
    return {int(m[1]) for values in c.redis.contents().values() for value in values
            for m in SLOW_STEP.finditer(value)}


def read_steps(stream: Any, count: int, within: float = 30) -> tuple[list[int], int, str]:
    """Reads events until ``count`` steps came (in ``within`` seconds); returns them, the
    replica and the last event id."""
    steps: list[int] = []
    replica, last_id = -1, ""
    deadline = time.monotonic() + within
    while len(steps) < count:
        assert time.monotonic() < deadline, f"only steps {steps} came in {within}s"
        event = stream.next()
        assert event is not None, f"the stream ended after steps {steps}"
        found = step_of(event)
        if found:
            steps.append(found[0])
            replica, last_id = found[1], event.get("id", "")
    return steps, replica, last_id


def kill_mid_call(c: Cluster) -> dict[str, Any]:
    """The raw scenario: start ``slow``, read a few steps, let the replica store a few more the
    client never reads, SIGKILL it, resume through the proxy with ``Last-Event-ID``."""
    raw = RawSession(c.proxy.port)
    raw.initialize()
    stream = raw.open("POST", slow_call(raw))
    assert stream.status == 200
    assert stream.headers["content-type"].startswith("text/event-stream")
    priming = stream.next()
    assert priming is not None and message_of(priming) is None and priming.get("id"), priming
    direct, replica, last_id = read_steps(stream, 5)
    assert direct == [1, 2, 3, 4, 5] and last_id, (direct, last_id)
    wait_for(lambda: max(stored_steps(c), default=0) >= direct[-1] + 3, 20,
             "Redis to hold steps the client has not read (events stored as JSON text)")
    c.kill(replica)
    stream.close()
    stored = stored_steps(c)
    resumed = raw.open("GET", headers={"Accept": "text/event-stream", "Last-Event-ID": last_id})
    assert resumed.status == 200, resumed.status
    replayed = replay(resumed, expected=max(stored) - direct[-1])
    assert sorted(stored) == list(range(1, max(stored) + 1)), f"Redis holds steps {stored}"
    assert direct + replayed == list(range(1, max(stored) + 1)), (direct, replayed, stored)
    after = [int(text_of(raw.call("whoami", {}))) for _ in range(REPLICAS)]
    assert replica not in after, (after, direct, replayed, stored)
    return {"killed": replica, "read_directly": direct, "replayed": replayed,
            "stored_in_redis": max(stored), "whoami_after": after}


def replay(stream: Any, expected: int, within: float = 30, quiet: float = 1) -> list[int]:
    """The steps a resumed stream delivers: ``expected`` of them (in ``within`` seconds), then
    whatever else comes in the next ``quiet`` seconds (a step that came twice, or one the store
    never held)."""
    steps: list[int] = []
    deadline = time.monotonic() + (within if expected else quiet)
    try:
        while (left := deadline - time.monotonic()) > 0:
            event = stream.next(timeout=left)
            if event is None:
                break
            found = step_of(event)
            if found:
                steps.append(found[0])
                if len(steps) == expected:  # from now on, only a step too many can come
                    deadline = time.monotonic() + quiet
    except TimeoutError:
        pass
    finally:
        stream.close()
    return steps


@pytest.fixture
def doomed(tmp_path: Path) -> Iterator[Cluster]:
    """A shared cluster of its own: one of its replicas gets killed."""
    with cluster(tmp_path, REPLICAS) as c:
        require_shared_sessions(c)
        yield c


async def test_a_replica_killed_mid_call_loses_no_event(doomed: Cluster) -> None:
    with anyio.fail_after(90):
        summary = await anyio.to_thread.run_sync(kill_mid_call, doomed, abandon_on_cancel=True)
    record("killed_mid_call", summary)


# --- the harness itself, stateless -------------------------------------------------------------


def stream_then_kill(c: Cluster) -> dict[str, Any]:
    """Stateless: a ``slow`` call's first events come through the proxy while the call goes on
    (it would outlast the read timeout, so a buffering proxy fails here); then its replica is
    killed mid-call, and every later request is answered by the others."""
    raw = RawSession(c.proxy.port)
    raw.initialize()
    stream = raw.open("POST", slow_call(raw))
    direct, replica, _ = read_steps(stream, 3)
    assert direct == [1, 2, 3]
    c.kill(replica)
    stream.close()
    after = [int(text_of(raw.call("whoami", {}))) for _ in range(2 * REPLICAS)]
    assert replica not in after and len(set(after)) == REPLICAS - 1, after
    return {"killed": replica, "read_directly": direct, "whoami_after": after}


async def test_the_harness_streams_sse_and_skips_a_dead_stateless_replica(
        tmp_path: Path) -> None:
    with cluster(tmp_path, REPLICAS, shared=False) as c, anyio.fail_after(60):
        summary = await anyio.to_thread.run_sync(stream_then_kill, c, abandon_on_cancel=True)
    record("harness_stateless", summary)
