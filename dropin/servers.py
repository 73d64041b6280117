"""The servers of the drop-in survey: pinned releases from PyPI, how each is started, and the calls
made to it (``dropin/run.py`` adds initialize, every list, an unknown tool, an unknown resource
and an unknown prompt to each).

Strings in ``args``, ``env``, ``calls``, ``reads`` and ``prompts`` may hold ``{work}`` (the run's
fixture directory, made afresh at the same path before each run) and ``{url}`` (a local HTTP site
on 127.0.0.1 the runner serves from ``make_site``). ``reads=None`` reads the first resource the
official run lists; ``prompts=None`` gets the first two prompts it lists.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MCP1 = "mcp==1.30.0"
MCP2 = "mcp==2.3.0"


@dataclass
class Server:
    key: str                 # the venv's and work directory's name
    package: str             # on PyPI
    version: str             # pinned
    style: str
    requires: list[str] = field(default_factory=list)  # pins of the SDK / framework it runs on
    module: str | None = None   # started as `python -m module` …
    script: str | None = None   # … or as its console script
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], dict[str, str] | None] | None = None
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reads: list[str] | None = None
    prompts: list[tuple[str, dict[str, str]]] | None = None
    python: str = "python3.11"


# --- fixtures ----------------------------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Survey", "GIT_AUTHOR_EMAIL": "survey@example.invalid",
    "GIT_COMMITTER_NAME": "Survey", "GIT_COMMITTER_EMAIL": "survey@example.invalid",
    "GIT_AUTHOR_DATE": "1735787045 +0000",  # 2025-01-02T03:04:05Z, as git and GitPython read it
    "GIT_COMMITTER_DATE": "1735787045 +0000",
    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
}


def git_repo(work: Path) -> dict[str, str]:
    """A repository with two commits (fixed authors and dates, so fixed hashes), a second branch,
    a staged change and an unstaged one."""
    repo = work / "repo"
    repo.mkdir()
    env = {**os.environ, **GIT_ENV}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (repo / "README.md").write_text("# demo\n\nfirst line\n", encoding="utf-8")
    (repo / "app.py").write_text("print('hello')\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "Initial commit")
    (repo / "app.py").write_text("print('hello, world')\n", encoding="utf-8")
    git("commit", "-q", "-am", "Greet the world")
    git("branch", "feature")
    (repo / "README.md").write_text("# demo\n\nfirst line\nstaged line\n", encoding="utf-8")
    git("add", "README.md")
    (repo / "app.py").write_text("print('hello, world')\nprint('bye')\n", encoding="utf-8")
    (repo / "new.txt").write_text("untracked\n", encoding="utf-8")
    return {"repo": str(repo)}


def sqlite_db(work: Path) -> dict[str, str]:
    return {"db": str(work / "survey.db")}


def duckdb_file(work: Path) -> dict[str, str]:
    return {"db": str(work / "survey.duckdb")}


def files_dir(work: Path) -> dict[str, str]:
    (work / "notes.txt").write_text("alpha\nbeta\ngamma\n", encoding="utf-8")
    (work / "sub").mkdir()
    (work / "sub" / "inner.txt").write_text("inner\n", encoding="utf-8")
    (work / "sample.py").write_text(
        "import os\nimport sys\n\n\ndef unused_helper(x):\n    return x*2\n\n\n"
        "def main():\n    print( 'hi' )\n", encoding="utf-8")
    return {}


def make_site(root: Path) -> None:
    """The pages the fetch servers get, served from 127.0.0.1 by the runner."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (root / "page.html").write_text(
        "<html><head><title>Survey page</title></head><body><article><h1>Survey</h1>"
        "<p>The quick brown fox jumps over the lazy dog. " + "Lorem ipsum dolor sit amet. " * 40
        + "</p><ul><li>one</li><li>two</li></ul><p><a href='/other.html'>other</a></p>"
        "</article></body></html>", encoding="utf-8")
    (root / "plain.txt").write_text("plain text body\n", encoding="utf-8")
    (root / "private").mkdir(exist_ok=True)
    (root / "private" / "secret.html").write_text("<p>secret</p>", encoding="utf-8")


