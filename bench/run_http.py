"""The Streamable HTTP matrix of ``bench/run.py --http``: ferromcp against the official SDKs.

Every server × workload cell is one fresh server process on a free port, driven by
``loadgen --transport http`` (hyper's HTTP/1.1 client, no SDK): S sessions × C requests in
flight each, one keep-alive connection per in-flight request. Rounds are interleaved — round
1 of every cell, then round 2, … — and every ratio is taken within a round (this row's
calls/s over the baseline's in the same round), then the median over rounds is shown, so a
drift of the machine between rounds moves no ratio.

Writes the HTTP section of ``RESULTS.md`` (between markers, leaving the stdio section
alone), ``results-http.json`` and ``results-http.png`` into ``--out``.
"""

from __future__ import annotations

import datetime
import fnmatch
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import run as common  # bench/run.py: builds, placement, machine info, formatting

BENCH = common.BENCH
ROOT = common.ROOT
SERVERS_DIR = common.SERVERS_DIR
NODE_MODULES = BENCH / ".node" / "node_modules"
RMCP_CRATE = BENCH / "rmcp-echo"
RMCP_TARGET = ROOT / "target" / "rmcp-echo"

BEGIN = "<!-- http-bench:begin (written by bench/run.py --http) -->"
END = "<!-- http-bench:end -->"

# (sessions, requests in flight per session)
Cell = tuple[int, int]
CELLS: list[Cell] = [(1, 1), (16, 1), (64, 4)]
IDLE_CELL: Cell = (1, 1)  # where memory per idle session is measured
HEADLINE: Cell = (64, 4)
SEQUENTIAL: Cell = (1, 1)

MODES = {
    "sse": "stateful, SSE answers (default)",
    "json": "stateful, `json_response=True`",
    "stateless": "stateless (`stateless_http=True`)",
    "sessionless": "the 2026-07-28 revision: no `initialize`, every request on its own",
}
# A sessionless client needs no session: its rows run the server as the stateless rows do.
MODE_FLAGS = {"sse": [], "json": ["--json"], "stateless": ["--stateless"],
              "sessionless": ["--stateless"]}

FLOOR = "floor-http"
RMCP = "rmcp-stateless"
TS = {"sse": "ts-stateful", "json": "ts-stateful", "stateless": "ts-stateless"}
OFFICIAL = {"sse": "mcp2-sse", "json": "mcp2-json", "stateless": "mcp2-stateless",
            "sessionless": "mcp2-sessionless"}

# The fast rows answer 10–50× more calls per second: more calls keep their cells near a
# second long, so one hiccup of this shared machine cannot move the median.
FAST_SCALE = 8.0


@dataclass
class Server:
    """One row: a server command (``{port}`` is filled in by loadgen) and its mode."""

    key: str
    label: str
    family: str  # "floor" | "official" | "node" | "rust" | "ferromcp"
    mode: str  # "sse" | "json" | "stateless" | "sessionless" (the floor: JSON, a session id)
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    unavailable: str | None = None
    calls_scale: float = 1.0
    ts_base: str | None = None  # the TypeScript SDK row it is compared with, if not its mode's


def venv_row(key: str, label: str, venv: str, file: str, mode: str,
             env: dict[str, str] | None = None) -> Server:
    """A row running FILE over HTTP on an official Python SDK in a bench venv."""
    python = common.venv_python(venv)
    missing = (None if python.exists()
               else f"`bench/.venvs/{venv}` is missing: run `bash bench/setup.sh`")
    argv = [str(python), str(SERVERS_DIR / file), "--port", "{port}", *MODE_FLAGS[mode]]
    return Server(key, label, "official", mode, argv, env or {}, missing)


def ferromcp_row(python: str, error: str | None, key: str, file: str, mode: str,
                 env: dict[str, str] | None = None) -> Server:
    """A row running the unmodified FILE through ``python -m ferromcp run``."""
    argv = [python, "-m", "ferromcp", "run", str(SERVERS_DIR / file), "--port", "{port}",
            *MODE_FLAGS[mode]]
    return Server(key, f"ferromcp · {file} · {mode}", "ferromcp", mode, argv, env or {}, error,
                  FAST_SCALE)


