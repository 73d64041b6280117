"""The low-level server."""

from ferromcp.server.lowlevel.server import NotificationOptions, Server

__all__ = ["Server", "NotificationOptions"]
