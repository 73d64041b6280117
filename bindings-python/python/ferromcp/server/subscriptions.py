"""The events a server announces to ``subscriptions/listen`` requests (2026-07-28), and the bus
they travel on (``mcp.server.subscriptions``).

``MCPServer`` has a bus: ``subscriptions=None`` (the default) makes an
:class:`InMemorySubscriptionBus`, ``subscriptions=False`` serves no listens, and a
:class:`SubscriptionBus` of the author's own (one that spans replicas, say) is used as given.
``ctx.notify_tools_changed()`` and its siblings publish on it; code outside any request publishes
with ``await bus.publish(ToolsListChanged())``. ferromcp's core subscribes to the bus while the
server runs and delivers each event to the open listens that asked for it, tagged with the
listen's id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeAlias, runtime_checkable

__all__ = ["SUBSCRIPTION_ID_META_KEY", "InMemorySubscriptionBus", "ListenHandler",
           "PromptsListChanged", "ResourceUpdated", "ResourcesListChanged", "ServerEvent",
           "SubscriptionBus", "ToolsListChanged"]

logger = logging.getLogger(__name__)

#: The ``_meta`` key of every listen notification: the listen request's id.
SUBSCRIPTION_ID_META_KEY = "io.modelcontextprotocol/subscriptionId"


@dataclass(frozen=True)
class ToolsListChanged:
    """The server's tool list changed."""


@dataclass(frozen=True)
class PromptsListChanged:
    """The server's prompt list changed."""


@dataclass(frozen=True)
class ResourcesListChanged:
    """The server's resource list changed."""


@dataclass(frozen=True)
class ResourceUpdated:
    """The resource at ``uri`` changed."""

    uri: str


ServerEvent: TypeAlias = (
    ToolsListChanged | PromptsListChanged | ResourcesListChanged | ResourceUpdated
)


@runtime_checkable
class SubscriptionBus(Protocol):
    """Where a server's events are published and heard."""

    async def publish(self, event: ServerEvent) -> None:
        """Delivers ``event`` to every listener."""
        ...

    def subscribe(self, listener: Callable[[ServerEvent], None]) -> Callable[[], None]:
        """Registers ``listener``; returns what unsubscribes it."""
        ...


class InMemorySubscriptionBus:
    """A bus within one process: each event goes to the listeners in the order they subscribed;
    a listener that raises is logged and skipped."""

    def __init__(self) -> None:
        self._listeners: dict[object, Callable[[ServerEvent], None]] = {}

    async def publish(self, event: ServerEvent) -> None:
        """Delivers ``event`` to every listener."""
        for listener in list(self._listeners.values()):
            try:
                listener(event)
            except Exception:  # noqa: BLE001 - one listener must not starve the others
                logger.exception("subscription listener raised; continuing")

    def subscribe(self, listener: Callable[[ServerEvent], None]) -> Callable[[], None]:
        """Registers ``listener``; returns an idempotent unsubscribe."""
        token = object()
        self._listeners[token] = listener

        def unsubscribe() -> None:
            self._listeners.pop(token, None)
        return unsubscribe


class ListenHandler:
    """Serves ``subscriptions/listen`` from ``bus`` on a low-level ``Server``
    (``Server(on_subscriptions_listen=ListenHandler(bus))``); ``MCPServer`` has one already.
    The listens themselves are held by ferromcp's core."""

    def __init__(self, bus: SubscriptionBus, *, max_subscriptions: int = 1024,
                 max_buffered_events: int = 1024) -> None:
        self.bus = bus
        #: Listens open at once; one more is refused with -32603 "Subscription limit reached".
        self.max_subscriptions = max_subscriptions
        #: Taken for the official signature: ferromcp's core writes each event to the listen's
        #: stream as it is published, under the transport's own back-pressure, with no backlog.
        self.max_buffered_events = max_buffered_events
        self._closers: list[Callable[[], None]] = []

    def _attach(self, closer: Callable[[], None]) -> None:
        # Called by the core for each server serving listens with this handler.
        self._closers.append(closer)

    def close(self) -> None:
        """Ends every open listen gracefully: each answers its final result (stamped with
        its subscription id), telling the client the stream ended on purpose."""
        for closer in list(self._closers):
            closer()
