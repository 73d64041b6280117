"""The replica rows of ``bench/run.py --replicas`` (issue 18): what sharing stateful Streamable
HTTP sessions through Redis costs.

The bench's echo server (``servers/mcpserver_v2.py`` through ``python -m ferromcp run``, stateful,
SSE answers: the ``ferromcp-sse`` row of the HTTP matrix) in four setups, driven by run_http's
load generator at 64 sessions × 4 requests in flight (and 1×1 for the unloaded latency):

* ``direct``: one replica, no Redis, no proxy (the HTTP matrix's row, for reference);
* ``proxy``: one replica, no Redis, behind haproxy (what the proxy costs);
* ``redis-1``: one replica with ``FERROMCP_REDIS_URL``, behind haproxy;
* ``redis-3``: three replicas with ``FERROMCP_REDIS_URL``, haproxy round robin, no stickiness.

The proxied setups are ``bench/cluster.py`` (redis-server, the replicas, haproxy), spawned by
loadgen with ``--process-tree``: the server CPU per call is split into the replicas, redis-server,
haproxy and the launcher. Rounds are interleaved (round 1 of every setup, then round 2, …); every
ratio and difference is taken within a round, then the median over rounds is shown.

Writes its section of ``RESULTS.md`` (between markers, leaving the other sections alone) and
``results-replicas.json`` into ``--out``.
"""

from __future__ import annotations

import datetime
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import run as common  # bench/run.py: builds, placement, machine info, formatting
import run_http as http  # the load generator's invocation and result handling

BEGIN = "<!-- replicas-bench:begin (written by bench/run.py --replicas) -->"
END = "<!-- replicas-bench:end -->"

CLUSTER = common.BENCH / "cluster.py"
SERVER_FILE = "mcpserver_v2.py"
HEADLINE = http.HEADLINE  # 64×4
SEQUENTIAL = http.SEQUENTIAL  # 1×1

FLOOR, DIRECT, PROXY, REDIS1, REDIS3 = "floor-http", "direct", "proxy", "redis-1", "redis-3"
#: (key, label, replicas, Redis); None replicas: no launcher, no proxy.
SETUPS: list[tuple[str, str, int | None, bool]] = [
    (DIRECT, "1 replica · no Redis · direct (the `ferromcp-sse` row)", None, False),
    (PROXY, "1 replica · no Redis · haproxy", 1, False),
    (REDIS1, "1 replica · Redis · haproxy", 1, True),
    (REDIS3, "3 replicas · Redis · haproxy round robin", 3, True),
]
CLUSTER_ROWS = {key for key, _, replicas, _ in SETUPS if replicas is not None}


def server_table(bindir: Path, ferromcp_python: str, error: str | None) -> list[http.Server]:
    """The four rows, in table order, after the zero-work floor: the HTTP matrix's yardstick, so
    that this machine's speed today can be set against the day the matrix was taken."""
    replica = [ferromcp_python, "-m", "ferromcp", "run", str(common.SERVERS_DIR / SERVER_FILE),
               "--port"]
    rows = [http.Server(FLOOR, "floor (native hyper echo, zero work)", "floor", "json",
                        [str(bindir / "floor-http"), "--port", "{port}"],
                        calls_scale=http.FAST_SCALE * 2)]
    for key, label, replicas, redis in SETUPS:
        if replicas is None:
            argv = [*replica, "{port}"]
        else:
            argv = [sys.executable, str(CLUSTER), "--port", "{port}", "--replicas", str(replicas),
                    *(["--redis"] if redis else []), "--", *replica, "{replica_port}"]
        rows.append(http.Server(key, label, "ferromcp", "sse", argv, {}, error, http.FAST_SCALE))
    return rows


def missing_programs() -> str | None:
    """Why the proxied rows cannot run here, or None."""
    path = os.pathsep.join([os.environ.get("PATH", ""), *("/usr/sbin", "/sbin", "/usr/local/sbin")])
    absent = [p for p in ("redis-server", "haproxy") if shutil.which(p, path=path) is None]
    if absent:
        return (f"{' and '.join(absent)} not installed (Debian: apt-get install redis-server "
                "haproxy; `make test-python` does it)")
    return None