# The TypeScript server files: v1's McpServer on StreamableHTTPServerTransport, and v2's
# createMcpHandler (an McpServer per request) through toNodeHandler.
TS_V1, TS_V2 = "ts_echo.cjs", "ts_v2_echo.cjs"
# A server made per request answers ~1 k calls/s: its cells take twice the slow rows' calls
# (V8 has compiled its paths by then) rather than the fast rows' eight times.
TS_SCALE = {TS_V1: FAST_SCALE, TS_V2: 2.0}
# The package a file needs in bench/.node, and what its rows are called.
TS_PACKAGE = {TS_V1: "sdk", TS_V2: "server"}
TS_SDK_LABEL = {TS_V1: "TypeScript SDK 1.32 McpServer",
                TS_V2: "TypeScript SDK 2.4 createMcpHandler"}


def ts_flavor(file: str, mode: str) -> tuple[list[str], str]:
    """A TypeScript file's flags in MODE, and the mode as its rows name it."""
    if file == TS_V2:
        return [], "per request, 2026-07-28" if mode == "sessionless" else "per request"
    flags = ["--stateless"] if mode == "stateless" else []
    return flags, "stateless" if flags else "stateful (SSE)"


def node_row(key: str, mode: str, file: str = TS_V1) -> Server:
    """The TypeScript SDK on node's http (a file of bench/servers)."""
    node = shutil.which("node")
    package = TS_PACKAGE[file]
    missing = None
    if node is None:
        missing = "node not found"
    elif not (NODE_MODULES / "@modelcontextprotocol" / package).exists():
        missing = f"`bench/.node` lacks @modelcontextprotocol/{package}: run `bash bench/setup.sh`"
    flags, shown = ts_flavor(file, mode)
    argv = [node or "node", str(SERVERS_DIR / file), "--port", "{port}", *flags]
    # As many calls as ferromcp's Node row: V8 compiles the hot paths only after some thousands
    # of calls, and both are measured as a long-running server runs.
    return Server(key, f"{TS_SDK_LABEL[file]} · {shown}", "node", mode, argv,
                  {"NODE_PATH": str(NODE_MODULES)}, missing, TS_SCALE[file],
                  ts_base=key if file != TS_V1 else None)


# The TypeScript files on ferromcp: copies beside a node_modules where the SDK's package names
# are ferromcp's — v2's adapter package a one-line module re-exporting `ferromcp/node`, as a
# user changes that import.
NODE_ALIAS = BENCH / ".node-ferromcp"


def node_alias() -> None:
    """bench/.node-ferromcp/node_modules: @modelcontextprotocol/sdk and /server are ferromcp."""
    modules = NODE_ALIAS / "node_modules"
    for name in ("ferromcp", "@modelcontextprotocol/sdk", "@modelcontextprotocol/server"):
        link = modules / name
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(ROOT, target_is_directory=True)
    adapter = modules / "@modelcontextprotocol" / "node"
    adapter.mkdir(parents=True, exist_ok=True)
    (adapter / "package.json").write_text(
        '{"name": "@modelcontextprotocol/node", "main": "index.js"}\n')
    (adapter / "index.js").write_text('module.exports = require("ferromcp/node");\n')


def node_ferromcp_row(key: str, mode: str, file: str = TS_V1, ts_base: str | None = None) -> Server:
    """A TypeScript file, unchanged, on ferromcp (the package alias a user sets)."""
    node = shutil.which("node")
    native = list((ROOT / "bindings-node" / "lib" / "native").glob("*.node"))
    missing = ("node not found" if node is None
               else None if native else "the native module is not built (`make build-node`)")
    if missing is None:
        node_alias()
        shutil.copyfile(SERVERS_DIR / file, NODE_ALIAS / file)
    flags, shown = ts_flavor(file, mode)
    argv = [node or "node", str(NODE_ALIAS / file), "--port", "{port}", *flags]
    return Server(key, f"ferromcp · {file} (Node) · {shown}", "node-ferromcp", mode, argv, {},
                  missing, TS_SCALE[file], ts_base=ts_base)


