"""The drop-in survey: published MCP servers, unmodified, on their official SDK and on ferromcp.

For every server in ``dropin/servers.py`` this script

1. makes ``dropin/.venvs/<key>/`` and installs the server's pinned release with its pinned SDK
   (or framework), then the ferromcp wheel with ``--no-deps``;
2. runs the server twice from that venv — as published (``python -m module`` or its console
   script), then through ``python -m ferromcp run`` — each time on a freshly made fixture
   (a temp git repository, a database, a directory …) at the same path;
3. drives each run with the official Python client (``mcp`` 1.30 ``ClientSession`` over stdio,
   from the interpreter running this script) through the same steps: initialize, every list,
   the server's tool calls with good and bad arguments, an unknown tool, reads, prompts;
4. records every raw JSON-RPC answer (and the notifications that came with it), normalises them
   (``normalise``: times, temp paths, object addresses, and the deliberate differences listed in
   ``dropin/README.md``), and compares the two runs step by step.

It prints a table (server, version, style, result) and ``N/M same``, and writes it with the first
differing step of each server to ``dropin/RESULTS.md``. Both runs' raw answers stay in
``dropin/.work/<key>/{official,ferromcp}.json`` for a closer look.

usage: python dropin/run.py [--only KEY,...] [--no-install] [--wheel PATH] [--results PATH]
"""

from __future__ import annotations

import argparse
import copy
import glob
import hashlib
import http.server
import json
import logging
import re
import shutil
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.message import SessionMessage

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from servers import SERVERS, Server  # noqa: E402

VENVS = HERE / ".venvs"
WORK = HERE / ".work"
STEP_TIMEOUT = 90.0
START_TIMEOUT = 180.0


# --- install ----------------------------------------------------------------------------------

def _venv_python(server: Server) -> Path:
    return VENVS / server.key / "bin" / "python"


def install(server: Server, wheel: Path, log: Path) -> None:
    """The server's venv with its pinned requirements, and the ferromcp wheel without deps."""
    venv = VENVS / server.key
    specs = [f"{server.package}=={server.version}", *server.requires]
    stamp = hashlib.sha256(json.dumps([server.python, specs]).encode()).hexdigest()[:16]
    ready = venv / f".ready-{stamp}"
    with log.open("a", encoding="utf-8") as out:
        if not ready.exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([server.python, "-m", "venv", str(venv)], check=True, stdout=out,
                           stderr=subprocess.STDOUT)
            pip = [str(venv / "bin" / "python"), "-m", "pip"]
            subprocess.run([*pip, "install", "-q", "-U", "pip"], check=True, stdout=out,
                           stderr=subprocess.STDOUT)
            subprocess.run([*pip, "install", "-q", *specs], check=True, stdout=out,
                           stderr=subprocess.STDOUT)
            ready.touch()
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                        "--force-reinstall", "--no-deps", str(wheel)], check=True, stdout=out,
                       stderr=subprocess.STDOUT)