# --------------------------------------------------------------------------- per-process split


def split_cpu(report: dict[str, Any], cluster: bool) -> None:
    """Adds ``cpu_replicas``, ``cpu_redis``, ``cpu_proxy``, ``cpu_launcher`` (µs per call) and
    ``redis_peak_rss_mib`` to a report from its ``server_tree``: by program name, the root being
    the launcher of a proxied row and the replica itself of the direct one."""
    tree = report.get("server_tree") or []
    if not report.get("ok") or not tree:
        return
    parts = {"cpu_replicas": 0.0, "cpu_redis": 0.0, "cpu_proxy": 0.0, "cpu_launcher": 0.0}
    for index, proc in enumerate(tree):
        cpu = proc.get("cpu_us_per_call") or 0.0
        if proc.get("comm") == "redis-server":
            parts["cpu_redis"] += cpu
            report["redis_peak_rss_mib"] = round((proc.get("peak_rss_kib") or 0) / 1024, 1)
        elif proc.get("comm") == "haproxy":
            parts["cpu_proxy"] += cpu
        elif index == 0 and cluster:
            parts["cpu_launcher"] += cpu
        else:
            parts["cpu_replicas"] += cpu
    report.update({k: round(v, 2) for k, v in parts.items()})
    report["cpu_replicas_redis"] = round(parts["cpu_replicas"] + parts["cpu_redis"], 2)
    report["replica_processes"] = sum(
        1 for i, p in enumerate(tree)
        if p.get("comm") not in ("redis-server", "haproxy") and not (i == 0 and cluster))


EXTRA_METRICS = ("cpu_replicas", "cpu_redis", "cpu_proxy", "cpu_launcher", "cpu_replicas_redis",
                 "redis_peak_rss_mib")


def aggregate(reports: list[dict[str, Any]]) -> dict[str, Any] | None:
    """run_http's medians, plus the per-process CPU split."""
    agg = http.aggregate(reports)
    if agg is None:
        return None
    good = [r for r in reports if r.get("ok")]
    for metric in EXTRA_METRICS:
        values = [r[metric] for r in good if isinstance(r.get(metric), (int, float))]
        agg[metric] = statistics.median(values) if values else None
    return agg


def per_round(raw: dict[str, Any], cell: str, fn: Callable[..., float | None],
              *keys: str) -> tuple[float, float, float] | None:
    """Median (min, max) over rounds of ``fn(report of keys[0], report of keys[1], …)`` in the
    same round; rounds where any of them failed are left out."""
    runs = [raw.get(k, {}).get(cell, []) for k in keys]
    values = []
    for reports in zip(*runs, strict=False):
        if all(r.get("ok") for r in reports):
            value = fn(*reports)
            if value is not None:
                values.append(value)
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def diff(metric: str) -> Callable[[dict[str, Any], dict[str, Any]], float | None]:
    """``a[metric] − b[metric]``."""
    def f(a: dict[str, Any], b: dict[str, Any]) -> float | None:
        x, y = a.get(metric), b.get(metric)
        return x - y if isinstance(x, (int, float)) and isinstance(y, (int, float)) else None
    return f


def ratio(metric: str) -> Callable[[dict[str, Any], dict[str, Any]], float | None]:
    """``a[metric] / b[metric]``."""
    def f(a: dict[str, Any], b: dict[str, Any]) -> float | None:
        x, y = a.get(metric), b.get(metric)
        return x / y if isinstance(x, (int, float)) and isinstance(y, (int, float)) and y \
            else None
    return f