# --- the calls, shared by the generations of one server -----------------------------------------

TIME_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("get_current_time", {"timezone": "Europe/Warsaw"}),
    ("get_current_time", {"timezone": "UTC"}),
    ("convert_time", {"source_timezone": "America/New_York", "time": "16:30",
                      "target_timezone": "Asia/Tokyo"}),
    ("convert_time", {"source_timezone": "Asia/Kathmandu", "time": "09:15",
                      "target_timezone": "Europe/London"}),
    ("get_current_time", {"timezone": "Mars/Olympus"}),
    ("convert_time", {"source_timezone": "UTC", "time": "25:99", "target_timezone": "UTC"}),
    ("get_current_time", {}),
    ("get_current_time", {"timezone": 42}),
    ("convert_time", {"source_timezone": "UTC", "time": "10:00"}),
]

GIT_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("git_status", {"repo_path": "{repo}"}),
    ("git_log", {"repo_path": "{repo}", "max_count": 5}),
    ("git_diff_unstaged", {"repo_path": "{repo}"}),
    ("git_diff_staged", {"repo_path": "{repo}"}),
    ("git_diff", {"repo_path": "{repo}", "target": "feature"}),
    ("git_show", {"repo_path": "{repo}", "revision": "HEAD"}),
    ("git_branch", {"repo_path": "{repo}", "branch_type": "local"}),
    ("git_add", {"repo_path": "{repo}", "files": ["new.txt"]}),
    ("git_commit", {"repo_path": "{repo}", "message": "Add new.txt"}),
    ("git_log", {"repo_path": "{repo}", "max_count": 2}),
    ("git_create_branch", {"repo_path": "{repo}", "branch_name": "topic"}),
    ("git_checkout", {"repo_path": "{repo}", "branch_name": "topic"}),
    ("git_branch", {"repo_path": "{repo}", "branch_type": "all"}),
    ("git_show", {"repo_path": "{repo}", "revision": "no-such-revision"}),
    ("git_checkout", {"repo_path": "{repo}", "branch_name": "no-such-branch"}),
    ("git_add", {"repo_path": "{repo}", "files": []}),
    ("git_log", {"repo_path": "{work}/not-a-repo"}),
    ("git_status", {}),
    ("git_log", {"repo_path": "{repo}", "max_count": "many"}),
    ("git_branch", {"repo_path": "{repo}", "branch_type": "sideways"}),
]

FETCH_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("fetch", {"url": "{url}/page.html"}),
    ("fetch", {"url": "{url}/page.html", "max_length": 200, "start_index": 10}),
    ("fetch", {"url": "{url}/page.html", "raw": True, "max_length": 300}),
    ("fetch", {"url": "{url}/plain.txt"}),
    ("fetch", {"url": "{url}/private/secret.html"}),
    ("fetch", {"url": "{url}/missing.html"}),
    ("fetch", {"url": "not a url"}),
    ("fetch", {}),
    ("fetch", {"url": "{url}/page.html", "max_length": -5}),
]
FETCH_PROMPTS = [("fetch", {"url": "{url}/page.html"})]


SQLITE_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("create_table",
     {"query": "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL)"}),
    ("write_query",
     {"query": "INSERT INTO items (name, price) VALUES ('apple', 1.5), ('pear', 2.25)"}),
    ("read_query", {"query": "SELECT * FROM items ORDER BY id"}),
    ("list_tables", {}),
    ("describe_table", {"table_name": "items"}),
    ("append_insight", {"insight": "Pears cost more than apples"}),
    ("read_query", {"query": "DELETE FROM items"}),
    ("read_query", {"query": "SELECT * FROM no_such_table"}),
    ("write_query", {}),
    ("describe_table", {"table_name": 7}),
]