def server_table(bindir: Path, ferromcp_python: str, ferromcp_error: str | None,
                 rmcp_bin: Path | None, rmcp_error: str | None) -> list[Server]:
    """Every HTTP row, in table order."""
    return [
        Server(FLOOR, "floor (native hyper echo, zero work)", "floor", "json",
               [str(bindir / "floor-http"), "--port", "{port}"], calls_scale=FAST_SCALE * 2),
        venv_row("mcp2-sse", "mcp 2.3 MCPServer · sse", "mcp2", "mcpserver_v2.py", "sse"),
        venv_row("mcp2-json", "mcp 2.3 MCPServer · json", "mcp2", "mcpserver_v2.py", "json"),
        venv_row("mcp2-stateless", "mcp 2.3 MCPServer · stateless", "mcp2", "mcpserver_v2.py",
                 "stateless"),
        venv_row("mcp2-sessionless", "mcp 2.3 MCPServer · 2026-07-28 sessionless", "mcp2",
                 "mcpserver_v2.py", "sessionless"),
        venv_row("fastmcp4-sse", "fastmcp 4.1 FastMCP · sse", "fastmcp4", "fastmcp4.py", "sse",
                 env=common.FASTMCP_ENV),
        node_row("ts-stateful", "sse"),
        node_row("ts-stateless", "stateless"),
        node_ferromcp_row("ferromcp-ts-stateful", "sse"),
        node_ferromcp_row("ferromcp-ts-stateless", "stateless"),
        node_row("ts-v2", "stateless", TS_V2),
        node_ferromcp_row("ferromcp-ts-v2", "stateless", TS_V2, ts_base="ts-v2"),
        # The same file answering 2026-07-28 requests (no `initialize`): createMcpHandler's
        # modern path.
        node_row("ts-v2-sessionless", "sessionless", TS_V2),
        node_ferromcp_row("ferromcp-ts-v2-sessionless", "sessionless", TS_V2,
                          ts_base="ts-v2-sessionless"),
        Server(RMCP, "rmcp 3.11 (Rust handler) · stateless", "rust", "stateless",
               [str(rmcp_bin or "rmcp-echo"), "--port", "{port}"], unavailable=rmcp_error,
               calls_scale=FAST_SCALE),
        ferromcp_row(ferromcp_python, ferromcp_error, "ferromcp-sse", "mcpserver_v2.py", "sse"),
        ferromcp_row(ferromcp_python, ferromcp_error, "ferromcp-json", "mcpserver_v2.py", "json"),
        ferromcp_row(ferromcp_python, ferromcp_error, "ferromcp-stateless", "mcpserver_v2.py",
                     "stateless"),
        ferromcp_row(ferromcp_python, ferromcp_error, "ferromcp-sessionless", "mcpserver_v2.py",
                     "sessionless"),
        ferromcp_row(ferromcp_python, ferromcp_error, "ferromcp-fastmcp4-sse", "fastmcp4.py",
                     "sse", env=common.FASTMCP_ENV),
        # The same HTTP service with the echo handler in Rust: what the core's HTTP path costs
        # without the hand-off to Python's event loop.
        Server("core-rust-sse", "ferromcp-core (pure Rust handler) · sse", "rust", "sse",
               [str(bindir / "core-http-echo"), "--port", "{port}"], calls_scale=FAST_SCALE),
    ]


def build_rmcp() -> tuple[Path | None, str | None]:
    """Build bench/rmcp-echo in release; (binary, None) or (None, why not)."""
    if shutil.which("cargo") is None:
        return None, "cargo not found"
    print("building: cargo build --release --manifest-path bench/rmcp-echo/Cargo.toml", flush=True)
    result = common.cargo(["build", "--release", "--manifest-path", str(RMCP_CRATE / "Cargo.toml"),
                           "--target-dir", str(RMCP_TARGET)], ROOT)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"bench/rmcp-echo did not build ({last})"
    return RMCP_TARGET / "release" / "rmcp-echo", None


# --------------------------------------------------------------------------- running


@dataclass
class Settings:
    """How many calls each cell makes and how long it may take."""

    calls: int
    warmup: int
    idle_sessions: int
    stall_timeout: float
    placement: str
    settle: float


def cell_key(cell: Cell) -> str:
    """``64×4`` style name of a cell."""
    return f"{cell[0]}×{cell[1]}"


def cell_calls(settings: Settings, server: Server, cell: Cell) -> int:
    """Timed calls for one cell: more for fast rows, and more with many requests in flight."""
    scale = server.calls_scale * (2 if cell[0] * cell[1] > 1 else 1)
    return max(1, round(settings.calls * scale))