def proxied_minus_direct(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """The replica and haproxy behind the proxy, minus the replica alone."""
    x, y, z = a.get("cpu_replicas"), a.get("cpu_proxy"), b.get("cpu_replicas")
    return x + y - z if None not in (x, y, z) else None  # type: ignore[operator]


# --------------------------------------------------------------------------- running


def run_rounds(loadgen: Path, servers: list[http.Server], rounds: int, settings: http.Settings,
               cells: list[http.Cell]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every cell of every row ``rounds`` times, interleaved; reports by key and cell in round
    order (a failed run keeps its place, so index r is round r everywhere)."""
    results: dict[str, dict[str, list[dict[str, Any]]]] = {s.key: {} for s in servers}
    broken: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="ferromcp-bench-replicas-") as tmp:
        for rnd in range(1, rounds + 1):
            for cell in cells:
                for server in servers:
                    if server.key in broken:
                        report: dict[str, Any] = {"ok": False, "fatal": "skipped: did not start"}
                    else:
                        time.sleep(settings.settle)
                        report = http.run_cell(loadgen, server, cell, settings, Path(tmp),
                                               tree=True)
                        split_cpu(report, server.key in CLUSTER_ROWS)
                        where = f"[round {rnd}/{rounds}] {http.cell_key(cell):<6} {server.key:<8}"
                        line = http.summary(report)
                        if report.get("ok") and server.key in CLUSTER_ROWS:
                            line += (f"  (replicas {report.get('cpu_replicas')}, redis "
                                     f"{report.get('cpu_redis')}, haproxy "
                                     f"{report.get('cpu_proxy')})")
                        print(f"{where} {line}", flush=True)
                        if not report.get("ok") and "spawn_to_init_ms" not in report:
                            broken.add(server.key)
                    results[server.key].setdefault(http.cell_key(cell), []).append(report)
    return results


# --------------------------------------------------------------------------- report


def fmt_spread(r: tuple[float, float, float] | None, digits: int = 1, unit: str = "") -> str:
    """``+12.3 (+10.1 – +14.0)``: signed, the range only when the rounds differ; an en dash when
    missing."""
    if r is None:
        return "–"
    text = f"{r[0]:+,.{digits}f}{unit}"
    return text if r[1] == r[2] else f"{text} ({r[1]:+,.{digits}f} – {r[2]:+,.{digits}f})"


def fmt_ratio(r: tuple[float, float, float] | None) -> str:
    """``0.71× (0.69–0.74)``, the range only when the rounds differ."""
    if r is None:
        return "–"
    text = f"{r[0]:.2f}×"
    return text if r[1] == r[2] else f"{text} ({r[1]:.2f}–{r[2]:.2f})"


def cell_table(data: dict[str, Any], servers: list[http.Server], cell: http.Cell) -> list[str]:
    """The table of one S×C cell: calls/s, latency, CPU per call by process."""
    key = http.cell_key(cell)
    agg, raw = data["aggregated"], data["raw"]
    titles = ["setup", "calls/s (min–max)", "× direct", "p50 µs", "p99 µs",
              "CPU µs/call: replicas", "redis-server", "haproxy", "replicas + redis",
              "all processes", "redis peak RSS MiB"]
    lines = [f"### {cell[0]} session(s) × {cell[1]} in flight", "", common.table_row(titles),
             common.table_row(["---"] + ["---:"] * (len(titles) - 1))]
    for s in servers:
        a = agg.get(s.key, {}).get(key)
        if a is None:
            if key in agg.get(s.key, {}):
                lines.append(common.table_row([s.label, "failed"] + ["–"] * (len(titles) - 2)))
            continue
        rate = (f"{common.fmt(a['calls_per_s'])} ({common.fmt(a['min_calls_per_s'])}–"
                f"{common.fmt(a['max_calls_per_s'])})")
        if a["errors"]:
            rate += f" ⚠ {a['errors']} wrong"
        vs = per_round(raw, key, ratio("calls_per_s"), s.key, DIRECT)
        proxied = s.key in CLUSTER_ROWS
        floor = s.key == FLOOR
        lines.append(common.table_row([
            s.label, rate, "1.00×" if s.key == DIRECT else fmt_ratio(vs),
            common.fmt(a["p50_us"]), common.fmt(a["p99_us"]),
            "–" if floor else common.fmt(a["cpu_replicas"], 1),
            common.fmt(a["cpu_redis"], 1) if s.key in (REDIS1, REDIS3) else "–",
            common.fmt(a["cpu_proxy"], 1) if proxied else "–",
            "–" if floor else common.fmt(a["cpu_replicas_redis"], 1),
            common.fmt(a["server_cpu_us_per_call"], 1),
            common.fmt(a["redis_peak_rss_mib"], 1) if s.key in (REDIS1, REDIS3) else "–",
        ]))
    return lines + [""]


def cost_table(data: dict[str, Any], cells: list[str]) -> list[str]:
    """What Redis (and the proxy) cost per call: within-round differences, medians over rounds
    (min – max)."""
    raw = data["raw"]
    rows: list[tuple[str, Callable[[str], str]]] = [
        ("**Redis, CPU µs/call** (replicas + redis-server): 1 replica with Redis − without, "
         "both behind haproxy",
         lambda c: fmt_spread(per_round(raw, c, diff("cpu_replicas_redis"), REDIS1, PROXY))),
        ("**Redis, CPU µs/call**: 3 replicas with Redis − 1 replica without, behind haproxy",
         lambda c: fmt_spread(per_round(raw, c, diff("cpu_replicas_redis"), REDIS3, PROXY))),
        ("**Redis, p50 latency µs**: 1 replica with Redis − without, behind haproxy",
         lambda c: fmt_spread(per_round(raw, c, diff("p50_us"), REDIS1, PROXY), 0)),
        ("**Redis, p50 latency µs**: 3 replicas with Redis − 1 replica without",
         lambda c: fmt_spread(per_round(raw, c, diff("p50_us"), REDIS3, PROXY), 0)),
        ("calls/s: 1 replica with Redis ÷ without, behind haproxy",
         lambda c: fmt_ratio(per_round(raw, c, ratio("calls_per_s"), REDIS1, PROXY))),
        ("calls/s: 3 replicas with Redis ÷ 1 replica without, behind haproxy",
         lambda c: fmt_ratio(per_round(raw, c, ratio("calls_per_s"), REDIS3, PROXY))),
        ("haproxy's own CPU µs/call: 1 replica with Redis − without",
         lambda c: fmt_spread(per_round(raw, c, diff("cpu_proxy"), REDIS1, PROXY))),
        ("haproxy, CPU µs/call (replica + haproxy behind it − the replica direct)",
         lambda c: fmt_spread(per_round(raw, c, proxied_minus_direct, PROXY, DIRECT))),
        ("haproxy, p50 latency µs (behind it − direct)",
         lambda c: fmt_spread(per_round(raw, c, diff("p50_us"), PROXY, DIRECT), 0)),
        ("calls/s: behind haproxy ÷ direct (1 replica, no Redis)",
         lambda c: fmt_ratio(per_round(raw, c, ratio("calls_per_s"), PROXY, DIRECT))),
        ("the machine: direct ÷ floor, calls/s (to set against the HTTP matrix's `× floor`)",
         lambda c: fmt_ratio(per_round(raw, c, ratio("calls_per_s"), DIRECT, FLOOR))),
    ]
    lines = ["### What Redis costs per call", "",
             "Each figure is taken within a round (the two setups run back to back), then the "
             "median over rounds is shown, with the range over rounds.", "",
             common.table_row(["", *cells]),
             common.table_row(["---"] + ["---:"] * len(cells))]
    lines += [common.table_row([title, *(cell_fn(c) for c in cells)]) for title, cell_fn in rows]
    return lines + [""]


def section(data: dict[str, Any], servers: list[http.Server]) -> str:
    """The replicas section of RESULTS.md, markers included."""
    s, machine = data["settings"], data["machine"]
    cpus = s.get("cpus") or {}
    # Timed calls per cell of the ferromcp rows (the floor's are twice as many).
    calls = {cell: common.fmt((data["aggregated"].get(DIRECT, {}).get(cell) or {}).get("calls"))
             for cell in data["cells"]}
    lines = [
        BEGIN, "",
        "# Streamable HTTP: replicas sharing sessions through Redis",
        "",
        f"Generated {data['generated']} by `bench/run.py --replicas` ({data['rounds']} "
        "interleaved round(s); medians; ratios and differences taken within each round, then "
        f"the median over rounds). Machine: {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['kernel']}; load average {data['load_before']} before the run, "
        f"{data['load_after']} after.",
        "",
    ]
    for python, versions in data["versions"].items():
        where = os.path.relpath(python, common.ROOT) if python.startswith(str(common.ROOT)) \
            else python
        packages = ", ".join(f"{k} {v}" for k, v in versions.items() if k != "python")
        lines.append(f"* `{where}`: Python {versions.get('python', '?')}; {packages}")
    for name, version in data.get("other_versions", {}).items():
        lines.append(f"* {name}: {version}")
    placement = (
        f"Placement: loadgen is pinned to CPU {cpus.get('client')} and every server-side process "
        f"— the replicas, redis-server, haproxy and the launcher — to CPU {cpus.get('server')} "
        "(`taskset`, inherited by the launcher's children). With 2 cores the three replicas "
        "share that one CPU with Redis and haproxy: the 3-replica row measures what spreading "
        "sessions over replicas costs, not added capacity."
        if s["placement"] == "split" else common.PLACEMENT_NOTES[s["placement"]])
    lines += [
        "",
        "```sh",
        f"python3 bench/run.py {data['args']}".rstrip(),
        "```",
        "",
        f"Method: the echo server of the HTTP matrix (`bench/servers/{SERVER_FILE}` through "
        "`python -m ferromcp run`, stateful, SSE answers — the default mode) in four setups, "
        "each cell a fresh start, driven by `loadgen --transport http --process-tree` as the "
        "HTTP matrix drives it (**S×C** = S sessions × C requests in flight, one keep-alive "
        f"connection per request in flight; {s['warmup']}+ warm-up calls, then "
        + " and ".join(f"{n} timed calls at {cell}" for cell, n in calls.items())
        + " (the floor twice as many); every answer checked). The proxied setups are "
        "`bench/cluster.py`: a "
        "`redis-server` on a free port (no persistence) when Redis is used, the replicas with "
        "`FERROMCP_REDIS_URL=redis://127.0.0.1:PORT/0`, and haproxy 2.6 (`nbthread 1`, `balance "
        "roundrobin` per request, no stickiness, no request log, no health checks) in front; "
        "everything on 127.0.0.1. **CPU µs/call** is each process's on-CPU time over the timed "
        "window (`/proc/PID/task/*/schedstat`) per call, split by process; `all processes` "
        f"adds haproxy and the launcher (≈ 0). {placement} In the 1×1 cell one request is in "
        "flight at a time: its latency difference is what Redis adds to a call on its path; at "
        "64×4 the server CPU is saturated and latency is mostly queueing (≈ 256 ÷ calls/s). "
        "The floor (`floor-http`, the HTTP matrix's zero-work hyper server) runs first in each "
        "round: set its calls/s against the matrix's before comparing absolute figures across "
        "the two sections.",
        "",
    ]
    for cell in (HEADLINE, SEQUENTIAL):
        if http.cell_key(cell) in data["cells"]:
            lines += cell_table(data, servers, cell)
    lines += cost_table(data, [c for c in (http.cell_key(HEADLINE), http.cell_key(SEQUENTIAL))
                               if c in data["cells"]])
    lines += http.notes(data, servers)
    # The written reading of the figures, kept beside the generated tables so a rerun keeps it.
    analysis = common.BENCH / "ANALYSIS-replicas.md"
    if analysis.exists():
        lines += [analysis.read_text().rstrip(), ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def splice(path: Path, block: str) -> None:
    """Put ``block`` into RESULTS.md in place of the old replicas section (else at the end)."""
    text = path.read_text() if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + block + ("\n" + tail if tail else "")
    else:
        text = (text.rstrip() + "\n\n" if text.strip() else "") + block
    path.write_text(text)


def preserved_section(path: Path) -> str | None:
    """The replicas section of an existing RESULTS.md (run.py's stdio writer keeps it)."""
    if not path.exists():
        return None
    text = path.read_text()
    if BEGIN not in text or END not in text:
        return None
    return BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END + "\n"


def other_versions() -> dict[str, str]:
    """redis-server and haproxy versions."""
    out: dict[str, str] = {}
    path = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    for name, flag in (("redis-server", "--version"), ("haproxy", "-v")):
        program = shutil.which(name, path=path)
        if program is None:
            continue
        try:
            first = subprocess.run([program, flag], capture_output=True, text=True,
                                   timeout=30).stdout.strip().splitlines()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if first:
            out[name] = first[0]
    return out


def rerender(out: Path) -> int:
    """Write the section again from ``results-replicas.json``."""
    data = json.loads((out / "results-replicas.json").read_text())
    servers = [http.Server(s["key"], s["label"], s["family"], s["mode"], s["argv"],
                           unavailable=s["unavailable"], calls_scale=s.get("calls_scale", 1.0))
               for s in data["servers"]]
    splice(out / "RESULTS.md", section(data, servers))
    print(f"rewrote the replicas section of {out / 'RESULTS.md'}", flush=True)
    return 0


def main(args: Any, argv: list[str]) -> int:
    """Build, run the replica rows, write their section and JSON."""
    if args.rerender:
        return rerender(args.out)
    started = time.monotonic()
    ferromcp_python = common.pick_ferromcp_python(args.ferromcp_python)
    if args.list:
        for s in server_table(Path("."), ferromcp_python, None):
            print(f"{s.key:<10} {s.label}")
        return 0
    bindir = common.build_binaries()
    servers = server_table(bindir, ferromcp_python, common.probe_ferromcp(ferromcp_python))
    missing = missing_programs()
    for s in servers:
        if missing and s.key in CLUSTER_ROWS and not s.unavailable:
            s.unavailable = missing
        if s.unavailable:
            print(f"skipping {s.key}: {s.unavailable}", flush=True)
    active = [s for s in servers if not s.unavailable]
    placement = args.placement
    if placement != "free" and (shutil.which("taskset") is None
                                or len(os.sched_getaffinity(0)) < 2):
        print(f"note: --placement {placement} needs taskset and 2 CPUs; running unpinned",
              flush=True)
        placement = "free"
    client_cpu, server_cpu = common.placement_cpus(placement)
    settings = http.Settings(calls=args.calls, warmup=args.warmup, idle_sessions=0,
                             stall_timeout=args.timeout, placement=placement,
                             settle=0.05 if args.quick else 0.25)
    # The smoke run keeps to the headline cell.
    cells = [HEADLINE] if args.quick else [HEADLINE, SEQUENTIAL]
    load_before = http.loadavg()
    raw = run_rounds(bindir / "loadgen", active, args.runs, settings, cells)
    data: dict[str, Any] = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "args": shlex.join(argv),
        "rounds": args.runs,
        "load_before": load_before,
        "load_after": http.loadavg(),
        "settings": {"calls": settings.calls, "warmup": settings.warmup,
                     "timeout_s": settings.stall_timeout, "placement": placement,
                     "cpus": {"client": client_cpu, "server": server_cpu}},
        "machine": common.machine_info(),
        "versions": common.collect_versions(  # type: ignore[arg-type]
            [s for s in servers if s.key == DIRECT]),
        "other_versions": other_versions(),
        "cells": [http.cell_key(c) for c in cells],
        "servers": [{"key": s.key, "label": s.label, "family": s.family, "mode": s.mode,
                     "argv": s.argv, "unavailable": s.unavailable, "calls_scale": s.calls_scale}
                    for s in servers],
        "raw": raw,
        "aggregated": {key: {cell: aggregate(reports) for cell, reports in by_cell.items()}
                       for key, by_cell in raw.items()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results-replicas.json").write_text(json.dumps(data, indent=1))
    splice(args.out / "RESULTS.md", section(data, servers))
    print(f"wrote the replicas section of {args.out / 'RESULTS.md'} in "
          f"{time.monotonic() - started:.1f} s", flush=True)
    failed = any(not r.get("ok") and r.get("fatal") != "skipped: did not start"
                 for by_cell in raw.values() for reports in by_cell.values() for r in reports)
    return 1 if failed else 0
