"""Resolved tool parameters (``mcp.server.mcpserver.resolve``, ``mcp`` 2.x).

A tool parameter annotated ``Annotated[T, Resolve(fn)]`` is not an argument the client sends: it
is left out of the tool's input schema, and before the tool runs ``fn`` (a *resolver*) supplies
it. A resolver takes the request ``Context``, tool arguments by name and other resolved values
(``Annotated[U, Resolve(g)]``), so resolvers form a graph, each run at most once per call. It
returns the value itself, or asks the client for it:

* ``Elicit(message, Model)``: ask the user for a ``Model`` (form elicitation);
* ``Sample(messages, max_tokens=…)``: have the client's model answer (``CreateMessageResult``);
* ``ListRoots()``: the client's roots (``ListRootsResult``).

How the question travels depends on the revision the client speaks. Up to 2025-11-25 the server
sends ``elicitation/create``, ``sampling/createMessage`` or ``roots/list`` while the call runs.
From 2026-07-28 there is no back-channel: the call answers an input-required result listing
every open question at once (keyed by the resolver's ``module:qualname``), the client retries
with ``inputResponses`` and the ``requestState`` it was handed, and the tool runs when nothing
is open any more. The state records each answer with a digest of the question it answered, so a
question is asked once, and a reworded question is asked again. ``MCPServer`` seals the state.

A parameter typed as the outcome (``ElicitationResult[Model]`` or one of its members) receives
the ``AcceptedElicitation`` / ``DeclinedElicitation`` / ``CancelledElicitation`` itself; any other
type receives the accepted data, and a declined or cancelled elicitation fails the call with a
``ToolError``. A client that did not declare the capability a question needs gets a -32021
error (which capability a request needs is the core's rule, ``_core.missing_client_capabilities``).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import inspect
import json
import types
import typing
from collections.abc import Callable, Hashable, Mapping
from typing import Annotated, Any, Generic, TypeVar, get_args, get_origin

from ferromcp import _core
from ferromcp._schema import InvalidSignature
from ferromcp.server._highlevel import (
    AcceptedElicitation,
    CancelledElicitation,
    DeclinedElicitation,
    ElicitationResult,
    ToolError,
)
from ferromcp.shared.exceptions import MCPError

__all__ = ["Resolve", "Elicit", "Sample", "ListRoots", "ElicitationResult",
           "AcceptedElicitation", "DeclinedElicitation", "CancelledElicitation",
           "find_resolved_parameters", "build_resolver_plans", "resolve_arguments",
           "returns_input_required"]

T = TypeVar("T")

#: The first revision whose tool calls ask through input-required results.
_INPUT_REQUIRED_VERSION = "2026-07-28"
#: The layout of ferromcp's ``requestState`` for resolvers; another value reads as "no answers".
_STATE_LAYOUT = 1
_MISSING_CAPABILITY = -32021
_OUTCOMES = (AcceptedElicitation, DeclinedElicitation, CancelledElicitation)


# --- the markers --------------------------------------------------------------------------------

class Resolve:
    """``Annotated[T, Resolve(fn)]``: the parameter is filled by running ``fn``."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn

    def __repr__(self) -> str:
        return f"Resolve({_display_name(self.fn)})"


class Elicit(Generic[T]):
    """Returned by a resolver: ask the user for data shaped like ``schema`` (a pydantic model,
    dataclass or TypedDict of primitive fields)."""

    def __init__(self, message: str, schema: type[T]) -> None:
        self.message = message
        self.schema = schema