DUCKDB_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("query", {"query": "CREATE TABLE t (id INTEGER, name VARCHAR)"}),
    ("query", {"query": "INSERT INTO t VALUES (1, 'one'), (2, 'two')"}),
    ("query", {"query": "SELECT * FROM t ORDER BY id"}),
    ("query", {"query": "SELECT 1 + 1 AS two, 'x' AS s"}),
    ("query", {"query": "SELEC nonsense"}),
    ("query", {}),
    ("query", {"query": 42}),
]

CLI_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("show_security_rules", {}),
    ("run_command", {"command": "ls -1"}),
    ("run_command", {"command": "cat notes.txt"}),
    ("run_command", {"command": "echo hello survey"}),
    ("run_command", {"command": "wc -l notes.txt"}),
    ("run_command", {"command": "pwd"}),
    ("run_command", {"command": "cat missing.txt"}),
    ("run_command", {"command": "rm notes.txt"}),
    ("run_command", {"command": "ls -R"}),
    ("run_command", {"command": "ls; echo x"}),
    ("run_command", {"command": "cat /etc/hostname"}),
    ("run_command", {}),
    ("run_command", {"command": ["ls"]}),
]

CALCULATOR_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("calculate", {"expression": "2 + 3 * 4"}),
    ("calculate", {"expression": "sqrt(16) + 2^10"}),
    ("calculate", {"expression": "7 // 2 + 7 % 2 - 1.5"}),
    ("calculate", {"expression": "1 / 0"}),
    ("calculate", {"expression": "__import__('os')"}),
    ("calculate", {"expression": "2 +"}),
    ("calculate", {}),
    ("calculate", {"expression": 12}),
]

EXCEL1_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("create_workbook", {"filepath": "{work}/book.xlsx"}),
    ("create_worksheet", {"filepath": "{work}/book.xlsx", "sheet_name": "Data"}),
    ("write_data_to_excel", {"filepath": "{work}/book.xlsx", "sheet_name": "Data",
                             "data": [["name", "qty"], ["apple", 3], ["pear", 5]],
                             "start_cell": "A1"}),
    ("apply_formula", {"filepath": "{work}/book.xlsx", "sheet_name": "Data", "cell": "B4",
                       "formula": "=SUM(B2:B3)"}),
    ("read_data_from_excel", {"filepath": "{work}/book.xlsx", "sheet_name": "Data"}),
    # (get_workbook_metadata on book.xlsx is left out: it reports the file's size, and an
    # .xlsx embeds its write time, so the size changes with the second the file was written.)
    ("validate_formula_syntax", {"filepath": "{work}/book.xlsx", "sheet_name": "Data",
                                 "cell": "C1", "formula": "=SUM(B2:B3"}),
    ("merge_cells", {"filepath": "{work}/book.xlsx", "sheet_name": "Data", "start_cell": "D1",
                     "end_cell": "E1"}),
    ("get_merged_cells", {"filepath": "{work}/book.xlsx", "sheet_name": "Data"}),
    ("read_data_from_excel", {"filepath": "{work}/book.xlsx", "sheet_name": "Nope"}),
    ("get_workbook_metadata", {"filepath": "{work}/missing.xlsx"}),
    ("insert_rows", {"filepath": "{work}/book.xlsx", "sheet_name": "Data", "start_row": "2"}),
    ("insert_rows", {"filepath": "{work}/book.xlsx", "sheet_name": "Data", "start_row": "two"}),
    ("write_data_to_excel", {"filepath": "{work}/book.xlsx", "sheet_name": "Data",
                             "data": "not a list"}),
    ("create_workbook", {}),
]

