"""``fastmcp.server.dependencies``: what a tool, resource or prompt asks about the request it
serves without taking a ``Context`` parameter."""

from __future__ import annotations

from typing import Any

from ferromcp.server._highlevel import Context

try:  # the dependency-injection engine fastmcp installs
    from uncalled_for import CallArgument, CycleError, Dependency, Depends, Shared
except ImportError:  # fastmcp is not installed: __getattr__ below says what to install
    pass

__all__ = ["get_context", "get_server", "get_http_request", "get_http_headers",
           "get_access_token", "CurrentContext", "OptionalCurrentContext", "CurrentFastMCP",
           "CurrentRequest", "CurrentHeaders", "CurrentAccessToken", "TokenClaim", "Progress",
           "ProgressLike", "without_injected_parameters", "Depends", "Shared", "CallArgument",
           "Dependency", "CycleError"]

#: Headers ``get_http_headers()`` leaves out unless ``include_all`` (or named in ``include``):
#: those about the connection itself and the credentials.
_LEFT_OUT = frozenset((
    "host", "content-length", "content-type", "connection", "transfer-encoding", "upgrade",
    "te", "keep-alive", "expect", "accept", "authorization", "cookie", "proxy-authenticate",
    "proxy-authorization", "proxy-connection", "mcp-session-id"))


def get_context() -> Context:
    """The ``Context`` of the request being served.

    Raises:
        RuntimeError: no request is being served.
    """
    from ferromcp import _fastmcp
    from ferromcp.server.lowlevel.server import request_ctx

    try:
        core_ctx = request_ctx.get()
    except LookupError:
        core_ctx = None
    if core_ctx is None:
        raise RuntimeError("No active context found.")
    return Context(core_ctx, _fastmcp._serving)


def get_server() -> Any:
    """The ``FastMCP`` server serving.

    Raises:
        RuntimeError: no server is serving.
    """
    from ferromcp import _fastmcp

    if _fastmcp._serving is None:
        raise RuntimeError("No FastMCP server instance in context")
    return _fastmcp._serving


def get_http_request() -> Any:
    """The HTTP request (a Starlette ``Request``) the request being served came in.

    Raises:
        RuntimeError: the request did not come over HTTP.
    """
    try:
        request = get_context().request_context.request
    except (RuntimeError, ValueError):
        request = None
    if request is None:
        raise RuntimeError("No active HTTP request found.")
    return request


def get_http_headers(include_all: bool = False, include: set[str] | None = None
                     ) -> dict[str, str]:
    """The headers of the HTTP request being served, lower-cased; ``{}`` without one. Headers
    about the connection and credentials are left out unless ``include_all``, or named in
    ``include``."""
    try:
        source = get_http_request().headers.items()
    except RuntimeError:
        return {}
    left_out = set() if include_all else _LEFT_OUT - {h.lower() for h in include or ()}
    return {name.lower(): str(value) for name, value in source
            if name.lower() not in left_out}


def get_access_token() -> Any:
    """The access token of the request being served, or None."""
    from ferromcp.server._auth import get_access_token as token

    return token()


# --- dependency injection (fastmcp 3/4: ``fastmcp.dependencies``) --------------------------------
#
# A parameter whose default is a dependency (``Depends(get_db)``, ``CurrentContext()`` …) is not
# the client's: it is left out of the schema and resolved for each call by the ``uncalled-for``
# engine fastmcp uses (installed with fastmcp); what a dependency opens is closed when the call
# ends.

def _engine() -> Any:
    try:
        import uncalled_for
    except ImportError:
        raise ImportError("fastmcp's dependency injection needs the `uncalled-for` package, "
                          "which fastmcp installs: pip install fastmcp") from None
    return uncalled_for


def _dependency_base() -> type:
    return _engine().Dependency  # type: ignore[no-any-return]


def _dependency(name: str, resolve: Any, doc: str) -> type:
    """A dependency class whose value is ``await resolve(self)``."""
    async def __aenter__(self: Any) -> Any:
        value = resolve(self)
        return await value if hasattr(value, "__await__") else value

    async def __aexit__(self: Any, *exc: Any) -> None:
        return None

    return type(name, (_dependency_base(),), {"__aenter__": __aenter__,
                                               "__aexit__": __aexit__, "__doc__": doc})


def _token_claim(dep: Any) -> Any:
    token = get_access_token()
    if token is None:
        raise RuntimeError(f"No access token available. Cannot extract claim "
                           f"'{dep.claim_name}'.")
    value = (getattr(token, "claims", None) or {}).get(dep.claim_name)
    if value is None:
        raise RuntimeError(f"Claim '{dep.claim_name}' not found in access token. Available "
                           f"claims: {list((token.claims or {}).keys())}")
    return value


def _access_token(_: Any) -> Any:
    token = get_access_token()
    if token is None:
        raise RuntimeError("No access token found. Ensure authentication is configured and "
                           "the request is authenticated.")
    return token


def _optional_context(_: Any) -> Any:
    try:
        return get_context()
    except RuntimeError:
        return None


_MADE: dict[str, type] = {}


def _made(name: str) -> type:
    if name not in _MADE:
        resolve, doc = {
            "context": (lambda _: get_context(), "The request's ``Context``."),
            "optional context": (_optional_context, "The request's ``Context``, or None."),
            "server": (lambda _: get_server(), "The ``FastMCP`` server serving."),
            "request": (lambda _: get_http_request(), "The HTTP request."),
            "headers": (lambda _: get_http_headers(include={"authorization", "cookie"}),
                        "The HTTP request's headers (credentials included)."),
            "token": (_access_token, "The request's access token."),
            "claim": (_token_claim, "One claim of the request's access token."),
        }[name]
        _MADE[name] = _dependency(f"_Current{name.title().replace(' ', '')}", resolve, doc)
    return _MADE[name]


