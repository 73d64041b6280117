"""``fastmcp.utilities.authorization``: the checks ``AuthMiddleware`` (and a component's
``auth=``) runs.

A check is a callable taking an :class:`AuthContext` (the caller's access token, or None, and
the component asked for) and answering True to allow, False to refuse; it may be async, and it
may raise ``AuthorizationError`` to refuse in its own words. Any other exception refuses too
(logged as a warning): a broken check fails closed. A list of checks allows only when every
one does.

``require_scopes`` and ``restrict_tag`` also know which scopes a token lacks, so a refusal can
name them (``InsufficientScopeError``) — only once every other check has passed, so a policy
refusal never discloses scopes.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ferromcp.fastmcp.exceptions import AuthorizationError

__all__ = ["AuthCheck", "AuthContext", "require_scopes", "require_roles", "restrict_tag",
           "run_auth_checks", "run_auth_checks_with_shortfall", "scope_requirements"]

logger = logging.getLogger("fastmcp.utilities.authorization")


@dataclass
class AuthContext:
    """What a check sees: ``token`` (the request's ``AccessToken``, None when unauthenticated)
    and ``component`` (the tool, resource, resource template or prompt)."""

    token: Any
    component: Any

    @property
    def tool(self) -> Any:
        """The component when it is a ``Tool``, else None (the older spelling)."""
        from ferromcp.fastmcp._components import Tool

        return self.component if isinstance(self.component, Tool) else None


AuthCheck = Callable[[AuthContext], bool] | Callable[[AuthContext], Awaitable[bool]]


def _scopes_of(token: Any) -> set[str]:
    return set(getattr(token, "scopes", None) or ())


def _tags_of(component: Any) -> set[str]:
    return set(getattr(component, "tags", None) or ())


class _ScopeCheck:
    """A check that can say which scopes a token lacks (empty without a token: a missing
    token is not a scope shortfall)."""

    required_scopes: frozenset[str]

    def applies(self, ctx: AuthContext) -> bool:
        """Whether the scopes are required of ``ctx.component``."""
        return True

    def __call__(self, ctx: AuthContext) -> bool:
        if not self.applies(ctx):
            return True
        return ctx.token is not None and self.required_scopes <= _scopes_of(ctx.token)

    def missing_scopes(self, ctx: AuthContext) -> set[str]:
        """The required scopes ``ctx.token`` lacks."""
        if ctx.token is None or not self.applies(ctx):
            return set()
        return set(self.required_scopes - _scopes_of(ctx.token))


class _RequireScopes(_ScopeCheck):
    def __init__(self, scopes: Iterable[str]) -> None:
        self.required_scopes = frozenset(scopes)


class _RestrictTag(_ScopeCheck):
    def __init__(self, tag: str, scopes: Iterable[str]) -> None:
        self.tag = tag
        self.required_scopes = frozenset(scopes)

    def applies(self, ctx: AuthContext) -> bool:
        return self.tag in _tags_of(ctx.component)


class _RequireRoles:
    """Roles read from the token's claims; not scopes, so a refusal names none."""

    def __init__(self, roles: Iterable[str],
                 extract: Callable[[dict[str, Any]], Iterable[str]]) -> None:
        self.required_roles = frozenset(roles)
        self._extract = extract

    def __call__(self, ctx: AuthContext) -> bool:
        if ctx.token is None:
            return False
        try:
            held = self._extract(getattr(ctx.token, "claims", None) or {})
            # One role kept as a bare string is that role, not its letters.
            granted = {held} if isinstance(held, str) else set(held)
        except (KeyError, IndexError, TypeError):
            return False
        return self.required_roles <= granted


def require_scopes(*scopes: str) -> AuthCheck:
    """Requires every one of ``scopes`` of the caller's token."""
    return _RequireScopes(scopes)


def restrict_tag(tag: str, *, scopes: list[str]) -> AuthCheck:
    """Requires ``scopes`` of the caller's token for components tagged ``tag``; others pass."""
    return _RestrictTag(tag, scopes)


def require_roles(*roles: str, extract: Callable[[dict[str, Any]], Iterable[str]]
                  ) -> AuthCheck:
    """Requires every one of ``roles``, which ``extract`` reads from the token's claims (a
    token without the claim is refused).

    Raises:
        ValueError: no roles (any authenticated caller would pass).
    """
    if not roles:
        raise ValueError("require_roles() needs at least one role; a check with no roles "
                         "would admit any authenticated caller.")
    return _RequireRoles(roles, extract)


def _as_list(checks: AuthCheck | list[AuthCheck]) -> list[AuthCheck]:
    return list(checks) if isinstance(checks, list) else [checks]


def scope_requirements(checks: AuthCheck | list[AuthCheck], ctx: AuthContext
                       ) -> list[str] | None:
    """The scopes ``checks`` require that ``ctx.token`` lacks, sorted, without running any
    check; None when one of them is not a scope check (its verdict cannot be known)."""
    missing: set[str] = set()
    for check in _as_list(checks):
        if not isinstance(check, _ScopeCheck):
            return None
        missing |= check.missing_scopes(ctx)
    return sorted(missing)


async def _passes(check: AuthCheck, ctx: AuthContext) -> bool:
    try:
        verdict = check(ctx)
        if inspect.isawaitable(verdict):
            verdict = await verdict
    except AuthorizationError:
        raise
    except Exception:  # noqa: BLE001 - a broken check refuses
        logger.warning("Auth check %s raised an unexpected exception",
                       getattr(check, "__name__", repr(check)), exc_info=True)
        return False
    return bool(verdict)


async def run_auth_checks(checks: AuthCheck | list[AuthCheck], ctx: AuthContext) -> bool:
    """Whether every check allows, stopping at the first that refuses.

    Raises:
        AuthorizationError: a check refused in its own words.
    """
    for check in _as_list(checks):
        if not await _passes(check, ctx):
            return False
    return True


async def run_auth_checks_with_shortfall(checks: AuthCheck | list[AuthCheck],
                                         ctx: AuthContext) -> tuple[bool, list[str]]:
    """``(allowed, missing scopes)``: every check runs; the missing scopes (of every scope
    check, sorted) are named only when the refusals all come from scope checks — a refusal by
    any other check answers ``(False, [])``.

    Raises:
        AuthorizationError: a check refused in its own words.
    """
    listed = _as_list(checks)
    short = False
    for check in listed:
        if await _passes(check, ctx):
            continue
        if not isinstance(check, _ScopeCheck):
            return False, []
        short = True
    if not short:
        return True, []
    missing: set[str] = set()
    for check in listed:
        if isinstance(check, _ScopeCheck):
            missing |= check.missing_scopes(ctx)
    return False, sorted(missing)
