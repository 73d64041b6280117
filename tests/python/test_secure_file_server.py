"""``examples/secure_file_server.py`` against a hostile local filesystem, driven by the official
client: symbolic links never lead a read or a write out of the root (not even one swapped in
between two calls), and a FIFO inside the root is refused at once while the server keeps serving.
"""

from __future__ import annotations

import os
from pathlib import Path

import anyio
import pytest

from peer import ROOT, Peer, connect

pytestmark = pytest.mark.anyio
SERVER = ROOT / "examples" / "secure_file_server.py"
WAIT = 20  # seconds any one step may take before the test fails


def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A served root with a file and a directory, and a directory outside it with a secret."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "inside.txt").write_text("ok", encoding="utf-8")
    (root / "d").mkdir()
    (root / "d" / "f.txt").write_text("inner", encoding="utf-8")
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (outside / "f.txt").write_text("outer", encoding="utf-8")
    return root, outside


async def call(peer: Peer, tool: str, **arguments: str) -> dict:
    with anyio.fail_after(WAIT):
        return await peer.call_tool(tool, arguments)


def assert_refused(r: dict, what: str) -> None:
    assert r["isError"] is True, (what, r)
    assert r["content"][0]["text"].startswith("Refused:"), (what, r)


async def test_symlinks_inside_the_root_lead_nowhere(tmp_path: Path) -> None:
    root, outside = layout(tmp_path)
    (root / "file_link").symlink_to(outside / "secret.txt")
    (root / "dir_link").symlink_to(outside)
    (root / "dangling").symlink_to(outside / "created.txt")
    (root / "inner_link").symlink_to(root / "inside.txt")  # pointing inside: refused as well
    async with connect(SERVER, "--root", str(root)) as peer:
        for path in ("file_link", "dir_link/secret.txt", "dangling", "inner_link",
                     str(root / "file_link"), "d/../dir_link/f.txt"):
            r = await call(peer, "read_file", path=path)
            assert_refused(r, path)
            assert "symbolic link" in r["content"][0]["text"], r
            assert r["content"][0]["text"] != "secret"
        for path in ("file_link", "dir_link/secret.txt", "dir_link/new.txt", "dangling"):
            r = await call(peer, "write_file", path=path, content="pwned")
            assert_refused(r, path)
        r = await call(peer, "list_directory", path="dir_link")
        assert_refused(r, "dir_link")
        # Nothing outside changed or appeared.
        assert (outside / "secret.txt").read_text(encoding="utf-8") == "secret"
        assert sorted(p.name for p in outside.iterdir()) == ["f.txt", "secret.txt"]
        assert (root / "inside.txt").read_text(encoding="utf-8") == "ok"
        # Plain files and directories still work.
        r = await call(peer, "read_file", path="d/f.txt")
        assert r["content"][0]["text"] == "inner"
        r = await call(peer, "write_file", path="d/new.txt", content="fine")
        assert r["isError"] is False
        assert r["content"][0]["text"] == "Successfully wrote to d/new.txt"
        assert (root / "d" / "new.txt").read_text(encoding="utf-8") == "fine"


async def test_a_directory_swapped_for_a_symlink_between_calls(tmp_path: Path) -> None:
    """What resolved inside the root a call ago is refused once a component is a link; the swap
    is done between calls, which shows the check and the use are one step."""
    root, outside = layout(tmp_path)
    async with connect(SERVER, "--root", str(root)) as peer:
        r = await call(peer, "read_file", path="d/f.txt")
        assert r["content"][0]["text"] == "inner"
        r = await call(peer, "write_file", path="d/f.txt", content="inner 2")
        assert r["isError"] is False
        # The attacker's swap: the directory goes, a link to outside takes its name.
        (root / "d").rename(root / "d_moved")
        (root / "d").symlink_to(outside)
        r = await call(peer, "read_file", path="d/f.txt")
        assert_refused(r, "read after the swap")
        assert "outer" not in r["content"][0]["text"]
        r = await call(peer, "write_file", path="d/f.txt", content="pwned")
        assert_refused(r, "write after the swap")
        r = await call(peer, "write_file", path="d/new.txt", content="pwned")
        assert_refused(r, "create after the swap")
        r = await call(peer, "list_directory", path="d")
        assert_refused(r, "list after the swap")
        assert (outside / "f.txt").read_text(encoding="utf-8") == "outer"
        assert not (outside / "new.txt").exists()
        # A link back inside the root is refused just the same.
        (root / "d").unlink()
        (root / "d").symlink_to(root / "d_moved")
        r = await call(peer, "read_file", path="d/f.txt")
        assert_refused(r, "link to inside")
        # With the directory back, the same path works again.
        (root / "d").unlink()
        (root / "d_moved").rename(root / "d")
        r = await call(peer, "read_file", path="d/f.txt")
        assert r["content"][0]["text"] == "inner 2"


async def test_a_fifo_is_refused_while_the_server_keeps_answering(tmp_path: Path) -> None:
    root, _ = layout(tmp_path)
    os.mkfifo(root / "pipe")
    os.mkfifo(root / "d" / "pipe")
    async with connect(SERVER, "--root", str(root)) as peer:
        for path in ("pipe", "d/pipe"):
            r = await call(peer, "read_file", path=path)
            assert_refused(r, path)
            assert "not a regular file" in r["content"][0]["text"], r
            r = await call(peer, "write_file", path=path, content="x")
            assert_refused(r, path)
        r = await call(peer, "list_directory", path="pipe")
        assert_refused(r, "list a fifo")
        # The FIFO read and a ping sent together: both answered, nothing blocks.
        results: dict[str, object] = {}

        async def read_pipe() -> None:
            results["read"] = await peer.call_tool("read_file", {"path": "pipe"})

        async def ping() -> None:
            results["ping"] = await peer.ping()

        with anyio.fail_after(WAIT):
            async with anyio.create_task_group() as tg:
                tg.start_soon(read_pipe)
                tg.start_soon(ping)
        assert_refused(results["read"], "concurrent read")  # type: ignore[arg-type]
        assert "ping" in results
        r = await call(peer, "list_directory", path=".")
        assert r["content"][0]["text"] == "Directory contents:\nd\ninside.txt\npipe"
        r = await call(peer, "read_file", path="inside.txt")
        assert r["content"][0]["text"] == "ok"