class Sample:
    """Returned by a resolver: have the client's model answer ``messages``
    (``sampling/createMessage``). The resolved value is a ``CreateMessageResult``, or a
    ``CreateMessageResultWithTools`` when ``tools`` or ``tool_choice`` are given (which needs the
    client's ``sampling.tools``).

    Raises:
        ValueError: the messages pair tool uses and tool results wrongly.
    """

    def __init__(self, messages: list[Any], *, max_tokens: int,
                 system_prompt: str | None = None, include_context: str | None = None,
                 temperature: float | None = None, stop_sequences: list[str] | None = None,
                 metadata: dict[str, Any] | None = None, model_preferences: Any = None,
                 tools: list[Any] | None = None, tool_choice: Any = None) -> None:
        from ferromcp.server.validation import validate_tool_use_result_messages
        from ferromcp.types import CreateMessageRequestParams

        validate_tool_use_result_messages(messages)
        given = {"messages": messages, "maxTokens": max_tokens, "systemPrompt": system_prompt,
                 "includeContext": include_context, "temperature": temperature,
                 "stopSequences": stop_sequences, "metadata": metadata,
                 "modelPreferences": model_preferences, "tools": tools,
                 "toolChoice": tool_choice}
        self.params = CreateMessageRequestParams(
            **{k: v for k, v in given.items() if v is not None})
        self._with_tools = tools is not None or tool_choice is not None


class ListRoots:
    """Returned by a resolver: the client's roots (``roots/list``); the resolved value is a
    ``ListRootsResult``."""


_MARKERS = (Elicit, Sample, ListRoots)


# --- reading signatures -------------------------------------------------------------------------

def _display_name(fn: Any) -> str:
    return getattr(fn, "__name__", None) or type(fn).__name__


def _hints(fn: Any) -> dict[str, Any]:
    """``fn``'s annotations with ``Annotated`` kept; empty when they cannot be evaluated (a
    callable object is read through its ``__call__``)."""
    target = fn if inspect.isroutine(fn) else getattr(type(fn), "__call__", fn)  # noqa: B004
    try:
        return typing.get_type_hints(target, include_extras=True)
    except Exception:  # noqa: BLE001 - unreadable annotations resolve nothing
        return {}


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType)


def _marker_of(annotation: Any) -> tuple[Resolve | None, bool]:
    """The ``Resolve`` on a top-level ``Annotated`` and whether the type asks for the outcome."""
    if get_origin(annotation) is not Annotated:
        return None, False
    inner, *extra = get_args(annotation)
    marker = next((m for m in extra if isinstance(m, Resolve)), None)
    return marker, marker is not None and _wants_outcome(inner)


def _wants_outcome(tp: Any) -> bool:
    """Whether ``tp`` is ``ElicitationResult[...]`` or one of its members (or a union of them)."""
    alias_value = getattr(tp, "__value__", None) or getattr(get_origin(tp), "__value__", None)
    if alias_value is not None:
        tp = alias_value
    members = get_args(tp) if _is_union(tp) else (tp,)
    for m in members:
        cls = get_origin(m) or m
        if isinstance(cls, type) and issubclass(cls, _OUTCOMES):
            return True
    return False


def _buried_resolve(annotation: Any) -> bool:
    """Whether a ``Resolve`` sits inside ``annotation`` below the top level."""
    if get_origin(annotation) is Annotated:
        return any(isinstance(m, Resolve) for m in get_args(annotation)[1:])
    return any(_buried_resolve(a) for a in get_args(annotation))


def find_resolved_parameters(fn: Callable[..., Any]) -> dict[str, tuple[Resolve, bool]]:
    """The parameters of ``fn`` annotated ``Annotated[T, Resolve(...)]``.

    Returns:
        ``{name: (Resolve, wants_outcome)}``; ``wants_outcome`` is True when ``T`` is
        ``ElicitationResult[...]`` or one of its members.

    Raises:
        InvalidSignature: a ``Resolve`` is nested in a union instead of on the parameter.
    """
    hints = _hints(fn)
    found: dict[str, tuple[Resolve, bool]] = {}
    for name in inspect.signature(fn).parameters:
        annotation = hints.get(name)
        marker, wants_outcome = _marker_of(annotation)
        if marker is not None:
            found[name] = (marker, wants_outcome)
        elif get_origin(annotation) is not Annotated and _buried_resolve(annotation):
            raise InvalidSignature(
                f"Parameter {name!r} of {_display_name(fn)!r} wraps `Resolve(...)` in a union; "
                "annotate the parameter directly as `Annotated[T, Resolve(...)]`")
    return found


