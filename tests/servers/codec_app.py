"""An ``mcp`` 2.x ``MCPServer`` whose request state goes through a codec of its own
(``RequestStateSecurity(codec=...)``), written for the official SDK and left unmodified, for
tests/python/test_sessionless.py. The codec marks its tokens and counts its calls, so the test
sees that the server used it."""

import base64
import json

from mcp.server.mcpserver import Context, MCPServer, RequestStateSecurity
from mcp.server.request_state import InvalidRequestState
from mcp.types import ElicitRequest, ElicitRequestFormParams, ElicitResult, InputRequiredResult


class MarkedCodec:
    """Not secret (a test's): base64 behind a mark, refused without it."""

    calls = {"seal": 0, "unseal": 0}

    def seal(self, payload: bytes) -> str:
        self.calls["seal"] += 1
        return "marked." + base64.urlsafe_b64encode(payload[::-1]).decode()

    def unseal(self, token: str) -> bytes:
        self.calls["unseal"] += 1
        if not token.startswith("marked."):
            raise InvalidRequestState("not marked")
        return base64.urlsafe_b64decode(token[7:])[::-1]


codec = MarkedCodec()
mcp = MCPServer("codec-app", request_state_security=RequestStateSecurity(codec=codec))


@mcp.tool()
async def greet(ctx: Context) -> str | InputRequiredResult:
    """Asks for a name, then greets (the name's request survives in the sealed state)."""
    answer = (ctx.input_responses or {}).get("name")
    if ctx.request_state == "asked" and isinstance(answer, ElicitResult):
        return f"Hello, {answer.content['name']}!"
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    ask = ElicitRequest(params=ElicitRequestFormParams(message="Name?", requested_schema=schema))
    return InputRequiredResult(input_requests={"name": ask}, request_state="asked")


@mcp.tool()
def codec_calls() -> str:
    """How often the codec was called."""
    return json.dumps(codec.calls)


if __name__ == "__main__":
    mcp.run()
