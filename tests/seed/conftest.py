"""Runs the seed tutorial's unit tests as written, against the tutorial's file server as
``examples/`` has it (``from file_server import server``). They mark coroutine tests with
``@pytest.mark.asyncio``. Where pytest-asyncio is installed it runs them; otherwise this file
does the little the tutorial needs from it (each marked test in a fresh event loop)."""

from __future__ import annotations

import asyncio
import inspect
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.hasplugin("asyncio"):
        config.addinivalue_line("markers", "asyncio: run the coroutine test in an event loop")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Any:
    if pyfuncitem.config.pluginmanager.hasplugin("asyncio"):
        return None
    if not (inspect.iscoroutinefunction(pyfuncitem.obj)
            and pyfuncitem.get_closest_marker("asyncio")):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
    return True