def returns_input_required(fn: Callable[..., Any]) -> bool:
    """Whether ``fn``'s return annotation allows an ``InputRequiredResult`` (a tool that asks
    for input itself cannot also have resolved parameters: one call has one ``requestState``)."""
    return _allows_input_required(_hints(fn).get("return"))


def _allows_input_required(tp: Any) -> bool:
    if get_origin(tp) is Annotated:
        return _allows_input_required(get_args(tp)[0])
    try:
        alias_value = getattr(tp, "__value__", None)
    except NameError:
        return False
    if alias_value is not None:
        return _allows_input_required(alias_value)
    if _is_union(tp):
        return any(_allows_input_required(a) for a in get_args(tp))
    return isinstance(tp, type) and tp.__name__ == "InputRequiredResult" and (
        tp.__module__.split(".")[0] in ("ferromcp", "mcp", "mcp_types"))


def _check_return(fn: Any, hints: dict[str, Any]) -> None:
    """A resolver asks at most one question: at most one marker type in its return annotation."""
    tp = hints.get("return")
    arms = get_args(tp) if _is_union(tp) else (tp,)
    markers = [a for a in arms if get_origin(a) is Elicit or (
        get_origin(a) is None and isinstance(a, type) and issubclass(a, _MARKERS))]
    if len(markers) > 1:
        raise InvalidSignature(
            f"Resolver {_display_name(fn)!r} return annotation has multiple Elicit/Sample/"
            "ListRoots arms; a resolver asks one question - split it into separate resolvers")


def _is_context(annotation: Any) -> bool:
    from ferromcp._schema import _default_is_context

    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return _default_is_context(annotation)


# --- plans --------------------------------------------------------------------------------------

class _ResolverPlan:
    """One resolver, analysed at registration: where each of its parameters comes from
    (``("context",)``, ``("argument",)`` or ``("resolve", Resolve, wants_outcome)``), whether it
    is a coroutine function, and its key on the wire."""

    __slots__ = ("fn", "is_async", "params", "wire_key")

    def __init__(self, fn: Callable[..., Any], params: dict[str, tuple[Any, ...]],
                 is_async: bool, wire_key: str) -> None:
        self.fn = fn
        self.params = params
        self.is_async = is_async
        self.wire_key = wire_key

    def __repr__(self) -> str:
        return f"_ResolverPlan({self.wire_key!r})"


def _identity(fn: Any) -> Hashable:
    """Who a resolver is: a bound method is made anew at each attribute access, so it is its
    function and its instance; anything else is the object."""
    owner = getattr(fn, "__self__", None)
    if owner is None:
        return id(fn)
    func = getattr(fn, "__func__", None)
    return (id(func) if func is not None else getattr(fn, "__name__", id(fn)), id(owner))


def _base_key(fn: Any) -> str:
    """``module:qualname``: the same in every process serving the tool, so a retry may reach
    another replica."""
    qualname = getattr(fn, "__qualname__", None) or type(fn).__qualname__
    module = getattr(fn, "__module__", None) or type(fn).__module__
    return f"{module}:{qualname}"


