"""The handshake: protocol revision negotiation, serverInfo, instructions and the capabilities the
low-level servers derive from their handlers."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer import SERVERS, connect
from rawwire import RawServer

pytestmark = pytest.mark.anyio

V1 = SERVERS / "lowlevel_v1.py"
V2 = SERVERS / "lowlevel_v2.py"
SUPPORTED = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
LATEST = "2025-11-25"

V1_CAPABILITIES = {
    # InitializationOptions(capabilities=server.get_capabilities(NotificationOptions(
    # tools_changed=True), {"x-test": {"on": True}})): one entry per registered handler.
    "experimental": {"x-test": {"on": True}},
    "logging": {},
    "completions": {},
    "prompts": {"listChanged": False},
    # mcp 1.x always announces subscribe false; the specification says subscribe announces
    # support for resources/subscribe, which this server registers (mcp 2.x agrees).
    "resources": {"subscribe": True, "listChanged": False},
    "tools": {"listChanged": True},
}


@pytest.mark.parametrize("version", SUPPORTED)
@pytest.mark.parametrize("script", [V1, V2], ids=["v1", "v2"])
def test_supported_revision_is_echoed(tmp_path: Path, script: Path, version: str) -> None:
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.initialize(version)
        assert r["result"]["protocolVersion"] == version
        assert set(r["result"]) >= {"protocolVersion", "capabilities", "serverInfo"}
        r = raw.call("tools/call", {"name": "echo", "arguments": {"text": version}})
        assert r["result"]["content"] == [{"type": "text", "text": version}]
        raw.assert_each_id_answered_once()


@pytest.mark.parametrize("version", ["1999-01-01", "2026-07-28", "2099-12-31", "latest"])
def test_unknown_revision_gets_the_latest(tmp_path: Path, version: str) -> None:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.initialize(version)
        assert r["result"]["protocolVersion"] == LATEST
        assert raw.call("ping")["result"] == {}


def test_initialize_without_protocol_version_is_an_error(tmp_path: Path) -> None:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.call("initialize", {"capabilities": {}, "clientInfo": {"name": "x",
                                                                        "version": "0"}})
        assert r["error"]["code"] in (-32600, -32602), r
        # A proper initialize afterwards still succeeds.
        assert raw.initialize()["result"]["protocolVersion"] == LATEST
        raw.assert_each_id_answered_once()


def test_initialize_result_v1(tmp_path: Path) -> None:
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.initialize()["result"]
        assert r == {
            "protocolVersion": LATEST,
            "capabilities": V1_CAPABILITIES,
            "serverInfo": {"name": "lowlevel-v1", "version": "1.2.3"},
            "instructions": "Low-level 1.x test server.",
        }


def test_initialize_result_v2(tmp_path: Path) -> None:
    with RawServer(V2, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.initialize()["result"]
        assert r["protocolVersion"] == LATEST
        # `Server(description=...)` (2.x) is sent as serverInfo.description.
        assert r["serverInfo"] == {"name": "lowlevel-v2", "version": "2.0.0",
                                   "title": "Low-level 2.x",
                                   "description": "Answers the test suite in the 2.x style."}
        assert r["instructions"] == "Low-level 2.x test server."
        caps = r["capabilities"]
        assert caps["tools"] == {"listChanged": False}
        assert caps["prompts"] == {"listChanged": False}
        # 2.x: subscribe is true when resources/subscribe is registered.
        assert caps["resources"] == {"subscribe": True, "listChanged": False}
        assert caps["logging"] == {} and caps["completions"] == {}
        assert set(caps) - {"experimental"} == {"tools", "prompts", "resources", "logging",
                                                "completions"}


def test_server_info_description_only_where_the_revision_has_it(tmp_path: Path) -> None:
    """serverInfo.description came with 2025-11-25; an older revision's client is not sent it."""
    with RawServer(V2, stderr_path=tmp_path / "stderr.log") as raw:
        info = raw.initialize("2025-06-18")["result"]["serverInfo"]
    assert info == {"name": "lowlevel-v2", "version": "2.0.0", "title": "Low-level 2.x"}


def test_server_discover_makes_new_clients_fall_back(tmp_path: Path) -> None:
    """A 2.x client in auto mode sends server/discover first; a handshake-era server answers
    -32602 and the client falls back to initialize."""
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        r = raw.call("server/discover", {"_meta": {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {}}})
        assert r["error"]["code"] == -32602
        assert raw.initialize()["result"]["protocolVersion"] == LATEST
        raw.assert_each_id_answered_once()


async def test_official_client_handshake_v1() -> None:
    async with connect(V1) as peer:
        assert peer.init is not None
        assert peer.init["protocolVersion"] == LATEST
        assert peer.init["serverInfo"] == {"name": "lowlevel-v1", "version": "1.2.3"}
        assert peer.init["capabilities"] == V1_CAPABILITIES
        assert peer.init["instructions"] == "Low-level 1.x test server."
        assert await peer.ping() is not None


async def test_official_client_handshake_v2() -> None:
    async with connect(V2, legacy=True) as peer:
        assert peer.init is not None
        assert peer.init["protocolVersion"] == LATEST
        assert peer.init["serverInfo"]["name"] == "lowlevel-v2"
        assert peer.init["serverInfo"]["version"] == "2.0.0"
        assert peer.init["serverInfo"]["description"] == "Answers the test suite in the 2.x style."
        assert peer.init["capabilities"]["resources"]["subscribe"] is True
        assert peer.init["instructions"] == "Low-level 2.x test server."


def test_capabilities_follow_registered_handlers() -> None:
    """get_capabilities / create_initialization_options in-process: only what is registered."""
    from ferromcp import types
    from ferromcp.server import NotificationOptions, Server

    tools_only = Server("t")

    @tools_only.list_tools()
    async def _lt() -> list[types.Tool]:
        return []

    caps = tools_only.get_capabilities(NotificationOptions(), {})
    dumped = caps.model_dump(by_alias=True, exclude_none=True)
    assert dumped == {"experimental": {}, "tools": {"listChanged": False}}

    opts = tools_only.create_initialization_options()
    assert opts.server_name == "t"
    assert isinstance(opts.server_version, str) and opts.server_version

    v2 = Server("v2", version="9", on_read_resource=_lt, on_set_logging_level=_lt)
    dumped = v2.get_capabilities(NotificationOptions(resources_changed=True), None).model_dump(
        by_alias=True, exclude_none=True)
    assert dumped["resources"] == {"subscribe": False, "listChanged": True}
    assert dumped["logging"] == {}
    assert "tools" not in dumped and "prompts" not in dumped
    assert v2.create_initialization_options().server_version == "9"


@pytest.mark.parametrize("script", [V1, V2], ids=["v1", "v2"])
def test_closing_stdin_ends_the_server(tmp_path: Path, script: Path) -> None:
    """EOF on stdin ends the server cleanly, even with a request still running and a partial
    line buffered."""
    raw = RawServer(script, stderr_path=tmp_path / "stderr.log")
    try:
        raw.initialize()
        raw.request("tools/call", {"name": "slow", "arguments": {"seconds": 60}})
        raw.wait_for(lambda m: isinstance(m, dict) and m.get("method") == "notifications/message")
        raw.send_bytes(b'{"jsonrpc":"2.0","id":77,"meth')
        assert raw.proc.stdin is not None
        raw.proc.stdin.close()
        assert raw.proc.wait(timeout=15) == 0
    finally:
        raw.close()
