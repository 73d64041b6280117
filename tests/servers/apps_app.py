"""An ``mcp`` 2.x ``MCPServer`` with the MCP Apps extension (``mcp.server.apps``), written for the
official SDK and left unmodified, for tests/python/test_extensions.py."""

from mcp.server.apps import Apps, ResourceCsp, client_supports_apps
from mcp.server.mcpserver import Context, MCPServer

apps = Apps()


@apps.tool(resource_uri="ui://clock/app.html", visibility=["model", "app"],
           description="The time, with a clock to show it")
def get_time(ctx: Context) -> str:
    return "12:00 (ui)" if client_supports_apps(ctx) else "12:00"


apps.add_html_resource("ui://clock/app.html", "<p>clock</p>", title="Clock",
                       csp=ResourceCsp(connect_domains=["https://api.example.com"]),
                       prefers_border=True)

mcp = MCPServer("apps-app", extensions=[apps])

if __name__ == "__main__":
    mcp.run()