def build_resolver_plans(resolved_params: Mapping[str, tuple[Resolve, bool]],
                         tool_arg_names: set[str]) -> dict[Hashable, _ResolverPlan]:
    """Analyses every resolver reachable from a tool's resolved parameters.

    Args:
        resolved_params: what :func:`find_resolved_parameters` found on the tool.
        tool_arg_names: the tool's arguments (a resolver may take them by name).

    Returns:
        The plans by resolver identity. Resolvers sharing a ``module:qualname`` (closures of one
        factory) get the keys ``base``, ``base#1``, … in the order they are met.

    Raises:
        InvalidSignature: a resolver depends on itself, has a parameter that is neither a
            ``Context``, a resolved value nor a tool argument, or may ask two questions.
    """
    plans: dict[Hashable, _ResolverPlan] = {}
    seen_bases: dict[str, int] = {}

    def visit(fn: Any, path: tuple[Hashable, ...]) -> None:
        ident = _identity(fn)
        if ident in path:
            raise InvalidSignature(f"Resolver {_display_name(fn)!r} has a cyclic dependency")
        if ident in plans:
            return
        base = _base_key(fn)
        n = seen_bases.get(base, 0)
        seen_bases[base] = n + 1
        hints = _hints(fn)
        params: dict[str, tuple[Any, ...]] = {}
        deps: list[Any] = []
        for name in inspect.signature(fn).parameters:
            annotation = hints.get(name)
            if annotation is not None and _is_context(annotation):
                params[name] = ("context",)
                continue
            marker, wants_outcome = _marker_of(annotation)
            if marker is not None:
                params[name] = ("resolve", marker, wants_outcome)
                deps.append(marker.fn)
            elif name in tool_arg_names:
                params[name] = ("argument",)
            else:
                raise InvalidSignature(
                    f"Resolver {_display_name(fn)!r} parameter {name!r} cannot be resolved: "
                    "expected a Context, an Annotated[_, Resolve(...)], or a tool argument by "
                    "name")
        _check_return(fn, hints)
        from ferromcp._schema import _is_async_callable

        plans[ident] = _ResolverPlan(fn, params, _is_async_callable(fn),
                                     base if n == 0 else f"{base}#{n}")
        for dep in deps:
            visit(dep, (*path, ident))

    for marker, _ in resolved_params.values():
        visit(marker.fn, ())
    return plans


# --- resolving ----------------------------------------------------------------------------------

class _Open(Exception):
    """A resolver (or one it depends on) waits for an answer the client has not given yet."""


def _wire(value: Any) -> Any:
    """``value`` as JSON data: models of ferromcp, ``mcp`` or pydantic dumped by alias."""
    from ferromcp.types import _Model

    if isinstance(value, _Model):
        return _wire(value.model_dump(by_alias=True, exclude_none=True))
    if hasattr(value, "model_dump"):
        return value.model_dump(by_alias=True, exclude_none=True, mode="json")
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_wire(v) for v in value]
    return value


def _request(marker: Any) -> dict[str, Any]:
    """The server→client request a marker stands for, as it goes on the wire."""
    from ferromcp import _schema

    if isinstance(marker, Elicit):
        rendered = _schema.elicitation_schema(marker.schema)[0]
        # The spec's requestedSchema has these members only; mcp 2.x sends no others (title).
        schema = {k: rendered[k] for k in ("$schema", "type", "properties", "required")
                  if k in rendered}
        return {"method": "elicitation/create",
                "params": {"mode": "form", "message": marker.message, "requestedSchema": schema}}
    if isinstance(marker, Sample):
        return {"method": "sampling/createMessage", "params": _wire(marker.params)}
    return {"method": "roots/list"}


def _result_type(marker: Any) -> Any:
    from ferromcp import types as t

    if isinstance(marker, ListRoots):
        return t.ListRootsResult
    return t.CreateMessageResultWithTools if marker._with_tools else t.CreateMessageResult


def _digest(request: dict[str, Any]) -> str:
    """Pins an answer to the question as the client saw it."""
    text = json.dumps(request.get("params"), sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()[:16]).decode().rstrip(
        "=")


def _capabilities(context: Any) -> Any:
    caps = context.client_capabilities
    return _wire(caps) if caps is not None else {}


def _require(context: Any, request: dict[str, Any], key: str) -> None:
    """Raises the -32021 error when the client lacks what ``request`` needs.

    Raises:
        MCPError: the client did not declare the capability.
    """
    required = _core.missing_client_capabilities(request, _capabilities(context))
    if required is None:
        return
    if "elicitation" in required:
        what = "form elicitation"
    elif "sampling" in required:
        what = "sampling.tools" if "tools" in (required["sampling"] or {}) else "sampling"
    else:
        what = "roots"
    raise MCPError(code=_MISSING_CAPABILITY,
                   message=f"Client did not declare the {what} capability required by "
                           f"resolver {key!r}",
                   data={"requiredCapabilities": required})


