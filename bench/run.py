#!/usr/bin/env python3
"""Run the stdio benchmark matrix: ferromcp against the official MCP SDKs.

Every server × workload cell is one fresh server process driven by
``loadgen`` (bench/loadgen, raw JSON-RPC, no SDK). Runs are interleaved —
run 1 of every cell, then run 2 of every cell, … — and the tables show
medians. The native echo ``floor`` is measured in the same run.

Writes ``RESULTS.md``, ``results.png`` and ``results.json`` into ``--out``
(default ``bench/``; ``--quick`` defaults to ``bench/.quick/``).

    bash bench/setup.sh          # venvs with the pinned official SDKs
    python3 bench/run.py         # full matrix, 5 runs
    python3 bench/run.py --quick # smoke test, about 1½ minutes
    python3 bench/run.py --http  # the Streamable HTTP matrix (bench/run_http.py)
    python3 bench/run.py --replicas  # replicas sharing sessions through Redis (run_replicas.py)

ferromcp rows run the same server files as ``<python> -m ferromcp run FILE``;
they are skipped with a note when ``import ferromcp`` fails in that python
(``--ferromcp-python``, ``$FERROMCP_PYTHON``, ``bench/.venvs/ferromcp`` or this
interpreter, in that order).
"""

from __future__ import annotations

import argparse
import datetime
import fnmatch
import importlib.util
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENVS = BENCH / ".venvs"
SERVERS_DIR = BENCH / "servers"
CRATE = "ferromcp-bench"

FASTMCP_ENV = {"FASTMCP_SHOW_SERVER_BANNER": "false", "FASTMCP_CHECK_FOR_UPDATES": "off"}

# (workload, concurrency). Every server runs ECHO_CELLS; "full" servers also EXTRA_CELLS.
Cell = tuple[str, int]
ECHO_CELLS: list[Cell] = [("echo", 1), ("echo", 16)]
EXTRA_CELLS: list[Cell] = [("validate20", 1), ("big", 1), ("many", 1), ("sleep", 1), ("sleep", 16)]
# Heavy workloads run a quarter of the calls.
CALLS_SCALE = {"big": 0.25, "many": 0.25}
WORKLOAD_NOTES = {
    "echo": "`tools/call echo {text}`, the text checked on the way back",
    "validate20": "`tools/call validate20` with a 20-field object "
    "(strings, ints, bools, nested object, array)",
    "big": "`tools/call big` answering 100 000 characters (length checked)",
    "many": "alternating `tools/list` (204 tools) and `tools/call tool_NNN` over 200 tools",
    "sleep": "`tools/call sleep`, whose handler awaits `asyncio.sleep(0.001)`",
}

PLACEMENT_NOTES = {
    "split": "Placement `split`: loadgen is pinned to one CPU and the server (all its threads) to "
    "another with `taskset`, so every round trip crosses cores, as in DESIGN.md's floor.",
    "same": "Placement `same`: loadgen and the server are both pinned to one CPU (`taskset`).",
    "free": "Placement `free`: nothing is pinned; the scheduler may co-locate client and "
    "server (fast wake-ups) or split them (slow ones), so numbers can be bimodal.",
}

# The baselines every ratio is taken against.
BASE_LOWLEVEL = "mcp2-lowlevel"
BASE_MCPSERVER = "mcp2-mcpserver"
FLOOR = "floor"
# Rows whose echo C=1 cell is measured right after a floor run of their own, PAIRS_PER_RUN
# times per run: their ÷floor is the median of those side-by-side ratios, which the machine's
# drifts (a whole matrix can run 10–20 % slower than the one before it) move far less than a
# ratio of two medians taken minutes apart, and which its dips of a second or two (one run in
# five at 0.7×) move less the more pairs there are.
PAIRED_CELL: Cell = ("echo", 1)
PAIRED = ("ferromcp", "rust", "node-ferromcp")
PAIRS_PER_RUN = 3


@dataclass
class Server:
    """One row of the matrix: a server command and where it may run."""

    key: str
    label: str
    family: str  # "floor" | "official" | "ferromcp" | "rust"
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    full: bool = False  # run EXTRA_CELLS too
    unavailable: str | None = None  # why the row is skipped, if it is
    calls_scale: float = 1.0  # multiplies the calls of every cell but sleep's
    # The official row its goals compare with: mcp 2.3's low-level Server, or its MCPServer
    # for the FastMCP-style APIs.
    counterpart: str = BASE_LOWLEVEL

    def cells(self) -> list[Cell]:
        """The cells this server runs."""
        return ECHO_CELLS + (EXTRA_CELLS if self.full else [])


@dataclass
class Context:
    """Paths and settings the server table is built from."""

    floor_bin: Path
    ferromcp_python: str
    ferromcp_error: str | None


def venv_python(name: str) -> Path:
    """The interpreter of venv ``bench/.venvs/NAME``."""
    return VENVS / name / "bin" / "python"


