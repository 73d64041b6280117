"""A fastmcp proxy (``create_proxy``) of `fastmcp_proxy_backend.py`, run as a script by
fastmcp's client, with a tool of its own and one shadowing the backend's."""

from pathlib import Path

from fastmcp.server import create_proxy

proxy = create_proxy(Path(__file__).with_name("fastmcp_proxy_backend.py"), name="front")


@proxy.tool
def local(x: int) -> int:
    """The proxy's own."""
    return x * 10


@proxy.tool
def echo(text: str) -> str:
    """The proxy's echo."""
    return f"front {text}"


if __name__ == "__main__":
    proxy.run(show_banner=False)
