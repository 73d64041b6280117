"""The seed tutorial's servers, with only their imports changed, driven by the official client."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer import ROOT, connect

pytestmark = pytest.mark.anyio
EXAMPLES = ROOT / "examples"


async def test_file_server_tools(tmp_path: Path) -> None:
    async with connect(EXAMPLES / "file_server.py") as peer:
        tools = await peer.list_tools()
        assert [t["name"] for t in tools] == ["read_file", "write_file", "list_directory"]
        assert tools[0]["inputSchema"]["required"] == ["path"]

        target = tmp_path / "note.txt"
        r = await peer.call_tool("write_file", {"path": str(target), "content": "héllo"})
        assert r["isError"] is False
        assert r["content"] == [{"type": "text", "text": f"Successfully wrote to {target}"}]
        assert target.read_text(encoding="utf-8") == "héllo"

        r = await peer.call_tool("read_file", {"path": str(target)})
        assert r["content"][0]["text"] == "héllo"

        r = await peer.call_tool("list_directory", {"path": str(tmp_path)})
        assert r["content"][0]["text"] == "Directory contents:\nnote.txt"


async def test_file_server_reports_errors_as_results(tmp_path: Path) -> None:
    async with connect(EXAMPLES / "file_server.py") as peer:
        r = await peer.call_tool("read_file", {"path": str(tmp_path / "missing")})
        assert r["isError"] is False
        assert r["content"][0]["text"].startswith("Error reading file: [Errno 2]")
        # Arguments failing the inputSchema never reach the handler.
        r = await peer.call_tool("read_file", {})
        assert r["isError"] is True
        assert r["content"][0]["text"] == 'Input validation error: "path" is a required property'
        # The handler's own ValueError becomes an isError result (1.x behaviour).
        r = await peer.call_tool("nope", {})
        assert r["isError"] is True
        assert r["content"][0]["text"] == "Unknown tool: nope"


async def test_database_server() -> None:
    async with connect(EXAMPLES / "database_server.py") as peer:
        assert [t["name"] for t in await peer.list_tools()] == ["execute_query", "describe_tables"]
        r = await peer.call_tool(
            "execute_query", {"query": "SELECT name FROM employees WHERE department = 'Sales'"})
        assert r["content"][0]["text"] == "Columns: name\n\nDavid Wilson\n"
        r = await peer.call_tool("execute_query", {"query": "UPDATE employees SET salary = 1"})
        assert r["content"][0]["text"] == "Query executed successfully. 4 rows affected."
        r = await peer.call_tool("describe_tables", {})
        assert "Table: employees\n  - id (INTEGER)" in r["content"][0]["text"]


async def test_resources_prompts_and_errors() -> None:
    async with connect(EXAMPLES / "resources_prompts_server.py") as peer:
        caps = peer.init["capabilities"] if peer.init else None
        if caps is not None:
            assert set(caps) >= {"resources", "prompts", "tools"}
        resources = await peer.list_resources()
        assert [r["uri"] for r in resources] == ["file://logs/app.log", "config://settings.json"]
        settings = await peer.read_resource("config://settings.json")
        assert settings["contents"][0]["mimeType"] == "text/plain"
        assert '"max_connections": 100' in settings["contents"][0]["text"]

        prompts = await peer.list_prompts()
        assert prompts[0]["name"] == "analyze_code"
        assert prompts[0]["arguments"][0] == {"name": "code", "description": "Code to analyze",
                                              "required": True}
        p = await peer.get_prompt("analyze_code", {"code": "x = 1", "language": "python"})
        assert p["description"] == "Code analysis for python code"
        assert "```python\nx = 1\n```" in p["messages"][0]["content"]["text"]

        # The tutorial's handler raises McpError; inside call_tool 1.x reports it as isError.
        # (Its catch-all `except Exception` also catches its own McpError for a missing param.)
        r = await peer.call_tool("risky_operation", {})
        assert r["isError"] is True
        assert r["content"][0]["text"] == "An unexpected error occurred"
        r = await peer.call_tool("risky_operation", {"required_param": "deny"})
        assert r["content"][0]["text"] == "Permission denied: insufficient privileges"
        r = await peer.call_tool("risky_operation", {"required_param": "ok"})
        assert r["content"] == [{"type": "text", "text": "processed ok"}]
        assert r["isError"] is False


async def test_secure_file_server_confines_paths(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "inside.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "escape").symlink_to(tmp_path / "secret.txt")
    (root / "sub").mkdir()
    async with connect(EXAMPLES / "secure_file_server.py", "--root", str(root)) as peer:
        r = await peer.call_tool("read_file", {"path": "inside.txt"})
        assert r["content"][0]["text"] == "ok"
        r = await peer.call_tool("read_file", {"path": str(root / "inside.txt")})
        assert r["content"][0]["text"] == "ok"
        for bad in ("../secret.txt", str(tmp_path / "secret.txt"), "escape", "sub/../../secret.txt",
                    "/etc/passwd"):
            r = await peer.call_tool("read_file", {"path": bad})
            assert r["isError"] is True, bad
            assert r["content"][0]["text"].startswith("Refused:"), r
            assert "outside the served directory" in r["content"][0]["text"]
        r = await peer.call_tool("write_file", {"path": "../evil.txt", "content": "x"})
        assert r["isError"] is True
        assert not (tmp_path / "evil.txt").exists()
        r = await peer.call_tool("write_file", {"path": "sub/new.txt", "content": "fine"})
        assert r["isError"] is False
        assert (root / "sub" / "new.txt").read_text(encoding="utf-8") == "fine"
        r = await peer.call_tool("list_directory", {"path": "."})
        assert r["content"][0]["text"] == "Directory contents:\nescape\ninside.txt\nsub"
        r = await peer.call_tool("read_file", {"path": "x", "extra": 1})
        assert r["isError"] is True and "Input validation error" in r["content"][0]["text"]


async def test_readme_quickstart() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = (EXAMPLES / "quickstart.py").read_text(encoding="utf-8")
    assert quickstart.split('"""', 2)[2].lstrip("\n") in readme
    async with connect(EXAMPLES / "quickstart.py") as peer:
        r = await peer.call_tool("echo", {"text": "hi"})
        assert r["content"] == [{"type": "text", "text": "hi"}]