class _Call:
    """One ``tools/call``'s resolution: answers given, state handed back, questions opened."""

    def __init__(self, plans: Mapping[Hashable, _ResolverPlan], tool_args: Mapping[str, Any],
                 context: Any) -> None:
        self.plans = plans
        self.tool_args = tool_args
        self.context = context
        self.rounds = _revision(context) >= _INPUT_REQUIRED_VERSION
        self.answers: dict[str, Any] = (context.input_responses or {}) if self.rounds else {}
        state = _read_state(context.request_state if self.rounds else None)
        self.recorded: dict[str, dict[str, Any]] = state.get("outcomes", {})
        self.asked: dict[str, str] = state.get("asked", {})
        self.done: dict[Hashable, Any] = {}
        self.keep: dict[str, dict[str, Any]] = {}
        self.open: dict[str, dict[str, Any]] = {}


def _revision(context: Any) -> str:
    """The revision the request speaks; "" outside a request (``call_tool`` in process), where
    resolvers that ask nothing still work."""
    try:
        return context.protocol_version or ""
    except (AttributeError, ValueError):
        return ""


def _read_state(state: str | None) -> dict[str, Any]:
    if not state:
        return {}
    try:
        decoded = json.loads(state)
    except ValueError:
        return {}
    if not isinstance(decoded, dict) or decoded.get("v") != _STATE_LAYOUT:
        return {}
    return decoded


async def resolve_arguments(resolved_params: Mapping[str, tuple[Resolve, bool]],
                            plans: Mapping[Hashable, _ResolverPlan],
                            tool_args: Mapping[str, Any],
                            context: Any) -> dict[str, Any] | Any:
    """Runs the resolvers of a call and returns the values of the resolved parameters, or —
    from 2026-07-28, while questions are open — the ``InputRequiredResult`` asking them (the
    tool does not run this round).

    Raises:
        ToolError: an elicitation was declined or cancelled where the parameter wants the data,
            or the client answered with something that does not fit.
        MCPError: the client lacks a capability a question needs, or answered a question
            with an error.
    """
    call = _Call(plans, tool_args, context)
    values: dict[str, Any] = {}
    for name, (marker, wants_outcome) in resolved_params.items():
        try:
            outcome = await _run(marker.fn, call)
        except _Open:
            continue
        values[name] = outcome if wants_outcome else _data(outcome, name)
    if call.open:
        from ferromcp.types import InputRequiredResult

        asked = {key: _digest(request) for key, request in call.open.items()}
        state = json.dumps({"v": _STATE_LAYOUT, "outcomes": call.keep, "asked": asked},
                           separators=(",", ":"))
        return InputRequiredResult(inputRequests=call.open, requestState=state)
    return values


def _data(outcome: Any, name: str) -> Any:
    if isinstance(outcome, AcceptedElicitation):
        return outcome.data
    raise ToolError(f"Resolver for parameter {name!r} could not resolve: elicitation was "
                    f"{outcome.action}")


async def _run(fn: Any, call: _Call) -> Any:
    """The outcome of one resolver, run once per call; raises :class:`_Open` while it (or one
    it depends on) waits for the client."""
    ident = _identity(fn)
    if ident in call.done:
        return call.done[ident]
    plan = call.plans[ident]
    if plan.wire_key in call.open:
        raise _Open
    kwargs: dict[str, Any] = {}
    waiting = False
    for name, source in plan.params.items():
        if source[0] == "context":
            kwargs[name] = call.context
        elif source[0] == "argument":
            kwargs[name] = call.tool_args[name]
        else:
            try:
                # Every dependency runs, so independent questions are asked in one round.
                dep = await _run(source[1].fn, call)
            except _Open:
                waiting = True
                continue
            kwargs[name] = dep if source[2] else _data(dep, name)
    if waiting:
        raise _Open
    if plan.is_async:
        value = await fn(**kwargs)
    else:
        value = await asyncio.to_thread(fn, **kwargs)
    outcome = (await _ask(value, plan.wire_key, call) if isinstance(value, _MARKERS)
               else AcceptedElicitation(value))
    call.done[ident] = outcome
    return outcome


