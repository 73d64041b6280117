#!/usr/bin/env python3
"""Draw bench/results.png from the results.json written by bench/run.py.

Usage: ``python chart.py results.json results.png`` (needs matplotlib; run.py
calls it with an interpreter that has it, e.g. ``bench/.venvs/plot``), or
``python chart.py --http results-http.json results-http.png`` for the HTTP matrix.

Left panel: echo calls/s at C=1 and C=16 (HTTP: at each sessions × in-flight cell);
right panel: server CPU µs per echo call at C=1 (HTTP: at the busiest cell). Both on
log scales, one bar group per server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

COLOURS = {"floor": "#8c8c8c", "official": "#4c72b0", "ferromcp": "#dd8452", "rust": "#c44e52",
           "node": "#55a868"}


def value(data: dict[str, Any], key: str, cell: str, metric: str) -> float | None:
    """A median from results.json, or None."""
    agg = (data["aggregated"].get(key) or {}).get(cell) or {}
    return agg.get(metric)


def label_bars(ax: Any, bars: Any, values: list[float | None], digits: int) -> None:
    """Write each bar's value just past its end."""
    for bar, v in zip(bars, values, strict=True):
        if v:
            ax.text(
                v * 1.08,
                bar.get_y() + bar.get_height() / 2,
                f"{v:,.{digits}f}",
                va="center",
                fontsize=7,
            )


def draw(data: dict[str, Any], out: Path) -> None:
    """Render the two panels to ``out``."""
    servers = [
        s for s in data["servers"] if not s["unavailable"] and s["key"] in data["aggregated"]
    ]
    servers.reverse()  # top-to-bottom in table order
    labels = [s["label"] for s in servers]
    ys = list(range(len(servers)))
    colours = [COLOURS.get(s["family"], "#55a868") for s in servers]

    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 1.2 + 0.45 * len(servers)), sharey=True)
    height = 0.38
    c1 = [value(data, s["key"], "echo C=1", "calls_per_s") for s in servers]
    c16 = [value(data, s["key"], "echo C=16", "calls_per_s") for s in servers]
    bars1 = left.barh(
        [y + height / 2 for y in ys], [v or 0 for v in c1], height, color=colours, label="C=1"
    )
    bars16 = left.barh(
        [y - height / 2 for y in ys],
        [v or 0 for v in c16],
        height,
        color=colours,
        alpha=0.45,
        hatch="//",
        label="C=16",
    )
    label_bars(left, bars1, c1, 0)
    label_bars(left, bars16, c16, 0)
    for y, a, b in zip(ys, c1, c16, strict=True):
        if a is None and b is None:
            left.text(
                0.01,
                y,
                "failed",
                transform=left.get_yaxis_transform(),
                va="center",
                fontsize=8,
                color="#c44e52",
            )
    left.set_xscale("log")
    left.set_title("echo calls/s (solid C=1, hatched C=16; higher is better)")
    left.set_yticks(ys, labels)

    cpu = [value(data, s["key"], "echo C=1", "server_cpu_us_per_call") for s in servers]
    bars = right.barh(ys, [v or 0 for v in cpu], 0.6, color=colours)
    label_bars(right, bars, cpu, 1)
    right.set_xscale("log")
    right.set_title("server CPU µs per echo call, C=1 (lower is better)")

    for ax in (left, right):
        ax.grid(axis="x", which="both", alpha=0.25)
        ax.set_axisbelow(True)
        ax.margins(x=0.25)
    machine = data["machine"]
    fig.suptitle(
        f"ferromcp stdio benchmark ({machine['cpu']}, {machine['cores']} cores; "
        f"placement {data['settings'].get('placement', '?')}; {data['generated']})"
    )
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def draw_http(data: dict[str, Any], out: Path) -> None:
    """Render the HTTP matrix: calls/s per cell, and server CPU per call at the busiest cell."""
    servers = [
        s for s in data["servers"] if not s["unavailable"] and s["key"] in data["aggregated"]
    ]
    servers.reverse()
    labels = [s["label"] for s in servers]
    ys = list(range(len(servers)))
    colours = [COLOURS.get(s["family"], "#937860") for s in servers]
    cells = data["cells"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 1.4 + 0.6 * len(servers)), sharey=True)
    height = 0.8 / len(cells)
    styles = [{"alpha": 1.0, "hatch": None}, {"alpha": 0.6, "hatch": ".."},
              {"alpha": 0.4, "hatch": "//"}]
    for i, cell in enumerate(cells):
        offset = (len(cells) - 1) / 2 - i
        rates = [value(data, s["key"], cell, "calls_per_s") for s in servers]
        bars = left.barh([y + offset * height for y in ys], [v or 0 for v in rates], height,
                         color=colours, label=cell, **styles[i % len(styles)])
        label_bars(left, bars, rates, 0)
    left.set_xscale("log")
    left.set_title("echo calls/s; bars top to bottom: " + ", ".join(cells)
                   + " (sessions × in flight)")
    left.set_yticks(ys, labels)
    busiest = cells[-1]
    cpu = [value(data, s["key"], busiest, "server_cpu_us_per_call") for s in servers]
    bars = right.barh(ys, [v or 0 for v in cpu], 0.6, color=colours)
    label_bars(right, bars, cpu, 1)
    right.set_xscale("log")
    right.set_title(f"server CPU µs per echo call at {busiest} (lower is better)")
    for ax in (left, right):
        ax.grid(axis="x", which="both", alpha=0.25)
        ax.set_axisbelow(True)
        ax.margins(x=0.25)
    machine = data["machine"]
    fig.suptitle(
        f"ferromcp Streamable HTTP benchmark ({machine['cpu']}, {machine['cores']} cores; "
        f"placement {data['settings'].get('placement', '?')}; {data['generated']})"
    )
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main(argv: list[str]) -> int:
    """Entry point: ``chart.py [--http] RESULTS_JSON OUT_PNG``."""
    http = argv[:1] == ["--http"]
    argv = argv[1:] if http else argv
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    (draw_http if http else draw)(json.loads(Path(argv[0]).read_text()), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
