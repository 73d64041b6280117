"""A server whose stdin is a regular file (`server < requests.jsonl`) answers every request."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from peer import ROOT


def test_requests_from_a_file(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    requests.write_text("\n".join(json.dumps(m) for m in [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "file", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "list_directory", "arguments": {"path": str(tmp_path)}}},
    ]) + "\n", encoding="utf-8")
    with requests.open("rb") as stdin:
        done = subprocess.run([sys.executable, str(ROOT / "examples" / "file_server.py")],
                              stdin=stdin, capture_output=True, timeout=60, check=True)
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["id"] for a in answers] == [1, 2]
    assert answers[1]["result"]["content"][0]["text"] == "Directory contents:\nrequests.jsonl"
