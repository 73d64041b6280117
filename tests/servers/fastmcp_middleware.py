"""fastmcp's built-in middleware, unmodified fastmcp 4 style: runs on the real fastmcp and under
``python -m ferromcp run`` (``tests/python/test_fastmcp_middleware_builtin.py`` compares them).

``MW_MODE`` picks the chain: ``chain`` (default: error handling with transform_errors, retry,
timing, detailed timing, logging, structured logging, response limiting, ping), ``plain``
(error handling without transform_errors), ``late`` (error handling added after the tools),
``bucket`` (a token bucket of 4, per client),
``global`` (a global bucket of 3), ``window`` (a sliding window of 4 a minute), ``ping`` (a
ping every 200 ms). The ``logs`` tool
answers the log records the middleware wrote since it was last called.
"""

import logging
import os

from fastmcp import Context, FastMCP
from fastmcp.server.middleware import PingMiddleware
from fastmcp.server.middleware.error_handling import ErrorHandlingMiddleware, RetryMiddleware
from fastmcp.server.middleware.logging import LoggingMiddleware, StructuredLoggingMiddleware
from fastmcp.server.middleware.rate_limiting import (
    RateLimitingMiddleware,
    SlidingWindowRateLimitingMiddleware,
)
from fastmcp.server.middleware.response_limiting import ResponseLimitingMiddleware
from fastmcp.server.middleware.timing import DetailedTimingMiddleware, TimingMiddleware

RECORDS: list[dict] = []
SEEN_ERRORS: list[str] = []


class Capture(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        RECORDS.append({"logger": record.name, "level": record.levelname,
                        "message": record.getMessage()})


root = logging.getLogger("mw")
root.addHandler(Capture())
root.setLevel(logging.DEBUG)
root.propagate = False


def on_error(error: Exception, context) -> None:
    SEEN_ERRORS.append(f"{type(error).__name__} {context.method}")


mode = os.environ.get("MW_MODE", "chain")
mcp = FastMCP("middleware")
if mode == "chain":
    mcp.add_middleware(ErrorHandlingMiddleware(logger=logging.getLogger("mw.errors"),
                                               error_callback=on_error,
                                               transform_errors=True))
    mcp.add_middleware(RetryMiddleware(max_retries=2, base_delay=0.01,
                                       retry_exceptions=(ConnectionError,),
                                       logger=logging.getLogger("mw.retry")))
    mcp.add_middleware(TimingMiddleware(logger=logging.getLogger("mw.timing"),
                                        log_level=logging.WARNING))
    mcp.add_middleware(DetailedTimingMiddleware(logger=logging.getLogger("mw.detailed")))
    mcp.add_middleware(LoggingMiddleware(logger=logging.getLogger("mw.logging"),
                                         include_payloads=True, max_payload_length=40,
                                         methods=["tools/call"]))
    mcp.add_middleware(StructuredLoggingMiddleware(logger=logging.getLogger("mw.structured"),
                                                   log_level=logging.DEBUG,
                                                   include_payload_length=True,
                                                   estimate_payload_tokens=True))
    mcp.add_middleware(ResponseLimitingMiddleware(max_size=200, tools=["big", "big_typed"],
                                                  truncation_suffix=" [cut]"))
    mcp.add_middleware(PingMiddleware(interval_ms=60_000))
elif mode == "plain":
    mcp.add_middleware(ErrorHandlingMiddleware(logger=logging.getLogger("mw.errors"),
                                               transform_errors=False))
elif mode == "bucket":
    mcp.add_middleware(RateLimitingMiddleware(max_requests_per_second=0.001,
                                              burst_capacity=4))
elif mode == "global":
    mcp.add_middleware(RateLimitingMiddleware(max_requests_per_second=0.001,
                                              burst_capacity=3, global_limit=True))
elif mode == "ping":
    mcp.add_middleware(PingMiddleware(interval_ms=200))
elif mode == "window":
    mcp.add_middleware(SlidingWindowRateLimitingMiddleware(
        max_requests=4, window_minutes=1, get_client_id=lambda context: "me"))

attempts = {"flaky": 0}


@mcp.tool
def add(a: int, b: int) -> int:
    """Adds."""
    return a + b


@mcp.tool
def bad_value(x: str) -> str:
    raise ValueError(f"bad {x}")


@mcp.tool
def missing() -> str:
    raise FileNotFoundError("no such file: a.txt")


@mcp.tool
def denied() -> str:
    raise PermissionError("not yours")


@mcp.tool
def slow_out() -> str:
    raise TimeoutError("took too long")


@mcp.tool
def boom() -> str:
    raise RuntimeError("kaboom")


@mcp.tool
async def flaky(ctx: Context) -> str:
    attempts["flaky"] += 1
    if attempts["flaky"] < 3:
        raise ConnectionError(f"attempt {attempts['flaky']}")
    return f"ok after {attempts['flaky']} in request {ctx.request_id}"


@mcp.tool
def always_down() -> str:
    raise ConnectionError("down")


@mcp.tool
def big() -> str:
    return "é" * 300


@mcp.tool
def big_typed() -> dict:
    return {"items": ["x" * 20] * 20}


@mcp.tool
def logs() -> list:
    out = list(RECORDS)
    RECORDS.clear()
    return out


@mcp.tool
def errors_seen() -> dict:
    return {"errors": list(SEEN_ERRORS)}


@mcp.resource("data://config")
def config() -> str:
    return "cfg"


@mcp.resource("data://item/{key}")
def item(key: str) -> str:
    raise KeyError(key)


@mcp.prompt
def review(code: str) -> str:
    return f"Review: {code}"


if mode == "late":
    # Added after the tools, as some servers do.
    mcp.add_middleware(ErrorHandlingMiddleware(logger=logging.getLogger("mw.errors")))

if __name__ == "__main__":
    mcp.run()