def CurrentContext() -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the request's ``Context``."""
    return _made("context")()


def OptionalCurrentContext() -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the request's ``Context``, or None outside one."""
    return _made("optional context")()


def CurrentFastMCP() -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the ``FastMCP`` server serving."""
    return _made("server")()


def CurrentRequest() -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the HTTP request (RuntimeError over stdio)."""
    return _made("request")()


def CurrentHeaders() -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the HTTP request's headers, ``authorization`` and
    ``cookie`` included (``{}`` over stdio)."""
    return _made("headers")()


def CurrentAccessToken() -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the request's access token (RuntimeError without)."""
    return _made("token")()


def TokenClaim(name: str) -> Any:  # noqa: N802 - fastmcp's name
    """A parameter default resolving to the claim ``name`` of the request's access token."""
    made = _made("claim")()
    made.claim_name = name
    return made


class ProgressLike:
    """What a ``Progress()`` parameter offers: ``current``, ``total``, ``message``,
    ``set_total``, ``increment``, ``set_message``."""


def Progress() -> Any:  # noqa: N802 - a class in fastmcp, called the same way
    """A parameter default resolving to a fresh in-memory progress tracker per call (fastmcp
    reports it only from background tasks, which ferromcp does not run)."""
    return _progress_class()()


def _progress_class() -> type:
    if "progress" not in _MADE:
        class _Progress(_dependency_base(), ProgressLike):  # type: ignore[misc]
            """An in-memory progress tracker."""

            def __init__(self) -> None:
                self._current: int | None = None
                self._total = 1
                self._message: str | None = None

            async def __aenter__(self) -> Any:
                return type(self)()

            async def __aexit__(self, *exc: Any) -> None:
                return None

            @property
            def current(self) -> int | None:
                return self._current

            @property
            def total(self) -> int:
                return self._total

            @property
            def message(self) -> str | None:
                return self._message

            async def set_total(self, total: int) -> None:
                if total < 1:
                    raise ValueError("Total must be at least 1")
                self._total = total

            async def increment(self, amount: int = 1) -> None:
                if amount < 1:
                    raise ValueError("Amount must be at least 1")
                self._current = amount if self._current is None else self._current + amount

            async def set_message(self, message: str | None) -> None:
                self._message = message

        _MADE["progress"] = _Progress
    return _MADE["progress"]


def without_injected_parameters(fn: Any) -> Any:
    """``fn`` without the parameters dependencies provide: the same function when it has none,
    else an async wrapper whose signature (return annotation included) and type hints are
    ``fn``'s without them, which resolves them for each call and closes them after it."""
    try:
        engine = _engine()
    except ImportError:
        return fn
    import inspect

    injected = set(engine.get_dependency_parameters(fn))
    if not injected:
        return fn
    is_async = inspect.iscoroutinefunction(fn)

    async def wrapper(**arguments: Any) -> Any:
        given = {k: v for k, v in arguments.items() if k not in injected}
        async with engine.resolved_dependencies(fn, given) as resolved:
            for name, value in resolved.items():
                if isinstance(value, engine.FailedDependency):
                    error = value.error
                    # fastmcp's own errors (a ToolError …) and cycles are answered as raised.
                    if isinstance(error, engine.CycleError) or any(
                            c.__name__ == "FastMCPError" for c in type(error).__mro__):
                        raise error
                    raise RuntimeError(f"Failed to resolve dependency '{name}' for "
                                       f"{getattr(fn, '__name__', fn)}") from error
            result = fn(**given, **resolved)
            return await result if is_async or inspect.isawaitable(result) else result

    return _dressed_like(wrapper, fn, dropped=injected)


def _dressed_like(wrapper: Any, fn: Any, dropped: Any = ()) -> Any:
    """``wrapper`` (an async ``**arguments`` function calling ``fn``) made to look like ``fn``
    without the parameters ``dropped``: signature (return annotation kept), resolved type
    hints, name and docstring — what the schema builder reads. ``__wrapped_injected__`` names
    the function the author wrote."""
    import inspect
    import typing

    try:
        signature = inspect.signature(fn, eval_str=True)
        hints = typing.get_type_hints(fn, include_extras=True)
    except Exception:  # noqa: BLE001 - the schema builder reports unresolvable hints itself
        signature = inspect.signature(fn)
        hints = dict(getattr(fn, "__annotations__", {}))
    wrapper.__signature__ = signature.replace(
        parameters=[p for n, p in signature.parameters.items() if n not in dropped])
    wrapper.__annotations__ = {k: v for k, v in hints.items() if k not in dropped}
    for attr in ("__name__", "__qualname__", "__doc__", "__module__"):
        setattr(wrapper, attr, getattr(fn, attr, None))
    wrapper.__wrapped_injected__ = getattr(fn, "__wrapped_injected__", fn)
    return wrapper


def __getattr__(name: str) -> Any:
    if name in ("Depends", "Shared", "CallArgument", "Dependency", "CycleError"):
        return getattr(_engine(), name)  # raises ImportError, saying what to install
    raise AttributeError(f"module 'fastmcp.server.dependencies' has no attribute {name!r}")