async def _ask(marker: Any, key: str, call: _Call) -> Any:
    """The answer to a resolver's question: asked now (before 2026-07-28), or taken from this
    round's answers or the recorded state, or opened for the client to answer."""
    request = _request(marker)
    if not call.rounds:
        _require(call.context, request, key)
        return await _ask_now(marker, request, key, call.context)
    q = _digest(request)
    entry = call.recorded.get(key)
    if entry is not None and entry.get("q") == q:
        try:
            outcome = _restore(entry, marker)
        except Exception:  # noqa: BLE001 - a record that no longer fits is asked again
            outcome = None
        if outcome is not None:
            call.keep[key] = entry
            return outcome
    answer = call.answers.get(key)
    if answer is not None and call.asked.get(key) != q:
        answer = None  # answers a question worded otherwise: ask this one
    if answer is None:
        _require(call.context, request, key)
        call.open[key] = request
        raise _Open
    return _take(marker, answer, key, q, call)


async def _ask_now(marker: Any, request: dict[str, Any], key: str, context: Any) -> Any:
    session = context.session
    if not isinstance(marker, Elicit):
        return AcceptedElicitation(await session.send_request(request, _result_type(marker)))
    params = request["params"]
    result = await session.elicit_form(params["message"], params["requestedSchema"])
    action = getattr(result, "action", None)
    if action == "decline":
        return DeclinedElicitation()
    if action != "accept":
        return CancelledElicitation()
    content = getattr(result, "content", None)
    if content is None:
        raise ToolError(f"Resolver {key!r}: Received an accepted elicitation with no content")
    try:
        return AcceptedElicitation(_build(marker, content))
    except ValueError as exc:
        raise ToolError(f"Resolver {key!r}: Received an accepted elicitation whose content "
                        "does not match the requested schema") from exc


def _build(marker: Elicit[Any], content: Any) -> Any:
    from ferromcp import _schema

    return _schema.elicitation_schema(marker.schema)[1](content)


def _take(marker: Any, answer: Any, key: str, q: str, call: _Call) -> Any:
    """This round's answer to ``key``, checked against the question and recorded."""
    wire = _wire(answer)
    if not isinstance(marker, Elicit):
        try:
            result = _result_type(marker).model_validate(wire)
            if isinstance(marker, ListRoots) and not isinstance(wire.get("roots"), list):
                raise ValueError("not a roots list")
            if isinstance(marker, Sample) and "role" not in wire:
                raise ValueError("not a sampling result")
        except Exception as exc:
            raise ToolError(f"Resolver {key!r} received a response of the wrong kind") from exc
        call.keep[key] = {"action": "accept", "data": wire, "q": q}
        return AcceptedElicitation(result)
    action = wire.get("action") if isinstance(wire, dict) else None
    if action not in ("accept", "decline", "cancel"):
        raise ToolError(f"Resolver {key!r} received a non-elicitation response")
    if action == "accept":
        content = wire.get("content")
        if content is None:
            raise ToolError(f"Resolver {key!r} received an accepted elicitation with no content")
        try:
            data = _build(marker, content)
        except ValueError as exc:
            raise ToolError(f"Resolver {key!r} received an accepted elicitation whose content "
                            "does not match the requested schema") from exc
        call.keep[key] = {"action": "accept", "data": content, "q": q}
        return AcceptedElicitation(data)
    call.keep[key] = {"action": action, "q": q}
    return DeclinedElicitation() if action == "decline" else CancelledElicitation()


def _restore(entry: dict[str, Any], marker: Any) -> Any:
    action = entry.get("action")
    if isinstance(marker, Elicit):
        if action == "decline":
            return DeclinedElicitation()
        if action == "cancel":
            return CancelledElicitation()
        return AcceptedElicitation(_build(marker, entry.get("data")))
    return AcceptedElicitation(_result_type(marker).model_validate(entry.get("data")))
