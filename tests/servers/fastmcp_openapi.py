"""A fastmcp 4 server made from an OpenAPI document (``FastMCP.from_openapi``), unmodified:
the API is answered in process by an ``httpx2`` mock transport (no network). GET operations
become resources and templates or tools as the route maps say, the rest tools. Runs on the
real fastmcp and under ``python -m ferromcp run`` (fastmcp installed beside ferromcp);
``tests/python/test_fastmcp_openapi.py`` compares them.
"""

import json

import httpx2
from fastmcp import FastMCP
from fastmcp.server.providers.openapi import MCPType, RouteMap

USERS = {"1": {"id": 1, "name": "Ada"}, "2": {"id": 2, "name": "Grace"}}

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Users", "version": "1.0"},
    "servers": [{"url": "http://api.test"}],
    "paths": {
        "/users": {
            "get": {"operationId": "list_users", "summary": "Every user",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"type": "array", "items": {"type": "object"}}}}}}},
            "post": {"operationId": "create_user", "summary": "Adds a user",
                     "requestBody": {"required": True, "content": {"application/json": {
                         "schema": {"type": "object", "required": ["name"],
                                    "properties": {"name": {"type": "string"}}}}}},
                     "responses": {"201": {"description": "made"}}},
        },
        "/users/{user_id}": {
            "get": {"operationId": "get_user", "summary": "One user",
                    "parameters": [{"name": "user_id", "in": "path", "required": True,
                                    "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok"}, "404": {"description": "no"}}},
        },
        "/search": {
            "get": {"operationId": "search", "summary": "Finds users",
                    "parameters": [{"name": "q", "in": "query", "required": True,
                                    "schema": {"type": "string"}},
                                   {"name": "limit", "in": "query",
                                    "schema": {"type": "integer", "default": 10}}],
                    "responses": {"200": {"description": "ok"}}},
        },
    },
}


def api(request: httpx2.Request) -> httpx2.Response:
    path = request.url.path
    if path == "/users" and request.method == "GET":
        return httpx2.Response(200, json=list(USERS.values()))
    if path == "/users" and request.method == "POST":
        body = json.loads(request.content)
        return httpx2.Response(201, json={"id": 3, **body})
    if path.startswith("/users/"):
        user = USERS.get(path.rsplit("/", 1)[1])
        return (httpx2.Response(200, json=user) if user else
                httpx2.Response(404, json={"detail": "no such user"}))
    if path == "/search":
        q = request.url.params.get("q", "")
        found = [u for u in USERS.values() if q.lower() in u["name"].lower()]
        return httpx2.Response(200, json={"q": q, "limit": request.url.params.get("limit"),
                                          "found": found})
    return httpx2.Response(404)


client = httpx2.AsyncClient(base_url="http://api.test", transport=httpx2.MockTransport(api))
mcp = FastMCP.from_openapi(
    SPEC, client=client, name="users-api",
    route_maps=[RouteMap(methods=["GET"], pattern=r"^/users$", mcp_type=MCPType.RESOURCE),
                RouteMap(methods=["GET"], pattern=r"^/users/\{.*\}$",
                         mcp_type=MCPType.RESOURCE_TEMPLATE)])


@mcp.tool
def local() -> str:
    """The server's own tool, beside the API's."""
    return "local"


if __name__ == "__main__":
    mcp.run()
