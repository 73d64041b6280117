"""Elicitation helpers (``mcp.server.elicitation``): ask the user, through the client, for data of
a given shape, or to visit a URL. The result classes are the ones ``Context.elicit`` returns."""

from __future__ import annotations

from typing import Any

from ferromcp.server._highlevel import (
    AcceptedElicitation,
    CancelledElicitation,
    DeclinedElicitation,
    ElicitationResult,
)
from ferromcp.server.session import ServerSession
from ferromcp.types import ElicitResult, RequestId

__all__ = ["AcceptedElicitation", "DeclinedElicitation", "CancelledElicitation",
           "ElicitationResult", "AcceptedUrlElicitation", "UrlElicitationResult",
           "elicit_with_validation", "elicit_url", "render_elicitation_schema", "ServerSession",
           "RequestId"]


class AcceptedUrlElicitation:
    """The user agreed to open the URL (URL-mode elicitation)."""

    action = "accept"

    def __repr__(self) -> str:
        return "AcceptedUrlElicitation()"


UrlElicitationResult = AcceptedUrlElicitation | DeclinedElicitation | CancelledElicitation


def render_elicitation_schema(schema: Any) -> dict[str, Any]:
    """The ``requestedSchema`` for ``schema`` (a pydantic model, dataclass or TypedDict whose
    fields are primitives, string sequences, or optional ones of those).

    Raises:
        TypeError: a field has another type.
    """
    from ferromcp import _schema

    return _schema.elicitation_schema(schema)[0]


async def elicit_with_validation(session: Any, message: str, schema: Any,
                                 related_request_id: RequestId | None = None
                                 ) -> ElicitationResult:
    """Asks for data shaped like ``schema`` (form mode); an accepted answer comes back as an
    instance of ``schema``.

    Raises:
        TypeError: ``schema`` has a field elicitation cannot ask for.
    """
    from ferromcp import _schema

    requested, build = _schema.elicitation_schema(schema)
    result = await session.elicit_form(message, requested, related_request_id)
    action = getattr(result, "action", None)
    if action == "accept" and getattr(result, "content", None) is not None:
        return AcceptedElicitation(build(result.content))
    if action == "decline":
        return DeclinedElicitation()
    if action == "cancel":
        return CancelledElicitation()
    raise ValueError(f"Unexpected elicitation action: {action}")


async def elicit_url(session: Any, message: str, url: str, elicitation_id: str,
                     related_request_id: RequestId | None = None) -> UrlElicitationResult:
    """Asks the user to open ``url`` (URL mode, for what must not pass through the client)."""
    params = {"mode": "url", "message": message, "url": url, "elicitationId": elicitation_id}
    result = await session.send_request({"method": "elicitation/create", "params": params},
                                         ElicitResult)
    action = getattr(result, "action", None)
    if action == "accept":
        return AcceptedUrlElicitation()
    if action == "decline":
        return DeclinedElicitation()
    if action == "cancel":
        return CancelledElicitation()
    raise ValueError(f"Unexpected elicitation action: {action}")