def official(
    key: str,
    label: str,
    venv: str,
    file: str,
    *,
    full: bool = False,
    env: dict[str, str] | None = None,
) -> Server:
    """A row running FILE on the official SDK installed in a bench venv."""
    python = venv_python(venv)
    missing = (
        None if python.exists() else f"`bench/.venvs/{venv}` is missing: run `bash bench/setup.sh`"
    )
    return Server(
        key, label, "official", [str(python), str(SERVERS_DIR / file)], env or {}, full, missing
    )


# ferromcp and the pure-Rust server answer 5–80× faster than the official servers: 5× the calls
# keeps their cells near a second long, so one hiccup of this noisy machine cannot move the median.
FAST_SCALE = 5.0


def ferromcp(ctx: Context, key: str, file: str, *, env: dict[str, str] | None = None,
             counterpart: str = BASE_LOWLEVEL) -> Server:
    """A row running the unmodified server FILE through ``python -m ferromcp run``."""
    argv = [ctx.ferromcp_python, "-m", "ferromcp", "run", str(SERVERS_DIR / file)]
    return Server(key, f"ferromcp · {file}", "ferromcp", argv, env or {}, True, ctx.ferromcp_error,
                  calls_scale=FAST_SCALE, counterpart=counterpart)


# Node rows: the same .cjs files on the official SDK (the repository's node_modules, from
# `npm ci`) and on ferromcp (a copy beside a node_modules where the SDK's name is ferromcp).
NODE_ALIAS = BENCH / ".node-ferromcp"


def node_rows() -> list[Server]:
    """The Node servers, official and on ferromcp; skipped without node or `npm ci`."""
    node = shutil.which("node")
    official_sdk = ROOT / "node_modules" / "@modelcontextprotocol" / "sdk" / "package.json"
    native = list((ROOT / "bindings-node" / "lib" / "native").glob("*.node"))
    missing = None if node and official_sdk.exists() else "node or `npm ci` missing"
    unbuilt = None if native else "the native module is not built (`make build-node`)"
    ours_missing = missing or unbuilt
    rows = []
    for key, label, file in (("ts-lowlevel", "sdk 1.32 low-level Server (Node)", "ts_lowlevel.cjs"),
                             ("ts-mcpserver", "sdk 1.32 McpServer (Node)", "ts_mcpserver.cjs")):
        # As many calls as the ferromcp row: V8 compiles the hot paths only after some
        # thousands of calls, and both sides are measured as a long-running server runs.
        rows.append(Server(key, label, "node-official", [node or "node", str(SERVERS_DIR / file)],
                           unavailable=missing, calls_scale=FAST_SCALE))
        rows.append(Server(f"ferromcp-{key}", f"ferromcp · {file} (Node)", "node-ferromcp",
                           [node or "node", str(NODE_ALIAS / file)], unavailable=ours_missing,
                           calls_scale=FAST_SCALE, counterpart=key))
    return rows


def prepare_node_alias() -> None:
    """Copies the Node server files beside a node_modules mapping the SDK's name to ferromcp."""
    link = NODE_ALIAS / "node_modules" / "@modelcontextprotocol" / "sdk"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(ROOT, target_is_directory=True)
    for f in ("ts_lowlevel.cjs", "ts_mcpserver.cjs"):
        shutil.copyfile(SERVERS_DIR / f, NODE_ALIAS / f)


def server_table(ctx: Context) -> list[Server]:
    """Every server the benchmark knows, in table order."""
    servers = [
        # 10× the calls: its window is otherwise so short that one hiccup moves the median.
        Server(
            FLOOR, "floor (native echo, zero work)", "floor", [str(ctx.floor_bin)], calls_scale=10
        ),
        official("mcp1-lowlevel", "mcp 1.30 low-level Server", "mcp1", "lowlevel_v1.py"),
        official("mcp1-fastmcp", "mcp 1.30 FastMCP", "mcp1", "fastmcp_v1.py"),
        official(BASE_LOWLEVEL, "mcp 2.3 low-level Server", "mcp2", "lowlevel_v2.py", full=True),
        official(BASE_MCPSERVER, "mcp 2.3 MCPServer", "mcp2", "mcpserver_v2.py", full=True),
        official("fastmcp4", "fastmcp 4.1 FastMCP", "fastmcp4", "fastmcp4.py", env=FASTMCP_ENV),
        # ferromcp running the same, unmodified files.
        ferromcp(ctx, "ferromcp-lowlevel-v1", "lowlevel_v1.py"),
        ferromcp(ctx, "ferromcp-fastmcp-v1", "fastmcp_v1.py", counterpart=BASE_MCPSERVER),
        ferromcp(ctx, "ferromcp-lowlevel-v2", "lowlevel_v2.py"),
        ferromcp(ctx, "ferromcp-mcpserver-v2", "mcpserver_v2.py", counterpart=BASE_MCPSERVER),
        ferromcp(ctx, "ferromcp-fastmcp4", "fastmcp4.py", env=FASTMCP_ENV,
                 counterpart=BASE_MCPSERVER),
        # The framework without a foreign handler: the same tools on ferromcp-core in Rust.
        Server("ferromcp-rust", "ferromcp-core (pure Rust)", "rust",
               [str(ctx.floor_bin.parent / "examples" / "bench_server")], full=True,
               calls_scale=FAST_SCALE),
        *node_rows(),
    ]
    return servers