PPTX_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("get_server_info", {}),
    ("create_presentation", {"id": "deck"}),
    ("add_slide", {"layout_index": 1, "title": "Survey", "presentation_id": "deck"}),
    ("populate_placeholder", {"slide_index": 0, "placeholder_idx": 1, "text": "Body text",
                              "presentation_id": "deck"}),
    ("add_bullet_points", {"slide_index": 0, "placeholder_idx": 1,
                           "bullet_points": ["one", "two"], "presentation_id": "deck"}),
    ("extract_slide_text", {"slide_index": 0, "presentation_id": "deck"}),
    ("get_presentation_info", {"presentation_id": "deck"}),
    ("list_presentations", {}),
    ("save_presentation", {"file_path": "{work}/deck.pptx", "presentation_id": "deck"}),
    ("list_slide_templates", {}),
    ("get_slide_info", {"slide_index": 9, "presentation_id": "deck"}),
    ("switch_presentation", {"presentation_id": "nope"}),
    ("add_slide", {"layout_index": "first"}),
    ("get_slide_info", {}),
]

EXCEL2_CALLS: list[tuple[str, dict[str, Any]]] = [
    # list_workbooks reports each file's size, and an .xlsx embeds its write time, so the size
    # of book.xlsx changes with the second it was written: listed before it exists.
    ("list_workbooks", {}),
    ("create_workbook", {"path": "book.xlsx", "sheets": ["Data", "Notes"]}),
    ("write_range", {"path": "book.xlsx", "sheet": "Data", "at": "A1",
                     "rows": [["name", "qty"], ["apple", 3], ["pear", 5],
                              ["total", "=SUM(B2:B3)"]]}),
    ("read_range", {"path": "book.xlsx", "sheet": "Data"}),
    ("describe_workbook", {"path": "book.xlsx"}),
    ("describe_sheet", {"path": "book.xlsx", "sheet": "Data"}),
    ("find_cells", {"path": "book.xlsx", "query": "pear"}),
    ("rename_sheet", {"path": "book.xlsx", "sheet": "Notes", "new_name": "Memo"}),
    ("read_range", {"path": "book.xlsx", "sheet": "Nope"}),
    ("describe_workbook", {"path": "missing.xlsx"}),
    ("describe_workbook", {"path": "../outside.xlsx"}),
    ("read_range", {"path": "book.xlsx", "sheet": "Data", "max_cells": "many"}),
    ("create_workbook", {}),
]

MARKITDOWN_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("convert_to_markdown", {"uri": "file://{work}/notes.txt"}),
    ("convert_to_markdown", {"uri": "file://{work}/sample.py"}),
    ("convert_to_markdown", {"uri": "data:text/plain;charset=utf-8,hello%20survey"}),
    ("convert_to_markdown", {"uri": "{url}/page.html"}),
    ("convert_to_markdown", {"uri": "file://{work}/missing.txt"}),
    ("convert_to_markdown", {"uri": "nope://x"}),
    ("convert_to_markdown", {}),
    ("convert_to_markdown", {"uri": 5}),
]

ANALYZER_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("ruff-check", {"code": "import os\nimport sys\n\nx=1\n"}),
    ("ruff-format", {"code": "def f( a,b ):\n    return a+b\n"}),
    ("ruff-check-ci", {"code": "import os\n", "output_format": "github"}),
    ("vulture-scan", {"code": "import os\n\ndef unused(x):\n    return x\n", "min_confidence": 60}),
    ("analyze-code", {"code": "import os\n\ndef unused(x):\n    return x\n"}),
    ("ruff-check", {"code": "def broken(:\n"}),
    ("ruff-check", {}),
    ("ruff-format", {"code": 3}),
    ("vulture-scan", {"code": "x = 1\n", "min_confidence": "high"}),
]

