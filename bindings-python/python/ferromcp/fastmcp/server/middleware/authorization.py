"""``fastmcp.server.middleware.authorization``: ``AuthMiddleware``, checks (see
:mod:`ferromcp.fastmcp.utilities.authorization`) applied to every tool, resource, template and
prompt of the server.

As in fastmcp: lists leave out what the checks refuse; a call, read or prompt is refused before
it runs with ``AuthorizationError`` (``InsufficientScopeError`` naming the missing scopes when
scope checks alone refused, with those of the ``AuthMiddleware`` further in), worded
``Authorization failed for tool 'x': ...`` — the same words for a name the server does not
serve, so a refusal does not tell what exists. Over stdio nothing is checked (there is no
token). The component a check sees is the one the server lists under that name or URI.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext
from ferromcp.fastmcp.exceptions import AuthorizationError, InsufficientScopeError
from ferromcp.fastmcp.utilities.authorization import (
    AuthCheck,
    AuthContext,
    run_auth_checks,
    run_auth_checks_with_shortfall,
    scope_requirements,
)

__all__ = ["AuthMiddleware"]

logger = logging.getLogger("fastmcp.server.middleware.authorization")


def _over_stdio(context: MiddlewareContext[Any]) -> bool:
    ctx = context.fastmcp_context
    return ctx is not None and getattr(ctx, "transport", None) == "stdio"


def _token() -> Any:
    from ferromcp.fastmcp.server.dependencies import get_access_token

    return get_access_token()


def _server_of(context: MiddlewareContext[Any]) -> Any:
    ctx = context.fastmcp_context
    return getattr(ctx, "_server", None) if ctx is not None else None


def _component(server: Any, kind: str, key: str) -> Any:
    """The component the server lists as ``key`` (a tool's or prompt's name, a resource's
    URI; for a URI no resource has, the template matching it), else None."""
    from ferromcp.fastmcp import _components as c

    registry = getattr(server, "_registry", None)
    if registry is None:
        return None
    if kind == "tools":
        found = next((d for d in registry.list("tools") if d.get("name") == key), None)
        return None if found is None else c.Tool._from_listing(found)
    if kind == "prompts":
        found = next((d for d in registry.list("prompts") if d.get("name") == key), None)
        return None if found is None else c.Prompt._from_listing(found)
    found = next((d for d in registry.list("resources") if d.get("uri") == key), None)
    if found is not None:
        return c.Resource._from_listing(found)
    match = registry.resolve(key)
    if match is None:
        return None
    found = next((d for d in registry.list("resourceTemplates")
                  if d.get("uriTemplate") == match[0]), None)
    return None if found is None else c.ResourceTemplate._from_listing(found)


class AuthMiddleware(Middleware):
    """Applies ``auth`` — one check or a list, all of which must allow — to every component.

    Args:
        auth: the check(s), e.g. ``require_scopes("api")``, ``restrict_tag("admin",
            scopes=["admin"])``.
    """

    def __init__(self, auth: AuthCheck | list[AuthCheck]) -> None:
        self.auth = auth

    async def _allowed(self, items: Sequence[Any]) -> list[Any]:
        token = _token()
        kept: list[Any] = []
        for item in items:
            try:
                if await run_auth_checks(self.auth, AuthContext(token=token, component=item)):
                    kept.append(item)
            except AuthorizationError:
                continue
        return kept

    async def _filtered(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]
                        ) -> Any:
        items = await call_next(context)
        if _over_stdio(context):
            return items
        kept = await self._allowed(items)
        raw = getattr(items, "raw", None)
        if raw is not None:
            # Keep the core's page fields (nextCursor) with what is left.
            from ferromcp.fastmcp._middleware import _Listed

            return _Listed(kept, raw)
        return kept

    async def _check(self, context: MiddlewareContext[Any], kind: str, what: str,
                     key: str) -> None:
        """Refuses (raises) unless the checks allow ``key``."""
        server = _server_of(context)
        if server is None:
            logger.warning("AuthMiddleware: fastmcp_context is None for %s '%s'. Denying "
                           "access for security.", what, key)
            raise AuthorizationError(f"Authorization failed for {what} '{key}': missing context")
        component = _component(server, kind, key)
        if component is None:
            raise AuthorizationError(
                f"Authorization failed for {what} '{key}': not found or not authorized")
        ctx = AuthContext(token=_token(), component=component)
        allowed, missing = await run_auth_checks_with_shortfall(self.auth, ctx)
        if allowed:
            return
        if missing:
            missing = self._with_inner_shortfall(missing, ctx, server)
            raise InsufficientScopeError(missing, message=(
                f"Authorization failed for {what} '{key}': insufficient scope (required: "
                f"{', '.join(missing)})"))
        raise AuthorizationError(
            f"Authorization failed for {what} '{key}': insufficient permissions")

    def _with_inner_shortfall(self, missing: list[str], ctx: AuthContext, server: Any
                              ) -> list[str]:
        """``missing`` with the scopes the ``AuthMiddleware`` further in would ask for too, so
        one re-authorization is enough — up to the first whose checks are not all scope
        checks (what lies past it is not disclosed)."""
        chain = getattr(server, "middleware", None)
        if not isinstance(chain, list):
            return missing
        at = next((i for i, mw in enumerate(chain) if mw is self), None)
        if at is None:
            return missing
        wanted = set(missing)
        for mw in chain[at + 1:]:
            if not isinstance(mw, AuthMiddleware):
                continue
            more = scope_requirements(mw.auth, ctx)
            if more is None:
                break
            wanted.update(more)
        return sorted(wanted)

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The tools the checks allow."""
        return await self._filtered(context, call_next)  # type: ignore[no-any-return]

    async def on_list_resources(self, context: MiddlewareContext[Any],
                                call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The resources the checks allow."""
        return await self._filtered(context, call_next)  # type: ignore[no-any-return]

    async def on_list_resource_templates(self, context: MiddlewareContext[Any],
                                         call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The resource templates the checks allow."""
        return await self._filtered(context, call_next)  # type: ignore[no-any-return]

    async def on_list_prompts(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The prompts the checks allow."""
        return await self._filtered(context, call_next)  # type: ignore[no-any-return]

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        """Refuses a call the checks do not allow, before the tool runs."""
        if not _over_stdio(context):
            await self._check(context, "tools", "tool", str(context.message.name))
        return await call_next(context)

    async def check_resource_access(self, context: MiddlewareContext[Any]) -> None:
        """Refuses a read the checks do not allow, before it is read."""
        if not _over_stdio(context):
            await self._check(context, "resources", "resource", str(context.message.uri))

    async def on_get_prompt(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        """Refuses a prompt the checks do not allow, before it is rendered."""
        if not _over_stdio(context):
            await self._check(context, "prompts", "prompt", str(context.message.name))
        return await call_next(context)