def installed_versions(server: Server) -> dict[str, str]:
    code = ("import importlib.metadata as m, json\n"
            "out = {}\n"
            "for d in ('mcp', 'fastmcp', 'ferromcp'):\n"
            "    try: out[d] = m.version(d)\n"
            "    except m.PackageNotFoundError: pass\n"
            "print(json.dumps(out))")
    res = subprocess.run([str(_venv_python(server)), "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    return json.loads(res.stdout)


# --- a local HTTP site, for servers that fetch ------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


def start_site(root: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    root.mkdir(parents=True, exist_ok=True)
    handler = lambda *a, **kw: _Quiet(*a, directory=str(root), **kw)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


# --- driving one run ---------------------------------------------------------------------------

@dataclass
class Step:
    name: str
    answer: Any = None          # the raw JSON-RPC result or error, without id
    notes: list[Any] = field(default_factory=list)  # server notifications and requests meanwhile


class Tap:
    """Sits between ``stdio_client`` and ``ClientSession`` and keeps every message the server
    sends as it came off the wire (before the client's models read it)."""

    def __init__(self, read: Any) -> None:
        self.source = read
        self.send, self.receive = anyio.create_memory_object_stream[Any](1000)
        self.responses: list[dict[str, Any]] = []
        self.others: list[dict[str, Any]] = []

    async def pump(self) -> None:
        async with self.send:
            async for item in self.source:
                if isinstance(item, SessionMessage):
                    raw = item.message.model_dump(mode="json", by_alias=True, exclude_none=True)
                    if "id" in raw and "method" not in raw:
                        self.responses.append(raw)
                    else:
                        self.others.append(raw)
                else:
                    self.others.append({"transport_error": repr(item)})
                await self.send.send(item)


def _plain(raw: dict[str, Any]) -> dict[str, Any]:
    raw = dict(raw)
    raw.pop("jsonrpc", None)
    raw.pop("id", None)
    return raw


async def drive(command: list[str], env: dict[str, str], cwd: Path,
                plan: list[tuple[str, str, Any]], errlog: Path) -> tuple[list[Step], str | None]:
    """Runs ``command`` and walks ``plan``; returns the steps and, when the run broke off, why."""
    steps: list[Step] = []
    params = StdioServerParameters(command=command[0], args=command[1:], env=env, cwd=str(cwd))
    failure: str | None = None
    with errlog.open("w", encoding="utf-8") as err:
        try:
            async with stdio_client(params, errlog=err) as (read, write):
                tap = Tap(read)
                async with anyio.create_task_group() as tg:
                    tg.start_soon(tap.pump)
                    try:
                        async with ClientSession(tap.receive, write) as session:
                            failure = await _walk(session, tap, plan, steps)
                    finally:
                        tg.cancel_scope.cancel()
        except Exception as exc:  # noqa: BLE001 - a server that dies is a result
            failure = failure or f"{type(exc).__name__}: {exc}"
    return steps, failure


async def _walk(session: ClientSession, tap: Tap, plan: list[tuple[str, str, Any]],
                steps: list[Step]) -> str | None:
    done: list[tuple[str, str, Any]] = []
    queue = list(plan)
    while queue:
        kind, name, arg = queue.pop(0)
        if kind == "auto":
            # Steps taken from this run's own lists (the official run's; the ferromcp run is
            # given the expanded plan, so both walk the same steps).
            queue[:0] = arg(steps)
            continue
        done.append((kind, name, arg))
        seen_r, seen_o = len(tap.responses), len(tap.others)
        limit = START_TIMEOUT if kind == "initialize" else STEP_TIMEOUT
        client_error = None
        try:
            with anyio.fail_after(limit):
                await _one(session, kind, arg)
        except TimeoutError:
            steps.append(Step(name, {"no answer within": f"{limit:.0f}s"}))
            return f"{name}: no answer within {limit:.0f}s"
        except Exception as exc:  # noqa: BLE001 - JSON-RPC errors, client-side checks
            client_error = f"{type(exc).__name__}: {exc}"
        # Let notifications sent just before the answer arrive.
        await anyio.sleep(0.05)
        answers = tap.responses[seen_r:]
        step = Step(name, _plain(answers[-1]) if answers else {"client_error": client_error},
                    list(tap.others[seen_o:]))
        steps.append(step)
        if kind == "initialize" and not answers:
            return f"initialize failed: {client_error}"
    plan[:] = done
    return None


async def _one(session: ClientSession, kind: str, arg: Any) -> None:
    if kind == "initialize":
        await session.initialize()
    elif kind == "list":
        await getattr(session, arg)()
    elif kind == "call":
        await session.call_tool(arg[0], arg[1])
    elif kind == "read":
        await session.read_resource(arg)
    elif kind == "prompt":
        await session.get_prompt(arg[0], arg[1])
    else:
        raise ValueError(kind)


# --- normalising and comparing -----------------------------------------------------------------

_ISO = re.compile(r"\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?")
_EPOCH = re.compile(r"\b1[6-9]\d{8}(\.\d+)?\b")
_ADDR = re.compile(r" at 0x[0-9a-f]+")
_TMP = re.compile(r"/tmp/[A-Za-z0-9_.-]+")
#: How close to the survey's clock a time must be to count as "now" (and be set aside).
NOW_WINDOW = 30 * 60


def _now_like(match: re.Match[str]) -> str:
    """A datetime within ``NOW_WINDOW`` of the wall clock becomes ``<now>`` (its UTC offset
    kept); any other (a converted time, a commit date) stays as it is."""
    import datetime as dt
    text = match.group(0)
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    now = dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is not None:
        near = abs((when - now).total_seconds()) < NOW_WINDOW
    else:  # naive: the wall clock of some timezone (offsets are whole quarter hours)
        delta = (when - now.replace(tzinfo=None)).total_seconds()
        quarter = 15 * 60
        near = abs(delta) < 15 * 3600 and min(delta % quarter, -delta % quarter) < 180
    if not near:
        return text
    offset = match.group(3) or ""
    return "<now>" + offset


def _epoch_like(match: re.Match[str]) -> str:
    import time
    near = abs(float(match.group(0)) - time.time()) < NOW_WINDOW
    return "<now-epoch>" if near else match.group(0)


#: Wordings of an argument-validation failure (the deliberate difference kept): the official
#: SDKs' pydantic / jsonschema texts and ferromcp's. Both sides must be `isError` results whose
#: text matches one of these for the difference to be set aside.
_VALIDATION = [
    re.compile(r"^Input validation error: "),                               # jsonschema / ferromcp
    re.compile(r"^Error executing tool \S+: \d+ validation errors? for \S+Arguments"),  # 1.x
    re.compile(r"^\d+ validation errors? for (call\[\S+\]|\S+Arguments)"),  # fastmcp
    re.compile(r"^Error calling tool '\S+': \d+ validation errors?"),      # fastmcp 2
    re.compile(r"^Invalid arguments for tool \S+"),
]


def _text(value: str, ctx: dict[str, str]) -> str:
    for real, label in ctx.items():
        if real:
            value = value.replace(real, label)
    value = _ISO.sub(_now_like, value)
    value = _EPOCH.sub(_epoch_like, value)
    value = _ADDR.sub(" at 0x…", value)
    value = _TMP.sub("<tmp>", value)
    return value


def _walk_strings(node: Any, fn: Any) -> Any:
    if isinstance(node, str):
        return fn(node)
    if isinstance(node, (list, tuple)):
        return type(node)(_walk_strings(v, fn) for v in node)
    if isinstance(node, dict):
        return {k: _walk_strings(v, fn) for k, v in node.items()}
    return node


def _validation_text(text: str) -> bool:
    return any(p.search(text) for p in _VALIDATION)


def normalise(steps: list[Step], ctx: dict[str, str], versions: dict[str, str]
              ) -> list[dict[str, Any]]:
    out = []
    for step in steps:
        answer = copy.deepcopy(step.answer)
        if step.name == "initialize" and isinstance(answer, dict):
            info = answer.get("result", {}).get("serverInfo", {})
            # Left unset by the server, serverInfo.version is the serving package's own version.
            if info.get("version") in set(versions.values()):
                info["version"] = "<sdk version>"
            # fastmcp 2.x/3.x announce SEP-1686 tasks; ferromcp serves none, announces none.
            answer.get("result", {}).get("capabilities", {}).pop("tasks", None)
        if isinstance(answer, dict) and isinstance(answer.get("result"), dict):
            res = answer["result"]
            content = res.get("content")
            if (res.get("isError") and isinstance(content, list) and len(content) == 1
                    and content[0].get("type") == "text"
                    and _validation_text(content[0].get("text", ""))):
                content[0]["text"] = "<argument validation error>"
                res.pop("structuredContent", None)
        if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
            err = answer["error"]
            # mcp 2.x names the method in -32601's data, 1.x does not; ferromcp always does.
            if err.get("code") == -32601 and isinstance(err.get("data"), str):
                err.pop("data")
        answer = _walk_strings(answer, lambda s: _text(s, ctx))
        if step.name == "initialize" and isinstance(step.answer, dict) and "result" in step.answer:
            answer["result"]["protocolVersion"] = step.answer["result"].get("protocolVersion")
        notes = [_walk_strings(n, lambda s: _text(s, ctx)) for n in step.notes]
        # Log lines from the frameworks' own internals are not the server's answer.
        notes = [n for n in notes if n.get("method") != "notifications/message"
                 or not _is_framework_log(n)]
        # A line on the server's stdout that is not JSON-RPC (a library printing, e.g. npm's
        # "added 41 packages" from readabilipy's first use) is the transport's noise, not an
        # answer; ferromcp points fd 1 at stderr while serving, the official SDKs do not.
        notes = [n for n in notes if "transport_error" not in n]
        out.append({"step": step.name, "answer": answer, "notes": notes})
    return out


def _is_framework_log(note: dict[str, Any]) -> bool:
    logger = str(note.get("params", {}).get("logger") or "")
    return logger.startswith(("mcp.", "fastmcp", "ferromcp"))


def differences(a: list[dict[str, Any]], b: list[dict[str, Any]]
                ) -> list[tuple[int, dict[str, Any] | None, dict[str, Any] | None]]:
    out = []
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x != y:
            out.append((i, x, y))
    return out


# --- one server --------------------------------------------------------------------------------

@dataclass
class Outcome:
    server: Server
    sdk: str = ""
    result: str = ""
    same: bool = False
    detail: str = ""
    steps: int = 0


def _subst(value: Any, ctx: dict[str, str]) -> Any:
    return _walk_strings(value, lambda s: s.format(**ctx) if "{" in s and "}" in s else s)


def _commands(server: Server, ctx: dict[str, str]) -> tuple[list[str], list[str]]:
    py = str(_venv_python(server))
    args = _subst(server.args, ctx)
    if server.module:
        return [py, "-m", server.module, *args], [py, "-m", "ferromcp", "run", server.module, *args]
    script = str(VENVS / server.key / "bin" / server.script)
    # `python -m ferromcp run` takes a file or a module name, not a console-script entry point
    # (`pkg.mod:func`): the console script's own file (what pip generated) is given instead.
    return [script, *args], [py, "-m", "ferromcp", "run", script, *args]


def _plan(server: Server, ctx: dict[str, str]) -> list[tuple[str, str, Any]]:
    plan: list[tuple[str, str, Any]] = [("initialize", "initialize", None)]
    for method, attr in (("tools/list", "list_tools"), ("resources/list", "list_resources"),
                         ("resources/templates/list", "list_resource_templates"),
                         ("prompts/list", "list_prompts")):
        plan.append(("list", method, attr))
    for tool, args in _subst(server.calls, ctx):
        plan.append(("call", f"tools/call {tool} {json.dumps(args, ensure_ascii=False)}",
                     (tool, args)))
    plan.append(("call", "tools/call (unknown tool)", ("no_such_tool_dropin", {})))
    if server.reads is None:
        plan.append(("auto", "first listed resource", _first_resource))
    for uri in _subst(server.reads or [], ctx):
        plan.append(("read", f"resources/read {uri}", uri))
    plan.append(("read", "resources/read (unknown uri)", "dropin://no/such/resource"))
    if server.prompts is None:
        plan.append(("auto", "listed prompts", _listed_prompts))
    for name, args in _subst(server.prompts or [], ctx):
        plan.append(("prompt", f"prompts/get {name} {json.dumps(args, ensure_ascii=False)}",
                     (name, args)))
    plan.append(("prompt", "prompts/get (unknown prompt)", ("no_such_prompt_dropin", {})))
    return plan


def _listed(steps: list[Step], method: str, key: str) -> list[dict[str, Any]]:
    answer = next((s.answer for s in steps if s.name == method), None)
    try:
        return list(answer["result"][key])
    except (TypeError, KeyError):
        return []


def _first_resource(steps: list[Step]) -> list[tuple[str, str, Any]]:
    return [("read", f"resources/read {r['uri']}", r["uri"])
            for r in _listed(steps, "resources/list", "resources")[:1]]


def _listed_prompts(steps: list[Step]) -> list[tuple[str, str, Any]]:
    out = []
    for p in _listed(steps, "prompts/list", "prompts")[:2]:
        args = {a["name"]: "example" for a in p.get("arguments") or [] if a.get("required")}
        out.append(("prompt", f"prompts/get {p['name']} {json.dumps(args)}", (p["name"], args)))
    return out


async def survey(server: Server, url: str, wheel: Path, do_install: bool) -> Outcome:
    outcome = Outcome(server)
    work = WORK / server.key
    work.mkdir(parents=True, exist_ok=True)
    log = work / "install.log"
    if do_install:
        log.write_text("", encoding="utf-8")
        try:
            install(server, wheel, log)
        except subprocess.CalledProcessError:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
            outcome.result = "install failed"
            outcome.detail = " / ".join(tail)
            return outcome
    versions = installed_versions(server)
    outcome.sdk = ", ".join(f"{k} {v}" for k, v in versions.items() if k != "ferromcp")

    runs: dict[str, list[Step]] = {}
    failures: dict[str, str | None] = {}
    plan: list[tuple[str, str, Any]] | None = None
    for leg in ("official", "ferromcp"):
        fixture = work / "fixture"
        shutil.rmtree(fixture, ignore_errors=True)
        fixture.mkdir(parents=True)
        ctx = {"work": str(fixture), "url": url, "venv": str(VENVS / server.key)}
        if server.setup is not None:
            ctx.update(server.setup(fixture) or {})
        # A fixed hash seed: some servers print sets, whose order would change from run to run.
        env = {"PYTHONHASHSEED": "0", **_subst(dict(server.env), ctx)}
        official_cmd, ferro_cmd = _commands(server, ctx)
        if plan is None:
            plan = _plan(server, ctx)  # expanded in place by the official run
        cmd = official_cmd if leg == "official" else ferro_cmd
        steps, failure = await drive(cmd, env, fixture, plan, work / f"{leg}.stderr")
        runs[leg], failures[leg] = steps, failure
        (work / f"{leg}.json").write_text(json.dumps(
            {"command": cmd, "failure": failure, "steps": [s.__dict__ for s in steps]},
            indent=1, ensure_ascii=False), encoding="utf-8")

    ctx = {str(work / "fixture"): "<work>", url: "<url>", str(VENVS / server.key): "<venv>"}
    a = normalise(runs["official"], ctx, versions)
    b = normalise(runs["ferromcp"], ctx, versions)
    outcome.steps = len(a)
    if not a or "result" not in (a[0]["answer"] or {}):
        outcome.result = "fails on its official SDK"
        outcome.detail = (failures["official"] or "") + _stderr_tail(work / "official.stderr")
        return outcome
    if not b or "result" not in (b[0]["answer"] or {}):
        outcome.result = "fails to start on ferromcp"
        outcome.detail = (failures["ferromcp"] or "") + _stderr_tail(work / "ferromcp.stderr")
        return outcome
    diffs = differences(a, b)
    if not diffs:
        outcome.same = True
        outcome.result = "same"
        return outcome
    i, x, y = diffs[0]
    name = (x or y or {}).get("step")
    outcome.result = f"differs at step {i + 1} ({name})"
    others = [f"{j + 1} ({(p or q or {}).get('step')})" for j, p, q in diffs[1:]]
    outcome.detail = ("official: " + _short(x) + "\nferromcp: " + _short(y)
                      + (f"\nalso differs at steps: {', '.join(others)}" if others else "")
                      + (f"\nferromcp run broke off: {failures['ferromcp']}"
                         + _stderr_tail(work / "ferromcp.stderr") if failures["ferromcp"] else ""))
    return outcome


def _short(step: dict[str, Any] | None, limit: int = 700) -> str:
    if step is None:
        return "(no such step)"
    text = json.dumps({k: v for k, v in step.items() if k != "step" and (k != "notes" or v)},
                      ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + " …"


def _stderr_tail(path: Path, lines: int = 4) -> str:
    try:
        tail = [ln for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()
                if ln.strip()][-lines:]
    except OSError:
        return ""
    return ("\nstderr: " + " | ".join(tail)) if tail else ""


# --- the table ---------------------------------------------------------------------------------

def table(outcomes: list[Outcome]) -> str:
    rows = ["| server | version | style | official SDK | steps | result |",
            "|---|---|---|---|---|---|"]
    for o in outcomes:
        rows.append(f"| {o.server.package} | {o.server.version} | {o.server.style} | {o.sdk} | "
                    f"{o.steps} | {o.result} |")
    same = sum(o.same for o in outcomes)
    return "\n".join(rows) + f"\n\n**{same}/{len(outcomes)} same**\n"


def write_results(outcomes: list[Outcome], path: Path, ferromcp_rev: str) -> None:
    parts = ["# Drop-in survey results", "",
             f"`make dropin` (dropin/run.py) at ferromcp {ferromcp_rev}. Each server ran "
             "unmodified on its official SDK and through `python -m ferromcp run`, driven by "
             "the official `mcp` 1.30 client over stdio; answers compared step by step after "
             "the normalisation described in dropin/README.md.", "", table(outcomes)]
    details = [o for o in outcomes if not o.same]
    if details:
        parts += ["## Where the answers differ", ""]
        for o in details:
            parts += [f"### {o.server.package} {o.server.version} ({o.server.style})", "",
                      f"{o.result}", "", "```", o.detail.strip(), "```", ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def _wheel(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    found = sorted(glob.glob(str(ROOT / "target" / "wheels" / "ferromcp-*.whl")))
    if not found:
        sys.exit("no ferromcp wheel in target/wheels: run `make build PROFILE=dev` first")
    return Path(found[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated server keys")
    ap.add_argument("--no-install", action="store_true", help="use the venvs as they are")
    ap.add_argument("--wheel", help="the ferromcp wheel (default: target/wheels/ferromcp-*.whl)")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"))
    opts = ap.parse_args()
    # The client's own warnings (a server's stray stdout line at exit, results of tools it was not
    # told about) are not the survey's business; the raw answers are recorded.
    logging.getLogger("mcp").setLevel(logging.CRITICAL)
    wheel = _wheel(opts.wheel)
    chosen = [s for s in SERVERS if not opts.only or s.key in opts.only.split(",")]
    VENVS.mkdir(exist_ok=True)
    WORK.mkdir(exist_ok=True)
    url, httpd = start_site(WORK / "site")
    from servers import make_site
    make_site(WORK / "site")
    outcomes = []
    try:
        for server in chosen:
            print(f"… {server.key}", flush=True)
            try:
                outcome = anyio.run(survey, server, url, wheel, not opts.no_install)
            except Exception:  # noqa: BLE001 - one broken harness step must not stop the rest
                outcome = Outcome(server, result="harness error",
                                  detail=traceback.format_exc()[-1500:])
            print(f"  {outcome.result}" + (f"\n  {outcome.detail}" if outcome.detail else ""),
                  flush=True)
            outcomes.append(outcome)
    finally:
        httpd.shutdown()
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    print()
    print(table(outcomes))
    if not opts.only:
        write_results(outcomes, Path(opts.results), rev)
    else:
        write_results(outcomes, WORK / "RESULTS.partial.md", rev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