# --------------------------------------------------------------------------- build


def cargo(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run cargo with a generous timeout, capturing its output."""
    return subprocess.run(
        ["cargo", *args], cwd=cwd, env=env, check=False, capture_output=True, text=True, timeout=900
    )


def build_profile() -> str:
    """The Cargo profile the bench's own binaries are built with: ``release`` (what ships), or
    ``$FERROMCP_BENCH_PROFILE`` (``make test``'s smoke run uses ``release-test``, which shares
    what the wheel's build compiled; its figures are not kept)."""
    return os.environ.get("FERROMCP_BENCH_PROFILE") or "release"


def build_binaries() -> Path:
    """Build loadgen, floor and the pure-Rust server; returns their directory."""
    profile = build_profile()
    for build in (["build", "--profile", profile, "-p", CRATE],
                  ["build", "--profile", profile, "-p", "ferromcp-core", "--example",
                   "bench_server"]):
        print(f"building: cargo {' '.join(build)}", flush=True)
        result = cargo(build, ROOT)
        if result.returncode != 0:
            sys.exit(f"cargo build failed:\n{result.stderr}")
    return target_dir() / profile


def target_dir() -> Path:
    """Where cargo puts what it builds here: ``$CARGO_TARGET_DIR`` (relative to the repository,
    where cargo runs) or ``target/``."""
    return ROOT / os.environ.get("CARGO_TARGET_DIR", "target")


# --------------------------------------------------------------------------- running


def probe_ferromcp(python: str) -> str | None:
    """None if ``import ferromcp`` works in ``python``, else why not."""
    try:
        result = subprocess.run(
            [python, "-c", "import ferromcp"],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"ferromcp not available: cannot run `{python}`: {exc}"
    if result.returncode == 0:
        return None
    last = (result.stderr.strip().splitlines() or ["?"])[-1]
    return f"ferromcp not available: `import ferromcp` failed in `{python}` ({last})"


def pick_ferromcp_python(explicit: str | None) -> str:
    """The interpreter that ferromcp rows run with."""
    if explicit:
        return explicit
    if os.environ.get("FERROMCP_PYTHON"):
        return os.environ["FERROMCP_PYTHON"]
    if venv_python("ferromcp").exists():
        return str(venv_python("ferromcp"))
    return sys.executable


@dataclass
class Settings:
    """How many calls each cell makes and how long it may take."""

    calls: int
    warmup: int
    stall_timeout: float  # loadgen aborts after this long without an answer
    placement: str  # "split" | "same" | "free": where client and server may run
    settle: float  # pause before each cell, so the last server's teardown is over
    pairs: int  # floor-then-row pairs per run in the paired cell (see PAIRED)


def pinned(argv: list[str], cpu: int | None) -> list[str]:
    """``argv`` run under ``taskset -c CPU`` (unchanged for None); taskset execs,
    so the PID loadgen measures is the server's own."""
    return argv if cpu is None else ["taskset", "-c", str(cpu), *argv]


# Unpinned, the scheduler switches between co-locating client and server (about
# 6 µs per floor round trip) and splitting them across cores (about 45 µs), which
# makes numbers bimodal from run to run; so the default pins them.
PLACEMENTS = ("split", "same", "free")


def placement_cpus(placement: str) -> tuple[int | None, int | None]:
    """CPU of (loadgen, server) for a placement, from the CPUs we may use."""
    cpus = sorted(os.sched_getaffinity(0))
    if placement == "split":
        return cpus[0], cpus[1]
    if placement == "same":
        return cpus[0], cpus[0]
    return None, None


def cell_calls(settings: Settings, server: Server, cell: Cell) -> int:
    """Timed calls for one cell."""
    workload, concurrency = cell
    # A sleep cell's length is set by its 1 ms sleeps, not by how fast the server is.
    scale = 1.0 if workload == "sleep" else server.calls_scale
    if concurrency > 1 and scale > 1:
        # The fast rows answer ~100 k calls/s with requests in flight: 4× again keeps those
        # cells near half a second too.
        scale *= 4
    return max(1, round(settings.calls * scale * CALLS_SCALE.get(workload, 1.0)))


def run_cell(
    loadgen: Path, server: Server, cell: Cell, settings: Settings, logdir: Path
) -> dict[str, Any]:
    """Run one loadgen invocation; returns its JSON report (``ok`` false on failure)."""
    workload, concurrency = cell
    calls = cell_calls(settings, server, cell)
    client_cpu, server_cpu = placement_cpus(settings.placement)
    argv = pinned([
        str(loadgen), "--workload", workload, "--concurrency", str(concurrency),
        "--calls", str(calls), "--warmup", str(settings.warmup),
        "--timeout", str(settings.stall_timeout), "--stderr", "inherit",
        "--", *pinned(server.argv, server_cpu),
    ], client_cpu)  # fmt: skip
    env = {**os.environ, **server.env}
    log = logdir / f"{server.key}-{workload}-c{concurrency}.log"
    # A generous backstop above loadgen's own stall timeout: startup + a slow server.
    backstop = 120 + settings.stall_timeout + calls * 0.05
    with log.open("w") as stderr:
        # Own session, so a hung run can be ended with its whole process group.
        proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True, start_new_session=True
        )
        try:
            out, _ = proc.communicate(timeout=backstop)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {
                "ok": False,
                "fatal": f"loadgen did not finish within {backstop:.0f} s (killed)",
            }
    try:
        report: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        report = {"ok": False, "fatal": f"loadgen exited {proc.returncode} without a report"}
    if not report.get("ok"):
        tail = [line for line in log.read_text(errors="replace").splitlines() if line.strip()][-3:]
        if tail:
            report["stderr_tail"] = tail
    else:
        log.unlink()
    return report


def run_matrix(
    loadgen: Path, servers: list[Server], runs: int, settings: Settings
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Run every cell ``runs`` times, interleaved; returns reports by server key and cell."""
    results: dict[str, dict[str, list[dict[str, Any]]]] = {s.key: {} for s in servers}
    cells = list(dict.fromkeys(cell for s in servers for cell in s.cells()))
    floor = next((s for s in servers if s.key == FLOOR), None)
    broken: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="ferromcp-bench-") as tmp:
        logdir = Path(tmp)
        for run in range(1, runs + 1):
            for cell in cells:
                for server in servers:
                    if cell not in server.cells() or server.key in broken:
                        continue
                    pair = floor is not None and cell == PAIRED_CELL and server.family in PAIRED
                    for _ in range(settings.pairs if pair else 1):
                        paired = None
                        if pair:
                            # The floor again, right before: this row's ÷floor is taken
                            # against it.
                            time.sleep(settings.settle)
                            paired = run_cell(loadgen, floor, cell, settings, logdir)
                            results[FLOOR].setdefault(cell_key(cell), []).append(paired)
                        time.sleep(settings.settle)
                        report = run_cell(loadgen, server, cell, settings, logdir)
                        if paired is not None and paired.get("ok"):
                            report["paired_floor_calls_per_s"] = paired["calls_per_s"]
                        results[server.key].setdefault(cell_key(cell), []).append(report)
                        where = f"[run {run}/{runs}] {cell_key(cell):<14} {server.key:<22}"
                        print(f"{where} {summary(report)}", flush=True)
                    if not report.get("ok") and "spawn_to_init_ms" not in report:
                        broken.add(server.key)  # it cannot even start: skip its other cells
    return results


def cell_key(cell: Cell) -> str:
    """``echo C=16`` style name of a cell."""
    return f"{cell[0]} C={cell[1]}"


def summary(report: dict[str, Any]) -> str:
    """One progress line for a report."""
    if not report.get("ok"):
        return f"FAILED: {report.get('fatal')}"
    errors = f", {report['errors']} WRONG ANSWERS" if report.get("errors") else ""
    return (
        f"{report['calls_per_s']:>9.0f} calls/s  p50 {report['p50_us']:>8.1f} µs  "
        f"cpu {fmt(report.get('server_cpu_us_per_call'), 1):>7} µs/call{errors}"
    )


# --------------------------------------------------------------------------- report


METRICS = (
    "calls_per_s", "p50_us", "p90_us", "p99_us", "server_cpu_us_per_call", "client_cpu_us_per_call",
    "server_peak_rss_mib", "spawn_to_init_ms",
)  # fmt: skip


def aggregate(reports: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Medians over the successful runs of one cell (None when none succeeded)."""
    good = [r for r in reports if r.get("ok")]
    if not good:
        return None
    agg: dict[str, Any] = {}
    for metric in METRICS:
        values = [r[metric] for r in good if isinstance(r.get(metric), (int, float))]
        agg[metric] = statistics.median(values) if values else None
    rates = [r["calls_per_s"] for r in good]
    paired = [r["calls_per_s"] / r["paired_floor_calls_per_s"] for r in good
              if r.get("paired_floor_calls_per_s")]
    agg.update(
        floor_ratio=statistics.median(paired) if paired else None,
        floor_ratio_range=(min(paired), max(paired)) if paired else None,
        runs=len(good),
        failed_runs=len(reports) - len(good),
        min_calls_per_s=min(rates),
        max_calls_per_s=max(rates),
        errors=sum(r.get("errors", 0) + r.get("warmup_errors", 0) for r in good),
        first_error=next(
            (
                r.get("first_error") or r.get("first_warmup_error")
                for r in good
                if r.get("errors") or r.get("warmup_errors")
            ),
            None,
        ),
        calls=good[0].get("calls"),
    )
    return agg


def fmt(value: float | None, digits: int = 0) -> str:
    """A number for a table cell, thousands separated; an en dash when missing."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing."""
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(value: float | None) -> str:
    """A ratio as ``1.23×``."""
    if value is None:
        return "–"
    return f"{value:.2f}×" if value < 100 else f"{value:.0f}×"


def collect_versions(servers: list[Server]) -> dict[str, dict[str, str]]:
    """Python and package versions of every interpreter the servers run with."""
    probe = (
        "import json, sys, importlib.metadata as m\n"
        "v = {'python': sys.version.split()[0]}\n"
        "for d in ('mcp', 'mcp-types', 'fastmcp', 'pydantic', 'pydantic-core', 'anyio',\n"
        "          'ferromcp'):\n"
        "    try: v[d] = m.version(d)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(v))"
    )
    versions: dict[str, dict[str, str]] = {}
    for server in servers:
        python = server.argv[0]
        if server.family in ("floor", "rust") or server.family.startswith("node") \
                or server.unavailable or python in versions:
            continue
        try:
            out = subprocess.run(
                [python, "-c", probe], check=False, capture_output=True, text=True, timeout=60
            ).stdout
            versions[python] = json.loads(out)
        except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError):
            continue
    return versions


def machine_info() -> dict[str, str]:
    """CPU model, cores, kernel, Python and Rust versions."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        rustc = subprocess.run(
            ["rustc", "--version"],
            cwd=ROOT,
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        rustc = ""
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "kernel": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "rustc": rustc or "unknown",
        # Inherited by every server; worth knowing when comparing machines.
        "python_env": " ".join(
            f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("PYTHON")
        ),
    }


# The row's official counterpart (``Server.counterpart``) as a GOALS baseline.
COUNTERPART = "counterpart"

# (column title, cell, metric, baseline server — COUNTERPART, or None for the value itself —,
# goal test) of DESIGN.md §4a.
GOALS: list[tuple[str, str, str, str | None, Callable[[float], bool]]] = [
    ("echo C=1 ÷ floor (≥ 0.8)", "echo C=1", "calls_per_s", FLOOR, lambda v: v >= 0.8),
    ("echo C=16 ÷ official (≥ 40)", "echo C=16", "calls_per_s", COUNTERPART, lambda v: v >= 40),
    (
        "CPU/call ÷ official (≤ 0.067)",
        "echo C=1",
        "server_cpu_us_per_call",
        COUNTERPART,
        lambda v: v <= 1 / 15,
    ),
    ("RSS ÷ official (≤ 0.5)", "echo C=1", "server_peak_rss_mib", COUNTERPART,
     lambda v: v <= 0.5),
    ("init ÷ official (≤ 0.2)", "echo C=1", "spawn_to_init_ms", COUNTERPART,
     lambda v: v <= 0.2),
    ("sleep C=16 calls/s (≥ 12,800)", "sleep C=16", "calls_per_s", None, lambda v: v >= 12_800),
]

# The Node binding's goals, against the official TypeScript SDK running the same file.
NODE_GOALS: list[tuple[str, str, str, str | None, Callable[[float], bool]]] = [
    ("echo C=1 ÷ floor (≥ 0.7)", "echo C=1", "calls_per_s", FLOOR, lambda v: v >= 0.7),
    ("echo C=16 ÷ SDK (≥ 10)", "echo C=16", "calls_per_s", COUNTERPART, lambda v: v >= 10),
    ("CPU/call ÷ SDK (≤ 0.2)", "echo C=1", "server_cpu_us_per_call", COUNTERPART,
     lambda v: v <= 0.2),
    ("RSS ÷ SDK (≤ 0.5)", "echo C=1", "server_peak_rss_mib", COUNTERPART, lambda v: v <= 0.5),
]

Aggregated = dict[str, dict[str, dict[str, Any] | None]]


def metric(agg: Aggregated, key: str, cell: str, name: str) -> float | None:
    """One aggregated metric of a server's cell, or None."""
    return (agg.get(key, {}).get(cell) or {}).get(name)


def table_row(cells: list[str]) -> str:
    """A markdown table row."""
    return "| " + " | ".join(cells) + " |"


def header_section(data: dict[str, Any]) -> list[str]:
    """Title, machine, how to reproduce, method."""
    machine, settings = data["machine"], data["settings"]
    lines = [
        "# ferromcp stdio benchmark",
        "",
        (
            f"Generated {data['generated']} by `bench/run.py` "
            f"({data['runs']} run(s) per cell, interleaved; medians)."
        ),
        "",
        "## Machine",
        "",
        f"* CPU: {machine['cpu']}, {machine['cores']} cores",
        f"* Kernel: {machine['kernel']}",
        f"* Python: {machine['python']} (runner); {machine['rustc']}",
    ]
    for python, versions in data["versions"].items():
        where = os.path.relpath(python, ROOT) if python.startswith(str(ROOT)) else python
        packages = ", ".join(f"{k} {v}" for k, v in versions.items() if k != "python")
        lines.append(f"* `{where}`: Python {versions.get('python', '?')}; {packages}")
    if machine.get("python_env"):
        lines.append(f"* Environment: `{machine['python_env']}`")
    scaled = ", ".join(f"{w} ×{s}" for w, s in CALLS_SCALE.items())
    lines += [
        "",
        "Reproduce:",
        "",
        "```sh",
        "bash bench/setup.sh",
        f"python3 bench/run.py {data['args']}".rstrip(),
        "```",
        "",
        "## Method",
        "",
        (
            "Each cell starts a fresh server process and drives it over stdio with `loadgen` "
            "(bench/loadgen: raw newline-delimited JSON-RPC, no SDK): `initialize` (protocol "
            f"2025-11-25), `notifications/initialized`, {settings['warmup']} sequential warm-up "
            "calls, then the timed calls with C requests in flight (C=1: strictly sequential). "
            "Every answer is checked (id, `result`, no `isError`, content). Timed calls per cell: "
            f"{settings['calls']} ({scaled}; the floor ×10; ferromcp, pure-Rust and Node rows "
            f"×{FAST_SCALE:g} except sleep, and ×4 again at C=16, so that their cells also "
            "last near a second). "
            "**Server CPU** is the server's on-CPU time over the "
            "timed window only (`/proc/PID/task/*/schedstat`), divided by calls; **RSS** is the "
            "server's peak (`VmHWM`); **init** is spawn → `initialize` answer. "
            f"{PLACEMENT_NOTES[settings['placement']]} "
            "Ratios compare calls/s with the same cell of "
            "mcp 2.3's low-level `Server` (`×LL`), its `MCPServer` (`×MCPServer`) and, for echo "
            "C=1, the floor: a ferromcp or pure-Rust row's echo C=1 cell is measured "
            f"{settings['pairs']} time(s) per run, each right after a floor run of its own, and "
            "its `×floor` is the median of those side-by-side ratios (their range in brackets; "
            "the floor row shows all floor runs, and that cell's other figures are medians of "
            "all its runs)."
        ),
        "",
        "Workloads: " + "; ".join(f"**{w}** = {note}" for w, note in WORKLOAD_NOTES.items()) + ".",
        "",
    ]
    return lines


def cell_section(agg: Aggregated, servers: list[Server], cell: Cell) -> list[str]:
    """The table of one workload × concurrency cell (empty if no server ran it)."""
    key = cell_key(cell)
    rows = [(s, agg[s.key].get(key)) for s in servers if key in agg.get(s.key, {})]
    if not rows:
        return []
    base_ll = metric(agg, BASE_LOWLEVEL, key, "calls_per_s")
    base_ms = metric(agg, BASE_MCPSERVER, key, "calls_per_s")
    floor = metric(agg, FLOOR, key, "calls_per_s") if cell == ("echo", 1) else None
    titles = ["server", "calls/s (min–max)", "p50 µs", "p99 µs", "server CPU µs/call"]
    titles += ["peak RSS MiB", "init ms", "×LL", "×MCPServer"] + (["×floor"] if floor else [])
    lines = [f"## {cell[0]}, C={cell[1]}", "", table_row(titles)]
    lines.append(table_row(["---"] + ["---:"] * (len(titles) - 1)))
    for server, a in rows:
        if a is None:
            lines.append(table_row([server.label, "failed"] + ["–"] * (len(titles) - 2)))
            continue
        rate = a["calls_per_s"]
        spread = f"{fmt(rate)} ({fmt(a['min_calls_per_s'])}–{fmt(a['max_calls_per_s'])})"
        if a["errors"]:
            spread += f" ⚠ {a['errors']} wrong"
        cols = [server.label, spread, fmt(a["p50_us"]), fmt(a["p99_us"])]
        cols += [fmt(a["server_cpu_us_per_call"], 1), fmt(a["server_peak_rss_mib"], 1)]
        cols += [fmt(a["spawn_to_init_ms"], 1)]
        cols += [fmt_ratio(ratio(rate, base_ll)), fmt_ratio(ratio(rate, base_ms))]
        if floor:
            paired, spread = a.get("floor_ratio"), a.get("floor_ratio_range")
            shown = fmt_ratio(paired if paired is not None else ratio(rate, floor))
            if spread is not None:
                shown += f" ({spread[0]:.2f}–{spread[1]:.2f})"
            cols.append(shown)
        lines.append(table_row(cols))
    return lines + [""]


def goals_section(agg: Aggregated, servers: list[Server]) -> list[str]:
    """The ferromcp rows checked against the goals of DESIGN.md §4a (and the Node binding's)."""
    lines = ["## Design goals (DESIGN.md §4a)", ""]
    rows = [s for s in servers if s.family in ("ferromcp", "rust") and not s.unavailable]
    node = [s for s in servers if s.family == "node-ferromcp" and not s.unavailable]
    if not rows and not node:
        return lines + ["No ferromcp row was measured in this run.", ""]
    if rows:
        lines += [
            "Each ferromcp row against its official counterpart: the low-level APIs (and the "
            "pure-Rust server) against mcp 2.3's low-level `Server`, the FastMCP-style APIs "
            "against mcp 2.3's `MCPServer`.",
            "",
            *goals_table(agg, servers, rows, GOALS),
        ]
    if node:
        lines += [
            "Node: each file on ferromcp against the same file on the official TypeScript SDK.",
            "",
            *goals_table(agg, servers, node, NODE_GOALS),
        ]
    return lines


def goals_table(agg: Aggregated, servers: list[Server], rows: list[Server],
                goals: list[tuple[str, str, str, str | None, Callable[[float], bool]]]
                ) -> list[str]:
    """One goals table: a line per row, a column per goal."""
    labels = {s.key: s.label for s in servers}
    lines = [table_row(["server", "official counterpart"] + [title for title, *_ in goals])]
    lines.append(table_row(["---", "---"] + ["---:"] * len(goals)))
    for s in rows:
        cols = [s.label, labels.get(s.counterpart, s.counterpart)]
        for _, cell, name, baseline, ok in goals:
            own = metric(agg, s.key, cell, name)
            paired = metric(agg, s.key, cell, "floor_ratio") if baseline == FLOOR else None
            if paired is not None:
                value, shown = paired, f"{paired:.3g}"
            elif baseline is None:
                value, shown = own, None if own is None else f"{own:,.0f}"
            else:
                base = s.counterpart if baseline == COUNTERPART else baseline
                value = ratio(own, metric(agg, base, cell, name))
                shown = None if value is None else f"{value:.3g}"
            cols.append("–" if value is None else f"{shown} {'✓' if ok(value) else '✗'}")
        lines.append(table_row(cols))
    return lines + [""]


def notes_section(data: dict[str, Any], agg: Aggregated, servers: list[Server]) -> list[str]:
    """Skipped rows, failed runs and wrong answers."""
    # Rows skipped for the same reason (e.g. every ferromcp row) share one note.
    skipped: dict[str, list[str]] = {}
    for s in servers:
        if s.unavailable:
            skipped.setdefault(s.unavailable, []).append(s.label)
    notes = [f"* Skipped {', '.join(labels)}: {reason}" for reason, labels in skipped.items()]
    for s in servers:
        for key, reports in data["raw"].get(s.key, {}).items():
            for report in reports:
                if not report.get("ok"):
                    tail = " / ".join(report.get("stderr_tail", []))
                    stderr = f" (stderr: `{tail}`)" if tail else ""
                    notes.append(f"* {s.label}, {key}: failed: {report.get('fatal')}{stderr}")
            a = agg[s.key].get(key)
            if a and a["errors"]:
                first = a["first_error"]
                notes.append(f"* {s.label}, {key}: {a['errors']} wrong answers, first: {first}")
    if not notes:
        return []
    return ["## Notes", "", *dict.fromkeys(notes), ""]


def write_markdown(path: Path, data: dict[str, Any], servers: list[Server]) -> None:
    """Write RESULTS.md from the aggregated data."""
    agg: Aggregated = data["aggregated"]
    lines = header_section(data)
    for cell in dict.fromkeys(cell for s in servers for cell in s.cells()):
        lines += cell_section(agg, servers, cell)
    lines += goals_section(agg, servers)
    lines += notes_section(data, agg, servers)
    if data.get("chart"):
        lines += [f"![calls/s and server CPU per call]({data['chart']})", ""]
    # The HTTP sections (`--http`, `--replicas`) are written by their own runs: keep them.
    import run_http
    import run_replicas

    http_section = run_http.preserved_section(path)
    replicas_section = run_replicas.preserved_section(path)
    # Where the time goes: the written analysis (profiles, hops, allocations) kept beside the
    # generated tables, so a rerun keeps it.
    analysis = path.parent / "ANALYSIS.md"
    if analysis.exists():
        lines += [analysis.read_text().rstrip(), ""]
    if http_section:
        lines.append(http_section)
    if replicas_section:
        lines.append(replicas_section)
    path.write_text("\n".join(lines))


def find_plot_python() -> str | None:
    """An interpreter that can import matplotlib."""
    if importlib.util.find_spec("matplotlib") is not None:
        return sys.executable
    plot = venv_python("plot")
    return str(plot) if plot.exists() else None


def make_chart(json_path: Path, png_path: Path) -> str | None:
    """Render results.png with bench/chart.py; returns None on success, else why not."""
    python = find_plot_python()
    if python is None:
        return "matplotlib not found (run `bash bench/setup.sh`)"
    result = subprocess.run(
        [python, str(BENCH / "chart.py"), str(json_path), str(png_path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        return f"chart.py failed: {(result.stderr.strip().splitlines() or ['?'])[-1]}"
    return None


def select(servers: list[Server], patterns: Iterable[str] | None) -> list[Server]:
    """Servers matching --only patterns (fnmatch on keys). The floor is always kept, and
    the mcp 2.3 baselines too when a ferromcp row is selected, so its ratios exist."""
    if not patterns:
        return servers
    patterns = list(patterns)
    known = {s.key for s in servers}
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(k, pattern) for k in known):
            sys.exit(f"--only {pattern!r} matches no server; known: {', '.join(sorted(known))}")
    chosen = {s.key for s in servers if any(fnmatch.fnmatchcase(s.key, p) for p in patterns)}
    chosen.add(FLOOR)
    if any(s.key in chosen and s.family in ("ferromcp", "rust") for s in servers):
        chosen |= {BASE_LOWLEVEL, BASE_MCPSERVER}
    return [s for s in servers if s.key in chosen]


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 1 run, 40 calls, 5 warm-up"
    )
    parser.add_argument("--runs", type=int, help="runs per cell (default 5; 1 with --quick)")
    parser.add_argument(
        "--calls", type=int, help="timed calls per cell (default 2000; 40 with --quick)"
    )
    parser.add_argument(
        "--warmup", type=int, help="warm-up calls per cell (default 50; 5 with --quick)"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="SERVER",
        help="server keys or globs (e.g. 'ferromcp-*'); the floor always runs, and the "
        "mcp 2.3 baselines with any ferromcp row",
    )
    parser.add_argument("--ferromcp-python", help="interpreter with ferromcp installed")
    parser.add_argument(
        "--placement",
        choices=PLACEMENTS,
        default="split",
        help="split: loadgen and server on two different CPUs (default); "
        "same: both on one CPU; free: unpinned",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="abort a cell after this many seconds without an answer",
    )
    parser.add_argument(
        "--out", type=Path, help="output directory (default bench/, or bench/.quick/ with --quick)"
    )
    parser.add_argument("--list", action="store_true", help="list the server keys and exit")
    parser.add_argument(
        "--http",
        action="store_true",
        help="run the Streamable HTTP matrix instead (bench/run_http.py); its section of "
        "RESULTS.md is replaced, the stdio section kept",
    )
    parser.add_argument(
        "--replicas",
        action="store_true",
        help="run the replica rows instead (bench/run_replicas.py): 64×4 on one replica, one "
        "behind haproxy, one and three sharing Redis behind haproxy; their section of RESULTS.md "
        "is replaced, the others kept",
    )
    parser.add_argument(
        "--rerender",
        action="store_true",
        help="--http / --replicas: rewrite that section of RESULTS.md from results-http.json / "
        "results-replicas.json, run nothing",
    )
    parser.add_argument(
        "--idle-sessions",
        type=int,
        help="--http: sessions opened to measure memory per idle session (200; 20 with --quick)",
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 5)
    args.calls = args.calls or (40 if args.quick else (1000 if args.http or args.replicas
                                                       else 2000))
    args.warmup = args.warmup if args.warmup is not None else (5 if args.quick else 50)
    args.out = args.out or (BENCH / ".quick" if args.quick else BENCH)
    return args


def main(argv: list[str]) -> int:
    """Build, run the matrix, write the report."""
    args = parse_args(argv)
    if args.http and args.replicas:
        sys.exit("--http and --replicas are separate runs: give one")
    if args.http:
        import run_http

        return run_http.main(args, argv)
    if args.replicas:
        import run_replicas

        return run_replicas.main(args, argv)
    started = time.monotonic()
    ferromcp_python = pick_ferromcp_python(args.ferromcp_python)
    ctx = Context(floor_bin=Path("floor"), ferromcp_python=ferromcp_python, ferromcp_error=None)
    if args.list:
        for server in server_table(ctx):
            print(f"{server.key:<24} {server.label}")
        return 0

    bindir = build_binaries()
    ctx.floor_bin = bindir / "floor"
    ctx.ferromcp_error = probe_ferromcp(ferromcp_python)
    prepare_node_alias()
    servers = select(server_table(ctx), args.only)
    for server in servers:
        if server.unavailable:
            print(f"skipping {server.key}: {server.unavailable}", flush=True)
    active = [s for s in servers if not s.unavailable]
    placement = args.placement
    if placement != "free" and (
        shutil.which("taskset") is None or len(os.sched_getaffinity(0)) < 2
    ):
        print(
            f"note: --placement {placement} needs taskset and 2 CPUs; running unpinned", flush=True
        )
        placement = "free"
    settings = Settings(
        settle=0.05 if args.quick else 0.25,
        pairs=1 if args.quick else PAIRS_PER_RUN,
        calls=args.calls,
        warmup=args.warmup,
        stall_timeout=args.timeout,
        placement=placement,
    )

    raw = run_matrix(bindir / "loadgen", active, args.runs, settings)
    aggregated = {
        key: {cell: aggregate(reports) for cell, reports in cells.items()}
        for key, cells in raw.items()
    }

    args.out.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "args": shlex.join(argv),
        "runs": args.runs,
        "settings": {
            "calls": args.calls,
            "warmup": args.warmup,
            "timeout_s": args.timeout,
            "placement": placement,
            "pairs": settings.pairs,
        },
        "machine": machine_info(),
        "versions": collect_versions(servers),
        "servers": [
            {
                "key": s.key,
                "label": s.label,
                "family": s.family,
                "argv": s.argv,
                "unavailable": s.unavailable,
            }
            for s in servers
        ],
        "raw": raw,
        "aggregated": aggregated,
    }
    json_path = args.out / "results.json"
    json_path.write_text(json.dumps(data, indent=1))
    png_path = args.out / "results.png"
    chart_error = make_chart(json_path, png_path)
    if chart_error:
        print(f"chart skipped: {chart_error}", flush=True)
    else:
        data["chart"] = png_path.name
    write_markdown(args.out / "RESULTS.md", data, servers)
    elapsed = time.monotonic() - started
    print(f"wrote {args.out / 'RESULTS.md'} in {elapsed:.1f} s", flush=True)
    failed = any(
        not r.get("ok") for cells in raw.values() for reports in cells.values() for r in reports
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
