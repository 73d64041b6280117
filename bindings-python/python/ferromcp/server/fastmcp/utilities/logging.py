"""Logging helpers (``mcp.server.fastmcp.utilities.logging``)."""

from __future__ import annotations

import logging
from typing import Literal

__all__ = ["get_logger", "configure_logging"]


def get_logger(name: str) -> logging.Logger:
    """The logger named ``name`` (a plain ``logging.getLogger``)."""
    return logging.getLogger(name)


def configure_logging(level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
                      ) -> None:
    """Sends log records at ``level`` and above to stderr (through rich when it is installed),
    as the official helper does; stdout stays the protocol's."""
    handlers: list[logging.Handler] = []
    try:
        from rich.console import Console
        from rich.logging import RichHandler

        handlers.append(RichHandler(console=Console(stderr=True), rich_tracebacks=True))
    except ImportError:
        handlers.append(logging.StreamHandler())
    logging.basicConfig(level=level, format="%(message)s", handlers=handlers)
