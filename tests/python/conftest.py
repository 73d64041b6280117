"""Shared fixtures: async tests run on anyio's asyncio backend (the mcp client needs anyio)."""

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