async def test_fastmcp_example() -> None:
    async with connect(EXAMPLES / "fastmcp_server.py") as peer:
        tools = {t["name"]: t for t in await peer.list_tools()}
        assert set(tools) == {"echo", "calculate", "count_words"}
        calc = tools["calculate"]["inputSchema"]
        assert calc["required"] == ["a", "b"]
        assert calc["properties"]["precision"]["maximum"] == 10
        r = await peer.call_tool("calculate", {"a": 7, "b": 2, "operation": "divide"})
        assert r["structuredContent"] == {"result": 3.5}
        r = await peer.call_tool("calculate", {"a": 1, "b": 0, "operation": "divide"})
        assert r["isError"] is True
        assert r["content"][0]["text"] == "Error executing tool calculate: division by zero"
        r = await peer.call_tool("calculate", {"a": 1, "b": 2, "precision": 11})
        assert r["isError"] is True and "precision" in r["content"][0]["text"]
        r = await peer.call_tool("count_words", {"text": "a b a"})
        assert r["structuredContent"] == {"a": 2, "b": 1}
        templates = await peer.list_resource_templates()
        assert templates[0]["uriTemplate"] == "users://{name}/profile"
        r = await peer.read_resource("users://ada/profile")
        assert r["contents"][0]["text"] == "Ada Lovelace, first programmer"
        r = await peer.read_resource("config://toolbox")
        assert '"mode": "demo"' in r["contents"][0]["text"]
        p = await peer.get_prompt("review_code", {"code": "x = 1"})
        assert p["messages"][0]["content"]["text"].startswith("Please review this python code")
