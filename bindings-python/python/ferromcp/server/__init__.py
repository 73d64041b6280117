"""Servers: the low-level ``Server`` (1.x decorators and 2.x ``on_*`` keywords)."""

from ferromcp.server.lowlevel.server import NotificationOptions, Server
from ferromcp.server.models import InitializationOptions

__all__ = ["Server", "NotificationOptions", "InitializationOptions"]
