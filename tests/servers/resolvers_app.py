"""An ``mcp`` 2.x ``MCPServer`` whose tools take resolved parameters (``Resolve``, ``Elicit``,
``Sample``, ``ListRoots``), written for the official SDK and left unmodified, for
tests/python/test_resolvers.py: run as it is (the official SDK) or with ``python -m ferromcp run``
(ferromcp). The same file answers a handshake-era client (the resolvers ask mid-call) and a
2026-07-28 client (the call answers input-required, the retry resolves)."""

from typing import Annotated

from mcp.server.mcpserver import (
    AcceptedElicitation,
    Context,
    Elicit,
    ElicitationResult,
    ListRoots,
    MCPServer,
    RequestStateSecurity,
    Resolve,
    Sample,
)
from mcp.types import CreateMessageResult, ListRootsResult, SamplingMessage, TextContent
from pydantic import BaseModel

mcp = MCPServer("resolvers-app", version="1.0.0",
                request_state_security=RequestStateSecurity(keys=[b"r" * 32]))


class Name(BaseModel):
    name: str


class Word(BaseModel):
    word: str


def ask_name() -> Elicit[Name]:
    return Elicit("What is your name?", Name)


async def ask_word(ctx: Context, who: Annotated[Name, Resolve(ask_name)]) -> Elicit[Word]:
    return Elicit(f"How should I greet {who.name}?", Word)


def loud_resolver(loud_flag: bool) -> bool:
    return loud_flag


@mcp.tool()
async def greet(greeting: str, who: Annotated[Name, Resolve(ask_name)]) -> str:
    """Greets whoever the user says they are."""
    return f"{greeting}, {who.name}!"


@mcp.tool()
async def greet_or_not(who: Annotated[ElicitationResult[Name], Resolve(ask_name)]) -> str:
    """Greets, or says what the user did instead of answering."""
    if isinstance(who, AcceptedElicitation):
        return f"Hello, {who.data.name}!"
    return f"no name: {who.action}"


@mcp.tool()
async def salute(who: Annotated[Name, Resolve(ask_name)],
                 word: Annotated[Word, Resolve(ask_word)],
                 loud: Annotated[bool, Resolve(loud_resolver)], loud_flag: bool = False) -> str:
    """Two questions, the second depending on the first, and a plain resolver."""
    text = f"{word.word}, {who.name}!"
    return text.upper() if loud else text


def summary_request(text: str) -> Sample:
    message = SamplingMessage(role="user", content=TextContent(type="text", text=f"Sum up: {text}"))
    return Sample([message], max_tokens=40, system_prompt="Be brief.")


@mcp.tool()
async def summarize(text: str,
                    summary: Annotated[CreateMessageResult, Resolve(summary_request)]) -> str:
    """Asks the client's model to sum ``text`` up."""
    return f"{summary.model}: {summary.content.text}"


def roots_request() -> ListRoots:
    return ListRoots()


@mcp.tool()
async def first_root(roots: Annotated[ListRootsResult, Resolve(roots_request)]) -> str:
    """The client's first root."""
    return f"{len(roots.roots)} roots, first {roots.roots[0].uri}"


@mcp.tool()
async def ask_directly(ctx: Context) -> str:
    """Asks with ``ctx.elicit`` itself (no resolver)."""
    answer = await ctx.elicit("What is your name?", Name)
    return answer.data.name if isinstance(answer, AcceptedElicitation) else answer.action


if __name__ == "__main__":
    mcp.run()