def run_cell(loadgen: Path, server: Server, cell: Cell, settings: Settings,
             logdir: Path, *, tree: bool = False) -> dict[str, Any]:
    """One loadgen invocation; its JSON report (``ok`` false on failure). ``tree``: the server's
    CPU and RSS over the command and every process below it (``loadgen --process-tree``)."""
    sessions, concurrency = cell
    calls = cell_calls(settings, server, cell)
    client_cpu, server_cpu = common.placement_cpus(settings.placement)
    sessionless = server.mode == "sessionless"
    idle = settings.idle_sessions if cell == IDLE_CELL and not sessionless else 0
    argv = common.pinned([
        str(loadgen), "--transport", "http", "--url", "http://127.0.0.1:{port}/mcp",
        "--sessions", str(sessions), "--concurrency", str(concurrency),
        "--calls", str(calls), "--warmup", str(settings.warmup), "--idle-sessions", str(idle),
        "--timeout", str(settings.stall_timeout), "--stderr", "inherit",
        *(["--process-tree"] if tree else []),
        *(["--era", "2026-07-28"] if sessionless else []),
        "--", *common.pinned(server.argv, server_cpu),
    ], client_cpu)  # fmt: skip
    env = {**os.environ, **server.env}
    log = logdir / f"{server.key}-{sessions}x{concurrency}.log"
    backstop = 120 + settings.stall_timeout + calls * 0.05
    with log.open("w") as stderr:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=backstop)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {"ok": False,
                    "fatal": f"loadgen did not finish within {backstop:.0f} s (killed)"}
    try:
        report: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        report = {"ok": False, "fatal": f"loadgen exited {proc.returncode} without a report"}
    if not report.get("ok"):
        tail = [line for line in log.read_text(errors="replace").splitlines() if line.strip()][-3:]
        if tail:
            report["stderr_tail"] = tail
    return report


def summary(report: dict[str, Any]) -> str:
    """One progress line."""
    line = common.summary(report)
    if report.get("idle_session_kib") is not None:
        line += f"  idle {report['idle_session_kib']:.1f} KiB/session"
    return line


