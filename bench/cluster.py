"""Replicas of one server behind haproxy, optionally sharing a Redis: one server command for
``loadgen`` (``bench/run.py --replicas``).

    python bench/cluster.py --port PORT --replicas N [--redis] -- <replica command>

Starts a ``redis-server`` on a free port (with ``--redis``; no persistence, files in a temporary
directory), N copies of the replica command, each on a free port (``{replica_port}`` in it) with
``FERROMCP_REDIS_URL`` pointing at that Redis (and without it otherwise), then ``haproxy`` on
127.0.0.1:PORT balancing every request round robin over the replicas with no stickiness (the
config of tests/python/replicas.py, without its request log and health checks). haproxy binds
last, so once PORT accepts connections everything is up. The launcher then waits; on SIGTERM or
SIGINT, when any process it started exits, or after ``--max-seconds``, it stops every process by
its PID (SIGTERM, then SIGKILL after a bounded wait) and exits. Each child also gets SIGKILL from
the kernel should the launcher die first (``PR_SET_PDEATHSIG``). Everything listens on 127.0.0.1
only; every wait is bounded. loadgen's ``--process-tree`` counts the launcher, the replicas,
Redis and haproxy, each on its own.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

#: Where Debian puts haproxy; not on every user's PATH.
SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")

HAPROXY_CONFIG = """\
global
    nbthread 1
    maxconn 2000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 60s
    # Requests go to the replicas as they come; nothing waits for a whole body.
    no option http-buffer-request

frontend mcp
    bind 127.0.0.1:{port}
    default_backend replicas

backend replicas
    # Round robin per request, no stickiness: no cookie, no stick table, no prefer-last-server.
    balance roundrobin
{servers}
"""


class Stop(Exception):
    """A signal asked the launcher to stop."""


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def log(message: str) -> None:
    """One line on stderr (loadgen puts it in the cell's log)."""
    sys.stderr.write(f"cluster: {message}\n")
    sys.stderr.flush()


def find(program: str) -> str:
    """The path of ``program``, on PATH or in the sbin directories."""
    found = shutil.which(program, path=os.pathsep.join([os.environ.get("PATH", ""), *SBIN]))
    if found is None:
        raise SystemExit(f"cluster: {program} is not installed "
                         "(Debian: apt-get install redis-server haproxy)")
    return found


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """In the child before exec: SIGKILL when the launcher dies, even by SIGKILL."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the launcher died before prctl
        os._exit(1)


def spawn(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``command``, stdout and stderr on ours, no stdin."""
    parent = os.getpid()
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sys.stderr.fileno(),
                            stderr=sys.stderr.fileno(), env=env,
                            preexec_fn=lambda: _die_with_parent(parent))


def wait_until(check: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float,
               what: str) -> None:
    """Polls ``check()`` until true; fails when ``proc`` exits or after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not check():
        if proc.poll() is not None:
            raise SystemExit(f"cluster: {what} exited ({proc.returncode}) before it was ready")
        if time.monotonic() > deadline:
            raise SystemExit(f"cluster: {what} not ready after {timeout:g} s")
        time.sleep(0.02)


def accepts(port: int) -> bool:
    """Whether 127.0.0.1:``port`` accepts a connection."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def pong(port: int) -> bool:
    """Whether a Redis on ``port`` answers PING (not while it loads)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def stop_all(procs: list[subprocess.Popen[bytes]], limit: float) -> None:
    """SIGTERM to each of ``procs`` by its PID, then SIGKILL to those still running after
    ``limit`` seconds; each is reaped."""
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + limit
    for proc in procs:
        try:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log(f"pid {proc.pid} ({proc.args[0]}) still running {limit:g} s after SIGTERM: "
                "SIGKILL")
            proc.kill()
            proc.wait(timeout=10)


def main(argv: list[str]) -> int:
    """Start Redis, the replicas and haproxy; wait; stop them all."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="haproxy's port")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--redis", action="store_true",
                        help="start redis-server and give every replica FERROMCP_REDIS_URL")
    parser.add_argument("--max-seconds", type=float, default=1800,
                        help="stop everything after this long whatever happens")
    parser.add_argument("command", nargs="+",
                        help="the replica command, {replica_port} replaced by its port")
    args = parser.parse_args(argv)
    redis_server = find("redis-server") if args.redis else None
    haproxy = find("haproxy")

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
        signal.signal(signum, _stop)
    signal.alarm(max(1, round(args.max_seconds)))
    redis: list[subprocess.Popen[bytes]] = []
    others: list[subprocess.Popen[bytes]] = []  # the replicas, then haproxy
    workdir = Path(tempfile.mkdtemp(prefix="ferromcp-bench-cluster-"))
    try:
        env = {k: v for k, v in os.environ.items() if k != "FERROMCP_REDIS_URL"}
        if redis_server is not None:
            port = free_port()
            redis.append(spawn([redis_server, "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(workdir),
                                "--loglevel", "warning"]))
            wait_until(lambda: pong(port), redis[0], 15, "redis-server")
            env["FERROMCP_REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        ports = [free_port() for _ in range(args.replicas)]
        for index, port in enumerate(ports):
            command = [a.replace("{replica_port}", str(port)) for a in args.command]
            others.append(spawn(command, env | {"REPLICA": str(index)}))
        for index, port in enumerate(ports):
            wait_until(lambda p=port: accepts(p), others[index], 30, f"replica {index}")
        config = workdir / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=args.port, servers="\n".join(
            f"    server r{i} 127.0.0.1:{p}" for i, p in enumerate(ports))))
        checked = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True,
                                 text=True, timeout=30, check=False)
        if checked.returncode != 0:
            raise SystemExit(f"cluster: bad haproxy config: {checked.stderr.strip()}")
        others.append(spawn([haproxy, "-db", "-f", str(config)]))
        log(f"haproxy on 127.0.0.1:{args.port} over {args.replicas} replica(s)"
            + (f", {env['FERROMCP_REDIS_URL']}" if redis else ", no Redis"))
        # Until a signal comes (Stop) or a child exits; WNOWAIT leaves it for Popen to reap.
        gone = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT)
        who = next((p.args[0] for p in [*redis, *others] if gone and p.pid == gone.si_pid), "?")
        log(f"pid {gone.si_pid if gone else '?'} ({who}) exited: stopping everything")
        return 1
    except Stop as why:
        log(f"{why}: stopping everything")
        return 0
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
            signal.signal(signum, signal.SIG_IGN)
        signal.alarm(0)
        # The proxy and the replicas first, Redis last (a replica may still write on its way
        # out); loadgen kills the launcher 3 s after its SIGTERM, so all of this stays under 2.5.
        stop_all(others[::-1], 1.5)
        stop_all(redis, 0.8)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