WORD_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("create_document", {"filename": "doc.docx", "title": "Survey", "author": "Survey"}),
    ("add_heading", {"filename": "doc.docx", "text": "Results", "level": 1}),
    ("add_paragraph", {"filename": "doc.docx", "text": "The quick brown fox."}),
    ("add_table", {"filename": "doc.docx", "rows": 2, "cols": 2,
                   "data": [["a", "b"], ["c", "d"]]}),
    ("get_document_text", {"filename": "doc.docx"}),
    ("get_document_outline", {"filename": "doc.docx"}),
    ("find_text_in_document", {"filename": "doc.docx", "text_to_find": "fox"}),
    ("search_and_replace", {"filename": "doc.docx", "find_text": "fox", "replace_text": "cat"}),
    ("get_paragraph_text_from_document", {"filename": "doc.docx", "paragraph_index": 1}),
    ("list_available_documents", {"directory": "."}),
    ("get_document_text", {"filename": "missing.docx"}),
    ("get_paragraph_text_from_document", {"filename": "doc.docx", "paragraph_index": 99}),
    ("add_heading", {"filename": "doc.docx", "text": "x", "level": "top"}),
    ("add_paragraph", {"filename": "doc.docx"}),
]

SIMPLE_TIME_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("get_local_time", {}),
    ("get_current_time", {"timezone": "Europe/Warsaw", "calendar": "unix,isodate"}),
    ("get_current_time", {"timezone": "+05:30", "calendar": "hebrew,persian,japanese,hijri"}),
    ("calculate_time_distance", {"from_date": "2025-01-01", "to_date": "2025-03-15"}),
    ("calculate_time_distance", {"from_date": "2025-01-01", "to_date": "2025-01-31",
                                 "business_days": True, "unit": "days"}),
    ("get_current_time", {"timezone": "Mars/Olympus"}),
    ("calculate_time_distance", {"from_date": "yesterday-ish", "to_date": "2025-01-01"}),
    ("calculate_time_distance", {"business_days": "sometimes"}),
    ("get_current_time", {"timezone": 5}),
]

MOTHERDUCK_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("execute_query",
     {"sql": "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'one'), (2, 'two')) v(id, name)"}),
    ("execute_query", {"sql": "SELECT * FROM t ORDER BY id"}),
    ("list_databases", {}),
    ("list_tables", {}),
    ("list_columns", {"table": "t"}),
    ("execute_query", {"sql": "SELECT * FROM no_such_table"}),
    ("list_columns", {"table": "missing"}),
    ("execute_query", {}),
    ("execute_query", {"sql": ["SELECT 1"]}),
]