def run_matrix(loadgen: Path, servers: list[Server], rounds: int, settings: Settings,
               cells: list[Cell]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every cell of every row ``rounds`` times, interleaved; reports by key and cell, in round
    order (a failed run keeps its place, so index r is round r everywhere)."""
    results: dict[str, dict[str, list[dict[str, Any]]]] = {s.key: {} for s in servers}
    broken: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="ferromcp-bench-http-") as tmp:
        for rnd in range(1, rounds + 1):
            for cell in cells:
                for server in servers:
                    if server.key in broken:
                        report: dict[str, Any] = {"ok": False, "fatal": "skipped: did not start"}
                    else:
                        time.sleep(settings.settle)
                        report = run_cell(loadgen, server, cell, settings, Path(tmp))
                        where = f"[round {rnd}/{rounds}] {cell_key(cell):<6} {server.key:<22}"
                        print(f"{where} {summary(report)}", flush=True)
                        if not report.get("ok") and "spawn_to_init_ms" not in report:
                            broken.add(server.key)
                    results[server.key].setdefault(cell_key(cell), []).append(report)
    return results


# --------------------------------------------------------------------------- report


METRICS = ("calls_per_s", "p50_us", "p90_us", "p99_us", "server_cpu_us_per_call",
           "client_cpu_us_per_call", "server_peak_rss_mib", "spawn_to_init_ms",
           "idle_session_kib")


def aggregate(reports: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Medians over the successful runs of one cell."""
    good = [r for r in reports if r.get("ok")]
    if not good:
        return None
    agg: dict[str, Any] = {}
    for metric in METRICS:
        values = [r[metric] for r in good if isinstance(r.get(metric), (int, float))]
        agg[metric] = statistics.median(values) if values else None
    rates = [r["calls_per_s"] for r in good]
    agg.update(
        runs=len(good), failed_runs=len(reports) - len(good),
        min_calls_per_s=min(rates), max_calls_per_s=max(rates),
        errors=sum(r.get("errors", 0) + r.get("warmup_errors", 0) for r in good),
        first_error=next((r.get("first_error") or r.get("first_warmup_error") for r in good
                          if r.get("errors") or r.get("warmup_errors")), None),
        calls=good[0].get("calls"),
        answers="SSE" if good[0].get("sse_answers") else "JSON",
    )
    return agg


def round_ratio(raw: dict[str, Any], key: str, base: str | None, cell: str,
                metric: str = "calls_per_s") -> tuple[float, float, float] | None:
    """Median (min, max) over rounds of key's metric over base's metric in the same round."""
    if base is None:
        return None
    mine, theirs = raw.get(key, {}).get(cell, []), raw.get(base, {}).get(cell, [])
    ratios = []
    for a, b in zip(mine, theirs, strict=False):
        x, y = a.get(metric), b.get(metric)
        if a.get("ok") and b.get("ok") and isinstance(x, (int, float)) and y:
            ratios.append(x / y)
    if not ratios:
        return None
    return statistics.median(ratios), min(ratios), max(ratios)


def baselines(server: Server) -> dict[str, str | None]:
    """The rows a row's ratios are taken against."""
    mode = server.mode if server.family != "floor" else "json"
    return {"official": OFFICIAL.get(mode), "ts": server.ts_base or TS.get(mode), "rmcp": RMCP,
            "floor": FLOOR}


def fmt_ratio(r: tuple[float, float, float] | None, spread: bool = False) -> str:
    """``1.23×`` (with the range over rounds when asked)."""
    if r is None:
        return "–"
    text = common.fmt_ratio(r[0])
    if spread and r[1] != r[2]:
        text += f" ({r[1]:.2g}–{r[2]:.2g})"
    return text


def cell_table(data: dict[str, Any], servers: list[Server], cell: Cell) -> list[str]:
    """The table of one S×C cell."""
    key = cell_key(cell)
    agg, raw = data["aggregated"], data["raw"]
    rows = [s for s in servers if key in agg.get(s.key, {})]
    if not rows:
        return []
    idle = cell == IDLE_CELL
    titles = ["server", "answers", "calls/s (min–max)", "p50 µs", "p99 µs", "server CPU µs/call",
              "peak RSS MiB"]
    titles += (["KiB per idle session"] if idle else [])
    titles += ["× mcp 2.3 same mode", "× TS SDK", "× rmcp", "× floor"]
    lines = [f"### {cell[0]} session(s) × {cell[1]} in flight", "", common.table_row(titles),
             common.table_row(["---", "---"] + ["---:"] * (len(titles) - 2))]
    for s in rows:
        a = agg[s.key].get(key)
        if a is None:
            lines.append(common.table_row([s.label, "failed"] + ["–"] * (len(titles) - 2)))
            continue
        rate = (f"{common.fmt(a['calls_per_s'])} ({common.fmt(a['min_calls_per_s'])}–"
                f"{common.fmt(a['max_calls_per_s'])})")
        if a["errors"]:
            rate += f" ⚠ {a['errors']} wrong"
        cols = [s.label, a["answers"], rate, common.fmt(a["p50_us"]), common.fmt(a["p99_us"]),
                common.fmt(a["server_cpu_us_per_call"], 1), common.fmt(a["server_peak_rss_mib"], 1)]
        if idle:
            keeps = s.mode not in ("stateless", "sessionless") and s.family != "floor"
            cols.append(common.fmt(a["idle_session_kib"], 1) if keeps else "–")
        base = baselines(s)
        cols += [fmt_ratio(round_ratio(raw, s.key, base[name], key), spread=name == "floor")
                 for name in ("official", "ts", "rmcp", "floor")]
        lines.append(common.table_row(cols))
    return lines + [""]


# (title, cell, metric, baseline name, lower is better?, goal test)
GOALS = [
    ("64×4 ÷ mcp 2.3 same mode (≥ 30)", HEADLINE, "calls_per_s", "official", lambda v: v >= 30),
    ("64×4 ÷ TS SDK (≥ 5)", HEADLINE, "calls_per_s", "ts", lambda v: v >= 5),
    ("64×4 ÷ rmcp (≥ 1)", HEADLINE, "calls_per_s", "rmcp", lambda v: v >= 1),
    ("1×1 ÷ floor (≥ 0.5)", SEQUENTIAL, "calls_per_s", "floor", lambda v: v >= 0.5),
    ("CPU/call at 64×4 ÷ mcp 2.3 (≤ 0.05)", HEADLINE, "server_cpu_us_per_call", "official",
     lambda v: v <= 1 / 20),
    ("idle-session memory ÷ mcp 2.3 (≤ 0.25)", IDLE_CELL, "idle_session_kib", "official",
     lambda v: v <= 0.25),
]


# The Node binding's goals: ferromcp's Node rows against the TypeScript SDK in the same mode.
NODE_GOALS = [
    ("64×4 ÷ TS SDK (≥ 5)", HEADLINE, "calls_per_s", "ts", lambda v: v >= 5),
    ("CPU/call at 64×4 ÷ TS SDK (≤ 0.2)", HEADLINE, "server_cpu_us_per_call", "ts",
     lambda v: v <= 1 / 5),
    ("peak RSS at 64×4 ÷ TS SDK (≤ 0.5)", HEADLINE, "server_peak_rss_mib", "ts",
     lambda v: v <= 0.5),
]


def goals_table(data: dict[str, Any], servers: list[Server]) -> list[str]:
    """The ferromcp rows against the goals of DESIGN.md §8, and the Node rows against theirs."""
    lines = ["### Goals (DESIGN.md §8)", "",
             "Each ratio is the median over rounds of the ratio within a round; ✓ holds, ✗ missed.",
             ""]
    rows = [s for s in servers if s.family == "ferromcp" and not s.unavailable]
    node = [s for s in servers if s.family == "node-ferromcp" and not s.unavailable]
    if not rows and not node:
        return lines + ["No ferromcp row was measured in this run.", ""]
    if rows:
        lines += goals_rows(data, rows, GOALS)
    if node:
        lines += ["Node: ferromcp's Node rows against the TypeScript SDK in the same mode.", "",
                  *goals_rows(data, node, NODE_GOALS)]
    return lines


def goals_rows(data: dict[str, Any], rows: list[Server], all_goals: list) -> list[str]:
    """One goals table: a line per row, a column per goal measured in this run."""
    goals = [g for g in all_goals if cell_key(g[1]) in data["cells"]]
    lines = [common.table_row(["server"] + [g[0] for g in goals])]
    lines.append(common.table_row(["---"] + ["---:"] * len(goals)))
    for s in rows:
        cols = [s.label]
        for _, cell, metric, base_name, ok in goals:
            if metric == "idle_session_kib" and s.mode in ("stateless", "sessionless"):
                cols.append("n/a (no sessions)")
                continue
            r = round_ratio(data["raw"], s.key, baselines(s)[base_name], cell_key(cell), metric)
            if r is None:
                cols.append("–")
                continue
            # Two decimals (29.98 must not read as 30), three significant digits below 0.1.
            shown = f"{r[0]:.2f}" if r[0] >= 0.1 else f"{r[0]:.2g}"
            cols.append(f"{shown} {'✓' if ok(r[0]) else '✗'}")
        lines.append(common.table_row(cols))
    return lines + [""]


def notes(data: dict[str, Any], servers: list[Server]) -> list[str]:
    """Skipped rows, failed runs, wrong answers."""
    out: list[str] = []
    skipped: dict[str, list[str]] = {}
    for s in servers:
        if s.unavailable:
            skipped.setdefault(s.unavailable, []).append(s.label)
    out += [f"* Skipped {', '.join(labels)}: {why}" for why, labels in skipped.items()]
    for s in servers:
        for key, reports in data["raw"].get(s.key, {}).items():
            for report in reports:
                if not report.get("ok") and report.get("fatal") != "skipped: did not start":
                    tail = " / ".join(report.get("stderr_tail", []))
                    out.append(f"* {s.label}, {key}: failed: {report.get('fatal')}"
                               + (f" (stderr: `{tail}`)" if tail else ""))
            a = data["aggregated"][s.key].get(key)
            if a and a["errors"]:
                out.append(f"* {s.label}, {key}: {a['errors']} wrong answers, first: "
                           f"{a['first_error']}")
    return (["### Notes", "", *dict.fromkeys(out), ""]) if out else []


def section(data: dict[str, Any], servers: list[Server]) -> str:
    """The HTTP section of RESULTS.md, markers included."""
    s, machine = data["settings"], data["machine"]
    lines = [
        BEGIN, "",
        "# Streamable HTTP",
        "",
        f"Generated {data['generated']} by `bench/run.py --http` ({data['rounds']} interleaved "
        f"round(s); medians; ratios taken within each round, then the median over rounds). "
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['kernel']}; "
        f"load average {data['load_before']} before the run, {data['load_after']} after.",
        "",
    ]
    for python, versions in data["versions"].items():
        where = os.path.relpath(python, ROOT) if python.startswith(str(ROOT)) else python
        packages = ", ".join(f"{k} {v}" for k, v in versions.items() if k != "python")
        lines.append(f"* `{where}`: Python {versions.get('python', '?')}; {packages}")
    for name, version in data.get("other_versions", {}).items():
        lines.append(f"* {name}: {version}")
    lines += [
        "",
        "```sh",
        "bash bench/setup.sh",
        f"python3 bench/run.py {data['args']}".rstrip(),
        "```",
        "",
        "Method: each cell starts a fresh server on a free port and drives it with `loadgen "
        "--transport http` (bench/loadgen: hyper's HTTP/1.1 client, `TCP_NODELAY`, no SDK): "
        "**S×C** = S sessions, each `initialize`d and sent `notifications/initialized`, each "
        "with C keep-alive connections and one request in flight per connection. Then "
        f"{s['warmup']}+ warm-up calls (at least one per connection) and the timed `tools/call "
        "echo {text}` calls; every answer (`application/json` or a `text/event-stream` event) "
        f"is checked. Timed calls per cell: {s['calls']} (×2 with more than one in flight; "
        f"ferromcp, rmcp and Node rows ×{FAST_SCALE:g} (v2's per-request file "
        f"×{TS_SCALE[TS_V2]:g}), the floor "
        f"×{FAST_SCALE * 2:g}). **Server CPU** is the server's on-CPU time over the timed window "
        "(`/proc/PID/task/*/schedstat`) per call; **RSS** its peak (`VmHWM`); **KiB per idle "
        f"session**: after the 1×1 cell, `VmRSS` after opening {s['idle_sessions']} more "
        "sessions minus before, over their number (stateful rows only). "
        f"{common.PLACEMENT_NOTES[s['placement']]} "
        "Modes: " + "; ".join(f"**{k}** = {v}" for k, v in MODES.items()) + ". The official "
        "Python servers run as shipped (`mcp.run(transport=...)`: uvicorn, its access log and "
        "the SDK's INFO logging on stderr). Ratios: `× mcp 2.3 same mode` against the official "
        "`MCPServer` in the row's mode; `× TS SDK` against its stateful row (stateless for "
        "stateless rows; v2's `createMcpHandler` file against itself on the SDK 2.4); `× rmcp` "
        "against rmcp's stateless row; `× floor` against the zero-work hyper server (with the "
        "range over rounds).",
        "",
    ]
    for cell in CELLS:
        if cell_key(cell) in data["cells"]:
            lines += cell_table(data, servers, cell)
    lines += goals_table(data, servers)
    lines += notes(data, servers)
    if data.get("chart"):
        lines += [f"![HTTP calls/s and server CPU per call]({data['chart']})", ""]
    analysis = BENCH / "ANALYSIS-http.md"
    if analysis.exists():
        lines += [analysis.read_text().rstrip(), ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def splice(path: Path, block: str) -> None:
    """Put ``block`` into RESULTS.md in place of the old HTTP section (else at the end)."""
    text = path.read_text() if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + block + ("\n" + tail if tail else "")
    else:
        text = (text.rstrip() + "\n\n" if text.strip() else "") + block
    path.write_text(text)


def preserved_section(path: Path) -> str | None:
    """The HTTP section of an existing RESULTS.md (run.py's stdio writer keeps it)."""
    if not path.exists():
        return None
    text = path.read_text()
    if BEGIN not in text or END not in text:
        return None
    return BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END + "\n"


def make_chart(json_path: Path, png_path: Path) -> str | None:
    """results-http.png via chart.py --http; None on success, else why not."""
    python = common.find_plot_python()
    if python is None:
        return "matplotlib not found (run `bash bench/setup.sh`)"
    result = subprocess.run([python, str(BENCH / "chart.py"), "--http", str(json_path),
                             str(png_path)], check=False, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        return f"chart.py failed: {(result.stderr.strip().splitlines() or ['?'])[-1]}"
    return None


def other_versions(servers: list[Server]) -> dict[str, str]:
    """node, the TypeScript SDK and rmcp versions."""
    out: dict[str, str] = {}
    if any(s.family == "node" and not s.unavailable for s in servers):
        try:
            node = subprocess.run(["node", "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
            versions = []
            for package in ("sdk", "server", "node"):
                meta = NODE_MODULES / "@modelcontextprotocol" / package / "package.json"
                if meta.exists():
                    versions.append(f"@modelcontextprotocol/{package} "
                                    f"{json.loads(meta.read_text())['version']}")
            out["TypeScript SDK"] = f"{', '.join(versions)} on node {node}"
        except (OSError, subprocess.TimeoutExpired, ValueError, KeyError):
            pass
    lock = RMCP_CRATE / "Cargo.lock"
    if lock.exists():
        text = lock.read_text()
        for name in ("rmcp", "hyper", "tokio"):
            marker = f'name = "{name}"\nversion = "'
            if marker in text:
                version = text.split(marker, 1)[1].split('"', 1)[0]
                out.setdefault("rmcp-echo", "")
                out["rmcp-echo"] += f"{', ' if out['rmcp-echo'] else ''}{name} {version}"
    return out


def select(servers: list[Server], patterns: list[str] | None) -> list[Server]:
    """Rows matching --only; the floor and the baselines of chosen ferromcp rows are kept."""
    if not patterns:
        return servers
    known = {s.key for s in servers}
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(k, pattern) for k in known):
            sys.exit(f"--only {pattern!r} matches no HTTP server; "
                     f"known: {', '.join(sorted(known))}")
    chosen = {s.key for s in servers if any(fnmatch.fnmatchcase(s.key, p) for p in patterns)}
    chosen.add(FLOOR)
    for s in servers:
        if s.key in chosen and s.family == "ferromcp":
            chosen |= {v for v in baselines(s).values() if v}
    return [s for s in servers if s.key in chosen]


def loadavg() -> str:
    """The 1-minute load average."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def rerender(out: Path) -> int:
    """Write the HTTP section again from ``results-http.json`` (after editing ANALYSIS-http.md)."""
    data = json.loads((out / "results-http.json").read_text())
    servers = [Server(s["key"], s["label"], s["family"], s["mode"], s["argv"],
                      unavailable=s["unavailable"]) for s in data["servers"]]
    if (out / "results-http.png").exists():
        data["chart"] = "results-http.png"
    splice(out / "RESULTS.md", section(data, servers))
    print(f"rewrote the HTTP section of {out / 'RESULTS.md'}", flush=True)
    return 0


def main(args: Any, argv: list[str]) -> int:
    """Build, run the HTTP matrix, write its section, chart and JSON."""
    if args.rerender:
        return rerender(args.out)
    started = time.monotonic()
    ferromcp_python = common.pick_ferromcp_python(args.ferromcp_python)
    if args.list:
        for s in server_table(Path("."), ferromcp_python, None, None, None):
            print(f"{s.key:<24} {s.label}")
        return 0
    bindir = common.build_binaries()
    # The smoke run (`make test`) skips building rmcp: minutes of compiling for one row.
    rmcp_bin, rmcp_error = (None, "not built by --quick") if args.quick else build_rmcp()
    servers = select(server_table(bindir, ferromcp_python, common.probe_ferromcp(ferromcp_python),
                                  rmcp_bin, rmcp_error), args.only)
    for s in servers:
        if s.unavailable:
            print(f"skipping {s.key}: {s.unavailable}", flush=True)
    active = [s for s in servers if not s.unavailable]
    placement = args.placement
    if placement != "free" and (shutil.which("taskset") is None
                                or len(os.sched_getaffinity(0)) < 2):
        print(f"note: --placement {placement} needs taskset and 2 CPUs; running unpinned",
              flush=True)
        placement = "free"
    settings = Settings(calls=args.calls, warmup=args.warmup,
                        idle_sessions=args.idle_sessions or (20 if args.quick else 200),
                        stall_timeout=args.timeout, placement=placement,
                        settle=0.05 if args.quick else 0.25)
    load_before = loadavg()
    # The smoke run skips the middle cell: every row still starts, answers sequential calls
    # and 256 connections at once, in about a minute.
    cells = [SEQUENTIAL, HEADLINE] if args.quick else CELLS
    raw = run_matrix(bindir / "loadgen", active, args.runs, settings, cells)
    data: dict[str, Any] = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "args": shlex.join(argv),
        "rounds": args.runs,
        "load_before": load_before,
        "load_after": loadavg(),
        "settings": {"calls": settings.calls, "warmup": settings.warmup,
                     "idle_sessions": settings.idle_sessions, "timeout_s": settings.stall_timeout,
                     "placement": placement},
        "machine": common.machine_info(),
        "versions": common.collect_versions(  # type: ignore[arg-type]
            [s for s in servers if s.family in ("official", "ferromcp")]),
        "other_versions": other_versions(servers),
        "cells": [cell_key(c) for c in cells],
        "servers": [{"key": s.key, "label": s.label, "family": s.family, "mode": s.mode,
                     "argv": s.argv, "unavailable": s.unavailable} for s in servers],
        "raw": raw,
        "aggregated": {key: {cell: aggregate(reports) for cell, reports in cells.items()}
                       for key, cells in raw.items()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    json_path = args.out / "results-http.json"
    json_path.write_text(json.dumps(data, indent=1))
    png_path = args.out / "results-http.png"
    chart_error = make_chart(json_path, png_path)
    if chart_error:
        print(f"chart skipped: {chart_error}", flush=True)
    else:
        data["chart"] = png_path.name
    splice(args.out / "RESULTS.md", section(data, servers))
    print(f"wrote the HTTP section of {args.out / 'RESULTS.md'} in "
          f"{time.monotonic() - started:.1f} s", flush=True)
    failed = any(not r.get("ok") and r.get("fatal") != "skipped: did not start"
                 for cells in raw.values() for reports in cells.values() for r in reports)
    return 1 if failed else 0
