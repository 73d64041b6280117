"""An ``mcp`` 2.x ``MCPServer`` with resource templates, written for the official SDK and left
unmodified, for tests/python/test_resource_security.py: the default path rules, a template that
exempts a parameter, one with a policy of its own, and a permissive template after them."""

from mcp.server.mcpserver import MCPServer, ResourceSecurity

mcp = MCPServer("resource-security")


@mcp.resource("file://docs/{+path}")
def doc(path: str) -> str:
    return f"doc {path}"


@mcp.resource("git://diff/{+range}", security=ResourceSecurity(exempt_params={"range"}))
def diff(range: str) -> str:  # noqa: A002 - the template's variable
    return f"diff {range}"


@mcp.resource("abs://{+where}", security=ResourceSecurity(reject_absolute_paths=False))
def absolute(where: str) -> str:
    return f"abs {where}"


@mcp.resource("file://{+anything}")
def anything(anything: str) -> str:
    return f"anything {anything}"


if __name__ == "__main__":
    mcp.run()