SERVERS: list[Server] = [
    # --- mcp 2.x MCPServer with middleware: the current reference servers -----------------------
    Server("time-2x", "mcp-server-time", "2026.10.19", "2.x MCPServer + middleware",
           requires=[MCP2], module="mcp_server_time", args=["--local-timezone", "UTC"],
           calls=TIME_CALLS),
    Server("git-2x", "mcp-server-git", "2026.10.19", "2.x MCPServer + middleware",
           requires=[MCP2], module="mcp_server_git", args=["--repository", "{repo}"],
           env=GIT_ENV, setup=git_repo, calls=GIT_CALLS),
    Server("fetch-2x", "mcp-server-fetch", "2026.10.24", "2.x MCPServer + middleware",
           requires=[MCP2], module="mcp_server_fetch", args=["--allow-private-ips"],
           calls=FETCH_CALLS, prompts=FETCH_PROMPTS),
    # --- mcp 1.x low-level Server decorators ----------------------------------------------------
    Server("time-1x", "mcp-server-time", "2026.10.10", "1.x low-level Server",
           requires=[MCP1], module="mcp_server_time", args=["--local-timezone", "UTC"],
           calls=TIME_CALLS),
    Server("git-1x", "mcp-server-git", "2026.10.10", "1.x low-level Server",
           requires=[MCP1], module="mcp_server_git", args=["--repository", "{repo}"],
           env=GIT_ENV, setup=git_repo, calls=GIT_CALLS),
    Server("fetch-1x", "mcp-server-fetch", "2026.8.18", "1.x low-level Server",
           requires=[MCP1], module="mcp_server_fetch", args=[],
           calls=FETCH_CALLS, prompts=FETCH_PROMPTS),
    Server("sqlite", "mcp-server-sqlite", "2025.4.25", "1.x low-level Server",
           requires=[MCP1], script="mcp-server-sqlite", args=["--db-path", "{db}"],
           setup=sqlite_db, calls=SQLITE_CALLS,
           reads=["memo://insights"],
           prompts=[("mcp-demo", {"topic": "retail"}), ("mcp-demo", {})]),
    Server("duckdb", "mcp-server-duckdb", "1.1.0", "1.x low-level Server",
           requires=[MCP1], script="mcp-server-duckdb", args=["--db-path", "{db}"],
           setup=duckdb_file, calls=DUCKDB_CALLS),
    Server("cli", "cli-mcp-server", "0.2.5", "1.x low-level Server",
           requires=[MCP1], script="cli-mcp-server",
           env={"ALLOWED_DIR": "{work}", "ALLOWED_COMMANDS": "ls,cat,echo,pwd,wc",
                "ALLOWED_FLAGS": "-l,-a,-1", "COMMAND_TIMEOUT": "20"},
           setup=files_dir, calls=CLI_CALLS),
    # --- mcp 1.x FastMCP --------------------------------------------------------------------------
    Server("calculator", "mcp-server-calculator", "0.2.1", "1.x FastMCP",
           requires=[MCP1], script="mcp-server-calculator", calls=CALCULATOR_CALLS),
    Server("excel-1x", "excel-mcp-server", "0.1.7", "1.x FastMCP",
           requires=[MCP1], script="excel-mcp-server", args=["stdio"],
           env={"EXCEL_FILES_PATH": "{work}"}, setup=files_dir, calls=EXCEL1_CALLS),
    Server("pptx", "office-powerpoint-mcp-server", "2.0.7", "1.x FastMCP",
           requires=[MCP1], script="ppt_mcp_server", setup=files_dir, calls=PPTX_CALLS),
    # --- mcp 2.x MCPServer ------------------------------------------------------------------------
    Server("excel-2x", "excel-mcp-server", "2.2.2", "2.x MCPServer",
           requires=[MCP2], script="excel-mcp-server", args=["stdio"],
           env={"EXCEL_FILES_PATH": "{work}"}, setup=files_dir, calls=EXCEL2_CALLS),
    Server("markitdown", "markitdown-mcp", "0.0.1a8", "2.x MCPServer",
           requires=[MCP2], script="markitdown-mcp", setup=files_dir, calls=MARKITDOWN_CALLS),
    # --- fastmcp ----------------------------------------------------------------------------------
    Server("analyzer", "mcp-server-analyzer", "0.1.2", "fastmcp 2.x",
           requires=["fastmcp==2.14.7"], script="mcp-server-analyzer", setup=files_dir,
           env={"PATH": "{venv}/bin:/usr/local/bin:/usr/bin:/bin"},
           calls=ANALYZER_CALLS),
    Server("word", "office-word-mcp-server", "1.1.11", "fastmcp 2.x",
           requires=["fastmcp==2.14.7"], script="word_mcp_server", setup=files_dir,
           calls=WORD_CALLS),
    Server("simple-time", "mcp-simple-timeserver", "3.3.2", "fastmcp 3.x",
           requires=["fastmcp==3.4.11"], script="mcp-simple-timeserver", calls=SIMPLE_TIME_CALLS),
    Server("motherduck", "mcp-server-motherduck", "1.1.0", "fastmcp 4.x",
           requires=["fastmcp==4.2.3"], script="mcp-server-motherduck",
           args=["--db-path", ":memory:", "--read-write"], calls=MOTHERDUCK_CALLS),
]


def _check() -> None:
    keys = [s.key for s in SERVERS]
    assert len(keys) == len(set(keys)), keys
    for s in SERVERS:
        assert (s.module is None) != (s.script is None), s.key


_check()
