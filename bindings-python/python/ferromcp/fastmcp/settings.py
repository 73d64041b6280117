"""``fastmcp.settings``: the settings fastmcp reads from ``FASTMCP_*`` variables; ferromcp keeps
the ones servers read (a value of its own is taken as given)."""

from __future__ import annotations

import os
from typing import Any

__all__ = ["Settings", "settings"]


class Settings:
    """``fastmcp.settings.Settings``: attributes read from ``FASTMCP_<NAME>``."""

    def __init__(self, **values: Any) -> None:
        self.log_level = os.environ.get("FASTMCP_LOG_LEVEL", "INFO")
        self.log_enabled = os.environ.get("FASTMCP_LOG_ENABLED", "true").lower() != "false"
        self.mask_error_details = os.environ.get(
            "FASTMCP_MASK_ERROR_DETAILS", "false").lower() == "true"
        self.deprecation_warnings = True
        self.__dict__.update(values)


settings = Settings()
